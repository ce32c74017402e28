/*
 * glossary: content/glossary.yaml, and finding its terms in the text.
 *
 * Each entry has a term, optional abbreviation, aliases (other spellings and
 * forms), a plain definition, and optional "see" (a cross-reference to
 * another entry's term).  Matching is by whole words, case-insensitive for
 * terms and aliases, case-sensitive for abbreviations (so "TACE" matches
 * but "tace" does not).
 */
#ifndef BUILDER_GLOSSARY_H
#define BUILDER_GLOSSARY_H

struct node;
struct glossary;

/* The terms a document (or a whole booklet) uses. */
struct gloss_use {
	int	*entries;	/* entry numbers, in order of first use */
	int	 n, cap;
};

/*
 * Load path.  Errors at file:line:col: missing term or definition, a
 * duplicate term/alias/abbreviation, a "see" target that does not exist.
 * A missing file is a warning (empty glossary).  Returns NULL after
 * errors.
 */
struct glossary	*glossary_load(const char *path);
void		 glossary_free(struct glossary *);
int		 glossary_count(const struct glossary *);

/*
 * Find the terms used in doc's text (not in headings, code or links) and
 * add them to use.  If link_first, the first use of each term in this doc
 * is wrapped in a NODE_LINK to "#gl-<n>" (n = entry number).
 */
void		 glossary_scan(const struct glossary *, struct node *doc,
		    struct gloss_use *use, int link_first);
/*
 * Append to doc a level-2 heading (none if heading is NULL, for a part
 * with a title of its own) and one paragraph per used entry, in
 * alphabetical order: "**Term (ABBR)**: definition"; each paragraph carries
 * the anchor "gl-<n>".  Nothing is appended when use is empty.
 */
void		 glossary_append(const struct glossary *,
		    const struct gloss_use *, struct node *doc,
		    const char *heading);
void		 glossary_use_free(struct gloss_use *);

#endif
