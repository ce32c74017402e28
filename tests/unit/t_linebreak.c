/*
 * t_linebreak: unit tests of the Knuth-Plass line breaker with fake,
 * monospace-like metrics: every letter is 1 wide, a space is glue of
 * width 1 that stretches by 1 and shrinks by 1/2.  Results are checked
 * against exact break positions, against a greedy breaker, and against an
 * exhaustive search for the least total demerits.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "linebreak.h"

#define HYPHEN_PENALTY	50

struct para {
	struct lb_item	*items;
	size_t		 n;
	size_t		 cap;
};

struct widths {
	int		 n;		/* w[n - 1] repeats for later lines */
	double		 w[8];
};

static double	space_st = 1, space_sh = 0.5;

static struct lb_item *
push(struct para *p, enum lb_kind kind)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->items = realloc(p->items, p->cap * sizeof(*p->items));
		if (p->items == NULL)
			abort();
	}
	memset(&p->items[p->n], 0, sizeof(*p->items));
	p->items[p->n].kind = kind;
	return &p->items[p->n++];
}

static void
push_glue(struct para *p, double w, double st, double sh)
{
	struct lb_item *it = push(p, LB_GLUE);

	it->width = w;
	it->stretch = st;
	it->shrink = sh;
}

static void
push_penalty(struct para *p, double w, int pen, int flagged)
{
	struct lb_item *it = push(p, LB_PENALTY);

	it->width = w;
	it->penalty = pen;
	it->flagged = flagged;
}

/*
 * Letters are boxes of width 1 (a run is one box), ' ' interword glue,
 * '-' a hyphenation point (flagged penalty, the hyphen 1 wide), '\n' a hard
 * line break; the finishing glue and forced break are added at the end.
 */
static void
build(struct para *p, const char *s)
{
	struct lb_item *box = NULL;

	memset(p, 0, sizeof(*p));
	for (; *s != '\0'; s++) {
		if (*s == ' ') {
			push_glue(p, 1, space_st, space_sh);
			box = NULL;
		} else if (*s == '-') {
			push_penalty(p, 1, HYPHEN_PENALTY, 1);
			box = NULL;
		} else if (*s == '\n') {
			push_glue(p, 0, LB_FIL, 0);
			push_penalty(p, 0, -LB_INF, 0);
			box = NULL;
		} else {
			if (box == NULL)
				box = push(p, LB_BOX);
			box->width += 1;
		}
	}
	push_glue(p, 0, LB_FIL, 0);
	push_penalty(p, 0, -LB_INF, 0);
}

static double
fixed_width(int line, void *ctx)
{
	(void)line;
	return *(double *)ctx;
}

static double
table_width(int line, void *ctx)
{
	struct widths *t = ctx;

	return t->w[line < t->n ? line : t->n - 1];
}

/* First item kept on a line that starts after a break at b. */
static size_t
line_start(const struct para *p, size_t b)
{
	size_t i;

	for (i = b; i < p->n; i++) {
		if (p->items[i].kind == LB_BOX)
			break;
		if (p->items[i].kind == LB_PENALTY && i > b &&
		    p->items[i].penalty <= -LB_INF)
			break;
	}
	return i;
}

/* Natural width, stretch and shrink of items [s, e) plus the break e. */
static void
measure(const struct para *p, size_t s, size_t e, double *w, double *st,
    double *sh)
{
	size_t i;

	*w = *st = *sh = 0;
	for (i = s; i < e; i++) {
		if (p->items[i].kind == LB_PENALTY)
			continue;
		*w += p->items[i].width;
		if (p->items[i].kind == LB_GLUE) {
			*st += p->items[i].stretch;
			*sh += p->items[i].shrink;
		}
	}
	if (p->items[e].kind == LB_PENALTY)
		*w += p->items[e].width;
}

/* Natural width of line k of a result. */
static int
line_len(const struct para *p, const struct lb_result *r, int k)
{
	double w, st, sh;
	size_t s;

	s = k == 0 ? 0 : line_start(p, r->breaks[k - 1]);
	measure(p, s, r->breaks[k], &w, &st, &sh);
	return (int)w;
}

static int
is_break(const struct para *p, size_t i)
{
	const struct lb_item *it = &p->items[i];
	size_t s;

	if (it->kind == LB_BOX)
		return 0;
	if (it->kind == LB_GLUE && (i == 0 || p->items[i - 1].kind != LB_BOX))
		return 0;
	if (it->kind == LB_PENALTY && it->penalty >= LB_INF)
		return 0;
	if (it->kind == LB_PENALTY && it->penalty <= -LB_INF)
		return 1;
	/* A break followed only by discardables before a forced one would
	 * leave an empty line: the breaker never takes it. */
	s = line_start(p, i);
	return !(s < p->n && p->items[s].kind == LB_PENALTY);
}

