/*
 * impose: the print edition.  Replays the booklet's page model two-up onto
 * landscape sheets in saddle-stitch order, adding padding pages (blank or
 * for notes) in front of the back cover and fold marks on the sheet fronts.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "font.h"
#include "image.h"
#include "impose.h"
#include "page.h"
#include "xalloc.h"

#define MM		(72.0 / 25.4)
#define MAX_SHEET	14400.0		/* largest PDF page, pt */
#define SCALE_SNAP	1e-3		/* nearer 1: no scaling */

#define FOLD_LEN	12.0		/* fold mark length, pt */
#define FOLD_WIDTH	0.5
#define FOLD_COLOR	0xa0a0a0

#define CROP_GAP	(2 * MM)	/* crop marks start this far outside
					   the bleed */
#define CROP_LEN	(5 * MM)
#define CROP_WIDTH	0.25
#define SLUG_SIZE	7.0		/* the how-to-print line */
#define EDGE		2.0		/* within this of an edge: at it (a
					   page centred in its half of the
					   sheet may be short of it) */

/* Notes pages, in source-page coordinates: margins like the booklet's. */
#define NOTES_TOP	(16 * MM)
#define NOTES_BOTTOM	(17 * MM)
#define NOTES_SIDE	(15 * MM)
#define NOTES_SIZE	18.0		/* heading size, pt */
#define NOTES_COLOR	0x1a1a1a
#define NOTES_GAP	(8.5 * MM)	/* between ruled lines: wide ruled,
					   easy to write on by hand */
#define NOTES_RULE	0xc0c0c0
#define NOTES_RULE_W	0.5

/* Source page coordinates to sheet coordinates: sheet = o + s * page. */
struct xform {
	double	 s, ox, oy;
};

static double	 fit(double, double, int, double, double, struct xform *);
static void	 place_page(struct page *, const struct page *,
		    const struct xform *);
static void	 notes_page(struct page *, const struct fontset *, double,
		    double, const struct xform *);
static void	 fold_marks(struct page *, double, double);
static void	 make_side(struct pagedoc *, const struct pagedoc *, int,
		    const int *, int, int, double, double, double *, int *);
static void	*memdup(const void *, size_t);
static struct image *image_copy(const struct image *);
static char	*dup_or_null(const char *);

int
impose_order(int npages, int *slots)
{
	int n4, s;

	if (npages <= 0)
		return 0;
	n4 = (npages + 3) / 4 * 4;
	for (s = 0; s < n4 / 4; s++) {
		slots[4 * s] = n4 - 1 - 2 * s;
		slots[4 * s + 1] = 2 * s;
		slots[4 * s + 2] = 2 * s + 1;
		slots[4 * s + 3] = n4 - 2 - 2 * s;
	}
	return n4;
}

int
impose_page_at(int npages, int n4, int pos)
{
	if (npages <= 0 || pos < 0 || pos >= n4)
		return -1;
	/* A lone page is a front cover, not a back cover. */
	if (npages == 1)
		return pos == 0 ? 0 : -1;
	if (pos < npages - 1)
		return pos;
	if (pos == n4 - 1)
		return npages - 1;
	return -1;
}

/*
 * The transform putting a w x h page centred into half `half` (0 left,
 * 1 right) of the sheet, scaled to fit.  Returns the scale.
 */
static double
fit(double w, double h, int half, double sheet_w, double sheet_h,
    struct xform *t)
{
	double hw = sheet_w / 2, s;

	if (!(w > 0) || !(h > 0)) {
		w = hw;
		h = sheet_h;
	}
	s = fmin(hw / w, sheet_h / h);
	/* Rounded paper sizes (595.276 or 595.28) must not scale text. */
	if (fabs(s - 1) < SCALE_SNAP)
		s = 1;
	t->s = s;
	t->ox = half * hw + (hw - s * w) / 2;
	t->oy = (sheet_h - s * h) / 2;
	return s;
}

