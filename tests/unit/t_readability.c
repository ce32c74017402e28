/*
 * Unit tests of readability: sentence splitting, words and syllables,
 * the formulas, sections, line numbers, diagnostics and JSON.
 *
 * With arguments it is the helper of tests/readability-compare.sh:
 *   t_readability --text FILE.md    the counted prose, one sentence a line
 *   t_readability --stats FILE.md   words sentences syllables
 *                                   polysyllables fkgl smog
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "doc.h"
#include "fmatter.h"
#include "mdparse.h"
#include "placeholder.h"
#include "readability.h"
#include "site.h"
#include "source.h"
#include "xalloc.h"
#include "yamlx.h"

#include "harness.h"

static struct read_report *
analyse_md(const char *md)
{
	struct node *doc = mdparse("t.md", md, strlen(md));
	struct read_report *r = readability_analyse(doc, "t.md", "Doc title");

	doc_free(doc);
	return r;
}

static const char *
sentence_text(const struct read_report *r, int i)
{
	return readability_sentence(r, i)->text;
}

/* Run readability_check with stderr captured; return what it wrote
 * (caller frees). */
static char *
capture_check(const struct read_report *r, const struct read_limits *lim,
    int *nmsg)
{
	harness_capture_begin();
	*nmsg = readability_check(r, lim);
	return xstrdup(harness_capture_end());
}

static void
test_syllables(void)
{
	static const struct {
		const char	*w;
		int		 n;
	} words[] = {
		/* one */
		{ "the", 1 }, { "cat", 1 }, { "make", 1 }, { "makes", 1 },
		{ "used", 1 }, { "called", 1 }, { "eye", 1 }, { "you", 1 },
		{ "yes", 1 }, { "goes", 1 }, { "tried", 1 }, { "through", 1 },
		{ "friend", 1 }, { "blood", 1 }, { "scan", 1 }, { "don't", 1 },
		{ "it’s", 1 }, { "there", 1 }, { "whole", 1 }, { "NET", 1 },
		{ "sea", 1 }, { "seas", 1 },
		/* two */
		{ "table", 2 }, { "people", 2 }, { "wanted", 2 },
		{ "places", 2 }, { "changes", 2 }, { "being", 2 },
		{ "going", 2 }, { "crying", 2 }, { "staying", 2 },
		{ "liver", 2 }, { "tumour", 2 }, { "doctor", 2 },
		{ "settled", 2 }, { "likely", 2 }, { "useful", 2 },
		{ "centre", 2 }, { "trial", 2 }, { "diet", 2 },
		{ "hormone", 2 }, { "didn’t", 2 }, { "beyond", 2 },
		{ "tissue", 2 }, { "symptoms", 2 }, { "surgeon", 2 },
		{ "CT", 2 }, { "UK", 2 }, { "sometimes", 2 },
		{ "science", 2 }, { "careful", 2 },
		/* three */
		{ "several", 3 }, { "procedure", 3 }, { "radio", 3 },
		{ "medium", 3 }, { "usual", 3 }, { "nausea", 3 },
		{ "idea", 3 }, { "areas", 3 }, { "period", 3 },
		{ "ablation", 3 }, { "possible", 3 }, { "medicine", 3 },
		{ "catheter", 3 }, { "various", 3 }, { "FDA", 3 },
		{ "management", 3 }, { "yttrium", 3 },
		/* four and more */
		{ "experience", 4 }, { "radiation", 4 }, { "diarrhoea", 4 },
		{ "octreotide", 4 }, { "histotripsy", 4 }, { "PRRT", 4 },
		{ "radiologist", 5 }, { "embolisation", 5 },
		{ "interventional", 5 }, { "stereotactic", 5 },
		{ "neuroendocrine", 5 }, { "chemotherapy", 5 },
		{ "electroporation", 6 },
		{ "chemoembolisation", 7 },
		/* hyphens and numbers: parts add up, a digit group is one */
		{ "well-known", 2 }, { "post-embolisation", 6 },
		{ "Y-90", 2 }, { "5-FU", 3 }, { "2.5", 1 }, { "1,000", 1 },
		{ "197", 1 }, { "177Lu", 2 }, { "yttrium-90", 4 },
		{ "café", 2 }
	};
	size_t i;
	int n;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		n = readability_syllables(words[i].w, strlen(words[i].w));
		if (n != words[i].n)
			fprintf(stderr, "syllables of %s\n", words[i].w);
		CHECK_INT(n, words[i].n);
	}
}

