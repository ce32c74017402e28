/*
 * t_layout: layout loading, inheritance, units, geometry and profile checks,
 * contrast maths, and the shipped layouts.  Run from the repository root
 * (or pass it as the first argument).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "harness.h"
#include "layout.h"

#define FIX	"tests/fixtures/layout/"
#define MM	(72.0 / 25.4)

static const char *out = "";	/* diagnostics of the last load */
static unsigned nerr, nwarn;	/* their counts */

#define CHECK_HAS(needle)	CHECK_CONTAINS(out, needle)

static struct layout	*load(const char *);
static void		 test_defaults(void);
static void		 test_shipped(void);
static void		 test_units(void);
static void		 test_inherit(void);
static void		 test_inherit_errors(void);
static void		 test_unknown(void);
static void		 test_types(void);
static void		 test_geometry(void);
static void		 test_profiles(void);
static void		 test_large_print(void);
static void		 test_contrast(void);
static int		 same_styles(const struct layout *,
			    const struct layout *);

/* Load a layout, capturing what it reports. */
static struct layout *
load(const char *name)
{
	struct layout *l;
	unsigned e0 = diag_count(DIAG_ERROR), w0 = diag_count(DIAG_WARNING);

	harness_capture_begin();
	l = layout_load("layouts", name);
	out = harness_capture_end();
	nerr = diag_count(DIAG_ERROR) - e0;
	nwarn = diag_count(DIAG_WARNING) - w0;
	return l;
}

static void
test_defaults(void)
{
	struct layout *l = load(FIX "empty.yaml");
	int i;

	CHECK(l != NULL);
	if (l == NULL)
		return;
	CHECK_INT(nerr, 0);
	CHECK_INT(nwarn, 0);
	CHECK_STR(l->name, "empty");
	CHECK_STR(l->path, FIX "empty.yaml");
	CHECK_INT(l->profile, PROFILE_NONE);
	CHECK_NEAR(l->page_width, 595.276, 0.01);
	CHECK_NEAR(l->page_height, 841.890, 0.01);
	CHECK_NEAR(l->margin_top, 20 * MM, 1e-9);
	CHECK_NEAR(l->margin_inner, 20 * MM, 1e-9);
	CHECK_NEAR(layout_text_width(l), 170 * MM, 1e-6);
	CHECK_NEAR(layout_text_height(l), 257 * MM, 1e-6);
	CHECK_NEAR(l->body.size, 12, 1e-9);
	CHECK_NEAR(l->body.leading, 16.8, 1e-9);
	CHECK_INT(l->body.font, FONT_REGULAR);
	CHECK_INT(l->body.color, 0x1a1a1a);
	CHECK_INT(l->text_color, 0x1a1a1a);
	CHECK_INT(l->page_background, 0xffffff);
	CHECK_INT(l->justify, 0);
	CHECK_INT(l->hyphenate, 0);
	CHECK_STR(l->hyphen_lang, "en-GB");
	CHECK_INT(l->emphasis, EMPH_BOLD);
	CHECK_INT(l->heading_color, 0x1f4e79);
	CHECK_NEAR(l->heading[0].size, 22, 1e-9);
	CHECK_NEAR(l->heading[0].leading, 26.4, 1e-9);
	for (i = 0; i < 4; i++) {
		CHECK_INT(l->heading[i].color, 0x1f4e79);
		CHECK_INT(l->heading[i].font, FONT_BOLD);
		CHECK(l->heading[i].size >= l->body.size);
		CHECK(l->heading[i].leading >= l->heading[i].size);
	}
	CHECK_STR(l->callout[0].title, "Note");
	CHECK_STR(l->callout[1].title, "Tip");
	CHECK_STR(l->callout[2].title, "Important");
	CHECK_STR(l->callout[3].title, "Warning");
	CHECK_STR(l->callout[4].title, "Caution");
	CHECK_STR(l->bullets[0], "\xe2\x80\xa2");
	CHECK_STR(l->header.left, "{short_title}");
	CHECK(l->header.center == NULL);
	CHECK_STR(l->header.right, "{id}");
	CHECK_STR(l->footer.left,
	    "Version {version} \xc2\xb7 Next review {review_due}");
	CHECK_STR(l->footer.right, "Page {page} of {pages}");
	CHECK_INT(l->link_style, LINK_AFTER);
	CHECK_NEAR(l->image_max_width, 1.0, 1e-9);
	CHECK_INT(l->heading_keep_lines, 2);
	CHECK_INT(l->nfonts[FONT_REGULAR], 2);
	CHECK_STR(l->fonts[FONT_REGULAR][0].name, "DejaVuSans.ttf");
	CHECK_STR(l->fonts[FONT_REGULAR][1].name, "DejaVu Sans");
	CHECK_STR(l->fonts[FONT_BOLD][1].name, "DejaVu Sans:bold");
	CHECK_STR(l->fonts[FONT_ITALIC][0].name, "DejaVuSans-Oblique.ttf");
	CHECK_STR(l->fonts[FONT_BOLD_ITALIC][1].name,
	    "DejaVu Sans:bold:oblique");
	CHECK_STR(l->fonts[FONT_MONO][0].name, "DejaVuSansMono.ttf");
	CHECK(l->fonts[FONT_MONO][0].file == NULL);
	CHECK_INT(l->fonts[FONT_MONO][0].line, 0);
	layout_free(l);
}