static void
place_page(struct page *dst, const struct page *src, const struct xform *t)
{
	const struct pitem *it;
	struct pitem c;
	int i;

	for (i = 0; i < src->nitems; i++) {
		it = &src->items[i];
		if (it->kind == PI_LINK || it->kind == PI_ANCHOR)
			continue;
		c = *it;
		c.x = t->ox + t->s * it->x;
		c.y = t->oy + t->s * it->y;
		c.w = t->s * it->w;
		c.h = t->s * it->h;
		c.size = t->s * it->size;
		c.line_width = t->s * it->line_width;
		/* a path is moved and scaled by its x, y and size, like
		 * everything else */
		page_add(dst, &c);
	}
}


/*
 * A page for writing on: "Notes" at the top and ruled lines down to the
 * bottom margin, drawn on a w x h page and moved by t.  Without a bold
 * face that has the letters, only the lines.
 */
static void
notes_page(struct page *dst, const struct fontset *fs, double w, double h,
    const struct xform *t)
{
	static const char title[] = "Notes";
	struct pitem it;
	double tw, base, y;
	int face = -1;

	if (fs != NULL)
		face = fontset_pick(fs, FONT_BOLD, 'N');
	base = h - NOTES_TOP - NOTES_SIZE * 0.8;
	if (face >= 0) {
		base = h - NOTES_TOP -
		    fontset_ascent(fs, face) * NOTES_SIZE / 1000;
		tw = fontset_width(fs, face, title, strlen(title),
		    NOTES_SIZE);
		page_text(dst, ROLE_H1, 0, 0, t->ox + t->s * (w - tw) / 2,
		    t->oy + t->s * base, face, t->s * NOTES_SIZE,
		    NOTES_COLOR, title, t->s * tw);
	}
	memset(&it, 0, sizeof(it));
	it.kind = PI_RULE;
	it.role = ROLE_DECOR;
	it.color = NOTES_RULE;
	it.line_width = t->s * NOTES_RULE_W;
	it.w = t->s * (w - 2 * NOTES_SIDE);
	it.x = t->ox + t->s * NOTES_SIDE;
	for (y = base - NOTES_GAP; y >= NOTES_BOTTOM - 0.01; y -= NOTES_GAP) {
		it.y = t->oy + t->s * y;
		page_add(dst, &it);
	}
}

/* Where to fold: short marks at the top and bottom of the centre line,
 * at the edge, clear of the pages' margins. */
static void
fold_marks(struct page *dst, double sheet_w, double sheet_h)
{
	struct pitem it;

	memset(&it, 0, sizeof(it));
	it.kind = PI_RULE;
	it.role = ROLE_DECOR;
	it.color = FOLD_COLOR;
	it.line_width = FOLD_WIDTH;
	it.x = sheet_w / 2;
	it.h = FOLD_LEN;
	it.y = sheet_h - FOLD_LEN;
	page_add(dst, &it);
	it.y = 0;
	page_add(dst, &it);
}

static void *
memdup(const void *p, size_t len)
{
	void *c;

	if (p == NULL || len == 0)
		return NULL;
	c = xmalloc(len);
	memcpy(c, p, len);
	return c;
}

