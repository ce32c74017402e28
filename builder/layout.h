/*
 * layout: a page layout (layouts/<name>.yaml) validated into struct layout.
 *
 * Page geometry and every style come from here; nothing in the typesetter
 * is hard-wired except the defaults below.  Lengths are in points
 * (1/72 inch); the YAML accepts "12pt", "20mm", "1.5cm", "0.5in" or a bare
 * number (points).  Colours are "#rrggbb".
 */
#ifndef BUILDER_LAYOUT_H
#define BUILDER_LAYOUT_H

#include <stdint.h>

enum font_style {
	FONT_REGULAR,
	FONT_BOLD,
	FONT_ITALIC,
	FONT_BOLD_ITALIC,
	FONT_MONO,
	FONT_STYLE_MAX
};

/* One entry of a font fallback chain: a file under fonts/ ("DejaVuSans.ttf"),
 * or a fontconfig family/pattern ("DejaVu Sans:bold").  Position kept so the
 * font module can report a missing font at the layout file's line.  With
 * inheritance the chain may come from a parent layout, so the file is kept
 * too; file NULL (line 0) marks a built-in default. */
struct font_spec {
	char	*name;
	char	*file;		/* layout file that named it; owned */
	int	 line, col;
};

struct text_style {
	double		 size;		/* font size, pt */
	double		 leading;	/* baseline to baseline, pt */
	enum font_style	 font;
	uint32_t	 color;		/* 0xRRGGBB */
	double		 space_before;	/* pt */
	double		 space_after;	/* pt */
};

enum emphasis_style { EMPH_ITALIC, EMPH_BOLD };
enum link_style { LINK_AFTER, LINK_FOOTNOTE };
enum profile { PROFILE_NONE, PROFILE_CLEAR_PRINT, PROFILE_LARGE_PRINT };

/* Header or footer: three slots of template text.  Placeholders:
 * {title} {short_title} {id} {version} {published} {reviewed} {review_due}
 * {page} {pages} {publisher} {status}. */
struct running_text {
	char		*left, *center, *right;	/* owned, may be NULL */
	double		 size;
	uint32_t	 color;
	enum font_style	 font;
	int		 rule;		/* draw a hairline between it and the body */
};

struct callout_style {
	char		*title;		/* "Note", "Warning", ... */
	uint32_t	 border;	/* border colour */
	uint32_t	 background;
	uint32_t	 title_color;
};

struct layout {
	char		*name;		/* "handout-a4" */
	char		*path;		/* file it came from */
	enum profile	 profile;	/* declared accessibility profile */

	/* page */
	double		 page_width, page_height;
	double		 margin_top, margin_bottom, margin_inner, margin_outer;
	double		 header_gap;	/* baseline of header above body top */
	double		 footer_gap;	/* baseline of footer below body bottom */

	/* text */
	struct text_style body;
	struct text_style heading[4];	/* levels 1-4 */
	uint32_t	 heading_color;
	int		 justify;	/* 0: ragged right (default) */
	int		 hyphenate;	/* 0: off (default) */
	char		*hyphen_lang;	/* "en-GB" */
	enum emphasis_style emphasis;
	double		 paragraph_space; /* between paragraphs, pt */

	/* pagination */
	int		 widow_penalty;	 /* cost of a last line alone at a page top */
	int		 orphan_penalty; /* cost of a first line alone at a page foot */
	int		 heading_keep_lines; /* lines a heading keeps with it (2) */
	double		 max_gap;	/* page left empty above a block that
					   cannot split, at most (fraction) */
	double		 last_page_min;	/* a last page filled less than this
					   is avoided (fraction) */
	double		 space_shrink;	/* glue between blocks may shrink by
					   this much to save a page */

	/* the print edition of the booklet */
	double		 print_bleed;	/* ink beyond the trim, pt (0: no
					   bleed nor crop marks) */
	double		 print_creep;	/* saddle-stitch creep per sheet, pt */

	/* lists */
	double		 list_indent;	/* per level, pt */
	double		 list_item_space; /* between items of a loose list */
	char		*bullets[3];	/* per nesting level, cycled: "•" "–" "◦" */

	/* block quotes */
	double		 quote_indent;
	double		 quote_rule_width;
	uint32_t	 quote_rule_color;
	uint32_t	 quote_color;	/* text colour */

	/* callouts (GitHub alerts), indexed by enum callout_kind */
	struct callout_style callout[5];
	double		 callout_padding;
	double		 callout_border_width;

	/* code */
	double		 code_size;	/* pt; leading scales with it */
	uint32_t	 code_background;

	/* tables */
	double		 table_size;	/* pt */
	double		 table_padding;	/* inside each cell */
	uint32_t	 table_rule_color;
	uint32_t	 table_header_background;

	/* links */
	uint32_t	 link_color;
	int		 link_underline;
	enum link_style	 link_style;

	/* rules, images */
	uint32_t	 rule_color;
	double		 image_max_width;	/* fraction of the text width, 0..1 */

	/* the publisher's logo and name at the top of page 1 */
	double		 brand_logo_height;	/* pt */
	double		 brand_size;		/* name, pt */
	enum font_style	 brand_font;
	uint32_t	 brand_color;
	double		 brand_space_after;	/* below them, pt */

	/* running heads and feet */
	struct running_text header, footer;

	/* fonts: a fallback chain per style */
	struct font_spec *fonts[FONT_STYLE_MAX];
	int		 nfonts[FONT_STYLE_MAX];
	uint32_t	 text_color;
	uint32_t	 page_background;	/* for contrast checks; white */
};

/*
 * Load a layout.  name_or_file is a layout name (looked up as
 * <layouts_dir>/<name>.yaml; layouts_dir NULL means "layouts") or a path to
 * a .yaml file.  A layout may start from another ("inherits:"); every key
 * is described in layouts/README.md.  Every problem is
 * reported via diag at the layout file's line:col (unknown keys warn; bad
 * values, impossible geometry and profile violations are errors).
 * Returns NULL after reporting errors.  Free with layout_free.
 */
struct layout	*layout_load(const char *layouts_dir, const char *name_or_file);
void		 layout_free(struct layout *);
/* Text area width and height of a page, pt. */
double		 layout_text_width(const struct layout *);
double		 layout_text_height(const struct layout *);
/* WCAG 2 contrast ratio of two colours (0xRRGGBB), 1 to 21. */
double		 layout_contrast(uint32_t fg, uint32_t bg);

#endif
