/*
 * source: read a content file, check its bytes, normalise its line endings
 * and split off the YAML front matter, keeping the file's line numbers.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "source.h"
#include "utf8.h"
#include "xalloc.h"

#define MAX_BYTE_REPORTS	5	/* then one "and N more" */

struct badbytes {
	const char	*path;
	int		 n;		/* problems found */
	int		 line, col;	/* first one not reported */
};

static void	 bad_byte(struct badbytes *, int, int, const char *, size_t);
static int	 check_bytes(const char *, const char *, size_t);
static char	*normalise(const char *, size_t, size_t *);
static int	 is_delim(const char *, size_t, size_t, const char *);
static size_t	 next_line(const char *, size_t, size_t);
static int	 no_front(struct source *);

/* Open path for reading if it is a regular file; -1 and errno if not. */
static int
open_regular(const char *path)
{
	struct stat st;
	int fd, saved;

	/* O_NONBLOCK: opening a FIFO with no writer would wait forever */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1)
		return -1;
	if (fstat(fd, &st) == -1)
		goto fail;
	if (!S_ISREG(st.st_mode)) {
		errno = S_ISDIR(st.st_mode) ? EISDIR : SOURCE_ENOTREG;
		goto fail;
	}
	if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) == -1)
		goto fail;
	return fd;
fail:
	saved = errno;
	close(fd);
	errno = saved;
	return -1;
}

FILE *
source_fopen(const char *path)
{
	FILE *fp;
	int fd = open_regular(path), saved;

	if (fd == -1)
		return NULL;
	if ((fp = fdopen(fd, "r")) == NULL) {
		saved = errno;
		close(fd);
		errno = saved;
	}
	return fp;
}

int
source_slurp(const char *path, size_t max, char **out, size_t *len)
{
	struct stat st;
	char *p = NULL;
	size_t n = 0, cap;
	ssize_t r;
	int fd, saved;

	*out = NULL;
	*len = 0;
	if ((fd = open_regular(path)) == -1)
		return -1;
	if (fstat(fd, &st) == -1)
		goto fail;
	if (max > 0 && (uintmax_t)st.st_size > max) {
		errno = EFBIG;
		goto fail;
	}
	/* The size is a hint only: the file may be growing. */
	cap = st.st_size > 0 ? (size_t)st.st_size + 1 : 4096;
	p = xmalloc(cap);
	for (;;) {
		if (n + 1 >= cap) {
			cap *= 2;
			p = xrealloc(p, cap);
		}
		r = read(fd, p + n, cap - n - 1);
		if (r == -1) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (max > 0 && n > max) {
			errno = EFBIG;
			goto fail;
		}
	}
	close(fd);
	p[n] = '\0';
	*out = p;
	*len = n;
	return 0;
fail:
	saved = errno;
	free(p);
	close(fd);
	errno = saved;
	return -1;
}

const char *
source_strerror(int err)
{
	if (err == EISDIR)
		return "it is a folder, not a file";
	if (err == SOURCE_ENOTREG)
		return "it is a pipe, device or socket, not a regular file";
	return strerror(err);
}

static void
bad_byte(struct badbytes *b, int line, int col, const char *s, size_t n)
{
	if (++b->n > MAX_BYTE_REPORTS) {
		if (b->n == MAX_BYTE_REPORTS + 1) {
			b->line = line;
			b->col = col;
		}
		return;
	}
	if (*s == '\0')
		diag_error(b->path, line, col, "a NUL byte (0x00) is not "
		    "allowed in a text file: save the file as plain UTF-8 "
		    "text");
	else if (n == 1)
		diag_error(b->path, line, col, "invalid UTF-8 byte 0x%02X: "
		    "save the file as UTF-8", (unsigned char)s[0]);
	else if (n == 2)
		diag_error(b->path, line, col, "invalid UTF-8 bytes 0x%02X "
		    "0x%02X: save the file as UTF-8", (unsigned char)s[0],
		    (unsigned char)s[1]);
	else
		diag_error(b->path, line, col, "invalid UTF-8 bytes 0x%02X "
		    "0x%02X 0x%02X%s: save the file as UTF-8",
		    (unsigned char)s[0], (unsigned char)s[1],
		    (unsigned char)s[2], n > 3 ? " ..." : "");
}

/*
 * Report invalid UTF-8 and NUL bytes at the line and column an editor
 * shows (line breaks LF, CRLF or CR; every code point one column, and
 * every byte of an invalid sequence one column).  Returns the count.
 */