/* A deep copy, so the print edition owns its images like any pagedoc. */
static struct image *
image_copy(const struct image *img)
{
	struct image *c;
	size_t npix;

	if (img == NULL)
		return NULL;
	c = xmalloc(sizeof(*c));
	*c = *img;
	npix = img->width > 0 && img->height > 0 ?
	    (size_t)img->width * (size_t)img->height : 0;
	c->pixels = memdup(img->pixels, npix * (size_t)(img->components > 0 ?
	    img->components : 0));
	c->alpha = memdup(img->alpha, npix);
	c->data = memdup(img->data, img->len);
	if (c->data == NULL)
		c->len = 0;
	return c;
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* One side of a sheet: the pages at reading positions left and right. */
static void
make_side(struct pagedoc *dst, const struct pagedoc *src, int n4,
    const int *pos, int front, int notes, double sheet_w, double sheet_h,
    double *min_scale, int *shrunk)
{
	const struct page *sp;
	struct page *side;
	struct xform t;
	double s, w, h;
	int half, k;

	side = pagedoc_add_page(dst, sheet_w, sheet_h);
	for (half = 0; half < 2; half++) {
		k = impose_page_at(src->npages, n4, pos[half]);
		if (k >= 0) {
			sp = &src->pages[k];
			s = fit(sp->width, sp->height, half, sheet_w,
			    sheet_h, &t);
			if (s < 1) {
				(*shrunk)++;
				if (s < *min_scale)
					*min_scale = s;
			}
			place_page(side, sp, &t);
		} else if (notes) {
			/* Drawn as the first page would be. */
			w = src->pages[0].width;
			h = src->pages[0].height;
			if (!(w > 0) || !(h > 0)) {
				w = sheet_w / 2;
				h = sheet_h;
			}
			fit(w, h, half, sheet_w, sheet_h, &t);
			notes_page(side, src->fonts, w, h, &t);
		}
	}
	if (front)
		fold_marks(side, sheet_w, sheet_h);
}

struct pagedoc *
impose_saddle(const struct pagedoc *src, double sheet_w, double sheet_h,
    int notes)
{
	struct pagedoc *d;
	double min_scale = 1;
	int *slots, n4, i, shrunk = 0;

	if (!(sheet_w > 0 && sheet_w <= MAX_SHEET && sheet_h > 0 &&
	    sheet_h <= MAX_SHEET)) {
		diag_fatal(NULL, 0, 0, "the print sheet size %g x %g pt is "
		    "impossible, so no print edition was made; use a real "
		    "paper size, such as A4 landscape (841.89 x 595.28 pt)",
		    sheet_w, sheet_h);
		return NULL;
	}
	d = pagedoc_new(src->fonts);
	if (src->title != NULL)
		d->title = xasprintf("%s (print edition)", src->title);
	d->author = dup_or_null(src->author);
	d->subject = dup_or_null(src->subject);
	d->keywords = dup_or_null(src->keywords);
	d->lang = dup_or_null(src->lang);
	d->creator = dup_or_null(src->creator);
	d->date = src->date;
	/* Same numbers, so PI_IMAGE items need no change. */
	for (i = 0; i < src->nimages; i++)
		pagedoc_add_image(d, image_copy(src->images[i]));

	if (src->npages <= 0)
		return d;
	slots = xcalloc((size_t)src->npages + 3, sizeof(*slots));
	n4 = impose_order(src->npages, slots);
	for (i = 0; i < n4; i += 2)
		make_side(d, src, n4, &slots[i], i % 4 == 0, notes, sheet_w,
		    sheet_h, &min_scale, &shrunk);
	free(slots);
	if (shrunk > 0)
		diag_warning(NULL, 0, 0, "%d booklet page%s larger than half "
		    "a print sheet (%.0f x %.0f mm), so the print edition "
		    "shrinks %s to %.0f%%, which makes the text smaller; "
		    "use a smaller page size for the booklet or a larger "
		    "print sheet", shrunk, shrunk == 1 ? " is" : "s are",
		    sheet_w / 2 / MM, sheet_h / MM, shrunk == 1 ? "it" :
		    "them", floor(min_scale * 100));
	return d;
}

/* Move every item of a sheet side but the fold marks towards the fold:
 * those on the left half right by shift, those on the right left. */
static void
creep_side(struct page *pg, double sheet_w, double shift)
{
	double mid = sheet_w / 2;
	int i;

	for (i = 0; i < pg->nitems; i++) {
		struct pitem *it = &pg->items[i];
		double cx = it->x + it->w / 2;

		if (it->kind == PI_RULE && it->x == mid && it->w == 0)
			continue;	/* a fold mark */
		it->x += cx < mid ? shift : -shift;
	}
}

/* Carry filled rectangles that reach the sheet's edge past it by b (not
 * at the fold, where the two pages meet). */
static void
bleed_side(struct page *pg, double sheet_w, double sheet_h, double b)
{
	int i;

	for (i = 0; i < pg->nitems; i++) {
		struct pitem *it = &pg->items[i];

		/* pictures are not stretched, outlines not moved */
		if (it->kind != PI_RECT || !(it->flags & PF_FILL))
			continue;
		if (it->x <= EDGE) {
			it->w += it->x + b;
			it->x = -b;
		}
		if (it->x + it->w >= sheet_w - EDGE)
			it->w = sheet_w + b - it->x;
		if (it->y <= EDGE) {
			it->h += it->y + b;
			it->y = -b;
		}
		if (it->y + it->h >= sheet_h - EDGE)
			it->h = sheet_h + b - it->y;
	}
}

/* A crop mark: a hairline from (x, y) of length len, horizontal or
 * vertical. */
static void
crop_line(struct page *pg, double x, double y, double len, int vertical)
{
	struct pitem it;

	memset(&it, 0, sizeof(it));
	it.kind = PI_RULE;
	it.role = ROLE_DECOR;
	it.color = 0x000000;
	it.line_width = CROP_WIDTH;
	it.x = x;
	it.y = y;
	it.w = vertical ? 0 : len;
	it.h = vertical ? len : 0;
	page_add(pg, &it);
}

/* Crop marks at the four corners of the trim [o, o+w] x [o, o+h], clear of
 * the bleed; the fold marked the same way at the top and bottom. */
static void
crop_marks(struct page *pg, double o, double w, double h, double bleed)
{
	double a = bleed + CROP_GAP;

	crop_line(pg, o - a - CROP_LEN, o, CROP_LEN, 0);
	crop_line(pg, o + w + a, o, CROP_LEN, 0);
	crop_line(pg, o - a - CROP_LEN, o + h, CROP_LEN, 0);
	crop_line(pg, o + w + a, o + h, CROP_LEN, 0);
	crop_line(pg, o, o - a - CROP_LEN, CROP_LEN, 1);
	crop_line(pg, o + w, o - a - CROP_LEN, CROP_LEN, 1);
	crop_line(pg, o, o + h + a, CROP_LEN, 1);
	crop_line(pg, o + w, o + h + a, CROP_LEN, 1);
	crop_line(pg, o + w / 2, o - a - CROP_LEN, CROP_LEN, 1);
	crop_line(pg, o + w / 2, o + h + a, CROP_LEN, 1);
}

/* Which sheet and side, and how to print: outside the trim, at the foot. */
static void
slug_line(struct page *pg, const struct fontset *fs, double o, int sheet,
    int nsheets, int front)
{
	char *text;
	int face;

	if (fs == NULL || (face = fontset_pick(fs, FONT_REGULAR, 'S')) < 0)
		return;
	text = xasprintf("Sheet %d of %d, %s. Print double-sided, flip on "
	    "the short edge, at actual size; fold and staple on the centre "
	    "line; trim at the crop marks.", sheet, nsheets, front ? "front" :
	    "back");
	page_text(pg, ROLE_DECOR, 0, 0, o + CROP_LEN, (o - CROP_LEN) / 2,
	    face, SLUG_SIZE, 0x000000, text, fontset_width(fs, face, text,
	    strlen(text), SLUG_SIZE));
	free(text);
}

void
impose_marks(struct pagedoc *d, double sheet_w, double sheet_h,
    double bleed, double creep)
{
	int i, j, nsheets = (d->npages + 1) / 2;
	double o = bleed + CROP_GAP + CROP_LEN + 2 * MM;

	for (i = 0; i < d->npages; i++) {
		struct page *pg = &d->pages[i];
		int sheet = i / 2;

		if (creep > 0 && sheet > 0)
			creep_side(pg, sheet_w, sheet * creep);
		if (!(bleed > 0))
			continue;
		bleed_side(pg, sheet_w, sheet_h, bleed);
		for (j = 0; j < pg->nitems; j++) {
			pg->items[j].x += o;
			pg->items[j].y += o;
		}
		pg->width = sheet_w + 2 * o;
		pg->height = sheet_h + 2 * o;
		pg->trim = o;
		pg->bleed = bleed;
		crop_marks(pg, o, sheet_w, sheet_h, bleed);
		slug_line(pg, d->fonts, o, sheet + 1, nsheets, i % 2 == 0);
	}
}
