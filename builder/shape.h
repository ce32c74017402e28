/*
 * shape: text shaping and font subsetting with HarfBuzz.  The only module
 * that includes HarfBuzz.
 *
 * A shaper is one font file.  Shaping turns UTF-8 text into glyphs with
 * their advances, kerning (GPOS, or the old 'kern' table) included, and
 * the piece of text each glyph stands for.  Ligatures are off, so every
 * glyph keeps its own characters and text extracts exactly.  Text is
 * shaped word by word: a space (U+0020) is its own glyph at its own
 * advance, never kerned against its neighbours, so a line's width is the
 * sum of its words' and spaces' widths however the typesetter groups them.
 *
 * All lengths are in 1/1000 em, rounded per glyph: the unit of a PDF
 * font's /W widths and TJ adjustments, so what is measured is what the
 * reader draws.
 */
#ifndef BUILDER_SHAPE_H
#define BUILDER_SHAPE_H

#include <stddef.h>
#include <stdint.h>

struct shaper;

struct sglyph {
	uint32_t	 gid;		/* glyph number in the font */
	int32_t		 adv;		/* advance, kerning included */
	int32_t		 dx, dy;	/* offset from the pen (marks) */
	uint32_t	 off;		/* first byte of its text */
	uint32_t	 len;		/* bytes of its text; 0 when it shares
					   the previous glyph's text */
};

struct srun {
	struct sglyph	*g;
	int		 n;
	long		 width;		/* sum of the advances */
};

/* A font file's bytes (a single TrueType or OpenType font), which must
 * stay unchanged until shaper_free; NULL if HarfBuzz cannot read it. */
struct shaper	*shaper_open(const void *data, size_t len);
void		 shaper_free(struct shaper *);

/*
 * The glyphs of the UTF-8 text s (len bytes).  The run belongs to the
 * shaper.  A single word's run (no spaces) is shaped once and stays valid
 * until shaper_free; a text of several words is put together from its
 * words and stays valid until the next call on this shaper.  A character the font lacks is drawn as its space glyph
 * (the typesetter reports such characters before they get here).
 */
const struct srun *shaper_shape(struct shaper *, const char *s, size_t len);

/* The font's glyph for code point cp, 0 if it has none. */
uint32_t	 shaper_glyph(struct shaper *, uint32_t cp);
/* The advance of glyph gid without kerning: its /W width. */
int		 shaper_advance(struct shaper *, uint32_t gid);
/* Number of glyphs in the font. */
unsigned	 shaper_nglyphs(const struct shaper *);

/*
 * A copy of the font with only the n glyphs gids (and .notdef, and the
 * parts of composite glyphs) and no hinting, layout tables or character
 * map: what a PDF embeds for glyphs addressed by number.  *out (malloc'd,
 * *outlen bytes) is the font file; newgid[i] is gids[i]'s number in it.
 * Returns 0, or -1 if HarfBuzz could not subset the font.
 */
int		 shaper_subset(struct shaper *, const uint32_t *gids, int n,
		    unsigned char **out, size_t *outlen, uint32_t *newgid);

/*
 * Is cp in a script that reads right to left (Arabic, Hebrew...)?  Those
 * are not laid out yet.  *script is set to the script's ISO 15924 tag
 * ("Arab") when they are.
 */
int		 shape_is_rtl(uint32_t cp, char script[5]);

#endif
