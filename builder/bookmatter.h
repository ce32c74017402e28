/*
 * bookmatter: the booklet's own parts, as document trees.
 *
 * The cover, the contents, the references, the glossary (each entry
 * followed by the pages where it is used) and the back cover are
 * composed here as trees, and typeset as the chapters are; the numbers
 * they show (contents, glossary pages) come from where the typesetter
 * put the anchors of the parts already set.  Their type sizes and
 * spacing are the booklet's own (looks, see typeset_look), set by the
 * typesetter: no page is edited once it is made.
 */
#ifndef BUILDER_BOOKMATTER_H
#define BUILDER_BOOKMATTER_H

struct anchor_refs;
struct booklet_input;
struct layout;
struct node;
struct pagedoc;
struct typeset_look;

/* How the blocks of the booklet's own pages look (node look values). */
enum bookmatter_look {
	BM_LOOK_NONE,
	BM_COVER_TITLE,		/* on the band, white */
	BM_COVER_SUBTITLE,
	BM_COVER_LOGO,
	BM_COVER_PUBLISHER,
	BM_COVER_LINE,		/* the edition, the dates */
	BM_COVER_OVERDUE,
	BM_COVER_DRAFT,
	BM_CONTENTS_TITLE,
	BM_CONTENTS_LIST,
	BM_BACK_TITLE,		/* the publisher, on the band */
	BM_BACK_LOGO,
	BM_BACK_CONTACT,
	BM_COLOPHON_EDITION,
	BM_COLOPHON_LINE,
	BM_COLOPHON_CODES,
	BM_LOOK_MAX
};

/* The looks, for typeset_input.looks: BM_LOOK_MAX - 1 entries. */
void		 bookmatter_looks(const struct layout *,
		    struct typeset_look *looks);
/* The front cover: title and subtitle on the band, the logo, the
 * publisher, the edition and dates, the review notices of marks. */
struct node	*bookmatter_cover(const struct booklet_input *, int marks);
/* The contents: every chapter (pages numbered in body) and part of the
 * back matter (in back, numbered on from body's last page). */
struct node	*bookmatter_contents(const struct booklet_input *,
		    const struct pagedoc *body, const struct pagedoc *back);
/* The references (NULL: none cited). */
struct node	*bookmatter_references(const struct booklet_input *);
/* The glossary (NULL: no term used), each entry followed by links to
 * the pages of body where it is used (uses: the typesetter's record of
 * the glossary uses it anchored in body). */
struct node	*bookmatter_glossary(const struct booklet_input *,
		    const struct pagedoc *body,
		    const struct anchor_refs *uses);
/* The back cover: the publisher on the band, the logo, the contact box
 * and the colophon. */
struct node	*bookmatter_back_cover(const struct booklet_input *);

#endif
