/*
 * build: the batch of handouts, from content/ to output/.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "anchor.h"
#include "biblio.h"
#include "buf.h"
#include "booklet.h"
#include "build.h"
#include "date.h"
#include "diag.h"
#include "doc.h"
#include "fmatter.h"
#include "font.h"
#include "gate.h"
#include "glossary.h"
#include "htmlout.h"
#include "hyph.h"
#include "impose.h"
#include "layout.h"
#include "manifest.h"
#include "outfile.h"
#include "mdparse.h"
#include "page.h"
#include "pdfout.h"
#include "placeholder.h"
#include "readability.h"
#include "safepath.h"
#include "site.h"
#include "source.h"
#include "typeset.h"
#include "xalloc.h"
#include "yamlx.h"

#define REVIEW_WARN_DAYS	90

/* A PDF a renderer process is writing: recorded when it succeeds. */
struct render {
	pid_t	 pid;
	char	*set, *source, *path;
};

/* A layout with what it needs to set text. */
struct target {
	struct layout		*layout;
	struct fontset		*fonts;
	struct hyphenator	*hyph;
	char			*out_dir;	/* where its handouts go */
};

/* One content file, parsed once and typeset in every layout. */
struct unit {
	char		*path;
	char		*slug;
	struct source	 src;
	struct docmeta	 meta;
	struct node	*doc;
	int		 errors;	/* errors reported for this file */
	int		 refused;	/* REFUSED_*: the release gate's */
#define REFUSED_SET	(1 << 0)	/* in this set (its publisher) */
#define REFUSED_ALL	(1 << 1)	/* in every set (its own state) */
	const char	*refuse_why;	/* said when its old outputs go */
#define REFUSED_BY_GATE	"the release gate refused it (see the errors above)"
	int		 marks;
	enum md_context	 context;	/* MD_ALL: as handout says */
	int		 nbody;		/* top-level blocks before the back
					   matter */
};

struct batch {
	const struct build_opts	*o;
	struct site		*site;
	struct biblio		*biblio;
	struct glossary		*glossary;
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
	const char		*set_name;	/* "" or the clinic's */
	struct render		*renders;	/* running renderers */
	int			 nrenders, renders_cap;
	char			*disc_draft;	/* the disclaimer every
						   handout prints, if a draft
						   (its path) */
	int			 disc_line, disc_col;	/* its status */
	const char		*out_root;	/* of the set being built */
	struct read_report	**reports;	/* readability, for --report */
	int			 nreports, reports_cap;
	int			 collect;	/* first pass: measure text */
	int			 jobs;		/* renderers at once */
	int			 running;	/* renderers running */
	char			 set_label[64];	/* "clinic " in progress */
	char		       **top;		/* what the main set writes
						   directly in --out */
	int			 ntop, topcap;
	struct hyphenator	*web_hyph;	/* the web edition's long
						   words in headings and tables
						   on a phone; opened once */
	int			 web_hyph_tried;
	char		       **ids;		/* front-matter ids seen */
	char		       **id_paths;	/* and the file of each */
	int			 nids, ids_cap, nid_paths, id_paths_cap;
};

static int
has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A content file that is a link out of the content folder: refused, so
 * configuration never reads a file from elsewhere. */
static int
escapes(const char *content_dir, const char *path)
{
	if (safepath_inside(content_dir, path))
		return 0;
	diag_error(path, 0, 0, "this is a link to a file outside the "
	    "content folder %s: copy the file into the content folder "
	    "instead", content_dir);
	return 1;
}

/* The .md files of dir, sorted; NULL-terminated, caller frees.  Files
 * that look meant to be built but are not (hidden, .MD) are named. */
static char **
list_markdown(const char *content_dir, const char *dir, int *count)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **v = NULL, *path;
	int n = 0, cap = 0;

	*count = 0;
	if (d == NULL)
		return NULL;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		path = xasprintf("%s/%s", dir, e->d_name);
		if (!has_suffix(e->d_name, ".md")) {
			size_t len = strlen(e->d_name);

			if (len > 3 && strcasecmp(e->d_name + len - 3,
			    ".md") == 0)
				diag_warning(path, 0, 0, "not built: the name "
				    "ends in '%s', and only '.md' files are "
				    "read; rename it", e->d_name + len - 3);
			free(path);
			continue;
		}
		if (e->d_name[0] == '.') {
			diag_warning(path, 0, 0, "not built: the name starts "
			    "with '.', which hides the file; rename it, or "
			    "move it out of %s", dir);
			free(path);
			continue;
		}
		if (escapes(content_dir, path)) {
			free(path);
			continue;
		}
		ARRAY_GROW(v, n, cap);
		v[n++] = path;
	}
	closedir(d);
	if (n > 0)
		qsort(v, (size_t)n, sizeof(*v), cmp_str);
	*count = n;
	return v;
}

static char *
slug_of(const char *path)
{
	const char *base = strrchr(path, '/');

	base = base != NULL ? base + 1 : path;
	return xstrndup(base, strlen(base) - (has_suffix(base, ".md") ? 3 : 0));
}

/*
 * Parse one content file: bytes, front matter, Markdown; placeholders,
 * citations; the per-handout sections at the end.
 */
