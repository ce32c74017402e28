/*
 * mdparse: Markdown body -> document tree, through cmark-gfm.
 *
 * cmark-gfm parses; its AST is walked with its (iterative) iterator and
 * copied into struct node.  On the way we add what cmark does not know:
 * pandoc citations, GitHub alerts, checks on footnotes, images, headings
 * and raw HTML, and text for one output only (<!-- only: ... -->).  cmark's inline positions are unreliable, so the inline
 * nodes that need a position of their own (citations, images, footnote
 * references, undefined footnotes) are found again in the source text of
 * their block; all other inlines carry their block's position.
 */
#define CMARK_NO_SHORT_NAMES	/* cmark's NODE_* macros clash with doc.h */

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "buf.h"
#include "diag.h"
#include "doc.h"
#include "mdparse.h"
#include "utf8.h"
#include "xalloc.h"

/* Exported by libcmark-gfm-extensions, but declared in no header. */
extern cmark_node_type CMARK_NODE_TABLE, CMARK_NODE_TABLE_ROW,
    CMARK_NODE_TABLE_CELL, CMARK_NODE_STRIKETHROUGH;

#define MAX_NEST	64	/* lists and quotes inside each other */
#define MAX_INLINE	32	/* emphasis, links inside each other */
#define MAX_MISSES	16	/* failed source searches per block */
#define SHOW_MAX	40	/* bytes of user text quoted in a message */
#define OPEN_LOOKBACK	256	/* bytes searched back for an open "[@" */

enum cite_err {
	CITE_OK,
	CITE_EMPTY,		/* "[@]", "[@a; @]" */
	CITE_NOAT,		/* "[@a; b]" */
	CITE_OPEN,		/* no closing "]" */
	CITE_BAD		/* anything else */
};

struct frame {
	cmark_node	*cm;		/* cmark node of the frame */
	struct node	*n;		/* where its children go */
	int		 nest;		/* counts towards MAX_NEST */
	int		 inl;		/* counts towards MAX_INLINE */
};

/* Where the inline pass of one block searches the source. */
struct scan {
	size_t		 cur;		/* search from here */
	size_t		 end;		/* end of the last line */
	int		 misses;	/* failed searches so far */
	int		 line, col;	/* the block's own position */
};

/* cmark's own start of an image or footnote reference: often right,
 * so it is tried (and verified) before searching. */
struct hint {
	struct node	*n;
	size_t		 off;		/* (size_t)-1: none */
};

/* A footnote definition line found in the source. */
struct defline {
	char		*norm;		/* normalised label */
	const char	*raw;		/* label as written */
	int		 rawlen;
	int		 line, col;
};

struct ctx {
	const char	*file;
	const char	*src;
	size_t		 len;
	size_t		*lines;		/* where each line starts */
	size_t		 nlines, caplines;
	int		 cline;		/* column cache: line, */
	size_t		 coff;		/* byte offset on it, */
	int		 ccol;		/* and that offset's column */
	struct frame	*stack;
	size_t		 nstack, capstack;
	int		 nest;		/* quotes and lists open */
	int		 ninline;	/* inline containers open */
	struct node	*blk;		/* holds the current inlines */
	cmark_node	*blkcm;
	unsigned	 blkno;		/* serial number of blk */
	unsigned	 warned_html;	/* blkno already warned about */
	unsigned	 warned_inline;
	cmark_node	*warned_nest;	/* top-level block warned */
	struct hint	*hints;		/* of the current block */
	size_t		 nhints, caphints, hinti;
	struct buf	 run;		/* text of the open text run */
	struct node	*runnode;	/* the TEXT node it belongs to */
	int		 nfootdef;
	int		 head_level;	/* of the last heading; 1 = title */
	char		**defs;		/* labels of kept definitions */
	size_t		 ndefs, capdefs;
	char		*skip;		/* per line: in code or HTML */
	cmark_syntax_extension *tasklist;
};

/*
 * The title (level 1) comes from the front matter; sections are ## and
 * go down one level at a time, so the tagged PDF and the web page get an
 * outline with no gaps.
 */
static void
check_heading_order(struct ctx *c, int level, int line, int col)
{
	static const char hashes[] = "######";

	if (level == 1)
		diag_warning(c->file, line, col, "a '#' heading: the title "
		    "comes from the front matter's title and is printed once; "
		    "make this a '##' section, or delete it if it repeats the "
		    "title");
	else if (level > c->head_level + 1)
		diag_error(c->file, line, col, "heading '%.*s' skips a level "
		    "after %s%.*s%s: use '%.*s' here, as screen readers and the "
		    "contents need each level in turn", level, hashes,
		    c->head_level == 1 ? "the title" : "'",
		    c->head_level == 1 ? 0 : c->head_level, hashes,
		    c->head_level == 1 ? "" : "'", c->head_level + 1, hashes);
	c->head_level = level;
}

static const char *const alert_names[CALLOUT_KIND_MAX] = {
	"NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"
};

/* Positions */

static void
index_lines(struct ctx *c)
{
	const char *nl;
	size_t i;

	ARRAY_GROW(c->lines, c->nlines, c->caplines);
	c->lines[c->nlines++] = 0;
	if (memchr(c->src, '\r', c->len) == NULL) {	/* the usual case */
		for (i = 0; (nl = memchr(c->src + i, '\n', c->len - i)) !=
		    NULL; i = (size_t)(nl - c->src) + 1) {
			ARRAY_GROW(c->lines, c->nlines, c->caplines);
			c->lines[c->nlines++] = (size_t)(nl - c->src) + 1;
		}
		c->skip = xcalloc(c->nlines + 1, 1);
		return;
	}
	for (i = 0; i < c->len; i++) {
		/* Line ends as cmark counts them: LF, CRLF, lone CR. */
		if (c->src[i] == '\n' || (c->src[i] == '\r' &&
		    (i + 1 == c->len || c->src[i + 1] != '\n'))) {
			ARRAY_GROW(c->lines, c->nlines, c->caplines);
			c->lines[c->nlines++] = i + 1;
		}
	}
	c->skip = xcalloc(c->nlines + 1, 1);
}

/* Offset just past line (1-based), newline included. */
static size_t
line_end(const struct ctx *c, int line)
{
	return (size_t)line < c->nlines ? c->lines[line] : c->len;
}

/* Byte offset of cmark's (line, byte column), clamped to the line. */
static size_t
offset_of(const struct ctx *c, int line, int bytecol)
{
	size_t start, end;

	if (line < 1 || (size_t)line > c->nlines)
		return c->len;
	start = c->lines[line - 1];
	end = line_end(c, line);
	if (bytecol < 1)
		return start;
	if ((size_t)(bytecol - 1) > end - start)
		return end;
	return start + (size_t)bytecol - 1;
}

