/*
 * outfile: atomic replacement of output files.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "outfile.h"
#include "xalloc.h"

#define TMP_SUFFIX	".leafpress-tmp"

/* ".<name>.<pid>.leafpress-tmp": two builds writing into one folder at
 * once (or the render processes of a killed one) never share a file. */
static char *
tmp_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	long pid = (long)getpid();

	if (slash == NULL)
		return xasprintf(".%s.%ld%s", path, pid, TMP_SUFFIX);
	return xasprintf("%.*s/.%s.%ld%s", (int)(slash - path), path,
	    slash + 1, pid, TMP_SUFFIX);
}

/* Is the temporary file name being written by a live process? */
static int
tmp_in_use(const char *name, size_t len)
{
	const char *end = name + len - strlen(TMP_SUFFIX), *p = end;
	long pid = 0, scale = 1;

	while (p > name && p[-1] >= '0' && p[-1] <= '9' && scale < 10000000) {
		pid += (p[-1] - '0') * scale;
		scale *= 10;
		p--;
	}
	if (p == end || p == name || p[-1] != '.' || pid <= 0)
		return 0;
	return kill((pid_t)pid, 0) == 0 || errno == EPERM;
}

/* Say why path could not be written, what to do, and whether an earlier
 * version of it is still there. */
static void
report(const char *path, int err)
{
	const char *todo = NULL, *kept = NULL;

	if (err == ENOSPC || err == EDQUOT)
		todo = "free some space and build again";
	else if (err == EROFS || err == EACCES || err == EPERM)
		todo = "choose an output folder you may write to with --out";
	if (access(path, F_OK) == 0)
		kept = "the previous file was kept";
	if (todo != NULL && kept != NULL)
		diag_fatal(path, 0, 0, "cannot write the file: %s (%s; %s)",
		    strerror(err), todo, kept);
	else if (todo != NULL || kept != NULL)
		diag_fatal(path, 0, 0, "cannot write the file: %s (%s)",
		    strerror(err), todo != NULL ? todo : kept);
	else
		diag_fatal(path, 0, 0, "cannot write the file: %s",
		    strerror(err));
}

int
outfile_write(const char *path, const void *data, size_t len)
{
	const char *p = data;
	char *tmp;
	size_t done = 0;
	ssize_t n;
	int fd, saved;
	struct stat st;

	/* a rename would replace a device or pipe node, not write into it */
	if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode) &&
	    !S_ISLNK(st.st_mode)) {
		diag_fatal(path, 0, 0, "cannot write the file: %s is in its "
		    "place; remove it or choose another output folder",
		    S_ISDIR(st.st_mode) ? "a folder" :
		    "a device, pipe or socket");
		return -1;
	}
	tmp = tmp_name(path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		report(path, errno);
		free(tmp);
		return -1;
	}
	while (done < len) {
		n = write(fd, p + done, len - done);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		done += (size_t)n;
	}
	if (fsync(fd) != 0 && errno != EINVAL)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) != 0)
		goto fail;
	free(tmp);
	return 0;
fail:
	saved = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	report(path, saved);
	free(tmp);
	return -1;
}

int
outfile_mkdirs(const char *dir)
{
	char *p = xstrdup(dir), *s;
	struct stat st;

	for (s = p + 1; ; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;

			*s = '\0';
			if (mkdir(p, 0755) != 0 && errno != EEXIST) {
				diag_fatal(p, 0, 0, "cannot create the output "
				    "folder: %s", strerror(errno));
				free(p);
				return -1;
			}
			/* name the file in the way, not a folder below it */
			if (stat(p, &st) == 0 && !S_ISDIR(st.st_mode))
				break;
			*s = c;
			if (c == '\0')
				break;
		}
	}
	if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode)) {
		diag_fatal(p, 0, 0, "this is a file, not a folder, so nothing "
		    "can be written into it: rename or remove the file, or "
		    "choose another output folder with --out");
		free(p);
		return -1;
	}
	free(p);
	return 0;
}

void
outfile_clean_stale(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n, sl = strlen(TMP_SUFFIX);

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		n = strlen(e->d_name);
		if (e->d_name[0] == '.' && n > sl &&
		    strcmp(e->d_name + n - sl, TMP_SUFFIX) == 0 &&
		    !tmp_in_use(e->d_name, n)) {
			char *path = xasprintf("%s/%s", dir, e->d_name);

			unlink(path);
			free(path);
		}
	}
	closedir(d);
}
