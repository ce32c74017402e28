/*
 * image: read the pictures a document names and check them before the PDF
 * device sees them.  PNGs are decoded completely with libpng (a damaged
 * PNG handed to libharu would abort the whole process, and libharu writes
 * 16-bit ones wrongly); JPEGs are walked marker by marker so that a cut-off
 * or mislabelled file is reported here, in words, instead of producing a
 * broken page.  The type is decided by the bytes, never by the name alone.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <png.h>
#include <jpeglib.h>

#include "diag.h"
#include "image.h"
#include "source.h"
#include "xalloc.h"

#define MAX_SIDE	10000			/* pixels, either way */
#define MAX_DECODED	(100u * 1024 * 1024)	/* bytes, pixels + alpha */
#define MAX_FILE	(100u * 1024 * 1024)	/* bytes read from disk */
#define JPEG_MAX_MEMORY	(256L * 1024 * 1024)	/* libjpeg's working memory */

enum pictype { PIC_UNKNOWN, PIC_PNG, PIC_JPEG };

/* Where a message goes and what it calls the picture. */
struct where {
	const char	*name;		/* the picture's path, for messages */
	const char	*file;		/* content file naming it */
	int		 line, col;
};

/* libpng state that must survive a longjmp out of the decoder. */
struct pngctx {
	const unsigned char *data;
	size_t		 len, pos;
	int		 eof;		/* the decoder read past the end */
	char		 msg[160];	/* libpng's complaint */
	jmp_buf		 jb;
	unsigned char	*buf;		/* interleaved rows */
	png_bytep	*rows;
	struct image	*img;
};

static enum pictype	 sniff(const unsigned char *, size_t);
static const char	*describe(const unsigned char *, size_t);
static enum pictype	 by_name(const char *);
static int		 too_large(const struct where *, unsigned long,
			    unsigned long, unsigned);
static void		 cut_short(const struct where *);
static struct image	*load_png(const unsigned char *, size_t,
			    const struct where *);
static struct image	*load_jpeg(const unsigned char *, size_t,
			    const struct where *);
static struct image	*decode(const unsigned char *, size_t,
			    const struct where *);

