/*
 * build: the batch of handouts, from content/ to output/.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backmatter.h"
#include "biblio.h"
#include "booklet.h"
#include "bookparts.h"
#include "build.h"
#include "diag.h"
#include "doc.h"
#include "font.h"
#include "gate.h"
#include "glossary.h"
#include "htmlout.h"
#include "hyph.h"
#include "impose.h"
#include "layout.h"
#include "leaflet.h"
#include "manifest.h"
#include "outdirs.h"
#include "outfile.h"
#include "page.h"
#include "readability.h"
#include "render.h"
#include "review.h"
#include "safepath.h"
#include "site.h"
#include "source.h"
#include "target.h"
#include "typeset.h"
#include "xalloc.h"

struct batch {
	const struct build_opts	*o;
	struct site		*site;
	struct biblio		*biblio;
	struct glossary		*glossary;
	struct leaflet_ids	 ids;		/* front-matter ids seen */
	struct target		*targets;
	int			 ntargets;
	int			 failed_system;
	int			 targets_failed;	/* a layout of the set
							   could not be used */
	int			 hold;		/* a shared part of the set
						   failed: write nothing */
	int			 shared_failed;	/* a file every set uses
						   failed: write nothing at
						   all */
	int			 said_hold;	/* ... and it was said */
	struct manifest		*manifest;	/* what --out holds; NULL
						   when nothing is written */
	struct render_queue	*render;	/* the PDFs being written */
	const char		*set_name;	/* "" or the clinic's */
	char			*disc_draft;	/* the disclaimer every
						   handout prints, if a draft
						   (its path) */
	struct site_origin	 disc_status;	/* ... its status */
	const char		*out_root;	/* of the set being built */
	struct leaflet		*handouts;	/* every handout asked for,
						   parsed once (path NULL: not
						   asked for) */
	int			 nhandouts;
	struct read_report	**reports;	/* readability, for --report */
	int			 nreports, reports_cap;
	int			 collect;	/* first pass: measure text */
	char			 set_label[64];	/* "clinic " in progress */
	struct hyphenator	*web_hyph;	/* the web edition's long
						   words in headings and tables
						   on a phone; opened once */
	int			 web_hyph_tried;
};

static int
has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Did anything stop the run (I/O, a renderer)? */
static int
failed(const struct batch *bt)
{
	return bt->failed_system || (bt->render != NULL &&
	    render_failed(bt->render));
}

static void
env_of(const struct batch *bt, struct leaflet_env *env)
{
	memset(env, 0, sizeof(*env));
	env->site = bt->site;
	env->biblio = bt->biblio;
	env->glossary = bt->glossary;
	env->today = bt->o->today;
	env->ids = (struct leaflet_ids *)&bt->ids;
}

/* The run's bookkeeping of a leaflet just read: its readability for
 * --report, its id. */
static void
took(struct batch *bt, struct leaflet *lf)
{
	if (lf->readability != NULL) {
		ARRAY_GROW(bt->reports, bt->nreports, bt->reports_cap);
		bt->reports[bt->nreports++] = lf->readability;
		lf->readability = NULL;
	}
	if (lf->id_taken)
		bt->shared_failed = 1;	/* which file is the leaflet? */
}

/* Read path as a leaflet of the set being built (see leaflet.h). */
static void
load(struct batch *bt, struct leaflet *lf, const char *path,
    enum md_context context, int handout)
{
	struct leaflet_env env;

	env_of(bt, &env);
	leaflet_load(lf, path, context, &env, bt->collect, handout, NULL,
	    NULL);
	took(bt, lf);
}

/* Review state on the build date: an overdue one is refused. */
static void
check_review(struct batch *bt, struct leaflet *lf)
{
	if (review_check(lf->path, &lf->meta, bt->o->today,
	    bt->o->allow_overdue)) {
		lf->errors++;
		lf->refused |= REFUSED_ALL;
		lf->refuse_why = "its review is overdue";
	}
}

/* The release gate for a handout of this set. */
static void
gate_leaflet(struct batch *bt, struct leaflet *lf)
{
	int n = gate_handout(bt->site, lf->marks, bt->disc_draft != NULL ?
	    &bt->disc_status : NULL);

	if (n > 0) {
		lf->errors += n;
		lf->refused |= REFUSED_SET;
		if (lf->refuse_why == NULL)
			lf->refuse_why = REFUSED_BY_GATE;
	}
}

