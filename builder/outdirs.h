/*
 * outdirs: where a set's files go, and what would collide.
 *
 * A set (the default one in --out, each clinic's in --out/<clinic>)
 * writes handouts/ for its first layout, large-print/ for large print, a
 * folder named after each other layout, and the booklets.
 */
#ifndef BUILDER_OUTDIRS_H
#define BUILDER_OUTDIRS_H

struct build_opts;
struct site;

/* The folder under root for the handouts of the layout named name (the
 * set's main layout, or not); caller frees. */
char	*outdirs_layout(const char *root, const char *name, int main_layout);
/*
 * What the default set writes directly in --out.  Two layouts sharing a
 * folder, or a clinic (if clinics, those --clinic selects) whose folder
 * is one of them, would overwrite each other: errors, found before
 * anything is written.  Returns how many.
 */
int	 outdirs_check(const struct site *, const struct build_opts *,
	    int clinics);

#endif
