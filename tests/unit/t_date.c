/*
 * Unit tests of the calendar: days to ISO dates and words and back, leap
 * years, month lengths, and strings that are not dates.
 */
#include "harness.h"
#include "buf.h"
#include "date.h"

static void
test_format_iso(void)
{
	char d[11];

	date_format_iso(0, d);
	CHECK_STR(d, "1970-01-01");
	date_format_iso(19782, d);
	CHECK_STR(d, "2024-02-29");
	date_format_iso(11017, d);
	CHECK_STR(d, "2000-03-01");
	date_format_iso(47541, d);
	CHECK_STR(d, "2100-03-01");
	date_format_iso(2932896, d);
	CHECK_STR(d, "9999-12-31");
	date_format_iso(-1, d);
	CHECK_STR(d, "");
}

static void
test_parse_iso(void)
{
	long day;
	char d[11];

	CHECK_INT((int)date_parse_iso("1970-01-01"), 0);
	CHECK_INT((int)date_parse_iso("2024-02-29"), 19782);
	CHECK_INT((int)date_parse_iso("2023-02-29"), -1);
	CHECK_INT((int)date_parse_iso("2100-02-29"), -1);
	CHECK_INT((int)date_parse_iso("2026-13-01"), -1);
	CHECK_INT((int)date_parse_iso("2026-04-31"), -1);
	CHECK_INT((int)date_parse_iso("1969-12-31"), -1);
	CHECK_INT((int)date_parse_iso("2026-1-01"), -1);
	CHECK_INT((int)date_parse_iso("2026-01-01x"), -1);
	CHECK_INT((int)date_parse_iso(""), -1);
	/* every day of a leap year and the next round-trips */
	for (day = date_parse_iso("2024-01-01");
	    day < date_parse_iso("2026-01-01"); day++) {
		date_format_iso(day, d);
		CHECK_INT((int)date_parse_iso(d), (int)day);
	}
}

static void
test_words(void)
{
	struct buf b;

	buf_init(&b);
	date_format_words(&b, date_parse_iso("2026-12-02"));
	CHECK_STR(b.p, "2 December 2026");
	buf_reset(&b);
	date_format_words(&b, date_parse_iso("2028-02-29"));
	CHECK_STR(b.p, "29 February 2028");
	buf_reset(&b);
	date_format_words(&b, -1);
	CHECK_STR(b.p, "");
	/* the leaflet's language orders day and month */
	buf_reset(&b);
	date_format_words_lang(&b, date_parse_iso("2026-12-02"), "en-US");
	CHECK_STR(b.p, "December 2, 2026");
	buf_reset(&b);
	date_format_words_lang(&b, date_parse_iso("2026-12-02"), "en-GB");
	CHECK_STR(b.p, "2 December 2026");
	buf_free(&b);
	CHECK_INT(date_days_in_month(2000, 2), 29);
	CHECK_INT(date_days_in_month(1900, 2), 28);
	CHECK_STR(date_month_name(1), "January");
	CHECK_STR(date_month_name(13), "");
}

int
main(void)
{
	test_format_iso();
	test_parse_iso();
	test_words();
	return harness_done("t_date");
}