static enum pictype
sniff(const unsigned char *p, size_t len)
{
	static const unsigned char png_magic[8] = {
		0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'
	};

	if (len >= 8 && memcmp(p, png_magic, 8) == 0)
		return PIC_PNG;
	if (len >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
		return PIC_JPEG;
	return PIC_UNKNOWN;
}

/* What the bytes look like, for "(it looks like ...)" in messages. */
static const char *
describe(const unsigned char *p, size_t len)
{
	size_t i, n, ctrl;

	if (len == 0)
		return "an empty file";
	switch (sniff(p, len)) {
	case PIC_PNG:
		return "a PNG picture";
	case PIC_JPEG:
		return "a JPEG picture";
	default:
		break;
	}
	if (len >= 4 && memcmp(p, "GIF8", 4) == 0)
		return "a GIF picture";
	if (len >= 12 && memcmp(p, "RIFF", 4) == 0 &&
	    memcmp(p + 8, "WEBP", 4) == 0)
		return "a WebP picture";
	if (len >= 4 && (memcmp(p, "II*\0", 4) == 0 ||
	    memcmp(p, "MM\0*", 4) == 0))
		return "a TIFF picture";
	if (len >= 2 && p[0] == 'B' && p[1] == 'M')
		return "a BMP picture";
	if (len >= 5 && memcmp(p, "%PDF-", 5) == 0)
		return "a PDF document";
	if (len >= 12 && memcmp(p + 4, "ftyp", 4) == 0 &&
	    (memcmp(p + 8, "heic", 4) == 0 || memcmp(p + 8, "heix", 4) == 0 ||
	    memcmp(p + 8, "mif1", 4) == 0))
		return "a HEIC photo";
	/* Text: skip a BOM and leading blanks, then look at the start. */
	i = 0;
	if (len >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
		i = 3;
	while (i < len && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' ||
	    p[i] == '\n'))
		i++;
	if (len - i >= 4 && strncasecmp((const char *)p + i, "<svg", 4) == 0)
		return "an SVG drawing";
	if (len - i >= 5 && strncasecmp((const char *)p + i, "<?xml", 5) == 0)
		return "an XML file (perhaps an SVG drawing)";
	if (len - i >= 5 &&
	    (strncasecmp((const char *)p + i, "<!doc", 5) == 0 ||
	    strncasecmp((const char *)p + i, "<html", 5) == 0))
		return "a web page (HTML)";
	n = len < 512 ? len : 512;
	for (i = ctrl = 0; i < n; i++)
		if (p[i] == 0 || (p[i] < 0x20 && p[i] != '\t' &&
		    p[i] != '\n' && p[i] != '\r'))
			ctrl++;
	if (ctrl == 0)
		return "plain text";
	return "data of an unknown kind";
}

static enum pictype
by_name(const char *name)
{
	const char *dot = strrchr(name, '.');

	if (dot == NULL || strchr(dot, '/') != NULL)
		return PIC_UNKNOWN;
	if (strcasecmp(dot, ".png") == 0)
		return PIC_PNG;
	if (strcasecmp(dot, ".jpg") == 0 || strcasecmp(dot, ".jpeg") == 0 ||
	    strcasecmp(dot, ".jpe") == 0)
		return PIC_JPEG;
	return PIC_UNKNOWN;
}

/* Report and return 1 if w x h pixels of bpp bytes each are too many. */
static int
too_large(const struct where *at, unsigned long w, unsigned long h,
    unsigned bpp)
{
	unsigned long long bytes;

	if (w > MAX_SIDE || h > MAX_SIDE) {
		diag_error(at->file, at->line, at->col,
		    "the picture '%s' is too large (%lu x %lu pixels, at most "
		    "%d x %d); make it smaller: 2500 pixels across is plenty "
		    "for a printed page", at->name, w, h, MAX_SIDE, MAX_SIDE);
		return 1;
	}
	bytes = (unsigned long long)w * h * bpp;
	if (bytes > MAX_DECODED) {
		diag_error(at->file, at->line, at->col,
		    "the picture '%s' is too large to handle (%llu MB once "
		    "unpacked, at most %u MB); make it smaller: 2500 pixels "
		    "across is plenty for a printed page", at->name,
		    (bytes + (1u << 20) - 1) >> 20, MAX_DECODED >> 20);
		return 1;
	}
	return 0;
}

static void
cut_short(const struct where *at)
{
	diag_error(at->file, at->line, at->col,
	    "the picture file '%s' is cut short (incomplete); copy or export "
	    "it again from the original", at->name);
}

/* PNG */

static void
png_read_mem(png_structp png, png_bytep out, size_t n)
{
	struct pngctx *c = png_get_io_ptr(png);

	if (n > c->len - c->pos) {
		c->eof = 1;
		png_error(png, "unexpected end of file");
	}
	memcpy(out, c->data + c->pos, n);
	c->pos += n;
}

static void
png_fail(png_structp png, png_const_charp msg)
{
	struct pngctx *c = png_get_error_ptr(png);

	snprintf(c->msg, sizeof(c->msg), "%s", msg);
	longjmp(c->jb, 1);
}

static void
png_quiet(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

static struct image *
load_png(const unsigned char *data, size_t len, const struct where *at)
{
	struct pngctx ctx, *c = &ctx;
	png_structp png;
	png_infop info;
	png_uint_32 w, h, resx, resy, y;
	int depth, ctype, unit, ch, i, opaque;
	size_t rowbytes, npix, k;
	struct image *img;

	memset(c, 0, sizeof(*c));
	c->data = data;
	c->len = len;
	png = png_create_read_struct(PNG_LIBPNG_VER_STRING, c, png_fail,
	    png_quiet);
	if (png == NULL) {
		diag_fatal(at->file, at->line, at->col,
		    "could not start the PNG reader for '%s'", at->name);
		return NULL;
	}
	info = png_create_info_struct(png);
	if (info == NULL) {
		png_destroy_read_struct(&png, NULL, NULL);
		diag_fatal(at->file, at->line, at->col,
		    "could not start the PNG reader for '%s'", at->name);
		return NULL;
	}
	if (setjmp(c->jb)) {
		/* Only c (not a local) changed after setjmp, so it is safe. */
		png_destroy_read_struct(&png, &info, NULL);
		free(c->rows);
		free(c->buf);
		image_free(c->img);
		if (c->eof)
			cut_short(at);
		else
			diag_error(at->file, at->line, at->col,
			    "the picture file '%s' is damaged and cannot be "
			    "read (%s); export it again from the original",
			    at->name, c->msg);
		return NULL;
	}
	png_set_read_fn(png, c, png_read_mem);
	png_read_info(png, info);
	png_get_IHDR(png, info, &w, &h, &depth, &ctype, NULL, NULL, NULL);
	if (too_large(at, w, h,
	    (ctype & PNG_COLOR_MASK_COLOR ? 3 : 1) +
	    (ctype & PNG_COLOR_MASK_ALPHA ||
	    png_get_valid(png, info, PNG_INFO_tRNS) ? 1 : 0))) {
		png_destroy_read_struct(&png, &info, NULL);
		return NULL;
	}
	if (depth == 16)
		png_set_scale_16(png);
	if (ctype == PNG_COLOR_TYPE_PALETTE)
		png_set_palette_to_rgb(png);
	if (ctype == PNG_COLOR_TYPE_GRAY && depth < 8)
		png_set_expand_gray_1_2_4_to_8(png);
	if (png_get_valid(png, info, PNG_INFO_tRNS))
		png_set_tRNS_to_alpha(png);
	png_set_interlace_handling(png);
	png_read_update_info(png, info);
	ch = png_get_channels(png, info);
	rowbytes = png_get_rowbytes(png, info);
	if (rowbytes != (size_t)w * ch || ch < 1 || ch > 4)
		png_error(png, "unexpected pixel layout");

	c->buf = xmalloc(rowbytes * h);
	c->rows = xreallocarray(NULL, h, sizeof(*c->rows));
	for (y = 0; y < h; y++)
		c->rows[y] = c->buf + (size_t)y * rowbytes;
	png_read_image(png, c->rows);
	png_read_end(png, NULL);

	c->img = img = xcalloc(1, sizeof(*img));
	img->kind = IMAGE_RAW;
	img->width = (int)w;
	img->height = (int)h;
	img->components = ch >= 3 ? 3 : 1;
	npix = (size_t)w * h;
	img->pixels = xmalloc(npix * img->components);
	if (ch == 2 || ch == 4) {
		img->alpha = xmalloc(npix);
		opaque = 1;
		for (k = 0; k < npix; k++) {
			for (i = 0; i < img->components; i++)
				img->pixels[k * img->components + i] =
				    c->buf[k * ch + i];
			img->alpha[k] = c->buf[k * ch + ch - 1];
			if (img->alpha[k] != 0xff)
				opaque = 0;
		}
		/* A mask that hides nothing would only cost a stream. */
		if (opaque) {
			free(img->alpha);
			img->alpha = NULL;
		}
	} else
		memcpy(img->pixels, c->buf, npix * ch);

	if (png_get_pHYs(png, info, &resx, &resy, &unit) &&
	    unit == PNG_RESOLUTION_METER) {
		img->dpi_x = resx * 0.0254;
		img->dpi_y = resy * 0.0254;
	}
	png_destroy_read_struct(&png, &info, NULL);
	free(c->rows);
	free(c->buf);
	return img;
}

/* JPEG */

/* The EXIF orientation (1-8) in an APP1 segment's data, 1 if none. */
static int
exif_orientation(const unsigned char *d, size_t n)
{
	size_t ifd, count, i, e;
	int le;

#define U16(p) (le ? (unsigned)(p)[0] | (unsigned)(p)[1] << 8 : \
	    (unsigned)(p)[0] << 8 | (unsigned)(p)[1])
#define U32(p) (le ? (size_t)(p)[0] | (size_t)(p)[1] << 8 | \
	    (size_t)(p)[2] << 16 | (size_t)(p)[3] << 24 : \
	    (size_t)(p)[0] << 24 | (size_t)(p)[1] << 16 | \
	    (size_t)(p)[2] << 8 | (size_t)(p)[3])
	if (n < 14 || memcmp(d, "Exif\0\0", 6) != 0)
		return 1;
	d += 6;				/* the TIFF header */
	n -= 6;
	if (memcmp(d, "II*\0", 4) == 0)
		le = 1;
	else if (memcmp(d, "MM\0*", 4) == 0)
		le = 0;
	else
		return 1;
	ifd = U32(d + 4);
	if (ifd > n - 2)
		return 1;
	count = U16(d + ifd);
	for (i = 0; i < count; i++) {
		e = ifd + 2 + 12 * i;	/* n may be under 12: no n - 12 */
		if (e + 12 > n)
			break;
		if (U16(d + e) == 0x0112 && U16(d + e + 2) == 3) {
			unsigned v = U16(d + e + 8);

			return v >= 1 && v <= 8 ? (int)v : 1;
		}
	}
	return 1;
#undef U16
#undef U32
}

