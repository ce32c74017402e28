/*
 * t_font: font resolution, fallback picking, metrics and shaping.
 * Advances are checked against the font's own tables read by FreeType, and
 * kerning against pairs DejaVu Sans kerns.  Run from the repository root
 * (it reads fonts/).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <math.h>

#include <ft2build.h>
#include FT_FREETYPE_H

#include "diag.h"
#include "font.h"
#include "layout.h"
#include "shape.h"
#include "xalloc.h"
#include "harness.h"

#define FONTS	"fonts"
#define MAXSPEC	4

struct tlayout {
	struct layout	 lay;
	struct font_spec specs[FONT_STYLE_MAX][MAXSPEC];
};

static const char *const shipped[FONT_STYLE_MAX] = {
	"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf",
	"DejaVuSans-BoldOblique.ttf", "DejaVuSansMono.ttf"
};

static void
tl_init(struct tlayout *t)
{
	memset(t, 0, sizeof(*t));
	t->lay.path = xstrdup("layouts/test.yaml");
	for (int s = 0; s < FONT_STYLE_MAX; s++)
		t->lay.fonts[s] = t->specs[s];
}

/* Append a font name to a style's chain, "found" at line:col. */
static void
tl_add(struct tlayout *t, enum font_style s, const char *name, int line,
    int col)
{
	struct font_spec *sp = &t->specs[s][t->lay.nfonts[s]++];

	sp->name = xstrdup(name);
	sp->line = line;
	sp->col = col;
}

static void
tl_shipped(struct tlayout *t)
{
	tl_init(t);
	for (int s = 0; s < FONT_STYLE_MAX; s++)
		tl_add(t, s, shipped[s], 10 + s, 5);
}

static void
tl_free(struct tlayout *t)
{
	for (int s = 0; s < FONT_STYLE_MAX; s++)
		for (int i = 0; i < t->lay.nfonts[s]; i++) {
			free(t->specs[s][i].name);
			free(t->specs[s][i].file);
		}
	free(t->lay.path);
}

static void
test_shipped(void)
{
	struct tlayout t;
	struct fontset *fs;
	unsigned e0 = diag_count(DIAG_ERROR);

	tl_shipped(&t);
	fs = fontset_open(&t.lay, FONTS);
	CHECK(fs != NULL);
	CHECK_INT(diag_count(DIAG_ERROR), e0);
	if (fs == NULL) {
		tl_free(&t);
		return;
	}
	CHECK_INT(fontset_nfaces(fs), 5);
	CHECK_STR(fontset_name(fs, 0), "DejaVu Sans");
	CHECK_STR(fontset_name(fs, 1), "DejaVu Sans Bold");
	CHECK_STR(fontset_name(fs, 2), "DejaVu Sans Oblique");
	CHECK_STR(fontset_name(fs, 3), "DejaVu Sans Bold Oblique");
	CHECK_STR(fontset_name(fs, 4), "DejaVu Sans Mono");
	CHECK_STR(fontset_path(fs, 0), "fonts/DejaVuSans.ttf");
	CHECK_STR(fontset_path(fs, 4), "fonts/DejaVuSansMono.ttf");

	/* Known DejaVu Sans metrics (upem 2048). */
	CHECK_INT(fontset_advance(fs, 0, 'a'), 613);	/* 1255 / 2048 em */
	CHECK_INT(fontset_advance(fs, 0, ' '), 318);	/* 651 / 2048 em */
	CHECK_INT(fontset_ascent(fs, 0), 928);
	CHECK_INT(fontset_descent(fs, 0), -235);
	CHECK_INT(fontset_cap_height(fs, 0), 729);
	/* Monospace: every glyph the same. */
	CHECK_INT(fontset_advance(fs, 4, 'i'), fontset_advance(fs, 4, 'W'));
	CHECK_INT(fontset_advance(fs, 4, 0x2265),
	    fontset_advance(fs, 4, 'W'));

	/* Width sums rounded advances, then scales. */
	CHECK_NEAR(fontset_width(fs, 0, "aa", 2, 10.0),
	    2 * fontset_advance(fs, 0, 'a') * 10.0 / 1000, 1e-9);
	CHECK_NEAR(fontset_width(fs, 0, "", 0, 10.0), 0.0, 1e-12);
	/* A character the face lacks is drawn as a space, never .notdef. */
	CHECK_INT(fontset_advance(fs, 0, 0x1F600), fontset_advance(fs, 0, ' '));
	CHECK_NEAR(fontset_width(fs, 0, "\xF0\x9F\x98\x80", 4, 12.0),
	    fontset_advance(fs, 0, ' ') * 12.0 / 1000, 1e-9);

	fontset_free(fs);
	tl_free(&t);
}

