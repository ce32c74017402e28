/*
 * Unit tests for mdparse: the tree built from Markdown, positions (line
 * and character column) of blocks and located inlines, and every
 * diagnostic the module reports.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "diag.h"
#include "doc.h"
#include "mdparse.h"

static const char *msgs = "";	/* diagnostics of the last parse */
static unsigned nerr, nwarn;	/* errors and warnings it added */

/* Parse md as file "t.md", capturing what diag prints. */
static struct node *
parse(const char *md)
{
	struct node *doc;
	unsigned e0, w0;

	harness_capture_begin();
	e0 = diag_count(DIAG_ERROR);
	w0 = diag_count(DIAG_WARNING);
	doc = mdparse("t.md", md, strlen(md));
	nerr = diag_count(DIAG_ERROR) - e0;
	nwarn = diag_count(DIAG_WARNING) - w0;
	msgs = harness_capture_end();
	return doc;
}

/* The same for one output only. */
static struct node *
parse_for(const char *md, enum md_context want)
{
	struct node *doc;
	unsigned e0, w0;

	harness_capture_begin();
	e0 = diag_count(DIAG_ERROR);
	w0 = diag_count(DIAG_WARNING);
	doc = mdparse_for("t.md", md, strlen(md), want);
	nerr = diag_count(DIAG_ERROR) - e0;
	nwarn = diag_count(DIAG_WARNING) - w0;
	msgs = harness_capture_end();
	return doc;
}

static int
has_msg(const char *s)
{
	return strstr(msgs, s) != NULL;
}

/* Stands for a missing node, so a failed check does not crash the
 * checks after it. */
static struct node none = { .type = NODE_TYPE_MAX };

static struct node *
safe(struct node *n)
{
	return n != NULL ? n : &none;
}

#define F(n)	safe((n)->first)
#define N(n)	safe((n)->next)
#define P(n)	safe((n)->prev)
#define U(n)	safe((n)->parent)

/* The k-th node (0-based) of a type, in document order, or &none. */
static struct node *
nth(struct node *root, enum node_type type, int k)
{
	struct node *n;

	for (n = root; n != NULL; n = doc_next(root, n))
		if (n->type == type && k-- == 0)
			return n;
	return &none;
}

static int
count(struct node *root, enum node_type type)
{
	struct node *n;
	int c = 0;

	for (n = root; n != NULL; n = doc_next(root, n))
		c += n->type == type;
	return c;
}

static int
depth(struct node *root)
{
	struct node *n, *p;
	int d, max = 0;

	for (n = root; n != NULL; n = doc_next(root, n)) {
		for (d = 0, p = n; p->parent != NULL; p = p->parent)
			d++;
		if (d > max)
			max = d;
	}
	return max;
}

#define CHECK_POS(n, l, c) do {						\
	CHECK_INT((n)->line, (l));					\
	CHECK_INT((n)->col, (c));					\
} while (0)

static void
test_blocks(void)
{
	struct node *d, *n;

	d = parse("# Title\n"
	    "\n"
	    "Some *text*\n"
	    "and more.\n"
	    "\n"
	    "Setext\n"
	    "------\n"
	    "\n"
	    "```c\n"
	    "int x;\n"
	    "```\n"
	    "\n"
	    "***\n"
	    "\n"
	    "   Indented para\n"
	    "\n"
	    "##### Five\n"
	    "###### Six\n");
	CHECK_INT(d->type, NODE_DOCUMENT);
	n = nth(d, NODE_HEADING, 0);
	CHECK_POS(n, 1, 1);
	CHECK_INT(n->level, 1);
	CHECK_STR(F(n)->text, "Title");
	n = nth(d, NODE_PARAGRAPH, 0);
	CHECK_POS(n, 3, 1);
	CHECK_INT(F(n)->type, NODE_TEXT);
	CHECK_STR(F(n)->text, "Some ");
	CHECK_INT(N(F(n))->type, NODE_EMPH);
	CHECK_INT(N(N(F(n)))->type, NODE_SOFTBREAK);
	/* Inline nodes carry their block's position. */
	CHECK_POS(N(F(n)), 3, 1);
	n = nth(d, NODE_HEADING, 1);
	CHECK_POS(n, 6, 1);
	CHECK_INT(n->level, 2);
	n = nth(d, NODE_CODEBLOCK, 0);
	CHECK_POS(n, 9, 1);
	CHECK_STR(n->text, "int x;\n");
	CHECK_STR(n->info, "c");
	CHECK_POS(nth(d, NODE_HRULE, 0), 13, 1);
	CHECK_POS(nth(d, NODE_PARAGRAPH, 1), 15, 4);
	n = nth(d, NODE_HEADING, 2);
	CHECK_POS(n, 17, 1);
	CHECK_INT(n->level, 4);
	CHECK_INT(nth(d, NODE_HEADING, 3)->level, 4);
	/* the title is not a # heading; ##### under ## skips a level */
	CHECK_INT(nerr, 1);
	CHECK_INT(nwarn, 3);
	CHECK(has_msg("t.md:1:1: warning: a '#' heading: the title comes "
	    "from the front matter"));
	CHECK(has_msg("t.md:17:1: error: heading '#####' skips a level after "
	    "'##': use '###' here"));
	CHECK(has_msg("t.md:17:1: warning: heading level 5 is too deep"));
	CHECK(has_msg("t.md:18:1: warning: heading level 6 is too deep"));
	doc_free(d);

	/* An indented code block has no info string. */
	d = parse("    code\n");
	n = nth(d, NODE_CODEBLOCK, 0);
	CHECK_POS(n, 1, 5);
	CHECK_STR(n->text, "code\n");
	CHECK(n->info == NULL);
	doc_free(d);
}

