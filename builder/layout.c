/*
 * layout: read layouts/<name>.yaml into a validated struct layout.
 *
 * A table maps every YAML key (section and name) to a field of struct
 * layout and a value type, so parsing, the list of known keys and the
 * messages come from one place.  A layout may inherit another: the parent
 * is applied first, then the child overrides.  Each key remembers which
 * file and line set it last, so the checks that run after all files are
 * applied (geometry, leading, accessibility profiles) point at the line
 * that has to change.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "diag.h"
#include "layout.h"
#include "source.h"
#include "xalloc.h"
#include "yamlx.h"

#define LAYOUT_MAX_BYTES	(256u << 10)
#define LAYOUT_MAX_DEPTH	8	/* files in one inherits chain */
#define MIN_TEXT_SIZE		6.0	/* pt; smaller cannot be read */
#define MIN_LINE_CHARS		20	/* narrowest usable column */
#define AVG_CHAR_EM		0.5	/* average character width, em */
#define MIN_CONTRAST		4.5	/* WCAG AA for body text */

#define MM	(72.0 / 25.4)

enum ktype {
	K_SECTION,	/* a nested mapping of more keys */
	K_INHERITS,	/* handled before everything else */
	K_PROFILE,
	K_PAGESIZE,	/* A4, A5, letter or [w, h] */
	K_MARGIN,	/* all four margins at once */
	K_LENGTH,	/* double, pt, >= 0 */
	K_FONTSIZE,	/* double, pt, >= MIN_TEXT_SIZE */
	K_LEADING,	/* double, pt, or a percentage of the size */
	K_COLOR,	/* uint32_t 0xRRGGBB */
	K_TEXTCOLOR,	/* text colour: also the body style's colour */
	K_HEADCOLOR,	/* heading colour: also every level's colour */
	K_BOOL,		/* int */
	K_INT,		/* int within lo..hi */
	K_STRING,	/* char *, owned */
	K_LANG,		/* char *, "en-GB" */
	K_TEMPLATE,	/* char *, running text with placeholders */
	K_FONT,		/* enum font_style */
	K_EMPHASIS,	/* enum emphasis_style */
	K_LINKSTYLE,	/* enum link_style */
	K_FRACTION,	/* double 0 < x <= 1, or a percentage */
	K_BULLETS,	/* char *bullets[3] */
	K_FONTLIST	/* fonts[aux], nfonts[aux] */
};

struct key {
	const char	*sect;	/* "" (top level), "headings.h1" */
	const char	*name;
	enum ktype	 type;
	size_t		 off;	/* offset in struct layout */
	int		 aux;	/* K_LEADING: 0 body, 1-4 heading;
				   K_FONTLIST: font style */
	double		 lo, hi;	/* K_INT, lengths: range */
};

#define O(m)	offsetof(struct layout, m)
#define SECT(s, n)		{ s, n, K_SECTION, 0, 0, 0, 0 }
#define KEY(s, n, t, m)		{ s, n, t, O(m), 0, 0, 0 }
#define LEN(s, n, m, hi)	{ s, n, K_LENGTH, O(m), 0, 0, hi }
#define SIZE(s, n, m)	{ s, n, K_FONTSIZE, O(m), 0, MIN_TEXT_SIZE, 200 }
#define LEAD(s, n, m, i)	{ s, n, K_LEADING, O(m), i, 0, 400 }
#define INT(s, n, m, lo, hi)	{ s, n, K_INT, O(m), 0, lo, hi }
#define FONTS(n, i)		{ "fonts", n, K_FONTLIST, 0, i, 0, 0 }

#define HEADING(h, i)							\
	SIZE(h, "size", heading[i].size),				\
	LEAD(h, "leading", heading[i].leading, i + 1),			\
	KEY(h, "font", K_FONT, heading[i].font),			\
	KEY(h, "color", K_COLOR, heading[i].color),			\
	LEN(h, "space_before", heading[i].space_before, 200),		\
	LEN(h, "space_after", heading[i].space_after, 200)

#define CALLOUT(c, i)							\
	KEY(c, "title", K_STRING, callout[i].title),			\
	KEY(c, "border", K_COLOR, callout[i].border),			\
	KEY(c, "background", K_COLOR, callout[i].background),		\
	KEY(c, "title_color", K_COLOR, callout[i].title_color)

#define RUNNING(s, m)							\
	KEY(s, "left", K_TEMPLATE, m.left),				\
	KEY(s, "center", K_TEMPLATE, m.center),				\
	KEY(s, "right", K_TEMPLATE, m.right),				\
	SIZE(s, "size", m.size),					\
	KEY(s, "color", K_COLOR, m.color),				\
	KEY(s, "font", K_FONT, m.font),					\
	KEY(s, "rule", K_BOOL, m.rule)

/* Order matters within a section: keys are applied in this order, so a
 * shorthand (margin, headings.color) comes before the keys it presets. */
static const struct key keys[] = {
	{ "", "inherits", K_INHERITS, 0, 0, 0, 0 },
	KEY("", "profile", K_PROFILE, profile),
	SECT("", "page"),
	SECT("", "text"),
	SECT("", "headings"),
	SECT("", "lists"),
	SECT("", "quote"),
	SECT("", "callouts"),
	SECT("", "code"),
	SECT("", "table"),
	SECT("", "links"),
	SECT("", "rules"),
	SECT("", "images"),
	SECT("", "brand"),
	SECT("", "header"),
	SECT("", "footer"),
	SECT("", "fonts"),
	SECT("", "pagination"),
	SECT("", "print"),

	{ "page", "size", K_PAGESIZE, 0, 0, 0, 0 },
	{ "page", "margin", K_MARGIN, 0, 0, 0, 500 },
	LEN("page", "margin_top", margin_top, 500),
	LEN("page", "margin_bottom", margin_bottom, 500),
	LEN("page", "margin_inner", margin_inner, 500),
	LEN("page", "margin_outer", margin_outer, 500),
	LEN("page", "header_gap", header_gap, 500),
	LEN("page", "footer_gap", footer_gap, 500),
	KEY("page", "background", K_COLOR, page_background),

	SIZE("text", "size", body.size),
	LEAD("text", "leading", body.leading, 0),
	KEY("text", "font", K_FONT, body.font),
	KEY("text", "color", K_TEXTCOLOR, text_color),
	LEN("text", "paragraph_space", paragraph_space, 200),
	KEY("text", "justify", K_BOOL, justify),
	KEY("text", "hyphenate", K_BOOL, hyphenate),
	KEY("text", "hyphen_lang", K_LANG, hyphen_lang),
	KEY("text", "emphasis", K_EMPHASIS, emphasis),

	KEY("headings", "color", K_HEADCOLOR, heading_color),
	SECT("headings", "h1"),
	SECT("headings", "h2"),
	SECT("headings", "h3"),
	SECT("headings", "h4"),
	HEADING("headings.h1", 0),
	HEADING("headings.h2", 1),
	HEADING("headings.h3", 2),
	HEADING("headings.h4", 3),

	LEN("lists", "indent", list_indent, 200),
	LEN("lists", "item_space", list_item_space, 200),
	KEY("lists", "bullets", K_BULLETS, bullets),

	LEN("quote", "indent", quote_indent, 200),
	LEN("quote", "rule_width", quote_rule_width, 50),
	KEY("quote", "rule_color", K_COLOR, quote_rule_color),
	KEY("quote", "color", K_COLOR, quote_color),

	LEN("callouts", "padding", callout_padding, 100),
	LEN("callouts", "border_width", callout_border_width, 50),
	SECT("callouts", "note"),
	SECT("callouts", "tip"),
	SECT("callouts", "important"),
	SECT("callouts", "warning"),
	SECT("callouts", "caution"),
	CALLOUT("callouts.note", 0),
	CALLOUT("callouts.tip", 1),
	CALLOUT("callouts.important", 2),
	CALLOUT("callouts.warning", 3),
	CALLOUT("callouts.caution", 4),

	SIZE("code", "size", code_size),
	KEY("code", "background", K_COLOR, code_background),

	SIZE("table", "size", table_size),
	LEN("table", "padding", table_padding, 100),
	KEY("table", "rule_color", K_COLOR, table_rule_color),
	KEY("table", "header_background", K_COLOR, table_header_background),

	KEY("links", "color", K_COLOR, link_color),
	KEY("links", "underline", K_BOOL, link_underline),
	KEY("links", "style", K_LINKSTYLE, link_style),

	KEY("rules", "color", K_COLOR, rule_color),

	KEY("images", "max_width", K_FRACTION, image_max_width),

	LEN("brand", "logo_height", brand_logo_height, 150),
	SIZE("brand", "size", brand_size),
	KEY("brand", "font", K_FONT, brand_font),
	KEY("brand", "color", K_COLOR, brand_color),
	LEN("brand", "space_after", brand_space_after, 100),

	RUNNING("header", header),
	RUNNING("footer", footer),

	FONTS("regular", FONT_REGULAR),
	FONTS("bold", FONT_BOLD),
	FONTS("italic", FONT_ITALIC),
	FONTS("bold_italic", FONT_BOLD_ITALIC),
	FONTS("mono", FONT_MONO),

	INT("pagination", "widow_penalty", widow_penalty, 0, 10000),
	INT("pagination", "orphan_penalty", orphan_penalty, 0, 10000),
	INT("pagination", "heading_keep_lines", heading_keep_lines, 1, 10),
	KEY("pagination", "max_gap", K_FRACTION, max_gap),
	KEY("pagination", "last_page_min", K_FRACTION, last_page_min),
	KEY("pagination", "space_shrink", K_FRACTION, space_shrink),

	LEN("print", "bleed", print_bleed, 30),
	LEN("print", "creep", print_creep, 3),
};