static void
test_sentences(void)
{
	struct read_report *r;

	/* abbreviations, decimals, ellipsis, ! and ? */
	r = analyse_md("Dr. Smith gave 2.5 mg, e.g. in the morning. Take it "
	    "now! Is it 0.3 % or no. 4? Wait… then go. Pain, fever, etc. "
	    "and sickness. Pain, fever, etc. Then rest. The answer is no. "
	    "Call us.\n");
	CHECK_INT(readability_nsentences(r), 10);
	CHECK_STR(sentence_text(r, 0),
	    "Dr. Smith gave 2.5 mg, e.g. in the morning.");
	CHECK_STR(sentence_text(r, 1), "Take it now!");
	CHECK_STR(sentence_text(r, 2), "Is it 0.3 % or no. 4?");
	CHECK_STR(sentence_text(r, 3), "Wait…");
	CHECK_STR(sentence_text(r, 4),
	    "then go.");
	CHECK_STR(sentence_text(r, 5), "Pain, fever, etc. and sickness.");
	CHECK_STR(sentence_text(r, 6), "Pain, fever, etc.");
	CHECK_STR(sentence_text(r, 7), "Then rest.");
	CHECK_STR(sentence_text(r, 8), "The answer is no.");
	CHECK_STR(sentence_text(r, 9), "Call us.");
	readability_free(r);

	r = analyse_md("The answer is no. Call us.\n\n"
	    "He said \"stop.\" Then he left (quietly.) Done.\n\n"
	    "Version 1.0. Next one...\n\n"
	    "See example.org. It helps a.m. and p.m. daily.\n");
	CHECK_INT(readability_nsentences(r), 9);
	CHECK_STR(sentence_text(r, 7), "See example.org.");
	CHECK_STR(sentence_text(r, 8), "It helps a.m. and p.m. daily.");
	CHECK_STR(sentence_text(r, 0), "The answer is no.");
	CHECK_STR(sentence_text(r, 2), "He said “stop.”");
	CHECK_STR(sentence_text(r, 3), "Then he left (quietly.)");
	CHECK_STR(sentence_text(r, 5), "Version 1.0.");
	CHECK_STR(sentence_text(r, 6), "Next one…");
	readability_free(r);

	/* list items without a full stop are sentences of their own, and so
	 * is every paragraph end */
	r = analyse_md("Reasons:\n\n- to ease symptoms\n- to slow growth. It "
	    "helps\n  1. nested item\n\n> quoted words\n\n> [!NOTE]\n> Call "
	    "us\n");
	CHECK_INT(readability_nsentences(r), 7);
	CHECK_STR(sentence_text(r, 0), "Reasons:");
	CHECK_STR(sentence_text(r, 1), "to ease symptoms");
	CHECK_STR(sentence_text(r, 2), "to slow growth.");
	CHECK_STR(sentence_text(r, 3), "It helps");
	CHECK_STR(sentence_text(r, 4), "nested item");
	CHECK_STR(sentence_text(r, 5), "quoted words");
	CHECK_STR(sentence_text(r, 6), "Call us");
	CHECK_INT(readability_sentence(r, 1)->words, 3);
	readability_free(r);

	/* a paragraph of nothing countable is no sentence */
	r = analyse_md("Text [@key].\n\n[@other]\n\n—\n");
	CHECK_INT(readability_nsentences(r), 1);
	CHECK_STR(sentence_text(r, 0), "Text.");
	CHECK_INT(readability_total(r)->words, 1);
	readability_free(r);
}

static void
test_words(void)
{
	struct read_report *r;
	const struct read_sentence *s;

	r = analyse_md("Don’t use well-known 5-FU at 2.5 mg or 1,000 mg, "
	    "the doctor's view - ok.\n");
	s = readability_sentence(r, 0);
	/* Don’t use well-known 5-FU at 2.5 mg or 1,000 mg the doctor's
	 * view ok */
	CHECK_INT(s->words, 14);
	readability_free(r);
}

/* Not counted: headings, tables, code blocks and spans, citations, link
 * addresses, images, footnote markers. */
