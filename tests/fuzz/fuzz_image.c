/*
 * fuzz_image: bytes as a picture -> image_load_mem (PNG decoding through
 * libpng, JPEG marker walk).
 */
#include "image.h"

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
	struct image *img;
	size_t i, n;
	unsigned sum = 0;

	diag_reset();
	img = image_load_mem(data, len, "fuzz.md", 1, 1);
	if (img != NULL && img->kind == IMAGE_RAW) {
		/* touch every byte the header promises */
		n = (size_t)img->width * (size_t)img->height;
		for (i = 0; i < n * (size_t)img->components; i++)
			sum += img->pixels[i];
		for (i = 0; img->alpha != NULL && i < n; i++)
			sum += img->alpha[i];
	} else if (img != NULL)
		for (i = 0; i < img->len; i++)
			sum += img->data[i];
	image_free(img);
	return (int)(sum & 0);
}
