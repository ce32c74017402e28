/*
 * diag: formatting, de-duplication and counting of user-facing messages.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "source.h"
#include "xalloc.h"

#define GROUP_ITEMS	32	/* ways one input is built (layouts) */

static unsigned counts[DIAG_LEVEL_MAX];	/* every report, repeats too */
static unsigned shown[DIAG_LEVEL_MAX];	/* distinct reports */
static struct diag_scope *scope;	/* the innermost open, or NULL */
static int quiet;
static int notes = 1;
static enum diag_format format = DIAG_SHORT;
static int colour;
static char *context;

static const char *const level_names[DIAG_LEVEL_MAX] = {
	"warning", "error", "fatal"
};

/* --- the messages already shown: a hash set of keys --- */

static char **seen;
static size_t nseen, seen_cap;

static uint64_t
hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* 1 if key was new (and is now remembered), 0 if seen before. */
static int
remember(char *key)
{
	size_t i;

	if (2 * (nseen + 1) > seen_cap) {
		size_t cap = seen_cap ? seen_cap * 2 : 64, j;
		char **t = xcalloc(cap, sizeof(*t));

		for (j = 0; j < seen_cap; j++) {
			if (seen[j] == NULL)
				continue;
			for (i = hash_str(seen[j]) & (cap - 1); t[i] != NULL;
			    i = (i + 1) & (cap - 1))
				;
			t[i] = seen[j];
		}
		free(seen);
		seen = t;
		seen_cap = cap;
	}
	for (i = hash_str(key) & (seen_cap - 1); seen[i] != NULL;
	    i = (i + 1) & (seen_cap - 1))
		if (strcmp(seen[i], key) == 0) {
			free(key);
			return 0;
		}
	seen[i] = key;
	nseen++;
	return 1;
}

static char *
make_key(enum diag_level level, const char *file, int line, int col,
    const char *msg)
{
	return xasprintf("%d\037%s\037%d\037%d\037%s", (int)level,
	    file != NULL ? file : "", line, col, msg);
}

/* --- output --- */

#define C_BOLD	"\033[1m"
#define C_RED	"\033[1;31m"
#define C_MAG	"\033[1;35m"
#define C_GREEN	"\033[1;32m"
#define C_BLUE	"\033[1;34m"
#define C_OFF	"\033[0m"

static const char *
col_on(const char *c)
{
	return colour ? c : "";
}

/* One file's text, kept for the next message about the same file. */
static char *src_path, *src_text;
static size_t src_len;

static const char *
source_line(const char *file, int line, size_t *len)
{
	const char *p, *end;
	int n;

	if (src_path == NULL || strcmp(src_path, file) != 0) {
		FILE *f = source_fopen(file);	/* never wait on a FIFO */
		char buf[8192];
		size_t got;

		free(src_path);
		free(src_text);
		src_path = xstrdup(file);
		src_text = NULL;
		src_len = 0;
		if (f == NULL)
			return NULL;
		while ((got = fread(buf, 1, sizeof(buf), f)) > 0 &&
		    src_len < (1u << 24)) {
			src_text = xrealloc(src_text, src_len + got + 1);
			memcpy(src_text + src_len, buf, got);
			src_len += got;
		}
		fclose(f);
		if (src_text != NULL)
			src_text[src_len] = '\0';
	}
	if (src_text == NULL)
		return NULL;
	p = src_text;
	end = src_text + src_len;
	for (n = 1; n < line && p < end; p++)
		if (*p == '\n')
			n++;
	if (n != line || p >= end)
		return NULL;
	for (*len = 0; p + *len < end && p[*len] != '\n' &&
	    p[*len] != '\r'; (*len)++)
		;
	return p;
}

