/*
 * placeholder: fill {{publisher.phone}}-style placeholders in the text
 * from the site settings, so one set of content serves every clinic.
 */
#ifndef BUILDER_PLACEHOLDER_H
#define BUILDER_PLACEHOLDER_H

struct node;
struct site;

/*
 * Replace every {{name}} in text nodes and link addresses of doc.  An
 * unknown name is an error at file:line:col.  A name the settings give no
 * value is never an empty string: in an approved document (approved
 * non-zero) it is an error there, in a draft a warning, and the draft
 * shows "[name]" in its place.  A value that is still the template's
 * "[...]" text is refused in an approved document at the place the value
 * is written (the gate does so for the publisher's details).  Without
 * settings (NULL: they failed) nothing is filled in.  Returns the number
 * of errors.
 */
int	 placeholder_expand(struct node *doc, const struct site *,
	    const char *file, int approved);

#endif
