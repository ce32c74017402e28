/*
 * t_glossary: loading the word list (the shipped file and every error with
 * its position), matching rules (whole words, case, longest match, where
 * terms are not looked for), linking the first use, and the appended
 * list.  Run from the top of the tree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "diag.h"
#include "doc.h"
#include "glossary.h"
#include "fixture.h"
#include "harness.h"
#include "xalloc.h"

#define FIX	"tests/fixtures/glossary/"

/* Entry numbers in small.yaml. */
enum {
	E_TACE, E_TUMOUR, E_LIVER, E_LOBE, E_ARTERY, E_ABLATION, E_SIRT,
	E_RADIO, E_Y90, E_ALPHA
};

static struct glossary *
load(const char *path, const char **err)
{
	struct glossary *g;

	fixture_capture_begin();
	g = glossary_load(path);
	*err = harness_capture_end();
	return g;
}

static struct node *
add_node(struct node *parent, enum node_type type, const char *text)
{
	struct node *n = doc_new(type, 1, 1);

	if (text != NULL)
		n->text = xstrdup(text);
	doc_append(parent, n);
	return n;
}

/* A document of one paragraph holding one text node. */
static struct node *
para_doc(const char *text)
{
	struct node *doc = doc_new(NODE_DOCUMENT, 1, 1);

	add_node(add_node(doc, NODE_PARAGRAPH, NULL), NODE_TEXT, text);
	return doc;
}

/* The inline children of p as "text|[#gl-0:word]|text". */
static char *
dump(const struct node *p)
{
	const struct node *n;
	struct buf b;
	char *s;

	buf_init(&b);
	for (n = p->first; n != NULL; n = n->next) {
		if (n != p->first)
			buf_addc(&b, '|');
		if (n->type == NODE_TEXT)
			buf_adds(&b, n->text);
		else if (n->type == NODE_LINK)
			buf_printf(&b, "[%s:%s]", n->text, n->first != NULL &&
			    n->first->type == NODE_TEXT ? n->first->text : "?");
		else
			buf_printf(&b, "<%s>", doc_type_name(n->type));
	}
	s = xstrdup(b.p);
	buf_free(&b);
	return s;
}

/* The entries found in text, as "0,3,1". */
static char *
found(const struct glossary *g, const char *text)
{
	struct gloss_use use;
	struct node *doc = para_doc(text);
	struct buf b;
	char *s;
	int i;

	memset(&use, 0, sizeof(use));
	glossary_scan(g, doc, &use, 0);
	buf_init(&b);
	for (i = 0; i < use.n; i++)
		buf_printf(&b, "%s%d", i ? "," : "", use.entries[i]);
	s = xstrdup(b.p);
	buf_free(&b);
	glossary_use_free(&use);
	doc_free(doc);
	return s;
}

#define CHECK_FOUND(g, text, want) do {					\
	char *f_ = found((g), (text));					\
	CHECK_STR(f_, (want));						\
	free(f_);							\
} while (0)

static void
test_shipped(void)
{
	struct glossary *g;
	const char *err;

	g = load("content/glossary.yaml", &err);
	CHECK(g != NULL);
	CHECK_STR(err, "");
	CHECK_INT(diag_count(DIAG_ERROR), 0);
	CHECK_INT(diag_count(DIAG_WARNING), 0);
	CHECK_INT(glossary_count(g), 118);
	glossary_free(g);
}

