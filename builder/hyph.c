/*
 * hyph: where a word may be broken at the end of a line.  The only file
 * that includes libhyphen.
 *
 * Words are lowercased before lookup, because the dictionaries' patterns
 * are lowercase.  The project's exception list (one word per line with
 * hyphens at the allowed points) replaces the dictionary for the words it
 * lists, including their plural in -s.  Whatever the source, points that
 * would leave fewer than 2 characters before, 3 after, or a fragment of
 * one character are dropped, so a line never ends in "a-" or starts with
 * "-ly".
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <hyphen.h>

#include "buf.h"
#include "diag.h"
#include "hyph.h"
#include "source.h"
#include "utf8.h"
#include "xalloc.h"

#define DICT_DIR	"/usr/share/hyphen"
#define MIN_BEFORE	2
#define MIN_AFTER	3
#define MIN_FRAGMENT	2
#define MAX_WORD	255	/* bytes; longer "words" are not broken */

struct exception {
	char		*word;		/* lowercase, no hyphens */
	unsigned char	*points;	/* one per code point */
	size_t		 n;		/* code points */
	int		 line;		/* where it was listed */
};

struct hyphenator {
	HyphenDict	*dict;
	struct exception *ex;		/* sorted by word */
	size_t		 nex, capex;
};

static unsigned long	 lower(unsigned long);
static int		 is_letter(unsigned long);
static int		 is_nonword(unsigned long);
static char		*lowercase(const char *, size_t, size_t *);
static int		 excmp(const void *, const void *);
static int		 keycmp(const void *, const void *);
static int		 read_exceptions(struct hyphenator *, const char *);
static int		 parse_exception(struct hyphenator *, const char *,
			    int, int, const char *, size_t);
static const struct exception *find_exception(const struct hyphenator *,
			    const char *, size_t);
static int		 enforce_minimums(unsigned char *, size_t);

/* Lowercase for the scripts the English dictionaries can meet. */
static unsigned long
lower(unsigned long cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return cp + 0x20;
	if (cp < 0xC0)
		return cp;
	if (cp <= 0xDE && cp != 0xD7)
		return cp + 0x20;
	if (cp >= 0x100 && cp <= 0x137)
		return cp | 1;
	if (cp >= 0x139 && cp <= 0x148)
		return (cp & 1) ? cp + 1 : cp;
	if (cp >= 0x14A && cp <= 0x177)
		return cp | 1;
	if (cp == 0x178)
		return 0xFF;
	if (cp >= 0x179 && cp <= 0x17E)
		return (cp & 1) ? cp + 1 : cp;
	if (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2)
		return cp + 0x20;
	return cp;
}

/* Letters as far as the exception file is concerned. */
static int
is_letter(unsigned long cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
	    (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
	    (cp >= 0x370 && cp <= 0x3FF);
}

/* Punctuation and symbols: such a "word" is left alone. */
static int
is_nonword(unsigned long cp)
{
	return (cp < 0x80 && !is_letter(cp)) || (cp >= 0x80 && cp < 0xC0) ||
	    cp == 0xD7 || cp == 0xF7 || (cp >= 0x2000 && cp < 0x2C00);
}

/*
 * s lowercased, NUL-terminated, or NULL if it is not valid UTF-8 or holds
 * punctuation or symbols.  *n receives its length in code points.
 */
static char *
lowercase(const char *s, size_t len, size_t *n)
{
	struct buf b;
	size_t pos = 0;
	long cp;
	char *lw;

	buf_init(&b);
	*n = 0;
	while (pos < len) {
		if ((cp = utf8_next(s, len, &pos)) < 0 ||
		    is_nonword((unsigned long)cp)) {
			buf_free(&b);
			return NULL;
		}
		buf_add_utf8(&b, (unsigned int)lower((unsigned long)cp));
		(*n)++;
	}
	lw = buf_take(&b);
	buf_free(&b);
	return lw;
}

static int
excmp(const void *a, const void *b)
{
	return strcmp(((const struct exception *)a)->word,
	    ((const struct exception *)b)->word);
}

static int
keycmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct exception *)elem)->word);
}

/*
 * One line's word, "neu-ro-en-do-crine", which starts at column col.
 * Returns 0 after reporting a problem.
 */