/* libjpeg state for a check decode. */
struct jpegctx {
	struct jpeg_error_mgr	 err;
	jmp_buf			 jb;
	char			 msg[JMSG_LENGTH_MAX];
	int			 warned;	/* corrupt data seen */
};

static void
jpeg_fail(j_common_ptr j)
{
	struct jpegctx *c = (struct jpegctx *)j->err;

	(*j->err->format_message)(j, c->msg);
	longjmp(c->jb, 1);
}

static void
jpeg_note(j_common_ptr j, int level)
{
	struct jpegctx *c = (struct jpegctx *)j->err;

	/* -1: a warning, which for libjpeg means damaged data */
	if (level < 0 && !c->warned) {
		c->warned = 1;
		(*j->err->format_message)(j, c->msg);
	}
}

/*
 * Decode the whole picture (at 1/8 scale: every Huffman code is still
 * read, the inverse transforms are not) so that damage inside the
 * compressed scan, which the marker walk cannot see and PDF readers warn
 * about or draw as grey blocks, is refused here.  0 if clean.
 */
static int
jpeg_verify(const unsigned char *p, size_t len, const struct where *at)
{
	struct jpeg_decompress_struct d;
	struct jpegctx c;
	JSAMPARRAY row;

	memset(&d, 0, sizeof(d));
	memset(&c, 0, sizeof(c));
	d.err = jpeg_std_error(&c.err);
	c.err.error_exit = jpeg_fail;
	c.err.emit_message = jpeg_note;
	if (setjmp(c.jb)) {
		jpeg_destroy_decompress(&d);
		diag_error(at->file, at->line, at->col,
		    "the picture file '%s' is damaged and cannot be read (%s); "
		    "export it again from the original", at->name, c.msg);
		return -1;
	}
	jpeg_create_decompress(&d);
	d.mem->max_memory_to_use = JPEG_MAX_MEMORY;
	jpeg_mem_src(&d, p, (unsigned long)len);
	jpeg_read_header(&d, TRUE);
	d.scale_num = 1;
	d.scale_denom = 8;
	d.dct_method = JDCT_IFAST;
	d.do_fancy_upsampling = FALSE;
	jpeg_start_decompress(&d);
	row = (*d.mem->alloc_sarray)((j_common_ptr)&d, JPOOL_IMAGE,
	    d.output_width * (JDIMENSION)d.output_components, 1);
	while (d.output_scanline < d.output_height && !c.warned)
		jpeg_read_scanlines(&d, row, 1);
	if (!c.warned)
		jpeg_finish_decompress(&d);
	jpeg_destroy_decompress(&d);
	if (c.warned) {
		diag_error(at->file, at->line, at->col,
		    "the picture file '%s' is damaged: its compressed data is "
		    "corrupt (%s), and readers would show it broken or "
		    "warn; export it again from the original", at->name,
		    c.msg);
		return -1;
	}
	return 0;
}

