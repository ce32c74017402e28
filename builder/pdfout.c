/*
 * pdfout: the PDF device.  Replays a pagedoc through libharu 2.3 and hands
 * back the file's bytes.  The only file that includes <hpdf.h>.
 *
 * Two passes: the first creates every page and every named destination
 * (so a link may point forwards), the second draws the items, one
 * function per item kind so a tagging pass can wrap each in marked
 * content.
 *
 * Fonts are not libharu's: text is shaped (font.h, shape.h) and each face
 * of the fontset becomes a PDF font of its own (Type0, CIDFontType2,
 * Identity-H), whatever its name.  Each glyph drawn with a given text gets
 * a character code (CID) of its own, numbered from 1 in order of use, so
 * the ToUnicode map gives every glyph exactly the text it stands for even
 * where two characters share a glyph.  Text is written as TJ arrays of
 * CIDs with the kerning between them.  Before saving, each font is cut
 * down to the glyphs drawn (HarfBuzz's subsetter) and its /W widths,
 * CIDToGIDMap and ToUnicode map are written for the CIDs used.
 *
 * libharu's error state is sticky, so the first failure ends the render:
 * the error handler only records the codes, every call is checked, and the
 * failure is reported once, naming what was being done.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <hpdf.h>
#include <hpdf_pages.h>
#include <hpdf_utils.h>

#include "anchor.h"
#include "buf.h"
#include "diag.h"
#include "font.h"
#include "image.h"
#include "page.h"
#include "pdfout.h"
#include "pdfpack.h"
#include "shape.h"
#include "utf8.h"
#include "xalloc.h"
#include "zip.h"

#define MAX_LEVELS	16		/* outline nesting kept */
#define MAX_DESTS	4000		/* /Dests entries (libharu: 4095) */
#define MAX_NAME	127		/* libharu's longest PDF name */
#define MAX_URI		60000		/* libharu's longest string: 65535 */

/* A character code of a face's PDF font: one glyph with one text. */
struct cid {
	uint32_t	 gid;		/* glyph in the face */
	uint32_t	 next;		/* next CID of the same glyph, 0 none */
	size_t		 text;		/* its text: offset in pdf.cidtext */
	uint32_t	 len;		/* ...and bytes */
};

/* One font face of the fontset, made a PDF font on first use. */
struct face {
	HPDF_Dict	 font;		/* Type0 font; NULL until used */
	uint32_t	*first;		/* per glyph: its first CID, 0 none */
	struct cid	*cids;		/* [1..ncids] */
	int		 ncids, cids_cap;
};

/* A PI_ANCHOR: where "#name" links lead. */
struct anchor {
	const char	*name;		/* borrowed from the pitem */
	int		 order;		/* position in the document */
	HPDF_Destination dst;
};

struct shape {
	const char	*ops;		/* borrowed from the page model */
	uint32_t	 fill;
	HPDF_Dict	 xobject;
};

/*
 * Tagged PDF: the page model's structure tree, replayed.  Each element
 * becomes a structure element (made when its first content is drawn, so
 * children and content stand in reading order); each item's content is
 * marked with its element, or as an artifact (running heads and feet,
 * rules, backgrounds, review marks, repeated table headers).
 */
struct tagging {
	int		 on;		/* the document has structure */
	HPDF_Dict	 root;		/* StructTreeRoot */
	HPDF_Array	 nums;		/* ParentTree number tree */
	HPDF_Array	 parents;	/* this page: MCID -> element */
	int		 mcid;		/* next MCID on this page */
	int		 open;		/* a marked sequence is open */
	int		 cur_elem;	/* ...for this element, -1 artifact */
	const char	*cur_ops;	/* ...of this artifact kind */
	HPDF_Dict	*elems;		/* per page-model element, made on
					   first use */
	HPDF_Dict	*links;		/* Link elements; their ParentTree
					   keys follow the pages' */
	int		 nannots, links_cap;
};

struct pdf {
	const struct pagedoc *doc;
	HPDF_Doc	 h;
	HPDF_STATUS	 err;		/* first libharu error, 0 if none */
	HPDF_STATUS	 detail;
	HPDF_Page	*pages;		/* one per doc page */
	struct face	*faces;
	int		 nfaces;
	struct buf	 cidtext;	/* the text of every CID */
	struct buf	 ops;		/* operators being written */
	struct zip	*zip;		/* compresses each page when drawn */
	struct buf	 plain;		/* the page being drawn: its operators */
	struct buf	 packed;	/* ... compressed */
	unsigned	*deflated;	/* object numbers of those compressed */
	int		 ndeflated, deflated_cap;
	HPDF_Image	*images;	/* one per doc image, on first use */
	struct anchor	*anchors;	/* sorted by name, then order */
	int		 nanchors, anchors_cap;
	int		 pageno;	/* page being drawn, 0-based */

	/* Shapes drawn on many pages (the review mark), each written
	 * once as a form XObject. */
	struct shape	*shapes;
	int		 nshapes, shapes_cap;
	/* The graphics state blending by multiplication (PF_MULTIPLY),
	 * made on first use. */
	HPDF_ExtGState	 multiply;

	/* The structure tree (tagged PDF), built while drawing. */
	struct tagging	 tag;

	/* Graphics state of the page being drawn, to skip repeats. */
	int		 in_text;	/* inside BT ... ET */
	int		 text_block;	/* block/role/element of the open text
					   object */
	enum role	 text_role;
	int		 text_elem;
	double		 tx, ty;	/* the text line's start, as written */
	int		 cur_face;	/* font and size set, -1 none */
	double		 cur_size;
	uint32_t	 cur_fill, cur_stroke;
	double		 cur_line_width;
};

static void	 on_error(HPDF_STATUS, HPDF_STATUS, void *);
static int	 compress_page(struct pdf *, HPDF_Page);
static int	 fail(struct pdf *, const char *);
static int	 face_font(struct pdf *, int);
static unsigned	 glyph_cid(struct pdf *, struct face *, uint32_t,
		    const char *, uint32_t);
static int	 finish_font(struct pdf *, int);
static HPDF_Dict indirect(struct pdf *);
static HPDF_Dict data_stream(struct pdf *, const void *, size_t);
static void	*text_string(struct pdf *, const char *);
static HPDF_Destination make_dest(struct pdf *, HPDF_Page, double, double);
static int	 page_boxes(struct pdf *, HPDF_Page, const struct page *);
static int	 anchor_cmp(const void *, const void *);
static struct anchor *find_anchor(struct pdf *, const char *);
static int	 set_fill(struct pdf *, uint32_t);
static int	 set_stroke(struct pdf *, uint32_t, double);
static int	 end_text(struct pdf *);
static int	 draw_text(struct pdf *, HPDF_Page, const struct pitem *);
static int	 draw_rule(struct pdf *, HPDF_Page, const struct pitem *);
static int	 draw_rect(struct pdf *, HPDF_Page, const struct pitem *);
static int	 draw_image(struct pdf *, HPDF_Page, const struct pitem *);
static int	 draw_link(struct pdf *, HPDF_Page, const struct pitem *);
static int	 draw_anchor(struct pdf *, HPDF_Page, const struct pitem *);
static int	 draw_path(struct pdf *, HPDF_Page, const struct pitem *);
static int	 image_xobject(struct pdf *, int, HPDF_Image *);
static char	*uri_encode(const char *);
static int	 set_info(struct pdf *);
static int	 make_pages(struct pdf *);
static int	 make_outline(struct pdf *);
static int	 make_labels(struct pdf *);
static int	 draw_pages(struct pdf *);
static int	 tag_link(struct pdf *, HPDF_Page, HPDF_Annotation,
		    const struct pitem *);
static int	 save(struct pdf *, unsigned char **, size_t *);

/* Indexed by pitem kind.  A tagging pass goes around these calls in
 * draw_pages, choosing the structure element from the item's role. */
static int (*const drawers[PI_KIND_MAX])(struct pdf *, HPDF_Page,
    const struct pitem *) = {
	draw_text, draw_rule, draw_rect, draw_image, draw_link, draw_anchor,
	draw_path
};

#define TRY(p, call, what) do {						\
	if ((call) != HPDF_OK)						\
		return fail((p), (what));				\
} while (0)

#define R(c)	((HPDF_REAL)(((c) >> 16) & 0xff) / 255)
#define G(c)	((HPDF_REAL)(((c) >> 8) & 0xff) / 255)
#define B(c)	((HPDF_REAL)((c) & 0xff) / 255)

static void
on_error(HPDF_STATUS err, HPDF_STATUS detail, void *user)
{
	struct pdf *p = user;

	if (p->err == 0) {
		p->err = err;
		p->detail = detail;
	}
}

static int
fail(struct pdf *p, const char *what)
{
	/* objects made directly (HPDF_String_New...) record their error in
	 * the document without calling on_error */
	if (p->err == 0 && p->h != NULL && HPDF_GetError(p->h) != HPDF_OK) {
		p->err = HPDF_GetError(p->h);
		p->detail = HPDF_GetErrorDetail(p->h);
	}
	if (p->err == 0)
		diag_fatal(NULL, 0, 0, "could not write the PDF: %s (libharu "
		    "gave no error code)", what);
	else
		diag_fatal(NULL, 0, 0, "could not write the PDF: %s (libharu "
		    "error 0x%04X, detail %u)", what, (unsigned)p->err,
		    (unsigned)p->detail);
	return -1;
}

/* Fonts */

/* A new dictionary, written as an object of its own. */
static HPDF_Dict
indirect(struct pdf *p)
{
	HPDF_Dict d = HPDF_Dict_New(p->h->mmgr);

	if (d == NULL || HPDF_Xref_Add(p->h->xref, d) != HPDF_OK)
		return NULL;
	return d;
}

/* A stream object holding len bytes, compressed when the file is
 * packed (pdfpack, with one compressor for the whole file). */
