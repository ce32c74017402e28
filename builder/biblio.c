/*
 * biblio: load the CSL-YAML reference list, number the citations of a
 * document in order of first use, and append the list of cited works in
 * Vancouver style.
 *
 * CSL has dozens of fields; only those a Vancouver entry prints are read,
 * the rest are ignored so that files exported by Zotero or pandoc load.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "anchor.h"
#include "biblio.h"
#include "buf.h"
#include "diag.h"
#include "doc.h"
#include "utf8.h"
#include "xalloc.h"
#include "yamlx.h"

#define BIBLIO_MAX_BYTES	(4u << 20)
#define MAX_AUTHORS		6	/* then "et al." */

/* A date as CSL gives it: date-parts, or a literal to print as is. */
struct date {
	int	 y, m, d;	/* 0 when absent */
	char	*literal;	/* owned, or NULL */
};

struct ref {
	char		*id;
	char		*type;
	char		*title;
	char		*container;
	char		*publisher;
	char		*volume;
	char		*issue;
	char		*page;
	char		*doi;
	char		*url;
	char		**authors;	/* already "Family GI" */
	int		 nauthors, authcap;
	int		 others;	/* the list ends in "others": et al. */
	struct date	 issued;
	struct date	 accessed;
	int		 line, col;	/* of the id value */
};

struct biblio {
	char		*path;
	struct ref	*refs;
	int		 n, cap;
};

/* Builds the inline children of one paragraph. */
struct emit {
	struct node	*para;
	struct buf	 run;		/* text not yet in a node */
	int		 sep;		/* a space is due before the next */
};

