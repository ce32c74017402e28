/*
 * pagedeco: what is drawn around the text of every page once the pages
 * are known: running heads and feet (with {title}, {page}, {pages}...
 * filled in), the review marks, page numbers and page labels.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "fmatter.h"
#include "font.h"
#include "layout.h"
#include "page.h"
#include "pagedeco.h"
#include "para.h"
#include "typeset.h"
#include "xalloc.h"

/* Expand {name} placeholders of a running head or foot. */
static char *
expand(const struct pagedeco *d, const struct docmeta *m, const char *tmpl,
    const char *page, int pages)
{
	struct buf b;
	const char *p, *end;
	buf_init(&b);
	for (p = tmpl; *p != '\0'; p++) {
		size_t n;
		const char *name;

		if (*p != '{' || (end = strchr(p, '}')) == NULL) {
			buf_addc(&b, *p);
			continue;
		}
		n = (size_t)(end - p - 1);
		name = p + 1;
#define IS(s) (n == strlen(s) && strncmp(name, s, n) == 0)
		if (IS("page"))
			buf_adds(&b, page);
		else if (IS("pages"))
			buf_printf(&b, "%d", pages);
		else if (IS("title") && m != NULL && m->title)
			buf_adds(&b, m->title);
		else if (IS("short_title") && m != NULL)
			buf_adds(&b, m->short_title ? m->short_title :
			    m->title ? m->title : "");
		else if (IS("id") && m != NULL && m->id)
			buf_adds(&b, m->id);
		else if (IS("version") && m != NULL && m->version)
			buf_adds(&b, m->version);
		else if (IS("status") && m != NULL)
			buf_adds(&b, m->status == STATUS_APPROVED ?
			    "approved" : "draft");
		else if ((IS("published") || IS("reviewed") ||
		    IS("review_due")) && m != NULL) {
			long day = IS("published") ? m->published :
			    IS("reviewed") ? m->reviewed : m->review_due;

			/* in words, as patients read dates */
			date_format_words_lang(&b, day, m->lang);
		} else if (IS("publisher") && d->publisher != NULL)
			buf_adds(&b, d->publisher);
		else
			buf_add(&b, p, n + 2);
#undef IS
		p = end;
	}
	return buf_take(&b);
}

/* Draw a string on a page, face by face along the fallback chain.
 * align: 0 left at x, 1 centred on x, 2 right-aligned at x. */
static void
draw_string(struct pagedeco *d, struct page *pg, const char *s, double x,
    double y, enum font_style style, double size, uint32_t color,
    enum role role, int align, double angle)
{
	struct para_opts o;
	struct plines pl;
	double w;
	int i, j;

	memset(&o, 0, sizeof(o));
	o.size = size;
	o.leading = size * 1.2;
	o.font = style;
	o.color = color;
	o.role = role;
	o.width = 1e6;
	if (para_set(d->env, NULL, s, &o, &pl) <= 0) {
		para_lines_free(&pl);
		return;
	}
	w = pl.lines[0].width;
	if (align == 1)
		x -= w / 2 * cos(angle * M_PI / 180);
	else if (align == 2)
		x -= w;
	if (align == 1)
		y -= w / 2 * sin(angle * M_PI / 180);
	for (i = 0; i < pl.nlines; i++)
		for (j = 0; j < pl.lines[i].nitems; j++) {
			struct pitem it = pl.lines[i].items[j];
			double dx = it.x;

			if (it.kind != PI_TEXT)
				continue;
			it.x = x + dx * cos(angle * M_PI / 180);
			it.y = y + dx * sin(angle * M_PI / 180);
			it.angle = angle;
			it.role = role;
			it.text = it.text;
			page_add(pg, &it);
		}
	para_lines_free(&pl);
}

static void
draw_running(struct pagedeco *d, struct page *pg, const struct docmeta *m,
    const struct running_text *r, double y, const char *page, int pages,
    enum role role, double left, double right)
{
	char *s;

	if (r->left != NULL && r->left[0] != '\0') {
		s = expand(d, m, r->left, page, pages);
		draw_string(d, pg, s, left, y, r->font, r->size, r->color,
		    role, 0, 0);
		free(s);
	}
	if (r->center != NULL && r->center[0] != '\0') {
		s = expand(d, m, r->center, page, pages);
		draw_string(d, pg, s, (left + right) / 2, y, r->font, r->size,
		    r->color, role, 1, 0);
		free(s);
	}
	if (r->right != NULL && r->right[0] != '\0') {
		s = expand(d, m, r->right, page, pages);
		draw_string(d, pg, s, right, y, r->font, r->size, r->color,
		    role, 2, 0);
		free(s);
	}
}

