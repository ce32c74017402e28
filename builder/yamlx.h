/*
 * yamlx: YAML text -> a small tree of scalars, mappings and sequences.
 *
 * The only module that includes <yaml.h>.  Uses libyaml's event API and
 * refuses what a content file never needs and an attacker would use:
 * aliases and anchors, duplicate keys, nesting deeper than YAMLX_MAX_DEPTH,
 * input larger than the caller's limit, more than one document.
 * Every node carries its 1-based line and column in the *file*.
 */
#ifndef BUILDER_YAMLX_H
#define BUILDER_YAMLX_H

#include <stddef.h>

#define YAMLX_MAX_DEPTH	16

enum ynode_type {
	YNODE_SCALAR,
	YNODE_MAP,
	YNODE_SEQ
};

struct ynode {
	enum ynode_type	 type;
	int		 line, col;	/* 1-based, in the file */
	int		 plain;		/* scalar was unquoted (only plain
					   scalars may be numbers/booleans/null) */
	char		*value;		/* scalar: owned, NUL-terminated */
	size_t		 len;		/* scalar: bytes in value */
	char		*key;		/* when this node is a mapping value:
					   its key (owned) */
	int		 key_line, key_col;	/* position of that key */
	struct ynode	*child;		/* map: values in order (each has key);
					   seq: items in order */
	struct ynode	*next;		/* next sibling */
	int		 nchild;
};

/*
 * Parse text (len bytes) as a single YAML document.  file names the file
 * for diagnostics; line0 is the file line number of the first line of text
 * minus one (0 when text is the whole file, 1 for front matter after "---").
 * max_bytes: inputs longer than this are refused (0 = no limit).
 * Every problem is reported through diag with file:line:col.
 * Returns the root node (caller frees with yamlx_free), an empty YNODE_MAP
 * for empty input, or NULL after reporting errors.
 */
struct ynode	*yamlx_parse(const char *file, const char *text, size_t len,
		    int line0, size_t max_bytes);
void		 yamlx_free(struct ynode *);

/*
 * Read the whole YAML file at path and parse it as yamlx_parse does (max:
 * its limit in bytes).  A file that does not exist, when missing is not
 * NULL, sets *missing to 1 and returns NULL with nothing reported, for
 * the caller to say what that means; any other file that cannot be read
 * is reported as "path: error: cannot read <what>: <reason>".  Returns the
 * root node or NULL; *missing is 0 unless the file is missing.
 */
struct ynode	*yamlx_load_file(const char *path, size_t max,
		    const char *what, int *missing);

/* Look up key in a mapping; NULL if absent or n is not a mapping. */
const struct ynode *yamlx_get(const struct ynode *map, const char *key);

/*
 * Typed accessors.  Each reports a clear error at the node's position
 * (naming key, or the node's own key if key is NULL) and returns -1 when the
 * value has the wrong type; 0 on success.
 */
int	 yamlx_string(const char *file, const struct ynode *, const char **out);
int	 yamlx_number(const char *file, const struct ynode *, double *out);
int	 yamlx_int(const char *file, const struct ynode *, long *out);
int	 yamlx_bool(const char *file, const struct ynode *, int *out);
/* A date written YYYY-MM-DD that exists in the calendar; out = days since
 * 1970-01-01. */
int	 yamlx_date(const char *file, const struct ynode *, long *days);

/*
 * Schema check helper: warn about every key of map that is not in the
 * NULL-terminated list known ("unknown key 'colour' in <what>; known keys
 * are ..."), and error on every key in required that is missing (reported
 * at the map's position).  Returns the number of errors.
 */
int	 yamlx_check_keys(const char *file, const struct ynode *map,
	    const char *what, const char *const *known,
	    const char *const *required);

/*
 * Edit distance (Levenshtein, in bytes, ASCII letters compared without
 * case) of two names, for "did you mean" hints; YAMLX_DISTANCE_FAR when
 * either is longer than YAMLX_DISTANCE_MAX bytes.
 */
#define YAMLX_DISTANCE_MAX	64
#define YAMLX_DISTANCE_FAR	999
int	 yamlx_distance(const char *a, const char *b);

/*
 * The text of a scalar, leading spaces dropped, as a new string (caller
 * frees); NULL when n is NULL, when the text is empty, or when n is not
 * text (then an error is reported and *nerr counted).
 */
char	*yamlx_text(const char *file, const struct ynode *n, int *nerr);

#endif
