/*
 * t_source: reading content files: byte checks with their positions, line
 * ending normalisation, the front-matter split and its errors.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "fixture.h"
#include "harness.h"
#include "source.h"

static char dir[64];
static char path[128];

/* Write len bytes to dir/name and set path to it. */
static void
put(const char *name, const char *data, size_t len)
{
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	harness_write_file(path, data, len);
}

/* Write s as t.md and read it back; stderr lands in *err. */
static int
load(struct source *src, const char *s, size_t len, int need_front,
    const char **err)
{
	int rc;

	put("t.md", s, len);
	fixture_capture_begin();
	rc = source_read(src, path, need_front);
	*err = harness_capture_end();
	return rc;
}

#define LOAD(src, lit, need, err) load(src, lit, sizeof(lit) - 1, need, err)

/* The message as printed for t.md. */
static const char *
msg(const char *pos, const char *text)
{
	static char m[1024];

	snprintf(m, sizeof(m), "%s/t.md%s: error: %s\n", dir, pos, text);
	return m;
}

static void
test_split(void)
{
	struct source src;
	const char *err;

	CHECK_INT(LOAD(&src, "---\nid: X\ntitle: T\n---\n# Head\n\nText\n",
	    1, &err), 0);
	CHECK_STR(err, "");
	CHECK_STR(src.front, "id: X\ntitle: T\n");
	CHECK_INT(src.front_len, 15);
	CHECK_INT(src.front_line0, 1);
	/* body line 5 is file line 5 */
	CHECK_STR(src.body, "\n\n\n\n# Head\n\nText\n");
	CHECK_INT(src.body_len, strlen(src.body));
	CHECK_STR(src.text, "---\nid: X\ntitle: T\n---\n# Head\n\nText\n");
	CHECK_STR(src.path, path);
	source_free(&src);

	/* "..." closes too, and blanks after a delimiter are invisible */
	CHECK_INT(LOAD(&src, "--- \nid: X\n... \t\nBody", 1, &err), 0);
	CHECK_STR(src.front, "id: X\n");
	CHECK_STR(src.body, "\n\n\nBody");
	source_free(&src);

	/* empty front matter is still front matter */
	CHECK_INT(LOAD(&src, "---\n---\nx\n", 1, &err), 0);
	CHECK(src.front != NULL);
	CHECK_STR(src.front, "");
	CHECK_INT(src.front_len, 0);
	CHECK_STR(src.body, "\n\nx\n");
	source_free(&src);

	/* front matter only, with and without a final newline */
	CHECK_INT(LOAD(&src, "---\nid: X\n---\n", 1, &err), 0);
	CHECK_STR(src.body, "\n\n\n");
	CHECK_INT(src.body_len, 3);
	source_free(&src);
	CHECK_INT(LOAD(&src, "---\nid: X\n---", 1, &err), 0);
	CHECK_STR(src.front, "id: X\n");
	CHECK_STR(src.body, "\n\n");
	source_free(&src);

	/* a "---" later in the body is a thematic break, not a delimiter */
	CHECK_INT(LOAD(&src, "---\na: 1\n---\ntext\n---\nmore\n", 1, &err), 0);
	CHECK_STR(src.body, "\n\n\ntext\n---\nmore\n");
	source_free(&src);
}

static void
test_line_endings(void)
{
	struct source src;
	const char *err;

	CHECK_INT(LOAD(&src, "---\r\nid: X\r\n---\r\n# H\r\n\r\nT\r\n", 1,
	    &err), 0);
	CHECK_STR(err, "");
	CHECK_STR(src.front, "id: X\n");
	CHECK_STR(src.body, "\n\n\n# H\n\nT\n");
	CHECK_STR(src.text, "---\nid: X\n---\n# H\n\nT\n");
	source_free(&src);

	/* old Mac line ends and a mixture */
	CHECK_INT(LOAD(&src, "---\rid: X\r---\rA\r\nB\nC\r", 1, &err), 0);
	CHECK_STR(src.front, "id: X\n");
	CHECK_STR(src.body, "\n\n\nA\nB\nC\n");
	CHECK_INT(src.len, 20);
	source_free(&src);
}