/* Readability of the body prose, before anything is appended. */
static void
measure_text(struct batch *bt, struct unit *u)
{
	struct read_report *r;
	struct read_limits lim;

	r = readability_analyse(u->doc, u->path, u->meta.title);
	if (r == NULL)
		return;
	memset(&lim, 0, sizeof(lim));
	if (bt->site != NULL) {
		lim.max_fkgl = bt->site->max_fkgl;
		lim.max_smog = bt->site->max_smog;
		lim.max_sentence_words = bt->site->max_sentence_words;
		lim.as_errors = bt->site->readability_level == THRESH_ERROR;
	} else {
		lim.max_fkgl = 8;
		lim.max_smog = 10;
		lim.max_sentence_words = READ_DEFAULT_SENTENCE_WORDS;
	}
	readability_check(r, &lim);
	ARRAY_GROW(bt->reports, bt->nreports, bt->reports_cap);
	bt->reports[bt->nreports++] = r;
}

/* An id names one document (the references, the manifest, the
 * reviews go by it): a second file with it is an error there. */
static void
unique_id(struct batch *bt, const struct unit *u)
{
	int i;

	for (i = 0; i < bt->nids; i++)
		if (strcmp(bt->ids[i], u->meta.id) == 0)
			break;
	if (i == bt->nids) {
		ARRAY_GROW(bt->ids, bt->nids, bt->ids_cap);
		ARRAY_GROW(bt->id_paths, bt->nid_paths, bt->id_paths_cap);
		bt->ids[bt->nids++] = xstrdup(u->meta.id);
		bt->id_paths[bt->nid_paths++] = xstrdup(u->path);
	} else if (strcmp(bt->id_paths[i], u->path) != 0) {
		diag_error(u->path, u->meta.line_id, u->meta.col_id, "the id "
		    "'%s' is already used by %s: give each file its own id",
		    u->meta.id, bt->id_paths[i]);
		bt->shared_failed = 1;	/* which file is the leaflet? */
	}
}

static int	 review_marks(const struct batch *, const struct docmeta *);

static void
load_unit_with(struct batch *bt, struct unit *u, int handout,
    struct cite_order *shared_order, struct gloss_use *shared_use)
{
	unsigned before = diag_count(DIAG_ERROR) + diag_count(DIAG_FATAL);
	struct ynode *front = NULL;
	int approved;
	struct cite_order own_order, *order = &own_order;
	struct gloss_use own_use, *use = &own_use;
	struct node *n;

	memset(&own_order, 0, sizeof(own_order));
	memset(&own_use, 0, sizeof(own_use));
	if (shared_order != NULL)
		order = shared_order;
	if (shared_use != NULL)
		use = shared_use;
	u->slug = slug_of(u->path);
	if (source_read(&u->src, u->path, 1) != 0)
		goto out;
	if (u->src.front != NULL)
		front = yamlx_parse(u->path, u->src.front, u->src.front_len,
		    u->src.front_line0, SOURCE_MAX_FRONT);
	if (front != NULL)
		fmatter_load(&u->meta, u->path, u->slug, front);
	yamlx_free(front);
	if (u->meta.id != NULL) {
		unique_id(bt, u);
		u->marks = review_marks(bt, &u->meta);
	}
	/* printed without a DRAFT mark: the gate's checks apply */
	approved = u->meta.id != NULL && !(u->marks & MARK_DRAFT);
	u->doc = md_parse_for(u->path, u->src.body, u->src.body_len,
	    u->context != MD_ALL ? u->context :
	    handout ? MD_HANDOUT : MD_BOOKLET);
	if (u->doc == NULL)
		goto out;
	/* measured before the placeholders are filled: a clinic's phone
	 * number is not prose, and the template's "[...]" texts are long */
	if (bt->collect && u->meta.id != NULL)
		measure_text(bt, u);
	/* template text of the file itself, before the settings' values
	 * (checked by the gate where they are written) go in */
	if (approved && gate_leftovers(u->path, &u->meta, u->doc) > 0) {
		u->refused |= REFUSED_ALL;
		u->refuse_why = REFUSED_BY_GATE;
	}
	/* an approved leaflet printing a detail the settings leave empty
	 * is refused, as one printing template text is */
	if (placeholder_expand(u->doc, bt->site, u->path, approved) > 0 &&
	    approved) {
		u->refused |= REFUSED_SET;
		u->refuse_why = REFUSED_BY_GATE;
	}
	if (bt->biblio != NULL) {
		biblio_number(bt->biblio, order, u->doc, u->path);
		biblio_check_bare(bt->biblio, u->path, u->src.body,
		    u->src.body_len);
	}
	if (bt->glossary != NULL)
		glossary_scan(bt->glossary, u->doc, use, shared_use != NULL);
	for (n = u->doc->first, u->nbody = 0; n != NULL; n = n->next)
		u->nbody++;
	if (handout) {
		if (bt->glossary != NULL)
			glossary_append(bt->glossary, use, u->doc,
			    "Words used in this leaflet");
		if (bt->biblio != NULL)
			biblio_append(bt->biblio, order, u->doc,
			    "Sources of information");
	}
out:
	cite_order_free(&own_order);
	gloss_use_free(&own_use);
	u->errors = (int)(diag_count(DIAG_ERROR) + diag_count(DIAG_FATAL) -
	    before);
}

static void
load_unit(struct batch *bt, struct unit *u, int handout)
{
	load_unit_with(bt, u, handout, NULL, NULL);
}

