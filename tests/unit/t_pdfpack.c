/*
 * t_pdfpack: a small file laid out as the PDF library writes one
 * (tests/fuzz/corpus/pdfpack/page.pdf) packed; what pdfpack refuses.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdfpack.h"
#include "zip.h"

#include "harness.h"

static void
t_pack(void)
{
	unsigned char *in, *out = NULL;
	size_t len, outlen;
	unsigned page = 3, contents = 4, missing = 9;
	struct zip *zip = zip_new();

	in = (unsigned char *)harness_read_file(
	    "tests/fuzz/corpus/pdfpack/page.pdf", &len);
	CHECK(in != NULL && len > 0 && zip != NULL);
	if (in == NULL || zip == NULL) {
		free(in);
		zip_free(zip);
		return;
	}
	CHECK_INT(pdfpack(in, len, NULL, 0, zip, &out, &outlen), 0);
	if (out != NULL) {
		CHECK(outlen > 9 && memcmp(out, "%PDF-1.7\n", 9) == 0);
		CHECK(harness_has_bytes(out, outlen, "/Type/ObjStm"));
		CHECK(harness_has_bytes(out, outlen, "/Type/XRef"));
		/* the page's /Length was an object; now it is a number */
		CHECK(!harness_has_bytes(out, outlen, "5 0 R"));
		CHECK(harness_has_bytes(out, outlen, "4 0 obj\n<</Length "));
		free(out);
		out = NULL;
	}
	/* a stream the caller compressed: marked, its bytes copied */
	CHECK_INT(pdfpack(in, len, &contents, 1, zip, &out, &outlen), 0);
	if (out != NULL) {
		CHECK(harness_has_bytes(out, outlen, "0 0 m 100 100 l S"));
		CHECK(harness_has_bytes(out, outlen, "/Filter/FlateDecode"));
		free(out);
		out = NULL;
	}
	/* not a stream, or no such object: refused */
	CHECK_INT(pdfpack(in, len, &page, 1, zip, &out, &outlen), 1);
	CHECK(out == NULL);
	CHECK_INT(pdfpack(in, len, &missing, 1, zip, &out, &outlen), 1);
	/* cut short anywhere: refused, never read past the end */
	CHECK_INT(pdfpack(in, len - 30, NULL, 0, zip, &out, &outlen), 1);
	CHECK_INT(pdfpack(in, len / 2, NULL, 0, zip, &out, &outlen), 1);
	CHECK_INT(pdfpack(in, 40, NULL, 0, zip, &out, &outlen), 1);
	CHECK(out == NULL);
	free(in);
	zip_free(zip);
}

int
main(void)
{
	t_pack();
	return harness_done("t_pdfpack");
}
