/*
 * utf8: decoding and validation of UTF-8 text.
 */
#ifndef BUILDER_UTF8_H
#define BUILDER_UTF8_H

#include <stddef.h>

/* Decode the code point at s[*pos] (len bytes in s), advance *pos past it.
 * Returns the code point, or -1 for an invalid or truncated sequence
 * (then *pos advances by one byte).  Overlong forms and surrogates are
 * invalid. */
long	 utf8_next(const char *s, size_t len, size_t *pos);
/* Number of code points in s[0..len) (invalid bytes count one each). */
size_t	 utf8_count(const char *s, size_t len);
/* Replace *s (allocated) by a copy with typographic quotes and apostrophes
 * for straight ones, as smart punctuation gives Markdown text. */
void	 utf8_curl_quotes(char **s);

#endif
