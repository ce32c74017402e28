/*
 * site: content/site.yaml, the settings of one publication: who publishes
 * it (the publisher block shown on every handout), the booklet's title and
 * chapter order, the layouts to build and the readability thresholds.
 */
#ifndef BUILDER_SITE_H
#define BUILDER_SITE_H

/* Every publisher field is NULL when site.yaml does not give it. */
struct publisher {
	char	*name;		/* organisation */
	char	*logo;		/* image path relative to content/ */
	char	*phone;
	char	*hours;		/* opening hours */
	char	*urgent;	/* urgent and out-of-hours route */
	char	*address;
	char	*website;
	char	*email;
	char	*feedback;	/* how to give feedback */
};

enum threshold_level { THRESH_WARNING, THRESH_ERROR };

struct site {
	char		*path;
	struct publisher publisher;
	char		*booklet_title;
	char		*booklet_subtitle;
	char		*booklet_inside;	/* "chapters/<slug>" printed inside
						   the cover (how to use the
						   booklet), or NULL */
	char		*edition;
	char	       **chapters;	/* booklet order: "chapters/<slug>" or
					   "therapies/<slug>", NULL-terminated */
	int		 nchapters;
	char		*lang;		/* "en-GB" */
	char	       **layouts;	/* layouts to build handouts in */
	int		*layout_lines;	/* where each is named in site.yaml */
	int		*layout_cols;
	int		 nlayouts;
	char		*booklet_layout;	/* "booklet-a5" */
	int		 max_review_years;	/* default 3 */
	/* readability thresholds */
	double		 max_fkgl;		/* 8 */
	double		 max_smog;		/* 10 */
	int		 max_sentence_words;	/* 25 */
	enum threshold_level readability_level;	/* warning by default */
};

/* Load path.  A missing file gives defaults with a warning; bad values are
 * errors at file:line:col.  Returns NULL only after errors. */
struct site	*site_load(const char *path);
void		 site_free(struct site *);
/* Override the publisher block with a clinic's (content/clinics/<name>.yaml,
 * holding one "publisher:" block; keys left out keep the site's values).
 * Returns -1 after reporting errors. */
int		 site_load_clinic(struct site *, const char *path);
/* Look up a "publisher.phone"-style placeholder name (every publisher
 * key, booklet.title, booklet.subtitle, booklet.edition, booklet.layout,
 * lang); "" for a known name without a value, NULL if unknown. */
const char	*site_placeholder(const struct site *, const char *name);

/* The publisher's contact details that are set, in the order a contact
 * box prints them: labels[i] ("Phone", "Opening hours"...) and values[i].
 * Returns how many (at most SITE_CONTACT_MAX). */
#define SITE_CONTACT_MAX	7
int		 site_contact(const struct publisher *,
		    const char *labels[SITE_CONTACT_MAX],
		    const char *values[SITE_CONTACT_MAX]);

#endif
