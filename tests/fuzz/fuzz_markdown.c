/*
 * fuzz_markdown: a content file's bytes -> source_read -> mdparse ->
 * placeholders, citations, glossary -> typeset_document with the shipped
 * handout-a4 layout, fonts and hyphenation: everything a handout goes
 * through up to the page model.  Settings, references, glossary, layout
 * and fonts are loaded once.
 */
#include "biblio.h"
#include "doc.h"
#include "fmatter.h"
#include "font.h"
#include "glossary.h"
#include "hyph.h"
#include "layout.h"
#include "mdparse.h"
#include "page.h"
#include "placeholder.h"
#include "site.h"
#include "source.h"
#include "typeset.h"

#include "fuzz.h"

static struct fuzz_file	 ff;
static struct site	*site;
static struct biblio	*biblio;
static struct glossary	*glossary;
static struct layout	*layout;
static struct fontset	*fonts;
static struct hyphenator *hyph;
static struct docmeta	 meta;

const char	*__lsan_default_suppressions(void);

/* fontconfig (loaded once, for the fallback fonts) loses track of a few
 * small blocks of its own configuration. */
const char *
__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	fuzz_chdir_top((*argv)[0]);
	site = site_load("content/site.yaml");
	biblio = biblio_load("content/references.yaml");
	glossary = glossary_load("content/glossary.yaml");
	layout = layout_load("layouts", "handout-a4");
	fonts = layout != NULL ? fontset_open(layout, "fonts") : NULL;
	if (fonts == NULL) {
		fputs("fuzz_markdown: cannot load the handout-a4 layout and "
		    "its fonts\n", stderr);
		exit(1);
	}
	hyph = hyph_open("en-GB", "layouts/hyphenation-en.txt");
	diag_set_quiet(1);
	fuzz_file_open(&ff, ".md");
	memset(&meta, 0, sizeof(meta));
	meta.id = (char *)"LDT-FUZZ";
	meta.title = (char *)"Fuzzing the typesetter";
	meta.short_title = (char *)"Fuzzing";
	meta.slug = (char *)"fuzz";
	meta.version = (char *)"1.0";
	meta.published = meta.reviewed = 20454;
	meta.review_due = 21184;
	meta.approved_on = -1;
	meta.lang = (char *)"en-GB";
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct source src;
	struct typeset_input in;
	struct cite_order order;
	struct gloss_use use;
	struct node *doc = NULL;
	struct pagedoc *pd;

	diag_reset();
	fuzz_file_put(&ff, data, len);
	memset(&order, 0, sizeof(order));
	memset(&use, 0, sizeof(use));
	/* what source_read refuses never reaches the parser */
	if (source_read(&src, ff.path, 0) == 0)
		doc = mdparse(ff.path, src.body, src.body_len);
	if (doc != NULL) {
		placeholder_expand(doc, site, ff.path, 0);
		if (biblio != NULL) {
			biblio_number(biblio, &order, doc, ff.path);
			biblio_append(biblio, &order, doc,
			    "Sources of information");
		}
		if (glossary != NULL) {
			glossary_scan(glossary, doc, &use, 0);
			glossary_append(glossary, &use, doc,
			    "Words used in this leaflet");
		}
		memset(&in, 0, sizeof(in));
		in.file = ff.path;
		in.doc = doc;
		in.meta = &meta;
		in.layout = layout;
		in.fonts = fonts;
		in.hyph = layout->hyphenate ? hyph : NULL;
		in.content_dir = "tests/cases/content";
		in.publisher = "Fuzz Clinic";
		in.marks = MARK_DRAFT;
		in.date = 1796083200;
		pd = typeset_document(&in);
		pagedoc_free(pd);
	}
	biblio_order_free(&order);
	glossary_use_free(&use);
	doc_free(doc);
	source_free(&src);
	return 0;
}