/* Badness, ratio and fitness class (0 tight .. 3 very loose) of a line. */
static double
badness(double shortfall, double st, double sh, double fil, double *ratio,
    int *fit)
{
	double r, b;

	*ratio = 0;
	*fit = 1;
	if (fabs(shortfall) <= 1e-6)
		return 0;
	if (shortfall > 0) {
		if (fil > 0) {
			*ratio = shortfall / (st + fil);
			return 0;
		}
		if (st <= 0) {
			*fit = 3;
			return 10000;
		}
		r = shortfall / st;
		*ratio = r;
		b = 100 * r * r * r;
		if (b > 10000)
			b = 10000;
		*fit = b > 99 ? 3 : b > 12 ? 2 : 1;
		return b;
	}
	*fit = 0;
	if (-shortfall > sh + 1e-6) {
		*ratio = -1;
		return 10001;
	}
	r = shortfall / sh;
	*ratio = r;
	b = -100 * r * r * r;
	if (b <= 12)
		*fit = 1;
	return b;
}

struct line_eval {
	double	 bad;
	double	 ratio;
	int	 fit;
};

/* Evaluate the line from a break at `from' (SIZE_MAX: start) to `to'. */
static struct line_eval
eval_line(const struct para *p, size_t from, size_t to, double width,
    double ragged)
{
	struct line_eval le;
	double w, st, sh, fil, all;
	size_t s, i;

	s = from == (size_t)-1 ? 0 : line_start(p, from);
	measure(p, s, to, &w, &all, &sh);
	fil = st = 0;
	for (i = s; i < to; i++)
		if (p->items[i].kind == LB_GLUE) {
			if (p->items[i].stretch >= LB_FIL)
				fil += p->items[i].stretch;
			else
				st += p->items[i].stretch;
		}
	if (s == to && p->items[to].kind == LB_PENALTY &&
	    p->items[to].penalty <= -LB_INF) {
		le.bad = 0;
		le.ratio = 0;
		le.fit = 1;
		return le;
	}
	le.bad = badness(width - w, st + ragged, sh, fil, &le.ratio, &le.fit);
	return le;
}

static double
line_demerits(const struct lb_params *par, const struct para *p,
    const struct line_eval *le, int prev_fit, int prev_flagged, size_t to)
{
	const struct lb_item *it = &p->items[to];
	double d;
	int pen;

	pen = it->kind == LB_PENALTY ? it->penalty : 0;
	d = par->line_penalty + le->bad;
	d = fabs(d) >= 10000 ? 1e8 : d * d;
	if (pen > 0)
		d += (double)pen * pen;
	else if (pen > -LB_INF)
		d -= (double)pen * pen;
	if (it->kind == LB_PENALTY && it->flagged && prev_flagged)
		d += par->flagged_demerits;
	if (abs(le->fit - prev_fit) > 1)
		d += par->fitness_demerits;
	return d;
}

/* Total demerits of a result, recomputed independently of the breaker. */
static double
total_demerits(const struct lb_params *par, const struct para *p,
    const struct lb_result *r, lb_width_fn wf, void *ctx, double *maxbad)
{
	struct line_eval le;
	double total = 0;
	size_t from = (size_t)-1;
	int k, fit = 1, flagged = 0;

	*maxbad = 0;
	for (k = 0; k < r->nlines; k++) {
		le = eval_line(p, from, r->breaks[k], wf(k, ctx),
		    par->ragged_stretch);
		total += line_demerits(par, p, &le, fit, flagged,
		    r->breaks[k]);
		if (le.bad > *maxbad)
			*maxbad = le.bad;
		fit = le.fit;
		flagged = p->items[r->breaks[k]].kind == LB_PENALTY &&
		    p->items[r->breaks[k]].flagged;
		from = r->breaks[k];
	}
	return total;
}

/*
 * Exhaustive dynamic programme over (breakpoint, line, fitness): the least
 * total demerits of any feasible breaking at this tolerance, or -1.
 */
#define REF_MAXB	200
#define REF_MAXL	40

static double	ref_best[REF_MAXB][REF_MAXL][4];	/* -1: unreachable */

/* Every line that can follow state (i, l, f) at breakpoints bp[]. */
static void
ref_extend(const struct lb_params *par, const struct para *p,
    lb_width_fn wf, void *ctx, const size_t *bp, int nb, int i, int l, int f)
{
	struct line_eval le;
	double d, *slot;
	int j, flagged;

	flagged = i > 0 && p->items[bp[i]].kind == LB_PENALTY &&
	    p->items[bp[i]].flagged;
	for (j = i + 1; j < nb; j++) {
		if (i > 0 && line_start(p, bp[i]) > bp[j])
			continue;
		le = eval_line(p, bp[i], bp[j], wf(l, ctx),
		    par->ragged_stretch);
		/* Lines only get wider from here. */
		if (le.bad > 10000)
			break;
		if (le.bad <= par->tolerance) {
			d = ref_best[i][l][f] +
			    line_demerits(par, p, &le, f, flagged, bp[j]);
			slot = &ref_best[j][l + 1][le.fit];
			if (*slot < 0 || d < *slot)
				*slot = d;
		}
		if (p->items[bp[j]].kind == LB_PENALTY &&
		    p->items[bp[j]].penalty <= -LB_INF)
			break;
	}
}

