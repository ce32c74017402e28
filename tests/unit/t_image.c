/*
 * t_image: every picture fixture loads with the right pixels, or fails with
 * the right message at the right place, and nothing crashes.  Fixtures come
 * from tests/fixtures/images/mkimages.c; run from the top of the tree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "image.h"
#include "harness.h"

#define FIX	"tests/fixtures/images/"

static char msg[1024];		/* what the last load printed */

/* Load a fixture with stderr captured into msg (without its last
 * newline). */
static struct image *
load(const char *name)
{
	struct image *img;
	const char *err;
	char path[256];
	size_t n;

	snprintf(path, sizeof(path), FIX "%s", name);
	harness_capture_begin();
	img = image_load(path, "content/sirt.md", 12, 5);
	err = harness_capture_end();
	n = strlen(err);
	if (n > 0 && err[n - 1] == '\n')
		n--;
	if (n > sizeof(msg) - 1)
		n = sizeof(msg) - 1;
	memcpy(msg, err, n);
	msg[n] = '\0';
	return img;
}

/* Load a fixture that must load without a message. */
static struct image *
load_ok(const char *name)
{
	struct image *img = load(name);

	CHECK_STR(msg, "");
	CHECK(img != NULL);
	if (img == NULL || msg[0] != '\0')
		fprintf(stderr, "  loading %s\n", name);
	return img;
}

static unsigned char *
slurp(const char *name, size_t *len)
{
	char path[256];

	snprintf(path, sizeof(path), FIX "%s", name);
	return (unsigned char *)harness_read_file(path, len);
}

/* How many pixels of the 24 x 16 RGB gradient of rgb.png and
 * interlaced.png are wrong. */
static int
gradient_errors(const struct image *img)
{
	int x, y, bad = 0;

	for (y = 0; y < 16; y++)
		for (x = 0; x < 24; x++) {
			const unsigned char *p = img->pixels + (y * 24 + x) * 3;

			if (p[0] != x * 10 || p[1] != y * 15 || p[2] != 200)
				bad++;
		}
	return bad;
}

static void
t_rgb(void)
{
	struct image *img = load_ok("rgb.png");

	if (img == NULL)
		return;
	CHECK_INT(img->kind, IMAGE_RAW);
	CHECK_INT(img->width, 24);
	CHECK_INT(img->height, 16);
	CHECK_INT(img->components, 3);
	CHECK(img->alpha == NULL);
	CHECK(img->data == NULL);
	CHECK_INT(gradient_errors(img), 0);
	/* 11811 pixels per metre */
	CHECK_NEAR(img->dpi_x, 299.9994, 0.001);
	CHECK_NEAR(img->dpi_y, 299.9994, 0.001);
	image_free(img);
}

static void
t_interlaced(void)
{
	struct image *img = load_ok("interlaced.png");

	if (img == NULL)
		return;
	CHECK_INT(img->width, 24);
	CHECK_INT(img->height, 16);
	CHECK_INT(gradient_errors(img), 0);
	CHECK_NEAR(img->dpi_x, 0, 0);
	image_free(img);
}

static void
t_rgba(void)
{
	struct image *img = load_ok("rgba.png");
	int x, y, bad = 0;

	if (img == NULL)
		return;
	CHECK_INT(img->components, 3);
	CHECK(img->alpha != NULL);
	for (y = 0; y < 4 && img->alpha != NULL; y++)
		for (x = 0; x < 6; x++) {
			unsigned char *p = img->pixels + (y * 6 + x) * 3;

			if (p[0] != 40 * x || p[1] != 60 * y || p[2] != 7 ||
			    img->alpha[y * 6 + x] != (x + y * 6) * 10)
				bad++;
		}
	CHECK_INT(bad, 0);
	image_free(img);
}