static HPDF_Dict
data_stream(struct pdf *p, const void *data, size_t len)
{
	HPDF_Dict d = HPDF_DictStream_New(p->h->mmgr, p->h->xref);

	if (d == NULL)
		return NULL;
	if (len > 0 && HPDF_Stream_Write(d->stream, (const HPDF_BYTE *)data,
	    (HPDF_UINT)len) != HPDF_OK)
		return NULL;
	return d;
}

/*
 * Face number face as a PDF font, made on first use (a face never drawn
 * is not embedded).  The font's dictionaries are filled in by finish_font
 * once the document's glyphs are known.  Returns 0, 1 if the face number
 * is bad (reported; the item is skipped), -1 on failure.
 */
static int
face_font(struct pdf *p, int face)
{
	struct face *f;

	if (face < 0 || face >= p->nfaces) {
		diag_fatal(NULL, 0, 0, "page %d: text uses font face %d, but "
		    "there are only %d faces; the text was left out",
		    p->pageno + 1, face, p->nfaces);
		return 1;
	}
	f = &p->faces[face];
	if (f->font != NULL)
		return 0;
	if ((f->font = indirect(p)) == NULL)
		return fail(p, "making a font");
	f->first = xcalloc(fontset_nglyphs(p->doc->fonts, face) + 1,
	    sizeof(*f->first));
	return 0;
}

/* The CID of glyph gid standing for text s (len bytes), made on first
 * use; 0 when the font has run out of codes. */
static unsigned
glyph_cid(struct pdf *p, struct face *f, uint32_t gid, const char *s,
    uint32_t len)
{
	struct cid *c;
	uint32_t n, *link = &f->first[gid];

	for (n = *link; n != 0; n = f->cids[n].next) {
		c = &f->cids[n];
		if (c->len == len && memcmp(p->cidtext.p + c->text, s,
		    len) == 0)
			return n;
		link = &c->next;
	}
	if (f->ncids >= 0xFFFF)
		return 0;
	if (f->ncids == 0)
		ARRAY_GROW(f->cids, f->ncids, f->cids_cap);	/* CID 0 */
	f->ncids++;
	ARRAY_GROW(f->cids, f->ncids, f->cids_cap);
	c = &f->cids[f->ncids];
	c->gid = gid;
	c->next = 0;
	c->text = p->cidtext.len;
	c->len = len;
	buf_add(&p->cidtext, s, len);
	*link = (uint32_t)f->ncids;
	return (unsigned)f->ncids;
}

/* One UTF-16 code unit, as four hex digits or as two bytes, big-endian */
static void
add_unit(struct buf *out, unsigned unit, int hex)
{
	if (hex) {
		buf_add_hex4(out, unit);
		return;
	}
	buf_addc(out, (char)(unit >> 8 & 0xFF));
	buf_addc(out, (char)(unit & 0xFF));
}

/* Append the UTF-16BE of UTF-8 s (len bytes) to out: in hex for a
 * ToUnicode map, as bytes for a text string. */
static void
add_utf16(struct buf *out, const char *s, size_t len, int hex)
{
	size_t pos = 0;
	long cp;

	while (pos < len) {
		if ((cp = utf8_next(s, len, &pos)) < 0)
			cp = 0xFFFD;
		if (cp > 0xFFFF) {
			cp -= 0x10000;
			add_unit(out, (unsigned)(0xD800 + (cp >> 10)), hex);
			cp = 0xDC00 + (cp & 0x3FF);
		}
		add_unit(out, (unsigned)cp, hex);
	}
}

/*
 * The ToUnicode map: each CID to its text, 100 to a block as CMaps
 * require.  A glyph that shares its text with the glyph before it (a
 * character drawn as two glyphs) maps to nothing.
 */
static void
tounicode(const struct pdf *p, const struct face *f, struct buf *out)
{
	int c, i, n;

	buf_adds(out, "/CIDInit /ProcSet findresource begin\n12 dict begin\n"
	    "begincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
	    "/Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n"
	    "/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\n"
	    "endcodespacerange\n");
	for (c = 1, n = 0; c <= f->ncids; c++)
		n += f->cids[c].len > 0;
	for (c = 1; n > 0; n -= i) {
		buf_printf(out, "%d beginbfchar\n", n < 100 ? n : 100);
		for (i = 0; i < 100 && i < n; c++) {
			if (f->cids[c].len == 0)
				continue;
			buf_addc(out, '<');
			buf_add_hex4(out, (unsigned)c);
			buf_add(out, "> <", 3);
			add_utf16(out, p->cidtext.p + f->cids[c].text,
			    f->cids[c].len, 1);
			buf_adds(out, ">\n");
			i++;
		}
		buf_adds(out, "endbfchar\n");
	}
	buf_adds(out, "endcmap\nCMapName currentdict /CMap defineresource "
	    "pop\nend\nend\n");
}

/* A subset tag ("ABCDEF+"): six letters from the glyphs used, so the
 * same document gives the same names. */
static void
subset_tag(const struct face *f, int face, char tag[8])
{
	uint32_t h = 2166136261u ^ (uint32_t)face;
	int c, i;

	for (c = 1; c <= f->ncids; c++) {
		h ^= f->cids[c].gid;
		h *= 16777619u;
	}
	for (i = 0; i < 6; i++) {
		tag[i] = (char)('A' + h % 26);
		h /= 26;
	}
	tag[6] = '+';
	tag[7] = '\0';
}

/*
 * Fill in face's PDF font: the subset font program, its descriptor, the
 * CIDFont with /W and CIDToGIDMap, and the ToUnicode map.
 */
static int
finish_font(struct pdf *p, int face)
{
	const char *what = "embedding a font";
	struct face *f = &p->faces[face];
	struct face_desc d;
	HPDF_Dict file, desc, cidfont, map, tu, csi;
	HPDF_Array arr, w;
	struct buf b;
	uint32_t *gids, *newgid;
	unsigned char *prog, *cmap;
	size_t proglen;
	char tag[8], name[80];
	int c, rc;

	if (f->ncids == 0)		/* made, nothing drawn: keep it valid */
		glyph_cid(p, f, fontset_glyph(p->doc->fonts, face, ' '), " ",
		    1);
	gids = xcalloc((size_t)f->ncids + 1, sizeof(*gids));
	newgid = xcalloc((size_t)f->ncids + 1, sizeof(*newgid));
	for (c = 1; c <= f->ncids; c++)
		gids[c] = f->cids[c].gid;
	rc = fontset_subset(p->doc->fonts, face, gids, f->ncids + 1, &prog,
	    &proglen, newgid);
	free(gids);
	if (rc != 0) {
		free(newgid);
		diag_fatal(NULL, 0, 0, "could not write the PDF: the font '%s' "
		    "could not be cut down to the glyphs used",
		    fontset_path(p->doc->fonts, face));
		return -1;
	}
	fontset_describe(p->doc->fonts, face, &d);
	subset_tag(f, face, tag);
	snprintf(name, sizeof(name), "%s%s", tag, d.ps_name);

	file = data_stream(p, prog, proglen);
	free(prog);
	if (file == NULL || HPDF_Dict_AddNumber(file, "Length1",
	    (HPDF_INT32)proglen) != HPDF_OK) {
		free(newgid);
		return fail(p, what);
	}

	/* CIDToGIDMap: two bytes per CID */
	cmap = xcalloc((size_t)f->ncids + 1, 2);
	for (c = 1; c <= f->ncids; c++) {
		cmap[c * 2] = (unsigned char)(newgid[c] >> 8);
		cmap[c * 2 + 1] = (unsigned char)(newgid[c] & 0xFF);
	}
	free(newgid);
	map = data_stream(p, cmap, ((size_t)f->ncids + 1) * 2);
	free(cmap);
	if (map == NULL)
		return fail(p, what);

	buf_init(&b);
	tounicode(p, f, &b);
	tu = data_stream(p, b.p, b.len);
	buf_free(&b);
	if (tu == NULL)
		return fail(p, what);

	if ((desc = indirect(p)) == NULL || (cidfont = indirect(p)) == NULL ||
	    (arr = HPDF_Array_New(p->h->mmgr)) == NULL ||
	    (w = HPDF_Array_New(p->h->mmgr)) == NULL ||
	    (csi = HPDF_Dict_New(p->h->mmgr)) == NULL)
		return fail(p, what);
	HPDF_Dict_AddName(desc, "Type", "FontDescriptor");
	HPDF_Dict_AddName(desc, "FontName", name);
	/* symbolic (4): glyphs by number, not a standard character set */
	HPDF_Dict_AddNumber(desc, "Flags", 4 | (d.fixed_pitch ? 1 : 0) |
	    (d.italic ? 64 : 0));
	for (c = 0; c < 4; c++)
		HPDF_Array_AddNumber(arr, d.bbox[c]);
	HPDF_Dict_Add(desc, "FontBBox", arr);
	HPDF_Dict_AddReal(desc, "ItalicAngle", (HPDF_REAL)d.italic_angle);
	HPDF_Dict_AddNumber(desc, "Ascent", d.ascent);
	HPDF_Dict_AddNumber(desc, "Descent", d.descent);
	HPDF_Dict_AddNumber(desc, "CapHeight", d.cap_height);
	HPDF_Dict_AddNumber(desc, "StemV", d.stem_v);
	HPDF_Dict_Add(desc, "FontFile2", file);

	HPDF_Dict_Add(csi, "Registry", HPDF_String_New(p->h->mmgr, "Adobe",
	    NULL));
	HPDF_Dict_Add(csi, "Ordering", HPDF_String_New(p->h->mmgr,
	    "Identity", NULL));
	HPDF_Dict_AddNumber(csi, "Supplement", 0);
	/* the widths of CIDs 1..n, which are consecutive */
	arr = HPDF_Array_New(p->h->mmgr);
	HPDF_Array_AddNumber(w, 1);
	HPDF_Array_Add(w, arr);
	for (c = 1; c <= f->ncids; c++)
		HPDF_Array_AddNumber(arr, fontset_glyph_advance(p->doc->fonts,
		    face, f->cids[c].gid));
	HPDF_Dict_AddName(cidfont, "Type", "Font");
	HPDF_Dict_AddName(cidfont, "Subtype", "CIDFontType2");
	HPDF_Dict_AddName(cidfont, "BaseFont", name);
	HPDF_Dict_Add(cidfont, "CIDSystemInfo", csi);
	HPDF_Dict_Add(cidfont, "FontDescriptor", desc);
	HPDF_Dict_Add(cidfont, "W", w);
	HPDF_Dict_Add(cidfont, "CIDToGIDMap", map);

	arr = HPDF_Array_New(p->h->mmgr);
	HPDF_Array_Add(arr, cidfont);
	HPDF_Dict_AddName(f->font, "Type", "Font");
	HPDF_Dict_AddName(f->font, "Subtype", "Type0");
	HPDF_Dict_AddName(f->font, "BaseFont", name);
	HPDF_Dict_AddName(f->font, "Encoding", "Identity-H");
	HPDF_Dict_Add(f->font, "DescendantFonts", arr);
	HPDF_Dict_Add(f->font, "ToUnicode", tu);
	return p->err != 0 ? fail(p, what) : 0;
}

