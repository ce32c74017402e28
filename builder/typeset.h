/*
 * typeset: a document tree -> the page model.
 *
 * Walks the blocks (headings, paragraphs, lists, quotes, callouts, code,
 * rules, tables, figures, footnotes), sets each paragraph with para.c,
 * stacks the lines into a vertical list with the spacing, keeps and
 * widow/orphan penalties of the layout, paginates it, and adds running
 * heads and feet, review marks, bookmarks and document information.
 */
#ifndef BUILDER_TYPESET_H
#define BUILDER_TYPESET_H

#include <stdint.h>

#include "doc.h"
#include "layout.h"
#include "page.h"

struct anchor_refs;
struct docmeta;
struct fontset;
struct hyphenator;
struct layout;
struct node;
struct pagedoc;

/* Marks drawn diagonally under the text of every page. */
#define MARK_DRAFT	(1 << 0)	/* "DRAFT - not for patient use" */
#define MARK_OVERDUE	(1 << 1)	/* "REVIEW OVERDUE" */

/*
 * How a block composed rather than written is set (a node whose look is
 * N + 1 is set as looks[N] says, not as the layout sets its type): the
 * booklet's covers and contents, whose type sizes and spacing are their
 * own.  A paragraph or heading takes all of it; a picture (a paragraph
 * holding only one) the spaces and max_height; any other block the
 * spaces only.
 */
struct typeset_look {
	enum font_style	 font;
	double		 size;		/* pt; lines 1.3 times apart */
	uint32_t	 color;
	enum role	 role;		/* ROLE_TITLE, ROLE_H1: a heading;
					   ROLE_DECOR: decoration, said
					   already (not read out) */
	double		 space;		/* space before (dropped at a page
					   top, as between paragraphs) */
	double		 strut;		/* fixed space before, kept at a
					   page top */
	double		 max_height;	/* a picture: no taller (0: the
					   layout's) */
	int		 outline;	/* > 0: a bookmark of this level */
	int		 band;		/* stands on the cover band: a band
					   of the heading colour across the
					   page, from its top (below the
					   review notice) to 3 paragraph
					   spaces under the last line of the
					   blocks that stand on it, drawn
					   under them */
};

struct typeset_input {
	const char		*file;		/* source file, for messages */
	const struct node	*doc;		/* NODE_DOCUMENT */
	const struct docmeta	*meta;
	const struct layout	*layout;
	const struct fontset	*fonts;
	struct hyphenator	*hyph;		/* NULL: no hyphenation */
	const char		*content_dir;	/* images are resolved here */
	const char		*publisher;	/* organisation name, or NULL */
	int			 brand;		/* the publisher's logo and name
						   above the first title */
	const char		*logo;		/* the logo, relative to
						   content_dir, or NULL */
	const char		*logo_file;	/* where it is named, for a */
	int			 logo_line, logo_col; /* picture that will
						   not load */
	int			 marks;		/* MARK_* */
	long long		 date;		/* build time (seconds), -1 none */
	const struct typeset_look *looks;	/* for nodes with a look */
	int			 nlooks;
	struct anchor_refs	*glossary_uses;	/* non-NULL: leave an anchor
						   where each glossary link
						   is set (ANCHOR_GLOSSARY_USE,
						   a = entry, b = use) and
						   record it here, in
						   reading order, so a
						   glossary can link back */
};

/*
 * Typeset one handout.  Problems are reported through diag; the page model
 * is returned even when there were errors (so every problem is found in one
 * run); the caller decides whether to write it.  Caller frees with
 * pagedoc_free.
 */
struct pagedoc	*typeset_document(const struct typeset_input *);

/*
 * The same in steps, for documents of several chapters (the booklet):
 * begin, add chapters, end.  The input's doc, meta
 * and marks are not used by the step functions.
 */
struct typesetter;

#define TS_NEWPAGE	(1 << 0)	/* start on a new page */
#define TS_RECTO	(1 << 1)	/* ...a right-hand one */
#define TS_NO_TITLE	(1 << 2)	/* no title block from the meta */
#define TS_VERSO	(1 << 3)	/* start on a new left-hand page */
#define TS_BARE		(1 << 4)	/* no running heads or page number on
					   its pages (a cover; review marks
					   stay) */

/* How the pages of a run are numbered and decorated. */
struct typeset_pages {
	int	 first_number;	/* number printed on the first page */
	int	 style;		/* 'D' arabic, 'r' lower-case roman */
	int	 first_recto;	/* the first page is a right-hand page */
	int	 mirror;	/* facing pages: inner and outer margins swap */
	int	 total;		/* {pages}; 0 = the pages of this run */
	int	 quiet_openers;	/* no running head where a chapter opens */
	int	 no_heads;	/* no running heads or feet (marks stay) */
	int	 end_verso;	/* end on a left-hand page (adding a blank
				   one), so what follows opens on the right */
	const struct running_text *header, *footer;	/* NULL: layout's */
};

/*
 * Say on page `page` of pd (a page left blank so that the next part opens
 * on a right-hand page) that it is blank on purpose, so that no page of
 * the screen edition is empty.  The note is decoration, not text.
 */
void		 typeset_blank_note(struct pagedoc *, int page,
		    const struct layout *, const struct fontset *);

struct typesetter *typeset_begin(const struct typeset_input *);
/* The file the next parts come from (for messages, and pictures are
 * found relative to it). */
void		 typeset_set_file(struct typesetter *, const char *file);
/* A chapter: title block (unless TS_NO_TITLE), blocks, notes.  anchor
 * names a destination at its start (may be NULL); marks: MARK_*.  A
 * contents is a list flagged NODE_CONTENTS; a cover's blocks have looks
 * (typeset_look).  Returns the chapter number. */
int		 typeset_add(struct typesetter *, const struct node *doc,
		    const struct docmeta *, int flags, const char *anchor,
		    int marks);
/* Paginate and decorate; frees the typesetter. */
struct pagedoc	*typeset_end(struct typesetter *, const struct typeset_pages *);

#endif
