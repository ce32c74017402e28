/*
 * vlist: boxes and glue in a column, and the page builder that cuts them
 * into pages.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "vlist.h"
#include "xalloc.h"

#define NO_BREAK	10000

void
vlist_init(struct vlist *vl)
{
	memset(vl, 0, sizeof(*vl));
}

void
vlist_free(struct vlist *vl)
{
	int i, j;

	for (i = 0; i < vl->nboxes; i++) {
		for (j = 0; j < vl->boxes[i].nitems; j++)
			free(vl->boxes[i].items[j].text);
		free(vl->boxes[i].items);
		free(vl->boxes[i].outline_title);
	}
	free(vl->boxes);
	free(vl->groups);
	memset(vl, 0, sizeof(*vl));
}

struct vbox *
vlist_add(struct vlist *vl, double space, double height, int penalty)
{
	struct vbox *b;

	ARRAY_GROW(vl->boxes, vl->nboxes, vl->cap);
	b = &vl->boxes[vl->nboxes++];
	memset(b, 0, sizeof(*b));
	b->space = space;
	b->height = height;
	b->penalty = penalty;
	return b;
}

struct pitem *
vlist_box_add(struct vbox *b, const struct pitem *it)
{
	struct pitem *n;

	ARRAY_GROW(b->items, b->nitems, b->cap);
	n = &b->items[b->nitems++];
	*n = *it;
	n->text = it->text != NULL ? xstrdup(it->text) : NULL;
	return n;
}

struct pitem *
vlist_box_adopt(struct vbox *b, const struct pitem *it)
{
	ARRAY_GROW(b->items, b->nitems, b->cap);
	b->items[b->nitems] = *it;
	return &b->items[b->nitems++];
}

int
vlist_group(struct vlist *vl, const struct vgroup *g)
{
	ARRAY_GROW(vl->groups, vl->ngroups, vl->groups_cap);
	vl->groups[vl->ngroups] = *g;
	return vl->ngroups++;
}

/* Put a box's items onto a page with its top edge at page y = top.  The
 * texts move to the page unless the box is a table's header row, which
 * may be placed again at the top of a later page. */
static void
place_box(struct page *pg, struct vbox *b, double left, double top)
{
	struct pitem it;
	int i;

	for (i = 0; i < b->nitems; i++) {
		it = b->items[i];
		it.x += left;
		switch (it.kind) {
		case PI_RECT:
		case PI_LINK:
		case PI_IMAGE:
			/* y is the top edge; pages want the bottom edge */
			it.y = top - it.y - it.h;
			break;
		case PI_RULE:
			it.y = top - it.y;
			it.h = -it.h;
			break;
		default:
			it.y = top - it.y;
			break;
		}
		if (b->table_header)
			page_add(pg, &it);
		else {
			page_adopt(pg, &it);
			b->items[i].text = NULL;
		}
	}
}

/* Index of the header row of table t, searching back from i; -1 if none. */
static int
find_header(const struct vlist *vl, int i, int table)
{
	for (; i >= 0; i--) {
		if (vl->boxes[i].table != table)
			return -1;
		if (vl->boxes[i].table_header)
			return i;
	}
	return -1;
}

/* Does box i continue a table whose header is not at i? Returns the header
 * index to repeat, or -1. */
static int
repeat_header(const struct vlist *vl, int i)
{
	const struct vbox *b = &vl->boxes[i];

	if (b->table == 0 || b->table_header)
		return -1;
	return find_header(vl, i - 1, b->table);
}

/* Costs of a page, in the units of penalties. */
#define FILL_WEIGHT	10000.0	/* times the cube of the unfilled fraction */
#define GAP_WEIGHT	40000.0	/* per page past max_gap */
#define SHRINK_COST	600.0	/* for tightening a page's glue at all */
#define LONELY_COST	30000.0	/* a last page with almost nothing on it */
#define OVERFULL_COST	1e7	/* content cut off at the page foot */

