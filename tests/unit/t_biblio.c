/*
 * t_biblio: loading CSL-YAML (the shipped file and every error with its
 * position), citation numbering and labels, unknown keys with their
 * suggestion, Vancouver formatting and the reference list's node tree.
 * Run from the top of the tree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "biblio.h"
#include "diag.h"
#include "doc.h"
#include "fixture.h"
#include "harness.h"
#include "xalloc.h"

#define FIX	"tests/fixtures/biblio/"

static struct biblio *
load(const char *path, const char **err)
{
	struct biblio *b;

	fixture_capture_begin();
	b = biblio_load(path);
	*err = harness_capture_end();
	return b;
}

static struct node *
text_node(const char *s)
{
	struct node *t = doc_new(NODE_TEXT, 1, 1);

	t->text = xstrdup(s);
	return t;
}

static struct node *
cite_node(struct node *para, const char *keys, int line, int col)
{
	struct node *c = doc_new(NODE_CITE, line, col);

	c->text = xstrdup(keys);
	doc_append(para, c);
	return c;
}

static void
test_shipped(void)
{
	struct biblio *b;
	const char *err;
	char *s;

	b = load("content/references.yaml", &err);
	CHECK(b != NULL);
	CHECK_STR(err, "");
	CHECK_INT(diag_count(DIAG_ERROR), 0);
	CHECK_INT(diag_count(DIAG_WARNING), 0);
	CHECK_INT(biblio_count(b), 10);
	s = biblio_format(b, "egger2020");
	CHECK_STR(s, "Egger ME, et al. Transarterial chemoembolization vs "
	    "radioembolization for neuroendocrine liver metastases: a "
	    "multi-institutional analysis. Journal of the American College "
	    "of Surgeons. 2020;230(4):363-370.");
	free(s);
	s = biblio_format(b, "nct03590119");
	CHECK(s != NULL && strstr(s, ". ClinicalTrials.gov. Available from: "
	    "https://clinicaltrials.gov/study/NCT03590119 (accessed 2026 Nov "
	    "27)") != NULL);
	free(s);
	CHECK(biblio_format(b, "nosuchkey") == NULL);
	biblio_free(b);
}

static void
test_errors(void)
{
	struct biblio *b;
	const char *err;

	b = load(FIX "errors.yaml", &err);
	CHECK(b == NULL);
	CHECK_STR(err,
	    FIX "errors.yaml:6:9: error: the id 'one' is already used by the "
	    "reference at line 2: give each reference its own id\n"
	    FIX "errors.yaml:8:5: error: missing key 'id' in reference 3: "
	    "add a line 'id: ...'\n"
	    FIX "errors.yaml:10:5: error: missing key 'title' in the "
	    "reference 'notitle': add a line 'title: ...'\n"
	    FIX "errors.yaml:15:27: error: 13 is not a valid month: write the "
	    "date as [[year, month, day]], as in [[2020, 1, 22]]\n"
	    FIX "errors.yaml:18:13: error: 'author' should be a list, one "
	    "'- family: ...' entry per author\n"
	    FIX "errors.yaml:20:12: error: expected text for 'title', found a "
	    "list: write the value on one line after the key\n"
	    FIX "errors.yaml:24:9: error: this author has no family name: add "
	    "a line 'family: ...' (or 'literal: ...' for an organisation)\n"
	    FIX "errors.yaml:25:9: warning: the id 'has space' contains ' ', "
	    "so it cannot be cited as [@has space]: use only letters, digits "
	    "and - _ . :\n"
	    FIX "errors.yaml:30:19: error: 'date-parts' should be a list "
	    "inside a list, as in [[2020, 1, 22]] or [[2020]]\n");
	CHECK_INT(diag_count(DIAG_ERROR), 8);
	CHECK_INT(diag_count(DIAG_WARNING), 1);

	b = load(FIX "notlist.yaml", &err);
	CHECK(b == NULL);
	CHECK_STR(err, FIX "notlist.yaml:1:13: error: the references should "
	    "be a list, each work starting with '- id: ...'\n");
	b = load(FIX "nokey.yaml", &err);
	CHECK(b == NULL);
	CHECK_STR(err, FIX "nokey.yaml:1:1: error: no 'references:' list "
	    "found: the file should start with 'references:' followed by the "
	    "list of works\n");

	/* A missing file is only a warning: the handouts can still be made
	 * if nothing is cited. */
	b = load(FIX "missing.yaml", &err);
	CHECK(b != NULL);
	CHECK_INT(biblio_count(b), 0);
	CHECK_STR(err, FIX "missing.yaml: warning: there is no list of "
	    "references: create this file to cite works as [@key]\n");
	biblio_free(b);
}

