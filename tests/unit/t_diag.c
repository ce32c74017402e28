/*
 * Unit tests of diag: each problem once, counts that match what is shown,
 * layouts named only when a problem is not in all of them, the JSON and
 * full forms.
 */
#include "harness.h"

#include "diag.h"

static void
test_repeats(void)
{
	const char *out;

	diag_reset();
	diag_set_format(DIAG_SHORT, 0);
	harness_capture_begin();
	diag_error("a.md", 3, 4, "unknown reference '@x': check it");
	diag_error("a.md", 3, 4, "unknown reference '@x': check it");
	diag_warning("a.md", 3, 4, "unknown reference '@x': check it");
	diag_summary();
	out = harness_capture_end();
	CHECK_STR(out, "a.md:3:4: error: unknown reference '@x': check it\n"
	    "a.md:3:4: warning: unknown reference '@x': check it\n"
	    "leafpress: 1 error, 1 warning\n");
	/* the callers still see every report (a repeat still fails a file) */
	CHECK_INT(diag_count(DIAG_ERROR), 2);
	CHECK_INT(diag_shown(DIAG_ERROR), 1);
}

static void
test_groups(void)
{
	const char *out;

	diag_reset();
	harness_capture_begin();
	diag_group_begin();
	diag_group_item("layout handout-a4");
	diag_error("b.md", 1, 1, "in both");
	diag_group_item("layout large-print-a4");
	diag_error("b.md", 2, 1, "only large");
	diag_error("b.md", 1, 1, "in both");
	diag_group_end();
	out = harness_capture_end();
	CHECK_STR(out, "b.md:1:1: error: in both\n"
	    "b.md:2:1: error: only large (layout large-print-a4)\n");
	CHECK_INT(diag_shown(DIAG_ERROR), 2);
	CHECK_INT(diag_count(DIAG_ERROR), 3);

	/* a clinic's set: repeats are not shown, new problems name it */
	harness_capture_begin();
	diag_set_context("clinic north");
	diag_group_begin();
	diag_group_item("layout handout-a4");
	diag_error("b.md", 1, 1, "in both");
	diag_error("b.md", 5, 1, "new");
	diag_group_end();
	diag_warning("site.yaml", 0, 0, "plain");
	diag_set_context(NULL);
	out = harness_capture_end();
	CHECK_STR(out, "b.md:5:1: error: new (clinic north)\n"
	    "site.yaml: warning: plain (clinic north)\n");
}

static void
test_json(void)
{
	const char *out;

	diag_reset();
	diag_set_format(DIAG_JSON, 1);
	harness_capture_begin();
	diag_error("q\"uote.md", 7, 2, "the picture 'a: b.png' is missing: "
	    "check the name");
	diag_warning(NULL, 0, 0, "no hint here");
	diag_summary();
	diag_note("not in JSON");
	out = harness_capture_end();
	CHECK_STR(out, "{\"file\":\"q\\\"uote.md\",\"line\":7,\"column\":2,"
	    "\"severity\":\"error\",\"message\":\"the picture 'a: b.png' is "
	    "missing\",\"hint\":\"check the name\"}\n"
	    "{\"file\":null,\"line\":0,\"column\":0,\"severity\":\"warning\","
	    "\"message\":\"no hint here\",\"hint\":null}\n");
	diag_set_format(DIAG_SHORT, 0);
}

static void
test_full(void)
{
	char path[] = "/tmp/t_diag_XXXXXX";
	int fd = mkstemp(path);
	const char *out;

	CHECK(fd >= 0);
	if (fd < 0)
		return;
	CHECK(write(fd, "first\n\tsé [@x] y\n", 18) == 18);
	close(fd);
	diag_reset();
	diag_set_format(DIAG_FULL, 0);
	harness_capture_begin();
	diag_error(path, 2, 5, "bad");
	out = harness_capture_end();
	/* the caret sits under column 5: tab, s, é, space are kept as a tab
	 * and three spaces */
	CHECK_CONTAINS(out, ": error: bad\n  |\n2 | \tsé [@x] y\n  | \t   ^\n");
	diag_set_format(DIAG_SHORT, 0);
	unlink(path);
}

/* diag_find: from a paragraph's start to the character meant, across
 * lines, counting characters (not bytes) */
static void
test_find(void)
{
	char path[] = "/tmp/t_diag_XXXXXX";
	static const char text[] = "\xe4\xb8\xad x\npara \xc3\xa9\nmore "
	    "\xe4\xb8\xad end\n";
	int fd = mkstemp(path), line, col;

	CHECK(fd >= 0);
	if (fd < 0)
		return;
	CHECK(write(fd, text, sizeof(text) - 1) == (ssize_t)sizeof(text) - 1);
	close(fd);
	line = 2;
	col = 1;
	diag_find(path, &line, &col, "\xe4\xb8\xad");	/* the first, on line 1, is before */
	CHECK_INT(line, 3);
	CHECK_INT(col, 6);
	line = 2;
	col = 6;
	diag_find(path, &line, &col, "\xc3\xa9");
	CHECK_INT(line, 2);
	CHECK_INT(col, 6);
	line = 2;
	col = 3;
	diag_find(path, &line, &col, "nowhere");	/* not found: unchanged */
	CHECK_INT(line, 2);
	CHECK_INT(col, 3);
	unlink(path);
}

int
main(void)
{
	test_repeats();
	test_groups();
	test_json();
	test_full();
	test_find();
	diag_reset();
	return harness_done("t_diag");
}