static void
free_unit(struct unit *u)
{
	free(u->path);
	free(u->slug);
	source_free(&u->src);
	fmatter_free(&u->meta);
	doc_free(u->doc);
}

static void
add_text_node(struct node *parent, const char *s, size_t len)
{
	struct node *t;

	if (len == 0)
		return;
	t = doc_new(NODE_TEXT, 0, 0);
	t->text = xstrndup(s, len);
	doc_append(parent, t);
}

static void
add_link_node(struct node *parent, char *uri, const char *s, size_t len)
{
	struct node *l = doc_new(NODE_LINK, 0, 0);

	l->text = uri;
	add_text_node(l, s, len);
	doc_append(parent, l);
}

/*
 * A contact detail, linked where a reader can follow it: a web address,
 * an email address (mailto:), and every phone number in it (tel:; nine
 * digits or more, as in "the acute oncology line, 0161 496 0999").
 */
static void
contact_value(struct node *para, const char *s)
{
	size_t len = strlen(s), i = 0, from = 0, end;
	const char *at = strchr(s, '@');

	if (strpbrk(s, " <>\"") == NULL && (strncmp(s, "https://", 8) == 0 ||
	    strncmp(s, "http://", 7) == 0 || strncmp(s, "www.", 4) == 0)) {
		add_link_node(para, xasprintf("%s%s", s[0] == 'w' ?
		    "https://" : "", s), s, len);
		return;
	}
	if (strpbrk(s, " <>\"") == NULL && at != NULL && at > s &&
	    strchr(at + 1, '.') != NULL) {
		add_link_node(para, xasprintf("mailto:%s", s), s, len);
		return;
	}
	while (i < len) {
		if (!anchor_phone(s, len, i, &end)) {
			i = end;
			continue;
		}
		add_text_node(para, s + from, i - from);
		add_link_node(para, anchor_tel(s + i, end - i), s + i,
		    end - i);
		i = from = end;
	}
	add_text_node(para, s + from, len - from);
}

/* The version and its dates, in words (the PIF TICK and the NHS
 * standard ask for the publication and the next review date both). */
static void
governance_line(struct unit *u)
{
	const struct docmeta *m = &u->meta;
	struct node *para, *txt;
	struct buf b;

	if (m->published < 0 && m->review_due < 0)
		return;
	buf_init(&b);
	if (m->version != NULL)
		buf_printf(&b, "Version %s. ", m->version);
	if (m->published >= 0) {
		buf_adds(&b, "Published ");
		date_format_words_lang(&b, m->published, m->lang);
		buf_adds(&b, ". ");
	}
	if (m->review_due >= 0) {
		buf_adds(&b, "Next review due by ");
		date_format_words_lang(&b, m->review_due, m->lang);
		buf_adds(&b, ".");
	}
	para = doc_new(NODE_PARAGRAPH, 0, 0);
	txt = doc_new(NODE_TEXT, 0, 0);
	txt->text = buf_take(&b);
	doc_append(para, txt);
	doc_append(u->doc, para);
}

/* Append the standard disclaimer and the contact box to a handout. */
static void
append_back_matter(struct batch *bt, struct unit *u, struct node *disclaimer)
{
	const struct publisher *p = bt->site != NULL ?
	    &bt->site->publisher : NULL;
	struct node *box, *para, *txt, *c, *next;
	const char *labels[SITE_CONTACT_MAX], *values[SITE_CONTACT_MAX];
	int i, n;

	if (u->doc == NULL)
		return;
	if (disclaimer != NULL) {
		struct node *h = doc_new(NODE_HEADING, disclaimer->line, 1);

		h->level = 2;
		txt = doc_new(NODE_TEXT, disclaimer->line, 1);
		txt->text = xstrdup("About this leaflet");
		doc_append(h, txt);
		doc_append(u->doc, h);
		for (c = disclaimer->first; c != NULL; c = next) {
			next = c->next;
			doc_unlink(c);
			doc_append(u->doc, c);
		}
	}
	governance_line(u);
	if (p == NULL)
		return;
	n = site_contact(p, labels, values);
	box = doc_new(NODE_CALLOUT, 0, 0);
	box->level = CALLOUT_NOTE;
	box->flags |= NODE_CONTACT;
	box->info = xasprintf("Contact %s", p->name != NULL ? p->name :
	    "your care team");
	for (i = 0; i < n; i++) {
		struct node *strong;

		para = doc_new(NODE_PARAGRAPH, 0, 0);
		strong = doc_new(NODE_STRONG, 0, 0);
		txt = doc_new(NODE_TEXT, 0, 0);
		txt->text = xasprintf("%s:", labels[i]);
		doc_append(strong, txt);
		doc_append(para, strong);
		txt = doc_new(NODE_TEXT, 0, 0);
		txt->text = xstrdup(" ");
		doc_append(para, txt);
		contact_value(para, values[i]);
		doc_append(box, para);
	}
	doc_append(u->doc, box);
}

/* The marks a file's review state calls for, on the build date. */
static int
review_marks(const struct batch *bt, const struct docmeta *m)
{
	int marks = 0;

	if (m->status != STATUS_APPROVED || m->approved_by == NULL ||
	    m->approved_by[0] == '\0')
		marks |= MARK_DRAFT;
	if (m->review_due >= 0 && m->review_due < bt->o->today)
		marks |= MARK_OVERDUE;
	return marks;
}