/* Advances against the fonts' own tables, face by face. */
static void
test_metrics(void)
{
	static const unsigned long extra[] = {
		0x2265, 0x2264, 0x2013, 0x2014, 0x2019, 0x201C, 0x201D, 0x00B5,
		0x03BC, 0x2079, 0x2070, 0x00B9, 0x00B2, 0x2212, 0x2192, 0x2713,
		0x2610, 0x26A0, 0x20AC, 0x00AD, 0x2011, 0xFFFD, 0x00A0, 0x202F,
		0x2044, 0xFB01
	};
	struct tlayout t;
	struct fontset *fs;
	FT_Library lib;
	FT_Face ft;
	FT_UInt gid;
	unsigned long cp;
	int face, bad, good, want;

	tl_shipped(&t);
	fs = fontset_open(&t.lay, FONTS);
	CHECK(fs != NULL);
	CHECK(FT_Init_FreeType(&lib) == 0);
	if (fs == NULL) {
		tl_free(&t);
		return;
	}
	for (face = 0; face < fontset_nfaces(fs); face++) {
		CHECK(FT_New_Face(lib, fontset_path(fs, face), 0, &ft) == 0);
		bad = good = 0;
		for (cp = 0x20; cp < 0x3FF + sizeof(extra) /
		    sizeof(extra[0]); cp++) {
			unsigned long c = cp < 0x3FF ? cp : extra[cp - 0x3FF];

			if (c >= 0x7F && c < 0xA0)
				continue;
			gid = FT_Get_Char_Index(ft, c);
			if (gid == 0) {
				CHECK(!fontset_has(fs, face, c));
				continue;
			}
			CHECK(fontset_has(fs, face, c));
			FT_Load_Glyph(ft, gid, FT_LOAD_NO_SCALE |
			    FT_LOAD_NO_HINTING);
			want = (int)lround(ft->glyph->metrics.horiAdvance *
			    1000.0 / ft->units_per_EM);
			CHECK_INT((int)fontset_glyph(fs, face, c), (int)gid);
			if (fontset_advance(fs, face, c) == want)
				good++;
			else if (bad++ < 5)
				fprintf(stderr, "face %d U+%04lX: %d, font "
				    "%d\n", face, c,
				    fontset_advance(fs, face, c), want);
		}
		CHECK_INT(bad, 0);
		CHECK(good > 350);	/* ASCII, Latin-1, Latin A, Greek */
		FT_Done_Face(ft);
	}
	FT_Done_FreeType(lib);
	fontset_free(fs);
	tl_free(&t);
}

