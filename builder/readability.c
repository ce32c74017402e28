/*
 * readability: reading-level figures for the prose of one handout.
 *
 * The tree is walked once.  Each paragraph's visible text is gathered
 * into a buffer together with "marks" that map buffer offsets back to
 * file lines (a soft or hard break is a source line break) and estimated
 * columns; the buffer is then cut into sentences and words, and every
 * sentence is added to its section and to the document.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "doc.h"
#include "readability.h"
#include "utf8.h"
#include "xalloc.h"

#define MAX_DEPTH	64	/* inline nesting followed; deeper is text */
#define WORD_MAX	64	/* letters of a word part the heuristic sees */
#define QUOTE_WORDS	5	/* words of a long sentence quoted */

/* Buffer offset off starts source line line, column col. */
struct mark {
	size_t		 off;
	int		 line;
	int		 col;
};

/* One paragraph being gathered. */
struct para {
	struct buf	 b;
	struct mark	*m;
	size_t		 nm, capm;
	int		 line;		/* current source line */
	int		 col0;		/* column where its lines start */
	int		 section;
	size_t		 cmark;		/* position cache: mark index, */
	size_t		 coff;		/* offset after it, */
	int		 ccol;		/* and that offset's column */
};

struct sect {
	char		*title;
	struct read_stats st;
};

struct sent {
	struct read_sentence rs;
	char		*text;		/* owned; rs.text points here */
	int		 poly;
};

struct read_report {
	char		*file;
	char		*title;
	struct read_stats total;
	struct sect	*sec;
	size_t		 nsec, capsec;
	struct sent	*s;
	size_t		 ns, caps;
	int		*fnsec;		/* footnote number -> section */
	size_t		 nfn;
};

static const struct read_stats empty_stats;
static const struct read_sentence empty_sentence;

/* Characters */

static int
is_space(long cp)
{
	if (cp < 0x80)
		return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r';
	return cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
	    cp == 0x205F || cp == 0x3000;
}

static int
is_letter(long cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
	return cp == 0xAA || cp == 0xB5 || cp == 0xBA ||
	    (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
	    (cp >= 0x250 && cp <= 0x2AF) ||		/* IPA */
	    (cp >= 0x300 && cp <= 0x36F) ||		/* combining marks */
	    (cp >= 0x370 && cp <= 0x3FF && cp != 0x37E && cp != 0x387) ||
	    (cp >= 0x400 && cp <= 0x52F) ||		/* Cyrillic */
	    (cp >= 0x1E00 && cp <= 0x1EFF);
}

static int
is_digit(long cp)
{
	if (cp < 0x80)
		return cp >= '0' && cp <= '9';
	return cp == 0xB2 || cp == 0xB3 ||
	    cp == 0xB9 || cp == 0x2070 || (cp >= 0x2074 && cp <= 0x2079) ||
	    (cp >= 0x2080 && cp <= 0x2089);
}

/* Joins letters and digits into one word: don't, well-known, 5-FU. */
static int
is_joiner(long cp)
{
	return cp == '\'' || cp == 0x2019 || cp == '-' || cp == 0x2010 ||
	    cp == 0x2011;
}

static int
is_apostrophe(long cp)
{
	return cp == '\'' || cp == 0x2019;
}

static int
is_terminator(long cp)
{
	if (cp < 0x80)
		return cp == '.' || cp == '!' || cp == '?';
	return cp == 0x2026 || cp == 0x203C || cp == 0x2047 ||
	    cp == 0x2048 || cp == 0x2049;
}

/* May follow the full stop of a sentence: He said "stop." Then ... */
static int
is_closer(long cp)
{
	return cp == '"' || cp == '\'' || cp == ')' || cp == ']' ||
	    cp == 0x2019 || cp == 0x201D || cp == 0xBB || cp == 0x203A;
}

static int
is_upper_ascii(long cp)
{
	return cp >= 'A' && cp <= 'Z';
}

/* Latin-1 letters without their accents, lower case. */
static const char latin1[64] =
    "aaaaaaaceeeeiiii" "dnooooo" "x" "ouuuuyts"
    "aaaaaaaceeeeiiii" "dnooooo" "x" "ouuuuyty";

/* A letter as the syllable heuristic sees it: a-z; 'E' for é, a vowel
 * that is never silent (café); 'x' for the letters it knows nothing
 * about (they count as consonants). */
static char
fold(long cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return (char)(cp - 'A' + 'a');
	if (cp >= 'a' && cp <= 'z')
		return (char)cp;
	if (cp == 0xC9 || cp == 0xE9)
		return 'E';
	if (cp >= 0xC0 && cp <= 0xFF)
		return latin1[cp - 0xC0];
	return 'x';
}

/* Decode one code point; invalid bytes read as U+FFFD.  ASCII, most of
 * the text, is read here without a call. */
static long
next_cp(const char *s, size_t len, size_t *pos)
{
	long cp;

	if ((unsigned char)s[*pos] < 0x80)
		return (unsigned char)s[(*pos)++];
	cp = utf8_next(s, len, pos);
	return cp < 0 ? 0xFFFD : cp;
}

/* Syllables */

/* Irregular words the rules below get wrong, and that handouts use. */
/* A word list with each word's length, so that no loop over it has to
 * measure the words again. */
struct sized {
	const char	*s;
	size_t		 len;
};
#define SIZED(s)	{ s, sizeof(s) - 1 }

/* Irregular words the rules below get wrong, and that handouts use. */
static const struct {
	struct sized	 word;
	int		 n;
} irregular[] = {
	{ SIZED("business"), 2 }, { SIZED("businesses"), 3 },
	{ SIZED("create"), 2 }, { SIZED("created"), 3 },
	{ SIZED("creates"), 2 }, { SIZED("creating"), 3 },
	{ SIZED("creation"), 3 }, { SIZED("cryoablation"), 5 },
	{ SIZED("friend"), 1 }, { SIZED("friends"), 1 },
	{ SIZED("maybe"), 2 }, { SIZED("radioactive"), 5 },
	{ SIZED("react"), 2 }, { SIZED("reaction"), 3 },
	{ SIZED("reactions"), 3 }, { SIZED("someone"), 2 },
	{ SIZED("whereas"), 2 }, { SIZED("wherever"), 3 }
};

/* First parts of compounds whose final e is silent: careful, lifetime. */
static const struct sized silent_e_heads[] = {
	SIZED("care"), SIZED("else"), SIZED("home"), SIZED("life"),
	SIZED("like"), SIZED("some"), SIZED("there"), SIZED("time"),
	SIZED("where")
};

static int
vowel_letter(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' ||
	    c == 'E';
}

/* Is w[i] sounded as a vowel?  y is, except before a vowel at the start
 * of a word or after a vowel (yes, beyond, layer). */
static int
sounded_vowel(const char *w, size_t n, size_t i)
{
	if (vowel_letter(w[i]))
		return 1;
	if (w[i] != 'y')
		return 0;
	if (i + 1 < n && vowel_letter(w[i + 1]) &&
	    (i == 0 || vowel_letter(w[i - 1])))
		return 0;
	return 1;
}

static int
ends_with(const char *w, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);

	return n >= k && memcmp(w + n - k, suffix, k) == 0;
}