/* Line and character column of byte offset off. */
static void
pos_of(struct ctx *c, size_t off, int *line, int *col)
{
	size_t lo = 0, hi = c->nlines, mid;

	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (c->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	*line = (int)lo + 1;
	/* Searches move forward through a line; count only the new part. */
	if (c->cline == *line && c->coff <= off)
		c->ccol += (int)utf8_count(c->src + c->coff, off - c->coff);
	else
		c->ccol = 1 + (int)utf8_count(c->src + c->lines[lo],
		    off - c->lines[lo]);
	c->cline = *line;
	c->coff = off;
	*col = c->ccol;
}

/* A block's position: cmark's, with the column counted in characters. */
static void
block_pos(struct ctx *c, cmark_node *cm, int *line, int *col)
{
	int l = cmark_node_get_start_line(cm);
	int bc = cmark_node_get_start_column(cm);

	if (l < 1 || bc < 1) {
		/* Padding cells of short table rows have no position. */
		if (c->nstack > 0) {
			*line = c->stack[c->nstack - 1].n->line;
			*col = c->stack[c->nstack - 1].n->col;
		} else
			*line = *col = 0;
		return;
	}
	pos_of(c, offset_of(c, l, bc), line, col);
}

static void
scan_init(struct ctx *c, struct scan *s, struct node *blk, cmark_node *cm)
{
	int l = cmark_node_get_start_line(cm);
	int el = cmark_node_get_end_line(cm);

	s->cur = offset_of(c, l, cmark_node_get_start_column(cm));
	s->end = el >= l && l >= 1 ? line_end(c, el) : c->len;
	if (s->cur > s->end)
		s->cur = s->end;
	s->misses = 0;
	s->line = blk->line;
	s->col = blk->col;
}

/* memmem(3) is a GNU extension. */
static const char *
find(const char *hay, size_t hlen, const char *needle, size_t n)
{
	const char *p, *end = hay + hlen;

	if (n == 0 || n > hlen)
		return NULL;
	for (p = hay; (p = memchr(p, needle[0], (size_t)(end - p) - n + 1))
	    != NULL; p++)
		if (memcmp(p, needle, n) == 0)
			return p;
	return NULL;
}

/* Is the byte at off escaped by an odd number of backslashes? */
static int
escaped(const struct ctx *c, size_t off)
{
	size_t n = 0;

	while (off > n && c->src[off - n - 1] == '\\')
		n++;
	return n % 2;
}

/*
 * Find needle in the block from the cursor on and move the cursor past it;
 * skipesc: pass over occurrences escaped with a backslash.  A block gives
 * up after MAX_MISSES failures, which keeps odd input linear.
 */
static int
locate(struct ctx *c, struct scan *s, const char *needle, int skipesc,
    size_t *off)
{
	size_t n = strlen(needle);
	const char *p;

	if (s->misses >= MAX_MISSES)
		return 0;
	for (;;) {
		p = NULL;
		if (s->cur < s->end)
			p = find(c->src + s->cur, s->end - s->cur, needle, n);
		if (p == NULL) {
			s->misses++;
			return 0;
		}
		*off = (size_t)(p - c->src);
		s->cur = *off + n;
		if (!skipesc || !escaped(c, *off))
			return 1;
	}
}

/* Position of needle in the block, or the block's own position. */
static int
locate_pos(struct ctx *c, struct scan *s, const char *needle, int skipesc,
    int *line, int *col)
{
	size_t off;

	if (locate(c, s, needle, skipesc, &off)) {
		pos_of(c, off, line, col);
		return escaped(c, off) ? -1 : 1;
	}
	*line = s->line;
	*col = s->col;
	return 0;
}

/* Like locate_pos, but first try cmark's position for n, if it has one
 * and the needle is there. */
static void
locate_hinted(struct ctx *c, struct scan *s, struct node *n,
    const char *needle)
{
	struct hint *h;
	size_t len = strlen(needle);

	if (c->hinti < c->nhints && c->hints[c->hinti].n == n) {
		h = &c->hints[c->hinti++];
		if (h->off != (size_t)-1 && h->off >= s->cur &&
		    h->off + len <= s->end &&
		    memcmp(c->src + h->off, needle, len) == 0 &&
		    !escaped(c, h->off)) {
			s->cur = h->off + len;
			pos_of(c, h->off, &n->line, &n->col);
			return;
		}
	}
	locate_pos(c, s, needle, 1, &n->line, &n->col);
}

static void
add_hint(struct ctx *c, struct node *n, cmark_node *cm)
{
	int l = cmark_node_get_start_line(cm);
	int bc = cmark_node_get_start_column(cm);

	ARRAY_GROW(c->hints, c->nhints, c->caphints);
	c->hints[c->nhints].n = n;
	c->hints[c->nhints].off = l >= 1 && bc >= 1 ? offset_of(c, l, bc) :
	    (size_t)-1;
	c->nhints++;
}

/* Helpers */

/* At most SHOW_MAX bytes of s, cut at a character boundary. */
static int
show_len(const char *s, size_t len)
{
	if (len <= SHOW_MAX)
		return (int)len;
	len = SHOW_MAX;
	while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
		len--;
	return (int)len;
}

static char *
normalise(const char *s, size_t n)
{
	struct buf b;
	char *r;
	size_t i;
	int sp = 0;

	buf_init(&b);
	for (i = 0; i < n; i++) {
		if (isspace((unsigned char)s[i])) {
			sp = 1;
			continue;
		}
		if (sp && b.len > 0)
			buf_addc(&b, ' ');
		sp = 0;
		buf_addc(&b, (char)tolower((unsigned char)s[i]));
	}
	r = buf_take(&b);
	buf_free(&b);
	return r;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *
dup_or_null(const char *s)
{
	return s != NULL && *s != '\0' ? xstrdup(s) : NULL;
}

static int
is_keychar(char ch)
{
	return isalnum((unsigned char)ch) ||
	    (ch != '\0' && strchr("_:.#$%&+?<>~/-", ch) != NULL);
}

static void
mark_skip(struct ctx *c, cmark_node *cm)
{
	int l = cmark_node_get_start_line(cm);
	int el = cmark_node_get_end_line(cm);

	if (l < 1)
		return;
	if (el < l)
		el = l;
	for (; l <= el && (size_t)l <= c->nlines; l++)
		c->skip[l - 1] = 1;
}

/* Building */

static void
flush_run(struct ctx *c)
{
	if (c->runnode == NULL)
		return;
	c->runnode->text = xstrndup(c->run.p, c->run.len);
	c->runnode = NULL;
	buf_reset(&c->run);
}

static struct node *
top(const struct ctx *c)
{
	return c->stack[c->nstack - 1].n;
}

static void
add(struct ctx *c, struct node *n)
{
	flush_run(c);
	doc_append(top(c), n);
}

static void
push(struct ctx *c, cmark_node *cm, struct node *n, int nest, int inl)
{
	struct frame *f;

	if (c->nstack > 0)
		add(c, n);
	ARRAY_GROW(c->stack, c->nstack, c->capstack);
	f = &c->stack[c->nstack++];
	f->cm = cm;
	f->n = n;
	f->nest = nest;
	f->inl = inl;
	c->nest += nest;
	c->ninline += inl;
}

/* Is an "[@" open at the end of the text run (a citation broken over
 * two lines)? */
static int
open_cite(const struct buf *b)
{
	size_t i, stop = b->len > OPEN_LOOKBACK ? b->len - OPEN_LOOKBACK : 0;

	for (i = b->len; i > stop; i--) {
		if (b->p[i - 1] == ']')
			return 0;
		if (b->p[i - 1] == '[' && i < b->len && b->p[i] == '@')
			return 1;
	}
	return 0;
}

static void
add_text(struct ctx *c, const char *lit, int line, int col)
{
	struct node *n;

	if (lit == NULL)
		lit = "";
	if (c->runnode == NULL || top(c)->last != c->runnode) {
		n = doc_new(NODE_TEXT, line, col);
		add(c, n);
		c->runnode = n;
	}
	buf_adds(&c->run, lit);
}

static void
add_softbreak(struct ctx *c, int line, int col)
{
	if (c->runnode != NULL && top(c)->last == c->runnode &&
	    open_cite(&c->run)) {
		buf_addc(&c->run, ' ');
		return;
	}
	add(c, doc_new(NODE_SOFTBREAK, line, col));
}

static char *
alt_text(cmark_node *img)
{
	cmark_iter *it = cmark_iter_new(img);
	cmark_event_type ev;
	cmark_node *n;
	cmark_node_type t;
	struct buf b;
	const char *lit;
	char *r;
	size_t s = 0, e;

	buf_init(&b);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		n = cmark_iter_get_node(it);
		t = cmark_node_get_type(n);
		if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) {
			if ((lit = cmark_node_get_literal(n)) != NULL)
				buf_adds(&b, lit);
		} else if (t == CMARK_NODE_SOFTBREAK ||
		    t == CMARK_NODE_LINEBREAK)
			buf_addc(&b, ' ');
	}
	cmark_iter_free(it);
	e = b.len;
	while (s < e && isspace((unsigned char)b.p[s]))
		s++;
	while (e > s && isspace((unsigned char)b.p[e - 1]))
		e--;
	r = xstrndup(b.p + s, e - s);
	buf_free(&b);
	return r;
}

