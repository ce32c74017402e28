/*
 * glossary: load the word list, find its terms in a document's text, and
 * append the list of the words a document uses.
 *
 * Every term, alias and abbreviation becomes a pattern.  Patterns are kept
 * sorted by their folded first byte and then by length, longest first, so
 * that the first hit is the longest match.  A pattern that starts with a
 * word (nearly all do) can only match where the text has that same word,
 * so these are found through a hash table of their first words: at each
 * word of the text one short list is tried, and a word that starts no
 * pattern is passed over whole.  The few that start otherwise are tried
 * through the buckets of their first byte.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "anchor.h"
#include "buf.h"
#include "diag.h"
#include "doc.h"
#include "glossary.h"
#include "mdparse.h"
#include "utf8.h"
#include "xalloc.h"
#include "yamlx.h"

#define GLOSSARY_MAX_BYTES	(4u << 20)

struct entry {
	char	*term;
	char	*abbr;		/* or NULL */
	char	*def;
	char	*see_name;	/* as written, or NULL */
	int	 see;		/* entry number of see_name, or -1 */
	int	 see_line, see_col;
};

struct pat {
	char	*s;		/* normalised: ASCII lower case unless exact,
				   U+2019 as an apostrophe */
	size_t	 len;
	size_t	 first;		/* bytes of its first word; 0: it starts
				   with something else */
	int	 same;		/* next pattern (in order) with the same
				   first word, or -1 */
	int	 entry;
	int	 exact;		/* abbreviation: case-sensitive */
	int	 line;
};

struct glossary {
	char		*path;
	struct entry	*e;
	int		 n, cap;
	struct pat	*pats;
	int		 npat, patcap;
	int		 bucket[257];	/* pats[bucket[c]..bucket[c+1]) start
					   with folded byte c */
	int		*words;		/* hash of first words (folded): the
					   first pattern with it, or -1 */
	unsigned int	 nwords;	/* slots, a power of two */
	int		 nlead;		/* patterns with no first word */
};

/* State of one glossary_scan. */
struct scan {
	const struct glossary	*g;
	struct gloss_use	*use;
	char			*used;	/* per entry: in use->entries */
	char			*linked; /* per entry: linked in this doc */
	int			 link_first;
};

static int	 fold(int);
static int	 is_word_cp(long);
static size_t	 word_end(const char *, size_t, size_t, unsigned int *);
static int	 same_word(const char *, const char *, size_t);
static int	 is_rsquo(const char *, size_t, size_t);
static char	*normalise(const char *, int);
static void	 add_pat(struct glossary *, const char *, int, int,
		    const struct ynode *, int *);
static char	*req_string(const char *, const struct ynode *,
		    const char *, const char *, int *);
static void	 load_entry(struct glossary *, const struct ynode *, int,
		    int *);
static void	 resolve_see(struct glossary *, int *);
static int	 pat_cmp(const void *, const void *);
static void	 index_pats(struct glossary *);
static void	 index_words(struct glossary *);
static size_t	 match_at(const struct pat *, const char *, size_t, size_t,
		    size_t);
static int	 find_at(const struct glossary *, const char *, size_t, size_t,
		    size_t *);
static int	 find_word_at(const struct glossary *, const char *, size_t,
		    size_t, size_t, unsigned int, size_t *);
static int	 skipped(const struct node *);
static void	 note_use(struct scan *, int);
static void	 scan_text(struct scan *, struct node *);
static char	*join4(const char *, const char *, const char *,
		    const char *);
static int	 entry_cmp(const void *, const void *);

