/*
 * para: inline content -> boxes, glue and penalties -> lines of items.
 */
#include <stdlib.h>
#include <string.h>

#include "anchor.h"
#include "buf.h"
#include "diag.h"
#include "doc.h"
#include "font.h"
#include "hyph.h"
#include "linebreak.h"
#include "para.h"
#include "shape.h"
#include "utf8.h"
#include "xalloc.h"

#define HF_SUPER	(1 << 0)
#define HF_STRIKE	(1 << 1)
#define HF_LINK		(1 << 2)

#define MAX_INLINE_DEPTH 64
#define HYPHEN_PENALTY	50
#define WORDBREAK_PENALTY 100	/* inside a word wider than the line */
#define URL_PENALTY	20	/* after "/" in a web address */
#define URL_LETTER_PENALTY 1000	/* elsewhere in a web address */

/* One entry of the horizontal list: the Knuth-Plass item plus what is
 * needed to draw it. */
struct hitem {
	struct lb_item	 lb;
	int		 face;		/* box: face; glue: face of the space;
					   flagged penalty: face of the hyphen */
	double		 size;
	double		 rise;
	uint32_t	 color;
	int		 flags;		/* HF_* */
	int		 link;		/* index into links, -1 = none */
	size_t		 off, len;	/* box text in the builder's buffer */
};

/*
 * What para_set keeps from one paragraph to the next (per para_env): the
 * item list, its text and the line being drawn grow once rather than for
 * every paragraph, and the face of each ASCII character and the space's
 * advance, which every word and space ask for, are looked up once.
 */
struct para_scratch {
	const struct fontset	*fonts;		/* what the lookups are of */
	struct hitem		*items;
	size_t			 cap;
	struct buf		 text;
	struct lb_item		*lb;
	size_t			 lb_cap;
	struct buf		 line;		/* text of a line's item */
	short			 ascii_face[FONT_STYLE_MAX][128];
						/* face + 2 (-1: none);
						   0: not looked up yet */
	int			 space_adv[FONT_STYLE_MAX];
						/* of ' ' in its face */
};

/* The look every character and space of one text node shares, worked
 * out once. */
struct look {
	enum font_style	 style;
	double		 size;
	uint32_t	 color;
	int		 space_face;	/* -1: none has it */
	double		 space_w;	/* pt */
};

struct hbuild {
	struct para_env		*env;
	const struct para_opts	*o;
	struct para_scratch	*sc;
	struct hitem		*items;
	size_t			 n, cap;
	struct buf		 text;		/* all box text */
	char			**links;
	int			 nlinks, links_cap;
	char			**link_titles;	/* each link's title (NULL:
						   none), as many as links */
	int			 ntitles, titles_cap;
	int			*anchored;	/* a link's use anchor is set */
	int			*link_elems;	/* Link element of each link,
						   made where it is first set */
	struct buf		*link_text;	/* and the words it shows */
	/* current style */
	int			 bold, italic, mono, flags, link;
	size_t			 word_start;	/* first item of the open word */
	int			 open_box;	/* index of the box being filled,
						   -1 = none */
	int			 warned_wide;
};

static void	walk_inlines(struct hbuild *, const struct node *, int);
static void	para_scratch_free(struct para_env *);

static enum font_style
cur_style(const struct hbuild *b)
{
	int bold = b->bold || b->o->font == FONT_BOLD ||
	    b->o->font == FONT_BOLD_ITALIC;
	int italic = b->italic || b->o->font == FONT_ITALIC ||
	    b->o->font == FONT_BOLD_ITALIC;

	if (b->mono || b->o->font == FONT_MONO)
		return FONT_MONO;
	if (bold && italic)
		return FONT_BOLD_ITALIC;
	if (bold)
		return FONT_BOLD;
	if (italic)
		return FONT_ITALIC;
	return FONT_REGULAR;
}

static double
cur_size(const struct hbuild *b)
{
	return (b->flags & HF_SUPER) ? b->o->size * 0.7 : b->o->size;
}

static uint32_t
cur_color(const struct hbuild *b)
{
	/* glossary terms stay in the text colour: visible (underlined) but
	 * calm */
	if (b->link >= 0 && b->env->layout != NULL &&
	    anchor_parse(b->links[b->link], NULL, NULL, NULL) !=
	    ANCHOR_GLOSSARY)
		return b->env->layout->link_color;
	return b->o->color;
}

static short
look_up_ascii(struct hbuild *b, enum font_style style, unsigned char c)
{
	short f = (short)(fontset_pick(b->env->fonts, style, c) + 2);

	b->sc->ascii_face[style][c] = f;
	if (c == ' ' && f >= 2)
		b->sc->space_adv[style] = fontset_advance(b->env->fonts, f - 2,
		    ' ');
	return f;
}

/* The face of ASCII character c in style (-1: no font has it). */
static inline int
ascii_face(struct hbuild *b, enum font_style style, unsigned char c)
{
	short f = b->sc->ascii_face[style][c & 0x7F];

	if (f == 0)
		f = look_up_ascii(b, style, c & 0x7F);
	return f - 2;
}

static struct hitem *
push(struct hbuild *b, enum lb_kind kind)
{
	struct hitem *h;

	ARRAY_GROW(b->items, b->n, b->cap);
	h = &b->items[b->n++];
	memset(h, 0, sizeof(*h));
	h->lb.kind = kind;
	h->link = -1;
	return h;
}

/* Keys of reported scripts in env->reported, beside code points. */
#define SCRIPT_KEY(tag)	(0x80000000ul | (tag))

