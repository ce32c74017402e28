/*
 * main: the leafpress command line.
 *
 *   leafpress build [options] [SLUG...]   write the handouts
 *   leafpress check [options] [SLUG...]   validate everything, write nothing
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "build.h"
#include "diag.h"

#ifndef LEAFPRESS_VERSION
#define LEAFPRESS_VERSION "0.1.0"
#endif
#ifndef LEAFPRESS_DATADIR
#define LEAFPRESS_DATADIR "/usr/local/share/leafpress"
#endif

static void
usage(FILE *f)
{
	fputs(
"usage: leafpress build [options] [SLUG...]\n"
"       leafpress check [options] [SLUG...]\n"
"       leafpress --help | --version\n"
"\n"
"build   typeset every therapy in CONTENT/therapies (or only the SLUGs\n"
"        named) into PDF handouts under OUT\n"
"check   validate all content, layouts and settings; write nothing\n"
"\n"
"options:\n"
"  --content DIR      content folder (default: content)\n"
"  --out DIR          output folder (default: output)\n"
"  --layout NAME|FILE layout to use (default: the layouts in site.yaml,\n"
"                     or handout-a4)\n"
"  --layouts DIR      where layout names are found (default: layouts)\n"
"  --fonts DIR        where font files are found (default: fonts)\n"
"  --date YYYY-MM-DD  the date review deadlines are checked against\n"
"                     (default: SOURCE_DATE_EPOCH, or today)\n"
"  --allow-overdue    print handouts past their review date, marked\n"
"  --report FILE      write the readability report (JSON) to FILE\n"
"  --dump             print the page model to standard output\n"
"  -q, --quiet        no progress display\n"
"\n"
"exit status: 0 success, 1 content errors (the files concerned are not\n"
"written), 2 usage error, 3 system failure (disk, memory, PDF writer).\n"
"SOURCE_DATE_EPOCH fixes the dates written into the PDFs, so two builds\n"
"of the same content are byte-identical.\n", f);
}

/* Days since 1970-01-01 of a YYYY-MM-DD string, -1 if invalid. */
static long
parse_date(const char *s)
{
	int y, m, d, n = 0;
	long days;
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int leap;

	if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 ||
	    s[n] != '\0' || m < 1 || m > 12 || d < 1 || y < 1970)
		return -1;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (d > mdays[m - 1] + (m == 2 && leap))
		return -1;
	/* days from civil (Howard Hinnant's algorithm) */
	y -= m <= 2;
	{
		long era = y / 400;
		long yoe = y - era * 400;
		long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
		long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

		days = era * 146097 + doe - 719468;
	}
	return days;
}

static int
is_dir(const char *p)
{
	return access(p, X_OK) == 0;
}

/* A data folder: ./NAME if it exists, else the installed copy. */
static const char *
data_dir(const char *name, char *buf, size_t sz)
{
	if (is_dir(name))
		return name;
	snprintf(buf, sz, "%s/%s", LEAFPRESS_DATADIR, name);
	return buf;
}

int
main(int argc, char *argv[])
{
	struct build_opts o;
	const char *cmd, *epoch, *date = NULL;
	char lbuf[512], fbuf[512];
	int i, quiet = 0, rc;

	memset(&o, 0, sizeof(o));
	o.content_dir = "content";
	o.out_dir = "output";
	o.layouts_dir = data_dir("layouts", lbuf, sizeof(lbuf));
	o.fonts_dir = data_dir("fonts", fbuf, sizeof(fbuf));
	o.timestamp = -1;

	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
		usage(stdout);
		return EXIT_OK;
	}
	if (strcmp(cmd, "--version") == 0) {
		printf("leafpress %s\n", LEAFPRESS_VERSION);
		return EXIT_OK;
	}
	if (strcmp(cmd, "build") == 0)
		o.check_only = 0;
	else if (strcmp(cmd, "check") == 0)
		o.check_only = 1;
	else {
		fprintf(stderr, "leafpress: unknown command '%s'\n", cmd);
		usage(stderr);
		return EXIT_USAGE;
	}
	o.slugs = calloc((size_t)argc, sizeof(char *));
	if (o.slugs == NULL)
		return EXIT_SYSTEM;
	for (i = 2; i < argc; i++) {
		const char *a = argv[i];
		int has_arg = i + 1 < argc;

#define OPT(name) (strcmp(a, name) == 0)
		if ((OPT("--content") || OPT("--out") || OPT("--layout") ||
		    OPT("--layouts") || OPT("--fonts") || OPT("--date") ||
		    OPT("--report")) &&
		    !has_arg) {
			fprintf(stderr, "leafpress: %s needs a value\n", a);
			free(o.slugs);
			return EXIT_USAGE;
		}
		if (OPT("--content"))
			o.content_dir = argv[++i];
		else if (OPT("--out"))
			o.out_dir = argv[++i];
		else if (OPT("--layout"))
			o.layout = argv[++i];
		else if (OPT("--layouts"))
			o.layouts_dir = argv[++i];
		else if (OPT("--fonts"))
			o.fonts_dir = argv[++i];
		else if (OPT("--date"))
			date = argv[++i];
		else if (OPT("--report"))
			o.report = argv[++i];
		else if (OPT("--allow-overdue"))
			o.allow_overdue = 1;
		else if (OPT("--dump"))
			o.dump = stdout;
		else if (OPT("-q") || OPT("--quiet"))
			quiet = 1;
		else if (OPT("--help")) {
			usage(stdout);
			free(o.slugs);
			return EXIT_OK;
		} else if (a[0] == '-') {
			fprintf(stderr, "leafpress: unknown option '%s'\n", a);
			usage(stderr);
			free(o.slugs);
			return EXIT_USAGE;
		} else
			o.slugs[o.nslugs++] = argv[i];
#undef OPT
	}

	epoch = getenv("SOURCE_DATE_EPOCH");
	if (epoch != NULL && *epoch != '\0') {
		char *end;
		long long v = strtoll(epoch, &end, 10);

		if (*end != '\0' || v < 0) {
			fprintf(stderr, "leafpress: SOURCE_DATE_EPOCH must be "
			    "a number of seconds, not '%s'\n", epoch);
			free(o.slugs);
			return EXIT_USAGE;
		}
		o.timestamp = v;
	} else
		o.timestamp = (long long)time(NULL);
	if (date != NULL) {
		o.today = parse_date(date);
		if (o.today < 0) {
			fprintf(stderr, "leafpress: --date wants a real date "
			    "written YYYY-MM-DD, not '%s'\n", date);
			free(o.slugs);
			return EXIT_USAGE;
		}
	} else
		o.today = (long)(o.timestamp / 86400);
	o.progress = !quiet && o.dump == NULL && isatty(2);

	rc = build_run(&o);
	diag_summary();
	free(o.slugs);
	return rc;
}
