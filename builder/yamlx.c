/*
 * yamlx: libyaml events -> struct ynode tree, with every position converted
 * to the file's line and column, and typed access to the scalars; also
 * reading a YAML file whole, and the edit distance behind "did you mean".
 *
 * Diagnostics found while parsing are collected first and printed sorted by
 * position, because duplicate keys are only known when a mapping ends.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <yaml.h>

#include "buf.h"
#include "date.h"
#include "diag.h"
#include "source.h"
#include "utf8.h"
#include "xalloc.h"
#include "yamlx.h"

#define MAX_ANCHOR_REPORTS	3	/* then one "and N more" */
#define SHOW_MAX		40	/* bytes of a value in a message */

/* A diagnostic waiting to be printed in position order. */
struct pend {
	enum diag_level	 level;
	int		 line, col;
	size_t		 seq;
	char		*msg;
};

/* Walks the text to turn libyaml character indexes into file positions. */
struct cursor {
	size_t		 ci;		/* character index, as mark.index */
	size_t		 bo;		/* byte offset */
	int		 line, col;	/* file position of bo, 1-based */
};

/* An open mapping or sequence. */
struct frame {
	struct ynode	*node;
	struct ynode	*last;		/* last child, for appending */
	char		*key;		/* map: key waiting for its value */
	int		 key_line, key_col;
	int		 have_key;
	int		 drop_value;	/* the key was not text: skip value */
};

struct ctx {
	const char	*file;
	const char	*text;
	size_t		 len;
	size_t		 start;		/* bytes of BOM libyaml skipped */
	int		 line0;
	struct cursor	 cur;
	struct pend	*pend;
	size_t		 npend, pendcap;
	int		 nerr;
	unsigned	 nanchor;	/* anchors and aliases seen */
	int		 extra_line, extra_col;	/* first unreported one */
	struct frame	 stack[YAMLX_MAX_DEPTH];
	int		 depth;
	struct ynode	*root;
};

static void	 report(struct ctx *, enum diag_level, int, int,
		    const char *, ...) __attribute__((format(printf, 5, 6)));
static int	 pend_cmp(const void *, const void *);
static void	 flush(struct ctx *);
static void	 step(struct ctx *);
static void	 mark_pos(struct ctx *, const yaml_mark_t *, int *, int *);
static void	 byte_pos(struct ctx *, size_t, int *, int *);
static struct ynode *new_node(enum ynode_type, int, int);
static void	 free_frames(struct ctx *);
static void	 append(struct frame *, struct ynode *);
static void	 deliver(struct ctx *, struct ynode *);
static int	 key_cmp(const void *, const void *);
static void	 check_dups(struct ctx *, struct ynode *);
static void	 anchor_error(struct ctx *, const yaml_mark_t *);
static int	 is_str_tag(const yaml_char_t *);
static void	 tag_warning(struct ctx *, const yaml_mark_t *,
		    const yaml_char_t *);
static int	 find_tab(struct ctx *, const yaml_mark_t *, int *, int *);
static void	 syntax_error(struct ctx *, const yaml_parser_t *);
static void	 shown(const char *, char *, size_t);
static void	 name_of(const struct ynode *, char *, size_t);
static const char *kind_of(const struct ynode *);
static int	 is_null(const struct ynode *);
static int	 is_decimal(const char *, int);
static int	 check_plain(const char *, const struct ynode *, const char *);
static int	 not_expected(const char *, const struct ynode *,
		    const char *);
static int	 out_of_range(const char *, const struct ynode *);
static int	 ascii_fold(int);

static void
report(struct ctx *c, enum diag_level level, int line, int col,
    const char *fmt, ...)
{
	struct pend *p;
	va_list ap;
	int n;

	ARRAY_GROW(c->pend, c->npend, c->pendcap);
	p = &c->pend[c->npend];
	p->level = level;
	p->line = line;
	p->col = col;
	p->seq = c->npend++;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	p->msg = xmalloc((size_t)(n < 0 ? 0 : n) + 1);
	p->msg[0] = '\0';
	va_start(ap, fmt);
	vsnprintf(p->msg, (size_t)(n < 0 ? 0 : n) + 1, fmt, ap);
	va_end(ap);
	if (level != DIAG_WARNING)
		c->nerr++;
}

static int
pend_cmp(const void *a, const void *b)
{
	const struct pend *p = a, *q = b;

	if (p->line != q->line)
		return p->line < q->line ? -1 : 1;
	if (p->col != q->col)
		return p->col < q->col ? -1 : 1;
	return p->seq < q->seq ? -1 : p->seq > q->seq;
}