/* Height of the repeated table header a page starting at box a carries. */
static double
header_height(const struct vlist *vl, int a)
{
	int hdr = repeat_header(vl, a);

	return hdr >= 0 ? vl->boxes[hdr].height : 0;
}

/* Only back matter (the contact box) on a page starting at box a? */
static int
only_tail(const struct vlist *vl, int a, int e)
{
	int i;

	for (i = a; i < e; i++)
		if (!(vl->boxes[i].flags & VB_TAIL))
			return 0;
	return 1;
}

/*
 * The cost of a page holding boxes [a, j) of a segment that starts at s and
 * ends at e: used is their natural height, glue the space between them
 * that may shrink.  INFINITY if they do not fit even tightened.
 */
static double
page_cost(const struct vlist *vl, const struct page_frame *fr, int s,
    int a, int j, int e, double used, double glue)
{
	double avail = fr->text_height, u, c = 0, fill;

	if (used > avail + 0.01) {
		double can = glue * fr->shrink, r;

		if (can <= 0 || used - can > avail + 0.01)
			return INFINITY;
		r = (used - avail) / can;
		c += SHRINK_COST + 1000 * r * r * r;
		used = avail;
	}
	if (j < e) {
		u = (avail - used) / avail;
		c += vl->boxes[j].penalty + FILL_WEIGHT * u * u * u;
		if (fr->max_gap > 0 && u > fr->max_gap)
			c += GAP_WEIGHT * (u - fr->max_gap);
		return c;
	}
	/* the last page of the segment: its fill costs nothing, unless it
	 * holds next to nothing while the segment has other pages */
	fill = used / avail;
	if (a > s && fr->last_min > 0 && fill < fr->last_min)
		c += LONELY_COST * (2 - fill / fr->last_min);
	else if (a > s && only_tail(vl, a, e))
		c += LONELY_COST;
	return c;
}

/*
 * Best breaks of the segment [s, e) (no forced break inside), appended to
 * *starts: the first box of each page.
 */
static void
segment_breaks(const struct vlist *vl, const struct page_frame *fr, int s,
    int e, int **starts, int *n, int *cap)
{
	int len = e - s, a, j, k, found, *from, *path, np = 0;
	double *cost, used, glue, c, avail = fr->text_height;

	cost = xcalloc((size_t)len + 1, sizeof(*cost));
	from = xcalloc((size_t)len + 1, sizeof(*from));
	for (k = 1; k <= len; k++)
		cost[k] = INFINITY;
	for (a = s; a < e; a++) {
		if (isinf(cost[a - s]))
			continue;
		used = header_height(vl, a);
		glue = 0;
		found = 0;
		for (j = a; j < e; j++) {
			const struct vbox *b = &vl->boxes[j];

			if (j > a && b->penalty < NO_BREAK) {
				c = page_cost(vl, fr, s, a, j, e, used, glue);
				if (!isinf(c)) {
					found = 1;
					if (cost[a - s] + c < cost[j - s]) {
						cost[j - s] = cost[a - s] + c;
						from[j - s] = a;
					}
				}
			}
			used += b->height + (j > a ? b->space : 0);
			if (j > a)
				glue += b->space;
			if (used - glue * fr->shrink > avail + 0.01)
				break;
		}
		if (j == e) {
			c = page_cost(vl, fr, s, a, e, e, used, glue);
			if (isinf(c))
				c = OVERFULL_COST;
		} else if (!found) {
			/* no legal break before the overflow: cut there (or
			 * after the first box if it alone is too tall) */
			j = j > a ? j : a + 1;
			c = OVERFULL_COST;
		} else
			continue;
		if (cost[a - s] + c < cost[j - s]) {
			cost[j - s] = cost[a - s] + c;
			from[j - s] = a;
		}
	}
	/* walk back from the end */
	path = xcalloc((size_t)len + 1, sizeof(*path));
	for (k = e; k > s; k = from[k - s])
		path[np++] = from[k - s];
	while (np > 0) {
		ARRAY_GROW(*starts, *n, *cap);
		(*starts)[(*n)++] = path[--np];
	}
	free(path);
	free(cost);
	free(from);
}

