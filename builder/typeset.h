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

struct docmeta;
struct fontset;
struct hyphenator;
struct layout;
struct node;
struct pagedoc;

/* Marks drawn diagonally under the text of every page. */
#define MARK_DRAFT	(1 << 0)	/* "DRAFT - not for patient use" */
#define MARK_OVERDUE	(1 << 1)	/* "REVIEW OVERDUE" */

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
	int			 glossary_anchors; /* leave an anchor where each
						   glossary link is set
						   (ANCHOR_GLOSSARY_USE, N =
						   entry, K = use), so a
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
 * begin, add chapters and free-standing text, end.  The input's doc, meta
 * and marks are not used by the step functions.
 */
struct typesetter;

#define TS_NEWPAGE	(1 << 0)	/* start on a new page */
#define TS_RECTO	(1 << 1)	/* ...a right-hand one */
#define TS_NO_TITLE	(1 << 2)	/* no title block from the meta */
#define TS_VERSO	(1 << 3)	/* start on a new left-hand page */

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
 * names a destination at its start (may be NULL); marks: MARK_*.
 * Returns the chapter number. */
int		 typeset_add(struct typesetter *, const struct node *doc,
		    const struct docmeta *, int flags, const char *anchor,
		    int marks);
/* Start a chapter without content (for free-standing text after it). */
void		 typeset_chapter(struct typesetter *, const struct docmeta *,
		    int flags, const char *anchor, int marks);
/* A paragraph of plain text (align: ALIGN_*; 0 is left). */
void		 typeset_text(struct typesetter *, const char *text,
		    enum font_style, double size, uint32_t color, enum align,
		    double space_before, enum role);
void		 typeset_space(struct typesetter *, double pt);
/* A contents line: title, dot leaders, page number; the whole line
 * links to target ("#name"). */
void		 typeset_contents_entry(struct typesetter *, const char *title,
		    const char *page, const char *target, int level);
/* A picture from the content folder, centred. */
void		 typeset_image(struct typesetter *, const char *path,
		    double max_height, const char *alt, int line);
/* Paginate and decorate; frees the typesetter. */
struct pagedoc	*typeset_end(struct typesetter *, const struct typeset_pages *);

#endif
