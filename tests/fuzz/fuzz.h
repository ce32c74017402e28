/*
 * fuzz: what the libFuzzer harnesses share.  Each harness is one program
 * (tests/fuzz/fuzz_<name>.c) built by "make fuzz" with clang's
 * -fsanitize=fuzzer,address,undefined and run from the top of the
 * repository, so the shipped layouts, fonts and content are found.
 *
 * Modules that read files are fed through one temporary file per
 * process, rewritten for every input.
 */
#ifndef TESTS_FUZZ_FUZZ_H
#define TESTS_FUZZ_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

struct fuzz_file {
	char	path[256];
	int	fd;
};

/* Create the temporary file; suffix is its extension (".md"). */
static inline void
fuzz_file_open(struct fuzz_file *f, const char *suffix)
{
	const char *dir = getenv("TMPDIR");

	snprintf(f->path, sizeof(f->path), "%s/leafpress-fuzz-XXXXXX%s",
	    dir != NULL && *dir != '\0' ? dir : "/tmp", suffix);
	f->fd = mkstemps(f->path, (int)strlen(suffix));
	if (f->fd == -1) {
		perror(f->path);
		exit(1);
	}
}

/* Replace the file's bytes with this input. */
static inline void
fuzz_file_put(struct fuzz_file *f, const uint8_t *data, size_t len)
{
	size_t done = 0;
	ssize_t n;

	if (ftruncate(f->fd, 0) != 0) {
		perror(f->path);
		exit(1);
	}
	while (done < len) {
		n = pwrite(f->fd, data + done, len - done, (off_t)done);
		if (n <= 0) {
			perror(f->path);
			exit(1);
		}
		done += (size_t)n;
	}
}

/* Run from the top of the repository, whatever the caller's folder. */
static inline void
fuzz_chdir_top(const char *argv0)
{
	char *p, *s;

	if (access("layouts/handout-a4.yaml", R_OK) == 0)
		return;
	/* the binaries live in build-fuzz/ */
	p = strdup(argv0);
	if (p != NULL && (s = strrchr(p, '/')) != NULL) {
		*s = '\0';
		if (chdir(p) == 0 && chdir("..") == 0 &&
		    access("layouts/handout-a4.yaml", R_OK) == 0) {
			free(p);
			return;
		}
	}
	free(p);
	fputs("fuzz: run me from the top of the leafpress tree\n", stderr);
	exit(1);
}

#endif
