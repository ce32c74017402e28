/*
 * bookmatter: cover, contents, references, glossary and back cover as
 * trees, and the looks they are set in.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anchor.h"
#include "backmatter.h"
#include "biblio.h"
#include "booklet.h"
#include "bookmatter.h"
#include "buf.h"
#include "date.h"
#include "doc.h"
#include "fmatter.h"
#include "glossary.h"
#include "layout.h"
#include "page.h"
#include "site.h"
#include "typeset.h"
#include "xalloc.h"

#define COVER_TEXT	0xFFFFFF	/* on the band: white on the dark
					   heading colours of the shipped
					   layouts is well over 4.5:1 */

static void
look(struct typeset_look *lk, enum font_style font, double size,
    uint32_t color, enum role role, double space)
{
	memset(lk, 0, sizeof(*lk));
	lk->font = font;
	lk->size = size;
	lk->color = color;
	lk->role = role;
	lk->space = space;
}

void
bookmatter_looks(const struct layout *L, struct typeset_look *looks)
{
	struct typeset_look *lk = looks - 1;	/* by look value */
	double ps = L->paragraph_space, body = L->body.size;
	double small = body * 0.8;

	memset(looks, 0, sizeof(*looks) * (BM_LOOK_MAX - 1));
	/* the front cover: the title block on the band, a fifth of the
	 * way down; the publisher and dates on white below it */
	look(&lk[BM_COVER_TITLE], FONT_BOLD, L->heading[0].size * 1.4,
	    COVER_TEXT, ROLE_TITLE, 0);
	lk[BM_COVER_TITLE].strut = layout_text_height(L) * 0.22;
	lk[BM_COVER_TITLE].band = 1;
	look(&lk[BM_COVER_SUBTITLE], FONT_REGULAR, L->heading[1].size,
	    COVER_TEXT, ROLE_CAPTION, ps * 2);
	lk[BM_COVER_SUBTITLE].band = 1;
	lk[BM_COVER_LOGO].strut = ps * 4;	/* below the band */
	lk[BM_COVER_LOGO].max_height = 80;
	look(&lk[BM_COVER_PUBLISHER], FONT_BOLD, body * 1.2, L->text_color,
	    ROLE_P, ps * 6);
	look(&lk[BM_COVER_LINE], FONT_REGULAR, body, L->text_color, ROLE_P,
	    0);
	look(&lk[BM_COVER_OVERDUE], FONT_BOLD, body * 1.2, 0xA40000, ROLE_P,
	    ps * 2);
	/* the draft notice at the top of the page is read out first; this
	 * one says it again to the eye only */
	look(&lk[BM_COVER_DRAFT], FONT_BOLD, body * 1.2, 0x8A4B00,
	    ROLE_DECOR, ps * 2);
	/* the contents */
	look(&lk[BM_CONTENTS_TITLE], FONT_BOLD, L->heading[0].size * 1.25,
	    L->heading_color, ROLE_H1, 0);
	lk[BM_CONTENTS_TITLE].outline = 1;
	lk[BM_CONTENTS_LIST].strut = ps;
	/* the back cover: the publisher on the band as on the front */
	look(&lk[BM_BACK_TITLE], FONT_BOLD, L->heading[0].size, COVER_TEXT,
	    ROLE_TITLE, ps);
	lk[BM_BACK_TITLE].band = 1;
	lk[BM_BACK_LOGO].strut = ps * 3;	/* below the band */
	lk[BM_BACK_LOGO].max_height = 48;
	lk[BM_BACK_CONTACT].strut = ps * 2;
	look(&lk[BM_COLOPHON_EDITION], FONT_BOLD, small, L->text_color,
	    ROLE_P, ps);
	look(&lk[BM_COLOPHON_LINE], FONT_REGULAR, small, L->text_color,
	    ROLE_P, 0);
	look(&lk[BM_COLOPHON_CODES], FONT_REGULAR, small, L->text_color,
	    ROLE_P, ps * 0.5);
}

