/*
 * Unit tests of buf's number writer: the same digits as printf's "%.*f"
 * (the PDF writer relied on printf before), trailing zeros dropped when
 * asked, never "-0", integers as printf writes them, and buf_printf past
 * the free space.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "harness.h"

static const char *
fixed(struct buf *b, double v, int decimals, int trim)
{
	buf_reset(b);
	buf_add_fixed(b, v, decimals, trim);
	return b->p;
}

/* For many values, as printf writes them (a printf "-0.00" aside). */
static void
t_as_printf(void)
{
	struct buf b;
	char want[64];
	double v;
	int d, i, bad = 0;
	unsigned seed = 12345;

	buf_init(&b);
	for (i = 0; i < 200000; i++) {
		seed = seed * 1103515245u + 12345u;
		v = ((double)(seed >> 8) / (1 << 24) - 0.5) * 2000.0;
		if (i % 4 == 0)		/* exact halves and quarters */
			v = (double)((int)(seed >> 16) - 32768) / 8.0;
		for (d = 0; d <= 4; d++) {
			snprintf(want, sizeof(want), "%.*f", d, v);
			if (strncmp(want, "-0", 2) == 0 &&
			    strspn(want + 1, "0.") == strlen(want + 1))
				memmove(want, want + 1, strlen(want));
			if (strcmp(fixed(&b, v, d, 0), want) != 0 &&
			    bad++ < 5)
				fprintf(stderr, "%.17g, %d decimals: %s, "
				    "printf %s\n", v, d, b.p, want);
		}
	}
	CHECK_INT(bad, 0);
	buf_free(&b);
}

/* buf_add_uint and buf_add_hex4 against printf's "%llu" and "%04X" */
static void
t_integers(void)
{
	static const unsigned long long u[] = { 0, 7, 10, 99, 100, 65535,
	    4294967296ull, 18446744073709551615ull };
	struct buf b;
	char want[32];
	unsigned h;
	size_t i;
	int bad = 0;

	buf_init(&b);
	for (i = 0; i < sizeof(u) / sizeof(u[0]); i++) {
		buf_reset(&b);
		buf_add_uint(&b, u[i]);
		snprintf(want, sizeof(want), "%llu", u[i]);
		CHECK_STR(b.p, want);
	}
	for (h = 0; h <= 0x10FFFF; h += h < 0x200 ? 1 : 97) {
		buf_reset(&b);
		buf_add_hex4(&b, h);
		snprintf(want, sizeof(want), "%04X", h);
		if (strcmp(b.p, want) != 0 && bad++ < 5)
			fprintf(stderr, "%u: %s, printf %s\n", h, b.p, want);
	}
	CHECK_INT(bad, 0);
	buf_free(&b);
}

static void
t_trim(void)
{
	struct buf b;

	buf_init(&b);
	CHECK_STR(fixed(&b, 18.63, 3, 1), "18.63");
	CHECK_STR(fixed(&b, -30.0, 3, 1), "-30");
	CHECK_STR(fixed(&b, 0.0004, 3, 1), "0");
	CHECK_STR(fixed(&b, -0.0004, 3, 1), "0");
	CHECK_STR(fixed(&b, -0.0004, 2, 0), "0.00");
	CHECK_STR(fixed(&b, 100.5, 3, 1), "100.5");
	CHECK_STR(fixed(&b, 1200, 0, 1), "1200");
	CHECK_STR(fixed(&b, -7, 0, 0), "-7");
	/* out of its range: printf's answer */
	CHECK_STR(fixed(&b, 1e13, 1, 0), "10000000000000.0");
	buf_free(&b);
}

static void
t_printf_grows(void)
{
	struct buf b;
	char big[300];

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	buf_init(&b);
	buf_printf(&b, "%s", "ab");
	buf_printf(&b, "%s|%d", big, 42);
	CHECK_INT(b.len, 2 + 299 + 3);
	CHECK(strncmp(b.p, "abxxx", 5) == 0);
	CHECK_STR(b.p + b.len - 3, "|42");
	buf_free(&b);
}

static void
t_xml(void)
{
	struct buf b;

	buf_init(&b);
	buf_add_xml(&b, "plain text, caf\xc3\xa9");
	CHECK_STR(b.p, "plain text, caf\xc3\xa9");
	buf_reset(&b);
	buf_add_xml(&b, "a&b <c> \"d\" 'e'\tf\ng\x01h\x1fi");
	CHECK_STR(b.p, "a&amp;b &lt;c&gt; &quot;d&quot; &apos;e&apos;\tf\ngh"
	    "i");
	/* only the n bytes asked for */
	buf_reset(&b);
	buf_add_xml_n(&b, "x<y&z", 3);
	CHECK_STR(b.p, "x&lt;y");
	buf_reset(&b);
	buf_add_xml_n(&b, "<", 0);
	CHECK_STR(b.p, "");
	buf_free(&b);
}

static void
t_reserve(void)
{
	struct buf b;
	char *before;

	buf_init(&b);
	buf_adds(&b, "ab");
	buf_reserve(&b, 1000);
	CHECK_INT(b.len, 2);
	CHECK(b.cap >= 1003);
	CHECK_STR(b.p, "ab");
	/* the room is used without moving the bytes again */
	before = b.p;
	while (b.len < 1002)
		buf_addc(&b, 'x');
	CHECK(b.p == before);
	CHECK_INT(b.len, 1002);
	buf_free(&b);
}

int
main(void)
{
	t_xml();
	t_reserve();
	t_as_printf();
	t_trim();
	t_integers();
	t_printf_grows();
	return harness_done("t_buf");
}
