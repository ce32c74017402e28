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
