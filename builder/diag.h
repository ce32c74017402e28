/*
 * diag: every message the user sees about their input.
 *
 * One format everywhere:  file:line:col: error|warning: message
 * (or "file: severity: message" without a position, or
 *  "leafpress: severity: message" without a file).
 * Lines and columns are 1-based; columns count characters.
 * Messages say what is wrong and what to do about it, in plain words.
 */
#ifndef BUILDER_DIAG_H
#define BUILDER_DIAG_H

enum diag_level {
	DIAG_WARNING,	/* output is produced but may be imperfect */
	DIAG_ERROR,	/* the input is wrong; the affected file is not written */
	DIAG_FATAL,	/* the system failed (I/O, memory, PDF library) */
	DIAG_LEVEL_MAX
};

/* Report a problem.  file may be NULL; line/col 0 means "unknown". */
void	 diag(enum diag_level, const char *file, int line, int col,
	    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
#define	 diag_error(f, l, c, ...)	diag(DIAG_ERROR, f, l, c, __VA_ARGS__)
#define	 diag_warning(f, l, c, ...)	diag(DIAG_WARNING, f, l, c, __VA_ARGS__)
#define	 diag_fatal(f, l, c, ...)	diag(DIAG_FATAL, f, l, c, __VA_ARGS__)

/* How many messages of this level so far (use before/after to see if a
 * stage added errors). */
unsigned diag_count(enum diag_level);
/* Silence output (counting continues): 1 silences everything (fuzzers),
 * 2 everything but fatal system errors (a second pass over content whose
 * problems were already shown), 0 restores. */
void	 diag_set_quiet(int);
/* Count a fatal problem reported by another process (a renderer). */
void	 diag_count_fatal(void);
/* Print "leafpress: N errors, M warnings" if anything was reported. */
void	 diag_summary(void);
/* Reset all counters (tests). */
void	 diag_reset(void);

#endif
