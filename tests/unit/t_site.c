/*
 * t_site: content/site.yaml schema, defaults, errors and placeholders.
 * Run from the repository root (or pass it as the first argument).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "harness.h"
#include "site.h"

#define FIX	"tests/fixtures/layout/"

static const char *out = "";	/* diagnostics of the last load */
static unsigned nerr, nwarn;

#define CHECK_HAS(needle)	CHECK_CONTAINS(out, needle)

static struct site	*load(const char *);
static void		 check_defaults(const struct site *);
static void		 test_full(void);
static void		 test_defaults(void);
static void		 test_minimal(void);
static void		 test_errors(void);
static void		 test_placeholders(void);
static void		 test_origins(void);

static struct site *
load(const char *path)
{
	struct site *s;
	unsigned e0 = diag_count(DIAG_ERROR), w0 = diag_count(DIAG_WARNING);

	harness_capture_begin();
	s = site_load(path);
	out = harness_capture_end();
	nerr = diag_count(DIAG_ERROR) - e0;
	nwarn = diag_count(DIAG_WARNING) - w0;
	return s;
}

static void
test_full(void)
{
	struct site *s = load(FIX "site-full.yaml");

	CHECK(s != NULL);
	CHECK_INT(nerr, 0);
	CHECK_INT(nwarn, 1);	/* therapies/tace.md */
	CHECK_HAS(FIX "site-full.yaml:16:58: warning: booklet.chapters: "
	    "write 'therapies/tace' without .md");
	if (s == NULL)
		return;
	CHECK_STR(s->path, FIX "site-full.yaml");
	CHECK_STR(s->publisher.name, "Example NET Centre");
	CHECK_STR(s->publisher.logo, "images/logo.png");
	CHECK_STR(s->publisher.phone, "0161 000 0000");
	CHECK_STR(s->publisher.hours, "Monday to Friday, 9am to 5pm");
	CHECK_STR(s->publisher.urgent, "Out of hours, call 111 or go to A&E");
	CHECK_STR(s->publisher.address, "1 Hospital Road, Manchester");
	CHECK_STR(s->publisher.website, "https://example.org/net");
	CHECK_STR(s->publisher.email, "net.team@example.org");
	CHECK_STR(s->publisher.feedback,
	    "Tell us what you think: net.team@example.org");
	CHECK_STR(s->booklet_title, "Liver-directed therapies");
	CHECK_STR(s->booklet_subtitle, "A guide for patients");
	CHECK_STR(s->edition, "First edition, 2025");
	CHECK_STR(s->booklet_layout, "booklet-a5");
	CHECK_INT(s->nchapters, 3);
	if (s->nchapters == 3) {
		CHECK_STR(s->chapters[0], "chapters/about-this-booklet");
		CHECK_STR(s->chapters[1], "therapies/tae");
		CHECK_STR(s->chapters[2], "therapies/tace");
		CHECK(s->chapters[3] == NULL);
	}
	CHECK_STR(s->lang, "en-GB");
	CHECK_INT(s->nlayouts, 2);
	if (s->nlayouts == 2) {
		CHECK_STR(s->layouts[0], "handout-a4");
		CHECK_STR(s->layouts[1], "large-print-a4");
		CHECK(s->layouts[2] == NULL);
	}
	CHECK_INT(s->max_review_years, 2);
	CHECK_NEAR(s->max_fkgl, 7.5, 1e-9);
	CHECK_NEAR(s->max_smog, 9, 1e-9);
	CHECK_INT(s->max_sentence_words, 20);
	CHECK_INT(s->readability_level, THRESH_ERROR);
	site_free(s);
}

static void
check_defaults(const struct site *s)
{
	CHECK(s->publisher.name == NULL);
	CHECK(s->publisher.logo == NULL);
	CHECK(s->publisher.phone == NULL);
	CHECK_STR(s->booklet_title, "");
	CHECK_STR(s->booklet_layout, "booklet-a5");
	CHECK_INT(s->nchapters, 0);
	CHECK(s->chapters != NULL && s->chapters[0] == NULL);
	CHECK_STR(s->lang, "en-GB");
	CHECK_INT(s->nlayouts, 1);
	CHECK_STR(s->layouts[0], "handout-a4");
	CHECK(s->layouts[1] == NULL);
	CHECK_INT(s->max_review_years, 3);
	CHECK_NEAR(s->max_fkgl, 8, 1e-9);
	CHECK_NEAR(s->max_smog, 10, 1e-9);
	CHECK_INT(s->max_sentence_words, 25);
	CHECK_INT(s->readability_level, THRESH_WARNING);
}