/* The top notice stands this far inside the page edge at least: printers
 * clip nearer. */
#define MARK_EDGE	(8 * 72 / 25.4)

static const char *
mark_text(int marks)
{
	if ((marks & MARK_OVERDUE) && (marks & MARK_DRAFT))
		return "DRAFT \xe2\x80\x93 REVIEW OVERDUE";
	if (marks & MARK_OVERDUE)
		return "REVIEW OVERDUE";
	return "DRAFT \xe2\x80\x93 not for patient use";
}

/* The notice's size: as large as the body text (18pt in large print)
 * and the running head, whichever is larger. */
static double
notice_size(const struct layout *L)
{
	return L->body.size > L->header.size ? L->body.size : L->header.size;
}

/* Ascender and descender of the notice's face, in em (descender
 * positive). */
static void
notice_extent(const struct fontset *fs, double *asc, double *desc)
{
	int face = fontset_pick(fs, FONT_BOLD, 'D');

	*asc = face >= 0 ? fontset_ascent(fs, face) / 1000.0 : 0.95;
	*desc = face >= 0 ? -fontset_descent(fs, face) / 1000.0 : 0.25;
	if (*asc <= 0)
		*asc = 0.95;
	if (*desc < 0)
		*desc = 0.25;
}

double
pagedeco_mark_room(const struct layout *L, const struct fontset *fs,
    int heads)
{
	double ms = notice_size(L), asc, desc, bottom, top, room;
	const struct running_text *h = &L->header;
	int has_head = heads && ((h->left != NULL && h->left[0] != '\0') ||
	    (h->center != NULL && h->center[0] != '\0') ||
	    (h->right != NULL && h->right[0] != '\0'));

	notice_extent(fs, &asc, &desc);
	bottom = L->page_height - MARK_EDGE - (asc + desc) * ms;
	top = L->page_height - L->margin_top;
	if (has_head) {
		double hasc, hdesc;

		notice_extent(fs, &hasc, &hdesc);
		top += L->header_gap + hasc * h->size;
	}
	room = top + ms * 0.4 - bottom;
	return room > 0 ? room : 0;
}

/*
 * The review marks.  At the top of the page, the words as real text (so
 * a search finds them and a reader reads them), at least MARK_EDGE inside
 * the edge; the text area was moved down to make room (mark_room).  The
 * large diagonal mark, drawn from glyph outlines (a shape, so it cannot
 * break up the text a reader copies or searches), comes last, over
 * everything, multiplied in: it shows over an opaque picture and leaves
 * text as dark as it was.
 */
static void
draw_notice(struct pagedeco *d, struct page *pg, int marks)
{
	double ms = notice_size(d->layout), asc, desc;

	notice_extent(d->env->fonts, &asc, &desc);
	draw_string(d, pg, mark_text(marks), pg->width / 2,
	    pg->height - MARK_EDGE - asc * ms, FONT_BOLD, ms,
	    (marks & MARK_OVERDUE) ? 0xA40000 : 0x8A4B00, ROLE_MARK, 1, 0);
}

double
pagedeco_notice_floor(const struct layout *L, const struct fontset *fs)
{
	double ms = notice_size(L), asc, desc;

	notice_extent(fs, &asc, &desc);
	return L->page_height - MARK_EDGE - asc * ms - ms * 0.5;
}