/* Every style field of two layouts is equal (page geometry aside). */
static int
same_styles(const struct layout *a, const struct layout *b)
{
	int i, j, same = 1;

	same &= memcmp(&a->body, &b->body, sizeof(a->body)) == 0;
	same &= memcmp(a->heading, b->heading, sizeof(a->heading)) == 0;
	same &= a->heading_color == b->heading_color;
	same &= a->emphasis == b->emphasis && a->justify == b->justify;
	same &= a->quote_color == b->quote_color;
	same &= a->code_size == b->code_size && a->table_size == b->table_size;
	same &= a->link_color == b->link_color;
	same &= a->header.size == b->header.size;
	same &= a->footer.size == b->footer.size;
	same &= strcmp(a->footer.left, b->footer.left) == 0;
	same &= a->widow_penalty == b->widow_penalty;
	for (i = 0; i < 5; i++) {
		same &= strcmp(a->callout[i].title, b->callout[i].title) == 0;
		same &= a->callout[i].background == b->callout[i].background;
		same &= a->callout[i].title_color == b->callout[i].title_color;
	}
	for (i = 0; i < FONT_STYLE_MAX; i++) {
		same &= a->nfonts[i] == b->nfonts[i];
		for (j = 0; j < a->nfonts[i] && j < b->nfonts[i]; j++)
			same &= strcmp(a->fonts[i][j].name,
			    b->fonts[i][j].name) == 0;
	}
	return same;
}

