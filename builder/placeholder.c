/*
 * placeholder: {{name}} substitution in the document tree.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "doc.h"
#include "placeholder.h"
#include "site.h"
#include "xalloc.h"

/* Expand one string; returns a new string or NULL if there was nothing to
 * do.  Errors are counted in *errors. */
static char *
expand(const char *s, const struct site *site, const char *file,
    const struct node *n, int *errors)
{
	const char *p, *open, *close;
	struct buf b;
	char *name;
	const char *value;

	if (strstr(s, "{{") == NULL)
		return NULL;
	buf_init(&b);
	for (p = s; (open = strstr(p, "{{")) != NULL; p = close + 2) {
		close = strstr(open + 2, "}}");
		if (close == NULL)
			break;
		buf_add(&b, p, (size_t)(open - p));
		name = xstrndup(open + 2, (size_t)(close - open - 2));
		value = site != NULL ? site_placeholder(site, name) : NULL;
		if (value == NULL) {
			diag_error(file, n->line, n->col,
			    "unknown placeholder {{%s}}: use one of "
			    "publisher.name, publisher.phone, publisher.hours, "
			    "publisher.urgent, publisher.address, "
			    "publisher.website, publisher.email, "
			    "publisher.feedback", name);
			(*errors)++;
			buf_add(&b, open, (size_t)(close + 2 - open));
		} else
			buf_adds(&b, value);
		free(name);
	}
	buf_adds(&b, p);
	return buf_take(&b);
}

int
placeholder_expand(struct node *doc, const struct site *site,
    const char *file)
{
	struct node *n;
	char *s;
	int errors = 0;

	for (n = doc; n != NULL; n = doc_next(doc, n)) {
		if ((n->type == NODE_TEXT || n->type == NODE_LINK) &&
		    n->text != NULL &&
		    (s = expand(n->text, site, file, n, &errors)) != NULL) {
			free(n->text);
			n->text = s;
		}
	}
	return errors;
}
