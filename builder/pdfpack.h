/*
 * pdfpack: make a finished PDF small.  libharu writes every dictionary and
 * array as a plain-text object (in a tagged booklet: structure elements,
 * link annotations, the outline, most of the file) and a plain xref
 * table.  pdfpack rewrites the file the PDF library wrote with every
 * object that is not a stream packed into compressed object streams and a
 * compressed cross-reference stream (PDF 1.5 and later), stream objects
 * compressed (zip.h) unless they are already.
 */
#ifndef BUILDER_PDFPACK_H
#define BUILDER_PDFPACK_H

#include <stddef.h>

struct zip;

/*
 * Rewrite the PDF in[0..len) packed.  The ndeflated stream objects
 * numbered in deflated[] hold data the caller compressed in zlib format
 * already, without saying so in their dictionaries (the PDF library
 * cannot): they are marked /FlateDecode and copied.  Returns 0 and sets
 * *out (caller frees) and *outlen; returns 1 if the input is not laid out
 * the way the PDF library writes files or a deflated[] number is not a
 * stream without a filter, -1 if out of compression memory.  Output
 * depends on the input only.  zip is the caller's compressor (the one
 * that compressed the pages: a compressor is most of a document's memory).
 */
int	 pdfpack(const unsigned char *in, size_t len,
	    const unsigned *deflated, size_t ndeflated, struct zip *zip,
	    unsigned char **out, size_t *outlen);

#endif
