/*
 * anchor: names of places in a document and of links to them.
 *
 * Every module that makes a link target or a link to one (headings,
 * footnotes, references, the glossary, the booklet's chapters and parts)
 * names it here, by kind; the one parser is here too, so no other module
 * knows how a name is spelt.  A link's target is "#" + an anchor name, or
 * a web address.
 */
#ifndef BUILDER_ANCHOR_H
#define BUILDER_ANCHOR_H

#include <stddef.h>

enum anchor_kind {
	ANCHOR_OTHER,		/* a name the author gave, or not ours */
	ANCHOR_SECTION,		/* sec-C-B: heading (chapter C, block B) */
	ANCHOR_CHAPTER,		/* ch-N: the booklet's chapter N */
	ANCHOR_PART,		/* bk-NAME: a part of the booklet */
	ANCHOR_GLOSSARY,	/* gl-N: glossary entry N */
	ANCHOR_GLOSSARY_USE,	/* glu-N-P: entry N used on page P */
	ANCHOR_REFERENCE,	/* ref-KEY: a reference list entry */
	ANCHOR_NOTE,		/* fn-C-N: footnote N of chapter C */
	ANCHOR_WEB_NOTE,	/* ln-C-N: web address N of chapter C */
	ANCHOR_NOTE_REF,	/* fnref-C-N: where note N of chapter C is
				   called (the web edition links back) */
	ANCHOR_CITE,		/* cite-N: the Nth citation of a page (the
				   web edition links back) */
	ANCHOR_URL,		/* not an anchor: a web or mail address */
	ANCHOR_KIND_MAX
};

/* The booklet's own parts (ANCHOR_PART), each a place its contents
 * links to, in the PDF and on the web. */
enum anchor_part {
	ANCHOR_PART_COVER,
	ANCHOR_PART_INSIDE,	/* the page inside the cover */
	ANCHOR_PART_CONTENTS,
	ANCHOR_PART_REFERENCES,
	ANCHOR_PART_GLOSSARY,
	ANCHOR_PART_DISCLAIMER,
	ANCHOR_PART_TRIALS,	/* the clinical trials disclaimer */
	ANCHOR_PART_BACK,	/* the back page: the publisher's details */
	ANCHOR_PART_MAX
};

/* An anchor by kind and numbers rather than by name: what the
 * typesetter records of the anchors it sets, so that no reader of its
 * pages parses a name back. */
struct anchor_ref {
	enum anchor_kind kind;
	int		 a, b;
};

struct anchor_refs {
	struct anchor_ref *v;		/* owned */
	int		 n, cap;
};

/* An anchor name from numbers (kinds with numbers), caller frees. */
char		*anchor_name(enum anchor_kind, int a, int b);
/* An anchor name from a key (ANCHOR_REFERENCE, ANCHOR_PART). */
char		*anchor_name_key(enum anchor_kind, const char *key);
/* The same as link targets ("#" + name). */
char		*anchor_link(enum anchor_kind, int a, int b);
char		*anchor_link_key(enum anchor_kind, const char *key);
/* A part's anchor name ("bk-refs"); static, not freed. */
const char	*anchor_part(enum anchor_part);
/* The same as a link target ("#bk-refs"); caller frees. */
char		*anchor_part_link(enum anchor_part);
/* The title the contents gives a part ("References"); NULL for a part
 * titled by its own file (the page inside the cover, the trials
 * disclaimer) or by none (the cover). */
const char	*anchor_part_title(enum anchor_part);
/*
 * What a name (with or without the leading "#") or link target is; its
 * numbers in *a and *b (either may be NULL), its key in *key (borrowed
 * from the name; may be NULL).
 */
enum anchor_kind anchor_parse(const char *name, int *a, int *b,
		    const char **key);
/*
 * What a screen reader should say a link leads to, from its target and
 * the words it shows: "Glossary: embolisation", "Reference 2", "Note 1",
 * the web address...  Caller frees.
 */
char		*anchor_describe(const char *target, const char *text);
/*
 * A phone number in text s (len bytes) from s[*i]: 9 digits or more with
 * spaces, "+", "(", ")" and "-" between, not starting inside a word or
 * number.  Returns 1 with the number at s[*i, *end) ("tel:" + its digits
 * from anchor_tel), or 0 with *end past what is not one (always > *i, so
 * a caller's scan moves on).  One rule for the PDF and the web edition.
 */
int		 anchor_phone(const char *s, size_t len, size_t i, size_t *end);
/* "tel:+441614960999" for the number s[0, n); caller frees. */
char		*anchor_tel(const char *s, size_t n);
/*
 * A web or email address written in text s (len bytes) at s[i], where a
 * word starts: "https://", "http://" or "www." up to a blank, less the
 * sentence's closing punctuation; or name@host.tld.  Returns the link it
 * stands for ("https://" put before "www.", "mailto:" before an email
 * address; caller frees) with the address at s[i, *end), or NULL.  One
 * rule for the PDF's contact box and the web edition.
 */
char		*anchor_address(const char *s, size_t len, size_t i,
		    size_t *end);

#endif
