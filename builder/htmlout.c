/*
 * htmlout: the document tree as accessible, self-contained HTML5.
 *
 * One walk over the blocks and inlines writes semantic elements (headings,
 * lists, tables with header cells, callouts as notes with a heading,
 * figures, the contact box as <address>).  Citations and glossary terms
 * are linked both ways: the reference list and the glossary link back to
 * where each was used.  Everything the PDF prints only as page furniture
 * (draft and overdue marks, version, dates, approver, leaflet ID) is set
 * as visible text at the top of the page and again in <meta>.  Page-only
 * extras that the PDF does not print (governance table, back links,
 * spoken prefixes) carry data-web, so tests can compare the words of the
 * rest with the PDF's.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "biblio.h"
#include "booklet.h"
#include "anchor.h"
#include "buf.h"
#include "date.h"
#include "diag.h"
#include "doc.h"
#include "fmatter.h"
#include "glossary.h"
#include "htmlout.h"
#include "hyph.h"
#include "layout.h"
#include "site.h"
#include "typeset.h"
#include "xalloc.h"

#define IMAGE_MAX_BYTES	(16u << 20)
#define LONG_WORD	8	/* letters: shorter words fit any line */

/* A citation written in the text, for the reference list's back links. */
struct cite_ref {
	char	*key;
	int	 id;		/* "cite-<id>" */
	int	 part;		/* booklet: its number in the contents */
};

/* A glossary entry: its definition (for the hover text) and the first
 * uses that link to it. */
struct gloss_ref {
	int	 num;		/* glossary entry number (ANCHOR_GLOSSARY) */
	char	*def;		/* plain text, or NULL */
	int	*uses;		/* "glu-<num>-<k>" for each k here */
	int	*parts;		/* booklet: where each use is */
	int	 nuses, cap, partcap;
};

struct hw {
	struct buf		 b;
	const struct layout	*L;
	const char		*content_dir;
	const char		*file;
	int			 hshift;	/* booklet chapters: ## is <h3> */
	int			 level;		/* the last heading's level */
	int			 chapter;	/* footnote ids: "fn-<chapter>-<n>" */
	int			 part;		/* booklet: the chapter being
						   written, 0 outside */
	const char	       **part_titles;	/* booklet: by part */
	int			*part_labels;	/* its number in the contents */
	int			 nparts;
	int			 contact;	/* inside the contact box */
	int			 in_gloss;	/* inside a glossary entry */
	struct hyphenator	*hyph;		/* or NULL */
	int			 in_narrow;	/* heading or table cell: long
						   words get soft hyphens */
	int			 in_link;	/* no link inside a link */
	const char	       **refkeys;	/* the reference list's keys,
						   by number - 1 */
	int			 nrefkeys, refkeycap;
	struct cite_ref		*cites;
	int			 ncites, citecap, nextcite;
	struct gloss_ref	*gloss;
	int			 ngloss, glosscap;
	int			 nextid;
};

static const char *const kind_names[CALLOUT_KIND_MAX] = {
	"Note", "Tip", "Important", "Warning", "Caution"
};
static const char *const kind_classes[CALLOUT_KIND_MAX] = {
	"note", "tip", "important", "warning", "caution"
};

static void	 w_blocks(struct hw *, const struct node *, int);
static void	 w_text_links(struct hw *, const char *);
static void	 w_inlines(struct hw *, const struct node *);

/* --- text --- */

static void
esc_n(struct hw *h, const char *s, size_t n)
{
	buf_add_xml_n(&h->b, s, n);
}

/*
 * Text.  In running text, phone numbers and web addresses become links
 * (w_text_links).  In a heading or a table cell, words of LONG_WORD
 * letters or more get soft hyphens where the dictionary allows a break;
 * the stylesheet uses them only on narrow screens, where
 * "Chemoembolisation" in large print is wider than the phone and would
 * otherwise be cut anywhere.  Body text is never hyphenated (house
 * style): its words fit.
 */
static void
add_text(struct hw *h, const char *s)
{
	unsigned char points[64];
	size_t i = 0, j, k;

	if (s == NULL)
		return;
	if (!h->in_narrow && !h->in_link) {
		w_text_links(h, s);
		return;
	}
	if (h->hyph == NULL || !h->in_narrow) {
		buf_add_xml(&h->b, s);
		return;
	}
	while (s[i] != '\0') {
		for (j = i; (s[j] >= 'a' && s[j] <= 'z') ||
		    (s[j] >= 'A' && s[j] <= 'Z'); j++)
			;
		for (k = i + 1; k < j && !(s[k] >= 'A' && s[k] <= 'Z'); k++)
			;
		/* short words fit; "NanoKnife" is a name, not a word */
		if (j - i < LONG_WORD || j - i > sizeof(points) || k < j) {
			if (j == i)
				j++;
			esc_n(h, s + i, j - i);
			i = j;
			continue;
		}
		memset(points, 0, sizeof(points));
		hyph_word(h->hyph, s + i, j - i, points);
		for (k = i; k < j; k++) {
			buf_addc(&h->b, s[k]);
			if (k + 1 < j && points[k - i])
				buf_adds(&h->b, "&shy;");
		}
		i = j;
	}
}

/* A date as "27 November 2026" in a <time> element. */
static void
w_date(struct buf *b, long days)
{
	char iso[11];

	date_format_iso(days, iso);
	buf_printf(b, "<time datetime=\"%s\">", iso);
	date_format_words(b, days);
	buf_adds(b, "</time>");
}

static void
hex_color(char out[8], uint32_t c)
{
	snprintf(out, 8, "#%06x", (unsigned)(c & 0xFFFFFF));
}

/* A layout colour, or the fallback if it is too pale on white to read. */
static void
text_color(char out[8], const struct layout *L, uint32_t c, uint32_t bg,
    uint32_t fallback)
{
	hex_color(out, L != NULL && layout_contrast(c, bg) >= 4.5 ? c :
	    fallback);
}

/* --- pictures --- */

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void
add_base64(struct buf *b, const unsigned char *p, size_t n)
{
	size_t i;
	unsigned v;

	for (i = 0; i + 2 < n; i += 3) {
		v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8 | p[i + 2];
		buf_addc(b, b64[v >> 18 & 63]);
		buf_addc(b, b64[v >> 12 & 63]);
		buf_addc(b, b64[v >> 6 & 63]);
		buf_addc(b, b64[v & 63]);
	}
	if (i < n) {
		v = (unsigned)p[i] << 16 | (i + 1 < n ? (unsigned)p[i + 1] << 8 :
		    0);
		buf_addc(b, b64[v >> 18 & 63]);
		buf_addc(b, b64[v >> 12 & 63]);
		buf_addc(b, i + 1 < n ? b64[v >> 6 & 63] : '=');
		buf_addc(b, '=');
	}
}

/*
 * The picture as a data: URI.  The typesetter has already checked the
 * path (inside the content folder) and the file, and reported any
 * problem; here a picture that cannot be read is simply left out.
 */
static int
add_picture(struct hw *h, const char *rel)
{
	const char *dir = h->content_dir != NULL ? h->content_dir : ".";
	unsigned char *data;
	const char *mime;
	struct stat st;
	char *path;
	size_t n;
	FILE *f;

	if (rel == NULL || strstr(rel, "://") != NULL || rel[0] == '/' ||
	    strncmp(rel, "../", 3) == 0 || strstr(rel, "/../") != NULL)
		return -1;
	path = xasprintf("%s/%s", dir, rel);
	f = fopen(path, "rb");
	free(path);
	if (f == NULL)
		return -1;
	if (fstat(fileno(f), &st) != 0 || st.st_size < 4 ||
	    (unsigned long long)st.st_size > IMAGE_MAX_BYTES) {
		fclose(f);
		return -1;
	}
	data = xmalloc((size_t)st.st_size);
	n = fread(data, 1, (size_t)st.st_size, f);
	fclose(f);
	if (n >= 8 && memcmp(data, "\x89PNG\r\n\x1a\n", 8) == 0)
		mime = "image/png";
	else if (n >= 3 && data[0] == 0xFF && data[1] == 0xD8 &&
	    data[2] == 0xFF)
		mime = "image/jpeg";
	else {
		free(data);
		return -1;
	}
	buf_printf(&h->b, "data:%s;base64,", mime);
	add_base64(&h->b, data, n);
	free(data);
	return 0;
}

static void
w_image(struct hw *h, const struct node *img)
{
	size_t mark = h->b.len;

	buf_adds(&h->b, "<img src=\"");
	if (add_picture(h, img->text) != 0) {
		h->b.len = mark;
		h->b.p[mark] = '\0';
		return;
	}
	buf_adds(&h->b, "\" alt=\"");
	buf_add_xml(&h->b, img->info != NULL ? img->info : "");
	buf_adds(&h->b, "\">");
}

/* --- glossary and citations --- */

