/*
 * target: a layout opened for setting text.
 *
 * The layout with the fonts of its chains and, if it hyphenates, its
 * patterns with the words it must never break; and the folder its
 * handouts go to.
 */
#ifndef BUILDER_TARGET_H
#define BUILDER_TARGET_H

struct fontset;
struct hyphenator;
struct layout;

struct target {
	struct layout		*layout;
	struct fontset		*fonts;
	struct hyphenator	*hyph;		/* NULL: no hyphenation */
	char			*out_dir;	/* where its handouts go */
};

/*
 * Open the fonts and hyphenation of layout L (taken) into *t, with the
 * exceptions file hyphenation-en.txt of layouts_dir when there is one.
 * Returns 0 if it is usable as the layout asks; 1 if it is usable but
 * not as asked (a font of a chain or the hyphenation could not be read:
 * reported), so nothing should be printed with it; -1 if its fonts
 * cannot be opened (reported; L is freed and *t left empty).
 */
int	 target_open(struct target *t, struct layout *L,
	    const char *layouts_dir, const char *fonts_dir);
/* Free everything of t (layout, fonts, hyphenation, folder). */
void	 target_close(struct target *t);

#endif