/* Page boxes */

/* TrimBox (the finished page) and BleedBox (with the ink beyond it) of a
 * page printed with marks around it; libharu has no call for them. */
static int
page_boxes(struct pdf *p, HPDF_Page hp, const struct page *pg)
{
	double b = pg->trim - pg->bleed;
	HPDF_Box trim = { (HPDF_REAL)pg->trim, (HPDF_REAL)pg->trim,
	    (HPDF_REAL)(pg->width - pg->trim),
	    (HPDF_REAL)(pg->height - pg->trim) };
	HPDF_Box bleed = { (HPDF_REAL)b, (HPDF_REAL)b,
	    (HPDF_REAL)(pg->width - b), (HPDF_REAL)(pg->height - b) };

	if (HPDF_Dict_Add(hp, "TrimBox", HPDF_Box_Array_New(p->h->mmgr,
	    trim)) != HPDF_OK ||
	    HPDF_Dict_Add(hp, "BleedBox", HPDF_Box_Array_New(p->h->mmgr,
	    bleed)) != HPDF_OK)
		return -1;
	return 0;
}

/* Destinations and links */

/* [page /XYZ left top null]: null zoom keeps the reader's zoom, which
 * HPDF_Destination_SetXYZ cannot express. */
static HPDF_Destination
make_dest(struct pdf *p, HPDF_Page pg, double left, double top)
{
	HPDF_Destination d;
	HPDF_Null null;

	if ((d = HPDF_Page_CreateDestination(pg)) == NULL)
		return NULL;
	HPDF_Array_Clear(d);
	if (HPDF_Array_Add(d, pg) != HPDF_OK ||
	    HPDF_Array_AddName(d, "XYZ") != HPDF_OK ||
	    HPDF_Array_AddReal(d, (HPDF_REAL)left) != HPDF_OK ||
	    HPDF_Array_AddReal(d, (HPDF_REAL)top) != HPDF_OK ||
	    (null = HPDF_Null_New(p->h->mmgr)) == NULL ||
	    HPDF_Array_Add(d, null) != HPDF_OK)
		return NULL;
	return d;
}

static int
anchor_cmp(const void *a, const void *b)
{
	const struct anchor *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c != 0)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* The first anchor of that name in document order, or NULL. */