#define NKEYS	(sizeof(keys) / sizeof(keys[0]))

/* Where a key's current value came from; file NULL: the built-in default. */
struct origin {
	const char	*file;
	int		 line, col;
	int		 setter;	/* key written in the file: the
					   key, or a shorthand (page.margin) */
};

struct loader {
	const char	*layouts_dir;
	struct layout	*l;
	struct origin	 org[NKEYS];
	double		 ratio[5];	/* body, h1-h4: leading / size,
					   0 if absolute */
	char		*files[LAYOUT_MAX_DEPTH];	/* paths, owned */
	dev_t		 dev[LAYOUT_MAX_DEPTH];
	ino_t		 ino[LAYOUT_MAX_DEPTH];
	int		 nfiles;
	int		 depth;
	const char	*file;		/* file being applied */
	int		 ok;		/* no error so far */
};

static const char *const font_names[FONT_STYLE_MAX] = {
	"regular", "bold", "italic", "bold_italic", "mono"
};

static const char *const emphasis_names[] = {
	[EMPH_ITALIC] = "italic", [EMPH_BOLD] = "bold"
};

static const char *const link_style_names[] = {
	[LINK_AFTER] = "after", [LINK_FOOTNOTE] = "footnote"
};

#define NNAMES(a)	((int)(sizeof(a) / sizeof((a)[0])))

static const char *const placeholders[] = {
	"title", "short_title", "id", "version", "published", "reviewed",
	"review_due", "page", "pages", "publisher", "status", NULL
};

static const char *const default_fonts[FONT_STYLE_MAX][2] = {
	{ "DejaVuSans.ttf", "DejaVu Sans" },
	{ "DejaVuSans-Bold.ttf", "DejaVu Sans:bold" },
	{ "DejaVuSans-Oblique.ttf", "DejaVu Sans:oblique" },
	{ "DejaVuSans-BoldOblique.ttf", "DejaVu Sans:bold:oblique" },
	{ "DejaVuSansMono.ttf", "DejaVu Sans Mono" }
};

/* Sizes a large-print layout gets when no file sets them. */
static const struct {
	const char	*sect, *name;
	double		 size;
} large_print_sizes[] = {
	{ "text", "size", 18 },
	{ "headings.h1", "size", 30 },
	{ "headings.h2", "size", 25 },
	{ "headings.h3", "size", 21 },
	{ "headings.h4", "size", 19 },
	{ "code", "size", 16 },
	{ "table", "size", 18 },
	{ "brand", "size", 18 },
	{ "header", "size", 18 },
	{ "footer", "size", 18 },
};

/* Every text size an accessibility profile sets a minimum for. */
static const struct {
	const char	*sect, *what;
} profile_sizes[] = {
	{ "text", "body text" },
	{ "headings.h1", "level 1 headings" },
	{ "headings.h2", "level 2 headings" },
	{ "headings.h3", "level 3 headings" },
	{ "headings.h4", "level 4 headings" },
	{ "table", "table text" },
	{ "code", "code" },
	{ "brand", "the publisher's name" },
	{ "header", "the page header" },
	{ "footer", "the page footer" },
};

static int	 kidx(const char *, const char *);
static char	*kname(int, char *, size_t);
static void	*field(struct layout *, int);
static void	 set_origin(struct loader *, int, int, const struct ynode *);
static void	 seterr(struct loader *, const struct ynode *, int,
		    const char *, ...) __attribute__((format(printf, 4, 5)));
static int	 has_word(const char *, const char *);
static int	 name_index(const char *, const char *const *, int);
static int	 blame(const struct loader *, int, int);
static int	 parse_number(const char *, double *, const char **);
static int	 parse_length(const char *, double *, int *);
static int	 parse_color(const char *, uint32_t *);
static const char *scalar(struct loader *, int, const struct ynode *);
static int	 get_length(struct loader *, int, const struct ynode *,
		    double *, double, double);
static void	 check_template(struct loader *, int, const struct ynode *,
		    const char *);
static void	 set_fontlist(struct loader *, int, const struct ynode *);
static void	 set_bullets(struct loader *, int, const struct ynode *);
static void	 set_pagesize(struct loader *, int, const struct ynode *);
static void	 apply_key(struct loader *, int, const struct ynode *);
static void	 apply_map(struct loader *, const struct ynode *,
		    const char *);
static char	*resolve(const char *, const char *, const char *);
static void	 list_layouts(struct buf *, const char *);
static int	 load_file(struct loader *, const char *,
		    const struct ynode *);
static void	 defaults(struct layout *, struct loader *);
static void	 where(const struct loader *, int, int, const char **, int *,
		    int *);
static void	 finalize(struct loader *);
static int	 geometry_key(const struct loader *, const char *,
		    const char *);
static void	 check_geometry(struct loader *);
static void	 check_profile(struct loader *);
static int	 check_contrast(struct loader *, int, int, const char *,
		    uint32_t, uint32_t);
static void	 check_boxes(struct loader *);
static double	 luminance(uint32_t);
static double	 shown_ratio(double);
static double	 rnd(double);

/* ---- the key table ---------------------------------------------------- */

