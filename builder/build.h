/*
 * build: the batch.  Reads the site settings, references, glossary and
 * every therapy file, validates everything, and (unless checking only)
 * typesets each handout in each layout and writes the PDFs atomically.
 */
#ifndef BUILDER_BUILD_H
#define BUILDER_BUILD_H

#include <stdio.h>

/* Exit codes (documented in the README and --help). */
#define EXIT_OK		0
#define EXIT_CONTENT	1	/* content errors: some files not written */
#define EXIT_USAGE	2	/* bad command line */
#define EXIT_SYSTEM	3	/* I/O, memory, PDF library failure */

/* The parts of a build (--only); 0 means all of them. */
#define PART_HANDOUTS	0x01	/* every layout that is not large print */
#define PART_LARGE_PRINT 0x02	/* large-print layouts */
#define PART_BOOKLET	0x04	/* booklet.pdf */
#define PART_PRINT	0x08	/* booklet-print.pdf, the imposed booklet */
#define PART_HTML	0x10	/* the web edition */
#define PART_ALL	0x1f

struct build_opts {
	const char	*content_dir;	/* default "content" */
	const char	*out_dir;	/* default "output" */
	const char	*layout;	/* name or file; NULL = site.yaml's list */
	const char	*layouts_dir;	/* where layout names are looked up */
	const char	*fonts_dir;
	const char     **slugs;		/* only these therapies; NULL = all */
	int		 nslugs;
	int		 check_only;	/* validate, write nothing */
	int		 allow_overdue;
	long		 today;		/* days since 1970-01-01 */
	long long	 timestamp;	/* PDF dates, seconds; -1 = none */
	int		 progress;	/* show progress (a terminal) */
	FILE		*dump;		/* write the page model here, or NULL */
	const char	*report;	/* readability report (JSON) path */
	const char     **clinics;	/* only these clinics' sets (and not
					   the default set); NULL = all */
	int		 nclinics;
	unsigned	 only;		/* PART_* to build; 0 = all */
	const char	*output;	/* -o: the one PDF, for one input */
	int		 jobs;		/* renderers at once; 0 = one per
					   processor */
	int		 quiet;		/* no summary of what was written */
};

/* Run the batch; returns an EXIT_* code. */
int	 build_run(const struct build_opts *);

#endif
