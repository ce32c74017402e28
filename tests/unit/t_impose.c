/*
 * t_impose: booklet imposition.  The saddle-stitch order (exact slots,
 * facing pages, reading order after folding), padding in front of the
 * back cover, where items land on the sheet and at what scale, dropped
 * links, notes pages, fold marks, copied images and document information,
 * and a real PDF checked with pdftotext: each sheet side shows the right
 * two pages, left and right.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "diag.h"
#include "fixture.h"
#include "font.h"
#include "image.h"
#include "impose.h"
#include "layout.h"
#include "page.h"
#include "pdfout.h"
#include "harness.h"

#define A5_W	420.94
#define A5_H	595.28
#define SHEET_W	841.89
#define SHEET_H	595.28

enum { F_REGULAR, F_BOLD };

static char	 dir[] = "/tmp/t_impose.XXXXXX";

/* n A5 pages, page k carrying "Page k+1" near its top left. */
static struct pagedoc *
booklet(const struct fontset *fs, int n)
{
	struct pagedoc *d = pagedoc_new(fs);
	struct page *pg;
	char text[32];
	double w;
	int k;

	for (k = 0; k < n; k++) {
		pg = pagedoc_add_page(d, A5_W, A5_H);
		snprintf(text, sizeof(text), "Page %d", k + 1);
		w = fs != NULL ? fontset_width(fs, F_REGULAR, text,
		    strlen(text), 12) : 40;
		page_text(pg, ROLE_P, k + 1, k + 1, 60, 500, F_REGULAR, 12,
		    0x000000, text, w);
	}
	return d;
}

/* The source page number (1-based) of the "Page N" text on a sheet side
 * in the given half (0 left, 1 right); 0 if none, -1 if several. */
static int
page_in_half(const struct page *side, int half)
{
	const struct pitem *it;
	int i, found = 0;

	for (i = 0; i < side->nitems; i++) {
		it = &side->items[i];
		if (it->kind != PI_TEXT || strncmp(it->text, "Page ", 5) != 0)
			continue;
		if ((it->x >= SHEET_W / 2) != half)
			continue;
		found = found == 0 ? atoi(it->text + 5) : -1;
	}
	return found;
}

static int
count_kind(const struct page *side, enum pitem_kind kind)
{
	int i, n = 0;

	for (i = 0; i < side->nitems; i++)
		n += side->items[i].kind == kind;
	return n;
}

static void
check_slots(int npages, const int *want, int nwant)
{
	int slots[64], fold[64], n4, s, i, n;

	memset(slots, 0xff, sizeof(slots));
	n4 = impose_order(npages, slots);
	CHECK_INT(n4, nwant);
	for (i = 0; i < nwant; i++)
		CHECK_INT(slots[i], want[i]);
	CHECK_INT(slots[nwant], -1);	/* nothing written past n4 */
	/* facing slots on each side */
	for (i = 0; i < n4; i += 2)
		CHECK_INT(slots[i] + slots[i + 1], n4 - 1);
	/* fold the stack (sheet 0 outside) and read it: each sheet's front
	   right and back left on the way in, back right and front left on
	   the way out */
	n = 0;
	for (s = 0; s < n4 / 4; s++) {
		fold[n++] = slots[4 * s + 1];
		fold[n++] = slots[4 * s + 2];
	}
	for (s = n4 / 4 - 1; s >= 0; s--) {
		fold[n++] = slots[4 * s + 3];
		fold[n++] = slots[4 * s];
	}
	for (i = 0; i < n4; i++)
		CHECK_INT(fold[i], i);
}

static void
t_order(void)
{
	static const int w8[] = { 7, 0, 1, 6, 5, 2, 3, 4 };
	static const int w12[] = {
		11, 0, 1, 10, 9, 2, 3, 8, 7, 4, 5, 6
	};
	static const int w32[] = {
		31, 0, 1, 30, 29, 2, 3, 28, 27, 4, 5, 26, 25, 6, 7, 24,
		23, 8, 9, 22, 21, 10, 11, 20, 19, 12, 13, 18, 17, 14, 15, 16
	};
	int slots[8];

	check_slots(8, w8, 8);
	check_slots(12, w12, 12);
	check_slots(30, w32, 32);
	check_slots(29, w32, 32);
	CHECK_INT(impose_order(0, slots), 0);
	CHECK_INT(impose_order(1, slots), 4);
	CHECK_INT(impose_order(5, slots), 8);
}