static void
test_errors(void)
{
	struct glossary *g;
	const char *err;

	g = load(FIX "errors.yaml", &err);
	CHECK(g == NULL);
	CHECK_STR(err,
	    FIX "errors.yaml:4:9: error: 'Growth' already belongs to the entry "
	    "'Tumour' (line 2): a word can be listed under one entry only, so "
	    "remove one of them\n"
	    FIX "errors.yaml:6:9: error: 'TUMOURS' already belongs to the "
	    "entry 'Tumour' (line 2): a word can be listed under one entry "
	    "only, so remove one of them\n"
	    FIX "errors.yaml:11:3: warning: unknown key 'colour' in the "
	    "glossary entry 'Scan'; known keys are term, abbr, aliases, "
	    "definition, see\n"
	    FIX "errors.yaml:13:9: error: 'CT' already belongs to the entry "
	    "'Scan' (line 9): a word can be listed under one entry only, so "
	    "remove one of them\n"
	    FIX "errors.yaml:22:3: error: missing key 'definition' in the "
	    "glossary entry 'Nodef': add a line 'definition: ...'\n"
	    FIX "errors.yaml:23:3: error: missing key 'term' in glossary "
	    "entry 9: add a line 'term: ...'\n"
	    FIX "errors.yaml:24:9: error: the term of glossary entry 10 is "
	    "empty: write it after 'term:'\n"
	    FIX "errors.yaml:27:24: error: the aliases of the glossary entry "
	    "'Lump' should be words or phrases, as in 'aliases: [tumours, "
	    "tumor]'\n"
	    FIX "errors.yaml:27:32: error: an alias of the glossary entry "
	    "'Lump' is empty: write the word, or remove the empty item\n"
	    FIX "errors.yaml:30:9: error: 'LUMP' already belongs to the entry "
	    "'Lump' (line 26): a word can be listed under one entry only, so "
	    "remove one of them\n"
	    FIX "errors.yaml:33:3: warning: unknown key 'definitio' in the "
	    "glossary entry 'Defn' (did you mean 'definition'?); known keys "
	    "are term, abbr, aliases, definition, see\n"
	    FIX "errors.yaml:34:15: error: expected text for 'definition', "
	    "found a list: write the value on one line after the key\n"
	    FIX "errors.yaml:35:3: error: glossary entry 14 should be lines of "
	    "'key: value', starting with '- term: ...'\n"
	    FIX "errors.yaml:18:8: error: 'see: Tumor' in the entry "
	    "'Exclusion' names no entry of the glossary (did you mean "
	    "'Tumour'?): write another entry's term exactly\n"
	    FIX "errors.yaml:21:8: error: the entry 'Self' refers to itself "
	    "with 'see': name a different entry, or remove the line\n");
	CHECK_INT(diag_count(DIAG_ERROR), 13);
	CHECK_INT(diag_count(DIAG_WARNING), 2);

	g = load(FIX "notlist.yaml", &err);
	CHECK(g == NULL);
	CHECK_STR(err, FIX "notlist.yaml:1:1: error: the glossary should be "
	    "a list of entries, each starting with '- term: ...'\n");

	g = load(FIX "missing.yaml", &err);
	CHECK(g != NULL);
	CHECK_INT(glossary_count(g), 0);
	CHECK_STR(err, FIX "missing.yaml: warning: there is no glossary: "
	    "create this file to explain words in the leaflets\n");
	CHECK_FOUND(g, "Tumour", "");
	glossary_free(g);
}

static void
test_match(void)
{
	struct glossary *g;
	const char *err;

	g = load(FIX "small.yaml", &err);
	CHECK(g != NULL);
	CHECK_STR(err, "");
	CHECK_INT(glossary_count(g), 10);
	if (g == NULL)
		return;
	/* Abbreviations are case-sensitive, terms and aliases are not. */
	CHECK_FOUND(g, "TACE", "0");
	CHECK_FOUND(g, "tace or Tace", "");
	CHECK_FOUND(g, "ABLATION", "5");
	CHECK_FOUND(g, "Chemoembolization", "0");
	/* Whole words only, with ASCII and non-ASCII letters and digits. */
	CHECK_FOUND(g, "tumourous TACE2 xTACE réablation ablationé", "");
	CHECK_FOUND(g, "(TACE), tumour.", "0,1");
	CHECK_FOUND(g, "Tumours", "1");
	/* The longest match at a position wins, and what it covers is not
	 * matched again. */
	CHECK_FOUND(g, "the liver lobe", "3");
	CHECK_FOUND(g, "the liver, one lobe", "2,3");
	CHECK_FOUND(g, "Transarterial chemoembolisation", "0");
	/* A typographic apostrophe matches the glossary's "'". */
	CHECK_FOUND(g, "the liver\xE2\x80\x99s artery", "4");
	CHECK_FOUND(g, "the liver's artery", "4");
	/* Non-ASCII patterns; a superscript digit counts as a digit. */
	CHECK_FOUND(g, "beads of \xE2\x81\xB9\xE2\x81\xB0Y.", "8");
	CHECK_FOUND(g, "x\xE2\x81\xB9\xE2\x81\xB0Y", "");
	CHECK_FOUND(g, "\xC2\xB9\xE2\x81\xB9\xE2\x81\xB0Y", "");
	/* Order of first use, each once. */
	CHECK_FOUND(g, "Tumour, ablation, tumours, TACE, ablation", "1,5,0");
	glossary_free(g);
}