static void
report_missing(struct hbuild *b, unsigned long cp)
{
	struct para_env *e = b->env;
	unsigned long key = cp;
	char script[5];
	struct buf bytes;
	int i, rtl, line, col;

	rtl = shape_is_rtl((uint32_t)cp, script);
	if (rtl)
		key = SCRIPT_KEY((unsigned long)(unsigned char)script[0] << 24 |
		    (unsigned long)(unsigned char)script[1] << 16 |
		    (unsigned long)(unsigned char)script[2] << 8 |
		    (unsigned char)script[3]);
	for (i = 0; i < e->nreported; i++)
		if (e->reported[i] == key)
			return;
	ARRAY_GROW(e->reported, e->nreported, e->reported_cap);
	e->reported[e->nreported++] = key;
	/* the caret under the character itself, not the paragraph */
	line = b->o->line;
	col = b->o->col;
	buf_init(&bytes);
	buf_add_utf8(&bytes, (unsigned int)cp);
	buf_addc(&bytes, '\0');
	diag_find(e->file, &line, &col, bytes.p);
	buf_free(&bytes);
	if (rtl)
		diag_error(e->file, line, col,
		    "the character U+%04lX is in a script written right to "
		    "left (%s), which leafpress cannot lay out yet: write "
		    "this text in a left-to-right script or leave it out",
		    cp, script);
	else if (cp > 0xFFFF)
		diag_error(e->file, line, col,
		    "the character U+%04lX cannot be printed (characters "
		    "outside the Basic Multilingual Plane, such as emoji, are "
		    "not supported): remove it or replace it with words", cp);
	else
		diag_error(e->file, line, col,
		    "no font of the layout has the character U+%04lX: add a "
		    "font that has it to the layout's fallback chain, or "
		    "replace the character", cp);
}

/* The look of text set now. */
static void
look_now(struct hbuild *b, struct look *lk)
{
	lk->style = cur_style(b);
	lk->size = cur_size(b);
	lk->color = cur_color(b);
	lk->space_face = ascii_face(b, lk->style, ' ');
	if (lk->space_face < 0)
		lk->space_w = lk->size * 0.3;
	else
		lk->space_w = b->sc->space_adv[lk->style] * lk->size / 1000.0;
}

static void end_word(struct hbuild *);
static void measure_boxes(struct hbuild *, size_t, size_t);

static void add_penalty(struct hbuild *, int, int, double, int);

/* An interword space (the word before it is complete). */
static void
add_glue_item(struct hbuild *b, const struct look *lk)
{
	struct hitem *h;
	double w = lk->space_w;

	h = push(b, LB_GLUE);
	h->lb.width = w;
	if (b->env->justify && !b->o->keep_spaces) {
		h->lb.stretch = w / 2;
		h->lb.shrink = w / 3;
	}
	h->face = lk->space_face;
	h->size = lk->size;
	b->word_start = b->n;
}

static void
add_glue(struct hbuild *b, const struct look *lk)
{
	end_word(b);
	if (b->n == 0 || b->items[b->n - 1].lb.kind != LB_BOX)
		return;
	add_glue_item(b, lk);
}

static void
add_penalty(struct hbuild *b, int penalty, int flagged, double width,
    int face)
{
	struct hitem *h = push(b, LB_PENALTY);

	h->lb.penalty = penalty;
	h->lb.flagged = flagged;
	h->lb.width = width;
	h->face = face;
	h->size = cur_size(b);
	b->open_box = -1;
}

static void
add_forced_break(struct hbuild *b)
{
	struct hitem *h;

	end_word(b);
	h = push(b, LB_GLUE);
	h->lb.stretch = LB_FIL;
	add_penalty(b, -LB_INF, 0, 0, -1);
	b->word_start = b->n;
}

/* Append characters of one face to the current box, opening a new box
 * when the face (or any style) changes.  The box is measured when its
 * word is complete (end_word), by shaping. */
static void
add_span(struct hbuild *b, const struct look *lk, int face,
    const char *bytes, size_t len)
{
	struct hitem *h;

	if (b->open_box >= 0) {
		h = &b->items[b->open_box];
		if (h->face == face && h->size == lk->size &&
		    h->flags == b->flags && h->link == b->link &&
		    h->color == lk->color &&
		    h->off + h->len == b->text.len)
			goto append;
	}
	h = push(b, LB_BOX);
	h->face = face;
	h->size = lk->size;
	h->flags = b->flags;
	h->link = b->link;
	h->color = lk->color;
	h->rise = (b->flags & HF_SUPER) ? b->o->size * 0.33 : 0;
	h->off = b->text.len;
	b->open_box = (int)(b->n - 1);
append:
	buf_add(&b->text, bytes, len);
	h->len += len;
}

/* Append one character, in the first face of the chain that has it. */
static void
add_char(struct hbuild *b, const struct look *lk, unsigned long cp,
    const char *bytes, size_t len)
{
	char script[5];
	int face;

	/* ASCII is never right to left: no script lookup for it */
	if (cp < 0x80)
		face = ascii_face(b, lk->style, (unsigned char)cp);
	else
		face = cp > 0xFFFF || shape_is_rtl((uint32_t)cp, script) ?
		    -1 : fontset_pick(b->env->fonts, lk->style, cp);
	if (face < 0) {
		report_missing(b, cp);
		return;
	}
	add_span(b, lk, face, bytes, len);
}

/* Words a number holds on to: "6 in 100", "5 to 6 weeks", "17.4 months". */
static const char *const tie_after_number[] = {
	"in", "to", "of", "out", "per", "x", "\xc3\x97", "\xe2\x80\x93",
	"%", "mm", "cm", "m", "km", "mg", "g", "kg", "ml", "mL", "l", "GBq",
	"MBq", "Gy", "mSv", "second", "seconds", "minute", "minutes", "hour",
	"hours", "day", "days", "night", "nights", "week", "weeks", "month",
	"months", "year", "years", "times", "people", "patients", "percent",
	NULL
};

/* The word of s that ends at end (or starts at start, end NULL), trimmed
 * of punctuation that may follow it: its start and length. */
static size_t
word_before(const char *s, size_t end, size_t *start)
{
	size_t a = end;

	while (a > 0 && s[a - 1] != ' ' && s[a - 1] != '\t' &&
	    s[a - 1] != '\n' && s[a - 1] != '(')
		a--;
	*start = a;
	return end - a;
}

