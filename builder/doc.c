/*
 * doc: allocation and traversal of the document tree.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "doc.h"
#include "xalloc.h"

static const char *const type_names[NODE_TYPE_MAX] = {
	[NODE_DOCUMENT] = "document", [NODE_HEADING] = "heading",
	[NODE_PARAGRAPH] = "paragraph", [NODE_LIST] = "list",
	[NODE_ITEM] = "item", [NODE_QUOTE] = "quote",
	[NODE_CALLOUT] = "callout", [NODE_CODEBLOCK] = "codeblock",
	[NODE_HRULE] = "hrule", [NODE_TABLE] = "table",
	[NODE_TABLE_ROW] = "row", [NODE_TABLE_CELL] = "cell",
	[NODE_FOOTNOTE_DEF] = "footnote", [NODE_TEXT] = "text",
	[NODE_SOFTBREAK] = "softbreak", [NODE_HARDBREAK] = "hardbreak",
	[NODE_CODE] = "code", [NODE_EMPH] = "emph", [NODE_STRONG] = "strong",
	[NODE_STRIKE] = "strike", [NODE_LINK] = "link", [NODE_IMAGE] = "image",
	[NODE_FOOTNOTE_REF] = "footnote_ref", [NODE_CITE] = "cite"
};

struct node *
doc_new(enum node_type type, int line, int col)
{
	struct node *n = xcalloc(1, sizeof(*n));

	n->type = type;
	n->line = line;
	n->col = col;
	return n;
}

void
doc_append(struct node *parent, struct node *child)
{
	child->parent = parent;
	child->next = NULL;
	child->prev = parent->last;
	if (parent->last != NULL)
		parent->last->next = child;
	else
		parent->first = child;
	parent->last = child;
}

void
doc_insert_after(struct node *ref, struct node *n)
{
	n->parent = ref->parent;
	n->prev = ref;
	n->next = ref->next;
	if (ref->next != NULL)
		ref->next->prev = n;
	else if (ref->parent != NULL)
		ref->parent->last = n;
	ref->next = n;
}

void
doc_unlink(struct node *n)
{
	if (n->prev != NULL)
		n->prev->next = n->next;
	else if (n->parent != NULL)
		n->parent->first = n->next;
	if (n->next != NULL)
		n->next->prev = n->prev;
	else if (n->parent != NULL)
		n->parent->last = n->prev;
	n->parent = n->next = n->prev = NULL;
}

struct node *
doc_clone(const struct node *n)
{
	struct node *c = doc_new(n->type, n->line, n->col);
	const struct node *k;

	c->flags = n->flags;
	c->level = n->level;
	c->look = n->look;
	c->ncols = n->ncols;
	c->text = n->text != NULL ? xstrdup(n->text) : NULL;
	c->info = n->info != NULL ? xstrdup(n->info) : NULL;
	if (n->align != NULL && n->ncols > 0) {
		c->align = xmalloc((size_t)n->ncols);
		memcpy(c->align, n->align, (size_t)n->ncols);
	}
	/* recursion is bounded: the parser refuses deep nesting */
	for (k = n->first; k != NULL; k = k->next)
		doc_append(c, doc_clone(k));
	return c;
}

void
doc_free(struct node *root)
{
	struct node *n, *next;

	if (root == NULL)
		return;
	/* Splice children into a single sibling chain so no recursion is
	 * needed, however deep the tree (cmark's S_free_nodes). */
	root->next = NULL;
	for (n = root; n != NULL; n = next) {
		if (n->first != NULL) {
			n->last->next = n->next;
			n->next = n->first;
		}
		next = n->next;
		free(n->text);
		free(n->info);
		free(n->align);
		free(n);
	}
}

int
doc_is_block(enum node_type t)
{
	return t < NODE_BLOCK_MAX;
}

const char *
doc_type_name(enum node_type t)
{
	return t < NODE_TYPE_MAX && type_names[t] != NULL ? type_names[t] :
	    "?";
}

struct node *
doc_next(const struct node *root, const struct node *n)
{
	if (n->first != NULL)
		return n->first;
	while (n != root) {
		if (n->next != NULL)
			return n->next;
		n = n->parent;
		if (n == NULL)
			return NULL;
	}
	return NULL;
}

char *
doc_plain_text(const struct node *root)
{
	struct buf b;
	const struct node *n;

	buf_init(&b);
	for (n = root; n != NULL; n = doc_next(root, n)) {
		switch (n->type) {
		case NODE_TEXT:
		case NODE_CODE:
			if (n->text != NULL)
				buf_adds(&b, n->text);
			break;
		case NODE_SOFTBREAK:
		case NODE_HARDBREAK:
			buf_addc(&b, ' ');
			break;
		default:
			break;
		}
	}
	return buf_take(&b);
}

const struct node *
doc_lone_image(const struct node *para)
{
	const struct node *c, *img = NULL;

	for (c = para->first; c != NULL; c = c->next) {
		if (c->type == NODE_IMAGE && img == NULL)
			img = c;
		else if (c->type == NODE_SOFTBREAK ||
		    (c->type == NODE_TEXT && c->text != NULL &&
		    strspn(c->text, " \t") == strlen(c->text)))
			continue;
		else
			return NULL;
	}
	return img;
}
