/*
 * booklet: compose, then typeset: the chapters, then the back matter
 * (its glossary pointing at pages of the chapters), then the front matter
 * (its contents pointing at pages of both); then one page model.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anchor.h"
#include "booklet.h"
#include "bookmatter.h"
#include "buf.h"
#include "date.h"
#include "diag.h"
#include "doc.h"
#include "fmatter.h"
#include "layout.h"
#include "page.h"
#include "site.h"
#include "typeset.h"
#include "xalloc.h"

static void
typeset_input(const struct booklet_input *in, struct typeset_input *ti,
    const struct typeset_look *looks)
{
	memset(ti, 0, sizeof(*ti));
	ti->file = in->site_path;
	ti->layout = in->layout;
	ti->fonts = in->fonts;
	ti->hyph = in->hyph;
	ti->content_dir = in->content_dir;
	ti->publisher = in->site != NULL ? in->site->publisher.name : NULL;
	ti->date = in->date;
	ti->looks = looks;
	ti->nlooks = BM_LOOK_MAX - 1;
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

/* The back cover is one page, the last: say so when the publisher's
 * details make it longer. */
static void
back_cover_check(const struct pagedoc *back, const struct booklet_input *in)
{
	const struct site_origin *o = &in->site->publisher.block;
	int at = pagedoc_find_anchor(back, anchor_part(ANCHOR_PART_BACK));

	if (at >= 0 && at != back->npages - 1)
		diag_warning(o->file != NULL ? o->file : in->site_path,
		    o->file != NULL ? o->line : 0, o->file != NULL ? o->col :
		    0, "the publisher's details do not "
		    "fit on the booklet's back cover (%d pages): shorten "
		    "them", back->npages - at);
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

struct pagedoc *
booklet_make(const struct booklet_input *in)
{
	const struct layout *L = in->layout;
	const struct site *site = in->site;
	struct typeset_look looks[BM_LOOK_MAX - 1];
	struct typeset_input ti;
	struct typesetter *ts;
	struct typeset_pages tp;
	struct running_text head, foot;
	struct pagedoc *body, *back, *front;
	struct docmeta refs_meta, gloss_meta;
	struct anchor_refs uses;
	struct node *refs, *gloss, *cover, *contents, *back_cover = NULL;
	int i, body_pages;
	int marks = in->inside.marks;
	char *anchor;

	bookmatter_looks(L, looks);
	typeset_input(in, &ti, looks);
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
	memset(&uses, 0, sizeof(uses));
	ti.glossary_uses = &uses;
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
	ti.glossary_uses = NULL;

	/* 2. references, glossary (with the pages of 1), disclaimers, back
	 * cover (no running heads or page number: it is a cover) */
	refs = bookmatter_references(in);
	gloss = bookmatter_glossary(in, body, &uses);
	free(uses.v);
	if (site != NULL)
		back_cover = bookmatter_back_cover(in);
	ts = typeset_begin(&ti);
	memset(&refs_meta, 0, sizeof(refs_meta));
	refs_meta.title = (char *)"References";
	refs_meta.short_title = (char *)"References";
	refs_meta.published = refs_meta.reviewed = refs_meta.review_due = -1;
	gloss_meta = refs_meta;
	gloss_meta.title = (char *)"Glossary";
	gloss_meta.short_title = (char *)"Glossary";
	if (refs != NULL)
		typeset_add(ts, refs, &refs_meta, TS_RECTO,
		    anchor_part(ANCHOR_PART_REFERENCES), marks);
	if (gloss != NULL)
		typeset_add(ts, gloss, &gloss_meta, TS_RECTO,
		    anchor_part(ANCHOR_PART_GLOSSARY), marks);
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
	if (back_cover != NULL)
		typeset_add(ts, back_cover, NULL, TS_VERSO | TS_NO_TITLE |
		    TS_BARE, anchor_part(ANCHOR_PART_BACK), marks);
	tp.first_number = body_pages + 1;
	tp.first_recto = body_pages % 2 == 0;
	back = typeset_end(ts, &tp);
	if (back_cover != NULL)
		back_cover_check(back, in);
	doc_free(back_cover);
	doc_free(refs);
	doc_free(gloss);

	/* 3. front matter: cover, inside page, contents (with the pages of
	 * 1 and 2) */
	cover = bookmatter_cover(in, marks);
	contents = bookmatter_contents(in, body, back);
	ts = typeset_begin(&ti);
	typeset_add(ts, cover, NULL, TS_NO_TITLE | TS_BARE,
	    anchor_part(ANCHOR_PART_COVER), marks);
	if (in->inside.doc != NULL) {
		typeset_set_file(ts, in->inside.path);
		typeset_add(ts, in->inside.doc, in->inside.meta, TS_NEWPAGE,
		    anchor_part(ANCHOR_PART_INSIDE), marks);
		typeset_set_file(ts, in->site_path);
	}
	typeset_add(ts, contents, NULL, TS_RECTO | TS_NO_TITLE,
	    anchor_part(ANCHOR_PART_CONTENTS), marks);
	memset(&tp, 0, sizeof(tp));
	tp.first_number = 1;
	tp.style = 'r';
	tp.first_recto = 1;
	tp.mirror = 1;
	tp.no_heads = 1;
	tp.end_verso = 1;	/* the body opens on a right-hand page */
	front = typeset_end(ts, &tp);
	doc_free(cover);
	doc_free(contents);
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
