/*
 * leaflet: the stages of one content file, in order (see leaflet.h).
 */
#include <stdlib.h>
#include <string.h>

#include "biblio.h"
#include "buf.h"
#include "diag.h"
#include "doc.h"
#include "gate.h"
#include "glossary.h"
#include "leaflet.h"
#include "placeholder.h"
#include "readability.h"
#include "review.h"
#include "safepath.h"
#include "site.h"
#include "source.h"
#include "typeset.h"
#include "xalloc.h"
#include "yamlx.h"

static int	 has_suffix(const char *, const char *);
static void	 claim_id(struct leaflet *, struct leaflet_ids *);
static void	 measure(struct leaflet *, const struct site *);

static int
has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* An id names one document (the references, the manifest, the reviews
 * go by it): a second file with it is an error there. */
static void
claim_id(struct leaflet *lf, struct leaflet_ids *ids)
{
	int i;

	for (i = 0; i < ids->n; i++)
		if (strcmp(ids->ids[i], lf->meta.id) == 0)
			break;
	if (i == ids->n) {
		ARRAY_GROW(ids->ids, ids->n, ids->cap);
		ARRAY_GROW(ids->paths, ids->n, ids->pcap);
		ids->ids[ids->n] = xstrdup(lf->meta.id);
		ids->paths[ids->n++] = xstrdup(lf->path);
	} else if (strcmp(ids->paths[i], lf->path) != 0) {
		diag_error(lf->path, lf->meta.line_id, lf->meta.col_id,
		    "the id '%s' is already used by %s: give each file its "
		    "own id", lf->meta.id, ids->paths[i]);
		lf->id_taken = 1;	/* which file is the leaflet? */
	}
}

/* Readability of the body prose, before anything is filled in or
 * appended: a clinic's phone number is not prose, and the template's
 * "[...]" texts are long. */
static void
measure(struct leaflet *lf, const struct site *site)
{
	struct read_limits lim;

	lf->readability = readability_analyse(lf->parsed, lf->path,
	    lf->meta.title);
	if (lf->readability == NULL)
		return;
	memset(&lim, 0, sizeof(lim));
	if (site != NULL) {
		lim.max_fkgl = site->max_fkgl;
		lim.max_smog = site->max_smog;
		lim.max_sentence_words = site->max_sentence_words;
		lim.as_errors = site->readability_level == THRESH_ERROR;
	} else {
		lim.max_fkgl = 8;
		lim.max_smog = 10;
		lim.max_sentence_words = READ_DEFAULT_SENTENCE_WORDS;
	}
	readability_check(lf->readability, &lim);
}

int
leaflet_parse(struct leaflet *lf, const char *path, enum md_context context,
    const struct leaflet_env *env, int measured)
{
	struct diag_scope errors;
	struct ynode *front = NULL;

	memset(lf, 0, sizeof(*lf));
	diag_scope_open(&errors);
	lf->path = xstrdup(path);
	lf->slug = leaflet_slug(path);
	lf->context = context;
	if (source_read(&lf->src, lf->path, 1) != 0)
		goto out;
	if (lf->src.front != NULL)
		front = yamlx_parse(lf->path, lf->src.front,
		    lf->src.front_len, lf->src.front_line0, SOURCE_MAX_FRONT);
	if (front != NULL)
		fmatter_load(&lf->meta, lf->path, lf->slug, front);
	yamlx_free(front);
	if (lf->meta.id != NULL) {
		if (env->ids != NULL)
			claim_id(lf, env->ids);
		lf->marks = review_marks(&lf->meta, env->today);
	}
	lf->parsed = mdparse_for(lf->path, lf->src.body, lf->src.body_len,
	    context);
	if (lf->parsed == NULL)
		goto out;
	if (measured && lf->meta.id != NULL)
		measure(lf, env->site);
	/* template text of the file itself, before the settings' values
	 * (checked by the gate where they are written) go in; only what is
	 * printed without a DRAFT mark is held to it */
	if (lf->meta.id != NULL && !(lf->marks & MARK_DRAFT) &&
	    gate_leftovers(lf->path, &lf->meta, lf->parsed) > 0) {
		lf->parse_refused = REFUSED_ALL;
		lf->refused = REFUSED_ALL;
		lf->refuse_why = REFUSED_BY_GATE;
	}
out:
	diag_scope_close(&errors);
	lf->parse_errors = lf->errors = (int)errors.errors;
	return lf->parse_errors;
}

int
leaflet_resolve(struct leaflet *lf, const struct leaflet_env *env,
    int handout, struct cite_order *shared_order,
    struct gloss_use *shared_use)
{
	struct diag_scope errors;
	struct cite_order own_order, *order = &own_order;
	struct gloss_use own_use, *use = &own_use;
	int approved = lf->meta.id != NULL && !(lf->marks & MARK_DRAFT);
	struct node *n;

