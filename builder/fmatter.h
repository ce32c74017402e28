/*
 * fmatter: validate a content file's front matter into struct docmeta.
 *
 * Keys (see README "Content format"): id, title, short_title, slug,
 * summary, version, published, reviewed, review_due, owner, approved_by,
 * approved_on, status, lang, keywords.  Unknown keys are warnings; missing
 * required keys and wrong types are errors at the key's file:line:col.
 */
#ifndef BUILDER_FMATTER_H
#define BUILDER_FMATTER_H

struct ynode;

enum doc_status {
	STATUS_DRAFT,
	STATUS_APPROVED
};

struct docmeta {
	char	*id;		/* e.g. "LDT-TACE" */
	char	*title;
	char	*short_title;	/* defaults to title */
	char	*slug;		/* defaults to the file name without .md */
	char	*summary;
	char	*version;	/* kept as written: "1.0" */
	long	 published;	/* days since 1970-01-01, -1 if absent */
	long	 reviewed;
	long	 review_due;
	char	*owner;
	char	*approved_by;	/* may be "" */
	long	 approved_on;
	enum doc_status status;
	char	*lang;		/* default "en-GB" */
	char   **keywords;	/* NULL-terminated */
	int	 nkeywords;
	int	 line_review_due, col_review_due;	/* for later diagnostics */
	int	 line_status, col_status;
	int	 line_id, col_id;
};

/*
 * Fill meta from the front-matter tree root (a mapping).  file is used in
 * diagnostics; file_slug is the file name without directory and ".md".
 * Returns the number of errors reported (0 = usable).
 * Always leaves meta in a state fmatter_free can release.
 */
int	 fmatter_load(struct docmeta *meta, const char *file,
	    const char *file_slug, const struct ynode *root);
void	 fmatter_free(struct docmeta *);
/* The longest allowed time from published to review_due, in years (3
 * unless site.yaml's governance.max_review_years says otherwise). */
void	 fmatter_set_review_years(int);

#endif