static void
t_page_at(void)
{
	int pos;

	/* 30 pages: 0..28 in place, two padding pages, back cover last */
	for (pos = 0; pos < 29; pos++)
		CHECK_INT(impose_page_at(30, 32, pos), pos);
	CHECK_INT(impose_page_at(30, 32, 29), -1);
	CHECK_INT(impose_page_at(30, 32, 30), -1);
	CHECK_INT(impose_page_at(30, 32, 31), 29);
	CHECK_INT(impose_page_at(30, 32, 32), -1);
	CHECK_INT(impose_page_at(30, 32, -1), -1);
	/* no padding */
	CHECK_INT(impose_page_at(8, 8, 7), 7);
	CHECK_INT(impose_page_at(8, 8, 6), 6);
	/* a lone page is the front */
	CHECK_INT(impose_page_at(1, 4, 0), 0);
	CHECK_INT(impose_page_at(1, 4, 3), -1);
	CHECK_INT(impose_page_at(2, 4, 0), 0);
	CHECK_INT(impose_page_at(2, 4, 1), -1);
	CHECK_INT(impose_page_at(2, 4, 3), 1);
}

/* 6 pages on 2 sheets: the padding sits just before the back cover. */
static void
t_padding(void)
{
	/* left, right page number per side; 0 = blank */
	static const int want[4][2] = {
		{ 6, 1 }, { 2, 0 }, { 0, 3 }, { 4, 5 }
	};
	struct pagedoc *src = booklet(NULL, 6), *d;
	int i;

	d = impose_saddle(src, SHEET_W, SHEET_H, 0);
	CHECK(d != NULL);
	if (d == NULL) {
		pagedoc_free(src);
		return;
	}
	CHECK_INT(d->npages, 4);
	for (i = 0; i < d->npages && i < 4; i++) {
		CHECK_NEAR(d->pages[i].width, SHEET_W, 1e-9);
		CHECK_NEAR(d->pages[i].height, SHEET_H, 1e-9);
		CHECK_INT(page_in_half(&d->pages[i], 0), want[i][0]);
		CHECK_INT(page_in_half(&d->pages[i], 1), want[i][1]);
		/* blank padding: nothing but the fold marks */
		CHECK_INT(d->pages[i].nitems, (want[i][0] != 0) +
		    (want[i][1] != 0) + (i % 2 == 0 ? 2 : 0));
	}
	pagedoc_free(d);
	pagedoc_free(src);
}

static const struct pitem *
find_kind(const struct page *side, enum pitem_kind kind)
{
	int i;

	for (i = 0; i < side->nitems; i++)
		if (side->items[i].kind == kind)
			return &side->items[i];
	return NULL;
}

static const struct pitem *
find_text(const struct page *side, const char *text)
{
	int i;

	for (i = 0; i < side->nitems; i++)
		if (side->items[i].kind == PI_TEXT &&
		    strcmp(side->items[i].text, text) == 0)
			return &side->items[i];
	return NULL;
}

