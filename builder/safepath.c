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

int
safepath_check_options(const struct build_opts *o)
{
	const struct guarded g[] = {
		{ "content folder", o->content_dir },
		{ "layouts folder", o->layouts_dir },
		{ "fonts folder", o->fonts_dir },
	};
	struct stat st;
	char *out, *rep, *dir;
	size_t i, n;
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
	if (o->report == NULL) {
		free(out);
		return bad ? -1 : 0;
	}
	n = strlen(o->report);
	if (n == 0) {
		diag_error(NULL, 0, 0, "--report needs the name of a file, "
		    "not an empty one");
		free(out);
		return -1;
	}
	if (lstat(o->report, &st) == 0 && !S_ISREG(st.st_mode) &&
	    (!S_ISLNK(st.st_mode) || stat(o->report, &st) != 0 ||
	    !S_ISREG(st.st_mode))) {
		diag_error(NULL, 0, 0, "--report %s: this is %s, not a "
		    "regular file; give the name of a .json file", o->report,
		    S_ISDIR(st.st_mode) ? "a folder" : S_ISLNK(st.st_mode) ?
		    "a link to nothing" : "a device, pipe or socket");
		bad = 1;
	} else if (n < 6 || strcmp(o->report + n - 5, ".json") != 0) {
		diag_error(NULL, 0, 0, "--report %s: the report is JSON; give "
		    "a file name ending in .json, so it can never replace a "
		    "leaflet or a source file", o->report);
		bad = 1;
	} else {
		rep = absolute(o->report);
		for (i = 0; i < sizeof(g) / sizeof(g[0]); i++) {
			dir = absolute(g[i].dir);
			if (below(rep, dir)) {
				diag_error(NULL, 0, 0, "--report %s: this is "
				    "inside the %s %s; write the report "
				    "elsewhere", o->report, g[i].what,
				    g[i].dir);
				bad = 1;
			}
			free(dir);
		}
		if (!o->check_only && o->out_dir[0] != '\0' &&
		    below(rep, out)) {
			diag_error(NULL, 0, 0, "--report %s: this is inside "
			    "the output folder %s, among the leaflets; write "
			    "the report elsewhere", o->report, o->out_dir);
			bad = 1;
		}
		free(rep);
	}
	free(out);
	return bad ? -1 : 0;
}
