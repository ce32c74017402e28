/*
 * typeset: blocks -> vertical list -> pages, plus everything drawn around
 * the text (running heads and feet, marks, bookmarks, information).
 */
#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <math.h>

#include "anchor.h"
#include "buf.h"
#include "date.h"
#include "diag.h"
#include "doc.h"
#include "fmatter.h"
#include "font.h"
#include "image.h"
#include "layout.h"
#include "linebreak.h"
#include "page.h"
#include "pagedeco.h"
#include "para.h"
#include "typeset.h"
#include "utf8.h"
#include "vlist.h"
#include "xalloc.h"
#include "yamlx.h"

#define NO_BREAK	LB_INF
#define MAX_BLOCK_DEPTH	400	/* frames; mdparse already limits nesting */
#define DEFAULT_DPI	150.0
#define CALLOUT_SPLIT	3000	/* cost of splitting a callout */
#define ROW_SPLIT	3000	/* cost of splitting a table row */

/* Where and how a run of blocks is set: it narrows as lists, quotes and
 * callouts nest. */
struct frame {
	double		 x;		/* left edge, text-relative */
	double		 width;
	uint32_t	 color;		/* text colour */
	int		 tight;		/* inside a tight list item */
	int		 depth;		/* block nesting */
	int		 list_depth;
};

struct ts {
	const struct typeset_input *in;
	const char		*file;		/* being set: for messages and
						   picture paths */
	const struct layout	*L;
	struct para_env		 env;
	struct pagedoc		*pd;
	struct vlist		 vl;
	int			 block_id;
	int			 lead_in;	/* cost of a break before the next
					   box: it follows a paragraph that
					   introduces it ("...these steps:") */
	int			 keep;		/* boxes still to keep with the
						   previous one */
	double			 pending_space;
	int			 groups[VGROUP_DEPTH];
	int			 ngroups;
	int			 ntables;
	char			*label;		/* list label for the next line */
	double			 label_x;	/* its x (text-relative) */
	enum role		 label_role;
	/* chapters (a handout is one chapter; a booklet has many) */
	struct ts_chapter	*chapters;
	int			 nchapters, chapters_cap;
	int			 chapter;	/* current */
	int			 next_flags;	/* VB_* for the next box */
	char			*next_anchor;	/* anchor for the next box */
	/* the structure tree (in t->pd) */
	int			 parent;	/* container of the next block */
	int			 heading;	/* level of the last heading */
	int			 label_elem;	/* Lbl of the pending label */
	int			 lbody_text;	/* LBody taking a lone paragraph's
						   text directly */
	int			 toc;		/* open TOC (contents entries) */
	int			 band;		/* the open cover band's group
						   + 1; 0: none */
};

struct ts_chapter {
	const struct docmeta	*meta;
	int			 marks;
	int			 flags;		/* TS_* */
	int			 sect;		/* its Sect element */
};

static void	set_blocks(struct ts *, const struct node *, const struct frame *);
static int	set_looked(struct ts *, const struct node *, const struct frame *);
static void	set_contents(struct ts *, const struct node *);

static int
new_block(struct ts *t)
{
	return ++t->block_id;
}

/* A structure element in the current container. */
static int
new_elem(struct ts *t, enum stype type, int line)
{
	t->toc = 0;
	return pagedoc_elem(t->pd, t->parent, type, line);
}

/* Heading level n (1..6) as a structure type. */
static enum stype
heading_type(int n)
{
	return (enum stype)(ST_H1 + (n < 1 ? 0 : n > 6 ? 5 : n - 1));
}

/* A new box in the current groups, with collapsed spacing and keeps. */
static struct vbox *
add_box(struct ts *t, double height, int penalty, int line)
{
	struct vbox *b;
	int i;

	if (t->keep > 0) {
		penalty = NO_BREAK;
		t->keep--;
	}
	if (t->lead_in > 0) {
		if (penalty < NO_BREAK)
			penalty = penalty + t->lead_in < NO_BREAK ?
			    penalty + t->lead_in : NO_BREAK - 1;
		t->lead_in = 0;
	}
	b = vlist_add(&t->vl, t->pending_space, height, penalty);
	t->pending_space = 0;
	for (i = 0; i < t->ngroups; i++)
		b->groups[i] = t->groups[i];
	b->ngroups = t->ngroups;
	b->line = line;
	b->chapter = t->chapter;
	if (t->next_flags != 0) {
		b->flags = t->next_flags;
		b->penalty = 0;
		t->next_flags = 0;
	}
	if (t->next_anchor != NULL) {
		struct pitem a;

		memset(&a, 0, sizeof(a));
		a.kind = PI_ANCHOR;
		a.text = t->next_anchor;
		vlist_box_add(b, &a);
		free(t->next_anchor);
		t->next_anchor = NULL;
	}
	return b;
}

static const struct docmeta *
cur_meta(const struct ts *t)
{
	return t->nchapters > 0 ? t->chapters[t->chapter].meta : NULL;
}

static void
space_before(struct ts *t, double s)
{
	if (s > t->pending_space)
		t->pending_space = s;
}

/* Put the pending list label on a line box whose baseline is at y. */
static void
put_label(struct ts *t, struct vbox *b, double baseline, double size)
{
	struct plines pl;
	struct para_opts o;
	int i, j;

	if (t->label == NULL)
		return;
	memset(&o, 0, sizeof(o));
	o.size = size;
	o.leading = size * 1.2;
	o.font = FONT_REGULAR;
	o.color = t->L->text_color;
	o.role = t->label_role;
	o.block = new_block(t);
	o.elem = t->label_elem;
	o.width = 1e6;
	if (para_set(&t->env, NULL, t->label, &o, &pl) > 0) {
		int first = b->nitems;

		for (i = 0; i < pl.nlines; i++)
			for (j = 0; j < pl.lines[i].nitems; j++) {
				struct pitem it = pl.lines[i].items[j];

				it.x += t->label_x;
				it.y += baseline;
				vlist_box_add(b, &it);
			}
		/* the label comes first in reading order */
		if (first > 0 && b->nitems > first) {
			int n = b->nitems - first;
			struct pitem *tmp = xmalloc(sizeof(*tmp) * (size_t)n);

			memcpy(tmp, b->items + first, sizeof(*tmp) * (size_t)n);
			memmove(b->items + n, b->items,
			    sizeof(*tmp) * (size_t)first);
			memcpy(b->items, tmp, sizeof(*tmp) * (size_t)n);
			free(tmp);
		}
	}
	para_lines_free(&pl);
	free(t->label);
	t->label = NULL;
	t->label_elem = 0;
}

/*
 * Stack set lines as boxes, with orphan/widow penalties inside the
 * paragraph.  inner_penalty overrides them (headings: never break inside).
 * The lines' texts move into the boxes (pl keeps none).
 */
static void
emit_lines(struct ts *t, struct plines *pl, const struct para_opts *o,
    double x, int inner_penalty)
{
	double half, baseline;
	int i, j, n = pl->nlines, pen;

	half = (o->leading - (pl->ascent + pl->descent)) / 2;
	if (half < 0)
		half = 0;
	baseline = half + pl->ascent;
	for (i = 0; i < n; i++) {
		struct vbox *b;

		if (i == 0)
			pen = 0;
		else if (inner_penalty >= 0)
			pen = inner_penalty;
		else {
			pen = 0;
			if (i == 1)
				pen += t->L->orphan_penalty;
			if (i == n - 1)
				pen += t->L->widow_penalty;
			if (pen > NO_BREAK - 1)
				pen = NO_BREAK - 1;
		}
		b = add_box(t, o->leading, pen, o->line);
		for (j = 0; j < pl->lines[i].nitems; j++) {
			struct pitem it = pl->lines[i].items[j];

			it.x += x;
			it.y += baseline;
			/* the text moves into the box, not copied */
			vlist_box_adopt(b, &it);
			pl->lines[i].items[j].text = NULL;
		}
		if (i == 0)
			put_label(t, b, baseline, t->L->body.size);
	}
}

/* Does the inline content under n hold a link? */
static int
has_link(const struct node *n)
{
	const struct node *c;

	for (c = n->first; c != NULL; c = c->next)
		if (c->type == NODE_LINK || has_link(c))
			return 1;
	return 0;
}

/*
 * The width at which a title or heading (inline nodes from first, or
 * text) sets in as many lines as at o->width but with lines of more even
 * length, so no word is left alone on the last line: the narrowest, down
 * to 60 %, that keeps the number of lines.
 */
static double
balanced_width(struct ts *t, const struct node *first, const char *text,
    const struct para_opts *o)
{
	struct para_opts tr = *o;
	struct plines pl;
	double w, best = o->width, widest = 0;
	int n, k, quiet = t->env.quiet_wide;
	char *plain, *word, *save;

	if (para_set(&t->env, first, text, o, &pl) <= 0 || pl.nlines < 2) {
		para_lines_free(&pl);
		return best;
	}
	n = pl.nlines;
	para_lines_free(&pl);
	/* never narrower than its widest word: no word broken */
	plain = first != NULL ? doc_plain_text(first->parent) :
	    xstrdup(text);
	for (word = strtok_r(plain, " ", &save); word != NULL;
	    word = strtok_r(NULL, " ", &save)) {
		double ww = para_text_width(&t->env, o->font, o->size, word);

		if (ww > widest)
			widest = ww;
	}
	free(plain);
	t->env.quiet_wide = 1;	/* trials: no warnings */
	for (w = o->width * 0.96; w >= o->width * 0.6 && w > widest + 1;
	    w -= o->width * 0.04) {
		tr.width = w;
		k = para_set(&t->env, first, text, &tr, &pl) > 0 ?
		    pl.nlines : 0;
		para_lines_free(&pl);
		if (k != n)
			break;
		best = w;
	}
	t->env.quiet_wide = quiet;
	return best;
}