/* Every kind of item on page 3 of 8 (slot: sheet 1 front, right). */
static void
t_translate(void)
{
	struct pagedoc *src = booklet(NULL, 8), *d;
	const struct page *side;
	const struct pitem *p;
	struct pitem it;
	struct image *img;
	double ox = SHEET_W / 2 + (SHEET_W / 2 - A5_W) / 2;
	int i, n;

	img = calloc(1, sizeof(*img));
	img->kind = IMAGE_RAW;
	img->width = 2;
	img->height = 3;
	img->components = 3;
	img->pixels = malloc(18);
	for (i = 0; i < 18; i++)
		img->pixels[i] = (unsigned char)(i * 10);
	img->alpha = malloc(6);
	memset(img->alpha, 0x80, 6);
	pagedoc_add_image(src, NULL);
	n = pagedoc_add_image(src, img);
	src->title = strdup("Liver treatments");
	src->author = strdup("Liver Clinic");
	src->lang = strdup("en-GB");
	src->date = 1715953510;
	pagedoc_add_outline(src, 1, "Chapter", 2, 500);
	pagedoc_add_label(src, 0, 'D', 1);

	it = fixture_item(PI_RULE, 50, 100, 200, 0);
	it.line_width = 0.75;
	it.color = 0x336699;
	page_add(&src->pages[2], &it);
	it = fixture_item(PI_RECT, 30, 40, 100, 50);
	it.flags = PF_FILL;
	page_add(&src->pages[2], &it);
	it = fixture_item(PI_IMAGE, 70, 80, 60, 90);
	it.image = n;
	it.text = (char *)"a chart";
	page_add(&src->pages[2], &it);
	it = fixture_item(PI_PATH, 0, 0, 0, 0);
	it.text = (char *)"M 10 20 L 30.5 40 C 1 2 3 4 5 6 Z";
	page_add(&src->pages[2], &it);
	it = fixture_item(PI_LINK, 60, 490, 50, 14);
	it.text = (char *)"https://example.org/";
	page_add(&src->pages[2], &it);
	it = fixture_item(PI_LINK, 60, 470, 50, 14);
	it.text = (char *)"#risks";
	page_add(&src->pages[2], &it);
	it = fixture_item(PI_ANCHOR, 60, 520, 0, 0);
	it.text = (char *)"risks";
	page_add(&src->pages[2], &it);
	it = fixture_item(PI_TEXT, 200, 300, 30, 0);
	it.text = (char *)"DRAFT";
	it.size = 40;
	it.angle = 45;
	it.role = ROLE_MARK;
	page_add(&src->pages[2], &it);

	d = impose_saddle(src, SHEET_W, SHEET_H, 0);
	CHECK(d != NULL);
	if (d == NULL)
		goto out;
	CHECK_INT(d->npages, 4);
	side = &d->pages[2];		/* sheet 1 front: [5, 2] */
	CHECK_INT(page_in_half(side, 0), 6);
	CHECK_INT(page_in_half(side, 1), 3);

	p = find_text(side, "Page 3");
	CHECK(p != NULL);
	if (p != NULL) {
		CHECK_NEAR(p->x, ox + 60, 1e-6);
		CHECK_NEAR(p->y, 500, 1e-6);
		CHECK_NEAR(p->size, 12, 1e-9);
		CHECK_INT(p->block, 3);
		CHECK_INT(p->line, 3);
	}
	p = find_kind(side, PI_RULE);
	CHECK(p != NULL);
	if (p != NULL) {
		CHECK_NEAR(p->x, ox + 50, 1e-6);
		CHECK_NEAR(p->y, 100, 1e-6);
		CHECK_NEAR(p->w, 200, 1e-6);
		CHECK_NEAR(p->line_width, 0.75, 1e-9);
		CHECK_INT(p->color, 0x336699);
	}
	p = find_kind(side, PI_RECT);
	CHECK(p != NULL && p->flags == PF_FILL);
	if (p != NULL) {
		CHECK_NEAR(p->x, ox + 30, 1e-6);
		CHECK_NEAR(p->y, 40, 1e-6);
		CHECK_NEAR(p->h, 50, 1e-6);
	}
	p = find_kind(side, PI_IMAGE);
	CHECK(p != NULL);
	if (p != NULL) {
		CHECK_NEAR(p->x, ox + 70, 1e-6);
		CHECK_NEAR(p->w, 60, 1e-6);
		CHECK_INT(p->image, n);
		CHECK_STR(p->text, "a chart");
	}
	p = find_kind(side, PI_PATH);
	CHECK(p != NULL);
	if (p != NULL) {
		/* the shape itself is unchanged: it moves by its x, y */
		CHECK_STR(p->text, "M 10 20 L 30.5 40 C 1 2 3 4 5 6 Z");
		CHECK_NEAR(p->x, ox, 1e-6);
		CHECK_NEAR(p->y, 0, 1e-6);
	}
	/* the rotated watermark keeps its angle */
	p = find_text(side, "DRAFT");
	CHECK(p != NULL);
	if (p != NULL) {
		CHECK_NEAR(p->x, ox + 200, 1e-6);
		CHECK_NEAR(p->angle, 45, 1e-9);
		CHECK_INT(p->role, ROLE_MARK);
	}
	/* links and destinations do not work on paper */
	for (i = 0; i < d->npages; i++) {
		CHECK_INT(count_kind(&d->pages[i], PI_LINK), 0);
		CHECK_INT(count_kind(&d->pages[i], PI_ANCHOR), 0);
	}
	/* text, rule, rect, image, path, watermark; fold marks */
	CHECK_INT(count_kind(side, PI_TEXT), 3);
	CHECK_INT(count_kind(side, PI_RULE), 1 + 2);
	CHECK_INT(side->nitems, 3 + 3 + 3);

	/* information, images owned by the copy, no bookmarks or labels */
	CHECK_STR(d->title, "Liver treatments (print edition)");
	CHECK_STR(d->author, "Liver Clinic");
	CHECK_STR(d->lang, "en-GB");
	CHECK(d->subject == NULL);
	CHECK_INT(d->date, 1715953510);
	CHECK(d->fonts == src->fonts);
	CHECK_INT(d->noutline, 0);
	CHECK_INT(d->nlabels, 0);
	CHECK_INT(d->nimages, 2);
	if (d->nimages == 2) {
		CHECK(d->images[0] == NULL);
		CHECK(d->images[1] != NULL && d->images[1] != img);
		CHECK(d->images[1]->pixels != img->pixels);
		CHECK(memcmp(d->images[1]->pixels, img->pixels, 18) == 0);
		CHECK(memcmp(d->images[1]->alpha, img->alpha, 6) == 0);
		CHECK_INT(d->images[1]->width, 2);
	}
	/* the print edition outlives its source */
	pagedoc_free(src);
	src = NULL;
	if (d->nimages == 2 && d->images[1] != NULL)
		CHECK_INT(d->images[1]->pixels[17], 170);
	pagedoc_free(d);
out:
	pagedoc_free(src);
}

