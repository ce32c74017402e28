/*
 * linebreak: the Knuth-Plass total-fit line breaker.
 *
 * One pass walks the items once, keeping a list of active (still
 * reachable) breakpoints sorted by line number.  At every legal breakpoint
 * each active node is tried as the start of a line ending here; the best
 * node per fitness class becomes a new active node, and nodes whose line
 * would now be overfull are dropped.  Sums are kept as running totals from
 * the start of the paragraph, so a line's width is a difference of two
 * totals.  Passes are retried with a looser tolerance, and the last one
 * breaks overfull lines as TeX's final pass does, so any well-formed list
 * gets a result.
 */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "linebreak.h"
#include "xalloc.h"

#define INF_BAD		10000.0		/* badness of an underfull line */
#define OVERFULL_BAD	(INF_BAD + 1)	/* badness of an overfull line */
#define AWFUL		HUGE_VAL	/* no candidate yet */
#define EPS		1e-6		/* width slack for rounding, pt */
#define POOL_CHUNK	1024
#define POOL_LOCAL	64		/* nodes most paragraphs need */
#define NO_POS		SIZE_MAX	/* position of the start node */
#define LINE_WINDOW	8		/* line counts kept around the best */

enum fitness {
	FIT_TIGHT,
	FIT_DECENT,
	FIT_LOOSE,
	FIT_VLOOSE,
	FIT_MAX
};

struct sums {
	double	 w;		/* natural width */
	double	 st;		/* finite stretch */
	double	 fil;		/* infinite stretch (items >= LB_FIL) */
	double	 sh;		/* shrink */
};

struct node {
	size_t		 pos;		/* index of the break item */
	size_t		 start;		/* first item kept on the next line */
	int		 line;		/* lines ended at this break */
	int		 fitness;	/* enum fitness of the line ending */
	int		 flagged;	/* break at a flagged penalty */
	int		 overfull;	/* the line ending here is overfull */
	int		 dead;		/* pruned: drop from the active list */
	double		 ratio;		/* adjustment ratio of that line */
	double		 demerits;	/* total from the paragraph start */
	struct sums	 after;		/* totals up to start */
	double		 short_w;	/* the line from here is too short
					   while narrower than this and the
					   totals' stretch are as below */
	double		 short_st, short_fil;
	struct node	*prev;		/* best previous break */
	struct node	*next;		/* active list */
};

struct chunk {
	struct chunk	*next;
	struct node	 nodes[POOL_CHUNK];
};

/* Nodes live until the end of the call: back pointers reach old ones.
 * The first ones are the pool's own, so that a short paragraph allocates
 * none. */
struct pool {
	struct node	 local[POOL_LOCAL];
	size_t		 nlocal;
	struct chunk	*first;
	struct chunk	*cur;
	size_t		 used;		/* nodes used in cur */
};

struct cand {
	struct node	*from;		/* NULL: none in this class */
	double		 demerits;
	double		 ratio;
	int		 overfull;
};

struct pass {
	const struct lb_item	*items;
	size_t			 n;
	const struct lb_params	*par;
	const double		*widths;	/* widths[0..easy] */
	int			 easy;		/* lines >= easy all have
						   widths[easy] */
	double			 threshold;	/* max badness */
	int			 final;		/* accept overfull lines */
	double			 short_ratio;	/* a ratio above this is surely
						   too loose; 0: not used */
	struct sums		 tot;		/* totals before the item */
	struct node		*active;
	struct pool		*pool;
	struct cand		 cand[FIT_MAX];
	double			 mind;		/* least candidate demerits */
	struct node		**fresh;	/* nodes made at this break */
	size_t			 nfresh;
	size_t			 fresh_cap;
	struct node		*fresh_best;	/* least demerits of those */
};

static struct node	*node_new(struct pool *);
static void		 pool_free(struct pool *);
static int		 forced(const struct lb_item *);
static int		 key_of(const struct pass *, int);
static size_t		 after_break(const struct pass *, size_t,
			    struct sums *);
static void		 fit_line(const struct pass *, const struct node *,
			    size_t, double, double *, double *, int *,
			    double *);
static void		 flush(struct pass *, struct node **, size_t,
			    size_t, const struct sums *, int);
static void		 prune_fresh(struct pass *);
static void		 too_short(const struct pass *, struct node *);
static void		 try_break(struct pass *, size_t, int, double,
			    int);
