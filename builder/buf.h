/*
 * buf: a growable byte string, NUL-terminated after init.  buf_take hands
 * the string over and leaves the buffer empty (p == NULL) but usable.
 */
#ifndef BUILDER_BUF_H
#define BUILDER_BUF_H

#include <stddef.h>

struct buf {
	char	*p;	/* NUL-terminated contents */
	size_t	 len;	/* bytes used, excluding the NUL */
	size_t	 cap;	/* bytes allocated */
};

void	 buf_init(struct buf *);
void	 buf_free(struct buf *);
void	 buf_reset(struct buf *);		/* len = 0, keeps memory */
/* Room for extra more bytes, exactly: for a size known beforehand. */
void	 buf_reserve(struct buf *, size_t extra);
void	 buf_add(struct buf *, const char *, size_t);
void	 buf_adds(struct buf *, const char *);
void	 buf_addc(struct buf *, char);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* Append v with the given decimals (0 to 5), rounded as printf's "%.*f"
 * rounds; trim: without trailing zeros ("1.5", "2"), as PDF numbers may be
 * written.  Several times faster than printf. */
void	 buf_add_fixed(struct buf *, double v, int decimals, int trim);
void	 buf_add_uint(struct buf *, unsigned long long);	/* decimal */
void	 buf_add_hex4(struct buf *, unsigned);	/* "%04X" */
/* Append code point cp encoded as UTF-8. */
void	 buf_add_utf8(struct buf *, unsigned int cp);
/* s with & < > " ' escaped for XML and HTML text and attribute values;
 * control characters other than tab and newline, which XML forbids, are
 * left out. */
void	 buf_add_xml(struct buf *, const char *s);
void	 buf_add_xml_n(struct buf *, const char *s, size_t n);
/* Hand the string over to the caller (who frees it); buf is re-initialised. */
char	*buf_take(struct buf *);

#endif
