/*
 * site: read content/site.yaml, the settings of the whole publication, into
 * struct site.  Anything not given keeps its default; a missing file is
 * only a warning, so a fresh checkout builds.
 */
#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "site.h"
#include "source.h"
#include "xalloc.h"
#include "yamlx.h"

#define SITE_MAX_BYTES	(256u << 10)

static const char *const top_keys[] = {
	"publisher", "booklet", "lang", "layouts", "governance",
	"readability", NULL
};
static const char *const publisher_keys[] = {
	"name", "logo", "phone", "hours", "urgent", "address", "website",
	"email", "feedback", NULL
};
static const char *const booklet_keys[] = {
	"title", "subtitle", "edition", "layout", "inside", "chapters", NULL
};
static const char *const governance_keys[] = {
	"max_review_years", NULL
};
static const char *const readability_keys[] = {
	"max_fkgl", "max_smog", "max_sentence_words", "level", NULL
};

/* publisher_keys[i] is stored at publisher_off[i]. */
static const size_t publisher_off[] = {
	offsetof(struct publisher, name),
	offsetof(struct publisher, logo),
	offsetof(struct publisher, phone),
	offsetof(struct publisher, hours),
	offsetof(struct publisher, urgent),
	offsetof(struct publisher, address),
	offsetof(struct publisher, website),
	offsetof(struct publisher, email),
	offsetof(struct publisher, feedback)
};

struct ctx {
	const char	*file;
	struct site	*s;
	int		 errors;
};

static void	 defaults(struct site *);
static const struct ynode *section(struct ctx *, const struct ynode *,
		    const char *, const char *const *);
static int	 get_text(struct ctx *, const struct ynode *, const char *,
		    char **, int, struct site_origin *);
static int	 get_list(struct ctx *, const struct ynode *, const char *,
		    const struct ynode **, int *);
static void	 free_list(char **, int);
static int	 valid_name(const char *, int);
static int	 valid_chapter(const char *);
static int	 valid_lang(const char *);
static void	 load_publisher(struct ctx *, const struct ynode *);
static void	 load_booklet(struct ctx *, const struct ynode *);
static void	 load_layouts(struct ctx *, const struct ynode *);
static void	 load_numbers(struct ctx *, const struct ynode *,
		    const struct ynode *);

static void
defaults(struct site *s)
{
	s->booklet_title = xstrdup("");
	s->booklet_subtitle = xstrdup("");
	s->edition = xstrdup("");
	s->booklet_layout = xstrdup("booklet-a5");
	s->chapters = xcalloc(1, sizeof(*s->chapters));
	s->nchapters = 0;
	s->lang = xstrdup("en-GB");
	s->layouts = xcalloc(2, sizeof(*s->layouts));
	s->layouts[0] = xstrdup("handout-a4");
	s->nlayouts = 1;
	s->max_review_years = 3;
	s->max_fkgl = 8;
	s->max_smog = 10;
	s->max_sentence_words = 25;
	s->readability_level = THRESH_WARNING;
}

/* A section of the file (NULL if absent), its unknown keys warned about. */
static const struct ynode *
section(struct ctx *c, const struct ynode *root, const char *name,
    const char *const *known)
{
	const struct ynode *n;
	char what[96];

	if ((n = yamlx_get(root, name)) == NULL)
		return NULL;
	if (n->type != YNODE_MAP) {
		diag_error(c->file, n->key_line, n->key_col, "%s: expected "
		    "settings indented below '%s:', one 'key: value' per "
		    "line", name, name);
		c->errors++;
		return NULL;
	}
	snprintf(what, sizeof(what), "section '%s' of the site settings",
	    name);
	yamlx_check_keys(c->file, n, what, known, NULL);
	return n;
}

/*
 * Replace *dst with the text of key in map, if present, and note where it
 * was written in *at (if not NULL).  empty_null: an empty value leaves
 * NULL (the field is optional).  Returns -1 after an error.
 */
static int
get_text(struct ctx *c, const struct ynode *map, const char *key,
    char **dst, int empty_null, struct site_origin *at)
{
	const struct ynode *n;
	const char *v;

	if (map == NULL || (n = yamlx_get(map, key)) == NULL)
		return 0;
	if (yamlx_string(c->file, n, &v) == -1) {
		c->errors++;
		return -1;
	}
	free(*dst);
	*dst = empty_null && v[0] == '\0' ? NULL : xstrdup(v);
	if (at != NULL) {
		at->file = c->file;
		at->line = n->line;
		at->col = n->col;
	}
	return 0;
}