static double
reference(const struct lb_params *par, const struct para *p,
    lb_width_fn wf, void *ctx)
{
	size_t bp[REF_MAXB], k;
	double result, v;
	int nb, i, l, f;

	nb = 0;
	bp[nb++] = (size_t)-1;
	for (k = 0; k < p->n && nb < REF_MAXB; k++)
		if (is_break(p, k))
			bp[nb++] = k;
	for (i = 0; i < nb; i++)
		for (l = 0; l < REF_MAXL; l++)
			for (f = 0; f < 4; f++)
				ref_best[i][l][f] = -1;
	ref_best[0][0][1] = 0;
	for (i = 0; i < nb; i++)
		for (l = 0; l + 1 < REF_MAXL; l++)
			for (f = 0; f < 4; f++)
				if (ref_best[i][l][f] >= 0)
					ref_extend(par, p, wf, ctx, bp, nb,
					    i, l, f);
	result = -1;
	for (l = 0; l < REF_MAXL; l++)
		for (f = 0; f < 4; f++) {
			v = ref_best[nb - 1][l][f];
			if (v >= 0 && (result < 0 || v < result))
				result = v;
		}
	return result;
}

/*
 * First fit, as a simple formatter does it: take each word while the
 * line's natural width fits.  Returns the number of lines.
 */
static int
greedy(const struct para *p, double width, size_t *breaks, int maxl)
{
	double w, st, sh;
	size_t i, s, last;
	int nl = 0;

	s = 0;
	last = (size_t)-1;
	for (i = 0; i < p->n && nl < maxl; i++) {
		if (!is_break(p, i))
			continue;
		measure(p, s, i, &w, &st, &sh);
		if (w > width && last != (size_t)-1) {
			breaks[nl++] = last;
			s = line_start(p, last);
			last = (size_t)-1;
			i = s - 1;
			continue;
		}
		if (p->items[i].kind == LB_PENALTY &&
		    p->items[i].penalty <= -LB_INF) {
			breaks[nl++] = i;
			s = line_start(p, i);
			last = (size_t)-1;
			continue;
		}
		last = i;
	}
	return nl;
}

/* Set width of every line (natural + ratio * stretch or shrink) fits. */
static int
lines_fit(const struct para *p, const struct lb_result *r, lb_width_fn wf,
    void *ctx)
{
	double w, st, sh, set;
	size_t s;
	int k;

	for (k = 0; k < r->nlines; k++) {
		s = k == 0 ? 0 : line_start(p, r->breaks[k - 1]);
		measure(p, s, r->breaks[k], &w, &st, &sh);
		if (r->ratios[k] >= 0)
			set = w + r->ratios[k] * st;
		else
			set = w + r->ratios[k] * sh;
		if (set > wf(k, ctx) + 1e-6) {
			fprintf(stderr, "line %d: set width %g > %g\n", k,
			    set, wf(k, ctx));
			return 0;
		}
	}
	return 1;
}

static void
free_para(struct para *p)
{
	free(p->items);
}


static void
check_breaks(const struct lb_result *r, const size_t *want, int n)
{
	int k;

	CHECK_INT(r->nlines, n);
	for (k = 0; k < n && k < r->nlines; k++)
		CHECK_INT(r->breaks[k], want[k]);
}

static int
is_flagged(const struct para *p, size_t i)
{
	return p->items[i].kind == LB_PENALTY && p->items[i].flagged;
}

/*
 * First fit fills "a a fox and of a" exactly, leaving "fox paragraph"
 * with one space to stretch by 3 (badness 2700).  Total fit sets every
 * line at ratio 1/2, and it is the only feasible breaking.
 */