static struct anchor *
find_anchor(struct pdf *p, const char *name)
{
	int lo = 0, hi = p->nanchors, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (strcmp(p->anchors[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < p->nanchors && strcmp(p->anchors[lo].name, name) == 0)
		return &p->anchors[lo];
	return NULL;
}

/*
 * URIs must be 7-bit: percent-encode bytes outside printable ASCII (the
 * UTF-8 of non-English addresses) and spaces.
 */
static char *
uri_encode(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *u;
	char *out, *q;

	out = q = xmalloc(strlen(s) * 3 + 1);
	for (u = (const unsigned char *)s; *u != '\0'; u++)
		if (*u <= 0x20 || *u >= 0x7f) {
			*q++ = '%';
			*q++ = hex[*u >> 4];
			*q++ = hex[*u & 15];
		} else
			*q++ = (char)*u;
	*q = '\0';
	return out;
}

/* Drawing: one function per item kind */

/* Operators go into the page being drawn (p->plain). */
static void
raw_ops(struct pdf *p, const char *ops)
{
	buf_adds(&p->plain, ops);
}

/* n bytes of operators, which may hold NULs (a literal string's CIDs) */
static void
raw_bytes(struct pdf *p, const char *ops, size_t n)
{
	buf_add(&p->plain, ops, n);
}

/*
 * An operator with n numbers: "v1 v2 ... op".  The numbers are written as
 * libharu writes them (single precision, HPDF_FToA), so that the page
 * reads the same as when libharu's page functions drew it; those cleared
 * a 512-byte buffer for each operator and copied it into the page a byte
 * at a time.
 */
static void
op_nums(struct pdf *p, const double *v, int n, const char *op)
{
	char num[64];
	char *end;
	int i;

	for (i = 0; i < n; i++) {
		end = HPDF_FToA(num, (HPDF_REAL)v[i], num + sizeof(num) - 1);
		buf_add(&p->plain, num, (size_t)(end - num));
		buf_addc(&p->plain, ' ');
	}
	buf_adds(&p->plain, op);
	buf_addc(&p->plain, '\n');
}

static void
op_rgb(struct pdf *p, uint32_t c, const char *op)
{
	double v[3] = { R(c), G(c), B(c) };

	op_nums(p, v, 3, op);
}

/* "/Name op" for a resource libharu has named in the page's dictionary */
static int
op_named(struct pdf *p, const char *name, const char *op)
{
	if (name == NULL)
		return -1;
	buf_addc(&p->plain, '/');
	buf_adds(&p->plain, name);
	buf_addc(&p->plain, ' ');
	buf_adds(&p->plain, op);
	buf_addc(&p->plain, '\n');
	return 0;
}


static int
set_fill(struct pdf *p, uint32_t c)
{
	if (p->cur_fill == c)
		return 0;
	op_rgb(p, c, "rg");
	p->cur_fill = c;
	return 0;
}

static int
set_stroke(struct pdf *p, uint32_t c, double width)
{
	if (p->cur_stroke != c) {
		op_rgb(p, c, "RG");
		p->cur_stroke = c;
	}
	if (p->cur_line_width != width) {
		op_nums(p, &width, 1, "w");
		p->cur_line_width = width;
	}
	return 0;
}

static int
end_text(struct pdf *p)
{
	if (!p->in_text)
		return 0;
	p->in_text = 0;
	raw_ops(p, "ET\n");
	return 0;
}

/* Append CID c as the two bytes of a literal string: half the bytes of
 * hex, so less to compress.  Any byte may stand in a literal string but
 * the delimiters and the backslash, which are escaped, and CR, which a
 * reader would take for an end of line. */
static void
add_cid(struct buf *b, unsigned c)
{
	unsigned char byte[2] = { c >> 8 & 0xFF, c & 0xFF };
	int i;

	for (i = 0; i < 2; i++) {
		switch (byte[i]) {
		case '(': case ')': case '\\':
			buf_addc(b, '\\');
			buf_addc(b, (char)byte[i]);
			break;
		case '\r':
			buf_add(b, "\\r", 2);
			break;
		default:
			buf_addc(b, (char)byte[i]);
		}
	}
}

/*
 * The glyphs of run as a TJ array of CIDs: each glyph's advance beyond
 * its /W width (kerning) and its offset become the numbers between them.
 * Vertical offsets (marks above letters, which Latin, Greek and Cyrillic
 * text has precomposed) are not drawn.
 */
static int
show_run(struct pdf *p, struct face *f, int face,
    const char *text, const struct srun *run)
{
	const struct sglyph *g;
	struct buf *b = &p->ops;
	long adj = 0;
	unsigned cid;
	int i, open = 0, kerned = 0;

	if (run->n == 0)
		return 0;
	buf_reset(b);
	buf_addc(b, '[');
	for (i = 0; i < run->n; i++) {
		g = &run->g[i];
		cid = glyph_cid(p, f, g->gid, text + g->off, g->len);
		if (cid == 0)
			return fail(p, "drawing text: more than 65,535 "
			    "different glyphs in one font");
		adj -= g->dx;
		if (adj != 0) {
			if (open)
				buf_addc(b, ')');
			buf_add_fixed(b, (double)adj, 0, 0);
			open = 0;
			kerned = 1;
		}
		if (!open)
			buf_addc(b, '(');
		add_cid(b, cid);
		open = 1;
		adj = fontset_glyph_advance(p->doc->fonts, face, g->gid) -
		    g->adv + g->dx;
	}
	if (open)
		buf_addc(b, ')');
	if (kerned)
		buf_adds(b, "] TJ\n");
	else {
		b->p[0] = ' ';
		buf_adds(b, " Tj\n");
	}
	raw_bytes(p, kerned ? b->p : b->p + 1, b->len - !kerned);
	return 0;
}

/*
 * Consecutive unrotated text of one block shares a text object (BT..ET),
 * so a tagging pass can mark each block as one piece of content.
 */
static int
draw_text(struct pdf *p, HPDF_Page pg, const struct pitem *it)
{
	const struct srun *run;
	const char *name;
	char op[160];
	double rad, dx, dy;
	int rc;

	if (it->text == NULL || it->text[0] == '\0')
		return 0;
	if (!(it->size > 0 && it->size <= HPDF_MAX_FONTSIZE)) {
		diag_fatal(NULL, 0, 0, "page %d: text \"%.40s\" has an "
		    "impossible size (%g pt); it was left out", p->pageno + 1,
		    it->text, it->size);
		return 0;
	}
	if ((rc = face_font(p, it->face)) != 0)
		return rc < 0 ? -1 : 0;
	run = fontset_shape(p->doc->fonts, it->face, it->text,
	    strlen(it->text));

	if (p->in_text && (it->angle != 0 || it->block == 0 ||
	    it->block != p->text_block || it->role != p->text_role ||
	    it->elem != p->text_elem))
		if (end_text(p) != 0)
			return -1;
	if (!p->in_text) {
		raw_ops(p, "BT\n");
		p->in_text = 1;
		p->text_block = it->block;
		p->text_role = it->role;
		p->text_elem = it->elem;
		p->tx = p->ty = 0;
	}
	if (it->face != p->cur_face || it->size != p->cur_size) {
		name = HPDF_Page_GetLocalFontName(pg,
		    (HPDF_Font)p->faces[it->face].font);
		if (name == NULL)
			return fail(p, "choosing a font");
		snprintf(op, sizeof(op), "/%s %.6g Tf\n", name, it->size);
		raw_ops(p, op);
		p->cur_face = it->face;
		p->cur_size = it->size;
	}
	if (set_fill(p, it->color) != 0)
		return -1;
	if (it->angle == 0) {
		/* the next line starts this much further on; what the reader
		 * adds up is the rounded numbers, so keep to those */
		dx = nearbyint((it->x - p->tx) * 1000) / 1000;
		dy = nearbyint((it->y - p->ty) * 1000) / 1000;
		buf_reset(&p->ops);
		buf_add_fixed(&p->ops, dx, 3, 1);
		buf_addc(&p->ops, ' ');
		buf_add_fixed(&p->ops, dy, 3, 1);
		buf_adds(&p->ops, " Td\n");
		raw_ops(p, p->ops.p);
		p->tx += dx;
		p->ty += dy;
		return show_run(p, &p->faces[it->face], it->face,
		    it->text, run);
	}
	rad = it->angle * M_PI / 180;
	snprintf(op, sizeof(op), "%.4f %.4f %.4f %.4f %.3f %.3f Tm\n",
	    cos(rad), sin(rad), -sin(rad), cos(rad), it->x, it->y);
	raw_ops(p, op);
	if (show_run(p, &p->faces[it->face], it->face, it->text,
	    run) != 0)
		return -1;
	/* The rotation stays in the text matrix: never share this object. */
	return end_text(p);
}

static int
draw_rule(struct pdf *p, HPDF_Page pg, const struct pitem *it)
{
	double from[2] = { it->x, it->y }, to[2] = { it->x + it->w,
	    it->y + it->h };

	(void)pg;	/* the drawers' signature; all goes to p->plain */

	if (end_text(p) != 0 ||
	    set_stroke(p, it->color, it->line_width) != 0)
		return -1;
	op_nums(p, from, 2, "m");
	op_nums(p, to, 2, "l");
	raw_ops(p, "S\n");
	return 0;
}

static int
draw_rect(struct pdf *p, HPDF_Page pg, const struct pitem *it)
{
	double box[4] = { it->x, it->y, it->w, it->h };
	int fill = it->flags & PF_FILL, stroke = it->flags & PF_STROKE;

	(void)pg;	/* the drawers' signature; all goes to p->plain */

	if (!fill && !stroke)
		return 0;
	if (end_text(p) != 0)
		return -1;
	if (fill && set_fill(p, it->fill) != 0)
		return -1;
	if (stroke && set_stroke(p, it->color, it->line_width) != 0)
		return -1;
	op_nums(p, box, 4, "re");
	raw_ops(p, fill && stroke ? "B\n" : fill ? "f\n" : "S\n");
	return 0;
}

/*
 * A number of the path notation.  Plain decimals with up to 15 digits (all
 * the page model writes) are read as digits over a power of ten, one
 * correctly rounded division, so the same double as strtod gives, which
 * costs ten times as much; anything else goes to strtod.
 */
static double
path_number(const char *s, char **end)
{
	static const double tens[] = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
	    1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };
	const char *c = s;
	unsigned long long m = 0;
	int digits = 0, decimals = 0, neg = 0;

	while (*c == ' ' || *c == '\n' || *c == ',')
		c++;
	if (*c == '-' || *c == '+')
		neg = *c++ == '-';
	for (; *c >= '0' && *c <= '9'; c++, digits++)
		m = m * 10 + (unsigned)(*c - '0');
	if (*c == '.')
		for (c++; *c >= '0' && *c <= '9'; c++, digits++, decimals++)
			m = m * 10 + (unsigned)(*c - '0');
	if (digits == 0 || digits > 15 || *c == 'e' || *c == 'E')
		return strtod(s, end);
	*end = (char *)c;
	return (neg ? -1.0 : 1.0) * ((double)m / tens[decimals]);
}

/*
 * A path in the page model's notation ("M x y", "L x y",
 * "C x1 y1 x2 y2 x y", "Z") as PDF path operators, appended to stream s.
 * Returns 0, or -1 if the path is malformed.
 */
static int
path_ops(HPDF_Stream s, const char *path)
{
	static const struct {
		char	 cmd;
		int	 npts;
		const char *op;
	} cmds[] = { { 'M', 2, "m" }, { 'L', 2, "l" }, { 'C', 6, "c" },
	    { 'Z', 0, "h" } };
	const char *p = path;
	struct buf b;
	char *end;
	double v;
	size_t i;
	int k;

	buf_init(&b);
	while (*p != '\0') {
		while (*p == ' ' || *p == '\n' || *p == ',')
			p++;
		if (*p == '\0')
			break;
		for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
			if (cmds[i].cmd == *p)
				break;
		if (i == sizeof(cmds) / sizeof(cmds[0]))
			goto fail;
		p++;
		for (k = 0; k < cmds[i].npts; k++) {
			v = path_number(p, &end);
			if (end == p)
				goto fail;
			p = end;
			buf_add_fixed(&b, v, 2, 0);	/* as "%.2f ", faster */
			buf_addc(&b, ' ');
		}
		buf_adds(&b, cmds[i].op);
		buf_addc(&b, '\n');
	}
	if (HPDF_Stream_Write(s, (const HPDF_BYTE *)b.p, (HPDF_UINT)b.len) !=
	    HPDF_OK)
		goto fail;
	buf_free(&b);
	return 0;
fail:
	buf_free(&b);
	return -1;
}

/*
 * A filled shape (PI_PATH: a path in the page model's notation).  The same
 * shape on many pages, such as the review mark, is written once as a form
 * XObject and referenced.
 */
static int
draw_path(struct pdf *p, HPDF_Page pg, const struct pitem *it)
{
	struct shape *sh = NULL;
	HPDF_Dict x;
	HPDF_Box box;
	char col[64];
	double scale, m[6] = { 0, 0, 0, 0, 0, 0 };
	int i;

	if (it->text == NULL || it->text[0] == '\0')
		return 0;
	for (i = 0; i < p->nshapes; i++)
		if (p->shapes[i].fill == it->fill &&
		    strcmp(p->shapes[i].ops, it->text) == 0) {
			sh = &p->shapes[i];
			break;
		}
	if (sh == NULL) {
		x = HPDF_DictStream_New(p->h->mmgr, p->h->xref);
		if (x == NULL)
			return fail(p, "drawing a mark");
		x->header.obj_class |= HPDF_OSUBCLASS_XOBJECT;
		box.left = 0;
		box.bottom = 0;
		box.right = (HPDF_REAL)p->doc->pages[p->pageno].width;
		box.top = (HPDF_REAL)p->doc->pages[p->pageno].height;
		if (HPDF_Dict_AddName(x, "Type", "XObject") != HPDF_OK ||
		    HPDF_Dict_AddName(x, "Subtype", "Form") != HPDF_OK ||
		    HPDF_Dict_Add(x, "BBox", HPDF_Box_Array_New(p->h->mmgr,
		    box)) != HPDF_OK)
			return fail(p, "drawing a mark");
		snprintf(col, sizeof(col), "%.4f %.4f %.4f rg\n",
		    ((it->fill >> 16) & 0xFF) / 255.0,
		    ((it->fill >> 8) & 0xFF) / 255.0,
		    (it->fill & 0xFF) / 255.0);
		if (HPDF_Stream_WriteStr(x->stream, col) != HPDF_OK ||
		    path_ops(x->stream, it->text) != 0 ||
		    HPDF_Stream_WriteStr(x->stream, "f\n") != HPDF_OK)
			return fail(p, "drawing a mark");
		ARRAY_GROW(p->shapes, p->nshapes, p->shapes_cap);
		sh = &p->shapes[p->nshapes++];
		sh->ops = it->text;
		sh->fill = it->fill;
		sh->xobject = x;
	}
	if (end_text(p) != 0)
		return -1;
	scale = it->size > 0 ? it->size : 1;
	raw_ops(p, "q\n");
	if (it->flags & PF_MULTIPLY) {
		/* multiplied in, the mark darkens a picture under it and
		 * leaves dark text as dark as it was */
		if (p->multiply == NULL) {
			p->multiply = HPDF_CreateExtGState(p->h);
			if (p->multiply == NULL)
				return fail(p, "drawing a mark");
			TRY(p, HPDF_ExtGState_SetBlendMode(p->multiply,
			    HPDF_BM_MULTIPLY), "drawing a mark");
		}
		if (op_named(p, HPDF_Page_GetExtGStateName(pg, p->multiply),
		    "gs") != 0)
			return fail(p, "drawing a mark");
	}
	m[0] = m[3] = scale;
	m[4] = it->x;
	m[5] = it->y;
	op_nums(p, m, 6, "cm");
	if (op_named(p, HPDF_Page_GetXObjectName(pg,
	    (HPDF_XObject)sh->xobject), "Do") != 0)
		return fail(p, "drawing a mark");
	raw_ops(p, "Q\n");
	return 0;
}

/* The image XObject of image n, made on first use; *out NULL if n is
 * not an image (reported, the item is skipped). */
static int
image_xobject(struct pdf *p, int n, HPDF_Image *out)
{
	const struct image *img;
	HPDF_Image x, mask;

	*out = NULL;
	if (n < 0 || n >= p->doc->nimages || p->doc->images[n] == NULL ||
	    p->doc->images[n]->width <= 0 || p->doc->images[n]->height <= 0) {
		diag_fatal(NULL, 0, 0, "page %d: picture number %d does not "
		    "exist; it was left out", p->pageno + 1, n);
		return 0;
	}
	if (p->images[n] != NULL) {
		*out = p->images[n];
		return 0;
	}
	img = p->doc->images[n];
	if (img->kind == IMAGE_JPEG) {
		x = HPDF_LoadJpegImageFromMem(p->h, img->data,
		    (HPDF_UINT)img->len);
		/* libharu returns NULL for data it does not like without
		   setting an error. */
		if (x == NULL)
			return fail(p, "embedding a JPEG picture");
	} else {
		x = HPDF_LoadRawImageFromMem(p->h, img->pixels,
		    (HPDF_UINT)img->width, (HPDF_UINT)img->height,
		    img->components == 1 ? HPDF_CS_DEVICE_GRAY :
		    HPDF_CS_DEVICE_RGB, 8);
		if (x == NULL)
			return fail(p, "embedding a picture");
		if (img->alpha != NULL) {
			mask = HPDF_LoadRawImageFromMem(p->h, img->alpha,
			    (HPDF_UINT)img->width, (HPDF_UINT)img->height,
			    HPDF_CS_DEVICE_GRAY, 8);
			if (mask == NULL)
				return fail(p, "embedding a picture's "
				    "transparency");
			TRY(p, HPDF_Image_AddSMask(x, mask), "embedding a "
			    "picture's transparency");
		}
	}
	p->images[n] = *out = x;
	return 0;
}

static int
draw_image(struct pdf *p, HPDF_Page pg, const struct pitem *it)
{
	/* unit-square matrices [a b c d e f] for EXIF orientations 2-8 */
	static const double turn[7][6] = {
		{ -1, 0, 0, 1, 1, 0 },		/* 2 mirrored */
		{ -1, 0, 0, -1, 1, 1 },		/* 3 upside down */
		{ 1, 0, 0, -1, 0, 1 },		/* 4 mirrored, upside down */
		{ 0, -1, -1, 0, 1, 1 },		/* 5 transposed */
		{ 0, -1, 1, 0, 0, 1 },		/* 6 turned right */
		{ 0, 1, 1, 0, 0, 0 },		/* 7 transversed */
		{ 0, 1, -1, 0, 1, 0 },		/* 8 turned left */
	};
	HPDF_Image x;
	double m[6] = { 0, 0, 0, 0, 0, 0 };
	int o;

	if (end_text(p) != 0 || image_xobject(p, it->image, &x) != 0)
		return -1;
	if (x == NULL)
		return 0;
	o = p->doc->images[it->image]->orient;
	if (o < 2 || o > 8) {
		m[0] = it->w;
		m[3] = it->h;
		m[4] = it->x;
		m[5] = it->y;
	} else {
		/* EXIF orientation: the stored picture (unit square) turned
		 * or mirrored into the box, as a camera's viewer shows it */
		o -= 2;
		m[0] = it->w * turn[o][0];
		m[1] = it->h * turn[o][1];
		m[2] = it->w * turn[o][2];
		m[3] = it->h * turn[o][3];
		m[4] = it->x + it->w * turn[o][4];
		m[5] = it->y + it->h * turn[o][5];
	}
	raw_ops(p, "q\n");
	op_nums(p, m, 6, "cm");
	if (op_named(p, HPDF_Page_GetXObjectName(pg, x), "Do") != 0)
		return fail(p, "drawing a picture");
	raw_ops(p, "Q\n");
	return 0;
}

static int
draw_link(struct pdf *p, HPDF_Page pg, const struct pitem *it)
{
	HPDF_Rect r;
	HPDF_Annotation a;
	struct anchor *an;
	char *uri;

	if (it->text == NULL || it->text[0] == '\0')
		return 0;
	r.left = (HPDF_REAL)it->x;
	r.bottom = (HPDF_REAL)it->y;
	r.right = (HPDF_REAL)(it->x + it->w);
	r.top = (HPDF_REAL)(it->y + it->h);
	if (it->text[0] == '#') {
		if ((an = find_anchor(p, it->text + 1)) == NULL) {
			diag_fatal(NULL, 0, 0, "page %d: a link leads to "
			    "'%s', which is nowhere in the document; the link "
			    "was left out", p->pageno + 1, it->text);
			return 0;
		}
		if ((a = HPDF_Page_CreateLinkAnnot(pg, r, an->dst)) == NULL)
			return fail(p, "making a link");
	} else {
		uri = uri_encode(it->text);
		if (strlen(uri) > MAX_URI) {
			diag_fatal(NULL, 0, 0, "page %d: a web address of %zu "
			    "characters is too long for a PDF link; the link "
			    "was left out", p->pageno + 1, strlen(uri));
			free(uri);
			return 0;
		}
		a = HPDF_Page_CreateURILinkAnnot(pg, r, uri);
		free(uri);
		if (a == NULL)
			return fail(p, "making a link");
	}
	/* No frame; /F 4 (print) as PDF/A wants for every annotation. */
	TRY(p, HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0), "making a link");
	TRY(p, HPDF_Dict_AddNumber(a, "F", 4), "making a link");
	return tag_link(p, pg, a, it);
}

