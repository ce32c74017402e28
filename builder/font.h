/*
 * font: font files, metrics and the fallback chain.  The only module that
 * includes FreeType and fontconfig.
 *
 * A fontset holds every face named by a layout's fallback chains, each
 * file opened once.  Faces are numbered 0..n-1; the page model refers to
 * them by number and the PDF device embeds each as a font of its own.
 * Text is shaped (shape.h: kerning, no ligatures) and widths are in
 * 1/1000 em, rounded per glyph exactly as the PDF device writes them
 * into /W and TJ, so what we measure is what the reader draws.
 */
#ifndef BUILDER_FONT_H
#define BUILDER_FONT_H

#include <stddef.h>
#include <stdint.h>

#include "layout.h"

struct fontset;
struct srun;

/* What a PDF font descriptor says about a face. */
struct face_desc {
	char	 ps_name[64];	/* PostScript name, a valid PDF name */
	int	 bbox[4];	/* xmin ymin xmax ymax, 1/1000 em */
	double	 italic_angle;	/* degrees */
	int	 fixed_pitch, italic;
	int	 ascent, descent, cap_height, stem_v;	/* 1/1000 em */
};

/*
 * Open every font of the layout's chains.  Names are resolved in fonts_dir
 * first (a file name), then through fontconfig (a family or pattern); a
 * fontconfig match must really be the family asked for.  A missing font is
 * an error at the layout file's line:col of its name.  A style whose whole
 * chain is missing is fatal for the layout.  Returns NULL after errors.
 * A family that follows a usable font in its chain is looked up (and
 * reported missing) only when fontset_pick first needs it; it has its face
 * number from the start.
 */
struct fontset	*fontset_open(const struct layout *, const char *fonts_dir);
void		 fontset_free(struct fontset *);

/* The number of face numbers, some perhaps of families never looked up:
 * only faces fontset_pick returned are open. */
int		 fontset_nfaces(const struct fontset *);
/* Path of the TrueType file of a face. */
const char	*fontset_path(const struct fontset *, int face);
/* Human name of a face ("DejaVu Sans Bold"), for messages and dumps. */
const char	*fontset_name(const struct fontset *, int face);
/*
 * The first face in the chain of style that has a glyph for cp; -1 when no
 * face has it or cp is not supported (outside the Basic Multilingual
 * Plane).
 */
int		 fontset_pick(const struct fontset *, enum font_style, unsigned long cp);
/* Does face have a real glyph (not .notdef) for cp? */
int		 fontset_has(const struct fontset *, int face, unsigned long cp);
/* Advance of cp alone in face, 1/1000 em (a missing one: a space's). */
int		 fontset_advance(const struct fontset *, int face, unsigned long cp);
/* The shaped glyphs of UTF-8 text drawn entirely in face (shape.h); valid
 * as long as the fontset. */
const struct srun *fontset_shape(const struct fontset *, int face,
		    const char *s, size_t len);
/* Width in pt of UTF-8 text drawn entirely in face at size pt: its shaped
 * width * size / 1000. */
double		 fontset_width(const struct fontset *, int face,
		    const char *s, size_t len, double size);
/* The glyph of cp in face, 0 if none; the number of glyphs of face. */
uint32_t	 fontset_glyph(const struct fontset *, int face, unsigned long cp);
unsigned	 fontset_nglyphs(const struct fontset *, int face);
/* Advance of glyph gid of face without kerning, 1/1000 em. */
int		 fontset_glyph_advance(const struct fontset *, int face,
		    uint32_t gid);
/* The face cut down to the n glyphs gids, for embedding (shaper_subset). */
int		 fontset_subset(const struct fontset *, int face,
		    const uint32_t *gids, int n, unsigned char **out,
		    size_t *outlen, uint32_t *newgid);
void		 fontset_describe(const struct fontset *, int face,
		    struct face_desc *);
/* Ascender and descender (descender negative), 1/1000 em, from hhea;
 * cap height, 1/1000 em. */
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