static void
test_shipped(void)
{
	struct layout *def, *a4, *us, *lp, *bk;

	def = load(FIX "empty.yaml");
	a4 = load("handout-a4");
	CHECK(a4 != NULL);
	CHECK_INT(nerr, 0);
	CHECK_INT(nwarn, 0);
	us = load("handout-letter");
	CHECK(us != NULL);
	CHECK_INT(nerr, 0);
	CHECK_INT(nwarn, 0);
	lp = load("large-print-a4");
	CHECK(lp != NULL);
	CHECK_INT(nerr, 0);
	CHECK_INT(nwarn, 0);
	bk = load("booklet-a5");
	CHECK(bk != NULL);
	CHECK_INT(nerr, 0);
	CHECK_INT(nwarn, 0);
	if (def == NULL || a4 == NULL || us == NULL || lp == NULL ||
	    bk == NULL)
		goto out;

	/* The default file spells out the built-in values. */
	CHECK(same_styles(def, a4));
	CHECK_NEAR(a4->page_width, def->page_width, 1e-9);
	CHECK_NEAR(a4->margin_top, def->margin_top, 1e-9);
	CHECK_NEAR(a4->footer_gap, def->footer_gap, 1e-9);
	CHECK_INT(a4->profile, PROFILE_CLEAR_PRINT);
	CHECK_STR(a4->name, "handout-a4");
	CHECK_STR(a4->path, "layouts/handout-a4.yaml");

	CHECK_NEAR(us->page_width, 612, 1e-9);
	CHECK_NEAR(us->page_height, 792, 1e-9);
	CHECK_NEAR(us->margin_outer, 54, 1e-9);
	CHECK(same_styles(a4, us));
	CHECK_INT(us->profile, PROFILE_CLEAR_PRINT);

	CHECK_INT(lp->profile, PROFILE_LARGE_PRINT);
	CHECK_NEAR(lp->body.size, 18, 1e-9);
	CHECK_INT(lp->emphasis, EMPH_BOLD);
	CHECK_NEAR(lp->footer.size, lp->body.size, 1e-9);
	CHECK(lp->footer.right != NULL &&
	    strstr(lp->footer.right, "{page}") != NULL);
	CHECK(lp->heading[3].size >= lp->body.size);
	CHECK(lp->table_size >= 16 && lp->code_size >= 16);

	CHECK_NEAR(bk->page_width, 148 * MM, 1e-6);
	CHECK_NEAR(bk->page_height, 210 * MM, 1e-6);
	CHECK(bk->margin_outer < a4->margin_outer);
	/* Declares clear print only if it meets it. */
	CHECK(bk->profile == PROFILE_NONE || bk->body.size >= 12);
	CHECK(bk->body.size >= 10.5 && bk->body.size <= 12);
out:
	layout_free(def);
	layout_free(a4);
	layout_free(us);
	layout_free(lp);
	layout_free(bk);
}

static void
test_units(void)
{
	struct layout *l = load(FIX "units.yaml");

	CHECK(l != NULL);
	CHECK_INT(nerr, 0);
	if (l != NULL) {
		CHECK_NEAR(l->margin_top, 36, 1e-9);
		CHECK_NEAR(l->margin_bottom, 20 * MM, 1e-9);
		CHECK_NEAR(l->margin_inner, 2.5 * 72 / 2.54, 1e-9);
		CHECK_NEAR(l->margin_outer, 0.75 * 72, 1e-9);
		CHECK_NEAR(l->header_gap, 12, 1e-9);
		CHECK_NEAR(l->footer_gap, 72 / 2.54, 1e-9);
	}
	layout_free(l);

	/* [w, h] page size; margin sets all four, then one is overridden. */
	l = load(FIX "margin.yaml");
	CHECK(l != NULL);
	CHECK_INT(nerr, 0);
	if (l != NULL) {
		CHECK_NEAR(l->page_width, 100 * MM, 1e-9);
		CHECK_NEAR(l->page_height, 150 * MM, 1e-9);
		CHECK_NEAR(l->margin_top, 15 * MM, 1e-9);
		CHECK_NEAR(l->margin_bottom, 10 * MM, 1e-9);
		CHECK_NEAR(l->margin_inner, 10 * MM, 1e-9);
		CHECK_NEAR(l->margin_outer, 10 * MM, 1e-9);
		CHECK_NEAR(layout_text_width(l), 80 * MM, 1e-9);
		CHECK_NEAR(layout_text_height(l), 125 * MM, 1e-9);
	}
	layout_free(l);
}

