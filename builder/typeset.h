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
	int			 marks;		/* MARK_* */
	long long		 date;		/* build time (seconds), -1 none */
};

/*
 * Typeset one handout.  Problems are reported through diag; the page model
 * is returned even when there were errors (so every problem is found in one
 * run); the caller decides whether to write it.  Caller frees with
 * pagedoc_free.
 */
struct pagedoc	*typeset_document(const struct typeset_input *);

#endif
