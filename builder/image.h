/*
 * image: load PNG (through libpng) and JPEG (header checked by hand) images
 * into memory before they reach the PDF library.  The only module that
 * includes <png.h>.  libharu aborts the whole process on a corrupt PNG and
 * mishandles 16-bit ones, so PNGs are fully decoded here (16-bit reduced to
 * 8, palettes expanded, interlacing undone, alpha split off) and handed
 * over as raw pixels; JPEGs are checked (markers, frame header, end of
 * image, and every compressed scan through libjpeg) and passed through as
 * DCT data, with their EXIF orientation.
 */
#ifndef BUILDER_IMAGE_H
#define BUILDER_IMAGE_H

#include <stddef.h>

enum image_kind { IMAGE_RAW, IMAGE_JPEG };

struct image {
	enum image_kind	 kind;
	int		 width, height;	/* pixels */
	int		 components;	/* 1 gray, 3 RGB (JPEG: 4 CMYK too) */
	unsigned char	*pixels;	/* RAW: width*height*components bytes */
	unsigned char	*alpha;		/* RAW: width*height bytes or NULL */
	unsigned char	*data;		/* JPEG: the file bytes */
	size_t		 len;		/* JPEG: bytes in data */
	double		 dpi_x, dpi_y;	/* from pHYs/JFIF, 0 if unknown */
	int		 orient;	/* JPEG: EXIF orientation 1-8 (0 or 1:
					   as stored); width and height are
					   as shown, after turning */
};

/* Pictures one document may hold in memory until its PDF is written:
 * more is an error at the picture that goes over. */
#define IMAGE_DOC_BUDGET	(160u << 20)

/*
 * Load path.  Problems are reported via diag at file:line:col (the place in
 * the content that names the image), in plain words: missing file, not a
 * PNG/JPEG whatever its name says, truncated, corrupt, too large
 * (> 10000 x 10000).  Returns NULL after reporting.
 */
struct image	*image_load(const char *path, const char *file, int line,
		    int col);
/* The same from memory (used by the fuzzer). */
struct image	*image_load_mem(const unsigned char *data, size_t len,
		    const char *file, int line, int col);
/* Bytes img holds in memory (pixels, mask, JPEG data). */
size_t		 image_bytes(const struct image *);
void		 image_free(struct image *);

#endif