static void
test_total_fit(void)
{
	static const size_t want[] = { 9, 15, 20 };
	static const size_t greedy_want[] = { 11, 15, 20 };
	struct lb_params par;
	struct lb_result r;
	struct para p;
	size_t gb[8];
	double w = 16, mb;
	int gn;

	linebreak_defaults(&par);
	build(&p, "a a fox and of a fox paragraph fox each");
	CHECK_INT(linebreak_break(p.items, p.n, fixed_width, &w, &par, &r), 0);
	check_breaks(&r, want, 3);
	CHECK_NEAR(r.ratios[0], 0.5, 1e-9);
	CHECK_NEAR(r.ratios[1], 0.5, 1e-9);
	CHECK_INT(r.overfull, 0);
	CHECK_NEAR(total_demerits(&par, &p, &r, fixed_width, &w, &mb),
	    2 * 22.5 * 22.5 + 100, 1e-6);
	CHECK_NEAR(mb, 12.5, 1e-9);
	CHECK(lines_fit(&p, &r, fixed_width, &w));
	/* Justified lines come out exactly as wide as the measure. */
	CHECK_NEAR(line_len(&p, &r, 0) + r.ratios[0] * 4, 16, 1e-9);

	gn = greedy(&p, w, gb, 8);
	CHECK_INT(gn, 3);
	CHECK(memcmp(gb, greedy_want, sizeof(greedy_want)) == 0);
	linebreak_result_free(&r);
	free_para(&p);

	/* Squeezing "gets when its total" by 2/3 saves the next line. */
	w = 18;
	build(&p, "gets when its total fit paragraph fox of");
	CHECK_INT(linebreak_break(p.items, p.n, fixed_width, &w, &par, &r), 0);
	CHECK_INT(r.nlines, 3);
	CHECK_INT(r.breaks[0], 7);
	CHECK_INT(r.breaks[1], 13);
	CHECK_NEAR(r.ratios[0], -2.0 / 3, 1e-9);
	CHECK_NEAR(r.ratios[1], 0.5, 1e-9);
	CHECK(lines_fit(&p, &r, fixed_width, &w));
	linebreak_result_free(&r);
	free_para(&p);

	/* A tolerance nothing meets: the looser retry still sets it well. */
	par.tolerance = 1;
	build(&p, "a a fox and of a fox paragraph fox each");
	w = 16;
	CHECK_INT(linebreak_break(p.items, p.n, fixed_width, &w, &par, &r), 0);
	check_breaks(&r, want, 3);
	CHECK_INT(r.overfull, 0);
	linebreak_result_free(&r);
	free_para(&p);
}

/* Ragged right: the right edge evens out; a short last line is free. */
static void
test_ragged(void)
{
	static const size_t want[] = { 5, 13, 18 };
	static const size_t greedy_want[] = { 7, 13, 18 };
	struct lb_params par;
	struct lb_result r;
	struct para p;
	size_t gb[8];
	double w = 18, mb;
	int gn;

	linebreak_defaults(&par);
	par.ragged_stretch = 6;
	space_st = space_sh = 0;
	build(&p, "dog words fit fit line is a paragraph jumps");
	CHECK_INT(linebreak_break(p.items, p.n, fixed_width, &w, &par, &r), 0);
	check_breaks(&r, want, 3);
	CHECK_INT(line_len(&p, &r, 0), 13);
	CHECK_INT(line_len(&p, &r, 1), 13);
	CHECK_NEAR(r.ratios[0], 5.0 / 6, 1e-9);
	CHECK(lines_fit(&p, &r, fixed_width, &w));
	total_demerits(&par, &p, &r, fixed_width, &w, &mb);
	CHECK(mb < 60);
	gn = greedy(&p, w, gb, 8);
	CHECK_INT(gn, 3);
	CHECK(memcmp(gb, greedy_want, sizeof(greedy_want)) == 0);
	linebreak_result_free(&r);
	free_para(&p);

	/* Full lines and a two-letter last line: nothing is pulled down. */
	build(&p, "abcd efgh ijkl mn abcd efgh ijkl mn op");
	CHECK_INT(linebreak_break(p.items, p.n, fixed_width, &w, &par, &r), 0);
	CHECK_INT(r.nlines, 3);
	CHECK_INT(line_len(&p, &r, 0), 17);
	CHECK_INT(line_len(&p, &r, 1), 17);
	CHECK_INT(line_len(&p, &r, 2), 2);
	linebreak_result_free(&r);
	free_para(&p);
	space_st = 1;
	space_sh = 0.5;
}

/* Over a longer text, ragged total fit has a less ragged edge than
 * first fit: compare the spread and squares of the line shortfalls. */