static void
too_deep(struct ctx *c, cmark_node *cm)
{
	int line, col;

	/* One message per top-level block, however deep it goes. */
	if (c->nstack > 1 && c->warned_nest == c->stack[1].cm)
		return;
	if (c->nstack > 1)
		c->warned_nest = c->stack[1].cm;
	block_pos(c, cm, &line, &col);
	diag_error(c->file, line, col, "lists and quotes are nested too "
	    "deeply (more than %d levels); the deeper levels were left out: "
	    "flatten the structure", MAX_NEST);
}

/* The label of a footnote definition, read back from the source line
 * that starts it ("[^label]: ..."), and the position of its "[^". */
static char *
def_label(struct ctx *c, cmark_node *cm, int *line, int *col)
{
	int l = cmark_node_get_start_line(cm);
	size_t i, j, stop, best = 0, blen = 0;
	int found = 0;

	if (l < 1 || (size_t)l > c->nlines)
		return NULL;
	stop = offset_of(c, l, cmark_node_get_start_column(cm));
	for (i = c->lines[l - 1]; i + 1 < stop; i++) {
		if (c->src[i] != '[' || c->src[i + 1] != '^')
			continue;
		for (j = i + 2; j < stop && c->src[j] != ']' &&
		    c->src[j] != '\n'; j++)
			continue;
		if (j < stop && j + 1 < c->len && c->src[j] == ']' &&
		    c->src[j + 1] == ':' && j > i + 2) {
			best = i;
			blen = j - i - 2;
			found = 1;
		}
	}
	if (!found)
		return NULL;
	pos_of(c, best, line, col);
	return xstrndup(c->src + best + 2, blen);
}

static void
enter_footnote_def(struct ctx *c, cmark_node *cm, int line, int col)
{
	struct node *n;
	char *label;

	n = doc_new(NODE_FOOTNOTE_DEF, line, col);
	n->level = ++c->nfootdef;
	if ((label = def_label(c, cm, &n->line, &n->col)) != NULL) {
		ARRAY_GROW(c->defs, c->ndefs, c->capdefs);
		c->defs[c->ndefs++] = normalise(label, strlen(label));
		n->text = label;
	} else
		n->text = xasprintf("%d", n->level);
	push(c, cm, n, 0, 0);
}

static void
html_inline(struct ctx *c, cmark_node *cm)
{
	const char *lit = cmark_node_get_literal(cm);
	struct scan s;
	int line, col;

	if (lit == NULL || strncmp(lit, "<!--", 4) == 0 ||
	    c->blk == NULL || c->warned_html == c->blkno)
		return;
	c->warned_html = c->blkno;
	scan_init(c, &s, c->blk, c->blkcm);
	locate_pos(c, &s, lit, 0, &line, &col);
	diag_warning(c->file, line, col,
	    "raw HTML is not supported in handouts and was left out");
}

static void
enter_block(struct ctx *c, cmark_iter *it, cmark_node *cm,
    cmark_node_type t)
{
	struct node *n;
	const char *lit;
	uint8_t *al;
	int line, col, nests, i;

	nests = t == CMARK_NODE_BLOCK_QUOTE || t == CMARK_NODE_LIST;
	if (nests && c->nest >= MAX_NEST) {
		too_deep(c, cm);
		cmark_iter_reset(it, cm, CMARK_EVENT_EXIT);
		return;
	}
	block_pos(c, cm, &line, &col);
	if (t == CMARK_NODE_BLOCK_QUOTE)
		push(c, cm, doc_new(NODE_QUOTE, line, col), 1, 0);
	else if (t == CMARK_NODE_LIST) {
		n = doc_new(NODE_LIST, line, col);
		if (cmark_node_get_list_type(cm) == CMARK_ORDERED_LIST) {
			n->flags |= NODE_ORDERED;
			n->level = cmark_node_get_list_start(cm);
		}
		if (cmark_node_get_list_tight(cm))
			n->flags |= NODE_TIGHT;
		push(c, cm, n, 1, 0);
	} else if (t == CMARK_NODE_ITEM) {
		n = doc_new(NODE_ITEM, line, col);
		if (c->tasklist != NULL &&
		    cmark_node_get_syntax_extension(cm) == c->tasklist) {
			n->flags |= NODE_TASK;
			if (cmark_gfm_extensions_get_tasklist_item_checked(cm))
				n->flags |= NODE_CHECKED;
		}
		push(c, cm, n, 0, 0);
	} else if (t == CMARK_NODE_CODE_BLOCK) {
		n = doc_new(NODE_CODEBLOCK, line, col);
		lit = cmark_node_get_literal(cm);
		n->text = xstrdup(lit != NULL ? lit : "");
		n->info = dup_or_null(cmark_node_get_fence_info(cm));
		add(c, n);
		mark_skip(c, cm);
	} else if (t == CMARK_NODE_HTML_BLOCK) {
		mark_skip(c, cm);
		lit = cmark_node_get_literal(cm);
		while (lit != NULL && isspace((unsigned char)*lit))
			lit++;
		if (lit != NULL && strncmp(lit, "<!--", 4) != 0)
			diag_warning(c->file, line, col, "raw HTML is not "
			    "supported in handouts and was left out");
	} else if (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING ||
	    t == CMARK_NODE_TABLE_CELL) {
		if (t == CMARK_NODE_PARAGRAPH)
			n = doc_new(NODE_PARAGRAPH, line, col);
		else if (t == CMARK_NODE_TABLE_CELL)
			n = doc_new(NODE_TABLE_CELL, line, col);
		else {
			n = doc_new(NODE_HEADING, line, col);
			n->level = cmark_node_get_heading_level(cm);
			check_heading_order(c, n->level, line, col);
			if (n->level > 4) {
				diag_warning(c->file, line, col, "heading "
				    "level %d is too deep for a handout and "
				    "is shown as level 4: use at most four #",
				    n->level);
				n->level = 4;
			}
		}
		push(c, cm, n, 0, 0);
		c->blk = n;
		c->blkcm = cm;
		c->blkno++;
		c->nhints = c->hinti = 0;
	} else if (t == CMARK_NODE_THEMATIC_BREAK)
		add(c, doc_new(NODE_HRULE, line, col));
	else if (t == CMARK_NODE_FOOTNOTE_DEFINITION)
		enter_footnote_def(c, cm, line, col);
	else if (t == CMARK_NODE_TABLE) {
		n = doc_new(NODE_TABLE, line, col);
		n->ncols = cmark_gfm_extensions_get_table_columns(cm);
		n->align = xcalloc((size_t)n->ncols + 1, 1);
		al = cmark_gfm_extensions_get_table_alignments(cm);
		for (i = 0; i < n->ncols; i++)
			n->align[i] = al != NULL && al[i] != 0 ?
			    (char)al[i] : ALIGN_LEFT;
		push(c, cm, n, 0, 0);
	} else if (t == CMARK_NODE_TABLE_ROW) {
		n = doc_new(NODE_TABLE_ROW, line, col);
		if (cmark_gfm_extensions_get_table_row_is_header(cm))
			n->flags |= NODE_HEADER;
		push(c, cm, n, 0, 0);
	} else
		cmark_iter_reset(it, cm, CMARK_EVENT_EXIT);
}

