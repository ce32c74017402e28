/*
 * gate: what must hold before a leaflet may reach a patient.
 *
 * A draft is marked DRAFT on every page, so it may keep the template's
 * "[...]" placeholders while it is written.  An approved leaflet (or a
 * booklet whose every part is approved) prints unmarked, so everything it
 * shows must be real: the publisher's details filled in (no template
 * text, and at least who publishes it, the number patients call and
 * where they get urgent help), no template text left in the leaflet
 * itself, and the logo a picture that can be printed.  Each problem is an
 * error at the place that holds the wrong value (a site or clinic file's
 * line and column, naming the key), so the build refuses the leaflet.
 */
#ifndef BUILDER_GATE_H
#define BUILDER_GATE_H

struct docmeta;
struct node;
struct site;
struct site_origin;

/* name's value (a setting such as "booklet.title") is still template
 * text: an error at *at naming it; returns 1 if so, else 0. */
int	 gate_template(const char *name, const char *value,
	    const struct site_origin *at);

/*
 * The publisher's details a document prints (the site's, with a clinic's
 * over them).  approved: every detail still template text, and each of
 * name, phone and urgent that is missing or empty, is an error at its
 * place (a missing one at the "publisher:" block of the file that should
 * give it).  A draft only gets a warning for each missing one of those
 * three.  Returns the number of errors.
 */
int	 gate_publisher(const struct site *, int approved);

/*
 * The release gate for a handout of a set, whose review state is marks
 * (MARK_*): an approved one prints the publisher's details and the
 * disclaimer unmarked, so the details must be real and the disclaimer
 * approved (draft_disclaimer: where the disclaimer says it is a draft, or
 * NULL); a draft only hears what is missing.  Returns the number of
 * errors.
 */
int	 gate_handout(const struct site *, int marks,
	    const struct site_origin *draft_disclaimer);

/* The booklet's title, subtitle and edition, which its cover prints: for
 * a booklet whose every part is approved, template text is an error.
 * Returns the number of errors. */
int	 gate_booklet(const struct site *);

/*
 * The logo (relative to content_dir) must be a PNG or JPEG inside the
 * content folder that can be decoded; otherwise an error at the logo key
 * of the file that names it.  A logo that fails is dropped from the
 * settings, so nothing later prints or reports it again.  Returns the
 * number of errors.
 */
int	 gate_logo(struct site *, const char *content_dir);

/*
 * Template text left in an approved document: a title, summary or owner
 * that is "[...]", or "[Say what ...]" in its text (square brackets
 * around words starting with a capital).  Errors at the text's position
 * (front-matter fields at the status line that approves them).  Returns
 * the number of errors.
 */
int	 gate_leftovers(const char *file, const struct docmeta *,
	    const struct node *doc);

#endif