/* Kerning is applied inside words, never across spaces; no ligatures. */
static void
test_shaping(void)
{
	static const char *const pairs[] = { "To", "AV", "Ty", "Te" };
	struct tlayout t;
	struct fontset *fs;
	const struct srun *run;
	size_t i;
	int face, nominal;

	tl_shipped(&t);
	fs = fontset_open(&t.lay, FONTS);
	CHECK(fs != NULL);
	if (fs == NULL) {
		tl_free(&t);
		return;
	}
	for (face = 0; face < 4; face++)
		for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
			nominal = fontset_advance(fs, face, pairs[i][0]) +
			    fontset_advance(fs, face, pairs[i][1]);
			run = fontset_shape(fs, face, pairs[i], 2);
			CHECK_INT(run->n, 2);
			CHECK(run->width < nominal - 20);
			/* the kern is on the first glyph */
			CHECK(run->g[0].adv < fontset_advance(fs, face,
			    pairs[i][0]));
			CHECK_INT(run->g[1].adv, fontset_advance(fs, face,
			    pairs[i][1]));
		}
	/* monospace: no kerning */
	run = fontset_shape(fs, 4, "AV", 2);
	CHECK_INT(run->width, 2 * fontset_advance(fs, 4, 'A'));
	/* "T o": the space stands between, unkerned */
	run = fontset_shape(fs, 0, "T o", 3);
	CHECK_INT(run->n, 3);
	CHECK_INT(run->width, fontset_advance(fs, 0, 'T') +
	    fontset_advance(fs, 0, ' ') + fontset_advance(fs, 0, 'o'));
	/* no ligature: "fi" and "ffl" stay one glyph per letter, each with
	 * its own text */
	run = fontset_shape(fs, 0, "office", 6);
	CHECK_INT(run->n, 6);
	for (i = 0; i < 6 && (int)i < run->n; i++) {
		CHECK_INT((int)run->g[i].off, (int)i);
		CHECK_INT((int)run->g[i].len, 1);
	}
	/* a two-byte character: one glyph standing for both bytes */
	run = fontset_shape(fs, 0, "caf\xC3\xA9", 5);
	CHECK_INT(run->n, 4);
	if (run->n == 4) {
		CHECK_INT((int)run->g[3].off, 3);
		CHECK_INT((int)run->g[3].len, 2);
		CHECK_INT((int)run->g[3].gid, (int)fontset_glyph(fs, 0, 0xE9));
	}
	/* the same text shapes to the same (kept) run */
	CHECK(fontset_shape(fs, 0, "office", 6) == fontset_shape(fs, 0,
	    "office", 6));
	/* a line is its words' runs one after another, each glyph's text
	 * found at its place in the line */
	{
		const struct srun *w1, *w2;
		long width;
		int n;

		w1 = fontset_shape(fs, 0, "Today", 5);
		w2 = fontset_shape(fs, 0, "caf\xC3\xA9", 5);
		width = w1->width + w2->width + fontset_advance(fs, 0, ' ');
		n = w1->n + w2->n + 1;
		run = fontset_shape(fs, 0, "Today caf\xC3\xA9", 11);
		CHECK_INT(run->n, n);
		CHECK_INT((int)run->width, (int)width);
		if (run->n == n) {
			CHECK_INT((int)run->g[0].gid, (int)w1->g[0].gid);
			CHECK_INT(run->g[0].adv, w1->g[0].adv);
			CHECK_INT((int)run->g[5].off, 5);
			CHECK_INT((int)run->g[5].len, 1);
			CHECK_INT((int)run->g[9].off, 9);
			CHECK_INT((int)run->g[9].len, 2);
			CHECK_INT((int)run->g[9].gid, (int)w2->g[3].gid);
		}
	}
	fontset_free(fs);
	tl_free(&t);
}