static void
enter_inline(struct ctx *c, cmark_iter *it, cmark_node *cm,
    cmark_node_type t)
{
	struct node *n;
	const char *lit;
	int line = 0, col = 0, wrap;

	if (c->blk != NULL) {
		line = c->blk->line;
		col = c->blk->col;
	}
	lit = cmark_node_get_literal(cm);
	if (t == CMARK_NODE_TEXT)
		add_text(c, lit, line, col);
	else if (t == CMARK_NODE_SOFTBREAK)
		add_softbreak(c, line, col);
	else if (t == CMARK_NODE_LINEBREAK)
		add(c, doc_new(NODE_HARDBREAK, line, col));
	else if (t == CMARK_NODE_CODE) {
		n = doc_new(NODE_CODE, line, col);
		n->text = xstrdup(lit != NULL ? lit : "");
		add(c, n);
	} else if (t == CMARK_NODE_HTML_INLINE)
		html_inline(c, cm);
	else if (t == CMARK_NODE_IMAGE) {
		n = doc_new(NODE_IMAGE, line, col);
		lit = cmark_node_get_url(cm);
		n->text = xstrdup(lit != NULL ? lit : "");
		n->info = alt_text(cm);
		add(c, n);
		add_hint(c, n, cm);
		cmark_iter_reset(it, cm, CMARK_EVENT_EXIT);
	} else if (t == CMARK_NODE_FOOTNOTE_REFERENCE) {
		n = doc_new(NODE_FOOTNOTE_REF, line, col);
		n->level = lit != NULL ? atoi(lit) : 0;
		add(c, n);
		add_hint(c, n, cm);
	} else if ((wrap = t == CMARK_NODE_EMPH || t == CMARK_NODE_STRONG ||
	    t == CMARK_NODE_STRIKETHROUGH || t == CMARK_NODE_LINK)) {
		if (c->ninline >= MAX_INLINE) {
			/* Keep the words, drop the innermost wrappers. */
			if (c->warned_inline != c->blkno)
				diag_warning(c->file, line, col, "emphasis "
				    "and links are nested too deeply (more "
				    "than %d levels); the innermost "
				    "formatting was left out", MAX_INLINE);
			c->warned_inline = c->blkno;
			return;
		}
		if (t == CMARK_NODE_EMPH)
			n = doc_new(NODE_EMPH, line, col);
		else if (t == CMARK_NODE_STRONG)
			n = doc_new(NODE_STRONG, line, col);
		else if (t == CMARK_NODE_STRIKETHROUGH)
			n = doc_new(NODE_STRIKE, line, col);
		else {
			n = doc_new(NODE_LINK, line, col);
			lit = cmark_node_get_url(cm);
			n->text = xstrdup(lit != NULL ? lit : "");
			n->info = dup_or_null(cmark_node_get_title(cm));
		}
		push(c, cm, n, 0, 1);
		if (t == CMARK_NODE_LINK)
			add_hint(c, n, cm);
	} else
		cmark_iter_reset(it, cm, CMARK_EVENT_EXIT);
}

/* Text for one output only */

enum only_kind {
	ONLY_NONE,		/* not a marker: an ordinary comment */
	ONLY_OPEN,		/* <!-- only: NAME --> */
	ONLY_END,		/* <!-- end only --> */
	ONLY_BAD		/* starts like a marker, but is not one */
};

static const struct {
	const char		*name;
	enum md_context		 ctx;
} only_names[] = {
	{ "handout", MD_HANDOUT },
	{ "booklet", MD_BOOKLET },
};

/* Does [p, end) start with word w followed by a non-letter? */
static int
word_at(const char *p, const char *end, const char *w)
{
	size_t n = strlen(w);

	return (size_t)(end - p) >= n && memcmp(p, w, n) == 0 &&
	    (p + n == end || !isalpha((unsigned char)p[n]));
}

static const char *
skip_space(const char *p, const char *end)
{
	while (p < end && isspace((unsigned char)*p))
		p++;
	return p;
}

/*
 * Classify an HTML literal.  For ONLY_OPEN, *name and *namelen give the
 * context as written; *trailing says that something other than white
 * space follows the comment (on a marker, that text would be lost).
 */
static enum only_kind
only_marker(const char *lit, const char **name, size_t *namelen,
    int *trailing)
{
	const char *p, *end, *close, *q;

	*name = NULL;
	*namelen = 0;
	*trailing = 0;
	if (lit == NULL)
		return ONLY_NONE;
	end = lit + strlen(lit);
	p = skip_space(lit, end);
	if ((size_t)(end - p) < 4 || memcmp(p, "<!--", 4) != 0)
		return ONLY_NONE;
	p = skip_space(p + 4, end);
	if ((close = find(p, (size_t)(end - p), "-->", 3)) == NULL)
		return word_at(p, end, "only") || word_at(p, end, "end") ?
		    ONLY_BAD : ONLY_NONE;
	*trailing = skip_space(close + 3, end) != end;
	while (close > p && isspace((unsigned char)close[-1]))
		close--;
	if (word_at(p, close, "end")) {
		q = skip_space(p + 3, close);
		if (q == p + 3 || !word_at(q, close, "only"))
			return ONLY_NONE;	/* "end of section" */
		return skip_space(q + 4, close) == close ? ONLY_END :
		    ONLY_BAD;
	}
	if (!word_at(p, close, "only"))
		return ONLY_NONE;
	q = skip_space(p + 4, close);
	if (q == close || *q != ':')
		return ONLY_BAD;
	q = skip_space(q + 1, close);
	if (q == close)
		return ONLY_BAD;
	*name = q;
	*namelen = (size_t)(close - q);
	return ONLY_OPEN;
}

/* The context a marker names, or -1. */
static int
only_context(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(only_names) / sizeof(only_names[0]); i++)
		if (strlen(only_names[i].name) == len &&
		    memcmp(only_names[i].name, name, len) == 0)
			return (int)only_names[i].ctx;
	return -1;
}