static int
parse_exception(struct hyphenator *h, const char *file, int line, int col,
    const char *s, size_t len)
{
	struct buf word;
	struct exception *e;
	unsigned char *points;
	size_t pos = 0, start, n = 0;
	long cp;
	int hyphen = 1;

	buf_init(&word);
	points = xcalloc(len + 1, 1);
	while (pos < len) {
		start = pos;
		cp = utf8_next(s, len, &pos);
		if (cp == '-') {
			if (hyphen) {
				diag_error(file, line, col, "misplaced hyphen "
				    "in '%.*s': put single hyphens between "
				    "letters only", (int)len, s);
				goto fail;
			}
			points[n - 1] = 1;
			hyphen = 1;
		} else if (cp >= 0 && is_letter((unsigned long)cp)) {
			buf_add_utf8(&word, (unsigned int)lower((unsigned
			    long)cp));
			n++;
			hyphen = 0;
		} else {
			diag_error(file, line, col, "'%.*s' in hyphenation "
			    "exception '%.*s' is not a letter: write one word "
			    "per line, letters and hyphens only",
			    (int)(pos - start), s + start, (int)len, s);
			goto fail;
		}
		col++;
	}
	if (hyphen) {
		diag_error(file, line, col - 1, "misplaced hyphen in '%.*s': "
		    "put single hyphens between letters only", (int)len, s);
		goto fail;
	}
	ARRAY_GROW(h->ex, h->nex, h->capex);
	e = &h->ex[h->nex++];
	e->word = buf_take(&word);
	buf_free(&word);
	e->points = points;
	e->n = n;
	e->line = line;
	return 1;
fail:
	buf_free(&word);
	free(points);
	return 0;
}

/* Returns 0 if any error was reported. */
static int
read_exceptions(struct hyphenator *h, const char *file)
{
	FILE *fp;
	char *line = NULL, *p, *end;
	size_t cap = 0, i, j;
	ssize_t got;
	int lineno = 0, ok = 1;

	if ((fp = source_fopen(file)) == NULL) {
		diag_error(file, 0, 0, "cannot open the hyphenation exception "
		    "list (%s): check that the file exists and is readable",
		    source_strerror(errno));
		return 0;
	}
	while ((got = getline(&line, &cap, fp)) != -1) {
		lineno++;
		if ((p = strchr(line, '#')) != NULL)
			*p = '\0';
		for (p = line; *p == ' ' || *p == '\t'; p++)
			continue;
		end = p + strlen(p);
		while (end > p && (end[-1] == '\n' || end[-1] == '\r' ||
		    end[-1] == ' ' || end[-1] == '\t'))
			end--;
		/* Blanks are one byte, so one column, each. */
		if (end > p && !parse_exception(h, file, lineno,
		    (int)(p - line) + 1, p, (size_t)(end - p)))
			ok = 0;
	}
	free(line);
	fclose(fp);

	if (h->nex > 0)		/* qsort(NULL, 0) is undefined */
		qsort(h->ex, h->nex, sizeof(*h->ex), excmp);
	/* The same word twice: keep the first listed, say so. */
	for (i = 0, j = 0; i < h->nex; i++) {
		if (j > 0 && strcmp(h->ex[j - 1].word, h->ex[i].word) == 0) {
			if (memcmp(h->ex[j - 1].points, h->ex[i].points,
			    h->ex[i].n) != 0)
				diag_warning(file, h->ex[i].line, 1,
				    "'%s' is listed again with other "
				    "hyphens (first at line %d): remove one",
				    h->ex[i].word, h->ex[j - 1].line);
			free(h->ex[i].word);
			free(h->ex[i].points);
			continue;
		}
		h->ex[j++] = h->ex[i];
	}
	h->nex = j;
	return ok;
}

/*
 * The dictionary of a language tag ("en-GB" -> hyph_en_GB.dic), as the
 * hyphen-* Debian packages install them.
 */