/* Review state on the build date: marks and errors. */
static void
check_review(struct batch *bt, struct unit *u)
{
	const struct docmeta *m = &u->meta;
	char due[11];

	u->marks = review_marks(bt, m);
	if (m->review_due < 0)
		return;
	date_format_iso(m->review_due, due);
	if (m->review_due < bt->o->today) {
		if (bt->o->allow_overdue)
			diag_warning(u->path, m->line_review_due,
			    m->col_review_due, "review overdue since %s: "
			    "the handout is marked REVIEW OVERDUE", due);
		else {
			diag_error(u->path, m->line_review_due,
			    m->col_review_due, "review overdue since %s: "
			    "review the content and update review_due, or "
			    "build with --allow-overdue to print it marked "
			    "REVIEW OVERDUE", due);
			u->errors++;
			u->refused |= REFUSED_ALL;
			u->refuse_why = "its review is overdue";
		}
	} else if (m->review_due - bt->o->today <= REVIEW_WARN_DAYS)
		diag_warning(u->path, m->line_review_due, m->col_review_due,
		    "review due on %s (in %ld days): plan the review now",
		    due, m->review_due - bt->o->today);
}

/*
 * The release gate for a handout of this set: an approved one prints the
 * publisher's details and the disclaimer unmarked, so they must be real
 * and approved; a draft only hears what is missing.
 */
static void
gate_handout(struct batch *bt, struct unit *u)
{
	unsigned before = diag_count(DIAG_ERROR);

	if (u->marks & MARK_DRAFT) {
		gate_publisher(bt->site, 0);
		return;
	}
	gate_publisher(bt->site, 1);
	if (bt->disc_draft != NULL)
		diag_error(bt->disc_draft, bt->disc_line, bt->disc_col,
		    "the disclaimer is a draft, and approved handouts print it "
		    "without a DRAFT mark: approve it (status, approved_by, "
		    "approved_on) or set the handouts back to draft");
	if (diag_count(DIAG_ERROR) != before) {
		u->errors += (int)(diag_count(DIAG_ERROR) - before);
		u->refused |= REFUSED_SET;
		if (u->refuse_why == NULL)
			u->refuse_why = REFUSED_BY_GATE;
	}
}

/*
 * Rendering and writing a PDF is half the time of a build and needs
 * nothing from later files, so it runs in a child process while the
 * parent typesets the next file: up to one child per processor
 * (LEAFPRESS_JOBS overrides; 1 renders in place).  A child's only
 * messages are fatal ones, printed by itself; its exit status tells the
 * parent whether the file was written.
 */
static void
wait_render(struct batch *bt)
{
	int status, i, ok;
	pid_t pid;

	if ((pid = waitpid(-1, &status, 0)) <= 0)
		return;
	bt->running--;
	ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
	if (!ok) {
		bt->failed_system = 1;
		diag_count_fatal();
	}
	for (i = 0; i < bt->nrenders; i++)
		if (bt->renders[i].pid == pid) {
			struct render *r = &bt->renders[i];

			if (ok)
				manifest_wrote(bt->manifest, r->set, r->source,
				    r->path);
			free(r->set);
			free(r->source);
			free(r->path);
			*r = bt->renders[--bt->nrenders];
			break;
		}
}

/* path is written from source (a content file) in the set being built. */
static void
write_pdf(struct batch *bt, struct pagedoc *pd, const char *path,
    const char *source)
{
	unsigned char *pdf = NULL;
	size_t len = 0;
	pid_t pid;

	if (bt->hold)
		return;
	if (bt->jobs > 1) {
		while (bt->running >= bt->jobs)
			wait_render(bt);
		fflush(NULL);
		pid = fork();
		if (pid == 0) {
			int rc = pdfout_render(pd, &pdf, &len) != 0 ||
			    outfile_write(path, pdf, len) != 0;

			free(pdf);
			fflush(NULL);
			_exit(rc ? EXIT_SYSTEM : 0);
		}
		if (pid > 0) {
			bt->running++;
			ARRAY_GROW(bt->renders, bt->nrenders, bt->renders_cap);
			bt->renders[bt->nrenders].pid = pid;
			bt->renders[bt->nrenders].set = xstrdup(bt->set_name);
			bt->renders[bt->nrenders].source = xstrdup(source);
			bt->renders[bt->nrenders++].path = xstrdup(path);
			return;
		}
		/* no process to spare: render here */
	}
	if (pdfout_render(pd, &pdf, &len) != 0 ||
	    outfile_write(path, pdf, len) != 0)
		bt->failed_system = 1;
	else
		manifest_wrote(bt->manifest, bt->set_name, source, path);
	free(pdf);
}

static void
wait_all(struct batch *bt)
{
	while (bt->running > 0)
		wait_render(bt);
}