static size_t
word_after(const char *s, size_t from)
{
	size_t n = strcspn(s + from, " \t\n");

	while (n > 0 && strchr(".,;:)!?", s[from + n - 1]) != NULL)
		n--;
	return n;
}

static int
is_number(const char *w, size_t n)
{
	size_t i;

	if (n == 0 || w[0] < '0' || w[0] > '9')
		return 0;
	for (i = 0; i < n; i++)
		if (!((w[i] >= '0' && w[i] <= '9') || w[i] == '.' ||
		    w[i] == ','))
			return 0;
	return 1;
}

static int
in_list(const char *const *list, const char *w, size_t n)
{
	for (; *list != NULL; list++)
		if (strlen(*list) == n && memcmp(*list, w, n) == 0)
			return 1;
	return 0;
}

/*
 * Is the space at s[at] one a line must not break at?  Between a number
 * and the word it counts or measures ("6 in", "17.4 months") and between
 * "in" / "to" / "of" and the number after it when a number comes before
 * ("6 in 100", "5 to 6").
 */
static int
number_tie(const char *s, size_t at)
{
	size_t a0, an, b0 = at + 1, bn, p0, pn;
	char last = at > 0 ? s[at - 1] : ' ';

	while (s[b0] == ' ')
		b0++;
	/* most spaces: neither word can be a number */
	if (!(last >= '0' && last <= '9') && last != '.' && last != ',' &&
	    !(s[b0] >= '0' && s[b0] <= '9'))
		return 0;
	an = word_before(s, at, &a0);
	bn = word_after(s, b0);
	if (an == 0 || bn == 0)
		return 0;
	if (is_number(s + a0, an) && in_list(tie_after_number, s + b0, bn))
		return 1;
	if (is_number(s + b0, bn) && in_list(tie_after_number, s + a0, an) &&
	    an <= 3 && a0 > 1) {
		pn = word_before(s, a0 - 1, &p0);
		return is_number(s + p0, pn);
	}
	return 0;
}

/* A space that does not break: the glue after an infinite penalty. */
static void
add_tie(struct hbuild *b, const struct look *lk)
{
	end_word(b);
	if (b->n == 0 || b->items[b->n - 1].lb.kind != LB_BOX)
		return;
	add_penalty(b, LB_INF, 0, 0, -1);
	add_glue_item(b, lk);
}

/* Printable ASCII other than the space: a character that is only ever
 * part of a word. */
static int
is_word_ascii(char c)
{
	return c > ' ' && c < 0x7F;
}

static void
add_text(struct hbuild *b, const char *s)
{
	size_t len = strlen(s), pos = 0, start, end;
	struct look lk;
	long cp;
	int face;

	look_now(b, &lk);
	while (pos < len) {
		if (is_word_ascii(s[pos])) {
			/* a run of such characters in one face goes into
			 * the box at once */
			face = ascii_face(b, lk.style, (unsigned char)s[pos]);
			if (face < 0) {
				report_missing(b, (unsigned char)s[pos]);
				pos++;
				continue;
			}
			for (end = pos + 1; end < len &&
			    is_word_ascii(s[end]) && ascii_face(b, lk.style,
			    (unsigned char)s[end]) == face; end++)
				;
			add_span(b, &lk, face, s + pos, end - pos);
			pos = end;
			continue;
		}
		start = pos;
		cp = utf8_next(s, len, &pos);
		if (cp < 0)
			cp = 0xFFFD;
		if (b->o->keep_spaces) {
			if (cp == '\n') {
				add_forced_break(b);
				continue;
			}
			if (cp == ' ' || cp == '\t') {
				/* a code line may wrap after a space */
				add_char(b, &lk, ' ', " ", 1);
				end_word(b);
				add_penalty(b, 0, 0, 0, -1);
				b->word_start = b->n;
				continue;
			}
		}
		if (cp == ' ' && !b->o->keep_spaces && number_tie(s, start)) {
			add_tie(b, &lk);
			continue;
		}
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r') {
			add_glue(b, &lk);
			continue;
		}
		if (cp == 0xAD) {	/* soft hyphen: a break point */
			face = ascii_face(b, lk.style, '-');
			if (face >= 0)
				add_penalty(b, HYPHEN_PENALTY, 1,
				    fontset_advance(b->env->fonts, face, '-') *
				    lk.size / 1000.0, face);
			continue;
		}
		if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
			continue;	/* control characters draw nothing */
		add_char(b, &lk, (unsigned long)cp, s + start, pos - start);
	}
}

static int
add_link(struct hbuild *b, const char *url)
{
	ARRAY_GROW(b->links, b->nlinks, b->links_cap);
	b->links[b->nlinks] = xstrdup(url);
	return b->nlinks++;
}

/*
 * Rebuild the boxes of the word starting at item `start` so that it can
 * break: after every character (mode 0, a word wider than the line) or
 * as url_break_after says, never in its scheme (mode 1, a web address).
 */
/* A web address may break after "/", "." or "-" (not before another of
 * them: "//", "..") and before "?", "&", "#". */
static int
url_break_after(long cp, char next)
{
	if (cp != '/' && cp != '.' && cp != '-')
		return 0;
	return next != '/' && next != '.' && next != '-';
}

static int	is_letter(unsigned long);

/* A break inside a word wider than the line: between two letters it
 * shows a hyphen, so the reader sees the word goes on. */
static void
word_break(struct hbuild *b, long prev, long cp, int face, double size)
{
	if (prev > 0 && cp > 0 && is_letter((unsigned long)prev) &&
	    is_letter((unsigned long)cp) &&
	    fontset_has(b->env->fonts, face, '-'))
		add_penalty(b, WORDBREAK_PENALTY, 1,
		    fontset_advance(b->env->fonts, face, '-') * size / 1000.0,
		    face);
	else
		add_penalty(b, WORDBREAK_PENALTY, 0, 0, -1);
}