/* Position of an inline marker: found again in its block's source. */
static void
inline_pos(struct ctx *c, cmark_node *cm, const char *lit, int *line,
    int *col)
{
	cmark_node *b = cm;
	size_t from, to;
	const char *hit;
	int l, el;

	while (b != NULL && (cmark_node_get_type(b) & CMARK_NODE_TYPE_MASK) !=
	    CMARK_NODE_TYPE_BLOCK)
		b = cmark_node_parent(b);
	*line = *col = 0;
	if (b == NULL)
		return;
	block_pos(c, b, line, col);
	l = cmark_node_get_start_line(b);
	el = cmark_node_get_end_line(b);
	if (l < 1 || el < l)
		return;
	from = offset_of(c, l, cmark_node_get_start_column(b));
	to = line_end(c, el);
	if (from < to && (hit = find(c->src + from, to - from, lit,
	    strlen(lit))) != NULL)
		pos_of(c, (size_t)(hit - c->src), line, col);
}

/* Lines from..to (1-based) are cut out: they hold no footnote
 * definitions any more. */
static void
skip_lines(struct ctx *c, int from, int to)
{
	for (; from >= 1 && from <= to && (size_t)from <= c->nlines; from++)
		c->skip[from - 1] = 1;
}

/*
 * Scan the children of one container: drop (add to *drop) what lies in
 * a block for another context, and report nesting, stray ends and
 * blocks left open.  Markers pair up among siblings only, so a block
 * opened in a list item must close in that item.
 */
static void
only_scan(struct ctx *c, cmark_node *parent, enum md_context want,
    cmark_node ***drop, size_t *ndrop, size_t *capdrop)
{
	cmark_node *ch, *open = NULL;
	const char *name;
	size_t namelen;
	enum only_kind k;
	int keep = 1, trailing, ctx, line, col, oline = 0, ocol = 0;

	for (ch = cmark_node_first_child(parent); ch != NULL;
	    ch = cmark_node_next(ch)) {
		k = cmark_node_get_type(ch) != CMARK_NODE_HTML_BLOCK ?
		    ONLY_NONE : only_marker(cmark_node_get_literal(ch),
		    &name, &namelen, &trailing);
		if (k == ONLY_NONE || k == ONLY_BAD) {
			if (open != NULL && !keep) {
				ARRAY_GROW(*drop, *ndrop, *capdrop);
				(*drop)[(*ndrop)++] = ch;
			}
			continue;
		}
		block_pos(c, ch, &line, &col);
		if (k == ONLY_END) {
			if (open != NULL && !keep)
				skip_lines(c, cmark_node_get_start_line(open),
				    cmark_node_get_end_line(ch));
			if (open == NULL)
				diag_error(c->file, line, col, "<!-- end only "
				    "--> has no <!-- only: ... --> before it "
				    "in the same list item, quote or "
				    "document: delete it or add the opening "
				    "marker");
			open = NULL;
			keep = 1;
			continue;
		}
		if (open != NULL) {
			diag_error(c->file, line, col, "<!-- only: %.*s --> "
			    "is inside the block opened on line %d: close "
			    "that block first with <!-- end only -->",
			    show_len(name, namelen), name, oline);
			continue;
		}
		open = ch;
		oline = line;
		ocol = col;
		ctx = only_context(name, namelen);
		if (ctx < 0) {
			diag_error(c->file, line, col, "unknown context "
			    "'%.*s' in <!-- only: %.*s -->: write "
			    "<!-- only: handout --> or <!-- only: booklet -->",
			    show_len(name, namelen), name,
			    show_len(name, namelen), name);
			keep = 1;
		} else
			keep = want == MD_ALL || (enum md_context)ctx == want;
	}
	if (open != NULL && !keep)
		skip_lines(c, cmark_node_get_start_line(open),
		    cmark_node_get_end_line(parent));
	if (open != NULL)
		diag_error(c->file, oline, ocol, "this <!-- only: ... --> "
		    "block is never closed: add <!-- end only --> after its "
		    "text, in the same list item, quote or document");
}

/*
 * Keep only the text meant for want: find the markers, check them, and
 * cut the blocks for other contexts out of cmark's tree before it is
 * converted, so no later stage ever sees them.  Markers are found in one
 * pass; then each container that holds one is scanned once.
 */
static void
only_filter(struct ctx *c, cmark_node *root, enum md_context want)
{
	static char seen;	/* user data: container already listed */
	cmark_iter *it;
	cmark_event_type ev;
	cmark_node *cm, *par, **parents = NULL, **drop = NULL;
	cmark_node_type t;
	size_t np = 0, capp = 0, nd = 0, capd = 0, i, namelen;
	const char *lit, *name;
	enum only_kind k;
	int trailing, line, col;

	it = cmark_iter_new(root);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		cm = cmark_iter_get_node(it);
		t = cmark_node_get_type(cm);
		if (t != CMARK_NODE_HTML_BLOCK && t != CMARK_NODE_HTML_INLINE)
			continue;
		lit = cmark_node_get_literal(cm);
		if ((k = only_marker(lit, &name, &namelen, &trailing)) ==
		    ONLY_NONE)
			continue;
		if (t == CMARK_NODE_HTML_INLINE) {
			inline_pos(c, cm, lit, &line, &col);
			diag_error(c->file, line, col, "a <!-- only: ... --> "
			    "or <!-- end only --> marker inside a paragraph "
			    "is ignored: put each marker on a line of its own");
			continue;
		}
		block_pos(c, cm, &line, &col);
		if (k == ONLY_BAD) {
			diag_error(c->file, line, col, "malformed marker: "
			    "write <!-- only: handout --> or <!-- only: "
			    "booklet --> to open a block and <!-- end only "
			    "--> to close it");
			continue;
		}
		if (trailing)
			diag_error(c->file, line, col, "text after a "
			    "<!-- only --> marker on its line is left out: put "
			    "the marker on a line of its own");
		par = cmark_node_parent(cm);
		if (par != NULL && cmark_node_get_user_data(par) != &seen) {
			cmark_node_set_user_data(par, &seen);
			ARRAY_GROW(parents, np, capp);
			parents[np++] = par;
		}
	}
	cmark_iter_free(it);
	for (i = 0; i < np; i++) {
		only_scan(c, parents[i], want, &drop, &nd, &capd);
		cmark_node_set_user_data(parents[i], NULL);
	}
	/* A dropped block's own dropped descendants were listed after it:
	 * free from the end. */
	for (i = nd; i-- > 0; )
		cmark_node_free(drop[i]);
	/* cmark moved footnote definitions to the end: drop those that
	 * were written inside a dropped block */
	for (cm = cmark_node_first_child(root); nd > 0 && cm != NULL;
	    cm = par) {
		par = cmark_node_next(cm);
		line = cmark_node_get_start_line(cm);
		if (cmark_node_get_type(cm) == CMARK_NODE_FOOTNOTE_DEFINITION &&
		    line >= 1 && (size_t)line <= c->nlines && c->skip[line - 1])
			cmark_node_free(cm);
	}
	free(parents);
	free(drop);
}

/* Inline pass: citations, undefined footnotes, inline positions */

static void
cite_error(struct ctx *c, int line, int col, enum cite_err err,
    const char *p, size_t len)
{
	int n = show_len(p, len);
	const char *more = (size_t)n < len ? "..." : "";

	switch (err) {
	case CITE_EMPTY:
		diag_error(c->file, line, col, "citation \"%.*s%s\" has an "
		    "empty key: write the reference key after each @, as in "
		    "[@smith2020]", n, p, more);
		break;
	case CITE_NOAT:
		diag_error(c->file, line, col, "citation \"%.*s%s\" is "
		    "malformed: start every key with @ and separate keys "
		    "with semicolons, as in [@smith2020; @jones2021]",
		    n, p, more);
		break;
	case CITE_OPEN:
		diag_error(c->file, line, col, "citation \"%.*s%s\" has no "
		    "closing \"]\": write it as [@smith2020]", n, p, more);
		break;
	default:
		diag_error(c->file, line, col, "citation \"%.*s%s\" is "
		    "malformed: keys may contain only letters, digits and "
		    "_:.#$%%&+?<>~/- and are separated by semicolons, as in "
		    "[@smith2020; @jones2021]", n, p, more);
		break;
	}
}