/* path is written from source (a content file) in the set being built. */
static void
write_pdf(struct batch *bt, struct pagedoc *pd, const char *path,
    const char *source)
{
	if (!bt->hold)
		render_pdf(bt->render, pd, path, bt->set_name, source);
}

static void
write_handout(struct batch *bt, struct leaflet *u, struct target *tg)
{
	struct typeset_input in;
	struct pagedoc *pd;
	struct diag_scope errors;
	char *path;

	diag_scope_open(&errors);

	memset(&in, 0, sizeof(in));
	in.file = u->path;
	in.doc = u->doc;
	in.meta = &u->meta;
	in.layout = tg->layout;
	in.fonts = tg->fonts;
	in.hyph = tg->hyph;
	in.content_dir = bt->o->content_dir;
	in.publisher = bt->site != NULL ? bt->site->publisher.name : NULL;
	in.brand = 1;
	if (bt->site != NULL) {
		const struct site_origin *at =
		    &bt->site->publisher.at[PUB_LOGO];

		in.logo = bt->site->publisher.logo;
		in.logo_file = at->file;
		in.logo_line = at->line;
		in.logo_col = at->col;
	}
	in.marks = u->marks;
	in.date = bt->o->timestamp;
	pd = typeset_document(&in);
	if (bt->o->dump != NULL)
		pagedoc_dump(pd, bt->o->dump);
	diag_scope_close(&errors);
	if (errors.errors > 0)
		u->errors++;
	if (u->errors > 0 || bt->o->check_only) {
		pagedoc_free(pd);
		return;
	}
	path = bt->o->output != NULL ? xstrdup(bt->o->output) :
	    xasprintf("%s/%s.pdf", tg->out_dir, u->slug);
	write_pdf(bt, pd, path, u->path);
	free(path);
	pagedoc_free(pd);
}

/* The web edition is written in a full build and with --only html; -o
 * names one PDF only. */
static int
web_wanted(const struct build_opts *o)
{
	return !o->check_only && o->output == NULL &&
	    (o->only == 0 || (o->only & PART_HTML));
}

/*
 * The web edition of a page, standard and large print, into <set>/html/.
 * A page that must not be published (errors, overdue) is not written,
 * as its PDF is not.
 */
static void
write_web(struct batch *bt, const char *name, const struct htmlout_input *hi,
    const struct booklet_input *bi, int publish, const char *source)
{
	enum html_edition ed;
	char *html, *file, *path;
	size_t len;
	int rc;

	if (!bt->web_hyph_tried && publish && !bt->hold) {
		char *exc = xasprintf("%s/hyphenation-en.txt",
		    bt->o->layouts_dir);

		bt->web_hyph_tried = 1;
		bt->web_hyph = hyph_open(bt->ntargets > 0 &&
		    bt->targets[0].layout != NULL &&
		    bt->targets[0].layout->hyphen_lang != NULL ?
		    bt->targets[0].layout->hyphen_lang : "en-GB",
		    access(exc, F_OK) == 0 ? exc : NULL);
		free(exc);
		if (bt->web_hyph == NULL)
			bt->failed_system = 1;
	}
	for (ed = HTML_STANDARD; ed <= HTML_LARGE; ed++) {
		file = htmlout_filename(name, ed);
		path = xasprintf("%s/html/%s", bt->out_root, file);
		free(file);
		html = NULL;
		len = 0;
		if (publish && !bt->hold) {
			rc = hi != NULL ? htmlout_handout(hi, bt->web_hyph,
			    ed, &html, &len) : htmlout_booklet(bi,
			    bt->web_hyph, ed, &html, &len);
			if (rc != 0 || outfile_write(path, html, len) != 0)
				bt->failed_system = 1;
			else
				manifest_wrote(bt->manifest, bt->set_name,
				    source, path);
		}
		free(html);
		free(path);
	}
}

static void
write_web_handout(struct batch *bt, struct leaflet *u)
{
	struct htmlout_input hi;
	struct node *doc = NULL;

	if (bt->o->check_only || u->slug == NULL)
		return;
	memset(&hi, 0, sizeof(hi));
	hi.file = u->path;
	if (u->errors == 0 && u->doc != NULL)
		doc = leaflet_web_doc(u, bt->glossary);
	hi.doc = doc;
	hi.meta = &u->meta;
	hi.layout = bt->ntargets > 0 ? bt->targets[0].layout : NULL;
	hi.site = bt->site;
	hi.content_dir = bt->o->content_dir;
	hi.slug = u->slug;
	hi.marks = u->marks;
	/* no page where a PDF of the set could not be made */
	write_web(bt, u->slug, &hi, NULL, doc != NULL &&
	    u->meta.title != NULL && !bt->targets_failed, u->path);
	doc_free(doc);
}