static int
check_bytes(const char *path, const char *s, size_t len)
{
	struct badbytes b;
	size_t pos = 0, at;
	int line = 1, col = 1, bad = 0;

	/* nearly every file is good: look for a problem first, and count
	 * lines and columns only to report one */
	while (pos < len && !bad) {
		if ((unsigned char)s[pos] - 1u < 0x7F)	/* ASCII but NUL */
			pos++;
		else
			bad = s[pos] == '\0' || utf8_next(s, len, &pos) == -1;
	}
	if (!bad)
		return 0;
	pos = 0;
	memset(&b, 0, sizeof(b));
	b.path = path;
	while (pos < len) {
		at = pos;
		if (s[pos] == '\n' || (s[pos] == '\r' &&
		    (pos + 1 == len || s[pos + 1] != '\n'))) {
			pos++;
			line++;
			col = 1;
			continue;
		}
		if (s[pos] == '\0') {
			bad_byte(&b, line, col, s + pos, 1);
			pos++;
			col++;
			continue;
		}
		if (utf8_next(s, len, &pos) != -1) {
			col++;
			continue;
		}
		/* Continuation bytes after a bad byte are one problem. */
		while (pos < len && pos - at < 4 &&
		    ((unsigned char)s[pos] & 0xC0) == 0x80)
			pos++;
		bad_byte(&b, line, col, s + at, pos - at);
		col += (int)(pos - at);
	}
	if (b.n > MAX_BYTE_REPORTS)
		diag_error(path, b.line, b.col, "and %d more invalid bytes "
		    "from here on (not shown)", b.n - MAX_BYTE_REPORTS);
	return b.n;
}

/* Copy s with CRLF and lone CR turned into LF. */
static char *
normalise(const char *s, size_t len, size_t *outlen)
{
	char *t = xmalloc(len + 1);
	size_t i, o;

	if (memchr(s, '\r', len) == NULL) {	/* the usual case */
		memcpy(t, s, len);
		t[len] = '\0';
		*outlen = len;
		return t;
	}
	for (i = o = 0; i < len; i++) {
		if (s[i] == '\r') {
			t[o++] = '\n';
			if (i + 1 < len && s[i + 1] == '\n')
				i++;
		} else
			t[o++] = s[i];
	}
	t[o] = '\0';
	*outlen = o;
	return t;
}

/* Is the line at s[at] the delimiter d?  Trailing blanks are invisible in
 * an editor, so they are allowed. */
static int
is_delim(const char *s, size_t len, size_t at, const char *d)
{
	size_t n = strlen(d);

	if (len - at < n || memcmp(s + at, d, n) != 0)
		return 0;
	for (at += n; at < len && s[at] != '\n'; at++)
		if (s[at] != ' ' && s[at] != '\t')
			return 0;
	return 1;
}

/* Offset of the line after the one containing at (len if none). */
static size_t
next_line(const char *s, size_t len, size_t at)
{
	const char *nl = memchr(s + at, '\n', len - at);

	return nl == NULL ? len : (size_t)(nl - s) + 1;
}

/* A file that must have front matter does not: say what it should be. */
static int
no_front(struct source *src)
{
	size_t at = 0;
	int line = 1;

	while (at < src->len && is_delim(src->text, src->len, at, "")) {
		at = next_line(src->text, src->len, at);
		line++;
	}
	if (at < src->len && is_delim(src->text, src->len, at, "---"))
		diag_error(src->path, line, 1, "the front matter must start "
		    "on the first line: remove the empty lines above '---'");
	else
		diag_error(src->path, 1, 1, "this file has no front matter: "
		    "it must start with a line '---', then lines like "
		    "'id: LDT-TACE' and 'title: ...', then another '---' line");
	return -1;
}

