/*
 * utf8: a strict UTF-8 decoder (RFC 3629).
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "utf8.h"
#include "xalloc.h"

long
utf8_next(const char *str, size_t len, size_t *pos)
{
	const unsigned char *s = (const unsigned char *)str + *pos;
	size_t avail = len - *pos;
	unsigned long cp, min;
	size_t n, i;

	if (avail == 0)
		return -1;
	if (s[0] < 0x80) {
		*pos += 1;
		return s[0];
	} else if ((s[0] & 0xE0) == 0xC0) {
		n = 2; cp = s[0] & 0x1F; min = 0x80;
	} else if ((s[0] & 0xF0) == 0xE0) {
		n = 3; cp = s[0] & 0x0F; min = 0x800;
	} else if ((s[0] & 0xF8) == 0xF0) {
		n = 4; cp = s[0] & 0x07; min = 0x10000;
	} else {
		*pos += 1;
		return -1;
	}
	if (avail < n) {
		*pos += 1;
		return -1;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*pos += 1;
			return -1;
		}
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
		*pos += 1;
		return -1;
	}
	*pos += n;
	return (long)cp;
}

size_t
utf8_count(const char *s, size_t len)
{
	size_t pos = 0, n = 0;

	while (pos < len) {
		if ((unsigned char)s[pos] < 0x80)	/* without a call */
			pos++;
		else
			utf8_next(s, len, &pos);
		n++;
	}
	return n;
}

void
utf8_curl_quotes(char **sp)
{
	const char *s = *sp;
	struct buf b;
	size_t i;
	int open;

	if (s == NULL || strpbrk(s, "'\"") == NULL)
		return;
	buf_init(&b);
	for (i = 0; s[i] != '\0'; i++) {
		/* opening after a space or bracket, closing elsewhere (an
		 * apostrophe closes: "patient's") */
		open = i == 0 || s[i - 1] == ' ' || s[i - 1] == '(' ||
		    s[i - 1] == '[';
		if (s[i] == '\'')
			buf_adds(&b, open ? "\xe2\x80\x98" : "\xe2\x80\x99");
		else if (s[i] == '"')
			buf_adds(&b, open ? "\xe2\x80\x9c" : "\xe2\x80\x9d");
		else
			buf_addc(&b, s[i]);
	}
	free(*sp);
	*sp = buf_take(&b);
	buf_free(&b);
}