static void
test_ragged_even(void)
{
	static const char *words[] = { "the", "liver", "is", "treated",
	    "through", "a", "thin", "tube", "placed", "in", "artery", "of",
	    "groin", "and", "beads", "carry", "radiation", "to", "tumour" };
	struct lb_params par;
	struct lb_result r, g;
	struct para p;
	char text[4000];
	size_t gb[400];
	double w = 30, sq_lb = 0, sq_gr = 0, d;
	unsigned seed = 7;
	int i, k, min_lb = 99, max_lb = 0, min_gr = 99, max_gr = 0, len;

	linebreak_defaults(&par);
	par.ragged_stretch = 8;
	space_st = space_sh = 0;
	text[0] = '\0';
	for (i = 0; i < 300; i++) {
		seed = seed * 1103515245 + 12345;
		if (i > 0)
			strcat(text, " ");
		strcat(text, words[(seed >> 16) % 19]);
	}
	build(&p, text);
	CHECK_INT(linebreak_break(p.items, p.n, fixed_width, &w, &par, &r), 0);
	g.nlines = greedy(&p, w, gb, 400);
	g.breaks = gb;
	for (k = 0; k + 1 < r.nlines; k++) {
		len = line_len(&p, &r, k);
		d = w - len;
		sq_lb += d * d;
		min_lb = len < min_lb ? len : min_lb;
		max_lb = len > max_lb ? len : max_lb;
	}
	for (k = 0; k + 1 < g.nlines; k++) {
		len = line_len(&p, &g, k);
		d = w - len;
		sq_gr += d * d;
		min_gr = len < min_gr ? len : min_gr;
		max_gr = len > max_gr ? len : max_gr;
	}
	CHECK(max_lb - min_lb < max_gr - min_gr);
	CHECK(sq_lb < sq_gr);
	CHECK(lines_fit(&p, &r, fixed_width, &w));
	linebreak_result_free(&r);
	free_para(&p);
	space_st = 1;
	space_sh = 0.5;
}

/* A narrower first line (a hanging list label) is honoured. */
static void
test_widths(void)
{
	struct widths tw = { 2, { 10, 24 } };
	struct lb_params par;
	struct lb_result r;
	struct para p;
	double mb;
	int k, wide = 0;

	linebreak_defaults(&par);
	build(&p, "the liver is treated through a thin tube placed in the "
	    "artery of the groin and tiny beads carry the dose");
	CHECK_INT(linebreak_break(p.items, p.n, table_width, &tw, &par, &r), 0);
	CHECK(r.nlines >= 3);
	CHECK(line_len(&p, &r, 0) <= 11);
	for (k = 1; k + 1 < r.nlines; k++)
		if (line_len(&p, &r, k) > 12)
			wide++;
	CHECK_INT(wide, r.nlines - 2);
	CHECK(lines_fit(&p, &r, table_width, &tw));
	CHECK_NEAR(total_demerits(&par, &p, &r, table_width, &tw, &mb),
	    reference(&par, &p, table_width, &tw), 1e-6);
	CHECK(mb <= par.tolerance);
	CHECK_INT(r.overfull, 0);
	linebreak_result_free(&r);
	free_para(&p);
}

/* Hard line breaks end lines exactly there; two make a blank line. */
static void
test_forced(void)
{
	static const size_t want[] = { 6, 14, 21 };
	static const size_t blank[] = { 2, 4, 7 };
	struct lb_params par;
	struct lb_result r;
	struct para p;
	double w = 20;
	int k, nforced;

	linebreak_defaults(&par);
	build(&p, "one two three\nfour five six seven eight nine ten");
	/* one g two g three fil PEN(6) four g ... seven g(14) ... PEN(21) */
	CHECK_INT(p.items[6].penalty, -LB_INF);
	CHECK_INT(p.n, 22);
	CHECK_INT(linebreak_break(p.items, p.n, fixed_width, &w, &par, &r), 0);
	check_breaks(&r, want, 3);
	CHECK_NEAR(r.ratios[0], 7.0 / LB_FIL, 1e-12);
	CHECK_INT(r.overfull, 0);
	CHECK(lines_fit(&p, &r, fixed_width, &w));
	linebreak_result_free(&r);
	free_para(&p);

	build(&p, "aaa\n\nbbb");
	CHECK_INT(linebreak_break(p.items, p.n, fixed_width, &w, &par, &r), 0);
	check_breaks(&r, blank, 3);
	CHECK_NEAR(r.ratios[1], 0, 1e-12);
	CHECK_INT(r.overfull, 0);
	linebreak_result_free(&r);
	free_para(&p);

	/* A bare forced break with no fill before it still works. */
	build(&p, "aaa bbb ccc ddd");
	p.items[3].kind = LB_PENALTY;
	p.items[3].penalty = -LB_INF;
	CHECK_INT(linebreak_break(p.items, p.n, fixed_width, &w, &par, &r), 0);
	CHECK_INT(r.nlines, 2);
	CHECK_INT(r.breaks[0], 3);
	CHECK_INT(r.overfull, 0);
	linebreak_result_free(&r);
	free_para(&p);

	/* Many hard breaks in a long paragraph. */
	{
		char *text = malloc(40000);
		size_t n = 0;

		for (k = 0; k < 5000; k++) {
			memcpy(text + n, "word", 4);
			n += 4;
			text[n++] = k % 37 == 36 ? '\n' : ' ';
		}
		memcpy(text + n, "end", 4);
		build(&p, text);
		free(text);
	}
	CHECK_INT(linebreak_break(p.items, p.n, fixed_width, &w, &par, &r), 0);
	nforced = 0;
	for (k = 0; k < r.nlines; k++)
		if (p.items[r.breaks[k]].penalty <= -LB_INF &&
		    p.items[r.breaks[k]].kind == LB_PENALTY)
			nforced++;
	CHECK_INT(nforced, 5000 / 37 + 1);
	CHECK_INT(r.overfull, 0);
	CHECK(lines_fit(&p, &r, fixed_width, &w));
	linebreak_result_free(&r);
	free_para(&p);
}

