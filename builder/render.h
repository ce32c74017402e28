/*
 * render: the page models of a run, written as PDFs.
 *
 * Rendering and writing a PDF is half the time of a build and needs
 * nothing from later files, so it may run in a child process while the
 * run typesets the next file: up to jobs children at once (1 renders in
 * place, the default: a child per PDF cost two to three times the CPU,
 * copy-on-write faults and fonts opened again, and was slower even on
 * two cores).  A child's only messages are fatal ones, printed by
 * itself; its exit status tells whether the file was written.  Each file
 * written is recorded in the manifest.
 */
#ifndef BUILDER_RENDER_H
#define BUILDER_RENDER_H

struct manifest;
struct pagedoc;

struct render_queue;

/* jobs: the number asked for (--jobs), 0 for LEAFPRESS_JOBS or 1. */
struct render_queue *render_open(int jobs, struct manifest *);
/*
 * Render pd and write it to path (atomically), in the set named set
 * ("" the default) from source (a content file).  pd may be freed on
 * return.  A failure now or in a child counts as a fatal problem and
 * sets render_failed.
 */
void	 render_pdf(struct render_queue *, struct pagedoc *pd,
	    const char *path, const char *set, const char *source);
/* Wait for every child. */
void	 render_wait(struct render_queue *);
/* Did writing a PDF fail? */
int	 render_failed(const struct render_queue *);
/* Waits for every child, then frees the queue. */
void	 render_close(struct render_queue *);

#endif