	doc_free(lf->doc);
	lf->doc = NULL;
	lf->nbody = 0;
	lf->refused = lf->parse_refused;
	lf->refuse_why = lf->refused != 0 ? REFUSED_BY_GATE : NULL;
	lf->errors = lf->parse_errors;
	if (lf->parsed == NULL)
		return lf->errors;
	memset(&own_order, 0, sizeof(own_order));
	memset(&own_use, 0, sizeof(own_use));
	if (shared_order != NULL)
		order = shared_order;
	if (shared_use != NULL)
		use = shared_use;
	diag_scope_open(&errors);
	lf->doc = doc_clone(lf->parsed);
	/* an approved leaflet printing a detail the settings leave empty
	 * is refused, as one printing template text is */
	if (placeholder_expand(lf->doc, env->site, lf->path, approved) > 0 &&
	    approved) {
		lf->refused |= REFUSED_SET;
		lf->refuse_why = REFUSED_BY_GATE;
	}
	if (env->biblio != NULL) {
		biblio_number(env->biblio, order, lf->doc, lf->path);
		biblio_check_bare(env->biblio, lf->path, lf->src.body,
		    lf->src.body_len);
	}
	if (env->glossary != NULL)
		glossary_scan(env->glossary, lf->doc, use, shared_use != NULL);
	for (n = lf->doc->first; n != NULL; n = n->next)
		lf->nbody++;
	if (handout) {
		if (env->glossary != NULL)
			glossary_append(env->glossary, use, lf->doc,
			    "Words used in this leaflet");
		if (env->biblio != NULL)
			biblio_append(env->biblio, order, lf->doc,
			    "Sources of information");
	}
	biblio_order_free(&own_order);
	glossary_use_free(&own_use);
	diag_scope_close(&errors);
	lf->errors += (int)errors.errors;
	return lf->errors;
}

int
leaflet_load(struct leaflet *lf, const char *path, enum md_context context,
    const struct leaflet_env *env, int measured, int handout,
    struct cite_order *order, struct gloss_use *use)
{
	leaflet_parse(lf, path, context, env, measured);
	if (lf->parsed != NULL)
		leaflet_resolve(lf, env, handout, order, use);
	return lf->errors;
}

void
leaflet_free(struct leaflet *lf)
{
	free(lf->path);
	free(lf->slug);
	source_free(&lf->src);
	fmatter_free(&lf->meta);
	doc_free(lf->parsed);
	doc_free(lf->doc);
	readability_free(lf->readability);
	memset(lf, 0, sizeof(*lf));
}

/* The back matter is set aside while the text is scanned. */
struct node *
leaflet_web_doc(const struct leaflet *lf, const struct glossary *glossary)
{
	struct node *doc = doc_clone(lf->doc), *held, *c, *next;
	struct gloss_use use;
	int i = 0;

	if (glossary == NULL)
		return doc;
	memset(&use, 0, sizeof(use));
	held = doc_new(NODE_DOCUMENT, 0, 0);
	for (c = doc->first; c != NULL; c = next) {
		next = c->next;
		if (i++ >= lf->nbody) {
			doc_unlink(c);
			doc_append(held, c);
		}
	}
	glossary_scan(glossary, doc, &use, 1);
	for (c = held->first; c != NULL; c = next) {
		next = c->next;
		doc_unlink(c);
		doc_append(doc, c);
	}
	doc_free(held);
	glossary_use_free(&use);
	return doc;
}

char *
leaflet_slug(const char *path)
{
	const char *base = strrchr(path, '/');

	base = base != NULL ? base + 1 : path;
	return xstrndup(base, strlen(base) - (has_suffix(base, ".md") ? 3 : 0));
}

int
leaflet_outside(const char *content_dir, const char *path)
{
	if (safepath_inside(content_dir, path))
		return 0;
	diag_error(path, 0, 0, "this is a link to a file outside the "
	    "content folder %s: copy the file into the content folder "
	    "instead", content_dir);
	return 1;
}

char **
leaflet_list(const char *content_dir, const char *dir, int *count)
{
	char **names, **v = NULL, *path;
	int n, i, k = 0;

	names = source_list_checked(dir, ".md", &n, "built");
	if (n > 0)
		v = xcalloc((size_t)n, sizeof(*v));
	for (i = 0; i < n; i++) {
		path = xasprintf("%s/%s.md", dir, names[i]);
		if (leaflet_outside(content_dir, path))
			free(path);
		else
			v[k++] = path;
	}
	source_list_free(names);
	*count = k;
	if (k == 0) {
		free(v);
		return NULL;
	}
	return v;
}

void
leaflet_ids_free(struct leaflet_ids *ids)
{
	int i;

	for (i = 0; i < ids->n; i++) {
		free(ids->ids[i]);
		free(ids->paths[i]);
	}
	free(ids->ids);
	free(ids->paths);
	memset(ids, 0, sizeof(*ids));
}
