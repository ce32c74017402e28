/*
 * review: marks and messages from a document's approval and review date.
 */
#include <stddef.h>

#include "date.h"
#include "diag.h"
#include "fmatter.h"
#include "review.h"
#include "typeset.h"

int
review_marks(const struct docmeta *m, long today)
{
	int marks = 0;

	if (m->status != STATUS_APPROVED || m->approved_by == NULL ||
	    m->approved_by[0] == '\0')
		marks |= MARK_DRAFT;
	if (m->review_due >= 0 && m->review_due < today)
		marks |= MARK_OVERDUE;
	return marks;
}

int
review_check(const char *file, const struct docmeta *m, long today,
    int allow_overdue)
{
	char due[11];

	if (m->review_due < 0)
		return 0;
	date_format_iso(m->review_due, due);
	if (m->review_due < today) {
		if (allow_overdue) {
			diag_warning(file, m->line_review_due,
			    m->col_review_due, "review overdue since %s: "
			    "the handout is marked REVIEW OVERDUE", due);
			return 0;
		}
		diag_error(file, m->line_review_due, m->col_review_due,
		    "review overdue since %s: review the content and update "
		    "review_due, or build with --allow-overdue to print it "
		    "marked REVIEW OVERDUE", due);
		return 1;
	}
	if (m->review_due - today <= REVIEW_WARN_DAYS)
		diag_warning(file, m->line_review_due, m->col_review_due,
		    "review due on %s (in %ld days): plan the review now",
		    due, m->review_due - today);
	return 0;
}