void
diag_find(const char *file, int *line, int *col, const char *text)
{
	const char *p, *hit, *q;
	size_t len;
	int l, c;

	if (file == NULL || *line < 1 || text == NULL || *text == '\0' ||
	    (p = source_line(file, *line, &len)) == NULL)
		return;
	/* col characters into the line, then the first occurrence */
	for (c = 1; c < *col && *p != '\0' && *p != '\n'; c++)
		for (p++; ((unsigned char)*p & 0xC0) == 0x80; p++)
			;
	if ((hit = strstr(p, text)) == NULL)
		return;
	l = *line;
	for (q = p; q < hit; q++) {
		if (*q == '\n') {
			l++;
			c = 1;
		} else if (((unsigned char)*q & 0xC0) != 0x80)
			c++;
	}
	*line = l;
	*col = c;
}

/* The source line and a caret under the column (columns count
 * characters; tabs are kept so the caret lines up). */
static void
show_source(const char *file, int line, int col)
{
	size_t len, i;
	const char *s;
	int c = 1;
	char num[16];

	if (file == NULL || line <= 0 || (s = source_line(file, line, &len))
	    == NULL)
		return;
	snprintf(num, sizeof(num), "%d", line);
	fprintf(stderr, "%s%*s |%s\n", col_on(C_BLUE), (int)strlen(num), "",
	    col_on(C_OFF));
	fprintf(stderr, "%s%s |%s %.*s\n", col_on(C_BLUE), num, col_on(C_OFF),
	    (int)len, s);
	if (col <= 0)
		return;
	fprintf(stderr, "%s%*s |%s ", col_on(C_BLUE), (int)strlen(num), "",
	    col_on(C_OFF));
	for (i = 0; i < len && c < col; i++) {
		unsigned char b = (unsigned char)s[i];

		if ((b & 0xC0) == 0x80)
			continue;
		fputc(b == '\t' ? '\t' : ' ', stderr);
		c++;
	}
	fprintf(stderr, "%s^%s\n", col_on(C_GREEN), col_on(C_OFF));
}

/* A control character (a newline in a file name) would split the
 * message line: written as \n, \t or \xHH. */
static void
put_line_safe(const char *s)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\n')
			fputs("\\n", stderr);
		else if (c == '\t')
			fputs("\\t", stderr);
		else if (c < 0x20 || c == 0x7f)
			fprintf(stderr, "\\x%02X", c);
		else
			fputc(c, stderr);
	}
}

static void
json_str(const char *s, size_t n)
{
	size_t i;

	fputc('"', stderr);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\')
			fprintf(stderr, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", stderr);
		else if (c == '\t')
			fputs("\\t", stderr);
		else if (c < 0x20)
			fprintf(stderr, "\\u%04x", c);
		else
			fputc(c, stderr);
	}
	fputc('"', stderr);
}

/* Where the hint starts: after the first ": " or "; " outside quotes and
 * brackets; 0 if the message has none. */
static size_t
hint_at(const char *m)
{
	int depth = 0, quote = 0;
	size_t i;

	for (i = 0; m[i] != '\0'; i++) {
		char c = m[i];
		int prev_word = i > 0 && (m[i - 1] >= 'a' && m[i - 1] <= 'z');
		int next_word = (m[i + 1] >= 'a' && m[i + 1] <= 'z') ||
		    (m[i + 1] >= 'A' && m[i + 1] <= 'Z');

		if (c == '\'' && !quote && !prev_word)
			quote = 1;
		else if (c == '\'' && quote && !next_word)
			quote = 0;
		else if (c == '(' || c == '[')
			depth++;
		else if ((c == ')' || c == ']') && depth > 0)
			depth--;
		else if ((c == ':' || c == ';') && m[i + 1] == ' ' && !quote &&
		    depth == 0 && i > 0)
			return i;
	}
	return 0;
}

