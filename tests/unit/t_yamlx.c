/*
 * t_yamlx: the YAML mapper: tree shape, file positions, every refusal and
 * its message, the typed accessors and the key checker.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diag.h"
#include "fixture.h"
#include "harness.h"
#include "yamlx.h"

/* Parse s (as front matter after "---" on line 1) and capture stderr. */
static struct ynode *
parse(const char *s, const char **err)
{
	struct ynode *n;

	fixture_capture_begin();
	n = yamlx_parse("f.md", s, strlen(s), 1, 0);
	*err = harness_capture_end();
	return n;
}

static void
test_tree(void)
{
	const char *err, *s;
	const struct ynode *n, *k;
	struct ynode *root;

	root = parse("title: Hello\n"
	    "é: 'quoted'\n"
	    "list:\n"
	    "  - one\n"
	    "  - \"two\"\n"
	    "map: {a: 1, b: [x, y]}\n", &err);
	CHECK(root != NULL);
	CHECK_STR(err, "");
	if (root == NULL)
		return;
	CHECK_INT(root->type, YNODE_MAP);
	CHECK_INT(root->nchild, 4);
	CHECK_INT(root->line, 2);
	CHECK_INT(root->col, 1);
	n = yamlx_get(root, "title");
	CHECK(n != NULL && n->type == YNODE_SCALAR && n->plain);
	CHECK_STR(n->value, "Hello");
	CHECK_INT(n->len, 5);
	CHECK_INT(n->line, 2);
	CHECK_INT(n->col, 8);
	CHECK_INT(n->key_line, 2);
	CHECK_INT(n->key_col, 1);
	/* columns count characters: "é: " is three */
	n = yamlx_get(root, "é");
	CHECK(n != NULL && !n->plain);
	CHECK_STR(n->value, "quoted");
	CHECK_INT(n->line, 3);
	CHECK_INT(n->col, 4);
	n = yamlx_get(root, "list");
	CHECK(n != NULL && n->type == YNODE_SEQ && n->nchild == 2);
	CHECK_STR(n->child->value, "one");
	CHECK(n->child->key == NULL);
	CHECK_INT(n->child->line, 5);
	CHECK_INT(n->child->col, 5);
	CHECK_STR(n->child->next->value, "two");
	CHECK_INT(n->child->next->plain, 0);
	n = yamlx_get(root, "map");
	CHECK(n != NULL && n->type == YNODE_MAP && n->nchild == 2);
	CHECK_INT(n->line, 7);
	CHECK_INT(n->col, 6);
	k = yamlx_get(n, "b");
	CHECK(k != NULL && k->type == YNODE_SEQ && k->nchild == 2);
	CHECK_INT(k->col, 16);
	CHECK_INT(k->key_col, 13);
	CHECK(yamlx_get(root, "absent") == NULL);
	CHECK(yamlx_get(yamlx_get(root, "title"), "x") == NULL);
	CHECK_STR(yamlx_get(root, "list")->child->next->value, "two");
	CHECK(yamlx_string("f.md", yamlx_get(root, "title"), &s) == 0);
	CHECK_STR(s, "Hello");
	yamlx_free(root);
}

static void
test_empty(void)
{
	const char *err;
	struct ynode *root;

	root = parse("", &err);
	CHECK(root != NULL && root->type == YNODE_MAP && root->nchild == 0);
	CHECK_INT(root->line, 2);
	CHECK_STR(err, "");
	yamlx_free(root);
	root = parse("# only a comment\n\n", &err);
	CHECK(root != NULL && root->type == YNODE_MAP && root->nchild == 0);
	yamlx_free(root);
	root = parse("---\n", &err);
	CHECK(root != NULL && root->type == YNODE_MAP && root->nchild == 0);
	yamlx_free(root);
	/* a lone scalar is returned as such; callers check the type */
	root = parse("hello\n", &err);
	CHECK(root != NULL && root->type == YNODE_SCALAR);
	yamlx_free(root);
}