static const char *const month_abbr[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

static char	*opt_string(const char *, const struct ynode *, const char *,
		    int *);
static void	 add_initials(struct buf *, const char *);
static void	 load_author(const char *, struct ref *, const struct ynode *,
		    int *);
static void	 load_authors(const char *, struct ref *, const struct ynode *,
		    int *);
static int	 date_part(const char *, const struct ynode *, int, int *);
static void	 load_date(const char *, struct date *, const struct ynode *,
		    int *);
static void	 parse_iso(struct date *, const char *);
static char	*clean_doi(const char *);
static void	 load_ref(struct biblio *, const struct ynode *, int, int *);
static void	 free_ref(struct ref *);
static const struct ref *find(const struct biblio *, const char *);
static const char *suggest(const struct biblio *, const char *);
static int	 order_index(struct cite_order *, const char *);
static int	 int_cmp(const void *, const void *);
static char	*make_label(int *, int);
static void	 emit_flush(struct emit *);
static void	 emit_raw(struct emit *, const char *);
static void	 emit_part(struct emit *, const char *);
static void	 emit_link(struct emit *, const char *);
static void	 format_date(struct buf *, const struct date *, int);
static int	 is_journal(const struct ref *);
static void	 format_ref(const struct ref *, struct node *);

/*
 * A scalar field, or NULL when absent or empty; a list or mapping where
 * text belongs is an error (counted in *nerr).
 */
static char *
opt_string(const char *file, const struct ynode *map, const char *key,
    int *nerr)
{
	return yamlx_text(file, yamlx_get(map, key), nerr);
}

/* "M. E." -> "ME", "Jean-Pierre" -> "JP": Vancouver initials, no dots. */
static void
add_initials(struct buf *b, const char *given)
{
	size_t i = 0, start, len = strlen(given);
	int at_word = 1;

	while (i < len) {
		start = i;
		if (given[i] == ' ' || given[i] == '.' || given[i] == '-') {
			at_word = 1;
			i++;
			continue;
		}
		utf8_next(given, len, &i);
		if (!at_word)
			continue;
		at_word = 0;
		if (given[start] >= 'a' && given[start] <= 'z')
			buf_addc(b, (char)(given[start] - 'a' + 'A'));
		else
			buf_add(b, given + start, i - start);
	}
}

static void
load_author(const char *file, struct ref *r, const struct ynode *a,
    int *nerr)
{
	struct buf b;
	char *family, *given, *particle, *suffix, *literal;

	if (a->type == YNODE_SCALAR) {
		/* Not CSL, but unambiguous: print the name as written. */
		if (a->len == 0)
			return;
		if (strcmp(a->value, "others") == 0) {
			r->others = 1;
			return;
		}
		ARRAY_GROW(r->authors, r->nauthors, r->authcap);
		r->authors[r->nauthors++] = xstrdup(a->value);
		return;
	}
	if (a->type != YNODE_MAP) {
		diag_error(file, a->line, a->col, "an author should be "
		    "written as 'family:' and 'given:' lines (or 'literal:' "
		    "for an organisation), not as a list");
		(*nerr)++;
		return;
	}
	family = opt_string(file, a, "family", nerr);
	given = opt_string(file, a, "given", nerr);
	particle = opt_string(file, a, "non-dropping-particle", nerr);
	suffix = opt_string(file, a, "suffix", nerr);
	literal = opt_string(file, a, "literal", nerr);
	buf_init(&b);
	/* CSL's mark for authors not listed (pandoc writes BibTeX's "and
	 * others" so) */
	if (literal != NULL && strcmp(literal, "others") == 0)
		r->others = 1;
	else if (literal != NULL)
		buf_adds(&b, literal);
	else if (family != NULL) {
		if (particle != NULL)
			buf_printf(&b, "%s ", particle);
		buf_adds(&b, family);
		if (given != NULL) {
			buf_addc(&b, ' ');
			add_initials(&b, given);
		}
		if (suffix != NULL)
			buf_printf(&b, " %s", suffix);
	} else {
		diag_error(file, a->line, a->col, "this author has no family "
		    "name: add a line 'family: ...' (or 'literal: ...' for an "
		    "organisation)");
		(*nerr)++;
	}
	if (b.len > 0) {
		ARRAY_GROW(r->authors, r->nauthors, r->authcap);
		r->authors[r->nauthors++] = xstrdup(b.p);
	}
	buf_free(&b);
	free(family);
	free(given);
	free(particle);
	free(suffix);
	free(literal);
}

static void
load_authors(const char *file, struct ref *r, const struct ynode *list,
    int *nerr)
{
	const struct ynode *a;

	if (list == NULL)
		return;
	if (list->type != YNODE_SEQ) {
		diag_error(file, list->line, list->col, "'author' should be a "
		    "list, one '- family: ...' entry per author");
		(*nerr)++;
		return;
	}
	for (a = list->child; a != NULL; a = a->next)
		load_author(file, r, a, nerr);
}

/* One number of date-parts (which: 0 year, 1 month, 2 day); 0 after an
 * error. */
static int
date_part(const char *file, const struct ynode *n, int which, int *nerr)
{
	static const char *const what[3] = { "year", "month", "day" };
	static const int hi[3] = { 9999, 12, 31 };
	long v;

	if (n->type != YNODE_SCALAR) {
		diag_error(file, n->line, n->col, "expected a number (the %s) "
		    "in 'date-parts', as in [[2020, 1, 22]]", what[which]);
		(*nerr)++;
		return 0;
	}
	if (yamlx_int(file, n, &v) == -1) {
		(*nerr)++;
		return 0;
	}
	if (v < 1 || v > hi[which]) {
		diag_error(file, n->line, n->col, "%ld is not a valid %s: "
		    "write the date as [[year, month, day]], as in "
		    "[[2020, 1, 22]]", v, what[which]);
		(*nerr)++;
		return 0;
	}
	return (int)v;
}

/* A date string as pandoc accepts it: YYYY, YYYY-MM or YYYY-MM-DD. */
static void
parse_iso(struct date *d, const char *s)
{
	char *end;
	long y, m = 0, dd = 0;

	y = strtol(s, &end, 10);
	if (end - s == 4 && *end == '-') {
		m = strtol(end + 1, &end, 10);
		if (*end == '-')
			dd = strtol(end + 1, &end, 10);
	}
	if (end - s >= 4 && *end == '\0' && y > 0 && m >= 0 && m <= 12 &&
	    dd >= 0 && dd <= 31 && (dd == 0 || m > 0)) {
		d->y = (int)y;
		d->m = (int)m;
		d->d = (int)dd;
	} else
		d->literal = xstrdup(s);
}

static void
load_date(const char *file, struct date *d, const struct ynode *n, int *nerr)
{
	const struct ynode *parts, *first, *p;
	const char *s;

	if (n == NULL)
		return;
	if (n->type == YNODE_SCALAR) {
		if (yamlx_string(file, n, &s) == 0 && *s != '\0')
			parse_iso(d, s);
		return;
	}
	if (n->type != YNODE_MAP) {
		diag_error(file, n->line, n->col, "a date should be written "
		    "'date-parts: [[year, month, day]]' or 'literal: ...'");
		(*nerr)++;
		return;
	}
	if ((parts = yamlx_get(n, "date-parts")) == NULL) {
		if ((p = yamlx_get(n, "literal")) == NULL)
			p = yamlx_get(n, "raw");
		if (p != NULL && yamlx_string(file, p, &s) == 0) {
			if (*s != '\0')
				d->literal = xstrdup(s);
		} else if (p != NULL)
			(*nerr)++;
		else {
			diag_error(file, n->line, n->col, "this date has "
			    "neither 'date-parts' nor 'literal': write "
			    "'date-parts: [[year, month, day]]'");
			(*nerr)++;
		}
		return;
	}
	/* A range has two inner lists; the start is what we print. */
	first = parts->type == YNODE_SEQ ? parts->child : NULL;
	if (first == NULL || first->type != YNODE_SEQ || first->child == NULL) {
		diag_error(file, parts->line, parts->col, "'date-parts' should "
		    "be a list inside a list, as in [[2020, 1, 22]] or "
		    "[[2020]]");
		(*nerr)++;
		return;
	}
	p = first->child;
	d->y = date_part(file, p, 0, nerr);
	if ((p = p->next) != NULL) {
		d->m = date_part(file, p, 1, nerr);
		if ((p = p->next) != NULL) {
			d->d = date_part(file, p, 2, nerr);
			if (p->next != NULL) {
				diag_error(file, p->next->line, p->next->col,
				    "a date has at most three parts: "
				    "[[year, month, day]]");
				(*nerr)++;
			}
		}
	}
}

/* People paste the DOI as a link or with a "doi:" prefix. */
static char *
clean_doi(const char *s)
{
	static const char *const prefix[] = {
		"https://doi.org/", "http://doi.org/", "https://dx.doi.org/",
		"http://dx.doi.org/", "doi:", NULL
	};
	size_t n;
	int i;

	for (i = 0; prefix[i] != NULL; i++) {
		n = strlen(prefix[i]);
		if (strncasecmp(s, prefix[i], n) == 0) {
			s += n;
			break;
		}
	}
	while (*s == ' ')
		s++;
	return xstrdup(s);
}

static void
load_ref(struct biblio *b, const struct ynode *item, int idx, int *nerr)
{
	static const char *const required[] = { "id", "title", NULL };
	const struct ynode *idn;
	const struct ref *prev;
	struct ref r;
	char what[160], *doi;
	const char *p;

	if (item->type != YNODE_MAP) {
		diag_error(b->path, item->line, item->col, "reference %d "
		    "should be lines of 'key: value' (id, type, title, ...)",
		    idx);
		(*nerr)++;
		return;
	}
	memset(&r, 0, sizeof(r));
	r.line = item->line;
	r.col = item->col;
	if ((idn = yamlx_get(item, "id")) != NULL) {
		r.line = idn->line;
		r.col = idn->col;
	}
	r.id = opt_string(b->path, item, "id", nerr);
	if (r.id != NULL)
		snprintf(what, sizeof(what), "the reference '%s'", r.id);
	else
		snprintf(what, sizeof(what), "reference %d", idx);
	if (idn != NULL && idn->type == YNODE_SCALAR && r.id == NULL) {
		diag_error(b->path, idn->line, idn->col, "the id of %s is "
		    "empty: give it a short name to cite it by, as in "
		    "'id: smith2020'", what);
		(*nerr)++;
	}
	*nerr += yamlx_check_keys(b->path, item, what, NULL, required);
	if (r.id != NULL && (p = strpbrk(r.id, " \t;@[]")) != NULL)
		diag_warning(b->path, r.line, r.col, "the id '%s' contains "
		    "'%c', so it cannot be cited as [@%s]: use only letters, "
		    "digits and - _ . :", r.id, *p == '\t' ? ' ' : *p, r.id);
	r.type = opt_string(b->path, item, "type", nerr);
	r.title = opt_string(b->path, item, "title", nerr);
	idn = yamlx_get(item, "title");
	if (idn != NULL && idn->type == YNODE_SCALAR && r.title == NULL) {
		diag_error(b->path, idn->line, idn->col, "the title of %s is "
		    "empty: write the title of the work", what);
		(*nerr)++;
	}
	r.container = opt_string(b->path, item, "container-title", nerr);
	r.publisher = opt_string(b->path, item, "publisher", nerr);
	r.volume = opt_string(b->path, item, "volume", nerr);
	r.issue = opt_string(b->path, item, "issue", nerr);
	r.page = opt_string(b->path, item, "page", nerr);
	r.url = opt_string(b->path, item, "URL", nerr);
	if (r.url != NULL && strncasecmp(r.url, "https://", 8) != 0 &&
	    strncasecmp(r.url, "http://", 7) != 0) {
		/* printed as a live link: a web address, nothing else */
		idn = yamlx_get(item, "URL");
		diag_error(b->path, idn->line, idn->col, "the URL of %s is "
		    "not a web address: write it in full, starting with "
		    "https://", what);
		(*nerr)++;
		free(r.url);
		r.url = NULL;
	}
	if ((doi = opt_string(b->path, item, "DOI", nerr)) != NULL) {
		r.doi = clean_doi(doi);
		free(doi);
	}
	load_authors(b->path, &r, yamlx_get(item, "author"), nerr);
	load_date(b->path, &r.issued, yamlx_get(item, "issued"), nerr);
	load_date(b->path, &r.accessed, yamlx_get(item, "accessed"), nerr);
	if (r.id != NULL && (prev = find(b, r.id)) != NULL) {
		diag_error(b->path, r.line, r.col, "the id '%s' is already "
		    "used by the reference at line %d: give each reference "
		    "its own id", r.id, prev->line);
		(*nerr)++;
	}
	if (r.id == NULL || r.title == NULL || find(b, r.id) != NULL) {
		free_ref(&r);
		return;
	}
	ARRAY_GROW(b->refs, b->n, b->cap);
	b->refs[b->n++] = r;
}

static void
free_ref(struct ref *r)
{
	int i;

	free(r->id);
	free(r->type);
	free(r->title);
	free(r->container);
	free(r->publisher);
	free(r->volume);
	free(r->issue);
	free(r->page);
	free(r->doi);
	free(r->url);
	for (i = 0; i < r->nauthors; i++)
		free(r->authors[i]);
	free(r->authors);
	free(r->issued.literal);
	free(r->accessed.literal);
}

struct biblio *
biblio_load(const char *path)
{
	struct biblio *b;
	struct ynode *root;
	const struct ynode *list, *item;
	int nerr = 0, idx = 0, missing;

	b = xcalloc(1, sizeof(*b));
	b->path = xstrdup(path);
	root = yamlx_load_file(path, BIBLIO_MAX_BYTES,
	    "the list of references", &missing);
	if (missing) {
		diag_warning(path, 0, 0, "there is no list of references: "
		    "create this file to cite works as [@key]");
		return b;
	}
	if (root == NULL) {
		biblio_free(b);
		return NULL;
	}
	list = root;
	if (root->type == YNODE_MAP) {
		list = yamlx_get(root, "references");
		if (list == NULL && root->nchild > 0) {
			diag_error(path, root->line, root->col, "no "
			    "'references:' list found: the file should start "
			    "with 'references:' followed by the list of works");
			nerr++;
		}
	}
	if (list != NULL && list->type != YNODE_SEQ) {
		diag_error(path, list->line, list->col, "the references should "
		    "be a list, each work starting with '- id: ...'");
		nerr++;
		list = NULL;
	}
	for (item = list != NULL ? list->child : NULL; item != NULL;
	    item = item->next)
		load_ref(b, item, ++idx, &nerr);
	yamlx_free(root);
	if (nerr > 0) {
		biblio_free(b);
		return NULL;
	}
	return b;
}

void
biblio_free(struct biblio *b)
{
	int i;

	if (b == NULL)
		return;
	for (i = 0; i < b->n; i++)
		free_ref(&b->refs[i]);
	free(b->refs);
	free(b->path);
	free(b);
}

int
biblio_count(const struct biblio *b)
{
	return b != NULL ? b->n : 0;
}

static const struct ref *
find(const struct biblio *b, const char *key)
{
	int i;

	for (i = 0; i < b->n; i++)
		if (strcmp(b->refs[i].id, key) == 0)
			return &b->refs[i];
	return NULL;
}

/* The closest id, if it is close enough to be a typing slip. */
static const char *
suggest(const struct biblio *b, const char *key)
{
	const char *best = NULL;
	int i, d, bestd = 0, limit;

	limit = (int)strlen(key) / 4;
	if (limit < 2)
		limit = 2;
	for (i = 0; i < b->n; i++) {
		d = yamlx_distance(key, b->refs[i].id);
		if (d <= limit && (best == NULL || d < bestd)) {
			best = b->refs[i].id;
			bestd = d;
		}
	}
	return best;
}

static int
key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '-' || c == ':' ||
	    c == '.';
}

