/*
 * manifest: the record of what leafpress wrote in an output folder, and
 * the removal of what may no longer be printed.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "manifest.h"
#include "outfile.h"
#include "source.h"
#include "xalloc.h"

#define MANIFEST_MAX_BYTES	(16u << 20)

struct entry {
	char	*set;		/* "" default, else the clinic */
	char	*source;	/* relative to the content folder */
	char	*path;		/* relative to the output folder */
	int	 written;	/* by this run */
	int	 listed;	/* in the manifest (its source is a content
				   file leafpress can check) */
};

/* A (set, source) pair the run refused or kept; set NULL: any set. */
struct mark {
	char		*set;
	char		*source;
	const char	*why;	/* refusals: a static string */
};

struct manifest {
	char		*out_dir;
	char		*content_dir;
	char		*old;		/* the file as read, or NULL */
	struct entry	*e;
	int		 n, cap;
	struct mark	*refused, *kept;
	int		 nrefused, refused_cap, nkept, kept_cap;
	char	       **complete;	/* sets built whole */
	int		 ncomplete, complete_cap;
};

/* A path leafpress could have written: relative, no "..", no hidden
 * part (a manifest edited by hand never points elsewhere). */
static int
sane_path(const char *p)
{
	size_t n;

	if (*p == '\0' || *p == '/')
		return 0;
	while (*p != '\0') {
		n = strcspn(p, "/");
		if (n == 0 || p[0] == '.')
			return 0;
		p += n;
		if (*p == '/')
			p++;
	}
	return 1;
}

/* A field leafpress can write on a line of the manifest. */
static int
sane_field(const char *s)
{
	return strpbrk(s, "\t\n\r") == NULL;
}

static struct entry *
find(struct manifest *m, const char *path)
{
	int i;

	for (i = 0; i < m->n; i++)
		if (strcmp(m->e[i].path, path) == 0)
			return &m->e[i];
	return NULL;
}

static void
add(struct manifest *m, const char *set, const char *source,
    const char *path, int written)
{
	struct entry *e = find(m, path);

	if (e == NULL) {
		ARRAY_GROW(m->e, m->n, m->cap);
		e = &m->e[m->n++];
		e->path = xstrdup(path);
		e->set = NULL;
		e->source = NULL;
	}
	free(e->set);
	free(e->source);
	e->set = xstrdup(set);
	e->source = xstrdup(source);
	e->written = written;
	e->listed = 1;
}

static void
parse(struct manifest *m)
{
	char *p = m->old, *line, *f2, *f3;

	while (p != NULL && *p != '\0') {
		line = p;
		p = strchr(p, '\n');
		if (p != NULL)
			*p++ = '\0';
		if (line[0] == '#' || (f2 = strchr(line, '\t')) == NULL)
			continue;
		*f2++ = '\0';
		if ((f3 = strchr(f2, '\t')) == NULL)
			continue;
		*f3++ = '\0';
		if (sane_path(f3) && sane_path(f2) &&
		    (line[0] == '\0' || sane_path(line)))
			add(m, line, f2, f3, 0);
	}
}

struct manifest *
manifest_open(const char *out_dir, const char *content_dir)
{
	struct manifest *m = xcalloc(1, sizeof(*m));
	char *path = xasprintf("%s/%s", out_dir, MANIFEST_NAME), *text;
	size_t len;

	m->out_dir = xstrdup(out_dir);
	m->content_dir = xstrdup(content_dir);
	if (source_slurp(path, MANIFEST_MAX_BYTES, &text, &len) == 0) {
		m->old = xstrdup(text);	/* parse cuts text up */
		parse(m);
		free(m->old);
		m->old = text;
	} else if (errno != ENOENT && errno != ENOTDIR)
		/* no folder yet, or a file in its place (said once, when the
		 * build tries to write there) */
		diag_warning(path, 0, 0, "cannot read the list of files "
		    "leafpress wrote here (%s), so none of them can be "
		    "removed: remove it, and old files by hand",
		    source_strerror(errno));
	free(path);
	return m;
}