static void
flush(struct ctx *c)
{
	size_t i;

	if (c->nanchor > MAX_ANCHOR_REPORTS)
		report(c, DIAG_ERROR, c->extra_line, c->extra_col,
		    "and %u more anchors or aliases from here on (not shown)",
		    c->nanchor - MAX_ANCHOR_REPORTS);
	if (c->npend > 1)
		qsort(c->pend, c->npend, sizeof(*c->pend), pend_cmp);
	for (i = 0; i < c->npend; i++) {
		diag(c->pend[i].level, c->file, c->pend[i].line,
		    c->pend[i].col, "%s", c->pend[i].msg);
		free(c->pend[i].msg);
	}
	free(c->pend);
	c->pend = NULL;
	c->npend = c->pendcap = 0;
}

/*
 * Advance the cursor by one character.  Line breaks are those an editor
 * shows: LF, CRLF and a lone CR.
 */
static void
step(struct ctx *c)
{
	struct cursor *k = &c->cur;
	char ch = c->text[k->bo];

	if (ch == '\n' || (ch == '\r' && (k->bo + 1 >= c->len ||
	    c->text[k->bo + 1] != '\n'))) {
		k->bo++;
		k->line++;
		k->col = 1;
	} else if (ch == '\r') {
		k->bo++;
	} else {
		if ((unsigned char)ch < 0x80)	/* without a call */
			k->bo++;
		else
			utf8_next(c->text, c->len, &k->bo);
		k->col++;
	}
	k->ci++;
}

static void
mark_pos(struct ctx *c, const yaml_mark_t *m, int *line, int *col)
{
	if (m->index < c->cur.ci) {
		c->cur.ci = 0;
		c->cur.bo = c->start;
		c->cur.line = c->cur.col = 1;
	}
	while (c->cur.ci < m->index && c->cur.bo < c->len)
		step(c);
	*line = c->line0 + c->cur.line;
	*col = c->cur.col;
}

static void
byte_pos(struct ctx *c, size_t off, int *line, int *col)
{
	c->cur.ci = 0;
	c->cur.bo = c->start;
	c->cur.line = c->cur.col = 1;
	while (c->cur.bo < off && c->cur.bo < c->len)
		step(c);
	*line = c->line0 + c->cur.line;
	*col = c->cur.col;
}

static struct ynode *
new_node(enum ynode_type type, int line, int col)
{
	struct ynode *n = xcalloc(1, sizeof(*n));

	n->type = type;
	n->line = line;
	n->col = col;
	return n;
}

void
yamlx_free(struct ynode *n)
{
	struct ynode *next;

	while (n != NULL) {
		next = n->next;
		yamlx_free(n->child);
		free(n->value);
		free(n->key);
		free(n);
		n = next;
	}
}

static void
free_frames(struct ctx *c)
{
	while (c->depth > 0) {
		c->depth--;
		yamlx_free(c->stack[c->depth].node);
		free(c->stack[c->depth].key);
	}
}

static void
append(struct frame *f, struct ynode *n)
{
	if (f->last == NULL)
		f->node->child = n;
	else
		f->last->next = n;
	f->last = n;
	f->node->nchild++;
}

/* Hand a finished node to the open collection, or make it the root. */
static void
deliver(struct ctx *c, struct ynode *n)
{
	struct frame *f;

	if (c->depth == 0) {
		if (c->root == NULL)
			c->root = n;
		else
			yamlx_free(n);
		return;
	}
	f = &c->stack[c->depth - 1];
	if (f->node->type == YNODE_SEQ) {
		append(f, n);
		return;
	}
	if (!f->have_key) {
		f->have_key = 1;
		if (n->type == YNODE_SCALAR) {
			f->key = n->value;
			f->key_line = n->line;
			f->key_col = n->col;
			n->value = NULL;
		} else {
			report(c, DIAG_ERROR, n->line, n->col,
			    "a key must be a plain name, not %s: "
			    "write 'name: value'", kind_of(n));
			f->drop_value = 1;
		}
		yamlx_free(n);
		return;
	}
	f->have_key = 0;
	if (f->drop_value) {
		f->drop_value = 0;
		yamlx_free(n);
		return;
	}
	n->key = f->key;
	n->key_line = f->key_line;
	n->key_col = f->key_col;
	f->key = NULL;
	append(f, n);
}

static int
key_cmp(const void *a, const void *b)
{
	const struct ynode *const *p = a, *const *q = b;
	int r = strcmp((*p)->key, (*q)->key);

	if (r != 0)
		return r;
	if ((*p)->key_line != (*q)->key_line)
		return (*p)->key_line < (*q)->key_line ? -1 : 1;
	return (*p)->key_col < (*q)->key_col ? -1 :
	    (*p)->key_col > (*q)->key_col;
}

