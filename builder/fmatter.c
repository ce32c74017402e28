/*
 * fmatter: check a content file's front matter (a yamlx tree) and fill
 * struct docmeta: required keys, value types, the id and slug rules, the
 * approval fields and the review dates.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "diag.h"
#include "fmatter.h"
#include "mdparse.h"
#include "utf8.h"
#include "xalloc.h"
#include "yamlx.h"

/* The longest a handout may go without review; a site setting may later
 * override it. */
#define FMATTER_MAX_REVIEW_YEARS	3	/* unless site.yaml says otherwise */

static int max_review_years = FMATTER_MAX_REVIEW_YEARS;

static const char *const known_keys[] = {
	"id", "title", "short_title", "slug", "summary", "version",
	"published", "reviewed", "review_due", "owner", "approved_by",
	"approved_on", "status", "lang", "keywords", NULL
};

static const char *const required_keys[] = {
	"id", "title", "version", "published", "review_due", "owner",
	"status", NULL
};

static int	 is_empty(const struct ynode *);
static void	 get_text(const char *, const struct ynode *, const char *,
		    int, char **);
static void	 get_date(const char *, const struct ynode *, const char *,
		    long *);
static void	 get_keywords(struct docmeta *, const char *,
		    const struct ynode *);
static int	 valid_id(const char *);
static int	 valid_lang(const char *);
static void	 check_approval(struct docmeta *, const char *,
		    const struct ynode *);
static void	 check_review(struct docmeta *, const char *,
		    const struct ynode *);

/* An empty value, "~" or "null" (a quoted "" too).  yamlx_string never
 * complains about a scalar. */
static int
is_empty(const struct ynode *n)
{
	const char *s;

	if (n == NULL || n->type != YNODE_SCALAR)
		return 0;
	yamlx_string(NULL, n, &s);
	return *s == '\0';
}

/* Copy the text of key into *out (left NULL if absent or empty).
 * must_fill: an empty value is an error. */
static void
get_text(const char *file, const struct ynode *root, const char *key,
    int must_fill, char **out)
{
	const struct ynode *n = yamlx_get(root, key);
	const char *s;

	if (n == NULL || yamlx_string(file, n, &s) == -1)
		return;
	if (*s != '\0')
		*out = xstrdup(s);
	else if (must_fill)
		diag_error(file, n->line, n->col, "'%s' is empty: write the "
		    "value after '%s:'", key, key);
}

/* Titles and the summary are printed as they are: no Markdown,
 * citations or placeholders (they would appear raw). */
static void
plain(const char *file, const struct ynode *root, const char *key,
    const char *s)
{
	const struct ynode *n = yamlx_get(root, key);

	if (s != NULL && n != NULL)
		md_check_plain(file, n->line, n->col, key, s);
}

/* Read the date of key; an empty value leaves -1 (required keys are
 * checked by the caller). */
static void
get_date(const char *file, const struct ynode *root, const char *key,
    long *out)
{
	const struct ynode *n = yamlx_get(root, key);

	if (n != NULL && !is_empty(n))
		yamlx_date(file, n, out);
}

static void
get_keywords(struct docmeta *m, const char *file, const struct ynode *root)
{
	const struct ynode *n = yamlx_get(root, "keywords"), *k;
	const char *s;
	int cap;

	if (n == NULL || is_empty(n))
		return;
	if (n->type != YNODE_SEQ) {
		diag_error(file, n->line, n->col, "expected a list for "
		    "'keywords', found %s: write each keyword on a line of "
		    "its own starting with '- ', or write [one, two]",
		    n->type == YNODE_MAP ? "a group of 'key: value' lines" :
		    "text");
		return;
	}
	cap = n->nchild + 1;
	free(m->keywords);
	m->keywords = xcalloc((size_t)cap, sizeof(*m->keywords));
	for (k = n->child; k != NULL; k = k->next) {
		if (yamlx_string(file, k, &s) == -1)
			continue;
		if (*s == '\0') {
			diag_warning(file, k->line, k->col, "empty keyword "
			    "ignored: remove this item");
			continue;
		}
		m->keywords[m->nkeywords++] = xstrdup(s);
	}
}

