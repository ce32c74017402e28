/*
 * Unit tests of the page builder (vlist.c): where pages break, what is
 * kept together, right-hand starts, repeated table headers, decorated
 * groups, and boxes taller than a page.  Boxes are built by hand (one text
 * item each, named so the test can see which page it landed on).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "vlist.h"

#define NO_BREAK	10000

static struct page_frame frame;

static void
set_frame(double text_height)
{
	memset(&frame, 0, sizeof(frame));
	frame.width = 200;
	frame.height = text_height + 40;
	frame.left = 20;
	frame.top = text_height + 20;
	frame.text_width = 160;
	frame.text_height = text_height;
	frame.first_recto = 1;
}

/* A box of height h named name, with the page-break penalty before it. */
static struct vbox *
box(struct vlist *vl, const char *name, double space, double h, int penalty)
{
	struct vbox *b = vlist_add(vl, space, h, penalty);
	struct pitem it;

	memset(&it, 0, sizeof(it));
	it.kind = PI_TEXT;
	it.role = ROLE_P;
	it.y = h * 0.8;
	it.size = 10;
	it.text = (char *)name;
	vlist_box_add(b, &it);
	return b;
}

/* The 1-based page holding the text item name, 0 if none. */
static int
page_of(const struct pagedoc *d, const char *name)
{
	int i, j;

	for (i = 0; i < d->npages; i++)
		for (j = 0; j < d->pages[i].nitems; j++)
			if (d->pages[i].items[j].kind == PI_TEXT &&
			    d->pages[i].items[j].text != NULL &&
			    strcmp(d->pages[i].items[j].text, name) == 0)
				return i + 1;
	return 0;
}

static int
count_text(const struct page *pg, const char *name)
{
	int j, n = 0;

	for (j = 0; j < pg->nitems; j++)
		if (pg->items[j].kind == PI_TEXT &&
		    strcmp(pg->items[j].text, name) == 0)
			n++;
	return n;
}

/* Ten lines fit a page; eleven lines make two pages, with the break at
 * the only place it can go, and the first line at the top of the text
 * area. */
static void
t_fill(void)
{
	struct vlist vl;
	struct pagedoc *d = pagedoc_new(NULL);
	char name[8];
	int i, *first = NULL, n;

	set_frame(100);
	vlist_init(&vl);
	for (i = 0; i < 11; i++) {
		snprintf(name, sizeof(name), "L%d", i);
		box(&vl, name, 0, 10, 0);
	}
	n = vlist_paginate(&vl, &frame, d, "x.md", &first);
	CHECK_INT(n, 2);
	CHECK_INT(page_of(d, "L9"), 1);
	CHECK_INT(page_of(d, "L10"), 2);
	CHECK_INT(first[1], 10);
	CHECK_NEAR(d->pages[0].items[0].y, 120 - 8, 1e-9);
	CHECK_NEAR(d->pages[0].items[0].x, 20, 1e-9);
	free(first);
	pagedoc_free(d);
	vlist_free(&vl);
}

/* A heading keeps the two lines after it: with room for only the heading
 * and one line, the heading moves to the next page. */
static void
t_heading_keep(void)
{
	struct vlist vl;
	struct pagedoc *d = pagedoc_new(NULL);
	char name[8];
	int i;

	set_frame(100);
	vlist_init(&vl);
	for (i = 0; i < 8; i++) {
		snprintf(name, sizeof(name), "P%d", i);
		box(&vl, name, 0, 10, 0);
	}
	box(&vl, "H", 0, 10, 0);
	box(&vl, "A", 0, 10, NO_BREAK);	/* kept with the heading */
	box(&vl, "B", 0, 10, NO_BREAK);
	box(&vl, "C", 0, 10, 0);
	vlist_paginate(&vl, &frame, d, "x.md", NULL);
	CHECK_INT(page_of(d, "P7"), 1);
	CHECK_INT(page_of(d, "H"), 2);
	CHECK_INT(page_of(d, "A"), 2);
	CHECK_INT(page_of(d, "B"), 2);
	pagedoc_free(d);
	vlist_free(&vl);
}

/* A widow (the last line of a paragraph alone at a page top) is avoided
 * by breaking one line earlier, which costs only a little space; but a
 * page is not left half empty to avoid one. */