static int
has_at(const char *w, size_t n, size_t at, const char *s)
{
	size_t k = strlen(s);

	return at + k <= n && memcmp(w + at, s, k) == 0;
}

static int
one_of(char c, const char *set)
{
	return c != '\0' && strchr(set, c) != NULL;
}

/* Is the vowel pair w[j], w[j+1] sounded as two syllables? */
static int
split_pair(const char *w, size_t n, size_t j)
{
	char a = w[j], b = w[j + 1];
	char p = j > 0 ? w[j - 1] : '\0';
	char nx = j + 2 < n ? w[j + 2] : '\0';
	size_t g, k;

	if (a == 'i' && b == 'a')	/* radiation, trial; not special */
		return !one_of(p, "cts") && !(nx == 'g' && j + 3 < n &&
		    w[j + 3] == 'e');
	if (a == 'i' && b == 'o')		/* radio, period; not action */
		return !one_of(p, "cgilnstx");
	if (a == 'i' && b == 'u')		/* medium */
		return 1;
	if (a == 'i' && b == 'e') {
		if (nx == 't')			/* diet, anxiety */
			return 1;
		if (nx == 'r' && (j + 3 == n ||	/* earlier, easiest */
		    (j + 4 == n && w[j + 3] == 's')) && n > 4)
			return 1;
		if (nx == 's' && j + 4 == n && w[j + 3] == 't' && n > 5)
			return 1;
		if (nx == 'n')		/* client, science; not patient */
			return !one_of(p, "ct") || (p == 'c' && j >= 2 &&
			    w[j - 2] == 's');
		return 0;
	}
	if (a == 'u' && (b == 'a' || b == 'o'))	/* usual, continuous */
		return !one_of(p, "gq");
	if (a == 'o' && b == 'e')		/* neuroendocrine, poem */
		return one_of(nx, "mn");
	if (a == 'e' && b == 'o')		/* video, stereotactic */
		return !(p == 'g' && j > 1) && !(p == 'p' && nx == 'p');
	if (a == 'e' && b == 'a') {		/* area(s), nausea; not sea */
		if (j + 2 != n && !(j + 3 == n && nx == 's'))
			return 0;
		for (g = j; g > 0 && sounded_vowel(w, n, g - 1); g--)
			continue;
		for (k = 0; k < g; k++)
			if (sounded_vowel(w, n, k))
				return 1;
		return 0;
	}
	if (a == 'y' && (b == 'o' || b == 'a'))	/* cryotherapy */
		return 1;
	return 0;
}

/* A stem that ends in consonant + l before a suffix keeps its syllable:
 * table(s), settled; not called. */
static int
consonant_l(const char *w, size_t n, size_t l)
{
	return l >= 1 && l < n && w[l] == 'l' && !sounded_vowel(w, n, l - 1) &&
	    w[l - 1] != 'l';
}

