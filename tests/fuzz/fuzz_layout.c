/*
 * fuzz_layout: bytes as a layout file (layouts/<name>.yaml) -> layout_load,
 * which may inherit from the shipped layouts.
 */
#include "layout.h"

#include "fuzz.h"

static struct fuzz_file ff;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	fuzz_chdir_top((*argv)[0]);
	diag_set_quiet(1);
	fuzz_file_open(&ff, ".yaml");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct layout *l;

	diag_reset();
	fuzz_file_put(&ff, data, len);
	l = layout_load("layouts", ff.path);
	if (l != NULL) {
		(void)layout_text_width(l);
		(void)layout_text_height(l);
		(void)layout_contrast(l->text_color, l->page_background);
	}
	layout_free(l);
	return 0;
}