static void
test_skip(void)
{
	struct glossary *g;
	struct gloss_use use;
	struct node *doc, *p, *n;
	const char *err;

	g = load(FIX "small.yaml", &err);
	if (g == NULL)
		return;
	memset(&use, 0, sizeof(use));
	doc = doc_new(NODE_DOCUMENT, 1, 1);
	n = add_node(doc, NODE_HEADING, NULL);
	add_node(n, NODE_TEXT, "Ablation");
	p = add_node(doc, NODE_PARAGRAPH, NULL);
	n = add_node(p, NODE_LINK, "https://example.org/");
	add_node(n, NODE_TEXT, "TACE");
	add_node(p, NODE_CODE, "tumour");
	n = add_node(p, NODE_EMPH, NULL);
	add_node(n, NODE_TEXT, "liver");
	n = add_node(p, NODE_CITE, "alpha");
	add_node(n, NODE_TEXT, "alpha");
	add_node(doc, NODE_CODEBLOCK, "Radioembolisation");
	glossary_scan(g, doc, &use, 1);
	CHECK_INT(use.n, 1);
	CHECK_INT(use.entries[0], E_LIVER);
	doc_free(doc);
	glossary_use_free(&use);
	CHECK(use.entries == NULL && use.n == 0);
	glossary_free(g);
}

static void
test_link_first(void)
{
	struct glossary *g;
	struct gloss_use use;
	struct node *doc, *doc2, *p;
	const char *err;
	char *s;

	g = load(FIX "small.yaml", &err);
	if (g == NULL)
		return;
	memset(&use, 0, sizeof(use));
	doc = doc_new(NODE_DOCUMENT, 1, 1);
	p = add_node(doc, NODE_PARAGRAPH, NULL);
	add_node(p, NODE_TEXT, "Tumours first, then TACE and TACE again");
	add_node(p, NODE_SOFTBREAK, NULL);
	add_node(p, NODE_TEXT, "one more tumour, ending with TACE");
	add_node(p, NODE_SOFTBREAK, NULL);
	add_node(p, NODE_TEXT, "and the liver");
	glossary_scan(g, doc, &use, 1);
	s = dump(p);
	CHECK_STR(s, "[#gl-1:Tumours]| first, then |[#gl-0:TACE]| and TACE "
	    "again|<softbreak>|one more tumour, ending with TACE|<softbreak>|"
	    "and the |[#gl-2:liver]");
	free(s);
	CHECK_INT(use.n, 3);

	/* The next document links its own first uses; the use list keeps
	 * each entry once. */
	doc2 = para_doc("TACE, ablation and tumour");
	glossary_scan(g, doc2, &use, 1);
	s = dump(doc2->first);
	CHECK_STR(s, "[#gl-0:TACE]|, |[#gl-5:ablation]| and |[#gl-1:tumour]");
	free(s);
	CHECK_INT(use.n, 4);
	if (use.n == 4) {
		CHECK_INT(use.entries[0], E_TUMOUR);
		CHECK_INT(use.entries[1], E_TACE);
		CHECK_INT(use.entries[2], E_LIVER);
		CHECK_INT(use.entries[3], E_ABLATION);
	}
	doc_free(doc);
	doc_free(doc2);

	/* Without link_first the tree is left alone. */
	doc = para_doc("TACE and tumours");
	glossary_scan(g, doc, &use, 0);
	s = dump(doc->first);
	CHECK_STR(s, "TACE and tumours");
	free(s);
	doc_free(doc);
	glossary_use_free(&use);
	glossary_free(g);
}