/* The part of the build a handout layout belongs to. */
static unsigned
part_of(const struct layout *L)
{
	return strncmp(L->name, "large-print", 11) == 0 ||
	    L->profile == PROFILE_LARGE_PRINT ? PART_LARGE_PRINT :
	    PART_HANDOUTS;
}

/* --only and -o: a layout named with --layout is always wanted; -o
 * takes the first. */
static int
target_wanted(struct batch *bt, const struct layout *L)
{
	const struct build_opts *o = bt->o;

	if (o->output != NULL && bt->ntargets > 0)
		return 0;
	if (o->layout != NULL || o->only == 0 || (o->only & part_of(L)))
		return 1;
	return 0;
}

static void
open_targets(struct batch *bt)
{
	const struct build_opts *o = bt->o;
	const char *names[16];
	int n = 0, i;

	if (o->layout != NULL)
		names[n++] = o->layout;
	else if (bt->site != NULL && bt->site->nlayouts > 0)
		for (i = 0; i < bt->site->nlayouts && n < 16; i++)
			names[n++] = bt->site->layouts[i];
	else
		names[n++] = "handout-a4";
	bt->targets = xcalloc((size_t)n, sizeof(*bt->targets));
	bt->targets_failed = 0;
	for (i = 0; i < n; i++) {
		struct target *tg = &bt->targets[bt->ntargets];
		struct layout *L = layout_load(o->layouts_dir, names[i]);
		int rc;

		if (L == NULL) {
			bt->targets_failed = 1;
			continue;
		}
		if (!target_wanted(bt, L)) {
			layout_free(L);
			continue;
		}
		if ((rc = target_open(tg, L, o->layouts_dir,
		    o->fonts_dir)) != 0)
			bt->targets_failed = 1;
		if (rc < 0)
			continue;
		tg->out_dir = outdirs_layout(bt->out_root, tg->layout->name,
		    i == 0 &&
		    (o->layout == NULL ||
		    strcmp(tg->layout->name, "handout-a4") == 0));
		bt->ntargets++;
	}
}

/* Parse the disclaimer for appending to a handout (fresh each time, as
 * its nodes move into the handout). */
static struct node *
load_disclaimer(struct batch *bt)
{
	struct leaflet lf;
	struct node *doc;
	char *path = xasprintf("%s/disclaimer.md", bt->o->content_dir);
	int collect;

	if (access(path, R_OK) != 0) {
		free(path);
		return NULL;
	}
	collect = bt->collect;
	bt->collect = 0;	/* measured once, with the chapters */
	/* it goes into each handout */
	load(bt, &lf, path, MD_HANDOUT, 0);
	free(path);
	bt->collect = collect;
	free(bt->disc_draft);
	bt->disc_draft = NULL;
	if (lf.meta.id != NULL && (lf.marks & MARK_DRAFT)) {
		bt->disc_draft = xstrdup(lf.path);
		bt->disc_status.file = bt->disc_draft;
		bt->disc_status.line = lf.meta.line_status;
		bt->disc_status.col = lf.meta.col_status;
	}
	doc = lf.errors == 0 ? lf.doc : NULL;
	if (doc != NULL)
		lf.doc = NULL;
	leaflet_free(&lf);
	return doc;
}