static int
kidx(const char *sect, const char *name)
{
	size_t i;

	for (i = 0; i < NKEYS; i++)
		if (strcmp(keys[i].sect, sect) == 0 &&
		    strcmp(keys[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* The dotted name of key k as written in the file: "headings.h2.size". */
static char *
kname(int k, char *b, size_t sz)
{
	if (keys[k].sect[0] == '\0')
		snprintf(b, sz, "%s", keys[k].name);
	else
		snprintf(b, sz, "%s.%s", keys[k].sect, keys[k].name);
	return b;
}

static void *
field(struct layout *l, int k)
{
	return (char *)l + keys[k].off;
}

static void
set_origin(struct loader *ld, int k, int setter, const struct ynode *n)
{
	ld->org[k].file = ld->file;
	ld->org[k].line = n->key_line;
	ld->org[k].col = n->key_col;
	ld->org[k].setter = setter;
}

/* An error about the value of key k, at the key's position. */
static void
seterr(struct loader *ld, const struct ynode *n, int k, const char *fmt, ...)
{
	va_list ap;
	char name[64], msg[512];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag_error(ld->file, n->key_line, n->key_col, "%s: %s",
	    kname(k, name, sizeof(name)), msg);
	ld->ok = 0;
}

/* Does s contain word, ignoring case? */
static int
has_word(const char *s, const char *word)
{
	size_t n = strlen(word);

	for (; *s != '\0'; s++)
		if (strncasecmp(s, word, n) == 0)
			return 1;
	return 0;
}

/* The index of s among the n names, or -1. */
static int
name_index(const char *s, const char *const *names, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

/* ---- values ------------------------------------------------------------- */

/*
 * A decimal number without exponent, hex or "inf": what people write in a
 * layout.  *end is set past it.
 */
static int
parse_number(const char *s, double *v, const char **end)
{
	const char *p = s;
	int digits = 0;

	if (*p == '-' || *p == '+')
		p++;
	while (isdigit((unsigned char)*p)) {
		p++;
		digits++;
	}
	if (*p == '.') {
		p++;
		while (isdigit((unsigned char)*p)) {
			p++;
			digits++;
		}
	}
	if (digits == 0)
		return -1;
	*v = strtod(s, NULL);
	*end = p;
	return 0;
}

/*
 * "12pt", "20mm", "1.5cm", "0.5in", "12" (pt) or "140%" (*pct set, v is
 * the fraction).  Returns -1 for anything else.
 */
static int
parse_length(const char *s, double *v, int *pct)
{
	const char *p;
	double x;

	*pct = 0;
	while (*s == ' ')
		s++;
	if (parse_number(s, &x, &p) == -1)
		return -1;
	while (*p == ' ')
		p++;
	if (*p == '\0' || strcmp(p, "pt") == 0)
		*v = x;
	else if (strcmp(p, "mm") == 0)
		*v = x * MM;
	else if (strcmp(p, "cm") == 0)
		*v = x * 10 * MM;
	else if (strcmp(p, "in") == 0)
		*v = x * 72;
	else if (strcmp(p, "%") == 0) {
		*v = x / 100;
		*pct = 1;
	} else
		return -1;
	return 0;
}

static int
parse_color(const char *s, uint32_t *c)
{
	uint32_t v = 0;
	int i;

	if (s[0] != '#' || strlen(s) != 7)
		return -1;
	for (i = 1; i < 7; i++) {
		if (!isxdigit((unsigned char)s[i]))
			return -1;
		v = v * 16 + (uint32_t)(isdigit((unsigned char)s[i]) ?
		    s[i] - '0' : tolower((unsigned char)s[i]) - 'a' + 10);
	}
	*c = v;
	return 0;
}

/*
 * The text of a single value, or NULL after an error for a list, a group
 * or (unless the key takes text) nothing at all.
 */
static const char *
scalar(struct loader *ld, int k, const struct ynode *n)
{
	if (n->type != YNODE_SCALAR) {
		seterr(ld, n, k, "expected a single value here, not %s",
		    n->type == YNODE_MAP ? "a group of settings" : "a list");
		return NULL;
	}
	if (n->plain && (n->len == 0 || strcmp(n->value, "~") == 0 ||
	    strcmp(n->value, "null") == 0)) {
		if (keys[k].type == K_STRING || keys[k].type == K_TEMPLATE)
			return "";
		seterr(ld, n, k, "has no value; write one after the colon, "
		    "or delete the line to keep the default");
		return NULL;
	}
	return n->value;
}

static int
get_length(struct loader *ld, int k, const struct ynode *n, double *v,
    double lo, double hi)
{
	const char *s;
	int pct;

	if ((s = scalar(ld, k, n)) == NULL)
		return -1;
	if (parse_length(s, v, &pct) == -1 || pct) {
		seterr(ld, n, k, "'%s' is not a length; write a number with "
		    "a unit, such as 12pt, 20mm, 1.5cm or 0.5in", s);
		return -1;
	}
	if (*v < 0) {
		seterr(ld, n, k, "'%s' is negative; use 0 or more", s);
		return -1;
	}
	if (*v < lo) {
		seterr(ld, n, k, "'%s' is too small to read; use at least "
		    "%gpt", s, lo);
		return -1;
	}
	if (hi > 0 && *v > hi) {
		seterr(ld, n, k, "'%s' is far too large; use at most %gpt "
		    "(%gmm)", s, hi, rnd(hi / MM));
		return -1;
	}
	return 0;
}

/* Warn about placeholders a running head cannot fill. */
static void
check_template(struct loader *ld, int k, const struct ynode *n,
    const char *s)
{
	const char *p, *q;
	char name[64];
	struct buf known;
	size_t i;
	int found;

	for (p = s; (p = strchr(p, '{')) != NULL; p = q + 1) {
		if ((q = strchr(p, '}')) == NULL) {
			diag_warning(ld->file, n->key_line, n->key_col,
			    "%s: '{' without a closing '}'; write "
			    "placeholders like {page}",
			    kname(k, name, sizeof(name)));
			return;
		}
		found = 0;
		for (i = 0; placeholders[i] != NULL; i++)
			if (strlen(placeholders[i]) == (size_t)(q - p - 1) &&
			    strncmp(placeholders[i], p + 1, q - p - 1) == 0)
				found = 1;
		if (found)
			continue;
		buf_init(&known);
		for (i = 0; placeholders[i] != NULL; i++)
			buf_printf(&known, "%s{%s}", i ? ", " : "",
			    placeholders[i]);
		diag_warning(ld->file, n->key_line, n->key_col,
		    "%s: unknown placeholder %.*s is printed as it is; "
		    "known placeholders are %s", kname(k, name, sizeof(name)),
		    (int)(q - p + 1), p, known.p);
		buf_free(&known);
	}
}

static void
set_fontlist(struct loader *ld, int k, const struct ynode *n)
{
	struct font_spec *v;
	const struct ynode *c;
	int style = keys[k].aux, i, nv;

	if (n->type == YNODE_MAP) {
		seterr(ld, n, k, "expected a list of font names, such as "
		    "[DejaVuSans.ttf, \"DejaVu Sans\"]");
		return;
	}
	if (n->type == YNODE_SCALAR) {
		if (n->value[0] == '\0') {
			seterr(ld, n, k, "give at least one font name");
			return;
		}
		nv = 1;
	} else {
		if (n->nchild == 0) {
			seterr(ld, n, k, "give at least one font name");
			return;
		}
		for (c = n->child; c != NULL; c = c->next)
			if (c->type != YNODE_SCALAR || c->value[0] == '\0') {
				diag_error(ld->file, c->line, c->col,
				    "fonts.%s: each entry must be one font "
				    "file or family name",
				    font_names[style]);
				ld->ok = 0;
				return;
			}
		nv = n->nchild;
	}
	v = xcalloc((size_t)nv, sizeof(*v));
	if (n->type == YNODE_SCALAR) {
		v[0].name = xstrdup(n->value);
		v[0].file = xstrdup(ld->file);
		v[0].line = n->line;
		v[0].col = n->col;
	} else
		for (i = 0, c = n->child; c != NULL; c = c->next, i++) {
			v[i].name = xstrdup(c->value);
			v[i].file = xstrdup(ld->file);
			v[i].line = c->line;
			v[i].col = c->col;
		}
	for (i = 0; i < ld->l->nfonts[style]; i++) {
		free(ld->l->fonts[style][i].name);
		free(ld->l->fonts[style][i].file);
	}
	free(ld->l->fonts[style]);
	ld->l->fonts[style] = v;
	ld->l->nfonts[style] = nv;
	set_origin(ld, k, k, n);
}

static void
set_bullets(struct loader *ld, int k, const struct ynode *n)
{
	const char *v[3];
	const struct ynode *c;
	int i, nv = 0;

	if (n->type == YNODE_MAP) {
		seterr(ld, n, k, "expected a list of up to three bullet "
		    "characters, such as [\"•\", \"–\", \"◦\"]");
		return;
	}
	if (n->type == YNODE_SCALAR)
		v[nv++] = n->value;
	else
		for (c = n->child; c != NULL; c = c->next) {
			if (c->type != YNODE_SCALAR) {
				seterr(ld, n, k, "each bullet must be a "
				    "single character or short text");
				return;
			}
			if (nv == 3) {
				seterr(ld, n, k, "give at most three "
				    "bullets, one per list level; deeper "
				    "levels repeat them");
				return;
			}
			v[nv++] = c->value;
		}
	if (nv == 0) {
		seterr(ld, n, k, "give at least one bullet");
		return;
	}
	for (i = 0; i < nv; i++)
		if (v[i][0] == '\0') {
			seterr(ld, n, k, "a bullet cannot be empty");
			return;
		}
	for (i = 0; i < 3; i++) {
		free(ld->l->bullets[i]);
		ld->l->bullets[i] = xstrdup(v[i % nv]);
	}
	set_origin(ld, k, k, n);
}

static void
set_pagesize(struct loader *ld, int k, const struct ynode *n)
{
	const struct ynode *c;
	double wh[2] = { 0, 0 };
	int i;

	if (n->type == YNODE_SCALAR) {
		if (strcasecmp(n->value, "A4") == 0) {
			wh[0] = 210 * MM;
			wh[1] = 297 * MM;
		} else if (strcasecmp(n->value, "A5") == 0) {
			wh[0] = 148 * MM;
			wh[1] = 210 * MM;
		} else if (strcasecmp(n->value, "letter") == 0) {
			wh[0] = 8.5 * 72;
			wh[1] = 11 * 72;
		} else {
			seterr(ld, n, k, "unknown page size '%s'; use A4, "
			    "A5, letter, or [width, height] such as "
			    "[210mm, 297mm]", n->value);
			return;
		}
	} else if (n->type == YNODE_SEQ && n->nchild == 2) {
		for (i = 0, c = n->child; c != NULL; c = c->next, i++) {
			if (get_length(ld, k, c, &wh[i], 0, 0) == -1)
				return;
			if (wh[i] < 72) {
				seterr(ld, n, k, "a page narrower or lower "
				    "than 1 inch (25.4mm) cannot hold text");
				return;
			}
		}
	} else {
		seterr(ld, n, k, "use A4, A5, letter, or [width, height] "
		    "such as [210mm, 297mm]");
		return;
	}
	ld->l->page_width = wh[0];
	ld->l->page_height = wh[1];
	set_origin(ld, k, k, n);
}

/* ---- applying one file -------------------------------------------------- */

static void
apply_key(struct loader *ld, int k, const struct ynode *n)
{
	struct layout *l = ld->l;
	const struct key *key = &keys[k];
	const char *s, *e;
	double d;
	uint32_t c;
	int b, pct, i, m;

	switch (key->type) {
	case K_SECTION:
	case K_INHERITS:
		return;
	case K_PAGESIZE:
		set_pagesize(ld, k, n);
		return;
	case K_FONTLIST:
		set_fontlist(ld, k, n);
		return;
	case K_BULLETS:
		set_bullets(ld, k, n);
		return;
	default:
		break;
	}
	if ((s = scalar(ld, k, n)) == NULL)
		return;

	switch (key->type) {
	case K_PROFILE:
		if (strcmp(s, "none") == 0)
			l->profile = PROFILE_NONE;
		else if (strcmp(s, "clear-print") == 0)
			l->profile = PROFILE_CLEAR_PRINT;
		else if (strcmp(s, "large-print") == 0)
			l->profile = PROFILE_LARGE_PRINT;
		else {
			seterr(ld, n, k, "unknown profile '%s'; use "
			    "clear-print, large-print or none", s);
			return;
		}
		break;
	case K_MARGIN:
		if (get_length(ld, k, n, &d, 0, key->hi) == -1)
			return;
		l->margin_top = l->margin_bottom = d;
		l->margin_inner = l->margin_outer = d;
		set_origin(ld, kidx("page", "margin_top"), k, n);
		set_origin(ld, kidx("page", "margin_bottom"), k, n);
		set_origin(ld, kidx("page", "margin_inner"), k, n);
		set_origin(ld, kidx("page", "margin_outer"), k, n);
		break;
	case K_LENGTH:
	case K_FONTSIZE:
		if (get_length(ld, k, n, &d, key->lo, key->hi) == -1)
			return;
		*(double *)field(l, k) = d;
		break;
	case K_LEADING:
		if (parse_length(s, &d, &pct) == -1) {
			seterr(ld, n, k, "'%s' is not a leading; write a "
			    "length such as 17pt, or a percentage of the "
			    "font size such as 140%%", s);
			return;
		}
		if (d <= 0) {
			seterr(ld, n, k, "'%s' must be more than 0", s);
			return;
		}
		if (pct && (d < 1 || d > 3)) {
			seterr(ld, n, k, "'%s' is out of range; use 100%% "
			    "to 300%% of the font size (140%% reads well)",
			    s);
			return;
		}
		if (!pct && d > key->hi) {
			seterr(ld, n, k, "'%s' is far too large", s);
			return;
		}
		ld->ratio[key->aux] = pct ? d : 0;
		if (!pct)
			*(double *)field(l, k) = d;
		break;
	case K_COLOR:
	case K_TEXTCOLOR:
	case K_HEADCOLOR:
		if (parse_color(s, &c) == -1) {
			seterr(ld, n, k, "'%s' is not a colour; write it as "
			    "\"#rrggbb\" in quotes, such as \"#1f4e79\"", s);
			return;
		}
		*(uint32_t *)field(l, k) = c;
		if (key->type == K_TEXTCOLOR)
			l->body.color = c;
		if (key->type == K_HEADCOLOR)
			for (i = 0; i < 4; i++) {
				char sect[24];

				l->heading[i].color = c;
				snprintf(sect, sizeof(sect), "headings.h%d",
				    i + 1);
				set_origin(ld, kidx(sect, "color"), k, n);
			}
		break;
	case K_BOOL:
		if (strcmp(s, "true") == 0 || strcmp(s, "yes") == 0)
			b = 1;
		else if (strcmp(s, "false") == 0 || strcmp(s, "no") == 0)
			b = 0;
		else {
			seterr(ld, n, k, "'%s' is not a yes/no value; write "
			    "true or false", s);
			return;
		}
		*(int *)field(l, k) = b;
		break;
	case K_INT:
		if (parse_number(s, &d, &e) == -1 || *e != '\0' ||
		    d != floor(d)) {
			seterr(ld, n, k, "'%s' is not a whole number", s);
			return;
		}
		if (d < key->lo || d > key->hi) {
			seterr(ld, n, k, "%s is out of range; use %g to %g",
			    s, key->lo, key->hi);
			return;
		}
		*(int *)field(l, k) = (int)d;
		break;
	case K_LANG:
		m = 0;
		while (islower((unsigned char)s[m]))
			m++;
		if (m < 2 || m > 3 || (s[m] != '\0' && (s[m] != '-' ||
		    !isupper((unsigned char)s[m + 1]) ||
		    !isupper((unsigned char)s[m + 2]) || s[m + 3] != '\0'))) {
			seterr(ld, n, k, "'%s' is not a language tag; write "
			    "it like en-GB or en-US", s);
			return;
		}
		/* FALLTHROUGH */
	case K_STRING:
	case K_TEMPLATE:
		if (key->type == K_TEMPLATE)
			check_template(ld, k, n, s);
		free(*(char **)field(l, k));
		*(char **)field(l, k) = key->type == K_TEMPLATE &&
		    s[0] == '\0' ? NULL : xstrdup(s);
		break;
	case K_FONT:
		if ((i = name_index(s, font_names, NNAMES(font_names))) == -1) {
			seterr(ld, n, k, "unknown font style '%s'; use "
			    "regular, bold, italic, bold_italic or mono", s);
			return;
		}
		*(enum font_style *)field(l, k) = (enum font_style)i;
		break;
	case K_EMPHASIS:
		if ((i = name_index(s, emphasis_names,
		    NNAMES(emphasis_names))) == -1) {
			seterr(ld, n, k, "unknown emphasis '%s'; use bold "
			    "or italic", s);
			return;
		}
		*(enum emphasis_style *)field(l, k) = (enum emphasis_style)i;
		break;
	case K_LINKSTYLE:
		if ((i = name_index(s, link_style_names,
		    NNAMES(link_style_names))) == -1) {
			seterr(ld, n, k, "unknown link style '%s'; use after "
			    "(the address in brackets after the link text) "
			    "or footnote", s);
			return;
		}
		*(enum link_style *)field(l, k) = (enum link_style)i;
		break;
	case K_FRACTION:
		if (parse_length(s, &d, &pct) == -1 ||
		    (!pct && strpbrk(s, "ptmcin") != NULL)) {
			seterr(ld, n, k, "'%s' is not a fraction; write a "
			    "percentage of the text width such as 80%%", s);
			return;
		}
		if (d <= 0 || d > 1) {
			seterr(ld, n, k, "'%s' is out of range; use more "
			    "than 0%% and at most 100%%", s);
			return;
		}
		*(double *)field(l, k) = d;
		break;
	default:
		return;
	}
	set_origin(ld, k, k, n);
}

/* Apply the keys of one mapping, in table order. */
static void
apply_map(struct loader *ld, const struct ynode *map, const char *sect)
{
	const char *known[NKEYS + 1];
	const struct ynode *n;
	char sub[64], what[96];
	size_t i, nk = 0;

	for (i = 0; i < NKEYS; i++)
		if (strcmp(keys[i].sect, sect) == 0)
			known[nk++] = keys[i].name;
	known[nk] = NULL;
	if (sect[0] == '\0')
		snprintf(what, sizeof(what), "the layout");
	else
		snprintf(what, sizeof(what), "layout section '%s'", sect);
	yamlx_check_keys(ld->file, map, what, known, NULL);

	for (i = 0; i < NKEYS; i++) {
		if (strcmp(keys[i].sect, sect) != 0 ||
		    (n = yamlx_get(map, keys[i].name)) == NULL)
			continue;
		if (keys[i].type != K_SECTION) {
			apply_key(ld, (int)i, n);
			continue;
		}
		kname((int)i, sub, sizeof(sub));
		if (n->type != YNODE_MAP) {
			seterr(ld, n, (int)i, "expected a group of settings "
			    "indented below '%s:'", keys[i].name);
			continue;
		}
		apply_map(ld, n, sub);
	}
}

/*
 * A layout name ("handout-a4") is looked up in dir; anything with a slash
 * or ending in .yaml is a path, relative to base (a directory) if given.
 */
static char *
resolve(const char *dir, const char *base, const char *name)
{
	size_t len = strlen(name);

	if (strchr(name, '/') != NULL ||
	    (len > 5 && strcmp(name + len - 5, ".yaml") == 0)) {
		if (name[0] == '/' || base == NULL)
			return xstrdup(name);
		return xasprintf("%s/%s", base, name);
	}
	return xasprintf("%s/%s.yaml", dir, name);
}

/* Append the names of the layouts in dir, for "no such layout" messages. */
static void
list_layouts(struct buf *b, const char *dir)
{
	char **names = source_list(dir, ".yaml", NULL);
	int i;

	for (i = 0; names[i] != NULL; i++)
		buf_printf(b, "%s%s", i ? ", " : "", names[i]);
	source_list_free(names);
}

/*
 * Load path and everything it inherits into ld->l.  at is the inherits
 * node naming path (NULL for the layout asked for), for error positions.
 * Returns -1 if the file could not be used at all.
 */
static int
load_file(struct loader *ld, const char *path, const struct ynode *at)
{
	struct ynode *root;
	const struct ynode *inh;
	const char *from = ld->file;
	struct buf avail;
	struct stat st;
	char *text, *parent, *dir, *slash;
	size_t len;
	int i, self;

	if (ld->depth == LAYOUT_MAX_DEPTH) {
		diag_error(from, at->key_line, at->key_col, "inherits: more "
		    "than %d layouts inherit from each other; shorten the "
		    "chain", LAYOUT_MAX_DEPTH);
		return -1;
	}
	if (source_slurp(path, LAYOUT_MAX_BYTES, &text, &len) == -1) {
		buf_init(&avail);
		list_layouts(&avail, ld->layouts_dir);
		if (at == NULL)
			diag_error(NULL, 0, 0, "cannot read layout %s: %s%s%s",
			    path, source_strerror(errno), avail.len ?
			    "; the layouts available are: " : "", avail.p);
		else
			diag_error(from, at->key_line, at->key_col,
			    "inherits: cannot read layout %s: %s%s%s", path,
			    source_strerror(errno), avail.len ?
			    "; the layouts available are: " : "", avail.p);
		buf_free(&avail);
		return -1;
	}
	if (stat(path, &st) == -1)
		memset(&st, 0, sizeof(st));
	for (i = 0; i < ld->depth; i++)
		if (ld->dev[i] == st.st_dev && ld->ino[i] == st.st_ino) {
			diag_error(from, at->key_line, at->key_col,
			    "inherits: %s inherits from itself through %s; "
			    "remove one of the inherits lines", path, from);
			free(text);
			return -1;
		}
	root = yamlx_parse(path, text, len, 0, LAYOUT_MAX_BYTES);
	free(text);
	if (root == NULL)
		return -1;
	if (root->type != YNODE_MAP) {
		diag_error(path, root->line, root->col, "a layout is made "
		    "of 'key: value' settings such as 'page:' and 'text:'");
		yamlx_free(root);
		return -1;
	}

	self = ld->nfiles++;
	ld->files[self] = xstrdup(path);
	ld->dev[ld->depth] = st.st_dev;
	ld->ino[ld->depth] = st.st_ino;
	ld->depth++;
	ld->file = ld->files[self];

	if ((inh = yamlx_get(root, "inherits")) != NULL) {
		if (inh->type != YNODE_SCALAR || inh->value[0] == '\0')
			seterr(ld, inh, kidx("", "inherits"), "give the name "
			    "of one layout, such as handout-a4");
		else {
			dir = xstrdup(path);
			if ((slash = strrchr(dir, '/')) != NULL)
				*slash = '\0';
			else {
				free(dir);
				dir = xstrdup(".");
			}
			parent = resolve(ld->layouts_dir, dir, inh->value);
			free(dir);
			if (load_file(ld, parent, inh) == -1)
				ld->ok = 0;
			free(parent);
			ld->file = ld->files[self];
		}
	}
	apply_map(ld, root, "");
	ld->depth--;
	ld->file = from;
	yamlx_free(root);
	return 0;
}

/* ---- built-in values ---------------------------------------------------- */

static void
defaults(struct layout *l, struct loader *ld)
{
	static const struct {
		const char *title;
		uint32_t border, background, title_color;
	} co[5] = {
		{ "Note", 0x0969da, 0xddf4ff, 0x0a3069 },
		{ "Tip", 0x1a7f37, 0xdafbe1, 0x116329 },
		{ "Important", 0x8250df, 0xfbefff, 0x6639ba },
		{ "Warning", 0xbf8700, 0xfff8c5, 0x7d4e00 },
		{ "Caution", 0xcf222e, 0xffebe9, 0xa40e26 },
	};
	static const double hsize[4] = { 22, 17, 14, 12 };
	static const double hratio[4] = { 1.2, 1.2, 1.25, 1.4 };
	static const double hbefore[4] = { 0, 16, 12, 10 };
	static const double hafter[4] = { 10, 6, 4, 2 };
	int i;

	l->profile = PROFILE_NONE;
	l->page_width = 210 * MM;
	l->page_height = 297 * MM;
	l->margin_top = l->margin_bottom = 20 * MM;
	l->margin_inner = l->margin_outer = 20 * MM;
	l->header_gap = 8 * MM;
	l->footer_gap = 10 * MM;

	l->text_color = 0x1a1a1a;
	l->page_background = 0xffffff;
	l->body.size = 12;
	l->body.font = FONT_REGULAR;
	l->body.color = l->text_color;
	ld->ratio[0] = 1.4;
	l->heading_color = 0x1f4e79;
	for (i = 0; i < 4; i++) {
		l->heading[i].size = hsize[i];
		ld->ratio[i + 1] = hratio[i];
		l->heading[i].font = FONT_BOLD;
		l->heading[i].color = l->heading_color;
		l->heading[i].space_before = hbefore[i];
		l->heading[i].space_after = hafter[i];
	}
	l->justify = 0;
	l->hyphenate = 0;
	l->hyphen_lang = xstrdup("en-GB");
	l->emphasis = EMPH_BOLD;
	l->paragraph_space = 8;

	l->widow_penalty = 150;
	l->orphan_penalty = 150;
	l->heading_keep_lines = 2;
	l->max_gap = 0.25;
	l->last_page_min = 0.3;
	l->space_shrink = 0.4;
	l->print_bleed = 3 * 72 / 25.4;
	l->print_creep = 0.1 * 72 / 25.4;

	l->list_indent = 18;
	l->list_item_space = 4;
	l->bullets[0] = xstrdup("\xe2\x80\xa2");	/* • */
	l->bullets[1] = xstrdup("\xe2\x80\x93");	/* – */
	l->bullets[2] = xstrdup("\xe2\x97\xa6");	/* ◦ */

	l->quote_indent = 14;
	l->quote_rule_width = 3;
	l->quote_rule_color = 0x1f4e79;
	l->quote_color = 0x333333;

	for (i = 0; i < 5; i++) {
		l->callout[i].title = xstrdup(co[i].title);
		l->callout[i].border = co[i].border;
		l->callout[i].background = co[i].background;
		l->callout[i].title_color = co[i].title_color;
	}
	l->callout_padding = 8;
	l->callout_border_width = 1.5;

	l->code_size = 12;
	l->code_background = 0xf3f4f6;

	l->table_size = 12;
	l->table_padding = 4;
	l->table_rule_color = 0x8c959f;
	l->table_header_background = 0xe8eef5;

	l->link_color = 0x0b5394;
	l->link_underline = 1;
	l->link_style = LINK_AFTER;

	l->rule_color = 0x8c959f;
	l->image_max_width = 1.0;

	l->brand_logo_height = 14 * 72 / 25.4;
	l->brand_size = 12;
	l->brand_font = FONT_BOLD;
	l->brand_color = 0x1f4e79;
	l->brand_space_after = 10;

	l->header.left = xstrdup("{short_title}");
	l->header.right = xstrdup("{id}");
	l->header.size = 12;
	l->header.color = 0x4d4d4d;
	l->header.font = FONT_REGULAR;
	l->header.rule = 1;
	l->footer.left = xstrdup("Version {version} \xc2\xb7 "
	    "Next review {review_due}");
	l->footer.right = xstrdup("Page {page} of {pages}");
	l->footer.size = 12;
	l->footer.color = 0x4d4d4d;
	l->footer.font = FONT_REGULAR;
	l->footer.rule = 0;

	for (i = 0; i < FONT_STYLE_MAX; i++) {
		l->fonts[i] = xcalloc(2, sizeof(struct font_spec));
		l->fonts[i][0].name = xstrdup(default_fonts[i][0]);
		l->fonts[i][1].name = xstrdup(default_fonts[i][1]);
		l->nfonts[i] = 2;
	}
}

/* ---- checks of the finished layout -------------------------------------- */

/*
 * Of two keys that together cause a problem, the one to point at: the one
 * set in the layout asked for, else one set in a layout it inherits, else
 * ka (reported at the profile line or the file).
 */
static int
blame(const struct loader *ld, int ka, int kb)
{
	const char *top = ld->files[0];

	if (ld->org[ka].file == top)
		return ka;
	if (ld->org[kb].file == top)
		return kb;
	if (ld->org[ka].file != NULL)
		return ka;
	if (ld->org[kb].file != NULL)
		return kb;
	return ka;
}

/*
 * Where to report a problem with key k: where it was set; if it still has
 * its built-in value, at key fb (the profile line) if that was set; else
 * the layout file itself.
 */
static void
where(const struct loader *ld, int k, int fb, const char **file, int *line,
    int *col)
{
	const struct origin *o = &ld->org[k];

	if (o->file == NULL && fb >= 0)
		o = &ld->org[fb];
	if (o->file != NULL) {
		*file = o->file;
		*line = o->line;
		*col = o->col;
	} else {
		*file = ld->files[0];
		*line = *col = 0;
	}
}

/* Round for messages: 0.1pt or 0.1mm is as precise as anyone writes. */
static double
rnd(double v)
{
	return round(v * 10) / 10;
}

static void
finalize(struct loader *ld)
{
	struct layout *l = ld->l;
	size_t i;
	int k;

	if (l->profile == PROFILE_LARGE_PRINT)
		for (i = 0; i < sizeof(large_print_sizes) /
		    sizeof(large_print_sizes[0]); i++) {
			k = kidx(large_print_sizes[i].sect,
			    large_print_sizes[i].name);
			if (ld->org[k].file == NULL)
				*(double *)field(l, k) =
				    large_print_sizes[i].size;
		}
	if (ld->ratio[0] > 0)
		l->body.leading = l->body.size * ld->ratio[0];
	for (i = 0; i < 4; i++)
		if (ld->ratio[i + 1] > 0)
			l->heading[i].leading = l->heading[i].size *
			    ld->ratio[i + 1];
	l->body.space_before = 0;
	l->body.space_after = l->paragraph_space;
}

/*
 * The key to point at when the text area is too small: a margin (a or b)
 * or the page size, preferring what the layout asked for sets itself,
 * then what it inherits; the body size when all are built in.
 */
static int
geometry_key(const struct loader *ld, const char *a, const char *b)
{
	const int ks[3] = {
		kidx("page", a), kidx("page", b), kidx("page", "size")
	};
	int i;

	for (i = 0; i < 3; i++)
		if (ld->org[ks[i]].file == ld->files[0])
			return ks[i];
	for (i = 0; i < 3; i++)
		if (ld->org[ks[i]].file != NULL)
			return ks[i];
	return kidx("text", "size");
}

static void
check_geometry(struct loader *ld)
{
	const struct layout *l = ld->l;
	const char *file;
	char name[64];
	double w = layout_text_width(l), h = layout_text_height(l);
	double minw = MIN_LINE_CHARS * AVG_CHAR_EM * l->body.size;
	int k, line, col;
	size_t i;

	for (i = 0; i < 5; i++) {
		const struct text_style *ts = i == 0 ? &l->body :
		    &l->heading[i - 1];
		char sect[16];

		if (i == 0)
			snprintf(sect, sizeof(sect), "text");
		else
			snprintf(sect, sizeof(sect), "headings.h%zu", i);
		if (ts->leading >= ts->size - 1e-9)
			continue;
		k = blame(ld, kidx(sect, "leading"), kidx(sect, "size"));
		where(ld, k, kidx("", "profile"), &file, &line, &col);
		diag_error(file, line, col, "%s.leading is %gpt, smaller than "
		    "%s.size %gpt, so lines would overlap; use at least the "
		    "size (140%% of it reads well)", sect, rnd(ts->leading),
		    sect, rnd(ts->size));
		ld->ok = 0;
	}

	if (w < minw) {
		k = geometry_key(ld, "margin_inner", "margin_outer");
		where(ld, k, -1, &file, &line, &col);
		if (w <= 0)
			diag_error(file, line, col, "%s: the margins leave no "
			    "room for text: the page is %gmm wide and the "
			    "inner and outer margins take %gmm; make them "
			    "smaller", kname(ld->org[k].setter, name,
			    sizeof(name)), rnd(l->page_width / MM),
			    rnd((l->margin_inner + l->margin_outer) / MM));
		else
			diag_error(file, line, col, "%s: the text column is "
			    "only %gmm wide, room for fewer than %d "
			    "characters at %gpt; make the inner and outer "
			    "margins smaller (the column needs at least "
			    "%gmm)", kname(ld->org[k].setter, name,
			    sizeof(name)), rnd(w / MM), MIN_LINE_CHARS,
			    rnd(l->body.size), rnd(minw / MM));
		ld->ok = 0;
	}
	if (h < 5 * l->body.leading) {
		k = geometry_key(ld, "margin_top", "margin_bottom");
		where(ld, k, -1, &file, &line, &col);
		if (h <= 0)
			diag_error(file, line, col, "%s: the margins leave no "
			    "room for text: the page is %gmm high and the "
			    "top and bottom margins take %gmm; make them "
			    "smaller", kname(ld->org[k].setter, name,
			    sizeof(name)), rnd(l->page_height / MM),
			    rnd((l->margin_top + l->margin_bottom) / MM));
		else
			diag_error(file, line, col, "%s: the text area is "
			    "only %gmm high, less than five lines of text; "
			    "make the top and bottom margins smaller",
			    kname(ld->org[k].setter, name, sizeof(name)),
			    rnd(h / MM));
		ld->ok = 0;
	}

	if ((l->header.left || l->header.center || l->header.right) &&
	    l->header_gap + l->header.size > l->margin_top) {
		k = blame(ld, kidx("page", "header_gap"),
		    kidx("page", "margin_top"));
		where(ld, k, -1, &file, &line, &col);
		diag_error(file, line, col, "%s: the page header would "
		    "stick out of the top of the page: header_gap (%gmm) "
		    "plus the header text must fit in margin_top (%gmm); "
		    "make header_gap smaller or margin_top larger",
		    kname(ld->org[k].setter, name, sizeof(name)),
		    rnd(l->header_gap / MM), rnd(l->margin_top / MM));
		ld->ok = 0;
	}
	if ((l->footer.left || l->footer.center || l->footer.right) &&
	    l->footer_gap + 0.3 * l->footer.size > l->margin_bottom) {
		k = blame(ld, kidx("page", "footer_gap"),
		    kidx("page", "margin_bottom"));
		where(ld, k, -1, &file, &line, &col);
		diag_error(file, line, col, "%s: the page footer would "
		    "fall off the bottom of the page: footer_gap (%gmm) "
		    "must leave room for the footer text in margin_bottom "
		    "(%gmm); make footer_gap smaller or margin_bottom "
		    "larger",
		    kname(ld->org[k].setter, name, sizeof(name)),
		    rnd(l->footer_gap / MM), rnd(l->margin_bottom / MM));
		ld->ok = 0;
	}
}

/* The ratio as printed: never round a refused value up to the limit. */
static double
shown_ratio(double r)
{
	double s = round(r * 100) / 100;

	if (r < MIN_CONTRAST && s >= MIN_CONTRAST)
		s = MIN_CONTRAST - 0.01;
	return s;
}

/* Text in colour fg (key kf) on background bg (key kb) must reach
 * MIN_CONTRAST.  Returns -1 after reporting that it does not. */
static int
check_contrast(struct loader *ld, int kf, int kb, const char *what,
    uint32_t fg, uint32_t bg)
{
	const char *file;
	char fname[64], bname[64];
	double r = layout_contrast(fg, bg);
	int line, col, k;

	if (r >= MIN_CONTRAST)
		return 0;
	k = blame(ld, kf, kb);
	where(ld, k, kidx("", "profile"), &file, &line, &col);
	kname(ld->org[kf].file ? ld->org[kf].setter : kf, fname,
	    sizeof(fname));
	kname(ld->org[kb].file ? ld->org[kb].setter : kb, bname,
	    sizeof(bname));
	diag_error(file, line, col, "%s: %s #%06x on %s #%06x has a contrast "
	    "of only %.2f:1; the %s profile needs at least 4.5:1, so use a "
	    "darker colour", k == kf ? fname : bname, what, (unsigned)fg,
	    bname, (unsigned)bg, shown_ratio(r),
	    ld->l->profile == PROFILE_LARGE_PRINT ? "large-print" :
	    "clear-print");
	ld->ok = 0;
	return -1;
}

/*
 * Body text also sits on the tinted boxes (callouts, code, table heads).
 * One message for the faintest of them is enough: the fix is the same.
 */
static void
check_boxes(struct loader *ld)
{
	static const char *const kinds[5] = {
		"note", "tip", "important", "warning", "caution"
	};
	const struct layout *l = ld->l;
	char sect[32];
	uint32_t bg[7];
	int kb[7], i, worst = -1;

	for (i = 0; i < 5; i++) {
		snprintf(sect, sizeof(sect), "callouts.%s", kinds[i]);
		kb[i] = kidx(sect, "background");
		bg[i] = l->callout[i].background;
	}
	kb[5] = kidx("code", "background");
	bg[5] = l->code_background;
	kb[6] = kidx("table", "header_background");
	bg[6] = l->table_header_background;
	for (i = 0; i < 7; i++)
		if (worst == -1 || layout_contrast(l->text_color, bg[i]) <
		    layout_contrast(l->text_color, bg[worst]))
			worst = i;
	check_contrast(ld, kidx("text", "color"), kb[worst],
	    "body text", l->text_color, bg[worst]);
}

static void
check_profile(struct loader *ld)
{
	static const char *const kinds[5] = {
		"note", "tip", "important", "warning", "caution"
	};
	static const char *const fkeys[][2] = {
		{ "text", "font" }, { "headings.h1", "font" },
		{ "headings.h2", "font" }, { "headings.h3", "font" },
		{ "headings.h4", "font" }, { "header", "font" },
		{ "footer", "font" }
	};
	const struct layout *l = ld->l;
	const char *file, *pname, *name;
	char sect[32], kn[64];
	double min, v;
	size_t i;
	int k, kp = kidx("", "profile"), kbg = kidx("page", "background");
	int line, col, j;
	enum font_style fs;

	if (l->profile == PROFILE_NONE)
		return;
	pname = l->profile == PROFILE_LARGE_PRINT ? "large-print" :
	    "clear-print";
	min = l->profile == PROFILE_LARGE_PRINT ? 16 : 12;

	for (i = 0; i < sizeof(profile_sizes) / sizeof(profile_sizes[0]);
	    i++) {
		k = kidx(profile_sizes[i].sect, "size");
		v = *(double *)field(ld->l, k);
		if (v >= min)
			continue;
		where(ld, k, kp, &file, &line, &col);
		diag_error(file, line, col, "%s: %gpt is too small for %s "
		    "under the %s profile; use at least %gpt (or declare "
		    "another profile)", kname(k, kn, sizeof(kn)), rnd(v),
		    profile_sizes[i].what, pname, min);
		ld->ok = 0;
	}

	if (l->justify) {
		k = kidx("text", "justify");
		where(ld, k, kp, &file, &line, &col);
		diag_error(file, line, col, "text.justify: justified text "
		    "leaves uneven gaps between words, which the %s "
		    "profile does not allow; set justify: false", pname);
		ld->ok = 0;
	}
	if (l->hyphenate) {
		k = kidx("text", "hyphenate");
		where(ld, k, kp, &file, &line, &col);
		diag_error(file, line, col, "text.hyphenate: words split "
		    "across lines are harder to read, which the %s profile "
		    "does not allow; set hyphenate: false", pname);
		ld->ok = 0;
	}
	if (l->emphasis == EMPH_ITALIC) {
		k = kidx("text", "emphasis");
		where(ld, k, kp, &file, &line, &col);
		diag_error(file, line, col, "text.emphasis: italic text is "
		    "hard to read for people with low vision, which the %s "
		    "profile does not allow; use emphasis: bold", pname);
		ld->ok = 0;
	}
	for (i = 0; i < sizeof(fkeys) / sizeof(fkeys[0]); i++) {
		k = kidx(fkeys[i][0], fkeys[i][1]);
		fs = *(enum font_style *)field(ld->l, k);
		if (fs != FONT_ITALIC && fs != FONT_BOLD_ITALIC)
			continue;
		where(ld, k, kp, &file, &line, &col);
		diag_error(file, line, col, "%s: italic text is hard to read "
		    "for people with low vision, which the %s profile does "
		    "not allow; use regular or bold",
		    kname(k, kn, sizeof(kn)), pname);
		ld->ok = 0;
	}
	/* Emphasis is set in the bold face: it must not be a slanted one. */
	if (l->emphasis == EMPH_BOLD)
		for (j = 0; j < l->nfonts[FONT_BOLD]; j++) {
			name = l->fonts[FONT_BOLD][j].name;
			if (!has_word(name, "italic") &&
			    !has_word(name, "oblique"))
				continue;
			k = kidx("fonts", "bold");
			if (l->fonts[FONT_BOLD][j].file != NULL) {
				file = l->fonts[FONT_BOLD][j].file;
				line = l->fonts[FONT_BOLD][j].line;
				col = l->fonts[FONT_BOLD][j].col;
			} else
				where(ld, k, kp, &file, &line, &col);
			diag_error(file, line, col, "fonts.bold: '%s' is an "
			    "italic font, but emphasis is set in the bold "
			    "font and the %s profile does not allow italic "
			    "emphasis; name an upright bold font", name,
			    pname);
			ld->ok = 0;
		}

	if (check_contrast(ld, kidx("text", "color"), kbg, "body text",
	    l->text_color, l->page_background) == 0)
		check_boxes(ld);
	for (i = 0; i < 4; i++) {
		snprintf(sect, sizeof(sect), "headings.h%zu", i + 1);
		check_contrast(ld, kidx(sect, "color"), kbg, "heading text",
		    l->heading[i].color, l->page_background);
	}
	check_contrast(ld, kidx("quote", "color"), kbg, "quoted text",
	    l->quote_color, l->page_background);
	check_contrast(ld, kidx("links", "color"), kbg, "link text",
	    l->link_color, l->page_background);
	check_contrast(ld, kidx("header", "color"), kbg, "header text",
	    l->header.color, l->page_background);
	check_contrast(ld, kidx("footer", "color"), kbg, "footer text",
	    l->footer.color, l->page_background);
	for (i = 0; i < 5; i++) {
		snprintf(sect, sizeof(sect), "callouts.%s", kinds[i]);
		check_contrast(ld, kidx(sect, "title_color"),
		    kidx(sect, "background"), "the callout title",
		    l->callout[i].title_color, l->callout[i].background);
	}
}

static double
luminance(uint32_t c)
{
	double ch[3], v;
	int i;

	for (i = 0; i < 3; i++) {
		v = ((c >> (16 - 8 * i)) & 0xff) / 255.0;
		ch[i] = v <= 0.03928 ? v / 12.92 :
		    pow((v + 0.055) / 1.055, 2.4);
	}
	return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
}

/* ---- public interface --------------------------------------------------- */

double
layout_contrast(uint32_t fg, uint32_t bg)
{
	double a = luminance(fg), b = luminance(bg);

	return a > b ? (a + 0.05) / (b + 0.05) : (b + 0.05) / (a + 0.05);
}

struct layout *
layout_load(const char *layouts_dir, const char *name_or_file)
{
	struct loader ld;
	struct layout *l;
	const char *base, *dot;
	char *path;
	int i;
	struct diag_scope errors;

	diag_scope_open(&errors);
	memset(&ld, 0, sizeof(ld));
	ld.layouts_dir = layouts_dir != NULL ? layouts_dir : "layouts";
	ld.ok = 1;
	for (i = 0; i < (int)NKEYS; i++)
		ld.org[i].setter = i;
	l = xcalloc(1, sizeof(*l));
	ld.l = l;
	defaults(l, &ld);

	path = resolve(ld.layouts_dir, NULL, name_or_file);
	base = strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path;
	dot = strrchr(base, '.');
	l->name = dot != NULL && strcmp(dot, ".yaml") == 0 ?
	    xstrndup(base, (size_t)(dot - base)) : xstrdup(base);
	l->path = path;

	if (load_file(&ld, path, NULL) == 0) {
		finalize(&ld);
		check_geometry(&ld);
		check_profile(&ld);
	} else
		ld.ok = 0;

	for (i = 0; i < ld.nfiles; i++)
		free(ld.files[i]);
	diag_scope_close(&errors);
	if (!ld.ok || errors.errors > 0) {
		layout_free(l);
		return NULL;
	}
	return l;
}

void
layout_free(struct layout *l)
{
	int i, j;

	if (l == NULL)
		return;
	free(l->name);
	free(l->path);
	free(l->hyphen_lang);
	for (i = 0; i < 3; i++)
		free(l->bullets[i]);
	for (i = 0; i < 5; i++)
		free(l->callout[i].title);
	free(l->header.left);
	free(l->header.center);
	free(l->header.right);
	free(l->footer.left);
	free(l->footer.center);
	free(l->footer.right);
	for (i = 0; i < FONT_STYLE_MAX; i++) {
		for (j = 0; j < l->nfonts[i]; j++) {
			free(l->fonts[i][j].name);
			free(l->fonts[i][j].file);
		}
		free(l->fonts[i]);
	}
	free(l);
}

double
layout_text_width(const struct layout *l)
{
	return l->page_width - l->margin_inner - l->margin_outer;
}

double
layout_text_height(const struct layout *l)
{
	return l->page_height - l->margin_top - l->margin_bottom;
}