/* Parse the citation starting at p ("[@..."); *len is its length, also
 * for a malformed one. */
static enum cite_err
parse_cite(const char *p, size_t *len, struct buf *keys)
{
	const char *close, *again;
	enum cite_err err;
	size_t q = 1, k;

	for (;;) {
		if (p[q] != '@') {
			err = CITE_NOAT;
			break;
		}
		k = ++q;
		while (is_keychar(p[q]))
			q++;
		if (q == k) {
			err = CITE_EMPTY;
			break;
		}
		if (keys->len > 0)
			buf_addc(keys, ';');
		buf_add(keys, p + k, q - k);
		while (p[q] == ' ')
			q++;
		if (p[q] == ']') {
			*len = q + 1;
			return CITE_OK;
		}
		if (p[q] != ';') {
			err = CITE_BAD;
			break;
		}
		q++;
		while (p[q] == ' ')
			q++;
	}
	close = strchr(p, ']');
	again = strstr(p + 2, "[@");
	if (close == NULL || (again != NULL && again < close)) {
		*len = again != NULL ? (size_t)(again - p) : strlen(p);
		return CITE_OPEN;
	}
	*len = (size_t)(close - p) + 1;
	return err;
}

/* "[^label]" left as text by cmark: a reference to a missing footnote.
 * Returns the bytes consumed. */
static size_t
check_footnote_text(struct ctx *c, struct scan *s, const char *p)
{
	char *needle;
	size_t j = 2, off;
	int line, col, r;

	while (p[j] != '\0' && p[j] != ']' && p[j] != '[' &&
	    !isspace((unsigned char)p[j]))
		j++;
	if (j == 2 || p[j] != ']') {
		locate(c, s, "[^", 0, &off);
		return 2;
	}
	needle = xstrndup(p, j + 1);
	r = locate_pos(c, s, needle, 0, &line, &col);
	free(needle);
	if (r >= 0)
		diag_error(c->file, line, col, "footnote reference "
		    "[^%.*s] has no definition: add a line \"[^%.*s]: text "
		    "of the note\" or remove the reference",
		    show_len(p + 2, j - 2), p + 2,
		    show_len(p + 2, j - 2), p + 2);
	return j + 1;
}

/* Earliest "[@", "[^" or "![" in s. */
static const char *
next_special(const char *s)
{
	for (; (s = strpbrk(s, "[!")) != NULL; s++)
		if ((s[0] == '[' && (s[1] == '@' || s[1] == '^')) ||
		    (s[0] == '!' && s[1] == '['))
			return s;
	return NULL;
}

/* Append a text node with s[0..len) after *last. */
static void
split_text(struct node **last, const struct node *t, const char *s,
    size_t len)
{
	struct node *n;

	if (len == 0)
		return;
	n = doc_new(NODE_TEXT, t->line, t->col);
	n->text = xstrndup(s, len);
	doc_insert_after(*last, n);
	*last = n;
}

/*
 * Scan one text node for citations and other bracket constructs; a text
 * with citations is replaced by text and NODE_CITE pieces.  Returns the
 * last node it became.
 */
static struct node *
scan_text(struct ctx *c, struct scan *sc, struct node *t)
{
	struct node *cite, *last = t;
	struct buf keys;
	enum cite_err err;
	const char *p, *s = t->text;
	char *needle;
	size_t i = 0, seg = 0, len, k, off;
	int line, col, r;

	if (s == NULL)
		return t;
	buf_init(&keys);
	while ((p = next_special(s + i)) != NULL) {
		i = (size_t)(p - s);
		if (p[0] == '!') {
			/* A literal "![": step over it in the source. */
			locate(c, sc, "![", 0, &off);
			i += 2;
			continue;
		}
		if (p[1] == '^') {
			i += check_footnote_text(c, sc, p);
			continue;
		}
		for (k = 2; is_keychar(p[k]); k++)
			continue;
		needle = xstrndup(p, k);
		r = locate_pos(c, sc, needle, 0, &line, &col);
		free(needle);
		buf_reset(&keys);
		err = parse_cite(p, &len, &keys);
		if (r < 0) {
			/* "\[@x]" is meant literally. */
			i += 2;
			continue;
		}
		if (err != CITE_OK) {
			cite_error(c, line, col, err, p, len);
			i += len;
			continue;
		}
		split_text(&last, t, s + seg, i - seg);
		cite = doc_new(NODE_CITE, line, col);
		cite->text = xstrndup(keys.p, keys.len);
		doc_insert_after(last, cite);
		last = cite;
		i += len;
		seg = i;
	}
	buf_free(&keys);
	if (last == t)
		return t;
	split_text(&last, t, s + seg, strlen(s + seg));
	doc_unlink(t);
	doc_free(t);
	return last;
}

/*
 * A link in a leaflet may lead to a web page, an email address, a phone
 * number or a place in the document; anything else (javascript:, file:,
 * data:, a relative file name, nothing) would be a live link a reader
 * could be harmed or confused by.
 */
static void
check_link(struct ctx *c, struct scan *s, struct node *n)
{
	static const char *const schemes[] = { "https://", "http://",
	    "mailto:", "tel:" };
	const char *url = n->text != NULL ? n->text : "";
	const char *colon;
	size_t i, k;

	/* [text](url) where cmark says; an autolink (<url>, www.): where
	 * its address is written (cmark's column is unreliable there) */
	if (c->hinti < c->nhints && c->hints[c->hinti].n == n &&
	    c->hints[c->hinti].off != (size_t)-1 &&
	    c->src[c->hints[c->hinti].off] != '[') {
		c->hinti++;
		if (url[0] != '\0')
			locate_pos(c, s, url, 0, &n->line, &n->col);
	} else
		locate_hinted(c, s, n, "[");
	if (url[0] == '\0') {
		diag_error(c->file, n->line, n->col, "this link has no "
		    "address: write it as [text](https://...), or remove "
		    "the brackets");
		return;
	}
	if (url[0] == '#') {
		if (url[1] == '\0')
			diag_error(c->file, n->line, n->col, "this link leads "
			    "to '#', no place in particular: name a heading, "
			    "as in (#what-happens-next)");
		return;
	}
	for (i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++) {
		k = strlen(schemes[i]);
		if (strncasecmp(url, schemes[i], k) == 0 && url[k] != '\0')
			return;
	}
	colon = strchr(url, ':');
	if (colon != NULL && colon > url && strcspn(url, "/?#") >
	    (size_t)(colon - url))
		diag_error(c->file, n->line, n->col, "the link '%.*s%s' uses "
		    "'%.*s:', which a leaflet must not link to: use an "
		    "https:// web address, mailto:, tel: or a #heading",
		    show_len(url, strlen(url)), url,
		    strlen(url) > SHOW_MAX ? "..." : "",
		    (int)(colon - url < 20 ? colon - url : 20), url);
	else
		diag_error(c->file, n->line, n->col, "the link '%.*s%s' is not "
		    "a web address: write the whole address, starting with "
		    "https://, or mailto:, tel: or a #heading",
		    show_len(url, strlen(url)), url,
		    strlen(url) > SHOW_MAX ? "..." : "");
}

