/*
 * fuzz_pdfpack: bytes as the file the PDF library wrote -> pdfpack
 * (parsing the xref table, the objects and their dictionaries, then
 * packing).  The first byte, when odd, also names the object after the
 * header's as one the caller compressed, so that path is walked too.
 */
#include "pdfpack.h"
#include "zip.h"

#include "fuzz.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	diag_set_quiet(1);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	unsigned char *out = NULL;
	size_t outlen = 0;
	unsigned deflated[1] = { 1 };
	struct zip *zip = zip_new();
	int rc;

	if (zip == NULL)
		abort();
	rc = pdfpack(data, len, deflated, len > 0 && (data[0] & 1) == 0 ?
	    1 : 0, zip, &out, &outlen);
	zip_free(zip);
	if (rc == 0 && (outlen < 9 || memcmp(out, "%PDF-1.7\n", 9) != 0))
		abort();
	if (rc != 0 && out != NULL)
		abort();
	free(out);
	return 0;
}