static void
test_pick(void)
{
	struct tlayout t;
	struct fontset *fs;

	tl_init(&t);
	tl_add(&t, FONT_REGULAR, "DejaVuSans.ttf", 3, 7);
	tl_add(&t, FONT_BOLD, "DejaVuSans-Bold.ttf", 4, 7);
	tl_add(&t, FONT_ITALIC, "DejaVuSans-Oblique.ttf", 5, 7);
	tl_add(&t, FONT_BOLD_ITALIC, "DejaVuSans-BoldOblique.ttf", 6, 7);
	tl_add(&t, FONT_MONO, "DejaVuSansMono.ttf", 7, 7);
	tl_add(&t, FONT_MONO, "DejaVuSans.ttf", 7, 30);
	fs = fontset_open(&t.lay, FONTS);
	CHECK(fs != NULL);
	if (fs == NULL) {
		tl_free(&t);
		return;
	}
	/* The second mention of DejaVuSans.ttf is the same face. */
	CHECK_INT(fontset_nfaces(fs), 5);
	CHECK_INT(fontset_pick(fs, FONT_MONO, 'x'), 4);
	CHECK_INT(fontset_pick(fs, FONT_MONO, 0x2265), 4);
	/* U+2044 FRACTION SLASH: in DejaVu Sans, not in DejaVu Sans Mono. */
	CHECK(!fontset_has(fs, 4, 0x2044));
	CHECK(fontset_has(fs, 0, 0x2044));
	CHECK_INT(fontset_pick(fs, FONT_MONO, 0x2044), 0);
	CHECK_INT(fontset_pick(fs, FONT_REGULAR, 0x2044), 0);
	CHECK_INT(fontset_pick(fs, FONT_BOLD, 'x'), 1);
	CHECK_INT(fontset_pick(fs, FONT_BOLD_ITALIC, 0x00B5), 3);
	/* Hebrew is in no shipped subset. */
	CHECK_INT(fontset_pick(fs, FONT_REGULAR, 0x05D0), -1);
	CHECK(!fontset_has(fs, 0, 0x05D0));
	/* Outside the BMP, and control characters: never drawable. */
	CHECK_INT(fontset_pick(fs, FONT_REGULAR, 0x1F600), -1);
	CHECK_INT(fontset_pick(fs, FONT_REGULAR, 0x10000), -1);
	CHECK(!fontset_has(fs, 0, 0x1F600));
	CHECK_INT(fontset_pick(fs, FONT_REGULAR, 0x0A), -1);
	CHECK_INT(fontset_pick(fs, FONT_REGULAR, 0x00), -1);
	CHECK_INT(fontset_pick(fs, FONT_REGULAR, 0x7F), -1);
	CHECK_INT(fontset_pick(fs, FONT_REGULAR, 0x85), -1);
	CHECK_INT(fontset_pick(fs, FONT_REGULAR, 0xFFFD), 0);
	CHECK_INT(fontset_pick(fs, FONT_REGULAR, 0x00AD), 0);
	fontset_free(fs);
	tl_free(&t);
}

/* A chain can end in the system's full font, found via fontconfig. */
static void
test_fontconfig(void)
{
	struct tlayout t;
	struct fontset *fs;
	unsigned e0 = diag_count(DIAG_ERROR);
	int sys;

	tl_shipped(&t);
	tl_add(&t, FONT_REGULAR, "DejaVu Sans", 10, 30);
	tl_add(&t, FONT_BOLD, "DejaVu Sans:bold", 11, 30);
	tl_add(&t, FONT_ITALIC, "dejavu sans:italic", 12, 30);
	fs = fontset_open(&t.lay, FONTS);
	CHECK(fs != NULL);
	CHECK_INT(diag_count(DIAG_ERROR), e0);
	if (fs == NULL) {
		tl_free(&t);
		return;
	}
	CHECK_INT(fontset_nfaces(fs), 8);
	/* Cyrillic is outside the shipped subset but in the system font. */
	CHECK_INT(fontset_pick(fs, FONT_REGULAR, 'a'), 0);
	CHECK(!fontset_has(fs, 0, 0x0410));
	sys = fontset_pick(fs, FONT_REGULAR, 0x0410);
	CHECK(sys > 0);
	if (sys > 0) {
		CHECK_STR(fontset_name(fs, sys), "DejaVu Sans");
		CHECK(strstr(fontset_path(fs, sys), "DejaVuSans.ttf") != NULL);
		CHECK(strcmp(fontset_path(fs, sys), FONTS "/DejaVuSans.ttf"));
		/* Same design, same advances. */
		CHECK_INT(fontset_advance(fs, sys, 'a'),
		    fontset_advance(fs, 0, 'a'));
	}
	sys = fontset_pick(fs, FONT_BOLD, 0x0410);
	CHECK(sys > 0);
	if (sys > 0)
		CHECK_STR(fontset_name(fs, sys), "DejaVu Sans Bold");
	sys = fontset_pick(fs, FONT_ITALIC, 0x0410);
	CHECK(sys > 0);
	if (sys > 0)
		CHECK_STR(fontset_name(fs, sys), "DejaVu Sans Oblique");
	/* Monospace has no system fallback in this chain. */
	CHECK_INT(fontset_pick(fs, FONT_MONO, 0x0410), -1);
	fontset_free(fs);
	tl_free(&t);
}