/* The booklet and its imposed print edition. */
static void
write_booklet(struct batch *bt)
{
	const struct site *site = bt->site;
	struct booklet_input in;
	struct target tg;
	struct bookparts parts;
	struct leaflet_env env;
	struct diag_scope errors;
	struct pagedoc *pd, *print;
	const char *refused;
	char *path;
	int bad;

	memset(&tg, 0, sizeof(tg));
	diag_scope_open(&errors);
	bt->collect = 0;	/* every part was measured already */
	/* a booklet not made this time keeps its earlier files */
	manifest_keep(bt->manifest, bt->set_name, site->path);
	tg.layout = layout_load(bt->o->layouts_dir, site->booklet_layout);
	if (tg.layout == NULL) {
		diag_scope_close(&errors);
		return;
	}
	tg.fonts = fontset_open(tg.layout, bt->o->fonts_dir);
	if (tg.fonts == NULL) {
		diag_scope_close(&errors);
		layout_free(tg.layout);
		return;
	}
	env_of(bt, &env);
	bookparts_load(&parts, &env, bt->o->content_dir, bt->o->allow_overdue);
	if (parts.id_taken)
		bt->shared_failed = 1;
	bad = parts.bad;
	refused = parts.refused;
	memset(&in, 0, sizeof(in));
	bookparts_input(&parts, &in);
	in.site = site;
	in.site_path = site->path;
	in.biblio = bt->biblio;
	in.glossary = bt->glossary;
	in.layout = tg.layout;
	in.fonts = tg.fonts;
	in.content_dir = bt->o->content_dir;
	in.date = bt->o->timestamp;
	pd = booklet_make(&in);
	if (bt->o->dump != NULL)
		pagedoc_dump(pd, bt->o->dump);
	if (refused != NULL && !bt->hold)
		manifest_refuse(bt->manifest, bt->set_name, site->path,
		    refused);
	diag_scope_close(&errors);
	if (!bad && errors.errors == 0 && !bt->o->check_only) {
		path = xasprintf("%s/booklet.pdf", bt->out_root);
		if (bt->o->only == 0 || (bt->o->only & PART_BOOKLET))
			write_pdf(bt, pd, path, site->path);
		free(path);
		print = bt->o->only == 0 || (bt->o->only & PART_PRINT) ?
		    impose_saddle(pd, 841.89, 595.28, 1) : NULL;
		if (print != NULL)
			impose_marks(print, 841.89, 595.28,
			    tg.layout->print_bleed, tg.layout->print_creep);
		if (print != NULL) {
			path = xasprintf("%s/booklet-print.pdf",
			    bt->out_root);
			write_pdf(bt, print, path, site->path);
			free(path);
			pagedoc_free(print);
		}
		if (web_wanted(bt->o))
			write_web(bt, "booklet", NULL, &in, 1, site->path);
	}
	pagedoc_free(pd);
	bookparts_free(&parts);
	fontset_free(tg.fonts);
	layout_free(tg.layout);
}

/* --report FILE.json: the readability of every file measured. */
static void
write_report(struct batch *bt)
{
	struct read_limits lim;
	char *data = NULL;
	size_t len = 0;
	FILE *f;

	memset(&lim, 0, sizeof(lim));
	lim.max_sentence_words = bt->site != NULL ?
	    bt->site->max_sentence_words : READ_DEFAULT_SENTENCE_WORDS;
	f = open_memstream(&data, &len);
	if (f == NULL) {
		diag_fatal(bt->o->report, 0, 0, "cannot write the report");
		bt->failed_system = 1;
		return;
	}
	readability_json((const struct read_report *const *)bt->reports,
	    bt->nreports, &lim, f);
	fclose(f);
	if (outfile_write(bt->o->report, data, len) != 0)
		bt->failed_system = 1;
	free(data);
}

/* Close the layouts of one output set. */
static void
close_targets(struct batch *bt)
{
	int j;

	for (j = 0; j < bt->ntargets; j++)
		target_close(&bt->targets[j]);
	free(bt->targets);
	bt->targets = NULL;
	bt->ntargets = 0;
}

/* Is the booklet built in this run? */
static int
booklet_wanted(const struct batch *bt, int by_path)
{
	const struct build_opts *o = bt->o;

	return !by_path && o->nslugs == 0 && o->layout == NULL &&
	    o->output == NULL && (o->only == 0 ||
	    (o->only & (PART_BOOKLET | PART_PRINT | PART_HTML))) &&
	    bt->site != NULL && bt->site->nchapters > 0;
}

/* Can the booklet's layout and its fonts be used?  (Tried before any
 * handout of the set is written; problems are reported.) */
static int
booklet_layout_ok(struct batch *bt)
{
	struct layout *L = layout_load(bt->o->layouts_dir,
	    bt->site->booklet_layout);
	struct fontset *f = L != NULL ? fontset_open(L, bt->o->fonts_dir) :
	    NULL;
	int ok = f != NULL;

	fontset_free(f);
	layout_free(L);
	return ok;
}

/*
 * One output set: every handout in every layout, then the booklet, under
 * out_root (the default set goes to --out; each clinic's to --out/<name>).
 */