/* Sorting keeps large mappings from costing quadratic time. */
static void
check_dups(struct ctx *c, struct ynode *map)
{
	struct ynode **v, *n;
	int i, j, first;

	if (map->nchild < 2)
		return;
	v = xreallocarray(NULL, (size_t)map->nchild, sizeof(*v));
	for (i = 0, n = map->child; n != NULL; n = n->next)
		v[i++] = n;
	qsort(v, (size_t)map->nchild, sizeof(*v), key_cmp);
	for (first = 0, j = 1; j < map->nchild; j++) {
		if (strcmp(v[first]->key, v[j]->key) != 0) {
			first = j;
			continue;
		}
		report(c, DIAG_ERROR, v[j]->key_line, v[j]->key_col,
		    "duplicate key '%s': it is already set at line %d, "
		    "column %d; keep only one of them", v[j]->key,
		    v[first]->key_line, v[first]->key_col);
	}
	free(v);
}

static void
anchor_error(struct ctx *c, const yaml_mark_t *m)
{
	int line, col;

	mark_pos(c, m, &line, &col);
	if (++c->nanchor <= MAX_ANCHOR_REPORTS)
		report(c, DIAG_ERROR, line, col, "YAML anchors and aliases "
		    "(&x, *x) are not allowed in leafpress files: "
		    "write the value out in full");
	else if (c->nanchor == MAX_ANCHOR_REPORTS + 1) {
		c->extra_line = line;
		c->extra_col = col;
	}
}

static int
is_str_tag(const yaml_char_t *tag)
{
	return tag != NULL && strcmp((const char *)tag, YAML_STR_TAG) == 0;
}

static void
tag_warning(struct ctx *c, const yaml_mark_t *m, const yaml_char_t *tag)
{
	int line, col;

	if (tag == NULL || is_str_tag(tag))
		return;
	mark_pos(c, m, &line, &col);
	report(c, DIAG_WARNING, line, col, "the YAML tag '%s' is ignored: "
	    "remove it", (const char *)tag);
}

/*
 * libyaml names tabs in some of its messages but not in most: look for a
 * tab in the indentation of the problem line, or right at the mark.
 */
static int
find_tab(struct ctx *c, const yaml_mark_t *m, int *line, int *col)
{
	size_t b, i;

	mark_pos(c, m, line, col);
	b = c->cur.bo;
	if (b < c->len && c->text[b] == '\t')
		return 1;
	while (b > c->start && c->text[b - 1] != '\n' &&
	    c->text[b - 1] != '\r')
		b--;
	for (i = b; i < c->len && (c->text[i] == ' ' ||
	    c->text[i] == '\t'); i++)
		if (c->text[i] == '\t') {
			*col = (int)(i - b) + 1;
			return 1;
		}
	return 0;
}

/* Curly quotes, as word processors and phones type them. */
#define LDQ	"\xe2\x80\x9c"	/* “ */
#define RDQ	"\xe2\x80\x9d"	/* ” */
#define LSQ	"\xe2\x80\x98"	/* ‘ */
#define RSQ	"\xe2\x80\x99"	/* ’ */

static int
is_curly_at(const char *s, size_t len, size_t i)
{
	return i + 3 <= len && (memcmp(s + i, LDQ, 3) == 0 ||
	    memcmp(s + i, RDQ, 3) == 0 || memcmp(s + i, LSQ, 3) == 0 ||
	    memcmp(s + i, RSQ, 3) == 0);
}

/*
 * A plain scalar wrapped in curly quotes (“Title”), or a key with any
 * curly quote in it: YAML does not see them as quotes, so they would go
 * into the title or make an unknown key.  They are dropped, with a
 * warning saying to type straight quotes.
 */
static void
curly_quotes(struct ctx *c, struct ynode *n, int is_key)
{
	char *v = n->value;
	size_t len = n->len, i, o;
	int open, close, dbl;

	if (len < 3)
		return;
	open = memcmp(v, LDQ, 3) == 0 || memcmp(v, RDQ, 3) == 0 ||
	    memcmp(v, LSQ, 3) == 0;
	dbl = open && memcmp(v, LSQ, 3) != 0;
	close = len >= 6 && (dbl ? memcmp(v + len - 3, RDQ, 3) == 0 ||
	    memcmp(v + len - 3, LDQ, 3) == 0 : memcmp(v + len - 3, RSQ, 3)
	    == 0);
	if (is_key) {
		for (i = o = 0; i < len; )
			if (is_curly_at(v, len, i))
				i += 3;
			else
				v[o++] = v[i++];
		if (o == len)
			return;
		v[o] = '\0';
		n->len = o;
		report(c, DIAG_WARNING, n->line, n->col, "the key '%s' is "
		    "typed with curly quotes, which YAML keeps as part of the "
		    "name: they were left out; write the key without quotes",
		    v);
		return;
	}
	if (!open)
		return;
	if (!close && !(dbl && v[len - 1] == '"'))
		return;
	o = close ? len - 6 : len - 4;
	memmove(v, v + 3, o);
	v[o] = '\0';
	n->len = o;
	report(c, DIAG_WARNING, n->line, n->col, "this text is in curly "
	    "quotes, which YAML keeps as part of the text: they were left "
	    "out; type straight quotes (%s) where quotes are meant",
	    dbl ? "\"...\"" : "'...'");
}