/*
 * The items of a list (a single value counts as a list of one).  Returns
 * -1 after an error; *first is NULL when key is absent.
 */
static int
get_list(struct ctx *c, const struct ynode *map, const char *key,
    const struct ynode **first, int *n)
{
	const struct ynode *v, *i;

	*first = NULL;
	*n = 0;
	if (map == NULL || (v = yamlx_get(map, key)) == NULL)
		return 0;
	if (v->type == YNODE_MAP) {
		diag_error(c->file, v->key_line, v->key_col, "%s: expected a "
		    "list such as [a, b] or lines starting with '- '", key);
		c->errors++;
		return -1;
	}
	if (v->type == YNODE_SCALAR) {
		*first = v;
		*n = 1;
		return 0;
	}
	for (i = v->child; i != NULL; i = i->next)
		if (i->type != YNODE_SCALAR) {
			diag_error(c->file, i->line, i->col, "%s: each entry "
			    "must be a single name", key);
			c->errors++;
			return -1;
		}
	*first = v->child;
	*n = v->nchild;
	return 0;
}

static void
free_list(char **v, int n)
{
	int i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Lower-case letters, digits, '-' and '_'; also '/' if slash. */
static int
valid_name(const char *s, int slash)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!islower((unsigned char)*s) &&
		    !isdigit((unsigned char)*s) && *s != '-' && *s != '_' &&
		    !(slash && *s == '/'))
			return 0;
	return 1;
}

/* "chapters/<name>" or "therapies/<name>". */
static int
valid_chapter(const char *s)
{
	const char *name;

	if (strncmp(s, "chapters/", 9) == 0)
		name = s + 9;
	else if (strncmp(s, "therapies/", 10) == 0)
		name = s + 10;
	else
		return 0;
	return valid_name(name, 0);
}

/* "en" or "en-GB". */
static int
valid_lang(const char *s)
{
	int i = 0;

	while (islower((unsigned char)s[i]))
		i++;
	if (i < 2 || i > 3)
		return 0;
	if (s[i] == '\0')
		return 1;
	return s[i] == '-' && isupper((unsigned char)s[i + 1]) &&
	    isupper((unsigned char)s[i + 2]) && s[i + 3] == '\0';
}

/* The publisher block (pub, NULL when the file has none) of c->file,
 * over any values read before. */
static void
load_publisher(struct ctx *c, const struct ynode *pub)
{
	struct publisher *p = &c->s->publisher;
	const struct ynode *n;
	size_t i;

	p->block.file = c->file;
	p->block.line = pub != NULL ? pub->key_line : 0;
	p->block.col = pub != NULL ? pub->key_col : 0;
	if (pub == NULL)
		return;
	for (i = 0; publisher_keys[i] != NULL; i++)
		get_text(c, pub, publisher_keys[i],
		    (char **)((char *)p + publisher_off[i]), 1, &p->at[i]);
	/* The template's "[...]" placeholders are not addresses yet. */
	if (p->email != NULL && p->email[0] != '[' &&
	    strchr(p->email, '@') == NULL &&
	    (n = yamlx_get(pub, "email")) != NULL)
		diag_warning(c->file, n->line, n->col, "publisher.email: "
		    "'%s' does not look like an email address (no '@')",
		    p->email);
}

