/*
 * biblio: the reference list (content/references.yaml, CSL-YAML) and
 * Vancouver-style numbered citations.
 *
 * Citations [@key] are numbered in order of first citation; a cite node
 * gets the label "[1]", "[1,3]" or "[2–4]" (en dash) in its info field.
 * The list of cited works is appended to a document as a heading and a
 * numbered list whose items carry the anchors "ref-<key>" the citations
 * link to.
 */
#ifndef BUILDER_BIBLIO_H
#define BUILDER_BIBLIO_H

#include <stddef.h>

struct node;
struct biblio;

/* The order in which references were first cited: one per handout, or one
 * shared by every chapter of the booklet. */
struct cite_order {
	char	**keys;		/* owned */
	int	  n, cap;
};

/*
 * Load a CSL-YAML file (top-level "references:" list, or a bare list).
 * Each item needs id and title (type is optional); unknown fields are
 * ignored (CSL has many); duplicate ids are errors at file:line:col.  A
 * missing file is a warning and gives an empty bibliography.  Returns NULL
 * after errors.
 */
struct biblio	*biblio_load(const char *path);
void		 biblio_free(struct biblio *);
int		 biblio_count(const struct biblio *);

/*
 * Number every NODE_CITE in doc (setting info to its label), extending
 * order with keys cited for the first time.  An unknown key is an error at
 * the cite's file:line:col naming the key (and the closest known key if one
 * is close).  Returns the number of errors.
 */
int		 biblio_number(const struct biblio *, struct cite_order *,
		    struct node *doc, const char *file);
/*
 * Warn about each bare @key in the Markdown source (outside brackets, code
 * and addresses) whose key is a reference: it would be printed as it
 * stands, where [@key] was meant.  body: len bytes whose line 1 is line 1
 * of file, and a NUL after them (as source_read leaves it).
 */
void		 biblio_check_bare(const struct biblio *, const char *file,
		    const char *body, size_t len);
/*
 * Append to doc a level-2 heading (text `heading`; none if NULL, for a
 * part with a title of its own) and an ordered list of the works in
 * order, formatted in Vancouver style (authors, title, journal,
 * year;volume(issue):pages, with DOI and URL as links).  Nothing is
 * appended when order is empty.
 */
void		 biblio_append(const struct biblio *, const struct cite_order *,
		    struct node *doc, const char *heading);
/* Format one reference as plain text (for tests and the booklet), caller
 * frees; NULL for an unknown key. */
char		*biblio_format(const struct biblio *, const char *key);
void		 biblio_order_free(struct cite_order *);

#endif