static void
test_bom(void)
{
	struct source src;
	const char *err;

	CHECK_INT(LOAD(&src, "\xEF\xBB\xBF---\nid: X\n---\nBody\n", 1, &err),
	    0);
	CHECK_STR(err, "");
	CHECK_STR(src.front, "id: X\n");
	CHECK_STR(src.text, "---\nid: X\n---\nBody\n");
	CHECK_STR(src.body, "\n\n\nBody\n");
	source_free(&src);

	CHECK_INT(LOAD(&src, "\xEF\xBB\xBF", 1, &err), -1);
	CHECK_STR(err, msg("", "the file is empty: write the front matter "
	    "and the text, or remove the file"));
	source_free(&src);

	CHECK_INT(LOAD(&src, "\xFF\xFE-\0-\0-\0", 1, &err), -1);
	CHECK_STR(err, msg(":1:1", "the file is saved as UTF-16: save it as "
	    "UTF-8"));
	source_free(&src);
}

static void
test_bad_bytes(void)
{
	struct source src;
	const char *err;
	char want[2048];

	/* Latin-1 é; é then a bad byte (é is one column); a cut sequence;
	 * a CRLF counts as one line break; the BOM is not a column */
	CHECK_INT(LOAD(&src, "\xEF\xBB\xBF---\r\nid: X\r\n---\r\nCaf\xE9 ok\r\n"
	    "\xC3\xA9\xE9\nx\xE2\x82y\rz\xF0\x9F\x98\n", 1, &err), -1);
	snprintf(want, sizeof(want),
	    "%s/t.md:4:4: error: invalid UTF-8 byte 0xE9: save the file as "
	    "UTF-8\n"
	    "%s/t.md:5:2: error: invalid UTF-8 byte 0xE9: save the file as "
	    "UTF-8\n"
	    "%s/t.md:6:2: error: invalid UTF-8 bytes 0xE2 0x82: save the file "
	    "as UTF-8\n"
	    "%s/t.md:7:2: error: invalid UTF-8 bytes 0xF0 0x9F 0x98: save the "
	    "file as UTF-8\n", dir, dir, dir, dir);
	CHECK_STR(err, want);
	CHECK_INT(diag_count(DIAG_ERROR), 4);
	CHECK(src.text == NULL && src.body == NULL);
	source_free(&src);

	/* overlong and surrogate forms are invalid as well */
	CHECK_INT(LOAD(&src, "\xC0\xAF \xED\xA0\x80", 0, &err), -1);
	snprintf(want, sizeof(want),
	    "%s/t.md:1:1: error: invalid UTF-8 bytes 0xC0 0xAF: save the file "
	    "as UTF-8\n"
	    "%s/t.md:1:4: error: invalid UTF-8 bytes 0xED 0xA0 0x80: save "
	    "the file as UTF-8\n", dir, dir);
	CHECK_STR(err, want);
	source_free(&src);

	/* NUL bytes */
	CHECK_INT(LOAD(&src, "---\na: 1\n---\nab\0c\n", 1, &err), -1);
	CHECK_STR(err, msg(":4:3", "a NUL byte (0x00) is not allowed in a "
	    "text file: save the file as plain UTF-8 text"));
	source_free(&src);

	/* five are shown, then one line for the rest */
	CHECK_INT(LOAD(&src, "\xE9\xE9\xE9\xE9\xE9\n\xE9 \xE9\0\xE9", 0, &err),
	    -1);
	CHECK_INT(diag_count(DIAG_ERROR), 6);
	CHECK(strstr(err, "/t.md:1:5: error: invalid UTF-8 byte 0xE9") != NULL);
	CHECK(strstr(err, "/t.md:2:1: error: and 4 more invalid bytes from "
	    "here on (not shown)\n") != NULL);
	CHECK(strstr(err, "1:6:") == NULL);
	source_free(&src);
}