static void
check_image(struct ctx *c, struct scan *s, struct node *n)
{
	locate_hinted(c, s, n, "![");
	if (n->info == NULL || n->info[0] == '\0')
		diag_error(c->file, n->line, n->col, "image '%s' has no "
		    "description (alt text): write ![what the picture "
		    "shows](%s)", n->text, n->text);
}

static void
inline_pass(struct ctx *c, struct node *blk, cmark_node *cm)
{
	struct scan s;
	struct node *n;
	size_t off;

	scan_init(c, &s, blk, cm);
	for (n = doc_next(blk, blk); n != NULL; n = doc_next(blk, n)) {
		switch (n->type) {
		case NODE_TEXT:
			n = scan_text(c, &s, n);
			break;
		case NODE_CODE:
			/* Step over code spans that could fool a search. */
			if (strstr(n->text, "[@") != NULL ||
			    strstr(n->text, "[^") != NULL ||
			    strstr(n->text, "![") != NULL)
				locate(c, &s, n->text, 0, &off);
			break;
		case NODE_IMAGE:
			check_image(c, &s, n);
			break;
		case NODE_LINK:
			check_link(c, &s, n);
			break;
		case NODE_FOOTNOTE_REF:
			locate_hinted(c, &s, n, "[^");
			break;
		default:
			break;
		}
	}
	c->nhints = c->hinti = 0;
}

/* GitHub alerts */

static void
alert(struct ctx *c, struct node *q)
{
	struct node *p = q->first, *t, *br;
	const char *s;
	size_t j;
	int kind, alone;

	if (p == NULL || p->type != NODE_PARAGRAPH ||
	    (t = p->first) == NULL || t->type != NODE_TEXT ||
	    (s = t->text) == NULL || s[0] != '[' || s[1] != '!')
		return;
	for (j = 2; isalpha((unsigned char)s[j]); j++)
		continue;
	if (j == 2 || s[j] != ']')
		return;
	br = t->next;
	alone = s[j + 1] == '\0' && (br == NULL ||
	    br->type == NODE_SOFTBREAK || br->type == NODE_HARDBREAK);
	for (kind = 0; kind < CALLOUT_KIND_MAX; kind++)
		if (strlen(alert_names[kind]) == j - 2 &&
		    strncasecmp(s + 2, alert_names[kind], j - 2) == 0)
			break;
	if (kind == CALLOUT_KIND_MAX) {
		if (alone)
			diag_warning(c->file, p->line, p->col, "unknown alert "
			    "type [!%.*s]: use [!NOTE], [!TIP], [!IMPORTANT], "
			    "[!WARNING] or [!CAUTION]; the block is shown as "
			    "an ordinary quote", show_len(s + 2, j - 2),
			    s + 2);
		return;
	}
	if (!alone) {
		diag_warning(c->file, p->line, p->col, "the alert marker "
		    "[!%s] must be alone on the first line of the quote; the "
		    "block is shown as an ordinary quote", alert_names[kind]);
		return;
	}
	q->type = NODE_CALLOUT;
	q->level = kind;
	doc_unlink(t);
	doc_free(t);
	if (br != NULL) {
		doc_unlink(br);
		doc_free(br);
	}
	if (p->first == NULL) {
		doc_unlink(p);
		doc_free(p);
	}
}

static void
leave(struct ctx *c, cmark_node *cm)
{
	struct frame f = c->stack[--c->nstack];

	flush_run(c);
	c->nest -= f.nest;
	c->ninline -= f.inl;
	switch (f.n->type) {
	case NODE_PARAGRAPH:
		/* A paragraph of nothing but raw HTML. */
		if (f.n->first == NULL && c->nstack > 0) {
			doc_unlink(f.n);
			doc_free(f.n);
			c->blk = NULL;
			break;
		}
		/* FALLTHROUGH */
	case NODE_HEADING:
	case NODE_TABLE_CELL:
		inline_pass(c, f.n, cm);
		break;
	case NODE_QUOTE:
		alert(c, f.n);
		break;
	default:
		break;
	}
}

static void
convert(struct ctx *c, cmark_node *root, struct node *doc)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	cmark_node_type t;
	cmark_node *cm;

	push(c, root, doc, 0, 0);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cm = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_EXIT) {
			/* Leaves like footnote references exit too. */
			if (c->nstack > 0 && c->stack[c->nstack - 1].cm == cm)
				leave(c, cm);
			continue;
		}
		if (cm == root)
			continue;
		t = cmark_node_get_type(cm);
		if ((t & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK)
			enter_block(c, it, cm, t);
		else
			enter_inline(c, it, cm, t);
	}
	flush_run(c);
	cmark_iter_free(it);
}

/* Footnote definitions cmark dropped */

static int
cmp_defline(const void *a, const void *b)
{
	const struct defline *x = a, *y = b;
	int r = strcmp(x->norm, y->norm);

	if (r != 0)
		return r;
	return x->line != y->line ? (x->line < y->line ? -1 : 1) : 0;
}

/*
 * cmark silently drops a definition nobody refers to, and all but the
 * first of several with one label.  Find "[^label]:" lines outside code
 * and compare them with the definitions that were kept.
 */
static void
check_defs(struct ctx *c)
{
	struct defline *d = NULL;
	size_t nd = 0, capd = 0, i, k, j, end;
	char *key;

	for (i = 0; i < c->nlines; i++) {
		if (c->skip[i])
			continue;
		k = c->lines[i];
		end = line_end(c, (int)i + 1);
		while (k < end && k < c->lines[i] + 3 && c->src[k] == ' ')
			k++;
		if (k + 2 >= end || c->src[k] != '[' || c->src[k + 1] != '^')
			continue;
		for (j = k + 2; j < end && c->src[j] != ']' &&
		    c->src[j] != '[' && !isspace((unsigned char)c->src[j]); j++)
			continue;
		if (j == k + 2 || j + 1 >= end || c->src[j] != ']' ||
		    c->src[j + 1] != ':')
			continue;
		ARRAY_GROW(d, nd, capd);
		d[nd].raw = c->src + k + 2;
		d[nd].rawlen = (int)(j - k - 2);
		d[nd].norm = normalise(d[nd].raw, j - k - 2);
		pos_of(c, k, &d[nd].line, &d[nd].col);
		nd++;
	}
	if (nd > 0)
		qsort(d, nd, sizeof(*d), cmp_defline);
	if (c->ndefs > 0)
		qsort(c->defs, c->ndefs, sizeof(*c->defs), cmp_str);
	for (i = 0; i < nd; i++) {
		key = d[i].norm;
		if (i > 0 && strcmp(d[i - 1].norm, key) == 0) {
			if (c->ndefs > 0 && bsearch(&key, c->defs, c->ndefs,
			    sizeof(*c->defs), cmp_str) != NULL)
				diag_warning(c->file, d[i].line, d[i].col,
				    "footnote [^%.*s] is defined more than "
				    "once; only the first definition is used: "
				    "rename or delete this one",
				    show_len(d[i].raw, (size_t)d[i].rawlen),
				    d[i].raw);
			continue;
		}
		if (c->ndefs == 0 || bsearch(&key, c->defs, c->ndefs,
		    sizeof(*c->defs), cmp_str) == NULL)
			diag_warning(c->file, d[i].line, d[i].col, "footnote "
			    "[^%.*s] is never referred to, so it was left "
			    "out: refer to it with [^%.*s] in the text or "
			    "delete it",
			    show_len(d[i].raw, (size_t)d[i].rawlen), d[i].raw,
			    show_len(d[i].raw, (size_t)d[i].rawlen), d[i].raw);
	}
	for (i = 0; i < nd; i++)
		free(d[i].norm);
	free(d);
}

