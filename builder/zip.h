/*
 * zip: zlib-format compression (what a PDF's FlateDecode filter reads) of
 * whole buffers, with libdeflate.  The only module that includes it.
 *
 * Every stream leafpress compresses is in memory whole, so libdeflate's
 * whole-buffer compressor serves: on these files its level 6 is about
 * twice as fast as zlib's default level and a little smaller.  One
 * compressor is made per document and reused for all its streams.
 */
#ifndef BUILDER_ZIP_H
#define BUILDER_ZIP_H

#include <stddef.h>

struct buf;
struct zip;

/* A compressor; NULL if out of memory. */
struct zip	*zip_new(void);
void		 zip_free(struct zip *);

/* Append data[0..n) compressed to out.  Returns 0, or -1 on failure. */
int		 zip_add(struct zip *, struct buf *out, const void *data,
		    size_t n);

#endif
