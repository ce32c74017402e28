/*
 * fuzz_frontmatter: a content file's bytes -> source_read (byte checks,
 * line endings, front-matter split) -> yamlx -> fmatter, as the build
 * reads every therapy file.
 */
#include "buf.h"
#include "date.h"
#include "fmatter.h"
#include "source.h"
#include "yamlx.h"

#include "fuzz.h"

static struct fuzz_file ff;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	fuzz_chdir_top((*argv)[0]);
	diag_set_quiet(1);
	fuzz_file_open(&ff, ".md");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct source src;
	struct docmeta meta;
	struct ynode *root = NULL;
	char date[11];

	diag_reset();
	fuzz_file_put(&ff, data, len);
	memset(&meta, 0, sizeof(meta));
	if (source_read(&src, ff.path, 1) == 0 && src.front != NULL)
		root = yamlx_parse(ff.path, src.front, src.front_len,
		    src.front_line0, SOURCE_MAX_FRONT);
	if (root != NULL && fmatter_load(&meta, ff.path, "fuzz", root) == 0) {
		struct buf words = { 0 };

		date_format_iso(meta.published, date);
		date_format_iso(meta.review_due, date);
		date_format_words(&words, meta.published);
		buf_free(&words);
	}
	fmatter_free(&meta);
	yamlx_free(root);
	source_free(&src);
	return 0;
}