static struct gloss_ref *
gloss_find(struct hw *h, int num, int add)
{
	int i;

	for (i = 0; i < h->ngloss; i++)
		if (h->gloss[i].num == num)
			return &h->gloss[i];
	if (!add)
		return NULL;
	ARRAY_GROW(h->gloss, h->ngloss, h->glosscap);
	memset(&h->gloss[h->ngloss], 0, sizeof(h->gloss[0]));
	h->gloss[h->ngloss].num = num;
	return &h->gloss[h->ngloss++];
}

/* The definitions of the glossary paragraphs (ANCHOR_GLOSSARY anchors)
 * in doc, for the text shown when a reader rests on a term. */
static void
collect_definitions(struct hw *h, const struct node *doc)
{
	const struct node *n;
	struct gloss_ref *g;
	char *plain, *colon;
	int num;

	for (n = doc; n != NULL; n = doc_next(doc, n)) {
		if (n->type != NODE_PARAGRAPH || n->info == NULL ||
		    anchor_parse(n->info, &num, NULL, NULL) != ANCHOR_GLOSSARY)
			continue;
		g = gloss_find(h, num, 1);
		if (g->def != NULL)
			continue;
		plain = doc_plain_text(n);
		colon = strstr(plain, ": ");
		g->def = xstrdup(colon != NULL ? colon + 2 : plain);
		free(plain);
	}
}

/* "a", "b", ... "z", "aa", "ab": which use a back link goes to. */
static void
use_letters(struct buf *b, int i)
{
	if (i >= 26)
		use_letters(b, i / 26 - 1);
	buf_addc(b, (char)('a' + i % 26));
}

/* Where a back link goes: a citation (ANCHOR_CITE ids) or a use of a
 * term (ANCHOR_GLOSSARY_USE entry-ids).  Caller frees. */
static char *
back_target(enum anchor_kind kind, int entry, int id)
{
	return kind == ANCHOR_GLOSSARY_USE ? anchor_link(kind, entry, id) :
	    anchor_link(kind, id, 0);
}

/*
 * Back links from a reference or a glossary entry to where it was used.
 * In a handout: "↩" for one use, "↩ a b c" for several (as encyclopaedias
 * do).  In the booklet a term or source may be used a hundred times: one
 * link to the first use in each chapter, by its number in the contents
 * ("↩ chapters 2, 5, 9"), the chapter's title in the link's tooltip.
 */
static void
w_backlinks(struct hw *h, enum anchor_kind kind, int entry, const int *ids,
    const int *parts, int n, const char *what)
{
	int i, j, shown = 0, nparts = 0;
	char *to;

	if (n == 0)
		return;
	for (i = 0; i < n && parts != NULL && parts[i] > 0; i++)
		;
	buf_adds(&h->b, " <span class=\"backs\" data-web>");
	if (h->part_titles == NULL || i < n) {	/* not all in chapters */
		for (i = 0; i < n; i++) {
			to = back_target(kind, entry, ids[i]);
			buf_printf(&h->b, "%s<a class=\"back\" href=\"%s\">",
			    i > 0 ? " " : "", to);
			free(to);
			if (i == 0)
				buf_adds(&h->b, "\xe2\x86\xa9");
			if (n > 1) {
				buf_printf(&h->b, "%s<span class=\"vh\">back to "
				    "%s, place %d: </span>", i == 0 ? "&nbsp;" :
				    "", what, i + 1);
				use_letters(&h->b, i);
			} else
				buf_printf(&h->b, "<span class=\"vh\"> back to "
				    "%s</span>", what);
			buf_adds(&h->b, "</a>");
		}
		buf_adds(&h->b, "</span>");
		return;
	}
	for (i = 0; i < n; i++) {
		for (j = 0; j < i && parts[j] != parts[i]; j++)
			;
		nparts += j == i;
	}
	buf_printf(&h->b, "\xe2\x86\xa9&nbsp;%s ", nparts > 1 ? "chapters" :
	    "chapter");
	for (i = 0; i < n; i++) {
		const char *title;

		for (j = 0; j < i && parts[j] != parts[i]; j++)
			;
		if (j < i)
			continue;	/* not the chapter's first use */
		title = parts[i] > 0 && parts[i] < h->nparts ?
		    h->part_titles[parts[i]] : NULL;
		to = back_target(kind, entry, ids[i]);
		buf_printf(&h->b, "%s<a class=\"back\" href=\"%s\"",
		    shown++ > 0 ? ", " : "", to);
		free(to);
		if (title != NULL) {
			buf_adds(&h->b, " title=\"Back to: ");
			buf_add_xml(&h->b, title);
			buf_addc(&h->b, '"');
		}
		buf_printf(&h->b, ">"
		    "<span class=\"vh\">back to chapter </span>%d</a>",
		    parts[i] < h->nparts ? h->part_labels[parts[i]] : 0);
	}
	buf_adds(&h->b, "</span>");
}

static void
w_cite_backlinks(struct hw *h, const char *key)
{
	int i, n = 0, *ids = xcalloc((size_t)h->ncites + 1, sizeof(*ids));
	int *parts = xcalloc((size_t)h->ncites + 1, sizeof(*parts));

	for (i = 0; i < h->ncites; i++)
		if (strcmp(h->cites[i].key, key) == 0) {
			parts[n] = h->cites[i].part;
			ids[n++] = h->cites[i].id;
		}
	w_backlinks(h, ANCHOR_CITE, 0, ids, parts, n, "the text");
	free(ids);
	free(parts);
}

/* --- inlines --- */

/* A link's address as a reader can use it ("#..." stays in the page). */
static void
w_link(struct hw *h, const struct node *n)
{
	const char *url = n->text != NULL ? n->text : "";
	struct gloss_ref *g = NULL;
	int num;

	if (!h->in_gloss &&
	    anchor_parse(url, &num, NULL, NULL) == ANCHOR_GLOSSARY) {
		char *id, *to;

		g = gloss_find(h, num, 1);
		ARRAY_GROW(g->uses, g->nuses, g->cap);
		ARRAY_GROW(g->parts, g->nuses, g->partcap);
		g->uses[g->nuses] = h->nextid++;
		g->parts[g->nuses] = h->part;
		id = anchor_name(ANCHOR_GLOSSARY_USE, num, g->uses[g->nuses]);
		to = anchor_link(ANCHOR_GLOSSARY, num, 0);
		buf_printf(&h->b, "<a class=\"term\" id=\"%s\" href=\"%s\"",
		    id, to);
		free(id);
		free(to);
		g->nuses++;
		if (g->def != NULL) {
			buf_adds(&h->b, " title=\"");
			buf_add_xml(&h->b, g->def);
			buf_addc(&h->b, '"');
		}
		buf_addc(&h->b, '>');
	} else {
		char *text = doc_plain_text(n);
		const char *bare = strncmp(url, "mailto:", 7) == 0 ? url + 7 :
		    strstr(url, "://") != NULL ? strstr(url, "://") + 3 : url;

		/* the address as its own text: print it once, not twice */
		buf_printf(&h->b, "<a%s href=\"", strcmp(text, url) == 0 ||
		    strcmp(text, bare) == 0 ? " class=\"url\"" : "");
		free(text);
		buf_add_xml(&h->b, url);
		buf_adds(&h->b, "\">");
	}
	h->in_link++;
	w_inlines(h, n);
	h->in_link--;
	buf_adds(&h->b, "</a>");
	/* the definition, shown under the line while the term has the
	 * keyboard's focus (the title shows it to a mouse); a screen
	 * reader has it from the title already */
	if (g != NULL && g->def != NULL) {
		buf_adds(&h->b, "<span class=\"def\" aria-hidden=\"true\" "
		    "data-web>");
		buf_add_xml(&h->b, g->def);
		buf_adds(&h->b, "</span>");
	}
}

/* The reference list's keys in order (its numbers), so that each number
 * of a citation like "[2,5]" links to its own entry. */
static void
collect_refnums(struct hw *h, const struct node *doc)
{
	const struct node *n, *item;
	const char *key;

	for (n = doc; n != NULL && h->nrefkeys == 0; n = doc_next(doc, n)) {
		if (n->type != NODE_LIST)
			continue;
		for (item = n->first; item != NULL; item = item->next) {
			if (item->info == NULL || anchor_parse(item->info, NULL,
			    NULL, &key) != ANCHOR_REFERENCE)
				break;
			ARRAY_GROW(h->refkeys, h->nrefkeys, h->refkeycap);
			h->refkeys[h->nrefkeys++] = key;
		}
	}
}

static void
add_cite(struct hw *h, const char *key, int id)
{
	ARRAY_GROW(h->cites, h->ncites, h->citecap);
	h->cites[h->ncites].key = xstrdup(key);
	h->cites[h->ncites].part = h->part;
	h->cites[h->ncites++].id = id;
}