static void
t_gray(void)
{
	struct image *img = load_ok("gray.png");
	int i, bad = 0;

	if (img == NULL)
		return;
	CHECK_INT(img->width, 5);
	CHECK_INT(img->height, 3);
	CHECK_INT(img->components, 1);
	CHECK(img->alpha == NULL);
	for (i = 0; i < 15; i++)
		if (img->pixels[i] != i * 17)
			bad++;
	CHECK_INT(bad, 0);
	image_free(img);

	img = load_ok("grayalpha.png");
	if (img == NULL)
		return;
	CHECK_INT(img->components, 1);
	CHECK(img->alpha != NULL);
	for (i = 0, bad = 0; i < 6 && img->alpha != NULL; i++)
		if (img->pixels[i] != i * 40 || img->alpha[i] != 255 - i * 50)
			bad++;
	CHECK_INT(bad, 0);
	image_free(img);
}

static void
t_palette(void)
{
	static const unsigned char idx[8] = { 0, 1, 2, 0, 2, 1, 0, 1 };
	static const unsigned char pal[3][3] = {
		{ 255, 0, 0 }, { 0, 255, 0 }, { 0, 0, 255 }
	};
	static const unsigned char trns[3] = { 255, 128, 0 };
	struct image *img = load_ok("palette.png");
	int i, bad = 0;

	if (img == NULL)
		return;
	CHECK_INT(img->width, 4);
	CHECK_INT(img->height, 2);
	CHECK_INT(img->components, 3);
	CHECK(img->alpha != NULL);
	for (i = 0; i < 8 && img->alpha != NULL; i++)
		if (memcmp(img->pixels + i * 3, pal[idx[i]], 3) != 0 ||
		    img->alpha[i] != trns[idx[i]])
			bad++;
	CHECK_INT(bad, 0);
	image_free(img);
}

static void
t_16bit(void)
{
	struct image *img = load_ok("rgb16.png");
	int i, bad = 0;

	if (img == NULL)
		return;
	CHECK_INT(img->width, 3);
	CHECK_INT(img->height, 2);
	CHECK_INT(img->components, 3);
	for (i = 0; i < 18; i++) {
		unsigned v = (0x1234 + i * 0x0f0f) & 0xffff;

		/* scaled, not truncated: v * 255 / 65535 rounded */
		if (img->pixels[i] != (v * 255 + 32767) / 65535)
			bad++;
	}
	CHECK_INT(bad, 0);
	image_free(img);
}

static void
t_jpeg(void)
{
	struct image *img = load_ok("photo.jpg");
	size_t len;
	unsigned char *raw;

	if (img == NULL)
		return;
	CHECK_INT(img->kind, IMAGE_JPEG);
	CHECK_INT(img->width, 32);
	CHECK_INT(img->height, 16);
	CHECK_INT(img->components, 3);
	CHECK(img->pixels == NULL);
	CHECK_NEAR(img->dpi_x, 150, 0);
	CHECK_NEAR(img->dpi_y, 150, 0);
	raw = slurp("photo.jpg", &len);
	CHECK(raw != NULL && img->len == len &&
	    memcmp(raw, img->data, len) == 0);
	free(raw);
	image_free(img);

	img = load_ok("progressive.jpg");
	if (img != NULL) {
		CHECK_INT(img->components, 1);
		CHECK_INT(img->width, 32);
		CHECK_NEAR(img->dpi_x, 96, 0);
	}
	image_free(img);

	img = load_ok("cmyk.jpg");
	if (img != NULL) {
		CHECK_INT(img->components, 4);
		CHECK_NEAR(img->dpi_x, 0, 0);
	}
	image_free(img);
}