static void
run_set(struct batch *bt, const char *out_root, int by_path)
{
	const struct build_opts *o = bt->o;
	struct leaflet_env env;
	struct node *disc, *copy;
	int i, j;

	bt->out_root = out_root;
	open_targets(bt);
	/* what every leaflet of the set uses must be usable, or none of
	 * them is written: the layouts (fonts, hyphenation), the booklet's,
	 * the logo, the disclaimer */
	bt->hold = gate_logo(bt->site, o->content_dir) > 0;
	if (bt->targets_failed || bt->shared_failed || (booklet_wanted(bt,
	    by_path) && !booklet_layout_ok(bt)))
		bt->hold = 1;
	if (!o->check_only && o->output != NULL) {
		if (outdirs_make_parent(o->output) != 0)
			bt->failed_system = 1;
	} else if (!o->check_only) {
		for (j = 0; j < bt->ntargets && !failed(bt); j++)
			if (outdirs_make(bt->targets[j].out_dir) != 0)
				bt->failed_system = 1;
		if (web_wanted(o) && !failed(bt)) {
			char *web = xasprintf("%s/html", out_root);

			if (outdirs_make(web) != 0)
				bt->failed_system = 1;
			free(web);
		}
	}
	disc = load_disclaimer(bt);	/* once; each handout gets a copy */
	{
		char *dp = xasprintf("%s/disclaimer.md", o->content_dir);

		if (disc == NULL && access(dp, F_OK) == 0)
			bt->hold = 1;
		free(dp);
	}
	if (bt->hold && !o->check_only && !bt->said_hold) {
		diag_say("nothing written%s%s: every leaflet uses a file "
		    "with errors above; the previous files are kept",
		    bt->set_name[0] != '\0' ? " for clinic " : "",
		    bt->set_name);
		bt->said_hold = bt->shared_failed;
	}
	env_of(bt, &env);
	for (i = 0; i < bt->nhandouts && !failed(bt); i++) {
		struct leaflet *u = &bt->handouts[i];

		if (u->path == NULL)	/* not asked for */
			continue;
		if (o->progress)
			fprintf(stderr, "\r%s[%d/%d] %s\033[K", bt->set_label,
			    i + 1, bt->nhandouts, u->path);
		/* the parse is the run's; the tree is this set's */
		leaflet_resolve(u, &env, 1, NULL, NULL);
		copy = disc != NULL ? doc_clone(disc) : NULL;
		backmatter_append(u->doc, copy, &u->meta, bt->site);
		doc_free(copy);
		if (u->meta.id != NULL) {
			check_review(bt, u);
			gate_leaflet(bt, u);
		}
		/* a problem in every layout is said once; one in some
		 * layouts names them */
		diag_group_begin();
		for (j = 0; j < bt->ntargets && u->doc != NULL; j++) {
			char *label = xasprintf("layout %s",
			    bt->targets[j].layout->name);

			diag_group_item(label);
			free(label);
			write_handout(bt, u, &bt->targets[j]);
		}
		diag_group_end();
		if (web_wanted(o))
			write_web_handout(bt, u);
		/* what may no longer be printed goes; a file with errors of
		 * its own keeps its earlier outputs */
		if (u->refused != 0 && !bt->hold)
			manifest_refuse(bt->manifest, (u->refused &
			    REFUSED_ALL) ? NULL : bt->set_name, u->path,
			    u->refuse_why);
		else if (u->errors > 0 || u->doc == NULL)
			manifest_keep(bt->manifest, bt->set_name, u->path);
		doc_free(u->doc);	/* the next set makes its own */
		u->doc = NULL;
	}
	doc_free(disc);
	if (o->progress && bt->nhandouts > 0)
		fprintf(stderr, "\r\033[K");
	if (booklet_wanted(bt, by_path) && !failed(bt)) {
		if (!o->check_only)
			outdirs_make(out_root);
		write_booklet(bt);
	}
	render_wait(bt->render);
	/* built whole: what the set no longer writes (a layout or chapter
	 * list changed) may go */
	if (!by_path && o->nslugs == 0 && o->layout == NULL && o->only == 0 &&
	    !bt->hold && !bt->targets_failed && !failed(bt))
		manifest_complete(bt->manifest, bt->set_name);
	close_targets(bt);
}