static void
test_missing(void)
{
	static const char inherited[] = "layouts/base.yaml:8:17: error: "
	    "font 'No Such Mono' not found in fonts/";
	struct tlayout t;
	struct fontset *fs;
	const char *err;
	unsigned e0 = diag_count(DIAG_ERROR);
	int mono;

	tl_shipped(&t);
	tl_add(&t, FONT_REGULAR, "No Such Font 123", 21, 9);
	tl_add(&t, FONT_BOLD, "NoSuchFile.ttf", 22, 11);
	tl_add(&t, FONT_ITALIC, "DejaVu Sans:weight=300", 23, 13);
	harness_capture_begin();
	fs = fontset_open(&t.lay, FONTS);
	err = harness_capture_end();
	/* Every style still has a face: usable, with errors reported.  The
	 * families behind the shipped files are looked up only when a
	 * character is missing from those, and reported then. */
	CHECK(fs != NULL);
	CHECK_INT(diag_count(DIAG_ERROR), e0 + 1);
	CHECK(strstr(err, "layouts/test.yaml:22:11: error: font "
	    "'NoSuchFile.ttf' not found in fonts/") != NULL);
	if (fs != NULL) {
		int reg, ital, reg2;

		/* numbered in chain order, a number kept for each family */
		CHECK_INT(fontset_nfaces(fs), 7);
		CHECK_INT(fontset_pick(fs, FONT_REGULAR, 'a'), 0);
		CHECK_INT(fontset_pick(fs, FONT_ITALIC, 'a'), 3);
		CHECK_INT(diag_count(DIAG_ERROR), e0 + 1);
		harness_capture_begin();
		reg = fontset_pick(fs, FONT_REGULAR, 0x0410);
		ital = fontset_pick(fs, FONT_ITALIC, 0x0410);
		reg2 = fontset_pick(fs, FONT_REGULAR, 0x0411);
		err = harness_capture_end();
		CHECK_INT(reg, -1);
		CHECK_INT(ital, -1);
		CHECK_INT(reg2, -1);
		/* each reported once */
		CHECK_INT(diag_count(DIAG_ERROR), e0 + 3);
		CHECK(strstr(err, "layouts/test.yaml:21:9: error: font 'No "
		    "Such Font 123' not found in fonts/ or on the system: "
		    "install it or fix the name\n") != NULL);
		CHECK(strstr(err, "layouts/test.yaml:23:13: error: font "
		    "'DejaVu Sans:weight=300': the system has the family "
		    "'DejaVu Sans' but not this style") != NULL);
	}
	fontset_free(fs);
	tl_free(&t);

	/* A chain inherited from a parent layout is reported there. */
	tl_shipped(&t);
	tl_add(&t, FONT_MONO, "No Such Mono", 8, 17);
	t.specs[FONT_MONO][1].file = xstrdup("layouts/base.yaml");
	e0 = diag_count(DIAG_ERROR);
	harness_capture_begin();
	fs = fontset_open(&t.lay, FONTS);
	mono = fs != NULL ? fontset_pick(fs, FONT_MONO, 0x0410) : 0;
	err = harness_capture_end();
	CHECK(fs != NULL);
	CHECK_INT(mono, -1);
	CHECK_INT(diag_count(DIAG_ERROR), e0 + 1);
	CHECK(strncmp(err, inherited, strlen(inherited)) == 0);
	fontset_free(fs);
	tl_free(&t);

	/* A style with nothing usable makes the whole set fail. */
	tl_shipped(&t);
	t.lay.nfonts[FONT_BOLD] = 0;
	free(t.specs[FONT_BOLD][0].name);
	tl_add(&t, FONT_BOLD, "Nope Sans", 30, 3);
	tl_add(&t, FONT_BOLD, "nope.ttf", 31, 3);
	t.lay.nfonts[FONT_MONO] = 0;
	free(t.specs[FONT_MONO][0].name);
	e0 = diag_count(DIAG_ERROR);
	harness_capture_begin();
	fs = fontset_open(&t.lay, FONTS);
	err = harness_capture_end();
	CHECK(fs == NULL);
	CHECK_INT(diag_count(DIAG_ERROR), e0 + 4);
	CHECK(strstr(err, "layouts/test.yaml:30:3: error: font 'Nope Sans' "
	    "not found") != NULL);
	CHECK(strstr(err, "layouts/test.yaml:31:3: error: font 'nope.ttf' "
	    "not found") != NULL);
	CHECK(strstr(err, "layouts/test.yaml:30:3: error: no font for bold "
	    "text can be used") != NULL);
	CHECK(strstr(err, "layouts/test.yaml: error: no font is given for "
	    "monospace text") != NULL);
	tl_free(&t);
}

