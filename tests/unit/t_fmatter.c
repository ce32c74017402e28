/*
 * t_fmatter: front matter -> struct docmeta: defaults, required keys,
 * types, the id/slug/status/approval rules and the review dates.
 */
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "date.h"
#include "fmatter.h"
#include "fixture.h"
#include "harness.h"
#include "yamlx.h"

/* Parse yaml as the front matter of tace.md (YAML line 1 = file line 2)
 * and load it; returns fmatter_load's error count. */
static int
load(struct docmeta *m, const char *yaml, const char **err)
{
	struct ynode *root;
	int n;

	fixture_capture_begin();
	root = yamlx_parse("tace.md", yaml, strlen(yaml), 1, 0);
	n = fmatter_load(m, "tace.md", "tace", root);
	*err = harness_capture_end();
	yamlx_free(root);
	return n;
}

#define BASE_ID		"id: LDT-TACE\n"
#define BASE_REST	"title: Chemoembolisation\n" \
			"version: 1.0\n" \
			"published: 2026-01-15\n" \
			"review_due: 2027-01-15\n" \
			"owner: Dr A. Smith\n"

static void
test_minimal(void)
{
	struct docmeta m;
	const char *err;
	char d[11];

	CHECK_INT(load(&m, BASE_ID BASE_REST "status: draft\n", &err), 0);
	CHECK_STR(err, "");
	CHECK_STR(m.id, "LDT-TACE");
	CHECK_STR(m.title, "Chemoembolisation");
	CHECK_STR(m.short_title, "Chemoembolisation");
	CHECK_STR(m.slug, "tace");
	CHECK(m.summary == NULL);
	CHECK_STR(m.version, "1.0");
	date_format_iso(m.published, d);
	CHECK_STR(d, "2026-01-15");
	date_format_iso(m.review_due, d);
	CHECK_STR(d, "2027-01-15");
	CHECK_INT(m.reviewed, -1);
	CHECK_INT(m.approved_on, -1);
	CHECK_STR(m.owner, "Dr A. Smith");
	CHECK_STR(m.approved_by, "");
	CHECK_INT(m.status, STATUS_DRAFT);
	CHECK_STR(m.lang, "en-GB");
	CHECK(m.keywords != NULL && m.keywords[0] == NULL);
	CHECK_INT(m.nkeywords, 0);
	CHECK_INT(m.line_review_due, 6);
	CHECK_INT(m.col_review_due, 13);
	CHECK_INT(m.line_status, 8);
	CHECK_INT(m.col_status, 9);
	fmatter_free(&m);
}

static void
test_full(void)
{
	struct docmeta m;
	const char *err;
	char d[11];

	CHECK_INT(load(&m, "id: LDT-SIRT-2\n"
	    "title: \"Radioembolisation: Y-90\"\n"
	    "short_title: SIRT\n"
	    "slug: tace\n"
	    "summary: >-\n  What happens\n  and when.\n"
	    "version: 1.10\n"
	    "published: 2024-02-29\n"
	    "reviewed: '2024-06-01'\n"
	    "review_due: 2027-02-28\n"
	    "owner: Liver unit\n"
	    "approved_by: Clinical governance\n"
	    "approved_on: 2024-02-20\n"
	    "status: approved\n"
	    "lang: en-US\n"
	    "keywords: [liver, 'Y-90', \"radiation\"]\n", &err), 0);
	CHECK_STR(err, "");
	CHECK_STR(m.id, "LDT-SIRT-2");
	CHECK_STR(m.title, "Radioembolisation: Y-90");
	CHECK_STR(m.short_title, "SIRT");
	CHECK_STR(m.slug, "tace");
	CHECK_STR(m.summary, "What happens and when.");
	/* kept as written, not as a number */
	CHECK_STR(m.version, "1.10");
	date_format_iso(m.reviewed, d);
	CHECK_STR(d, "2024-06-01");
	date_format_iso(m.approved_on, d);
	CHECK_STR(d, "2024-02-20");
	CHECK_STR(m.approved_by, "Clinical governance");
	CHECK_INT(m.status, STATUS_APPROVED);
	CHECK_STR(m.lang, "en-US");
	CHECK_INT(m.nkeywords, 3);
	CHECK_STR(m.keywords[0], "liver");
	CHECK_STR(m.keywords[1], "Y-90");
	CHECK_STR(m.keywords[2], "radiation");
	CHECK(m.keywords[3] == NULL);
	fmatter_free(&m);

	/* a plain integer version, block keywords */
	CHECK_INT(load(&m, "version: 2\n" BASE_ID "title: T\n"
	    "published: 2026-01-15\nreview_due: 2027-01-15\nowner: O\n"
	    "status: draft\nkeywords:\n  - a\n  - b c\n", &err), 0);
	CHECK_STR(m.version, "2");
	CHECK_INT(m.nkeywords, 2);
	CHECK_STR(m.keywords[1], "b c");
	fmatter_free(&m);
}