static void
resplit_word(struct hbuild *b, size_t start, int mode)
{
	struct hitem *old;
	size_t nold = b->n - start, i, pos, scheme_end;
	long cp = 0, prev;

	old = xmalloc(sizeof(*old) * (nold ? nold : 1));
	memcpy(old, b->items + start, sizeof(*old) * nold);
	scheme_end = 0;
	if (mode == 1 && nold > 0) {
		/* never inside "https://" (nor right after it) */
		const char *w = b->text.p + old[0].off;
		size_t wl = b->text.len - old[0].off, k;

		for (k = 0; k + 3 <= wl && k < 12; k++)
			if (memcmp(w + k, "://", 3) == 0) {
				scheme_end = old[0].off + k + 3;
				break;
			}
	}
	b->n = start;
	b->open_box = -1;
	for (i = 0; i < nold; i++) {
		struct hitem *o = &old[i];
		const char *s = b->text.p + o->off;

		if (o->lb.kind != LB_BOX) {
			*push(b, o->lb.kind) = *o;
			b->open_box = -1;
			continue;
		}
		for (pos = 0; pos < o->len;) {
			size_t cstart = pos;
			struct hitem *h;

			prev = cp;
			cp = utf8_next(s, o->len, &pos);
			if (cp < 0)
				continue;
			if (b->n > start && b->open_box >= 0 && mode == 1 &&
			    (cp == '?' || cp == '&' || cp == '#') &&
			    o->off + cstart >= scheme_end)
				add_penalty(b, URL_PENALTY, 0, 0, -1);
			else if (mode == 1 && b->open_box >= 0 &&
			    o->off + cstart > scheme_end)
				/* between any two characters, as a last
				 * resort (a narrow table column) */
				add_penalty(b, URL_LETTER_PENALTY, 0, 0, -1);
			if (b->open_box < 0 || mode == 0) {
				if (mode == 0 && b->n > start &&
				    b->items[b->n - 1].lb.kind == LB_BOX)
					word_break(b, prev, cp, o->face,
					    o->size);
				h = push(b, LB_BOX);
				*h = *o;
				h->lb.width = 0;
				h->off = o->off + cstart;
				h->len = 0;
				b->open_box = (int)(b->n - 1);
			}
			h = &b->items[b->open_box];
			h->len += pos - cstart;
			h->lb.width += fontset_advance(b->env->fonts, o->face,
			    (unsigned long)cp) * o->size / 1000.0;
			if (mode == 1 && pos < o->len &&
			    o->off + pos > scheme_end &&
			    url_break_after(cp, s[pos]))
				add_penalty(b, URL_PENALTY, 0, 0, -1);
		}
		b->open_box = -1;
	}
	free(old);
	measure_boxes(b, start, b->n);
}