static int
fold(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/*
 * Letters and digits, for the whole-word rule: ASCII, Latin, Greek and
 * Cyrillic letters, and superscript and subscript digits ("⁹⁰Y").
 */
static int
is_word_cp(long cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
		    (cp >= 'A' && cp <= 'Z');
	return cp == 0xB2 || cp == 0xB3 || cp == 0xB5 || cp == 0xB9 ||
	    (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
	    (cp >= 0x370 && cp <= 0x52F) || (cp >= 0x1E00 && cp <= 0x1EFF) ||
	    (cp >= 0x2070 && cp <= 0x209F);
}

/* ASCII letters and digits as they are folded; 0 for the other ASCII
 * bytes, which end a word.  Most of the text goes through this table. */
static const char ascii_word[129] =
    "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
    "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
    "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
    "0123456789\0\0\0\0\0\0"
    "\0abcdefghijklmno" "pqrstuvwxyz\0\0\0\0\0"
    "\0abcdefghijklmno" "pqrstuvwxyz\0\0\0\0\0";

/* The end of the word (letters and digits) starting at s[i], i if none
 * starts there; *hash is the FNV-1a of its bytes, ASCII folded. */
static size_t
word_end(const char *s, size_t len, size_t i, unsigned int *hash)
{
	unsigned int h = 2166136261u;
	size_t next;
	unsigned char c;
	long cp;

	while (i < len) {
		if ((c = (unsigned char)s[i]) < 0x80) {
			if (ascii_word[c] == 0)
				break;
			h = (h ^ (unsigned char)ascii_word[c]) * 16777619u;
			i++;
			continue;
		}
		next = i;
		cp = utf8_next(s, len, &next);
		if (cp == -1 || !is_word_cp(cp))
			break;
		for (; i < next; i++)
			h = (h ^ (unsigned char)s[i]) * 16777619u;
	}
	*hash = h;
	return i;
}

/* Are the n bytes of a and b the same, ASCII folded? */
static int
same_word(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (fold((unsigned char)a[i]) != fold((unsigned char)b[i]))
			return 0;
	return 1;
}

/* The typographic apostrophe, which smart punctuation puts in the text
 * where the glossary has "'". */
static int
is_rsquo(const char *s, size_t len, size_t i)
{
	return i + 2 < len && (unsigned char)s[i] == 0xE2 &&
	    (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x99;
}

static char *
normalise(const char *s, int exact)
{
	struct buf b;
	size_t i, len = strlen(s);
	char *r;

	buf_init(&b);
	for (i = 0; i < len; i++) {
		if (is_rsquo(s, len, i)) {
			buf_addc(&b, '\'');
			i += 2;
		} else
			buf_addc(&b, exact ? s[i] : (char)fold(s[i]));
	}
	r = xstrdup(b.p);
	buf_free(&b);
	return r;
}

/*
 * Add a pattern for entry e, refusing one that could match the same text
 * as another entry's pattern (error at n, the second occurrence).
 */
static void
add_pat(struct glossary *g, const char *s, int e, int exact,
    const struct ynode *n, int *nerr)
{
	struct pat *p;
	char *norm;
	size_t len;
	int i, same;

	norm = normalise(s, exact);
	len = strlen(norm);
	for (i = 0; i < g->npat; i++) {
		p = &g->pats[i];
		if (p->entry == e || p->len != len)	/* not the same */
			continue;
		same = exact && p->exact ? strcmp(p->s, norm) == 0 :
		    strcasecmp(p->s, norm) == 0;
		if (!same)
			continue;
		diag_error(g->path, n->line, n->col, "'%s' already belongs to "
		    "the entry '%s' (line %d): a word can be listed under one "
		    "entry only, so remove one of them", s,
		    g->e[p->entry].term, p->line);
		(*nerr)++;
		free(norm);
		return;
	}
	ARRAY_GROW(g->pats, g->npat, g->patcap);
	p = &g->pats[g->npat++];
	p->s = norm;
	p->len = len;
	p->entry = e;
	p->exact = exact;
	p->line = n->line;
}

/* A text value that must not be empty; NULL (after an error) if it is
 * not text or is empty, or if n is NULL (already reported). */
static char *
req_string(const char *file, const struct ynode *n, const char *what,
    const char *key, int *nerr)
{
	int before = *nerr;
	char *s = yamlx_text(file, n, nerr);

	if (s == NULL && n != NULL && *nerr == before) {
		diag_error(file, n->line, n->col, "the %s of %s is empty: "
		    "write it after '%s:'", key, what, key);
		(*nerr)++;
	}
	return s;
}

static void
load_entry(struct glossary *g, const struct ynode *item, int idx, int *nerr)
{
	static const char *const known[] = {
		"term", "abbr", "aliases", "definition", "see", NULL
	};
	static const char *const required[] = { "term", "definition", NULL };
	const struct ynode *tn, *an, *a;
	struct entry *e;
	const char *s;
	char what[160], *term;
	int ei;

	if (item->type != YNODE_MAP) {
		diag_error(g->path, item->line, item->col, "glossary entry %d "
		    "should be lines of 'key: value', starting with "
		    "'- term: ...'", idx);
		(*nerr)++;
		return;
	}
	tn = yamlx_get(item, "term");
	snprintf(what, sizeof(what), "glossary entry %d", idx);
	term = req_string(g->path, tn, what, "term", nerr);
	if (term != NULL)
		snprintf(what, sizeof(what), "the glossary entry '%s'", term);
	*nerr += yamlx_check_keys(g->path, item, what, known, required);
	if (term == NULL) {
		/* Still check the rest of the entry. */
		free(req_string(g->path, yamlx_get(item, "definition"),
		    what, "definition", nerr));
		return;
	}
	ARRAY_GROW(g->e, g->n, g->cap);
	ei = g->n++;
	e = &g->e[ei];
	memset(e, 0, sizeof(*e));
	e->term = term;
	e->see = -1;
	e->def = req_string(g->path, yamlx_get(item, "definition"), what,
	    "definition", nerr);
	if (e->def != NULL) {
		const struct ynode *dn = yamlx_get(item, "definition");
		char key[200];

		snprintf(key, sizeof(key), "definition of '%s'", term);
		*nerr += mdparse_check_plain(g->path, dn->line, dn->col, key,
		    e->def);
		utf8_curl_quotes(&e->def);
	}
	add_pat(g, term, ei, 0, tn, nerr);
	if ((an = yamlx_get(item, "abbr")) != NULL &&
	    (e->abbr = req_string(g->path, an, what, "abbr", nerr)) != NULL)
		add_pat(g, e->abbr, ei, 1, an, nerr);
	if ((an = yamlx_get(item, "aliases")) != NULL) {
		if (an->type == YNODE_SEQ)
			a = an->child;
		else if (an->type == YNODE_SCALAR && an->plain && an->len == 0)
			a = NULL;
		else
			a = an;	/* one alias without brackets is clear too */
		for (; a != NULL; a = a == an ? NULL : a->next) {
			if (a->type != YNODE_SCALAR) {
				diag_error(g->path, a->line, a->col, "the "
				    "aliases of %s should be words or phrases, "
				    "as in 'aliases: [tumours, tumor]'", what);
				(*nerr)++;
				continue;
			}
			s = a->value;
			while (*s == ' ')
				s++;
			if (*s == '\0') {
				diag_error(g->path, a->line, a->col, "an alias "
				    "of %s is empty: write the word, or remove "
				    "the empty item", what);
				(*nerr)++;
				continue;
			}
			add_pat(g, s, ei, 0, a, nerr);
		}
	}
	if ((an = yamlx_get(item, "see")) != NULL &&
	    (e->see_name = req_string(g->path, an, what, "see",
	    nerr)) != NULL) {
		e->see_line = an->line;
		e->see_col = an->col;
	}
}

/* "see" names another entry's term; check once all terms are known. */
static void
resolve_see(struct glossary *g, int *nerr)
{
	struct entry *e;
	const char *best;
	int i, j, k, d, bestd;

	for (i = 0; i < g->n; i++) {
		e = &g->e[i];
		if (e->see_name == NULL)
			continue;
		best = NULL;
		bestd = 0;
		for (j = 0; j < g->n; j++)
			if (strcasecmp(g->e[j].term, e->see_name) == 0)
				break;
		/* not found: the nearest term, if any is near */
		for (k = 0; j == g->n && k < g->n; k++) {
			d = yamlx_distance(e->see_name, g->e[k].term);
			if (d <= 3 && (best == NULL || d < bestd)) {
				best = g->e[k].term;
				bestd = d;
			}
		}
		if (j == i) {
			diag_error(g->path, e->see_line, e->see_col, "the "
			    "entry '%s' refers to itself with 'see': name a "
			    "different entry, or remove the line", e->term);
			(*nerr)++;
		} else if (j < g->n)
			e->see = j;
		else {
			diag_error(g->path, e->see_line, e->see_col, "'see: "
			    "%s' in the entry '%s' names no entry of the "
			    "glossary%s%s%s: write another entry's term "
			    "exactly", e->see_name, e->term,
			    best != NULL ? " (did you mean '" : "",
			    best != NULL ? best : "",
			    best != NULL ? "'?)" : "");
			(*nerr)++;
		}
	}
}

static int
pat_cmp(const void *a, const void *b)
{
	const struct pat *p = a, *q = b;
	int c;

	c = fold((unsigned char)p->s[0]) - fold((unsigned char)q->s[0]);
	if (c != 0)
		return c;
	if (p->len != q->len)
		return p->len < q->len ? 1 : -1;
	return p->entry - q->entry;
}

/* Sort by folded first byte, longest first, and index the buckets.
 * Case-sensitive patterns are bucketed by their folded first byte too,
 * as the text is looked up. */
static void
index_pats(struct glossary *g)
{
	int i, c;

	if (g->npat > 0)	/* an empty glossary has no array */
		qsort(g->pats, (size_t)g->npat, sizeof(*g->pats), pat_cmp);
	memset(g->bucket, 0, sizeof(g->bucket));
	for (i = 0; i < g->npat; i++)
		g->bucket[fold((unsigned char)g->pats[i].s[0]) + 1]++;
	for (c = 1; c <= 256; c++)
		g->bucket[c] += g->bucket[c - 1];
	index_words(g);
}

/* The hash table of first words, each slot the first of its patterns in
 * sorted order, each pattern linked to the next with the same word. */
static void
index_words(struct glossary *g)
{
	struct pat *p, *q;
	unsigned int h, hash;
	int i, k;

	g->nwords = 16;
	while (g->nwords < 2u * (unsigned int)g->npat)
		g->nwords *= 2;
	g->words = xreallocarray(NULL, g->nwords, sizeof(*g->words));
	for (h = 0; h < g->nwords; h++)
		g->words[h] = -1;
	g->nlead = 0;
	for (i = 0; i < g->npat; i++) {
		p = &g->pats[i];
		p->first = word_end(p->s, p->len, 0, &hash);
		p->same = -1;
		if (p->first == 0) {
			g->nlead++;
			continue;
		}
		for (h = hash & (g->nwords - 1);
		    (k = g->words[h]) != -1; h = (h + 1) & (g->nwords - 1)) {
			q = &g->pats[k];
			if (q->first == p->first &&
			    same_word(q->s, p->s, p->first))
				break;
		}
		if (k == -1) {
			g->words[h] = i;
			continue;
		}
		while (g->pats[k].same != -1)	/* keep the order */
			k = g->pats[k].same;
		g->pats[k].same = i;
	}
}

struct glossary *
glossary_load(const char *path)
{
	struct glossary *g;
	struct ynode *root;
	const struct ynode *item;
	int nerr = 0, idx = 0, missing;

	g = xcalloc(1, sizeof(*g));
	g->path = xstrdup(path);
	root = yamlx_load_file(path, GLOSSARY_MAX_BYTES, "the glossary",
	    &missing);
	if (missing) {
		diag_warning(path, 0, 0, "there is no glossary: create this "
		    "file to explain words in the leaflets");
		return g;
	}
	if (root == NULL) {
		glossary_free(g);
		return NULL;
	}
	if (root->type == YNODE_SEQ) {
		for (item = root->child; item != NULL; item = item->next)
			load_entry(g, item, ++idx, &nerr);
		resolve_see(g, &nerr);
	} else if (root->type != YNODE_MAP || root->nchild > 0) {
		diag_error(path, root->line, root->col, "the glossary should "
		    "be a list of entries, each starting with '- term: ...'");
		nerr++;
	}
	yamlx_free(root);
	if (nerr > 0) {
		glossary_free(g);
		return NULL;
	}
	index_pats(g);
	return g;
}

void
glossary_free(struct glossary *g)
{
	int i;

	if (g == NULL)
		return;
	for (i = 0; i < g->n; i++) {
		free(g->e[i].term);
		free(g->e[i].abbr);
		free(g->e[i].def);
		free(g->e[i].see_name);
	}
	for (i = 0; i < g->npat; i++)
		free(g->pats[i].s);
	free(g->e);
	free(g->pats);
	free(g->words);
	free(g->path);
	free(g);
}

int
glossary_count(const struct glossary *g)
{
	return g != NULL ? g->n : 0;
}

/* Bytes of s from i that p matches, or 0; its first "known" bytes are
 * known to match. */
static size_t
match_at(const struct pat *p, const char *s, size_t len, size_t i,
    size_t known)
{
	size_t j = i + known, k;
	int c;

	for (k = known; k < p->len; k++) {
		if (j >= len)
			return 0;
		if (is_rsquo(s, len, j)) {
			c = '\'';
			j += 3;
		} else
			c = (unsigned char)s[j++];
		if (!p->exact)
			c = fold(c);
		if (c != (unsigned char)p->s[k])
			return 0;
	}
	return j - i;
}

/* Whether a match ending at s[end] ends a word (no letter or digit
 * follows it). */
static int
ends_word(const char *s, size_t len, size_t end)
{
	long cp;

	return end >= len || (cp = utf8_next(s, len, &end)) == -1 ||
	    !is_word_cp(cp);
}

/*
 * The entry of the longest pattern matching a whole word at s[i] (the
 * caller has checked what precedes it), with its length in *mlen; or -1.
 */
static int
find_at(const struct glossary *g, const char *s, size_t len, size_t i,
    size_t *mlen)
{
	const struct pat *p;
	size_t m;
	int c, c2, k;

	c = is_rsquo(s, len, i) ? '\'' : fold((unsigned char)s[i]);
	/* the byte after the first, to pass over most of the bucket
	 * without matching (an apostrophe may be three bytes: no shortcut) */
	c2 = c != '\'' && i + 1 < len && (unsigned char)s[i + 1] != 0xE2 ?
	    (unsigned char)s[i + 1] : -1;
	for (k = g->bucket[c]; k < g->bucket[c + 1]; k++) {
		p = &g->pats[k];
		if (c2 != -1 && p->len > 1 && (unsigned char)p->s[1] !=
		    (p->exact ? c2 : fold(c2)))
			continue;
		if ((m = match_at(p, s, len, i, 0)) == 0 ||
		    !ends_word(s, len, i + m))
			continue;
		*mlen = m;
		return p->entry;
	}
	return -1;
}

/*
 * As find_at, where the text has a word, s[i..end): only the patterns
 * that start with that word can match there.
 */
static int
find_word_at(const struct glossary *g, const char *s, size_t len, size_t i,
    size_t end, unsigned int hash, size_t *mlen)
{
	const struct pat *p;
	size_t m;
	unsigned int h;
	int k;

	for (h = hash & (g->nwords - 1);
	    (k = g->words[h]) != -1; h = (h + 1) & (g->nwords - 1))
		if (g->pats[k].first == end - i &&
		    same_word(g->pats[k].s, s + i, end - i))
			break;
	for (; k != -1; k = p->same) {
		p = &g->pats[k];
		/* the word matched already, but for the case of an
		 * abbreviation */
		if ((m = match_at(p, s, len, i, p->exact ? 0 : p->first)) ==
		    0 || !ends_word(s, len, i + m))
			continue;
		*mlen = m;
		return p->entry;
	}
	return -1;
}

/* Text where a glossary link would be wrong or impossible. */
static int
skipped(const struct node *n)
{
	for (n = n->parent; n != NULL; n = n->parent)
		switch (n->type) {
		case NODE_HEADING:
		case NODE_LINK:
		case NODE_IMAGE:
		case NODE_CITE:
		case NODE_CODE:
		case NODE_CODEBLOCK:
		case NODE_FOOTNOTE_REF:
			return 1;
		default:
			break;
		}
	return 0;
}

static void
note_use(struct scan *sc, int e)
{
	struct gloss_use *u = sc->use;

	if (sc->used[e])
		return;
	sc->used[e] = 1;
	ARRAY_GROW(u->entries, u->n, u->cap);
	u->entries[u->n++] = e;
}

/*
 * Find the entries in one text node.  Linking splits it into text before,
 * the link, and the rest, which is scanned in turn.
 */
static void
scan_text(struct scan *sc, struct node *t)
{
	struct node *link, *word, *rest;
	char *s = t->text;
	size_t len = strlen(s), i = 0, m, last, end;
	unsigned int hash;
	int e, prev_word = 0;
	long cp;

	while (i < len) {
		e = -1;
		end = i;
		if (!prev_word) {
			end = word_end(s, len, i, &hash);
			if (end > i)
				e = find_word_at(sc->g, s, len, i, end, hash,
				    &m);
			else if (sc->g->nlead > 0)
				e = find_at(sc->g, s, len, i, &m);
		}
		if (e != -1) {
			note_use(sc, e);
			/* The match ends inside a word only if its last
			 * character is a letter or digit. */
			last = i + m - 1;
			while (last > i && ((unsigned char)s[last] & 0xC0) ==
			    0x80)
				last--;
			cp = utf8_next(s, len, &last);
			prev_word = cp != -1 && is_word_cp(cp);
			if (!sc->link_first || sc->linked[e]) {
				i += m;
				continue;
			}
			sc->linked[e] = 1;
			link = doc_new(NODE_LINK, t->line, t->col);
			link->text = anchor_link(ANCHOR_GLOSSARY, e, 0);
			/* the term, for what a reader says the link is */
			link->info = xstrdup(sc->g->e[e].term);
			word = doc_new(NODE_TEXT, t->line, t->col);
			word->text = xstrndup(s + i, m);
			doc_append(link, word);
			doc_insert_after(t, link);
			rest = NULL;
			if (i + m < len) {
				rest = doc_new(NODE_TEXT, t->line, t->col);
				rest->text = xstrdup(s + i + m);
				doc_insert_after(link, rest);
			}
			if (i == 0) {
				doc_unlink(t);
				doc_free(t);
			} else
				s[i] = '\0';
			if (rest == NULL)
				return;
			t = rest;
			s = t->text;
			len = strlen(s);
			i = 0;
			continue;
		}
		if (end > i) {		/* a word that starts no term */
			i = end;
			prev_word = 1;
			continue;
		}
		if ((unsigned char)s[i] < 0x80) {
			prev_word = ascii_word[(unsigned char)s[i++]] != 0;
			continue;
		}
		cp = utf8_next(s, len, &i);
		prev_word = cp != -1 && is_word_cp(cp);
	}
}

void
glossary_scan(const struct glossary *g, struct node *doc,
    struct gloss_use *use, int link_first)
{
	struct scan sc;
	struct node *n, **texts;
	int i, ntext = 0;

	if (g == NULL || g->n == 0)
		return;
	sc.g = g;
	sc.use = use;
	sc.used = xcalloc((size_t)g->n, 1);
	sc.linked = xcalloc((size_t)g->n, 1);
	sc.link_first = link_first;
	for (i = 0; i < use->n; i++)
		if (use->entries[i] >= 0 && use->entries[i] < g->n)
			sc.used[use->entries[i]] = 1;
	/* Collect first: linking changes the tree under the walk. */
	for (n = doc; n != NULL; n = doc_next(doc, n))
		if (n->type == NODE_TEXT)
			ntext++;
	texts = xreallocarray(NULL, (size_t)ntext + 1, sizeof(*texts));
	ntext = 0;
	for (n = doc; n != NULL; n = doc_next(doc, n))
		if (n->type == NODE_TEXT && n->text != NULL && !skipped(n))
			texts[ntext++] = n;
	for (i = 0; i < ntext; i++)
		scan_text(&sc, texts[i]);
	free(texts);
	free(sc.used);
	free(sc.linked);
}

/* The four strings one after the other, in a new string: the paragraphs
 * of the word list are made for every handout, and a format is slow. */
static char *
join4(const char *a, const char *b, const char *c, const char *d)
{
	size_t la = strlen(a), lb = strlen(b), lc = strlen(c), ld = strlen(d);
	char *r = xmalloc(la + lb + lc + ld + 1);

	memcpy(r, a, la);
	memcpy(r + la, b, lb);
	memcpy(r + la + lb, c, lc);
	memcpy(r + la + lb + lc, d, ld + 1);
	return r;
}

static int
entry_cmp(const void *a, const void *b)
{
	const struct entry *x = *(const struct entry *const *)a;
	const struct entry *y = *(const struct entry *const *)b;
	int c;

	if ((c = strcasecmp(x->term, y->term)) == 0)
		c = strcmp(x->term, y->term);
	return c != 0 ? c : (x > y) - (x < y);
}

void
glossary_append(const struct glossary *g, const struct gloss_use *use,
    struct node *doc, const char *heading)
{
	const struct entry *e, **order;
	struct node *h, *t, *p, *strong, *link;
	char *in;
	int i, k, num;

	if (g == NULL || use == NULL || use->n == 0)
		return;
	if (heading != NULL) {
		h = doc_new(NODE_HEADING, 0, 0);
		h->level = 2;
		t = doc_new(NODE_TEXT, 0, 0);
		t->text = xstrdup(heading);
		doc_append(h, t);
		doc_append(doc, h);
	}
	order = xcalloc((size_t)use->n, sizeof(*order));
	in = xcalloc((size_t)g->n, 1);
	for (i = k = 0; i < use->n; i++) {
		if (use->entries[i] < 0 || use->entries[i] >= g->n ||
		    in[use->entries[i]])
			continue;
		in[use->entries[i]] = 1;
		order[k++] = &g->e[use->entries[i]];
	}
	qsort(order, (size_t)k, sizeof(*order), entry_cmp);
	for (i = 0; i < k; i++) {
		e = order[i];
		num = (int)(e - g->e);
		p = doc_new(NODE_PARAGRAPH, 0, 0);
		p->info = anchor_name(ANCHOR_GLOSSARY, num, 0);
		strong = doc_new(NODE_STRONG, 0, 0);
		t = doc_new(NODE_TEXT, 0, 0);
		t->text = e->abbr != NULL ?
		    join4(e->term, " (", e->abbr, ")") : xstrdup(e->term);
		doc_append(strong, t);
		doc_append(p, strong);
		t = doc_new(NODE_TEXT, 0, 0);
		/* A cross-reference only helps if its target is listed
		 * too; otherwise the entry's own definition is given. */
		if (e->see >= 0 && in[e->see]) {
			t->text = xstrdup(": see ");
			doc_append(p, t);
			link = doc_new(NODE_LINK, 0, 0);
			link->text = anchor_link(ANCHOR_GLOSSARY, e->see, 0);
			t = doc_new(NODE_TEXT, 0, 0);
			t->text = xstrdup(g->e[e->see].term);
			doc_append(link, t);
			doc_append(p, link);
			t = doc_new(NODE_TEXT, 0, 0);
			t->text = xstrdup(".");
		} else
			t->text = join4(": ", e->def, "", "");
		doc_append(p, t);
		doc_append(doc, p);
	}
	free(order);
	free(in);
}

void
glossary_use_free(struct gloss_use *u)
{
	free(u->entries);
	u->entries = NULL;
	u->n = u->cap = 0;
}
