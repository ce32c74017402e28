/*
 * gate: the checks an approved leaflet must pass before it is written.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "doc.h"
#include "fmatter.h"
#include "gate.h"
#include "image.h"
#include "safepath.h"
#include "site.h"
#include "typeset.h"
#include "xalloc.h"

/* The details every approved leaflet prints, and why a patient needs
 * each. */
static const struct {
	enum publisher_key	 key;
	const char		*need;
} required[] = {
	{ PUB_NAME, "who publishes it" },
	{ PUB_PHONE, "the number patients call with questions" },
	{ PUB_URGENT, "where patients get urgent help" },
};

int
gate_template(const char *name, const char *value,
    const struct site_origin *at)
{
	if (value == NULL || !site_is_template(value))
		return 0;
	diag_error(at->file, at->line, at->col, "%s is still the template's "
	    "placeholder '%s', which an approved leaflet or booklet would "
	    "print: write the real text here", name, value);
	return 1;
}

/* A publisher detail still template text, in an approved document. */
static int
template_detail(const struct site *s, enum publisher_key k)
{
	const struct publisher *p = &s->publisher;
	const char *v = site_publisher_value(p, k);
	const struct site_origin *at = &p->at[k];

	if (v == NULL || !site_is_template(v))
		return 0;
	if (s->clinic_path != NULL && at->file != s->clinic_path)
		/* the clinic left it out: say where it would go too */
		diag_error(at->file, at->line, at->col, "publisher.%s is still "
		    "the template's placeholder '%s', and %s gives no %s of "
		    "its own, so its approved leaflets would print this: "
		    "write the real details here, or give %s in that clinic "
		    "file", site_publisher_key(k), v, s->clinic_path,
		    site_publisher_key(k), site_publisher_key(k));
	else
		diag_error(at->file, at->line, at->col, "publisher.%s is still "
		    "the template's placeholder '%s', which an approved "
		    "leaflet would print: write the real details here",
		    site_publisher_key(k), v);
	return 1;
}

/* A detail every leaflet shows that no file gives (or gives empty). */
static int
missing_detail(const struct site *s, int i, int approved)
{
	const struct publisher *p = &s->publisher;
	enum publisher_key k = required[i].key;
	const char *v = site_publisher_value(p, k), *key;
	const struct site_origin *at = &p->at[k];
	int empty = at->file != NULL;

	if (v != NULL && v[0] != '\0')
		return 0;
	key = site_publisher_key(k);
	if (!empty)
		at = &p->block;
	if (approved) {
		if (empty)
			diag_error(at->file, at->line, at->col, "publisher.%s "
			    "is empty, and an approved leaflet must show %s: "
			    "write it here", key, required[i].need);
		else
			diag_error(at->file, at->line, at->col, "publisher.%s "
			    "is not given, and an approved leaflet must show "
			    "%s: add '%s:' under 'publisher:' in %s", key,
			    required[i].need, key, at->file);
		return 1;
	}
	/* a missing settings file was said already */
	if (!s->missing)
		diag_warning(at->file, at->line, at->col, "publisher.%s is %s: "
		    "the handouts do not show %s; fill it in before approving "
		    "them", key, empty ? "empty" : "not given",
		    required[i].need);
	return 0;
}

int
gate_publisher(const struct site *s, int approved)
{
	size_t i;
	int errors = 0, k;

	if (s == NULL)
		return 0;
	for (k = 0; approved && k < PUB_KEY_MAX; k++)
		errors += template_detail(s, (enum publisher_key)k);
	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		errors += missing_detail(s, (int)i, approved);
	return errors;
}

int
gate_handout(const struct site *s, int marks,
    const struct site_origin *draft_disclaimer)
{
	struct diag_scope errors;

	if (marks & MARK_DRAFT) {
		gate_publisher(s, 0);
		return 0;
	}
	diag_scope_open(&errors);
	gate_publisher(s, 1);
	if (draft_disclaimer != NULL)
		diag_error(draft_disclaimer->file, draft_disclaimer->line,
		    draft_disclaimer->col, "the disclaimer is a draft, and "
		    "approved handouts print it without a DRAFT mark: approve "
		    "it (status, approved_by, approved_on) or set the handouts "
		    "back to draft");
	diag_scope_close(&errors);
	return (int)errors.errors;
}

