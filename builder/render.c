/*
 * render: PDFs written in place or by child processes (see render.h).
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build.h"
#include "diag.h"
#include "manifest.h"
#include "outfile.h"
#include "pdfout.h"
#include "render.h"
#include "xalloc.h"

/* A PDF a child is writing: recorded when it succeeds. */
struct render_child {
	pid_t	 pid;
	char	*set, *source, *path;
};

struct render_queue {
	struct manifest		*manifest;	/* NULL: record nothing */
	int			 jobs;		/* children at once */
	struct render_child	*children;	/* running */
	int			 n, cap;
	int			 failed;	/* a PDF was not written */
};

static int	 jobs_wanted(int);
static void	 wait_one(struct render_queue *);

static int
jobs_wanted(int asked)
{
	const char *env = getenv("LEAFPRESS_JOBS");
	long n;

	if (asked > 0)
		return asked;
	if (env != NULL && *env != '\0')
		n = strtol(env, NULL, 10);
	else
		n = 1;
	return n < 1 ? 1 : n > 8 ? 8 : (int)n;
}

struct render_queue *
render_open(int jobs, struct manifest *m)
{
	struct render_queue *q = xcalloc(1, sizeof(*q));

	q->manifest = m;
	q->jobs = jobs_wanted(jobs);
	return q;
}

static void
wait_one(struct render_queue *q)
{
	int status, i, ok;
	pid_t pid;

	if ((pid = waitpid(-1, &status, 0)) <= 0)
		return;
	ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
	if (!ok) {
		q->failed = 1;
		diag_count_fatal();
	}
	for (i = 0; i < q->n; i++)
		if (q->children[i].pid == pid) {
			struct render_child *c = &q->children[i];

			if (ok)
				manifest_wrote(q->manifest, c->set, c->source,
				    c->path);
			free(c->set);
			free(c->source);
			free(c->path);
			*c = q->children[--q->n];
			break;
		}
}

void
render_pdf(struct render_queue *q, struct pagedoc *pd, const char *path,
    const char *set, const char *source)
{
	unsigned char *pdf = NULL;
	size_t len = 0;
	pid_t pid;

	if (q->jobs > 1) {
		while (q->n >= q->jobs)
			wait_one(q);
		fflush(NULL);
		pid = fork();
		if (pid == 0) {
			int rc = pdfout_render(pd, &pdf, &len) != 0 ||
			    outfile_write(path, pdf, len) != 0;

			free(pdf);
			fflush(NULL);
			_exit(rc ? EXIT_SYSTEM : 0);
		}
		if (pid > 0) {
			ARRAY_GROW(q->children, q->n, q->cap);
			q->children[q->n].pid = pid;
			q->children[q->n].set = xstrdup(set);
			q->children[q->n].source = xstrdup(source);
			q->children[q->n++].path = xstrdup(path);
			return;
		}
		/* no process to spare: render here */
	}
	if (pdfout_render(pd, &pdf, &len) != 0 ||
	    outfile_write(path, pdf, len) != 0)
		q->failed = 1;
	else
		manifest_wrote(q->manifest, set, source, path);
	free(pdf);
}

void
render_wait(struct render_queue *q)
{
	while (q->n > 0)
		wait_one(q);
}

int
render_failed(const struct render_queue *q)
{
	return q->failed;
}

void
render_close(struct render_queue *q)
{
	if (q == NULL)
		return;
	render_wait(q);
	free(q->children);
	free(q);
}