static void
test_front_matter_lines(void)
{
	struct node *d;

	/* Front matter blanked by the caller: lines still count. */
	d = parse("\n\n\n\n\n# Heading\n\nText [@key] here.\n\n"
	    "> - item ![](x.png)\n");
	CHECK_POS(nth(d, NODE_HEADING, 0), 6, 1);
	CHECK_POS(nth(d, NODE_PARAGRAPH, 0), 8, 1);
	CHECK_POS(nth(d, NODE_CITE, 0), 8, 6);
	CHECK_POS(nth(d, NODE_QUOTE, 0), 10, 1);
	CHECK_POS(nth(d, NODE_LIST, 0), 10, 3);
	CHECK_POS(nth(d, NODE_PARAGRAPH, 1), 10, 5);
	CHECK_POS(nth(d, NODE_IMAGE, 0), 10, 10);
	CHECK(has_msg("t.md:10:10: error: image 'x.png' has no description"));
	doc_free(d);

	/* Same with the front matter replaced by spaces. */
	d = parse("   \n          \n   \n\nSee [@k].\n");
	CHECK_POS(nth(d, NODE_PARAGRAPH, 0), 5, 1);
	CHECK_POS(nth(d, NODE_CITE, 0), 5, 5);
	doc_free(d);
}

static void
test_inlines(void)
{
	struct node *d, *p, *n;

	d = parse("A **b** ~~c~~ `d` [e](http://x.org \"T\") [f](y.html)  \n"
	    "www.example.com and me@example.org.\n");
	p = nth(d, NODE_PARAGRAPH, 0);
	n = nth(d, NODE_STRONG, 0);
	CHECK_STR(F(n)->text, "b");
	CHECK_POS(n, 1, 1);
	n = nth(d, NODE_STRIKE, 0);
	CHECK_STR(F(n)->text, "c");
	n = nth(d, NODE_CODE, 0);
	CHECK_STR(n->text, "d");
	n = nth(d, NODE_LINK, 0);
	CHECK_STR(n->text, "http://x.org");
	CHECK_STR(n->info, "T");
	CHECK_STR(F(n)->text, "e");
	n = nth(d, NODE_LINK, 1);
	CHECK_STR(n->text, "y.html");
	CHECK(n->info == NULL);
	CHECK_INT(count(d, NODE_HARDBREAK), 1);
	CHECK_INT(count(d, NODE_SOFTBREAK), 0);
	CHECK_STR(nth(d, NODE_LINK, 2)->text, "http://www.example.com");
	CHECK_STR(nth(d, NODE_LINK, 3)->text, "mailto:me@example.org");
	CHECK_INT(count(d, NODE_CITE), 0);
	/* a link that is no address: y.html */
	CHECK_INT(nerr, 1);
	CHECK_INT(nwarn, 0);
	CHECK(has_msg("'y.html' is not a web address"));
	CHECK(p->last != NULL && p->last->type == NODE_TEXT);
	doc_free(d);
}

static void
test_smart(void)
{
	struct node *d;

	d = parse("Pages 3--5, it's \"quoted\" and 'single'... wait---no.\n"
	    "\n"
	    "`code -- \"raw\"`\n");
	CHECK_STR(nth(d, NODE_TEXT, 0)->text, "Pages 3\xe2\x80\x93" "5, "
	    "it\xe2\x80\x99s \xe2\x80\x9cquoted\xe2\x80\x9d and "
	    "\xe2\x80\x98single\xe2\x80\x99\xe2\x80\xa6 wait\xe2\x80\x94no.");
	CHECK_STR(nth(d, NODE_CODE, 0)->text, "code -- \"raw\"");
	doc_free(d);
}