/* Does a citation's label hold only numbers of the list ("[2,5]",
 * "[2-4]" with an en dash)? */
static int
numbered_label(const struct hw *h, const char *label)
{
	size_t len = strlen(label), i;

	if (len < 3 || label[0] != '[' || label[len - 1] != ']')
		return 0;
	for (i = 1; i + 1 < len; i++) {
		if (label[i] >= '0' && label[i] <= '9') {
			if (atoi(label + i) < 1 || atoi(label + i) > h->nrefkeys)
				return 0;
			while (label[i + 1] >= '0' && label[i + 1] <= '9')
				i++;
		} else if (strchr(", -", label[i]) == NULL &&
		    strncmp(label + i, "\xe2\x80\x93", 3) != 0)
			return 0;
		else if (label[i] == '\xe2')
			i += 2;
	}
	return 1;
}

/* "<a class="cite" id="cite-N" href="": the caller adds the rest. */
static void
w_cite_open(struct hw *h, int id)
{
	char *name = anchor_name(ANCHOR_CITE, id, 0);

	buf_printf(&h->b, "<a class=\"cite\" id=\"%s\" href=\"", name);
	free(name);
}

/*
 * A citation: "[2]" links to entry 2 of the references; "[2,5]" links
 * each number to its own entry.  Every key cited is remembered with the
 * link that leads back to it.
 */
static void
w_cite(struct hw *h, const struct node *n)
{
	const char *label = n->info != NULL ? n->info : "[?]";
	char *keys = xstrdup(n->text != NULL ? n->text : ""), *k, *save;
	char **ks = NULL;
	int nks = 0, kcap = 0, i, id, first = 0;
	size_t j;

	for (k = strtok_r(keys, ";", &save); k != NULL;
	    k = strtok_r(NULL, ";", &save)) {
		while (*k == ' ' || *k == '@')
			k++;
		ARRAY_GROW(ks, nks, kcap);
		ks[nks++] = k;
	}
	if (nks < 2 || !numbered_label(h, label)) {
		id = ++h->nextcite;
		for (i = 0; i < nks; i++)
			add_cite(h, ks[i], id);
		k = anchor_link_key(ANCHOR_REFERENCE, nks > 0 ? ks[0] : "");
		w_cite_open(h, id);
		buf_add_xml(&h->b, k);
		buf_adds(&h->b, "\">");
		free(k);
		buf_add_xml(&h->b, label);
		buf_adds(&h->b, "</a>");
		goto out;
	}
	buf_adds(&h->b, "<span class=\"cites\">[");
	for (j = 1; label[j + 1] != '\0'; j++) {
		const char *key;

		if (label[j] < '0' || label[j] > '9') {
			esc_n(h, label + j, 1);
			continue;
		}
		key = h->refkeys[atoi(label + j) - 1];
		id = ++h->nextcite;
		if (first == 0)
			first = id;
		for (i = 0; i < nks; i++)
			if (ks[i] != NULL && strcmp(ks[i], key) == 0) {
				add_cite(h, key, id);
				ks[i] = NULL;
			}
		k = anchor_link_key(ANCHOR_REFERENCE, key);
		w_cite_open(h, id);
		buf_add_xml(&h->b, k);
		free(k);
		buf_adds(&h->b, "\">");
		while (label[j] >= '0' && label[j] <= '9')
			buf_addc(&h->b, label[j++]);
		j--;
		buf_adds(&h->b, "</a>");
	}
	buf_adds(&h->b, "]</span>");
	/* the keys inside a range ("3" of "2-4") lead back to its start */
	for (i = 0; i < nks; i++)
		if (ks[i] != NULL)
			add_cite(h, ks[i], first);
out:
	free(ks);
	free(keys);
}

/* A phone number, as a tel: link that never breaks across lines. */
static void
w_tel(struct hw *h, const char *s, size_t len)
{
	size_t i;

	char *tel = anchor_tel(s, len);

	buf_adds(&h->b, "<a href=\"");
	buf_adds(&h->b, tel);
	free(tel);
	buf_adds(&h->b, "\">");
	for (i = 0; i < len; i++)
		if (s[i] == ' ')
			buf_adds(&h->b, "&nbsp;");
		else
			esc_n(h, s + i, 1);
	buf_adds(&h->b, "</a>");
}

/*
 * Running text on a screen: a phone number ("call the acute oncology
 * line, 0161 496 0999 straight away") becomes a tel: link a phone can
 * call, and a web or email address written out a link, as in the
 * contact box.
 * The printed words stay the same.
 */
static void
w_text_links(struct hw *h, const char *s)
{
	size_t i = 0, run = 0, end, len = strlen(s);
	char *uri;

	/* plain text between the links goes out in one piece */
	while (i < len) {
		if ((uri = anchor_address(s, len, i, &end)) != NULL) {
			esc_n(h, s + run, i - run);
			buf_adds(&h->b, "<a class=\"url\" href=\"");
			buf_add_xml(&h->b, uri);
			free(uri);
			buf_adds(&h->b, "\">");
			esc_n(h, s + i, end - i);
			buf_adds(&h->b, "</a>");
			run = end;
		} else if (anchor_phone(s, len, i, &end)) {
			esc_n(h, s + run, i - run);
			w_tel(h, s + i, end - i);
			run = end;
		}
		i = end;
	}
	esc_n(h, s + run, len - run);
}

static void
w_inline(struct hw *h, const struct node *n)
{
	switch (n->type) {
	case NODE_TEXT:
		if (h->contact && n->parent != NULL &&
		    n->parent->type == NODE_PARAGRAPH && n->prev != NULL)
			w_text_links(h, n->text != NULL ? n->text : "");
		else
			add_text(h, n->text);
		break;
	case NODE_SOFTBREAK:
		buf_addc(&h->b, '\n');
		break;
	case NODE_HARDBREAK:
		buf_adds(&h->b, "<br>\n");
		break;
	case NODE_CODE:
		buf_adds(&h->b, "<code>");
		buf_add_xml(&h->b, n->text);
		buf_adds(&h->b, "</code>");
		break;
	case NODE_EMPH:
		buf_adds(&h->b, "<em>");
		w_inlines(h, n);
		buf_adds(&h->b, "</em>");
		break;
	case NODE_STRONG:
		buf_adds(&h->b, "<strong>");
		w_inlines(h, n);
		buf_adds(&h->b, "</strong>");
		break;
	case NODE_STRIKE:
		buf_adds(&h->b, "<s>");
		w_inlines(h, n);
		buf_adds(&h->b, "</s>");
		break;
	case NODE_LINK:
		if (n->text != NULL && strncmp(n->text, "tel:", 4) == 0 &&
		    n->first != NULL && n->first->type == NODE_TEXT &&
		    n->first->text != NULL && n->first == n->last)
			/* a phone number never breaks across lines */
			w_tel(h, n->first->text, strlen(n->first->text));
		else
			w_link(h, n);
		break;
	case NODE_IMAGE:
		w_image(h, n);
		break;
	case NODE_CITE:
		w_cite(h, n);
		break;
	case NODE_FOOTNOTE_REF: {
		char *to, *from;

		to = anchor_link(ANCHOR_NOTE, h->chapter, n->level);
		from = anchor_name(ANCHOR_NOTE_REF, h->chapter, n->level);
		buf_printf(&h->b, "<sup><a class=\"fn\" id=\"%s\" "
		    "href=\"%s\">%d</a></sup>", from, to, n->level);
		free(from);
		free(to);
		break;
	}
	default:
		w_inlines(h, n);
		break;
	}
}

static void
w_inlines(struct hw *h, const struct node *parent)
{
	const struct node *c;

	for (c = parent->first; c != NULL; c = c->next)
		if (!doc_is_block(c->type))
			w_inline(h, c);
}

/* --- blocks --- */

static void
w_id(struct hw *h, const char *id)
{
	if (id == NULL || id[0] == '\0')
		return;
	buf_adds(&h->b, " id=\"");
	buf_add_xml(&h->b, id);
	buf_addc(&h->b, '"');
}

/* A glossary entry: its term as the defining instance, and links back to
 * where it is first used. */
static void
w_gloss_entry(struct hw *h, const struct node *n, int num)
{
	const struct node *c;
	struct gloss_ref *g = gloss_find(h, num, 0);
	char *id;

	id = anchor_name(ANCHOR_GLOSSARY, num, 0);
	buf_printf(&h->b, "<p class=\"gloss\" id=\"%s\">", id);
	free(id);
	h->in_gloss = 1;
	for (c = n->first; c != NULL; c = c->next)
		if (c == n->first && c->type == NODE_STRONG) {
			buf_adds(&h->b, "<dfn>");
			w_inlines(h, c);
			buf_adds(&h->b, "</dfn>");
		} else if (!doc_is_block(c->type))
			w_inline(h, c);
	h->in_gloss = 0;
	if (g != NULL)
		w_backlinks(h, ANCHOR_GLOSSARY_USE, num, g->uses, g->parts,
		    g->nuses, "where it is used");
	buf_adds(&h->b, "</p>\n");
}