/* path relative to dir, or NULL if it is not below it. */
static const char *
below(const char *dir, const char *path)
{
	size_t n = strlen(dir);

	while (n > 1 && dir[n - 1] == '/')
		n--;
	if (strncmp(path, dir, n) != 0 || path[n] != '/')
		return NULL;
	path += n;
	while (*path == '/')
		path++;
	return path;
}

void
manifest_wrote(struct manifest *m, const char *set, const char *source,
    const char *path)
{
	const char *rel, *src;

	if (m == NULL)
		return;
	rel = below(m->out_dir, path);
	src = below(m->content_dir, source);
	if (rel == NULL || !sane_path(rel) || !sane_field(set) ||
	    !sane_field(rel))
		return;
	if (src != NULL && sane_path(src) && sane_field(src))
		add(m, set, src, rel, 1);
	else {
		/* a file named from outside the content folder: said, but
		 * never removed later */
		add(m, set, "", rel, 1);
		find(m, rel)->listed = 0;
	}
}

static void
mark(struct mark **v, int *n, int *cap, const struct manifest *m,
    const char *set, const char *source, const char *why)
{
	const char *src = below(m->content_dir, source);

	if (src == NULL)
		return;
	ARRAY_GROW(*v, *n, *cap);
	(*v)[*n].set = set != NULL ? xstrdup(set) : NULL;
	(*v)[*n].source = xstrdup(src);
	(*v)[*n].why = why;
	(*n)++;
}

void
manifest_refuse(struct manifest *m, const char *set, const char *source,
    const char *why)
{
	if (m != NULL)
		mark(&m->refused, &m->nrefused, &m->refused_cap, m, set,
		    source, why);
}

void
manifest_keep(struct manifest *m, const char *set, const char *source)
{
	if (m != NULL)
		mark(&m->kept, &m->nkept, &m->kept_cap, m, set, source, NULL);
}

void
manifest_complete(struct manifest *m, const char *set)
{
	if (m == NULL)
		return;
	ARRAY_GROW(m->complete, m->ncomplete, m->complete_cap);
	m->complete[m->ncomplete++] = xstrdup(set);
}

static const struct mark *
marked(const struct mark *v, int n, const struct entry *e)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].source, e->source) == 0 &&
		    (v[i].set == NULL || strcmp(v[i].set, e->set) == 0))
			return &v[i];
	return NULL;
}

static int
gone(const struct manifest *m, const char *rel)
{
	char *p = xasprintf("%s/%s", m->content_dir, rel);
	struct stat st;
	int r = lstat(p, &st) != 0 && errno == ENOENT;

	free(p);
	return r;
}

/* Why e may no longer be printed, or NULL. */
static const char *
why_remove(const struct manifest *m, const struct entry *e, char *buf,
    size_t sz)
{
	const struct mark *r;
	char *clinic;
	int i, g;

	if (e->written)
		return NULL;
	if ((r = marked(m->refused, m->nrefused, e)) != NULL)
		return r->why;
	if (gone(m, e->source)) {
		snprintf(buf, sz, "its source %s is gone", e->source);
		return buf;
	}
	if (e->set[0] != '\0') {
		clinic = xasprintf("clinics/%s.yaml", e->set);
		g = gone(m, clinic);
		free(clinic);
		if (g) {
			snprintf(buf, sz, "the clinic file clinics/%s.yaml is "
			    "gone", e->set);
			return buf;
		}
	}
	for (i = 0; i < m->ncomplete; i++)
		if (strcmp(m->complete[i], e->set) == 0 &&
		    marked(m->kept, m->nkept, e) == NULL)
			return "no longer built";
	return NULL;
}

/* Remove one output, if it still is a file; 1 if the entry goes. */
static int
remove_output(const struct manifest *m, const struct entry *e,
    const char *why)
{
	char *path = xasprintf("%s/%s", m->out_dir, e->path);
	struct stat st;
	int r = 1;

	if (lstat(path, &st) != 0)
		;	/* removed by hand already */
	else if (!S_ISREG(st.st_mode))
		;	/* something else stands there now: not ours */
	else if (unlink(path) == 0)
		diag_say("removed %s: %s", path, why);
	else {
		diag_warning(path, 0, 0, "cannot remove this file, which may "
		    "no longer be printed (%s): %s; remove it by hand", why,
		    strerror(errno));
		r = 0;
	}
	free(path);
	return r;
}

