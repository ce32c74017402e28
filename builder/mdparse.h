/*
 * mdparse: Markdown body -> document tree.  The only module that includes
 * cmark-gfm.
 *
 * Parses with cmark-gfm (tables, strikethrough, autolinks, footnotes, task
 * lists; smart punctuation; UTF-8 validation) and converts its AST into our
 * struct node tree, adding what cmark does not know:
 *  - GitHub alerts: a block quote whose first line is [!NOTE], [!TIP],
 *    [!IMPORTANT], [!WARNING] or [!CAUTION] becomes NODE_CALLOUT;
 *  - citations in pandoc syntax, [@key] or [@key1; @key2], become NODE_CITE
 *    with the position of the "[" in the file;
 *  - footnote references and definitions with their numbers.
 * Reports (file:line:col): raw HTML (skipped, warning), images without alt
 * text (error), a footnote reference with no definition (error), heading
 * levels 5-6 (warning, shown as level 4), an unknown alert type (warning,
 * kept as a quote), malformed citations such as "[@]" (error).
 *
 * Text for one output only sits between two HTML comments, each on a
 * line of its own:
 *	<!-- only: handout -->   (or booklet)
 *	...Markdown blocks...
 *	<!-- end only -->
 * The blocks are cut out of every other output before the tree is built.
 * Open and end must be in the same container (document, list item or
 * quote) and blocks do not nest.  An unknown context, a malformed,
 * nested, stray or unclosed marker, and a marker inside a paragraph are
 * errors (file:line:col).
 */
#ifndef BUILDER_MDPARSE_H
#define BUILDER_MDPARSE_H

#include <stddef.h>

struct node;

/*
 * body: len bytes of Markdown whose line 1 is line 1 of file (front-matter
 * lines blanked, see source.h), valid UTF-8 as source_read leaves it.  Returns the NODE_DOCUMENT root (caller
 * frees with doc_free); errors are reported through diag and counted, the
 * tree is still returned so later stages can report their problems too.
 */
struct node	*mdparse(const char *file, const char *body, size_t len);

/*
 * Text printed as it is (a title, a glossary definition) must not hold
 * Markdown, citations or placeholders, which would appear raw on paper.
 * Reports the first such mark in s at file:line:col, naming it as the
 * value of key, and returns 1; 0 if s is plain.
 */
int		 mdparse_check_plain(const char *file, int line, int col,
		    const char *key, const char *s);

/* The output a tree is built for.  MD_ALL keeps the text of every
 * context (markers are still checked); mdparse() builds that. */
enum md_context {
	MD_ALL,
	MD_HANDOUT,	/* each handout, in every layout */
	MD_BOOKLET	/* the booklet and its print edition */
};

struct node	*mdparse_for(const char *file, const char *body, size_t len,
		    enum md_context);

#endif
