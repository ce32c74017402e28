/*
 * outdirs: the names of a set's output folders.
 */
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "buf.h"
#include "diag.h"
#include "outdirs.h"
#include "site.h"
#include "source.h"
#include "xalloc.h"

struct taken {
	char	**names;
	int	  n, cap;
};

static const char *folder(const char *, int);
static int	 taken(const struct taken *, const char *);
static int	 take(struct taken *, const char *);

static const char *
folder(const char *name, int main_layout)
{
	if (main_layout)
		return "handouts";
	if (strncmp(name, "large-print", 11) == 0)
		return "large-print";
	return name;
}

char *
outdirs_layout(const char *root, const char *name, int main_layout)
{
	return xasprintf("%s/%s", root, folder(name, main_layout));
}

static int
taken(const struct taken *t, const char *name)
{
	int i;

	for (i = 0; i < t->n; i++)
		if (strcmp(t->names[i], name) == 0)
			return 1;
	return 0;
}

/* Take name; 0 if it was already. */
static int
take(struct taken *t, const char *name)
{
	if (taken(t, name))
		return 0;
	ARRAY_GROW(t->names, t->n, t->cap);
	t->names[t->n++] = xstrdup(name);
	return 1;
}

int
outdirs_check(const struct site *s, const struct build_opts *o, int clinics)
{
	struct taken t;
	char *dir, **names, *path;
	const char *name;
	int n = 0, j, errors = 0;

	memset(&t, 0, sizeof(t));
	take(&t, "booklet.pdf");
	take(&t, "booklet-print.pdf");
	for (j = 0; o->layout == NULL && o->output == NULL &&
	    j < s->nlayouts; j++) {
		name = folder(s->layouts[j], j == 0);
		if (take(&t, name))
			continue;
		diag_error(s->path, s->layout_lines[j], s->layout_cols[j],
		    "layouts: %s would write its handouts into %s/%s, as "
		    "another layout listed here does, and replace them; "
		    "build only one of them", s->layouts[j], o->out_dir,
		    name);
		errors++;
	}
	take(&t, "handouts");
	take(&t, "large-print");
	dir = xasprintf("%s/clinics", o->content_dir);
	names = clinics ? source_list(dir, ".yaml", &n) : NULL;
	for (j = 0; clinics && j < n; j++) {
		if (source_selected(o->clinics, o->nclinics, names[j]) &&
		    taken(&t, names[j])) {
			path = xasprintf("%s/%s.yaml", dir, names[j]);
			diag_error(path, 0, 0, "this clinic's leaflets would "
			    "go into %s/%s, which the main set writes, and "
			    "replace them: rename the clinic file",
			    o->out_dir, names[j]);
			free(path);
			errors++;
		}
	}
	source_list_free(names);
	free(dir);
	for (j = 0; j < t.n; j++)
		free(t.names[j]);
	free(t.names);
	return errors;
}