static void
load_booklet(struct ctx *c, const struct ynode *bk)
{
	struct site *s = c->s;
	const struct ynode *first, *i;
	const char *v;
	char **ch;
	size_t len;
	int n, k, m;

	if (bk == NULL)
		return;
	get_text(c, bk, "title", &s->booklet_title, 0, &s->title_at);
	get_text(c, bk, "subtitle", &s->booklet_subtitle, 0, &s->subtitle_at);
	get_text(c, bk, "edition", &s->edition, 0, &s->edition_at);
	if (get_text(c, bk, "inside", &s->booklet_inside, 1, NULL) == 0 &&
	    s->booklet_inside != NULL && !valid_chapter(s->booklet_inside)) {
		/* a path read into the booklet: never outside content/ */
		i = yamlx_get(bk, "inside");
		diag_error(c->file, i->line, i->col, "booklet.inside: '%s' is "
		    "not a chapter; write chapters/<name>, the file's place "
		    "under content/ without .md", s->booklet_inside);
		c->errors++;
		free(s->booklet_inside);
		s->booklet_inside = NULL;
	}
	if (get_text(c, bk, "layout", &s->booklet_layout, 0, NULL) == 0 &&
	    !valid_name(s->booklet_layout, 0)) {
		i = yamlx_get(bk, "layout");
		diag_error(c->file, i->line, i->col, "booklet.layout: '%s' "
		    "is not a layout name; write the name of a file in "
		    "layouts/ without .yaml, such as booklet-a5",
		    s->booklet_layout);
		c->errors++;
	}

	if (get_list(c, bk, "chapters", &first, &n) == -1 || first == NULL)
		return;
	ch = xcalloc((size_t)n + 1, sizeof(*ch));
	k = 0;
	for (i = first; i != NULL && k < n; i = i->next) {
		v = i->value;
		len = strlen(v);
		if (len > 3 && strcmp(v + len - 3, ".md") == 0) {
			diag_warning(c->file, i->line, i->col,
			    "booklet.chapters: write '%.*s' without .md",
			    (int)(len - 3), v);
			len -= 3;
		}
		ch[k] = xstrndup(v, len);
		if (!valid_chapter(ch[k])) {
			diag_error(c->file, i->line, i->col,
			    "booklet.chapters: '%s' is not a chapter; write "
			    "chapters/<name> or therapies/<name>, the file's "
			    "place under content/ without .md", v);
			c->errors++;
			free(ch[k]);
			ch[k] = NULL;
			continue;
		}
		for (m = 0; m < k; m++)
			if (strcmp(ch[m], ch[k]) == 0)
				break;
		if (m < k) {
			diag_error(c->file, i->line, i->col,
			    "booklet.chapters: '%s' is listed twice; a "
			    "chapter can appear only once", ch[k]);
			c->errors++;
			free(ch[k]);
			ch[k] = NULL;
			continue;
		}
		k++;
	}
	free_list(s->chapters, s->nchapters);
	s->chapters = ch;
	s->nchapters = k;
}

static void
load_layouts(struct ctx *c, const struct ynode *root)
{
	struct site *s = c->s;
	const struct ynode *first, *i, *j;
	char **v;
	int n, k;

	if (get_list(c, root, "layouts", &first, &n) == -1)
		return;
	if (first == NULL) {
		if ((i = yamlx_get(root, "layouts")) != NULL) {
			diag_error(c->file, i->key_line, i->key_col,
			    "layouts: list at least one layout to build the "
			    "handouts in, such as [handout-a4]");
			c->errors++;
		}
		return;
	}
	v = xcalloc((size_t)n + 1, sizeof(*v));
	free(s->layout_lines);
	free(s->layout_cols);
	s->layout_lines = xcalloc((size_t)n + 1, sizeof(int));
	s->layout_cols = xcalloc((size_t)n + 1, sizeof(int));
	k = 0;
	for (i = first; i != NULL && k < n; i = i->next) {
		if (!valid_name(i->value, 0)) {
			diag_error(c->file, i->line, i->col, "layouts: '%s' "
			    "is not a layout name; write the name of a file "
			    "in layouts/ without .yaml, such as handout-a4",
			    i->value);
			c->errors++;
			continue;
		}
		for (j = first; j != i; j = j->next)
			if (strcmp(j->value, i->value) == 0)
				break;
		if (j != i) {
			diag_warning(c->file, i->line, i->col, "layouts: "
			    "'%s' is listed twice; it is built once",
			    i->value);
			continue;
		}
		s->layout_lines[k] = i->line;
		s->layout_cols[k] = i->col;
		v[k++] = xstrdup(i->value);
	}
	free_list(s->layouts, s->nlayouts);
	s->layouts = v;
	s->nlayouts = k;
}

