/*
 * page: building, dumping and freeing the page model.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "image.h"
#include "page.h"
#include "xalloc.h"

static const char *const role_names[ROLE_MAX] = {
	"-", "P", "H1", "H2", "H3", "H4", "Lbl", "LBody", "Quote",
	"Callout", "Code", "TH", "TD", "Figure", "Caption", "Note", "Link",
	"Title", "Header", "Footer", "Decor", "Mark"
};

static const char *const stype_names[ST_MAX] = {
	"-", "Document", "Sect", "BlockQuote", "Note", "TOC", "TOCI",
	"H1", "H2", "H3", "H4", "H5", "H6", "P", "Code", "L", "LI", "Lbl",
	"LBody", "Table", "THead", "TBody", "TR", "TH", "TD", "Figure",
	"Caption", "Link"
};

static const char *const numbering_names[LIST_NUMBERING_MAX] = {
	"None", "Disc", "Decimal"
};

static const char *const scope_names[SCOPE_MAX] = {
	"-", "Row", "Column", "Both"
};

static const char *const kind_names[PI_KIND_MAX] = {
	"text", "rule", "rect", "image", "link", "anchor", "path"
};

struct pagedoc *
pagedoc_new(const struct fontset *fonts)
{
	struct pagedoc *d = xcalloc(1, sizeof(*d));

	d->fonts = fonts;
	d->date = -1;
	return d;
}

void
pagedoc_free(struct pagedoc *d)
{
	int i, j;

	if (d == NULL)
		return;
	for (i = 0; i < d->npages; i++) {
		for (j = 0; j < d->pages[i].nitems; j++)
			free(d->pages[i].items[j].text);
		free(d->pages[i].items);
		free(d->pages[i].label);
	}
	free(d->pages);
	for (i = 0; i < d->noutline; i++)
		free(d->outline[i].title);
	free(d->outline);
	free(d->labels);
	for (i = 0; i < d->nimages; i++)
		image_free(d->images[i]);
	free(d->images);
	free(d->title);
	free(d->author);
	free(d->subject);
	free(d->keywords);
	free(d->lang);
	free(d->creator);
	for (i = 0; i < d->ninfo; i++) {
		free(d->info_key[i]);
		free(d->info_value[i]);
	}
	for (i = 0; i < d->nelems; i++) {
		free(d->elems[i].alt);
		free(d->elems[i].id);
	}
	free(d->elems);
	free(d);
}

struct page *
pagedoc_add_page(struct pagedoc *d, double width, double height)
{
	struct page *p;

	ARRAY_GROW(d->pages, d->npages, d->cap);
	p = &d->pages[d->npages++];
	memset(p, 0, sizeof(*p));
	p->width = width;
	p->height = height;
	return p;
}

struct pitem *
page_add(struct page *p, const struct pitem *it)
{
	struct pitem *n;

	ARRAY_GROW(p->items, p->nitems, p->cap);
	n = &p->items[p->nitems++];
	*n = *it;
	n->text = it->text != NULL ? xstrdup(it->text) : NULL;
	return n;
}

struct pitem *
page_adopt(struct page *p, const struct pitem *it)
{
	ARRAY_GROW(p->items, p->nitems, p->cap);
	p->items[p->nitems] = *it;
	return &p->items[p->nitems++];
}

struct pitem *
page_text(struct page *p, enum role role, int block, int line, double x,
    double y, int face, double size, uint32_t color, const char *text,
    double width)
{
	struct pitem it;

	memset(&it, 0, sizeof(it));
	it.kind = PI_TEXT;
	it.role = role;
	it.block = block;
	it.line = line;
	it.x = x;
	it.y = y;
	it.face = face;
	it.size = size;
	it.color = color;
	it.text = (char *)text;
	it.w = width;
	return page_add(p, &it);
}

void
pagedoc_add_outline(struct pagedoc *d, int level, const char *title,
    int page, double y)
{
	struct outline_entry *o;

	ARRAY_GROW(d->outline, d->noutline, d->outline_cap);
	o = &d->outline[d->noutline++];
	o->level = level;
	o->title = xstrdup(title);
	o->page = page;
	o->y = y;
}

void
pagedoc_add_label(struct pagedoc *d, int first_page, int style, int start)
{
	struct page_label *l;

	ARRAY_GROW(d->labels, d->nlabels, d->labels_cap);
	l = &d->labels[d->nlabels++];
	l->first_page = first_page;
	l->style = style;
	l->start = start;
}

int
pagedoc_add_image(struct pagedoc *d, struct image *img)
{
	ARRAY_GROW(d->images, d->nimages, d->images_cap);
	d->images[d->nimages] = img;
	return d->nimages++;
}

/* Element number 1, the Document, made on first use (0 stays unused). */
static int
root(struct pagedoc *d)
{
	if (d->nelems == 0) {
		ARRAY_GROW(d->elems, d->nelems, d->elems_cap);
		memset(&d->elems[d->nelems++], 0, sizeof(*d->elems));
		ARRAY_GROW(d->elems, d->nelems, d->elems_cap);
		memset(&d->elems[d->nelems], 0, sizeof(*d->elems));
		d->elems[d->nelems++].type = ST_DOCUMENT;
	}
	return 1;
}

