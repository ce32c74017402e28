/*
 * A minimal unit-test harness: each t_*.c is one program whose main calls
 * its test functions; CHECK records a failure with file:line and goes on.
 * The program prints "t_name: N passed, M failed" and exits non-zero on
 * any failure.
 *
 * Also the chores many tests share: capturing what goes to stderr,
 * writing a file (or a temporary one) and reading a stream whole.  Helpers
 * that need the builder's headers are in fixture.h.
 */
#ifndef TESTS_HARNESS_H
#define TESTS_HARNESS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int harness_pass, harness_fail;

#define CHECK(cond) do {						\
	if (cond)							\
		harness_pass++;						\
	else {								\
		harness_fail++;						\
		fprintf(stderr, "%s:%d: check failed: %s\n",		\
		    __FILE__, __LINE__, #cond);				\
	}								\
} while (0)

#define CHECK_INT(a, b) do {						\
	long long ca_ = (long long)(a), cb_ = (long long)(b);		\
	if (ca_ == cb_)							\
		harness_pass++;						\
	else {								\
		harness_fail++;						\
		fprintf(stderr, "%s:%d: %s == %lld, expected %lld\n",	\
		    __FILE__, __LINE__, #a, ca_, cb_);			\
	}								\
} while (0)

#define CHECK_STR(a, b) do {						\
	const char *ca_ = (a), *cb_ = (b);				\
	if (ca_ != NULL && cb_ != NULL && strcmp(ca_, cb_) == 0)	\
		harness_pass++;						\
	else {								\
		harness_fail++;						\
		fprintf(stderr, "%s:%d: %s == \"%s\", expected \"%s\"\n", \
		    __FILE__, __LINE__, #a, ca_ ? ca_ : "(null)",	\
		    cb_ ? cb_ : "(null)");				\
	}								\
} while (0)

#define CHECK_NEAR(a, b, eps) do {					\
	double ca_ = (a), cb_ = (b);					\
	if (ca_ - cb_ <= (eps) && cb_ - ca_ <= (eps))			\
		harness_pass++;						\
	else {								\
		harness_fail++;						\
		fprintf(stderr, "%s:%d: %s == %g, expected %g\n",	\
		    __FILE__, __LINE__, #a, ca_, cb_);			\
	}								\
} while (0)

/* hay contains needle; on failure both are shown. */
#define CHECK_CONTAINS(hay, needle) do {				\
	const char *ch_ = (hay), *cn_ = (needle);			\
	if (ch_ != NULL && cn_ != NULL && strstr(ch_, cn_) != NULL)	\
		harness_pass++;						\
	else {								\
		harness_fail++;						\
		fprintf(stderr, "%s:%d: %s has no \"%s\"; it is \"%s\"\n", \
		    __FILE__, __LINE__, #hay, cn_ ? cn_ : "(null)",	\
		    ch_ ? ch_ : "(null)");				\
	}								\
} while (0)

static inline int
harness_done(const char *name)
{
	printf("%s: %d passed, %d failed\n", name, harness_pass, harness_fail);
	return harness_fail != 0;
}

/* stderr capture: the last text, where stderr goes, the real stderr */
static char	 harness_captured[131072];
static FILE	*harness_capfile;
static int	 harness_capsaved = -1;

/* Send stderr to a temporary file until harness_capture_end.  Captures do
 * not nest. */
static inline void
harness_capture_begin(void)
{
	fflush(stderr);
	if ((harness_capfile = tmpfile()) == NULL) {
		perror("tmpfile");
		exit(2);
	}
	harness_capsaved = dup(2);
	dup2(fileno(harness_capfile), 2);
}

/* Restore stderr and return what was written to it since
 * harness_capture_begin (at most 128 KiB).  The text stays until the next
 * capture ends; copy it to keep it longer. */
static inline const char *
harness_capture_end(void)
{
	size_t n;

	fflush(stderr);
	dup2(harness_capsaved, 2);
	close(harness_capsaved);
	harness_capsaved = -1;
	rewind(harness_capfile);
	n = fread(harness_captured, 1, sizeof(harness_captured) - 1,
	    harness_capfile);
	harness_captured[n] = '\0';
	fclose(harness_capfile);
	harness_capfile = NULL;
	return harness_captured;
}

/* Write len bytes to path, replacing the file; 0, or -1 if that failed. */
static inline int
harness_write_file(const char *path, const void *data, size_t len)
{
	FILE *fp;
	int ok;

	if ((fp = fopen(path, "wb")) == NULL)
		return -1;
	ok = fwrite(data, 1, len, fp) == len;
	if (fclose(fp) != 0)
		ok = 0;
	return ok ? 0 : -1;
}

/* Write text to a new file under /tmp; returns its name (the caller
 * unlinks and frees it), or NULL if it could not be written. */
static inline char *
harness_write_temp(const char *text)
{
	char *path = strdup("/tmp/leafpress-test.XXXXXX");
	size_t len = strlen(text);
	int fd;

	if (path == NULL || (fd = mkstemp(path)) < 0) {
		free(path);
		return NULL;
	}
	if (write(fd, text, len) != (ssize_t)len) {
		close(fd);
		unlink(path);
		free(path);
		return NULL;
	}
	close(fd);
	return path;
}

/* Read fp to its end: the bytes, NUL-terminated (caller frees), with their
 * number (without the NUL) in *len if len is not NULL.  Never NULL. */
static inline char *
harness_read_stream(FILE *fp, size_t *len)
{
	char chunk[4096], *out = NULL;
	size_t n, used = 0;

	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		if ((out = realloc(out, used + n + 1)) == NULL)
			abort();
		memcpy(out + used, chunk, n);
		used += n;
	}
	if (out == NULL && (out = malloc(1)) == NULL)
		abort();
	out[used] = '\0';
	if (len != NULL)
		*len = used;
	return out;
}

/* The whole of the file at path, as harness_read_stream; NULL if it cannot
 * be opened. */
static inline char *
harness_read_file(const char *path, size_t *len)
{
	FILE *fp;
	char *p;

	if ((fp = fopen(path, "rb")) == NULL)
		return NULL;
	p = harness_read_stream(fp, len);
	fclose(fp);
	return p;
}

/* Does p[0..len) (bytes, not NUL-terminated text) hold the string s? */
static inline int
harness_has_bytes(const void *p, size_t len, const char *s)
{
	const unsigned char *b = p;
	size_t n = strlen(s), i;

	for (i = 0; i + n <= len; i++)
		if (memcmp(b + i, s, n) == 0)
			return 1;
	return 0;
}

#endif