/* English syllables of n lower-case letters. */
static int
syllables_en(const char *w, size_t n)
{
	static const struct sized quiet_suffix[] = {
		SIZED("ly"), SIZED("ment"), SIZED("ments"), SIZED("ful"),
		SIZED("less"), SIZED("ness")
	};
	int v[WORD_MAX];
	int count = 0;
	size_t i, j, k;

	for (i = 0; i < sizeof(irregular) / sizeof(irregular[0]); i++)
		if (irregular[i].word.len == n &&
		    irregular[i].word.s[0] == w[0] &&
		    memcmp(irregular[i].word.s, w, n) == 0)
			return irregular[i].n;
	for (i = 0; i < n; i++)
		v[i] = sounded_vowel(w, n, i);
	for (i = 0; i < n; i = j) {
		if (!v[i]) {
			j = i + 1;
			continue;
		}
		count++;
		for (j = i + 1; j < n && v[j]; j++)
			if (split_pair(w, n, j - 1))
				count++;
	}

	/* Silent e at the end, unless -le or -re after a consonant. */
	if (n >= 3 && w[n - 1] == 'e' && !v[n - 2]) {
		if (!consonant_l(w, n, n - 2) && !(w[n - 2] == 'r' &&
		    !v[n - 3] && w[n - 3] != 'r'))
			count--;
	} else if (n >= 4 && ends_with(w, n, "es") && !v[n - 3]) {
		/* -es is sounded after s, x, z, ch, sh, ce, ge, consonant+l */
		if (!one_of(w[n - 3], "sxzcg") && !(w[n - 3] == 'h' &&
		    one_of(w[n - 4], "cs")) && !consonant_l(w, n, n - 3) &&
		    !(w[n - 3] == 'r' && !v[n - 4] && w[n - 4] != 'r'))
			count--;
	} else if (n >= 4 && ends_with(w, n, "ed") && !v[n - 3]) {
		/* -ed is sounded after t and d */
		if (!one_of(w[n - 3], "td") && !consonant_l(w, n, n - 3))
			count--;
	}
	/* Silent e before a suffix: likely, management, careful. */
	for (k = 0; k < sizeof(quiet_suffix) / sizeof(quiet_suffix[0]); k++) {
		size_t sl = quiet_suffix[k].len;

		if (n >= sl + 3 && memcmp(w + n - sl, quiet_suffix[k].s,
		    sl) == 0 &&
		    w[n - sl - 1] == 'e' && !v[n - sl - 2] &&
		    v[n - sl - 3]) {
			count--;
			break;
		}
	}
	for (k = 0; k < sizeof(silent_e_heads) / sizeof(silent_e_heads[0]);
	    k++) {
		size_t hl = silent_e_heads[k].len;

		/* not the suffixes above: lately, careful, basement */
		if (n > hl + 1 && memcmp(w, silent_e_heads[k].s, hl) == 0 &&
		    !v[hl] && !has_at(w, n, hl, "ly") &&
		    !has_at(w, n, hl, "ful") && !has_at(w, n, hl, "ment")) {
			count--;
			break;
		}
	}
	/* analogue, fatigue: the ue after g is silent */
	if (n >= 5 && (ends_with(w, n, "gue") || ends_with(w, n, "gues")))
		count--;
	/* being, going, crying: the i of -ing after a vowel is its own. */
	if (n >= 5 && ends_with(w, n, "ing") && v[n - 4])
		count++;
	/* mechanism, spasm */
	if (n >= 4 && ends_with(w, n, "sm") && v[n - 3])
		count++;
	return count < 1 ? 1 : count;
}

/* Syllables of one part of a word: letters only, apostrophes removed. */
static int
syllables_part(const char *w, size_t n, int upper, int nt)
{
	size_t i;
	int vowels = 0, count;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++)
		if (vowel_letter(w[i]) || w[i] == 'y')
			vowels++;
	/* CT, PRRT, FDA, UK: spelled out, W being "double-u"; NET, TACE
	 * are read as words */
	if (upper && n >= 2 && (vowels == 0 || (n <= 3 && !(n == 3 &&
	    !vowel_letter(w[0]) && vowel_letter(w[1]) &&
	    !vowel_letter(w[2]))))) {
		count = 0;
		for (i = 0; i < n; i++)
			count += w[i] == 'w' ? 3 : 1;
		return count;
	}
	count = syllables_en(w, n);
	/* didn't, isn't, couldn't: the n is a syllable of its own */
	if (nt && n >= 3 && !sounded_vowel(w, n, n - 3))
		count++;
	return count;
}

int
readability_syllables(const char *word, size_t len)
{
	char w[WORD_MAX];
	size_t n = 0, pos = 0;
	long cp, nx;
	int total = 0, upper = 1, indigits = 0, nt = 0;

	while (pos < len) {
		cp = next_cp(word, len, &pos);
		if (is_letter(cp)) {
			indigits = 0;
			if (n < WORD_MAX)
				w[n++] = fold(cp);
			if (!is_upper_ascii(cp))
				upper = 0;
			continue;
		}
		if (is_apostrophe(cp) && n > 0) {
			/* n't at the end of the word */
			size_t p2 = pos;

			nx = p2 < len ? next_cp(word, len, &p2) : 0;
			nt = w[n - 1] == 'n' && (nx == 't' || nx == 'T') &&
			    p2 == len;
			continue;
		}
		total += syllables_part(w, n, upper, nt);
		n = 0;
		upper = 1;
		nt = 0;
		if (is_digit(cp)) {
			if (!indigits)
				total++;
			indigits = 1;
		} else if ((cp == '.' || cp == ',') && indigits) {
			/* 2.5 and 1,000 are one group */
			size_t p2 = pos;

			if (!(pos < len && is_digit(next_cp(word, len, &p2))))
				indigits = 0;
		} else
			indigits = 0;
	}
	total += syllables_part(w, n, upper, nt);
	return total;
}

