/*
 * para: set one paragraph's inline content into lines.
 *
 * Turns a run of inline nodes (text, emphasis, code, links, citations,
 * footnote references, breaks) into boxes, glue and penalties, picking for
 * each character the first face of the fallback chain that has it, breaks
 * them into lines with Knuth-Plass (linebreak.h), and returns each line as
 * positioned items with the baseline at y = 0 (y grows downwards, as in a
 * vbox).
 */
#ifndef BUILDER_PARA_H
#define BUILDER_PARA_H

#include <stdint.h>

#include "doc.h"
#include "layout.h"
#include "page.h"

struct anchor_refs;
struct fontset;
struct hyphenator;
struct node;
struct pagedoc;

/* What every paragraph of one document shares. */
struct para_env {
	const char		*file;		/* for messages */
	const struct layout	*layout;
	const struct fontset	*fonts;
	struct hyphenator	*hyph;		/* NULL: no hyphenation */
	int			 hyphenate;	/* layout asks for it */
	int			 justify;
	unsigned long		*reported;	/* code points already reported
						   missing (sorted), owned */
	int			 nreported, reported_cap;
	int			 wide_reported;	/* "word wider than the line"
						   messages shown so far */
	int			 wide_hidden;	/* and not shown */
	int			 quiet_wide;	/* the caller reported it */
	int			 chapter;	/* for unique note anchors */
	struct anchor_refs	*gloss_uses;	/* non-NULL: anchor each
						   glossary link, numbered
						   from 0, recorded here */
	struct pagedoc		*pd;		/* where Link elements go; NULL:
						   no structure */
	char			**link_urls;	/* addresses sent to notes
						   (layout link_style:
						   footnote), owned */
	int			 nlink_urls, link_urls_cap;
	struct para_scratch	*scratch;	/* para.c's arrays and lookups,
						   kept from one paragraph to
						   the next; owned */
};

struct para_opts {
	double		 size;		/* font size, pt */
	double		 leading;	/* pt */
	enum font_style	 font;		/* base style: regular, bold, mono */
	uint32_t	 color;
	enum role	 role;
	int		 block;		/* structural block id for items */
	int		 elem;		/* structure element of the text
					   (links get their own inside it);
					   0 = decoration */
	double		 width;		/* line width, pt */
	double		 first_width;	/* width of the first line (<= width),
					   0 = same as width */
	enum align	 align;		/* ALIGN_* (doc.h) */
	int		 line, col;	/* source position, for messages */
	int		 keep_spaces;	/* code block: spaces are not glue and
					   lines never break except at \n */
};

struct pline {
	struct pitem	*items;		/* x from the line start, baseline y=0 */
	int		 nitems, cap;
	double		 width;		/* natural width used */
};

struct plines {
	struct pline	*lines;
	int		 nlines, cap;
	double		 ascent;	/* of the base face at this size, pt */
	double		 descent;	/* positive, pt */
};

/*
 * Set the inline nodes first, first->next, ... (siblings up to the end of
 * the list) into lines.  A plain string can be set instead by passing
 * first = NULL and text.  Returns the number of lines (0 for empty
 * content); problems (characters no font has, words wider than the line)
 * are reported through diag.
 */
int	 para_set(struct para_env *, const struct node *first,
	    const char *text, const struct para_opts *, struct plines *out);
void	 para_lines_free(struct plines *);
/* Width in pt of text in the base face chain of style at size. */
double	 para_text_width(struct para_env *, enum font_style, double size,
	    const char *text);
void	 para_env_free(struct para_env *);

#endif