static void
emit(enum diag_level level, const char *file, int line, int col,
    const char *msg, const char *label)
{
	if (format == DIAG_JSON) {
		size_t h = hint_at(msg);

		fputs("{\"file\":", stderr);
		if (file != NULL)
			json_str(file, strlen(file));
		else
			fputs("null", stderr);
		fprintf(stderr, ",\"line\":%d,\"column\":%d,\"severity\":\"%s\","
		    "\"message\":", line > 0 ? line : 0,
		    line > 0 && col > 0 ? col : 0, level_names[level]);
		json_str(msg, h > 0 ? h : strlen(msg));
		fputs(",\"hint\":", stderr);
		if (h > 0)
			json_str(msg + h + 2, strlen(msg + h + 2));
		else
			fputs("null", stderr);
		if (label != NULL) {
			fputs(",\"context\":", stderr);
			json_str(label, strlen(label));
		}
		fputs("}\n", stderr);
		return;
	}
	fputs(col_on(C_BOLD), stderr);
	put_line_safe(file != NULL ? file : "leafpress");
	if (line > 0 && col > 0)
		fprintf(stderr, ":%d:%d", line, col);
	else if (line > 0)
		fprintf(stderr, ":%d", line);
	fprintf(stderr, ":%s %s%s:%s %s", col_on(C_OFF),
	    col_on(level == DIAG_WARNING ? C_MAG : C_RED), level_names[level],
	    col_on(C_OFF), col_on(C_BOLD));
	put_line_safe(msg);
	if (label != NULL)
		fprintf(stderr, " (%s)", label);
	fprintf(stderr, "%s\n", col_on(C_OFF));
	if (format == DIAG_FULL)
		show_source(file, line, col);
}

/* Show a message unless it was shown before; count what is shown. */
static void
report(enum diag_level level, const char *file, int line, int col,
    const char *msg, const char *label)
{
	if (quiet == 1) {	/* fuzzers: nothing shown, nothing kept */
		shown[level]++;
		return;
	}
	if (!remember(make_key(level, file, line, col, msg)))
		return;
	shown[level]++;
	if (quiet == 2 && level < DIAG_FATAL)
		return;
	emit(level, file, line, col, msg, label);
}

/* --- groups: one input built several ways --- */

struct held {
	enum diag_level	 level;
	char		*file;
	int		 line, col;
	char		*msg;
	uint32_t	 items;	/* bit i: came from item i */
};

static int grouping;
static int item = -1, nitems;
static char *item_labels[GROUP_ITEMS];
static struct held *held;
static int nheld, held_cap;

static void
hold(enum diag_level level, const char *file, int line, int col,
    const char *msg)
{
	int i;
	uint32_t bit = item >= 0 ? 1u << item : 0;

	for (i = 0; i < nheld; i++)
		if (held[i].level == level && held[i].line == line &&
		    held[i].col == col && strcmp(held[i].msg, msg) == 0 &&
		    (held[i].file == NULL ? file == NULL : file != NULL &&
		    strcmp(held[i].file, file) == 0)) {
			held[i].items |= bit;
			return;
		}
	ARRAY_GROW(held, nheld, held_cap);
	held[nheld].level = level;
	held[nheld].file = file != NULL ? xstrdup(file) : NULL;
	held[nheld].line = line;
	held[nheld].col = col;
	held[nheld].msg = xstrdup(msg);
	held[nheld].items = bit;
	nheld++;
}

void
diag_group_begin(void)
{
	grouping = 1;
	item = -1;
	nitems = 0;
}

void
diag_group_item(const char *label)
{
	if (!grouping || nitems >= GROUP_ITEMS)
		return;
	item = nitems++;
	item_labels[item] = xstrdup(label != NULL ? label : "");
}