static void
test_citations(void)
{
	struct node *d, *n;

	d = parse("See [@smith2020] and [@a; @b:c.d]. Mail me@x.org.\n");
	CHECK_INT(count(d, NODE_CITE), 2);
	n = nth(d, NODE_CITE, 0);
	CHECK_STR(n->text, "smith2020");
	CHECK_POS(n, 1, 5);
	CHECK_INT(n->level, 0);
	CHECK_STR(P(n)->text, "See ");
	CHECK_STR(N(n)->text, " and ");
	n = nth(d, NODE_CITE, 1);
	CHECK_STR(n->text, "a;b:c.d");
	CHECK_POS(n, 1, 22);
	CHECK_STR(N(n)->text, ". Mail ");
	CHECK_INT(nerr + nwarn, 0);
	doc_free(d);

	/* Columns count characters, and inline positions after a soft
	 * break or inside containers come from the source. */
	d = parse("Caf\xc3\xa9 \xe2\x89\xa5 [@k1]\n"
	    "second line [@k2]\n"
	    "\n"
	    "> - in *list* [@k3;@k4]\n"
	    "\n"
	    "| x | y |\n"
	    "|---|---|\n"
	    "| \xc3\xa9 | [@k5] |\n");
	CHECK_INT(count(d, NODE_CITE), 4);
	CHECK_POS(nth(d, NODE_CITE, 0), 1, 8);
	CHECK_POS(nth(d, NODE_CITE, 1), 2, 13);
	n = nth(d, NODE_CITE, 2);
	CHECK_STR(n->text, "k3;k4");
	CHECK_POS(n, 4, 15);
	n = nth(d, NODE_CITE, 3);
	CHECK_STR(n->text, "k5");
	CHECK_POS(n, 8, 7);
	CHECK_INT(nerr, 0);
	doc_free(d);

	/* Adjacent text nodes are merged; a citation may span lines; a
	 * citation starting the text leaves no empty text node. */
	d = parse("[@a] x ![y] [@b;\n@c] [z]\n");
	CHECK_INT(count(d, NODE_CITE), 2);
	n = nth(d, NODE_CITE, 0);
	CHECK_STR(n->text, "a");
	CHECK(n->prev == NULL);
	CHECK_STR(N(n)->text, " x ![y] ");
	n = nth(d, NODE_CITE, 1);
	CHECK_STR(n->text, "b;c");
	CHECK_POS(n, 1, 13);
	CHECK_STR(N(n)->text, " [z]");
	CHECK_INT(nerr, 0);
	doc_free(d);

	/* Not citations: code spans, escapes, e-mail, bare @. */
	d = parse("`[@a]` then \\[@b] and a@b.c, @d or [see @e] then [@a]\n");
	CHECK_INT(count(d, NODE_CITE), 1);
	CHECK_POS(nth(d, NODE_CITE, 0), 1, 50);
	CHECK_INT(nerr, 0);
	doc_free(d);

	/* Malformed ones are errors where they are, and stay text. */
	d = parse("Bad [@] and\n"
	    "also [@a; b] or [@a b] and [@x,y] and [@ok]\n"
	    "\n"
	    "- open [@a\n");
	CHECK_INT(count(d, NODE_CITE), 1);
	CHECK_STR(nth(d, NODE_CITE, 0)->text, "ok");
	CHECK_POS(nth(d, NODE_CITE, 0), 2, 39);
	CHECK_INT(nerr, 5);
	CHECK(has_msg("t.md:1:5: error: citation \"[@]\" has an empty key"));
	CHECK(has_msg("t.md:2:6: error: citation \"[@a; b]\" is malformed: "
	    "start every key with @"));
	CHECK(has_msg("t.md:2:17: error: citation \"[@a b]\" is malformed"));
	CHECK(has_msg("t.md:2:28: error: citation \"[@x,y]\" is malformed"));
	CHECK(has_msg("t.md:4:8: error: citation \"[@a\" has no closing"));
	CHECK_STR(nth(d, NODE_TEXT, 0)->text, "Bad [@] and");
	doc_free(d);

	/* A matching link reference definition makes it a link: left
	 * alone. */
	d = parse("[@ref]: http://x.org\n\nSee [@ref].\n");
	CHECK_INT(count(d, NODE_CITE), 0);
	CHECK_INT(count(d, NODE_LINK), 1);
	CHECK_INT(nerr, 0);
	doc_free(d);
}

