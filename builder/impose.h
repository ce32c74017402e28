/*
 * impose: the print edition of the booklet.  Places the booklet's pages
 * two-up on landscape sheets in saddle-stitch order, so the PDF can be
 * printed double-sided (flip on short edge), folded in the middle and
 * stapled on the fold.  Pages are replayed as vectors, never rasterised.
 */
#ifndef BUILDER_IMPOSE_H
#define BUILDER_IMPOSE_H

struct pagedoc;

/*
 * Saddle-stitch order for npages pages: pads npages up to a multiple of 4
 * (n4) and fills slots[0..n4-1] (room for n4 ints, npages + 3 is enough)
 * with the reading-order position of the page in each slot, in sheet order:
 * sheet 0 front left, front right, back left, back right, sheet 1 ...
 * For sheet s: front = [n4-1-2s, 2s], back = [2s+1, n4-2-2s], so facing
 * slots always add up to n4 - 1.  A position >= npages is a padding page
 * at the end of the reading order; impose_page_at moves the padding in
 * front of the back cover.  Returns n4 (0 for npages <= 0).
 */
int	 impose_order(int npages, int *slots);

/*
 * The source page shown at reading-order position pos of a booklet of
 * npages pages padded to n4: the padding goes just before the back cover,
 * which stays the last page.  Returns the 0-based source page, or -1 for
 * a padding page.  A one-page booklet is padded after its only page.
 */
int	 impose_page_at(int npages, int n4, int pos);

/*
 * Impose src onto sheets of sheet_w x sheet_h pt (A4 landscape is
 * 841.89 x 595.28).  The result has two pages per sheet, front then back,
 * in the order of impose_order.  Each source page is scaled to fit its
 * half of the sheet (exactly 1 when it is half the sheet, as A5 on A4;
 * a shrink is reported as a warning) and centred in it.  Every drawable
 * item is copied; links and named destinations are dropped (they do not
 * work on paper and the print edition is not for reading on screen), as
 * are bookmarks and page labels.  Padding pages are blank, or with notes
 * set, "Notes" pages with ruled lines for writing.  The front of each sheet
 * gets a short light-grey fold mark at the top and bottom edge of its
 * centre line.  Document information is copied, " (print edition)"
 * appended to the title.
 *
 * Ownership: the result borrows src->fonts (like every pagedoc) and owns
 * copies of src's images (same numbers), so src may be freed first.
 * Caller frees with pagedoc_free.  Returns NULL, after a fatal diagnostic,
 * only for an impossible sheet size.
 */
struct pagedoc	*impose_saddle(const struct pagedoc *src, double sheet_w,
		    double sheet_h, int notes);

/*
 * Make the imposed sheets of d (from impose_saddle, sheets of sheet_w x
 * sheet_h) ready for a print shop.  Creep: the pages of sheet k (0 the
 * outermost) move k * creep towards the fold.  With bleed > 0: colour
 * that runs to the sheet's outer edges is carried bleed beyond them, the
 * media grows to leave room for crop marks at the corners of the trim
 * (the sheet), each page gets a TrimBox and BleedBox, and a line outside
 * the trim says which sheet and side it is and how to print it.
 */
void	 impose_marks(struct pagedoc *d, double sheet_w, double sheet_h,
	    double bleed, double creep);

#endif
