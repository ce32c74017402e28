/*
 * cli: options, their values, and where the layouts and fonts are.
 */
#include <sys/stat.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "cli.h"
#include "date.h"
#include "source.h"
#include "xalloc.h"
#include "yamlx.h"

#ifndef LEAFPRESS_DATADIR
#define LEAFPRESS_DATADIR "/usr/local/share/leafpress"
#endif

void
cli_usage(FILE *f)
{
	fputs(
"usage: leafpress build [options] [SLUG... | FILE.md...]\n"
"       leafpress check [options] [SLUG... | FILE.md...]\n"
"       leafpress watch [options] [SLUG...]\n"
"       leafpress init DIR\n"
"       leafpress --list-layouts | --help | --version\n"
"\n"
"build   typeset every therapy in CONTENT/therapies (or only the SLUGs or\n"
"        files named) into PDF handouts under OUT, then the booklet, its\n"
"        print edition and each clinic's set\n"
"check   validate all content, layouts and settings; write nothing\n"
"watch   build, then rebuild what changed each time a file is saved\n"
"init    write a new content folder DIR with one example leaflet\n"
"\n"
"options:\n"
"  --content DIR        content folder (default: content)\n"
"  --out DIR            output folder (default: output)\n"
"  --clinic NAME        build only this clinic's set (CONTENT/clinics/\n"
"                       NAME.yaml), not the default one; repeatable\n"
"  --only PART[,PART]   build only these parts: handouts, large-print,\n"
"                       booklet, print, html; repeatable\n"
"  -o, --output FILE    write the one handout named to FILE\n"
"  --layout NAME|FILE   build the handouts in this layout only\n"
"  --layouts DIR        where layout names are found\n"
"  --fonts DIR          where font files are found\n"
"  --list-layouts       list the layouts found, then exit\n"
"  --date YYYY-MM-DD    the date review deadlines are checked against\n"
"                       (default: SOURCE_DATE_EPOCH, or today)\n"
"  --allow-overdue      print handouts past their review date, marked\n"
"  --report FILE        write the readability report (JSON) to FILE\n"
"  --diagnostics FORM   short, full (with the source line) or json;\n"
"                       default: full on a terminal, else short\n"
"  --color WHEN         auto, always or never (default: auto)\n"
"  -j, --jobs N         PDFs rendered at once (default: 1)\n"
"  --dump               print the page model to standard output\n"
"  -q, --quiet          no progress display, notes or summary of what\n"
"                       was written\n"
"  -V, --version        print the version\n"
"  -h, --help           print this help\n"
"\n"
"exit status: 0 success, 1 content errors (the files concerned are not\n"
"written), 2 usage error, 3 system failure (disk, memory, PDF writer).\n"
"SOURCE_DATE_EPOCH fixes the dates written into the PDFs, so two builds\n"
"of the same content are byte-identical.\n", f);
}

static int usage_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

static int
usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("leafpress: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\n(leafpress --help lists the options)\n", stderr);
	return EXIT_USAGE;
}

static int
is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * A data folder (layouts, fonts): next to the binary (a checkout, where
 * ./leafpress sits beside layouts/), in the folder above it (a build
 * folder inside a checkout), in ../share/leafpress beside an installed
 * binary, and last the data folder compiled in by make install.
 */
static const char *
data_dir(const char *name, char *buf, size_t sz)
{
	char exe[PATH_MAX], real[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	static const char *const rel[] = { "", "/..", "/../share/leafpress" };
	size_t i;

	if (n > 0) {
		char *slash;

		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash != NULL)
			*slash = '\0';
		for (i = 0; i < sizeof(rel) / sizeof(rel[0]); i++) {
			if ((size_t)snprintf(buf, sz, "%s%s/%s", exe, rel[i],
			    name) < sz && is_dir(buf)) {
				/* said in messages: no "bin/.." */
				if (realpath(buf, real) != NULL &&
				    strlen(real) < sz)
					memcpy(buf, real, strlen(real) + 1);
				return buf;
			}
		}
	}
	snprintf(buf, sz, "%s/%s", LEAFPRESS_DATADIR, name);
	return buf;
}

/*
 * The layouts and fonts folders must exist: without them every layout
 * would be "cannot read", once per layout.  Said once, with where the
 * binary looked, as a usage error.
 */