int
source_read(struct source *src, const char *path, int need_front)
{
	char *raw;
	const char *s;
	size_t rawlen, len, start, at, end, i;
	int nl;

	memset(src, 0, sizeof(*src));
	src->path = xstrdup(path);
	if (source_slurp(path, SOURCE_MAX_BYTES, &raw, &rawlen) == -1) {
		if (errno == EFBIG)
			diag_error(path, 0, 0, "the file is larger than %u "
			    "MiB: split it into smaller files",
			    SOURCE_MAX_BYTES >> 20);
		else
			diag_error(path, 0, 0, "cannot read the file: %s",
			    source_strerror(errno));
		return -1;
	}
	s = raw;
	len = rawlen;
	if (len >= 2 && (memcmp(s, "\xFF\xFE", 2) == 0 ||
	    memcmp(s, "\xFE\xFF", 2) == 0)) {
		diag_error(path, 1, 1, "the file is saved as UTF-16: save it "
		    "as UTF-8");
		free(raw);
		return -1;
	}
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		s += 3;
		len -= 3;
	}
	if (len == 0) {
		diag_error(path, 0, 0, "the file is empty: write the front "
		    "matter and the text, or remove the file");
		free(raw);
		return -1;
	}
	if (check_bytes(path, s, len) > 0) {
		free(raw);
		return -1;
	}
	src->text = normalise(s, len, &src->len);
	free(raw);
	s = src->text;
	len = src->len;

	if (!is_delim(s, len, 0, "---")) {
		if (need_front)
			return no_front(src);
		src->body = xstrndup(s, len);
		src->body_len = len;
		return 0;
	}

	/* Find the closing line. */
	start = next_line(s, len, 0);
	for (at = start; at < len; at = next_line(s, len, at))
		if (is_delim(s, len, at, "---") || is_delim(s, len, at, "..."))
			break;
	if (at >= len) {
		diag_error(path, 1, 1, "front matter opened here is never "
		    "closed: add a line with --- after the last key");
		return -1;
	}
	if (at - start > SOURCE_MAX_FRONT) {
		diag_error(path, 1, 1, "the front matter is %zu bytes, more "
		    "than the %u KiB allowed: move long text into the body",
		    at - start, SOURCE_MAX_FRONT >> 10);
		return -1;
	}
	src->front = xstrndup(s + start, at - start);
	src->front_len = at - start;
	src->front_line0 = 1;

	/* Blank the front matter, keeping one newline per line. */
	end = next_line(s, len, at);
	for (nl = 0, i = 0; i < end; i++)
		nl += s[i] == '\n';
	src->body_len = (size_t)nl + (len - end);
	src->body = xmalloc(src->body_len + 1);
	memset(src->body, '\n', (size_t)nl);
	memcpy(src->body + nl, s + end, len - end);
	src->body[src->body_len] = '\0';
	return 0;
}

void
source_free(struct source *src)
{
	free(src->path);
	free(src->text);
	free(src->front);
	free(src->body);
	memset(src, 0, sizeof(*src));
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **
source_list(const char *dir, const char *suffix, int *count)
{
	return source_list_checked(dir, suffix, count, NULL);
}

/* A file that would have been read but for its name: said once. */
static void
near_miss(const char *dir, const char *name, const char *suffix,
    const char *what)
{
	size_t len = strlen(name), slen = strlen(suffix);
	char *path;

	if (len <= slen || strcasecmp(name + len - slen, suffix) != 0 ||
	    strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return;
	path = xasprintf("%s/%s", dir, name);
	if (strcmp(name + len - slen, suffix) != 0)
		diag_warning(path, 0, 0, "not %s: the name ends in '%s', and "
		    "only '%s' files are read; rename it", what,
		    name + len - slen, suffix);
	else
		diag_warning(path, 0, 0, "not %s: the name starts with '.', "
		    "which hides the file; rename it, or move it out of %s",
		    what, dir);
	free(path);
}

char **
source_list_checked(const char *dir, const char *suffix, int *count,
    const char *what)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **v = NULL;
	size_t len, slen = strlen(suffix);
	int n = 0, cap = 0;

	while (d != NULL && (e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		if (e->d_name[0] == '.' || len <= slen ||
		    strcmp(e->d_name + len - slen, suffix) != 0) {
			if (what != NULL)
				near_miss(dir, e->d_name, suffix, what);
			continue;
		}
		ARRAY_GROW(v, n, cap);
		v[n++] = xstrndup(e->d_name, len - slen);
	}
	if (d != NULL)
		closedir(d);
	if (n > 0)
		qsort(v, (size_t)n, sizeof(*v), cmp_name);
	v = xrealloc(v, ((size_t)n + 1) * sizeof(*v));
	v[n] = NULL;
	if (count != NULL)
		*count = n;
	return v;
}

void
source_list_free(char **v)
{
	char **p;

	if (v == NULL)
		return;
	for (p = v; *p != NULL; p++)
		free(*p);
	free(v);
}

int
source_selected(const char *const *names, int n, const char *name)
{
	int i;

	if (n == 0)
		return 1;
	for (i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return 1;
	return 0;
}