static void
write_handout(struct batch *bt, struct unit *u, struct target *tg)
{
	struct typeset_input in;
	struct pagedoc *pd;
	char *path;
	unsigned before = diag_count(DIAG_ERROR) + diag_count(DIAG_FATAL);

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
	if (diag_count(DIAG_ERROR) + diag_count(DIAG_FATAL) != before)
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

/*
 * The tree of the web page: on a screen the first use of each glossary
 * term in the text links to its definition (the printed handout keeps
 * plain words); the back matter is set aside while the text is scanned.
 */
static struct node *
web_doc(struct batch *bt, const struct unit *u)
{
	struct node *doc = doc_clone(u->doc), *held, *c, *next;
	struct gloss_use use;
	int i = 0;

	if (bt->glossary == NULL)
		return doc;
	memset(&use, 0, sizeof(use));
	held = doc_new(NODE_DOCUMENT, 0, 0);
	for (c = doc->first; c != NULL; c = next) {
		next = c->next;
		if (i++ >= u->nbody) {
			doc_unlink(c);
			doc_append(held, c);
		}
	}
	glossary_scan(bt->glossary, doc, &use, 1);
	for (c = held->first; c != NULL; c = next) {
		next = c->next;
		doc_unlink(c);
		doc_append(doc, c);
	}
	doc_free(held);
	gloss_use_free(&use);
	return doc;
}

static void
write_web_handout(struct batch *bt, struct unit *u)
{
	struct htmlout_input hi;
	struct node *doc = NULL;

	if (bt->o->check_only || u->slug == NULL)
		return;
	memset(&hi, 0, sizeof(hi));
	hi.file = u->path;
	if (u->errors == 0 && u->doc != NULL)
		doc = web_doc(bt, u);
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

/* handouts/ for the main layout, large-print/ for large print, else a
 * folder named after the layout. */
static char *
out_dir_for(const char *root, const struct layout *L, int main_layout)
{
	if (main_layout)
		return xasprintf("%s/handouts", root);
	if (strncmp(L->name, "large-print", 11) == 0)
		return xasprintf("%s/large-print", root);
	return xasprintf("%s/%s", root, L->name);
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
		unsigned before = diag_count(DIAG_ERROR) +
		    diag_count(DIAG_FATAL);

		tg->layout = layout_load(o->layouts_dir, names[i]);
		if (tg->layout == NULL) {
			bt->targets_failed = 1;
			continue;
		}
		if (!target_wanted(bt, tg->layout)) {
			layout_free(tg->layout);
			continue;
		}
		tg->fonts = fontset_open(tg->layout, o->fonts_dir);
		if (tg->fonts == NULL) {
			layout_free(tg->layout);
			bt->targets_failed = 1;
			continue;
		}
		if (tg->layout->hyphenate) {
			char *exc = xasprintf("%s/hyphenation-en.txt",
			    o->layouts_dir);

			tg->hyph = hyph_open(tg->layout->hyphen_lang != NULL ?
			    tg->layout->hyphen_lang : "en-GB",
			    access(exc, F_OK) == 0 ? exc : NULL);
			free(exc);
			/* never set without the words it must not break */
			if (tg->hyph == NULL)
				bt->targets_failed = 1;
		}
		/* a font of the chain that cannot be read leaves the others
		 * usable, but the set would print in the wrong font */
		if (diag_count(DIAG_ERROR) + diag_count(DIAG_FATAL) != before)
			bt->targets_failed = 1;
		tg->out_dir = out_dir_for(bt->out_root, tg->layout, i == 0 &&
		    (o->layout == NULL ||
		    strcmp(tg->layout->name, "handout-a4") == 0));
		bt->ntargets++;
	}
}

/* Is name among the n names asked for?  None asked for means all. */
static int
selected(const char *const *names, int n, const char *name)
{
	int i;

	if (n == 0)
		return 1;
	for (i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return 1;
	return 0;
}

/* Parse the disclaimer for appending to a handout (fresh each time, as
 * its nodes move into the handout). */
static struct node *
load_disclaimer(struct batch *bt)
{
	struct unit u;
	struct node *doc;
	int collect;

	memset(&u, 0, sizeof(u));
	u.path = xasprintf("%s/disclaimer.md", bt->o->content_dir);
	if (access(u.path, R_OK) != 0) {
		free(u.path);
		return NULL;
	}
	collect = bt->collect;
	bt->collect = 0;	/* measured once, with the chapters */
	u.context = MD_HANDOUT;	/* it goes into each handout */
	load_unit(bt, &u, 0);
	bt->collect = collect;
	free(bt->disc_draft);
	bt->disc_draft = NULL;
	if (u.meta.id != NULL && (u.marks & MARK_DRAFT)) {
		bt->disc_draft = xstrdup(u.path);
		bt->disc_line = u.meta.line_status;
		bt->disc_col = u.meta.col_status;
	}
	doc = u.errors == 0 ? u.doc : NULL;
	if (doc == NULL)
		doc_free(u.doc);
	u.doc = NULL;
	free_unit(&u);
	return doc;
}

/* Parse a booklet part ("chapters/x") into u; 0 if usable. */
static int
load_part(struct batch *bt, struct unit *u, const char *entry,
    struct cite_order *order, struct gloss_use *use)
{
	memset(u, 0, sizeof(*u));
	u->path = xasprintf("%s/%s.md", bt->o->content_dir, entry);
	if (access(u->path, R_OK) != 0) {
		diag_error(bt->site->path, 0, 0, "the booklet lists '%s', but "
		    "there is no file %s: fix the chapter list or add the "
		    "file", entry, u->path);
		return -1;
	}
	if (escapes(bt->o->content_dir, u->path))
		return -1;
	load_unit_with(bt, u, 0, order, use);
	if (u->meta.id != NULL)
		u->marks = review_marks(bt, &u->meta);
	return u->errors > 0 || u->doc == NULL ? -1 : 0;
}

/* A part of the booklet that a released booklet prints unmarked. */
static void
gate_booklet_part(const struct unit *u, const char *what)
{
	if (u->path == NULL || u->meta.id == NULL || !(u->marks & MARK_DRAFT))
		return;
	diag_error(u->path, u->meta.line_status, u->meta.col_status,
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
gate_whole_booklet(struct batch *bt, const struct unit *inside,
    const struct unit *units, int n, const struct unit *disc,
    const struct unit *trials)
{
	unsigned before = diag_count(DIAG_ERROR);
	int i, parts = 0, drafts = 0, overdue = 0;

	for (i = -1; i < n; i++) {
		const struct unit *u = i < 0 ? inside : &units[i];

		if (u->path == NULL || u->meta.id == NULL)
			continue;
		parts++;
		drafts += (u->marks & MARK_DRAFT) != 0;
		overdue += (u->marks & MARK_OVERDUE) != 0;
	}
	/* a chapter past its review is refused in the booklet as in its
	 * handout (said at its review date already) */
	if (overdue > 0 && !bt->o->allow_overdue)
		return "the review of a chapter in it is overdue";
	if (drafts == parts) {
		gate_publisher(bt->site, 0);
		return NULL;
	}
	if (drafts > 0) {
		for (i = -1; i < n; i++) {
			const struct unit *u = i < 0 ? inside : &units[i];

			if (u->path != NULL && u->meta.id != NULL &&
			    (u->marks & MARK_DRAFT))
				diag_warning(u->path, u->meta.line_status,
				    u->meta.col_status, "this chapter is a "
				    "draft, so the booklet is marked DRAFT "
				    "although %d of its %d chapters are "
				    "approved: approve it to release the "
				    "booklet", parts - drafts, parts);
		}
		gate_publisher(bt->site, 0);
		return NULL;
	}
	gate_publisher(bt->site, 1);
	gate_booklet(bt->site);
	gate_booklet_part(disc, "disclaimer");
	gate_booklet_part(trials, "clinical trials disclaimer");
	return diag_count(DIAG_ERROR) != before ? "the release gate refused "
	    "it (see the errors above)" : NULL;
}

/* The booklet and its imposed print edition. */
static void
write_booklet(struct batch *bt)
{
	const struct site *site = bt->site;
	struct booklet_input in;
	struct target tg;
	struct unit *units, inside, disc, trials;
	struct cite_order order;
	struct gloss_use use;
	struct pagedoc *pd, *print;
	unsigned before = diag_count(DIAG_ERROR) + diag_count(DIAG_FATAL);
	int i, bad = 0;
	const char *refused;
	char *path;

	memset(&tg, 0, sizeof(tg));
	bt->collect = 0;	/* every part was measured already */
	/* a booklet not made this time keeps its earlier files */
	manifest_keep(bt->manifest, bt->set_name, site->path);
	tg.layout = layout_load(bt->o->layouts_dir, site->booklet_layout);
	if (tg.layout == NULL)
		return;
	tg.fonts = fontset_open(tg.layout, bt->o->fonts_dir);
	if (tg.fonts == NULL) {
		layout_free(tg.layout);
		return;
	}
	memset(&order, 0, sizeof(order));
	memset(&use, 0, sizeof(use));
	memset(&in, 0, sizeof(in));
	memset(&inside, 0, sizeof(inside));
	memset(&disc, 0, sizeof(disc));
	memset(&trials, 0, sizeof(trials));
	units = xcalloc((size_t)site->nchapters + 1, sizeof(*units));
	in.chapters = xcalloc((size_t)site->nchapters + 1,
	    sizeof(*in.chapters));
	if (site->booklet_inside != NULL) {
		bad |= load_part(bt, &inside, site->booklet_inside, &order,
		    &use);
		in.inside.path = inside.path;
		in.inside.doc = inside.doc;
		in.inside.meta = &inside.meta;
		in.inside.marks = inside.marks;
	}
	for (i = 0; i < site->nchapters; i++) {
		bad |= load_part(bt, &units[i], site->chapters[i], &order,
		    &use);
		in.chapters[i].path = units[i].path;
		in.chapters[i].doc = units[i].doc;
		in.chapters[i].meta = &units[i].meta;
		in.chapters[i].marks = units[i].marks;
	}
	in.nchapters = site->nchapters;
	path = xasprintf("%s/disclaimer.md", bt->o->content_dir);
	if (access(path, R_OK) == 0 && load_part(bt, &disc, "disclaimer",
	    &order, &use) == 0) {
		in.disclaimer.path = disc.path;
		in.disclaimer.doc = disc.doc;
		in.disclaimer.meta = &disc.meta;
	}
	free(path);
	path = xasprintf("%s/trials-disclaimer.md", bt->o->content_dir);
	if (access(path, R_OK) == 0 && load_part(bt, &trials,
	    "trials-disclaimer", &order, &use) == 0) {
		in.trials.path = trials.path;
		in.trials.doc = trials.doc;
		in.trials.meta = &trials.meta;
	}
	free(path);
	if ((refused = gate_whole_booklet(bt, &inside, units,
	    site->nchapters, &disc, &trials)) != NULL)
		bad = 1;
	in.site = site;
	in.site_path = site->path;
	in.biblio = bt->biblio;
	in.order = &order;
	in.glossary = bt->glossary;
	in.use = &use;
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
	if (!bad && diag_count(DIAG_ERROR) + diag_count(DIAG_FATAL) == before &&
	    !bt->o->check_only) {
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
	for (i = 0; i < site->nchapters; i++)
		free_unit(&units[i]);
	free(units);
	free(in.chapters);
	free_unit(&inside);
	free_unit(&disc);
	free_unit(&trials);
	cite_order_free(&order);
	gloss_use_free(&use);
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

static int
render_jobs(const struct build_opts *o)
{
	const char *env = getenv("LEAFPRESS_JOBS");
	long n;

	if (o->jobs > 0)
		return o->jobs;
	/* one by default: a render child per PDF costs two to three times
	 * the CPU (copy-on-write faults, fonts opened again) and was slower
	 * even on two cores (make bench) */
	if (env != NULL && *env != '\0')
		n = strtol(env, NULL, 10);
	else
		n = 1;
	return n < 1 ? 1 : n > 8 ? 8 : (int)n;
}

/* Close the layouts of one output set. */
static void
close_targets(struct batch *bt)
{
	int j;

	for (j = 0; j < bt->ntargets; j++) {
		layout_free(bt->targets[j].layout);
		fontset_free(bt->targets[j].fonts);
		hyph_free(bt->targets[j].hyph);
		free(bt->targets[j].out_dir);
	}
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
run_set(struct batch *bt, const char *out_root, char **files, int nfiles,
    int by_path)
{
	const struct build_opts *o = bt->o;
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
		char *dir = xstrdup(o->output), *slash = strrchr(dir, '/');

		if (slash != NULL && slash != dir) {
			*slash = '\0';
			if (outfile_mkdirs(dir) != 0)
				bt->failed_system = 1;
		}
		free(dir);
	} else if (!o->check_only) {
		for (j = 0; j < bt->ntargets && !bt->failed_system; j++) {
			if (outfile_mkdirs(bt->targets[j].out_dir) == 0)
				outfile_clean_stale(bt->targets[j].out_dir);
			else
				bt->failed_system = 1;
		}
		if (web_wanted(o) && !bt->failed_system) {
			char *web = xasprintf("%s/html", out_root);

			if (outfile_mkdirs(web) == 0)
				outfile_clean_stale(web);
			else
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
	for (i = 0; i < nfiles && !bt->failed_system; i++) {
		struct unit u;
		char *slug = slug_of(files[i]);
		int want = by_path || selected(o->slugs, o->nslugs, slug);

		free(slug);
		if (!want)
			continue;
		memset(&u, 0, sizeof(u));
		u.path = xstrdup(files[i]);
		if (o->progress)
			fprintf(stderr, "\r%s[%d/%d] %s\033[K", bt->set_label,
			    i + 1, nfiles, u.path);
		load_unit(bt, &u, 1);
		copy = disc != NULL ? doc_clone(disc) : NULL;
		append_back_matter(bt, &u, copy);
		doc_free(copy);
		if (u.meta.id != NULL) {
			check_review(bt, &u);
			gate_handout(bt, &u);
		}
		/* a problem in every layout is said once; one in some
		 * layouts names them */
		diag_group_begin();
		for (j = 0; j < bt->ntargets && u.doc != NULL; j++) {
			char *label = xasprintf("layout %s",
			    bt->targets[j].layout->name);

			diag_group_item(label);
			free(label);
			write_handout(bt, &u, &bt->targets[j]);
		}
		diag_group_end();
		if (web_wanted(o))
			write_web_handout(bt, &u);
		/* what may no longer be printed goes; a file with errors of
		 * its own keeps its earlier outputs */
		if (u.refused != 0 && !bt->hold)
			manifest_refuse(bt->manifest, (u.refused &
			    REFUSED_ALL) ? NULL : bt->set_name, u.path,
			    u.refuse_why);
		else if (u.errors > 0 || u.doc == NULL)
			manifest_keep(bt->manifest, bt->set_name, u.path);
		free_unit(&u);
	}
	doc_free(disc);
	if (o->progress && nfiles > 0)
		fprintf(stderr, "\r\033[K");
	if (booklet_wanted(bt, by_path) && !bt->failed_system) {
		if (!o->check_only && outfile_mkdirs(out_root) == 0)
			outfile_clean_stale(out_root);
		write_booklet(bt);
	}
	wait_all(bt);
	/* built whole: what the set no longer writes (a layout or chapter
	 * list changed) may go */
	if (!by_path && o->nslugs == 0 && o->layout == NULL && o->only == 0 &&
	    !bt->hold && !bt->targets_failed && !bt->failed_system)
		manifest_complete(bt->manifest, bt->set_name);
	close_targets(bt);
}

static int
clinic_collides(const struct batch *bt, const char *name)
{
	int i;

	for (i = 0; i < bt->ntop; i++)
		if (strcmp(bt->top[i], name) == 0)
			return 1;
	return 0;
}

/* Remember name as written directly in --out; 0 if it was already. */
static int
reserve(struct batch *bt, const char *name)
{
	if (clinic_collides(bt, name))
		return 0;
	ARRAY_GROW(bt->top, bt->ntop, bt->topcap);
	bt->top[bt->ntop++] = xstrdup(name);
	return 1;
}

/*
 * What the main set writes directly in --out: handouts/ (the first
 * layout), large-print/, a folder per other layout, the booklets.  Two
 * layouts sharing a folder, or a clinic whose folder (--out/<name>) is
 * one of them, would overwrite each other: errors, found before anything
 * is written.  Returns how many.
 */
static int
reserve_top(struct batch *bt, int clinics)
{
	const struct site *s = bt->site;
	char *dir, **names, *path;
	const char *name;
	int n = 0, j, errors = 0;

	reserve(bt, "booklet.pdf");
	reserve(bt, "booklet-print.pdf");
	for (j = 0; bt->o->layout == NULL && bt->o->output == NULL &&
	    j < s->nlayouts; j++) {
		name = j == 0 ? "handouts" : strncmp(s->layouts[j],
		    "large-print", 11) == 0 ? "large-print" : s->layouts[j];
		if (reserve(bt, name))
			continue;
		diag_error(s->path, s->layout_lines[j], s->layout_cols[j],
		    "layouts: %s would write its handouts into %s/%s, as "
		    "another layout listed here does, and replace them; "
		    "build only one of them", s->layouts[j], bt->o->out_dir,
		    name);
		errors++;
	}
	reserve(bt, "handouts");
	reserve(bt, "large-print");
	dir = xasprintf("%s/clinics", bt->o->content_dir);
	names = clinics ? source_list(dir, ".yaml", &n) : NULL;
	for (j = 0; clinics && j < n; j++) {
		if (selected(bt->o->clinics, bt->o->nclinics, names[j]) &&
		    clinic_collides(bt, names[j])) {
			path = xasprintf("%s/%s.yaml", dir, names[j]);
			diag_error(path, 0, 0, "this clinic's leaflets would "
			    "go into %s/%s, which the main set writes, and "
			    "replace them: rename the clinic file",
			    bt->o->out_dir, names[j]);
			free(path);
			errors++;
		}
	}
	source_list_free(names);
	free(dir);
	return errors;
}

/* content/clinics/<name>.yaml: each clinic gets its own set. */
static void
run_clinics(struct batch *bt, char **files, int nfiles, int by_path)
{
	const struct build_opts *o = bt->o;
	char *dir = xasprintf("%s/clinics", o->content_dir), *path, *out;
	struct site *base = bt->site, *site;
	char **names;
	int n, i;

	names = source_list(dir, ".yaml", &n);
	for (i = 0; i < n && !bt->failed_system; i++) {
		if (!selected(o->clinics, o->nclinics, names[i]))
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
			run_set(bt, out, files, nfiles, by_path);
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
	bt.jobs = render_jobs(o);
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
	files = list_markdown(o->content_dir, dir, &nfiles);
	free(dir);
	for (i = 0; i < nfiles && o->nslugs == 0 && !by_path; i++) {
		struct unit u;

		memset(&u, 0, sizeof(u));
		u.path = files[i];
		files[i] = NULL;
		load_unit(&bt, &u, 0);
		if (u.meta.id != NULL)
			check_review(&bt, &u);
		free_unit(&u);
	}
	for (i = 0; i < nfiles; i++)
		free(files[i]);
	free(files);
	for (i = 0; i < 2 && o->nslugs == 0 && !by_path; i++) {
		struct unit u;

		memset(&u, 0, sizeof(u));
		u.path = xasprintf("%s/%s.md", o->content_dir, i == 0 ?
		    "disclaimer" : "trials-disclaimer");
		if (access(u.path, R_OK) == 0)
			load_unit(&bt, &u, 0);
		free_unit(&u);
	}

	if (by_path) {
		/* files named on the command line, as given */
		files = xcalloc((size_t)o->nslugs + 1, sizeof(*files));
		for (i = 0; i < o->nslugs; i++)
			files[i] = xstrdup(o->slugs[i]);
		nfiles = o->nslugs;
	} else {
		dir = xasprintf("%s/therapies", o->content_dir);
		files = list_markdown(o->content_dir, dir, &nfiles);
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
	/* output folders that collide: nothing is built */
	built = (bt.site == NULL || reserve_top(&bt, o->output == NULL ||
	    o->nclinics > 0) == 0) && (bt.site != NULL || by_path);
	/* every handout read once before anything is written: two files
	 * with one id leave nothing written */
	for (i = 0; built && i < nfiles; i++) {
		struct unit u;
		char *slug = slug_of(files[i]);
		int want = by_path || selected(o->slugs, o->nslugs, slug);

		free(slug);
		if (!want)
			continue;
		memset(&u, 0, sizeof(u));
		u.path = xstrdup(files[i]);
		load_unit(&bt, &u, 1);
		free_unit(&u);
	}
	bt.collect = 0;
	if (built) {
		if (o->nclinics == 0)
			run_set(&bt, o->out_dir, files, nfiles, by_path);
		bt.collect = 0;
		if (bt.site != NULL && (o->output == NULL || o->nclinics > 0))
			run_clinics(&bt, files, nfiles, by_path);
	}
	/* nothing is known to be stale after a failure that stopped the
	 * run */
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
	for (i = 0; i < bt.ntop; i++)
		free(bt.top[i]);
	free(bt.top);
	for (i = 0; i < bt.nids; i++) {
		free(bt.ids[i]);
		free(bt.id_paths[i]);
	}
	free(bt.ids);
	free(bt.id_paths);
	free(bt.disc_draft);
	free(bt.renders);
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