static void
test_exclusions(void)
{
	struct read_report *r;
	const struct read_stats *t;

	r = analyse_md("# Big heading words here\n\n"
	    "## Section heading\n\n"
	    "Run `some code here` now [@egger2020; @allan-ldt].\n\n"
	    "| Head one | Head two |\n|---|---|\n| cell words | more "
	    "cells |\n\n"
	    "```\ncode block words many words\n```\n\n"
	    "    indented code block words\n\n"
	    "See [the site](https://example.org/long/address/words) and "
	    "![alt text words](pic.png) here.[^1]\n\n"
	    "[^1]: Foot note words.\n");
	t = readability_total(r);
	/* "Run now." "See the site and here." "Foot note words." */
	CHECK_INT(t->sentences, 3);
	CHECK_INT(t->words, 2 + 5 + 3);
	CHECK_STR(sentence_text(r, 0), "Run now.");
	CHECK_STR(sentence_text(r, 1), "See the site and here.");
	CHECK_STR(sentence_text(r, 2), "Foot note words.");
	readability_free(r);
}

/* A fixed text with hand-counted figures. */
static void
test_formulas(void)
{
	struct read_report *r;
	const struct read_stats *t;
	double wps, spw;

	/* The(1) cat(1) sat(1) on(1) the(1) mat(1).  It(1) was(1)
	 * very(2) happy(2) about(2) the(1) beautiful(3) afternoon(3).
	 * 14 words, 2 sentences, 21 syllables, 2 polysyllables. */
	r = analyse_md("The cat sat on the mat. It was very happy about the "
	    "beautiful afternoon.\n");
	t = readability_total(r);
	CHECK_INT(t->words, 14);
	CHECK_INT(t->sentences, 2);
	CHECK_INT(t->syllables, 21);
	CHECK_INT(t->polysyllables, 2);
	CHECK_INT(t->longest, 8);
	wps = 14.0 / 2;
	spw = 21.0 / 14;
	CHECK_NEAR(t->mean, 7.0, 1e-9);
	CHECK_NEAR(t->fkgl, 0.39 * wps + 11.8 * spw - 15.59, 1e-9);
	CHECK_NEAR(t->fkgl, 4.84, 1e-9);
	CHECK_NEAR(t->fre, 206.835 - 1.015 * wps - 84.6 * spw, 1e-9);
	CHECK_NEAR(t->fre, 72.83, 1e-9);
	CHECK_NEAR(t->smog, 1.0430 * 5.477225575051661 + 3.1291, 1e-9);
	CHECK_NEAR(t->smog, 8.84185, 1e-5);
	readability_free(r);

	/* no prose: figures stay 0 */
	r = analyse_md("## Only a heading\n\n| a | b |\n|---|---|\n"
	    "| c | d |\n");
	t = readability_total(r);
	CHECK_INT(t->sentences, 0);
	CHECK_NEAR(t->fkgl, 0, 0);
	CHECK_INT(readability_nsections(r), 1);
	readability_free(r);
}

static void
test_sections(void)
{
	struct read_report *r;
	const struct read_stats *s;

	r = analyse_md("Intro words here. More intro.\n\n"
	    "## First part\n\nOne two three.\n\n### Sub part\n\n"
	    "Four five.[^n]\n\n"
	    "## Second *part*\n\nSix.\n\n"
	    "[^n]: The note goes with the first part.\n");
	CHECK_INT(readability_nsections(r), 3);
	s = readability_section(r, 0);
	CHECK_STR(s->title, "Doc title");
	CHECK_INT(s->line, 1);
	CHECK_INT(s->sentences, 2);
	CHECK_INT(s->words, 5);
	s = readability_section(r, 1);
	CHECK_STR(s->title, "First part");
	CHECK_INT(s->line, 3);
	CHECK_INT(s->sentences, 3);	/* the footnote counts here */
	CHECK_INT(s->words, 3 + 2 + 7);
	s = readability_section(r, 2);
	CHECK_STR(s->title, "Second part");
	CHECK_INT(s->line, 11);
	CHECK_INT(s->sentences, 1);
	CHECK_INT(readability_total(r)->sentences, 6);
	CHECK_INT(readability_total(r)->words, 18);
	CHECK_INT(readability_sentence(r, 5)->section, 1);
	readability_free(r);

	/* no prose before the first heading: no section for it */
	r = analyse_md("## Only\n\nWords.\n");
	CHECK_INT(readability_nsections(r), 1);
	CHECK_STR(readability_section(r, 0)->title, "Only");
	readability_free(r);
}

