/*
 * date: days since 1970-01-01 to and from calendar dates, with
 * H. Hinnant's days_from_civil and civil_from_days.
 */
#include <stdio.h>
#include <string.h>

#include "buf.h"

#include "date.h"

static const char *const month_names[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

int
date_days_in_month(long y, int m)
{
	static const int mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return mdays[m - 1];
}

long
date_from_civil(long y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
date_to_civil(long z, long *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

const char *
date_month_name(int m)
{
	return m >= 1 && m <= 12 ? month_names[m - 1] : "";
}

long
date_parse_iso(const char *s)
{
	long y;
	int m, d, i;

	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : s[i] < '0' || s[i] > '9')
			return -1;
	if (s[10] != '\0')
		return -1;
	y = (s[0] - '0') * 1000L + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1970 || m < 1 || m > 12 || d < 1 ||
	    d > date_days_in_month(y, m))
		return -1;
	return date_from_civil(y, m, d);
}

void
date_format_iso(long days, char out[11])
{
	long y;
	int m, d;

	out[0] = '\0';
	if (days < 0)
		return;
	date_to_civil(days, &y, &m, &d);
	if (y > 9999)
		return;
	/* unsigned keeps the compiler sure of the width */
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
	    (unsigned)m % 100u, (unsigned)d % 100u);
}

void
date_format_words(struct buf *b, long days)
{
	date_format_words_lang(b, days, NULL);
}

void
date_format_words_lang(struct buf *b, long days, const char *lang)
{
	long y;
	int m, d;

	if (days < 0)
		return;
	date_to_civil(days, &y, &m, &d);
	/* American English puts the month first; elsewhere the day */
	if (lang != NULL && strncmp(lang, "en-US", 5) == 0)
		buf_printf(b, "%s %d, %ld", month_names[m - 1], d, y);
	else
		buf_printf(b, "%d %s %ld", d, month_names[m - 1], y);
}
