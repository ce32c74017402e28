/*
 * t_hyph: dictionary hyphenation, the project's exception list, the
 * minimum fragment lengths and the errors for bad languages and bad
 * exception files.  Run from the repository root (it reads
 * layouts/hyphenation-en.txt).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "hyph.h"
#include "utf8.h"
#include "harness.h"

#define EXCEPTIONS	"layouts/hyphenation-en.txt"

/* The word with "-" at its break points, e.g. "em-bol-isa-tion". */
static const char *
hyphenated(struct hyphenator *h, const char *word)
{
	static char out[512];
	unsigned char points[128];
	size_t len = strlen(word), pos = 0, start, i = 0, o = 0;
	int n, count = 0;

	memset(points, 0xAA, sizeof(points));
	n = hyph_word(h, word, len, points);
	while (pos < len) {
		start = pos;
		utf8_next(word, len, &pos);
		memcpy(out + o, word + start, pos - start);
		o += pos - start;
		if (points[i] != 0 && points[i] != 1)
			return "(points not cleared)";
		if (points[i++]) {
			out[o++] = '-';
			count++;
		}
	}
	out[o] = '\0';
	if (count != n)
		return "(wrong count)";
	return out;
}

static void
test_dictionary(void)
{
	struct hyphenator *gb, *us;

	gb = hyph_open("en-GB", NULL);
	us = hyph_open("en-US", NULL);
	CHECK(gb != NULL);
	CHECK(us != NULL);
	if (gb == NULL || us == NULL)
		goto out;
	CHECK_STR(hyphenated(gb, "embolisation"), "em-bol-isa-tion");
	CHECK_STR(hyphenated(us, "embolization"), "em-boliza-tion");
	CHECK_STR(hyphenated(gb, "microspheres"), "mi-cro-spheres");
	CHECK_STR(hyphenated(gb, "radiotherapy"), "ra-dio-ther-apy");
	/* Upper case is looked up in lower case, printed as it was. */
	CHECK_STR(hyphenated(gb, "Embolisation"), "Em-bol-isa-tion");
	CHECK_STR(hyphenated(gb, "EMBOLISATION"), "EM-BOL-ISA-TION");
	CHECK_STR(hyphenated(gb, "Yttrium"), "Yt-trium");
	/* Points count characters, not bytes: ö is two bytes. */
	CHECK_STR(hyphenated(gb, "coöperation"), "coöpera-tion");
	CHECK_STR(hyphenated(gb, "Émbolisation"), "Ém-bol-isa-tion");
	/* Without the list the dictionary's medical breaks are poor. */
	CHECK_STR(hyphenated(gb, "neuroendocrine"), "neur-oen-do-crine");
out:
	hyph_free(gb);
	hyph_free(us);
}

static void
test_exceptions(void)
{
	struct hyphenator *h;
	unsigned e0 = diag_count(DIAG_ERROR), w0 = diag_count(DIAG_WARNING);

	h = hyph_open("en-GB", EXCEPTIONS);
	CHECK(h != NULL);
	CHECK_INT(diag_count(DIAG_ERROR), e0);
	CHECK_INT(diag_count(DIAG_WARNING), w0);
	if (h == NULL)
		return;
	CHECK_STR(hyphenated(h, "neuroendocrine"), "neu-ro-en-do-crine");
	CHECK_STR(hyphenated(h, "somatostatin"), "so-ma-to-sta-tin");
	CHECK_STR(hyphenated(h, "Radiofrequency"), "Ra-dio-fre-quency");
	CHECK_STR(hyphenated(h, "chemoembolisation"),
	    "che-mo-em-boli-sa-tion");
	CHECK_STR(hyphenated(h, "radioembolization"),
	    "ra-dio-em-boli-za-tion");
	CHECK_STR(hyphenated(h, "chemotherapy"), "chemo-ther-apy");
	CHECK_STR(hyphenated(h, "octreotide"), "oc-treo-tide");
	CHECK_STR(hyphenated(h, "interventional"), "in-ter-ven-tional");
	CHECK_STR(hyphenated(h, "metastases"), "meta-sta-ses");
	CHECK_STR(hyphenated(h, "LANREOTIDE"), "LAN-REO-TIDE");
	/* A plural in -s follows its singular. */
	CHECK_STR(hyphenated(h, "carcinoids"), "car-ci-noids");
	CHECK_STR(hyphenated(h, "radiologists"), "ra-di-olo-gists");
	/* The list only replaces the words it has. */
	CHECK_STR(hyphenated(h, "embolus"), "em-bolus");
	CHECK_STR(hyphenated(h, "therapies"), "ther-apies");
	hyph_free(h);

	/* The same list serves American English. */
	h = hyph_open("en-US", EXCEPTIONS);
	CHECK(h != NULL);
	if (h == NULL)
		return;
	CHECK_STR(hyphenated(h, "neuroendocrine"), "neu-ro-en-do-crine");
	CHECK_STR(hyphenated(h, "embolization"), "em-boli-za-tion");
	hyph_free(h);
}

