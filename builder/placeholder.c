/*
 * placeholder: {{name}} substitution in the document tree.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "doc.h"
#include "gate.h"
#include "placeholder.h"
#include "site.h"
#include "xalloc.h"

/* Where the value of name belongs: the clinic file over the site file. */
static const char *
home_of(const struct site *site)
{
	return site->clinic_path != NULL ? site->clinic_path : site->path;
}

/* Expand one string; returns a new string or NULL if there was nothing to
 * do.  Errors are counted in *errors. */
static char *
expand(const char *s, const struct site *site, const char *file,
    const struct node *n, int approved, int *errors)
{
	const char *p, *open, *close;
	struct site_origin at;
	struct buf b;
	char *name;
	const char *value;

	/* no settings (they failed, and said so): nothing to fill in */
	if (site == NULL || strstr(s, "{{") == NULL)
		return NULL;
	buf_init(&b);
	for (p = s; (open = strstr(p, "{{")) != NULL; p = close + 2) {
		close = strstr(open + 2, "}}");
		if (close == NULL)
			break;
		buf_add(&b, p, (size_t)(open - p));
		name = xstrndup(open + 2, (size_t)(close - open - 2));
		value = site_placeholder(site, name, &at);
		if (value == NULL) {
			diag_error(file, n->line, n->col,
			    "unknown placeholder {{%s}}: use one of "
			    "publisher.name, publisher.phone, publisher.hours, "
			    "publisher.urgent, publisher.address, "
			    "publisher.website, publisher.email, "
			    "publisher.feedback", name);
			(*errors)++;
			buf_add(&b, open, (size_t)(close + 2 - open));
		} else if (value[0] == '\0' && approved) {
			diag_error(file, n->line, n->col, "{{%s}} has no "
			    "value, and an approved leaflet must not print an "
			    "empty detail: give %s in %s", name, name,
			    home_of(site));
			(*errors)++;
		} else if (value[0] == '\0') {
			diag_warning(file, n->line, n->col, "{{%s}} has no "
			    "value: this draft shows [%s] in its place; give "
			    "%s in %s before approving it", name, name, name,
			    home_of(site));
			buf_printf(&b, "[%s]", name);
		} else {
			/* the publisher's details are all checked at once,
			 * by the gate, for an approved leaflet */
			if (approved && strncmp(name, "publisher.", 10) != 0 &&
			    gate_template(name, value, &at) != 0)
				(*errors)++;
			buf_adds(&b, value);
		}
		free(name);
	}
	buf_adds(&b, p);
	return buf_take(&b);
}

int
placeholder_expand(struct node *doc, const struct site *site,
    const char *file, int approved)
{
	struct node *n;
	char *s;
	int errors = 0;

	for (n = doc; n != NULL; n = doc_next(doc, n)) {
		if ((n->type == NODE_TEXT || n->type == NODE_LINK) &&
		    n->text != NULL &&
		    (s = expand(n->text, site, file, n, approved, &errors)) !=
		    NULL) {
			free(n->text);
			n->text = s;
		}
	}
	return errors;
}