static void
test_positions_crlf_bom(void)
{
	const char *s = "\xEF\xBB\xBF" "a: 1\r\nb: x\r\r\nc: [1, 2]\n";
	const struct ynode *n;
	struct ynode *root;

	fixture_capture_begin();
	root = yamlx_parse("l.yaml", s, strlen(s), 0, 0);
	harness_capture_end();
	CHECK(root != NULL);
	if (root == NULL)
		return;
	n = yamlx_get(root, "b");
	CHECK_STR(n->value, "x");
	CHECK_INT(n->line, 2);
	CHECK_INT(n->col, 4);
	/* "\r\r\n" is a lone CR and a CRLF: two line breaks */
	n = yamlx_get(root, "c");
	CHECK_INT(n->line, 4);
	CHECK_INT(n->child->next->col, 8);
	yamlx_free(root);
}

static void
test_syntax(void)
{
	static const struct {
		const char *yaml, *want;
	} cases[] = {
	{ "title: \"open\nx: 1\n", "f.md:2:8: error: this quoted text is "
	    "never closed: add the closing \"\n" },
	{ "a: 1\nb\n", "f.md:3:1: error: this line has no ':' after its key: "
	    "write 'key: value', or indent the line if it continues the "
	    "value above\n" },
	{ "a: [x, y\nb: 2\n", "f.md:2:4: error: the list opened here is not "
	    "closed properly: check for a missing ']' or ','\n" },
	{ "a: @x\n", "f.md:2:4: error: a value cannot start with '@': put "
	    "the value in quotes\n" },
	{ "a: {b: 1\n", "f.md:2:4: error: the mapping opened here is not "
	    "closed properly: check for a missing '}' or ','\n" },
	{ "a:\n  - x\n y: 1\n", "f.md:4:2: error: expected a new 'key: value' "
	    "line here: check the indentation of this line, and that nothing "
	    "follows a closing quote\n" },
	{ "- a\nb: 1\n", "f.md:3:1: error: expected a '- ' list item here: "
	    "check the indentation of this line\n" },
	{ "a: - x\n", "f.md:2:4: error: a '- ' list cannot start on the line "
	    "of its key: put each '- ' item on a line of its own below the "
	    "key\n" },
	{ "a: ]\n", "f.md:2:4: error: expected a value here: put text that "
	    "starts with a special character in quotes\n" },
	{ "a: \"bad \\q\"\n", "f.md:2:9: error: unknown escape after a "
	    "backslash in double-quoted text: write \\\\ for a backslash, or "
	    "use single quotes\n" },
	/* an unrewritten message keeps libyaml's problem and context */
	{ "a: !x!y 1\n", "f.md:2:4: error: YAML syntax error: found undefined "
	    "tag handle while parsing a node\n" },
	};
	const char *err;
	struct ynode *root;
	size_t i;

	root = parse("a: b: c\n", &err);
	CHECK(root == NULL);
	CHECK_STR(err, "f.md:2:5: error: unexpected ':' here: if the value "
	    "contains ': ', put it in quotes; otherwise check the indentation "
	    "of this line\n");
	/* the mark counts characters, not bytes */
	root = parse("x: 1\néé: a: b\n", &err);
	CHECK(root == NULL);
	CHECK(strncmp(err, "f.md:3:6: error: unexpected ':'", 31) == 0);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		root = parse(cases[i].yaml, &err);
		CHECK_STR(err, cases[i].want);
	}
	CHECK_INT(diag_count(DIAG_ERROR), 1);
}

static void
test_tabs(void)
{
	const char *err;
	struct ynode *root;
	const char *msg = "error: a tab is used for indentation: YAML needs "
	    "spaces; replace the tab with spaces\n";
	char want[256];

	root = parse("a: 1\n\tb: 2\n", &err);
	CHECK(root == NULL);
	snprintf(want, sizeof(want), "f.md:3:1: %s", msg);
	CHECK_STR(err, want);
	root = parse("list:\n\t- x\n", &err);
	CHECK_STR(err, want);
	root = parse("a: 1\n  \tb: 2\n", &err);
	snprintf(want, sizeof(want), "f.md:3:3: %s", msg);
	CHECK_STR(err, want);
	root = parse("a:\n  b: 1\n\tc: 2\n", &err);
	snprintf(want, sizeof(want), "f.md:4:1: %s", msg);
	CHECK_STR(err, want);
	root = parse("a: |\n  x\n\ty\n", &err);
	CHECK_STR(err, want);
	/* a tab after "key:" is fine */
	root = parse("a:\tb\n", &err);
	CHECK(root != NULL);
	CHECK_STR(yamlx_get(root, "a")->value, "b");
	yamlx_free(root);
}

