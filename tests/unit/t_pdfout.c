/*
 * t_pdfout: render a hand-built pagedoc and check the PDF with independent
 * readers (poppler's pdftotext/pdffonts/pdfinfo, qpdf, mutool): exact text
 * extraction, embedded Unicode fonts (and only the used ones), document
 * information, bookmarks, page labels, links, pictures, byte-identical
 * output, and the failure paths.  Run from the top of the tree (it reads
 * tests/fixtures/images/).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "diag.h"
#include "fixture.h"
#include "font.h"
#include "image.h"
#include "layout.h"
#include "page.h"
#include "pdfout.h"
#include "harness.h"

#define FIX	"tests/fixtures/images/"

/* Face numbers of fixture_open_fonts' fontset. */
enum { F_REGULAR, F_BOLD, F_OBLIQUE, F_BOLDOBLIQUE, F_MONO };

/* The sample the tests look for: maths, dashes, superscripts, micro. */
#define SAMPLE	"\u2265 5 % \u2013 Y\u2079\u2070 \u00b5g \u2019"
#define TITLE	"Radioembolisation \u2013 Y\u2079\u2070 \u201cSIRT\u201d " \
		"& <more>"

static char	 dir[] = "/tmp/t_pdfout.XXXXXX";
static char	*errtext;	/* stderr of run or render_captured */

/* Run a shell command; its stdout is returned (caller frees; NUL bytes
 * become '.' so it can be searched as text), its stderr left in errtext,
 * its exit status in *status. */
