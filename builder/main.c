/*
 * main: the leafpress command line.
 *
 *   leafpress build [options] [SLUG...]   write the handouts
 *   leafpress check [options] [SLUG...]   validate everything, write nothing
 *   leafpress watch [options] [SLUG...]   build, then rebuild on each save
 *   leafpress init DIR                    a new content folder
 */
#include <sys/mman.h>

#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "build.h"
#include "cli.h"
#include "diag.h"
#include "init.h"
#include "watch.h"

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE	23	/* Linux 5.14; older kernels refuse it */
#endif

/* The first few megabytes of heap every build uses: grown, faulted in by
 * one system call, and freed again into malloc's keeping.  Taken page by
 * page, the faults were a fifth of a one-handout build (a fault is costly,
 * most of all in a virtual machine); a kernel without the call just
 * leaves the pages to be faulted in as before. */
#define HEAP_START	(4 << 20)

static void
heap_prepare(void)
{
	char *h;
	uintptr_t from, to;

	if ((h = malloc(HEAP_START)) == NULL)
		return;
	from = ((uintptr_t)h + 4095) & ~(uintptr_t)4095;
	to = ((uintptr_t)h + HEAP_START) & ~(uintptr_t)4095;
	(void)madvise((void *)from, to - from, MADV_POPULATE_WRITE);
	free(h);
}

int
main(int argc, char *argv[])
{
	struct cli c;
	int rc;

	/* One document after another: memory one frees is kept for the
	 * next, not handed back to the system to be faulted in again (a
	 * tenth of a build's time went on page faults) */
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	mallopt(M_MMAP_THRESHOLD, 16 << 20);
	rc = cli_parse(&c, argc, argv);
	if (rc >= 0) {
		cli_free(&c);
		return rc;
	}
	diag_set_format(c.format, c.colour);
	diag_set_notes(!c.quiet);
	switch (c.cmd) {
	case CMD_HELP:
		cli_usage(stdout);
		rc = EXIT_OK;
		break;
	case CMD_VERSION:
		printf("leafpress %s\n", LEAFPRESS_VERSION);
		rc = EXIT_OK;
		break;
	case CMD_LIST_LAYOUTS:
		rc = cli_list_layouts(c.o.layouts_dir);
		break;
	case CMD_INIT:
		rc = init_content(c.init_dir);
		break;
	case CMD_WATCH:
		heap_prepare();
		rc = cli_check(&c);
		if (rc < 0)
			rc = watch_run(&c.o);
		break;
	case CMD_BUILD:
	case CMD_CHECK:
		heap_prepare();
		rc = cli_check(&c);
		if (rc >= 0)
			break;
		rc = build_run(&c.o);
		diag_summary();
		break;
	}
	diag_reset();
	cli_free(&c);
	return rc;
}
