/*
 * buf: growable byte strings.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

#include "buf.h"
#include "xalloc.h"

void
buf_init(struct buf *b)
{
	b->cap = 32;
	b->p = xmalloc(b->cap);
	b->p[0] = '\0';
	b->len = 0;
}

void
buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->p != NULL)
		b->p[0] = '\0';
}

static void
reserve(struct buf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	while (b->len + extra + 1 > b->cap)
		b->cap += b->cap / 2 + 16;
	b->p = xrealloc(b->p, b->cap);
}

void
buf_reserve(struct buf *b, size_t extra)
{
	if (b->len + extra + 1 > b->cap) {
		b->cap = b->len + extra + 1;
		b->p = xrealloc(b->p, b->cap);
	}
}

void
buf_add(struct buf *b, const char *s, size_t len)
{
	reserve(b, len);
	memcpy(b->p + b->len, s, len);
	b->len += len;
	b->p[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	/* straight into the free space; again only if that was short */
	reserve(b, 64);
	va_start(ap, fmt);
	n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n <= 0) {
		b->p[b->len] = '\0';
		return;
	}
	if ((size_t)n >= b->cap - b->len) {
		reserve(b, (size_t)n);
		va_start(ap, fmt);
		vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

void
buf_add_fixed(struct buf *b, double v, int decimals, int trim)
{
	static const double scale[] = { 1, 10, 100, 1000, 10000, 100000 };
	char tmp[48], *e = tmp + sizeof(tmp), *p = e;
	unsigned long long n;
	double r;
	int neg, d = decimals;

	if (decimals < 0 || decimals > 5 || !(fabs(v) < 1e12)) {
		buf_printf(b, "%.*f", decimals < 0 ? 0 : decimals, v);
		return;
	}
	r = nearbyint(v * scale[decimals]);	/* ties to even, as printf */
	neg = r < 0;
	n = (unsigned long long)(neg ? -r : r);
	if (n == 0)
		neg = 0;			/* no "-0" */
	if (trim)
		for (; d > 0 && n % 10 == 0; d--)
			n /= 10;
	for (; d > 0; d--, n /= 10)
		*--p = (char)('0' + n % 10);
	if (p != e)
		*--p = '.';
	do
		*--p = (char)('0' + n % 10);
	while ((n /= 10) != 0);
	if (neg)
		*--p = '-';
	buf_add(b, p, (size_t)(e - p));
}

/* What printf's "%llu" writes, without printf: numbers in PDF object
 * headers and cross-references are written by the thousand. */
void
buf_add_uint(struct buf *b, unsigned long long n)
{
	char tmp[24], *e = tmp + sizeof(tmp), *p = e;

	do
		*--p = (char)('0' + n % 10);
	while ((n /= 10) != 0);
	buf_add(b, p, (size_t)(e - p));
}

/* What printf's "%04X" writes for n up to 0xFFFF; more digits above. */
void
buf_add_hex4(struct buf *b, unsigned n)
{
	static const char hex[] = "0123456789ABCDEF";
	char tmp[8], *e = tmp + sizeof(tmp), *p = e;

	do
		*--p = hex[n & 15];
	while ((n >>= 4) != 0);
	while (e - p < 4)
		*--p = '0';
	buf_add(b, p, (size_t)(e - p));
}

void
buf_add_utf8(struct buf *b, unsigned int cp)
{
	char s[4];
	size_t n;

	if (cp < 0x80) {
		s[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		s[0] = (char)(0xC0 | (cp >> 6));
		s[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		s[0] = (char)(0xE0 | (cp >> 12));
		s[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		s[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		s[0] = (char)(0xF0 | (cp >> 18));
		s[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		s[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		s[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	buf_add(b, s, n);
}

char *
buf_take(struct buf *b)
{
	char *p = b->p;

	/* leave the buffer empty without allocating: it may not be used
	 * again, and then there is nothing to free */
	b->p = NULL;
	b->len = b->cap = 0;
	return p != NULL ? p : xstrdup("");
}

void
buf_add_xml(struct buf *b, const char *s)
{
	if (s != NULL)
		buf_add_xml_n(b, s, strlen(s));
}

/* Runs of characters that need no escaping are added whole. */
void
buf_add_xml_n(struct buf *b, const char *s, size_t n)
{
	size_t i, run = 0;
	unsigned char c;

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c >= 0x20 && c != '&' && c != '<' && c != '>' &&
		    c != '"' && c != '\'')
			continue;
		if (i > run)
			buf_add(b, s + run, i - run);
		run = i + 1;
		switch (c) {
		case '&':
			buf_adds(b, "&amp;");
			break;
		case '<':
			buf_adds(b, "&lt;");
			break;
		case '>':
			buf_adds(b, "&gt;");
			break;
		case '"':
			buf_adds(b, "&quot;");
			break;
		case '\'':
			buf_adds(b, "&apos;");
			break;
		case '\t':
		case '\n':
			buf_addc(b, (char)c);
			break;
		default:	/* other control characters: left out */
			break;
		}
	}
	if (n > run)
		buf_add(b, s + run, n - run);
}