/* Each bad file: no image, exactly this message. */
static void
t_errors(void)
{
	static const struct {
		const char *name, *want;
	} cases[] = {
	{ "truncated.png", "content/sirt.md:12:5: error: the picture file "
	    "'" FIX "truncated.png' is cut short (incomplete); copy or export "
	    "it again from the original" },
	{ "badcrc.png", "content/sirt.md:12:5: error: the picture file '" FIX
	    "badcrc.png' is damaged and cannot be read (IDAT: CRC error); "
	    "export it again from the original" },
	{ "baddata.png", "content/sirt.md:12:5: error: the picture file '" FIX
	    "baddata.png' is damaged and cannot be read (IDAT: invalid "
	    "distance too far back); export it again from the original" },
	{ "badchunk.png", "content/sirt.md:12:5: error: the picture file '"
	    FIX "badchunk.png' is damaged and cannot be read (ID[40]T: invalid "
	    "chunk type); export it again from the original" },
	{ "notes.png", "content/sirt.md:12:5: error: '" FIX "notes.png' is "
	    "not a PNG picture (it looks like plain text); replace it with a "
	    "real PNG or JPEG picture" },
	{ "fake.jpg", "content/sirt.md:12:5: error: '" FIX "fake.jpg' is not "
	    "a JPEG picture (it looks like a web page (HTML)); replace it with "
	    "a real PNG or JPEG picture" },
	{ "truncated.jpg", "content/sirt.md:12:5: error: the picture file '"
	    FIX "truncated.jpg' is cut short (incomplete); copy or export it "
	    "again from the original" },
	{ "photo-really-jpeg.png", "content/sirt.md:12:5: error: '" FIX
	    "photo-really-jpeg.png' is not a PNG picture (it looks like a JPEG "
	    "picture); give the file the right ending (.png or .jpg)" },
	{ "rgb-really-png.jpg", "content/sirt.md:12:5: error: '" FIX
	    "rgb-really-png.jpg' is not a JPEG picture (it looks like a PNG "
	    "picture); give the file the right ending (.png or .jpg)" },
	{ "twelvebit.jpg", "content/sirt.md:12:5: error: '" FIX
	    "twelvebit.jpg' is a 12-bit JPEG, which PDF readers cannot show; "
	    "save it again as an ordinary 8-bit JPEG" },
	{ "huge-side.png", "content/sirt.md:12:5: error: the picture '" FIX
	    "huge-side.png' is too large (20000 x 300 pixels, at most 10000 x "
	    "10000); make it smaller: 2500 pixels across is plenty for a "
	    "printed page" },
	{ "huge-area.png", "content/sirt.md:12:5: error: the picture '" FIX
	    "huge-area.png' is too large to handle (309 MB once unpacked, at "
	    "most 100 MB); make it smaller: 2500 pixels across is plenty for a "
	    "printed page" },
	{ "missing.png", "content/sirt.md:12:5: error: cannot open the "
	    "picture file '" FIX "missing.png' (No such file or directory); "
	    "check the file name and that the file is where the name says" },
	{ "mkimages.c", "content/sirt.md:12:5: error: '" FIX "mkimages.c' is "
	    "not a PNG or JPEG picture (it looks like plain text); convert it "
	    "to PNG or JPEG" },
	};
	struct image *img;
	unsigned before;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		before = diag_count(DIAG_ERROR);
		img = load(cases[i].name);
		CHECK(img == NULL);
		CHECK_STR(msg, cases[i].want);
		CHECK_INT(diag_count(DIAG_ERROR), before + 1);
		image_free(img);
	}
}

/* Every prefix and many single-byte corruptions of real files must give
 * an image or one error, never a crash (run under ASan). */
static void
t_robust(void)
{
	static const char *const names[] = {
		"rgb.png", "interlaced.png", "palette.png", "rgb16.png",
		"photo.jpg", "progressive.jpg"
	};
	unsigned char *p, *q;
	struct image *img;
	unsigned before, bad = 0;
	size_t len, i, k;

	diag_set_quiet(1);
	for (k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		if ((p = slurp(names[k], &len)) == NULL) {
			CHECK(p != NULL);
			continue;
		}
		q = malloc(len);
		for (i = 0; i < len; i++) {
			before = diag_count(DIAG_ERROR);
			img = image_load_mem(p, i, "x.md", 1, 1);
			/* a prefix is never a whole picture */
			if (img != NULL || diag_count(DIAG_ERROR) != before + 1)
				bad++;
			image_free(img);

			memcpy(q, p, len);
			q[i] ^= 0xa5;
			before = diag_count(DIAG_ERROR);
			img = image_load_mem(q, len, "x.md", 1, 1);
			if ((img == NULL) != (diag_count(DIAG_ERROR) ==
			    before + 1))
				bad++;
			image_free(img);
		}
		free(q);
		free(p);
	}
	diag_set_quiet(0);
	CHECK_INT(bad, 0);
}

int
main(void)
{
	t_rgb();
	t_interlaced();
	t_rgba();
	t_gray();
	t_palette();
	t_16bit();
	t_jpeg();
	t_errors();
	t_robust();
	return harness_done("t_image");
}
