/*
 * Unit tests of the UTF-8 decoder: every length, and every kind of bad
 * sequence (overlong, surrogate, out of range, truncated, stray
 * continuation byte).
 */
#include <string.h>

#include "harness.h"
#include "utf8.h"

static long
first(const char *s, size_t len, size_t *pos)
{
	*pos = 0;
	return utf8_next(s, len, pos);
}

static void
t_valid(void)
{
	size_t pos;

	CHECK_INT(first("A", 1, &pos), 0x41);
	CHECK_INT(pos, 1);
	CHECK_INT(first("\xC3\xA9", 2, &pos), 0xE9);		/* é */
	CHECK_INT(pos, 2);
	CHECK_INT(first("\xE2\x89\xA5", 3, &pos), 0x2265);	/* ≥ */
	CHECK_INT(pos, 3);
	CHECK_INT(first("\xE2\x81\xB9", 3, &pos), 0x2079);	/* ⁹ */
	CHECK_INT(first("\xF0\x9F\x98\x80", 4, &pos), 0x1F600);	/* emoji */
	CHECK_INT(pos, 4);
	CHECK_INT(first("\xF4\x8F\xBF\xBF", 4, &pos), 0x10FFFF);
	CHECK_INT(first("\xEF\xBB\xBF", 3, &pos), 0xFEFF);	/* BOM */
}

static void
t_invalid(void)
{
	size_t pos;

	/* each bad sequence gives -1 and moves on by one byte */
	CHECK_INT(first("\xC0\xAF", 2, &pos), -1);		/* overlong / */
	CHECK_INT(pos, 1);
	CHECK_INT(first("\xE0\x80\xAF", 3, &pos), -1);		/* overlong */
	CHECK_INT(first("\xF0\x80\x80\xAF", 4, &pos), -1);	/* overlong */
	CHECK_INT(first("\xED\xA0\x80", 3, &pos), -1);		/* surrogate */
	CHECK_INT(first("\xF4\x90\x80\x80", 4, &pos), -1);	/* > U+10FFFF */
	CHECK_INT(first("\xE2\x89", 2, &pos), -1);		/* truncated */
	CHECK_INT(pos, 1);
	CHECK_INT(first("\x80", 1, &pos), -1);			/* stray */
	CHECK_INT(first("\xE9t", 2, &pos), -1);			/* Latin-1 é */
	CHECK_INT(first("\xC3(", 2, &pos), -1);			/* bad cont. */
	CHECK_INT(first("\xF8\x88\x80\x80\x80", 5, &pos), -1);	/* 5 bytes */
	CHECK_INT(first("", 0, &pos), -1);
}

static void
t_count(void)
{
	const char *s = "caf\xC3\xA9 \xE2\x89\xA5 5";

	CHECK_INT(utf8_count(s, strlen(s)), 8);
	/* bad bytes count one each */
	CHECK_INT(utf8_count("a\xE9z", 3), 3);
	CHECK_INT(utf8_count("", 0), 0);
}

/* Walking a whole string resynchronises after a bad byte. */
static void
t_walk(void)
{
	const char *s = "A\xE9\xC3\xA9Z";
	size_t pos = 0, len = strlen(s);
	long got[8];
	int n = 0;

	while (pos < len && n < 8)
		got[n++] = utf8_next(s, len, &pos);
	CHECK_INT(n, 4);
	CHECK_INT(got[0], 'A');
	CHECK_INT(got[1], -1);
	CHECK_INT(got[2], 0xE9);
	CHECK_INT(got[3], 'Z');
}

int
main(void)
{
	t_valid();
	t_invalid();
	t_count();
	t_walk();
	return harness_done("t_utf8");
}