static enum align
align_of(const struct ts *t)
{
	return t->L->justify ? ALIGN_JUSTIFY : ALIGN_LEFT;
}

static void
set_inline_block(struct ts *t, const struct node *n, const struct frame *f,
    const struct text_style *st, enum font_style font, uint32_t color,
    enum role role, int elem, enum align align, int inner_penalty)
{
	struct para_opts o;
	struct plines pl;

	memset(&o, 0, sizeof(o));
	o.size = st->size;
	o.leading = st->leading;
	o.font = font;
	o.color = color;
	o.role = role;
	o.block = new_block(t);
	o.elem = elem;
	o.width = f->width;
	o.align = align;
	o.line = n->line;
	o.col = n->col;
	if (role >= ROLE_H1 && role <= ROLE_H4 && !has_link(n))
		o.width = balanced_width(t, n->first, NULL, &o);
	if (para_set(&t->env, n->first, NULL, &o, &pl) > 0)
		emit_lines(t, &pl, &o, f->x, inner_penalty);
	else if (t->label != NULL) {
		/* an empty list item still shows its label */
		struct vbox *b = add_box(t, st->leading, 0, n->line);

		put_label(t, b, st->size, st->size);
	}
	para_lines_free(&pl);
}

static void
set_heading(struct ts *t, const struct node *n, const struct frame *f)
{
	int level = n->level < 1 ? 1 : n->level > 4 ? 4 : n->level;
	const struct text_style *st = &t->L->heading[level - 1];
	int first = t->vl.nboxes, keep = t->L->heading_keep_lines;
	char *title, *anchor;
	struct pitem a;

	space_before(t, st->space_before);
	t->heading = level;
	set_inline_block(t, n, f, st, FONT_BOLD, t->L->heading_color,
	    (enum role)(ROLE_H1 + level - 1), new_elem(t, heading_type(level),
	    n->line), ALIGN_LEFT, NO_BREAK);
	if (t->vl.nboxes > first) {
		struct vbox *b = &t->vl.boxes[first];

		title = doc_plain_text(n);
		b->outline_level = level + 1;	/* the title is level 1 */
		b->outline_title = title;
		anchor = anchor_name(ANCHOR_SECTION, t->chapter, t->block_id);
		memset(&a, 0, sizeof(a));
		a.kind = PI_ANCHOR;
		a.x = f->x;
		a.text = anchor;
		vlist_box_add(b, &a);
		free(anchor);
	}
	t->pending_space = st->space_after;
	t->keep = keep > 0 ? keep : 0;
}

/* Put a named destination on box `first` (the block's first box). */
static void
add_anchor(struct ts *t, int first, const char *name, double x)
{
	struct pitem a;

	if (name == NULL || first >= t->vl.nboxes)
		return;
	memset(&a, 0, sizeof(a));
	a.kind = PI_ANCHOR;
	a.x = x;
	a.text = (char *)name;
	vlist_box_add(&t->vl.boxes[first], &a);
}

/* The folder part of path ("." for none); caller frees. */
static char *
dir_of(const char *path)
{
	const char *slash = path != NULL ? strrchr(path, '/') : NULL;

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* 1 if rel, read from sub (a folder inside the content folder, "" for
 * the folder itself), climbs out of the content folder. */
static int
climbs_out(const char *sub, const char *rel)
{
	int depth = 0;
	const char *p;
	size_t n;

	for (p = sub; *p != '\0'; p += n) {
		n = strcspn(p, "/");
		if (n > 0 && !(n == 1 && p[0] == '.'))
			depth++;
		if (p[n] == '/')
			n++;
	}
	for (p = rel; *p != '\0'; p += n) {
		n = strcspn(p, "/");
		if (n == 2 && p[0] == '.' && p[1] == '.' && --depth < 0)
			return 1;
		else if (n > 0 && !(n == 1 && p[0] == '.') &&
		    !(n == 2 && p[0] == '.' && p[1] == '.'))
			depth++;
		if (p[n] == '/')
			n++;
	}
	return 0;
}

/* The folder of the Markdown file below the content folder ("therapies"),
 * or NULL if the file is not inside it; caller frees. */
static char *
sub_of(const char *file_dir, const char *content)
{
	char *rf = realpath(file_dir, NULL), *rc = realpath(content, NULL);
	char *sub = NULL;
	size_t n;

	if (rf != NULL && rc != NULL) {
		n = strlen(rc);
		if (strncmp(rf, rc, n) == 0 && (rf[n] == '/' || rf[n] == '\0'))
			sub = xstrdup(rf[n] == '/' ? rf + n + 1 : "");
	}
	free(rf);
	free(rc);
	return sub;
}

/* dir/rel with "x/.." and "." taken out where dir allows it, so that
 * messages name content/images/x.png, not content/therapies/../images/
 * x.png.  Caller frees. */
static char *
join_path(const char *dir, const char *rel)
{
	char *out = xasprintf("%s/%s", dir, rel), *q;
	size_t keep = strlen(dir), n;
	const char *p = rel;

	while (keep > 1 && dir[keep - 1] == '/')
		keep--;
	out[keep] = '\0';
	while (*p != '\0') {
		n = strcspn(p, "/");
		q = strrchr(out, '/');
		if (n == 1 && p[0] == '.')
			;
		else if (n == 2 && p[0] == '.' && p[1] == '.' && out[0] != '\0'
		    && strcmp(q != NULL ? q + 1 : out, "..") != 0 &&
		    strcmp(q != NULL ? q + 1 : out, ".") != 0 && q != out) {
			if (q != NULL)
				*q = '\0';
			else
				strcpy(out, ".");
		} else {
			if (strcmp(out, ".") == 0)
				out[0] = '\0';
			else if (out[0] != '\0')
				strcat(out, "/");
			strncat(out, p, n);
		}
		p += n;
		while (*p == '/')
			p++;
	}
	if (out[0] == '\0')
		strcpy(out, ".");
	return out;
}

/* A name in dir that differs from name only in case, or by a slip of a
 * character or two; caller frees. */
static char *
near_name(const char *dir, const char *name)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char *best = NULL;
	int bestd = 0, d1, limit = (int)strlen(name) / 4;

	if (d == NULL)
		return NULL;
	if (limit < 2)
		limit = 2;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		d1 = strcasecmp(e->d_name, name) == 0 ? 0 :
		    yamlx_distance(e->d_name, name);
		if (d1 <= limit && (best == NULL || d1 < bestd)) {
			free(best);
			best = xstrdup(e->d_name);
			bestd = d1;
		}
	}
	closedir(d);
	return best;
}

/* rel, read from dir, with each folder or file name that does not exist
 * replaced by its near name ("imges/RGB.png" -> "images/rgb.png"), if
 * that leads to a file; NULL if not.  Caller frees. */
static char *
near_path(const char *dir, const char *rel)
{
	char *cur = xstrdup(dir), *fixed = xstrdup(""), *near, *t;
	const char *p = rel;
	size_t n;
	int changed = 0;

	while (*p != '\0') {
		char *name, *use;

		n = strcspn(p, "/");
		name = xstrndup(p, n);
		t = xasprintf("%s/%s", cur, name);
		near = NULL;
		if (n > 0 && access(t, F_OK) != 0 &&
		    (near = near_name(cur, name)) == NULL) {
			free(t);
			free(name);
			free(cur);
			free(fixed);
			return NULL;
		}
		free(t);
		use = near != NULL ? near : name;
		changed |= near != NULL;
		t = xasprintf("%s%s%s", fixed, fixed[0] != '\0' ? "/" : "",
		    use);
		free(fixed);
		fixed = t;
		t = xasprintf("%s/%s", cur, use);
		free(cur);
		cur = t;
		free(near);
		free(name);
		p += n;
		while (*p == '/')
			p++;
	}
	if (!changed || access(cur, F_OK) != 0) {
		free(fixed);
		fixed = NULL;
	}
	free(cur);
	return fixed;
}

/*
 * Resolve a picture's path: relative to the Markdown file that names it,
 * or else (as older content does) to the content folder; refuse absolute
 * paths, web addresses and anything that leads out of the content folder.
 * A missing file gets a "did you mean" for a near name.  Caller frees.
 */
static char *
image_path(struct ts *t, const struct node *img)
{
	const char *p = img->text != NULL ? img->text : "";
	const char *dir = t->in->content_dir != NULL ? t->in->content_dir : ".";
	char *file_dir = dir_of(t->file), *sub = sub_of(file_dir, dir);
	char *cand[2], *full = NULL, *real_full, *real_dir, *near;
	int i, nc = 0;
	size_t n;

	if (strstr(p, "://") != NULL) {
		diag_error(t->file, img->line, img->col,
		    "the picture '%s' is a web address: download it into the "
		    "content folder and refer to the file", p);
		goto out;
	}
	if (p[0] == '/' || climbs_out(sub != NULL ? sub : "", p)) {
		diag_error(t->file, img->line, img->col,
		    "the picture '%s' is outside the content folder: copy it "
		    "into the content folder and use a path inside it", p);
		goto out;
	}
	if (sub != NULL)
		cand[nc++] = join_path(file_dir, p);
	/* the content folder too, unless that would lead out of it */
	if (sub == NULL || !climbs_out("", p))
		cand[nc++] = join_path(dir, p);
	for (i = 0; i < nc && full == NULL; i++)
		if (access(cand[i], F_OK) == 0)
			full = xstrdup(cand[i]);
	if (full == NULL) {
		/* the nearest name, from the first folder that has one */
		near = NULL;
		if (sub != NULL)
			near = near_path(file_dir, p);
		if (near == NULL && (sub == NULL || !climbs_out("", p)))
			near = near_path(dir, p);
		if (near != NULL)
			diag_error(t->file, img->line, img->col, "there is no "
			    "picture '%s': did you mean '%s'? (pictures "
			    "are found relative to the Markdown file)", p,
			    near);
		else
			diag_error(t->file, img->line, img->col, "there is no "
			    "picture '%s' (looked for %s%s%s): check the file "
			    "name; pictures are found relative to the "
			    "Markdown file", p, cand[0], nc > 1 ? " and " : "",
			    nc > 1 ? cand[1] : "");
		free(near);
		goto out;
	}
	real_full = realpath(full, NULL);
	real_dir = realpath(dir, NULL);
	if (real_full != NULL && real_dir != NULL) {
		n = strlen(real_dir);
		if (strncmp(real_full, real_dir, n) != 0 ||
		    (real_full[n] != '/' && real_full[n] != '\0')) {
			diag_error(t->file, img->line, img->col,
			    "the picture '%s' leads outside the content "
			    "folder (through a link): copy the file into the "
			    "content folder", p);
			free(full);
			full = NULL;
		}
	}
	free(real_full);
	free(real_dir);
out:
	for (i = 0; i < nc; i++)
		free(cand[i]);
	free(file_dir);
	free(sub);
	return full;
}