static int
is_letter(unsigned long cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
	    (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
}

/* Insert hyphenation points into a single-box word. */
static void
hyphenate_box(struct hbuild *b, size_t idx)
{
	struct hitem box = b->items[idx];
	const char *s = b->text.p + box.off;
	size_t pos = 0, lstart = 0, lend = 0, nchars = 0, i, cut;
	unsigned char points[256];
	long cp;
	int face, npoints, seen_letter = 0;
	double hw;

	/* the letter span: leading and trailing punctuation stay outside */
	while (pos < box.len) {
		size_t p0 = pos;

		cp = utf8_next(s, box.len, &pos);
		if (cp >= 0 && is_letter((unsigned long)cp)) {
			if (!seen_letter)
				lstart = p0;
			seen_letter = 1;
			lend = pos;
		}
	}
	if (!seen_letter)
		return;
	for (pos = lstart; pos < lend; nchars++) {
		cp = utf8_next(s, lend, &pos);
		if (cp < 0 || !is_letter((unsigned long)cp))
			return;		/* "e.g", "Y-90": leave alone */
	}
	if (nchars < 5 || nchars >= sizeof(points))
		return;
	memset(points, 0, sizeof(points));
	npoints = hyph_word(b->env->hyph, s + lstart, lend - lstart, points);
	if (npoints <= 0)
		return;
	face = box.face;
	if (!fontset_has(b->env->fonts, face, '-'))
		return;
	hw = fontset_advance(b->env->fonts, face, '-') * box.size / 1000.0;
	/* rebuild: box pieces separated by flagged penalties */
	b->n = idx;
	b->open_box = -1;
	cut = 0;
	for (pos = lstart, i = 0; pos < lend; i++) {
		utf8_next(s, lend, &pos);
		if (points[i] && pos < lend) {
			struct hitem *h = push(b, LB_BOX);

			*h = box;
			h->off = box.off + cut;
			h->len = pos - cut;
			add_penalty(b, HYPHEN_PENALTY, 1, hw, face);
			cut = pos;
		}
	}
	{
		struct hitem *h = push(b, LB_BOX);

		*h = box;
		h->off = box.off + cut;
		h->len = box.len - cut;
	}
	b->open_box = -1;
	measure_boxes(b, idx, b->n);
}

/* Is there "://" or "www." in s (len bytes)?  One pass over the text. */
static int
has_web_address(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((s[i] == ':' && len - i >= 3 &&
		    memcmp(s + i, "://", 3) == 0) ||
		    (s[i] == 'w' && len - i >= 4 &&
		    memcmp(s + i, "www.", 4) == 0))
			return 1;
	return 0;
}

/*
 * Measure the boxes items[from, to) as they will be drawn.  Consecutive
 * boxes in one face and size whose text follows on (the pieces of a word,
 * which a line draws as one item where it does not break between them)
 * are shaped together, and each box gets the advances of its own glyphs:
 * kerning between two pieces counts in the first, where the drawn glyph
 * has it.
 */
static void
measure_boxes(struct hbuild *b, size_t from, size_t to)
{
	const struct srun *run;
	const struct sglyph *g;
	struct hitem *h, *n;
	size_t i, j, k, last, end, at;
	int gi;

	for (i = from; i < to; i = last + 1) {
		h = &b->items[i];
		last = i;
		if (h->lb.kind != LB_BOX)
			continue;
		end = h->off + h->len;
		for (j = i + 1; j < to; j++) {
			n = &b->items[j];
			if (n->lb.kind == LB_GLUE)
				break;
			if (n->lb.kind != LB_BOX)
				continue;
			if (n->face != h->face || n->size != h->size ||
			    n->off != end)
				break;
			end = n->off + n->len;
			last = j;
		}
		for (k = i; k <= last; k++)
			b->items[k].lb.width = 0;
		run = fontset_shape(b->env->fonts, h->face, b->text.p + h->off,
		    end - h->off);
		if (last == i) {	/* most words: one box */
			for (gi = 0; gi < run->n; gi++)
				h->lb.width += run->g[gi].adv * h->size /
				    1000.0;
			continue;
		}
		k = i;
		for (gi = 0; gi < run->n; gi++) {
			g = &run->g[gi];
			at = h->off + g->off;
			/* the box holding the glyph's text (boxes are in text
			 * order; glyphs are too, except right to left) */
			if (b->items[k].lb.kind != LB_BOX ||
			    at < b->items[k].off ||
			    at >= b->items[k].off + b->items[k].len)
				for (k = i; k < last; k++)
					if (b->items[k].lb.kind == LB_BOX &&
					    at >= b->items[k].off &&
					    at < b->items[k].off +
					    b->items[k].len)
						break;
			b->items[k].lb.width += g->adv * h->size / 1000.0;
		}
	}
}

/* The current word (items word_start..n) is complete: measure it, make
 * it breakable if it is too wide or is a web address, or hyphenate it. */
static void
end_word(struct hbuild *b)
{
	size_t i, nbox = 0;
	double w = 0;
	int url = 0;

	b->open_box = -1;
	if (b->word_start >= b->n)
		return;
	measure_boxes(b, b->word_start, b->n);
	for (i = b->word_start; i < b->n; i++) {
		const struct hitem *h = &b->items[i];

		if (h->lb.kind != LB_BOX)
			continue;
		nbox++;
		w += h->lb.width;
		if (has_web_address(b->text.p + h->off, h->len))
			url = 1;
	}
	if (url)
		resplit_word(b, b->word_start, 1);
	else if (w > b->o->width && !b->o->keep_spaces) {
		if (!b->warned_wide && (b->env->quiet_wide ||
		    b->env->wide_reported >= 3)) {
			b->warned_wide = 1;
			if (!b->env->quiet_wide)
				b->env->wide_hidden++;
		}
		if (!b->warned_wide) {
			b->warned_wide = 1;
			b->env->wide_reported++;
			diag_warning(b->env->file, b->o->line, b->o->col,
			    "a word is wider than the line and was broken "
			    "between letters; shorten it or use a wider "
			    "layout");
		}
		resplit_word(b, b->word_start, 0);
	} else if (nbox == 1 && b->env->hyphenate && b->env->hyph != NULL &&
	    !b->o->keep_spaces) {
		for (i = b->word_start; i < b->n; i++)
			if (b->items[i].lb.kind == LB_BOX) {
				hyphenate_box(b, i);
				break;
			}
	}
	b->word_start = b->n;
}

static void
walk_children(struct hbuild *b, const struct node *n, int depth)
{
	const struct node *c;

	for (c = n->first; c != NULL; c = c->next)
		walk_inlines(b, c, depth + 1);
}

static int
link_is_shown(const struct node *n)
{
	char *plain;
	const char *url = n->text, *p;
	int same;

	if (url == NULL || url[0] == '#')
		return 1;
	plain = doc_plain_text(n);
	p = url;
	if (strncmp(p, "mailto:", 7) == 0)
		p += 7;
	else if (strncmp(p, "tel:", 4) == 0)
		p += 4;
	if (p != url && strncmp(url, "tel:", 4) == 0) {
		/* a phone number shows its digits, spaced as people read */
		const char *a = plain, *b = p;

		for (;; a++, b++) {
			while (*a == ' ' || *a == '-' || *a == '(' || *a == ')')
				a++;
			if (*a != *b || *a == '\0')
				break;
		}
		same = *a == '\0' && *b == '\0';
		free(plain);
		return same;
	}
	same = strcmp(plain, url) == 0 || strcmp(plain, p) == 0 ||
	    (strncmp(p, "http://", 7) == 0 && strcmp(plain, p + 7) == 0) ||
	    (strncmp(p, "https://", 8) == 0 && strcmp(plain, p + 8) == 0);
	free(plain);
	return same;
}

static void
walk_inlines(struct hbuild *b, const struct node *n, int depth)
{
	int saved_bold = b->bold, saved_italic = b->italic;
	int saved_mono = b->mono, saved_flags = b->flags;
	int saved_link = b->link;
	struct look lk;
	char *s;

	if (depth > MAX_INLINE_DEPTH)
		return;
	switch (n->type) {
	case NODE_TEXT:
		if (n->text != NULL)
			add_text(b, n->text);
		break;
	case NODE_SOFTBREAK:
		look_now(b, &lk);
		add_glue(b, &lk);
		break;
	case NODE_HARDBREAK:
		add_forced_break(b);
		break;
	case NODE_CODE:
		b->mono = 1;
		if (n->text != NULL)
			add_text(b, n->text);
		break;
	case NODE_EMPH:
		if (b->env->layout->emphasis == EMPH_BOLD)
			b->bold = 1;
		else
			b->italic = 1;
		walk_children(b, n, depth);
		break;
	case NODE_STRONG:
		b->bold = 1;
		walk_children(b, n, depth);
		break;
	case NODE_STRIKE:
		b->flags |= HF_STRIKE;
		walk_children(b, n, depth);
		break;
	case NODE_LINK:
		b->link = add_link(b, n->text != NULL ? n->text : "");
		while (b->ntitles < b->nlinks) {
			ARRAY_GROW(b->link_titles, b->ntitles, b->titles_cap);
			b->link_titles[b->ntitles++] = NULL;
		}
		if (n->info != NULL && n->info[0] != '\0')
			b->link_titles[b->link] = xstrdup(n->info);
		b->flags |= HF_LINK;
		walk_children(b, n, depth);
		if (!link_is_shown(n) &&
		    b->env->layout->link_style == LINK_FOOTNOTE) {
			/* a note number; the address is listed at the end */
			struct para_env *e = b->env;
			int k;

			for (k = 0; k < e->nlink_urls; k++)
				if (strcmp(e->link_urls[k], n->text) == 0)
					break;
			if (k == e->nlink_urls) {
				ARRAY_GROW(e->link_urls, e->nlink_urls,
				    e->link_urls_cap);
				e->link_urls[e->nlink_urls++] =
				    xstrdup(n->text);
			}
			end_word(b);
			b->open_box = -1;
			s = anchor_link(ANCHOR_WEB_NOTE, e->chapter, k + 1);
			b->link = add_link(b, s);
			free(s);
			b->flags = (b->flags & ~HF_LINK) | HF_SUPER | HF_LINK;
			s = xasprintf("%d", k + 1);
			add_text(b, s);
			free(s);
		} else if (!link_is_shown(n)) {
			const char *u = n->text;

			if (strncmp(u, "mailto:", 7) == 0)
				u += 7;
			add_text(b, " (");
			add_text(b, u);
			add_text(b, ")");
		}
		break;
	case NODE_IMAGE:
		s = xasprintf("[%s]", n->info != NULL ? n->info : "picture");
		add_text(b, s);
		free(s);
		break;
	case NODE_CITE:
		if (n->text != NULL) {
			char *key = xstrdup(n->text), *semi;

			if ((semi = strchr(key, ';')) != NULL)
				*semi = '\0';
			s = anchor_link_key(ANCHOR_REFERENCE, key);
			b->link = add_link(b, s);
			free(s);
			free(key);
		}
		b->flags |= HF_LINK;
		add_text(b, n->info != NULL ? n->info : "[?]");
		break;
	case NODE_FOOTNOTE_REF:
		s = anchor_link(ANCHOR_NOTE, b->env->chapter, n->level);
		b->link = add_link(b, s);
		free(s);
		b->flags |= HF_SUPER | HF_LINK;
		s = xasprintf("%d", n->level);
		add_text(b, s);
		free(s);
		break;
	default:
		walk_children(b, n, depth);
		break;
	}
	if (b->link != saved_link || b->flags != saved_flags ||
	    b->mono != saved_mono || b->bold != saved_bold ||
	    b->italic != saved_italic)
		b->open_box = -1;
	b->bold = saved_bold;
	b->italic = saved_italic;
	b->mono = saved_mono;
	b->flags = saved_flags;
	b->link = saved_link;
}

struct width_ctx {
	double	 first, rest;
};

static double
line_width(int line, void *ctx)
{
	struct width_ctx *w = ctx;

	return line == 0 ? w->first : w->rest;
}

static struct pitem *
line_add(struct pline *l, const struct pitem *it)
{
	struct pitem *n;

	ARRAY_GROW(l->items, l->nitems, l->cap);
	n = &l->items[l->nitems++];
	*n = *it;
	return n;
}

/*
 * The Link structure element of link k: one per link however many words
 * and lines it spans, inside the paragraph's element, made where the link
 * is first set (so links are in reading order).  0 without structure.
 */
static int
link_elem(struct hbuild *b, int k)
{
	if (b->link_elems == NULL || b->o->elem <= 0 || b->env->pd == NULL)
		return b->o->elem;
	if (b->link_elems[k] == 0)
		b->link_elems[k] = pagedoc_elem(b->env->pd, b->o->elem,
		    ST_LINK, b->o->line);
	return b->link_elems[k];
}

/* The text gathered in buf as a string of its own, at its size (a line
 * item's text lives as long as the page); buf is emptied for the next. */
static char *
take_text(struct buf *buf)
{
	char *t = xmalloc(buf->len + 1);

	memcpy(t, buf->p, buf->len + 1);
	buf_reset(buf);
	return t;
}

/* Draw one line: items (from, to) of the list, breaking at item brk. */
static void
build_line(struct hbuild *b, size_t from, size_t brk, double ratio,
    double avail, struct pline *out)
{
	const struct para_opts *o = b->o;
	struct pitem cur;
	struct buf *s;
	size_t i;
	double x = 0, shift;
	int have = 0, j, ntext, ul_link, ul_item;

	memset(&cur, 0, sizeof(cur));
	s = &b->sc->line;
	buf_reset(s);
	while (from < brk && b->items[from].lb.kind != LB_BOX)
		from++;
	for (i = from; i < brk; i++) {
		const struct hitem *h = &b->items[i];

		if (h->lb.kind == LB_GLUE) {
			double gw = h->lb.width;

			if (b->env->justify && o->align == ALIGN_JUSTIFY)
				gw += ratio > 0 ? ratio * h->lb.stretch :
				    ratio * h->lb.shrink;
			if (have && h->lb.stretch < LB_FIL) {
				/* keep the space inside the text so it
				 * extracts as a space (tagged text has no
				 * geometry to guess it from); it counts in
				 * the width only where the next word can
				 * join this item */
				buf_addc(s, ' ');
				if (!(b->env->justify &&
				    o->align == ALIGN_JUSTIFY) &&
				    !(cur.flags & (HF_STRIKE | HF_LINK)))
					cur.w += gw;
			}
			x += gw;
			continue;
		}
		if (h->lb.kind != LB_BOX)
			continue;
		if (have && cur.face == h->face && cur.size == h->size &&
		    cur.color == h->color && cur.flags == h->flags &&
		    cur.image == h->link && cur.x + cur.w + 0.001 >= x &&
		    cur.x + cur.w - 0.001 <= x) {
			buf_add(s, b->text.p + h->off, h->len);
			cur.w += h->lb.width;
			x += h->lb.width;
			continue;
		}
		if (have) {
			cur.text = take_text(s);
			line_add(out, &cur);
		}
		memset(&cur, 0, sizeof(cur));
		cur.kind = PI_TEXT;
		cur.role = o->role;
		cur.block = o->block;
		cur.elem = o->elem;
		cur.line = o->line;
		cur.x = x;
		cur.y = -h->rise;
		cur.face = h->face;
		cur.size = h->size;
		cur.color = h->color;
		cur.flags = h->flags;
		cur.image = h->link;	/* link index, resolved below */
		cur.w = h->lb.width;
		buf_reset(s);
		buf_add(s, b->text.p + h->off, h->len);
		x += h->lb.width;
		have = 1;
	}
	/* a line that ends at a space ends with one in its text, so the
	 * words of two lines do not run together when extracted */
	if (brk < b->n && b->items[brk].lb.kind == LB_GLUE && have &&
	    (s->len == 0 || s->p[s->len - 1] != ' '))
		buf_addc(s, ' ');
	if (brk < b->n && b->items[brk].lb.kind == LB_PENALTY &&
	    b->items[brk].lb.flagged && have) {
		buf_addc(s, '-');
		cur.w += b->items[brk].lb.width;
		x += b->items[brk].lb.width;
	}
	if (have) {
		cur.text = take_text(s);
		line_add(out, &cur);
	}
	/* a trailing space inside the last item is not part of the width */
	out->width = x;
	shift = 0;
	if (o->align == ALIGN_CENTER)
		shift = (avail - x) / 2;
	else if (o->align == ALIGN_RIGHT)
		shift = avail - x;
	if (shift < 0)
		shift = 0;
	/* links, strike-through; then resolve flags into item form; a link's
	 * words on a line share one continuous underline */
	ntext = out->nitems;
	ul_link = ul_item = -1;
	for (j = 0; j < ntext; j++) {
		struct pitem *it = &out->items[j];
		int link = it->image, flags = it->flags;

		it->x += shift;
		it->image = 0;
		it->flags = (flags & HF_SUPER) ? PF_SUPER : 0;
		if (flags & HF_STRIKE) {
			struct pitem r;

			memset(&r, 0, sizeof(r));
			r.kind = PI_RULE;
			r.role = ROLE_DECOR;
			r.x = it->x;
			r.y = it->y - it->size * 0.3;
			r.w = it->w;
			r.color = it->color;
			r.line_width = it->size * 0.06;
			line_add(out, &r);
			it = &out->items[j];
		}
		if (link >= 0 && link < b->nlinks) {
			struct pitem r;
			int entry;

			/* where a glossary link lands, for the glossary's
			 * page references back */
			if (b->env->gloss_uses != NULL &&
			    b->anchored != NULL &&
			    !b->anchored[link] && anchor_parse(b->links[link],
			    &entry, NULL, NULL) == ANCHOR_GLOSSARY) {
				struct anchor_refs *u = b->env->gloss_uses;

				ARRAY_GROW(u->v, u->n, u->cap);
				u->v[u->n].kind = ANCHOR_GLOSSARY_USE;
				u->v[u->n].a = entry;
				u->v[u->n].b = u->n;
				memset(&r, 0, sizeof(r));
				r.kind = PI_ANCHOR;
				r.x = it->x;
				r.y = it->y - it->size;
				r.text = anchor_name(ANCHOR_GLOSSARY_USE, entry,
				    u->n++);
				b->anchored[link] = 1;
				line_add(out, &r);
				it = &out->items[j];
			}

			it->elem = link_elem(b, link);
			if (b->link_text != NULL && it->text != NULL)
				buf_adds(&b->link_text[link], it->text);
			memset(&r, 0, sizeof(r));
			r.kind = PI_LINK;
			r.role = ROLE_LINK;
			r.elem = it->elem;
			r.block = it->block;
			r.line = it->line;
			r.x = it->x;
			r.y = it->y - it->size * 0.95;
			r.w = it->w;
			r.h = it->size * 1.2;
			r.text = xstrdup(b->links[link]);
			enum anchor_kind k = anchor_parse(b->links[link],
			    NULL, NULL, NULL);

			if ((b->env->layout->link_underline &&
			    b->links[link][0] != '#') || k == ANCHOR_GLOSSARY) {
				struct pitem u = r;
				int gloss = k == ANCHOR_GLOSSARY;

				u.kind = PI_RULE;
				u.role = ROLE_DECOR;
				u.elem = 0;	/* decoration */
				u.text = NULL;
				u.y = it->y + it->size * (gloss ? 0.16 : 0.12);
				u.h = 0;
				u.color = gloss ? b->env->layout->link_color :
				    it->color;
				u.line_width = it->size * (gloss ? 0.035 : 0.05);
				if (link == ul_link && ul_item >= 0)
					out->items[ul_item].w = u.x + u.w -
					    out->items[ul_item].x;
				else {
					line_add(out, &u);
					ul_item = (int)out->nitems - 1;
					ul_link = link;
				}
			}
			line_add(out, &r);
		} else
			ul_link = -1;
	}
}

int
para_set(struct para_env *env, const struct node *first, const char *text,
    const struct para_opts *o, struct plines *out)
{
	struct hbuild b;
	struct lb_item *lb;
	struct lb_params params;
	struct lb_result res;
	struct width_ctx wctx;
	const struct node *n;
	size_t i, from;
	int k, face;

	memset(&b, 0, sizeof(b));
	memset(out, 0, sizeof(*out));
	if (env->scratch == NULL || env->scratch->fonts != env->fonts) {
		para_scratch_free(env);
		env->scratch = xcalloc(1, sizeof(*env->scratch));
		env->scratch->fonts = env->fonts;
		buf_init(&env->scratch->text);
		buf_init(&env->scratch->line);
	}
	b.sc = env->scratch;
	b.env = env;
	b.o = o;
	b.link = -1;
	b.open_box = -1;
	/* the scratch's list and text, handed back at the end */
	b.items = b.sc->items;
	b.cap = b.sc->cap;
	b.text = b.sc->text;
	buf_reset(&b.text);

	face = fontset_pick(env->fonts, o->font, 'x');
	if (face < 0)
		face = 0;
	out->ascent = fontset_ascent(env->fonts, face) * o->size / 1000.0;
	out->descent = -fontset_descent(env->fonts, face) * o->size / 1000.0;

	if (first != NULL) {
		for (n = first; n != NULL; n = n->next)
			walk_inlines(&b, n, 0);
	} else if (text != NULL)
		add_text(&b, text);
	end_word(&b);
	while (b.n > 0 && b.items[b.n - 1].lb.kind != LB_BOX)
		b.n--;
	if (b.n == 0)
		goto done;
	push(&b, LB_GLUE)->lb.stretch = LB_FIL;
	add_penalty(&b, -LB_INF, 0, 0, -1);

	if (b.n > b.sc->lb_cap) {
		b.sc->lb_cap = b.n + b.n / 2;
		b.sc->lb = xreallocarray(b.sc->lb, b.sc->lb_cap,
		    sizeof(*b.sc->lb));
	}
	lb = b.sc->lb;
	for (i = 0; i < b.n; i++)
		lb[i] = b.items[i].lb;
	linebreak_defaults(&params);
	if (!(env->justify && o->align == ALIGN_JUSTIFY))
		params.ragged_stretch = o->width * 0.3;
	wctx.rest = o->width;
	wctx.first = o->first_width > 0 ? o->first_width : o->width;
	memset(&res, 0, sizeof(res));
	if (linebreak_break(lb, b.n, line_width, &wctx, &params, &res) != 0)
		goto done;
	if (b.nlinks > 0) {
		b.link_elems = xcalloc((size_t)b.nlinks, sizeof(int));
		b.anchored = xcalloc((size_t)b.nlinks, sizeof(int));
		b.link_text = xcalloc((size_t)b.nlinks, sizeof(struct buf));
		for (k = 0; k < b.nlinks; k++)
			buf_init(&b.link_text[k]);
	}
	from = 0;
	for (k = 0; k < res.nlines; k++) {
		struct pline *pl;

		ARRAY_GROW(out->lines, out->nlines, out->cap);
		pl = &out->lines[out->nlines++];
		memset(pl, 0, sizeof(*pl));
		build_line(&b, from, res.breaks[k], res.ratios[k],
		    line_width(k, &wctx), pl);
		from = res.breaks[k] + 1;
	}
	linebreak_result_free(&res);
	/* what each link is said to lead to */
	for (k = 0; b.link_elems != NULL && k < b.nlinks; k++)
		if (b.link_elems[k] > 0 && b.link_elems[k] != o->elem) {
			char *what = anchor_describe(b.links[k],
			    k < b.ntitles && b.link_titles[k] != NULL ?
			    b.link_titles[k] : b.link_text[k].p != NULL ?
			    b.link_text[k].p : "");

			pagedoc_elem_alt(env->pd, b.link_elems[k], what);
			free(what);
		}
done:
	for (k = 0; b.link_text != NULL && k < b.nlinks; k++)
		buf_free(&b.link_text[k]);
	free(b.link_text);
	free(b.link_elems);
	free(b.anchored);
	for (k = 0; k < b.ntitles; k++)
		free(b.link_titles[k]);
	free(b.link_titles);
	for (k = 0; k < b.nlinks; k++)
		free(b.links[k]);
	free(b.links);
	b.sc->items = b.items;
	b.sc->cap = b.cap;
	b.sc->text = b.text;
	return out->nlines;
}

void
para_lines_free(struct plines *pl)
{
	int i, j;

	for (i = 0; i < pl->nlines; i++) {
		for (j = 0; j < pl->lines[i].nitems; j++)
			free(pl->lines[i].items[j].text);
		free(pl->lines[i].items);
	}
	free(pl->lines);
	memset(pl, 0, sizeof(*pl));
}

double
para_text_width(struct para_env *env, enum font_style style, double size,
    const char *text)
{
	size_t len = strlen(text), pos = 0, start = 0, prev;
	double w = 0;
	long cp;
	int face, run_face = -1;

	/* shaped in runs of one face, as the text is drawn */
	while (pos < len) {
		prev = pos;
		cp = utf8_next(text, len, &pos);
		face = cp < 0 ? -1 : fontset_pick(env->fonts, style,
		    (unsigned long)cp);
		if (face != run_face) {
			if (run_face >= 0)
				w += fontset_width(env->fonts, run_face,
				    text + start, prev - start, size);
			run_face = face;
			start = prev;
		}
	}
	if (run_face >= 0)
		w += fontset_width(env->fonts, run_face, text + start,
		    len - start, size);
	return w;
}

static void
para_scratch_free(struct para_env *env)
{
	struct para_scratch *sc = env->scratch;

	if (sc == NULL)
		return;
	free(sc->items);
	buf_free(&sc->text);
	free(sc->lb);
	buf_free(&sc->line);
	free(sc);
	env->scratch = NULL;
}

void
para_env_free(struct para_env *env)
{
	int i;

	para_scratch_free(env);

	for (i = 0; i < env->nlink_urls; i++)
		free(env->link_urls[i]);
	free(env->link_urls);
	env->link_urls = NULL;
	env->nlink_urls = env->link_urls_cap = 0;
	free(env->reported);
	env->reported = NULL;
	env->nreported = env->reported_cap = 0;
}
