/*
 * htmlout: the web edition, a second output device on the document tree.
 *
 * Writes one self-contained HTML5 page per handout and one for the booklet:
 * styles inline, pictures as data: URIs, no script, nothing loaded from
 * elsewhere (a Content-Security-Policy says so to the browser).  It reads
 * the same tree the typesetter reads (after placeholders, citations and
 * glossary links), never the page model, so the words are the PDF's and
 * the text reflows on any screen.  Each page comes in a standard and a
 * large-print edition, linked to each other.
 */
#ifndef BUILDER_HTMLOUT_H
#define BUILDER_HTMLOUT_H

#include <stddef.h>

struct booklet_input;
struct docmeta;
struct hyphenator;
struct layout;
struct node;
struct site;

/* The two editions of every page. */
enum html_edition { HTML_STANDARD, HTML_LARGE };

struct htmlout_input {
	const char		*file;		/* source file, for messages */
	const struct node	*doc;		/* with its back matter */
	const struct docmeta	*meta;
	const struct layout	*layout;	/* colours, callout titles; or
						   NULL for the defaults */
	const struct site	*site;		/* publisher, or NULL */
	const char		*content_dir;	/* pictures are read here */
	const char		*slug;		/* file name of the page */
	int			 marks;		/* MARK_* (typeset.h) */
};

/* The file name of a page in an edition: "<name>.html" or
 * "<name>-large-print.html".  Caller frees. */
char	*htmlout_filename(const char *name, enum html_edition);

/*
 * One handout as a web page.  Returns 0 and a malloc'd page in *out, or
 * -1 after reporting a problem.  With a hyphenator, the long words of
 * headings and table cells get soft hyphens, used on narrow screens only
 * (where a word would not fit at all); NULL for none.
 */
int	 htmlout_handout(const struct htmlout_input *, struct hyphenator *,
	    enum html_edition, char **out, size_t *len);

/* The booklet as one web page: linked contents, every chapter, the shared
 * references and glossary once, the disclaimers and the contact details. */
int	 htmlout_booklet(const struct booklet_input *, struct hyphenator *,
	    enum html_edition, char **out, size_t *len);

#endif