static void
test_alerts(void)
{
	static const char *const kinds[] = {
		"NOTE", "tip", "Important", "WARNING", "caution"
	};
	struct node *d, *n;
	char md[256];
	int k;

	for (k = 0; k < CALLOUT_KIND_MAX; k++) {
		snprintf(md, sizeof(md), "Intro\n\n> [!%s]\n> Body *x*\n"
		    "> more\n\n> Plain quote\n", kinds[k]);
		d = parse(md);
		n = nth(d, NODE_CALLOUT, 0);
		CHECK_POS(n, 3, 1);
		CHECK_INT(n->level, k);
		CHECK_INT(F(n)->type, NODE_PARAGRAPH);
		CHECK_POS(F(n), 3, 3);
		CHECK_INT(F(F(n))->type, NODE_TEXT);
		CHECK_STR(F(F(n))->text, "Body ");
		CHECK_INT(count(n, NODE_SOFTBREAK), 1);
		CHECK_INT(count(d, NODE_QUOTE), 1);
		CHECK_INT(nerr + nwarn, 0);
		doc_free(d);
	}

	/* Marker alone in its paragraph, hard break after it, empty. */
	d = parse("> [!WARNING]\n>\n> Para\n\n> [!TIP]  \n> Hard\n\n"
	    "> [!CAUTION]\n");
	n = nth(d, NODE_CALLOUT, 0);
	CHECK_INT(n->level, CALLOUT_WARNING);
	CHECK_INT(F(n)->type, NODE_PARAGRAPH);
	CHECK_STR(F(F(n))->text, "Para");
	CHECK(F(n)->next == NULL);
	n = nth(d, NODE_CALLOUT, 1);
	CHECK_INT(n->level, CALLOUT_TIP);
	CHECK_INT(F(F(n))->type, NODE_TEXT);
	CHECK_STR(F(F(n))->text, "Hard");
	CHECK_INT(count(n, NODE_HARDBREAK), 0);
	n = nth(d, NODE_CALLOUT, 2);
	CHECK_INT(n->level, CALLOUT_CAUTION);
	CHECK(n->first == NULL);
	CHECK_INT(nerr + nwarn, 0);
	doc_free(d);

	/* Unknown type, and a known marker not alone on its line. */
	d = parse("Text\n\n> [!FOO]\n> body\n\n>  [!NOTE] text\n");
	CHECK_INT(count(d, NODE_CALLOUT), 0);
	CHECK_INT(count(d, NODE_QUOTE), 2);
	CHECK_STR(nth(d, NODE_TEXT, 1)->text, "[!FOO]");
	CHECK_INT(nwarn, 2);
	CHECK(has_msg("t.md:3:3: warning: unknown alert type [!FOO]"));
	CHECK(has_msg("t.md:6:4: warning: the alert marker [!NOTE] must be "
	    "alone"));
	doc_free(d);
}

