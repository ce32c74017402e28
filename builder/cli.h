/*
 * cli: the command line, parsed and checked before anything is built.
 * Every mistake on the command line (unknown option, bad value, unknown
 * layout, clinic or therapy, missing content or layouts folder) is a
 * usage error: one message and exit status 2.
 */
#ifndef BUILDER_CLI_H
#define BUILDER_CLI_H

#include <limits.h>
#include <stdio.h>

#include "build.h"
#include "diag.h"

enum cli_cmd {
	CMD_BUILD, CMD_CHECK, CMD_WATCH, CMD_INIT, CMD_LIST_LAYOUTS,
	CMD_HELP, CMD_VERSION
};

struct cli {
	enum cli_cmd	 cmd;
	struct build_opts o;
	const char	*init_dir;	/* init DIR */
	enum diag_format format;
	int		 colour;
	int		 quiet;
	char		 layouts_buf[PATH_MAX];
	char		 fonts_buf[PATH_MAX];
};

#ifndef LEAFPRESS_VERSION
#define LEAFPRESS_VERSION "0.2.0"
#endif

/* Parse argv into c (and apply SOURCE_DATE_EPOCH).  Returns -1 to go on,
 * or an exit status (a usage error was reported). */
int	 cli_parse(struct cli *c, int argc, char **argv);
/* Check what the options name exists (content, layouts and fonts
 * folders, layout, clinics, the therapies or files named, one input for
 * -o).  Returns -1 to go on, or EXIT_USAGE. */
int	 cli_check(struct cli *c);
void	 cli_free(struct cli *c);
void	 cli_usage(FILE *);
/* Print the layouts in dir, one a line with its description. */
int	 cli_list_layouts(const char *dir);

#endif