/* Made in the first pass (make_pages); nothing to draw. */
static int
draw_anchor(struct pdf *p, HPDF_Page pg, const struct pitem *it)
{
	(void)p;
	(void)pg;
	(void)it;
	return 0;
}

/* Document level */

static int
set_info(struct pdf *p)
{
	const struct pagedoc *d = p->doc;
	static const struct {
		const char	*key;
		size_t		 off;
	} fields[] = {
		{ "Title", offsetof(struct pagedoc, title) },
		{ "Author", offsetof(struct pagedoc, author) },
		{ "Subject", offsetof(struct pagedoc, subject) },
		{ "Keywords", offsetof(struct pagedoc, keywords) },
		{ "Creator", offsetof(struct pagedoc, creator) },
	};
	const char *s;
	HPDF_Date date;
	HPDF_Dict vp;
	struct tm tm;
	time_t t;
	size_t i;

	/* the producer first: libharu makes the dictionary with it */
	TRY(p, HPDF_SetInfoAttr(p->h, HPDF_INFO_PRODUCER, "leafpress"),
	    "writing the document information");
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		s = *(char *const *)((const char *)d + fields[i].off);
		if (s != NULL && s[0] != '\0')
			TRY(p, HPDF_Dict_Add(p->h->info, fields[i].key,
			    text_string(p, s)),
			    "writing the document information");
	}
	/* the leaflet's stamp (id, version, dates) as custom entries */
	for (i = 0; i < (size_t)d->ninfo; i++)
		TRY(p, HPDF_Dict_Add(p->h->info, d->info_key[i],
		    text_string(p, d->info_value[i])),
		    "writing the document information");
	if (d->date >= 0) {
		t = (time_t)d->date;
		if (gmtime_r(&t, &tm) == NULL || tm.tm_year + 1900 > 9999) {
			diag_fatal(NULL, 0, 0, "the document date (%lld) is "
			    "out of range; the PDF has no date", d->date);
		} else {
			memset(&date, 0, sizeof(date));
			date.year = tm.tm_year + 1900;
			date.month = tm.tm_mon + 1;
			date.day = tm.tm_mday;
			date.hour = tm.tm_hour;
			date.minutes = tm.tm_min;
			date.seconds = tm.tm_sec;
			date.ind = '+';		/* +00'00': UTC */
			TRY(p, HPDF_SetInfoDateAttr(p->h,
			    HPDF_INFO_CREATION_DATE, date), "writing the "
			    "document date");
			TRY(p, HPDF_SetInfoDateAttr(p->h, HPDF_INFO_MOD_DATE,
			    date), "writing the document date");
		}
	}
	if (d->lang != NULL && d->lang[0] != '\0')
		TRY(p, HPDF_Dict_Add(p->h->catalog, "Lang",
		    HPDF_String_New(p->h->mmgr, d->lang, NULL)),
		    "writing the document language");
	/* Readers show the title, not the file name (no public API). */
	if ((vp = HPDF_Dict_New(p->h->mmgr)) == NULL)
		return fail(p, "writing the viewer preferences");
	TRY(p, HPDF_Dict_Add(p->h->catalog, "ViewerPreferences", vp),
	    "writing the viewer preferences");
	TRY(p, HPDF_Dict_AddBoolean(vp, "DisplayDocTitle", HPDF_TRUE),
	    "writing the viewer preferences");
	return 0;
}

static void
xml_elem(struct buf *b, const char *open, const char *s, const char *close)
{
	if (s == NULL || s[0] == '\0')
		return;
	buf_adds(b, open);
	buf_add_xml(b, s);
	buf_adds(b, close);
}

/*
 * XMP metadata (what PDF/UA asks readers to take the title and language
 * from), matching the document information; a tagged document claims
 * PDF/UA-1 (pdfuaid:part).  Written uncompressed, as XMP wants.
 */