/* A4 portrait pages on an A4 landscape sheet: shrunk, centred, warned. */
static void
t_scale(void)
{
	struct pagedoc *src = pagedoc_new(NULL), *d;
	const struct pitem *p;
	struct pitem it;
	double s = fmin((SHEET_W / 2) / 595.28, SHEET_H / 841.89);
	unsigned warnings;
	int k;

	for (k = 0; k < 4; k++) {
		pagedoc_add_page(src, 595.28, 841.89);
		it = fixture_item(PI_RECT, 0, 0, 595.28, 841.89);
		it.line_width = 2;
		it.flags = PF_STROKE;
		page_add(&src->pages[k], &it);
		page_text(&src->pages[k], ROLE_P, 1, 1, 100, 200, 0, 10, 0,
		    "x", 6);
	}
	warnings = diag_count(DIAG_WARNING);
	d = impose_saddle(src, SHEET_W, SHEET_H, 0);
	CHECK(d != NULL);
	CHECK_INT(diag_count(DIAG_WARNING), warnings + 1);
	if (d != NULL) {
		/* sheet 0 front: page 4 left, page 1 right */
		p = find_kind(&d->pages[0], PI_RECT);
		CHECK(p != NULL);
		if (p != NULL) {
			/* the height fits exactly; centred across */
			CHECK_NEAR(p->y, 0, 1e-6);
			CHECK_NEAR(p->h, SHEET_H, 1e-6);
			CHECK_NEAR(p->w, 595.28 * s, 1e-6);
			CHECK_NEAR(p->x, (SHEET_W / 2 - 595.28 * s) / 2, 1e-6);
			CHECK(p->w < SHEET_W / 2);
			CHECK_NEAR(p->line_width, 2 * s, 1e-9);
		}
		p = find_kind(&d->pages[0], PI_TEXT);
		CHECK(p != NULL);
		if (p != NULL) {
			CHECK_NEAR(p->size, 10 * s, 1e-9);
			CHECK_NEAR(p->w, 6 * s, 1e-9);
			CHECK_NEAR(p->x, (SHEET_W / 2 - 595.28 * s) / 2 +
			    100 * s, 1e-6);
			CHECK_NEAR(p->y, 200 * s, 1e-6);
		}
		pagedoc_free(d);
	}

	/* a small page is enlarged to fill its half, without a warning */
	src->pages[0].width = src->pages[1].width = 210.47;
	src->pages[0].height = src->pages[1].height = 297.64;
	warnings = diag_count(DIAG_WARNING);
	d = impose_saddle(src, SHEET_W, SHEET_H, 0);
	CHECK(d != NULL);
	/* pages 3 and 4 are still A4 */
	CHECK_INT(diag_count(DIAG_WARNING), warnings + 1);
	if (d != NULL) {
		/* sheet 0 back: page 2 (small) on the left */
		p = find_kind(&d->pages[1], PI_TEXT);
		CHECK(p != NULL);
		if (p != NULL)
			CHECK_NEAR(p->size, 10 * SHEET_H / 297.64, 1e-6);
		pagedoc_free(d);
	}

	/* an impossible sheet is refused */
	k = (int)diag_count(DIAG_FATAL);
	CHECK(impose_saddle(src, 0, SHEET_H, 0) == NULL);
	CHECK(impose_saddle(src, SHEET_W, NAN, 0) == NULL);
	CHECK_INT(diag_count(DIAG_FATAL), k + 2);
	pagedoc_free(src);
}