/* content/clinics/<name>.yaml: each clinic gets its own set. */
static void
run_clinics(struct batch *bt, int by_path)
{
	const struct build_opts *o = bt->o;
	char *dir = xasprintf("%s/clinics", o->content_dir), *path, *out;
	struct site *base = bt->site, *site;
	char **names;
	int n, i;

	names = source_list_checked(dir, ".yaml", &n, "used");
	for (i = 0; i < n && !failed(bt); i++) {
		if (!source_selected(o->clinics, o->nclinics, names[i]))
			continue;
		path = xasprintf("%s/%s.yaml", dir, names[i]);
		site = site_load(base->path);
		if (site != NULL && site_load_clinic(site, path) == 0) {
			/* problems already shown for the default set are
			 * not repeated; new ones name the clinic */
			char *label = xasprintf("clinic %s", names[i]);

			out = xasprintf("%s/%s", o->out_dir, names[i]);
			bt->site = site;
			snprintf(bt->set_label, sizeof(bt->set_label), "%s ",
			    names[i]);
			diag_set_context(label);
			bt->set_name = names[i];
			run_set(bt, out, by_path);
			bt->set_name = "";
			diag_set_context(NULL);
			bt->set_label[0] = '\0';
			bt->site = base;
			free(label);
			free(out);
		}
		site_free(site);
		free(path);
	}
	source_list_free(names);
	free(dir);
}

/* Say what a targeted build leaves out (-q silences notes). */
static void
say_skipped(struct batch *bt, int by_path)
{
	const struct build_opts *o = bt->o;
	int booklet = bt->site != NULL && bt->site->nchapters > 0;

	if (booklet && (o->only == 0 || (o->only & (PART_BOOKLET |
	    PART_PRINT)))) {
		if (o->output != NULL)
			diag_note("-o writes one handout: the booklet is "
			    "not built");
		else if (by_path || o->nslugs > 0)
			diag_note("only the files named are built: the "
			    "booklet is not (build without names for it)");
		else if (o->layout != NULL)
			diag_note("--layout builds handouts only: the "
			    "booklet is not built");
	}
	if (o->output != NULL && o->layout == NULL && bt->site != NULL &&
	    bt->site->nlayouts > 1)
		diag_note("-o writes the handout in one layout (%s): give "
		    "--layout for another", bt->site->layouts[0]);
	if (o->output != NULL && o->nclinics == 0)
		diag_note("-o writes the default set's handout: the clinics' "
		    "sets are not built (give --clinic NAME for one)");
	if (o->nclinics > 0)
		diag_note("building only the %s set%s named with --clinic: "
		    "the default set is not built", o->nclinics == 1 ?
		    "clinic" : "clinics'", o->nclinics == 1 ? "" : "s");
	if (o->only != 0 && o->layout == NULL) {
		static const char *const names[] = { "handouts",
		    "large-print", "booklet", "print", "html" };
		char list[128] = "";
		int i;

		for (i = 0; i < 5; i++)
			if (!(o->only & (1u << i))) {
				if (list[0] != '\0')
					strcat(list, ", ");
				strcat(list, names[i]);
			}
		if (list[0] != '\0')
			diag_note("--only: not building %s", list);
	}
}