static void
test_required(void)
{
	struct docmeta m;
	const char *err;

	CHECK_INT(load(&m, "", &err), 7);
	CHECK(strstr(err, "tace.md:2:1: error: missing key 'id' in the front "
	    "matter: add a line 'id: ...'\n") != NULL);
	CHECK(strstr(err, "missing key 'status'") != NULL);
	CHECK(strstr(err, "missing key 'review_due'") != NULL);
	CHECK_STR(m.lang, "en-GB");
	CHECK_STR(m.slug, "tace");
	fmatter_free(&m);

	CHECK_INT(load(&m, BASE_ID BASE_REST, &err), 1);
	CHECK_STR(err, "tace.md:2:1: error: missing key 'status' in the front "
	    "matter: add a line 'status: ...'\n");
	fmatter_free(&m);

	/* present but empty */
	CHECK_INT(load(&m, "id: LDT-TACE\ntitle: ''\nversion: ~\n"
	    "published:\nreview_due: null\nowner: O\nstatus:\n", &err), 5);
	CHECK_STR(err,
	    "tace.md:3:8: error: 'title' is empty: write the value after "
	    "'title:'\n"
	    "tace.md:4:10: error: 'version' is empty: write the value after "
	    "'version:'\n"
	    "tace.md:8:8: error: 'status' is empty: write the value after "
	    "'status:'\n"
	    "tace.md:5:11: error: 'published' is empty: write the date of "
	    "publication as YYYY-MM-DD\n"
	    "tace.md:6:13: error: 'review_due' is empty: write the date of "
	    "the next review as YYYY-MM-DD\n");
	fmatter_free(&m);

	/* no tree at all (yamlx already reported), or not a mapping */
	fixture_capture_begin();
	CHECK_INT(fmatter_load(&m, "tace.md", "tace", NULL), 1);
	harness_capture_end();
	CHECK(m.keywords != NULL && m.id == NULL);
	fmatter_free(&m);
	CHECK_INT(load(&m, "just text\n", &err), 1);
	CHECK_STR(err, "tace.md:2:1: error: the front matter should be lines "
	    "of 'key: value', but this is text\n");
	fmatter_free(&m);
}

static void
test_unknown_and_types(void)
{
	struct docmeta m;
	const char *err;

	CHECK_INT(load(&m, BASE_ID BASE_REST "status: draft\ncolour: red\n",
	    &err), 0);
	CHECK_INT(diag_count(DIAG_WARNING), 1);
	CHECK_STR(err, "tace.md:9:1: warning: unknown key 'colour' in the "
	    "front matter; known keys are id, title, short_title, slug, "
	    "summary, version, published, reviewed, review_due, owner, "
	    "approved_by, approved_on, status, lang, keywords\n");
	fmatter_free(&m);

	CHECK_INT(load(&m, BASE_ID BASE_REST "status: draft\nreviwed: x\n",
	    &err), 0);
	CHECK(strstr(err, "unknown key 'reviwed' in the front matter (did you "
	    "mean 'reviewed'?); known keys are") != NULL);
	fmatter_free(&m);

	CHECK_INT(load(&m, "id: LDT-TACE\ntitle: [a, b]\nversion: 1\n"
	    "published: {y: 2026}\nreview_due: 2027-01-15\nowner: O\n"
	    "status: draft\nkeywords: liver\nsummary: [x]\n", &err), 4);
	CHECK_STR(err,
	    "tace.md:3:8: error: expected text for 'title', found a list: "
	    "write the value on one line after the key\n"
	    "tace.md:10:10: error: expected text for 'summary', found a list: "
	    "write the value on one line after the key\n"
	    "tace.md:5:12: error: expected a date written YYYY-MM-DD for "
	    "'published', found a group of 'key: value' lines\n"
	    "tace.md:9:11: error: expected a list for 'keywords', found text: "
	    "write each keyword on a line of its own starting with '- ', or "
	    "write [one, two]\n");
	CHECK(m.title == NULL);
	CHECK_INT(m.published, -1);
	fmatter_free(&m);

	CHECK_INT(load(&m, BASE_ID BASE_REST "status: draft\n"
	    "keywords: [a, {b: c}, '', d]\npublished: x\n", &err), 1);
	fmatter_free(&m);
	/* the duplicate 'published' is yamlx's to report: no tree */
	CHECK(strstr(err, "duplicate key 'published'") != NULL);

	CHECK_INT(load(&m, BASE_ID BASE_REST "status: draft\n"
	    "keywords: [a, {b: c}, '', d]\n", &err), 1);
	CHECK_STR(err,
	    "tace.md:9:15: error: expected text for this list item, found a "
	    "group of 'key: value' lines: write the value on one line after "
	    "the key\n"
	    "tace.md:9:23: warning: empty keyword ignored: remove this item\n");
	CHECK_INT(m.nkeywords, 2);
	CHECK_STR(m.keywords[1], "d");
	CHECK(m.keywords[2] == NULL);
	fmatter_free(&m);
}