/* The column of at in the line starting at line: one a character. */
static int
column(const char *line, const char *at)
{
	int col = 1;

	for (; line < at; line++)
		if (((unsigned char)line[1] & 0xC0) != 0x80)
			col++;
	return col;
}

void
biblio_check_bare(const struct biblio *b, const char *file, const char *body,
    size_t len)
{
	const char *p = body, *end = body + len, *eol, *q;
	int line = 0, fence = 0;

	if (b == NULL)
		return;
	for (; p < end; p = eol + 1) {
		int depth = 0, code = 0;

		eol = memchr(p, '\n', (size_t)(end - p));
		if (eol == NULL)
			eol = end;
		line++;
		/* fenced code is printed as written */
		for (q = p; q < eol && *q == ' '; q++)
			;
		if (eol - q >= 3 && (strncmp(q, "```", 3) == 0 ||
		    strncmp(q, "~~~", 3) == 0)) {
			fence = !fence;
			continue;
		}
		if (fence || (p + 4 <= eol && strncmp(p, "    ", 4) == 0))
			continue;
		/* only an @ can be a bare citation: most lines have none */
		if (memchr(p, '@', (size_t)(eol - p)) == NULL)
			continue;
		for (q = p; q < eol; q++) {
			char c;
			size_t n;
			char key[128];

			/* only ` [ ] and @ matter (the body ends with a
			 * NUL, the line with a newline) */
			if ((q += strcspn(q, "`[]@\n")) >= eol)
				break;
			c = *q;
			if (c == '`')
				code = !code;
			else if (c == '[' && !code)
				depth++;
			else if (c == ']' && depth > 0)
				depth--;
			if (c != '@' || code || depth > 0)
				continue;
			/* e-mail addresses, URLs and handles are not cites */
			if (q > p && (key_char(q[-1]) || q[-1] == '/' ||
			    q[-1] == '@'))
				continue;
			for (n = 0; q + 1 + n < eol && key_char(q[1 + n]); n++)
				;
			while (n > 0 && (q[n] == '.' || q[n] == ':' ||
			    q[n] == '-'))
				n--;	/* end of a sentence */
			if (n == 0 || n >= sizeof(key))
				continue;
			memcpy(key, q + 1, n);
			key[n] = '\0';
			if (find(b, key) != NULL)
				diag_warning(file, line, column(p, q), "'@%s' "
				    "is printed "
				    "as it stands: did you mean [@%s]? A "
				    "citation needs its square brackets", key,
				    key);
		}
	}
}