static void
w_paragraph(struct hw *h, const struct node *n, int tight)
{
	const struct node *img = doc_lone_image(n);
	int num;

	if (img != NULL) {
		size_t mark = h->b.len;

		buf_adds(&h->b, "<figure>");
		w_image(h, img);
		if (h->b.len == mark + 8) {	/* no picture: no figure */
			h->b.len = mark;
			h->b.p[mark] = '\0';
			return;
		}
		buf_adds(&h->b, "</figure>\n");
		return;
	}
	if (n->info != NULL &&
	    anchor_parse(n->info, &num, NULL, NULL) == ANCHOR_GLOSSARY) {
		w_gloss_entry(h, n, num);
		return;
	}
	if (tight && n->info == NULL) {
		w_inlines(h, n);
		return;
	}
	buf_adds(&h->b, "<p");
	w_id(h, n->info);
	buf_addc(&h->b, '>');
	w_inlines(h, n);
	buf_adds(&h->b, "</p>\n");
}

static int
heading_level(struct hw *h, int md_level)
{
	int l = (md_level < 2 ? 2 : md_level) + h->hshift;

	return l > 6 ? 6 : l;
}

static void
w_heading(struct hw *h, const struct node *n)
{
	int l = heading_level(h, n->level);

	h->level = l;
	buf_printf(&h->b, "<h%d>", l);
	h->in_narrow = 1;
	w_inlines(h, n);
	h->in_narrow = 0;
	buf_printf(&h->b, "</h%d>\n", l);
}

static void
w_list(struct hw *h, const struct node *n)
{
	const struct node *item;
	const char *key;
	int ordered = n->flags & NODE_ORDERED, tight = n->flags & NODE_TIGHT;

	if (ordered && n->level != 1)
		buf_printf(&h->b, "<ol start=\"%d\">\n", n->level);
	else
		buf_adds(&h->b, ordered ? "<ol>\n" : "<ul>\n");
	for (item = n->first; item != NULL; item = item->next) {
		buf_adds(&h->b, "<li");
		w_id(h, item->info);
		if (item->flags & NODE_TASK)
			buf_adds(&h->b, " class=\"task\"");
		buf_addc(&h->b, '>');
		if (item->flags & NODE_TASK)
			buf_printf(&h->b, "<span class=\"box\" data-lbl>%s"
			    "</span><span class=\"vh\" data-web>%s</span> ",
			    (item->flags & NODE_CHECKED) ? "\xe2\x98\x91" :
			    "\xe2\x98\x90", (item->flags & NODE_CHECKED) ?
			    "Done:" : "To do:");
		w_blocks(h, item, tight);
		if (item->info != NULL && anchor_parse(item->info, NULL, NULL,
		    &key) == ANCHOR_REFERENCE)
			w_cite_backlinks(h, key);
		buf_adds(&h->b, "</li>\n");
	}
	buf_adds(&h->b, ordered ? "</ol>\n" : "</ul>\n");
}

static void
w_contact_box(struct hw *h, const struct node *n)
{
	const char *title = n->info != NULL ? n->info : "Contact us";
	int id = h->nextid++;
	int l = heading_level(h, 2);

	buf_printf(&h->b, "<section class=\"contact\" aria-labelledby=\"h-%d\">"
	    "\n<h%d id=\"h-%d\">", id, l, id);
	h->in_narrow = 1;
	add_text(h, title);
	h->in_narrow = 0;
	buf_printf(&h->b, "</h%d>\n<address>\n", l);
	h->contact = 1;
	w_blocks(h, n, 0);
	h->contact = 0;
	buf_adds(&h->b, "</address>\n</section>\n");
}

static void
w_callout(struct hw *h, const struct node *n)
{
	int kind = n->level >= 0 && n->level < CALLOUT_KIND_MAX ? n->level : 0;
	const char *title = n->info;
	int id, l, saved = h->level;

	if (n->flags & NODE_CONTACT) {
		w_contact_box(h, n);
		return;
	}
	if (title == NULL && h->L != NULL && h->L->callout[kind].title != NULL)
		title = h->L->callout[kind].title;
	if (title == NULL)
		title = kind_names[kind];
	id = h->nextid++;
	l = h->level + 1 > 6 ? 6 : h->level + 1;
	buf_printf(&h->b, "<aside class=\"callout %s\" role=\"%s\" "
	    "aria-labelledby=\"h-%d\">\n<h%d id=\"h-%d\">",
	    kind_classes[kind], kind == CALLOUT_TIP ? "doc-tip" : "note", id,
	    l, id);
	/* a title of the writer's own says nothing of the kind: say it to
	 * those who cannot see the colour */
	if (strcasecmp(title, kind_names[kind]) != 0)
		buf_printf(&h->b, "<span class=\"vh\" data-web>%s: </span>",
		    kind_names[kind]);
	h->in_narrow = 1;
	add_text(h, title);
	h->in_narrow = 0;
	buf_printf(&h->b, "</h%d>\n", l);
	h->level = l;
	w_blocks(h, n, 0);
	h->level = saved;
	buf_adds(&h->b, "</aside>\n");
}

static void
w_table(struct hw *h, const struct node *n)
{
	const struct node *row, *cell;
	int head_open = 0, body_open = 0, col;

	/* a table too wide for a phone in large print scrolls inside its
	 * box (WCAG 1.4.10 allows it for data tables), never the page: the
	 * box takes the keyboard's focus, named by the column heads */
	buf_adds(&h->b, "<section class=\"table\" tabindex=\"0\" "
	    "aria-label=\"Table");
	if (n->first != NULL && (n->first->flags & NODE_HEADER)) {
		for (cell = n->first->first, col = 0; cell != NULL;
		    cell = cell->next, col++) {
			char *t = doc_plain_text(cell);

			buf_adds(&h->b, col == 0 ? ": " : ", ");
			buf_add_xml(&h->b, t);
			free(t);
		}
	}
	buf_adds(&h->b, "\">\n<table>\n");
	for (row = n->first; row != NULL; row = row->next) {
		int header = row->flags & NODE_HEADER;

		if (header && !head_open) {
			buf_adds(&h->b, "<thead>\n");
			head_open = 1;
		} else if (!header && !body_open) {
			if (head_open)
				buf_adds(&h->b, "</thead>\n");
			buf_adds(&h->b, "<tbody>\n");
			body_open = 1;
		}
		buf_adds(&h->b, "<tr>");
		for (cell = row->first, col = 0; cell != NULL;
		    cell = cell->next, col++) {
			char a = n->align != NULL && col < n->ncols ?
			    n->align[col] : ALIGN_NONE;
			const char *tag = header || (col == 0 &&
			    n->ncols > 1) ? "th" : "td";

			buf_printf(&h->b, "<%s", tag);
			if (header)
				buf_adds(&h->b, " scope=\"col\"");
			else if (tag[1] == 'h')
				buf_adds(&h->b, " scope=\"row\"");
			if (a == ALIGN_RIGHT || a == ALIGN_CENTER)
				buf_printf(&h->b, " class=\"al-%c\"", a);
			buf_addc(&h->b, '>');
			h->in_narrow = 1;
			w_inlines(h, cell);
			h->in_narrow = 0;
			buf_printf(&h->b, "</%s>", tag);
		}
		buf_adds(&h->b, "</tr>\n");
	}
	if (body_open)
		buf_adds(&h->b, "</tbody>\n");
	else if (head_open)
		buf_adds(&h->b, "</thead>\n");
	buf_adds(&h->b, "</table>\n</section>\n");
}

static void
w_block(struct hw *h, const struct node *n, int tight)
{
	switch (n->type) {
	case NODE_HEADING:
		w_heading(h, n);
		break;
	case NODE_PARAGRAPH:
		w_paragraph(h, n, tight);
		break;
	case NODE_LIST:
		w_list(h, n);
		break;
	case NODE_QUOTE:
		buf_adds(&h->b, "<blockquote>\n");
		w_blocks(h, n, 0);
		buf_adds(&h->b, "</blockquote>\n");
		break;
	case NODE_CALLOUT:
		w_callout(h, n);
		break;
	case NODE_CODEBLOCK:
		buf_adds(&h->b, "<pre><code>");
		buf_add_xml(&h->b, n->text);
		buf_adds(&h->b, "</code></pre>\n");
		break;
	case NODE_HRULE:
		buf_adds(&h->b, "<hr>\n");
		break;
	case NODE_TABLE:
		w_table(h, n);
		break;
	case NODE_FOOTNOTE_DEF:
		break;		/* at the end, as notes */
	default:
		w_blocks(h, n, tight);
		break;
	}
}