static int
data_missing(const char *what, const char *dir, int given)
{
	if (is_dir(dir))
		return 0;
	if (given)
		fprintf(stderr, "leafpress: %s folder '%s' not found\n", what,
		    dir);
	else
		fprintf(stderr, "leafpress: no %s folder: there is none beside "
		    "the leafpress binary and none in the installed data "
		    "folder %s; run make install, or give the folder with "
		    "--%s DIR\n", what, LEAFPRESS_DATADIR, what);
	return 1;
}

/* "content/" as "content": file names in messages read content/x.md,
 * not content//x.md.  argv's strings are the program's to change. */
static char *
strip_slashes(char *dir)
{
	size_t n = strlen(dir);

	while (n > 1 && dir[n - 1] == '/')
		dir[--n] = '\0';
	return dir;
}

static const char *const part_names[] = {
	"handouts", "large-print", "booklet", "print", "html"
};

/* "handouts,booklet" into PART_* bits; 0 if a name is unknown. */
static unsigned
parse_parts(const char *v, const char **bad, char *badbuf, size_t sz)
{
	unsigned bits = 0;
	const char *p = v;

	while (*p != '\0') {
		size_t len = strcspn(p, ","), i;
		unsigned bit = 0;

		for (i = 0; i < sizeof(part_names) / sizeof(part_names[0]);
		    i++)
			if (strlen(part_names[i]) == len &&
			    strncmp(p, part_names[i], len) == 0)
				bit = 1u << i;
		if (bit == 0) {
			snprintf(badbuf, sz, "%.*s", (int)len, p);
			*bad = badbuf;
			return 0;
		}
		bits |= bit;
		p += len;
		if (*p == ',')
			p++;
	}
	return bits;
}

/* Options that take a value, long and short spellings. */
static const char *const valued[] = {
	"--content", "--out", "--layout", "--layouts", "--fonts", "--date",
	"--report", "--clinic", "--only", "--output", "-o", "--jobs", "-j",
	"--diagnostics", "--color", "--colour", NULL
};