int
build_run(const struct build_opts *o)
{
	struct batch bt;
	char *path, **files = NULL, *dir;
	int nfiles = 0, i, rc, by_path, built;

	if (safepath_check_options(o) != 0)
		return EXIT_USAGE;
	memset(&bt, 0, sizeof(bt));
	bt.o = o;
	bt.set_name = "";
	by_path = o->nslugs > 0 && (strchr(o->slugs[0], '/') != NULL ||
	    has_suffix(o->slugs[0], ".md"));
	path = xasprintf("%s/site.yaml", o->content_dir);
	bt.site = site_load(path);
	free(path);
	if (bt.site != NULL)
		fmatter_set_review_years(bt.site->max_review_years);
	path = xasprintf("%s/references.yaml", o->content_dir);
	bt.biblio = biblio_load(path);
	free(path);
	path = xasprintf("%s/glossary.yaml", o->content_dir);
	bt.glossary = glossary_load(path);
	free(path);
	/* built without them, a leaflet would lose its sources, its
	 * glossary or its contact details: nothing is written */
	if (bt.site == NULL || bt.biblio == NULL || bt.glossary == NULL)
		bt.shared_failed = 1;

	/* the shared chapters are validated too (they go into the booklet) */
	bt.collect = 1;
	dir = xasprintf("%s/chapters", o->content_dir);
	files = leaflet_list(o->content_dir, dir, &nfiles);
	free(dir);
	for (i = 0; i < nfiles && o->nslugs == 0 && !by_path; i++) {
		struct leaflet lf;

		load(&bt, &lf, files[i], MD_BOOKLET, 0);
		if (lf.meta.id != NULL)
			check_review(&bt, &lf);
		leaflet_free(&lf);
	}
	for (i = 0; i < nfiles; i++)
		free(files[i]);
	free(files);
	for (i = 0; i < 2 && o->nslugs == 0 && !by_path; i++) {
		struct leaflet lf;

		path = xasprintf("%s/%s.md", o->content_dir, i == 0 ?
		    "disclaimer" : "trials-disclaimer");
		if (access(path, R_OK) == 0) {
			load(&bt, &lf, path, MD_BOOKLET, 0);
			leaflet_free(&lf);
		}
		free(path);
	}

	if (by_path) {
		/* files named on the command line, as given */
		files = xcalloc((size_t)o->nslugs + 1, sizeof(*files));
		for (i = 0; i < o->nslugs; i++)
			files[i] = xstrdup(o->slugs[i]);
		nfiles = o->nslugs;
	} else {
		dir = xasprintf("%s/therapies", o->content_dir);
		files = leaflet_list(o->content_dir, dir, &nfiles);
		if (files == NULL)
			diag_error(dir, 0, 0, "no therapy files found: put "
			    "one .md file per therapy in this folder");
		free(dir);
	}
	for (i = 0; i < o->nslugs && !by_path; i++) {
		char *p = xasprintf("%s/therapies/%s.md", o->content_dir,
		    o->slugs[i]);

		if (access(p, R_OK) != 0)
			diag_error(NULL, 0, 0, "no therapy '%s': there is "
			    "no file %s", o->slugs[i], p);
		free(p);
	}
	say_skipped(&bt, by_path);
	/* what --out holds, for what may no longer be printed (-o writes
	 * elsewhere, check writes nothing) */
	if (!o->check_only && o->output == NULL)
		bt.manifest = manifest_open(o->out_dir, o->content_dir);
	bt.render = render_open(o->jobs, bt.manifest);
	/* output folders that collide: nothing is built */
	built = (bt.site == NULL || outdirs_check(bt.site, o, o->output == NULL ||
	    o->nclinics > 0) == 0) && (bt.site != NULL || by_path);
	/* every handout read once before anything is written: two files
	 * with one id leave nothing written */
	bt.handouts = xcalloc((size_t)nfiles + 1, sizeof(*bt.handouts));
	bt.nhandouts = nfiles;
	for (i = 0; built && i < nfiles; i++) {
		char *slug = leaflet_slug(files[i]);
		int want = by_path || source_selected(o->slugs, o->nslugs,
		    slug);

		free(slug);
		if (want)
			load(&bt, &bt.handouts[i], files[i], MD_HANDOUT, 1);
	}
	bt.collect = 0;
	if (built) {
		if (o->nclinics == 0)
			run_set(&bt, o->out_dir, by_path);
		bt.collect = 0;
		if (bt.site != NULL && (o->output == NULL || o->nclinics > 0))
			run_clinics(&bt, by_path);
	}
	/* nothing is known to be stale after a failure that stopped the
	 * run */
	render_wait(bt.render);
	if (render_failed(bt.render))
		bt.failed_system = 1;
	render_close(bt.render);
	bt.render = NULL;
	if (manifest_close(bt.manifest, !built || bt.shared_failed ||
	    bt.failed_system, o->quiet) != 0)
		bt.failed_system = 1;
	if (o->report != NULL)
		write_report(&bt);
	for (i = 0; i < bt.nreports; i++)
		readability_free(bt.reports[i]);
	free(bt.reports);
	for (i = 0; i < nfiles; i++)
		free(files[i]);
	free(files);
	for (i = 0; i < bt.nhandouts; i++)
		leaflet_free(&bt.handouts[i]);
	free(bt.handouts);
	leaflet_ids_free(&bt.ids);
	free(bt.disc_draft);
	hyph_free(bt.web_hyph);
	site_free(bt.site);
	biblio_free(bt.biblio);
	glossary_free(bt.glossary);

	if (bt.failed_system || diag_count(DIAG_FATAL) > 0)
		rc = EXIT_SYSTEM;
	else if (diag_count(DIAG_ERROR) > 0)
		rc = EXIT_CONTENT;
	else
		rc = EXIT_OK;
	return rc;
}