static void
test_reader_errors(void)
{
	const char *err;
	struct ynode *root;
	const char *s = "a: 1\nb: caf\xE9\n";

	fixture_capture_begin();
	root = yamlx_parse("l.yaml", s, strlen(s), 0, 0);
	err = harness_capture_end();
	CHECK(root == NULL);
	CHECK_STR(err, "l.yaml:2:7: error: invalid UTF-8 byte 0xE9: save the "
	    "file as UTF-8\n");
	root = parse("a: 1\nb: é\x01\n", &err);
	CHECK(root == NULL);
	CHECK_STR(err, "f.md:3:5: error: the control character U+0001 is not "
	    "allowed: remove it\n");
	/* a NUL escape would cut the text short */
	root = parse("a: \"x\\0y\"\n", &err);
	CHECK(root == NULL);
	CHECK_STR(err, "f.md:2:4: error: this text contains a NUL character "
	    "(\\0): remove it\n");
}

static void
test_anchors(void)
{
	const char *err;
	struct ynode *root;
	char big[4096];
	int i, j;
	size_t o;
	clock_t t0;

	root = parse("a: &x 1\nb: *x\n", &err);
	CHECK(root == NULL);
	CHECK_STR(err,
	    "f.md:2:4: error: YAML anchors and aliases (&x, *x) are not "
	    "allowed in leafpress files: write the value out in full\n"
	    "f.md:3:4: error: YAML anchors and aliases (&x, *x) are not "
	    "allowed in leafpress files: write the value out in full\n");
	root = parse("base: &b {x: 1}\n", &err);
	CHECK(root == NULL);
	CHECK_INT(diag_count(DIAG_ERROR), 1);

	/* billion laughs: nine levels of ten aliases each */
	o = (size_t)snprintf(big, sizeof(big), "a: &a [lol, lol, lol]\n");
	for (i = 1; i < 9; i++) {
		o += (size_t)snprintf(big + o, sizeof(big) - o, "%c: &%c [",
		    'a' + i, 'a' + i);
		for (j = 0; j < 10; j++)
			o += (size_t)snprintf(big + o, sizeof(big) - o,
			    "%s*%c", j ? ", " : "", 'a' + i - 1);
		o += (size_t)snprintf(big + o, sizeof(big) - o, "]\n");
	}
	t0 = clock();
	root = parse(big, &err);
	CHECK(root == NULL);
	CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 0.5);
	/* three reported, then one line for the other 86 */
	CHECK_INT(diag_count(DIAG_ERROR), 4);
	CHECK(strstr(err, "f.md:3:12: error: and 86 more anchors or aliases "
	    "from here on (not shown)\n") != NULL);
}

/* n lists in one another, "[[...]]", written to s. */
static void
brackets(char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		s[i] = '[';
		s[n + i] = ']';
	}
	s[2 * n] = '\0';
}

static void
test_depth(void)
{
	const char *err;
	struct ynode *root;
	char *s = malloc(200001);

	brackets(s, 16);
	root = parse(s, &err);
	CHECK(root != NULL && root->type == YNODE_SEQ);
	CHECK_STR(err, "");
	yamlx_free(root);

	brackets(s, 17);
	root = parse(s, &err);
	CHECK(root == NULL);
	CHECK_STR(err, "f.md:2:17: error: the values are nested more than 16 "
	    "levels deep here: leafpress files never need that; simplify the "
	    "structure\n");

	/* 100000 levels are refused at once, not parsed */
	brackets(s, 100000);
	root = parse(s, &err);
	CHECK(root == NULL);
	CHECK_INT(diag_count(DIAG_ERROR), 1);

	/* block nesting counts the same way */
	root = parse("a:\n b:\n  c:\n   d: 1\n", &err);
	CHECK(root != NULL);
	CHECK_INT(yamlx_get(yamlx_get(yamlx_get(root, "a"), "b"), "c")->type,
	    YNODE_MAP);
	yamlx_free(root);
	free(s);
}