/* Minimums: 2 characters before, 3 after, no 1-character fragment. */
static void
test_minimums(void)
{
	struct hyphenator *h;
	unsigned char points[16];
	char *path;

	path = harness_write_temp("# every letter a syllable\n"
	    "a-b-c-d-e-f-g-h\n"
	    "  x-y-z-z-y   # comment after a word\n"
	    "ab-cdef\n"
	    "ghij-kl\n");
	CHECK(path != NULL);
	if (path == NULL)
		return;
	h = hyph_open("en-GB", path);
	CHECK(h != NULL);
	if (h != NULL) {
		CHECK_STR(hyphenated(h, "abcdefgh"), "abc-de-fgh");
		CHECK_STR(hyphenated(h, "ABCDEFGH"), "ABC-DE-FGH");
		CHECK_STR(hyphenated(h, "xyzzy"), "xy-zzy");
		/* 2 before is enough; 2 after is not. */
		CHECK_STR(hyphenated(h, "abcdef"), "ab-cdef");
		CHECK_INT(hyph_word(h, "abcdef", 6, points), 1);
		CHECK_INT(points[1], 1);
		CHECK_STR(hyphenated(h, "ghijkl"), "ghijkl");
		/* Too short to break at all: 2 + 3 characters needed. */
		memset(points, 0xAA, sizeof(points));
		CHECK_INT(hyph_word(h, "abcd", 4, points), 0);
		CHECK_INT(points[0], 0);
		CHECK_INT(points[3], 0);
		CHECK_INT(points[4], 0xAA);
		CHECK_STR(hyphenated(h, "the"), "the");
		CHECK_STR(hyphenated(h, "a"), "a");
		CHECK_INT(hyph_word(h, "", 0, points), 0);
		/* Not a word: digits, apostrophes, broken UTF-8. */
		CHECK_STR(hyphenated(h, "Y90microspheres"), "Y90microspheres");
		CHECK_STR(hyphenated(h, "patient's"), "patient's");
		CHECK_STR(hyphenated(h, "patient’s"), "patient’s");
		CHECK_STR(hyphenated(h, "micro\xC2\xADspheres"),
		    "micro\xC2\xADspheres");
		CHECK_INT(hyph_word(h, "embol\xFFisation", 13, points), 0);
	}
	hyph_free(h);
	unlink(path);
	free(path);
}

static void
test_bad_exceptions(void)
{
	struct hyphenator *h;
	const char *err;
	char *path;
	unsigned e0, w0;

	path = harness_write_temp("neu-ro-en-do-crine\n"
	    "neu--ro\n"
	    "-abc\n"
	    "\tabc-\n"
	    "two words\n"
	    "  ab1cd\n"
	    "Neu-roen-do-crine\n");
	CHECK(path != NULL);
	if (path == NULL)
		return;
	e0 = diag_count(DIAG_ERROR);
	w0 = diag_count(DIAG_WARNING);
	harness_capture_begin();
	h = hyph_open("en-GB", path);
	err = harness_capture_end();
	CHECK(h == NULL);
	hyph_free(h);
	CHECK_INT(diag_count(DIAG_ERROR), e0 + 5);
	CHECK_INT(diag_count(DIAG_WARNING), w0 + 1);
	CHECK(strstr(err, ":2:5: error: misplaced hyphen in 'neu--ro'") !=
	    NULL);
	CHECK(strstr(err, ":3:1: error: misplaced hyphen in '-abc'") != NULL);
	CHECK(strstr(err, ":4:5: error: misplaced hyphen in 'abc-'") != NULL);
	CHECK(strstr(err, ":5:4: error: ' ' in hyphenation exception "
	    "'two words' is not a letter") != NULL);
	CHECK(strstr(err, ":6:5: error: '1' in hyphenation exception") !=
	    NULL);
	CHECK(strstr(err, ":7:1: warning: 'neuroendocrine' is listed again "
	    "with other hyphens (first at line 1)") != NULL);
	CHECK(strncmp(err, path, strlen(path)) == 0);
	unlink(path);
	free(path);

	e0 = diag_count(DIAG_ERROR);
	harness_capture_begin();
	h = hyph_open("en-GB", "/nonexistent/hyphenation.txt");
	err = harness_capture_end();
	CHECK(h == NULL);
	CHECK_INT(diag_count(DIAG_ERROR), e0 + 1);
	CHECK(strstr(err, "/nonexistent/hyphenation.txt: error: cannot open "
	    "the hyphenation exception list") != NULL);
}

static void
test_languages(void)
{
	struct hyphenator *h;
	const char *err;
	unsigned e0 = diag_count(DIAG_ERROR);

	/* Case and separator of the tag do not matter. */
	h = hyph_open("en_gb", NULL);
	CHECK(h != NULL);
	if (h != NULL)
		CHECK_STR(hyphenated(h, "embolisation"), "em-bol-isa-tion");
	hyph_free(h);

	harness_capture_begin();
	h = hyph_open("zz-ZZ", NULL);
	err = harness_capture_end();
	CHECK(h == NULL);
	CHECK(strstr(err, "leafpress: error: no hyphenation dictionary for "
	    "'zz-ZZ'") != NULL);
	CHECK(strstr(err, "install the Debian package hyphen-zz") != NULL);

	harness_capture_begin();
	h = hyph_open("en-CA", NULL);
	err = harness_capture_end();
	CHECK(h == NULL);
	CHECK(strstr(err, "'en-CA'") != NULL);
	CHECK(strstr(err, "hyphen-en-gb or hyphen-en-us") != NULL);

	harness_capture_begin();
	h = hyph_open("English", NULL);
	err = harness_capture_end();
	CHECK(h == NULL);
	CHECK(strstr(err, "hyphenation language 'English' is not a language "
	    "tag") != NULL);

	harness_capture_begin();
	h = hyph_open("en-GB/../x", NULL);
	err = harness_capture_end();
	CHECK(h == NULL);
	CHECK(strstr(err, "is not a language tag") != NULL);
	CHECK_INT(diag_count(DIAG_ERROR), e0 + 4);
}

int
main(void)
{
	if (access(EXCEPTIONS, R_OK) != 0) {
		fprintf(stderr, "t_hyph: run from the repository root "
		    "(" EXCEPTIONS " not found)\n");
		return 1;
	}
	test_dictionary();
	test_exceptions();
	test_minimums();
	test_bad_exceptions();
	test_languages();
	return harness_done("t_hyph");
}