static int
make_xmp(struct pdf *p)
{
	const struct pagedoc *d = p->doc;
	struct buf b;
	HPDF_Dict x;
	char date[32];
	struct tm tm;
	time_t t;
	int i;

	buf_init(&b);
	buf_adds(&b, "<?xpacket begin=\"\xef\xbb\xbf\" "
	    "id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-"
	    "ns#\">\n<rdf:Description rdf:about=\"\"\n"
	    " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
	    " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
	    " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"");
	if (d->ninfo > 0)
		buf_adds(&b, "\n xmlns:pdfx=\"http://ns.adobe.com/pdfx/1.3/\"");
	if (p->tag.on)
		buf_adds(&b, "\n xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"");
	buf_adds(&b, ">\n");
	xml_elem(&b, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">",
	    d->title, "</rdf:li></rdf:Alt></dc:title>\n");
	xml_elem(&b, "<dc:language><rdf:Bag><rdf:li>", d->lang,
	    "</rdf:li></rdf:Bag></dc:language>\n");
	xml_elem(&b, "<dc:creator><rdf:Seq><rdf:li>", d->author,
	    "</rdf:li></rdf:Seq></dc:creator>\n");
	xml_elem(&b, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">",
	    d->subject, "</rdf:li></rdf:Alt></dc:description>\n");
	xml_elem(&b, "<pdf:Keywords>", d->keywords, "</pdf:Keywords>\n");
	buf_adds(&b, "<pdf:Producer>leafpress</pdf:Producer>\n");
	xml_elem(&b, "<xmp:CreatorTool>", d->creator, "</xmp:CreatorTool>\n");
	if (d->date >= 0) {
		t = (time_t)d->date;
		if (gmtime_r(&t, &tm) != NULL && tm.tm_year + 1900 <= 9999 &&
		    strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ",
		    &tm) > 0) {
			xml_elem(&b, "<xmp:CreateDate>", date,
			    "</xmp:CreateDate>\n");
			xml_elem(&b, "<xmp:ModifyDate>", date,
			    "</xmp:ModifyDate>\n");
		}
	}
	/* the custom document information, as Acrobat records it */
	for (i = 0; i < d->ninfo; i++) {
		buf_printf(&b, "<pdfx:%s>", d->info_key[i]);
		buf_add_xml(&b, d->info_value[i]);
		buf_printf(&b, "</pdfx:%s>\n", d->info_key[i]);
	}
	if (p->tag.on)
		buf_adds(&b, "<pdfuaid:part>1</pdfuaid:part>\n");
	buf_adds(&b, "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
	    "<?xpacket end=\"w\"?>\n");
	x = HPDF_DictStream_New(p->h->mmgr, p->h->xref);
	if (x == NULL || HPDF_Dict_AddName(x, "Type", "Metadata") != HPDF_OK ||
	    HPDF_Dict_AddName(x, "Subtype", "XML") != HPDF_OK ||
	    HPDF_Stream_Write(x->stream, (const HPDF_BYTE *)b.p,
	    (HPDF_UINT)b.len) != HPDF_OK ||
	    HPDF_Dict_Add(p->h->catalog, "Metadata", x) != HPDF_OK) {
		buf_free(&b);
		return fail(p, "writing the XMP metadata");
	}
	x->filter = HPDF_STREAM_FILTER_NONE;
	buf_free(&b);
	return 0;
}

/* First pass: every page, and a destination for every anchor. */
static int
make_pages(struct pdf *p)
{
	const struct pagedoc *d = p->doc;
	const struct page *pg;
	const struct pitem *it;
	struct anchor *an;
	HPDF_Dict dests = NULL;
	int i, j, ndests;

	for (i = 0; i < d->npages; i++) {
		pg = &d->pages[i];
		if (!(pg->width >= 3 && pg->width <= 14400 &&
		    pg->height >= 3 && pg->height <= 14400)) {
			diag_fatal(NULL, 0, 0, "could not write the PDF: page "
			    "%d has an impossible size (%g x %g pt)", i + 1,
			    pg->width, pg->height);
			return -1;
		}
		if ((p->pages[i] = HPDF_AddPage(p->h)) == NULL)
			return fail(p, "adding a page");
		TRY(p, HPDF_Page_SetWidth(p->pages[i], (HPDF_REAL)pg->width),
		    "setting the page size");
		TRY(p, HPDF_Page_SetHeight(p->pages[i],
		    (HPDF_REAL)pg->height), "setting the page size");
		if (pg->trim > 0 && page_boxes(p, p->pages[i], pg) != 0)
			return fail(p, "setting the trim and bleed boxes");
		for (j = 0; j < pg->nitems; j++) {
			it = &pg->items[j];
			if (it->kind != PI_ANCHOR || it->text == NULL)
				continue;
			ARRAY_GROW(p->anchors, p->nanchors, p->anchors_cap);
			an = &p->anchors[p->nanchors];
			an->name = it->text;
			an->order = p->nanchors++;
			an->dst = make_dest(p, p->pages[i], it->x, it->y);
			if (an->dst == NULL)
				return fail(p, "making a link target");
		}
	}
	if (p->nanchors == 0)
		return 0;
	qsort(p->anchors, p->nanchors, sizeof(*p->anchors), anchor_cmp);

	/* Also as named destinations, so file.pdf#name opens there. */
	for (i = ndests = 0; i < p->nanchors && ndests < MAX_DESTS; i++) {
		an = &p->anchors[i];
		if ((i > 0 && strcmp(an->name, an[-1].name) == 0) ||
		    an->name[0] == '\0' || strlen(an->name) > MAX_NAME)
			continue;
		if (dests == NULL) {
			if ((dests = HPDF_Dict_New(p->h->mmgr)) == NULL)
				return fail(p, "writing the link targets");
			TRY(p, HPDF_Dict_Add(p->h->catalog, "Dests", dests),
			    "writing the link targets");
		}
		TRY(p, HPDF_Dict_Add(dests, an->name, an->dst),
		    "writing the link targets");
		ndests++;
	}
	return 0;
}

/* Bookmarks, nested by level. */
static int
make_outline(struct pdf *p)
{
	const struct pagedoc *d = p->doc;
	const struct outline_entry *o;
	HPDF_Outline last[MAX_LEVELS + 1], parent, ol;
	HPDF_Destination dst;
	int i, k, level;

	if (d->noutline == 0)
		return 0;
	memset(last, 0, sizeof(last));
	for (i = 0; i < d->noutline; i++) {
		o = &d->outline[i];
		if (o->page < 0 || o->page >= d->npages) {
			diag_fatal(NULL, 0, 0, "bookmark \"%.40s\" points to "
			    "page %d of %d; it was left out", o->title,
			    o->page + 1, d->npages);
			continue;
		}
		level = o->level < 1 ? 1 : o->level > MAX_LEVELS ?
		    MAX_LEVELS : o->level;
		/* The parent is the latest entry of a higher level. */
		parent = NULL;
		for (k = level - 1; k >= 1; k--)
			if (last[k] != NULL) {
				parent = last[k];
				break;
			}
		/* the title is replaced, in its place, by a text string */
		ol = HPDF_CreateOutline(p->h, parent, "", NULL);
		if (ol == NULL || HPDF_Dict_Add(ol, "Title",
		    text_string(p, o->title)) != HPDF_OK)
			return fail(p, "writing the bookmarks");
		if ((dst = make_dest(p, p->pages[o->page], 0, o->y)) == NULL)
			return fail(p, "writing the bookmarks");
		TRY(p, HPDF_Outline_SetDestination(ol, dst),
		    "writing the bookmarks");
		last[level] = ol;
		for (k = level + 1; k <= MAX_LEVELS; k++)
			last[k] = NULL;
	}
	TRY(p, HPDF_SetPageMode(p->h, HPDF_PAGE_MODE_USE_OUTLINE),
	    "writing the bookmarks");
	return 0;
}

/* Page labels; libharu keeps them in call order, so sort first. */
static int
make_labels(struct pdf *p)
{
	const struct pagedoc *d = p->doc;
	struct page_label *l;
	HPDF_PageNumStyle style;
	int i, j, n, prev = -1;

	if (d->nlabels == 0)
		return 0;
	l = xreallocarray(NULL, d->nlabels, sizeof(*l));
	memcpy(l, d->labels, d->nlabels * sizeof(*l));
	n = d->nlabels;
	for (i = 1; i < n; i++)		/* insertion sort: stable, short */
		for (j = i; j > 0 && l[j - 1].first_page > l[j].first_page;
		    j--) {
			struct page_label t = l[j];

			l[j] = l[j - 1];
			l[j - 1] = t;
		}
	for (i = 0; i < n; i++) {
		if (l[i].first_page < 0 || l[i].first_page >= d->npages ||
		    l[i].first_page == prev) {
			diag_fatal(NULL, 0, 0, "page numbering from page %d "
			    "is out of place; it was left out",
			    l[i].first_page + 1);
			continue;
		}
		switch (l[i].style) {
		case 'r':
			style = HPDF_PAGE_NUM_STYLE_LOWER_ROMAN;
			break;
		case 'R':
			style = HPDF_PAGE_NUM_STYLE_UPPER_ROMAN;
			break;
		case 'a':
			style = HPDF_PAGE_NUM_STYLE_LOWER_LETTERS;
			break;
		case 'A':
			style = HPDF_PAGE_NUM_STYLE_UPPER_LETTERS;
			break;
		default:
			style = HPDF_PAGE_NUM_STYLE_DECIMAL;
			break;
		}
		if (HPDF_AddPageLabel(p->h, (HPDF_UINT)l[i].first_page, style,
		    (HPDF_UINT)(l[i].start < 1 ? 1 : l[i].start), NULL) !=
		    HPDF_OK) {
			free(l);
			return fail(p, "writing the page numbers");
		}
		prev = l[i].first_page;
	}
	free(l);
	return 0;
}

/* Second pass: the items of every page. */
/* --- tagging ---------------------------------------------------------- */


static HPDF_Dict
struct_elem(struct pdf *p, HPDF_Dict parent, const char *type)
{
	HPDF_Dict e = HPDF_Dict_New(p->h->mmgr);
	HPDF_Array kids;

	if (e == NULL || HPDF_Xref_Add(p->h->xref, e) != HPDF_OK)
		return NULL;
	/* no /Type: optional for a structure element, and a long booklet
	 * has tens of thousands of them */
	HPDF_Dict_AddName(e, "S", type);
	HPDF_Dict_Add(e, "P", parent);
	kids = HPDF_Dict_GetItem(parent, "K", HPDF_OCLASS_ARRAY);
	if (kids == NULL) {
		kids = HPDF_Array_New(p->h->mmgr);
		HPDF_Dict_Add(parent, "K", kids);
	}
	HPDF_Array_Add(kids, e);
	return e;
}

/* A text string: printable ASCII as itself (half the bytes of UTF-16,
 * and most titles and link descriptions are ASCII), anything else in
 * UTF-16BE with its byte-order mark.  Made here, not by libharu's UTF-8
 * encoder, which fills 64 Ki-entry tables in every document. */
static void *
text_string(struct pdf *p, const char *s)
{
	struct buf u16;
	const char *c;
	void *str;

	for (c = s; *c >= 0x20 && *c <= 0x7e; c++)
		;
	if (*c == '\0')
		return HPDF_String_New(p->h->mmgr, s, NULL);
	buf_init(&u16);
	buf_add(&u16, "\xFE\xFF", 2);
	add_utf16(&u16, s, strlen(s), 0);
	str = HPDF_Binary_New(p->h->mmgr, (HPDF_BYTE *)u16.p,
	    (HPDF_UINT)u16.len);
	buf_free(&u16);
	return str;
}

/* /A << /O owner /key /value >> */
static void
add_attr(struct pdf *p, HPDF_Dict e, const char *owner, const char *key,
    const char *value)
{
	HPDF_Dict a = HPDF_Dict_New(p->h->mmgr);

	HPDF_Dict_AddName(a, "O", owner);
	HPDF_Dict_AddName(a, key, value);
	HPDF_Dict_Add(e, "A", a);
}

/* The PDF element of page-model element e with everything it says. */
static HPDF_Dict
make_elem(struct pdf *p, HPDF_Dict parent, int e)
{
	static const char *const numbering[LIST_NUMBERING_MAX] = {
		"None", "Disc", "Decimal"
	};
	static const char *const scope[SCOPE_MAX] = {
		NULL, "Row", "Column", "Both"
	};
	const struct selem *se = &p->doc->elems[e];
	HPDF_Dict d = struct_elem(p, parent, page_stype_name(se->type));

	if (d == NULL)
		return NULL;
	if (se->type == ST_L && se->numbering >= 0 &&
	    se->numbering < LIST_NUMBERING_MAX)
		add_attr(p, d, "List", "ListNumbering",
		    numbering[se->numbering]);
	if (se->type == ST_TH && se->scope > 0 && se->scope < SCOPE_MAX)
		add_attr(p, d, "Table", "Scope", scope[se->scope]);
	if (se->type == ST_FIGURE)
		HPDF_Dict_Add(d, "Alt", text_string(p, se->alt != NULL &&
		    se->alt[0] != '\0' ? se->alt : "Picture"));
	if (se->id != NULL)
		HPDF_Dict_Add(d, "ID", HPDF_String_New(p->h->mmgr, se->id,
		    NULL));
	return d;
}

/*
 * The PDF element of page-model element e, made when first needed: its
 * parent first, then every earlier sibling not yet made, so children
 * stand in reading order among the marked content they are mixed with
 * (a paragraph's text and its links).
 */
static HPDF_Dict
elem_of(struct pdf *p, int e)
{
	struct tagging *t = &p->tag;
	const struct pagedoc *d = p->doc;
	HPDF_Dict parent;
	int c;

	if (e <= 0 || e >= d->nelems)
		return NULL;
	if (t->elems[e] != NULL)
		return t->elems[e];
	if (e == 1 || d->elems[e].parent <= 0) {
		t->elems[e] = make_elem(p, t->root, e);
		return t->elems[e];
	}
	if ((parent = elem_of(p, d->elems[e].parent)) == NULL)
		return NULL;
	for (c = d->elems[d->elems[e].parent].first; c != 0;
	    c = d->elems[c].next) {
		if (t->elems[c] == NULL &&
		    (t->elems[c] = make_elem(p, parent, c)) == NULL)
			return NULL;
		if (c == e)
			break;
	}
	return t->elems[e];
}

static int
tag_begin(struct pdf *p)
{
	struct tagging *t = &p->tag;
	HPDF_Dict tree, mark;

	/* an imposed print edition has no structure: not tagged */
	t->on = p->doc->nelems > 1;
	if (!t->on)
		return 0;
	p->h->pdf_version = HPDF_VER_17;
	t->elems = xcalloc((size_t)p->doc->nelems, sizeof(*t->elems));
	t->root = HPDF_Dict_New(p->h->mmgr);
	if (t->root == NULL || HPDF_Xref_Add(p->h->xref, t->root) != HPDF_OK)
		return fail(p, "starting the structure tree");
	HPDF_Dict_AddName(t->root, "Type", "StructTreeRoot");
	t->nums = HPDF_Array_New(p->h->mmgr);
	tree = HPDF_Dict_New(p->h->mmgr);
	HPDF_Dict_Add(tree, "Nums", t->nums);
	HPDF_Dict_Add(t->root, "ParentTree", tree);
	HPDF_Dict_Add(p->h->catalog, "StructTreeRoot", t->root);
	mark = HPDF_Dict_New(p->h->mmgr);
	HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE);
	HPDF_Dict_Add(p->h->catalog, "MarkInfo", mark);
	if (elem_of(p, 1) == NULL || p->err != 0)
		return fail(p, "starting the structure tree");
	return 0;
}

