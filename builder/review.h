/*
 * review: what a document's review state means on the build date.
 *
 * A document is a draft until its front matter says it is approved and
 * by whom; it is overdue once its review date has passed.  Each state is
 * a mark printed on every page (MARK_*, typeset.h); an overdue review
 * stops the document unless the build allows it, and one falling due
 * soon is a warning to plan it.
 */
#ifndef BUILDER_REVIEW_H
#define BUILDER_REVIEW_H

struct docmeta;

/* Days before the review date from which it is said to be near. */
#define REVIEW_WARN_DAYS	90

/* The marks (MARK_*) the review state of meta calls for on day today
 * (days since 1970-01-01). */
int	 review_marks(const struct docmeta *meta, long today);
/*
 * Say what the review date of file means on day today: due within
 * REVIEW_WARN_DAYS is a warning; overdue is an error, or with
 * allow_overdue a warning (the document is then marked REVIEW OVERDUE).
 * Returns 1 if the document must not be printed (overdue, not allowed),
 * else 0.
 */
int	 review_check(const char *file, const struct docmeta *meta,
	    long today, int allow_overdue);

#endif