/* Hyphenation is taken when it saves a line, not otherwise. */
static void
test_hyphen(void)
{
	static const size_t want[] = { 5, 12 };
	struct lb_params par;
	struct lb_result r;
	struct para p;
	double w = 15;
	int k;

	linebreak_defaults(&par);
	build(&p, "its gets para-graph dog when");
	CHECK(is_flagged(&p, 5));
	CHECK_INT(linebreak_break(p.items, p.n, fixed_width, &w, &par, &r), 0);
	check_breaks(&r, want, 2);
	/* "its gets para-" is 14 wide with the hyphen, two spaces. */
	CHECK_NEAR(r.ratios[0], 0.5, 1e-9);
	linebreak_result_free(&r);

	w = 18;
	CHECK_INT(linebreak_break(p.items, p.n, fixed_width, &w, &par, &r), 0);
	CHECK_INT(r.nlines, 2);
	CHECK_INT(r.breaks[0], 7);
	for (k = 0; k < r.nlines; k++)
		CHECK(!is_flagged(&p, r.breaks[k]));
	linebreak_result_free(&r);
	free_para(&p);
}

/* Two hyphenated lines in a row cost flagged_demerits. */
static void
test_consecutive_hyphens(void)
{
	static const size_t cheap[] = { 9, 19, 24 };
	static const size_t dear[] = { 11, 19, 24 };
	struct lb_params par;
	struct lb_result r;
	struct para p;
	double w = 19;

	linebreak_defaults(&par);
	build(&p, "the gets lab-el lab-el each line fit hy-phen-ate");
	par.flagged_demerits = 0;
	CHECK_INT(linebreak_break(p.items, p.n, fixed_width, &w, &par, &r), 0);
	check_breaks(&r, cheap, 3);
	CHECK(is_flagged(&p, r.breaks[0]) && is_flagged(&p, r.breaks[1]));
	linebreak_result_free(&r);

	par.flagged_demerits = 3000;
	CHECK_INT(linebreak_break(p.items, p.n, fixed_width, &w, &par, &r), 0);
	check_breaks(&r, dear, 3);
	CHECK(!is_flagged(&p, r.breaks[0]) && is_flagged(&p, r.breaks[1]));
	CHECK_NEAR(r.ratios[0], -2.0 / 3, 1e-9);
	linebreak_result_free(&r);
	free_para(&p);
}

/*
 * A node that is not the cheapest at its break but lies within
 * fitness_demerits of it must be kept: the cheapest one's fitness class
 * can cost more on the next line.
 */
static void
test_fitness_margin(void)
{
	struct widths tw = { 5, { 13, 15, 13, 16, 22 } };
	struct lb_params par;
	struct lb_result r;
	struct para p;
	double mb;

	linebreak_defaults(&par);
	par.tolerance = 1000;
	par.flagged_demerits = 10000;
	par.fitness_demerits = 2476;
	build(&p, "a a aaaa a aaa aaaa aaaa aa aa-a aa-aaaaaaa aa aaaa");
	CHECK_INT(linebreak_break(p.items, p.n, table_width, &tw, &par, &r), 0);
	CHECK_NEAR(total_demerits(&par, &p, &r, table_width, &tw, &mb),
	    reference(&par, &p, table_width, &tw), 1e-6);
	linebreak_result_free(&r);
	free_para(&p);
}

/* A word wider than the line is set overfull on its own line. */
static void
test_overfull(void)
{
	struct lb_params par;
	struct lb_result r;
	struct para p;
	double w = 10, set, st, sh;
	int k, over;

	linebreak_defaults(&par);
	build(&p, "abcdefghijklmnopqrstuvwxyz");
	CHECK_INT(linebreak_break(p.items, p.n, fixed_width, &w, &par, &r), 0);
	CHECK_INT(r.nlines, 1);
	CHECK_INT(r.breaks[0], 2);
	CHECK_INT(r.overfull, 1);
	linebreak_result_free(&r);
	free_para(&p);

	/* A long address in running text: only its own line overflows. */
	w = 20;
	build(&p, "see the page at https://example.org/liver/therapy/"
	    "radioembolisation for the details of the treatment");
	CHECK_INT(linebreak_break(p.items, p.n, fixed_width, &w, &par, &r), 0);
	CHECK_INT(r.overfull, 1);
	over = 0;
	for (k = 0; k < r.nlines; k++) {
		measure(&p, k == 0 ? 0 : line_start(&p, r.breaks[k - 1]),
		    r.breaks[k], &set, &st, &sh);
		if (set - sh > w) {
			over++;
			/* The address alone, no glue. */
			CHECK_NEAR(set, strlen("https://example.org/liver/"
			    "therapy/radioembolisation"), 1e-9);
			CHECK_NEAR(r.ratios[k], -1, 1e-9);
		}
	}
	CHECK_INT(over, 1);
	linebreak_result_free(&r);
	free_para(&p);

	/* Several in a row, with nothing else fitting either. */
	build(&p, "abcdefghijklmnopqrstuvwxyz abcdefghijklmnopqrstuvwxyz a "
	    "abcdefghijklmnopqrstuvwxyz");
	w = 5;
	CHECK_INT(linebreak_break(p.items, p.n, fixed_width, &w, &par, &r), 0);
	CHECK_INT(r.nlines, 4);
	CHECK_INT(r.overfull, 3);
	linebreak_result_free(&r);
	free_para(&p);
}