static void
t_fold_marks(void)
{
	struct pagedoc *src = booklet(NULL, 4), *d;
	const struct pitem *it;
	int i, n = 0;

	d = impose_saddle(src, SHEET_W, SHEET_H, 0);
	CHECK(d != NULL && d->npages == 2);
	if (d == NULL || d->npages != 2)
		goto out;
	for (i = 0; i < d->pages[0].nitems; i++) {
		it = &d->pages[0].items[i];
		if (it->kind != PI_RULE)
			continue;
		n++;
		CHECK_NEAR(it->x, SHEET_W / 2, 1e-9);
		CHECK_NEAR(it->w, 0, 1e-9);
		CHECK(it->h >= 6 && it->h <= 20);
		/* at an edge, in light grey */
		CHECK(fabs(it->y) < 1e-9 || fabs(it->y + it->h - SHEET_H) <
		    1e-9);
		CHECK(((it->color >> 16) & 0xff) >= 0x80 &&
		    ((it->color >> 16) & 0xff) < 0xf0);
		CHECK_INT(it->role, ROLE_DECOR);
	}
	CHECK_INT(n, 2);
	CHECK_INT(count_kind(&d->pages[1], PI_RULE), 0);
	pagedoc_free(d);
out:
	pagedoc_free(src);
}

/* Padding as notes pages: the heading in bold, centred, and lines. */
static void
t_notes(const struct fontset *fs)
{
	struct pagedoc *src = booklet(fs, 5), *d;
	const struct page *side;
	const struct pitem *it, *head = NULL;
	int i, face, lines = 0;
	double w;

	d = impose_saddle(src, SHEET_W, SHEET_H, 1);
	CHECK(d != NULL && d->npages == 4);
	if (d == NULL || d->npages != 4)
		goto out;
	/* positions 4..6 are padding, 7 is page 5: sheet 0 front [7, 0],
	   back [1, 6], sheet 1 front [5, 2], back [3, 4] */
	CHECK_INT(page_in_half(&d->pages[0], 0), 5);
	CHECK_INT(page_in_half(&d->pages[1], 0), 2);
	CHECK_INT(page_in_half(&d->pages[3], 0), 4);
	side = &d->pages[1];
	face = fontset_pick(fs, FONT_BOLD, 'N');
	CHECK_INT(face, F_BOLD);
	for (i = 0; i < side->nitems; i++) {
		it = &side->items[i];
		if (it->kind == PI_TEXT && strcmp(it->text, "Notes") == 0)
			head = it;
		if (it->kind == PI_RULE && it->x > SHEET_W / 2) {
			lines++;
			CHECK(it->y > 40 && it->y < SHEET_H - 60);
			CHECK_NEAR(it->h, 0, 1e-9);
		}
	}
	CHECK(head != NULL);
	if (head != NULL) {
		w = fontset_width(fs, face, "Notes", 5, head->size);
		CHECK_INT(head->face, face);
		CHECK_NEAR(head->w, w, 1e-6);
		/* centred in the right half, near the top */
		CHECK_NEAR(head->x + w / 2, SHEET_W * 3 / 4, 0.01);
		CHECK(head->y > SHEET_H - 90 && head->y < SHEET_H - 40);
		CHECK(head->x > SHEET_W / 2);
	}
	CHECK(lines >= 15 && lines <= 25);
	/* every padding slot is a notes page */
	for (i = 0, lines = 0; i < d->npages; i++) {
		side = &d->pages[i];
		for (face = 0; face < side->nitems; face++)
			if (side->items[face].kind == PI_TEXT &&
			    strcmp(side->items[face].text, "Notes") == 0)
				lines++;
	}
	CHECK_INT(lines, 3);
	pagedoc_free(d);
out:
	pagedoc_free(src);
}