static void
test_lines(void)
{
	struct read_report *r;
	const struct read_sentence *s;

	r = analyse_md("Line one starts here.\nStill line two. Now a\n"
	    "sentence that starts on line two [@cite]. Another\n"
	    "one on line four.\n\n"
	    "- item one\n  goes on. Second on line seven.\n");
	CHECK_INT(readability_nsentences(r), 6);
	s = readability_sentence(r, 0);
	CHECK_INT(s->line, 1);
	CHECK_INT(s->col, 1);
	s = readability_sentence(r, 1);
	CHECK_INT(s->line, 2);
	CHECK_INT(s->col, 1);
	s = readability_sentence(r, 2);
	CHECK_INT(s->line, 2);
	CHECK_INT(s->col, 17);
	s = readability_sentence(r, 3);
	CHECK_INT(s->line, 3);
	CHECK_INT(s->col, 43);		/* after the citation as written */
	s = readability_sentence(r, 4);
	CHECK_STR(s->text, "item one goes on.");
	CHECK_INT(s->line, 6);
	CHECK_INT(s->col, 3);
	s = readability_sentence(r, 5);
	CHECK_INT(s->line, 7);
	CHECK_INT(s->col, 12);
	readability_free(r);

	/* the alert marker line is not part of the text */
	r = analyse_md("Intro.\n\n> [!TIP]\n> Tip text here. More\n> text.\n");
	CHECK_INT(readability_nsentences(r), 3);
	s = readability_sentence(r, 1);
	CHECK_STR(s->text, "Tip text here.");
	CHECK_INT(s->line, 4);
	CHECK_INT(s->col, 3);
	s = readability_sentence(r, 2);
	CHECK_INT(s->line, 4);
	CHECK_INT(s->col, 18);
	readability_free(r);

	/* front matter lines count: mdparse sees them blanked */
	r = analyse_md("\n\n\n\nText **bold** and *it*. Then\nmore.\n");
	s = readability_sentence(r, 1);
	CHECK_INT(s->line, 5);
	CHECK_INT(s->col, 25);
	readability_free(r);
}

static void
test_check(void)
{
	struct read_report *r;
	struct read_limits lim = { 0, 0, 10, 0 };
	char *out;
	int n;
	unsigned w0, e0;

	r = analyse_md("Short one.\n\n"
	    "## Hard part\n\n"
	    "When you go home you should rest for a day or two and drink "
	    "plenty of water.\nShort. Interventional radiologists perform "
	    "chemoembolisation procedures regularly.\n\n"
	    "## Easy part\n\nGo home.\n");
	w0 = diag_count(DIAG_WARNING);
	out = capture_check(r, &lim, &n);
	CHECK_INT(n, 1);
	CHECK_INT(diag_count(DIAG_WARNING) - w0, 1);
	CHECK_STR(out, "t.md:5:1: warning: this sentence has 17 words (the "
	    "limit is 10): split it; it starts 'When you go home you ...'\n");
	free(out);

	/* grade limits, as errors, naming the hardest section */
	lim.max_sentence_words = 0;
	lim.max_fkgl = 2;
	lim.max_smog = 5;
	lim.as_errors = 1;
	e0 = diag_count(DIAG_ERROR);
	out = capture_check(r, &lim, &n);
	CHECK_INT(n, 2);
	CHECK_INT(diag_count(DIAG_ERROR) - e0, 2);
	/* Hard part: 24 words, 3 sentences, 46 syllables, 5 of 3 or more;
	 * the whole text: 28 words, 5 sentences, 50 syllables */
	CHECK_STR(out, "t.md:1:1: error: the text reads at school grade 7.7 "
	    "(Flesch-Kincaid), above the limit of 2.0: use shorter sentences "
	    "and everyday words; the hardest section is 'Hard part' (line 3, "
	    "grade 10.1)\n"
	    "t.md:1:1: error: the text has a SMOG grade of 8.8, above the "
	    "limit of 5.0: use fewer words of three or more syllables; the "
	    "hardest section is 'Hard part' (line 3, SMOG 10.5)\n");
	free(out);

	/* under the limits: nothing */
	lim.max_fkgl = 30;
	lim.max_smog = 30;
	lim.max_sentence_words = 40;
	out = capture_check(r, &lim, &n);
	CHECK_INT(n, 0);
	CHECK_STR(out, "");
	free(out);
	readability_free(r);
}