static struct image *
load_jpeg(const unsigned char *p, size_t len, const struct where *at)
{
	size_t pos, seg, end;
	unsigned m, prec, nc, w = 0, h = 0, ncomp = 0;
	int frame = 0, scans = 0, orient = 1;
	double dx = 0, dy = 0;
	struct image *img;
	const char *what;

	pos = 2;		/* past SOI */
	for (;;) {
		if (pos >= len) {
			cut_short(at);
			return NULL;
		}
		if (p[pos] != 0xff)
			goto damaged;
		while (pos < len && p[pos] == 0xff)	/* fill bytes */
			pos++;
		if (pos >= len) {
			cut_short(at);
			return NULL;
		}
		m = p[pos++];
		if (m == 0xd9)				/* EOI */
			break;
		if (m == 0x01 || (m >= 0xd0 && m <= 0xd7))
			continue;			/* no length */
		if (m == 0x00 || m == 0xd8)
			goto damaged;
		if (len - pos < 2) {
			cut_short(at);
			return NULL;
		}
		seg = (size_t)p[pos] << 8 | p[pos + 1];
		if (seg < 2)
			goto damaged;
		if (len - pos < seg) {
			cut_short(at);
			return NULL;
		}
		end = pos + seg;

		if (m == 0xe0 && seg >= 14 &&
		    memcmp(p + pos + 2, "JFIF", 5) == 0) {
			unsigned units = p[pos + 9];
			unsigned xd = (unsigned)p[pos + 10] << 8 | p[pos + 11];
			unsigned yd = (unsigned)p[pos + 12] << 8 | p[pos + 13];

			if (units == 1) {
				dx = xd;
				dy = yd;
			} else if (units == 2) {
				dx = xd * 2.54;
				dy = yd * 2.54;
			}
		} else if (m == 0xe1 && orient == 1)
			orient = exif_orientation(p + pos + 2, seg - 2);
		else if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 &&
		    m != 0xcc) {
			if (frame)
				goto damaged;
			frame = 1;
			if (m != 0xc0 && m != 0xc1 && m != 0xc2) {
				what = m == 0xc3 || m == 0xc7 || m == 0xcb ||
				    m == 0xcf ? "lossless" : m >= 0xc9 ?
				    "arithmetic-coded" : "hierarchical";
				diag_error(at->file, at->line, at->col,
				    "'%s' is a %s JPEG, which PDF readers "
				    "cannot all show; save it again as an "
				    "ordinary JPEG", at->name, what);
				return NULL;
			}
			if (seg < 8)
				goto damaged;
			prec = p[pos + 2];
			h = (unsigned)p[pos + 3] << 8 | p[pos + 4];
			w = (unsigned)p[pos + 5] << 8 | p[pos + 6];
			nc = p[pos + 7];
			if (seg < 8 + 3 * (size_t)nc)
				goto damaged;
			if (prec != 8) {
				diag_error(at->file, at->line, at->col,
				    "'%s' is a %u-bit JPEG, which PDF readers "
				    "cannot show; save it again as an "
				    "ordinary 8-bit JPEG", at->name, prec);
				return NULL;
			}
			if (nc != 1 && nc != 3 && nc != 4) {
				diag_error(at->file, at->line, at->col,
				    "'%s' is a JPEG with %u colour channels, "
				    "which PDF readers cannot show; save it "
				    "again as an ordinary colour or grey JPEG",
				    at->name, nc);
				return NULL;
			}
			if (w == 0 || h == 0)
				goto damaged;
			if (too_large(at, w, h, nc))
				return NULL;
			ncomp = nc;
		} else if (m == 0xda) {			/* SOS */
			if (!frame)
				goto damaged;
			scans++;
			/* Entropy-coded data runs to the next real marker. */
			pos = end;
			for (;;) {
				if (pos + 1 >= len) {
					cut_short(at);
					return NULL;
				}
				m = p[pos + 1];
				if (p[pos] == 0xff && m != 0x00 && m != 0xff &&
				    !(m >= 0xd0 && m <= 0xd7))
					break;
				pos++;
			}
			continue;
		}
		pos = end;
	}
	if (!frame || scans == 0)
		goto damaged;
	if (jpeg_verify(p, len, at) != 0)
		return NULL;

	img = xcalloc(1, sizeof(*img));
	img->kind = IMAGE_JPEG;
	img->width = (int)w;
	img->height = (int)h;
	img->components = (int)ncomp;
	img->len = len;
	img->data = xmalloc(len);
	memcpy(img->data, p, len);
	img->dpi_x = dx;
	img->dpi_y = dy;
	img->orient = orient;
	if (orient >= 5) {	/* turned a quarter: the sides swap */
		img->width = (int)h;
		img->height = (int)w;
		img->dpi_x = dy;
		img->dpi_y = dx;
	}
	return img;

