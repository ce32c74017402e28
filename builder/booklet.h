/*
 * booklet: every chapter in one navigable book.
 *
 * Front matter numbered in roman (cover, the "how to use" page inside the
 * cover, contents with dot leaders and links), then the chapters, each
 * opening on a right-hand page, then the references (numbered across the
 * whole book), the glossary of the terms used with the pages where they
 * are used, the disclaimers, and a back cover (a left-hand last page) with
 * the publisher's details, the edition and the codes of its chapters.
 */
#ifndef BUILDER_BOOKLET_H
#define BUILDER_BOOKLET_H

struct biblio;
struct cite_order;
struct docmeta;
struct fontset;
struct gloss_use;
struct glossary;
struct hyphenator;
struct layout;
struct node;
struct pagedoc;
struct site;

struct booklet_chapter {
	const char		*path;		/* for messages */
	const struct node	*doc;		/* parsed, cites numbered,
						   glossary terms linked */
	const struct docmeta	*meta;
	int			 marks;		/* MARK_* */
};

struct booklet_input {
	const struct site	*site;
	const char		*site_path;
	const struct biblio	*biblio;
	const struct cite_order	*order;		/* across the whole book */
	const struct glossary	*glossary;
	const struct gloss_use	*use;		/* across the whole book */
	struct booklet_chapter	*chapters;
	int			 nchapters;
	struct booklet_chapter	 inside;	/* doc NULL: none */
	struct booklet_chapter	 disclaimer;	/* doc NULL: none */
	struct booklet_chapter	 trials;	/* doc NULL: none */
	const struct layout	*layout;
	const struct fontset	*fonts;
	struct hyphenator	*hyph;
	const char		*content_dir;
	long long		 date;		/* seconds, -1 = none */
};

/* Typeset the booklet; problems are reported through diag.  Caller frees
 * the result with pagedoc_free. */
struct pagedoc	*booklet_make(const struct booklet_input *);

#endif