/*
 * Syllable counts of the words seen so far in this run, by their bytes:
 * the words of a handout repeat, and so do those of the leaflets of one
 * run, so most words are looked up rather than counted again.  A fixed
 * table, filled up to three quarters; longer words and words after that
 * are counted every time.
 */
#define SEEN_SLOTS	4096	/* a power of two */
#define SEEN_WORD	30	/* bytes of the longest word kept */

static struct seen {
	unsigned char	 len;		/* 0: empty slot */
	unsigned char	 syllables;
	char		 word[SEEN_WORD];
} seen_words[SEEN_SLOTS];
static size_t nseen;

static int
syllables_seen(const char *word, size_t len)
{
	unsigned int h = 2166136261u;	/* FNV-1a */
	struct seen *e;
	size_t i;
	int n;

	if (len == 0 || len > SEEN_WORD)
		return readability_syllables(word, len);
	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)word[i]) * 16777619u;
	for (i = h & (SEEN_SLOTS - 1); seen_words[i].len != 0;
	    i = (i + 1) & (SEEN_SLOTS - 1)) {
		e = &seen_words[i];
		if (e->len == len && memcmp(e->word, word, len) == 0)
			return e->syllables;
	}
	n = readability_syllables(word, len);
	if (nseen < SEEN_SLOTS / 4 * 3 && n <= 255) {
		e = &seen_words[i];
		e->len = (unsigned char)len;
		e->syllables = (unsigned char)n;
		memcpy(e->word, word, len);
		nseen++;
	}
	return n;
}

/* Gathering the prose of a paragraph */

static void
add_mark(struct para *p, int line, int col)
{
	p->cmark = (size_t)-1;
	if (p->nm > 0 && p->m[p->nm - 1].off == p->b.len) {
		p->m[p->nm - 1].line = line;
		p->m[p->nm - 1].col = col;
		return;
	}
	ARRAY_GROW(p->m, p->nm, p->capm);
	p->m[p->nm].off = p->b.len;
	p->m[p->nm].line = line;
	p->m[p->nm].col = col;
	p->nm++;
}

/* Source line and column of buffer offset off.  Sentences are looked up
 * in order, so the last answer is kept to count on from. */
static void
position(struct para *p, size_t off, int *line, int *col)
{
	size_t lo = 0, hi = p->nm, mid;
	const struct mark *m;

	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (p->m[mid].off <= off)
			lo = mid;
		else
			hi = mid;
	}
	m = &p->m[lo];
	if (p->cmark == lo && p->coff <= off)
		p->ccol += (int)utf8_count(p->b.p + p->coff, off - p->coff);
	else
		p->ccol = m->col + (int)utf8_count(p->b.p + m->off,
		    off - m->off);
	p->cmark = lo;
	p->coff = off;
	*line = m->line;
	*col = p->ccol;
}

/* Source characters were passed over without adding text: markup or
 * an element that does not count. */
static void
skip_cols(struct para *p, int ncols)
{
	int line, col;

	position(p, p->b.len, &line, &col);
	add_mark(p, line, col + ncols);
}

/* Keep words apart where something was left out between them. */
static void
gap(struct para *p)
{
	if (p->b.len > 0 && p->b.p[p->b.len - 1] != ' ')
		buf_addc(&p->b, ' ');
}

static int
chars(const char *s)
{
	return s != NULL ? (int)utf8_count(s, strlen(s)) : 0;
}

/* Length of a citation as written: [@a; @b] from "a;b". */
static int
cite_cols(const char *keys)
{
	int n = 3;
	const char *s;

	if (keys == NULL)
		return n;
	for (s = keys; *s != '\0'; s++)
		n += *s == ';' ? 3 : 1;
	return n;
}

static void
gather(struct para *p, const struct node *n, int depth)
{
	const struct node *c;

	switch (n->type) {
	case NODE_TEXT:
		if (n->text != NULL)
			buf_adds(&p->b, n->text);
		return;
	case NODE_SOFTBREAK:
	case NODE_HARDBREAK:
		buf_addc(&p->b, ' ');
		add_mark(p, ++p->line, p->col0);
		return;
	case NODE_CODE:
		gap(p);
		skip_cols(p, 2 + chars(n->text));
		return;
	case NODE_CITE:
		skip_cols(p, cite_cols(n->text));
		return;
	case NODE_FOOTNOTE_REF:
		skip_cols(p, 4);
		return;
	case NODE_IMAGE:
		gap(p);
		skip_cols(p, 5 + chars(n->info) + chars(n->text));
		return;
	case NODE_EMPH:
		skip_cols(p, 1);
		break;
	case NODE_STRONG:
	case NODE_STRIKE:
		skip_cols(p, 2);
		break;
	case NODE_LINK:
		skip_cols(p, 1);
		break;
	default:
		/* blocks cannot occur inside a paragraph */
		if (doc_is_block(n->type))
			return;
		break;
	}
	for (c = n->first; c != NULL; c = c->next) {
		if (depth >= MAX_DEPTH) {
			char *t = doc_plain_text(c);

			buf_adds(&p->b, t);
			free(t);
		} else
			gather(p, c, depth + 1);
	}
	switch (n->type) {
	case NODE_EMPH:
		skip_cols(p, 1);
		break;
	case NODE_STRONG:
	case NODE_STRIKE:
		skip_cols(p, 2);
		break;
	case NODE_LINK:
		/* [text](url) or <url> */
		if (n->first != NULL && n->first == n->last &&
		    n->first->type == NODE_TEXT && n->text != NULL &&
		    n->first->text != NULL &&
		    strcmp(n->first->text, n->text) == 0)
			skip_cols(p, 1);
		else
			skip_cols(p, 3 + chars(n->text) +
			    (n->info != NULL ? 3 + chars(n->info) : 0));
		break;
	default:
		break;
	}
}