static void
test_inherit(void)
{
	struct layout *l;
	const struct font_spec *fs;

	l = load(FIX "child.yaml");
	CHECK(l != NULL);
	CHECK_INT(nerr, 0);
	CHECK_INT(nwarn, 0);
	if (l != NULL) {
		CHECK_STR(l->name, "child");
		CHECK_INT(l->profile, PROFILE_CLEAR_PRINT); /* inherited */
		CHECK_NEAR(l->body.size, 13, 1e-9);
		/* The parent's leading is 140%: it follows the new size. */
		CHECK_NEAR(l->body.leading, 18.2, 1e-9);
		CHECK_NEAR(l->page_width, 595.276, 0.01);
		CHECK_INT(l->heading_color, 0x204060);
		CHECK_INT(l->heading[0].color, 0x204060);
		CHECK_INT(l->heading[1].color, 0x102030);
		CHECK_INT(l->heading[3].color, 0x204060);
		/* Fonts keep the file and position that named them. */
		fs = &l->fonts[FONT_BOLD][0];
		CHECK_STR(fs->name, "DejaVuSans-Bold.ttf");
		CHECK_STR(fs->file, "layouts/handout-a4.yaml");
		CHECK_INT(fs->line, 98);
		CHECK_INT(fs->col, 10);
		CHECK_INT(l->fonts[FONT_BOLD][1].col, 31);
	}
	layout_free(l);

	/* A path to a file that itself inherits a layout by name. */
	l = load(FIX "grandchild.yaml");
	CHECK(l != NULL);
	CHECK_INT(nerr, 0);
	if (l != NULL) {
		CHECK_NEAR(l->page_width, 148 * MM, 1e-6);
		CHECK_NEAR(l->margin_outer, 15 * MM, 1e-9);
		CHECK_NEAR(l->body.size, 13, 1e-9);
		CHECK(l->header.left == NULL);
		CHECK_STR(l->header.right, "{id}");
	}
	layout_free(l);

	/* profile: none lifts the inherited profile's rules. */
	l = load(FIX "noprofile.yaml");
	CHECK(l != NULL);
	CHECK_INT(nerr, 0);
	if (l != NULL) {
		CHECK_INT(l->profile, PROFILE_NONE);
		CHECK_NEAR(l->body.size, 10.5, 1e-9);
		CHECK_NEAR(l->body.leading, 14.7, 1e-9);
		CHECK_INT(l->justify, 1);
		CHECK_INT(l->emphasis, EMPH_ITALIC);
	}
	layout_free(l);
}

static void
test_inherit_errors(void)
{
	struct layout *l;

	l = load(FIX "loop-a.yaml");
	CHECK(l == NULL);
	CHECK_INT(nerr, 1);
	CHECK_HAS(FIX "loop-b.yaml:1:1: error: inherits: ");
	CHECK_HAS("inherits from itself");

	l = load(FIX "missing-parent.yaml");
	CHECK(l == NULL);
	CHECK_HAS(FIX "missing-parent.yaml:1:1: error: inherits: cannot "
	    "read layout layouts/no-such-layout.yaml");
	CHECK_HAS("the layouts available are: booklet-a5, handout-a4, "
	    "handout-letter, large-print-a4");

	l = load("no-such-layout");
	CHECK(l == NULL);
	CHECK_INT(nerr, 1);
	CHECK_HAS("leafpress: error: cannot read layout "
	    "layouts/no-such-layout.yaml");
}

static void
test_unknown(void)
{
	struct layout *l = load(FIX "unknown.yaml");

	CHECK(l != NULL);
	CHECK_INT(nerr, 0);
	CHECK_INT(nwarn, 2);
	CHECK_HAS(FIX "unknown.yaml:2:3: warning: unknown key 'colour' in "
	    "layout section 'text'");
	CHECK_HAS("known keys are size, leading, font, color, "
	    "paragraph_space, justify, hyphenate, hyphen_lang, emphasis");
	CHECK_HAS(FIX "unknown.yaml:3:1: warning: unknown key 'pages' in "
	    "the layout");
	CHECK_HAS("page, text, headings");
	layout_free(l);

	l = load(FIX "placeholder.yaml");
	CHECK(l != NULL);
	CHECK_INT(nwarn, 1);
	CHECK_HAS(FIX "placeholder.yaml:2:3: warning: footer.right: unknown "
	    "placeholder {pagez}");
	layout_free(l);
}