static void
test_footnotes(void)
{
	struct node *d, *n;

	d = parse("One[^b] two[^a] again[^b].\n"
	    "\n"
	    "- item[^q]\n"
	    "\n"
	    "[^a]: Alpha *x*.\n"
	    "[^b]:\n"
	    "    Beta on next line.\n"
	    "\n"
	    "  [^q]: Indented.\n");
	CHECK_INT(count(d, NODE_FOOTNOTE_REF), 4);
	n = nth(d, NODE_FOOTNOTE_REF, 0);
	CHECK_INT(n->level, 1);
	CHECK_POS(n, 1, 4);
	n = nth(d, NODE_FOOTNOTE_REF, 1);
	CHECK_INT(n->level, 2);
	CHECK_POS(n, 1, 12);
	n = nth(d, NODE_FOOTNOTE_REF, 2);
	CHECK_INT(n->level, 1);
	CHECK_POS(n, 1, 22);
	n = nth(d, NODE_FOOTNOTE_REF, 3);
	CHECK_INT(n->level, 3);
	CHECK_POS(n, 3, 7);
	/* Definitions: at the end of the document, in reference order. */
	n = nth(d, NODE_FOOTNOTE_DEF, 0);
	CHECK(n->parent == d);
	CHECK_INT(n->level, 1);
	CHECK_STR(n->text, "b");
	CHECK_POS(n, 6, 1);
	CHECK_STR(nth(n, NODE_TEXT, 0)->text, "Beta on next line.");
	CHECK(P(n)->type == NODE_LIST);
	n = nth(d, NODE_FOOTNOTE_DEF, 1);
	CHECK_INT(n->level, 2);
	CHECK_STR(n->text, "a");
	CHECK_POS(n, 5, 1);
	CHECK_INT(nth(n, NODE_EMPH, 0) != NULL, 1);
	n = nth(d, NODE_FOOTNOTE_DEF, 2);
	CHECK_INT(n->level, 3);
	CHECK_STR(n->text, "q");
	CHECK_POS(n, 9, 3);
	CHECK(n->next == NULL);
	CHECK_INT(nerr + nwarn, 0);
	doc_free(d);

	/* Undefined reference, unreferenced and duplicate definitions. */
	d = parse("Known[^k], \xc3\xa9 [^missing] and \\[^esc].\n"
	    "\n"
	    "[^k]: Kept.\n"
	    "[^unused]: Dropped by cmark.\n"
	    "[^K]: Same label again.\n"
	    "\n"
	    "```\n"
	    "[^incode]: not a definition\n"
	    "```\n");
	CHECK_INT(count(d, NODE_FOOTNOTE_REF), 1);
	CHECK_INT(count(d, NODE_FOOTNOTE_DEF), 1);
	CHECK_INT(nerr, 1);
	CHECK(has_msg("t.md:1:14: error: footnote reference [^missing] has "
	    "no definition"));
	CHECK_INT(nwarn, 2);
	CHECK(has_msg("t.md:4:1: warning: footnote [^unused] is never "
	    "referred to"));
	CHECK(has_msg("t.md:5:1: warning: footnote [^K] is defined more "
	    "than once"));
	CHECK(!has_msg("incode"));
	doc_free(d);

	/* The only definition is unreferenced. */
	d = parse("No notes here.\n\n[^lonely]: Nobody cites me.\n");
	CHECK_INT(count(d, NODE_FOOTNOTE_DEF), 0);
	CHECK_INT(nwarn, 1);
	CHECK(has_msg("t.md:3:1: warning: footnote [^lonely] is never "
	    "referred to, so it was left out"));
	doc_free(d);

	/* An earlier "[^" that is no footnote (here a link label) does not
	 * take the reference's position. */
	d = parse("[^a b]: http://u\n\nA [^a b] c[^x]\n\n[^x]: note\n");
	CHECK_INT(count(d, NODE_LINK), 1);
	CHECK_POS(nth(d, NODE_FOOTNOTE_REF, 0), 3, 11);
	CHECK_INT(nerr + nwarn, 0);
	doc_free(d);
}

static void
test_tables(void)
{
	struct node *d, *t, *r;

	d = parse("Intro\n"
	    "\n"
	    "| Left | Centre | Right | None |\n"
	    "|:-----|:------:|------:|------|\n"
	    "| a    | *b*    | 1     | x    |\n"
	    "| c    | d      | 2     |\n");
	t = nth(d, NODE_TABLE, 0);
	CHECK_POS(t, 3, 1);
	CHECK_INT(t->ncols, 4);
	CHECK(t->align != NULL && memcmp(t->align, "lcrl", 4) == 0);
	CHECK_INT(count(t, NODE_TABLE_ROW), 3);
	r = nth(t, NODE_TABLE_ROW, 0);
	CHECK_POS(r, 3, 1);
	CHECK(r->flags & NODE_HEADER);
	CHECK_INT(count(r, NODE_TABLE_CELL), 4);
	CHECK_POS(F(r), 3, 2);
	CHECK_STR(F(F(r))->text, "Left");
	r = nth(t, NODE_TABLE_ROW, 1);
	CHECK(!(r->flags & NODE_HEADER));
	CHECK_POS(r, 5, 1);
	CHECK_POS(N(F(r)), 5, 9);
	CHECK_INT(F(N(F(r)))->type, NODE_EMPH);
	r = nth(t, NODE_TABLE_ROW, 2);
	CHECK_INT(count(r, NODE_TABLE_CELL), 4);
	CHECK_INT(nerr + nwarn, 0);
	doc_free(d);
}