static void
test_id_slug_status_lang(void)
{
	struct docmeta m;
	const char *err;

	CHECK_INT(load(&m, "id: ldt-tace\n" BASE_REST "status: draft\n",
	    &err), 1);
	CHECK_STR(err, "tace.md:2:5: error: the id 'ldt-tace' may use only "
	    "capital letters A-Z, digits and '-' (for example LDT-TACE)\n");
	CHECK_STR(m.id, "ldt-tace");
	fmatter_free(&m);
	CHECK_INT(load(&m, "id: LDT_TACE\n" BASE_REST "status: draft\n",
	    &err), 1);
	fmatter_free(&m);
	CHECK_INT(load(&m, "id: 'LDT TACE'\n" BASE_REST "status: draft\n",
	    &err), 1);
	fmatter_free(&m);

	CHECK_INT(load(&m, BASE_ID BASE_REST "status: draft\nslug: sirt\n",
	    &err), 1);
	CHECK_STR(err, "tace.md:9:7: error: the slug 'sirt' does not match the "
	    "file name 'tace.md': rename the file to sirt.md, or remove the "
	    "slug line\n");
	CHECK_STR(m.slug, "tace");
	fmatter_free(&m);

	CHECK_INT(load(&m, BASE_ID BASE_REST "status: Final\n", &err), 1);
	CHECK_STR(err, "tace.md:8:9: error: the status must be draft or "
	    "approved, not 'Final'\n");
	CHECK_INT(m.status, STATUS_DRAFT);
	fmatter_free(&m);

	CHECK_INT(load(&m, BASE_ID BASE_REST "status: draft\nlang: english\n",
	    &err), 1);
	CHECK_STR(err, "tace.md:9:7: error: 'lang' should be a language tag "
	    "like en-GB, not 'english'\n");
	fmatter_free(&m);
	CHECK_INT(load(&m, BASE_ID BASE_REST "status: draft\nlang: ~\n",
	    &err), 0);
	CHECK_STR(m.lang, "en-GB");
	fmatter_free(&m);
	CHECK_INT(load(&m, BASE_ID BASE_REST "status: draft\nlang: zh-Hant-TW\n"
	    "short_title: ''\n", &err), 0);
	CHECK_STR(m.lang, "zh-Hant-TW");
	CHECK_STR(m.short_title, "Chemoembolisation");
	fmatter_free(&m);
}

