/*
 * page: the page model.  The typesetter's output and every device's input.
 *
 * A pagedoc is a list of pages; a page is a list of placed items in page
 * coordinates (points, origin bottom-left, as PDF).  Beside the pages it
 * holds the document's structure tree (sections, headings, paragraphs,
 * lists, tables, figures, links... in reading order), recorded by the
 * typesetter; every item points at the element it belongs to, or at none
 * when it is decoration (running heads, rules, marks).  Devices replay the
 * pages and the tree (the PDF device tags from it; the dump prints it, so
 * tests can check structure).  Imposition replays pages onto sheets.
 */
#ifndef BUILDER_PAGE_H
#define BUILDER_PAGE_H

#include <stdint.h>
#include <stdio.h>

struct fontset;
struct image;

enum pitem_kind {
	PI_TEXT,	/* text: baseline starts at (x, y) in face/size/color;
			   w = its measured width; angle in degrees (0 usually) */
	PI_RULE,	/* line from (x, y) to (x + w, y + h), width line_width */
	PI_RECT,	/* rectangle x, y (bottom-left), w, h; filled with fill if
			   PF_FILL, stroked with color if PF_STROKE */
	PI_IMAGE,	/* image number `image` scaled into x, y, w, h;
			   text = alt text */
	PI_LINK,	/* clickable area x, y, w, h; text = URL, or "#name" for
			   an internal destination */
	PI_ANCHOR,	/* named destination text = name at (x, y) (top of the
			   target) */
	PI_PATH,	/* filled shape: text = the path in SVG's path
			   notation, absolute commands only: "M x y",
			   "L x y", "C x1 y1 x2 y2 x y", "Z" (device
			   neutral: the PDF device translates it, an SVG
			   or HTML device uses it as it is), in the
			   shape's own coordinates, drawn moved by (x, y)
			   and scaled by size; filled with fill; used for
			   marks drawn from glyph outlines */
	PI_KIND_MAX
};

enum role {
	ROLE_NONE,
	ROLE_P,		/* body paragraph */
	ROLE_H1, ROLE_H2, ROLE_H3, ROLE_H4,
	ROLE_LBL,	/* list label (bullet or number) */
	ROLE_LBODY,	/* list item text */
	ROLE_QUOTE,
	ROLE_CALLOUT,	/* callout title and body */
	ROLE_CODE,
	ROLE_TH,	/* table header cell */
	ROLE_TD,	/* table cell */
	ROLE_FIGURE,	/* image; alt text in text */
	ROLE_CAPTION,
	ROLE_NOTE,	/* footnotes, reference list entries */
	ROLE_LINK,	/* the clickable area of a link */
	ROLE_TITLE,	/* document title */
	ROLE_HEADER,	/* running head: artifact */
	ROLE_FOOTER,	/* running foot: artifact */
	ROLE_DECOR,	/* rules, boxes, backgrounds: artifact */
	ROLE_MARK,	/* DRAFT/REVIEW OVERDUE watermark: artifact */
	ROLE_MAX
};

/*
 * Structure element types: PDF's standard structure types, which HTML and
 * other devices map one to one.
 */
enum stype {
	ST_NONE,
	ST_DOCUMENT,
	ST_SECT,	/* a chapter; a callout or contact box (with its
			   heading inside) */
	ST_BLOCKQUOTE,
	ST_NOTE,	/* a footnote (id = its unique name) */
	ST_TOC, ST_TOCI,
	ST_H1, ST_H2, ST_H3, ST_H4, ST_H5, ST_H6,
	ST_P,		/* also a status notice ("DRAFT ...") */
	ST_CODE,
	ST_L,		/* numbering = enum list_numbering */
	ST_LI, ST_LBL, ST_LBODY,
	ST_TABLE, ST_THEAD, ST_TBODY, ST_TR,
	ST_TH,		/* scope = enum th_scope */
	ST_TD,
	ST_FIGURE,	/* alt = alternative text */
	ST_CAPTION,
	ST_LINK,	/* alt = where it leads, as a reader says it */
	ST_MAX
};

enum list_numbering {
	LIST_NONE, LIST_DISC, LIST_DECIMAL,
	LIST_NUMBERING_MAX
};

enum th_scope {
	SCOPE_NONE, SCOPE_ROW, SCOPE_COLUMN, SCOPE_BOTH,
	SCOPE_MAX
};

/* One element; children are kept in reading order. */
struct selem {
	enum stype	 type;
	int		 parent;	/* element numbers; 0 = none */
	int		 first, last;	/* children */
	int		 next;		/* next sibling */
	int		 numbering;	/* ST_L: enum list_numbering */
	int		 scope;		/* ST_TH: enum th_scope */
	char		*alt;		/* owned, may be NULL; see enum stype */
	char		*id;		/* owned, may be NULL (ST_NOTE) */
	int		 line;		/* source line, 0 if generated */
};

struct pitem {
	enum pitem_kind	 kind;
	enum role	 role;		/* how it looks; for artifacts (elem
					   0) what kind of decoration */
	int		 flags;
#define PF_FILL		(1 << 0)
#define PF_STROKE	(1 << 1)
#define PF_SUPER	(1 << 2)	/* text raised as a superscript */
#define PF_REPEAT	(1 << 3)	/* a repeat (a table's header row at
					   the top of a continuing page):
					   decoration, read once already */