static int
valid_id(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		    *s == '-'))
			return 0;
	return 1;
}

/* A BCP 47 tag in its common form: en, en-GB, pt-BR, zh-Hant-TW. */
static int
valid_lang(const char *s)
{
	size_t n;

	for (n = 0; (s[n] >= 'a' && s[n] <= 'z') ||
	    (s[n] >= 'A' && s[n] <= 'Z'); n++)
		continue;
	if (n < 2 || n > 3)
		return 0;
	for (s += n; *s == '-'; s += n) {
		s++;
		for (n = 0; (s[n] >= 'a' && s[n] <= 'z') ||
		    (s[n] >= 'A' && s[n] <= 'Z') ||
		    (s[n] >= '0' && s[n] <= '9'); n++)
			continue;
		if (n < 1 || n > 8)
			return 0;
	}
	return *s == '\0';
}

static void
check_approval(struct docmeta *m, const char *file, const struct ynode *root)
{
	const struct ynode *n;

	if (m->status != STATUS_APPROVED)
		return;
	if (*m->approved_by == '\0') {
		n = yamlx_get(root, "approved_by");
		if (n == NULL || n->type == YNODE_SCALAR)
			diag_error(file, n ? n->line : m->line_status,
			    n ? n->col : m->col_status, "the status is "
			    "approved, so 'approved_by' must name who "
			    "approved it: write 'approved_by: <name>'");
	}
	n = yamlx_get(root, "approved_on");
	if (n == NULL || is_empty(n))
		diag_error(file, n ? n->line : m->line_status,
		    n ? n->col : m->col_status, "the status is approved, so "
		    "'approved_on' must give the date of approval: write "
		    "'approved_on: YYYY-MM-DD'");
}

/* review_due must come after published, and not too long after. */
static void
check_review(struct docmeta *m, const char *file, const struct ynode *root)
{
	const struct ynode *n = yamlx_get(root, "review_due");
	char pub[11], due[11], lim[11];
	long y, ly, dy;
	int mo, d, lmo, ld, dmo, dd;

	if (m->published < 0 || m->review_due < 0)
		return;
	date_format_iso(m->published, pub);
	date_format_iso(m->review_due, due);
	if (m->review_due <= m->published) {
		diag_error(file, n->line, n->col, "review_due (%s) must be "
		    "after published (%s)", due, pub);
		return;
	}
	/* Same day and month, max_review_years later (29 February becomes
	 * 28 February). */
	date_to_civil(m->published, &y, &mo, &d);
	ly = y + max_review_years;
	lmo = mo;
	ld = d;
	if (ld > date_days_in_month(ly, lmo))
		ld = date_days_in_month(ly, lmo);
	date_to_civil(m->review_due, &dy, &dmo, &dd);
	if (dy < ly || (dy == ly && (dmo < lmo || (dmo == lmo && dd <= ld))))
		return;
	date_format_iso(date_from_civil(ly, lmo, ld), lim);
	diag_error(file, n->line, n->col, "review_due (%s) is more than %d "
	    "years after published (%s): set a review date no later than %s",
	    due, max_review_years, pub, lim);
}

void
fmatter_set_review_years(int years)
{
	max_review_years = years > 0 ? years : FMATTER_MAX_REVIEW_YEARS;
}