struct hyphenator *
hyph_open(const char *lang, const char *exceptions)
{
	struct hyphenator *h;
	char tag[8], *path, *pkg;
	size_t i, n;

	/* "en", "en-GB", "en_gb": two or three letters, then a country. */
	n = strlen(lang);
	for (i = 0; i < n && i < 4 && ((lang[i] >= 'a' && lang[i] <= 'z') ||
	    (lang[i] >= 'A' && lang[i] <= 'Z')); i++)
		tag[i] = lang[i] | 0x20;
	if (i < 2 || i > 3 || (n != i && (n != i + 3 ||
	    (lang[i] != '-' && lang[i] != '_') ||
	    !isalpha((unsigned char)lang[i + 1]) ||
	    !isalpha((unsigned char)lang[i + 2])))) {
		diag_error(NULL, 0, 0, "hyphenation language '%s' is not a "
		    "language tag: write it like \"en-GB\" or \"en-US\"",
		    lang);
		return NULL;
	}
	tag[i] = '\0';
	if (n == i)
		path = xasprintf(DICT_DIR "/hyph_%s.dic", tag);
	else
		path = xasprintf(DICT_DIR "/hyph_%s_%c%c.dic", tag,
		    toupper((unsigned char)lang[i + 1]),
		    toupper((unsigned char)lang[i + 2]));
	/* Debian packages English per country (two of them), others not. */
	if (strcmp(tag, "en") != 0)
		pkg = xasprintf("hyphen-%s", tag);
	else if (n == 5 && (strcasecmp(lang + 3, "GB") == 0 ||
	    strcasecmp(lang + 3, "US") == 0))
		pkg = xasprintf("hyphen-en-%c%c",
		    tolower((unsigned char)lang[3]),
		    tolower((unsigned char)lang[4]));
	else
		pkg = xstrdup("hyphen-en-gb or hyphen-en-us and write "
		    "\"en-GB\" or \"en-US\"");
	if (access(path, R_OK) != 0) {
		diag_error(NULL, 0, 0, "no hyphenation dictionary for '%s' "
		    "(%s): install the Debian package %s, or turn "
		    "hyphenation off in the layout", lang, path, pkg);
		free(path);
		free(pkg);
		return NULL;
	}
	h = xcalloc(1, sizeof(*h));
	h->dict = hnj_hyphen_load(path);
	if (h->dict == NULL || !h->dict->utf8) {
		diag_error(NULL, 0, 0, "the hyphenation dictionary %s cannot "
		    "be read as UTF-8: reinstall the Debian package %s",
		    path, pkg);
		free(path);
		free(pkg);
		hyph_free(h);
		return NULL;
	}
	free(path);
	free(pkg);
	if (exceptions != NULL && !read_exceptions(h, exceptions)) {
		hyph_free(h);
		return NULL;
	}
	return h;
}

void
hyph_free(struct hyphenator *h)
{
	size_t i;

	if (h == NULL)
		return;
	for (i = 0; i < h->nex; i++) {
		free(h->ex[i].word);
		free(h->ex[i].points);
	}
	free(h->ex);
	if (h->dict != NULL)
		hnj_hyphen_free(h->dict);
	free(h);
}

/* The exception for lw (lowercased, n code points), or its singular. */
static const struct exception *
find_exception(const struct hyphenator *h, const char *lw, size_t n)
{
	const struct exception *e;
	size_t len = strlen(lw);
	char *sing;

	if (h->nex == 0)
		return NULL;
	if ((e = bsearch(lw, h->ex, h->nex, sizeof(*e), keycmp)) != NULL)
		return e;
	if (len < 2 || lw[len - 1] != 's')
		return NULL;
	sing = xstrndup(lw, len - 1);
	e = bsearch(sing, h->ex, h->nex, sizeof(*e), keycmp);
	free(sing);
	return e != NULL && e->n + 1 == n ? e : NULL;
}

/*
 * Drop points too near either end or to each other.  Scans from the
 * right so that of two points one letter apart the later survives:
 * "chemo-ther-apy", not "chem-other-apy".  Returns the points left.
 */
static int
enforce_minimums(unsigned char *points, size_t n)
{
	size_t i, next = n - 1;	/* end of the fragment after i */
	int count = 0;

	points[n - 1] = 0;
	for (i = n - 1; i-- > 0; ) {
		if (!points[i])
			continue;
		if (i + 1 < MIN_BEFORE || n - 1 - i < MIN_AFTER ||
		    next - i < MIN_FRAGMENT) {
			points[i] = 0;
			continue;
		}
		next = i;
		count++;
	}
	return count;
}

int
hyph_word(struct hyphenator *h, const char *word, size_t len,
    unsigned char *points)
{
	const struct exception *e;
	char *lw, *hy, **rep = NULL;
	int *pos = NULL, *cut = NULL;
	size_t n, i, lwlen;
	int count;

	n = utf8_count(word, len);
	memset(points, 0, n);
	if (n < MIN_BEFORE + MIN_AFTER || len > MAX_WORD)
		return 0;
	if ((lw = lowercase(word, len, &n)) == NULL)
		return 0;

	if ((e = find_exception(h, lw, n)) != NULL) {
		memcpy(points, e->points, e->n);
		free(lw);
		return enforce_minimums(points, n);
	}

	lwlen = strlen(lw);
	hy = xcalloc(lwlen + 5, 1);
	if (hnj_hyphen_hyphenate2(h->dict, lw, (int)lwlen, hy, NULL,
	    &rep, &pos, &cut) == 0) {
		/* The vector is per character for UTF-8 dictionaries. */
		for (i = 0; i + 1 < n; i++)
			if ((hy[i] & 1) && (rep == NULL || rep[i] == NULL))
				points[i] = 1;
	}
	if (rep != NULL) {
		for (i = 0; i < lwlen; i++)
			free(rep[i]);
		free(rep);
	}
	free(pos);
	free(cut);
	free(hy);
	free(lw);
	count = enforce_minimums(points, n);
	return count;
}
