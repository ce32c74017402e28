/*
 * init: a new content folder that builds at once: a filled-in site.yaml
 * template, one example leaflet, the disclaimer, and empty glossary and
 * reference lists with their format shown in comments.
 */
#ifndef BUILDER_INIT_H
#define BUILDER_INIT_H

/* Create dir (which must not exist, or be empty) and write the starter
 * files into it.  Returns an EXIT_* code. */
int	 init_content(const char *dir);

#endif