static void
test_empty(void)
{
	struct lb_params par;
	struct lb_result r;
	struct para p;
	double w = 20;

	linebreak_defaults(&par);
	build(&p, "");
	CHECK_INT(p.n, 2);
	CHECK_INT(linebreak_break(p.items, p.n, fixed_width, &w, &par, &r), 0);
	CHECK_INT(r.nlines, 1);
	CHECK_INT(r.breaks[0], 1);
	/* All the room goes to the finishing glue. */
	CHECK_NEAR(r.ratios[0] * LB_FIL, 20, 1e-9);
	CHECK_INT(r.overfull, 0);
	linebreak_result_free(&r);

	/* NULL params mean the defaults. */
	CHECK_INT(linebreak_break(p.items, p.n, fixed_width, &w, NULL, &r), 0);
	CHECK_INT(r.nlines, 1);
	linebreak_result_free(&r);
	free_para(&p);
}

static void
test_malformed(void)
{
	struct lb_params par;
	struct lb_result r;
	struct para p;
	double w = 20, nan_w = NAN;

	linebreak_defaults(&par);
	build(&p, "no final break");
	p.n--;			/* drop the forced penalty */
	CHECK_INT(linebreak_break(p.items, p.n, fixed_width, &w, &par, &r), -1);
	CHECK(r.breaks == NULL && r.ratios == NULL);
	CHECK_INT(r.nlines, 0);
	linebreak_result_free(&r);
	p.n++;
	p.items[p.n - 1].penalty = 0;	/* last break not forced */
	CHECK_INT(linebreak_break(p.items, p.n, fixed_width, &w, &par, &r), -1);
	p.items[p.n - 1].penalty = -LB_INF;
	CHECK_INT(linebreak_break(p.items, 0, fixed_width, &w, &par, &r), -1);
	CHECK_INT(linebreak_break(NULL, 3, fixed_width, &w, &par, &r), -1);
	CHECK_INT(linebreak_break(p.items, p.n, NULL, &w, &par, &r), -1);
	CHECK_INT(linebreak_break(p.items, p.n, fixed_width, &w, &par, NULL), -1);
	CHECK_INT(linebreak_break(p.items, p.n, fixed_width, &nan_w, &par, &r), -1);
	p.items[0].width = NAN;
	CHECK_INT(linebreak_break(p.items, p.n, fixed_width, &w, &par, &r), -1);
	p.items[0].width = 2;
	CHECK_INT(linebreak_break(p.items, p.n, fixed_width, &w, &par, &r), 0);
	linebreak_result_free(&r);
	linebreak_result_free(NULL);
	free_para(&p);
}

/* 10,000 words of varied length: completes, fits, within tolerance. */
static void
test_long(void)
{
	struct lb_params par;
	struct lb_result r;
	struct para p;
	char *text;
	size_t n = 0;
	unsigned seed = 1;
	double w = 60, mb;
	int i, j, len;

	linebreak_defaults(&par);
	text = malloc(10000 * 11);
	for (i = 0; i < 10000; i++) {
		seed = seed * 1103515245 + 12345;
		len = 1 + (seed >> 16) % 9;
		for (j = 0; j < len; j++) {
			text[n++] = 'a';
			if (j > 0 && j < len - 1 && (seed >> (j + 8)) % 5 == 0)
				text[n++] = '-';
		}
		text[n++] = ' ';
	}
	text[n - 1] = '\0';
	build(&p, text);
	free(text);
	CHECK_INT(linebreak_break(p.items, p.n, fixed_width, &w, &par, &r), 0);
	CHECK(r.nlines > 700 && r.nlines < 1100);
	CHECK_INT(r.breaks[r.nlines - 1], p.n - 1);
	CHECK_INT(r.overfull, 0);
	CHECK(lines_fit(&p, &r, fixed_width, &w));
	total_demerits(&par, &p, &r, fixed_width, &w, &mb);
	CHECK(mb <= par.tolerance);
	for (i = 1; i < r.nlines; i++)
		if (r.breaks[i] <= r.breaks[i - 1])
			break;
	CHECK_INT(i, r.nlines);
	linebreak_result_free(&r);

	par.ragged_stretch = 12;
	CHECK_INT(linebreak_break(p.items, p.n, fixed_width, &w, &par, &r), 0);
	CHECK(lines_fit(&p, &r, fixed_width, &w));
	linebreak_result_free(&r);
	free_para(&p);
}