static void
w_blocks(struct hw *h, const struct node *parent, int tight)
{
	const struct node *n;

	for (n = parent->first; n != NULL; n = n->next)
		if (doc_is_block(n->type))
			w_block(h, n, tight);
}

/* Footnotes, numbered, after the text (as the PDF sets them). */
static void
w_notes(struct hw *h, const struct node *doc)
{
	const struct node *n;
	int any = 0, l = heading_level(h, 2);
	char *id;

	for (n = doc->first; n != NULL; n = n->next) {
		if (n->type != NODE_FOOTNOTE_DEF)
			continue;
		if (!any)
			buf_printf(&h->b, "<h%d>Notes</h%d>\n<ol class=\"notes\">"
			    "\n", l, l);
		any = 1;
		id = anchor_name(ANCHOR_NOTE, h->chapter, n->level);
		buf_printf(&h->b, "<li id=\"%s\" value=\"%d\">", id,
		    n->level);
		free(id);
		w_blocks(h, n, 0);
		id = anchor_link(ANCHOR_NOTE_REF, h->chapter, n->level);
		buf_printf(&h->b, " <span class=\"backs\" data-web><a "
		    "class=\"back\" href=\"%s\">\xe2\x86\xa9<span "
		    "class=\"vh\"> back to the text</span></a></span></li>\n",
		    id);
		free(id);
	}
	if (any)
		buf_adds(&h->b, "</ol>\n");
}

/* --- the page --- */

/* The stylesheet.  Sizes in rem and em, so the reader's own text size
 * and zoom scale everything; one column, never wider than the screen. */
static const char css[] =
"*,*::before,*::after{box-sizing:border-box}\n"
"html{font-size:112.5%;-webkit-text-size-adjust:100%;text-size-adjust:100%}\n"
"html.lp{font-size:150%}\n"
"body{margin:0;background:#fff;color:var(--text);font-family:\"DejaVu Sans\","
"Verdana,\"Segoe UI\",Arial,sans-serif;line-height:1.55;"
"overflow-wrap:break-word;-webkit-hyphens:none;hyphens:none}\n"
".wrap{max-width:42rem;margin:0 auto;padding:0 1rem}\n"
"html.lp .wrap{max-width:48rem}\n"
"header.top{background:var(--head);color:#fff}\n"
"header.top .wrap{display:flex;flex-wrap:wrap;gap:.25rem 1.5rem;"
"align-items:baseline;justify-content:space-between;padding-top:.75rem;"
"padding-bottom:.75rem}\n"
".org{margin:0;font-weight:700;font-size:1.05rem;display:flex;"
"flex-wrap:wrap;align-items:center;gap:.5rem 1rem}\n"
".logo{height:3rem;width:auto;background:#fff;padding:.25rem;"
"border-radius:.25rem}\n"
"header.top a{color:#fff}\n"
"header.top nav ul{list-style:none;margin:0;padding:0;display:flex;"
"flex-wrap:wrap;gap:.25rem 1rem}\n"
".notice{margin:0;padding:.75rem 0;background:#fff4ce;color:#3d2600;"
"border-bottom:4px solid #8a4b00}\n"
".notice.overdue{background:#ffebe9;color:#5c0011;border-color:#a40e26}\n"
".notice strong{display:block;font-size:1.1rem}\n"
".skip{position:absolute;left:-9999px;top:0;background:#ffdd00;"
"padding:.5rem 1rem;z-index:2}\n"
".skip:focus{left:0}\n"
"header.top a.skip,header.top a:focus{color:#0b0c0c}\n"
"main{display:block;padding-bottom:2rem}\n"
"h1,h2,h3,h4,h5,h6{color:var(--head);line-height:1.25;margin:1.6em 0 .5em}\n"
"h1{font-size:2rem;margin-top:1.25rem}\n"
"h2{font-size:1.5rem;padding-top:.5rem;border-top:1px solid var(--rule)}\n"
"h3{font-size:1.25rem}\nh4,h5,h6{font-size:1.05rem}\n"
"article.chapter>h2,section.part>h2{font-size:1.75rem;border-top:4px solid "
"var(--head);padding-top:1rem;margin-top:3rem}\n"
"p,ul,ol,dl,table,pre,blockquote,figure{margin:0 0 1rem}\n"
".summary{font-size:1.15rem}\n"
"ul,ol{padding-left:1.6em}\nli{margin:.3em 0}\nli>ul,li>ol{margin:.3em 0}\n"
"li.task{list-style:none}\n.box{margin-left:-1.4em;margin-right:.3em}\n"
"a{color:var(--link);text-decoration:underline;"
"text-decoration-thickness:max(1px,.0625em);text-underline-offset:.15em}\n"
"a:hover{text-decoration-thickness:.15em}\n"
"a:focus-visible,a:focus{outline:3px solid transparent;background:#ffdd00;"
"color:#0b0c0c;box-shadow:0 -2px #ffdd00,0 4px #0b0c0c;"
"text-decoration:none}\n"
"a.term{color:inherit;text-decoration-style:dotted}\n"
"a.term:focus{color:#0b0c0c}\n"
".def{display:none}\n"
"a.term:focus-visible+.def{display:block;margin:.3rem 0 .5rem;"
"padding:.4rem .7rem;background:#f5f7fa;border-left:4px solid "
"var(--head);color:var(--text);font-size:.95rem;font-weight:400}\n"
"a.cite,.cites{white-space:nowrap}\n"
".backs{margin-left:.1em}\n"
"dfn{font-style:normal;font-weight:700}\n"
"em{font-style:normal;font-weight:700}\n"
".gloss{margin:0 0 .6rem}\n"
"code,pre{font-family:\"DejaVu Sans Mono\",Menlo,Consolas,monospace;"
"font-size:.95em}\n"
"pre{white-space:pre-wrap;background:var(--code);padding:.75rem}\n"
"blockquote{margin-left:0;padding-left:1rem;border-left:4px solid "
"var(--head);color:#333}\n"
"hr{border:0;border-top:1px solid var(--rule);margin:1.5rem 0}\n"
"img{max-width:100%;height:auto}\nfigure{margin:1rem 0;text-align:center}\n"
".table{position:relative;max-width:100%;overflow-x:auto;margin:0 0 1rem}\n"
".table>table{margin:0}\n"
/* a shadow at an edge with more table beyond it (it scrolls) */
".table{background:linear-gradient(to right,#fff 30%,#fff0) left/2rem 100% "
"no-repeat local,linear-gradient(to left,#fff 30%,#fff0) right/2rem 100% "
"no-repeat local,radial-gradient(farthest-side at 0 50%,#0004,#0000) "
"left/.8rem 100% no-repeat scroll,radial-gradient(farthest-side at 100% "
"50%,#0004,#0000) right/.8rem 100% no-repeat scroll}\n"
".table:focus-visible{outline:3px solid #0b0c0c;outline-offset:2px}\n"
"table{border-collapse:collapse;width:100%}\n"
"th,td{border:1px solid var(--rule);padding:.4em .5em;text-align:left;"
"vertical-align:top}\n"
"th a,td a{overflow-wrap:anywhere}\n"
"thead th{background:var(--thead)}\n"
".al-r{text-align:right}.al-c{text-align:center}\n"
".callout{margin:1.25rem 0;padding:.75rem 1rem;border-left:.4rem solid;"
"border-radius:.25rem}\n"
".callout>h2,.callout>h3,.callout>h4,.callout>h5,.callout>h6{margin:0 0 "
".4rem;font-size:1.05rem;border:0;padding:0}\n"
".callout>:last-child{margin-bottom:0}\n"
".gov-line{color:#4d4d4d;font-size:.9rem;padding:.5rem 0;"
"border-top:1px solid var(--rule);border-bottom:1px solid var(--rule)}\n"
".gov{margin:2.5rem 0 1rem;padding:1rem;background:#f5f7fa;"
"border:1px solid var(--rule);font-size:.9rem}\n"
".gov h2{font-size:1.1rem;margin:0 0 .5rem;border:0;padding:0}\n"
".gov dl{margin:0;display:grid;grid-template-columns:repeat(auto-fit,"
"minmax(min(14rem,100%),1fr));gap:.25rem 1.5rem}\n"
".gov dl div{min-width:0}\n"
".gov dt{display:inline;font-weight:700}\n"
".gov dt::after{content:\": \"}\n"
".gov dd{display:inline;margin:0}\n"
".contact{margin:2rem 0 1rem;padding:1rem;border:2px solid var(--head);"
"border-radius:.25rem}\n"
".contact>h2,.contact>h3{margin-top:0;border:0;padding:0}\n"
"address{font-style:normal}\naddress p{margin:0 0 .4rem}\n"
"nav.toc ol{padding-left:1.6em}\nnav.toc li{margin:.4em 0}\n"
"footer.foot{border-top:1px solid var(--rule);background:#f5f7fa;"
"font-size:.9rem}\n"
"footer.foot .wrap{padding-top:1rem;padding-bottom:1rem}\n"
"footer.foot p{margin:0 0 .4rem}\n"
".vh{position:absolute!important;width:1px;height:1px;margin:-1px;"
"padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}\n"
"@media (max-width:22.4rem){h1,h2,h3,h4,h5,h6,nav.toc li{"
"-webkit-hyphens:manual;hyphens:manual}}\n"
"@media (max-width:40rem){th,td{-webkit-hyphens:manual;hyphens:manual}}\n"
"@media (max-width:40rem){html.lp :is(h1,h2,h3,h4,h5,h6,th,td,nav.toc li){"
"-webkit-hyphens:manual;hyphens:manual}}\n"
"@media (max-width:30rem){h1{font-size:1.6rem}h2{font-size:1.3rem}"
"th,td{font-size:.875em;padding:.3em}"
"article.chapter>h2,section.part>h2{font-size:1.45rem}"
"ul,ol{padding-left:1.3em}}\n"
"@media print{html,html.lp{font-size:12pt}html.lp{font-size:18pt}"
"body{color:#000}"
"header.top{background:none;color:#000;border-bottom:2px solid #000}"
"header.top a,header.top nav,.skip,.backs{display:none}"
".notice{border:2px solid #000;padding:.5rem}"
".wrap{max-width:none;padding:0}"
"a{color:#000}a.term,a.cite{text-decoration:none}"
"a[href^=\"http\"]:not(.url)::after{content:\" (\" attr(href) \")\";"
"overflow-wrap:anywhere}"
"h1,h2,h3,h4{break-after:avoid;page-break-after:avoid}"
".callout,.contact,figure,tr,.gov{break-inside:avoid;"
"page-break-inside:avoid}"
"@page{margin:18mm}}\n";

