/*
 * backmatter: what every handout ends with, as document tree.
 *
 * After the leaflet's own text (and its glossary and sources): "About
 * this leaflet" with the site's disclaimer, the version and its dates in
 * words (the PIF TICK and the NHS standard ask for the publication and
 * next review dates both), and the publisher's contact box with each
 * detail linked where a reader can follow it.
 */
#ifndef BUILDER_BACKMATTER_H
#define BUILDER_BACKMATTER_H

struct docmeta;
struct node;
struct site;

/*
 * Append the back matter to doc (a NODE_DOCUMENT).  disclaimer (a
 * parsed disclaimer.md, or NULL) gives up its blocks to doc; meta gives
 * the version and dates; site the publisher (NULL: no contact box).
 */
void	 backmatter_append(struct node *doc, struct node *disclaimer,
	    const struct docmeta *meta, const struct site *site);

#endif
