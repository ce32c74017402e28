/*
 * placeholder: fill {{publisher.phone}}-style placeholders in the text
 * from the site settings, so one set of content serves every clinic.
 */
#ifndef BUILDER_PLACEHOLDER_H
#define BUILDER_PLACEHOLDER_H

struct node;
struct site;

/* Replace every {{name}} in text nodes and link addresses of doc.  An
 * unknown name is an error at file:line:col.  Returns the number of
 * errors. */
int	 placeholder_expand(struct node *doc, const struct site *,
	    const char *file);

#endif