/* The pictures a document holds stay in memory until its PDF is
 * written: past the budget, the picture that goes over is an error. */
static int
over_budget(struct ts *t, const struct image *im, const struct node *img,
    const char *path)
{
	size_t used = image_bytes(im);
	int i;

	for (i = 0; i < t->pd->nimages; i++)
		used += image_bytes(t->pd->images[i]);
	if (used <= IMAGE_DOC_BUDGET)
		return 0;
	diag_error(t->file, img->line, img->col, "the picture '%s' "
	    "takes the pictures of this document past %u MB in memory; "
	    "make the pictures smaller (2500 pixels across is plenty for a "
	    "printed page)", path, IMAGE_DOC_BUDGET >> 20);
	return 1;
}

/* A picture, centred; no taller than max_height (0: 60 % of the text
 * area). */
static void
set_figure(struct ts *t, const struct node *img, const struct frame *f,
    double max_height)
{
	struct image *im;
	struct pitem it;
	struct vbox *b;
	char *path;
	double w, h, maxw, maxh, dpi;
	int num;

	if ((path = image_path(t, img)) == NULL)
		return;
	im = image_load(path, t->file, img->line, img->col);
	if (im == NULL) {
		free(path);
		return;
	}
	if (over_budget(t, im, img, path)) {
		image_free(im);
		free(path);
		return;
	}
	free(path);
	dpi = im->dpi_x > 0 ? im->dpi_x : DEFAULT_DPI;
	w = im->width * 72.0 / dpi;
	h = im->height * 72.0 / dpi;
	maxw = f->width * (t->L->image_max_width > 0 ?
	    t->L->image_max_width : 1.0);
	maxh = max_height > 0 ? max_height : layout_text_height(t->L) * 0.6;
	if (w > maxw) {
		h *= maxw / w;
		w = maxw;
	}
	if (h > maxh) {
		w *= maxh / h;
		h = maxh;
	}
	num = pagedoc_add_image(t->pd, im);
	space_before(t, t->L->paragraph_space);
	b = add_box(t, h, 0, img->line);
	memset(&it, 0, sizeof(it));
	it.kind = PI_IMAGE;
	it.role = ROLE_FIGURE;
	it.block = new_block(t);
	it.elem = new_elem(t, ST_FIGURE, img->line);
	pagedoc_elem_alt(t->pd, it.elem, img->info);
	it.line = img->line;
	it.x = f->x + (f->width - w) / 2;
	it.y = 0;
	it.w = w;
	it.h = h;
	it.image = num;
	it.text = img->info;
	vlist_box_add(b, &it);
	t->pending_space = t->L->paragraph_space;
}

static void
set_paragraph(struct ts *t, const struct node *n, const struct frame *f)
{
	const struct node *img = doc_lone_image(n);
	struct text_style st = t->L->body;
	int first = t->vl.nboxes, elem;

	if (img != NULL) {
		t->lbody_text = 0;
		set_figure(t, img, f, 0);
		return;
	}
	space_before(t, f->tight ? 0 : t->L->paragraph_space);
	if (t->lbody_text != 0)		/* a list item's only paragraph */
		elem = t->lbody_text;
	else
		elem = new_elem(t, ST_P, n->line);
	t->lbody_text = 0;
	set_inline_block(t, n, f, &st, FONT_REGULAR, f->color,
	    f->list_depth > 0 ? ROLE_LBODY : ROLE_P, elem, align_of(t), -1);
	add_anchor(t, first, n->info, f->x);
	t->pending_space = f->tight ? 0 : t->L->paragraph_space;
	if (n->last != NULL && n->last->type == NODE_TEXT &&
	    n->last->text != NULL) {
		size_t len = strlen(n->last->text);

		/* a lead-in ("These are the main steps:") stays with what
		 * it introduces */
		if (len > 0 && n->last->text[len - 1] == ':')
			t->lead_in = t->L->widow_penalty > 0 ?
			    t->L->widow_penalty * 2 : 300;
	}
}

static void
push_group(struct ts *t, const struct vgroup *g)
{
	int id = vlist_group(&t->vl, g);

	if (t->ngroups < VGROUP_DEPTH)
		t->groups[t->ngroups++] = id;
}

static void
pop_group(struct ts *t)
{
	if (t->ngroups > 0)
		t->ngroups--;
}

/* Forbid page breaks between boxes first+1 .. last, unless together they
 * are taller than a page (then they must be allowed to split). */
static void
keep_together(struct ts *t, int first)
{
	double h = 0;
	int i;

	for (i = first; i < t->vl.nboxes; i++)
		h += t->vl.boxes[i].height + (i > first ?
		    t->vl.boxes[i].space : 0);
	if (h > layout_text_height(t->L))
		return;
	for (i = first + 1; i < t->vl.nboxes; i++)
		t->vl.boxes[i].penalty = NO_BREAK;
}

/*
 * A callout moves whole to the next page when that leaves at most max_gap
 * of the page empty; a taller one may split (at a cost), keeping its title
 * with two lines and its last two lines together.  The contact box never
 * splits, and marks the back matter a last page should not hold alone.
 */
static void
keep_callout(struct ts *t, int first, int contact)
{
	double h = 0;
	int i, n = t->vl.nboxes;

	for (i = first; i < n; i++)
		h += t->vl.boxes[i].height + (i > first ?
		    t->vl.boxes[i].space : 0);
	if (contact) {
		for (i = first; i < n; i++)
			t->vl.boxes[i].flags |= VB_TAIL;
		keep_together(t, first);
		return;
	}
	if (h <= t->L->max_gap * layout_text_height(t->L)) {
		keep_together(t, first);
		return;
	}
	for (i = first + 1; i < n; i++) {
		struct vbox *b = &t->vl.boxes[i];

		if (i <= first + 3 || i >= n - 2)
			b->penalty = NO_BREAK;
		else if (b->penalty < NO_BREAK)
			b->penalty = b->penalty + CALLOUT_SPLIT < NO_BREAK ?
			    b->penalty + CALLOUT_SPLIT : NO_BREAK - 1;
	}
}

/*
 * A table breaks only between rows, with at least two body rows on each
 * side of a break (the header repeats on the next page); a table taller
 * than a page with too few rows for that may break between any rows.
 * rows[k] is the box of body row k.
 */
static void
keep_table_rows(struct ts *t, const int *rows, int nrows, int first)
{
	double h = 0;
	int i, k;

	for (i = first; i < t->vl.nboxes; i++)
		h += t->vl.boxes[i].height + (i > first ?
		    t->vl.boxes[i].space : 0);
	if (nrows < 4 && h > layout_text_height(t->L))
		return;
	for (k = 0; k < nrows; k++)
		if (k < 2 || k > nrows - 2)
			t->vl.boxes[rows[k]].penalty = NO_BREAK;
}

static void
set_strut(struct ts *t, double h, int line)
{
	add_box(t, h, 0, line);
}

/* How each kind of callout's border is drawn, so that the kinds differ
 * without colour (their titles, in bold, name them too). */
static const int callout_style[CALLOUT_KIND_MAX] = {
	[CALLOUT_NOTE] = VGS_BAR,
	[CALLOUT_TIP] = VGS_RULE,
	[CALLOUT_IMPORTANT] = VGS_DOUBLE,
	[CALLOUT_WARNING] = VGS_THICK,
	[CALLOUT_CAUTION] = VGS_HEAVY,
};

static void
set_callout(struct ts *t, const struct node *n, const struct frame *f)
{
	const struct layout *L = t->L;
	int kind = n->level >= 0 && n->level < CALLOUT_KIND_MAX ? n->level : 0;
	const struct callout_style *cs = &L->callout[kind];
	struct vgroup g;
	struct frame inner = *f;
	struct para_opts o;
	struct plines pl;
	int style = callout_style[kind], contact = (n->flags &
	    NODE_CONTACT) != 0;
	double pad = L->callout_padding, bar = (style == VGS_HEAVY ? 8 : 4) *
	    L->callout_border_width;
	int first, saved_parent = t->parent, saved_heading = t->heading;

	space_before(t, L->paragraph_space);
	memset(&g, 0, sizeof(g));
	g.kind = VG_CALLOUT;
	g.x0 = f->x;
	g.x1 = f->x + f->width;
	g.border = cs->border;
	g.background = cs->background;
	g.border_width = L->callout_border_width;
	g.style = style;
	g.line = n->line;
	push_group(t, &g);
	first = t->vl.nboxes;
	set_strut(t, pad, n->line);
	inner.x = f->x + bar + pad;
	inner.width = f->width - bar - 2 * pad;
	inner.depth = f->depth + 1;
	/* the title */
	memset(&o, 0, sizeof(o));
	o.size = L->body.size;
	o.leading = L->body.leading;
	o.font = FONT_BOLD;
	o.color = cs->title_color;
	o.role = ROLE_CALLOUT;
	o.block = new_block(t);
	/* a box of its own, its title a heading one level down */
	t->parent = new_elem(t, ST_SECT, n->line);
	t->heading = t->heading + 1 > 6 ? 6 : t->heading + 1;
	o.elem = new_elem(t, heading_type(t->heading), n->line);
	o.width = inner.width;
	o.line = n->line;
	o.col = n->col;
	if (para_set(&t->env, NULL, n->info != NULL ? n->info :
	    cs->title != NULL ? cs->title : "Note", &o, &pl) > 0)
		emit_lines(t, &pl, &o, inner.x, NO_BREAK);
	para_lines_free(&pl);
	t->pending_space = L->paragraph_space / 2;
	set_blocks(t, n, &inner);
	t->parent = saved_parent;
	t->heading = saved_heading;
	t->pending_space = 0;
	set_strut(t, pad, n->line);
	pop_group(t);
	keep_callout(t, first, contact);
	t->pending_space = L->paragraph_space;
}