/* A node with a text child: <type>text</type>. */
static struct node *
text_node(enum node_type type, const char *text)
{
	struct node *n = doc_new(type, 0, 0), *t;

	if (type == NODE_TEXT) {
		n->text = xstrdup(text);
		return n;
	}
	t = doc_new(NODE_TEXT, 0, 0);
	t->text = xstrdup(text);
	doc_append(n, t);
	return n;
}

/* A block of text in a look, appended to doc. */
static struct node *
add_text(struct node *doc, enum node_type type, const char *text,
    enum bookmatter_look lk)
{
	struct node *n = text_node(type, text);

	if (type == NODE_HEADING)
		n->level = 1;
	n->look = lk;
	doc_append(doc, n);
	return n;
}

/* The publisher's logo as a picture paragraph, if there is one. */
static void
add_logo(struct node *doc, const struct site *site, enum bookmatter_look lk)
{
	struct node *p, *img;

	if (site == NULL || site->publisher.logo == NULL ||
	    site->publisher.logo[0] == '\0')
		return;
	p = doc_new(NODE_PARAGRAPH, 0, 0);
	p->look = lk;
	img = doc_new(NODE_IMAGE, 0, 1);
	img->text = xstrdup(site->publisher.logo);
	img->info = xstrdup("Logo");
	doc_append(p, img);
	doc_append(doc, p);
}

/*
 * What patients need to know of the booklet's age, in words: when its
 * newest chapter was published and when its first review falls due (not
 * the day it was printed, which says nothing about the information).
 * One line each, so a date is never broken.
 */
static void
add_dates(struct node *doc, const struct booklet_input *in,
    enum bookmatter_look lk)
{
	long published = -1, due = -1;
	struct buf line = { 0 };
	const char *lang = NULL;
	int i;

	for (i = 0; i < in->nchapters; i++) {
		const struct docmeta *m = in->chapters[i].meta;

		if (m == NULL)
			continue;
		if (lang == NULL)
			lang = m->lang;
		if (m->published > published)
			published = m->published;
		if (m->review_due >= 0 && (due < 0 || m->review_due < due))
			due = m->review_due;
	}
	if (published >= 0) {
		buf_adds(&line, "Published ");
		date_format_words_lang(&line, published, lang);
		add_text(doc, NODE_PARAGRAPH, line.p, lk);
		buf_reset(&line);
	}
	if (due >= 0) {
		buf_adds(&line, "Next review ");
		date_format_words_lang(&line, due, lang);
		add_text(doc, NODE_PARAGRAPH, line.p, lk);
	}
	buf_free(&line);
}

struct node *
bookmatter_cover(const struct booklet_input *in, int marks)
{
	const struct site *site = in->site;
	struct node *doc = doc_new(NODE_DOCUMENT, 0, 0);

	add_text(doc, NODE_HEADING, site != NULL && site->booklet_title !=
	    NULL ? site->booklet_title : "", BM_COVER_TITLE);
	if (site != NULL && site->booklet_subtitle != NULL)
		add_text(doc, NODE_PARAGRAPH, site->booklet_subtitle,
		    BM_COVER_SUBTITLE);
	add_logo(doc, site, BM_COVER_LOGO);
	if (site != NULL) {
		add_text(doc, NODE_PARAGRAPH, site->publisher.name != NULL ?
		    site->publisher.name : "", BM_COVER_PUBLISHER);
		if (site->edition != NULL)
			add_text(doc, NODE_PARAGRAPH, site->edition,
			    BM_COVER_LINE);
	}
	add_dates(doc, in, BM_COVER_LINE);
	if (marks & MARK_OVERDUE)
		add_text(doc, NODE_PARAGRAPH, "Contains chapters whose review "
		    "is OVERDUE", BM_COVER_OVERDUE);
	if (marks & MARK_DRAFT)
		add_text(doc, NODE_PARAGRAPH, "DRAFT \xe2\x80\x93 not for "
		    "patient use", BM_COVER_DRAFT);
	return doc;
}

