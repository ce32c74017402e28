/*
 * site: content/site.yaml, the settings of one publication: who publishes
 * it (the publisher block shown on every handout), the booklet's title and
 * chapter order, the layouts to build and the readability thresholds.
 */
#ifndef BUILDER_SITE_H
#define BUILDER_SITE_H

/*
 * Where a setting was written: the file that holds it (the site file or a
 * clinic file; the string belongs to the struct site) and the 1-based
 * line and column of its value.  file is NULL when no file gives the
 * setting; line 0 when only the file is known.
 */
struct site_origin {
	const char	*file;
	int		 line, col;
};

/* The publisher keys, in the order of struct publisher's fields. */
enum publisher_key {
	PUB_NAME,
	PUB_LOGO,
	PUB_PHONE,
	PUB_HOURS,
	PUB_URGENT,
	PUB_ADDRESS,
	PUB_WEBSITE,
	PUB_EMAIL,
	PUB_FEEDBACK,
	PUB_KEY_MAX
};

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
	struct site_origin at[PUB_KEY_MAX];	/* where each value was
						   written */
	struct site_origin block;	/* the "publisher:" key of the file
					   whose values these are last (a
					   clinic's, else the site's); line
					   0 when that file has none */
};

enum threshold_level { THRESH_WARNING, THRESH_ERROR };

struct site {
	char		*path;
	char		*clinic_path;	/* the clinic file loaded over the
					   site's publisher, or NULL */
	int		 missing;	/* no site file: every default */
	struct publisher publisher;
	char		*booklet_title;
	char		*booklet_subtitle;
	char		*booklet_inside;	/* "chapters/<slug>" printed inside
						   the cover (how to use the
						   booklet), or NULL */
	char		*edition;
	struct site_origin title_at, subtitle_at, edition_at;
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
 * lang); "" for a known name without a value, NULL if unknown.  at, if
 * not NULL, gets where the value was written. */
const char	*site_placeholder(const struct site *, const char *name,
		    struct site_origin *at);
/* The name of a publisher key ("phone") and its value (NULL if not
 * given). */
const char	*site_publisher_key(enum publisher_key);
const char	*site_publisher_value(const struct publisher *,
		    enum publisher_key);
/* Is value still a template's placeholder, "[Clinic phone number]" (text
 * in square brackets, as the shipped site.yaml and leafpress init write
 * them)? */
int		 site_is_template(const char *value);

/* The publisher's contact details that are set, in the order a contact
 * box prints them: labels[i] ("Phone", "Opening hours"...) and values[i].
 * Returns how many (at most SITE_CONTACT_MAX). */
#define SITE_CONTACT_MAX	7
int		 site_contact(const struct publisher *,
		    const char *labels[SITE_CONTACT_MAX],
		    const char *values[SITE_CONTACT_MAX]);

#endif