static void
w_style(struct hw *h)
{
	const struct layout *L = h->L;
	char head[8], link[8], text[8], rule[8], thead[8], code[8];
	char border[8], bg[8], title[8];
	int k;

	text_color(head, L, L != NULL ? L->heading_color : 0, 0xFFFFFF,
	    0x1F4E79);
	text_color(link, L, L != NULL ? L->link_color : 0, 0xFFFFFF, 0x0B5394);
	text_color(text, L, L != NULL ? L->text_color : 0, 0xFFFFFF, 0x1A1A1A);
	hex_color(rule, L != NULL ? L->table_rule_color : 0x8C959F);
	hex_color(thead, L != NULL ? L->table_header_background : 0xE8EEF5);
	hex_color(code, L != NULL ? L->code_background : 0xF3F4F6);
	buf_printf(&h->b, "<style>\n:root{--head:%s;--link:%s;--text:%s;"
	    "--rule:%s;--thead:%s;--code:%s}\n", head, link, text, rule,
	    thead, code);
	buf_adds(&h->b, css);
	for (k = 0; k < CALLOUT_KIND_MAX; k++) {
		static const uint32_t dflt[CALLOUT_KIND_MAX][3] = {
			{ 0x0969DA, 0xDDF4FF, 0x0A3069 },
			{ 0x1A7F37, 0xDAFBE1, 0x116329 },
			{ 0x8250DF, 0xFBEFFF, 0x6639BA },
			{ 0xBF8700, 0xFFF8C5, 0x7D4E00 },
			{ 0xCF222E, 0xFFEBE9, 0xA40E26 },
		};
		uint32_t b = dflt[k][1];

		if (L != NULL)
			b = L->callout[k].background;
		hex_color(border, L != NULL ? L->callout[k].border :
		    dflt[k][0]);
		hex_color(bg, b);
		/* title and text must stay readable on the box colour */
		hex_color(title, L != NULL && layout_contrast(
		    L->callout[k].title_color, b) >= 4.5 ?
		    L->callout[k].title_color : layout_contrast(dflt[k][2], b)
		    >= 4.5 ? dflt[k][2] : 0x000000);
		buf_printf(&h->b, ".callout.%s{border-color:%s;background:%s}"
		    ".callout.%s>:first-child{color:%s}\n", kind_classes[k],
		    border, bg, kind_classes[k], title);
	}
	buf_adds(&h->b, "</style>\n");
}

static void
w_meta(struct hw *h, const char *name, const char *value)
{
	if (value == NULL || value[0] == '\0')
		return;
	buf_printf(&h->b, "<meta name=\"%s\" content=\"", name);
	buf_add_xml(&h->b, value);
	buf_adds(&h->b, "\">\n");
}

static void
w_meta_date(struct hw *h, const char *name, long days)
{
	char iso[11];

	if (days < 0)
		return;
	date_format_iso(days, iso);
	w_meta(h, name, iso);
}

/* <head> up to the governance <meta>s, which the caller adds. */
static void
w_head(struct hw *h, const char *lang, const char *title,
    enum html_edition ed)
{
	buf_adds(&h->b, "<!DOCTYPE html>\n<html lang=\"");
	buf_add_xml(&h->b, lang != NULL && lang[0] != '\0' ? lang : "en-GB");
	buf_printf(&h->b, "\"%s>\n<head>\n<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n", ed == HTML_LARGE ? " class=\"lp\"" : "");
	/* nothing may be loaded from anywhere: the page stands alone */
	buf_adds(&h->b, "<meta http-equiv=\"Content-Security-Policy\" "
	    "content=\"default-src 'none'; style-src 'unsafe-inline'; "
	    "img-src data:\">\n<title>");
	buf_add_xml(&h->b, title);
	if (ed == HTML_LARGE)
		buf_adds(&h->b, " (large print)");
	buf_adds(&h->b, "</title>\n");
	w_meta(h, "generator", "leafpress");
}

/* The banner: review notices first (where a screen reader starts), the
 * publisher, and the link to the other edition.  subject: "This
 * leaflet" or "This booklet". */
static void
w_banner(struct hw *h, int marks, const char *subject, long review_due,
    const struct site *site, const char *name, enum html_edition ed)
{
	char *other;

	buf_adds(&h->b, "</head>\n<body>\n<header class=\"top\">\n");
	if (marks & MARK_DRAFT)
		buf_printf(&h->b, "<div class=\"notice draft\"><p class=\"wrap\">"
		    "<strong>DRAFT \xe2\x80\x93 not for patient use</strong> "
		    "%s has not been approved for use with patients yet.</p>"
		    "</div>\n", subject);
	if (marks & MARK_OVERDUE) {
		buf_adds(&h->b, "<div class=\"notice overdue\"><p class=\"wrap\">"
		    "<strong>REVIEW OVERDUE</strong> ");
		if (review_due >= 0) {
			buf_printf(&h->b, "%s was due for review on ", subject);
			w_date(&h->b, review_due);
			buf_adds(&h->b, " and may be out of date. Check with "
			    "your care team.");
		} else
			buf_printf(&h->b, "%s has chapters that are overdue for "
			    "review and may be out of date.", subject);
		buf_adds(&h->b, "</p></div>\n");
	}
	buf_adds(&h->b, "<div class=\"wrap\">\n<a class=\"skip\" href=\"#main\">"
	    "Skip to the text</a>\n<p class=\"org\">");
	if (site != NULL && site->publisher.logo != NULL &&
	    site->publisher.logo[0] != '\0') {
		/* the name follows: the logo itself says nothing more */
		size_t mark = h->b.len;

		buf_adds(&h->b, "<img class=\"logo\" alt=\"\" src=\"");
		if (add_picture(h, site->publisher.logo) == 0)
			buf_adds(&h->b, "\">");
		else {
			h->b.len = mark;
			h->b.p[mark] = '\0';
		}
	}
	buf_add_xml(&h->b, site != NULL && site->publisher.name != NULL ?
	    site->publisher.name : "Patient information");
	other = htmlout_filename(name, ed == HTML_LARGE ? HTML_STANDARD :
	    HTML_LARGE);
	buf_adds(&h->b, "</p>\n<nav aria-label=\"Versions of this page\"><ul>"
	    "<li><a href=\"");
	buf_add_xml(&h->b, other);
	buf_printf(&h->b, "\">%s</a></li></ul></nav>\n</div>\n</header>\n",
	    ed == HTML_LARGE ? "Standard print version" :
	    "Large print version");
	free(other);
}

/* Under the title: the version and dates at a glance. */
static void
w_gov_line(struct hw *h, const struct docmeta *m)
{
	buf_adds(&h->b, "<p class=\"gov-line\" data-web>");
	if (m->id != NULL) {
		buf_add_xml(&h->b, m->id);
		buf_adds(&h->b, " \xc2\xb7 ");
	}
	buf_adds(&h->b, "Version ");
	buf_add_xml(&h->b, m->version);
	if (m->published >= 0) {
		buf_adds(&h->b, " \xc2\xb7 Published ");
		w_date(&h->b, m->published);
	}
	if (m->review_due >= 0) {
		buf_adds(&h->b, " \xc2\xb7 Next review ");
		w_date(&h->b, m->review_due);
	}
	buf_adds(&h->b, "</p>\n");
}