/* By folder, then by name: each folder's files together. */
static int
cmp_entry(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	const char *sx = strrchr(x->path, '/'), *sy = strrchr(y->path, '/');
	size_t dx = sx != NULL ? (size_t)(sx - x->path) : 0;
	size_t dy = sy != NULL ? (size_t)(sy - y->path) : 0;
	int c = strncmp(x->path, y->path, dx < dy ? dx : dy);

	if (c == 0 && dx != dy)
		return dx < dy ? -1 : 1;
	return c != 0 ? c : strcmp(x->path, y->path);
}

/* "wrote N files in DIR" for each folder, in order. */
static void
summary(const struct manifest *m, int removed)
{
	int i, j, count;
	size_t dl, el;
	const char *slash;

	for (i = 0; i < m->n; i = j) {
		if (!m->e[i].written) {
			j = i + 1;
			continue;
		}
		slash = strrchr(m->e[i].path, '/');
		dl = slash != NULL ? (size_t)(slash - m->e[i].path) : 0;
		count = 0;
		for (j = i; j < m->n; j++) {
			slash = strrchr(m->e[j].path, '/');
			el = slash != NULL ? (size_t)(slash - m->e[j].path) : 0;
			if (el != dl || strncmp(m->e[j].path, m->e[i].path,
			    dl) != 0)
				break;
			count += m->e[j].written;
		}
		diag_say("wrote %d file%s in %s%s%.*s", count, count == 1 ?
		    "" : "s", m->out_dir, dl > 0 ? "/" : "", (int)dl,
		    m->e[i].path);
	}
	if (removed > 0)
		diag_say("removed %d file%s (named above)", removed,
		    removed == 1 ? "" : "s");
}

static void
free_marks(struct mark *v, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		free(v[i].set);
		free(v[i].source);
	}
	free(v);
}

int
manifest_close(struct manifest *m, int hold, int quiet)
{
	struct buf b;
	char why[512], *path;
	const char *w;
	int i, k, removed = 0, rc = 0;

	if (m == NULL)
		return 0;
	for (i = k = 0; i < m->n; i++) {
		w = hold ? NULL : why_remove(m, &m->e[i], why, sizeof(why));
		if (w != NULL && remove_output(m, &m->e[i], w)) {
			removed++;
			free(m->e[i].set);
			free(m->e[i].source);
			free(m->e[i].path);
			continue;
		}
		m->e[k++] = m->e[i];
	}
	m->n = k;
	if (m->n > 0)
		qsort(m->e, (size_t)m->n, sizeof(*m->e), cmp_entry);

	buf_init(&b);
	for (i = k = 0; i < m->n; i++)
		k += m->e[i].listed;
	if (k > 0) {
		buf_adds(&b, "# The files leafpress wrote in this folder: "
		    "set, source, file.\n# leafpress removes only these; "
		    "do not edit.\n");
		for (i = 0; i < m->n; i++)
			if (m->e[i].listed)
				buf_printf(&b, "%s\t%s\t%s\n", m->e[i].set,
				    m->e[i].source, m->e[i].path);
	}
	if ((m->old != NULL || k > 0) &&
	    (m->old == NULL || strcmp(m->old, b.p) != 0)) {
		path = xasprintf("%s/%s", m->out_dir, MANIFEST_NAME);
		if (access(m->out_dir, F_OK) == 0 &&
		    outfile_write(path, b.p, b.len) != 0)
			rc = -1;
		free(path);
	}
	buf_free(&b);
	if (!quiet)
		summary(m, removed);

	for (i = 0; i < m->n; i++) {
		free(m->e[i].set);
		free(m->e[i].source);
		free(m->e[i].path);
	}
	free(m->e);
	free_marks(m->refused, m->nrefused);
	free_marks(m->kept, m->nkept);
	for (i = 0; i < m->ncomplete; i++)
		free(m->complete[i]);
	free(m->complete);
	free(m->old);
	free(m->out_dir);
	free(m->content_dir);
	free(m);
	return rc;
}