static void
test_approval(void)
{
	struct docmeta m;
	const char *err;

	CHECK_INT(load(&m, BASE_ID BASE_REST "status: approved\n", &err), 2);
	CHECK_STR(err,
	    "tace.md:8:9: error: the status is approved, so 'approved_by' must "
	    "name who approved it: write 'approved_by: <name>'\n"
	    "tace.md:8:9: error: the status is approved, so 'approved_on' must "
	    "give the date of approval: write 'approved_on: YYYY-MM-DD'\n");
	CHECK_INT(m.status, STATUS_APPROVED);
	fmatter_free(&m);

	CHECK_INT(load(&m, BASE_ID BASE_REST "status: approved\n"
	    "approved_by: ''\napproved_on: ~\n", &err), 2);
	CHECK_STR(err,
	    "tace.md:9:14: error: the status is approved, so 'approved_by' "
	    "must name who approved it: write 'approved_by: <name>'\n"
	    "tace.md:10:14: error: the status is approved, so 'approved_on' "
	    "must give the date of approval: write 'approved_on: "
	    "YYYY-MM-DD'\n");
	fmatter_free(&m);

	/* a bad date is reported once, by the date check */
	CHECK_INT(load(&m, BASE_ID BASE_REST "status: approved\n"
	    "approved_by: Board\napproved_on: 2026-02-30\n", &err), 1);
	CHECK_STR(err, "tace.md:10:14: error: the date 2026-02-30 for "
	    "'approved_on' does not exist: February 2026 has 28 days\n");
	fmatter_free(&m);

	/* drafts may leave both empty */
	CHECK_INT(load(&m, BASE_ID BASE_REST "status: draft\n"
	    "approved_by:\napproved_on: ''\n", &err), 0);
	CHECK_STR(err, "");
	CHECK_STR(m.approved_by, "");
	CHECK_INT(m.approved_on, -1);
	fmatter_free(&m);
}

static void
test_review_dates(void)
{
	struct docmeta m;
	const char *err;

	CHECK_INT(load(&m, BASE_ID "title: T\nversion: 1\nowner: O\n"
	    "status: draft\npublished: 2026-05-01\nreview_due: 2026-04-30\n",
	    &err), 1);
	CHECK_STR(err, "tace.md:8:13: error: review_due (2026-04-30) must be "
	    "after published (2026-05-01)\n");
	fmatter_free(&m);
	CHECK_INT(load(&m, BASE_ID "title: T\nversion: 1\nowner: O\n"
	    "status: draft\npublished: 2026-05-01\nreview_due: 2026-05-01\n",
	    &err), 1);
	fmatter_free(&m);
	CHECK_INT(load(&m, BASE_ID "title: T\nversion: 1\nowner: O\n"
	    "status: draft\npublished: 2026-05-01\nreview_due: 2026-05-02\n",
	    &err), 0);
	fmatter_free(&m);

	/* three years to the day is allowed, one day more is not */
	CHECK_INT(load(&m, BASE_ID "title: T\nversion: 1\nowner: O\n"
	    "status: draft\npublished: 2026-05-01\nreview_due: 2029-05-01\n",
	    &err), 0);
	fmatter_free(&m);
	CHECK_INT(load(&m, BASE_ID "title: T\nversion: 1\nowner: O\n"
	    "status: draft\npublished: 2026-05-01\nreview_due: 2029-05-02\n",
	    &err), 1);
	CHECK_STR(err, "tace.md:8:13: error: review_due (2029-05-02) is more "
	    "than 3 years after published (2026-05-01): set a review date no "
	    "later than 2029-05-01\n");
	fmatter_free(&m);

	/* from 29 February the limit is 28 February */
	CHECK_INT(load(&m, BASE_ID "title: T\nversion: 1\nowner: O\n"
	    "status: draft\npublished: 2024-02-29\nreview_due: 2027-02-28\n",
	    &err), 0);
	fmatter_free(&m);
	CHECK_INT(load(&m, BASE_ID "title: T\nversion: 1\nowner: O\n"
	    "status: draft\npublished: 2024-02-29\nreview_due: 2027-03-01\n",
	    &err), 1);
	CHECK(strstr(err, "no later than 2027-02-28\n") != NULL);
	fmatter_free(&m);

	/* a date that does not exist */
	CHECK_INT(load(&m, BASE_ID "title: T\nversion: 1\nowner: O\n"
	    "status: draft\npublished: 2025-02-29\nreview_due: 2026-01-01\n",
	    &err), 1);
	CHECK_STR(err, "tace.md:7:12: error: the date 2025-02-29 for "
	    "'published' does not exist: February 2025 has 28 days\n");
	CHECK_INT(m.published, -1);
	fmatter_free(&m);
}

int
main(void)
{
	test_minimal();
	test_full();
	test_required();
	test_unknown_and_types();
	test_id_slug_status_lang();
	test_approval();
	test_review_dates();
	return harness_done("t_fmatter");
}