/* Version, dates, approver and ID, shown and machine-readable. */
static void
w_governance(struct hw *h, const struct docmeta *m)
{
	buf_adds(&h->b, "<section class=\"gov\" data-web aria-labelledby="
	    "\"gov-h\">\n<h2 id=\"gov-h\">About this version</h2>\n<dl>\n");
	if (m->id != NULL) {
		buf_adds(&h->b, "<div><dt>Leaflet ID</dt><dd>");
		buf_add_xml(&h->b, m->id);
		buf_adds(&h->b, "</dd></div>\n");
	}
	if (m->version != NULL) {
		buf_adds(&h->b, "<div><dt>Version</dt><dd>");
		buf_add_xml(&h->b, m->version);
		buf_adds(&h->b, "</dd></div>\n");
	}
	if (m->published >= 0) {
		buf_adds(&h->b, "<div><dt>Published</dt><dd>");
		w_date(&h->b, m->published);
		buf_adds(&h->b, "</dd></div>\n");
	}
	if (m->reviewed >= 0) {
		buf_adds(&h->b, "<div><dt>Last reviewed</dt><dd>");
		w_date(&h->b, m->reviewed);
		buf_adds(&h->b, "</dd></div>\n");
	}
	if (m->review_due >= 0) {
		buf_adds(&h->b, "<div><dt>Next review due</dt><dd>");
		w_date(&h->b, m->review_due);
		buf_adds(&h->b, "</dd></div>\n");
	}
	buf_adds(&h->b, "<div><dt>Approved by</dt><dd>");
	if (m->status == STATUS_APPROVED && m->approved_by != NULL &&
	    m->approved_by[0] != '\0') {
		buf_add_xml(&h->b, m->approved_by);
		if (m->approved_on >= 0) {
			buf_adds(&h->b, ", ");
			w_date(&h->b, m->approved_on);
		}
	} else
		buf_adds(&h->b, "Not approved yet (draft)");
	buf_adds(&h->b, "</dd></div>\n");
	if (m->owner != NULL) {
		buf_adds(&h->b, "<div><dt>Written by</dt><dd>");
		buf_add_xml(&h->b, m->owner);
		buf_adds(&h->b, "</dd></div>\n");
	}
	buf_adds(&h->b, "</dl>\n</section>\n");
}

static void
w_governance_meta(struct hw *h, const struct docmeta *m)
{
	int i;
	struct buf kw;

	w_meta(h, "description", m->summary);
	w_meta(h, "author", m->owner);
	buf_init(&kw);
	for (i = 0; i < m->nkeywords; i++)
		buf_printf(&kw, "%s%s", i > 0 ? ", " : "", m->keywords[i]);
	w_meta(h, "keywords", kw.p);
	buf_free(&kw);
	w_meta(h, "leaflet-id", m->id);
	w_meta(h, "leaflet-version", m->version);
	w_meta(h, "leaflet-status", m->status == STATUS_APPROVED ? "approved" :
	    "draft");
	w_meta_date(h, "leaflet-published", m->published);
	w_meta_date(h, "leaflet-reviewed", m->reviewed);
	w_meta_date(h, "leaflet-review-due", m->review_due);
	w_meta(h, "leaflet-approved-by", m->approved_by);
	if (m->approved_by != NULL && m->approved_by[0] != '\0')
		w_meta_date(h, "leaflet-approved-on", m->approved_on);
}

static void
w_footer(struct hw *h, const struct docmeta *m, const struct site *site)
{
	buf_adds(&h->b, "<footer class=\"foot\">\n<div class=\"wrap\">\n");
	if (m != NULL) {
		buf_adds(&h->b, "<p>");
		if (m->id != NULL) {
			buf_add_xml(&h->b, m->id);
			buf_adds(&h->b, " \xc2\xb7 ");
		}
		buf_adds(&h->b, "Version ");
		buf_add_xml(&h->b, m->version);
		if (m->review_due >= 0) {
			buf_adds(&h->b, " \xc2\xb7 Next review ");
			w_date(&h->b, m->review_due);
		}
		buf_adds(&h->b, "</p>\n");
	}
	if (site != NULL && site->publisher.name != NULL) {
		buf_adds(&h->b, "<p>Published by ");
		buf_add_xml(&h->b, site->publisher.name);
		buf_adds(&h->b, "</p>\n");
	}
	buf_adds(&h->b, "</div>\n</footer>\n</body>\n</html>\n");
}

static void
hw_init(struct hw *h, const struct layout *L, const char *content_dir,
    const char *file)
{
	memset(h, 0, sizeof(*h));
	buf_init(&h->b);
	h->L = L;
	h->content_dir = content_dir;
	h->file = file;
	h->level = 1;
}

static void
hw_done(struct hw *h, char **out, size_t *len)
{
	int i;

	*len = h->b.len;
	*out = buf_take(&h->b);
	for (i = 0; i < h->ncites; i++)
		free(h->cites[i].key);
	free(h->cites);
	free(h->refkeys);
	for (i = 0; i < h->ngloss; i++) {
		free(h->gloss[i].def);
		free(h->gloss[i].uses);
		free(h->gloss[i].parts);
	}
	free(h->gloss);
}

char *
htmlout_filename(const char *name, enum html_edition ed)
{
	return xasprintf("%s%s.html", name, ed == HTML_LARGE ?
	    "-large-print" : "");
}

int
htmlout_handout(const struct htmlout_input *in, struct hyphenator *hyph,
    enum html_edition ed, char **out, size_t *len)
{
	const struct docmeta *m = in->meta;
	struct hw h;

	hw_init(&h, in->layout, in->content_dir, in->file);
	h.hyph = hyph;
	collect_definitions(&h, in->doc);
	collect_refnums(&h, in->doc);
	w_head(&h, m->lang != NULL ? m->lang : in->site != NULL ?
	    in->site->lang : NULL, m->short_title != NULL ? m->short_title :
	    m->title != NULL ? m->title : in->slug, ed);
	w_governance_meta(&h, m);
	w_style(&h);
	w_banner(&h, in->marks, "This leaflet", m->review_due, in->site,
	    in->slug, ed);
	buf_adds(&h.b, "<main id=\"main\" class=\"wrap\">\n<article>\n<h1>");
	h.in_narrow = 1;
	add_text(&h, m->title);
	h.in_narrow = 0;
	buf_adds(&h.b, "</h1>\n");
	if (m->summary != NULL && m->summary[0] != '\0') {
		buf_adds(&h.b, "<p class=\"summary\">");
		buf_add_xml(&h.b, m->summary);
		buf_adds(&h.b, "</p>\n");
	}
	w_gov_line(&h, m);
	w_blocks(&h, in->doc, 0);
	w_notes(&h, in->doc);
	w_governance(&h, m);
	buf_adds(&h.b, "</article>\n</main>\n");
	w_footer(&h, m, in->site);
	hw_done(&h, out, len);
	return 0;
}

/* --- the booklet --- */

/* One chapter (or the page inside the cover) as an article. */
static void
w_chapter(struct hw *h, const struct booklet_chapter *c, const char *id,
    const char *cls)
{
	const struct docmeta *m = c->meta;

	buf_printf(&h->b, "<article class=\"%s\" id=\"%s\" aria-labelledby="
	    "\"%s-h\">\n", cls, id, id);
	if (c->marks & MARK_DRAFT)
		buf_adds(&h->b, "<p class=\"notice draft\" data-web><strong>"
		    "DRAFT \xe2\x80\x93 not for patient use</strong> This "
		    "chapter has not been approved yet.</p>\n");
	if (c->marks & MARK_OVERDUE)
		buf_adds(&h->b, "<p class=\"notice overdue\" data-web><strong>"
		    "REVIEW OVERDUE</strong> This chapter may be out of "
		    "date.</p>\n");
	buf_printf(&h->b, "<h2 id=\"%s-h\">", id);
	h->in_narrow = 1;
	add_text(h, m != NULL && m->title != NULL ? m->title : c->path);
	h->in_narrow = 0;
	buf_adds(&h->b, "</h2>\n");
	if (m != NULL && m->summary != NULL && m->summary[0] != '\0') {
		buf_adds(&h->b, "<p class=\"summary\">");
		buf_add_xml(&h->b, m->summary);
		buf_adds(&h->b, "</p>\n");
	}
	if (m != NULL && m->id != NULL)
		w_gov_line(h, m);
	h->level = 2;
	w_blocks(h, c->doc, 0);
	w_notes(h, c->doc);
	buf_adds(&h->b, "</article>\n");
	h->chapter++;
}