static void
test_types(void)
{
	struct layout *l = load(FIX "types.yaml");

	CHECK(l == NULL);
	CHECK_INT(nerr, 12);
	CHECK_HAS(FIX "types.yaml:2:3: error: text.size: expected a single "
	    "value here, not a list");
	CHECK_HAS(FIX "types.yaml:3:3: error: text.justify: 'maybe' is not");
	CHECK_HAS(FIX "types.yaml:4:3: error: text.color: 'red' is not a "
	    "colour");
	CHECK_HAS(FIX "types.yaml:5:3: error: text.emphasis: unknown "
	    "emphasis 'underline'");
	CHECK_HAS(FIX "types.yaml:7:3: error: page.margin_top: '-5mm' is "
	    "negative");
	CHECK_HAS(FIX "types.yaml:8:3: error: page.margin_bottom: '12px' is "
	    "not a length");
	CHECK_HAS(FIX "types.yaml:9:3: error: page.size: unknown page size "
	    "'B5'");
	CHECK_HAS(FIX "types.yaml:11:3: error: headings.h1: expected a group");
	CHECK_HAS(FIX "types.yaml:13:3: error: pagination.heading_keep_lines: "
	    "'2.5' is not a whole number");
	CHECK_HAS(FIX "types.yaml:15:3: error: images.max_width: '120%' is "
	    "out of range");
	CHECK_HAS(FIX "types.yaml:17:3: error: fonts.mono: give at least one");
	CHECK_HAS(FIX "types.yaml:19:3: error: lists.bullets: give at most "
	    "three");
}

static void
test_geometry(void)
{
	struct layout *l;

	l = load(FIX "geom-none.yaml");
	CHECK(l == NULL);
	CHECK_INT(nerr, 1);
	CHECK_HAS(FIX "geom-none.yaml:2:3: error: page.margin_inner: the "
	    "margins leave no room for text");

	l = load(FIX "geom-narrow.yaml");
	CHECK(l == NULL);
	CHECK_HAS(FIX "geom-narrow.yaml:3:3: error: page.margin: the text "
	    "column is only 28mm wide, room for fewer than 20 characters");

	l = load(FIX "geom-low.yaml");
	CHECK(l == NULL);
	CHECK_HAS(FIX "geom-low.yaml:2:3: error: page.margin_top: the text "
	    "area is only 17mm high");

	l = load(FIX "leading.yaml");
	CHECK(l == NULL);
	CHECK_INT(nerr, 1);
	CHECK_HAS(FIX "leading.yaml:3:3: error: text.leading is 10pt, "
	    "smaller than text.size 12pt");

	l = load(FIX "tiny.yaml");
	CHECK(l == NULL);
	CHECK_HAS(FIX "tiny.yaml:2:3: error: text.size: '5pt' is too small");

	l = load(FIX "header-gap.yaml");
	CHECK(l == NULL);
	CHECK_HAS(FIX "header-gap.yaml:3:3: error: page.header_gap: the page "
	    "header would stick out");
}

