/*
 * sfnt: edits to a TrueType font file's table directory, in memory.
 *
 * libharu 2.3.0 rebuilds every embedded TrueType subset with the same
 * thirteen tables, the last of them 'prep'.  A font without 'prep' (our
 * shipped, unhinted subsets; many system fonts) gets an empty one at the
 * very end of libharu's memory stream, and libharu then seeks to the
 * stream's end.  When the subset's size is a multiple of libharu's 4096-byte
 * buffer that seek fails (error 0x1033) and the whole PDF is lost, which
 * happens for about one glyph set in a thousand.  Giving each face a real
 * 'prep' before libharu sees it removes the case.
 */
#ifndef BUILDER_SFNT_H
#define BUILDER_SFNT_H

#include <stddef.h>

/*
 * If the TrueType font in (in, len) has no non-empty 'prep' table, make a
 * copy with a no-op one (PUSHB 0, POP) in *out (caller frees) and return 1.
 * Return 0 if the font already has one (*out untouched), -1 if the bytes
 * are not a TrueType font this function understands.
 */
int	 sfnt_with_prep(const unsigned char *in, size_t len,
	    unsigned char **out, size_t *outlen);

#endif