/* The text of page k of a PDF as pdftotext -layout gives it: all of it
 * (half -1) or only the left (0) or right (1) half of the sheet; caller
 * frees.  NULL if pdftotext failed. */
static char *
page_text_of(const char *path, int k, int half)
{
	char cmd[512], crop[128], *out;
	FILE *fp;

	crop[0] = '\0';
	if (half >= 0)
		snprintf(crop, sizeof(crop), "-x %d -y 0 -W %d -H %d ",
		    half * (int)(SHEET_W / 2), (int)(SHEET_W / 2),
		    (int)SHEET_H + 1);
	snprintf(cmd, sizeof(cmd), "pdftotext -enc UTF-8 -f %d -l %d -layout "
	    "%s%s - 2>/dev/null", k, k, crop, path);
	if ((fp = popen(cmd, "r")) == NULL)
		return NULL;
	out = harness_read_stream(fp, NULL);
	if (pclose(fp) != 0) {
		free(out);
		return NULL;
	}
	return out;
}

/* Words of the form "Page N" or "Notes", in order, as "12 1" or "2 N". */
static void
summarise(const char *text, char *out, size_t sz)
{
	const char *s = text;
	size_t len = 0;

	out[0] = '\0';
	while (*s != '\0' && len + 8 < sz) {
		if (strncmp(s, "Page ", 5) == 0) {
			len += snprintf(out + len, sz - len, "%s%d",
			    len ? " " : "", atoi(s + 5));
			s += 5;
		} else if (strncmp(s, "Notes", 5) == 0) {
			len += snprintf(out + len, sz - len, "%sN",
			    len ? " " : "");
			s += 5;
		} else
			s++;
	}
}

/* pdfinfo's "Page    1 size: ..." line; caller frees. */
static char *
page_size(const char *path)
{
	char cmd[256], line[256], *size = NULL;
	FILE *fp;

	snprintf(cmd, sizeof(cmd), "pdfinfo -f 1 -l 1 %s 2>/dev/null", path);
	if ((fp = popen(cmd, "r")) == NULL)
		return NULL;
	while (fgets(line, sizeof(line), fp) != NULL)
		if (strncmp(line, "Page    1 size:", 15) == 0 && size == NULL)
			size = strdup(line);
	pclose(fp);
	return size;
}

static int
render_to(const struct pagedoc *d, const char *path)
{
	unsigned char *pdf = NULL;
	size_t len = 0;
	int rc;

	rc = pdfout_render(d, &pdf, &len);
	CHECK_INT(rc, 0);
	if (rc != 0)
		return -1;
	rc = harness_write_file(path, pdf, len);
	free(pdf);
	return rc;
}

/*
 * Side k+1 of the PDF shows want[k] ("left right"): checked on each half
 * of the sheet on its own and, with whole_line, as one line of the whole
 * page, left before right.
 */
static void
check_sides(const char *path, const char *const *want, int nwant,
    int whole_line)
{
	char got[64], half[2][16], both[40], *text, *l, *r;
	int k, h;

	for (k = 0; k < nwant; k++) {
		if (sscanf(want[k], "%15s %15s", half[0], half[1]) != 2)
			continue;
		for (h = 0; h < 2; h++) {
			text = page_text_of(path, k + 1, h);
			CHECK(text != NULL);
			if (text == NULL)
				continue;
			summarise(text, got, sizeof(got));
			if (strcmp(got, half[h]) != 0)
				fprintf(stderr, "side %d, %s half: pdftotext "
				    "says\n%s\n", k + 1, h ? "right" :
				    "left", text);
			CHECK_STR(got, half[h]);
			free(text);
		}
		if (!whole_line)
			continue;
		text = page_text_of(path, k + 1, -1);
		CHECK(text != NULL);
		if (text == NULL)
			continue;
		/* "Page 12          Page 1" on one line */
		snprintf(both, sizeof(both), "Page %s ", half[0]);
		l = strstr(text, both);
		snprintf(both, sizeof(both), "Page %s", half[1]);
		r = l != NULL ? strstr(l + 5, both) : NULL;
		CHECK(l != NULL && r != NULL && (strchr(l, '\n') == NULL ||
		    r < strchr(l, '\n')));
		summarise(text, got, sizeof(got));
		CHECK_STR(got, want[k]);
		free(text);
	}
}