static void
test_limits(void)
{
	const char *err;
	struct ynode *root;

	fixture_capture_begin();
	root = yamlx_parse("f.md", "title: a long title\n", 20, 1, 10);
	err = harness_capture_end();
	CHECK(root == NULL);
	CHECK_STR(err, "f.md:2:1: error: this YAML text is 20 bytes, more "
	    "than the 10 allowed: shorten it\n");
	fixture_capture_begin();
	root = yamlx_parse("f.md", "title: x\n", 9, 1, 9);
	harness_capture_end();
	CHECK(root != NULL);
	yamlx_free(root);
}

static void
test_duplicates(void)
{
	const char *err;
	struct ynode *root;

	root = parse("title: A\nid: X\ntitle: B\nsub: {k: 1, k: 2}\n", &err);
	CHECK(root == NULL);
	CHECK_STR(err, "f.md:4:1: error: duplicate key 'title': it is already "
	    "set at line 2, column 1; keep only one of them\n"
	    "f.md:5:13: error: duplicate key 'k': it is already set at line "
	    "5, column 7; keep only one of them\n");
	/* the same key in different maps is fine */
	root = parse("a: {k: 1}\nb: {k: 2}\n", &err);
	CHECK(root != NULL);
	yamlx_free(root);
}

static void
test_documents_and_keys(void)
{
	const char *err;
	struct ynode *root;

	root = parse("a: 1\n---\nb: 2\n", &err);
	CHECK(root == NULL);
	CHECK_STR(err, "f.md:3:1: error: a second YAML document starts here, "
	    "but only one is allowed: remove this '---' line and what "
	    "follows, or merge the two\n");
	root = parse("a: 1\n...\nb: 2\n", &err);
	CHECK(root == NULL);
	CHECK_STR(err, "f.md:4:1: error: unexpected text after the end of "
	    "the YAML document ('...'): remove it\n");
	root = parse("? [a, b]\n: c\nd: 1\n", &err);
	CHECK(root == NULL);
	CHECK_STR(err, "f.md:2:3: error: a key must be a plain name, not a "
	    "list: write 'name: value'\n");
	root = parse("a: !!str 12\nb: !local x\nc: 12\n", &err);
	CHECK(root != NULL);
	CHECK_STR(err, "f.md:3:4: warning: the YAML tag '!local' is ignored: "
	    "remove it\n");
	if (root != NULL) {
		CHECK_INT(yamlx_get(root, "a")->plain, 0);
		CHECK_INT(yamlx_get(root, "c")->plain, 1);
	}
	yamlx_free(root);
}