static void
test_json(void)
{
	struct read_report *r[2];
	struct read_limits lim = { 0, 0, 5, 0 };
	FILE *fp, *py;
	char *text = NULL;
	size_t len = 0;
	int rc;

	r[0] = analyse_md("A \"quoted\" back\\slash and\ttab word here now.\n"
	    "\n## Part\n\nShort.\n");
	r[1] = readability_analyse(NULL, "empty.md", "Empty\x01\tone\n");
	fp = open_memstream(&text, &len);
	readability_json((const struct read_report *const *)r, 2, &lim, fp);
	fclose(fp);
	CHECK(strncmp(text, "{\"generator\": \"leafpress\", \"documents\": [",
	    41) == 0);
	CHECK(strstr(text, "\"title\": \"Empty\\u0001\\tone\\n\"") != NULL);
	CHECK(strstr(text, "\"text\": \"A “quoted” back\\\\slash and tab word "
	    "here now.\"") != NULL);
	CHECK(strstr(text, "\"long_sentences\": [\n    {\"line\": 1, "
	    "\"words\": 9,") != NULL);
	CHECK(strstr(text, "\"fkgl\": null") != NULL);
	CHECK(strstr(text, "{\"title\": \"Part\", \"line\": 3, \"words\": 1, "
	    "\"sentences\": 1, \"syllables\": 1, \"polysyllables\": 0, "
	    "\"fkgl\": -3.40, \"fre\": 121.22, \"smog\": 3.13, "
	    "\"mean_sentence_words\": 1.00, \"longest_sentence_words\": 1}")
	    != NULL);

	/* and it parses */
	py = popen("python3 -c 'import json,sys; d=json.load(sys.stdin); "
	    "assert len(d[\"documents\"]) == 2; "
	    "assert d[\"documents\"][0][\"sections\"][1][\"title\"] == "
	    "\"Part\"' 2>/dev/null", "w");
	CHECK(py != NULL);
	if (py != NULL) {
		fputs(text, py);
		rc = pclose(py);
		CHECK_INT(rc, 0);
	}
	free(text);
	readability_free(r[0]);
	readability_free(r[1]);
}

static void
test_text(void)
{
	struct read_report *r;
	FILE *fp;
	char *text = NULL;
	size_t len = 0;

	r = analyse_md("It’s “fine” -- really... Café crème\n\n- no stop\n");
	fp = open_memstream(&text, &len);
	readability_text(r, fp);
	fclose(fp);
	CHECK_STR(text, "It's \"fine\" - really...\nCafe creme.\nno stop.\n");
	free(text);
	readability_free(r);
}

/* The helper modes of tests/readability-compare.sh. */
static int
tool(const char *mode, const char *path)
{
	struct source src;
	struct docmeta meta;
	struct ynode *front = NULL;
	struct node *doc = NULL;
	struct site *site = NULL;
	struct read_report *r;
	const struct read_stats *t;
	const char *base = strrchr(path, '/');
	char *slug;

	memset(&meta, 0, sizeof(meta));
	base = base != NULL ? base + 1 : path;
	slug = xstrndup(base, strcspn(base, "."));
	diag_set_quiet(1);
	if (source_read(&src, path, 0) == 0) {
		if (src.front != NULL)
			front = yamlx_parse(path, src.front, src.front_len,
			    src.front_line0, SOURCE_MAX_FRONT);
		if (front != NULL)
			fmatter_load(&meta, path, slug, front);
		/* measured as the build measures it: a therapy as its
		 * handout, everything else as part of the booklet */
		doc = mdparse_for(path, src.body, src.body_len,
		    strstr(path, "therapies/") != NULL ? MD_HANDOUT :
		    MD_BOOKLET);
		if (access("content/site.yaml", R_OK) == 0)
			site = site_load("content/site.yaml");
		if (doc != NULL && site != NULL)
			placeholder_expand(doc, site, path, 0);
	}
	r = readability_analyse(doc, path, meta.title);
	if (strcmp(mode, "--text") == 0)
		readability_text(r, stdout);
	else {
		t = readability_total(r);
		printf("%d %d %d %d %.2f %.2f\n", t->words, t->sentences,
		    t->syllables, t->polysyllables, t->fkgl, t->smog);
	}
	readability_free(r);
	site_free(site);
	doc_free(doc);
	yamlx_free(front);
	fmatter_free(&meta);
	source_free(&src);
	free(slug);
	return doc == NULL;
}

int
main(int argc, char *argv[])
{
	if (argc == 3 && (strcmp(argv[1], "--text") == 0 ||
	    strcmp(argv[1], "--stats") == 0))
		return tool(argv[1], argv[2]);
	diag_set_quiet(1);
	test_syllables();
	test_sentences();
	test_words();
	test_exclusions();
	test_formulas();
	test_sections();
	test_lines();
	diag_set_quiet(0);
	test_check();
	test_json();
	test_text();
	return harness_done("t_readability");
}
