/*
 * Unit tests of leaflet (and the error scopes it counts in): one parse
 * serves two sets, each with its own placeholder values, without the
 * shared tree changing; a leaflet's errors are its own, however many
 * other files reported before it; scopes nest.
 */
#include "fixture.h"

#include "doc.h"
#include "leaflet.h"
#include "site.h"

#define LEAFLET_MD \
	"---\n" \
	"id: T-1\n" \
	"title: \"A test leaflet\"\n" \
	"summary: \"What the test is.\"\n" \
	"version: \"1\"\n" \
	"published: 2026-01-01\n" \
	"reviewed: 2026-01-01\n" \
	"review_due: 2027-01-01\n" \
	"owner: \"Tests\"\n" \
	"approved_by: \"\"\n" \
	"approved_on: \"\"\n" \
	"status: draft\n" \
	"lang: en-GB\n" \
	"---\n" \
	"\n" \
	"Call {{publisher.phone}} with questions.\n"

static void
test_scopes(void)
{
	struct diag_scope outer, inner;

	fixture_capture_begin();
	diag_error("x.md", 1, 1, "an error before any scope");
	diag_scope_open(&outer);
	diag_error("x.md", 2, 1, "an error in the outer scope");
	diag_scope_open(&inner);
	diag_warning("x.md", 3, 1, "a warning is not an error");
	diag_error("x.md", 4, 1, "an error in both");
	diag_error("x.md", 4, 1, "an error in both");	/* a repeat counts */
	diag_fatal("x.md", 5, 1, "a fatal problem counts");
	diag_scope_close(&inner);
	diag_error("x.md", 6, 1, "an error in the outer scope only");
	diag_scope_close(&outer);
	diag_error("x.md", 7, 1, "an error after the scopes");
	harness_capture_end();
	CHECK_INT(inner.errors, 3);
	CHECK_INT(outer.errors, 5);
	diag_reset();
}

/* The text of the paragraph: the phone number filled in, or not. */
static char *
paragraph_text(const struct node *doc)
{
	const struct node *n;

	for (n = doc->first; n != NULL; n = n->next)
		if (n->type == NODE_PARAGRAPH)
			return doc_plain_text(n);
	return NULL;
}

static void
test_one_parse_two_sets(void)
{
	char *md = harness_write_temp(LEAFLET_MD);
	char *a_yaml = harness_write_temp("publisher:\n  name: \"A\"\n"
	    "  phone: \"0161 496 0000\"\n");
	char *b_yaml = harness_write_temp("publisher:\n  name: \"B\"\n"
	    "  phone: \"0113 496 0123\"\n");
	struct site *a, *b;
	struct leaflet_env env;
	struct leaflet lf;
	char *text;

	fixture_capture_begin();
	a = site_load(a_yaml);
	b = site_load(b_yaml);
	/* errors of other files before it are not the leaflet's */
	diag_error("other.md", 1, 1, "someone else's error");
	memset(&env, 0, sizeof(env));
	env.site = a;
	env.today = 20454;	/* 2026-01-01 */
	leaflet_parse(&lf, md, MD_HANDOUT, &env, 0);
	CHECK(lf.parsed != NULL);
	CHECK_INT(lf.parse_errors, 0);
	leaflet_resolve(&lf, &env, 1, NULL, NULL);
	text = lf.doc != NULL ? paragraph_text(lf.doc) : NULL;
	CHECK_STR(text, "Call 0161 496 0000 with questions.");
	free(text);
	CHECK_INT(lf.errors, 0);
	env.site = b;
	leaflet_resolve(&lf, &env, 1, NULL, NULL);
	text = lf.doc != NULL ? paragraph_text(lf.doc) : NULL;
	CHECK_STR(text, "Call 0113 496 0123 with questions.");
	free(text);
	/* the shared parse is as it was read */
	text = lf.parsed != NULL ? paragraph_text(lf.parsed) : NULL;
	CHECK_STR(text, "Call {{publisher.phone}} with questions.");
	free(text);
	leaflet_free(&lf);
	harness_capture_end();
	site_free(a);
	site_free(b);
	unlink(md);
	unlink(a_yaml);
	unlink(b_yaml);
	free(md);
	free(a_yaml);
	free(b_yaml);
	diag_reset();
}

static void
test_names(void)
{
	char *s = leaflet_slug("content/therapies/tace.md");

	CHECK_STR(s, "tace");
	free(s);
	s = leaflet_slug("notes");
	CHECK_STR(s, "notes");
	free(s);
}

int
main(void)
{
	test_scopes();
	test_one_parse_two_sets();
	test_names();
	return harness_done("t_leaflet");
}