int
cli_parse(struct cli *c, int argc, char **argv)
{
	struct build_opts *o = &c->o;
	const char *epoch, *date = NULL, *diagnostics = "auto";
	const char *color = "auto", *env;
	char badbuf[64];
	int i, first = 1;

	memset(c, 0, sizeof(*c));
	o->content_dir = "content";
	o->out_dir = "output";
	o->layouts_dir = NULL;
	o->fonts_dir = NULL;
	o->timestamp = -1;
	if (argc < 2) {
		cli_usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "build") == 0)
		c->cmd = CMD_BUILD;
	else if (strcmp(argv[1], "check") == 0)
		c->cmd = CMD_CHECK;
	else if (strcmp(argv[1], "watch") == 0)
		c->cmd = CMD_WATCH;
	else if (strcmp(argv[1], "init") == 0)
		c->cmd = CMD_INIT;
	else if (argv[1][0] == '-') {
		c->cmd = CMD_BUILD;	/* options alone: --help, -V... */
		first = 0;
	} else {
		fprintf(stderr, "leafpress: unknown command '%s' (commands: "
		    "build, check, watch, init)\n", argv[1]);
		return EXIT_USAGE;
	}
	o->slugs = xcalloc((size_t)argc, sizeof(char *));
	o->clinics = xcalloc((size_t)argc, sizeof(char *));
	for (i = first ? 2 : 1; i < argc; i++) {
		const char *a = argv[i], *eq;
		char *v = NULL;
		char name[32];
		size_t k;

		if (a[0] != '-' || strcmp(a, "-") == 0) {
			if (c->cmd == CMD_INIT) {
				if (c->init_dir != NULL)
					return usage_error("init takes one "
					    "folder, not '%s' and '%s'",
					    c->init_dir, a);
				c->init_dir = a;
			} else
				o->slugs[o->nslugs++] = argv[i];
			continue;
		}
		/* --name=value or --name value */
		eq = strncmp(a, "--", 2) == 0 ? strchr(a, '=') : NULL;
		/* -j2, -oFILE: a short option's value may follow at once */
		if ((a[1] == 'j' || a[1] == 'o') && a[2] != '\0')
			eq = a + 1;
		snprintf(name, sizeof(name), "%.*s", eq != NULL ?
		    (int)(eq - a) + (eq == a + 1) : (int)strlen(a), a);
		for (k = 0; valued[k] != NULL; k++)
			if (strcmp(name, valued[k]) == 0)
				break;
		if (valued[k] != NULL) {
			if (eq == a + 1)
				v = argv[i] + 2;
			else if (eq != NULL)
				v = argv[i] + (eq - a) + 1;
			else if (i + 1 < argc)
				v = argv[++i];
			else
				return usage_error("%s needs a value", name);
		} else if (eq != NULL)
			return usage_error("%s takes no value", name);
#define OPT(s) (strcmp(name, s) == 0)
		if (OPT("--content"))
			o->content_dir = strip_slashes(v);
		else if (OPT("--out"))
			o->out_dir = strip_slashes(v);
		else if (OPT("--layout"))
			o->layout = v;
		else if (OPT("--layouts"))
			o->layouts_dir = strip_slashes(v);
		else if (OPT("--fonts"))
			o->fonts_dir = strip_slashes(v);
		else if (OPT("--date"))
			date = v;
		else if (OPT("--report"))
			o->report = v;
		else if (OPT("--clinic"))
			o->clinics[o->nclinics++] = v;
		else if (OPT("--only")) {
			const char *bad = NULL;
			unsigned bits = parse_parts(v, &bad, badbuf,
			    sizeof(badbuf));

			if (bits == 0)
				return usage_error("--only: unknown part '%s' "
				    "(parts: handouts, large-print, booklet, "
				    "print, html)", bad != NULL ? bad : v);
			o->only |= bits;
		} else if (OPT("-o") || OPT("--output"))
			o->output = v;
		else if (OPT("-j") || OPT("--jobs")) {
			char *end;
			long n = strtol(v, &end, 10);

			if (*v == '\0' || *end != '\0' || n < 1 || n > 64)
				return usage_error("--jobs wants a number from "
				    "1 to 64, not '%s'", v);
			o->jobs = (int)n;
		} else if (OPT("--diagnostics"))
			diagnostics = v;
		else if (OPT("--color") || OPT("--colour"))
			color = v;
		else if (OPT("--allow-overdue"))
			o->allow_overdue = 1;
		else if (OPT("--dump"))
			o->dump = stdout;
		else if (OPT("-q") || OPT("--quiet"))
			c->quiet = o->quiet = 1;
		else if (OPT("--list-layouts"))
			c->cmd = CMD_LIST_LAYOUTS;
		else if (OPT("-h") || OPT("--help")) {
			c->cmd = CMD_HELP;
			return -1;
		} else if (OPT("-V") || OPT("--version")) {
			c->cmd = CMD_VERSION;
			return -1;
		} else
			return usage_error("unknown option '%s'", a);
#undef OPT
	}
	if (!first && c->cmd == CMD_BUILD)
		return usage_error("no command given (commands: build, check, "
		    "watch, init)");
	if (c->cmd == CMD_INIT && c->init_dir == NULL)
		return usage_error("init needs the folder to create, for "
		    "example: leafpress init my-leaflets");
	if (o->layouts_dir == NULL)
		o->layouts_dir = data_dir("layouts", c->layouts_buf,
		    sizeof(c->layouts_buf));
	if (o->fonts_dir == NULL)
		o->fonts_dir = data_dir("fonts", c->fonts_buf,
		    sizeof(c->fonts_buf));
	if (c->cmd == CMD_CHECK)
		o->check_only = 1;
	if (c->cmd == CMD_LIST_LAYOUTS && data_missing("layouts",
	    o->layouts_dir, o->layouts_dir != c->layouts_buf))
		return EXIT_USAGE;

	/* how diagnostics look */
	if (strcmp(diagnostics, "auto") == 0)
		c->format = isatty(2) ? DIAG_FULL : DIAG_SHORT;
	else if (strcmp(diagnostics, "short") == 0)
		c->format = DIAG_SHORT;
	else if (strcmp(diagnostics, "full") == 0)
		c->format = DIAG_FULL;
	else if (strcmp(diagnostics, "json") == 0)
		c->format = DIAG_JSON;
	else
		return usage_error("--diagnostics wants short, full or json, "
		    "not '%s'", diagnostics);
	env = getenv("NO_COLOR");
	if (strcmp(color, "auto") == 0)
		c->colour = isatty(2) && (env == NULL || *env == '\0') &&
		    ((env = getenv("TERM")) == NULL || strcmp(env, "dumb"));
	else if (strcmp(color, "always") == 0)
		c->colour = 1;
	else if (strcmp(color, "never") == 0)
		c->colour = 0;
	else
		return usage_error("--color wants auto, always or never, not "
		    "'%s'", color);

	epoch = getenv("SOURCE_DATE_EPOCH");
	if (epoch != NULL && *epoch != '\0') {
		char *end;
		long long t = strtoll(epoch, &end, 10);

		if (*end != '\0' || t < 0)
			return usage_error("SOURCE_DATE_EPOCH must be a number "
			    "of seconds, not '%s'", epoch);
		if (t > 253402300799LL)	/* 9999-12-31T23:59:59Z */
			return usage_error("SOURCE_DATE_EPOCH %s is after the "
			    "year 9999, which a PDF date cannot hold", epoch);
		o->timestamp = t;
	} else
		o->timestamp = (long long)time(NULL);
	if (date != NULL) {
		o->today = date_parse_iso(date);
		if (o->today < 0)
			return usage_error("--date wants a real date written "
			    "YYYY-MM-DD, not '%s'", date);
	} else
		o->today = (long)(o->timestamp / 86400);
	o->progress = !c->quiet && o->dump == NULL && isatty(2) &&
	    c->format != DIAG_JSON;
	return -1;
}

