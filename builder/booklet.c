/*
 * booklet: front matter, chapters, back matter; then one page model.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anchor.h"
#include "backmatter.h"
#include "biblio.h"
#include "booklet.h"
#include "buf.h"
#include "date.h"
#include "diag.h"
#include "doc.h"
#include "fmatter.h"
#include "glossary.h"
#include "layout.h"
#include "page.h"
#include "site.h"
#include "typeset.h"
#include "xalloc.h"

#define COVER_TEXT	0xFFFFFF

/* The pages where each glossary entry is used. */
struct gloss_pages {
	int	*pages;		/* page indices in the body */
	int	*uses;		/* the use anchored first on each */
	int	 n, cap, ucap;
};

static void
typeset_input(const struct booklet_input *in, struct typeset_input *ti)
{
	memset(ti, 0, sizeof(*ti));
	ti->file = in->site_path;
	ti->layout = in->layout;
	ti->fonts = in->fonts;
	ti->hyph = in->hyph;
	ti->content_dir = in->content_dir;
	ti->publisher = in->site != NULL ? in->site->publisher.name : NULL;
	ti->date = in->date;
}

static void
running(const struct layout *L, struct running_text *r, const char *left,
    const char *center, const char *right)
{
	memset(r, 0, sizeof(*r));
	r->left = (char *)left;
	r->center = (char *)center;
	r->right = (char *)right;
	r->size = L->header.size;
	r->color = L->header.color;
	r->font = L->header.font;
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

/* Read where the typesetter left each glossary use's anchor: the pages
 * of each entry's uses, in order, with the first use on each page. */
static void
collect_glossary_pages(const struct pagedoc *body, struct gloss_pages *gp,
    int nentries)
{
	const struct pitem *it;
	int p, i, n, k;

	for (p = 0; p < body->npages; p++)
		for (i = 0; i < body->pages[p].nitems; i++) {
			it = &body->pages[p].items[i];
			if (it->kind != PI_ANCHOR || anchor_parse(it->text, &n,
			    &k, NULL) != ANCHOR_GLOSSARY_USE || n >= nentries)
				continue;
			if (gp[n].n > 0 && gp[n].pages[gp[n].n - 1] == p)
				continue;
			ARRAY_GROW(gp[n].uses, gp[n].n, gp[n].ucap);
			gp[n].uses[gp[n].n] = k;
			ARRAY_GROW(gp[n].pages, gp[n].n, gp[n].cap);
			gp[n].pages[gp[n].n++] = p;
		}
}

/* The glossary chapter: the entries used, each followed by the pages
 * where it is used, linked. */
static struct node *
glossary_doc(const struct booklet_input *in, const struct gloss_pages *gp,
    int first_number)
{
	struct node *doc = doc_new(NODE_DOCUMENT, 0, 0), *c, *first;
	int n, k;

	glossary_append(in->glossary, in->use, doc, "Glossary");
	/* the chapter title replaces the heading glossary_append made */
	first = doc->first;
	if (first != NULL && first->type == NODE_HEADING) {
		doc_unlink(first);
		doc_free(first);
	}
	for (c = doc->first; c != NULL; c = c->next) {
		if (c->type != NODE_PARAGRAPH || c->info == NULL ||
		    anchor_parse(c->info, &n, NULL, NULL) != ANCHOR_GLOSSARY ||
		    gp[n].n == 0)
			continue;
		doc_append(c, text_node(NODE_TEXT, gp[n].n == 1 ?
		    " Page " : " Pages "));
		for (k = 0; k < gp[n].n; k++) {
			char *num = xasprintf("%d", first_number + gp[n].pages[k]);
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
	return doc;
}

static struct node *
references_doc(const struct booklet_input *in)
{
	struct node *doc = doc_new(NODE_DOCUMENT, 0, 0), *first;

	biblio_append(in->biblio, in->order, doc, "References");
	first = doc->first;
	if (first != NULL && first->type == NODE_HEADING) {
		doc_unlink(first);
		doc_free(first);
	}
	return doc;
}

/*
 * What patients need to know of the booklet's age, in words: when its
 * newest chapter was published and when its first review falls due (not
 * the day it was printed, which says nothing about the information).
 */
static void
cover_dates(struct typesetter *ts, const struct booklet_input *in,
    double size)
{
	const struct layout *L = in->layout;
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
	/* one line each, so a date is never broken */
	if (published >= 0) {
		buf_adds(&line, "Published ");
		date_format_words_lang(&line, published, lang);
		typeset_text(ts, line.p, FONT_REGULAR, size,
		    L->text_color, 0, 0, ROLE_P);
		buf_reset(&line);
	}
	if (due >= 0) {
		buf_adds(&line, "Next review ");
		date_format_words_lang(&line, due, lang);
		typeset_text(ts, line.p, FONT_REGULAR, size,
		    L->text_color, 0, 0, ROLE_P);
	}
	buf_free(&line);
}

/*
 * The cover's title and subtitle stand in white on a band of the layout's
 * heading colour across the top of the page (white on the dark accent
 * colours of the shipped layouts is well over 4.5:1).
 */
static void
cover_band(struct page *pg, const struct layout *L)
{
	struct pitem band;
	double low = pg->height, top = pg->height;
	int i, n = pg->nitems;

	for (i = 0; i < n; i++) {
		const struct pitem *it = &pg->items[i];

		if (it->kind != PI_TEXT)
			continue;
		if ((it->role == ROLE_TITLE || it->role == ROLE_CAPTION) &&
		    it->y < low)
			low = it->y;
		/* a draft's notice stays on white paper, above the band */
		if (it->role == ROLE_MARK && it->y - it->size * 0.5 < top)
			top = it->y - it->size * 0.5;
	}
	if (low >= pg->height)
		return;
	memset(&band, 0, sizeof(band));
	band.kind = PI_RECT;
	band.role = ROLE_DECOR;
	band.flags = PF_FILL;
	band.fill = L->heading_color;
	band.x = 0;
	band.y = low - L->paragraph_space * 3;
	band.w = pg->width;
	band.h = top - band.y;
	page_add(pg, &band);
	/* drawn first, under the text */
	band = pg->items[pg->nitems - 1];
	memmove(pg->items + 1, pg->items, sizeof(*pg->items) *
	    (size_t)(pg->nitems - 1));
	pg->items[0] = band;
}

/* The publisher's contact box, as the handouts end with it (the
 * back matter without a disclaimer or dates), titled "Contact us": the
 * publisher's name stands right above it. */
static struct node *
contact_doc(const struct site *site)
{
	struct node *doc = doc_new(NODE_DOCUMENT, 0, 0), *c;
	struct docmeta none;

	memset(&none, 0, sizeof(none));
	none.published = none.reviewed = none.review_due = -1;
	none.approved_on = -1;
	backmatter_append(doc, NULL, &none, site);
	for (c = doc->first; c != NULL; c = c->next)
		if (c->type == NODE_CALLOUT) {
			free(c->info);
			c->info = xstrdup("Contact us");
		}
	return doc;
}

/*
 * The back cover, the last page and a left-hand one (the outside of the
 * folded booklet): the publisher's name on a band of the heading colour
 * as on the front, the logo, the contact details linked as in the
 * handouts (feedback among them), and a colophon saying which edition this is, when it was
 * published and is due for review (in words) and which leaflets it holds
 * (their IDs; the booklet calls them chapters).  Returns the contact
 * box's tree for the caller to free after typesetting.
 */
static struct node *
back_cover(struct typesetter *ts, const struct booklet_input *in, int marks)
{
	const struct layout *L = in->layout;
	const struct publisher *p = &in->site->publisher;
	double small = L->body.size * 0.8;
	struct node *contact;
	struct buf ids = { 0 };
	int i, nids = 0;

	typeset_chapter(ts, NULL, TS_VERSO, anchor_part(ANCHOR_PART_BACK),
	    marks);
	typeset_text(ts, p->name != NULL ? p->name : "", FONT_BOLD,
	    L->heading[0].size, COVER_TEXT, 0, L->paragraph_space, ROLE_TITLE);
	if (p->logo != NULL && p->logo[0] != '\0') {
		/* below the band (see cover_band) */
		typeset_space(ts, L->paragraph_space * 3);
		typeset_image(ts, p->logo, 48, "Logo", 0);
	}
	typeset_space(ts, L->paragraph_space * 2);
	contact = contact_doc(in->site);
	typeset_add(ts, contact, NULL, TS_NO_TITLE, NULL, marks);
	/* the colophon */
	if (in->site->edition != NULL)
		typeset_text(ts, in->site->edition, FONT_BOLD, small,
		    L->text_color, 0, L->paragraph_space, ROLE_P);
	cover_dates(ts, in, small);
	for (i = 0; i < in->nchapters; i++) {
		const struct docmeta *m = in->chapters[i].meta;

		if (m == NULL || m->id == NULL)
			continue;
		buf_adds(&ids, nids++ > 0 ? ", " : "Chapter codes: ");
		buf_adds(&ids, m->id);
	}
	if (nids > 0) {
		buf_adds(&ids, ".");
		typeset_text(ts, ids.p, FONT_REGULAR, small, L->text_color, 0,
		    L->paragraph_space * 0.5, ROLE_P);
	}
	buf_free(&ids);
	return contact;
}

/* The back cover (the last page of back) has no page number, as a cover
 * has none, and the band of the front cover behind the publisher. */
static void
back_cover_finish(struct pagedoc *back, const struct layout *L,
    const struct booklet_input *in)
{
	const struct site_origin *o = &in->site->publisher.block;
	struct page *pg;
	int i, j, at = pagedoc_find_anchor(back,
	    anchor_part(ANCHOR_PART_BACK));

	if (at < 0)
		return;
	if (at != back->npages - 1) {
		diag_warning(o->file != NULL ? o->file : in->site_path,
		    o->file != NULL ? o->line : 0, o->file != NULL ? o->col :
		    0, "the publisher's details do not "
		    "fit on the booklet's back cover (%d pages): shorten "
		    "them", back->npages - at);
		return;
	}
	pg = &back->pages[back->npages - 1];
	for (i = j = 0; i < pg->nitems; i++) {
		if (pg->items[i].role == ROLE_FOOTER ||
		    pg->items[i].role == ROLE_HEADER) {
			free(pg->items[i].text);
			continue;
		}
		pg->items[j++] = pg->items[i];
	}
	pg->nitems = j;
	cover_band(pg, L);
}

/*
 * Who approved the booklet, for whoever checks a printed copy's file
 * (as each handout records it): every approver of its chapters, once
 * each, and the day the last of them approved, when all are approved
 * (draft: some part of it is not).
 */
static void
approval_info(struct pagedoc *pd, const struct booklet_input *in,
    int draft)
{
	struct buf by = { 0 };
	long on = -1;
	char date[11];
	int i, j;

	for (i = 0; i < in->nchapters && !draft; i++) {
		const struct docmeta *m = in->chapters[i].meta;

		if (m == NULL || m->status != STATUS_APPROVED ||
		    m->approved_by == NULL || m->approved_by[0] == '\0') {
			draft = 1;
			break;
		}
		if (m->approved_on > on)
			on = m->approved_on;
		for (j = 0; j < i; j++)
			if (in->chapters[j].meta != NULL && strcmp(
			    in->chapters[j].meta->approved_by,
			    m->approved_by) == 0)
				break;
		if (j < i)
			continue;
		if (by.len > 0)
			buf_adds(&by, "; ");
		buf_adds(&by, m->approved_by);
	}
	if (!draft && by.len > 0) {
		pagedoc_add_info(pd, "ApprovedBy", by.p);
		if (on >= 0) {
			date_format_iso(on, date);
			pagedoc_add_info(pd, "ApprovedOn", date);
		}
	}
	pagedoc_add_info(pd, "ReviewStatus", !draft && by.len > 0 ?
	    "approved" : "draft");
	buf_free(&by);
}

static char *
label_of(int number)
{
	return xasprintf("%d", number);
}

struct pagedoc *
booklet_make(const struct booklet_input *in)
{
	const struct layout *L = in->layout;
	const struct site *site = in->site;
	struct typeset_input ti;
	struct typesetter *ts;
	struct typeset_pages tp;
	struct running_text head, foot;
	struct pagedoc *body, *back, *front;
	struct gloss_pages *gp;
	struct docmeta refs_meta, gloss_meta;
	struct node *refs = NULL, *gloss = NULL, *contact = NULL;
	int i, nentries = glossary_count(in->glossary), body_pages, page;
	int marks = in->inside.marks;
	char *anchor, *num;

	typeset_input(in, &ti);
	/* a booklet with a draft chapter is a draft on every page (a page
	 * of it is never to be taken for a released one); the parts that
	 * are the booklet's own (cover, contents, back matter) carry every
	 * mark of its chapters, a chapter its own and the draft mark */
	for (i = 0; i < in->nchapters; i++)
		marks |= in->chapters[i].marks;
	running(L, &head, NULL, "{short_title}", NULL);
	running(L, &foot, NULL, "{page}", NULL);
	head.rule = L->header.rule;

	/* 1. the chapters, with an anchor at each glossary use */
	ti.glossary_anchors = 1;
	ts = typeset_begin(&ti);
	for (i = 0; i < in->nchapters; i++) {
		anchor = anchor_name(ANCHOR_CHAPTER, i, 0);
		if (in->chapters[i].path != NULL)
			typeset_set_file(ts, in->chapters[i].path);
		typeset_add(ts, in->chapters[i].doc, in->chapters[i].meta,
		    TS_RECTO, anchor, in->chapters[i].marks |
		    (marks & MARK_DRAFT));
		free(anchor);
	}
	memset(&tp, 0, sizeof(tp));
	tp.first_number = 1;
	tp.style = 'D';
	tp.first_recto = 1;
	tp.mirror = 1;
	tp.quiet_openers = 1;
	tp.header = &head;
	tp.footer = &foot;
	body = typeset_end(ts, &tp);
	body_pages = body->npages;
	ti.glossary_anchors = 0;

	/* 2. references, glossary (with pages), disclaimers, back page */
	gp = xcalloc((size_t)nentries + 1, sizeof(*gp));
	collect_glossary_pages(body, gp, nentries);
	ts = typeset_begin(&ti);
	memset(&refs_meta, 0, sizeof(refs_meta));
	refs_meta.title = (char *)"References";
	refs_meta.short_title = (char *)"References";
	refs_meta.published = refs_meta.reviewed = refs_meta.review_due = -1;
	gloss_meta = refs_meta;
	gloss_meta.title = (char *)"Glossary";
	gloss_meta.short_title = (char *)"Glossary";
	if (in->biblio != NULL && in->order != NULL && in->order->n > 0) {
		refs = references_doc(in);
		typeset_add(ts, refs, &refs_meta, TS_RECTO,
		    anchor_part(ANCHOR_PART_REFERENCES), marks);
	}
	if (in->glossary != NULL && in->use != NULL && in->use->n > 0) {
		gloss = glossary_doc(in, gp, 1);
		typeset_add(ts, gloss, &gloss_meta, TS_RECTO,
		    anchor_part(ANCHOR_PART_GLOSSARY), marks);
	}
	if (in->disclaimer.doc != NULL) {
		typeset_set_file(ts, in->disclaimer.path);
		typeset_add(ts, in->disclaimer.doc, in->disclaimer.meta,
		    TS_RECTO, anchor_part(ANCHOR_PART_DISCLAIMER), marks);
	}
	if (in->trials.doc != NULL) {
		typeset_set_file(ts, in->trials.path);
		typeset_add(ts, in->trials.doc, in->trials.meta, TS_NEWPAGE,
		    anchor_part(ANCHOR_PART_TRIALS), marks);
	}
	typeset_set_file(ts, in->site_path);
	if (site != NULL)
		contact = back_cover(ts, in, marks);
	tp.first_number = body_pages + 1;
	tp.first_recto = body_pages % 2 == 0;
	back = typeset_end(ts, &tp);
	if (site != NULL)
		back_cover_finish(back, L, in);
	doc_free(contact);
	doc_free(refs);
	doc_free(gloss);
	for (i = 0; i <= nentries; i++) {
		free(gp[i].pages);
		free(gp[i].uses);
	}
	free(gp);

	/* 3. front matter: cover, inside page, contents */
	ts = typeset_begin(&ti);
	typeset_chapter(ts, NULL, 0, anchor_part(ANCHOR_PART_COVER), marks);
	typeset_space(ts, layout_text_height(L) * 0.22);
	typeset_text(ts, site != NULL ? site->booklet_title : "", FONT_BOLD,
	    L->heading[0].size * 1.4, COVER_TEXT, 0, 0, ROLE_TITLE);
	if (site != NULL && site->booklet_subtitle != NULL)
		typeset_text(ts, site->booklet_subtitle, FONT_REGULAR,
		    L->heading[1].size, COVER_TEXT, 0,
		    L->paragraph_space * 2, ROLE_CAPTION);
	if (site != NULL && site->publisher.logo != NULL &&
	    site->publisher.logo[0] != '\0') {
		/* below the title band (see cover_band) */
		typeset_space(ts, L->paragraph_space * 4);
		typeset_image(ts, site->publisher.logo, 80, "Logo", 0);
	}
	if (site != NULL) {
		typeset_text(ts, site->publisher.name != NULL ?
		    site->publisher.name : "", FONT_BOLD, L->body.size * 1.2,
		    L->text_color, 0, L->paragraph_space * 6, ROLE_P);
		if (site->edition != NULL)
			typeset_text(ts, site->edition, FONT_REGULAR,
			    L->body.size, L->text_color, 0, 0, ROLE_P);
	}
	cover_dates(ts, in, L->body.size);
	{
		if (marks & MARK_OVERDUE)
			typeset_text(ts, "Contains chapters whose review is "
			    "OVERDUE", FONT_BOLD, L->body.size * 1.2, 0xA40000,
			    0, L->paragraph_space * 2, ROLE_P);
		if (marks & MARK_DRAFT)
			typeset_text(ts, "DRAFT \xe2\x80\x93 not for patient "
			    "use", FONT_BOLD, L->body.size * 1.2, 0x8A4B00, 0,
			    L->paragraph_space * 2, ROLE_P);
	}
	if (in->inside.doc != NULL) {
		typeset_set_file(ts, in->inside.path);
		typeset_add(ts, in->inside.doc, in->inside.meta, TS_NEWPAGE,
		    anchor_part(ANCHOR_PART_INSIDE), marks);
		typeset_set_file(ts, in->site_path);
	}
	typeset_chapter(ts, NULL, TS_RECTO, anchor_part(ANCHOR_PART_CONTENTS),
	    marks);
	typeset_text(ts, anchor_part_title(ANCHOR_PART_CONTENTS), FONT_BOLD, L->heading[0].size * 1.25,
	    L->heading_color, 0, 0, ROLE_H1);
	typeset_space(ts, L->paragraph_space);
	for (i = 0; i < in->nchapters; i++) {
		const struct docmeta *m = in->chapters[i].meta;

		anchor = anchor_name(ANCHOR_CHAPTER, i, 0);
		page = pagedoc_find_anchor(body, anchor);
		num = label_of(page + 1);
		free(anchor);
		anchor = anchor_link(ANCHOR_CHAPTER, i, 0);
		typeset_contents_entry(ts, m != NULL && m->title != NULL ?
		    m->title : in->chapters[i].path, num, anchor, 1);
		free(anchor);
		free(num);
	}
	{
		static const enum anchor_part parts[] = {
		    ANCHOR_PART_REFERENCES, ANCHOR_PART_GLOSSARY,
		    ANCHOR_PART_DISCLAIMER, ANCHOR_PART_BACK };

		for (i = 0; i < 4; i++) {
			page = pagedoc_find_anchor(back, anchor_part(parts[i]));
			if (page < 0)
				continue;
			num = label_of(body_pages + page + 1);
			anchor = anchor_part_link(parts[i]);
			typeset_contents_entry(ts, anchor_part_title(parts[i]),
			    num, anchor, 1);
			free(anchor);
			free(num);
		}
	}
	memset(&tp, 0, sizeof(tp));
	tp.first_number = 1;
	tp.style = 'r';
	tp.first_recto = 1;
	tp.mirror = 1;
	tp.no_heads = 1;
	tp.end_verso = 1;	/* the body opens on a right-hand page */
	front = typeset_end(ts, &tp);
	if (front->npages > 0)
		cover_band(&front->pages[0], L);
	{
		int c = pagedoc_find_anchor(front,
		    anchor_part(ANCHOR_PART_CONTENTS));

		if (c >= 0)
			pagedoc_add_outline(front, 1,
			    anchor_part_title(ANCHOR_PART_CONTENTS), c,
			    L->page_height - L->margin_top);
	}
	pagedoc_append(front, body);
	pagedoc_append(front, back);
	pagedoc_free(body);
	pagedoc_free(back);

	/* document information */
	free(front->title);
	free(front->subject);
	free(front->author);
	free(front->keywords);
	free(front->lang);
	front->title = xstrdup(site != NULL && site->booklet_title != NULL ?
	    site->booklet_title : "Booklet");
	front->subject = site != NULL && site->booklet_subtitle != NULL ?
	    xstrdup(site->booklet_subtitle) : NULL;
	front->author = site != NULL && site->publisher.name != NULL ?
	    xstrdup(site->publisher.name) : NULL;
	front->keywords = NULL;
	front->lang = xstrdup(site != NULL && site->lang != NULL ?
	    site->lang : "en-GB");
	approval_info(front, in, marks & MARK_DRAFT);
	return front;
}
