/*
 * diag: every message the user sees about their input.
 *
 * One format everywhere:  file:line:col: error|warning: message
 * (or "file: severity: message" without a position, or
 *  "leafpress: severity: message" without a file).
 * Lines and columns are 1-based; columns count characters.
 * Messages say what is wrong and what to do about it, in plain words:
 * "what is wrong: what to do" (the part after the first ": " or "; "
 * outside quotes is the hint in the JSON form).
 *
 * Each distinct problem is shown once: the same message at the same
 * place again (another layout, another clinic's set) is counted for the
 * caller's bookkeeping (diag_count) but neither shown nor counted in the
 * summary.
 */
#ifndef BUILDER_DIAG_H
#define BUILDER_DIAG_H

enum diag_level {
	DIAG_WARNING,	/* output is produced but may be imperfect */
	DIAG_ERROR,	/* the input is wrong; the affected file is not written */
	DIAG_FATAL,	/* the system failed (I/O, memory, PDF library) */
	DIAG_LEVEL_MAX
};

enum diag_format {
	DIAG_SHORT,	/* one line per problem (not a terminal) */
	DIAG_FULL,	/* plus the source line with a caret (a terminal) */
	DIAG_JSON	/* one JSON object per line, no summary */
};

/* Report a problem.  file may be NULL; line/col 0 means "unknown". */
void	 diag(enum diag_level, const char *file, int line, int col,
	    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
#define	 diag_error(f, l, c, ...)	diag(DIAG_ERROR, f, l, c, __VA_ARGS__)
#define	 diag_warning(f, l, c, ...)	diag(DIAG_WARNING, f, l, c, __VA_ARGS__)
#define	 diag_fatal(f, l, c, ...)	diag(DIAG_FATAL, f, l, c, __VA_ARGS__)

/* Move (line, col) in file on to where text next occurs, at or after
 * it: a message about one character of a paragraph points at that
 * character, not at the paragraph.  Unchanged if text is not found. */
void	 diag_find(const char *file, int *line, int *col, const char *text);
/* How many messages of this level so far, repeats included (use
 * before/after to see if a stage added errors). */
unsigned diag_count(enum diag_level);
/*
 * The errors of one piece of work (a leaflet, a layout, a gate): every
 * error and fatal problem reported between open and close counts in the
 * scope, and in every scope open around it (repeats too, as in
 * diag_count).  Scopes nest; close the innermost first.  The caller owns
 * the struct, usually on its stack.
 */
struct diag_scope {
	unsigned		 errors;	/* errors and fatal problems */
	struct diag_scope	*outer;		/* the scope around it */
};
void	 diag_scope_open(struct diag_scope *);
void	 diag_scope_close(struct diag_scope *);
/* How many distinct messages of this level were reported (the summary). */
unsigned diag_shown(enum diag_level);
/* Silence output (counting continues): 1 silences everything (fuzzers),
 * 2 everything but fatal system errors, 0 restores. */
void	 diag_set_quiet(int);
/* How messages look; colour only applies to DIAG_FULL. */
void	 diag_set_format(enum diag_format, int colour);
/* Say what the run leaves out or where things went ("leafpress: note:
 * ..."): not a problem, not counted; off with diag_set_notes(0) (-q) and
 * in the JSON form. */
void	 diag_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	 diag_set_notes(int on);
/* Say what the run did to the user's files ("leafpress: removed ...",
 * "leafpress: wrote ..."): not a problem, not counted, shown with or
 * without notes, but not in the JSON form (which is only problems) nor
 * when everything is silenced. */
void	 diag_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A label for messages first seen from now on, e.g. "clinic north"
 * (shown as "message (clinic north)"); NULL clears.  The label is
 * copied. */
void	 diag_set_context(const char *label);
/*
 * Messages from one input built several ways (a handout in each
 * layout): between begin and end they are held; each item names a way
 * ("layout large-print-a4").  At the end each distinct message is shown
 * once, labelled with the items it came from unless it came from all.
 */
void	 diag_group_begin(void);
void	 diag_group_item(const char *label);
void	 diag_group_end(void);
/* Count a fatal problem reported by another process (a renderer). */
void	 diag_count_fatal(void);
/* Print "leafpress: N errors, M warnings" if anything was reported. */
void	 diag_summary(void);
/* Reset all counters and forget what was shown (tests, watch). */
void	 diag_reset(void);

#endif