/* 1-based number of key in order, adding it at the end if new. */
static int
order_index(struct cite_order *o, const char *key)
{
	int i;

	for (i = 0; i < o->n; i++)
		if (strcmp(o->keys[i], key) == 0)
			return i + 1;
	ARRAY_GROW(o->keys, o->n, o->cap);
	o->keys[o->n++] = xstrdup(key);
	return o->n;
}

static int
int_cmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* "[1]", "[1,3]", "[2–4]": sorted, duplicates dropped, runs of three or
 * more joined by an en dash. */
static char *
make_label(int *nums, int n)
{
	struct buf b;
	char *s;
	int i, j, k = 0;

	if (n > 1)
		qsort(nums, (size_t)n, sizeof(*nums), int_cmp);
	for (i = 0; i < n; i++)
		if (k == 0 || nums[k - 1] != nums[i])
			nums[k++] = nums[i];
	buf_init(&b);
	buf_addc(&b, '[');
	if (k == 0)
		buf_addc(&b, '?');
	for (i = 0; i < k; i = j) {
		for (j = i + 1; j < k && nums[j] == nums[j - 1] + 1; j++)
			continue;
		if (i > 0)
			buf_addc(&b, ',');
		if (j - i >= 3) {
			buf_printf(&b, "%d\xE2\x80\x93%d", nums[i],
			    nums[j - 1]);
		} else {
			buf_printf(&b, "%d", nums[i]);
			if (j - i == 2)
				buf_printf(&b, ",%d", nums[i + 1]);
		}
	}
	buf_addc(&b, ']');
	s = xstrdup(b.p);
	buf_free(&b);
	return s;
}