static void
set_quote(struct ts *t, const struct node *n, const struct frame *f)
{
	const struct layout *L = t->L;
	struct vgroup g;
	struct frame inner = *f;

	space_before(t, L->paragraph_space);
	memset(&g, 0, sizeof(g));
	g.kind = VG_QUOTE;
	g.x0 = f->x + L->quote_rule_width / 2;
	g.x1 = g.x0;
	g.border = L->quote_rule_color;
	g.border_width = L->quote_rule_width;
	g.line = n->line;
	push_group(t, &g);
	inner.x = f->x + L->quote_indent;
	inner.width = f->width - L->quote_indent;
	inner.color = L->quote_color;
	inner.depth = f->depth + 1;
	{
		int saved = t->parent;

		t->parent = new_elem(t, ST_BLOCKQUOTE, n->line);
		set_blocks(t, n, &inner);
		t->parent = saved;
	}
	pop_group(t);
	t->pending_space = L->paragraph_space;
}

static void
set_code(struct ts *t, const struct node *n, const struct frame *f)
{
	const struct layout *L = t->L;
	struct vgroup g;
	struct para_opts o;
	struct plines pl;
	char *text;
	size_t len;
	double pad = L->code_size * 0.6;
	int first;

	text = xstrdup(n->text != NULL ? n->text : "");
	len = strlen(text);
	while (len > 0 && text[len - 1] == '\n')
		text[--len] = '\0';
	space_before(t, L->paragraph_space);
	memset(&g, 0, sizeof(g));
	g.kind = VG_CODE;
	g.x0 = f->x;
	g.x1 = f->x + f->width;
	g.background = L->code_background;
	g.line = n->line;
	push_group(t, &g);
	first = t->vl.nboxes;
	set_strut(t, pad, n->line);
	memset(&o, 0, sizeof(o));
	o.size = L->code_size;
	o.leading = L->code_size * 1.35;
	o.font = FONT_MONO;
	o.color = f->color;
	o.role = ROLE_CODE;
	o.block = new_block(t);
	o.elem = new_elem(t, ST_CODE, n->line);
	o.width = f->width - 2 * pad;
	o.line = n->line;
	o.col = n->col;
	o.keep_spaces = 1;
	if (para_set(&t->env, NULL, text, &o, &pl) > 0)
		emit_lines(t, &pl, &o, f->x + pad, -1);
	para_lines_free(&pl);
	set_strut(t, pad, n->line);
	pop_group(t);
	if (t->vl.nboxes - first <= 6)
		keep_together(t, first);
	free(text);
	t->pending_space = L->paragraph_space;
}

static void
set_hrule(struct ts *t, const struct node *n, const struct frame *f)
{
	struct vbox *b;
	struct pitem it;
	double h = t->L->body.leading;

	space_before(t, t->L->paragraph_space);
	b = add_box(t, h, 0, n->line);
	memset(&it, 0, sizeof(it));
	it.kind = PI_RULE;
	it.role = ROLE_DECOR;
	it.x = f->x;
	it.y = h / 2;
	it.w = f->width;
	it.color = t->L->rule_color;
	it.line_width = 0.75;
	vlist_box_add(b, &it);
	t->pending_space = t->L->paragraph_space;
}

static void
list_label(struct ts *t, const struct node *list, const struct node *item,
    int index, const struct frame *f, double indent)
{
	const struct layout *L = t->L;
	char *label;
	double w;

	if (item->flags & NODE_TASK)
		label = xstrdup((item->flags & NODE_CHECKED) ? "\xe2\x98\x91" :
		    "\xe2\x98\x90");
	else if (list->flags & NODE_ORDERED)
		label = xasprintf("%d.", list->level + index);
	else {
		const char *bl = L->bullets[f->list_depth % 3];

		label = xstrdup(bl != NULL ? bl : "\xe2\x80\xa2");
	}
	w = para_text_width(&t->env, FONT_REGULAR, L->body.size, label);
	free(t->label);
	t->label = label;
	/* numbers are right-aligned against the text, bullets centred in
	 * the indent */
	if (list->flags & NODE_ORDERED)
		t->label_x = f->x + indent - w - L->body.size * 0.4;
	else
		t->label_x = f->x + (indent - w) / 2;
	if (t->label_x < f->x)
		t->label_x = f->x;
	t->label_role = ROLE_LBL;
}

static void
set_list(struct ts *t, const struct node *n, const struct frame *f)
{
	const struct layout *L = t->L;
	const struct node *item;
	struct frame inner = *f;
	double indent = L->list_indent;
	int index = 0, tight = (n->flags & NODE_TIGHT) != 0, list, saved;

	/* numbered lists with many items need room for wider numbers */
	if (n->flags & NODE_ORDERED) {
		char *w = xasprintf("%d.", n->level + 999);
		int count = 0;
		double need;

		for (item = n->first; item != NULL; item = item->next)
			count++;
		free(w);
		w = xasprintf("%d.", n->level + count);
		need = para_text_width(&t->env, FONT_REGULAR, L->body.size, w) +
		    L->body.size * 0.8;
		free(w);
		if (need > indent)
			indent = need;
	}
	if (n->flags & NODE_CONTENTS) {
		set_contents(t, n);
		return;
	}
	if (indent > f->width / 2)
		indent = f->width / 2;
	space_before(t, f->tight ? L->list_item_space : L->paragraph_space);
	inner.x = f->x + indent;
	inner.width = f->width - indent;
	inner.tight = tight;
	inner.depth = f->depth + 1;
	inner.list_depth = f->list_depth + 1;
	saved = t->parent;
	list = new_elem(t, ST_L, n->line);
	t->pd->elems[list].numbering = (n->flags & NODE_ORDERED) ?
	    LIST_DECIMAL : n->first != NULL && (n->first->flags & NODE_TASK) ?
	    LIST_NONE : LIST_DISC;
	for (item = n->first; item != NULL; item = item->next, index++) {
		struct frame lf = *f;
		const struct node *c;
		int first, li, nblocks = 0;

		if (index > 0)
			space_before(t, tight ? L->list_item_space :
			    L->paragraph_space);
		first = t->vl.nboxes;
		lf.list_depth = f->list_depth;
		list_label(t, n, item, index, &lf, indent);
		/* LI: Lbl, then LBody holding the item's blocks (nested
		 * lists too); a lone paragraph's text goes in directly */
		t->parent = list;
		li = new_elem(t, ST_LI, item->line);
		t->label_elem = pagedoc_elem(t->pd, li, ST_LBL, item->line);
		t->parent = pagedoc_elem(t->pd, li, ST_LBODY, item->line);
		for (c = item->first; c != NULL; c = c->next)
			if (doc_is_block(c->type))
				nblocks++;
		t->lbody_text = nblocks == 1 && item->first != NULL &&
		    item->first->type == NODE_PARAGRAPH ? t->parent : 0;
		set_blocks(t, item, &inner);
		t->lbody_text = 0;
		t->parent = saved;
		add_anchor(t, first, item->info, f->x);
		/* a one-line last item alone at the top of a page is a
		 * widow of the list */
		if (item->next == NULL && t->vl.nboxes == first + 1 &&
		    index > 0 && t->vl.boxes[first].penalty < NO_BREAK)
			t->vl.boxes[first].penalty += t->L->widow_penalty;
		if (t->label != NULL) {
			/* the item had no text: show its label alone */
			struct vbox *b = add_box(t, L->body.leading, 0,
			    item->line);

			put_label(t, b, L->body.size, L->body.size);
		}
	}
	t->pending_space = f->tight ? L->list_item_space : L->paragraph_space;
}

/* The part of a word a column must be wide enough for: all of it, or of
 * a web address (which may break anywhere after it) its scheme and three
 * characters; the word itself is cut in place. */
static char *
url_head(char *word)
{
	char *sep = strstr(word, "://");
	size_t n;

	if (sep == NULL && strncmp(word, "www.", 4) != 0)
		return word;
	n = sep != NULL ? (size_t)(sep - word) + 3 : 0;
	n += strlen(word + n) < 3 ? strlen(word + n) : 3;
	word[n] = '\0';
	return word;
}

/* Widths of the table's columns, from their content (the automatic table
 * layout of CSS: minimum = longest word, maximum = longest cell). */
