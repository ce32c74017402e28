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
#define FILL_WEIGHT	10000.0	/* cost of an empty page = this */

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
vbox_add(struct vbox *b, const struct pitem *it)
{
	struct pitem *n;

	ARRAY_GROW(b->items, b->nitems, b->cap);
	n = &b->items[b->nitems++];
	*n = *it;
	n->text = it->text != NULL ? xstrdup(it->text) : NULL;
	return n;
}

int
vlist_group(struct vlist *vl, const struct vgroup *g)
{
	ARRAY_GROW(vl->groups, vl->ngroups, vl->groups_cap);
	vl->groups[vl->ngroups] = *g;
	return vl->ngroups++;
}

/* Copy a box's items onto a page with its top edge at page y = top. */
static void
place_box(struct page *pg, const struct vbox *b, double left, double top)
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
		page_add(pg, &it);
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

/*
 * Choose where the page that starts at box `start` ends: the index of the
 * first box of the next page (nboxes when everything fits).
 */
static int
choose_break(const struct vlist *vl, int start, double avail,
    double header_h, int *overfull)
{
	double used = header_h, cost, best_cost = INFINITY, u;
	int i, best = -1;

	*overfull = 0;
	for (i = start; i < vl->nboxes; i++) {
		const struct vbox *b = &vl->boxes[i];
		double h = b->height + (i == start ? 0 : b->space);

		if (i > start && (b->flags & VB_NEWPAGE))
			return i;
		if (i > start && b->penalty < NO_BREAK) {
			u = (avail - used) / avail;
			if (u < 0)
				u = 0;
			cost = b->penalty + FILL_WEIGHT * u * u * u;
			if (cost <= best_cost) {
				best_cost = cost;
				best = i;
			}
		}
		if (used + h > avail + 0.01)
			break;
		used += h;
	}
	if (i == vl->nboxes)
		return vl->nboxes;
	if (best >= 0)
		return best;
	/* No legal break before the overflow: break at the overflow point
	 * (or after the first box if it alone is too tall). */
	*overfull = 1;
	return i > start ? i : start + 1;
}

struct gextent {
	double	 top, bottom;
	int	 used;
};

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
			it.kind = PI_RECT;
			it.flags = PF_FILL | PF_STROKE;
			it.x = left + gr->x0;
			it.w = gr->x1 - gr->x0;
			it.y = ext[g].bottom;
			it.h = ext[g].top - ext[g].bottom;
			it.fill = gr->background;
			it.color = gr->border;
			it.line_width = gr->border_width;
			page_add(pg, &it);
			/* a solid bar down the left edge marks the kind */
			it.flags = PF_FILL;
			it.w = 4 * gr->border_width;
			it.fill = gr->border;
			page_add(pg, &it);
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
		}
	}
}

int
paginate(const struct vlist *vl, const struct page_frame *fr,
    struct pagedoc *doc, const char *file, int **first_box)
{
	struct gextent *ext;
	struct page *pg;
	struct page tmp;
	int start = 0, end, i, g, hdr, overfull, npages = 0, cap = 0;
	double top, header_h, left;
	int *firsts = NULL;

	ext = xcalloc((size_t)vl->ngroups + 1, sizeof(*ext));
	while (start < vl->nboxes) {
		int recto = (npages % 2 == 0) == (fr->first_recto != 0);

		ARRAY_GROW(firsts, npages, cap);
		if ((vl->boxes[start].flags & VB_RECTO) && !recto) {
			/* a chapter opens on a right-hand page */
			pagedoc_add_page(doc, fr->width, fr->height);
			firsts[npages++] = -1;
			continue;
		}
		firsts[npages] = start;
		left = recto || fr->left_verso <= 0 ? fr->left : fr->left_verso;
		hdr = repeat_header(vl, start);
		header_h = hdr >= 0 ? vl->boxes[hdr].height : 0;
		end = choose_break(vl, start, fr->text_height, header_h,
		    &overfull);
		if (overfull && vl->boxes[start].height > fr->text_height)
			diag_warning(file, vl->boxes[start].line, 0,
			    "this block is taller than a page and will be "
			    "cut off at the page foot; split it into "
			    "smaller parts");

		/* Build the page body in a scratch page, so decorations
		 * (whose extent is known only at the end) go underneath. */
		memset(&tmp, 0, sizeof(tmp));
		memset(ext, 0, sizeof(*ext) * ((size_t)vl->ngroups + 1));
		top = fr->top;
		for (i = hdr >= 0 ? -1 : start; i < end; i++) {
			const struct vbox *b;

			if (i == -1)
				b = &vl->boxes[hdr];
			else
				b = &vl->boxes[i];
			if (i > start)
				top -= b->space;
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
		for (i = 0; i < tmp.nitems; i++) {
			page_add(pg, &tmp.items[i]);
			free(tmp.items[i].text);
		}
		free(tmp.items);
		npages++;
		start = end;
	}
	free(ext);
	if (first_box != NULL)
		*first_box = firsts;
	else
		free(firsts);
	return npages;
}
