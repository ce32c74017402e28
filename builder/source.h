/*
 * source: read one content file and split it into YAML front matter and
 * Markdown body.
 *
 * Checks the bytes before anything else sees them: invalid UTF-8 and NUL
 * bytes are errors at file:line:col; a UTF-8 byte-order mark is dropped;
 * CRLF and lone CR line endings become LF.  The body keeps the file's line
 * numbering: the front-matter lines are replaced by empty lines, so a
 * Markdown parser's line N is line N of the file.
 */
#ifndef BUILDER_SOURCE_H
#define BUILDER_SOURCE_H

#include <errno.h>
#include <stddef.h>
#include <stdio.h>

#define SOURCE_MAX_BYTES	(4u << 20)	/* 4 MiB per content file */
#define SOURCE_MAX_FRONT	(64u << 10)	/* 64 KiB of front matter */

struct source {
	char	*path;		/* as given; owned */
	char	*text;		/* whole file, normalised (LF, no BOM); owned */
	size_t	 len;
	char	*front;		/* front matter YAML (points into a copy; owned),
				   NULL if the file has none */
	size_t	 front_len;
	int	 front_line0;	/* file line of the opening "---" (YAML line
				   1 is file line front_line0 + 1) */
	char	*body;		/* Markdown with front-matter lines blanked;
				   owned, NUL-terminated */
	size_t	 body_len;
};

/*
 * Read path.  Reports problems via diag and returns -1 if the file cannot
 * be used at all (missing, unreadable, too large, invalid UTF-8, NUL bytes,
 * unclosed front matter); 0 otherwise.  need_front: a file without front
 * matter is an error.  Free with source_free even on failure.
 */
int	 source_read(struct source *, const char *path, int need_front);
void	 source_free(struct source *);

/* Read a whole regular file (any content) into memory; returns -1 and
 * sets errno: EISDIR for a folder, SOURCE_ENOTREG for a pipe, device or
 * socket (refused without waiting for a writer), EFBIG above max bytes.
 * Caller frees *out.  Used for YAML files and images. */
int	 source_slurp(const char *path, size_t max, char **out, size_t *len);
/* fopen(path, "r") for regular files only (errno as above). */
FILE	*source_fopen(const char *path);
/* strerror() that also says what EISDIR and SOURCE_ENOTREG mean here. */
const char *source_strerror(int err);

#define SOURCE_ENOTREG	ENODEV	/* errno for "not a regular file" */

/*
 * The names NAME of the files dir/NAME<suffix>, sorted, hidden ones (a
 * leading '.') left out.  NULL-terminated and never NULL (an unreadable
 * folder gives none); *count, if not NULL, is how many.  Free with
 * source_list_free.
 */
char	**source_list(const char *dir, const char *suffix, int *count);
/* The same, and each file left out that nearly qualifies (the suffix in
 * other letters' case, or hidden by a leading '.') is a warning that it
 * is "not <what>" and why: no file is ever passed over in silence. */
char	**source_list_checked(const char *dir, const char *suffix,
	    int *count, const char *what);
void	 source_list_free(char **);
/* Is name among the n names asked for (--clinic, therapy names)?  None
 * asked for means every one. */
int	 source_selected(const char *const *names, int n, const char *name);

#endif