int
biblio_number(const struct biblio *b, struct cite_order *order,
    struct node *doc, const char *file)
{
	struct node *n;
	char *keys, *key, *save;
	const char *hint;
	int *nums = NULL, nnum, cap = 0, nerr = 0;

	for (n = doc; n != NULL; n = doc_next(doc, n)) {
		if (n->type != NODE_CITE || n->text == NULL)
			continue;
		nnum = 0;
		keys = xstrdup(n->text);
		for (key = strtok_r(keys, "; ", &save); key != NULL;
		    key = strtok_r(NULL, "; ", &save)) {
			if (*key == '@')
				key++;
			if (*key == '\0')
				continue;
			if (find(b, key) == NULL) {
				hint = suggest(b, key);
				if (hint != NULL)
					diag_error(file, n->line, n->col,
					    "unknown reference '@%s': did you "
					    "mean '@%s'? The references are in "
					    "%s", key, hint, b->path);
				else
					diag_error(file, n->line, n->col,
					    "unknown reference '@%s': check "
					    "the spelling, or add a work with "
					    "'id: %s' to %s", key, key,
					    b->path);
				nerr++;
				continue;
			}
			ARRAY_GROW(nums, nnum, cap);
			nums[nnum++] = order_index(order, key);
		}
		free(keys);
		n->level = nnum > 0 ? nums[0] : 0;
		if (nnum > 1) {
			/* the label lists numbers in ascending order, so the
			 * link (to the first key) must go to the lowest */
			int k, low = nums[0];
			char *t;

			for (k = 1; k < nnum; k++)
				if (nums[k] < low)
					low = nums[k];
			n->level = low;
			t = xasprintf("%s;%s", order->keys[low - 1], n->text);
			free(n->text);
			n->text = t;
		}
		free(n->info);
		n->info = make_label(nums, nnum);
	}
	free(nums);
	return nerr;
}