/* A generated part (references, glossary): heading and blocks. */
static void
w_part(struct hw *h, const char *id, const char *title,
    const struct node *doc)
{
	buf_printf(&h->b, "<section class=\"part\" id=\"%s\" aria-labelledby="
	    "\"%s-h\">\n<h2 id=\"%s-h\">", id, id, id);
	buf_add_xml(&h->b, title);
	buf_adds(&h->b, "</h2>\n");
	h->level = 2;
	w_blocks(h, doc, 0);
	buf_adds(&h->b, "</section>\n");
}

/* An entry of the contents; its number names the chapter in the back
 * links of the references and the glossary. */
static void
w_toc_entry(struct hw *h, const char *id, const char *title)
{
	h->part_labels[h->nparts] = h->nparts;
	h->part_titles[h->nparts++] = title;
	buf_printf(&h->b, "<li><a href=\"#%s\">", id);
	h->in_narrow = 1;
	add_text(h, title);
	h->in_narrow = 0;
	buf_adds(&h->b, "</a></li>\n");
}

/* The back page: the publisher's details, linked. */
static void
w_back_page(struct hw *h, const struct site *site)
{
	const char *labels[SITE_CONTACT_MAX], *values[SITE_CONTACT_MAX];
	int i, n = site_contact(&site->publisher, labels, values);
	const char *id = anchor_part(ANCHOR_PART_BACK);

	buf_printf(&h->b, "<section class=\"part contact-us\" id=\"%s\" "
	    "aria-labelledby=\"%s-h\">\n<h2 id=\"%s-h\">", id, id, id);
	buf_add_xml(&h->b, anchor_part_title(ANCHOR_PART_BACK));
	buf_adds(&h->b, "</h2>\n<address>\n<p><strong>");
	buf_add_xml(&h->b, site->publisher.name != NULL ? site->publisher.name : "");
	buf_adds(&h->b, "</strong></p>\n");
	for (i = 0; i < n; i++) {
		buf_adds(&h->b, "<p><strong>");
		buf_add_xml(&h->b, labels[i]);
		buf_adds(&h->b, ":</strong><br>\n");
		w_text_links(h, values[i]);
		buf_adds(&h->b, "</p>\n");
	}
	buf_adds(&h->b, "</address>\n<p>We would like to hear what you think "
	    "of this booklet, so that we can make it better.</p>\n"
	    "</section>\n");
}

int
htmlout_booklet(const struct booklet_input *in, struct hyphenator *hyph,
    enum html_edition ed, char **out, size_t *len)
{
	const struct site *site = in->site;
	struct node *refs = NULL, *gloss = NULL;
	struct buf body, tail;
	struct hw h;
	int i, marks = in->inside.marks;
	int inside_part = 0, first_part, disc_part = 0;
	const char *title = site != NULL && site->booklet_title != NULL ?
	    site->booklet_title : "Booklet";

	for (i = 0; i < in->nchapters; i++)
		marks |= in->chapters[i].marks;
	hw_init(&h, in->layout, in->content_dir, in->site_path);
	h.hyph = hyph;
	h.hshift = 1;
	if (in->glossary != NULL && in->use != NULL && in->use->n > 0) {
		gloss = doc_new(NODE_DOCUMENT, 0, 0);
		glossary_append(in->glossary, in->use, gloss, NULL);
		collect_definitions(&h, gloss);
	}
	if (in->biblio != NULL && in->order != NULL && in->order->n > 0) {
		refs = doc_new(NODE_DOCUMENT, 0, 0);
		biblio_append(in->biblio, in->order, refs, NULL);
		collect_refnums(&h, refs);
	}
	w_head(&h, site != NULL ? site->lang : NULL, title, ed);
	w_meta(&h, "description", site != NULL ? site->booklet_subtitle : NULL);
	w_meta(&h, "author", site != NULL ? site->publisher.name : NULL);
	w_meta(&h, "leaflet-status", marks & MARK_DRAFT ? "draft" :
	    "approved");
	w_meta(&h, "booklet-edition", site != NULL ? site->edition : NULL);
	w_style(&h);
	w_banner(&h, marks, "This booklet", -1, site, "booklet", ed);
	buf_adds(&h.b, "<main id=\"main\" class=\"wrap\">\n<h1>");
	h.in_narrow = 1;
	add_text(&h, title);
	h.in_narrow = 0;
	buf_adds(&h.b, "</h1>\n");
	if (site != NULL && site->booklet_subtitle != NULL) {
		buf_adds(&h.b, "<p class=\"summary\">");
		buf_add_xml(&h.b, site->booklet_subtitle);
		buf_adds(&h.b, "</p>\n");
	}
	if (site != NULL && site->edition != NULL) {
		buf_adds(&h.b, "<p>");
		buf_add_xml(&h.b, site->edition);
		buf_adds(&h.b, "</p>\n");
	}
	buf_adds(&h.b, "<nav class=\"toc\" aria-labelledby=\"toc-h\">\n"
	    "<h2 id=\"toc-h\">Contents</h2>\n<ol>\n");
	/* numbered from 1 as the list shows them */
	h.part_titles = xcalloc((size_t)in->nchapters + 8,
	    sizeof(*h.part_titles));
	h.part_labels = xcalloc((size_t)in->nchapters + 8,
	    sizeof(*h.part_labels));
	h.nparts = 1;
	if (in->inside.doc != NULL && in->inside.meta != NULL) {
		inside_part = h.nparts;
		w_toc_entry(&h, anchor_part(ANCHOR_PART_INSIDE),
		    in->inside.meta->title);
	}
	first_part = h.nparts;
	for (i = 0; i < in->nchapters; i++) {
		char *id = anchor_name(ANCHOR_CHAPTER, i, 0);

		w_toc_entry(&h, id, in->chapters[i].meta != NULL &&
		    in->chapters[i].meta->title != NULL ?
		    in->chapters[i].meta->title : in->chapters[i].path);
		free(id);
	}
	if (refs != NULL)
		w_toc_entry(&h, anchor_part(ANCHOR_PART_REFERENCES),
		    anchor_part_title(ANCHOR_PART_REFERENCES));
	if (gloss != NULL)
		w_toc_entry(&h, anchor_part(ANCHOR_PART_GLOSSARY),
		    anchor_part_title(ANCHOR_PART_GLOSSARY));
	if (in->disclaimer.doc != NULL) {
		disc_part = h.nparts;
		w_toc_entry(&h, anchor_part(ANCHOR_PART_DISCLAIMER),
		    anchor_part_title(ANCHOR_PART_DISCLAIMER));
	}
	if (site != NULL)
		w_toc_entry(&h, anchor_part(ANCHOR_PART_BACK),
		    anchor_part_title(ANCHOR_PART_BACK));
	buf_adds(&h.b, "</ol>\n</nav>\n");
	if (in->inside.doc != NULL) {
		h.part = inside_part;
		w_chapter(&h, &in->inside, anchor_part(ANCHOR_PART_INSIDE),
		    "chapter");
	}
	for (i = 0; i < in->nchapters; i++) {
		char *id = anchor_name(ANCHOR_CHAPTER, i, 0);

		h.part = first_part + i;
		w_chapter(&h, &in->chapters[i], id, "chapter");
		free(id);
	}
	/* the disclaimers follow the references and glossary, but may cite
	 * and use terms too: set them first, so the lists link back */
	body = h.b;
	buf_init(&h.b);
	h.part = disc_part;
	if (in->disclaimer.doc != NULL)
		w_chapter(&h, &in->disclaimer,
		    anchor_part(ANCHOR_PART_DISCLAIMER), "chapter");
	if (in->trials.doc != NULL) {
		/* not in the contents: it follows the disclaimer */
		h.part = disc_part > 0 ? h.nparts : 0;
		if (disc_part > 0) {
			h.part_titles[h.nparts] = h.part_titles[disc_part];
			h.part_labels[h.nparts++] = disc_part;
		}
		w_chapter(&h, &in->trials, anchor_part(ANCHOR_PART_TRIALS),
		    "chapter");
	}
	tail = h.b;
	h.b = body;
	if (refs != NULL)
		w_part(&h, anchor_part(ANCHOR_PART_REFERENCES),
		    anchor_part_title(ANCHOR_PART_REFERENCES), refs);
	if (gloss != NULL)
		w_part(&h, anchor_part(ANCHOR_PART_GLOSSARY),
		    anchor_part_title(ANCHOR_PART_GLOSSARY), gloss);
	h.part = 0;
	buf_add(&h.b, tail.p, tail.len);
	buf_free(&tail);
	if (site != NULL)
		w_back_page(&h, site);
	buf_adds(&h.b, "</main>\n");
	w_footer(&h, NULL, site);
	doc_free(refs);
	doc_free(gloss);
	free(h.part_titles);
	free(h.part_labels);
	hw_done(&h, out, len);
	return 0;
}