/* Sentences and words */

/* Does the full stop at b[dot] belong to an abbreviation?  next is the
 * offset after it and its closers. */
static int
abbreviation(const char *b, size_t len, size_t dot, size_t next)
{
	static const char *const always[] = {
		"dr", "mr", "mrs", "ms", "prof", "vs", "approx", "cf", "fig"
	};
	char tok[8];
	size_t t = dot, k, tl, piece = 0, longest = 0;
	int dotted = 0;

	while (t > 0 && (((unsigned char)b[t - 1] < 0x80 &&
	    is_letter((unsigned char)b[t - 1])) || b[t - 1] == '.')) {
		if (b[t - 1] == '.') {
			dotted = 1;
			piece = 0;
		} else if (++piece > longest)
			longest = piece;
		t--;
	}
	if (t == dot || b[t] == '.')
		return 0;
	/* A word directly after a digit or a non-ASCII letter: not ours. */
	if (t > 0 && (((unsigned char)b[t - 1] >= '0' &&
	    (unsigned char)b[t - 1] <= '9') || (unsigned char)b[t - 1] >= 0x80))
		return 0;
	if (dotted)		/* e.g. i.e. a.m. Ph.D., not example.org */
		return longest <= 2;
	tl = dot - t;
	if (tl >= sizeof(tok))
		return 0;
	for (k = 0; k < tl; k++)
		tok[k] = fold((unsigned char)b[t + k]);
	tok[tl] = '\0';
	for (k = 0; k < sizeof(always) / sizeof(always[0]); k++)
		if (strcmp(tok, always[k]) == 0)
			return 1;
	while (next < len && b[next] == ' ')
		next++;
	if (strcmp(tok, "no") == 0)		/* no. 5 */
		return next < len && b[next] >= '0' && b[next] <= '9';
	if (strcmp(tok, "etc") == 0)	/* a capital starts a sentence */
		return next >= len || !is_upper_ascii((unsigned char)b[next]);
	return 0;
}

/* Count the words of s[0..len) into *words, *syl, *poly. */
static void
count_words(const char *s, size_t len, int *words, int *syl, int *poly)
{
	size_t pos = 0, start, end, p2, p3;
	long cp, nx, prev;
	int k;

	*words = *syl = *poly = 0;
	while (pos < len) {
		start = pos;
		cp = next_cp(s, len, &pos);
		if (!is_letter(cp) && !is_digit(cp))
			continue;
		end = pos;
		prev = cp;
		while (end < len) {
			p2 = end;
			cp = next_cp(s, len, &p2);
			if (is_letter(cp) || is_digit(cp)) {
				end = p2;
				prev = cp;
				continue;
			}
			if (p2 >= len)
				break;
			p3 = p2;
			nx = next_cp(s, len, &p3);
			if ((is_joiner(cp) && (is_letter(nx) ||
			    is_digit(nx))) || ((cp == '.' || cp == ',') &&
			    is_digit(prev) && is_digit(nx))) {
				end = p3;
				prev = nx;
				continue;
			}
			break;
		}
		(*words)++;
		k = syllables_seen(s + start, end - start);
		*syl += k;
		if (k >= 3)
			(*poly)++;
		pos = end;
	}
}

/* The sentence text for people: white space collapsed, no space before
 * punctuation (left where a citation was taken out). */
static char *
clean_text(const char *s, size_t len)
{
	char *t = xmalloc(len + 1);	/* collapsing never lengthens */
	size_t i, n = 0;
	int sp = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n') {
			sp = n > 0;
			continue;
		}
		if (sp && s[i] != '.' && s[i] != ',' && s[i] != ';' &&
		    s[i] != ':' && s[i] != '!' && s[i] != '?')
			t[n++] = ' ';
		sp = 0;
		t[n++] = s[i];
	}
	t[n] = '\0';
	return t;
}

static void
add_counts(struct read_stats *st, int words, int syl, int poly)
{
	st->words += words;
	st->syllables += syl;
	st->polysyllables += poly;
	st->sentences++;
	if (words > st->longest)
		st->longest = words;
}

static void
sentence(struct read_report *r, struct para *p, size_t start, size_t end)
{
	struct sent *s;
	int words, syl, poly;

	count_words(p->b.p + start, end - start, &words, &syl, &poly);
	if (words == 0)
		return;
	ARRAY_GROW(r->s, r->ns, r->caps);
	s = &r->s[r->ns++];
	memset(s, 0, sizeof(*s));
	s->text = clean_text(p->b.p + start, end - start);
	s->rs.text = s->text;
	position(p, start, &s->rs.line, &s->rs.col);
	s->rs.words = words;
	s->rs.syllables = syl;
	s->rs.section = p->section;
	s->poly = poly;
	add_counts(&r->sec[p->section].st, words, syl, poly);
	add_counts(&r->total, words, syl, poly);
}