static void
draw_diagonal(struct pagedeco *d, struct page *pg, int marks)
{
	const char *text = mark_text(marks);
	struct pitem it;
	struct buf path;
	double size = pg->width / 13.0, w, angle = 50, rad;
	int face;

	face = fontset_pick(d->env->fonts, FONT_BOLD, 'D');
	if (face < 0)
		return;
	w = fontset_width(d->env->fonts, face, text, strlen(text), size);
	if (w > pg->height * 0.9)
		size *= pg->height * 0.9 / w;
	w = fontset_width(d->env->fonts, face, text, strlen(text), size);
	rad = angle * M_PI / 180;
	/* the same shape on every page: outline it once */
	if (d->mark_path == NULL || d->mark_kind != marks ||
	    d->mark_w != pg->width || d->mark_h != pg->height) {
		buf_init(&path);
		fontset_outline(d->env->fonts, face, text, size,
		    pg->width / 2 - w / 2 * cos(rad) + size * 0.35 * sin(rad),
		    pg->height / 2 - w / 2 * sin(rad) - size * 0.35 * cos(rad),
		    angle, &path);
		free(d->mark_path);
		d->mark_path = buf_take(&path);
		d->mark_kind = marks;
		d->mark_w = pg->width;
		d->mark_h = pg->height;
	}
	memset(&it, 0, sizeof(it));
	it.kind = PI_PATH;
	it.role = ROLE_MARK;
	it.flags = PF_MULTIPLY;
	it.size = 1;
	it.fill = (marks & MARK_OVERDUE) ? 0xEEBBBB : 0xCCCCCC;
	it.text = d->mark_path;
	page_add(pg, &it);
}

/* Roman numerals for front matter page numbers. */
static char *
page_number(int n, int style)
{
	static const char *const r[] = { "m", "cm", "d", "cd", "c", "xc", "l",
	    "xl", "x", "ix", "v", "iv", "i" };
	static const int v[] = { 1000, 900, 500, 400, 100, 90, 50, 40, 10, 9,
	    5, 4, 1 };
	struct buf b;
	int i;

	if (style != 'r' || n <= 0)
		return xasprintf("%d", n);
	buf_init(&b);
	for (i = 0; i < 13; i++)
		while (n >= v[i]) {
			buf_adds(&b, r[i]);
			n -= v[i];
		}
	return buf_take(&b);
}

void
pagedeco_apply(struct pagedeco *d, struct pagedoc *pd,
    const struct deco_page *pages, const struct typeset_pages *tp)
{
	const struct layout *L = d->layout;
	const struct running_text *header = tp->header != NULL ?
	    tp->header : &L->header;
	const struct running_text *footer = tp->footer != NULL ?
	    tp->footer : &L->footer;
	int i, n = pd->npages;
	int total = tp->total > 0 ? tp->total : n;

	for (i = 0; i < n; i++) {
		struct page *pg = &pd->pages[i];
		double body_top = pg->height - L->margin_top - d->mark_room;
		int opener = pages[i].opener;
		int recto = (i % 2 == 0) == (tp->first_recto != 0);
		double left = recto || !tp->mirror ? L->margin_inner :
		    L->margin_outer;
		double right = pg->width - (recto || !tp->mirror ?
		    L->margin_outer : L->margin_inner);
		const struct docmeta *m;
		struct pitem it;
		char *label;

		m = pages[i].meta;
		label = page_number(tp->first_number + i, tp->style);
		free(pg->label);
		pg->label = label;
		/* a draft is marked on every page, blank ones and those
		 * without running heads too */
		if (pages[i].marks != 0)
			draw_notice(d, pg, pages[i].marks);
		if (pages[i].blank || pages[i].bare || tp->no_heads)
			goto marks;
		if (!(opener && tp->quiet_openers))
			draw_running(d, pg, m, header, body_top + L->header_gap,
			    label, total, ROLE_HEADER, left, right);
		draw_running(d, pg, m, footer, L->margin_bottom -
		    L->footer_gap, label, total, ROLE_FOOTER, left, right);
		memset(&it, 0, sizeof(it));
		it.kind = PI_RULE;
		it.role = ROLE_DECOR;
		it.x = left;
		it.w = right - left;
		it.line_width = 0.5;
		it.color = L->rule_color;
		if (header->rule && !(opener && tp->quiet_openers)) {
			it.y = body_top + L->header_gap * 0.45;
			page_add(pg, &it);
		}
		if (footer->rule) {
			it.y = L->margin_bottom - L->footer_gap * 0.3;
			page_add(pg, &it);
		}
marks:
		if (pages[i].marks != 0)
			draw_diagonal(d, pg, pages[i].marks);
	}
	if (n > 0)
		pagedoc_add_label(pd, 0, tp->style == 'r' ? 'r' : 'D',
		    tp->first_number);
}


void
pagedeco_clear(struct pagedeco *d)
{
	free(d->mark_path);
	d->mark_path = NULL;
}