static void
test_lists(void)
{
	struct node *d, *l, *i;

	d = parse("3. three\n"
	    "4. four\n"
	    "   - nested\n"
	    "\n"
	    "     - deeper\n"
	    "\n"
	    "- loose\n"
	    "\n"
	    "- list\n"
	    "\n"
	    "* [ ] todo\n"
	    "* [x] done\n"
	    "* plain\n");
	l = nth(d, NODE_LIST, 0);
	CHECK_POS(l, 1, 1);
	CHECK(l->flags & NODE_ORDERED);
	CHECK(l->flags & NODE_TIGHT);
	CHECK_INT(l->level, 3);
	CHECK_INT(count(l, NODE_ITEM), 4);
	CHECK_POS(nth(l, NODE_ITEM, 1), 2, 1);
	CHECK_POS(nth(l, NODE_PARAGRAPH, 1), 2, 4);
	l = nth(d, NODE_LIST, 1);
	CHECK_POS(l, 3, 4);
	CHECK(!(l->flags & NODE_ORDERED));
	CHECK(U(l)->type == NODE_ITEM);
	l = nth(d, NODE_LIST, 2);
	CHECK_POS(l, 5, 6);
	CHECK(U(U(U(l)))->type == NODE_ITEM);
	l = nth(d, NODE_LIST, 3);
	CHECK_POS(l, 7, 1);
	CHECK(!(l->flags & NODE_TIGHT));
	l = nth(d, NODE_LIST, 4);
	CHECK_POS(l, 11, 1);
	i = F(l);
	CHECK(i->flags & NODE_TASK);
	CHECK(!(i->flags & NODE_CHECKED));
	CHECK_POS(i, 11, 1);
	CHECK_STR(F(F(i))->text, "todo");
	CHECK(N(i)->flags & NODE_TASK);
	CHECK(N(i)->flags & NODE_CHECKED);
	CHECK(!(safe(l->last)->flags & NODE_TASK));
	CHECK_INT(nerr + nwarn, 0);
	doc_free(d);
}

static void
test_images(void)
{
	struct node *d, *n;

	d = parse("![Liver *scan*, CT](img/ct.png \"t\")\n"
	    "\n"
	    "Inline \xc3\xa9 ![icon](i.png) and ![](empty.png) and "
	    "![  ](sp.png)\n");
	n = nth(d, NODE_IMAGE, 0);
	CHECK_STR(n->text, "img/ct.png");
	CHECK_STR(n->info, "Liver scan, CT");
	CHECK(n->first == NULL);
	CHECK_POS(n, 1, 1);
	CHECK(U(n)->type == NODE_PARAGRAPH);
	CHECK(n->prev == NULL && n->next == NULL);
	n = nth(d, NODE_IMAGE, 1);
	CHECK_STR(n->info, "icon");
	CHECK_POS(n, 3, 10);
	CHECK_POS(nth(d, NODE_IMAGE, 2), 3, 29);
	CHECK_POS(nth(d, NODE_IMAGE, 3), 3, 48);
	CHECK_INT(nerr, 2);
	CHECK(has_msg("t.md:3:29: error: image 'empty.png' has no description "
	    "(alt text): write ![what the picture shows](empty.png)\n"));
	CHECK(has_msg("t.md:3:48: error: image 'sp.png' has no description"));
	doc_free(d);

	/* A "![" inside a link address is not the image. */
	d = parse("[l](http://h/![x) ![alt](a.png)\n");
	CHECK_POS(nth(d, NODE_IMAGE, 0), 1, 19);
	CHECK_STR(nth(d, NODE_LINK, 0)->text, "http://h/![x");
	doc_free(d);
}

static void
test_html(void)
{
	struct node *d;

	d = parse("<div>\nblock\n</div>\n"
	    "\n"
	    "Text <b>bold</b> end.\n"
	    "\n"
	    "<!-- a comment -->\n"
	    "\n"
	    "<span>only</span>\n");
	CHECK_INT(nwarn, 3);
	CHECK(has_msg("t.md:1:1: warning: raw HTML is not supported in "
	    "handouts and was left out"));
	CHECK(has_msg("t.md:5:6: warning: raw HTML"));
	CHECK(has_msg("t.md:9:1: warning: raw HTML"));
	CHECK_INT(count(d, NODE_PARAGRAPH), 2);
	CHECK_STR(nth(d, NODE_TEXT, 0)->text, "Text bold end.");
	CHECK_STR(nth(d, NODE_TEXT, 1)->text, "only");
	doc_free(d);
}

static char *
repeat(const char *unit, int n, const char *tail)
{
	size_t ul = strlen(unit), tl = strlen(tail);
	char *s = malloc(ul * (size_t)n + tl + 1), *p = s;
	int i;

	for (i = 0; i < n; i++, p += ul)
		memcpy(p, unit, ul);
	memcpy(p, tail, tl + 1);
	return s;
}

