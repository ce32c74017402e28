/*
 * diag: formatting and counting of user-facing messages.
 */
#include <stdarg.h>
#include <stdio.h>

#include "diag.h"

static unsigned counts[DIAG_LEVEL_MAX];
static int quiet;

static const char *const level_names[DIAG_LEVEL_MAX] = {
	"warning", "error", "fatal"
};

void
diag(enum diag_level level, const char *file, int line, int col,
    const char *fmt, ...)
{
	va_list ap;

	counts[level]++;
	if (quiet == 1 || (quiet == 2 && level < DIAG_FATAL))
		return;
	if (file == NULL)
		fputs("leafpress", stderr);
	else if (line > 0 && col > 0)
		fprintf(stderr, "%s:%d:%d", file, line, col);
	else if (line > 0)
		fprintf(stderr, "%s:%d", file, line);
	else
		fputs(file, stderr);
	fprintf(stderr, ": %s: ", level_names[level]);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
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
	unsigned e = counts[DIAG_ERROR] + counts[DIAG_FATAL];
	unsigned w = counts[DIAG_WARNING];

	if (quiet || (e == 0 && w == 0))
		return;
	fprintf(stderr, "leafpress: %u error%s, %u warning%s\n",
	    e, e == 1 ? "" : "s", w, w == 1 ? "" : "s");
}

void
diag_reset(void)
{
	for (int i = 0; i < DIAG_LEVEL_MAX; i++)
		counts[i] = 0;
}

void
diag_count_fatal(void)
{
	counts[DIAG_FATAL]++;
}