static void
test_defaults(void)
{
	struct site *s;

	s = load(FIX "no-such-site.yaml");
	CHECK(s != NULL);
	CHECK_INT(nerr, 0);
	CHECK_INT(nwarn, 1);
	CHECK_HAS(FIX "no-such-site.yaml: warning: no site settings file");
	if (s != NULL)
		check_defaults(s);
	site_free(s);

	s = load(FIX "site-empty.yaml");
	CHECK(s != NULL);
	CHECK_INT(nerr, 0);
	CHECK_INT(nwarn, 0);
	if (s != NULL)
		check_defaults(s);
	site_free(s);

	/* A directory is not a missing file: that is an error. */
	s = load(FIX);
	CHECK(s == NULL);
	CHECK_INT(nerr, 1);
	CHECK_HAS("error: cannot read the site settings");
}

static void
test_minimal(void)
{
	struct site *s = load(FIX "site-min.yaml");

	CHECK(s != NULL);
	CHECK_INT(nerr, 0);
	CHECK_INT(nwarn, 0);
	if (s == NULL)
		return;
	CHECK_STR(s->publisher.name, "Example NET Centre");
	CHECK(s->publisher.logo == NULL);	/* "" means none */
	CHECK(s->publisher.email == NULL);
	CHECK_INT(s->nlayouts, 1);		/* a single name is a list */
	CHECK_STR(s->layouts[0], "large-print-a4");
	CHECK_INT(s->max_sentence_words, 25);
	site_free(s);
}

static void
test_errors(void)
{
	struct site *s = load(FIX "site-bad.yaml");

	CHECK(s == NULL);
	CHECK_INT(nerr, 11);
	CHECK_INT(nwarn, 5);
	CHECK_HAS(FIX "site-bad.yaml:2:9: error: ");
	CHECK_HAS(FIX "site-bad.yaml:3:3: warning: unknown key 'fone' in "
	    "section 'publisher' of the site settings");
	CHECK_HAS("known keys are name, logo, phone, hours, urgent, address, "
	    "website, email, feedback");
	CHECK_HAS(FIX "site-bad.yaml:4:10: warning: publisher.email: "
	    "'nobody' does not look like an email address");
	CHECK_HAS(FIX "site-bad.yaml:8:7: error: booklet.chapters: 'tae' is "
	    "not a chapter");
	CHECK_HAS(FIX "site-bad.yaml:9:7: warning: booklet.chapters: write "
	    "'therapies/tae' without .md");
	CHECK_HAS(FIX "site-bad.yaml:9:7: error: booklet.chapters: "
	    "'therapies/tae' is listed twice");
	CHECK_HAS(FIX "site-bad.yaml:10:7: error: booklet.chapters: "
	    "'therapies/Bad Name' is not a chapter");
	CHECK_HAS(FIX "site-bad.yaml:11:7: error: lang: 'english' is not a "
	    "language tag");
	CHECK_HAS(FIX "site-bad.yaml:12:23: error: layouts: 'Bad Name' is "
	    "not a layout name");
	CHECK_HAS(FIX "site-bad.yaml:12:35: warning: layouts: 'handout-a4' "
	    "is listed twice");
	CHECK_HAS(FIX "site-bad.yaml:14:21: error: "
	    "governance.max_review_years: 0 is out of range");
	CHECK_HAS(FIX "site-bad.yaml:16:13: error: ");
	CHECK_HAS(FIX "site-bad.yaml:17:13: error: readability.max_smog: 40 "
	    "is out of range");
	CHECK_HAS(FIX "site-bad.yaml:18:23: error: ");
	CHECK_HAS(FIX "site-bad.yaml:19:10: error: readability.level: 'loud' "
	    "is not a level");
	CHECK_HAS(FIX "site-bad.yaml:20:1: warning: unknown key 'colour' in "
	    "the site settings");
}