static struct node	*run_pass(struct pass *);
static int		 valid(const struct lb_item *, size_t);

void
linebreak_defaults(struct lb_params *p)
{
	p->tolerance = 200;
	p->line_penalty = 10;
	p->flagged_demerits = 3000;
	p->fitness_demerits = 100;
	p->ragged_stretch = 0;
}

static struct node *
node_new(struct pool *pl)
{
	struct chunk *c;

	if (pl->nlocal < POOL_LOCAL)
		return &pl->local[pl->nlocal++];
	if (pl->cur == NULL || pl->used == POOL_CHUNK) {
		if (pl->cur != NULL && pl->cur->next != NULL)
			c = pl->cur->next;
		else if (pl->cur == NULL && pl->first != NULL)
			c = pl->first;
		else {
			c = xmalloc(sizeof(*c));
			c->next = NULL;
			if (pl->cur != NULL)
				pl->cur->next = c;
			else
				pl->first = c;
		}
		pl->cur = c;
		pl->used = 0;
	}
	return &pl->cur->nodes[pl->used++];
}

static void
pool_free(struct pool *pl)
{
	struct chunk *c, *next;

	for (c = pl->first; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
}

static int
forced(const struct lb_item *it)
{
	return it->kind == LB_PENALTY && it->penalty <= -LB_INF;
}

/* Lines from easy on all have the same width, so nodes past it that
 * differ only in line number are interchangeable and share a group. */
static int
key_of(const struct pass *p, int line)
{
	return line < p->easy ? line : p->easy;
}

/*
 * Totals after a break at cur: the glue and penalties that follow it are
 * discarded up to the next box or forced break, as in TeX.  Returns the
 * index of the first item kept (n if none).
 */
static size_t
after_break(const struct pass *p, size_t cur, struct sums *s)
{
	const struct lb_item *it;
	size_t i;

	*s = p->tot;
	for (i = cur; i < p->n; i++) {
		it = &p->items[i];
		if (it->kind == LB_BOX)
			break;
		if (it->kind == LB_PENALTY) {
			if (i > cur && forced(it))
				break;
			continue;
		}
		s->w += it->width;
		if (it->stretch >= LB_FIL)
			s->fil += it->stretch;
		else
			s->st += it->stretch;
		s->sh += it->shrink;
	}
	return i;
}

/*
 * Badness, adjustment ratio and fitness class of the line from node a to
 * a break at cur (pw: width the break adds, e.g. a hyphen), and how much
 * too wide it is even when fully shrunk.
 */
static void
fit_line(const struct pass *p, const struct node *a, size_t cur, double pw,
    double *bad, double *ratio, int *fit, double *excess)
{
	double w, shortfall, st, fil, sh, r;

	*ratio = 0;
	*bad = 0;
	*fit = FIT_DECENT;
	*excess = 0;
	if (a->start == cur && forced(&p->items[cur]))
		return;		/* an empty line asked for: not ugly */
	w = p->tot.w - a->after.w + pw;
	shortfall = p->widths[key_of(p, a->line)] - w;
	if (fabs(shortfall) <= EPS)
		return;
	if (shortfall > 0) {
		fil = p->tot.fil - a->after.fil;
		st = p->tot.st - a->after.st + p->par->ragged_stretch;
		if (fil > 0) {
			*ratio = shortfall / (fil + st);
			return;
		}
		if (st <= 0) {
			*bad = INF_BAD;
			*fit = FIT_VLOOSE;
			return;
		}
		r = shortfall / st;
		*ratio = r;
		*bad = 100 * r * r * r;
		if (*bad > INF_BAD)
			*bad = INF_BAD;
		if (*bad > 99)
			*fit = FIT_VLOOSE;
		else if (*bad > 12)
			*fit = FIT_LOOSE;
		return;
	}
	sh = p->tot.sh - a->after.sh;
	*fit = FIT_TIGHT;
	if (-shortfall > sh + EPS) {
		*bad = OVERFULL_BAD;
		*ratio = -1;
		*excess = -shortfall - sh;
		return;
	}
	r = sh > 0 ? fmax(shortfall / sh, -1) : 0;
	*ratio = r;
	*bad = -100 * r * r * r;
	if (*bad <= 12)
		*fit = FIT_DECENT;
}

/*
 * Turn the candidates found for one group into active nodes at cur,
 * linked in after *prevp (or at the head), and reset them.
 */
static void
flush(struct pass *p, struct node **prevp, size_t cur, size_t start,
    const struct sums *after, int flagged)
{
	struct node *nd, **link;
	struct cand *c;
	double limit;
	int fc;

	if (p->mind == AWFUL)
		return;
	limit = p->mind + abs(p->par->fitness_demerits);
	for (fc = 0; fc < FIT_MAX; fc++) {
		c = &p->cand[fc];
		if (c->from == NULL || c->demerits > limit) {
			c->from = NULL;
			continue;
		}
		nd = node_new(p->pool);
		nd->pos = cur;
		nd->start = start;
		nd->line = c->from->line + 1;
		nd->fitness = fc;
		nd->flagged = flagged;
		nd->overfull = c->overfull;
		nd->dead = 0;
		nd->ratio = c->ratio;
		nd->demerits = c->demerits;
		nd->after = *after;
		nd->short_w = -HUGE_VAL;
		nd->prev = c->from;
		link = *prevp != NULL ? &(*prevp)->next : &p->active;
		nd->next = *link;
		*link = nd;
		*prevp = nd;
		c->from = NULL;
		if (p->fresh_best == NULL ||
		    nd->demerits < p->fresh_best->demerits)
			p->fresh_best = nd;
		ARRAY_GROW(p->fresh, p->nfresh, p->fresh_cap);
		p->fresh[p->nfresh++] = nd;
	}
	p->mind = AWFUL;
}

/*
 * When line widths keep changing, nodes at one position with very
 * different line counts cannot be merged and would pile up; far from
 * the best one they are hopeless, so they are dropped to keep the
 * active list bounded.
 */
static void
prune_fresh(struct pass *p)
{
	size_t i;
	int best;

	if (p->fresh_best == NULL)
		return;
	best = key_of(p, p->fresh_best->line);
	for (i = 0; i < p->nfresh; i++)
		if (abs(key_of(p, p->fresh[i]->line) - best) > LINE_WINDOW)
			p->fresh[i]->dead = 1;
	p->nfresh = 0;
	p->fresh_best = NULL;
}

/*
 * The line from a is too loose to end here; most lines are, while they
 * are much shorter than the measure (the breaks of the last line or so),
 * and are asked again at every break.  Remember up to what width the line
 * stays too loose while the stretch does not change, so that until then
 * the question is a subtraction.  The bound keeps a margin far above
 * rounding: a line it lets through is judged in full, as before.
 */
static void
too_short(const struct pass *p, struct node *a)
{
	double w, shortfall, st, margin;

	if (p->short_ratio <= 0 || p->tot.fil != a->after.fil)
		return;
	w = p->tot.w - a->after.w;
	shortfall = p->widths[key_of(p, a->line)] - w;
	st = p->tot.st - a->after.st + p->par->ragged_stretch;
	if (shortfall <= 2 * EPS)
		return;		/* not loose: tight or exact */
	margin = st > 0 ? st * p->short_ratio : 0;
	if (margin < 2 * EPS)
		margin = 2 * EPS;
	a->short_w = p->widths[key_of(p, a->line)] - margin;
	a->short_st = p->tot.st;
	a->short_fil = p->tot.fil;
}

/*
 * Try every active node against a break at cur with penalty pen.  The
 * active list is grouped by the line number its new nodes would get;
 * candidates are kept per group so that nodes are never merged across
 * lines of different width.
 */
static void
try_break(struct pass *p, size_t cur, int pen, double pw, int flagged)
{
	const struct lb_params *par = p->par;
	struct node *a, *next, *prev, *art;
	struct sums after;
	struct cand *c;
	size_t start;
	double bad, ratio, excess, art_excess, d;
	int fit, key, group, is_forced, stays;

	is_forced = pen <= -LB_INF;
	start = after_break(p, cur, &after);
	/* Only discardable items up to a forced break: an empty line. */
	if (!is_forced && start < p->n && forced(&p->items[start]))
		return;

	p->mind = AWFUL;
	group = -1;
	prev = art = NULL;
	art_excess = 0;
	for (a = p->active; a != NULL; a = next) {
		next = a->next;
		if (a->dead)
			goto deactivate;
		key = key_of(p, a->line + 1);
		if (key != group) {
			flush(p, &prev, cur, start, &after, flagged);
			group = key;
		}
		if (a->start > cur) {
			/* Still in the glue discarded after a: no line. */
			prev = a;
			continue;
		}
		if (!is_forced && p->tot.w - a->after.w + pw < a->short_w &&
		    p->tot.st == a->short_st && p->tot.fil == a->short_fil) {
			prev = a;	/* still too short: see too_short */
			continue;
		}
		fit_line(p, a, cur, pw, &bad, &ratio, &fit, &excess);
		if (bad > INF_BAD || is_forced) {
			if (bad > p->threshold) {
				/* Kept for the final pass's forced break. */
				if (art == NULL || excess < art_excess ||
				    (excess == art_excess &&
				    a->demerits < art->demerits)) {
					art = a;
					art_excess = excess;
				}
				goto deactivate;
			}
			stays = 0;
		} else {
			prev = a;
			if (bad > p->threshold) {
				too_short(p, a);
				continue;
			}
			stays = 1;
		}

		d = par->line_penalty + bad;
		d = fabs(d) >= 10000 ? 1e8 : d * d;
		if (pen > 0)
			d += (double)pen * pen;
		else if (pen > -LB_INF)
			d -= (double)pen * pen;
		if (flagged && a->flagged)
			d += par->flagged_demerits;
		if (abs(fit - a->fitness) > 1)
			d += par->fitness_demerits;
		d += a->demerits;
		c = &p->cand[fit];
		if (c->from == NULL || d <= c->demerits) {
			c->from = a;
			c->demerits = d;
			c->ratio = ratio;
			c->overfull = 0;
		}
		if (d < p->mind)
			p->mind = d;
		if (stays)
			continue;
deactivate:
		if (prev != NULL)
			prev->next = next;
		else
			p->active = next;
	}
	flush(p, &prev, cur, start, &after, flagged);

	/*
	 * Nothing could end here and nothing is left: in the final pass,
	 * break anyway after the least overfull line (TeX's artificial
	 * demerits), so that a word wider than the line still gets set.
	 */
	if (p->active == NULL && p->final && art != NULL) {
		c = &p->cand[FIT_TIGHT];
		c->from = art;
		c->demerits = art->demerits;
		c->ratio = -1;
		c->overfull = 1;
		p->mind = c->demerits;
		prev = NULL;
		flush(p, &prev, cur, start, &after, flagged);
	}
	prune_fresh(p);
}

/* One pass over the items; returns the best final node or NULL. */
static struct node *
run_pass(struct pass *p)
{
	const struct lb_item *it;
	struct node *a, *best;
	size_t i;
	int fc;

	p->pool->nlocal = 0;
	p->pool->cur = NULL;
	p->pool->used = 0;
	for (fc = 0; fc < FIT_MAX; fc++)
		p->cand[fc].from = NULL;
	memset(&p->tot, 0, sizeof(p->tot));
	a = node_new(p->pool);
	memset(a, 0, sizeof(*a));
	a->short_w = -HUGE_VAL;
	a->pos = NO_POS;
	a->start = 0;
	a->fitness = FIT_DECENT;
	p->active = a;

	for (i = 0; i < p->n; i++) {
		it = &p->items[i];
		switch (it->kind) {
		case LB_BOX:
			p->tot.w += it->width;
			break;
		case LB_GLUE:
			if (i > 0 && p->items[i - 1].kind == LB_BOX) {
				try_break(p, i, 0, 0, 0);
				if (p->active == NULL)
					return NULL;
			}
			p->tot.w += it->width;
			if (it->stretch >= LB_FIL)
				p->tot.fil += it->stretch;
			else
				p->tot.st += it->stretch;
			p->tot.sh += it->shrink;
			break;
		case LB_PENALTY:
			if (it->penalty < LB_INF) {
				try_break(p, i, it->penalty, it->width,
				    it->flagged != 0);
				if (p->active == NULL)
					return NULL;
			}
			break;
		}
	}

	best = NULL;
	for (a = p->active; a != NULL; a = a->next)
		if (!a->dead && a->pos == p->n - 1 &&
		    (best == NULL || a->demerits < best->demerits))
			best = a;
	return best;
}

static int
valid(const struct lb_item *items, size_t n)
{
	size_t i;

	if (items == NULL || n == 0 || n >= INT_MAX || !forced(&items[n - 1]))
		return 0;
	for (i = 0; i < n; i++) {
		if (items[i].kind != LB_BOX && items[i].kind != LB_GLUE &&
		    items[i].kind != LB_PENALTY)
			return 0;
		if (!isfinite(items[i].width) || !isfinite(items[i].stretch) ||
		    !isfinite(items[i].shrink))
			return 0;
	}
	return 1;
}

/*
 * The adjustment ratio above which a line's badness (100 r^3) surely
 * exceeds threshold, with a margin of a millionth; 0 where no line is
 * ever too loose (threshold at INF_BAD) or the margin would not hold.
 */
static double
loose_ratio(double threshold)
{
	if (!(threshold > 0) || threshold >= INF_BAD)
		return 0;
	return cbrt(threshold / 100) * (1 + 1e-6);
}

int
linebreak_break(const struct lb_item *items, size_t n, lb_width_fn width_fn,
    void *ctx, const struct lb_params *params, struct lb_result *res)
{
	struct lb_params par;
	struct pass p;
	struct pool pool;
	struct node *end, *a;
	double *widths;
	size_t i, nbp;
	int e, line, rc;

	if (res != NULL)
		memset(res, 0, sizeof(*res));
	if (res == NULL || width_fn == NULL || !valid(items, n))
		return -1;
	if (params != NULL)
		par = *params;
	else
		linebreak_defaults(&par);
	if (!(par.tolerance >= 0))
		par.tolerance = 200;
	if (!(par.ragged_stretch > 0) || !isfinite(par.ragged_stretch))
		par.ragged_stretch = 0;

	/* A paragraph has at most one line per legal breakpoint. */
	nbp = 0;
	for (i = 0; i < n; i++)
		if ((items[i].kind == LB_GLUE && i > 0 &&
		    items[i - 1].kind == LB_BOX) ||
		    (items[i].kind == LB_PENALTY &&
		    items[i].penalty < LB_INF))
			nbp++;
	widths = xreallocarray(NULL, nbp + 1, sizeof(*widths));
	for (i = 0; i <= nbp; i++) {
		widths[i] = width_fn((int)i, ctx);
		if (!isfinite(widths[i])) {
			free(widths);
			return -1;
		}
	}
	for (e = (int)nbp; e > 0 && widths[e - 1] == widths[nbp]; e--)
		continue;

	pool.nlocal = 0;	/* the local nodes need no clearing */
	pool.first = pool.cur = NULL;
	pool.used = 0;
	memset(&p, 0, sizeof(p));
	p.items = items;
	p.n = n;
	p.par = &par;
	p.widths = widths;
	p.easy = e;
	p.pool = &pool;

	/*
	 * The given tolerance, then a looser one, then TeX's final pass.
	 * Every feasible badness is at most INF_BAD, so a separate pass at
	 * tolerance INF_BAD would succeed exactly when the final pass needs
	 * no overfull line, and is left out.
	 */
	end = NULL;
	if (par.tolerance < INF_BAD) {
		p.threshold = par.tolerance;
		p.short_ratio = loose_ratio(p.threshold);
		end = run_pass(&p);
	}
	if (end == NULL && par.tolerance < 1000) {
		p.threshold = 1000;
		p.short_ratio = loose_ratio(p.threshold);
		end = run_pass(&p);
	}
	if (end == NULL) {
		p.threshold = INF_BAD;
		p.short_ratio = 0;	/* nothing is too loose */
		p.final = 1;
		end = run_pass(&p);
	}

	rc = -1;
	if (end != NULL) {
		res->nlines = end->line;
		res->breaks = xreallocarray(NULL, end->line,
		    sizeof(*res->breaks));
		res->ratios = xreallocarray(NULL, end->line,
		    sizeof(*res->ratios));
		for (a = end; a->prev != NULL; a = a->prev) {
			line = a->line - 1;
			res->breaks[line] = a->pos;
			res->ratios[line] = a->ratio;
			res->overfull += a->overfull;
		}
		rc = 0;
	}
	pool_free(&pool);
	free(p.fresh);
	free(widths);
	return rc;
}

void
linebreak_result_free(struct lb_result *res)
{
	if (res == NULL)
		return;
	free(res->breaks);
	free(res->ratios);
	res->breaks = NULL;
	res->ratios = NULL;
	res->nlines = 0;
	res->overfull = 0;
}