int
gate_booklet(const struct site *s)
{
	if (s == NULL)
		return 0;
	return gate_template("booklet.title", s->booklet_title,
	    &s->title_at) + gate_template("booklet.subtitle",
	    s->booklet_subtitle, &s->subtitle_at) +
	    gate_template("booklet.edition", s->edition, &s->edition_at);
}

/* Does the relative path p climb out with a ".." part? */
static int
climbs(const char *p)
{
	size_t n;

	while (*p != '\0') {
		n = strcspn(p, "/");
		if (n == 2 && p[0] == '.' && p[1] == '.')
			return 1;
		p += n;
		while (*p == '/')
			p++;
	}
	return 0;
}

int
gate_logo(struct site *s, const char *content_dir)
{
	struct publisher *p;
	const struct site_origin *at;
	struct image *img = NULL;
	char *full = NULL;

	if (s == NULL || s->publisher.logo == NULL ||
	    s->publisher.logo[0] == '\0')
		return 0;
	p = &s->publisher;
	at = &p->at[PUB_LOGO];
	if (strstr(p->logo, "://") != NULL || p->logo[0] == '/' ||
	    climbs(p->logo))
		diag_error(at->file, at->line, at->col, "publisher.logo: '%s' "
		    "is not a picture inside the content folder: copy the "
		    "picture into %s and give its path from there, such as "
		    "images/logo.png", p->logo, content_dir);
	else {
		full = xasprintf("%s/%s", content_dir, p->logo);
		if (!safepath_inside(content_dir, full))
			diag_error(at->file, at->line, at->col, "publisher.logo: "
			    "'%s' leads outside the content folder (through a "
			    "link): copy the picture into %s", p->logo,
			    content_dir);
		else if (access(full, F_OK) != 0)
			diag_error(at->file, at->line, at->col, "publisher.logo: "
			    "there is no picture '%s' in %s: check the name "
			    "(the path is read from the content folder), or "
			    "write \"\" for no logo", p->logo, content_dir);
		else
			img = image_load(full, at->file, at->line, at->col);
	}
	free(full);
	if (img != NULL) {
		image_free(img);
		return 0;
	}
	free(p->logo);
	p->logo = NULL;
	return 1;
}

/* Text in square brackets that starts with a capital and has more than
 * one word, as templates mark what to write: "[Name of the treatment]". */
static const char *
find_template(const char *s, size_t *len)
{
	const char *open, *p;
	int space;

	for (open = s; (open = strchr(open, '[')) != NULL; open++) {
		if (open[1] < 'A' || open[1] > 'Z')
			continue;
		space = 0;
		for (p = open + 1; *p != '\0' && *p != ']' && *p != '[' &&
		    *p != '\n'; p++)
			space |= *p == ' ';
		if (*p == ']' && space) {
			*len = (size_t)(p + 1 - open);
			return open;
		}
	}
	return NULL;
}

/* Template text in the front matter of an approved file. */
static int
leftover_field(const char *file, const struct docmeta *m, const char *what,
    const char *value)
{
	if (value == NULL || !site_is_template(value))
		return 0;
	diag_error(file, m->line_status, m->col_status, "status: approved, "
	    "but the %s is still the template's placeholder '%s': write the "
	    "real %s, or set status: draft", what, value, what);
	return 1;
}

int
gate_leftovers(const char *file, const struct docmeta *m,
    const struct node *doc)
{
	const struct node *n, *r;
	const char *hit;
	struct buf run;
	size_t len;
	int errors = 0;

	errors += leftover_field(file, m, "title", m->title);
	errors += leftover_field(file, m, "summary", m->summary);
	errors += leftover_field(file, m, "owner", m->owner);
	if (doc == NULL)
		return errors;
	buf_init(&run);
	for (n = doc; n != NULL; n = doc_next(doc, n)) {
		if (n->type != NODE_TEXT || (n->prev != NULL &&
		    n->prev->type == NODE_TEXT))
			continue;
		/* the parser may split "[" from the words after it */
		buf_reset(&run);
		for (r = n; r != NULL && r->type == NODE_TEXT; r = r->next)
			buf_adds(&run, r->text != NULL ? r->text : "");
		if ((hit = find_template(run.p, &len)) == NULL)
			continue;
		diag_error(file, n->line, n->col, "'%.*s%s' is template text "
		    "left in an approved leaflet: write the real text, or set "
		    "status: draft", len > 48 ? 45 : (int)len, hit,
		    len > 48 ? "...]" : "");
		errors++;
	}
	buf_free(&run);
	return errors;
}