/*
 * A quoted value opened with a straight quote and closed with a curly
 * one ("Title”) runs on into the next lines, where libyaml stops with an
 * unrelated complaint.  Find the line where it happened, up to line
 * last of the file.
 */
static int
curly_close(struct ctx *c, int last, int *line, int *col)
{
	size_t p = c->start, eol, i, vstart;
	int l;
	char q;

	while (p < c->len) {
		for (eol = p; eol < c->len && c->text[eol] != '\n'; eol++)
			;
		/* the value: after "key: " or "- " */
		vstart = (size_t)-1;
		for (i = p; i + 1 < eol; i++)
			if ((c->text[i] == ':' || c->text[i] == '-') &&
			    c->text[i + 1] == ' ') {
				for (i += 2; i < eol && c->text[i] == ' '; i++)
					;
				vstart = i;
				break;
			} else if (c->text[i] == '"' || c->text[i] == '\'' ||
			    c->text[i] == '#')
				break;
		if (vstart != (size_t)-1 && vstart < eol &&
		    (c->text[vstart] == '"' || c->text[vstart] == '\'')) {
			size_t end = eol, curly = (size_t)-1;

			q = c->text[vstart];
			while (end > vstart + 1 && (c->text[end - 1] == ' ' ||
			    c->text[end - 1] == '\r'))
				end--;
			if (end >= vstart + 4 && is_curly_at(c->text, c->len,
			    end - 3))
				curly = end - 3;
			for (i = vstart + 1; i < end; i++)
				if (c->text[i] == q)
					break;
			if (curly != (size_t)-1 && i == end) {
				byte_pos(c, curly, &l, col);
				*line = l;
				return l <= last;
			}
		}
		p = eol + 1;
	}
	return 0;
}

