/*
 * pdfout: the PDF device.  Replays a pagedoc through libharu; the only
 * module that includes <hpdf.h>.
 *
 * Fonts are embedded as Unicode TrueType (Type0/Identity-H) only when a page
 * uses them, with a valid ToUnicode CMap (libharu 2.3's is malformed) so
 * text extracts exactly.  Writes document information (dates fixed by
 * pagedoc->date for reproducible output), bookmarks, page labels, links and
 * named destinations.  Output goes to memory; the caller writes the file
 * atomically.
 */
#ifndef BUILDER_PDFOUT_H
#define BUILDER_PDFOUT_H

#include <stddef.h>

struct pagedoc;

/*
 * Render doc to a PDF in memory.  On success returns 0 and sets *out
 * (caller frees) and *len.  On failure reports a fatal diagnostic naming
 * what failed and returns -1.
 */
int	 pdfout_render(const struct pagedoc *doc, unsigned char **out,
	    size_t *len);

#endif
