/*
 * target: a layout with its fonts and hyphenation (see target.h).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "font.h"
#include "hyph.h"
#include "layout.h"
#include "target.h"
#include "xalloc.h"

int
target_open(struct target *t, struct layout *L, const char *layouts_dir,
    const char *fonts_dir)
{
	struct diag_scope errors;
	char *exc;
	int rc = 0;

	memset(t, 0, sizeof(*t));
	diag_scope_open(&errors);
	t->fonts = fontset_open(L, fonts_dir);
	if (t->fonts == NULL) {
		diag_scope_close(&errors);
		layout_free(L);
		return -1;
	}
	t->layout = L;
	if (L->hyphenate) {
		exc = xasprintf("%s/hyphenation-en.txt", layouts_dir);
		t->hyph = hyph_open(L->hyphen_lang != NULL ? L->hyphen_lang :
		    "en-GB", access(exc, F_OK) == 0 ? exc : NULL);
		free(exc);
		/* never set without the words it must not break */
		if (t->hyph == NULL)
			rc = 1;
	}
	diag_scope_close(&errors);
	/* a font of the chain that cannot be read leaves the others
	 * usable, but the text would print in the wrong font */
	if (errors.errors > 0)
		rc = 1;
	return rc;
}

void
target_close(struct target *t)
{
	layout_free(t->layout);
	fontset_free(t->fonts);
	hyph_free(t->hyph);
	free(t->out_dir);
	memset(t, 0, sizeof(*t));
}
