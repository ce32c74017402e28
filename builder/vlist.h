/*
 * vlist: the vertical list, between typesetting and pages.
 *
 * The typesetter turns blocks into a sequence of boxes (a line of text, a
 * table row, an image, a strut) with the glue above each box and the
 * penalty for breaking the page before it.  vlist_paginate() then chooses page
 * breaks (TeX's page builder: least cost, where cost is the penalty plus
 * the cube of the unfilled fraction) and places the boxes on pages.
 *
 * Inside a box, item coordinates are relative: x from the left edge of the
 * text area, y downwards from the top of the box (a text item's y is its
 * baseline; a rectangle's y is its top edge).
 */
#ifndef BUILDER_VLIST_H
#define BUILDER_VLIST_H

#include <stdint.h>

#include "page.h"

#define VGROUP_DEPTH	8	/* nesting of decorated groups per box */

enum vgroup_kind {
	VG_CALLOUT,	/* filled, bordered box with a bar on the left */
	VG_QUOTE,	/* rule on the left */
	VG_CODE,	/* filled background */
	VG_BAND		/* a band of background across the whole page
			   width, from page_top down to below its last
			   box (a cover's title block) */
};

/* A decorated run of boxes (a callout, quote, code block): drawn once per
 * page it touches, from its first box there to its last. */
struct vgroup {
	enum vgroup_kind kind;
	double		 x0, x1;	/* horizontal extent, text-relative */
	uint32_t	 border, background;
	double		 border_width;
	int		 style;		/* VG_CALLOUT: how the border is drawn,
					   so kinds differ without colour */
#define VGS_BAR		0	/* thin border, bar on the left */
#define VGS_RULE	1	/* the bar only */
#define VGS_DOUBLE	2	/* double border, bar */
#define VGS_THICK	3	/* thick border, bar */
#define VGS_HEAVY	4	/* thick border, wide bar */
	double		 page_top;	/* VG_BAND: its top edge, page y */
	double		 below;		/* VG_BAND: how far it reaches below
					   its last box */
	int		 line;		/* source line */
};

struct vbox {
	double		 space;		/* glue above; dropped at a page top */
	double		 height;
	int		 penalty;	/* cost of a page break before this box;
					   >= 10000 forbids it */
	struct pitem	*items;
	int		 nitems, cap;
	int		 groups[VGROUP_DEPTH];	/* enclosing groups, outermost
						   first */
	int		 ngroups;
	int		 table;		/* table number + 1; 0 = not a table row */
	int		 table_header;	/* this box is its table's header row */
	int		 outline_level;	/* > 0: a bookmark starts here */
	char		*outline_title;	/* owned */
	int		 line;		/* source line (for messages) */
	int		 flags;
#define VB_NEWPAGE	(1 << 0)	/* break the page before this box */
#define VB_RECTO	(1 << 1)	/* ...and start a right-hand page */
#define VB_TAIL		(1 << 2)	/* back matter (the contact box): a
					   last page should hold more */
#define VB_VERSO	(1 << 3)	/* break the page before this box and
					   start a left-hand page (a back
					   cover) */
	int		 chapter;	/* which chapter it belongs to */
};

struct vlist {
	struct vbox	*boxes;
	int		 nboxes, cap;
	struct vgroup	*groups;
	int		 ngroups, groups_cap;
};

void		 vlist_init(struct vlist *);
void		 vlist_free(struct vlist *);
/* Append a new empty box and return it (valid until the next append). */
struct vbox	*vlist_add(struct vlist *, double space, double height,
		    int penalty);
/* Add an item to a box (copied, text copied). */
struct pitem	*vlist_box_add(struct vbox *, const struct pitem *);
/* Add an item whose text (malloc'd, or NULL) the box takes over. */
struct pitem	*vlist_box_adopt(struct vbox *, const struct pitem *);
/* Register a group; returns its number. */
int		 vlist_group(struct vlist *, const struct vgroup *);

/* Page geometry for vlist_paginate. */
struct page_frame {
	double	 width, height;		/* page size */
	double	 left, top;		/* text area: left edge, top edge (page
					   coordinates, origin bottom-left) */
	double	 left_verso;		/* left edge on left-hand pages */
	int	 first_recto;		/* the first page is a right-hand
					   page */
	double	 text_width, text_height;
	double	 max_gap;	/* fraction of a page a break may leave empty
				   before a block that cannot split */
	double	 last_min;	/* fraction a last page should fill */
	double	 shrink;	/* fraction the glue may shrink by */
};

/*
 * Choose the page breaks: the whole list (between forced breaks) at once,
 * least total cost over its pages, as TeX's paragraph builder does for
 * lines.  A page costs its break's penalty, the cube of its unfilled
 * fraction, more past max_gap, and for tightened glue; a last page filled
 * less than last_min costs most.  Returns the number of pages and, in
 * *starts (caller frees), the first box of each page.
 */
int		 vlist_breaks(const struct vlist *, const struct page_frame *,
		    int **starts);

/*
 * Break the list into pages appended to doc (each with the frame's size),
 * drawing group decorations under the boxes, repeating a table's header
 * row at the top of a page that continues the table, and adding outline
 * entries.  Honours VB_NEWPAGE, VB_RECTO and VB_VERSO (adding a blank page
 * when a right- or left-hand start needs one).  Returns the number of pages added and, in
 * *first_box (caller frees), the index of the first box of each page (-1
 * for an added blank page).  A box taller than the page is placed alone
 * and reported as a warning against file.  The boxes' texts move onto the
 * pages (a table's header row's are copied): the vlist is left for
 * vlist_free, and its boxes' geometry and flags for reading.
 */
int		 vlist_paginate(struct vlist *, const struct page_frame *,
		    struct pagedoc *doc, const char *file, int **first_box);

#endif