static void
test_format(void)
{
	struct biblio *b;
	const char *err;
	char *s;

	b = load(FIX "ok.yaml", &err);
	CHECK(b != NULL);
	CHECK_STR(err, "");
	CHECK_INT(biblio_count(b), 7);
	if (b == NULL)
		return;
	/* Initials without dots; unknown CSL fields ignored silently. */
	s = biblio_format(b, "alpha");
	CHECK_STR(s, "Egger ME, Smith J. Transarterial chemoembolization vs "
	    "radioembolization. Journal of Surgery. 2020;230(4):363-370.");
	free(s);
	/* More than six authors: six, then "et al."; DOI given as a link is
	 * normalised; a URL other than the DOI's is printed too. */
	s = biblio_format(b, "beta");
	CHECK_STR(s, "Alpha AB, Beta C, Gamma JP, Delta D, Epsilon E, Zeta F, "
	    "et al. Seven authors. J Test. 2019;12(3):45-67. "
	    "https://doi.org/10.1000/XYZ Available from: "
	    "https://example.org/paper");
	free(s);
	s = biblio_format(b, "gamma");
	CHECK_STR(s, "A page. Example.org. Available from: "
	    "https://example.org/page (accessed 2024 Mar 5)");
	free(s);
	/* Organisations, particles; no full stop doubled after "?". */
	s = biblio_format(b, "delta");
	CHECK_STR(s, "World Health Organization, van Gogh V. Is this a "
	    "question? 2021 Jul.");
	free(s);
	/* The URL that repeats the DOI's address is not printed twice. */
	s = biblio_format(b, "epsilon");
	CHECK_STR(s, "Ebbers SC. Same address twice. Trials. 2020;21:141. "
	    "https://doi.org/10.1186/s13063-019-3888-0");
	free(s);
	/* CSL "others" (a literal, or a plain name) stands for the authors
	 * not listed: "et al." after those that are. */
	s = biblio_format(b, "zeta");
	CHECK_STR(s, "Ziemlewicz TJ, et al. A multi-author paper with only "
	    "its first author named. Ann Surg. 2025.");
	free(s);
	s = biblio_format(b, "eta");
	CHECK_STR(s, "Allan R, et al. Written as plain names. Available from: "
	    "https://example.org/blog (accessed 2026 Nov 27)");
	free(s);
	biblio_free(b);

	b = load(FIX "bare.yaml", &err);
	CHECK(b != NULL);
	CHECK_STR(err, "");
	CHECK_INT(biblio_count(b), 1);
	s = biblio_format(b, "only");
	CHECK_STR(s, "A bare list is accepted too. Spring 2020.");
	free(s);
	biblio_free(b);
}

static void
test_number(void)
{
	static const char *const keys[] = {
		"gamma", "alpha;gamma", "beta", "beta;alpha;gamma",
		"gamma;beta",
		"delta;gamma", "beta;delta;alpha", "gama", "epsilon;gama;alpha",
		"zzzzzz", "alpha;alpha", NULL
	};
	static const char *const labels[] = {
		"[1]", "[1,2]", "[3]", "[1\xE2\x80\x93" "3]", "[1,3]", "[1,4]",
		"[2\xE2\x80\x93" "4]", "[?]", "[2,5]", "[?]", "[2]"
	};
	struct biblio *b;
	struct cite_order order;
	struct node *doc, *para, *c[16], *doc2;
	const char *err;
	int i, nerr;

	b = load(FIX "ok.yaml", &err);
	if (b == NULL)
		return;
	memset(&order, 0, sizeof(order));
	doc = doc_new(NODE_DOCUMENT, 1, 1);
	para = doc_new(NODE_PARAGRAPH, 3, 1);
	doc_append(doc, para);
	for (i = 0; keys[i] != NULL; i++) {
		doc_append(para, text_node("see "));
		c[i] = cite_node(para, keys[i], 3 + i, 5 + i);
	}
	fixture_capture_begin();
	nerr = biblio_number(b, &order, doc, "x.md");
	err = harness_capture_end();
	CHECK_INT(nerr, 3);
	for (i = 0; keys[i] != NULL; i++)
		CHECK_STR(c[i]->info, labels[i]);
	CHECK_INT(c[0]->level, 1);
	/* several keys: the link goes to the lowest number, which leads */
	CHECK_INT(c[3]->level, 1);
	CHECK(strncmp(c[3]->text, "gamma;", 6) == 0);
	CHECK_INT(order.n, 5);
	if (order.n == 5) {
		CHECK_STR(order.keys[0], "gamma");
		CHECK_STR(order.keys[1], "alpha");
		CHECK_STR(order.keys[2], "beta");
		CHECK_STR(order.keys[3], "delta");
		CHECK_STR(order.keys[4], "epsilon");
	}
	CHECK_STR(err,
	    "x.md:10:12: error: unknown reference '@gama': did you mean "
	    "'@gamma'? The references are in " FIX "ok.yaml\n"
	    "x.md:11:13: error: unknown reference '@gama': did you mean "
	    "'@gamma'? The references are in " FIX "ok.yaml\n"
	    "x.md:12:14: error: unknown reference '@zzzzzz': check the "
	    "spelling, or add a work with 'id: zzzzzz' to " FIX "ok.yaml\n");

	/* A second document sharing the order (the booklet) continues the
	 * numbering. */
	doc2 = doc_new(NODE_DOCUMENT, 1, 1);
	para = doc_new(NODE_PARAGRAPH, 1, 1);
	doc_append(doc2, para);
	c[0] = cite_node(para, "epsilon", 1, 1);
	c[1] = cite_node(para, "Alpha", 1, 9);
	fixture_capture_begin();
	nerr = biblio_number(b, &order, doc2, "y.md");
	err = harness_capture_end();
	CHECK_INT(nerr, 1);
	CHECK_STR(c[0]->info, "[5]");
	CHECK_STR(err, "y.md:1:9: error: unknown reference '@Alpha': did you "
	    "mean '@alpha'? The references are in " FIX "ok.yaml\n");
	CHECK_INT(order.n, 5);

	doc_free(doc);
	doc_free(doc2);
	biblio_order_free(&order);
	CHECK_INT(order.n, 0);
	biblio_free(b);
}