int
vlist_breaks(const struct vlist *vl, const struct page_frame *fr,
    int **starts)
{
	int s = 0, e, n = 0, cap = 0;

	*starts = NULL;
	while (s < vl->nboxes) {
		for (e = s + 1; e < vl->nboxes &&
		    !(vl->boxes[e].flags & VB_NEWPAGE); e++)
			;
		segment_breaks(vl, fr, s, e, starts, &n, &cap);
		s = e;
	}
	return n;
}

struct gextent {
	double	 top, bottom;
	int	 used;
};

/*
 * A callout's box: filled, bordered as its style says (thin, none, double,
 * thick), with a bar down the left edge (wide for VGS_HEAVY), so that the
 * kinds differ when printed in grey.
 */
static void
draw_callout(struct page *pg, const struct vgroup *gr, struct pitem *it,
    double left, double top, double bottom)
{
	double bw = gr->border_width;

	it->kind = PI_RECT;
	it->flags = PF_FILL;
	it->x = left + gr->x0;
	it->w = gr->x1 - gr->x0;
	it->y = bottom;
	it->h = top - bottom;
	it->fill = gr->background;
	it->color = gr->border;
	it->line_width = bw;
	switch (gr->style) {
	case VGS_RULE:
		break;
	case VGS_THICK:
	case VGS_HEAVY:
		it->flags |= PF_STROKE;
		it->line_width = 2.5 * bw;
		break;
	default:
		it->flags |= PF_STROKE;
		break;
	}
	page_add(pg, it);
	if (gr->style == VGS_DOUBLE) {
		struct pitem in = *it;

		in.flags = PF_STROKE;
		in.x += 2.5 * bw;
		in.y += 2.5 * bw;
		in.w -= 5 * bw;
		in.h -= 5 * bw;
		in.line_width = bw * 0.6;
		page_add(pg, &in);
	}
	/* a solid bar down the left edge */
	it->flags = PF_FILL;
	it->w = (gr->style == VGS_HEAVY ? 8 : 4) * bw;
	it->fill = gr->border;
	page_add(pg, it);
}

static void
draw_groups(const struct vlist *vl, struct page *pg, struct gextent *ext,
    double left)
{
	struct pitem it;
	int g;

	for (g = 0; g < vl->ngroups; g++) {
		const struct vgroup *gr = &vl->groups[g];

		if (!ext[g].used)
			continue;
		memset(&it, 0, sizeof(it));
		it.role = ROLE_DECOR;
		it.line = gr->line;
		switch (gr->kind) {
		case VG_CALLOUT:
			draw_callout(pg, gr, &it, left, ext[g].top,
			    ext[g].bottom);
			break;
		case VG_QUOTE:
			it.kind = PI_RULE;
			it.x = left + gr->x0;
			it.y = ext[g].top;
			it.w = 0;
			it.h = ext[g].bottom - ext[g].top;
			it.color = gr->border;
			it.line_width = gr->border_width;
			page_add(pg, &it);
			break;
		case VG_CODE:
			it.kind = PI_RECT;
			it.flags = PF_FILL;
			it.x = left + gr->x0;
			it.w = gr->x1 - gr->x0;
			it.y = ext[g].bottom;
			it.h = ext[g].top - ext[g].bottom;
			it.fill = gr->background;
			page_add(pg, &it);
			break;
		case VG_BAND:
			it.kind = PI_RECT;
			it.flags = PF_FILL;
			it.x = 0;
			it.w = pg->width;
			it.y = ext[g].bottom - gr->below;
			it.h = gr->page_top - it.y;
			it.fill = gr->background;
			page_add(pg, &it);
			break;
		}
	}
}

/* How much of each space on the page [a, e) to take away so that it
 * fits: 0 when it fits as it is. */
