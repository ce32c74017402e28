/*
 * bookparts: reading the booklet's parts and its release gate.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "booklet.h"
#include "bookparts.h"
#include "diag.h"
#include "gate.h"
#include "site.h"
#include "typeset.h"
#include "xalloc.h"

static int	 load_part(struct bookparts *, struct leaflet *,
		    const struct leaflet_env *, const char *, const char *);
static void	 gate_part(const struct leaflet *, const char *);
static const char *gate_whole(struct bookparts *, const struct site *,
		    int);
static void	 chapter_of(const struct leaflet *, struct booklet_chapter *);

/* Read a part ("chapters/x") into lf; 0 if usable. */
static int
load_part(struct bookparts *bp, struct leaflet *lf,
    const struct leaflet_env *env, const char *content_dir,
    const char *entry)
{
	char *path = xasprintf("%s/%s.md", content_dir, entry);

	memset(lf, 0, sizeof(*lf));
	if (access(path, R_OK) != 0) {
		diag_error(env->site->path, 0, 0, "the booklet lists '%s', "
		    "but there is no file %s: fix the chapter list or add "
		    "the file", entry, path);
		free(path);
		return -1;
	}
	if (leaflet_outside(content_dir, path)) {
		free(path);
		return -1;
	}
	leaflet_load(lf, path, MD_BOOKLET, env, 0, 0, &bp->order, &bp->use);
	free(path);
	bp->id_taken |= lf->id_taken;
	return lf->errors > 0 || lf->doc == NULL ? -1 : 0;
}

/* A part of the booklet that a released booklet prints unmarked. */
static void
gate_part(const struct leaflet *lf, const char *what)
{
	if (lf->path == NULL || lf->meta.id == NULL ||
	    !(lf->marks & MARK_DRAFT))
		return;
	diag_error(lf->path, lf->meta.line_status, lf->meta.col_status,
	    "the %s is a draft, and the booklet, whose chapters are all "
	    "approved, prints it without a DRAFT mark: approve it (status, "
	    "approved_by, approved_on)", what);
}

/*
 * The release gate for the booklet.  It is printed unmarked only when
 * every chapter (and the page inside the cover) is approved; then the
 * publisher's details, its cover's title and the disclaimers must be
 * real and approved.  A booklet of drafts is marked DRAFT; one with a few
 * drafts among approved chapters is said to be, at each draft.  Returns
 * why the booklet is refused, or NULL.
 */
static const char *
gate_whole(struct bookparts *bp, const struct site *site, int allow_overdue)
{
	struct diag_scope errors;
	const struct leaflet *lf;
	int i, parts = 0, drafts = 0, overdue = 0;

	for (i = -1; i < bp->nchapters; i++) {
		lf = i < 0 ? &bp->inside : &bp->chapters[i];
		if (lf->path == NULL || lf->meta.id == NULL)
			continue;
		parts++;
		drafts += (lf->marks & MARK_DRAFT) != 0;
		overdue += (lf->marks & MARK_OVERDUE) != 0;
	}
	/* a chapter past its review is refused in the booklet as in its
	 * handout (said at its review date already) */
	if (overdue > 0 && !allow_overdue)
		return "the review of a chapter in it is overdue";
	if (drafts == parts) {
		gate_publisher(site, 0);
		return NULL;
	}
	if (drafts > 0) {
		for (i = -1; i < bp->nchapters; i++) {
			lf = i < 0 ? &bp->inside : &bp->chapters[i];
			if (lf->path != NULL && lf->meta.id != NULL &&
			    (lf->marks & MARK_DRAFT))
				diag_warning(lf->path, lf->meta.line_status,
				    lf->meta.col_status, "this chapter is a "
				    "draft, so the booklet is marked DRAFT "
				    "although %d of its %d chapters are "
				    "approved: approve it to release the "
				    "booklet", parts - drafts, parts);
		}
		gate_publisher(site, 0);
		return NULL;
	}
	diag_scope_open(&errors);
	gate_publisher(site, 1);
	gate_booklet(site);
	gate_part(&bp->disclaimer, "disclaimer");
	gate_part(&bp->trials, "clinical trials disclaimer");
	diag_scope_close(&errors);
	return errors.errors > 0 ? "the release gate refused it (see the "
	    "errors above)" : NULL;
}

void
bookparts_load(struct bookparts *bp, const struct leaflet_env *env,
    const char *content_dir, int allow_overdue)
{
	const struct site *site = env->site;
	char *path;
	int i;

	memset(bp, 0, sizeof(*bp));
	bp->nchapters = site->nchapters;
	bp->chapters = xcalloc((size_t)bp->nchapters + 1,
	    sizeof(*bp->chapters));
	bp->has_inside = site->booklet_inside != NULL;
	if (bp->has_inside)
		bp->bad |= load_part(bp, &bp->inside, env, content_dir,
		    site->booklet_inside) != 0;
	for (i = 0; i < bp->nchapters; i++)
		bp->bad |= load_part(bp, &bp->chapters[i], env, content_dir,
		    site->chapters[i]) != 0;
	/* a disclaimer that cannot be used is left out (said already) */
	path = xasprintf("%s/disclaimer.md", content_dir);
	if (access(path, R_OK) == 0)
		load_part(bp, &bp->disclaimer, env, content_dir, "disclaimer");
	free(path);
	path = xasprintf("%s/trials-disclaimer.md", content_dir);
	if (access(path, R_OK) == 0)
		load_part(bp, &bp->trials, env, content_dir,
		    "trials-disclaimer");
	free(path);
	if ((bp->refused = gate_whole(bp, site, allow_overdue)) != NULL)
		bp->bad = 1;
}

static void
chapter_of(const struct leaflet *lf, struct booklet_chapter *c)
{
	c->path = lf->path;
	c->doc = lf->doc;
	c->meta = &lf->meta;
	c->marks = lf->marks;
}

void
bookparts_input(struct bookparts *bp, struct booklet_input *in)
{
	int i;

	free(bp->listed);
	bp->listed = xcalloc((size_t)bp->nchapters + 1, sizeof(*bp->listed));
	for (i = 0; i < bp->nchapters; i++)
		chapter_of(&bp->chapters[i], &bp->listed[i]);
	in->chapters = bp->listed;
	in->nchapters = bp->nchapters;
	if (bp->has_inside)
		chapter_of(&bp->inside, &in->inside);
	/* a disclaimer with errors is left out */
	if (bp->disclaimer.errors == 0 && bp->disclaimer.doc != NULL) {
		in->disclaimer.path = bp->disclaimer.path;
		in->disclaimer.doc = bp->disclaimer.doc;
		in->disclaimer.meta = &bp->disclaimer.meta;
	}
	if (bp->trials.errors == 0 && bp->trials.doc != NULL) {
		in->trials.path = bp->trials.path;
		in->trials.doc = bp->trials.doc;
		in->trials.meta = &bp->trials.meta;
	}
	in->order = &bp->order;
	in->use = &bp->use;
}

void
bookparts_free(struct bookparts *bp)
{
	int i;

	for (i = 0; i < bp->nchapters; i++)
		leaflet_free(&bp->chapters[i]);
	free(bp->chapters);
	leaflet_free(&bp->inside);
	leaflet_free(&bp->disclaimer);
	leaflet_free(&bp->trials);
	cite_order_free(&bp->order);
	gloss_use_free(&bp->use);
	free(bp->listed);
	memset(bp, 0, sizeof(*bp));
}
