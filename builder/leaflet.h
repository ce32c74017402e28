/*
 * leaflet: one content file, read once and made ready for each set.
 *
 * The stages of a file run here, in order.  The parse, once per file:
 * its bytes (source), its front matter (fmatter), its id (one file per
 * id), its review state, its Markdown tree (mdparse), the readability of
 * its prose, and template text left in an approved one (gate).  Then,
 * for each set of outputs (the default set, each clinic's), the set's
 * own copy of the tree: the settings' placeholders filled in, citations
 * numbered, glossary terms linked and, for a handout, its sources and
 * glossary appended.  The parse itself is never changed, so every set
 * reuses it.
 *
 * Every message of every stage names the leaflet's own file and line,
 * and counts in the leaflet's own error count.
 */
#ifndef BUILDER_LEAFLET_H
#define BUILDER_LEAFLET_H

#include "fmatter.h"
#include "mdparse.h"
#include "source.h"

struct biblio;
struct cite_order;
struct gloss_use;
struct glossary;
struct node;
struct read_report;
struct site;

/* The ids of the files read in a run, and the file of each. */
struct leaflet_ids {
	char	**ids;
	char	**paths;
	int	  n, cap, pcap;
};

/* What a leaflet is read against: the run's shared files, the set's
 * settings. */
struct leaflet_env {
	const struct site	*site;		/* the set's; NULL: it failed */
	const struct biblio	*biblio;	/* NULL: it failed */
	const struct glossary	*glossary;	/* NULL: it failed */
	long			 today;		/* days since 1970-01-01 */
	struct leaflet_ids	*ids;		/* the run's, or NULL */
};

struct leaflet {
	char		*path;		/* the content file */
	char		*slug;		/* its name without ".md" */
	enum md_context	 context;	/* what it was parsed for */
	struct source	 src;		/* its bytes */
	struct docmeta	 meta;		/* its front matter */
	struct node	*parsed;	/* the parse every set shares; NULL
					   if it could not be made */
	int		 parse_errors;	/* errors of the parse */
	struct node	*doc;		/* this set's tree (leaflet_resolve);
					   NULL if there is none */
	int		 nbody;		/* top-level blocks of doc before
					   anything appended */
	int		 errors;	/* this file's errors for this set:
					   the parse's and every later
					   stage's (callers add theirs) */
	int		 marks;		/* MARK_*: its review state on the
					   build date */
	int		 refused;	/* REFUSED_*: the release gate's */
#define REFUSED_SET	(1 << 0)	/* in this set (its publisher) */
#define REFUSED_ALL	(1 << 1)	/* in every set (its own state) */
	const char	*refuse_why;	/* said when its old outputs go */
#define REFUSED_BY_GATE	"the release gate refused it (see the errors above)"
	int		 parse_refused;	/* REFUSED_ALL found by the parse */
	int		 id_taken;	/* its id is another file's (an error
					   there) */
	struct read_report *readability;	/* measured, or NULL; the
						   caller may take it */
};

/*
 * The parse of path (see above) into lf, for the output context
 * (MD_HANDOUT or MD_BOOKLET); measure: analyse and check the readability
 * of its prose (lf->readability).  Returns lf->parse_errors.  Free lf
 * with leaflet_free even on failure.
 */
int	 leaflet_parse(struct leaflet *lf, const char *path,
	    enum md_context context, const struct leaflet_env *env,
	    int measure);
/*
 * This set's tree (lf->doc, replacing an earlier set's) from the shared
 * parse: placeholders from env->site, citations numbered (in *order, a
 * booklet's, or the leaflet's own when NULL), glossary terms linked (in
 * *use, likewise, first use only per chapter when shared) and, for a
 * handout, its own sources and glossary appended.  Resets the set's
 * state (errors, refused) to the parse's first.  Returns lf->errors.
 */
int	 leaflet_resolve(struct leaflet *lf, const struct leaflet_env *env,
	    int handout, struct cite_order *order, struct gloss_use *use);
/* leaflet_parse, then leaflet_resolve if the parse made a tree. */
int	 leaflet_load(struct leaflet *lf, const char *path,
	    enum md_context context, const struct leaflet_env *env,
	    int measure, int handout, struct cite_order *order,
	    struct gloss_use *use);
void	 leaflet_free(struct leaflet *);

/*
 * The tree of the web page of a handout: on a screen the first use of
 * each glossary term in the text links to its definition (the printed
 * handout keeps plain words).  Caller frees with doc_free.
 */
struct node *leaflet_web_doc(const struct leaflet *,
	    const struct glossary *);

/* The file name without folder and ".md"; caller frees. */
char	*leaflet_slug(const char *path);
/* A content file that is a link out of the content folder: an error
 * there (configuration never reads a file from elsewhere); 1 if so. */
int	 leaflet_outside(const char *content_dir, const char *path);
/* The .md files of dir, sorted; NULL-terminated, caller frees each and
 * the array.  Files that look meant to be built but are not (hidden,
 * .MD) are named in warnings.  NULL if dir cannot be read. */
char	**leaflet_list(const char *content_dir, const char *dir, int *count);

void	 leaflet_ids_free(struct leaflet_ids *);

#endif