/* Copy a shipped font with fsType set to "restricted licence". */
static int
write_restricted(const char *src, const char *dst)
{
	unsigned char *b;
	size_t n;
	unsigned ntables, i, off;
	int ok = 0;

	if ((b = (unsigned char *)harness_read_file(src, &n)) == NULL)
		return 0;
	ntables = b[4] << 8 | b[5];
	for (i = 0; i < ntables; i++) {
		const unsigned char *r = b + 12 + 16 * i;

		if (memcmp(r, "OS/2", 4) == 0) {
			off = (unsigned)r[8] << 24 | r[9] << 16 | r[10] << 8 |
			    r[11];
			b[off + 8] = 0x00;	/* fsType = 0x0002 */
			b[off + 9] = 0x02;
			ok = 1;
		}
	}
	if (ok)
		ok = harness_write_file(dst, b, n) == 0;
	free(b);
	return ok;
}

static void
test_refused(void)
{
	static const char cff[] =
	    "/usr/share/fonts/opentype/urw-base35/NimbusSans-Regular.otf";
	struct tlayout t;
	struct fontset *fs;
	const char *err;
	char dir[] = "/tmp/t_font.XXXXXX", path[64];
	unsigned e0 = diag_count(DIAG_ERROR);

	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/Restricted.ttf", dir);
	CHECK(write_restricted(FONTS "/DejaVuSans.ttf", path));

	tl_shipped(&t);
	tl_add(&t, FONT_REGULAR, path, 40, 5);
	tl_add(&t, FONT_REGULAR, "Bogus.ttf", 41, 5);
	harness_capture_begin();
	fs = fontset_open(&t.lay, dir);
	err = harness_capture_end();
	/* The shipped fonts are not in dir: only the absolute path opens. */
	CHECK(fs == NULL);
	CHECK(strstr(err, ":40:5: error: font '") != NULL);
	CHECK(strstr(err, "does not allow embedding") != NULL);
	CHECK(strstr(err, ":41:5: error: font 'Bogus.ttf' not found") != NULL);
	CHECK(diag_count(DIAG_ERROR) > e0 + 2);
	tl_free(&t);
	unlink(path);
	rmdir(dir);

	/* PostScript-flavoured OpenType cannot be embedded by libharu. */
	if (access(cff, R_OK) != 0) {
		printf("t_font: no CFF font installed, CFF refusal not "
		    "tested\n");
		return;
	}
	tl_shipped(&t);
	tl_add(&t, FONT_REGULAR, cff, 50, 2);
	e0 = diag_count(DIAG_ERROR);
	harness_capture_begin();
	fs = fontset_open(&t.lay, FONTS);
	err = harness_capture_end();
	CHECK(fs != NULL);
	CHECK_INT(diag_count(DIAG_ERROR), e0 + 1);
	CHECK(strstr(err, ":50:2: error: font '") != NULL);
	CHECK(strstr(err, "has PostScript (CFF) outlines") != NULL);
	if (fs != NULL)
		CHECK_INT(fontset_nfaces(fs), 5);
	fontset_free(fs);
	tl_free(&t);
}

int
main(void)
{
	if (access(FONTS "/DejaVuSans.ttf", R_OK) != 0) {
		fprintf(stderr, "t_font: run from the repository root "
		    "(fonts/ not found)\n");
		return 1;
	}
	test_shipped();
	test_metrics();
	test_shaping();
	test_pick();
	test_fontconfig();
	test_missing();
	test_refused();
	return harness_done("t_font");
}
