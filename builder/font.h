/*
 * font: font files, metrics and the fallback chain.  The only module that
 * includes FreeType and fontconfig.
 *
 * A fontset holds every face named by a layout's fallback chains, each
 * file opened once.  Faces are numbered 0..n-1; the page model refers to
 * them by number and the PDF device embeds them by path.  Widths are in
 * 1/1000 em, truncated per glyph exactly as libharu writes them into /W,
 * so what we measure is what the reader draws.
 */
#ifndef BUILDER_FONT_H
#define BUILDER_FONT_H

#include <stddef.h>

#include "layout.h"

struct fontset;

/*
 * Open every font of the layout's chains.  Names are resolved in fonts_dir
 * first (a file name), then through fontconfig (a family or pattern); a
 * fontconfig match must really be the family asked for.  A missing font is
 * an error at the layout file's line:col of its name.  A style whose whole
 * chain is missing is fatal for the layout.  Returns NULL after errors.
 */
struct fontset	*fontset_open(const struct layout *, const char *fonts_dir);
void		 fontset_free(struct fontset *);

int		 fontset_nfaces(const struct fontset *);
/* Path of the TrueType file of a face (for embedding). */
const char	*fontset_path(const struct fontset *, int face);
/* Human name of a face ("DejaVu Sans Bold"), for messages and dumps. */
const char	*fontset_name(const struct fontset *, int face);
/*
 * The first face in the chain of style that has a glyph for cp; -1 when no
 * face has it or cp cannot be drawn at all (outside the Basic Multilingual
 * Plane: libharu's encoder cannot write it).
 */
int		 fontset_pick(const struct fontset *, enum font_style, unsigned long cp);
/* Does face have a real glyph (not .notdef) for cp? */
int		 fontset_has(const struct fontset *, int face, unsigned long cp);
/* Advance of cp in face, 1/1000 em, truncated like libharu. */
int		 fontset_advance(const struct fontset *, int face, unsigned long cp);
/* Width in pt of UTF-8 text drawn entirely in face at size pt (sum of
 * truncated advances * size / 1000). */
double		 fontset_width(const struct fontset *, int face,
		    const char *s, size_t len, double size);
/* Ascender and descender (descender negative), 1/1000 em, from hhea as
 * libharu does; cap height, 1/1000 em. */
int		 fontset_ascent(const struct fontset *, int face);
int		 fontset_descent(const struct fontset *, int face);
int		 fontset_cap_height(const struct fontset *, int face);

/*
 * Append the outline of the UTF-8 string s (drawn in face at size pt, its
 * baseline starting at (x, y) and rotated by angle degrees) to out as a
 * path in the page model's notation (page.h, PI_PATH), in page
 * coordinates.  Used for marks that must look like text without being text
 * (so they do not break up text extraction).  Returns the advance in pt.
 */
struct buf;
double		 fontset_outline(const struct fontset *, int face,
		    const char *s, double size, double x, double y,
		    double angle, struct buf *out);

#endif