static int
new_elem(struct pagedoc *d, int parent, enum stype type, int line)
{
	struct selem *e;

	if (parent <= 0 || parent >= d->nelems)
		parent = root(d);
	ARRAY_GROW(d->elems, d->nelems, d->elems_cap);
	e = &d->elems[d->nelems];
	memset(e, 0, sizeof(*e));
	e->type = type;
	e->parent = parent;
	e->line = line;
	return d->nelems++;
}

int
pagedoc_elem(struct pagedoc *d, int parent, enum stype type, int line)
{
	int n = new_elem(d, parent, type, line);
	struct selem *p = &d->elems[d->elems[n].parent];

	if (p->last != 0)
		d->elems[p->last].next = n;
	else
		p->first = n;
	p->last = n;
	return n;
}

int
pagedoc_elem_first(struct pagedoc *d, int parent, enum stype type, int line)
{
	int n = new_elem(d, parent, type, line);
	struct selem *p = &d->elems[d->elems[n].parent];

	d->elems[n].next = p->first;
	p->first = n;
	if (p->last == 0)
		p->last = n;
	return n;
}

void
pagedoc_elem_alt(struct pagedoc *d, int e, const char *s)
{
	if (e <= 0 || e >= d->nelems)
		return;
	free(d->elems[e].alt);
	d->elems[e].alt = s != NULL ? xstrdup(s) : NULL;
}

void
pagedoc_elem_id(struct pagedoc *d, int e, const char *s)
{
	if (e <= 0 || e >= d->nelems)
		return;
	free(d->elems[e].id);
	d->elems[e].id = s != NULL ? xstrdup(s) : NULL;
}

const char *
page_stype_name(enum stype t)
{
	return t < ST_MAX ? stype_names[t] : "?";
}

const char *
page_role_name(enum role r)
{
	return r < ROLE_MAX ? role_names[r] : "?";
}

/* No "-0.00" in dumps. */
static double
z(double v)
{
	return v > -0.005 && v < 0.005 ? 0.0 : v;
}

static void
dump_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; s != NULL && *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', f);
		if (*s == '\n')
			fputs("\\n", f);
		else
			fputc(*s, f);
	}
	fputc('"', f);
}

/* The structure tree, depth first, indented by depth. */
static void
dump_elems(const struct pagedoc *d, FILE *f)
{
	const struct selem *e;
	int n = d->nelems > 1 ? 1 : 0, depth = 0;

	while (n != 0) {
		e = &d->elems[n];
		fprintf(f, "elem %d %*s%s", n, depth * 2, "",
		    page_stype_name(e->type));
		if (e->type == ST_L && e->numbering < LIST_NUMBERING_MAX)
			fprintf(f, " numbering=%s",
			    numbering_names[e->numbering]);
		if (e->type == ST_TH && e->scope < SCOPE_MAX)
			fprintf(f, " scope=%s", scope_names[e->scope]);
		if (e->alt != NULL) {
			fputs(" alt=", f);
			dump_string(f, e->alt);
		}
		if (e->id != NULL) {
			fputs(" id=", f);
			dump_string(f, e->id);
		}
		if (e->line > 0)
			fprintf(f, " @%d", e->line);
		fputc('\n', f);
		/* next in depth-first order */
		if (e->first != 0) {
			n = e->first;
			depth++;
			continue;
		}
		while (n != 0 && d->elems[n].next == 0) {
			n = d->elems[n].parent;
			depth--;
		}
		if (n != 0)
			n = d->elems[n].next;
	}
}