static void
load_numbers(struct ctx *c, const struct ynode *gov, const struct ynode *rd)
{
	struct site *s = c->s;
	const struct ynode *n;
	const char *v;
	double d;
	long l;

	if (gov != NULL && (n = yamlx_get(gov, "max_review_years")) != NULL) {
		if (yamlx_int(c->file, n, &l) == -1)
			c->errors++;
		else if (l < 1 || l > 10) {
			diag_error(c->file, n->line, n->col,
			    "governance.max_review_years: %ld is out of "
			    "range; use 1 to 10 years", l);
			c->errors++;
		} else
			s->max_review_years = (int)l;
	}
	if (rd == NULL)
		return;
	if ((n = yamlx_get(rd, "max_fkgl")) != NULL) {
		if (yamlx_number(c->file, n, &d) == -1)
			c->errors++;
		else if (d < 1 || d > 20) {
			diag_error(c->file, n->line, n->col,
			    "readability.max_fkgl: %g is out of range; use a "
			    "school grade from 1 to 20 (8 suits patient "
			    "information)", d);
			c->errors++;
		} else
			s->max_fkgl = d;
	}
	if ((n = yamlx_get(rd, "max_smog")) != NULL) {
		if (yamlx_number(c->file, n, &d) == -1)
			c->errors++;
		else if (d < 1 || d > 25) {
			diag_error(c->file, n->line, n->col,
			    "readability.max_smog: %g is out of range; use a "
			    "school grade from 1 to 25 (10 suits patient "
			    "information)", d);
			c->errors++;
		} else
			s->max_smog = d;
	}
	if ((n = yamlx_get(rd, "max_sentence_words")) != NULL) {
		if (yamlx_int(c->file, n, &l) == -1)
			c->errors++;
		else if (l < 5 || l > 100) {
			diag_error(c->file, n->line, n->col,
			    "readability.max_sentence_words: %ld is out of "
			    "range; use 5 to 100 words", l);
			c->errors++;
		} else
			s->max_sentence_words = (int)l;
	}
	if ((n = yamlx_get(rd, "level")) != NULL) {
		if (yamlx_string(c->file, n, &v) == -1)
			c->errors++;
		else if (strcmp(v, "warning") == 0)
			s->readability_level = THRESH_WARNING;
		else if (strcmp(v, "error") == 0)
			s->readability_level = THRESH_ERROR;
		else {
			diag_error(c->file, n->line, n->col,
			    "readability.level: '%s' is not a level; use "
			    "warning or error", v);
			c->errors++;
		}
	}
}

struct site *
site_load(const char *path)
{
	struct ctx c;
	struct site *s;
	struct ynode *root;
	const struct ynode *n;
	char *text;
	size_t len;

	s = xcalloc(1, sizeof(*s));
	s->path = xstrdup(path);
	s->publisher.block.file = s->path;
	defaults(s);
	if (source_slurp(path, SITE_MAX_BYTES, &text, &len) == -1) {
		if (errno == ENOENT) {
			diag_warning(path, 0, 0, "no site settings file; "
			    "building without publisher details, in "
			    "handout-a4, with default readability limits");
			s->missing = 1;
			return s;
		}
		diag_error(path, 0, 0, "cannot read the site settings: %s",
		    source_strerror(errno));
		site_free(s);
		return NULL;
	}
	root = yamlx_parse(path, text, len, 0, SITE_MAX_BYTES);
	free(text);
	if (root == NULL) {
		site_free(s);
		return NULL;
	}

	c.file = s->path;
	c.s = s;
	c.errors = 0;
	if (root->type != YNODE_MAP) {
		diag_error(path, root->line, root->col, "the site settings "
		    "must be 'key: value' lines such as 'publisher:' and "
		    "'booklet:'");
		c.errors++;
	} else {
		yamlx_check_keys(path, root, "the site settings", top_keys,
		    NULL);
		load_publisher(&c, section(&c, root, "publisher",
		    publisher_keys));
		load_booklet(&c, section(&c, root, "booklet", booklet_keys));
		if (get_text(&c, root, "lang", &s->lang, 0, NULL) == 0 &&
		    !valid_lang(s->lang)) {
			n = yamlx_get(root, "lang");
			diag_error(path, n->line, n->col, "lang: '%s' is not a "
			    "language tag; write it like en-GB", s->lang);
			c.errors++;
		}
		load_layouts(&c, root);
		load_numbers(&c, section(&c, root, "governance",
		    governance_keys), section(&c, root, "readability",
		    readability_keys));
	}
	yamlx_free(root);
	if (c.errors > 0) {
		site_free(s);
		return NULL;
	}
	return s;
}