static double *
column_widths(struct ts *t, const struct node *table, double avail)
{
	const struct layout *L = t->L;
	int nc = table->ncols > 0 ? table->ncols : 1, c;
	double *minw = xcalloc((size_t)nc, sizeof(double));
	double *maxw = xcalloc((size_t)nc, sizeof(double));
	double *w = xcalloc((size_t)nc, sizeof(double));
	double pad = 2 * L->table_padding, summin = 0, summax = 0;
	const struct node *row, *cell;

	for (row = table->first; row != NULL; row = row->next) {
		enum font_style fs = (row->flags & NODE_HEADER) ?
		    FONT_BOLD : FONT_REGULAR;

		for (c = 0, cell = row->first; cell != NULL && c < nc;
		    cell = cell->next, c++) {
			char *text = doc_plain_text(cell), *word, *save;
			double full = para_text_width(&t->env, fs,
			    L->table_size, text);

			if (full + pad > maxw[c])
				maxw[c] = full + pad;
			for (word = strtok_r(text, " ", &save); word != NULL;
			    word = strtok_r(NULL, " ", &save)) {
				/* a web address may break anywhere after its
				 * scheme: only that must fit */
				double ww = para_text_width(&t->env, fs,
				    L->table_size, url_head(word)) + pad;

				if (ww > minw[c])
					minw[c] = ww;
			}
			free(text);
		}
	}
	for (c = 0; c < nc; c++) {
		if (minw[c] < pad + L->table_size)
			minw[c] = pad + L->table_size;
		if (maxw[c] < minw[c])
			maxw[c] = minw[c];
		summin += minw[c];
		summax += maxw[c];
	}
	for (c = 0; c < nc; c++) {
		if (summax <= avail)
			w[c] = maxw[c] + (avail - summax) * maxw[c] / summax;
		else if (summin <= avail && summax > summin)
			w[c] = minw[c] + (avail - summin) *
			    (maxw[c] - minw[c]) / (summax - summin);
		else
			/* too narrow for its words: each column short by
			 * the same share of its longest word */
			w[c] = minw[c] * avail / summin;
	}
	if (summin > avail) {
		diag_warning(t->file, table->line, table->col,
		    "this table is too wide for the page (%d columns): its "
		    "words will be broken; split it into smaller tables",
		    nc);
		t->env.quiet_wide = 1;
	}
	free(minw);
	free(maxw);
	return w;
}

/*
 * Stack one table row, its cells set in cells[], as boxes: one box, or
 * when the row is too tall to move whole to the next page (taller than
 * max_gap of a page), one box per line of its cells, so that the page
 * builder can split it (at a cost, two lines at least on each side) and
 * no text is lost at a page foot; the header repeats above the rest.
 * The boxes of a split row share the row's TR and TD elements (the items
 * carry them), so the structure holds one row whichever page it is on.
 */
static void
add_row(struct ts *t, struct plines *cells, int nc, const double *colw,
    const struct frame *f, const struct text_style *st, double rowh,
    int header, int after_header, int table, int line)
{
	const struct layout *L = t->L;
	double pad = L->table_padding, x, top;
	struct vbox **slice;
	struct pitem it;
	int nl = 0, n, s, c, i, j;

	for (c = 0; c < nc; c++)
		if (cells[c].nlines > nl)
			nl = cells[c].nlines;
	n = !header && nl >= 4 &&
	    rowh > L->max_gap * layout_text_height(L) ? nl : 1;
	slice = xcalloc((size_t)n, sizeof(*slice));
	for (s = 0; s < n; s++) {
		double h = n == 1 ? rowh : s == 0 ? pad + st->leading :
		    s == n - 1 ? rowh - pad - s * st->leading : st->leading;
		/* break before a row, never between the header and the
		 * first row; inside a split row only between its lines */
		int pen = s == 0 ? (after_header ? NO_BREAK : 0) :
		    s >= 2 && s <= n - 2 ? ROW_SPLIT : NO_BREAK;
		struct vbox *b = add_box(t, h, pen, line);

		b->table = table;
		b->table_header = header;
	}
	/* the boxes are final now: vlist_add may have moved them */
	for (s = 0; s < n; s++)
		slice[s] = &t->vl.boxes[t->vl.nboxes - n + s];
	memset(&it, 0, sizeof(it));
	if (header) {
		it.kind = PI_RECT;
		it.role = ROLE_DECOR;
		it.flags = PF_FILL;
		it.x = f->x;
		it.y = 0;
		it.w = f->width;
		it.h = rowh;
		it.fill = L->table_header_background;
		vlist_box_add(slice[0], &it);
	}
	it.kind = PI_RULE;
	it.role = ROLE_DECOR;
	it.flags = 0;
	it.x = f->x;
	it.y = slice[n - 1]->height;
	it.w = f->width;
	it.h = 0;
	it.color = L->table_rule_color;
	it.line_width = header ? 1.0 : 0.5;
	vlist_box_add(slice[n - 1], &it);
	x = f->x;
	for (c = 0; c < nc; c++) {
		double half = (st->leading - (cells[c].ascent +
		    cells[c].descent)) / 2;
		double base = pad + (half > 0 ? half : 0) + cells[c].ascent;

		for (i = 0; i < cells[c].nlines; i++) {
			s = n > 1 ? i : 0;
			top = s == 0 ? 0 : pad + s * st->leading;
			for (j = 0; j < cells[c].lines[i].nitems; j++) {
				struct pitem ci = cells[c].lines[i].items[j];

				ci.x += x + pad;
				ci.y += base + i * st->leading - top;
				vlist_box_add(slice[s], &ci);
			}
		}
		x += colw[c];
	}
	free(slice);
}

static void
set_table(struct ts *t, const struct node *n, const struct frame *f)
{
	const struct layout *L = t->L;
	const struct node *row, *cell;
	struct text_style st = L->body;
	double *colw, pad = L->table_padding;
	int nc = n->ncols > 0 ? n->ncols : 1, c, table, nrow = 0;
	int saved, telem, group = 0, *rows, nbody = 0, tfirst;

	st.size = L->table_size;
	st.leading = L->table_size * (L->body.leading / L->body.size);
	colw = column_widths(t, n, f->width);
	table = ++t->ntables;
	space_before(t, L->paragraph_space);
	saved = t->parent;
	telem = new_elem(t, ST_TABLE, n->line);
	tfirst = t->vl.nboxes;
	for (row = n->first; row != NULL; row = row->next)
		nbody++;
	rows = xcalloc((size_t)nbody + 1, sizeof(*rows));
	nbody = 0;
	for (row = n->first; row != NULL; row = row->next, nrow++) {
		int header = (row->flags & NODE_HEADER) != 0;
		struct plines *cells = xcalloc((size_t)nc, sizeof(*cells));
		struct para_opts *opts = xcalloc((size_t)nc, sizeof(*opts));
		double rowh = 0;
		int tr, part = header ? ST_THEAD : ST_TBODY;

		/* Table > THead/TBody > TR > TH/TD, every cell an element
		 * (empty ones too, so cells stay under their headers) */
		if (group == 0 || t->pd->elems[group].type != (enum stype)part)
			group = pagedoc_elem(t->pd, telem, (enum stype)part,
			    row->line);
		tr = pagedoc_elem(t->pd, group, ST_TR, row->line);

		for (c = 0, cell = row->first; c < nc; c++) {
			struct para_opts *o = &opts[c];
			enum align al = n->align != NULL ?
			    (enum align)n->align[c] : ALIGN_LEFT;

			memset(o, 0, sizeof(*o));
			o->size = st.size;
			o->leading = st.leading;
			o->font = header ? FONT_BOLD : FONT_REGULAR;
			o->color = f->color;
			o->role = header ? ROLE_TH : ROLE_TD;
			o->block = new_block(t);
			o->elem = pagedoc_elem(t->pd, tr, header ? ST_TH : ST_TD,
			    cell != NULL ? cell->line : row->line);
			if (header)
				t->pd->elems[o->elem].scope = SCOPE_COLUMN;
			o->width = colw[c] - 2 * pad;
			o->align = al == ALIGN_CENTER || al == ALIGN_RIGHT ?
			    al : ALIGN_LEFT;
			o->line = cell != NULL ? cell->line : row->line;
			o->col = cell != NULL ? cell->col : row->col;
			if (cell != NULL) {
				para_set(&t->env, cell->first, NULL, o,
				    &cells[c]);
				cell = cell->next;
			}
			if (cells[c].nlines * st.leading > rowh)
				rowh = cells[c].nlines * st.leading;
		}
		if (rowh < st.leading)
			rowh = st.leading;
		rowh += 2 * pad;
		if (!header)
			rows[nbody++] = t->vl.nboxes;
		add_row(t, cells, nc, colw, f, &st, rowh, header,
		    nrow == 1 && row->prev != NULL &&
		    (row->prev->flags & NODE_HEADER), table, row->line);
		for (c = 0; c < nc; c++)
			para_lines_free(&cells[c]);
		free(cells);
		free(opts);
	}
	free(colw);
	keep_table_rows(t, rows, nbody, tfirst);
	free(rows);
	t->parent = saved;
	t->env.quiet_wide = 0;
	t->pending_space = L->paragraph_space;
}