#define PF_MULTIPLY	(1 << 4)	/* blend by multiplying with what is
					   under it (a mark over pictures
					   that darkens them, never hides
					   text) */
	int		 elem;		/* structure element (pagedoc elems);
					   0 = decoration (an artifact).  A
					   PI_LINK's element is its Link. */
	double		 x, y, w, h;	/* pt, page coordinates */
	int		 face;		/* font face number (text) */
	double		 size;		/* font size, pt (text) */
	uint32_t	 color;		/* text/stroke colour 0xRRGGBB */
	uint32_t	 fill;		/* fill colour (rect) */
	double		 line_width;	/* rule/stroke width, pt */
	double		 angle;		/* text rotation, degrees */
	char		*text;		/* owned: text, URL, "#dest", anchor
					   name or alt text */
	int		 image;		/* image number (PI_IMAGE) */
	int		 line;		/* source line, 0 if generated */
	int		 block;		/* structural block id: items with the
					   same id belong to one paragraph,
					   heading, cell...; 0 = none */
};

struct page {
	struct pitem	*items;
	int		 nitems, cap;
	double		 width, height;	/* pt */
	char		*label;		/* printed page number ("iii", "7"),
					   owned, may be NULL */
	double		 trim;		/* > 0: the finished page lies this far
					   inside the media on every side
					   (TrimBox), with marks outside it */
	double		 bleed;		/* ink beyond the trim (BleedBox) */
};

struct outline_entry {
	int	 level;		/* 1 = top */
	char	*title;		/* owned, UTF-8 */
	int	 page;		/* 0-based page index */
	double	 y;		/* top of the target on that page */
};

/* A run of pages numbered in one style (PDF page labels). */
struct page_label {
	int	 first_page;	/* 0-based index of the first page */
	int	 style;		/* 'D' decimal, 'r' lower roman, 'R', 'a', 'A' */
	int	 start;		/* number of the first page */
};

struct pagedoc {
	struct page	*pages;
	int		 npages, cap;
	struct outline_entry *outline;
	int		 noutline, outline_cap;
	struct page_label *labels;
	int		 nlabels, labels_cap;
	struct image   **images;	/* owned */
	int		 nimages, images_cap;
	const struct fontset *fonts;	/* borrowed */
	/* document information (owned strings, may be NULL) */
	char		*title, *author, *subject, *keywords, *lang, *creator;
	long long	 date;		/* seconds since the epoch, -1 = none */
	/* further document information: the leaflet's stamp (owned) */
	char		*info_key[8], *info_value[8];
	int		 ninfo;
	/* the structure tree: elems[1] is the Document; none at all (an
	   imposed print edition) means the output is not tagged */
	struct selem	*elems;
	int		 nelems, elems_cap;
};

struct pagedoc	*pagedoc_new(const struct fontset *);
void		 pagedoc_free(struct pagedoc *);
/* Append an empty page and return it (pointer valid until the next add). */
struct page	*pagedoc_add_page(struct pagedoc *, double width, double height);
/* Append an item (copied; text is copied) to a page; returns the copy. */
struct pitem	*page_add(struct page *, const struct pitem *);
/* Append an item whose text (malloc'd, or NULL) the page takes over. */
struct pitem	*page_adopt(struct page *, const struct pitem *);
/* Convenience: add a text item. */
struct pitem	*page_text(struct page *, enum role, int block, int line,
		    double x, double y, int face, double size, uint32_t color,
		    const char *text, double width);
void		 pagedoc_add_outline(struct pagedoc *, int level,
		    const char *title, int page, double y);
void		 pagedoc_add_label(struct pagedoc *, int first_page, int style,
		    int start);
/* Move every page, bookmark, page label and image of src to the end of
 * dst (renumbering what refers to them); src is left empty. */
void		 pagedoc_append(struct pagedoc *dst, struct pagedoc *src);
/* Index of the page holding anchor name, or -1. */
int		 pagedoc_find_anchor(const struct pagedoc *, const char *name);
/* Add a document information entry (copied; up to 8, ASCII keys). */
void		 pagedoc_add_info(struct pagedoc *, const char *key,
		    const char *value);
/* A new structure element, the last child of parent (0: the Document,
 * made on first use); returns its number. */
int		 pagedoc_elem(struct pagedoc *, int parent, enum stype,
		    int line);
/* The same, as the first child (read before what is there). */
int		 pagedoc_elem_first(struct pagedoc *, int parent, enum stype,
		    int line);
/* Set an element's alt or id text (copied). */
void		 pagedoc_elem_alt(struct pagedoc *, int elem, const char *);
void		 pagedoc_elem_id(struct pagedoc *, int elem, const char *);
/* The name of a structure type ("Document", "H2", "TOCI"...), PDF's. */
const char	*page_stype_name(enum stype);
/* Take ownership of an image; returns its number. */
int		 pagedoc_add_image(struct pagedoc *, struct image *);

/*
 * Text dump, one line per item, stable and diffable:
 *   page 1 595.28x841.89 label=1
 *   text 72.00 760.12 H1 f0 20.00 #1a1a1a "What is TACE?" e3
 * (e3: the item belongs to structure element 3), then the structure tree,
 * one element a line, indented by depth:
 *   elem 3     H1 @1
 * Coordinates are rounded to 0.01 pt.
 */
void		 pagedoc_dump(const struct pagedoc *, FILE *);
const char	*page_role_name(enum role);

#endif
