/*
 * Unit tests of the table-directory edit that gives a font a 'prep' table
 * before the PDF library embeds it: the copy must be a font FreeType reads
 * with the same glyphs and advances, with a 'prep' of the no-op program.
 */
#include <stdlib.h>
#include <string.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H
#include FT_TRUETYPE_TAGS_H

#include "harness.h"
#include "fixture.h"
#include "sfnt.h"
#include "source.h"

static void
t_adds_prep(void)
{
	unsigned char *fixed, *again;
	size_t len, fixed_len, again_len;
	FT_Library ft;
	FT_Face a, b;
	FT_ULong plen = 0;
	char *bytes;
	unsigned long cp;

	CHECK(source_slurp("fonts/DejaVuSans.ttf", 1u << 24, &bytes, &len) == 0);
	CHECK_INT(sfnt_with_prep((unsigned char *)bytes, len, &fixed,
	    &fixed_len), 1);
	CHECK(fixed_len > len);
	CHECK_INT(sfnt_with_prep(fixed, fixed_len, &again, &again_len), 0);

	CHECK(FT_Init_FreeType(&ft) == 0);
	CHECK(FT_New_Memory_Face(ft, (FT_Byte *)bytes, (FT_Long)len, 0, &a) == 0);
	CHECK(FT_New_Memory_Face(ft, fixed, (FT_Long)fixed_len, 0, &b) == 0);
	CHECK(FT_Load_Sfnt_Table(a, TTAG_prep, 0, NULL, &plen) != 0);
	CHECK(FT_Load_Sfnt_Table(b, TTAG_prep, 0, NULL, &plen) == 0);
	CHECK_INT((int)plen, 3);
	CHECK_INT((int)a->num_glyphs, (int)b->num_glyphs);
	for (cp = 0x20; cp < 0x180; cp++) {
		FT_UInt ga = FT_Get_Char_Index(a, cp), gb = FT_Get_Char_Index(b, cp);

		CHECK_INT((int)ga, (int)gb);
		if (ga == 0)
			continue;
		CHECK(FT_Load_Glyph(a, ga, FT_LOAD_NO_SCALE) == 0);
		long adv = a->glyph->advance.x;
		CHECK(FT_Load_Glyph(b, gb, FT_LOAD_NO_SCALE) == 0);
		CHECK_INT((int)adv, (int)b->glyph->advance.x);
	}
	FT_Done_Face(a);
	FT_Done_Face(b);
	FT_Done_FreeType(ft);
	free(bytes);
	free(fixed);
}

static void
t_keeps_hinted(void)
{
	unsigned char *out = NULL;
	size_t len, out_len;
	char *bytes;

	/* the full Debian face is hinted: nothing to do */
	if (source_slurp(FIXTURE_DEJAVU "DejaVuSans.ttf", 1u << 24, &bytes,
	    &len) != 0)
		return;
	CHECK_INT(sfnt_with_prep((unsigned char *)bytes, len, &out,
	    &out_len), 0);
	CHECK(out == NULL);
	free(bytes);
}

static void
t_refuses_garbage(void)
{
	unsigned char junk[64], *out;
	size_t out_len;

	memset(junk, 0, sizeof(junk));
	CHECK_INT(sfnt_with_prep(junk, sizeof(junk), &out, &out_len), -1);
	memcpy(junk, "\x00\x01\x00\x00\x00\x09", 6);	/* 9 tables in 64 bytes */
	CHECK_INT(sfnt_with_prep(junk, sizeof(junk), &out, &out_len), -1);
	memcpy(junk, "OTTO", 4);			/* CFF, not TrueType */
	CHECK_INT(sfnt_with_prep(junk, sizeof(junk), &out, &out_len), -1);
}

int
main(void)
{
	t_adds_prep();
	t_keeps_hinted();
	t_refuses_garbage();
	return harness_done("t_sfnt");
}