static double
wavy_width(int line, void *ctx)
{
	(void)ctx;
	return 40 + line % 7;
}

/*
 * 50,000 words (100,000 items) with a narrower first line; then widths
 * that change on every line, so no two line numbers can share nodes.
 */
static void
test_huge(void)
{
	struct widths tw = { 2, { 30, 45 } };
	struct lb_params par;
	struct lb_result r;
	struct para p;
	char *text;
	size_t n = 0;
	int i;

	linebreak_defaults(&par);
	text = malloc(50000 * 6);
	for (i = 0; i < 50000; i++) {
		memcpy(text + n, "abcde", 5);
		n += 1 + i % 5;
		text[n++] = ' ';
	}
	text[n - 1] = '\0';
	build(&p, text);
	CHECK_INT(p.n, 100001);
	CHECK_INT(linebreak_break(p.items, p.n, table_width, &tw, &par, &r), 0);
	CHECK_INT(r.overfull, 0);
	CHECK(line_len(&p, &r, 0) <= 31);
	CHECK(lines_fit(&p, &r, table_width, &tw));
	linebreak_result_free(&r);
	free_para(&p);

	text[6 * 3000 - 1] = '\0';
	build(&p, text);
	free(text);
	CHECK_INT(linebreak_break(p.items, p.n, wavy_width, NULL, &par, &r), 0);
	CHECK_INT(r.overfull, 0);
	CHECK(lines_fit(&p, &r, wavy_width, NULL));
	linebreak_result_free(&r);
	free_para(&p);
}

/*
 * Random paragraphs (hyphens, hard breaks, ragged or justified, changing
 * widths) against the exhaustive search: same least demerits, always.
 */
static void
test_random(void)
{
	struct lb_params par;
	struct lb_result r;
	struct widths tw;
	struct para p;
	char text[600];
	unsigned seed = 42;
	double ref, got, mb;
	int t, w, c, nw, wl, len, mismatch = 0, compared = 0, unfit = 0;

#define RND()	(seed = seed * 1103515245 + 12345, (seed >> 16) & 0x7fff)
	for (t = 0; t < 300; t++) {
		linebreak_defaults(&par);
		space_st = 1;
		space_sh = 0.5;
		if (t % 3 == 1) {
			par.ragged_stretch = 6;
			space_st = space_sh = 0;
		} else if (t % 3 == 2) {
			par.flagged_demerits = RND() % 2 ? 0 : 10000;
			par.fitness_demerits = RND() % 3000;
			par.tolerance = 1000;
		}
		len = 0;
		nw = 3 + RND() % 30;
		for (w = 0; w < nw; w++) {
			wl = 1 + RND() % 9;
			for (c = 0; c < wl; c++) {
				text[len++] = 'a';
				if (c > 0 && c < wl - 1 && RND() % 4 == 0)
					text[len++] = '-';
			}
			if (w + 1 < nw)
				text[len++] = RND() % 25 == 0 ? '\n' : ' ';
		}
		text[len] = '\0';
		build(&p, text);
		tw.n = 1 + RND() % 4;
		for (c = 0; c < tw.n; c++)
			tw.w[c] = 12 + RND() % 15;
		CHECK_INT(linebreak_break(p.items, p.n, table_width, &tw, &par, &r),
		    0);
		got = total_demerits(&par, &p, &r, table_width, &tw, &mb);
		ref = reference(&par, &p, table_width, &tw);
		if (ref >= 0) {
			compared++;
			if (fabs(ref - got) > 1e-6 * (1 + ref)) {
				mismatch++;
				fprintf(stderr, "case %d: demerits %g, "
				    "best %g\n", t, got, ref);
			}
		} else if (mb <= par.tolerance)
			mismatch++;
		if (r.overfull == 0 && !lines_fit(&p, &r, table_width, &tw))
			unfit++;
		linebreak_result_free(&r);
		free_para(&p);
	}
#undef RND
	CHECK_INT(mismatch, 0);
	CHECK_INT(unfit, 0);
	CHECK(compared > 150);
	space_st = 1;
	space_sh = 0.5;
}

int
main(void)
{
	test_total_fit();
	test_ragged();
	test_ragged_even();
	test_widths();
	test_forced();
	test_hyphen();
	test_consecutive_hyphens();
	test_fitness_margin();
	test_overfull();
	test_empty();
	test_malformed();
	test_long();
	test_huge();
	test_random();
	return harness_done("t_linebreak");
}
