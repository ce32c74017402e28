/*
 * watch: build, then wait for files to be saved (inotify) and rebuild
 * only what the change affects: a therapy file rebuilds its handouts, a
 * chapter the booklet, anything else (settings, references, glossary,
 * layouts, clinics, pictures) everything.  Runs until interrupted.
 */
#ifndef BUILDER_WATCH_H
#define BUILDER_WATCH_H

#include "build.h"

/* Returns EXIT_OK when stopped by SIGINT or SIGTERM, or an EXIT_* code
 * if watching cannot start. */
int	 watch_run(const struct build_opts *);

#endif