static void
test_accessors(void)
{
	const char *err, *s;
	struct ynode *root;
	double d;
	long l;
	int b;

	root = parse("t: text\nq: '12'\nn: 12\nf: -1.5e2\nnul: ~\nemp:\n"
	    "null2: null\nm: {a: 1}\nl: [1]\ninf: .inf\nhex: 0x10\n"
	    "big: 99999999999999999999999\nhuge: 1e999\n"
	    "y: yes\nN: No\nT: TRUE\nqb: 'true'\nmaybe: maybe\n", &err);
	CHECK(root != NULL);
	if (root == NULL)
		return;

	fixture_capture_begin();
	CHECK(yamlx_string("f.md", yamlx_get(root, "t"), &s) == 0);
	CHECK_STR(s, "text");
	CHECK(yamlx_string("f.md", yamlx_get(root, "q"), &s) == 0);
	CHECK_STR(s, "12");
	CHECK(yamlx_string("f.md", yamlx_get(root, "nul"), &s) == 0);
	CHECK_STR(s, "");
	CHECK(yamlx_string("f.md", yamlx_get(root, "emp"), &s) == 0);
	CHECK_STR(s, "");
	CHECK(yamlx_string("f.md", yamlx_get(root, "null2"), &s) == 0);
	CHECK_STR(s, "");
	CHECK(yamlx_string("f.md", yamlx_get(root, "m"), &s) == -1);
	CHECK(yamlx_string("f.md", yamlx_get(root, "absent"), &s) == -1);
	err = harness_capture_end();
	CHECK_STR(err, "f.md:9:4: error: expected text for 'm', found a group "
	    "of 'key: value' lines: write the value on one line after the "
	    "key\n");

	fixture_capture_begin();
	CHECK(yamlx_string("f.md", yamlx_get(root, "l"), &s) == -1);
	CHECK(yamlx_string("f.md", yamlx_get(root, "l")->child, &s) == 0);
	CHECK_STR(s, "1");
	err = harness_capture_end();
	CHECK_STR(err, "f.md:10:4: error: expected text for 'l', found a list: "
	    "write the value on one line after the key\n");

	fixture_capture_begin();
	CHECK(yamlx_number("f.md", yamlx_get(root, "n"), &d) == 0);
	CHECK_NEAR(d, 12, 0);
	CHECK(yamlx_number("f.md", yamlx_get(root, "f"), &d) == 0);
	CHECK_NEAR(d, -150, 1e-9);
	CHECK(yamlx_number("f.md", yamlx_get(root, "q"), &d) == -1);
	CHECK(yamlx_number("f.md", yamlx_get(root, "t"), &d) == -1);
	CHECK(yamlx_number("f.md", yamlx_get(root, "inf"), &d) == -1);
	CHECK(yamlx_number("f.md", yamlx_get(root, "hex"), &d) == -1);
	CHECK(yamlx_number("f.md", yamlx_get(root, "huge"), &d) == -1);
	CHECK(yamlx_number("f.md", yamlx_get(root, "nul"), &d) == -1);
	CHECK(yamlx_number("f.md", yamlx_get(root, "l"), &d) == -1);
	err = harness_capture_end();
	CHECK_STR(err,
	    "f.md:3:4: error: expected a number for 'q', found quoted text "
	    "\"12\": remove the quotes\n"
	    "f.md:2:4: error: expected a number for 't', found 'text'\n"
	    "f.md:11:6: error: expected a number for 'inf', found '.inf'\n"
	    "f.md:12:6: error: expected a number for 'hex', found '0x10'\n"
	    "f.md:14:7: error: the number 1e999 for 'huge' is out of range\n"
	    "f.md:6:6: error: expected a number for 'nul', found nothing: "
	    "write the value after the key\n"
	    "f.md:10:4: error: expected a number for 'l', found a list\n");

	fixture_capture_begin();
	CHECK(yamlx_int("f.md", yamlx_get(root, "n"), &l) == 0);
	CHECK_INT(l, 12);
	CHECK(yamlx_int("f.md", yamlx_get(root, "f"), &l) == -1);
	CHECK(yamlx_int("f.md", yamlx_get(root, "big"), &l) == -1);
	err = harness_capture_end();
	CHECK_STR(err,
	    "f.md:5:4: error: expected a whole number for 'f', found "
	    "'-1.5e2'\n"
	    "f.md:13:6: error: the number 99999999999999999999999 for 'big' "
	    "is out of range\n");

	fixture_capture_begin();
	CHECK(yamlx_bool("f.md", yamlx_get(root, "y"), &b) == 0);
	CHECK_INT(b, 1);
	CHECK(yamlx_bool("f.md", yamlx_get(root, "N"), &b) == 0);
	CHECK_INT(b, 0);
	CHECK(yamlx_bool("f.md", yamlx_get(root, "T"), &b) == 0);
	CHECK_INT(b, 1);
	CHECK(yamlx_bool("f.md", yamlx_get(root, "qb"), &b) == -1);
	CHECK(yamlx_bool("f.md", yamlx_get(root, "maybe"), &b) == -1);
	err = harness_capture_end();
	CHECK_STR(err,
	    "f.md:18:5: error: expected true or false for 'qb', found quoted "
	    "text \"true\": remove the quotes\n"
	    "f.md:19:8: error: expected true or false for 'maybe', found "
	    "'maybe'\n");
	yamlx_free(root);
}

