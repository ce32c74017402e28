/*
 * pagedeco: running heads and feet, review marks, page numbers and labels,
 * drawn on finished pages.  The typesetter says, per page, which chapter
 * it belongs to and whether it opens one or is blank.
 */
#ifndef BUILDER_PAGEDECO_H
#define BUILDER_PAGEDECO_H

struct docmeta;
struct fontset;
struct layout;
struct pagedoc;
struct para_env;
struct typeset_pages;

struct deco_page {
	const struct docmeta	*meta;		/* its chapter's, may be NULL */
	int			 marks;		/* MARK_* of that chapter */
	int			 blank;		/* added to open a right-hand page */
	int			 opener;	/* a chapter starts on it */
	int			 bare;		/* no running heads or page
						   number (a cover) */
};

struct pagedeco {
	const struct layout	*layout;
	struct para_env		*env;		/* sets the strings */
	const char		*publisher;	/* for {publisher} */
	double			 mark_room;	/* the text area and running
						   head moved down to make room
						   for the review notice [pt]
						   (pagedeco_mark_room) */
	/* the review mark's outline, made once (private) */
	char			*mark_path;
	int			 mark_kind;
	double			 mark_w, mark_h;
};

/* Decorate every page of pd (pages[i] describes page i) and add its page
 * labels, numbered and styled as tp says. */
void	 pagedeco_apply(struct pagedeco *, struct pagedoc *pd,
	    const struct deco_page *pages, const struct typeset_pages *tp);
/* How far the text area must move down on marked pages so that the
 * review notice, at least 8 mm inside the top edge and as large as the
 * body text, overlaps nothing (heads: the pages have running heads). */
double	 pagedeco_mark_room(const struct layout *, const struct fontset *,
	    int heads);
/* The page y half the notice's size below its baseline: where what
 * is drawn under the text of a marked page (a cover's band) stops, so
 * the review notice stays on white paper. */
double	 pagedeco_notice_floor(const struct layout *,
	    const struct fontset *);
/* Free the cached outline. */
void	 pagedeco_clear(struct pagedeco *);

#endif