void
diag_group_end(void)
{
	uint32_t all = nitems >= 32 ? 0xffffffffu : (1u << nitems) - 1;
	int i, j;

	grouping = 0;
	for (i = 0; i < nheld; i++) {
		struct held *h = &held[i];
		char *label = NULL;

		if (nitems > 1 && h->items != all && h->items != 0) {
			size_t len = 1;

			for (j = 0; j < nitems; j++)
				if (h->items & (1u << j))
					len += strlen(item_labels[j]) + 2;
			if (context != NULL)
				len += strlen(context) + 2;
			label = xcalloc(1, len);
			if (context != NULL)
				strcat(label, context);
			for (j = 0; j < nitems; j++)
				if (h->items & (1u << j)) {
					if (label[0] != '\0')
						strcat(label, ", ");
					strcat(label, item_labels[j]);
				}
		}
		report(h->level, h->file, h->line, h->col, h->msg,
		    label != NULL ? label : context);
		free(label);
		free(h->file);
		free(h->msg);
	}
	nheld = 0;
	for (j = 0; j < nitems; j++)
		free(item_labels[j]);
	nitems = 0;
	item = -1;
}

/* An error counts in every open scope. */
static void
count_in_scopes(enum diag_level level)
{
	struct diag_scope *s;

	if (level == DIAG_WARNING)
		return;
	for (s = scope; s != NULL; s = s->outer)
		s->errors++;
}

/* --- the interface --- */

void
diag(enum diag_level level, const char *file, int line, int col,
    const char *fmt, ...)
{
	va_list ap;
	char small[512], *msg = small;
	int n;

	counts[level]++;
	count_in_scopes(level);
	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(small)) {
		msg = xmalloc((size_t)n + 1);
		va_start(ap, fmt);
		vsnprintf(msg, (size_t)n + 1, fmt, ap);
		va_end(ap);
	} else if (n < 0)
		small[0] = '\0';
	if (grouping && level != DIAG_FATAL)
		hold(level, file, line, col, msg);
	else
		report(level, file, line, col, msg, context);
	if (msg != small)
		free(msg);
}

void
diag_note(const char *fmt, ...)
{
	va_list ap;

	if (!notes || quiet || format == DIAG_JSON)
		return;
	fprintf(stderr, "leafpress: %snote:%s ", col_on(C_BLUE),
	    col_on(C_OFF));
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void
diag_say(const char *fmt, ...)
{
	va_list ap;

	if (quiet || format == DIAG_JSON)
		return;
	fputs("leafpress: ", stderr);
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

unsigned
diag_shown(enum diag_level level)
{
	return shown[level];
}

void
diag_set_quiet(int q)
{
	quiet = q;
}

void
diag_set_format(enum diag_format f, int c)
{
	format = f;
	colour = c && f == DIAG_FULL;
}

void
diag_set_notes(int on)
{
	notes = on;
}

void
diag_set_context(const char *label)
{
	free(context);
	context = label != NULL ? xstrdup(label) : NULL;
}

void
diag_summary(void)
{
	unsigned e = shown[DIAG_ERROR] + shown[DIAG_FATAL];
	unsigned w = shown[DIAG_WARNING];

	if (quiet || format == DIAG_JSON || (e == 0 && w == 0))
		return;
	fprintf(stderr, "leafpress: %u error%s, %u warning%s\n",
	    e, e == 1 ? "" : "s", w, w == 1 ? "" : "s");
}

void
diag_reset(void)
{
	size_t i;

	for (i = 0; i < DIAG_LEVEL_MAX; i++)
		counts[i] = shown[i] = 0;
	scope = NULL;
	for (i = 0; i < seen_cap; i++)
		free(seen[i]);
	free(seen);
	seen = NULL;
	nseen = seen_cap = 0;
	free(src_path);
	free(src_text);
	src_path = src_text = NULL;
	free(held);
	held = NULL;
	nheld = held_cap = 0;
	diag_set_context(NULL);
}

void
diag_scope_open(struct diag_scope *s)
{
	s->errors = 0;
	s->outer = scope;
	scope = s;
}

void
diag_scope_close(struct diag_scope *s)
{
	if (scope == s)
		scope = s->outer;
}

void
diag_count_fatal(void)
{
	counts[DIAG_FATAL]++;
	count_in_scopes(DIAG_FATAL);
	shown[DIAG_FATAL]++;
}