/* Cut the gathered paragraph into sentences. */
static void
split(struct read_report *r, struct para *p)
{
	const char *b = p->b.p;
	size_t len = p->b.len, pos = 0, at, k, start = 0;
	long cp, c2;
	int open = 0, dots;

	while (pos < len) {
		/* inside a sentence only a terminator matters: . ! ? or one
		 * of U+2026, U+203C, U+2047..9, which start with byte E2 (the
		 * buffer ends with a NUL) */
		if (open && (pos += strcspn(b + pos, ".!?\xE2")) >= len)
			break;
		at = pos;
		cp = next_cp(b, len, &pos);
		if (!open && !is_space(cp)) {
			start = at;
			open = 1;
		}
		if (!is_terminator(cp))
			continue;
		/* the run of terminators and closers */
		dots = cp == '.';
		k = pos;
		while (k < len) {
			size_t k2 = k;

			c2 = next_cp(b, len, &k2);
			if (!is_terminator(c2) && !is_closer(c2))
				break;
			if (c2 == '.')
				dots++;
			k = k2;
		}
		/* no sentence ends inside the run either: go past it */
		if (k < len) {
			size_t k2 = k;

			if (!is_space(next_cp(b, len, &k2))) {
				pos = k;
				continue;
			}
		}
		if (cp == '.' && dots == 1 && abbreviation(b, len, at, k)) {
			pos = k;
			continue;
		}
		sentence(r, p, start, k);
		open = 0;
		pos = k;
	}
	if (open)
		sentence(r, p, start, len);
}

static int
new_section(struct read_report *r, const char *title, int line)
{
	struct sect *s;

	ARRAY_GROW(r->sec, r->nsec, r->capsec);
	s = &r->sec[r->nsec];
	memset(s, 0, sizeof(*s));
	s->title = xstrdup(title != NULL ? title : "");
	s->st.title = s->title;
	s->st.line = line;
	return (int)r->nsec++;
}

static void
paragraph(struct read_report *r, const struct node *n, int section)
{
	struct para p;
	const struct node *c;

	memset(&p, 0, sizeof(p));
	buf_init(&p.b);
	p.line = n->line;
	/* mdparse took the [!NOTE] line out of a callout's first paragraph */
	if (n->parent != NULL && n->parent->type == NODE_CALLOUT &&
	    n->parent->first == n && n->line == n->parent->line)
		p.line++;
	p.col0 = n->col > 0 ? n->col : 1;
	p.section = section;
	add_mark(&p, p.line, p.col0);
	for (c = n->first; c != NULL; c = c->next)
		gather(&p, c, 1);
	split(r, &p);
	buf_free(&p.b);
	free(p.m);
}

/* The node after n and its subtree, inside root. */
static const struct node *
after(const struct node *root, const struct node *n)
{
	while (n != root && n->next == NULL)
		n = n->parent;
	return n == root ? NULL : n->next;
}

/* Footnote number n's section is that of its first reference. */
static void
note_footnote(struct read_report *r, int n, int sec)
{
	size_t i;

	if (n < 1 || n > 100000)
		return;
	if ((size_t)n > r->nfn) {
		r->fnsec = xreallocarray(r->fnsec, (size_t)n, sizeof(int));
		for (i = r->nfn; i < (size_t)n; i++)
			r->fnsec[i] = -1;
		r->nfn = (size_t)n;
	}
	if (r->fnsec[n - 1] < 0)
		r->fnsec[n - 1] = sec;
}

/*
 * Create the sections in document order: the part before the first
 * level-2 heading if it has paragraphs (or footnote references), then one
 * for each level-2 heading.  Note the section of each footnote.
 */
static int
plan(struct read_report *r, const struct node *doc)
{
	const struct node *n;
	char *t;
	int sec = -1, lead = 0;

	for (n = doc; n != NULL; n = doc_next(doc, n)) {
		if (n->type == NODE_HEADING && n->level == 2)
			break;
		if (n->type == NODE_PARAGRAPH ||
		    n->type == NODE_FOOTNOTE_REF) {
			sec = new_section(r, r->title, n->line);
			lead = 1;
			break;
		}
	}
	for (n = doc; n != NULL; n = doc_next(doc, n)) {
		if (n->type == NODE_HEADING && n->level == 2) {
			t = doc_plain_text(n);
			sec = new_section(r, t, n->line);
			free(t);
		} else if (n->type == NODE_FOOTNOTE_REF)
			note_footnote(r, n->level, sec >= 0 ? sec : 0);
	}
	return lead;
}

static void
finish(struct read_stats *st)
{
	double wps, spw;

	if (st->sentences == 0 || st->words == 0)
		return;
	wps = (double)st->words / st->sentences;
	spw = (double)st->syllables / st->words;
	st->mean = wps;
	st->fkgl = 0.39 * wps + 11.8 * spw - 15.59;
	st->fre = 206.835 - 1.015 * wps - 84.6 * spw;
	st->smog = 1.0430 * sqrt(st->polysyllables * 30.0 / st->sentences) +
	    3.1291;
}