static void
emit_flush(struct emit *e)
{
	struct node *t;

	if (e->run.len == 0)
		return;
	t = doc_new(NODE_TEXT, 0, 0);
	t->text = xstrndup(e->run.p, e->run.len);
	doc_append(e->para, t);
	buf_reset(&e->run);
}

/* Text, after the space owed by the previous part. */
static void
emit_raw(struct emit *e, const char *s)
{
	if (e->sep)
		buf_addc(&e->run, ' ');
	e->sep = 0;
	buf_adds(&e->run, s);
}

/* One element of the entry, closed by a full stop unless it has one. */
static void
emit_part(struct emit *e, const char *s)
{
	size_t n = strlen(s);

	emit_raw(e, s);
	if (n > 0 && strchr(".?!", s[n - 1]) == NULL)
		buf_addc(&e->run, '.');
	e->sep = 1;
}

/* A link that prints its own address. */
static void
emit_link(struct emit *e, const char *url)
{
	struct node *l, *t;

	if (e->sep)
		buf_addc(&e->run, ' ');
	e->sep = 1;
	emit_flush(e);
	l = doc_new(NODE_LINK, 0, 0);
	l->text = xstrdup(url);
	t = doc_new(NODE_TEXT, 0, 0);
	t->text = xstrdup(url);
	doc_append(l, t);
	doc_append(e->para, l);
}

/* Vancouver dates: "2020", "2020 Jan", "2020 Jan 22". */
static void
format_date(struct buf *b, const struct date *d, int year_only)
{
	if (d->literal != NULL) {
		buf_adds(b, d->literal);
		return;
	}
	if (d->y == 0)
		return;
	buf_printf(b, "%d", d->y);
	if (year_only || d->m == 0)
		return;
	buf_printf(b, " %s", month_abbr[d->m - 1]);
	if (d->d > 0)
		buf_printf(b, " %d", d->d);
}

static int
is_journal(const struct ref *r)
{
	if (r->type != NULL && strncmp(r->type, "article", 7) == 0)
		return 1;
	return r->volume != NULL || r->issue != NULL || r->page != NULL;
}