static char	*run(int *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

static char *
run(int *status, const char *fmt, ...)
{
	char cmd[1024], errpath[64], *out;
	size_t len, n;
	va_list ap;
	FILE *fp;
	int st;

	snprintf(errpath, sizeof(errpath), "%s/stderr", dir);
	va_start(ap, fmt);
	n = vsnprintf(cmd, sizeof(cmd) - 64, fmt, ap);
	va_end(ap);
	snprintf(cmd + n, sizeof(cmd) - n, " 2>%s", errpath);
	fp = popen(cmd, "r");
	if (fp == NULL) {
		*status = -1;
		return calloc(1, 1);
	}
	out = harness_read_stream(fp, &len);
	st = pclose(fp);
	for (n = 0; n < len; n++)
		if (out[n] == '\0')
			out[n] = '.';
	*status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	free(errtext);
	if ((errtext = harness_read_file(errpath, NULL)) == NULL)
		errtext = calloc(1, 1);
	return out;
}

static int
count(const char *hay, const char *needle)
{
	int n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

/* Three A4 pages with every kind of item. */
static struct pagedoc *
sample(const struct fontset *fs, int with_bad_link)
{
	struct pagedoc *d = pagedoc_new(fs);
	struct page *pg;
	struct pitem it;
	int rgba, photo;

	d->title = strdup(TITLE);
	d->author = strdup("Liver Clinic \u00e9quipe");
	d->subject = strdup("Patient information");
	d->keywords = strdup("SIRT, Y-90");
	d->creator = strdup("leafpress test");
	d->lang = strdup("en-GB");
	d->date = 1715953510;		/* 2024-05-17 13:45:10 UTC */

	rgba = pagedoc_add_image(d, image_load(FIX "rgba.png", "t.md", 1, 1));
	photo = pagedoc_add_image(d, image_load(FIX "photo.jpg", "t.md", 1,
	    1));

	pg = pagedoc_add_page(d, 595.276, 841.89);
	page_text(pg, ROLE_H1, 1, 3, 72, 780, F_OBLIQUE, 20, 0x1a1a1a,
	    "Heading", 70);
	page_text(pg, ROLE_P, 2, 5, 72, 750, F_REGULAR, 12, 0x000000,
	    SAMPLE, 100);
	page_text(pg, ROLE_P, 2, 5, 72, 735, F_REGULAR, 12, 0x000000,
	    "second line", 60);
	it = fixture_item(PI_TEXT, 300, 400, 0, 0);
	it.role = ROLE_MARK;
	it.face = F_REGULAR;
	it.size = 40;
	it.color = 0xcc0000;
	it.angle = 45;
	it.text = (char *)"DRAFT";
	page_add(pg, &it);
	it = fixture_item(PI_RULE, 72, 700, 450, 0);
	it.role = ROLE_DECOR;
	it.color = 0x336699;
	it.line_width = 0.5;
	page_add(pg, &it);
	it = fixture_item(PI_RECT, 72, 600, 200, 50);
	it.flags = PF_FILL | PF_STROKE;
	it.fill = 0xeeeeee;
	it.color = 0x000080;
	it.line_width = 1;
	page_add(pg, &it);
	it = fixture_item(PI_IMAGE, 300, 550, 60, 40);
	it.image = rgba;
	it.text = (char *)"a test pattern";
	page_add(pg, &it);
	it.y = 500;
	page_add(pg, &it);		/* the same picture again */
	it = fixture_item(PI_IMAGE, 400, 550, 64, 32);
	it.image = photo;
	page_add(pg, &it);
	it = fixture_item(PI_LINK, 72, 730, 100, 14);
	it.role = ROLE_LINK;
	it.text = (char *)"#risks";
	page_add(pg, &it);
	it.y = 710;
	it.text = (char *)"https://example.org/caf\u00e9 menu";
	page_add(pg, &it);
	if (with_bad_link) {
		it.text = (char *)"#nowhere";
		page_add(pg, &it);
	}

	pg = pagedoc_add_page(d, 595.276, 841.89);
	page_text(pg, ROLE_P, 3, 9, 72, 750, F_REGULAR, 12, 0x000000,
	    "Page two", 50);

	pg = pagedoc_add_page(d, 420, 595);
	it = fixture_item(PI_ANCHOR, 72, 560, 0, 0);
	it.text = (char *)"risks";
	page_add(pg, &it);
	page_text(pg, ROLE_H2, 4, 12, 72, 540, F_REGULAR, 14, 0x000000,
	    "Risks \u2265 5 %", 80);

	pagedoc_add_outline(d, 1, "1. \u00dcber SIRT (Y\u2079\u2070)", 0, 800);
	pagedoc_add_outline(d, 2, "1.1 Risiken \u2265 5 %", 2, 560);
	pagedoc_add_outline(d, 1, "2. Page two", 1, 760);
	/* out of order on purpose: the device must sort them */
	pagedoc_add_label(d, 2, 'D', 1);
	pagedoc_add_label(d, 0, 'r', 1);
	return d;
}

static void
t_render(const struct fontset *fs)
{
	struct pagedoc *d = sample(fs, 0);
	unsigned char *pdf = NULL, *again = NULL;
	size_t len = 0, len2 = 0;
	char path[128], qdf[128], *out, *w, *e, *q;
	int st, rc, n, lines;

	rc = pdfout_render(d, &pdf, &len);
	CHECK_INT(rc, 0);
	if (rc != 0) {
		pagedoc_free(d);
		return;
	}
	CHECK(len > 1000 && memcmp(pdf, "%PDF-", 5) == 0);
	rc = pdfout_render(d, &again, &len2);
	CHECK_INT(rc, 0);
	CHECK(len == len2 && memcmp(pdf, again, len) == 0);
	/* dictionaries packed in object streams, a cross-reference
	   stream instead of a table */
	CHECK(harness_has_bytes(pdf, len, "/Type/ObjStm"));
	CHECK(harness_has_bytes(pdf, len, "/Type/XRef"));
	CHECK(!harness_has_bytes(pdf, len, "\nxref\n"));
	CHECK(!harness_has_bytes(pdf, len, "/Type /Page"));
	/* no random /ID (the trailer's entries stand in the xref stream's
	   dictionary, which is not compressed) */
	CHECK(!harness_has_bytes(pdf, len, "/ID"));

	snprintf(path, sizeof(path), "%s/sample.pdf", dir);
	snprintf(qdf, sizeof(qdf), "%s/sample-qdf.pdf", dir);
	harness_write_file(path, pdf, len);

	/* text comes back exactly, with no complaint about the CMap */
	out = run(&st, "pdftotext -enc UTF-8 -f 1 -l 1 %s -", path);
	CHECK_INT(st, 0);
	CHECK(strstr(out, SAMPLE "\n") != NULL);
	CHECK(strstr(out, "second line") != NULL);
	CHECK_STR(errtext, "");
	free(out);
	out = run(&st, "pdftotext -enc UTF-8 -f 3 -l 3 %s -", path);
	CHECK(strstr(out, "Risks \u2265 5 %") != NULL);
	free(out);
	out = run(&st, "mutool draw -F txt %s 1", path);
	CHECK_INT(st, 0);
	CHECK(strstr(out, SAMPLE) != NULL);
	free(out);

	/* two faces used, both embedded subsets with a Unicode map;
	   Bold, BoldOblique and Mono never drawn, so not embedded */
	out = run(&st, "pdffonts %s", path);
	CHECK_INT(st, 0);
	CHECK_INT(count(out, "CID TrueType      Identity-H       yes yes yes"),
	    2);
	CHECK_INT(count(out, "+DejaVuSans "), 1);
	CHECK_INT(count(out, "DejaVuSans-Oblique"), 1);
	CHECK_INT(count(out, "Bold"), 0);
	CHECK_INT(count(out, "Mono"), 0);
	CHECK_STR(errtext, "");
	free(out);

	out = run(&st, "qpdf --check %s", path);
	CHECK_INT(st, 0);
	CHECK(strstr(out, "No syntax or stream encoding errors found") !=
	    NULL);
	free(out);

	out = run(&st, "pdfinfo -isodates %s", path);
	CHECK_INT(st, 0);
	CHECK(strstr(out, "Title:           " TITLE "\n") != NULL);
	CHECK(strstr(out, "Author:          Liver Clinic \u00e9quipe\n") !=
	    NULL);
	CHECK(strstr(out, "Subject:         Patient information\n") != NULL);
	CHECK(strstr(out, "Keywords:        SIRT, Y-90\n") != NULL);
	CHECK(strstr(out, "Creator:         leafpress test\n") != NULL);
	CHECK(strstr(out, "Producer:        leafpress\n") != NULL);
	CHECK(strstr(out, "CreationDate:    2024-05-17T13:45:10Z\n") != NULL);
	CHECK(strstr(out, "Pages:           3\n") != NULL);
	CHECK_STR(errtext, "");
	free(out);
	/* page sizes: MediaBox per page */
	out = run(&st, "pdfinfo -f 1 -l 3 %s", path);
	CHECK(strstr(out, "Page    1 size:  595.276 x 841.89 pts (A4)") !=
	    NULL);
	CHECK(strstr(out, "Page    3 size:  420 x 595 pts") != NULL);
	free(out);

	/* bookmarks nested by level, UTF-8 titles */
	out = run(&st, "mutool show %s outline", path);
	CHECK_INT(st, 0);
	CHECK(strstr(out, "1. \u00dcber SIRT (Y\u2079\u2070)\"\t#page=1") !=
	    NULL);
	CHECK(strstr(out, "\t\"1.1 Risiken \u2265 5 %\"\t#page=3") != NULL);
	CHECK(strstr(out, "\"2. Page two\"\t#page=2") != NULL);
	free(out);

	/* structure, read in qpdf's uncompressed form */
	out = run(&st, "qpdf --qdf --object-streams=disable %s %s && "
	    "cat %s", path, qdf, qdf);
	CHECK_INT(st, 0);
	/* dates only because the pagedoc has one */
	CHECK(strstr(out, "/CreationDate (D:20240517134510+00'00')") != NULL);
	CHECK(strstr(out, "/ModDate (D:20240517134510+00'00')") != NULL);
	CHECK(strstr(out, "/PageLabels <<\n    /Nums [\n      0\n      <<\n"
	    "        /S /r\n        /St 1\n      >>\n      2\n      <<\n"
	    "        /S /D\n") !=
	    NULL);
	CHECK(strstr(out, "/Lang (en-GB)") != NULL);
	CHECK(strstr(out, "/DisplayDocTitle true") != NULL);
	CHECK(strstr(out, "/PageMode /UseOutlines") != NULL);
	CHECK_INT(count(out, "/Subtype /Link"), 2);
	CHECK_INT(count(out, "/F 4\n"), 2);
	CHECK(strstr(out, "/URI (https://example.org/caf%C3%A9%20menu)") !=
	    NULL);
	/* the internal link and the named destination: /XYZ, null zoom */
	CHECK(strstr(out, "/XYZ\n  72\n  560\n  null\n") != NULL);
	CHECK(strstr(out, "/Dests <<\n    /risks ") != NULL);
	/* pictures stored once: RGB + its mask, and the JPEG */
	CHECK_INT(count(out, "/Subtype /Image"), 3);
	CHECK_INT(count(out, "/SMask"), 1);
	CHECK_INT(count(out, "/DCTDecode"), 1);
	/* a valid ToUnicode CMap, and trimmed widths */
	CHECK_INT(count(out, "/CMapName /Adobe-Identity-UCS def"), 2);
	CHECK_INT(count(out, "begincidrange"), 0);
	CHECK_INT(count(out, "/Ordering (Identity)"), 2);
	/* /W lists the drawn characters only: a few dozen lines, not the
	   thousands libharu writes for the whole font */
	for (w = out, n = 0; (w = strstr(w, "/W [\n")) != NULL; w = e, n++) {
		e = strstr(w, "\n  ]\n");
		CHECK(e != NULL);
		if (e == NULL)
			break;
		lines = 0;
		for (q = w; q < e; q++)
			lines += *q == '\n';
		CHECK(lines > 4 && lines < 200);
	}
	CHECK_INT(n, 2);
	free(out);

	free(pdf);
	free(again);
	pagedoc_free(d);
}

/* Render d with stderr captured in errtext. */
static int
render_captured(struct pagedoc *d, unsigned char **pdf, size_t *len)
{
	int rc;

	harness_capture_begin();
	rc = pdfout_render(d, pdf, len);
	free(errtext);
	errtext = strdup(harness_capture_end());
	return rc;
}

/* A link to a missing anchor is a bug upstream: fatal, but the PDF is
 * still written, without that link. */
static void
t_bad_link(const struct fontset *fs)
{
	struct pagedoc *d = sample(fs, 1);
	unsigned char *pdf = NULL;
	size_t len = 0;
	unsigned before = diag_count(DIAG_FATAL);
	int rc;

	rc = render_captured(d, &pdf, &len);
	CHECK_INT(rc, 0);
	CHECK(pdf != NULL);
	CHECK_INT(diag_count(DIAG_FATAL), before + 1);
	CHECK_STR(errtext, "leafpress: fatal: page 1: a link leads to "
	    "'#nowhere', which is nowhere in the document; the link was left "
	    "out\n");
	free(pdf);
	pagedoc_free(d);
}

/* Without a date there are no dates; an empty document still works. */
static void
t_no_date(const struct fontset *fs)
{
	struct pagedoc *d = pagedoc_new(fs);
	unsigned char *pdf = NULL;
	size_t len = 0;
	char path[128], *out;
	int st;

	pagedoc_add_page(d, 200, 100);
	CHECK_INT(pdfout_render(d, &pdf, &len), 0);
	snprintf(path, sizeof(path), "%s/empty.pdf", dir);
	if (pdf != NULL)
		harness_write_file(path, pdf, len);
	out = run(&st, "qpdf --check %s", path);
	CHECK_INT(st, 0);
	free(out);
	/* read uncompressed: no dates, no outline, no font */
	out = run(&st, "qpdf --qdf --object-streams=disable %s -", path);
	CHECK_INT(st, 0);
	CHECK(strstr(out, "/Type /Catalog") != NULL);
	CHECK(strstr(out, "Date") == NULL);
	CHECK(strstr(out, "/Outlines 1") == NULL &&
	    strstr(out, "/FontFile2") == NULL);
	free(out);
	free(pdf);
	pagedoc_free(d);
}

/* Every kind of picture image.c produces reaches the PDF as it should. */
static void
t_pictures(const struct fontset *fs)
{
	static const struct {
		const char *file;
		const char *want;	/* pdfimages -list: type w h color
					   comp bpc enc */
	} pics[] = {
		{ "rgb.png", "image 24 16 rgb 3 8 image" },
		{ "interlaced.png", "image 24 16 rgb 3 8 image" },
		{ "rgba.png",
		    "image 6 4 rgb 3 8 image|smask 6 4 gray 1 8 image" },
		{ "gray.png", "image 5 3 gray 1 8 image" },
		{ "grayalpha.png",
		    "image 3 2 gray 1 8 image|smask 3 2 gray 1 8 image" },
		{ "palette.png",
		    "image 4 2 rgb 3 8 image|smask 4 2 gray 1 8 image" },
		{ "rgb16.png", "image 3 2 rgb 3 8 image" },
		{ "photo.jpg", "image 32 16 rgb 3 8 jpeg" },
		{ "progressive.jpg", "image 32 16 gray 1 8 jpeg" },
		{ "cmyk.jpg", "image 16 16 cmyk 4 8 jpeg" },
	};
	struct pagedoc *d = pagedoc_new(fs);
	struct page *pg = pagedoc_add_page(d, 595, 842);
	struct pitem it;
	unsigned char *pdf = NULL;
	size_t len = 0, i;
	char path[128], want[1024], got[1024], line[256], *out, *p, *nl;
	char type[16], color[16], enc[16];
	int st, w, h, comp, bpc, n;

	want[0] = '\0';
	for (i = 0; i < sizeof(pics) / sizeof(pics[0]); i++) {
		snprintf(path, sizeof(path), FIX "%s", pics[i].file);
		it = fixture_item(PI_IMAGE, 20 + 50 * (i % 10), 700, 40, 40);
		it.image = pagedoc_add_image(d, image_load(path, "t.md", 1, 1));
		page_add(pg, &it);
		snprintf(want + strlen(want), sizeof(want) - strlen(want),
		    "%s|", pics[i].want);
	}
	CHECK_INT(pdfout_render(d, &pdf, &len), 0);
	snprintf(path, sizeof(path), "%s/pictures.pdf", dir);
	if (pdf != NULL)
		harness_write_file(path, pdf, len);
	out = run(&st, "pdfimages -list %s", path);
	CHECK_INT(st, 0);
	got[0] = '\0';
	/* skip the two heading lines */
	for (p = out, n = 0; p != NULL && *p != '\0'; p = nl, n++) {
		nl = strchr(p, '\n');
		if (nl != NULL)
			*nl++ = '\0';
		if (n < 2)
			continue;
		if (sscanf(p, "%*d %*d %15s %d %d %15s %d %d %15s", type, &w,
		    &h, color, &comp, &bpc, enc) != 7)
			continue;
		snprintf(line, sizeof(line), "%s %d %d %s %d %d %s|", type, w,
		    h, color, comp, bpc, enc);
		strncat(got, line, sizeof(got) - strlen(got) - 1);
	}
	CHECK_STR(got, want);
	free(out);
	out = run(&st, "qpdf --check %s", path);
	CHECK_INT(st, 0);
	free(out);
	/* pdftoppm draws every picture without a complaint */
	out = run(&st, "pdftoppm -r 20 %s >/dev/null", path);
	CHECK_INT(st, 0);
	CHECK_STR(errtext, "");
	free(out);
	unlink(path);
	free(pdf);
	pagedoc_free(d);
}

/* Failures: reported once as fatal, -1, nothing leaked (ASan). */
static void
t_failures(const struct fontset *fs)
{
	struct pagedoc *d;
	struct image *bad;
	struct pitem it;
	unsigned char *pdf = (unsigned char *)"x";
	size_t len = 1;
	unsigned before;
	int rc;

	/* libharu refuses a title over 65535 bytes: its error code is
	   reported, and everything is freed */
	d = pagedoc_new(fs);
	d->title = malloc(70001);
	memset(d->title, 'x', 70000);
	d->title[70000] = '\0';
	page_text(pagedoc_add_page(d, 100, 100), ROLE_P, 1, 1, 10, 10,
	    F_REGULAR, 12, 0, "text", 20);
	before = diag_count(DIAG_FATAL);
	rc = render_captured(d, &pdf, &len);
	CHECK_INT(rc, -1);
	CHECK(pdf == NULL && len == 0);
	CHECK_INT(diag_count(DIAG_FATAL), before + 1);
	CHECK_STR(errtext, "leafpress: fatal: could not write the PDF: "
	    "writing the document information (libharu error 0x105B, "
	    "detail 0)\n");
	pagedoc_free(d);

	/* a "JPEG" libharu does not accept: it sets no error code */
	d = pagedoc_new(fs);
	bad = calloc(1, sizeof(*bad));
	bad->kind = IMAGE_JPEG;
	bad->width = bad->height = 8;
	bad->components = 3;
	bad->data = (unsigned char *)strdup("not a JPEG at all");
	bad->len = strlen((char *)bad->data);
	it = fixture_item(PI_IMAGE, 10, 10, 10, 10);
	it.image = pagedoc_add_image(d, bad);
	page_add(pagedoc_add_page(d, 100, 100), &it);
	before = diag_count(DIAG_FATAL);
	rc = render_captured(d, &pdf, &len);
	CHECK_INT(rc, -1);
	CHECK(pdf == NULL && len == 0);
	CHECK_INT(diag_count(DIAG_FATAL), before + 1);
	CHECK_STR(errtext, "leafpress: fatal: could not write the PDF: "
	    "embedding a JPEG picture (libharu gave no error code)\n");
	pagedoc_free(d);

	/* an impossible page size */
	d = pagedoc_new(fs);
	pagedoc_add_page(d, 0, 100);
	before = diag_count(DIAG_FATAL);
	rc = render_captured(d, &pdf, &len);
	CHECK_INT(rc, -1);
	CHECK_INT(diag_count(DIAG_FATAL), before + 1);
	CHECK_STR(errtext, "leafpress: fatal: could not write the PDF: page "
	    "1 has an impossible size (0 x 100 pt)\n");
	pagedoc_free(d);

	/* bugs upstream are reported and skipped, the PDF still written */
	d = pagedoc_new(fs);
	it = fixture_item(PI_IMAGE, 10, 10, 10, 10);
	it.image = 3;
	page_add(pagedoc_add_page(d, 100, 100), &it);
	page_text(&d->pages[0], ROLE_P, 1, 1, 10, 10, 99, 12, 0, "x", 5);
	page_text(&d->pages[0], ROLE_P, 1, 1, 10, 10, F_REGULAR, 0, 0, "y",
	    5);
	pagedoc_add_outline(d, 1, "Lost", 7, 0);
	pagedoc_add_label(d, 5, 'D', 1);
	before = diag_count(DIAG_FATAL);
	rc = render_captured(d, &pdf, &len);
	CHECK_INT(rc, 0);
	CHECK_INT(diag_count(DIAG_FATAL), before + 5);
	CHECK_STR(errtext,
	    "leafpress: fatal: bookmark \"Lost\" points to page 8 of 1; it "
	    "was left out\n"
	    "leafpress: fatal: page numbering from page 6 is out of place; it "
	    "was left out\n"
	    "leafpress: fatal: page 1: picture number 3 does not exist; it "
	    "was left out\n"
	    "leafpress: fatal: page 1: text uses font face 99, but there are "
	    "only 5 faces; the text was left out\n"
	    "leafpress: fatal: page 1: text \"y\" has an impossible size "
	    "(0 pt); it was left out\n");
	if (rc == 0)
		free(pdf);
	pagedoc_free(d);
}

int
main(void)
{
	struct fontset *fs;
	char path[128];

	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	fs = fixture_open_fonts();
	CHECK(fs != NULL);
	if (fs != NULL) {
		t_render(fs);
		t_bad_link(fs);
		t_no_date(fs);
		t_pictures(fs);
		t_failures(fs);
		fontset_free(fs);
	}
	snprintf(path, sizeof(path), "%s/sample.pdf", dir);
	if (getenv("T_PDFOUT_KEEP") == NULL) {
		unlink(path);
		snprintf(path, sizeof(path), "%s/sample-qdf.pdf", dir);
		unlink(path);
		snprintf(path, sizeof(path), "%s/empty.pdf", dir);
		unlink(path);
		snprintf(path, sizeof(path), "%s/stderr", dir);
		unlink(path);
		rmdir(dir);
	} else
		printf("files kept in %s\n", dir);
	free(errtext);
	return harness_done("t_pdfout");
}