static void
set_footnotes(struct ts *t, const struct node *doc, const struct frame *f)
{
	const struct layout *L = t->L;
	const struct node *n;
	struct frame inner = *f;
	int any = 0;
	struct pitem a;

	for (n = doc->first; n != NULL; n = n->next) {
		char *name;
		int first, saved, note;

		if (n->type != NODE_FOOTNOTE_DEF)
			continue;
		if (!any) {
			struct node h;
			struct node txt;

			memset(&h, 0, sizeof(h));
			memset(&txt, 0, sizeof(txt));
			h.type = NODE_HEADING;
			h.level = 2;
			h.line = n->line;
			txt.type = NODE_TEXT;
			txt.text = (char *)"Notes";
			h.first = h.last = &txt;
			set_heading(t, &h, f);
			any = 1;
		}
		inner.x = f->x + L->list_indent;
		inner.width = f->width - L->list_indent;
		inner.list_depth = 1;
		free(t->label);
		t->label = xasprintf("%d.", n->level);
		t->label_x = f->x;
		t->label_role = ROLE_LBL;
		first = t->vl.nboxes;
		space_before(t, L->list_item_space);
		/* a Note (with its unique name) holding its number and text */
		saved = t->parent;
		note = new_elem(t, ST_NOTE, n->line);
		name = anchor_name(ANCHOR_NOTE, t->chapter, n->level);
		pagedoc_elem_id(t->pd, note, name);
		free(name);
		t->label_elem = pagedoc_elem(t->pd, note, ST_LBL, n->line);
		t->parent = note;
		t->lbody_text = n->first != NULL && n->first->next == NULL &&
		    n->first->type == NODE_PARAGRAPH ? note : 0;
		set_blocks(t, n, &inner);
		t->lbody_text = 0;
		t->parent = saved;
		if (t->vl.nboxes > first) {
			name = anchor_name(ANCHOR_NOTE, t->chapter, n->level);
			memset(&a, 0, sizeof(a));
			a.kind = PI_ANCHOR;
			a.x = f->x;
			a.text = name;
			vlist_box_add(&t->vl.boxes[first], &a);
			free(name);
		}
	}
}

/* With link_style: footnote, the web addresses of the chapter's links,
 * numbered as their notes. */
static void
set_link_notes(struct ts *t, const struct frame *f)
{
	struct node *h, *txt, *list, *item, *para, *link, *ltxt;
	int k;

	if (t->env.nlink_urls == 0)
		return;
	h = doc_new(NODE_HEADING, 0, 0);
	h->level = 2;
	txt = doc_new(NODE_TEXT, 0, 0);
	txt->text = xstrdup("Web addresses");
	doc_append(h, txt);
	set_heading(t, h, f);
	doc_free(h);
	list = doc_new(NODE_LIST, 0, 0);
	list->flags = NODE_ORDERED | NODE_TIGHT;
	list->level = 1;
	for (k = 0; k < t->env.nlink_urls; k++) {
		item = doc_new(NODE_ITEM, 0, 0);
		item->info = anchor_name(ANCHOR_WEB_NOTE, t->chapter, k + 1);
		para = doc_new(NODE_PARAGRAPH, 0, 0);
		link = doc_new(NODE_LINK, 0, 0);
		link->text = xstrdup(t->env.link_urls[k]);
		ltxt = doc_new(NODE_TEXT, 0, 0);
		ltxt->text = xstrdup(strncmp(link->text, "mailto:", 7) == 0 ?
		    link->text + 7 : link->text);
		doc_append(link, ltxt);
		doc_append(para, link);
		doc_append(item, para);
		doc_append(list, item);
	}
	for (k = 0; k < t->env.nlink_urls; k++)
		free(t->env.link_urls[k]);
	t->env.nlink_urls = 0;
	set_list(t, list, f);
	doc_free(list);
}

static void
set_block(struct ts *t, const struct node *n, const struct frame *f)
{
	if (f->depth > MAX_BLOCK_DEPTH)
		return;		/* a guard only: mdparse reported it */
	if (n->look > 0 && set_looked(t, n, f))
		return;
	switch (n->type) {
	case NODE_HEADING:
		set_heading(t, n, f);
		break;
	case NODE_PARAGRAPH:
		set_paragraph(t, n, f);
		break;
	case NODE_LIST:
		set_list(t, n, f);
		break;
	case NODE_QUOTE:
		set_quote(t, n, f);
		break;
	case NODE_CALLOUT:
		set_callout(t, n, f);
		break;
	case NODE_CODEBLOCK:
		set_code(t, n, f);
		break;
	case NODE_HRULE:
		set_hrule(t, n, f);
		break;
	case NODE_TABLE:
		set_table(t, n, f);
		break;
	case NODE_FOOTNOTE_DEF:
		break;		/* set at the end, as notes */
	case NODE_ITEM:
	case NODE_DOCUMENT:
		set_blocks(t, n, f);
		break;
	default:
		break;
	}
}

static void
set_blocks(struct ts *t, const struct node *parent, const struct frame *f)
{
	const struct node *n;
	struct frame inner = *f;

	inner.depth = f->depth + 1;
	for (n = parent->first; n != NULL; n = n->next)
		if (doc_is_block(n->type))
			set_block(t, n, &inner);
}

/*
 * The publisher's logo and name in a row at the top of the first page
 * (layout brand:).  The name beside it says what the logo says, so the
 * logo is decoration (an artifact, not read out twice); the name is a
 * paragraph, read first.
 */
static void
set_brand(struct ts *t, const struct frame *f)
{
	const struct layout *L = t->L;
	const char *name = t->in->publisher;
	struct image *im = NULL;
	struct para_opts o;
	struct plines pl;
	struct pitem it;
	struct vbox *b;
	double lw = 0, lh = 0, h, x = f->x, base;
	int i, j;

	if (t->in->logo != NULL && t->in->logo[0] != '\0') {
		char *path = xasprintf("%s/%s", t->in->content_dir != NULL ?
		    t->in->content_dir : ".", t->in->logo);

		im = image_load(path, t->in->logo_file, t->in->logo_line,
		    t->in->logo_col);
		free(path);
	}
	if (im != NULL && im->width > 0 && im->height > 0) {
		lh = L->brand_logo_height;
		lw = lh * im->width / im->height;
		if (lw > f->width / 2) {	/* a wide logo keeps to half */
			lw = f->width / 2;
			lh = lw * im->height / im->width;
		}
	} else if (im != NULL) {
		image_free(im);
		im = NULL;
	}
	if (im == NULL && (name == NULL || name[0] == '\0'))
		return;
	memset(&o, 0, sizeof(o));
	o.size = L->brand_size;
	o.leading = L->brand_size * 1.2;
	o.font = L->brand_font;
	o.color = L->brand_color;
	o.role = ROLE_P;
	o.block = new_block(t);
	o.width = f->width - lw - (lw > 0 ? L->brand_size : 0);
	memset(&pl, 0, sizeof(pl));
	if (name != NULL && name[0] != '\0') {
		o.elem = new_elem(t, ST_P, 0);
		if (para_set(&t->env, NULL, name, &o, &pl) <= 0)
			pl.nlines = 0;
	}
	h = pl.nlines * o.leading;
	if (lh > h)
		h = lh;
	b = add_box(t, h, NO_BREAK, 0);
	if (im != NULL) {
		memset(&it, 0, sizeof(it));
		it.kind = PI_IMAGE;
		it.role = ROLE_DECOR;
		it.x = x;
		it.y = (h - lh) / 2;
		it.w = lw;
		it.h = lh;
		it.image = pagedoc_add_image(t->pd, im);
		it.text = (char *)name;
		vlist_box_add(b, &it);
		x += lw + L->brand_size;
	}
	/* the name's lines centred on the logo */
	base = (h - pl.nlines * o.leading) / 2 + (o.leading -
	    (pl.ascent + pl.descent)) / 2 + pl.ascent;
	for (i = 0; i < pl.nlines; i++)
		for (j = 0; j < pl.lines[i].nitems; j++) {
			it = pl.lines[i].items[j];
			it.x += x;
			it.y += base + i * o.leading;
			vlist_box_add(b, &it);
		}
	para_lines_free(&pl);
	t->pending_space = L->brand_space_after;
	t->keep = 1;
}

static void
set_title(struct ts *t, const struct frame *f)
{
	const struct docmeta *m = cur_meta(t);
	const struct layout *L = t->L;
	struct text_style st = L->heading[0];
	struct para_opts o;
	struct plines pl;
	int first = t->vl.nboxes;
	struct vbox *b;
	struct pitem it;

	if (m == NULL || m->title == NULL)
		return;
	st.size = L->heading[0].size * 1.25;
	st.leading = L->heading[0].leading * 1.25;
	memset(&o, 0, sizeof(o));
	o.size = st.size;
	o.leading = st.leading;
	o.font = FONT_BOLD;
	o.color = L->heading_color;
	o.role = ROLE_TITLE;
	o.block = new_block(t);
	o.elem = new_elem(t, ST_H1, 1);
	t->heading = 1;
	o.width = f->width;
	o.line = 1;
	o.width = balanced_width(t, NULL, m->title, &o);
	if (para_set(&t->env, NULL, m->title, &o, &pl) > 0)
		emit_lines(t, &pl, &o, f->x, NO_BREAK);
	para_lines_free(&pl);
	if (t->vl.nboxes > first) {
		t->vl.boxes[first].outline_level = 1;
		t->vl.boxes[first].outline_title = xstrdup(m->title);
	}
	if (m->summary != NULL && m->summary[0] != '\0') {
		t->pending_space = L->paragraph_space;
		memset(&o, 0, sizeof(o));
		o.size = L->body.size * 1.15;
		o.leading = L->body.leading * 1.15;
		o.font = FONT_REGULAR;
		o.color = L->text_color;
		o.role = ROLE_P;
		o.block = new_block(t);
		o.elem = new_elem(t, ST_P, 1);
		o.width = f->width;
		o.line = 1;
		if (para_set(&t->env, NULL, m->summary, &o, &pl) > 0)
			emit_lines(t, &pl, &o, f->x, -1);
		para_lines_free(&pl);
	}
	t->pending_space = L->paragraph_space;
	b = add_box(t, L->body.leading, 0, 1);
	memset(&it, 0, sizeof(it));
	it.kind = PI_RULE;
	it.role = ROLE_DECOR;
	it.x = f->x;
	it.y = L->body.leading / 2;
	it.w = f->width;
	it.color = L->heading_color;
	it.line_width = 1.5;
	vlist_box_add(b, &it);
	t->keep = 1;
}