static void
t_widow(void)
{
	struct vlist vl;
	struct pagedoc *d = pagedoc_new(NULL);
	char name[8];
	int i;

	set_frame(100);
	vlist_init(&vl);
	/* 7 lines of one paragraph, then a paragraph of 4 lines whose last
	 * line would be a widow on page 2 */
	for (i = 0; i < 7; i++) {
		snprintf(name, sizeof(name), "A%d", i);
		box(&vl, name, 0, 10, i == 0 ? 0 : 50);
	}
	box(&vl, "B0", 0, 10, 0);
	box(&vl, "B1", 0, 10, 150);	/* orphan penalty */
	box(&vl, "B2", 0, 10, 0);
	box(&vl, "B3", 0, 10, 150);	/* widow penalty */
	vlist_paginate(&vl, &frame, d, "x.md", NULL);
	CHECK_INT(page_of(d, "B1"), 1);
	CHECK_INT(page_of(d, "B2"), 2);	/* B3 does not stand alone */
	CHECK_INT(page_of(d, "B3"), 2);
	pagedoc_free(d);
	vlist_free(&vl);

	/* when the only way to avoid the widow empties half the page, the
	 * widow is the lesser evil */
	d = pagedoc_new(NULL);
	vlist_init(&vl);
	/* ten lines that can only break before T5 (half a page) or before
	 * the widow W */
	box(&vl, "T0", 0, 10, 0);
	for (i = 1; i < 10; i++) {
		snprintf(name, sizeof(name), "T%d", i);
		box(&vl, name, 0, 10, i == 5 ? 0 : NO_BREAK);
	}
	box(&vl, "W", 0, 10, 150);
	vlist_paginate(&vl, &frame, d, "x.md", NULL);
	CHECK_INT(page_of(d, "T5"), 1);
	CHECK_INT(page_of(d, "T9"), 1);
	CHECK_INT(page_of(d, "W"), 2);
	pagedoc_free(d);
	vlist_free(&vl);
}

/* Glue above a box is dropped at the top of a page. */
static void
t_space_dropped(void)
{
	struct vlist vl;
	struct pagedoc *d = pagedoc_new(NULL);
	int i;

	set_frame(100);
	vlist_init(&vl);
	for (i = 0; i < 9; i++)
		box(&vl, "x", 0, 10, 0);
	box(&vl, "S", 30, 10, 0);	/* does not fit with its space */
	vlist_paginate(&vl, &frame, d, "x.md", NULL);
	CHECK_INT(page_of(d, "S"), 2);
	/* at the top of page 2 without its 30 pt */
	CHECK_NEAR(d->pages[1].items[0].y, 120 - 8, 1e-9);
	pagedoc_free(d);
	vlist_free(&vl);
}

/* A chapter that must open on a right-hand page gets a blank page
 * before it when it would fall on a left-hand one; facing pages use the
 * verso margin. */
static void
t_recto(void)
{
	struct vlist vl;
	struct pagedoc *d = pagedoc_new(NULL);
	struct vbox *b;
	int *first = NULL, n;

	set_frame(100);
	frame.left_verso = 10;
	vlist_init(&vl);
	box(&vl, "one", 0, 10, 0);
	b = box(&vl, "two", 0, 10, 0);
	b->flags = VB_NEWPAGE | VB_RECTO;	/* page 2 is a left page */
	b = box(&vl, "three", 0, 10, 0);
	b->flags = VB_NEWPAGE;
	b = box(&vl, "four", 0, 10, 0);
	b->flags = VB_NEWPAGE | VB_RECTO;	/* page 5 is right already */
	n = vlist_paginate(&vl, &frame, d, "x.md", &first);
	CHECK_INT(n, 5);
	CHECK_INT(page_of(d, "one"), 1);
	CHECK_INT(page_of(d, "two"), 3);
	CHECK_INT(page_of(d, "three"), 4);
	CHECK_INT(page_of(d, "four"), 5);
	if (n == 5) {
		CHECK_INT(first[1], -1);	/* the added blank page */
		CHECK_INT(d->pages[1].nitems, 0);
		CHECK_NEAR(d->pages[3].items[0].x, 10, 1e-9);	/* verso */
		CHECK_NEAR(d->pages[4].items[0].x, 20, 1e-9);	/* recto */
	}
	free(first);
	pagedoc_free(d);
	vlist_free(&vl);
}

/* A table continued on the next page repeats its header row there. */
static void
t_table_header(void)
{
	struct vlist vl;
	struct pagedoc *d = pagedoc_new(NULL);
	struct vbox *b;
	char name[8];
	int i;

	set_frame(100);
	vlist_init(&vl);
	box(&vl, "intro", 0, 20, 0);
	b = box(&vl, "HEAD", 0, 15, 0);
	b->table = 1;
	b->table_header = 1;
	for (i = 0; i < 8; i++) {
		snprintf(name, sizeof(name), "R%d", i);
		b = box(&vl, name, 0, 15, i == 0 ? NO_BREAK : 0);
		b->table = 1;
	}
	vlist_paginate(&vl, &frame, d, "x.md", NULL);
	CHECK_INT(d->npages, 2);
	CHECK_INT(count_text(&d->pages[0], "HEAD"), 1);
	CHECK_INT(count_text(&d->pages[1], "HEAD"), 1);
	/* 20 + 15 + 4 rows of 15 = 95 pt on page 1 */
	CHECK_INT(page_of(d, "R3"), 1);
	CHECK_INT(page_of(d, "R4"), 2);
	/* the repeated header is the first thing on page 2 */
	CHECK_STR(d->pages[1].items[0].text, "HEAD");
	pagedoc_free(d);
	vlist_free(&vl);
}

