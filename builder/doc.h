/*
 * doc: the document tree, our own representation of one Markdown file.
 *
 * mdparse builds it from cmark-gfm's AST; typesetting walks it.  No
 * third-party type appears here, so the Markdown library can be swapped.
 * Every node carries its position in the source .md file (front matter
 * included in the line count).
 */
#ifndef BUILDER_DOC_H
#define BUILDER_DOC_H

enum node_type {
	/* blocks */
	NODE_DOCUMENT,
	NODE_HEADING,		/* level = 1..4 (5, 6 are reported and mapped to 4) */
	NODE_PARAGRAPH,		/* info = anchor name (optional) */
	NODE_LIST,		/* flags NODE_ORDERED/NODE_TIGHT; level = start number;
				   NODE_CONTENTS: a table of contents */
	NODE_ITEM,		/* flags NODE_TASK, NODE_CHECKED for task lists;
				   info = anchor name (optional); in a
				   contents: text = the page number, and a
				   paragraph holding the link */
	NODE_QUOTE,
	NODE_CALLOUT,		/* GitHub alert; level = enum callout_kind;
				   info = title replacing the layout's */
	NODE_CODEBLOCK,		/* text = literal, info = info string */
	NODE_HRULE,
	NODE_TABLE,		/* ncols, align[ncols] */
	NODE_TABLE_ROW,		/* flags NODE_HEADER for the header row */
	NODE_TABLE_CELL,
	NODE_FOOTNOTE_DEF,	/* level = footnote number (1-based); text = label */
	NODE_BLOCK_MAX,		/* not a type: every block type stands above
				   it (doc_is_block), a new one too.  A new
				   block type is added here, named in doc.c,
				   made by mdparse.c, set by typeset.c (with
				   its structure element) and written by
				   htmlout.c: nothing else names block types
				   (quotes are the example) */
	/* inlines */
	NODE_TEXT,		/* text = literal */
	NODE_SOFTBREAK,
	NODE_HARDBREAK,
	NODE_CODE,		/* text = literal */
	NODE_EMPH,
	NODE_STRONG,
	NODE_STRIKE,
	NODE_LINK,		/* text = URL, info = title (may be NULL) */
	NODE_IMAGE,		/* text = path or URL, info = alt text */
	NODE_FOOTNOTE_REF,	/* level = footnote number */
	NODE_CITE,		/* text = keys separated by ';' ("egger2020;ebbers2024"),
				   level = 0 until biblio numbers it */
	NODE_TYPE_MAX
};

enum callout_kind {
	CALLOUT_NOTE,
	CALLOUT_TIP,
	CALLOUT_IMPORTANT,
	CALLOUT_WARNING,
	CALLOUT_CAUTION,
	CALLOUT_KIND_MAX
};

/* Alignment, the one list of it: of a table's columns (align[], one char
 * each) and of set text (para.h).  None is left. */
enum align {
	ALIGN_NONE = 0,
	ALIGN_LEFT = 'l',
	ALIGN_CENTER = 'c',
	ALIGN_RIGHT = 'r',
	ALIGN_JUSTIFY = 'j'	/* text only, where the layout justifies */
};

struct node {
	enum node_type	 type;
	int		 flags;
#define NODE_ORDERED	(1 << 0)	/* list */
#define NODE_TIGHT	(1 << 1)	/* list */
#define NODE_HEADER	(1 << 2)	/* table row */
#define NODE_TASK	(1 << 3)	/* item */
#define NODE_CHECKED	(1 << 4)	/* item */
#define NODE_CONTACT	(1 << 5)	/* callout: the publisher's contact box */
#define NODE_CONTENTS	(1 << 6)	/* list: a table of contents (title,
					   leaders, page number) */
	int		 level;		/* see enum node_type */
	int		 line;		/* 1-based line in the source file */
	int		 col;		/* 1-based column (characters) */
	char		*text;		/* owned; see enum node_type */
	char		*info;		/* owned; see enum node_type */
	int		 look;		/* a block composed rather than
					   written (the booklet's covers): 0,
					   or 1 + which of the typesetter's
					   looks sets it (typeset_look) */
	int		 ncols;		/* table */
	char		*align;		/* owned; table, ncols entries */
	struct node	*parent;
	struct node	*first;		/* first child */
	struct node	*last;		/* last child */
	struct node	*next;		/* next sibling */
	struct node	*prev;		/* previous sibling */
};

/* Allocate a node; text is copied if not NULL. */
struct node	*doc_new(enum node_type, int line, int col);
/* Append child as the last child of parent. */
void		 doc_append(struct node *parent, struct node *child);
/* Insert n after sibling ref (same parent). */
void		 doc_insert_after(struct node *ref, struct node *n);
/* Unlink n from its parent and siblings (n keeps its children). */
void		 doc_unlink(struct node *n);
/* A deep copy of a subtree (positions, texts and all); caller frees with
 * doc_free.  The copy has no parent. */
struct node	*doc_clone(const struct node *);
/* Free a node and its whole subtree (iterative, safe for deep trees). */
void		 doc_free(struct node *);
/* Is this type a block (as opposed to an inline)? */
int		 doc_is_block(enum node_type);
/* Name of a node type, for dumps ("paragraph", "heading", ...). */
const char	*doc_type_name(enum node_type);
/* Concatenate the plain text of a subtree (text, code, soft breaks as
 * spaces).  Caller frees. */
char		*doc_plain_text(const struct node *);
/* Depth-first walk: the next node after n in document order, staying
 * inside root; NULL at the end. */
struct node	*doc_next(const struct node *root, const struct node *n);
/* The picture of a paragraph that holds only that picture (and white
 * space): a figure.  NULL for any other paragraph. */
const struct node *doc_lone_image(const struct node *para);

#endif