static void
syntax_error(struct ctx *c, const yaml_parser_t *p)
{
	const char *prob = p->problem ? p->problem : "unknown problem";
	const char *ctxt = p->context ? p->context : "";
	unsigned char ch;
	char show[8];
	int line, col;
	size_t n;

	if (p->error == YAML_READER_ERROR) {
		byte_pos(c, p->problem_offset, &line, &col);
		ch = p->problem_offset < c->len ?
		    (unsigned char)c->text[p->problem_offset] : 0;
		if (strcmp(prob, "control characters are not allowed") == 0)
			report(c, DIAG_ERROR, line, col, "the control "
			    "character U+%04X is not allowed: remove it",
			    (unsigned)p->problem_value);
		else if (strstr(prob, "UTF-8") != NULL)
			report(c, DIAG_ERROR, line, col, "invalid UTF-8 "
			    "byte 0x%02X: save the file as UTF-8", ch);
		else
			report(c, DIAG_ERROR, line, col,
			    "cannot read the YAML text: %s", prob);
		return;
	}
	if (p->error != YAML_SCANNER_ERROR && p->error != YAML_PARSER_ERROR) {
		report(c, DIAG_FATAL, c->line0 + 1, 1,
		    "the YAML parser failed: %s", prob);
		return;
	}
	mark_pos(c, &p->problem_mark, &line, &col);
	if (curly_close(c, line, &line, &col)) {
		report(c, DIAG_ERROR, line, col, "this quoted text is closed "
		    "with a curly quote, which YAML does not see as its end: "
		    "type a straight quote (\" or ') to close it");
		return;
	}
	if (find_tab(c, &p->problem_mark, &line, &col)) {
		report(c, DIAG_ERROR, line, col, "a tab is used for "
		    "indentation: YAML needs spaces; replace the tab "
		    "with spaces");
		return;
	}
	if (strcmp(prob, "found unexpected end of stream") == 0 &&
	    strcmp(ctxt, "while scanning a quoted scalar") == 0) {
		mark_pos(c, &p->context_mark, &line, &col);
		report(c, DIAG_ERROR, line, col, "this quoted text is never "
		    "closed: add the closing %s", c->cur.bo < c->len &&
		    c->text[c->cur.bo] == '\'' ? "'" : "\"");
		return;
	}
	if (strcmp(prob, "could not find expected ':'") == 0) {
		mark_pos(c, &p->context_mark, &line, &col);
		report(c, DIAG_ERROR, line, col, "this line has no ':' after "
		    "its key: write 'key: value', or indent the line if it "
		    "continues the value above");
		return;
	}
	if (strncmp(prob, "did not find expected ',' or ", 29) == 0) {
		mark_pos(c, &p->context_mark, &line, &col);
		report(c, DIAG_ERROR, line, col, "the %s opened here is not "
		    "closed properly: check for a missing '%c' or ','",
		    prob[29] == '\'' && prob[30] == ']' ? "list" : "mapping",
		    prob[29] == '\'' && prob[30] == ']' ? ']' : '}');
		return;
	}
	mark_pos(c, &p->problem_mark, &line, &col);
	if (strcmp(prob, "mapping values are not allowed in this context")
	    == 0)
		report(c, DIAG_ERROR, line, col, "unexpected ':' here: if the "
		    "value contains ': ', put it in quotes; otherwise check "
		    "the indentation of this line");
	else if (strcmp(prob, "did not find expected key") == 0)
		report(c, DIAG_ERROR, line, col, "expected a new 'key: value' "
		    "line here: check the indentation of this line, and that "
		    "nothing follows a closing quote");
	else if (strcmp(prob, "did not find expected '-' indicator") == 0)
		report(c, DIAG_ERROR, line, col, "expected a '- ' list item "
		    "here: check the indentation of this line");
	else if (strcmp(prob, "block sequence entries are not allowed in "
	    "this context") == 0)
		report(c, DIAG_ERROR, line, col, "a '- ' list cannot start on "
		    "the line of its key: put each '- ' item on a line of "
		    "its own below the key");
	else if (strcmp(prob, "did not find expected node content") == 0)
		report(c, DIAG_ERROR, line, col, "expected a value here: put "
		    "text that starts with a special character in quotes");
	else if (strcmp(prob, "found character that cannot start any token")
	    == 0) {
		ch = c->cur.bo < c->len ? (unsigned char)c->text[c->cur.bo] : 0;
		n = 1;
		if (ch >= 0x80) {
			n = c->cur.bo;
			utf8_next(c->text, c->len, &n);
			n -= c->cur.bo;
		}
		memcpy(show, c->text + c->cur.bo, n);
		show[n] = '\0';
		report(c, DIAG_ERROR, line, col, "a value cannot start with "
		    "'%s': put the value in quotes", show);
	} else if (strcmp(prob, "found unknown escape character") == 0)
		report(c, DIAG_ERROR, line, col, "unknown escape after a "
		    "backslash in double-quoted text: write \\\\ for a "
		    "backslash, or use single quotes");
	else if (strcmp(prob, "did not find expected <document start>") == 0)
		report(c, DIAG_ERROR, line, col, "unexpected text after the "
		    "end of the YAML document ('...'): remove it");
	else if (*ctxt != '\0')
		report(c, DIAG_ERROR, line, col, "YAML syntax error: %s %s",
		    prob, ctxt);
	else
		report(c, DIAG_ERROR, line, col, "YAML syntax error: %s", prob);
}

