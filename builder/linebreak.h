/*
 * linebreak: the Knuth-Plass total-fit line breaking algorithm.
 *
 * Works on an abstract list of boxes, glue and penalties (Knuth & Plass,
 * "Breaking paragraphs into lines", 1981) with no knowledge of fonts, so it
 * is unit-tested with fake metrics.  The caller ends the list with
 * glue(0, infinite stretch) + penalty(-LB_INF) (a "finishing" break), as
 * TeX's \parfillskip does.
 */
#ifndef BUILDER_LINEBREAK_H
#define BUILDER_LINEBREAK_H

#include <stddef.h>

#define LB_INF		10000		/* penalty >= LB_INF: never break here;
					   <= -LB_INF: must break here */
#define LB_FIL		1e9		/* "infinite" stretch */

enum lb_kind { LB_BOX, LB_GLUE, LB_PENALTY };

struct lb_item {
	enum lb_kind	 kind;
	double		 width;		/* box/glue natural width; penalty: width
					   added if the line breaks here (hyphen) */
	double		 stretch;	/* glue */
	double		 shrink;	/* glue */
	int		 penalty;	/* penalty */
	int		 flagged;	/* penalty: a hyphen break */
};

struct lb_params {
	double	 tolerance;	/* max badness of a line (e.g. 200) */
	int	 line_penalty;	/* added to each line's badness (10) */
	int	 flagged_demerits;	/* two hyphenated lines in a row (3000) */
	int	 fitness_demerits;	/* adjacent lines of very different
					   tightness (100) */
	double	 ragged_stretch;	/* > 0: ragged right; every line gets this
					   much extra stretch at its end, so total
					   fit evens out the right edge */
};

/* line_width(line index from 0, ctx) -> available width, pt.
 * linebreak_break asks once, up front, for every line index the paragraph
 * could need. */
typedef double (*lb_width_fn)(int line, void *ctx);

struct lb_result {
	size_t	*breaks;	/* indices of the break items, one per line;
				   the last is the finishing penalty */
	double	*ratios;	/* adjustment ratio of each line (>0 stretch,
				   <0 shrink) */
	int	 nlines;
	int	 overfull;	/* number of lines that could not fit */
};

/* Fill params with TeX-like defaults. */
void	 linebreak_defaults(struct lb_params *);
/*
 * Break items into lines.  If no set of breaks meets the tolerance, retries
 * with a larger tolerance and finally accepts overfull lines (counted in
 * result->overfull) rather than failing.  Returns 0, or -1 if the list is
 * malformed (e.g. does not end with a forced break).  Free the result with
 * linebreak_result_free.
 */
int	 linebreak_break(const struct lb_item *, size_t n, lb_width_fn,
	    void *ctx, const struct lb_params *, struct lb_result *);
void	 linebreak_result_free(struct lb_result *);

#endif