damaged:
	diag_error(at->file, at->line, at->col,
	    "the picture file '%s' is damaged and cannot be read (not a "
	    "valid JPEG structure); export it again from the original",
	    at->name);
	return NULL;
}

static struct image *
decode(const unsigned char *data, size_t len, const struct where *at)
{
	enum pictype got = sniff(data, len), want = by_name(at->name);
	static const char *const names[] = { "", "PNG", "JPEG" };

	if (want != PIC_UNKNOWN && got != want) {
		diag_error(at->file, at->line, at->col,
		    "'%s' is not a %s picture (it looks like %s); %s",
		    at->name, names[want], describe(data, len),
		    got != PIC_UNKNOWN ?
		    "give the file the right ending (.png or .jpg)" :
		    "replace it with a real PNG or JPEG picture");
		return NULL;
	}
	switch (got) {
	case PIC_PNG:
		return load_png(data, len, at);
	case PIC_JPEG:
		return load_jpeg(data, len, at);
	default:
		break;
	}
	diag_error(at->file, at->line, at->col,
	    "'%s' is not a PNG or JPEG picture (it looks like %s); convert it "
	    "to PNG or JPEG", at->name, describe(data, len));
	return NULL;
}

struct image *
image_load(const char *path, const char *file, int line, int col)
{
	struct where at = { path, file, line, col };
	struct image *img;
	char *data;
	size_t len;

	if (source_slurp(path, MAX_FILE, &data, &len) == -1) {
		if (errno == EFBIG)
			diag_error(file, line, col,
			    "the picture file '%s' is too large (more than "
			    "%u MB); make it smaller", path, MAX_FILE >> 20);
		else
			diag_error(file, line, col,
			    "cannot open the picture file '%s' (%s); check "
			    "the file name and that the file is where the "
			    "name says", path, source_strerror(errno));
		return NULL;
	}
	img = decode((const unsigned char *)data, len, &at);
	free(data);
	return img;
}

struct image *
image_load_mem(const unsigned char *data, size_t len, const char *file,
    int line, int col)
{
	struct where at = { "(picture in memory)", file, line, col };

	return decode(data, len, &at);
}

size_t
image_bytes(const struct image *img)
{
	size_t npix;

	if (img == NULL)
		return 0;
	npix = (size_t)img->width * (size_t)img->height;
	return (img->pixels != NULL ? npix * (size_t)img->components : 0) +
	    (img->alpha != NULL ? npix : 0) + img->len;
}

void
image_free(struct image *img)
{
	if (img == NULL)
		return;
	free(img->pixels);
	free(img->alpha);
	free(img->data);
	free(img);
}
