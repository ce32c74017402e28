/*
 * bookparts: the leaflets the booklet is made of, and whether it may be
 * released.
 *
 * The page inside the cover, the chapters site.yaml lists and the two
 * disclaimers, each read as a leaflet for the booklet, with one
 * numbering of references and one record of glossary use across the
 * whole book.  The release gate then says whether the booklet may be
 * printed unmarked (every part approved), must be marked DRAFT, or is
 * refused.
 */
#ifndef BUILDER_BOOKPARTS_H
#define BUILDER_BOOKPARTS_H

#include "biblio.h"
#include "glossary.h"
#include "leaflet.h"

struct booklet_chapter;
struct booklet_input;
struct site;

struct bookparts {
	struct leaflet		 inside;	/* the page inside the cover */
	int			 has_inside;	/* site.yaml names one */
	struct leaflet		*chapters;	/* as site.yaml lists them */
	int			 nchapters;
	struct leaflet		 disclaimer;	/* doc NULL: none */
	struct leaflet		 trials;	/* doc NULL: none */
	struct cite_order	 order;		/* across the whole book */
	struct gloss_use	 use;		/* across the whole book */
	struct booklet_chapter	*listed;	/* the chapters, for
						   booklet_input */
	int			 bad;		/* a part cannot be used, or
						   the gate refuses it */
	const char		*refused;	/* why the gate refuses the
						   booklet, or NULL */
	int			 id_taken;	/* a part's id is another
						   file's */
};

/* Read every part of the booklet of env->site (files under content_dir)
 * and apply the release gate.  Free with bookparts_free. */
void	 bookparts_load(struct bookparts *, const struct leaflet_env *env,
	    const char *content_dir, int allow_overdue);
/* Point the parts of in (chapters, inside, disclaimers, order, use) at
 * these; they stay owned by the bookparts. */
void	 bookparts_input(struct bookparts *, struct booklet_input *in);
void	 bookparts_free(struct bookparts *);

#endif