/* A contents line: the part's title linking to target, on page. */
static void
add_entry(struct node *list, const char *title, char *target, int page)
{
	struct node *item = doc_new(NODE_ITEM, 0, 0);
	struct node *para = doc_new(NODE_PARAGRAPH, 0, 0);
	struct node *link = text_node(NODE_LINK, title != NULL ? title : "");

	free(link->text);
	link->text = target;
	item->text = xasprintf("%d", page);
	doc_append(para, link);
	doc_append(item, para);
	doc_append(list, item);
}

struct node *
bookmatter_contents(const struct booklet_input *in,
    const struct pagedoc *body, const struct pagedoc *back)
{
	static const enum anchor_part parts[] = {
	    ANCHOR_PART_REFERENCES, ANCHOR_PART_GLOSSARY,
	    ANCHOR_PART_DISCLAIMER, ANCHOR_PART_BACK };
	struct node *doc = doc_new(NODE_DOCUMENT, 0, 0), *list;
	char *anchor;
	int i, page;

	add_text(doc, NODE_HEADING, anchor_part_title(ANCHOR_PART_CONTENTS),
	    BM_CONTENTS_TITLE);
	list = doc_new(NODE_LIST, 0, 0);
	list->flags = NODE_CONTENTS;
	list->look = BM_CONTENTS_LIST;
	doc_append(doc, list);
	for (i = 0; i < in->nchapters; i++) {
		const struct docmeta *m = in->chapters[i].meta;

		anchor = anchor_name(ANCHOR_CHAPTER, i, 0);
		page = pagedoc_find_anchor(body, anchor);
		free(anchor);
		add_entry(list, m != NULL && m->title != NULL ? m->title :
		    in->chapters[i].path, anchor_link(ANCHOR_CHAPTER, i, 0),
		    page + 1);
	}
	for (i = 0; i < 4; i++) {
		page = pagedoc_find_anchor(back, anchor_part(parts[i]));
		if (page >= 0)
			add_entry(list, anchor_part_title(parts[i]),
			    anchor_part_link(parts[i]),
			    body->npages + page + 1);
	}
	return doc;
}

struct node *
bookmatter_references(const struct booklet_input *in)
{
	struct node *doc;

	if (in->biblio == NULL || in->order == NULL || in->order->n == 0)
		return NULL;
	doc = doc_new(NODE_DOCUMENT, 0, 0);
	/* the part has its own title */
	biblio_append(in->biblio, in->order, doc, NULL);
	return doc;
}

/* The pages where each glossary entry is used. */
struct gloss_pages {
	int	*pages;		/* page indices in the body */
	int	*uses;		/* the use anchored first on each */
	int	 n, cap, ucap;
};

/* Where the typesetter put each glossary use it recorded: the pages of
 * each entry's uses, in order, with the first use on each page. */
static void
collect_glossary_pages(const struct pagedoc *body,
    const struct anchor_refs *uses, struct gloss_pages *gp, int nentries)
{
	const struct anchor_ref *u;
	char *name;
	int i, n, p;

	for (i = 0; i < uses->n; i++) {
		u = &uses->v[i];
		n = u->a;
		if (n < 0 || n >= nentries)
			continue;
		name = anchor_name(u->kind, u->a, u->b);
		p = pagedoc_find_anchor(body, name);
		free(name);
		if (p < 0 || (gp[n].n > 0 && gp[n].pages[gp[n].n - 1] == p))
			continue;
		ARRAY_GROW(gp[n].uses, gp[n].n, gp[n].ucap);
		gp[n].uses[gp[n].n] = u->b;
		ARRAY_GROW(gp[n].pages, gp[n].n, gp[n].cap);
		gp[n].pages[gp[n].n++] = p;
	}
}

/* The entry whose definition paragraph is anchored at name, or -1. */
static int
entry_at(const struct gloss_use *use, const char *name)
{
	char *at;
	int i, found = -1;

	for (i = 0; i < use->n && found < 0; i++) {
		at = anchor_name(ANCHOR_GLOSSARY, use->entries[i], 0);
		if (strcmp(at, name) == 0)
			found = use->entries[i];
		free(at);
	}
	return found;
}