void
site_free(struct site *s)
{
	struct publisher *p;

	if (s == NULL)
		return;
	p = &s->publisher;
	free(p->name);
	free(p->logo);
	free(p->phone);
	free(p->hours);
	free(p->urgent);
	free(p->address);
	free(p->website);
	free(p->email);
	free(p->feedback);
	free(s->path);
	free(s->clinic_path);
	free(s->booklet_title);
	free(s->booklet_subtitle);
	free(s->booklet_inside);
	free(s->edition);
	free_list(s->chapters, s->nchapters);
	free(s->lang);
	free_list(s->layouts, s->nlayouts);
	free(s->layout_lines);
	free(s->layout_cols);
	free(s->booklet_layout);
	free(s);
}

const char *
site_publisher_key(enum publisher_key k)
{
	return publisher_keys[k];
}

const char *
site_publisher_value(const struct publisher *p, enum publisher_key k)
{
	return *(char *const *)((const char *)p + publisher_off[k]);
}

int
site_is_template(const char *v)
{
	size_t n;

	while (*v == ' ')
		v++;
	n = strlen(v);
	while (n > 0 && v[n - 1] == ' ')
		n--;
	return n >= 2 && v[0] == '[' && v[n - 1] == ']';
}

const char *
site_placeholder(const struct site *s, const char *name,
    struct site_origin *at)
{
	static const struct site_origin none;
	const char *v;
	size_t i;

	if (at != NULL)
		*at = none;
	if (strncmp(name, "publisher.", 10) == 0) {
		for (i = 0; publisher_keys[i] != NULL; i++)
			if (strcmp(name + 10, publisher_keys[i]) == 0) {
				v = site_publisher_value(&s->publisher, i);
				if (at != NULL)
					*at = s->publisher.at[i];
				return v != NULL ? v : "";
			}
		return NULL;
	}
	if (strcmp(name, "booklet.title") == 0) {
		if (at != NULL)
			*at = s->title_at;
		return s->booklet_title;
	}
	if (strcmp(name, "booklet.subtitle") == 0) {
		if (at != NULL)
			*at = s->subtitle_at;
		return s->booklet_subtitle;
	}
	if (strcmp(name, "booklet.edition") == 0) {
		if (at != NULL)
			*at = s->edition_at;
		return s->edition;
	}
	if (strcmp(name, "booklet.layout") == 0)
		return s->booklet_layout;
	if (strcmp(name, "lang") == 0)
		return s->lang;
	return NULL;
}

int
site_load_clinic(struct site *s, const char *path)
{
	static const char *const clinic_keys[] = { "publisher", NULL };
	struct ctx c;
	struct ynode *root;
	char *text;
	size_t len;

	if (source_slurp(path, SITE_MAX_BYTES, &text, &len) == -1) {
		diag_error(path, 0, 0, "cannot read the clinic settings: %s",
		    source_strerror(errno));
		return -1;
	}
	root = yamlx_parse(path, text, len, 0, SITE_MAX_BYTES);
	free(text);
	if (root == NULL)
		return -1;
	free(s->clinic_path);
	s->clinic_path = xstrdup(path);
	c.file = s->clinic_path;
	c.s = s;
	c.errors = 0;
	if (root->type != YNODE_MAP) {
		diag_error(path, root->line, root->col, "a clinic file holds "
		    "one 'publisher:' block with the clinic's details");
		c.errors++;
	} else {
		c.errors += yamlx_check_keys(path, root, "a clinic file",
		    clinic_keys, clinic_keys);
		load_publisher(&c, section(&c, root, "publisher",
		    publisher_keys));
	}
	yamlx_free(root);
	return c.errors > 0 ? -1 : 0;
}

int
site_contact(const struct publisher *p, const char *labels[SITE_CONTACT_MAX],
    const char *values[SITE_CONTACT_MAX])
{
	const char *const names[SITE_CONTACT_MAX] = { "Phone", "Opening hours",
	    "Urgent help", "Address", "Website", "Email", "Feedback" };
	const char *const all[SITE_CONTACT_MAX] = { p->phone, p->hours,
	    p->urgent, p->address, p->website, p->email, p->feedback };
	int i, n = 0;

	for (i = 0; i < SITE_CONTACT_MAX; i++)
		if (all[i] != NULL && all[i][0] != '\0') {
			labels[n] = names[i];
			values[n++] = all[i];
		}
	return n;
}
