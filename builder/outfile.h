/*
 * outfile: write output files so that a failed or killed build never
 * leaves a half-written or stale file in place of a good one.
 *
 * Data goes to a temporary file in the same directory
 * (".<name>.<pid>.leafpress-tmp"), is flushed to disk, and is renamed over the
 * target only when complete.
 */
#ifndef BUILDER_OUTFILE_H
#define BUILDER_OUTFILE_H

#include <stddef.h>

/* Write len bytes to path atomically.  Reports a fatal diagnostic (with
 * the system's reason: disk full, permission denied...) and returns -1 on
 * failure, leaving any previous file at path untouched. */
int	 outfile_write(const char *path, const void *data, size_t len);
/* Create dir and its parents (like mkdir -p); reports and returns -1 on
 * failure. */
int	 outfile_mkdirs(const char *dir);
/* Remove temporary files a killed earlier run left in dir. */
void	 outfile_clean_stale(const char *dir);

#endif