struct ynode *
yamlx_parse(const char *file, const char *text, size_t len, int line0,
    size_t max_bytes)
{
	yaml_parser_t p;
	yaml_event_t ev;
	struct ctx c;
	struct ynode *n;
	struct frame *f;
	int line, col, ndoc = 0, stop = 0;

	if (text == NULL)
		text = "";
	memset(&c, 0, sizeof(c));
	c.file = file;
	c.text = text;
	c.len = len;
	c.line0 = line0;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		c.start = 3;
	c.cur.bo = c.start;
	c.cur.line = c.cur.col = 1;

	if (max_bytes > 0 && len > max_bytes) {
		diag_error(file, line0 + 1, 1, "this YAML text is %zu bytes, "
		    "more than the %zu allowed: shorten it", len, max_bytes);
		return NULL;
	}
	if (!yaml_parser_initialize(&p)) {
		diag_fatal(file, 0, 0, "cannot start the YAML parser");
		return NULL;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);

	while (!stop) {
		if (!yaml_parser_parse(&p, &ev)) {
			syntax_error(&c, &p);
			break;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			stop = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (ndoc++ == 0)
				break;
			mark_pos(&c, &ev.start_mark, &line, &col);
			report(&c, DIAG_ERROR, line, col, "a second YAML "
			    "document starts here, but only one is allowed: "
			    "remove this '---' line and what follows, or merge "
			    "the two");
			stop = 1;
			break;
		case YAML_ALIAS_EVENT:
			anchor_error(&c, &ev.start_mark);
			mark_pos(&c, &ev.start_mark, &line, &col);
			n = new_node(YNODE_SCALAR, line, col);
			n->value = xstrdup("");
			deliver(&c, n);
			break;
		case YAML_SCALAR_EVENT:
			if (ev.data.scalar.anchor != NULL)
				anchor_error(&c, &ev.start_mark);
			tag_warning(&c, &ev.start_mark, ev.data.scalar.tag);
			mark_pos(&c, &ev.start_mark, &line, &col);
			n = new_node(YNODE_SCALAR, line, col);
			n->plain = ev.data.scalar.style ==
			    YAML_PLAIN_SCALAR_STYLE &&
			    !is_str_tag(ev.data.scalar.tag);
			n->len = ev.data.scalar.length;
			n->value = xstrndup((const char *)ev.data.scalar.value,
			    n->len);
			if (strlen(n->value) != n->len)
				report(&c, DIAG_ERROR, line, col, "this text "
				    "contains a NUL character (\\0): "
				    "remove it");
			else if (ev.data.scalar.style ==
			    YAML_PLAIN_SCALAR_STYLE)
				curly_quotes(&c, n, c.depth > 0 &&
				    c.stack[c.depth - 1].node->type ==
				    YNODE_MAP &&
				    !c.stack[c.depth - 1].have_key);
			deliver(&c, n);
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (ev.type == YAML_SEQUENCE_START_EVENT) {
				if (ev.data.sequence_start.anchor != NULL)
					anchor_error(&c, &ev.start_mark);
				tag_warning(&c, &ev.start_mark,
				    ev.data.sequence_start.tag);
			} else {
				if (ev.data.mapping_start.anchor != NULL)
					anchor_error(&c, &ev.start_mark);
				tag_warning(&c, &ev.start_mark,
				    ev.data.mapping_start.tag);
			}
			mark_pos(&c, &ev.start_mark, &line, &col);
			if (c.depth == YAMLX_MAX_DEPTH) {
				report(&c, DIAG_ERROR, line, col, "the values "
				    "are nested more than %d levels deep here: "
				    "leafpress files never need that; simplify "
				    "the structure", YAMLX_MAX_DEPTH);
				stop = 1;
				break;
			}
			f = &c.stack[c.depth++];
			memset(f, 0, sizeof(*f));
			f->node = new_node(ev.type ==
			    YAML_SEQUENCE_START_EVENT ? YNODE_SEQ : YNODE_MAP,
			    line, col);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			f = &c.stack[--c.depth];
			n = f->node;
			free(f->key);
			if (n->type == YNODE_MAP)
				check_dups(&c, n);
			deliver(&c, n);
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	free_frames(&c);

	/* No document, or one with nothing in it ("---" alone). */
	if (c.root == NULL || (c.root->type == YNODE_SCALAR &&
	    c.root->plain && c.root->len == 0)) {
		yamlx_free(c.root);
		c.root = new_node(YNODE_MAP, line0 + 1, 1);
	}
	flush(&c);
	if (c.nerr > 0) {
		yamlx_free(c.root);
		return NULL;
	}
	return c.root;
}

const struct ynode *
yamlx_get(const struct ynode *map, const char *key)
{
	const struct ynode *n;

	if (map == NULL || map->type != YNODE_MAP)
		return NULL;
	for (n = map->child; n != NULL; n = n->next)
		if (strcmp(n->key, key) == 0)
			return n;
	return NULL;
}

/* Quote a value in a message: one line, at most SHOW_MAX bytes. */
static void
shown(const char *v, char *out, size_t sz)
{
	size_t i, o, next;

	for (i = o = 0; v[i] != '\0' && o + 8 < sz; i = next) {
		next = i;
		utf8_next(v, strlen(v), &next);
		if (i >= SHOW_MAX) {
			memcpy(out + o, "...", 3);
			o += 3;
			break;
		}
		if (v[i] == '\n' || v[i] == '\t' || v[i] == '\r')
			out[o++] = ' ';
		else {
			memcpy(out + o, v + i, next - i);
			o += next - i;
		}
	}
	out[o] = '\0';
}

static void
name_of(const struct ynode *n, char *out, size_t sz)
{
	if (n->key != NULL)
		snprintf(out, sz, "'%s'", n->key);
	else
		snprintf(out, sz, "this list item");
}

static const char *
kind_of(const struct ynode *n)
{
	switch (n->type) {
	case YNODE_MAP:
		return "a group of 'key: value' lines";
	case YNODE_SEQ:
		return "a list";
	default:
		return "text";
	}
}

static int
is_null(const struct ynode *n)
{
	return n->type == YNODE_SCALAR && n->plain && (n->len == 0 ||
	    strcmp(n->value, "~") == 0 || strcmp(n->value, "null") == 0 ||
	    strcmp(n->value, "Null") == 0 || strcmp(n->value, "NULL") == 0);
}

int
yamlx_string(const char *file, const struct ynode *n, const char **out)
{
	char name[128];

	*out = "";
	if (n == NULL)
		return -1;
	if (n->type != YNODE_SCALAR) {
		name_of(n, name, sizeof(name));
		diag_error(file, n->line, n->col, "expected text for %s, "
		    "found %s: write the value on one line after the key",
		    name, kind_of(n));
		return -1;
	}
	if (!is_null(n))
		*out = n->value;
	return 0;
}

/* Plain decimal notation only: strtod alone would take "inf", "0x1p3". */
static int
is_decimal(const char *s, int allow_frac)
{
	int digits = 0;

	if (*s == '-' || *s == '+')
		s++;
	while (*s >= '0' && *s <= '9')
		s++, digits++;
	if (allow_frac && *s == '.') {
		s++;
		while (*s >= '0' && *s <= '9')
			s++, digits++;
	}
	if (digits == 0)
		return 0;
	if (allow_frac && (*s == 'e' || *s == 'E')) {
		s++;
		if (*s == '-' || *s == '+')
			s++;
		if (*s < '0' || *s > '9')
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == '\0';
}

/* Common checks of the numeric accessors; returns 0 if n may be parsed. */
static int
check_plain(const char *file, const struct ynode *n, const char *what)
{
	char name[128], show[64];

	if (n == NULL)
		return -1;
	name_of(n, name, sizeof(name));
	if (n->type != YNODE_SCALAR) {
		diag_error(file, n->line, n->col, "expected %s for %s, "
		    "found %s", what, name, kind_of(n));
		return -1;
	}
	shown(n->value, show, sizeof(show));
	if (is_null(n)) {
		diag_error(file, n->line, n->col, "expected %s for %s, found "
		    "nothing: write the value after the key", what, name);
		return -1;
	}
	if (!n->plain) {
		diag_error(file, n->line, n->col, "expected %s for %s, found "
		    "quoted text \"%s\": remove the quotes", what, name, show);
		return -1;
	}
	return 0;
}

/* Report that n's value is not what was expected; returns -1. */
static int
not_expected(const char *file, const struct ynode *n, const char *what)
{
	char name[128], show[64];

	name_of(n, name, sizeof(name));
	shown(n->value, show, sizeof(show));
	diag_error(file, n->line, n->col, "expected %s for %s, found '%s'",
	    what, name, show);
	return -1;
}

/* Report that n's number does not fit the type; returns -1. */
static int
out_of_range(const char *file, const struct ynode *n)
{
	char name[128], show[64];

	name_of(n, name, sizeof(name));
	shown(n->value, show, sizeof(show));
	diag_error(file, n->line, n->col, "the number %s for %s is out of "
	    "range", show, name);
	return -1;
}

int
yamlx_number(const char *file, const struct ynode *n, double *out)
{
	double d;

	*out = 0;
	if (check_plain(file, n, "a number") == -1)
		return -1;
	if (!is_decimal(n->value, 1))
		return not_expected(file, n, "a number");
	errno = 0;
	d = strtod(n->value, NULL);
	if (errno == ERANGE || !isfinite(d))
		return out_of_range(file, n);
	*out = d;
	return 0;
}

int
yamlx_int(const char *file, const struct ynode *n, long *out)
{
	long v;

	*out = 0;
	if (check_plain(file, n, "a whole number") == -1)
		return -1;
	if (!is_decimal(n->value, 0))
		return not_expected(file, n, "a whole number");
	errno = 0;
	v = strtol(n->value, NULL, 10);
	if (errno == ERANGE)
		return out_of_range(file, n);
	*out = v;
	return 0;
}

int
yamlx_bool(const char *file, const struct ynode *n, int *out)
{
	*out = 0;
	if (check_plain(file, n, "true or false") == -1)
		return -1;
	if (strcasecmp(n->value, "true") == 0 ||
	    strcasecmp(n->value, "yes") == 0) {
		*out = 1;
		return 0;
	}
	if (strcasecmp(n->value, "false") == 0 ||
	    strcasecmp(n->value, "no") == 0)
		return 0;
	return not_expected(file, n, "true or false");
}

int
yamlx_date(const char *file, const struct ynode *n, long *days)
{
	char name[128];
	const char *s;
	long y;
	int m, d, i;

	*days = -1;
	if (n == NULL)
		return -1;
	name_of(n, name, sizeof(name));
	if (n->type != YNODE_SCALAR || is_null(n)) {
		diag_error(file, n->line, n->col, "expected a date written "
		    "YYYY-MM-DD for %s, found %s", name,
		    n->type == YNODE_SCALAR ? "nothing" : kind_of(n));
		return -1;
	}
	s = n->value;
	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : s[i] < '0' || s[i] > '9')
			break;
	if (i < 10 || s[10] != '\0')
		return not_expected(file, n, "a date written YYYY-MM-DD");
	y = strtol(s, NULL, 10);
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1970) {
		diag_error(file, n->line, n->col, "the date %s for %s is "
		    "before 1970: check the year", s, name);
		return -1;
	}
	if (m < 1 || m > 12) {
		diag_error(file, n->line, n->col, "the date %s for %s has no "
		    "month %d: write YYYY-MM-DD with a month from 01 to 12",
		    s, name, m);
		return -1;
	}
	if (d < 1 || d > date_days_in_month(y, m)) {
		diag_error(file, n->line, n->col, "the date %s for %s does "
		    "not exist: %s %ld has %d days", s, name,
		    date_month_name(m), y, date_days_in_month(y, m));
		return -1;
	}
	*days = date_from_civil(y, m, d);
	return 0;
}

/* Lower case for ASCII letters; every other byte as it is. */
static int
ascii_fold(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

int
yamlx_distance(const char *a, const char *b)
{
	int row[YAMLX_DISTANCE_MAX + 1], i, j, prev, tmp, la, lb;

	la = (int)strlen(a);
	lb = (int)strlen(b);
	if (la > YAMLX_DISTANCE_MAX || lb > YAMLX_DISTANCE_MAX)
		return YAMLX_DISTANCE_FAR;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			row[j] = prev + (ascii_fold(a[i - 1]) !=
			    ascii_fold(b[j - 1]));
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			if (tmp + 1 < row[j])
				row[j] = tmp + 1;
			prev = tmp;
		}
	}
	return row[lb];
}

