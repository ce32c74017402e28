/*
 * manifest: what leafpress wrote in an output folder, so that the folder
 * stays a true picture of what may be printed.
 *
 * OUT/.leafpress-manifest lists every file leafpress wrote there, one per
 * line: "<set>\t<source>\t<path>".  set is empty for the default set, or
 * the clinic's name; source is the content file the output was made from,
 * relative to the content folder ("therapies/tace.md"; "site.yaml" for
 * the booklet); path is relative to OUT.  At the end of a build the files
 * of the manifest that may no longer be printed are removed, each said on
 * a line of its own: a leaflet the release gate refused (its review is
 * overdue, its details are placeholders...), one whose source (or
 * clinic file) is gone, and, after a whole set was built, what that set
 * no longer writes.  Only files in the manifest are ever removed.
 */
#ifndef BUILDER_MANIFEST_H
#define BUILDER_MANIFEST_H

#define MANIFEST_NAME	".leafpress-manifest"

struct manifest;

/* Read out_dir's manifest (none yet: an empty one).  Sources are looked
 * up in content_dir.  Free with manifest_close. */
struct manifest	*manifest_open(const char *out_dir, const char *content_dir);
/* path (under out_dir; anything else is not recorded) was written from
 * source (a path under content_dir) for set ("" default). */
void		 manifest_wrote(struct manifest *, const char *set,
		    const char *source, const char *path);
/* The gate refused source in set (NULL: in every set), for why ("its
 * review is overdue"): its earlier outputs go. */
void		 manifest_refuse(struct manifest *, const char *set,
		    const char *source, const char *why);
/* source had errors of its own in set: its earlier outputs stay. */
void		 manifest_keep(struct manifest *, const char *set,
		    const char *source);
/* set was built whole (no names, parts or layouts picked): its earlier
 * outputs it did not write now go, unless kept. */
void		 manifest_complete(struct manifest *, const char *set);
/*
 * Remove what may no longer be printed (nothing at all if hold: a shared
 * file failed, so nothing is known), write the manifest atomically if it
 * changed, and, unless quiet, say how many files were written into each
 * folder.  Frees m.  Returns -1 if the manifest could not be written
 * (reported).
 */
int		 manifest_close(struct manifest *, int hold, int quiet);

#endif