static void
format_ref(const struct ref *r, struct node *para)
{
	struct emit e;
	struct buf b;
	char *doiurl = NULL;
	int i;

	e.para = para;
	e.sep = 0;
	buf_init(&e.run);
	buf_init(&b);
	for (i = 0; i < r->nauthors && i < MAX_AUTHORS; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", r->authors[i]);
	if (r->nauthors > MAX_AUTHORS || (r->others && r->nauthors > 0))
		buf_adds(&b, ", et al.");
	if (b.len > 0)
		emit_part(&e, b.p);
	emit_part(&e, r->title);
	if (r->container != NULL)
		emit_part(&e, r->container);
	if (r->publisher != NULL)
		emit_part(&e, r->publisher);
	buf_reset(&b);
	if (is_journal(r)) {
		format_date(&b, &r->issued, 1);
		if (r->volume != NULL)
			buf_printf(&b, "%s%s", b.len ? ";" : "", r->volume);
		if (r->issue != NULL)
			buf_printf(&b, "(%s)", r->issue);
		if (r->page != NULL)
			buf_printf(&b, "%s%s", b.len ? ":" : "p. ", r->page);
	} else
		format_date(&b, &r->issued, 0);
	if (b.len > 0)
		emit_part(&e, b.p);
	if (r->doi != NULL) {
		doiurl = xasprintf("https://doi.org/%s", r->doi);
		emit_link(&e, doiurl);
	}
	/* Publishers often give the DOI address as the URL too. */
	if (r->url != NULL && (doiurl == NULL ||
	    strcasecmp(doiurl, r->url) != 0)) {
		emit_raw(&e, "Available from:");
		e.sep = 1;
		emit_link(&e, r->url);
		if (r->accessed.y != 0 || r->accessed.literal != NULL) {
			buf_reset(&b);
			format_date(&b, &r->accessed, 0);
			emit_raw(&e, "(accessed ");
			buf_printf(&e.run, "%s)", b.p);
		}
	}
	emit_flush(&e);
	buf_free(&e.run);
	buf_free(&b);
	free(doiurl);
}

void
biblio_append(const struct biblio *b, const struct cite_order *order,
    struct node *doc, const char *heading)
{
	struct node *h, *t, *list, *item, *para;
	const struct ref *r;
	int i;

	if (order == NULL || order->n == 0)
		return;
	if (heading != NULL) {
		h = doc_new(NODE_HEADING, 0, 0);
		h->level = 2;
		t = doc_new(NODE_TEXT, 0, 0);
		t->text = xstrdup(heading);
		doc_append(h, t);
		doc_append(doc, h);
	}
	list = doc_new(NODE_LIST, 0, 0);
	list->flags = NODE_ORDERED | NODE_TIGHT;
	list->level = 1;
	doc_append(doc, list);
	for (i = 0; i < order->n; i++) {
		item = doc_new(NODE_ITEM, 0, 0);
		item->info = anchor_name_key(ANCHOR_REFERENCE, order->keys[i]);
		para = doc_new(NODE_PARAGRAPH, 0, 0);
		doc_append(item, para);
		doc_append(list, item);
		/* Numbering only adds known keys; keep the numbers aligned
		 * even if a caller mixes bibliographies. */
		if ((r = find(b, order->keys[i])) != NULL)
			format_ref(r, para);
		else {
			t = doc_new(NODE_TEXT, 0, 0);
			t->text = xasprintf("(unknown reference '%s')",
			    order->keys[i]);
			doc_append(para, t);
		}
	}
}

char *
biblio_format(const struct biblio *b, const char *key)
{
	const struct ref *r;
	const struct node *n;
	struct node *para;
	struct buf out;
	char *s;

	if ((r = find(b, key)) == NULL)
		return NULL;
	para = doc_new(NODE_PARAGRAPH, 0, 0);
	format_ref(r, para);
	buf_init(&out);
	for (n = para; n != NULL; n = doc_next(para, n))
		if (n->type == NODE_TEXT)
			buf_adds(&out, n->text);
	doc_free(para);
	s = xstrdup(out.p);
	buf_free(&out);
	return s;
}

void
biblio_order_free(struct cite_order *o)
{
	int i;

	for (i = 0; i < o->n; i++)
		free(o->keys[i]);
	free(o->keys);
	o->keys = NULL;
	o->n = o->cap = 0;
}
