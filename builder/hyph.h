/*
 * hyph: hyphenation points for words.  The only module that includes
 * libhyphen.  Project exceptions (medical words the dictionaries break
 * wrongly) take precedence over the dictionary.
 */
#ifndef BUILDER_HYPH_H
#define BUILDER_HYPH_H

#include <stddef.h>

struct hyphenator;

/*
 * lang: "en-GB" or "en-US" (dictionary from the hyphen-en-gb/-us packages).
 * exceptions: path to a file of words with hyphens at the allowed points,
 * one per line, "#" comments ("neu-ro-en-do-crine"); NULL for none.
 * Returns NULL after reporting an error.
 */
struct hyphenator *hyph_open(const char *lang, const char *exceptions);
void	 hyph_free(struct hyphenator *);

/*
 * Find break points in one word (UTF-8, len bytes, letters only; the caller
 * strips punctuation).  points must have room for one entry per code
 * point; points[i] = 1 means a hyphen may follow code point i.  Honours at
 * least 2 characters before and 3 after a break, and never leaves a
 * fragment shorter than 2 characters.  Returns the number of points.
 */
int	 hyph_word(struct hyphenator *, const char *word, size_t len,
	    unsigned char *points);

#endif