/*
 * cmark's memory, for one parse: it allocates a block for every node, line
 * and piece of text and frees each again, so its blocks are cut from a few
 * large chunks instead, and the chunks are freed together when the tree
 * has been copied.  cmark's allocator takes no context, hence the one
 * arena of the file; a parse does not call itself.
 */
#define ARENA_CHUNK	(64u << 10)
#define ARENA_ALIGN	16		/* for any type cmark stores */

struct arena_chunk {
	struct arena_chunk *prev;
	size_t		 size, used;
	_Alignas(ARENA_ALIGN) unsigned char data[];
};

/* Each block starts with its size, for realloc. */
struct arena_block {
	_Alignas(ARENA_ALIGN) size_t size;
	_Alignas(ARENA_ALIGN) unsigned char data[];
};

static struct arena_chunk *arena;

static void *
arena_alloc(size_t n)
{
	struct arena_chunk *c = arena, *big;
	struct arena_block *b;
	size_t need;

	if (n > SIZE_MAX / 2)
		abort();	/* as cmark's own allocator does */
	need = (sizeof(*b) + n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (c == NULL || c->size - c->used < need) {
		if (need > ARENA_CHUNK / 4 && c != NULL) {
			/* a chunk of its own, behind the one in use */
			big = xmalloc(sizeof(*big) + need);
			big->size = big->used = need;
			big->prev = c->prev;
			c->prev = big;
			b = (struct arena_block *)big->data;
			b->size = n;
			return b->data;
		}
		c = xmalloc(sizeof(*c) + (need > ARENA_CHUNK ? need :
		    ARENA_CHUNK));
		c->size = need > ARENA_CHUNK ? need : ARENA_CHUNK;
		c->used = 0;
		c->prev = arena;
		arena = c;
	}
	b = (struct arena_block *)(c->data + c->used);
	c->used += need;
	b->size = n;
	return b->data;
}

static void *
arena_calloc(size_t n, size_t size)
{
	void *p;

	if (size != 0 && n > SIZE_MAX / 2 / size)
		abort();
	p = arena_alloc(n * size);
	memset(p, 0, n * size);
	return p;
}

static void *
arena_realloc(void *old, size_t n)
{
	struct arena_block *b;
	struct arena_chunk *c = arena;
	size_t need;
	void *p;

	if (old == NULL)
		return arena_alloc(n);
	b = (struct arena_block *)((unsigned char *)old - sizeof(*b));
	if (n <= b->size)
		return old;
	/* the last block of the chunk grows where it is */
	need = (sizeof(*b) + n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (c != NULL && (unsigned char *)b >= c->data &&
	    (unsigned char *)b < c->data + c->used &&
	    (size_t)((unsigned char *)b - c->data) + need <= c->size &&
	    c->data + c->used == (unsigned char *)b + ((sizeof(*b) +
	    b->size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1))) {
		c->used = (size_t)((unsigned char *)b - c->data) + need;
		b->size = n;
		return old;
	}
	p = arena_alloc(n);
	memcpy(p, old, b->size);
	return p;
}

static void
arena_free(void *p)
{
	(void)p;	/* all at once, in arena_release */
}

static void
arena_release(void)
{
	struct arena_chunk *c;

	while ((c = arena) != NULL) {
		arena = c->prev;
		free(c);
	}
}

static cmark_mem arena_mem = { arena_calloc, arena_realloc, arena_free };

struct node *
mdparse(const char *file, const char *body, size_t len)
{
	return mdparse_for(file, body, len, MD_ALL);
}

struct node *
mdparse_for(const char *file, const char *body, size_t len,
    enum md_context want)
{
	static int registered;
	static const char *const exts[] = {
		"table", "strikethrough", "autolink", "tasklist", NULL
	};
	cmark_syntax_extension *e;
	cmark_parser *p;
	cmark_node *root;
	struct node *doc;
	struct ctx c;
	size_t i;

	if (!registered) {
		cmark_gfm_core_extensions_ensure_registered();
		registered = 1;
	}
	memset(&c, 0, sizeof(c));
	c.file = file;
	c.head_level = 1;
	c.src = body;
	c.len = len;
	buf_init(&c.run);
	index_lines(&c);

	/* no CMARK_OPT_VALIDATE_UTF8: source_read has checked the text */
	p = cmark_parser_new_with_mem(CMARK_OPT_SOURCEPOS |
	    CMARK_OPT_FOOTNOTES | CMARK_OPT_SMART, &arena_mem);
	for (i = 0; exts[i] != NULL; i++)
		if ((e = cmark_find_syntax_extension(exts[i])) != NULL)
			cmark_parser_attach_syntax_extension(p, e);
	c.tasklist = cmark_find_syntax_extension("tasklist");
	cmark_parser_feed(p, body, len);
	root = cmark_parser_finish(p);
	only_filter(&c, root, want);

	doc = doc_new(NODE_DOCUMENT, 1, 1);
	convert(&c, root, doc);
	check_defs(&c);

	cmark_node_free(root);
	cmark_parser_free(p);
	arena_release();
	for (i = 0; i < c.ndefs; i++)
		free(c.defs[i]);
	free(c.defs);
	free(c.stack);
	free(c.hints);
	free(c.lines);
	free(c.skip);
	buf_free(&c.run);
	return doc;
}

/* Plain text */

int
mdparse_check_plain(const char *file, int line, int col, const char *key,
    const char *s)
{
	static const struct {
		const char *mark, *what;
	} marks[] = {
		{ "{{", "a placeholder" },
		{ "[@", "a citation" },
		{ "[^", "a footnote" },
		{ "](", "a Markdown link" },
		{ "**", "Markdown bold" },
		{ "__", "Markdown bold" },
		{ "~~", "Markdown strikethrough" },
		{ "*", "Markdown emphasis" },
		{ "`", "Markdown code" },
	};
	const char *p, *first = NULL, *what = NULL;
	size_t i, n;

	for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if ((p = strstr(s, marks[i].mark)) != NULL &&
		    (first == NULL || p < first)) {
			first = p;
			what = marks[i].what;
		}
	/* _emphasis_ opens after a blank or at the start, like HTML <tags> */
	for (p = s; *p != '\0'; p++)
		if ((p == s || p[-1] == ' ' || p[-1] == '(') &&
		    ((p[0] == '_' && p[1] != '\0' && p[1] != ' ') ||
		    (p[0] == '<' && (isalpha((unsigned char)p[1]) ||
		    p[1] == '/' || p[1] == '!')))) {
			if (first == NULL || p < first) {
				first = p;
				what = p[0] == '_' ? "Markdown emphasis" :
				    "HTML";
			}
			break;
		}
	if (first == NULL)
		return 0;
	n = strcspn(first, " ");
	diag_error(file, line, col, "the %s holds %s ('%.*s'), which would be "
	    "printed as it is: write it as plain text", key, what,
	    show_len(first, n < 3 ? 3 : n), first);
	return 1;
}
