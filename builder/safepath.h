/*
 * safepath: where leafpress may read and write.  Paths from configuration
 * stay inside their folder (links followed), and the files leafpress
 * writes (--out, --report) can never replace a source, a layout, a font,
 * a device or one another.
 */
#ifndef BUILDER_SAFEPATH_H
#define BUILDER_SAFEPATH_H

struct build_opts;

/* Is path (existing or not; links followed as far as they exist) root
 * itself or below it? */
int	 safepath_inside(const char *root, const char *path);
/* Check --out and --report before anything is read or written; reports
 * each problem ("leafpress: error: ...") and returns -1 if any. */
int	 safepath_check_options(const struct build_opts *);

#endif
