/*
 * watch: rebuild on save.
 */
#include <sys/inotify.h>

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "build.h"
#include "diag.h"
#include "watch.h"
#include "xalloc.h"

#define MAX_WATCHES	256
#define SETTLE_MS	80	/* editors write, rename and touch a file */

static volatile sig_atomic_t stop;
static int quiet;	/* -q: no notes from the first build on */

static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

struct watcher {
	int	 fd;
	int	 wd[MAX_WATCHES];
	char	*dir[MAX_WATCHES];	/* folder of each watch */
	int	 n;
};

static void
add_tree(struct watcher *w, const char *dir, int depth)
{
	DIR *d;
	struct dirent *e;
	int wd;

	if (w->n >= MAX_WATCHES)
		return;
	wd = inotify_add_watch(w->fd, dir, IN_CLOSE_WRITE | IN_MOVED_TO |
	    IN_CREATE | IN_DELETE | IN_MOVED_FROM);
	if (wd < 0)
		return;
	w->wd[w->n] = wd;
	w->dir[w->n] = xstrdup(dir);
	w->n++;
	if (depth >= 3 || (d = opendir(dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		char *sub;

		if (e->d_name[0] == '.' || e->d_type != DT_DIR)
			continue;
		sub = xasprintf("%s/%s", dir, e->d_name);
		add_tree(w, sub, depth + 1);
		free(sub);
	}
	closedir(d);
}

static const char *
dir_of(const struct watcher *w, int wd)
{
	int i;

	for (i = 0; i < w->n; i++)
		if (w->wd[i] == wd)
			return w->dir[i];
	return NULL;
}

/*
 * Only the kinds of file a build reads are changes: editors and tools
 * save through temporary files (sed's "sedXXXXXX", vim's "4913" and
 * ".x.swp", "x~") and then rename them over the real one, which is seen
 * as the real file's own event.
 */
static int
ignored(const char *name)
{
	static const char *const inputs[] = {
		".md", ".yaml", ".yml", ".png", ".jpg", ".jpeg", ".txt",
		".ttf", ".otf", ".dic", NULL
	};
	const char *dot = strrchr(name, '.');
	int i;

	if (name[0] == '.' || name[0] == '#' || dot == NULL)
		return 1;
	for (i = 0; inputs[i] != NULL; i++)
		if (strcasecmp(dot, inputs[i]) == 0)
			return 0;
	return 1;
}

/* What a round of changes asks for. */
struct change {
	char	**slugs;	/* therapies whose file changed */
	int	  nslugs, cap;
	int	  booklet;	/* a chapter changed */
	int	  all;		/* anything else changed */
	char	 *what;		/* a file that changed, for the message */
};

static void
note_change(struct change *c, const struct build_opts *o, const char *dir,
    const char *name, int is_dir)
{
	char *therapies = xasprintf("%s/therapies", o->content_dir);
	char *chapters = xasprintf("%s/chapters", o->content_dir);
	size_t n = strlen(name);
	int i;

	if (c->what == NULL)
		c->what = xasprintf("%s/%s", dir, name);
	if (!is_dir && n > 3 && strcmp(name + n - 3, ".md") == 0 &&
	    strcmp(dir, therapies) == 0) {
		for (i = 0; i < c->nslugs; i++)
			if (strncmp(c->slugs[i], name, n - 3) == 0 &&
			    c->slugs[i][n - 3] == '\0')
				break;
		if (i == c->nslugs) {
			ARRAY_GROW(c->slugs, c->nslugs, c->cap);
			c->slugs[c->nslugs++] = xstrndup(name, n - 3);
		}
	} else if (!is_dir && n > 3 && strcmp(name + n - 3, ".md") == 0 &&
	    strcmp(dir, chapters) == 0)
		c->booklet = 1;
	else
		c->all = 1;
	free(therapies);
	free(chapters);
}

static void
change_free(struct change *c)
{
	int i;

	for (i = 0; i < c->nslugs; i++)
		free(c->slugs[i]);
	free(c->slugs);
	free(c->what);
	memset(c, 0, sizeof(*c));
}

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Read what is waiting on the inotify descriptor into c. */
static void
drain(struct watcher *w, const struct build_opts *o, struct change *c)
{
	char buf[8192] __attribute__((aligned(__alignof__(struct
	    inotify_event))));
	ssize_t len;
	char *p;

	while ((len = read(w->fd, buf, sizeof(buf))) > 0)
		for (p = buf; p < buf + len;) {
			const struct inotify_event *ev = (const void *)p;
			const char *dir = dir_of(w, ev->wd);

			p += sizeof(*ev) + ev->len;
			if (dir == NULL || ev->len == 0 ||
			    (!(ev->mask & IN_ISDIR) && ignored(ev->name)) ||
			    ((ev->mask & IN_ISDIR) && ev->name[0] == '.'))
				continue;
			if ((ev->mask & IN_ISDIR) && (ev->mask & (IN_CREATE |
			    IN_MOVED_TO))) {
				char *sub = xasprintf("%s/%s", dir, ev->name);

				add_tree(w, sub, 1);
				free(sub);
			}
			note_change(c, o, dir, ev->name,
			    (ev->mask & IN_ISDIR) != 0);
		}
}

/* One build, reported with what caused it and how long it took. */
static int
run_timed(const struct build_opts *r, const char *cause, const char *what)
{
	double t0 = now_s();
	int rc;

	diag_reset();
	diag_set_notes(0);
	rc = build_run(r);
	diag_set_notes(!quiet);
	diag_summary();
	fprintf(stderr, "leafpress: %s changed: %s %s in %.2f s\n", cause,
	    rc == EXIT_OK ? "rebuilt" : "checked", what, now_s() - t0);
	return rc;
}

/* Handouts first (what the writer is looking at), then the booklet that
 * holds them. */
static void
rebuild(const struct build_opts *o, const struct change *c)
{
	struct build_opts r = *o;
	const char *cause = c->what != NULL ? c->what : "a file";

	r.quiet = 1;	/* each rebuild is one line of its own */

	if (c->all) {
		run_timed(&r, cause, "everything");
		return;
	}
	if (c->nslugs > 0) {
		r.slugs = (const char **)c->slugs;
		r.nslugs = c->nslugs;
		run_timed(&r, cause, c->nslugs == 1 ? "its handouts" :
		    "their handouts");
		r.slugs = o->slugs;
		r.nslugs = o->nslugs;
	}
	if (o->output == NULL && o->layout == NULL && o->nslugs == 0 &&
	    (o->only == 0 || (o->only & (PART_BOOKLET | PART_PRINT)))) {
		r.only = o->only != 0 ? o->only & (PART_BOOKLET | PART_PRINT) :
		    PART_BOOKLET | PART_PRINT;
		run_timed(&r, cause, "the booklet");
	}
}

int
watch_run(const struct build_opts *o)
{
	struct watcher w;
	struct sigaction sa;
	struct change c;
	double t0 = now_s();
	int rc, i;

	memset(&w, 0, sizeof(w));
	memset(&c, 0, sizeof(c));
	w.fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (w.fd < 0) {
		fprintf(stderr, "leafpress: cannot watch files (%s)\n",
		    strerror(errno));
		return EXIT_SYSTEM;
	}
	quiet = o->quiet;
	add_tree(&w, o->content_dir, 0);
	add_tree(&w, o->layouts_dir, 2);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	rc = build_run(o);
	diag_summary();
	fprintf(stderr, "leafpress: %s in %.2f s; watching %s for changes "
	    "(Ctrl-C stops)\n", rc == EXIT_OK ? "built" : "checked",
	    now_s() - t0, o->content_dir);
	while (!stop) {
		struct pollfd pfd = { w.fd, POLLIN, 0 };
		int n = poll(&pfd, 1, -1);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		drain(&w, o, &c);
		/* let the save finish: more events may follow at once */
		while (!stop && poll(&pfd, 1, SETTLE_MS) > 0)
			drain(&w, o, &c);
		if (stop)
			break;
		if (c.what == NULL)
			continue;
		rebuild(o, &c);
		change_free(&c);
	}
	change_free(&c);
	for (i = 0; i < w.n; i++)
		free(w.dir[i]);
	close(w.fd);
	fputs("leafpress: stopped watching\n", stderr);
	return EXIT_OK;
}