int
fmatter_load(struct docmeta *m, const char *file, const char *file_slug,
    const struct ynode *root)
{
	const struct ynode *n;
	char *status = NULL, *slug = NULL;
	struct diag_scope errors;

	memset(m, 0, sizeof(*m));
	m->published = m->reviewed = m->review_due = m->approved_on = -1;
	m->status = STATUS_DRAFT;
	m->keywords = xcalloc(1, sizeof(*m->keywords));
	if (root == NULL) {
		m->lang = xstrdup("en-GB");
		return 1;
	}
	diag_scope_open(&errors);
	yamlx_check_keys(file, root, "the front matter", known_keys,
	    required_keys);
	if (root->type != YNODE_MAP) {
		m->lang = xstrdup("en-GB");
		diag_scope_close(&errors);
		return 1;
	}

	get_text(file, root, "id", 1, &m->id);
	if ((n = yamlx_get(root, "id")) != NULL) {
		m->line_id = n->line;
		m->col_id = n->col;
	}
	if (m->id != NULL && !valid_id(m->id)) {
		n = yamlx_get(root, "id");
		diag_error(file, n->line, n->col, "the id '%s' may use only "
		    "capital letters A-Z, digits and '-' (for example "
		    "LDT-TACE)", m->id);
	}
	get_text(file, root, "title", 1, &m->title);
	get_text(file, root, "short_title", 0, &m->short_title);
	get_text(file, root, "summary", 0, &m->summary);
	plain(file, root, "title", m->title);
	plain(file, root, "short_title", m->short_title);
	plain(file, root, "summary", m->summary);
	utf8_curl_quotes(&m->title);
	utf8_curl_quotes(&m->short_title);
	utf8_curl_quotes(&m->summary);
	get_text(file, root, "version", 1, &m->version);
	get_text(file, root, "owner", 1, &m->owner);
	get_text(file, root, "approved_by", 0, &m->approved_by);
	get_text(file, root, "lang", 0, &m->lang);
	get_text(file, root, "slug", 0, &slug);
	get_text(file, root, "status", 1, &status);

	if (m->short_title == NULL && m->title != NULL)
		m->short_title = xstrdup(m->title);
	if (m->approved_by == NULL)
		m->approved_by = xstrdup("");
	if (m->lang != NULL && !valid_lang(m->lang)) {
		n = yamlx_get(root, "lang");
		diag_error(file, n->line, n->col, "'lang' should be a "
		    "language tag like en-GB, not '%s'", m->lang);
	}
	if (m->lang == NULL)
		m->lang = xstrdup("en-GB");

	n = yamlx_get(root, "slug");
	if (slug != NULL && file_slug != NULL && strcmp(slug, file_slug) != 0)
		diag_error(file, n->line, n->col, "the slug '%s' does not "
		    "match the file name '%s.md': rename the file to %s.md, "
		    "or remove the slug line", slug, file_slug, slug);
	m->slug = file_slug != NULL ? xstrdup(file_slug) : slug;
	if (m->slug != slug)
		free(slug);

	if ((n = yamlx_get(root, "status")) != NULL) {
		m->line_status = n->line;
		m->col_status = n->col;
	}
	if (status != NULL) {
		if (strcmp(status, "approved") == 0)
			m->status = STATUS_APPROVED;
		else if (strcmp(status, "draft") != 0)
			diag_error(file, n->line, n->col, "the status must be "
			    "draft or approved, not '%s'", status);
		free(status);
	}

	get_date(file, root, "published", &m->published);
	get_date(file, root, "reviewed", &m->reviewed);
	get_date(file, root, "review_due", &m->review_due);
	get_date(file, root, "approved_on", &m->approved_on);
	if ((n = yamlx_get(root, "review_due")) != NULL) {
		m->line_review_due = n->line;
		m->col_review_due = n->col;
	}
	if ((n = yamlx_get(root, "published")) != NULL && is_empty(n))
		diag_error(file, n->line, n->col, "'published' is empty: "
		    "write the date of publication as YYYY-MM-DD");
	if ((n = yamlx_get(root, "review_due")) != NULL && is_empty(n))
		diag_error(file, n->line, n->col, "'review_due' is empty: "
		    "write the date of the next review as YYYY-MM-DD");

	get_keywords(m, file, root);
	check_approval(m, file, root);
	check_review(m, file, root);
	diag_scope_close(&errors);
	return (int)errors.errors;
}

void
fmatter_free(struct docmeta *m)
{
	int i;

	free(m->id);
	free(m->title);
	free(m->short_title);
	free(m->slug);
	free(m->summary);
	free(m->version);
	free(m->owner);
	free(m->approved_by);
	free(m->lang);
	for (i = 0; i < m->nkeywords; i++)
		free(m->keywords[i]);
	free(m->keywords);
	memset(m, 0, sizeof(*m));
	m->published = m->reviewed = m->review_due = m->approved_on = -1;
}
