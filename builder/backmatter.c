/*
 * backmatter: the disclaimer, the governance line and the contact box of
 * a handout, built as tree nodes for the typesetter and the web writer.
 */
#include <stdlib.h>
#include <string.h>

#include "anchor.h"
#include "backmatter.h"
#include "buf.h"
#include "date.h"
#include "doc.h"
#include "fmatter.h"
#include "site.h"
#include "xalloc.h"

static void	 add_text(struct node *, const char *, size_t);
static void	 add_link(struct node *, char *, const char *, size_t);
static void	 contact_value(struct node *, const char *);
static void	 governance_line(struct node *, const struct docmeta *);
static void	 contact_box(struct node *, const struct publisher *);

static void
add_text(struct node *parent, const char *s, size_t len)
{
	struct node *t;

	if (len == 0)
		return;
	t = doc_new(NODE_TEXT, 0, 0);
	t->text = xstrndup(s, len);
	doc_append(parent, t);
}

/* A link to uri (taken) showing s. */
static void
add_link(struct node *parent, char *uri, const char *s, size_t len)
{
	struct node *l = doc_new(NODE_LINK, 0, 0);

	l->text = uri;
	add_text(l, s, len);
	doc_append(parent, l);
}

/*
 * A contact detail, linked where a reader can follow it: web and email
 * addresses and every phone number in it ("the acute oncology line,
 * 0161 496 0999"), by the rule the web edition follows (anchor.h).
 */
static void
contact_value(struct node *para, const char *s)
{
	size_t len = strlen(s), i = 0, from = 0, end;
	char *uri;

	while (i < len) {
		if ((uri = anchor_address(s, len, i, &end)) == NULL &&
		    anchor_phone(s, len, i, &end))
			uri = anchor_tel(s + i, end - i);
		if (uri == NULL) {
			i = end;
			continue;
		}
		add_text(para, s + from, i - from);
		add_link(para, uri, s + i, end - i);
		i = from = end;
	}
	add_text(para, s + from, len - from);
}

/* The version and its dates, in words. */
static void
governance_line(struct node *doc, const struct docmeta *m)
{
	struct node *para, *txt;
	struct buf b;

	if (m->published < 0 && m->review_due < 0)
		return;
	buf_init(&b);
	if (m->version != NULL)
		buf_printf(&b, "Version %s. ", m->version);
	if (m->published >= 0) {
		buf_adds(&b, "Published ");
		date_format_words_lang(&b, m->published, m->lang);
		buf_adds(&b, ". ");
	}
	if (m->review_due >= 0) {
		buf_adds(&b, "Next review due by ");
		date_format_words_lang(&b, m->review_due, m->lang);
		buf_adds(&b, ".");
	}
	para = doc_new(NODE_PARAGRAPH, 0, 0);
	txt = doc_new(NODE_TEXT, 0, 0);
	txt->text = buf_take(&b);
	doc_append(para, txt);
	doc_append(doc, para);
}

/* "Contact <publisher>": each detail a paragraph, "**Label:** value". */
static void
contact_box(struct node *doc, const struct publisher *p)
{
	const char *labels[SITE_CONTACT_MAX], *values[SITE_CONTACT_MAX];
	struct node *box, *para, *strong, *txt;
	int i, n;

	n = site_contact(p, labels, values);
	box = doc_new(NODE_CALLOUT, 0, 0);
	box->level = CALLOUT_NOTE;
	box->flags |= NODE_CONTACT;
	box->info = xasprintf("Contact %s", p->name != NULL ? p->name :
	    "your care team");
	for (i = 0; i < n; i++) {
		para = doc_new(NODE_PARAGRAPH, 0, 0);
		strong = doc_new(NODE_STRONG, 0, 0);
		txt = doc_new(NODE_TEXT, 0, 0);
		txt->text = xasprintf("%s:", labels[i]);
		doc_append(strong, txt);
		doc_append(para, strong);
		txt = doc_new(NODE_TEXT, 0, 0);
		txt->text = xstrdup(" ");
		doc_append(para, txt);
		contact_value(para, values[i]);
		doc_append(box, para);
	}
	doc_append(doc, box);
}

void
backmatter_append(struct node *doc, struct node *disclaimer,
    const struct docmeta *meta, const struct site *site)
{
	struct node *h, *txt, *c, *next;

	if (doc == NULL)
		return;
	if (disclaimer != NULL) {
		h = doc_new(NODE_HEADING, disclaimer->line, 1);
		h->level = 2;
		txt = doc_new(NODE_TEXT, disclaimer->line, 1);
		txt->text = xstrdup("About this leaflet");
		doc_append(h, txt);
		doc_append(doc, h);
		for (c = disclaimer->first; c != NULL; c = next) {
			next = c->next;
			doc_unlink(c);
			doc_append(doc, c);
		}
	}
	governance_line(doc, meta);
	if (site != NULL)
		contact_box(doc, &site->publisher);
}