static void
t_rendered(const struct fontset *fs)
{
	static const char *const want12[] = {
		"12 1", "2 11", "10 3", "4 9", "8 5", "6 7"
	};
	static const char *const want10[] = {
		"10 1", "2 N", "N 3", "4 9", "8 5", "6 7"
	};
	struct pagedoc *src, *d;
	char path[128], *text;

	snprintf(path, sizeof(path), "%s/print.pdf", dir);
	src = booklet(fs, 12);
	src->title = strdup("Booklet");
	d = impose_saddle(src, SHEET_W, SHEET_H, 0);
	CHECK(d != NULL);
	if (d != NULL && render_to(d, path) == 0) {
		CHECK_INT(d->npages, 6);
		check_sides(path, want12, 6, 1);
		/* the page is a landscape sheet */
		text = page_size(path);
		CHECK(text != NULL && strstr(text, "841.89 x 595.28") != NULL);
		free(text);
	}
	pagedoc_free(d);
	pagedoc_free(src);

	/* 10 pages: two notes pages in front of the back cover */
	src = booklet(fs, 10);
	d = impose_saddle(src, SHEET_W, SHEET_H, 1);
	CHECK(d != NULL);
	if (d != NULL && render_to(d, path) == 0)
		check_sides(path, want10, 6, 0);
	pagedoc_free(d);
	pagedoc_free(src);
	unlink(path);
}

/* Print-shop marks: the media grows around the sheet (TrimBox), colour at
 * the outer edges runs into the bleed (not at the fold), ten crop marks,
 * and inner sheets' pages creep towards the fold. */
static void
t_marks(void)
{
	struct pagedoc *src = booklet(NULL, 8), *d;
	struct pitem band;
	double bleed = 8.5, creep = 0.5, o, x0, x1;
	int i, crops = 0;

	memset(&band, 0, sizeof(band));
	band.kind = PI_RECT;
	band.role = ROLE_DECOR;
	band.flags = PF_FILL;
	band.x = 0;
	band.y = A5_H - 100;
	band.w = A5_W;
	band.h = 100;
	page_add(&src->pages[0], &band);	/* the cover: front right */
	d = impose_saddle(src, SHEET_W, SHEET_H, 0);
	CHECK(d != NULL);
	if (d == NULL) {
		pagedoc_free(src);
		return;
	}
	x0 = d->pages[2].items[0].x;	/* sheet 1 front, before creep */
	x1 = d->pages[2].items[1].x;
	impose_marks(d, SHEET_W, SHEET_H, bleed, creep);
	o = d->pages[0].trim;
	CHECK(o > bleed);
	CHECK_NEAR(d->pages[0].width, SHEET_W + 2 * o, 1e-6);
	CHECK_NEAR(d->pages[0].bleed, bleed, 1e-9);
	for (i = 0; i < d->pages[0].nitems; i++) {
		const struct pitem *it = &d->pages[0].items[i];

		if (it->kind == PI_RECT) {
			/* from the fold (not bled) out past the right edge
			 * and the top */
			CHECK_NEAR(it->x, o + SHEET_W / 2, 1);
			CHECK_NEAR(it->x + it->w, o + SHEET_W + bleed, 1e-6);
			CHECK_NEAR(it->y + it->h, o + SHEET_H + bleed, 1e-6);
		}
		if (it->kind == PI_RULE && it->line_width == 0.25)
			crops++;
	}
	CHECK_INT(crops, 10);
	/* sheet 1: the left page moves right, the right page left */
	CHECK_NEAR(d->pages[2].items[0].x, x0 + o + (x0 < SHEET_W / 2 ?
	    creep : -creep), 1e-6);
	CHECK_NEAR(d->pages[2].items[1].x, x1 + o + (x1 < SHEET_W / 2 ?
	    creep : -creep), 1e-6);
	pagedoc_free(d);
	pagedoc_free(src);
}

int
main(void)
{
	struct fontset *fs;

	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	diag_set_quiet(1);
	t_order();
	t_page_at();
	t_padding();
	t_translate();
	t_scale();
	t_fold_marks();
	t_marks();
	fs = fixture_open_fonts();
	CHECK(fs != NULL);
	if (fs != NULL) {
		t_notes(fs);
		t_rendered(fs);
		fontset_free(fs);
	}
	rmdir(dir);
	return harness_done("t_impose");
}