struct ynode *
yamlx_load_file(const char *path, size_t max, const char *what,
    int *missing)
{
	struct ynode *root;
	char *text;
	size_t len;

	if (missing != NULL)
		*missing = 0;
	if (source_slurp(path, max, &text, &len) == -1) {
		if (errno == ENOENT && missing != NULL) {
			*missing = 1;
			return NULL;
		}
		diag_error(path, 0, 0, "cannot read %s: %s", what,
		    errno == EFBIG ? "the file is too large" :
		    source_strerror(errno));
		return NULL;
	}
	root = yamlx_parse(path, text, len, 0, max);
	free(text);
	return root;
}

int
yamlx_check_keys(const char *file, const struct ynode *map,
    const char *what, const char *const *known, const char *const *required)
{
	const struct ynode *n;
	struct buf list, hint;
	int i, best, d, nerr = 0;

	if (map == NULL)
		return 1;
	if (map->type != YNODE_MAP) {
		diag_error(file, map->line, map->col, "%s should be lines of "
		    "'key: value', but this is %s", what, kind_of(map));
		return 1;
	}
	buf_init(&list);
	buf_init(&hint);
	for (n = map->child; known != NULL && n != NULL; n = n->next) {
		for (i = 0; known[i] != NULL; i++)
			if (strcmp(n->key, known[i]) == 0)
				break;
		if (known[i] != NULL)
			continue;
		/* unknown: the nearest known key, if any is near */
		best = -1;
		for (i = 0; known[i] != NULL; i++) {
			d = yamlx_distance(n->key, known[i]);
			if (d <= 2 && (best == -1 ||
			    d < yamlx_distance(n->key, known[best])))
				best = i;
		}
		if (list.len == 0)
			for (i = 0; known[i] != NULL; i++)
				buf_printf(&list, "%s%s", i ? ", " : "",
				    known[i]);
		buf_reset(&hint);
		if (best != -1)
			buf_printf(&hint, " (did you mean '%s'?)", known[best]);
		diag_warning(file, n->key_line, n->key_col, "unknown key '%s' "
		    "in %s%s; known keys are %s", n->key, what, hint.p, list.p);
	}
	for (i = 0; required != NULL && required[i] != NULL; i++) {
		if (yamlx_get(map, required[i]) != NULL)
			continue;
		diag_error(file, map->line, map->col, "missing key '%s' in %s: "
		    "add a line '%s: ...'", required[i], what, required[i]);
		nerr++;
	}
	buf_free(&list);
	buf_free(&hint);
	return nerr;
}

char *
yamlx_text(const char *file, const struct ynode *n, int *nerr)
{
	const char *s;

	if (n == NULL)
		return NULL;
	if (yamlx_string(file, n, &s) == -1) {
		(*nerr)++;
		return NULL;
	}
	while (*s == ' ')
		s++;
	return *s != '\0' ? xstrdup(s) : NULL;
}