/* A callout split over two pages is drawn on each, around its part. */
static void
t_group(void)
{
	struct vlist vl;
	struct pagedoc *d = pagedoc_new(NULL);
	struct vgroup g;
	struct vbox *b;
	int i, id, rects = 0, j, p;

	set_frame(100);
	vlist_init(&vl);
	memset(&g, 0, sizeof(g));
	g.kind = VG_CODE;
	g.x0 = 0;
	g.x1 = 160;
	g.background = 0xEEEEEE;
	id = vlist_group(&vl, &g);
	for (i = 0; i < 15; i++) {
		b = box(&vl, "c", 0, 10, 0);
		b->groups[0] = id;
		b->ngroups = 1;
	}
	vlist_paginate(&vl, &frame, d, "x.md", NULL);
	CHECK_INT(d->npages, 2);
	for (p = 0; p < d->npages; p++)
		for (j = 0; j < d->pages[p].nitems; j++)
			if (d->pages[p].items[j].kind == PI_RECT) {
				rects++;
				/* drawn first, under the text */
				CHECK_INT(j, 0);
			}
	CHECK_INT(rects, 2);
	CHECK_NEAR(d->pages[0].items[0].h, 100, 1e-9);
	CHECK_NEAR(d->pages[1].items[0].h, 50, 1e-9);
	pagedoc_free(d);
	vlist_free(&vl);
}

/* A cover band: drawn first, under the text, across the whole page
 * (not the text area), from the top it was given down to `below` under
 * its last box; the boxes after it are not on it. */
static void
t_band(void)
{
	struct vlist vl;
	struct pagedoc *d = pagedoc_new(NULL);
	struct vgroup g;
	struct vbox *b;
	const struct pitem *band;
	int i, id;

	set_frame(100);		/* page 200 x 140, text from y 120 */
	vlist_init(&vl);
	memset(&g, 0, sizeof(g));
	g.kind = VG_BAND;
	g.background = 0x1F4E79;
	g.page_top = 130;
	g.below = 4;
	id = vlist_group(&vl, &g);
	for (i = 0; i < 2; i++) {
		b = box(&vl, "on", 0, 10, 0);
		b->groups[0] = id;
		b->ngroups = 1;
	}
	box(&vl, "under", 0, 10, 0);
	vlist_paginate(&vl, &frame, d, "x.md", NULL);
	CHECK_INT(d->npages, 1);
	CHECK_INT(d->pages[0].nitems, 4);
	band = &d->pages[0].items[0];
	CHECK_INT(band->kind, PI_RECT);
	CHECK_INT(band->role, ROLE_DECOR);
	CHECK_INT(band->fill, 0x1F4E79);
	CHECK_NEAR(band->x, 0, 1e-9);
	CHECK_NEAR(band->w, 200, 1e-9);
	CHECK_NEAR(band->y, 120 - 20 - 4, 1e-9);
	CHECK_NEAR(band->y + band->h, 130, 1e-9);
	CHECK_INT(d->pages[0].items[1].kind, PI_TEXT);
	CHECK(d->pages[0].items[3].y < band->y);
	pagedoc_free(d);
	vlist_free(&vl);
}

/* A box taller than the page is placed alone, with a warning; the build
 * goes on. */
static void
t_too_tall(void)
{
	struct vlist vl;
	struct pagedoc *d = pagedoc_new(NULL);
	const char *err;

	set_frame(100);
	vlist_init(&vl);
	box(&vl, "before", 0, 10, 0);
	box(&vl, "huge", 0, 250, 0)->line = 7;
	box(&vl, "after", 0, 10, 0);
	fixture_capture_begin();
	vlist_paginate(&vl, &frame, d, "x.md", NULL);
	err = harness_capture_end();
	CHECK_INT(page_of(d, "huge"), 2);
	CHECK_INT(page_of(d, "after"), 3);
	CHECK_CONTAINS(err, "x.md:7: warning: this block is taller than a "
	    "page");
	pagedoc_free(d);
	vlist_free(&vl);
}