struct read_report *
readability_analyse(const struct node *doc, const char *file,
    const char *title)
{
	struct read_report *r = xcalloc(1, sizeof(*r));
	const struct node *n, *a;
	int sec, fsec, seen = 0;
	size_t i;

	r->file = xstrdup(file != NULL ? file : "");
	r->title = xstrdup(title != NULL ? title : "");
	r->total.title = r->title;
	r->total.line = 1;
	if (doc == NULL)
		return r;
	sec = plan(r, doc) ? 0 : -1;
	for (n = doc; n != NULL; ) {
		if (n->type == NODE_HEADING && n->level == 2)
			sec++;
		if (n->type == NODE_TABLE || n->type == NODE_CODEBLOCK ||
		    n->type == NODE_HEADING) {
			n = after(doc, n);
			continue;
		}
		if (n->type != NODE_PARAGRAPH) {
			n = doc_next(doc, n);
			continue;
		}
		fsec = sec;
		for (a = n->parent; a != NULL; a = a->parent)
			if (a->type == NODE_FOOTNOTE_DEF) {
				if (a->level >= 1 && (size_t)a->level <=
				    r->nfn && r->fnsec[a->level - 1] >= 0)
					fsec = r->fnsec[a->level - 1];
				break;
			}
		if (!seen++)
			r->total.line = n->line;
		paragraph(r, n, fsec);
		n = after(doc, n);
	}
	for (i = 0; i < r->nsec; i++)
		finish(&r->sec[i].st);
	finish(&r->total);
	return r;
}

void
readability_free(struct read_report *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nsec; i++)
		free(r->sec[i].title);
	for (i = 0; i < r->ns; i++)
		free(r->s[i].text);
	free(r->sec);
	free(r->s);
	free(r->fnsec);
	free(r->file);
	free(r->title);
	free(r);
}

const struct read_stats *
readability_total(const struct read_report *r)
{
	return &r->total;
}

int
readability_nsections(const struct read_report *r)
{
	return (int)r->nsec;
}

const struct read_stats *
readability_section(const struct read_report *r, int i)
{
	if (i < 0 || (size_t)i >= r->nsec)
		return &empty_stats;
	return &r->sec[i].st;
}

int
readability_nsentences(const struct read_report *r)
{
	return (int)r->ns;
}

const struct read_sentence *
readability_sentence(const struct read_report *r, int i)
{
	if (i < 0 || (size_t)i >= r->ns)
		return &empty_sentence;
	return &r->s[i].rs;
}

/* Checks */

/* The first words of a sentence, for a message. */
static char *
opening(const char *text)
{
	const char *s = text;
	int words = 0, inword = 0;

	for (; *s != '\0'; s++) {
		if (*s == ' ') {
			if (inword && ++words == QUOTE_WORDS)
				break;
			inword = 0;
		} else
			inword = 1;
	}
	if (*s == '\0')
		return xstrdup(text);
	return xasprintf("%.*s ...", (int)(s - text), text);
}

/* The section with the highest figure (FKGL or SMOG), or NULL. */
static const struct read_stats *
hardest(const struct read_report *r, int smog)
{
	const struct read_stats *best = NULL, *st;
	size_t i;

	for (i = 0; i < r->nsec; i++) {
		st = &r->sec[i].st;
		if (st->sentences == 0)
			continue;
		if (best == NULL || (smog ? st->smog > best->smog :
		    st->fkgl > best->fkgl))
			best = st;
	}
	return best;
}

int
readability_check(const struct read_report *r,
    const struct read_limits *lim)
{
	enum diag_level lv = lim->as_errors ? DIAG_ERROR : DIAG_WARNING;
	const struct read_stats *h;
	char *q;
	size_t i;
	int nmsg = 0;

	if (lim->max_sentence_words > 0)
		for (i = 0; i < r->ns; i++) {
			if (r->s[i].rs.words <= lim->max_sentence_words)
				continue;
			q = opening(r->s[i].text);
			diag(lv, r->file, r->s[i].rs.line, r->s[i].rs.col,
			    "this sentence has %d words (the limit is %d): "
			    "split it; it starts '%s'", r->s[i].rs.words,
			    lim->max_sentence_words, q);
			free(q);
			nmsg++;
		}
	if (r->total.sentences == 0)
		return nmsg;
	if (lim->max_fkgl > 0 && r->total.fkgl > lim->max_fkgl) {
		h = hardest(r, 0);
		diag(lv, r->file, 1, 1, "the text reads at school grade %.1f "
		    "(Flesch-Kincaid), above the limit of %.1f: use shorter "
		    "sentences and everyday words; the hardest section is "
		    "'%s' (line %d, grade %.1f)", r->total.fkgl,
		    lim->max_fkgl, h->title, h->line, h->fkgl);
		nmsg++;
	}
	if (lim->max_smog > 0 && r->total.smog > lim->max_smog) {
		h = hardest(r, 1);
		diag(lv, r->file, 1, 1, "the text has a SMOG grade of %.1f, "
		    "above the limit of %.1f: use fewer words of three or "
		    "more syllables; the hardest section is '%s' (line %d, "
		    "SMOG %.1f)", r->total.smog, lim->max_smog, h->title,
		    h->line, h->smog);
		nmsg++;
	}
	return nmsg;
}

