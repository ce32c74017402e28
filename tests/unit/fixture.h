/*
 * Test fixtures that need the builder's headers (harness.h has none):
 * capturing stderr with the diagnostic counters at zero, a fontset of the
 * system DejaVu faces from a hand-made layout, and page items.
 */
#ifndef TESTS_FIXTURE_H
#define TESTS_FIXTURE_H

#include <string.h>

#include "diag.h"
#include "font.h"
#include "harness.h"
#include "layout.h"
#include "page.h"

#define FIXTURE_DEJAVU	"/usr/share/fonts/truetype/dejavu/"

/* Zero the diagnostic counters, then harness_capture_begin: for tests that
 * check how many errors and warnings a call reported. */
static inline void
fixture_capture_begin(void)
{
	harness_capture_begin();
	diag_reset();
}

/* A fontset from a hand-made layout (layouts/test.yaml, style s "found" at
 * line s + 1): one system DejaVu face per style, so face numbers follow
 * enum font_style.  NULL if the fonts cannot be opened. */
static inline struct fontset *
fixture_open_fonts(void)
{
	static const char *const files[FONT_STYLE_MAX] = {
		FIXTURE_DEJAVU "DejaVuSans.ttf",
		FIXTURE_DEJAVU "DejaVuSans-Bold.ttf",
		FIXTURE_DEJAVU "DejaVuSans-Oblique.ttf",
		FIXTURE_DEJAVU "DejaVuSans-BoldOblique.ttf",
		FIXTURE_DEJAVU "DejaVuSansMono.ttf"
	};
	struct font_spec specs[FONT_STYLE_MAX];
	struct layout lay;
	int s;

	memset(&lay, 0, sizeof(lay));
	memset(specs, 0, sizeof(specs));
	lay.path = (char *)"layouts/test.yaml";
	for (s = 0; s < FONT_STYLE_MAX; s++) {
		specs[s].name = (char *)files[s];
		specs[s].file = lay.path;
		specs[s].line = s + 1;
		specs[s].col = 1;
		lay.fonts[s] = &specs[s];
		lay.nfonts[s] = 1;
	}
	return fontset_open(&lay, "fonts");
}

/* A page item of this kind and box, everything else zero. */
static inline struct pitem
fixture_item(enum pitem_kind kind, double x, double y, double w, double h)
{
	struct pitem it;

	memset(&it, 0, sizeof(it));
	it.kind = kind;
	it.x = x;
	it.y = y;
	it.w = w;
	it.h = h;
	return it;
}

#endif