struct node *
bookmatter_glossary(const struct booklet_input *in,
    const struct pagedoc *body, const struct anchor_refs *uses)
{
	int nentries = glossary_count(in->glossary), n, k;
	struct gloss_pages *gp;
	struct node *doc, *c;

	if (in->glossary == NULL || in->use == NULL || in->use->n == 0)
		return NULL;
	gp = xcalloc((size_t)nentries + 1, sizeof(*gp));
	collect_glossary_pages(body, uses, gp, nentries);
	doc = doc_new(NODE_DOCUMENT, 0, 0);
	glossary_append(in->glossary, in->use, doc, NULL);
	for (c = doc->first; c != NULL; c = c->next) {
		if (c->type != NODE_PARAGRAPH || c->info == NULL ||
		    (n = entry_at(in->use, c->info)) < 0 || n >= nentries ||
		    gp[n].n == 0)
			continue;
		doc_append(c, text_node(NODE_TEXT, gp[n].n == 1 ?
		    " Page " : " Pages "));
		for (k = 0; k < gp[n].n; k++) {
			char *num = xasprintf("%d", 1 + gp[n].pages[k]);
			struct node *link = text_node(NODE_LINK, num);

			free(link->text);
			link->text = anchor_link(ANCHOR_GLOSSARY_USE, n,
			    gp[n].uses[k]);
			if (k > 0)
				doc_append(c, text_node(NODE_TEXT, ", "));
			doc_append(c, link);
			free(num);
		}
		doc_append(c, text_node(NODE_TEXT, "."));
	}
	for (n = 0; n <= nentries; n++) {
		free(gp[n].pages);
		free(gp[n].uses);
	}
	free(gp);
	return doc;
}

/*
 * The back cover, the last page and a left-hand one (the outside of the
 * folded booklet): the publisher's name on the band as on the front, the
 * logo, the contact details linked as in the handouts (feedback among
 * them) in a box titled "Contact us", and a colophon saying which
 * edition this is, when it was published and is due for review (in
 * words) and which leaflets it holds (their IDs; the booklet calls them
 * chapters).
 */
struct node *
bookmatter_back_cover(const struct booklet_input *in)
{
	const struct site *site = in->site;
	const struct publisher *p = &site->publisher;
	struct node *doc = doc_new(NODE_DOCUMENT, 0, 0), *c, *last;
	struct docmeta none;
	struct buf ids = { 0 };
	int i, nids = 0;

	add_text(doc, NODE_HEADING, p->name != NULL ? p->name : "",
	    BM_BACK_TITLE);
	add_logo(doc, site, BM_BACK_LOGO);
	/* the contact box the handouts end with (without a disclaimer or
	 * dates) */
	last = doc->last;
	memset(&none, 0, sizeof(none));
	none.published = none.reviewed = none.review_due = -1;
	none.approved_on = -1;
	backmatter_append(doc, NULL, &none, site);
	for (c = last->next; c != NULL; c = c->next) {
		if (c == last->next)
			c->look = BM_BACK_CONTACT;
		if (c->type == NODE_CALLOUT) {
			free(c->info);
			c->info = xstrdup("Contact us");
		}
	}
	/* the colophon */
	if (site->edition != NULL)
		add_text(doc, NODE_PARAGRAPH, site->edition,
		    BM_COLOPHON_EDITION);
	add_dates(doc, in, BM_COLOPHON_LINE);
	for (i = 0; i < in->nchapters; i++) {
		const struct docmeta *m = in->chapters[i].meta;

		if (m == NULL || m->id == NULL)
			continue;
		buf_adds(&ids, nids++ > 0 ? ", " : "Chapter codes: ");
		buf_adds(&ids, m->id);
	}
	if (nids > 0) {
		buf_adds(&ids, ".");
		add_text(doc, NODE_PARAGRAPH, ids.p, BM_COLOPHON_CODES);
	}
	buf_free(&ids);
	return doc;
}