/* JSON */

static void
json_string(FILE *fp, const char *s)
{
	/* characters with a two-character escape, and its letter */
	static const char special[] = "\"\\\n\r\t\b\f", letter[] = "\"\\nrtbf";
	const unsigned char *u = (const unsigned char *)(s != NULL ? s : "");
	const char *e;

	fputc('"', fp);
	for (; *u != '\0'; u++) {
		if ((e = strchr(special, *u)) != NULL)
			fprintf(fp, "\\%c", letter[e - special]);
		else if (*u < 0x20 || *u == 0x7F)
			fprintf(fp, "\\u%04x", *u);
		else
			fputc(*u, fp);
	}
	fputc('"', fp);
}

static void
json_number(FILE *fp, const char *key, double x, int valid)
{
	fprintf(fp, ", \"%s\": ", key);
	if (valid)
		fprintf(fp, "%.2f", x);
	else
		fputs("null", fp);
}

/* The members every document and section has, after its first ones. */
static void
json_stats(FILE *fp, const struct read_stats *st)
{
	int ok = st->sentences > 0;

	fprintf(fp, ", \"words\": %d, \"sentences\": %d, \"syllables\": %d, "
	    "\"polysyllables\": %d", st->words, st->sentences, st->syllables,
	    st->polysyllables);
	json_number(fp, "fkgl", st->fkgl, ok);
	json_number(fp, "fre", st->fre, ok);
	json_number(fp, "smog", st->smog, ok);
	json_number(fp, "mean_sentence_words", st->mean, ok);
	fprintf(fp, ", \"longest_sentence_words\": %d", st->longest);
}

void
readability_json(const struct read_report *const *reports, int n,
    const struct read_limits *lim, FILE *fp)
{
	const struct read_report *r;
	int limit = lim != NULL ? lim->max_sentence_words :
	    READ_DEFAULT_SENTENCE_WORDS;
	int d, first;
	size_t i;

	fputs("{\"generator\": \"leafpress\", \"documents\": [", fp);
	for (d = 0; d < n; d++) {
		r = reports[d];
		fputs(d > 0 ? ",\n  {" : "\n  {", fp);
		fputs("\"file\": ", fp);
		json_string(fp, r->file);
		fputs(", \"title\": ", fp);
		json_string(fp, r->title);
		json_stats(fp, &r->total);
		fputs(",\n   \"long_sentences\": [", fp);
		first = 1;
		for (i = 0; limit > 0 && i < r->ns; i++) {
			if (r->s[i].rs.words <= limit)
				continue;
			fprintf(fp, "%s\n    {\"line\": %d, \"words\": %d, "
			    "\"text\": ", first ? "" : ",", r->s[i].rs.line,
			    r->s[i].rs.words);
			json_string(fp, r->s[i].text);
			fputc('}', fp);
			first = 0;
		}
		fputs("],\n   \"sections\": [", fp);
		for (i = 0; i < r->nsec; i++) {
			fprintf(fp, "%s\n    {\"title\": ", i > 0 ? "," : "");
			json_string(fp, r->sec[i].title);
			fprintf(fp, ", \"line\": %d", r->sec[i].st.line);
			json_stats(fp, &r->sec[i].st);
			fputc('}', fp);
		}
		fputs("]}", fp);
	}
	fputs("\n]}\n", fp);
}

/* Plain text */

/* Write the code point at s[at..pos) as ASCII where it has a usual ASCII
 * spelling. */
static void
put_ascii(FILE *fp, const char *s, size_t at, size_t pos, long cp)
{
	if (cp == 0x2018 || cp == 0x2019 || cp == 0x2032)
		fputc('\'', fp);
	else if (cp == 0x201C || cp == 0x201D || cp == 0xAB || cp == 0xBB)
		fputc('"', fp);
	else if (cp >= 0x2010 && cp <= 0x2015)
		fputc('-', fp);
	else if (cp == 0x2026)
		fputs("...", fp);
	else if (cp >= 0x80 && is_space(cp))
		fputc(' ', fp);
	else if (cp >= 0xC0 && cp <= 0xFF && cp != 0xD7 && cp != 0xF7)
		/* keep the case: style counts capitals as consonants */
		fputc(cp < 0xE0 && cp != 0xDF ? latin1[cp - 0xC0] - 'a' + 'A' :
		    latin1[cp - 0xC0], fp);
	else
		fwrite(s + at, 1, pos - at, fp);
}

void
readability_text(const struct read_report *r, FILE *fp)
{
	const char *s;
	size_t i, len, pos, at;
	long cp, last;

	for (i = 0; i < r->ns; i++) {
		s = r->s[i].text;
		len = strlen(s);
		/* a line starting with # is a directive to some tools */
		if (s[0] == '#')
			fputc(' ', fp);
		last = 0;
		for (pos = 0; pos < len; ) {
			at = pos;
			cp = next_cp(s, len, &pos);
			put_ascii(fp, s, at, pos, cp);
			if (!is_closer(cp))
				last = cp;
		}
		if (!is_terminator(last) && last != ':')
			fputc('.', fp);
		fputc('\n', fp);
	}
}
