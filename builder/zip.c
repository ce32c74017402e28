/*
 * zip: whole-buffer zlib-format compression with libdeflate (see zip.h).
 */
#include <stdlib.h>

#include <libdeflate.h>

#include "buf.h"
#include "xalloc.h"
#include "zip.h"

/* libdeflate's levels 1-12; 6 is zlib's default.  Measured on the
 * shipped set: level 9 saves 1.7% of the bytes for 12% more time, level
 * 4 costs 6.6% more bytes. */
#define LEVEL	6

struct zip {
	struct libdeflate_compressor *c;
	unsigned char	*out;		/* room for the worst case */
	size_t		 cap;
};

struct zip *
zip_new(void)
{
	struct zip *z = xcalloc(1, sizeof(*z));

	if ((z->c = libdeflate_alloc_compressor(LEVEL)) == NULL) {
		free(z);
		return NULL;
	}
	return z;
}

void
zip_free(struct zip *z)
{
	if (z == NULL)
		return;
	libdeflate_free_compressor(z->c);
	free(z->out);
	free(z);
}

int
zip_add(struct zip *z, struct buf *out, const void *data, size_t n)
{
	size_t bound, got;

	bound = libdeflate_zlib_compress_bound(z->c, n);
	if (bound > z->cap) {
		free(z->out);
		z->cap = bound;
		z->out = xmalloc(z->cap);
	}
	got = libdeflate_zlib_compress(z->c, data, n, z->out, z->cap);
	if (got == 0)
		return -1;
	buf_add(out, (const char *)z->out, got);
	return 0;
}