static void
test_profiles(void)
{
	static const struct {
		const char *file, *want;
	} cases[] = {
		{ "cp-body", ":3:3: error: text.size: 11pt is too small for "
		    "body text under the clear-print profile" },
		{ "cp-heading", ":3:9: error: headings.h4.size: 11pt" },
		{ "cp-table", ":3:3: error: table.size: 10pt" },
		{ "cp-code", ":3:3: error: code.size: 10pt" },
		{ "cp-header", ":3:3: error: header.size: 9pt" },
		{ "cp-footer", ":3:3: error: footer.size: 9pt" },
		{ "cp-justify", ":3:3: error: text.justify: " },
		{ "cp-hyphenate", ":3:3: error: text.hyphenate: " },
		{ "cp-emphasis", ":3:3: error: text.emphasis: italic" },
		{ "cp-italic-font", ":4:5: error: headings.h3.font: italic" },
		{ "cp-bold-oblique", ":3:10: error: fonts.bold: "
		    "'DejaVuSans-BoldOblique.ttf' is an italic font" },
		{ "cp-contrast", ":3:3: error: text.color: body text #777777 "
		    "on page.background #ffffff has a contrast of only "
		    "4.48:1" },
		{ "cp-contrast-box", ":3:3: error: text.color: body text "
		    "#767676 on table.header_background #e8eef5 has a "
		    "contrast of only 3.89:1" },
		{ "cp-contrast-link", ":3:3: error: links.color: link text "
		    "#66aaff" },
		{ "cp-contrast-callout", ":4:5: error: "
		    "callouts.warning.background: the callout title #7d4e00 "
		    "on callouts.warning.background #bf8700" },
		{ "cp-inherited", ":3:3: error: text.size: 11pt is too small "
		    "for body text under the clear-print profile" },
		{ "lp-body", ":3:3: error: text.size: 14pt is too small for "
		    "body text under the large-print profile; use at least "
		    "16pt" },
		{ "lp-footer", ":3:3: error: footer.size: 12pt is too small "
		    "for the page footer under the large-print profile" },
	};
	struct layout *l;
	char path[128], want[256];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(path, sizeof(path), FIX "%s.yaml", cases[i].file);
		snprintf(want, sizeof(want), "%s%s", path, cases[i].want);
		l = load(path);
		CHECK(l == NULL);
		CHECK_INT(nerr, 1);
		CHECK_HAS(want);
		layout_free(l);
	}
}

static void
test_large_print(void)
{
	struct layout *l = load(FIX "lp-defaults.yaml");

	/* Declaring the profile alone gives large-print sizes. */
	CHECK(l != NULL);
	CHECK_INT(nerr, 0);
	if (l != NULL) {
		CHECK_NEAR(l->body.size, 18, 1e-9);
		CHECK_NEAR(l->body.leading, 25.2, 1e-9);
		CHECK_NEAR(l->footer.size, 18, 1e-9);
		CHECK_NEAR(l->header.size, 18, 1e-9);
		CHECK(l->heading[3].size > l->body.size);
		CHECK(l->code_size >= 16);
	}
	layout_free(l);
}

static void
test_contrast(void)
{
	CHECK_NEAR(layout_contrast(0x777777, 0xffffff), 4.48, 0.005);
	CHECK(layout_contrast(0x777777, 0xffffff) < 4.5);
	CHECK(layout_contrast(0x767676, 0xffffff) >= 4.5);
	CHECK_NEAR(layout_contrast(0x000000, 0xffffff), 21, 1e-9);
	CHECK_NEAR(layout_contrast(0xffffff, 0x000000), 21, 1e-9);
	CHECK_NEAR(layout_contrast(0x1f4e79, 0x1f4e79), 1, 1e-9);
	/* Green counts most, blue least (WCAG weights). */
	CHECK(layout_contrast(0x00ff00, 0x000000) >
	    layout_contrast(0xff0000, 0x000000));
	CHECK(layout_contrast(0xff0000, 0x000000) >
	    layout_contrast(0x0000ff, 0x000000));
	CHECK_NEAR(layout_contrast(0xff0000, 0xffffff), 4.00, 0.005);
}

int
main(int argc, char **argv)
{
	if (argc > 1 && chdir(argv[1]) == -1) {
		perror(argv[1]);
		return 2;
	}
	test_defaults();
	test_shipped();
	test_units();
	test_inherit();
	test_inherit_errors();
	test_unknown();
	test_types();
	test_geometry();
	test_profiles();
	test_large_print();
	test_contrast();
	return harness_done("t_layout");
}