static void
test_deep(void)
{
	struct node *d;
	char *s, *p;
	size_t n;
	int i;

	/* 10,000 nested quotes: refused once, no crash. */
	s = repeat(">", 10000, " deep\n\nAfter [@k].\n");
	d = parse(s);
	CHECK_INT(nerr, 1);
	CHECK(has_msg("t.md:1:65: error: lists and quotes are nested too "
	    "deeply (more than 64 levels)"));
	CHECK(depth(d) <= 70);
	CHECK_INT(count(d, NODE_QUOTE), 64);
	CHECK_POS(nth(d, NODE_CITE, 0), 3, 7);
	doc_free(d);
	free(s);

	/* 64 levels are fine. */
	s = repeat(">", 64, " ok\n");
	d = parse(s);
	CHECK_INT(nerr, 0);
	CHECK_INT(count(d, NODE_QUOTE), 64);
	CHECK_STR(nth(d, NODE_TEXT, 0)->text, "ok");
	doc_free(d);
	free(s);

	/* 10,000 nested list items. */
	n = 0;
	for (i = 0; i < 10000; i++)
		n += (size_t)i * 2 + 4;
	s = p = malloc(n + 1);
	for (i = 0; i < 10000; i++) {
		memset(p, ' ', (size_t)i * 2);
		p += i * 2;
		memcpy(p, "- x\n", 4);
		p += 4;
	}
	*p = '\0';
	d = parse(s);
	CHECK_INT(nerr, 1);
	CHECK(has_msg("t.md:65:129: error: lists and quotes are nested too "
	    "deeply"));
	CHECK(depth(d) <= 140);
	doc_free(d);
	free(s);

	/* Deeply nested emphasis keeps the words, drops the wrappers. */
	s = repeat("*", 3000, "a");
	p = repeat("*", 3000, "");
	s = realloc(s, strlen(s) + strlen(p) + 1);
	strcat(s, p);
	d = parse(s);
	CHECK_INT(nwarn, 1);
	CHECK(has_msg("t.md:1:1: warning: emphasis and links are nested too "
	    "deeply"));
	CHECK(depth(d) <= 40);
	CHECK_INT(count(d, NODE_TEXT), 1);
	doc_free(d);
	free(s);
	free(p);
}

/* All the text of a tree, paragraphs joined by "|". */
static char *
all_text(struct node *root)
{
	static char out[1024];
	struct node *n;
	size_t len = 0;

	out[0] = '\0';
	for (n = root; n != NULL; n = doc_next(root, n))
		if (n->type == NODE_TEXT && n->text != NULL &&
		    len + strlen(n->text) + 2 < sizeof(out)) {
			if (len > 0)
				out[len++] = '|';
			strcpy(out + len, n->text);
			len += strlen(n->text);
		}
	return out;
}

static void
test_only(void)
{
	static const char *md =
	    "Both.\n"					/* 1 */
	    "\n"
	    "<!-- only: handout -->\n"			/* 3 */
	    "Handout.\n"
	    "\n"
	    "## Handout heading\n"
	    "<!-- end only -->\n"			/* 7 */
	    "<!-- only: booklet -->\n"
	    "Booklet[^b].\n"
	    "\n"
	    "[^b]: Note.\n"				/* 11 */
	    "<!-- end only -->\n"
	    "\n"
	    "- one\n"					/* 14 */
	    "  <!-- only: booklet -->\n"
	    "  in item\n"
	    "  <!-- end only -->\n"
	    "- two\n"
	    "\n"
	    "> [!NOTE]\n"				/* 20 */
	    "> <!-- only: handout -->\n"
	    "> Quoted handout.\n"
	    "> <!-- end only -->\n"
	    "> Quoted.\n"
	    "\n"
	    "<!-- a comment -->\n"			/* 26 */
	    "<!-- end of the part on TACE -->\n"
	    "<!-- onlyhere -->\n"
	    "\n"
	    "End.\n";
	struct node *d;

	d = parse_for(md, MD_HANDOUT);
	CHECK_INT(nerr + nwarn, 0);
	CHECK_STR(all_text(d), "Both.|Handout.|Handout heading|one|two|"
	    "Quoted handout.|Quoted.|End.");
	CHECK_INT(count(d, NODE_HEADING), 1);
	CHECK_INT(nth(d, NODE_CALLOUT, 0)->level, CALLOUT_NOTE);
	CHECK_INT(count(d, NODE_FOOTNOTE_DEF), 0);
	doc_free(d);

	d = parse_for(md, MD_BOOKLET);
	CHECK_INT(nerr + nwarn, 0);
	CHECK_STR(all_text(d), "Both.|Booklet|.|one|in item|two|Quoted.|"
	    "End.|Note.");
	CHECK_INT(count(d, NODE_HEADING), 0);
	CHECK_INT(count(d, NODE_FOOTNOTE_DEF), 1);
	CHECK_POS(nth(d, NODE_PARAGRAPH, 1), 9, 1);
	CHECK_POS(nth(d, NODE_PARAGRAPH, 6), 30, 1);
	doc_free(d);

	/* mdparse keeps every context */
	d = parse(md);
	CHECK_INT(nerr + nwarn, 0);
	CHECK_STR(all_text(d), "Both.|Handout.|Handout heading|Booklet|.|"
	    "one|in item|two|Quoted handout.|Quoted.|End.|Note.");
	doc_free(d);
}