/* Bookmarks point at the page and height where their box landed. */
static void
t_outline(void)
{
	struct vlist vl;
	struct pagedoc *d = pagedoc_new(NULL);
	struct vbox *b;
	int i;

	set_frame(100);
	vlist_init(&vl);
	for (i = 0; i < 10; i++)
		box(&vl, "x", 0, 10, 0);
	b = box(&vl, "Section", 0, 10, 0);
	b->outline_level = 2;
	b->outline_title = strdup("Section");
	vlist_paginate(&vl, &frame, d, "x.md", NULL);
	CHECK_INT(d->noutline, 1);
	if (d->noutline == 1) {
		CHECK_INT(d->outline[0].page, 1);
		CHECK_INT(d->outline[0].level, 2);
		CHECK_NEAR(d->outline[0].y, 120, 1e-9);
	}
	pagedoc_free(d);
	vlist_free(&vl);
}

/* A last page holding only the back matter (the contact box) is avoided
 * by breaking earlier; a page fuller than that is left alone. */
static void
t_lonely_last(void)
{
	struct vlist vl;
	struct pagedoc *d = pagedoc_new(NULL);
	struct vbox *b;
	char name[8];
	int i;

	set_frame(100);
	frame.last_min = 0.3;
	frame.max_gap = 0.25;
	vlist_init(&vl);
	for (i = 0; i < 10; i++) {
		snprintf(name, sizeof(name), "L%d", i);
		box(&vl, name, 0, 10, 0);
	}
	b = box(&vl, "C", 0, 20, 0);	/* the contact box */
	b->flags |= VB_TAIL;
	vlist_paginate(&vl, &frame, d, "x.md", NULL);
	CHECK_INT(d->npages, 2);
	CHECK_INT(page_of(d, "C"), 2);
	CHECK_INT(page_of(d, "L9"), 2);	/* a line makes it 30 % full */
	CHECK_INT(page_of(d, "L8"), 1);
	pagedoc_free(d);
	vlist_free(&vl);
}

/* The glue between blocks shrinks (up to its limit) when that keeps the
 * last page from holding next to nothing; spaces on the page shrink by
 * the same fraction. */
static void
t_shrink(void)
{
	struct vlist vl;
	struct pagedoc *d = pagedoc_new(NULL);
	char name[8];
	int i;

	set_frame(100);
	frame.last_min = 0.3;
	frame.shrink = 0.5;
	vlist_init(&vl);
	for (i = 0; i < 6; i++) {
		snprintf(name, sizeof(name), "P%d", i);
		box(&vl, name, i > 0 ? 6 : 0, 10, i > 0 ? 0 : NO_BREAK);
	}
	box(&vl, "Z", 6, 10, NO_BREAK);	/* 70 + 36 = 106: 6 over */
	vlist_paginate(&vl, &frame, d, "x.md", NULL);
	CHECK_INT(d->npages, 1);
	CHECK_INT(page_of(d, "Z"), 1);
	/* each 6 pt space became 5 pt: Z's baseline at 120 - 60 - 30 - 8 */
	CHECK_NEAR(d->pages[0].items[6].y, 120 - 60 - 30 - 8, 1e-6);
	pagedoc_free(d);
	vlist_free(&vl);

	/* beyond the limit, no: a second page */
	d = pagedoc_new(NULL);
	frame.shrink = 0.1;
	vlist_init(&vl);
	for (i = 0; i < 7; i++)
		box(&vl, "Q", i > 0 ? 6 : 0, 10, i > 0 ? 0 : NO_BREAK);
	vlist_paginate(&vl, &frame, d, "x.md", NULL);
	CHECK_INT(d->npages, 2);
	pagedoc_free(d);
	vlist_free(&vl);
}

/* The pages are weighed together: a page left a little short earlier
 * is cheaper than a widow and a lonely last page later. */
static void
t_global(void)
{
	struct vlist vl;
	struct pagedoc *d = pagedoc_new(NULL);
	char name[8];
	int i;

	set_frame(100);
	frame.max_gap = 0.25;
	frame.last_min = 0.3;
	vlist_init(&vl);
	/* 19 lines that may break anywhere, then a block of 20: filling
	 * pages 1 and 2 would leave the block alone on page 3 */
	for (i = 0; i < 19; i++) {
		snprintf(name, sizeof(name), "A%d", i);
		box(&vl, name, 0, 10, 0);
	}
	box(&vl, "K", 0, 20, 0);
	vlist_paginate(&vl, &frame, d, "x.md", NULL);
	/* the cheapest plan: pages 1 and 2 give a line each */
	CHECK_INT(d->npages, 3);
	CHECK_INT(page_of(d, "A18"), 3);
	CHECK_INT(page_of(d, "A17"), 2);
	pagedoc_free(d);
	vlist_free(&vl);
}

int
main(void)
{
	t_fill();
	t_heading_keep();
	t_widow();
	t_space_dropped();
	t_recto();
	t_table_header();
	t_group();
	t_band();
	t_too_tall();
	t_outline();
	t_lonely_last();
	t_shrink();
	t_global();
	return harness_done("t_vlist");
}