void
pagedoc_dump(const struct pagedoc *d, FILE *f)
{
	const struct pitem *it;
	int i, j;

	for (i = 0; i < d->npages; i++) {
		fprintf(f, "page %d %.2fx%.2f label=%s\n", i + 1,
		    d->pages[i].width, d->pages[i].height,
		    d->pages[i].label ? d->pages[i].label : "-");
		for (j = 0; j < d->pages[i].nitems; j++) {
			it = &d->pages[i].items[j];
			fprintf(f, "%s %.2f %.2f", kind_names[it->kind],
			    z(it->x), z(it->y));
			switch (it->kind) {
			case PI_TEXT:
				fprintf(f, " %s f%d %.2f #%06x ",
				    role_names[it->role], it->face, it->size,
				    (unsigned)it->color);
				if (it->angle != 0)
					fprintf(f, "rot=%.0f ", it->angle);
				dump_string(f, it->text);
				break;
			case PI_RULE:
			case PI_RECT:
				fprintf(f, " %.2f %.2f %s lw=%.2f",
				    z(it->w), z(it->h), role_names[it->role],
				    it->line_width);
				if (it->flags & PF_FILL)
					fprintf(f, " fill=#%06x",
					    (unsigned)it->fill);
				if (it->flags & PF_STROKE || it->kind == PI_RULE)
					fprintf(f, " stroke=#%06x",
					    (unsigned)it->color);
				break;
			case PI_IMAGE:
				fprintf(f, " %.2f %.2f img%d alt=", it->w,
				    it->h, it->image);
				dump_string(f, it->text);
				break;
			case PI_LINK:
				fprintf(f, " %.2f %.2f ", it->w, it->h);
				dump_string(f, it->text);
				break;
			case PI_ANCHOR:
				fputc(' ', f);
				dump_string(f, it->text);
				break;
			case PI_PATH:
				fprintf(f, " %s fill=#%06x ops=%zu",
				    role_names[it->role], (unsigned)it->fill,
				    it->text ? strlen(it->text) : 0);
				break;
			default:
				break;
			}
			if (it->flags & PF_REPEAT)
				fputs(" repeat", f);
			if (it->flags & PF_MULTIPLY)
				fputs(" multiply", f);
			if (it->elem > 0)
				fprintf(f, " e%d", it->elem);
			if (it->line > 0)
				fprintf(f, " @%d", it->line);
			fputc('\n', f);
		}
	}
	dump_elems(d, f);
	for (i = 0; i < d->noutline; i++) {
		fprintf(f, "outline %d p%d %.2f ", d->outline[i].level,
		    d->outline[i].page + 1, d->outline[i].y);
		dump_string(f, d->outline[i].title);
		fputc('\n', f);
	}
}

/* src's element e in dst, where src's elements 2.. follow dst's from
 * base on and src's Document is dst's. */
static int
moved_elem(int e, int base)
{
	return e <= 0 ? 0 : e == 1 ? 1 : base + e - 2;
}

/* Move src's structure tree into dst: src's Document's children become
 * the last children of dst's Document. */
static void
append_elems(struct pagedoc *dst, struct pagedoc *src, int base)
{
	struct selem *e;
	int i, c;

	if (src->nelems < 2)
		return;
	root(dst);
	for (i = 2; i < src->nelems; i++) {
		ARRAY_GROW(dst->elems, dst->nelems, dst->elems_cap);
		e = &dst->elems[dst->nelems++];
		*e = src->elems[i];
		e->parent = moved_elem(e->parent, base);
		e->first = moved_elem(e->first, base);
		e->last = moved_elem(e->last, base);
		e->next = moved_elem(e->next, base);
	}
	c = moved_elem(src->elems[1].first, base);
	if (c != 0) {
		if (dst->elems[1].last != 0)
			dst->elems[dst->elems[1].last].next = c;
		else
			dst->elems[1].first = c;
		dst->elems[1].last = moved_elem(src->elems[1].last, base);
	}
	free(src->elems);
	src->elems = NULL;
	src->nelems = src->elems_cap = 0;
}

void
pagedoc_append(struct pagedoc *dst, struct pagedoc *src)
{
	int off = dst->npages, img = dst->nimages, i, j;
	int base = dst->nelems > 1 ? dst->nelems : 2;

	append_elems(dst, src, base);
	for (i = 0; i < src->npages; i++) {
		struct page *p = &src->pages[i];

		for (j = 0; j < p->nitems; j++) {
			if (p->items[j].kind == PI_IMAGE)
				p->items[j].image += img;
			p->items[j].elem = moved_elem(p->items[j].elem, base);
		}
		ARRAY_GROW(dst->pages, dst->npages, dst->cap);
		dst->pages[dst->npages++] = *p;
	}
	src->npages = 0;
	for (i = 0; i < src->noutline; i++) {
		struct outline_entry *o;

		ARRAY_GROW(dst->outline, dst->noutline, dst->outline_cap);
		o = &dst->outline[dst->noutline++];
		*o = src->outline[i];
		o->page += off;
	}
	src->noutline = 0;
	for (i = 0; i < src->nlabels; i++)
		pagedoc_add_label(dst, src->labels[i].first_page + off,
		    src->labels[i].style, src->labels[i].start);
	src->nlabels = 0;
	for (i = 0; i < src->nimages; i++)
		pagedoc_add_image(dst, src->images[i]);
	src->nimages = 0;
}

int
pagedoc_find_anchor(const struct pagedoc *d, const char *name)
{
	int i, j;

	for (i = 0; i < d->npages; i++)
		for (j = 0; j < d->pages[i].nitems; j++)
			if (d->pages[i].items[j].kind == PI_ANCHOR &&
			    d->pages[i].items[j].text != NULL &&
			    strcmp(d->pages[i].items[j].text, name) == 0)
				return i;
	return -1;
}

void
pagedoc_add_info(struct pagedoc *d, const char *key, const char *value)
{
	if (d->ninfo >= 8 || key == NULL || value == NULL)
		return;
	d->info_key[d->ninfo] = xstrdup(key);
	d->info_value[d->ninfo++] = xstrdup(value);
}