static void
test_dates(void)
{
	const char *err;
	struct ynode *root;
	const struct ynode *l;
	long days[6];
	int i;

	root = parse("ok: [1970-01-01, 2000-03-01, 2024-02-29, '2026-05-17', "
	    "2100-03-01, 2026-02-28]\n"
	    "bad: [2023-02-29, 2026-02-30, 2100-02-29, 2026-13-01, 2026-1-5, "
	    "1969-12-31, 2026-04-31, 2026-05-17x, {a: 1}, ~]\n", &err);
	CHECK(root != NULL);
	if (root == NULL)
		return;
	fixture_capture_begin();
	l = yamlx_get(root, "ok")->child;
	for (i = 0; l != NULL; l = l->next, i++)
		CHECK(yamlx_date("f.md", l, &days[i]) == 0);
	CHECK_INT(days[0], 0);
	CHECK_INT(days[1], 11017);
	CHECK_INT(days[2], 19782);
	CHECK_INT(days[3], 20590);
	CHECK_INT(days[4], 47541);
	CHECK_INT(days[5], 20512);
	for (l = yamlx_get(root, "bad")->child; l != NULL; l = l->next) {
		CHECK(yamlx_date("f.md", l, &days[0]) == -1);
		CHECK_INT(days[0], -1);
	}
	err = harness_capture_end();
	CHECK_INT(diag_count(DIAG_ERROR), 10);
	CHECK_STR(err,
	    "f.md:3:7: error: the date 2023-02-29 for this list item does not "
	    "exist: February 2023 has 28 days\n"
	    "f.md:3:19: error: the date 2026-02-30 for this list item does not "
	    "exist: February 2026 has 28 days\n"
	    "f.md:3:31: error: the date 2100-02-29 for this list item does not "
	    "exist: February 2100 has 28 days\n"
	    "f.md:3:43: error: the date 2026-13-01 for this list item has no "
	    "month 13: write YYYY-MM-DD with a month from 01 to 12\n"
	    "f.md:3:55: error: expected a date written YYYY-MM-DD for this "
	    "list item, found '2026-1-5'\n"
	    "f.md:3:65: error: the date 1969-12-31 for this list item is "
	    "before 1970: check the year\n"
	    "f.md:3:77: error: the date 2026-04-31 for this list item does not "
	    "exist: April 2026 has 30 days\n"
	    "f.md:3:89: error: expected a date written YYYY-MM-DD for this "
	    "list item, found '2026-05-17x'\n"
	    "f.md:3:102: error: expected a date written YYYY-MM-DD for this "
	    "list item, found a group of 'key: value' lines\n"
	    "f.md:3:110: error: expected a date written YYYY-MM-DD for this "
	    "list item, found nothing\n");
	yamlx_free(root);
}

static void
test_check_keys(void)
{
	static const char *const known[] = { "title", "size", "colour", NULL };
	static const char *const required[] = { "title", "size", NULL };
	const char *err;
	struct ynode *root;
	int n;

	root = parse("titel: x\ncolour: red\nfoo: 1\n", &err);
	CHECK(root != NULL);
	fixture_capture_begin();
	n = yamlx_check_keys("f.md", root, "the style", known, required);
	err = harness_capture_end();
	CHECK_INT(n, 2);
	CHECK_INT(diag_count(DIAG_WARNING), 2);
	CHECK_STR(err,
	    "f.md:2:1: warning: unknown key 'titel' in the style (did you mean "
	    "'title'?); known keys are title, size, colour\n"
	    "f.md:4:1: warning: unknown key 'foo' in the style; known keys are "
	    "title, size, colour\n"
	    "f.md:2:1: error: missing key 'title' in the style: add a line "
	    "'title: ...'\n"
	    "f.md:2:1: error: missing key 'size' in the style: add a line "
	    "'size: ...'\n");
	yamlx_free(root);

	root = parse("- a\n", &err);
	fixture_capture_begin();
	n = yamlx_check_keys("f.md", root, "the style", known, required);
	err = harness_capture_end();
	CHECK_INT(n, 1);
	CHECK_STR(err, "f.md:2:1: error: the style should be lines of "
	    "'key: value', but this is a list\n");
	yamlx_free(root);
}

int
main(void)
{
	test_tree();
	test_empty();
	test_positions_crlf_bom();
	test_syntax();
	test_tabs();
	test_reader_errors();
	test_anchors();
	test_depth();
	test_limits();
	test_duplicates();
	test_documents_and_keys();
	test_accessors();
	test_dates();
	test_check_keys();
	return harness_done("t_yamlx");
}