static void
test_only_errors(void)
{
	struct node *d;

	/* an unknown context keeps the text, in every output */
	d = parse_for("<!-- only: handbook -->\nKept.\n<!-- end only -->\n",
	    MD_HANDOUT);
	CHECK_INT(nerr, 1);
	CHECK(has_msg("t.md:1:1: error: unknown context 'handbook' in "
	    "<!-- only: handbook -->: write <!-- only: handout --> or "
	    "<!-- only: booklet -->\n"));
	CHECK_STR(all_text(d), "Kept.");
	doc_free(d);

	/* the block runs to the end of its container, and is reported */
	d = parse_for("- a\n  <!-- only: booklet -->\n  cut\n- b\n\n"
	    "After.\n", MD_HANDOUT);
	CHECK_INT(nerr, 1);
	CHECK(has_msg("t.md:2:3: error: this <!-- only: ... --> block is "
	    "never closed: add <!-- end only --> after its text, in the same "
	    "list item, quote or document\n"));
	CHECK_STR(all_text(d), "a|b|After.");
	doc_free(d);

	d = parse_for("Text.\n\n<!-- end only -->\n", MD_BOOKLET);
	CHECK_INT(nerr, 1);
	CHECK(has_msg("t.md:3:1: error: <!-- end only --> has no "
	    "<!-- only: ... --> before it"));
	doc_free(d);

	d = parse_for("<!-- only: booklet -->\n<!-- only: handout -->\nx\n"
	    "<!-- end only -->\n", MD_BOOKLET);
	CHECK_INT(nerr, 1);
	CHECK(has_msg("t.md:2:1: error: <!-- only: handout --> is inside the "
	    "block opened on line 1: close that block first with "
	    "<!-- end only -->\n"));
	CHECK_STR(all_text(d), "x");
	doc_free(d);

	d = parse_for("<!-- only booklet -->\n\n<!-- only: -->\n\n"
	    "<!-- end only now -->\n", MD_BOOKLET);
	CHECK_INT(nerr, 3);
	CHECK(has_msg("t.md:1:1: error: malformed marker: write "
	    "<!-- only: handout --> or <!-- only: booklet --> to open a block "
	    "and <!-- end only --> to close it\n"));
	CHECK(has_msg("t.md:3:1: error: malformed marker"));
	CHECK(has_msg("t.md:5:1: error: malformed marker"));
	doc_free(d);

	/* inside a paragraph: ignored and reported where it is */
	d = parse_for("Some text, then\nmore <!-- only: booklet --> words.\n",
	    MD_HANDOUT);
	CHECK_INT(nerr, 1);
	CHECK(has_msg("t.md:2:6: error: a <!-- only: ... --> or "
	    "<!-- end only --> marker inside a paragraph is ignored: put "
	    "each marker on a line of its own\n"));
	doc_free(d);

	/* text after a marker on its line would be lost */
	d = parse_for("<!-- only: booklet --> Lost.\n<!-- end only -->\n",
	    MD_BOOKLET);
	CHECK_INT(nerr, 1);
	CHECK(has_msg("t.md:1:1: error: text after a <!-- only --> marker on "
	    "its line is left out: put the marker on a line of its own\n"));
	doc_free(d);
}

static void
test_empty(void)
{
	struct node *d;

	d = parse("");
	CHECK_INT(d->type, NODE_DOCUMENT);
	CHECK(d->first == NULL);
	CHECK_INT(nerr + nwarn, 0);
	doc_free(d);
}

int
main(void)
{
	test_blocks();
	test_front_matter_lines();
	test_inlines();
	test_smart();
	test_citations();
	test_alerts();
	test_footnotes();
	test_tables();
	test_lists();
	test_images();
	test_html();
	test_deep();
	test_empty();
	test_only();
	test_only_errors();
	return harness_done("t_mdparse");
}
