/*
 * diag: formatting and counting of user-facing messages.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

static unsigned counts[DIAG_LEVEL_MAX];
static unsigned repeats[DIAG_LEVEL_MAX];	/* counted, not shown again */
static int quiet;

/* Hashes of the lines shown: a file read twice (a chapter is checked,
 * then set in the booklet) reports each problem once. */
static uint64_t *seen;
static size_t nseen, seen_cap;

static const char *const level_names[DIAG_LEVEL_MAX] = {
	"warning", "error", "fatal"
};

static uint64_t
hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h != 0 ? h : 1;
}

/* Remember h; 0 if it was there already. */
static int
first_time(uint64_t h)
{
	size_t i, j;
	uint64_t *old;

	if (nseen * 2 >= seen_cap) {
		old = seen;
		j = seen_cap;
		seen_cap = seen_cap ? seen_cap * 2 : 256;
		seen = calloc(seen_cap, sizeof(*seen));
		if (seen == NULL) {	/* no memory: show everything */
			seen = old;
			seen_cap = j;
			return 1;
		}
		nseen = 0;
		for (i = 0; i < j; i++)
			if (old[i] != 0)
				first_time(old[i]);
		free(old);
	}
	for (i = h % seen_cap; seen[i] != 0; i = (i + 1) % seen_cap)
		if (seen[i] == h)
			return 0;
	seen[i] = h;
	nseen++;
	return 1;
}

/* Control characters (a newline in a file name) would split the line:
 * written as \n, \t or \xHH. */
static void
put_escaped(const char *s, FILE *f)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < 0x20 || c == 0x7f)
			fprintf(f, "\\x%02X", c);
		else
			fputc(c, f);
	}
}

void
diag(enum diag_level level, const char *file, int line, int col,
    const char *fmt, ...)
{
	va_list ap;
	char head[64], *msg = NULL, *all = NULL;
	size_t len = 0;
	FILE *m;

	counts[level]++;
	if (quiet == 1 || (quiet == 2 && level < DIAG_FATAL))
		return;
	if (line > 0 && col > 0)
		snprintf(head, sizeof(head), ":%d:%d", line, col);
	else if (line > 0)
		snprintf(head, sizeof(head), ":%d", line);
	else
		head[0] = '\0';
	if ((m = open_memstream(&msg, &len)) == NULL)
		return;
	va_start(ap, fmt);
	vfprintf(m, fmt, ap);
	va_end(ap);
	fclose(m);
	if ((m = open_memstream(&all, &len)) != NULL) {
		fprintf(m, "%s%s: %s: %s", file != NULL ? file : "leafpress",
		    head, level_names[level], msg);
		fclose(m);
		if (!first_time(hash(all))) {
			repeats[level]++;
			free(all);
			free(msg);
			return;
		}
		put_escaped(all, stderr);
		fputc('\n', stderr);
	}
	free(all);
	free(msg);
}

unsigned
diag_count(enum diag_level level)
{
	return counts[level];
}

void
diag_set_quiet(int q)
{
	quiet = q;
}

void
diag_summary(void)
{
	unsigned e = counts[DIAG_ERROR] + counts[DIAG_FATAL] -
	    repeats[DIAG_ERROR] - repeats[DIAG_FATAL];
	unsigned w = counts[DIAG_WARNING] - repeats[DIAG_WARNING];

	if (quiet || (e == 0 && w == 0))
		return;
	fprintf(stderr, "leafpress: %u error%s, %u warning%s\n",
	    e, e == 1 ? "" : "s", w, w == 1 ? "" : "s");
}

void
diag_reset(void)
{
	for (int i = 0; i < DIAG_LEVEL_MAX; i++)
		counts[i] = repeats[i] = 0;
	free(seen);
	seen = NULL;
	nseen = seen_cap = 0;
}

void
diag_count_fatal(void)
{
	counts[DIAG_FATAL]++;
}