/* The names NAME of DIR/NAME.SUFFIX, sorted, comma-separated. */
static char *
names_in(const char *dir, const char *suffix)
{
	char **v = source_list(dir, suffix, NULL);
	struct buf b;
	int i;

	buf_init(&b);
	for (i = 0; v[i] != NULL; i++)
		buf_printf(&b, "%s%s", i > 0 ? ", " : "", v[i]);
	source_list_free(v);
	return buf_take(&b);
}

static int
is_path(const char *a)
{
	size_t n = strlen(a);

	return strchr(a, '/') != NULL || (n > 3 && strcmp(a + n - 3, ".md")
	    == 0);
}

/* The therapy in dir nearest to slug (a slip of a letter or two). */
static char *
near_slug(const char *dir, const char *slug)
{
	char **v = source_list(dir, ".md", NULL), *best = NULL;
	int i, d, bestd = 3;

	for (i = 0; v[i] != NULL; i++)
		if ((d = yamlx_distance(v[i], slug)) < bestd) {
			bestd = d;
			best = v[i];
		}
	best = best != NULL ? xstrdup(best) : NULL;
	source_list_free(v);
	return best;
}

/*
 * What to build: all SLUGs (names in CONTENT/therapies) or all files
 * (a path, or a name ending in .md), each one there.  A name that is not
 * there is a usage error, said before anything is read.
 */
static int
check_inputs(const struct build_opts *o)
{
	char *dir = xasprintf("%s/therapies", o->content_dir), *path, *near;
	int i, rc = -1, by_path = o->nslugs > 0 && is_path(o->slugs[0]);

	for (i = 0; i < o->nslugs; i++) {
		const char *a = o->slugs[i];

		if (is_path(a) != by_path) {
			fprintf(stderr, "leafpress: '%s' and '%s': name either "
			    "therapies (SLUG) or files (FILE.md), not both\n",
			    o->slugs[0], a);
			rc = EXIT_USAGE;
			break;
		}
		if (by_path) {
			if (access(a, F_OK) != 0) {
				fprintf(stderr, "leafpress: file '%s' not "
				    "found\n", a);
				rc = EXIT_USAGE;
			}
			continue;
		}
		path = xasprintf("%s/%s.md", dir, a);
		if (access(path, F_OK) != 0) {
			char *names = names_in(dir, ".md");

			near = near_slug(dir, a);
			if (near != NULL)
				fprintf(stderr, "leafpress: no therapy '%s' (no "
				    "file %s): did you mean '%s'?\n", a, path,
				    near);
			else
				fprintf(stderr, "leafpress: no therapy '%s' (no "
				    "file %s); therapies: %s\n", a, path,
				    names[0] != '\0' ? names : "none");
			free(near);
			free(names);
			rc = EXIT_USAGE;
		}
		free(path);
	}
	free(dir);
	return rc;
}