static int
tag_page(struct pdf *p, HPDF_Page pg, int index)
{
	struct tagging *t = &p->tag;

	if (!t->on)
		return 0;
	t->parents = HPDF_Array_New(p->h->mmgr);
	t->mcid = 0;
	t->open = 0;
	HPDF_Dict_AddNumber(pg, "StructParents", index);
	HPDF_Dict_AddName(pg, "Tabs", "S");
	HPDF_Array_AddNumber(t->nums, index);
	HPDF_Array_Add(t->nums, t->parents);
	return p->err != 0 ? fail(p, "tagging a page") : 0;
}

static int
tag_close(struct pdf *p)
{
	if (!p->tag.open)
		return 0;
	if (end_text(p) != 0)
		return -1;
	raw_ops(p, "EMC\n");
	p->tag.open = 0;
	return 0;
}

/* What kind of decoration an artifact is. */
static const char *
artifact_ops(const struct pitem *it)
{
	if (it->flags & PF_REPEAT)
		return "/Artifact <</Type /Pagination>> BDC\n";
	switch (it->role) {
	case ROLE_HEADER:
		return "/Artifact <</Type /Pagination /Subtype /Header>> BDC\n";
	case ROLE_FOOTER:
		return "/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n";
	case ROLE_MARK:
		return "/Artifact <</Type /Pagination /Subtype /Watermark>> "
		    "BDC\n";
	default:
		return "/Artifact <</Type /Layout>> BDC\n";
	}
}

/*
 * Mark the content of item it: continue the open sequence if it belongs
 * to it, else close that and open the right one: its element's, or an
 * artifact for decoration (no element) and repeats.
 */
static int
tag_item(struct pdf *p, HPDF_Page pg, const struct pitem *it)
{
	struct tagging *t = &p->tag;
	HPDF_Dict e, mcr, epg;
	HPDF_Array k;
	const char *ops;

	if (!t->on || it->kind == PI_LINK || it->kind == PI_ANCHOR)
		return 0;		/* annotations, not content */
	if (it->kind == PI_TEXT && (it->text == NULL || it->text[0] == '\0'))
		return 0;
	if (it->elem <= 0 || it->elem >= p->doc->nelems ||
	    (it->flags & PF_REPEAT)) {
		ops = artifact_ops(it);
		if (t->open && t->cur_elem == -1 && t->cur_ops == ops)
			return 0;
		if (tag_close(p) != 0)
			return -1;
		raw_ops(p, ops);
		t->open = 1;
		t->cur_elem = -1;
		t->cur_ops = ops;
		return 0;
	}
	if (t->open && t->cur_elem == it->elem)
		return 0;
	if (tag_close(p) != 0)
		return -1;
	if ((e = elem_of(p, it->elem)) == NULL)
		return fail(p, "tagging");
	/* the element's content: marked-content references on pages; a
	 * bare MCID on the element's own page (/Pg), the first it is on */
	k = HPDF_Dict_GetItem(e, "K", HPDF_OCLASS_ARRAY);
	if (k == NULL) {
		k = HPDF_Array_New(p->h->mmgr);
		HPDF_Dict_Add(e, "K", k);
	}
	epg = HPDF_Dict_GetItem(e, "Pg", HPDF_OCLASS_DICT);
	if (epg == NULL) {
		HPDF_Dict_Add(e, "Pg", pg);
		epg = pg;
	}
	if (epg == pg)
		HPDF_Array_AddNumber(k, t->mcid);
	else {
		mcr = HPDF_Dict_New(p->h->mmgr);
		HPDF_Dict_AddName(mcr, "Type", "MCR");
		HPDF_Dict_Add(mcr, "Pg", pg);
		HPDF_Dict_AddNumber(mcr, "MCID", t->mcid);
		HPDF_Array_Add(k, mcr);
	}
	HPDF_Array_Add(t->parents, e);
	buf_addc(&p->plain, '/');
	buf_adds(&p->plain, page_stype_name(p->doc->elems[it->elem].type));
	buf_adds(&p->plain, " <</MCID ");
	buf_add_uint(&p->plain, (unsigned long long)t->mcid++);
	buf_adds(&p->plain, ">> BDC\n");
	t->open = 1;
	t->cur_elem = it->elem;
	t->cur_ops = NULL;
	return p->err != 0 ? fail(p, "tagging") : 0;
}

/*
 * A link annotation: an object reference in its Link element (the one
 * holding the link's words), and /Contents saying where it leads.
 */