static void
test_placeholders(void)
{
	static const struct {
		const char *name, *value;
	} full[] = {
		{ "publisher.name", "Example NET Centre" },
		{ "publisher.logo", "images/logo.png" },
		{ "publisher.phone", "0161 000 0000" },
		{ "publisher.hours", "Monday to Friday, 9am to 5pm" },
		{ "publisher.urgent", "Out of hours, call 111 or go to A&E" },
		{ "publisher.address", "1 Hospital Road, Manchester" },
		{ "publisher.website", "https://example.org/net" },
		{ "publisher.email", "net.team@example.org" },
		{ "publisher.feedback",
		    "Tell us what you think: net.team@example.org" },
		{ "booklet.title", "Liver-directed therapies" },
		{ "booklet.subtitle", "A guide for patients" },
		{ "booklet.edition", "First edition, 2025" },
		{ "booklet.layout", "booklet-a5" },
		{ "lang", "en-GB" },
	};
	struct site *s;
	size_t i;

	s = load(FIX "site-full.yaml");
	CHECK(s != NULL);
	if (s == NULL)
		return;
	for (i = 0; i < sizeof(full) / sizeof(full[0]); i++)
		CHECK_STR(site_placeholder(s, full[i].name, NULL), full[i].value);
	CHECK(site_placeholder(s, "publisher.fax", NULL) == NULL);
	CHECK(site_placeholder(s, "publisher.", NULL) == NULL);
	CHECK(site_placeholder(s, "publisher", NULL) == NULL);
	CHECK(site_placeholder(s, "booklet.chapters", NULL) == NULL);
	CHECK(site_placeholder(s, "title", NULL) == NULL);
	CHECK(site_placeholder(s, "", NULL) == NULL);
	site_free(s);

	/* Known names without a value give "", not NULL. */
	s = load(FIX "site-min.yaml");
	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK_STR(site_placeholder(s, "publisher.phone", NULL), "");
	CHECK_STR(site_placeholder(s, "publisher.logo", NULL), "");
	CHECK_STR(site_placeholder(s, "booklet.title", NULL), "");
	CHECK_STR(site_placeholder(s, "publisher.name", NULL), "Example NET Centre");
	site_free(s);
}

/* Each value remembers the file, line and column it was written at, so
 * the release gate can point at it; a clinic's values point at the
 * clinic file, the ones it leaves out still at the site's. */
static void
test_origins(void)
{
	struct site_origin at;
	struct site *s;
	char *clinic;

	s = load(FIX "site-full.yaml");
	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK_STR(site_placeholder(s, "publisher.phone", &at),
	    "0161 000 0000");
	CHECK_STR(at.file, FIX "site-full.yaml");
	CHECK_INT(at.line, 4);
	CHECK_INT(at.col, 10);
	CHECK_STR(s->publisher.block.file, FIX "site-full.yaml");
	CHECK_INT(s->publisher.block.line, 1);
	site_placeholder(s, "booklet.edition", &at);
	CHECK_INT(at.line, 14);
	CHECK_INT(at.col, 12);
	CHECK(!site_is_template(s->publisher.phone));
	CHECK(site_is_template("[Clinic phone number]"));
	CHECK(site_is_template(" [x] "));
	CHECK(!site_is_template("[1] and [2"));
	CHECK(!site_is_template(""));

	clinic = harness_write_temp("# a clinic\npublisher:\n"
	    "  phone: \"[Clinic phone number]\"\n");
	CHECK(clinic != NULL);
	if (clinic != NULL) {
		CHECK_INT(site_load_clinic(s, clinic), 0);
		CHECK_STR(site_placeholder(s, "publisher.phone", &at),
		    "[Clinic phone number]");
		CHECK_STR(at.file, clinic);
		CHECK_INT(at.line, 3);
		CHECK_INT(at.col, 10);
		CHECK_STR(s->publisher.block.file, clinic);
		CHECK_INT(s->publisher.block.line, 2);
		/* left out by the clinic: still the site's */
		site_placeholder(s, "publisher.urgent", &at);
		CHECK_STR(at.file, FIX "site-full.yaml");
		CHECK_INT(at.line, 6);
		unlink(clinic);
		free(clinic);
	}
	site_free(s);
}

int
main(int argc, char **argv)
{
	if (argc > 1 && chdir(argv[1]) == -1) {
		perror(argv[1]);
		return 2;
	}
	test_full();
	test_origins();
	test_defaults();
	test_minimal();
	test_errors();
	test_placeholders();
	return harness_done("t_site");
}