static void
test_append(void)
{
	struct glossary *g;
	struct gloss_use use;
	struct node *doc, *n;
	const char *err;
	char *s;

	g = load(FIX "small.yaml", &err);
	if (g == NULL)
		return;
	memset(&use, 0, sizeof(use));
	doc = doc_new(NODE_DOCUMENT, 1, 1);
	glossary_append(g, &use, doc, "Words");
	CHECK(doc->first == NULL);

	doc_free(doc);
	doc = para_doc("tumour, SIRT, TACE, alpha, ablation");
	glossary_scan(g, doc, &use, 0);
	doc_free(doc);
	doc = doc_new(NODE_DOCUMENT, 1, 1);
	glossary_append(g, &use, doc, "Words");
	n = doc->first;
	CHECK(n != NULL && n->type == NODE_HEADING && n->level == 2);
	if (n == NULL)
		goto out;
	CHECK_STR(n->first->text, "Words");
	/* Alphabetical regardless of case; the see target is not listed, so
	 * the entry gives its own definition. */
	n = n->next;
	CHECK(n != NULL && n->type == NODE_PARAGRAPH);
	CHECK_STR(n->info, "gl-5");
	CHECK(n->first != NULL && n->first->type == NODE_STRONG);
	CHECK_STR(n->first->first->text, "Ablation");
	CHECK(n->first->next != NULL && n->first->next->type == NODE_TEXT);
	CHECK_STR(n->first->next->text, ": Destroying a tumour where it is.");
	n = n->next;
	CHECK_STR(n->info, "gl-9");
	CHECK_STR(n->first->first->text, "alpha");
	n = n->next;
	CHECK_STR(n->info, "gl-0");
	s = dump(n);
	CHECK_STR(s, "<strong>|: Def chemo.");
	free(s);
	CHECK_STR(n->first->first->text, "Chemoembolisation (TACE)");
	n = n->next;
	CHECK_STR(n->info, "gl-6");
	CHECK_STR(n->first->first->text,
	    "Selective internal radiation therapy (SIRT)");
	CHECK_STR(n->first->next->text, ": Another name for "
	    "radioembolisation.");
	n = n->next;
	CHECK_STR(n->info, "gl-1");
	CHECK(n->next == NULL);
	doc_free(doc);

	/* With the target in the list too, the entry only points to it. */
	doc = para_doc("radioembolisation");
	glossary_scan(g, doc, &use, 0);
	doc_free(doc);
	doc = doc_new(NODE_DOCUMENT, 1, 1);
	glossary_append(g, &use, doc, "Words");
	for (n = doc->first; n != NULL; n = n->next)
		if (n->info != NULL && strcmp(n->info, "gl-6") == 0)
			break;
	CHECK(n != NULL);
	if (n != NULL) {
		s = dump(n);
		CHECK_STR(s, "<strong>|: see |[#gl-7:Radioembolisation]|.");
		free(s);
	}
	CHECK(n != NULL && n->next != NULL && n->next->info != NULL &&
	    strcmp(n->next->info, "gl-1") == 0);
out:
	doc_free(doc);
	glossary_use_free(&use);
	glossary_free(g);
}

/* The shipped glossary on a long text: far under a millisecond per
 * thousand words, so a generous bound catches only a blow-up. */
static void
test_speed(void)
{
	static const char *const words =
	    "After transarterial chemoembolisation (TACE) most people have "
	    "post-embolisation syndrome: fever, nausea and pain. The "
	    "interventional radiologist passes a catheter into the hepatic "
	    "artery. Neuroendocrine tumours (NETs) in the liver\xE2\x80\x99s "
	    "right lobe may be treated with radioembolisation, using "
	    "yttrium-90 microspheres, or with PRRT given into a vein. ";
	struct glossary *g;
	struct gloss_use use;
	struct node *doc;
	struct buf b;
	const char *err;
	clock_t t0;
	double ms;
	int i;

	g = load("content/glossary.yaml", &err);
	if (g == NULL)
		return;
	buf_init(&b);
	for (i = 0; i < 200; i++)	/* about 10,000 words */
		buf_adds(&b, words);
	doc = para_doc(b.p);
	memset(&use, 0, sizeof(use));
	t0 = clock();
	glossary_scan(g, doc, &use, 1);
	ms = (double)(clock() - t0) * 1000 / CLOCKS_PER_SEC;
	CHECK(ms < 2000);
	CHECK_INT(use.n, 14);
	doc_free(doc);
	buf_free(&b);
	glossary_use_free(&use);
	glossary_free(g);
}

int
main(void)
{
	test_shipped();
	test_errors();
	test_match();
	test_skip();
	test_link_first();
	test_append();
	test_speed();
	return harness_done("t_glossary");
}
