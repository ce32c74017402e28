/*
 * safepath: containment of configured paths and the safety of the paths
 * written to.
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build.h"
#include "diag.h"
#include "safepath.h"
#include "xalloc.h"

/*
 * The absolute form of path with "." and ".." taken lexically and links
 * resolved for the longest part that exists: a file not yet written is
 * placed where its folder really is.  Caller frees.
 */
static char *
absolute(const char *path)
{
	char cwd[PATH_MAX], *full, *out, *p, *rest, *real, *save;
	size_t o = 0, n;

	if (path[0] == '/')
		full = xstrdup(path);
	else if (getcwd(cwd, sizeof(cwd)) != NULL)
		full = xasprintf("%s/%s", cwd, path);
	else
		full = xasprintf("./%s", path);
	/* lexical: drop "." and empty parts, ".." removes one part */
	out = xmalloc(strlen(full) + 2);
	out[0] = '\0';
	for (p = strtok_r(full, "/", &save); p != NULL;
	    p = strtok_r(NULL, "/", &save)) {
		if (strcmp(p, ".") == 0)
			continue;
		if (strcmp(p, "..") == 0) {
			while (o > 0 && out[o - 1] != '/')
				o--;
			if (o > 0)
				o--;
			out[o] = '\0';
			continue;
		}
		n = strlen(p);
		out[o++] = '/';
		memcpy(out + o, p, n);
		o += n;
		out[o] = '\0';
	}
	free(full);
	if (o == 0)
		strcpy(out, "/");
	/* links: resolve the longest part that exists */
	n = strlen(out);
	for (;;) {
		char c = out[n];

		out[n] = '\0';
		real = realpath(n > 0 ? out : "/", NULL);
		out[n] = c;
		if (real != NULL) {
			rest = xasprintf("%s%s", strcmp(real, "/") == 0 ? "" :
			    real, out + n);
			free(real);
			free(out);
			if (rest[0] == '\0') {
				free(rest);
				rest = xstrdup("/");
			}
			return rest;
		}
		if (n == 0)
			return out;
		while (n > 0 && out[n - 1] != '/')	/* to the last slash */
			n--;
		if (n > 0)
			n--;
	}
}

/* Is a (absolute) b or below it? */
static int
below(const char *a, const char *b)
{
	size_t n = strlen(b);

	if (strcmp(b, "/") == 0)
		return 1;
	return strncmp(a, b, n) == 0 && (a[n] == '/' || a[n] == '\0');
}

int
safepath_inside(const char *root, const char *path)
{
	char *r = absolute(root), *p = absolute(path);
	int in = below(p, r);

	free(r);
	free(p);
	return in;
}

/* The folders whose files leafpress reads: never written into. */
struct guarded {
	const char	*what;
	const char	*dir;
};

/*
 * One file named on the command line to be written (--report, -o):
 * not empty, not a device, pipe or folder, ending in suffix, outside the
 * folders read.  Returns 1 if bad (reported).
 */
static int
bad_target(const char *opt, const char *path, const char *suffix,
    const struct guarded *g, size_t ng)
{
	struct stat st;
	size_t i, n = strlen(path), k = strlen(suffix);
	char *abs, *dir;
	int bad = 0;

	if (n == 0) {
		diag_error(NULL, 0, 0, "%s needs the name of a file, not an "
		    "empty one", opt);
		return 1;
	}
	if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode) &&
	    (!S_ISLNK(st.st_mode) || stat(path, &st) != 0 ||
	    !S_ISREG(st.st_mode))) {
		diag_error(NULL, 0, 0, "%s %s: this is %s, not a regular "
		    "file; give the name of a %s file", opt, path,
		    S_ISDIR(st.st_mode) ? "a folder" : S_ISLNK(st.st_mode) ?
		    "a link to nothing" : "a device, pipe or socket", suffix);
		return 1;
	}
	if (n <= k || strcmp(path + n - k, suffix) != 0 ||
	    path[n - k - 1] == '/') {
		diag_error(NULL, 0, 0, "%s %s: give a file name ending in %s, "
		    "so it can never replace a leaflet or a source file", opt,
		    path, suffix);
		return 1;
	}
	abs = absolute(path);
	for (i = 0; i < ng; i++) {
		dir = absolute(g[i].dir);
		if (below(abs, dir)) {
			diag_error(NULL, 0, 0, "%s %s: this is inside the %s "
			    "%s; write it elsewhere", opt, path, g[i].what,
			    g[i].dir);
			bad = 1;
		}
		free(dir);
	}
	free(abs);
	return bad;
}

int
safepath_check_options(const struct build_opts *o)
{
	const struct guarded g[] = {
		{ "content folder", o->content_dir },
		{ "layouts folder", o->layouts_dir },
		{ "fonts folder", o->fonts_dir },
	};
	char *out, *dir;
	size_t i;
	int bad = 0;

	if (o->out_dir[0] == '\0') {
		diag_error(NULL, 0, 0, "--out needs the name of a folder, not "
		    "an empty one");
		bad = 1;
	}
	out = absolute(o->out_dir[0] != '\0' ? o->out_dir : ".");
	for (i = 0; i < sizeof(g) / sizeof(g[0]) && !o->check_only &&
	    o->out_dir[0] != '\0'; i++) {
		dir = absolute(g[i].dir);
		if (below(out, dir) || below(dir, out)) {
			diag_error(NULL, 0, 0, "--out %s: the output folder "
			    "and the %s %s overlap, so a leaflet could "
			    "replace a source file; choose an output folder "
			    "of its own", o->out_dir, g[i].what, g[i].dir);
			bad = 1;
		}
		free(dir);
	}
	if (o->output != NULL && !o->check_only)
		bad |= bad_target("-o", o->output, ".pdf", g,
		    sizeof(g) / sizeof(g[0]));
	if (o->report != NULL) {
		if (bad_target("--report", o->report, ".json", g,
		    sizeof(g) / sizeof(g[0])))
			bad = 1;
		else if (!o->check_only && o->out_dir[0] != '\0') {
			char *rep = absolute(o->report);

			if (below(rep, out)) {
				diag_error(NULL, 0, 0, "--report %s: this is "
				    "inside the output folder %s, among the "
				    "leaflets; write the report elsewhere",
				    o->report, o->out_dir);
				bad = 1;
			}
			free(rep);
		}
	}
	free(out);
	return bad ? -1 : 0;
}