static void
test_append(void)
{
	struct biblio *b;
	struct cite_order order;
	struct node *doc, *h, *list, *item, *p, *n;
	const char *err;
	int count;

	b = load(FIX "ok.yaml", &err);
	if (b == NULL)
		return;
	memset(&order, 0, sizeof(order));
	doc = doc_new(NODE_DOCUMENT, 1, 1);
	biblio_append(b, &order, doc, "Sources");
	CHECK(doc->first == NULL);

	order.keys = xcalloc(8, sizeof(char *));
	order.cap = 8;
	order.keys[order.n++] = xstrdup("beta");
	order.keys[order.n++] = xstrdup("gamma");
	order.keys[order.n++] = xstrdup("alpha");
	biblio_append(b, &order, doc, "Sources");
	h = doc->first;
	CHECK(h != NULL && h->type == NODE_HEADING && h->level == 2);
	if (h == NULL)
		goto out;
	CHECK(h->first != NULL && h->first->type == NODE_TEXT);
	CHECK_STR(h->first->text, "Sources");
	list = h->next;
	CHECK(list != NULL && list->type == NODE_LIST);
	if (list == NULL)
		goto out;
	CHECK(list->flags & NODE_ORDERED);
	CHECK_INT(list->level, 1);
	CHECK(list->next == NULL);
	count = 0;
	for (item = list->first; item != NULL; item = item->next)
		count++;
	CHECK_INT(count, 3);
	item = list->first;
	CHECK_INT(item->type, NODE_ITEM);
	CHECK_STR(item->info, "ref-beta");
	CHECK_STR(item->next->info, "ref-gamma");
	CHECK_STR(item->next->next->info, "ref-alpha");

	/* beta: text, DOI link, text, URL link; each link prints its own
	 * address. */
	p = item->first;
	CHECK(p != NULL && p->type == NODE_PARAGRAPH);
	n = p->first;
	CHECK(n != NULL && n->type == NODE_TEXT);
	CHECK_STR(n->text, "Alpha AB, Beta C, Gamma JP, Delta D, Epsilon E, "
	    "Zeta F, et al. Seven authors. J Test. 2019;12(3):45-67. ");
	n = n->next;
	CHECK(n != NULL && n->type == NODE_LINK);
	CHECK_STR(n->text, "https://doi.org/10.1000/XYZ");
	CHECK(n->first != NULL && n->first == n->last &&
	    n->first->type == NODE_TEXT);
	CHECK_STR(n->first->text, "https://doi.org/10.1000/XYZ");
	n = n->next;
	CHECK(n != NULL && n->type == NODE_TEXT);
	CHECK_STR(n->text, " Available from: ");
	n = n->next;
	CHECK(n != NULL && n->type == NODE_LINK);
	CHECK_STR(n->text, "https://example.org/paper");
	CHECK_STR(n->first->text, "https://example.org/paper");
	CHECK(n->next == NULL);

	/* gamma: the accessed date follows the link. */
	n = item->next->first->last;
	CHECK(n != NULL && n->type == NODE_TEXT);
	CHECK_STR(n->text, " (accessed 2024 Mar 5)");
	/* alpha: no links at all. */
	p = item->next->next->first;
	CHECK(p->first != NULL && p->first == p->last);
out:
	doc_free(doc);
	biblio_order_free(&order);
	biblio_free(b);
}

int
main(void)
{
	test_shipped();
	test_errors();
	test_format();
	test_number();
	test_append();
	return harness_done("t_biblio");
}