static double
shrink_ratio(const struct vlist *vl, const struct page_frame *fr, int a,
    int e)
{
	double used = header_height(vl, a), glue = 0;
	int i;

	for (i = a; i < e; i++) {
		used += vl->boxes[i].height + (i > a ? vl->boxes[i].space : 0);
		if (i > a)
			glue += vl->boxes[i].space;
	}
	if (used <= fr->text_height || glue <= 0)
		return 0;
	used = (used - fr->text_height) / glue;
	return used < fr->shrink ? used : fr->shrink;
}

int
vlist_paginate(struct vlist *vl, const struct page_frame *fr,
    struct pagedoc *doc, const char *file, int **first_box)
{
	struct gextent *ext;
	struct page *pg;
	struct page tmp;
	int start, end, i, g, hdr, npages = 0, cap = 0, *starts, nstarts, k;
	double top, left, shrink;
	int *firsts = NULL;

	nstarts = vlist_breaks(vl, fr, &starts);
	ext = xcalloc((size_t)vl->ngroups + 1, sizeof(*ext));
	for (k = 0; k < nstarts; k++) {
		int recto = (npages % 2 == 0) == (fr->first_recto != 0);

		start = starts[k];
		end = k + 1 < nstarts ? starts[k + 1] : vl->nboxes;
		ARRAY_GROW(firsts, npages, cap);
		if (((vl->boxes[start].flags & VB_RECTO) && !recto) ||
		    ((vl->boxes[start].flags & VB_VERSO) && recto)) {
			/* a chapter opens on a right-hand page, a back
			 * cover on a left-hand one */
			pagedoc_add_page(doc, fr->width, fr->height);
			firsts[npages++] = -1;
			k--;
			continue;
		}
		firsts[npages] = start;
		left = recto || fr->left_verso <= 0 ? fr->left : fr->left_verso;
		hdr = repeat_header(vl, start);
		if (vl->boxes[start].height > fr->text_height)
			diag_warning(file, vl->boxes[start].line, 0,
			    "this block is taller than a page and will be "
			    "cut off at the page foot; split it into "
			    "smaller parts");
		shrink = shrink_ratio(vl, fr, start, end);

		/* Build the page body in a scratch page, so decorations
		 * (whose extent is known only at the end) go underneath. */
		memset(&tmp, 0, sizeof(tmp));
		memset(ext, 0, sizeof(*ext) * ((size_t)vl->ngroups + 1));
		top = fr->top;
		for (i = hdr >= 0 ? -1 : start; i < end; i++) {
			struct vbox *b;

			if (i == -1)
				b = &vl->boxes[hdr];
			else
				b = &vl->boxes[i];
			if (i > start)
				top -= b->space * (1 - shrink);
			for (g = 0; g < b->ngroups; g++) {
				int id = b->groups[g];

				if (!ext[id].used) {
					ext[id].used = 1;
					ext[id].top = top;
				}
				ext[id].bottom = top - b->height;
			}
			place_box(&tmp, b, left, top);
			if (i == -1)	/* the repeat is decoration */
				for (g = tmp.nitems - b->nitems; g < tmp.nitems;
				    g++)
					tmp.items[g].flags |= PF_REPEAT;
			if (i >= 0 && b->outline_level > 0)
				pagedoc_add_outline(doc, b->outline_level,
				    b->outline_title, doc->npages, top);
			top -= b->height;
			if (i == -1)
				i = start - 1;
		}
		pg = pagedoc_add_page(doc, fr->width, fr->height);
		draw_groups(vl, pg, ext, left);
		/* the scratch page's texts move over, not copied */
		for (i = 0; i < tmp.nitems; i++)
			page_adopt(pg, &tmp.items[i]);
		free(tmp.items);
		npages++;
	}
	free(ext);
	free(starts);
	if (first_box != NULL)
		*first_box = firsts;
	else
		free(firsts);
	return npages;
}