static void
test_front_errors(void)
{
	struct source src;
	const char *err;
	char *big;
	size_t n;

	CHECK_INT(LOAD(&src, "", 1, &err), -1);
	CHECK_STR(err, msg("", "the file is empty: write the front matter "
	    "and the text, or remove the file"));
	source_free(&src);

	CHECK_INT(LOAD(&src, "---\nid: X\ntitle: T\n\n# Heading\nText\n", 1,
	    &err), -1);
	CHECK_STR(err, msg(":1:1", "front matter opened here is never closed: "
	    "add a line with --- after the last key"));
	source_free(&src);
	CHECK_INT(LOAD(&src, "---", 1, &err), -1);
	CHECK_INT(diag_count(DIAG_ERROR), 1);
	source_free(&src);

	CHECK_INT(LOAD(&src, "# Just text\n", 1, &err), -1);
	CHECK_STR(err, msg(":1:1", "this file has no front matter: it must "
	    "start with a line '---', then lines like 'id: LDT-TACE' and "
	    "'title: ...', then another '---' line"));
	source_free(&src);
	CHECK_INT(LOAD(&src, "----\nid: X\n----\n", 1, &err), -1);
	CHECK_INT(diag_count(DIAG_ERROR), 1);
	source_free(&src);

	CHECK_INT(LOAD(&src, "\n  \n---\nid: X\n---\n", 1, &err), -1);
	CHECK_STR(err, msg(":3:1", "the front matter must start on the first "
	    "line: remove the empty lines above '---'"));
	source_free(&src);

	/* without need_front the whole file is body */
	CHECK_INT(LOAD(&src, "# Just text\r\n", 0, &err), 0);
	CHECK_STR(err, "");
	CHECK(src.front == NULL);
	CHECK_STR(src.body, "# Just text\n");
	CHECK_INT(src.body_len, 12);
	source_free(&src);

	/* front matter limit: exactly SOURCE_MAX_FRONT is fine */
	big = malloc(SOURCE_MAX_FRONT + 64);
	memcpy(big, "---\n", 4);
	memset(big + 4, '#', SOURCE_MAX_FRONT);
	big[4 + SOURCE_MAX_FRONT - 1] = '\n';
	memcpy(big + 4 + SOURCE_MAX_FRONT, "---\n", 4);
	n = 8 + SOURCE_MAX_FRONT;
	CHECK_INT(load(&src, big, n, 1, &err), 0);
	CHECK_INT(src.front_len, SOURCE_MAX_FRONT);
	source_free(&src);
	memmove(big + 5, big + 4, n - 4);
	big[4] = '#';
	CHECK_INT(load(&src, big, n + 1, 1, &err), -1);
	CHECK_STR(err, msg(":1:1", "the front matter is 65537 bytes, more "
	    "than the 64 KiB allowed: move long text into the body"));
	source_free(&src);
	free(big);
}

static void
test_files(void)
{
	struct source src;
	const char *err;
	char want[512], *data, *big;
	size_t len;

	snprintf(want, sizeof(want), "%s/absent.md", dir);
	fixture_capture_begin();
	CHECK_INT(source_read(&src, want, 1), -1);
	err = harness_capture_end();
	CHECK_STR(src.path, want);
	source_free(&src);
	snprintf(want, sizeof(want), "%s/absent.md: error: cannot read the "
	    "file: No such file or directory\n", dir);
	CHECK_STR(err, want);

	big = calloc(1, SOURCE_MAX_BYTES + 1);
	memcpy(big, "---\n---\n", 8);
	memset(big + 8, 'x', SOURCE_MAX_BYTES - 8);
	CHECK_INT(load(&src, big, SOURCE_MAX_BYTES, 1, &err), 0);
	CHECK_INT(src.len, SOURCE_MAX_BYTES);
	source_free(&src);
	CHECK_INT(load(&src, big, SOURCE_MAX_BYTES + 1, 1, &err), -1);
	CHECK_STR(err, msg("", "the file is larger than 4 MiB: split it into "
	    "smaller files"));
	source_free(&src);
	free(big);

	/* slurp takes any bytes and NUL-terminates them */
	put("bin", "a\0b\xFF", 4);
	CHECK_INT(source_slurp(path, 0, &data, &len), 0);
	CHECK_INT(len, 4);
	CHECK(data != NULL && memcmp(data, "a\0b\xFF", 5) == 0);
	free(data);
	CHECK_INT(source_slurp(path, 3, &data, &len), -1);
	CHECK_INT(errno, EFBIG);
	CHECK(data == NULL);
	CHECK_INT(source_slurp(path, 4, &data, &len), 0);
	free(data);
	put("empty", "", 0);
	CHECK_INT(source_slurp(path, 10, &data, &len), 0);
	CHECK_INT(len, 0);
	CHECK_STR(data, "");
	free(data);
	CHECK_INT(source_slurp(dir, 0, &data, &len), -1);
	CHECK_INT(errno, EISDIR);
	snprintf(want, sizeof(want), "%s/absent", dir);
	CHECK_INT(source_slurp(want, 0, &data, &len), -1);
	CHECK_INT(errno, ENOENT);
}

int
main(void)
{
	const char *tmp = getenv("TMPDIR");
	char cmd[128];

	snprintf(dir, sizeof(dir), "%s/t_source.XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	test_split();
	test_line_endings();
	test_bom();
	test_bad_bytes();
	test_front_errors();
	test_files();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
	return harness_done("t_source");
}
