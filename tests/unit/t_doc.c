/*
 * Unit tests of the document tree: building, walking, plain text,
 * unlinking, deep copies, and freeing a very deep tree without recursion.
 */
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "harness.h"

static struct node *
text(const char *s)
{
	struct node *n = doc_new(NODE_TEXT, 3, 1);

	n->text = strdup(s);
	return n;
}

/* paragraph: "Call " <strong>"now"</strong> soft "please" */
static struct node *
sample(void)
{
	struct node *doc = doc_new(NODE_DOCUMENT, 1, 1);
	struct node *p = doc_new(NODE_PARAGRAPH, 3, 1);
	struct node *strong = doc_new(NODE_STRONG, 3, 6);
	struct node *table = doc_new(NODE_TABLE, 5, 1);

	doc_append(doc, p);
	doc_append(p, text("Call "));
	doc_append(strong, text("now"));
	doc_append(p, strong);
	doc_append(p, doc_new(NODE_SOFTBREAK, 3, 9));
	doc_append(p, text("please"));
	p->info = strdup("anchor-1");
	table->ncols = 2;
	table->align = malloc(2);
	memcpy(table->align, "lr", 2);
	doc_append(doc, table);
	return doc;
}

static void
t_walk_and_text(void)
{
	struct node *doc = sample(), *n;
	char *s;
	int count = 0;

	for (n = doc; n != NULL; n = doc_next(doc, n))
		count++;
	CHECK_INT(count, 8);
	s = doc_plain_text(doc);
	CHECK_STR(s, "Call now please");
	free(s);
	CHECK(doc_is_block(NODE_TABLE));
	CHECK(!doc_is_block(NODE_TEXT));
	CHECK_STR(doc_type_name(NODE_CALLOUT), "callout");
	doc_free(doc);
}

static void
t_clone(void)
{
	struct node *doc = sample(), *copy;
	char *a, *b;

	copy = doc_clone(doc);
	a = doc_plain_text(doc);
	b = doc_plain_text(copy);
	CHECK_STR(b, a);
	CHECK(copy->parent == NULL);
	CHECK_STR(copy->first->info, "anchor-1");
	CHECK(copy->first->info != doc->first->info);
	CHECK_INT(copy->first->line, 3);
	CHECK_INT(copy->last->ncols, 2);
	CHECK(copy->last->align != NULL &&
	    memcmp(copy->last->align, "lr", 2) == 0);
	CHECK(copy->first->first->next->parent == copy->first);
	/* the copy is independent: freeing the original leaves it whole */
	doc_free(doc);
	free(b);
	b = doc_plain_text(copy);
	CHECK_STR(b, a);
	free(a);
	free(b);
	doc_free(copy);
}

static void
t_unlink_insert(void)
{
	struct node *doc = sample(), *p = doc->first, *first = p->first;
	char *s;

	doc_unlink(first);
	CHECK(p->first != first);
	CHECK(first->parent == NULL && first->next == NULL);
	doc_insert_after(p->last, first);
	CHECK(p->last == first);
	s = doc_plain_text(p);
	CHECK_STR(s, "now pleaseCall ");
	free(s);
	doc_free(doc);
}

/* 100,000 nested quotes are freed without recursion. */
static void
t_deep_free(void)
{
	struct node *root = doc_new(NODE_DOCUMENT, 1, 1), *n = root, *q;
	int i;

	for (i = 0; i < 100000; i++) {
		q = doc_new(NODE_QUOTE, i + 1, 1);
		doc_append(n, q);
		n = q;
	}
	doc_free(root);
	CHECK(1);
}

int
main(void)
{
	t_walk_and_text();
	t_clone();
	t_unlink_insert();
	t_deep_free();
	return harness_done("t_doc");
}
