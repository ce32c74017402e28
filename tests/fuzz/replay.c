/*
 * replay: a main() for a fuzz harness without libFuzzer, so "make check"
 * builds every harness with the normal compiler (a harness that no longer
 * compiles is found at once, not at the next fuzzing run) and runs it once
 * over each file of its seed corpus.
 *
 *   replay_markdown tests/fuzz/corpus/markdown/FILE...
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"

int
main(int argc, char **argv)
{
	int i, runs = 0;

	LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		uint8_t *data = NULL;
		size_t len = 0, cap = 0, n;

		if (f == NULL) {
			perror(argv[i]);
			return 1;
		}
		do {
			if (cap - len < 4096) {
				cap = cap * 2 + 4096;
				if ((data = realloc(data, cap)) == NULL) {
					perror("realloc");
					return 1;
				}
			}
			n = fread(data + len, 1, cap - len, f);
			len += n;
		} while (n > 0);
		fclose(f);
		LLVMFuzzerTestOneInput(data, len);
		free(data);
		runs++;
	}
	printf("replay: %d passed, 0 failed\n", runs);
	return 0;
}