static void
decorate_pages(struct ts *t, const struct typeset_pages *tp,
    const int *first_box, double mark_room)
{
	struct deco_page *pages;
	struct pagedeco deco;
	int i, n = t->pd->npages, last_chapter = 0, fb, ch;

	pages = xcalloc((size_t)n + 1, sizeof(*pages));
	for (i = 0; i < n; i++) {
		fb = first_box[i];
		ch = fb >= 0 ? t->vl.boxes[fb].chapter : last_chapter;
		last_chapter = ch;
		pages[i].blank = fb < 0;
		pages[i].opener = fb == 0 ||
		    (fb > 0 && (t->vl.boxes[fb].flags & VB_NEWPAGE));
		if (t->nchapters > 0) {
			pages[i].meta = t->chapters[ch].meta;
			pages[i].marks = t->chapters[ch].marks;
			pages[i].bare = fb >= 0 &&
			    (t->chapters[ch].flags & TS_BARE) != 0;
		}
	}
	memset(&deco, 0, sizeof(deco));
	deco.layout = t->L;
	deco.env = &t->env;
	deco.publisher = t->in->publisher;
	deco.mark_room = mark_room;
	pagedeco_apply(&deco, t->pd, pages, tp);
	pagedeco_clear(&deco);
	/* The review mark's words are read out once, first thing in each
	 * marked chapter (on its other pages they are decoration). */
	for (i = 0; i < n; i++) {
		const struct page *pg = &t->pd->pages[i];
		struct ts_chapter *c;
		int j, notice = 0;

		if (first_box[i] < 0 || t->nchapters == 0)
			continue;
		c = &t->chapters[t->vl.boxes[first_box[i]].chapter];
		if (c->marks == 0 || c->sect < 0)
			continue;
		for (j = 0; j < pg->nitems; j++) {
			if (pg->items[j].kind != PI_TEXT ||
			    pg->items[j].role != ROLE_MARK)
				continue;
			if (notice == 0)
				notice = pagedoc_elem_first(t->pd, c->sect,
				    ST_P, 0);
			pg->items[j].elem = notice;
		}
		if (notice != 0)
			c->sect = -1;	/* done */
	}
	free(pages);
}

void
typeset_blank_note(struct pagedoc *pd, int page, const struct layout *L,
    const struct fontset *fs)
{
	static const char note[] = "This page is left blank for printing.";
	struct pitem it;
	double size = L->body.size;

	if (page < 0 || page >= pd->npages)
		return;
	memset(&it, 0, sizeof(it));
	it.kind = PI_TEXT;
	it.role = ROLE_DECOR;
	it.face = fontset_pick(fs, FONT_REGULAR, 'T');
	it.size = size;
	it.color = L->rule_color;
	it.w = fontset_width(fs, it.face, note, strlen(note), size);
	it.x = (L->page_width - it.w) / 2;
	it.y = L->page_height / 2;
	it.text = (char *)note;
	if (it.face >= 0)
		page_add(&pd->pages[page], &it);
}

static void
set_info(struct ts *t)
{
	const struct docmeta *m = t->nchapters > 0 ? t->chapters[0].meta :
	    NULL;
	struct pagedoc *pd = t->pd;
	struct buf kw;
	int i;

	pd->date = t->in->date;
	pd->creator = xstrdup("leafpress");
	if (t->in->publisher != NULL)
		pd->author = xstrdup(t->in->publisher);
	if (m == NULL)
		return;
	if (m->title != NULL)
		pd->title = xstrdup(m->title);
	if (m->summary != NULL)
		pd->subject = xstrdup(m->summary);
	pd->lang = xstrdup(m->lang != NULL ? m->lang : "en-GB");
	buf_init(&kw);
	for (i = 0; i < m->nkeywords; i++) {
		if (i > 0)
			buf_adds(&kw, ", ");
		buf_adds(&kw, m->keywords[i]);
	}
	pd->keywords = buf_take(&kw);
	buf_free(&kw);
	/* the stamp printed in every footer, also in the metadata */
	if (m->id != NULL)
		pagedoc_add_info(pd, "LeafletID", m->id);
	if (m->version != NULL)
		pagedoc_add_info(pd, "LeafletVersion", m->version);
	{
		char date[11];

		if (m->published >= 0) {
			date_format_iso(m->published, date);
			pagedoc_add_info(pd, "Published", date);
		}
		if (m->review_due >= 0) {
			date_format_iso(m->review_due, date);
			pagedoc_add_info(pd, "NextReview", date);
		}
	}
	/* who approved it, for whoever checks a printed copy's file */
	if (m->status == STATUS_APPROVED && m->approved_by != NULL &&
	    m->approved_by[0] != '\0') {
		char date[11];

		pagedoc_add_info(pd, "ApprovedBy", m->approved_by);
		if (m->approved_on >= 0) {
			date_format_iso(m->approved_on, date);
			pagedoc_add_info(pd, "ApprovedOn", date);
		}
	}
	pagedoc_add_info(pd, "ReviewStatus", m->status == STATUS_APPROVED &&
	    m->approved_by != NULL && m->approved_by[0] != '\0' ?
	    "approved" : "draft");
}

struct typesetter *
typeset_begin(const struct typeset_input *in)
{
	struct ts *t = xcalloc(1, sizeof(*t));
	const struct layout *L = in->layout;

	t->in = in;
	t->L = L;
	t->file = in->file;
	t->env.file = in->file;
	t->env.layout = L;
	t->env.fonts = in->fonts;
	t->env.hyph = in->hyph;
	t->env.hyphenate = L->hyphenate && in->hyph != NULL;
	t->env.gloss_uses = in->glossary_uses;
	t->env.justify = L->justify;
	t->pd = pagedoc_new(in->fonts);
	t->env.pd = t->pd;
	vlist_init(&t->vl);
	return (struct typesetter *)t;
}

static void
base_frame(const struct ts *t, struct frame *f)
{
	memset(f, 0, sizeof(*f));
	f->x = 0;
	f->width = layout_text_width(t->L);
	f->color = t->L->text_color;
}

static void
start_chapter(struct ts *t, const struct docmeta *meta, int flags,
    const char *anchor, int marks)
{
	struct ts_chapter *c;

	ARRAY_GROW(t->chapters, t->nchapters, t->chapters_cap);
	c = &t->chapters[t->nchapters];
	c->meta = meta;
	c->marks = marks;
	c->flags = flags;
	t->parent = 0;
	c->sect = t->parent = new_elem(t, ST_SECT, 0);
	t->heading = 1;
	t->chapter = t->nchapters++;
	t->env.chapter = t->chapter;
	t->next_flags = ((flags & TS_NEWPAGE) ? VB_NEWPAGE : 0) |
	    ((flags & TS_RECTO) ? VB_NEWPAGE | VB_RECTO : 0) |
	    ((flags & TS_VERSO) ? VB_NEWPAGE | VB_VERSO : 0);
	if (t->next_flags != 0)
		t->pending_space = 0;
	free(t->next_anchor);
	t->next_anchor = anchor != NULL ? xstrdup(anchor) : NULL;
}

void
typeset_set_file(struct typesetter *ts, const char *file)
{
	struct ts *t = (struct ts *)ts;

	if (file == NULL)	/* back to the input's */
		file = t->in->file;
	t->file = file;
	t->env.file = file;
}

int
typeset_add(struct typesetter *ts, const struct node *doc,
    const struct docmeta *meta, int flags, const char *anchor, int marks)
{
	struct ts *t = (struct ts *)ts;
	struct frame f;

	start_chapter(t, meta, flags, anchor, marks);
	base_frame(t, &f);
	if (t->in->brand && t->nchapters == 1)
		set_brand(t, &f);
	if (!(flags & TS_NO_TITLE))
		set_title(t, &f);
	if (doc != NULL) {
		set_blocks(t, doc, &f);
		set_footnotes(t, doc, &f);
	}
	set_link_notes(t, &f);
	return t->chapter;
}

/* The element of a composed block of a role: headings and paragraphs;
 * decoration has none. */
static int
text_elem(struct ts *t, enum role role)
{
	switch (role) {
	case ROLE_TITLE:
		t->heading = 1;
		return new_elem(t, ST_H1, 0);
	case ROLE_H1:
	case ROLE_H2:
	case ROLE_H3:
	case ROLE_H4:
		t->heading = role - ROLE_H1 + 1;
		return new_elem(t, heading_type(t->heading), 0);
	case ROLE_HEADER:
	case ROLE_FOOTER:
	case ROLE_DECOR:
	case ROLE_MARK:
	case ROLE_NONE:
		return 0;
	default:
		return new_elem(t, ST_P, 0);
	}
}

/* The look a composed block is set in, or NULL. */
static const struct typeset_look *
look_of(const struct ts *t, const struct node *n)
{
	if (n == NULL || n->look <= 0 || n->look > t->in->nlooks)
		return NULL;
	return &t->in->looks[n->look - 1];
}

/* Does the block after n stand on the cover band too? */
static int
band_goes_on(const struct ts *t, const struct node *n)
{
	const struct typeset_look *lk;

	for (n = n->next; n != NULL && !doc_is_block(n->type); n = n->next)
		;
	lk = look_of(t, n);
	return lk != NULL && lk->band;
}

/*
 * The cover band: a group drawn under its boxes (so before them, with no
 * page edited afterwards), across the whole page from its top, or from
 * under the review notice, which stays on white paper.
 */
static void
open_band(struct ts *t, const struct node *n)
{
	const struct layout *L = t->L;
	struct vgroup g;

	memset(&g, 0, sizeof(g));
	g.kind = VG_BAND;
	g.background = L->heading_color;
	g.page_top = t->chapters[t->chapter].marks != 0 ?
	    pagedeco_notice_floor(L, t->in->fonts) : L->page_height;
	g.line = n->line;
	push_group(t, &g);
	t->band = t->vl.ngroups;
}

