/*
 * date: calendar dates as days since 1970-01-01 (proleptic Gregorian),
 * the one place that converts them to and from years, months and days.
 */
#ifndef BUILDER_DATE_H
#define BUILDER_DATE_H

struct buf;

/* Days in month m (1..12) of year y. */
int		 date_days_in_month(long y, int m);
/* Days since 1970-01-01 of a valid calendar date. */
long		 date_from_civil(long y, int m, int d);
/* The calendar date of days (>= 0). */
void		 date_to_civil(long days, long *y, int *m, int *d);
/* "January" .. "December" for m = 1..12. */
const char	*date_month_name(int m);
/* Days of an exact "YYYY-MM-DD" from 1970 on, -1 if it is not one. */
long		 date_parse_iso(const char *);
/* "YYYY-MM-DD"; "" for a negative day or a year past 9999. */
void		 date_format_iso(long days, char out[11]);
/* "27 November 2026", as patients read it. */
void		 date_format_words(struct buf *, long days);
/* The same in the order of language tag lang ("November 27, 2026" for
 * en-US; NULL or any other: day first). */
void		 date_format_words_lang(struct buf *, long days,
		    const char *lang);

#endif