static int
tag_link(struct pdf *p, HPDF_Page pg, HPDF_Annotation a,
    const struct pitem *it)
{
	struct tagging *t = &p->tag;
	const struct selem *se = NULL;
	HPDF_Dict link, objr;
	HPDF_Array k;
	char *what = NULL;
	int key;

	if (it->elem > 0 && it->elem < p->doc->nelems)
		se = &p->doc->elems[it->elem];
	if (se != NULL && se->alt != NULL)
		HPDF_Dict_Add(a, "Contents", text_string(p, se->alt));
	else {
		what = anchor_describe(it->text, "");
		HPDF_Dict_Add(a, "Contents", text_string(p, what));
		free(what);
	}
	if (!t->on)
		return p->err != 0 ? fail(p, "making a link") : 0;
	if (se != NULL && se->type == ST_LINK)
		link = elem_of(p, it->elem);
	else		/* a link outside any text: a Link of its own */
		link = struct_elem(p, se != NULL ? elem_of(p, it->elem) :
		    elem_of(p, 1), "Link");
	if (link == NULL)
		return fail(p, "tagging a link");
	objr = HPDF_Dict_New(p->h->mmgr);
	HPDF_Dict_AddName(objr, "Type", "OBJR");
	HPDF_Dict_Add(objr, "Obj", a);
	HPDF_Dict_Add(objr, "Pg", pg);
	k = HPDF_Dict_GetItem(link, "K", HPDF_OCLASS_ARRAY);
	if (k == NULL) {
		k = HPDF_Array_New(p->h->mmgr);
		HPDF_Dict_Add(link, "K", k);
	}
	HPDF_Array_Add(k, objr);
	key = p->doc->npages + t->nannots;
	ARRAY_GROW(t->links, t->nannots, t->links_cap);
	t->links[t->nannots++] = link;
	HPDF_Dict_AddNumber(a, "StructParent", key);
	return p->err != 0 ? fail(p, "tagging a link") : 0;
}

static int
tag_end(struct pdf *p)
{
	struct tagging *t = &p->tag;
	int i;

	if (!t->on)
		return 0;
	/* elements with no content of their own (an empty table cell)
	 * still stand in their place */
	for (i = 1; i < p->doc->nelems; i++)
		if (elem_of(p, i) == NULL)
			return fail(p, "finishing the structure tree");
	for (i = 0; i < t->nannots; i++) {
		HPDF_Array_AddNumber(t->nums, p->doc->npages + i);
		HPDF_Array_Add(t->nums, t->links[i]);
	}
	HPDF_Dict_AddNumber(t->root, "ParentTreeNextKey", p->doc->npages +
	    t->nannots);
	return p->err != 0 ? fail(p, "finishing the structure tree") : 0;
}

/* Append the bytes of libharu memory stream s to out, copied straight
 * from its pieces (its reading interface clears and copies each through a
 * buffer of its own first).  0 if they are all there. */
static int
memstream_bytes(HPDF_Stream s, struct buf *out)
{
	HPDF_UINT i, n, len;
	HPDF_BYTE *chunk;
	size_t start = out->len;

	buf_reserve(out, s->size);
	n = HPDF_MemStream_GetBufCount(s);
	for (i = 0; i < n; i++) {
		if ((chunk = HPDF_MemStream_GetBufPtr(s, i, &len)) == NULL)
			return -1;
		buf_add(out, (const char *)chunk, len);
	}
	return out->len - start == s->size ? 0 : -1;
}

/*
 * A drawn page's contents are compressed at once, so that a long
 * booklet's pages are held compressed until the file is written, not in
 * full in the document and again in the saved file.  Every operator is
 * written to p->plain, not through libharu's page functions; libharu
 * gets the finished stream, which pdfpack marks compressed (libharu
 * cannot).
 */
static int
compress_page(struct pdf *p, HPDF_Page pg)
{
	HPDF_PageAttr attr = pg->attr;
	const struct buf *b = &p->packed;

	if (attr->stream->size != 0)	/* a libharu drawing call crept in */
		return -1;
	buf_reset(&p->packed);
	if (p->zip == NULL && (p->zip = zip_new()) == NULL)
		return -1;
	if (zip_add(p->zip, &p->packed, p->plain.p, p->plain.len) != 0)
		return -1;
	if (p->packed.len >= p->plain.len)
		b = &p->plain;
	if (HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)b->p,
	    (HPDF_UINT)b->len) != HPDF_OK)
		return -1;
	if (b == &p->packed) {
		ARRAY_GROW(p->deflated, p->ndeflated, p->deflated_cap);
		p->deflated[p->ndeflated++] =
		    attr->contents->header.obj_id & 0x00FFFFFF;
	}
	return 0;
}

static int
draw_pages(struct pdf *p)
{
	const struct page *pg;
	const struct pitem *it;
	HPDF_Page h;
	int i, j;

	for (i = 0; i < p->doc->npages; i++) {
		pg = &p->doc->pages[i];
		h = p->pages[i];
		p->pageno = i;
		buf_reset(&p->plain);
		p->in_text = 0;
		p->cur_face = -1;
		p->cur_size = 0;
		/* PDF's initial state: black, 1 pt lines. */
		p->cur_fill = p->cur_stroke = 0x000000;
		p->cur_line_width = 1;
		if (tag_page(p, h, i) != 0)
			return -1;
		for (j = 0; j < pg->nitems; j++) {
			it = &pg->items[j];
			if (it->kind < 0 || it->kind >= PI_KIND_MAX)
				continue;
			if (tag_item(p, h, it) != 0 ||
			    drawers[it->kind](p, h, it) != 0)
				return -1;
		}
		if (tag_close(p) != 0 || end_text(p) != 0)
			return -1;
		/* libharu writes an empty page as a FlateDecode stream with
		 * no data at all, which MuPDF and Ghostscript call broken */
		if (p->plain.len == 0)
			raw_ops(p, "q\nQ\n");
		if (p->err != 0)
			return fail(p, "drawing a page");
		if (compress_page(p, h) != 0)
			return fail(p, "compressing a page");
	}
	return 0;
}

static int
save(struct pdf *p, unsigned char **out, size_t *len)
{
	struct buf file;
	int i, rc;

	for (i = 0; i < p->nfaces; i++)
		if (p->faces[i].font != NULL && finish_font(p, i) != 0)
			return -1;
	TRY(p, HPDF_SaveToStream(p->h), "saving");
	if (HPDF_GetStreamSize(p->h) == 0 || p->err != 0 ||
	    p->h->stream == NULL)
		return fail(p, "saving");
	buf_init(&file);
	if (memstream_bytes(p->h->stream, &file) != 0) {
		buf_free(&file);
		return fail(p, "reading back the saved file");
	}
	/* the document's objects are no longer needed: freed before
	 * packing, so that they and both copies of the file are never in
	 * memory at once */
	HPDF_Free(p->h);
	p->h = NULL;
	/* dictionaries into object streams: a third of the size; with
	 * the pages' compressor, so a document touches the memory of one */
	if (p->zip == NULL && (p->zip = zip_new()) == NULL) {
		buf_free(&file);
		return fail(p, "compressing the saved file");
	}
	rc = pdfpack((const unsigned char *)file.p, file.len, p->deflated,
	    (size_t)p->ndeflated, p->zip, out, len);
	buf_free(&file);
	if (rc == 1)	/* without it, compressed pages read as garbage */
		return fail(p, "packing the saved file (the PDF library "
		    "wrote it in a way leafpress does not know)");
	if (rc != 0)
		return fail(p, "compressing the saved file");
	return 0;
}

int
pdfout_render(const struct pagedoc *doc, unsigned char **out, size_t *len)
{
	struct pdf pdf, *p = &pdf;
	int i, rc = -1;

	*out = NULL;
	*len = 0;
	memset(p, 0, sizeof(*p));
	p->doc = doc;
	p->nfaces = doc->fonts != NULL ? fontset_nfaces(doc->fonts) : 0;
	p->faces = xcalloc(p->nfaces + 1, sizeof(*p->faces));
	buf_init(&p->cidtext);
	buf_init(&p->ops);
	buf_init(&p->plain);
	buf_init(&p->packed);
	p->pages = xcalloc(doc->npages + 1, sizeof(*p->pages));
	p->images = xcalloc(doc->nimages + 1, sizeof(*p->images));

	/* Not libharu's memory pool: it hands out unaligned memory for
	 * its objects, undefined behaviour UBSan reports. */
	if ((p->h = HPDF_New(on_error, p)) == NULL) {
		diag_fatal(NULL, 0, 0, "could not write the PDF: the PDF "
		    "library did not start (out of memory?)");
		goto out;
	}
	/* page contents (compress_page), fonts and maps (pdfpack) are
	 * compressed by leafpress with one compressor for the whole file:
	 * libharu starts zlib afresh for every stream */
	if (HPDF_SetCompressionMode(p->h, HPDF_COMP_IMAGE |
	    HPDF_COMP_METADATA) != HPDF_OK) {
		fail(p, "setting up");
		goto out;
	}
	if (set_info(p) != 0 || make_pages(p) != 0 || make_outline(p) != 0 ||
	    make_labels(p) != 0 || tag_begin(p) != 0 || make_xmp(p) != 0 ||
	    draw_pages(p) != 0 ||
	    tag_end(p) != 0 || save(p, out, len) != 0)
		goto out;
	rc = 0;
out:
	if (p->h != NULL)
		HPDF_Free(p->h);
	for (i = 0; i < p->nfaces; i++) {
		free(p->faces[i].first);
		free(p->faces[i].cids);
	}
	free(p->faces);
	buf_free(&p->cidtext);
	buf_free(&p->ops);
	buf_free(&p->plain);
	buf_free(&p->packed);
	zip_free(p->zip);
	free(p->deflated);
	free(p->pages);
	free(p->images);
	free(p->shapes);
	free(p->anchors);
	free(p->tag.elems);
	free(p->tag.links);
	return rc;
}