int
cli_check(struct cli *c)
{
	struct build_opts *o = &c->o;
	char *path, *names;
	int i, rc = -1;

	if (!is_dir(o->content_dir)) {
		fprintf(stderr, "leafpress: content folder '%s' not found: "
		    "give the folder with --content, or create one with "
		    "leafpress init %s\n", o->content_dir, o->content_dir);
		return EXIT_USAGE;
	}
	/* the fonts folder may be missing when the layouts name fonts
	 * that fontconfig finds */
	if (data_missing("layouts", o->layouts_dir,
	    o->layouts_dir != c->layouts_buf) ||
	    (o->fonts_dir != c->fonts_buf &&
	    data_missing("fonts", o->fonts_dir, 1)))
		return EXIT_USAGE;
	if (o->layout != NULL) {
		size_t len = strlen(o->layout);

		if (strchr(o->layout, '/') != NULL ||
		    (len > 5 && strcmp(o->layout + len - 5, ".yaml") == 0))
			path = xstrdup(o->layout);
		else
			path = xasprintf("%s/%s.yaml", o->layouts_dir,
			    o->layout);
		if (access(path, R_OK) != 0) {
			names = names_in(o->layouts_dir, ".yaml");
			fprintf(stderr, "leafpress: unknown layout '%s' (no "
			    "file %s); layouts: %s\n", o->layout, path,
			    names[0] != '\0' ? names : "none found");
			free(names);
			rc = EXIT_USAGE;
		}
		free(path);
	}
	for (i = 0; i < o->nclinics; i++) {
		path = xasprintf("%s/clinics/%s.yaml", o->content_dir,
		    o->clinics[i]);
		if (access(path, R_OK) != 0) {
			char *dir = xasprintf("%s/clinics", o->content_dir);

			names = names_in(dir, ".yaml");
			fprintf(stderr, "leafpress: unknown clinic '%s' (no "
			    "file %s); clinics: %s\n", o->clinics[i], path,
			    names[0] != '\0' ? names : "none");
			free(names);
			free(dir);
			rc = EXIT_USAGE;
		}
		free(path);
	}
	if (check_inputs(o) == EXIT_USAGE)
		rc = EXIT_USAGE;
	if (o->output != NULL && o->nslugs != 1) {
		fprintf(stderr, "leafpress: -o writes one handout: name "
		    "exactly one SLUG or FILE.md (%d given)\n", o->nslugs);
		rc = EXIT_USAGE;
	}
	if (o->output != NULL && o->nclinics > 1) {
		fputs("leafpress: -o writes one handout: give at most one "
		    "--clinic\n", stderr);
		rc = EXIT_USAGE;
	}
	if (o->output != NULL && o->only != 0 &&
	    (o->only & (PART_HANDOUTS | PART_LARGE_PRINT)) == 0) {
		fputs("leafpress: -o writes one handout: --only must include "
		    "handouts or large-print\n", stderr);
		rc = EXIT_USAGE;
	}
	return rc;
}

void
cli_free(struct cli *c)
{
	free(c->o.slugs);
	free((void *)c->o.clinics);
	c->o.slugs = NULL;
	c->o.clinics = NULL;
}

/* The first comment line of a layout: "# name: what it is". */
static void
describe(const char *path, char *buf, size_t sz)
{
	FILE *f = source_fopen(path);	/* a FIFO would wait forever */
	char line[512], *p;

	buf[0] = '\0';
	if (f == NULL)
		return;
	if (fgets(line, sizeof(line), f) != NULL && line[0] == '#') {
		p = strchr(line, ':');
		p = p != NULL ? p + 1 : line + 1;
		while (*p == ' ')
			p++;
		p[strcspn(p, "\n")] = '\0';
		snprintf(buf, sz, "%.*s", (int)(sz - 1), p);
	}
	fclose(f);
}

int
cli_list_layouts(const char *dir)
{
	char **names = source_list(dir, ".yaml", NULL), desc[512];
	int i;

	if (names[0] == NULL) {
		fprintf(stderr, "leafpress: no layouts in %s\n", dir);
		source_list_free(names);
		return EXIT_USAGE;
	}
	for (i = 0; names[i] != NULL; i++) {
		char *path = xasprintf("%s/%s.yaml", dir, names[i]);

		describe(path, desc, sizeof(desc));
		printf("%-16s %s\n", names[i], desc);
		free(path);
	}
	printf("(in %s)\n", dir);
	source_list_free(names);
	return EXIT_OK;
}