/* The band ends 3 paragraph spaces under the last baseline on it. */
static void
close_band(struct ts *t)
{
	const struct vbox *b;
	double base = 0;
	int i;

	if (t->band == 0)
		return;
	if (t->vl.nboxes > 0) {
		b = &t->vl.boxes[t->vl.nboxes - 1];
		for (i = 0; i < b->nitems; i++)
			if (b->items[i].kind == PI_TEXT &&
			    b->items[i].y > base)
				base = b->items[i].y;
		t->vl.groups[t->band - 1].below = t->L->paragraph_space * 3 -
		    (b->height - base);
	}
	pop_group(t);
	t->band = 0;
}

/*
 * A composed block in its look (n->look): the spaces before it, then a
 * paragraph or heading in the look's type, or a picture no taller than
 * it says.  Returns 0 for any other block, which is then set as usual.
 */
static int
set_looked(struct ts *t, const struct node *n, const struct frame *f)
{
	const struct typeset_look *lk = look_of(t, n);
	const struct node *img;
	struct para_opts o;
	struct plines pl;
	int done = 1, first;

	if (lk == NULL)
		return 0;
	if (lk->band && t->band == 0)
		open_band(t, n);
	if (lk->strut > 0)
		add_box(t, lk->strut, 0, n->line);
	space_before(t, lk->space);
	if (n->type == NODE_PARAGRAPH && (img = doc_lone_image(n)) != NULL)
		set_figure(t, img, f, lk->max_height);
	else if (n->type == NODE_PARAGRAPH || n->type == NODE_HEADING) {
		memset(&o, 0, sizeof(o));
		o.size = lk->size;
		o.leading = lk->size * 1.3;
		o.font = lk->font;
		o.color = lk->color;
		o.role = lk->role;
		o.block = new_block(t);
		o.elem = text_elem(t, lk->role);
		o.width = f->width;
		o.line = n->line;
		o.col = n->col;
		first = t->vl.nboxes;
		if (para_set(&t->env, n->first, NULL, &o, &pl) > 0)
			emit_lines(t, &pl, &o, f->x, NO_BREAK);
		para_lines_free(&pl);
		if (lk->outline > 0 && t->vl.nboxes > first) {
			t->vl.boxes[first].outline_level = lk->outline;
			t->vl.boxes[first].outline_title = doc_plain_text(n);
		}
	} else
		done = 0;
	if (t->band != 0 && !band_goes_on(t, n))
		close_band(t);
	return done;
}

/* One line of a contents: title, dot leaders, page number; the whole
 * line links to target ("#name"). */
static void
set_contents_entry(struct ts *t, const char *title, const char *page,
    const char *target, int level)
{
	const struct layout *L = t->L;
	struct para_opts o;
	struct plines pl;
	struct frame f;
	double numw, dotw, x, indent = (level - 1) * L->list_indent;
	enum font_style font = FONT_REGULAR;	/* long titles in bold
						   would shout */
	struct pitem it;
	struct vbox *b;
	int i, j, n, toc, link;
	char *what;

	base_frame(t, &f);
	numw = para_text_width(&t->env, font, L->body.size, page);
	dotw = para_text_width(&t->env, FONT_REGULAR, L->body.size, ". ");
	/* TOC > TOCI > Link (title and number; the leaders are
	 * decoration) */
	toc = t->toc != 0 ? t->toc : new_elem(t, ST_TOC, 0);
	link = pagedoc_elem(t->pd, pagedoc_elem(t->pd, toc, ST_TOCI, 0),
	    ST_LINK, 0);
	t->toc = toc;
	what = anchor_describe(target, title);
	pagedoc_elem_alt(t->pd, link, what);
	free(what);
	memset(&o, 0, sizeof(o));
	o.size = L->body.size;
	o.leading = L->body.leading;
	o.font = font;
	o.color = L->text_color;
	o.role = ROLE_P;
	o.block = new_block(t);
	o.elem = link;
	o.width = f.width - indent - numw - 4 * dotw;
	o.width = balanced_width(t, NULL, title, &o);
	space_before(t, level == 1 ? L->paragraph_space : 0);
	if (para_set(&t->env, NULL, title, &o, &pl) <= 0) {
		para_lines_free(&pl);
		return;
	}
	n = pl.nlines;
	for (i = 0; i < n; i++) {
		double half = (o.leading - (pl.ascent + pl.descent)) / 2;
		double base = (half > 0 ? half : 0) + pl.ascent;

		b = add_box(t, o.leading, i > 0 ? NO_BREAK : 0, 0);
		for (j = 0; j < pl.lines[i].nitems; j++) {
			it = pl.lines[i].items[j];
			it.x += indent;
			it.y += base;
			vlist_box_add(b, &it);
		}
		if (i < n - 1)
			continue;
		/* dot leaders from the end of the title to the number */
		{
			struct buf dots;
			double end = indent + pl.lines[i].width + dotw;
			double stop = f.width - numw - dotw;

			buf_init(&dots);
			x = ceil(end / dotw) * dotw;	/* dots line up */
			for (; x + dotw <= stop; x += dotw)
				buf_adds(&dots, ". ");
			if (dots.len > 0) {
				double dx = stop - (dots.len / 2) * dotw;

				memset(&it, 0, sizeof(it));
				it.kind = PI_TEXT;
				it.role = ROLE_DECOR;
				it.face = fontset_pick(t->env.fonts,
				    FONT_REGULAR, '.');
				it.size = L->body.size;
				it.color = L->rule_color;
				it.x = dx;
				it.y = base;
				it.w = (dots.len / 2) * dotw;
				it.text = dots.p;
				if (it.face >= 0)
					vlist_box_add(b, &it);
			}
			buf_free(&dots);
		}
		memset(&it, 0, sizeof(it));
		it.kind = PI_TEXT;
		it.role = ROLE_P;
		it.elem = link;
		it.face = fontset_pick(t->env.fonts, font, '0');
		it.size = L->body.size;
		it.color = L->text_color;
		it.x = f.width - numw;
		it.y = base;
		it.w = numw;
		it.text = (char *)page;
		if (it.face >= 0)
			vlist_box_add(b, &it);
		/* the whole entry is a link */
		memset(&it, 0, sizeof(it));
		it.kind = PI_LINK;
		it.role = ROLE_LINK;
		it.elem = link;
		it.x = indent;
		it.y = -(n - 1) * o.leading;
		it.w = f.width - indent;
		it.h = n * o.leading;
		it.text = (char *)target;
		vlist_box_add(b, &it);
	}
	para_lines_free(&pl);
}

/* A contents (a list flagged NODE_CONTENTS): each item a paragraph
 * holding the link to the part, its page number in the item's text. */
static void
set_contents(struct ts *t, const struct node *list)
{
	const struct node *item, *link;
	char *title;

	for (item = list->first; item != NULL; item = item->next) {
		if (item->type != NODE_ITEM || item->first == NULL)
			continue;
		for (link = item->first->first; link != NULL &&
		    link->type != NODE_LINK; link = link->next)
			;
		title = doc_plain_text(link != NULL ? link : item->first);
		set_contents_entry(t, title, item->text != NULL ?
		    item->text : "", link != NULL && link->text != NULL ?
		    link->text : "", 1);
		free(title);
	}
}

struct pagedoc *
typeset_end(struct typesetter *ts, const struct typeset_pages *tp)
{
	struct ts *t = (struct ts *)ts;
	const struct layout *L = t->L;
	struct page_frame pf;
	struct pagedoc *pd;
	int *first_box = NULL, i, marked = 0, npages;
	double room = 0;

	memset(&pf, 0, sizeof(pf));
	pf.width = L->page_width;
	pf.height = L->page_height;
	pf.left = L->margin_inner;
	pf.left_verso = tp->mirror ? L->margin_outer : L->margin_inner;
	pf.first_recto = tp->first_recto;
	pf.top = L->page_height - L->margin_top;
	pf.text_width = layout_text_width(L);
	pf.text_height = layout_text_height(L);
	pf.max_gap = L->max_gap;
	pf.last_min = L->last_page_min;
	pf.shrink = L->space_shrink;
	/* marked pages give the top of the text area to the review notice
	 * (all pages of the run alike, so the text keeps one frame) */
	for (i = 0; i < t->nchapters; i++)
		if (t->chapters[i].marks != 0)
			marked = 1;
	if (marked)
		room = pagedeco_mark_room(L, t->in->fonts, !tp->no_heads);
	pf.top -= room;
	pf.text_height -= room;
	if (t->env.wide_hidden > 0)
		diag_warning(t->in->file, 0, 0, "and %d more places with "
		    "words wider than the line (not shown)",
		    t->env.wide_hidden);
	npages = vlist_paginate(&t->vl, &pf, t->pd, t->in->file, &first_box);
	if (tp->end_verso && npages % 2 != 0) {
		/* what follows opens on a right-hand page */
		pagedoc_add_page(t->pd, L->page_width, L->page_height);
		first_box = xreallocarray(first_box, (size_t)npages + 1,
		    sizeof(*first_box));
		first_box[npages] = -1;
	}
	/* a page left blank says so (under the marks) */
	for (i = 0; i < t->pd->npages; i++)
		if (first_box[i] < 0)
			typeset_blank_note(t->pd, i, L, t->env.fonts);
	decorate_pages(t, tp, first_box, room);
	set_info(t);
	free(first_box);

	pd = t->pd;
	free(t->label);
	free(t->next_anchor);
	free(t->chapters);
	vlist_free(&t->vl);
	para_env_free(&t->env);
	free(t);
	return pd;
}

struct pagedoc *
typeset_document(const struct typeset_input *in)
{
	struct typesetter *ts = typeset_begin(in);
	struct typeset_pages tp;

	typeset_add(ts, in->doc, in->meta, 0, NULL, in->marks);
	memset(&tp, 0, sizeof(tp));
	tp.first_number = 1;
	tp.style = 'D';
	tp.first_recto = 1;
	return typeset_end(ts, &tp);
}
