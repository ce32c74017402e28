/*
 * font: find the font files a layout names, and measure and shape text
 * in them.  The only file that includes FreeType and fontconfig; shaping
 * and subsetting go through shape.c (HarfBuzz).
 *
 * Names ending in .ttf/.otf are files in the fonts directory; anything
 * else is a fontconfig family or pattern.  fontconfig always answers with
 * some font, so a match counts only when it is the family (and style)
 * asked for.  The PDF device embeds TrueType outlines only, so faces are
 * checked for them, for a Unicode character map and for a licence that
 * allows embedding, before the typesetter ever sees them.
 *
 * fontconfig starts only when it is needed: a family that follows a
 * font file which opened is looked up when a character is first missing
 * from the faces before it in its chain.  Its face number is kept for it
 * from the start, so faces are numbered as if every font were opened at
 * once.  The shipped files cover the shipped content, and starting
 * fontconfig costs more than the rest of opening the fonts together.
 *
 * Advances are the shaper's, in 1/1000 em rounded per glyph (shape.h).
 * A face's glyph per code point, and each style's face per code point,
 * are cached in 256-code-point pages of the Basic Multilingual Plane,
 * filled on first use.
 */
#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_OUTLINE_H
#include FT_TRUETYPE_TABLES_H
#include FT_TRUETYPE_TAGS_H
#include <fontconfig/fontconfig.h>

#include "buf.h"
#include "diag.h"
#include "font.h"
#include "shape.h"
#include "source.h"
#include "utf8.h"
#include "xalloc.h"

#define PICK_UNKNOWN	(-2)		/* not looked up */

/* fsType bits of fonts whose licence forbids embedding (restricted,
 * bitmap only) or editable embedding (which we do not claim). */
#define FSTYPE_NO_EMBED	(0x0002 | 0x0100 | 0x0200)

/* 256 code points of a face: has a glyph, and its advance (1/1000 em;
 * a missing one is drawn as a space, shape.h).  The glyph itself is the
 * shaper's business. */
enum cp_state { CP_UNKNOWN, CP_HAS, CP_MISSING };
struct cpage {
	int32_t		 adv[256];
	uint8_t		 state[256];	/* enum cp_state */
};

/* The faces of 256 code points in a style: -1 none, or PICK_UNKNOWN. */
struct ppage {
	int16_t		 face[256];
};

enum face_state {
	FACE_OPEN,
	FACE_PENDING,		/* a family not yet looked up */
	FACE_ALIAS,		/* looked up: the file of face alias */
	FACE_FAILED		/* looked up, not usable (reported) */
};

/* the largest font file read (the largest CJK collections are ~40 MB) */
#define FONT_MAX_FILE	((size_t)64 << 20)

/*
 * A font file, open once in the process for every fontset that uses it
 * (a build opens the fonts of each layout and of the booklet's, mostly
 * the same files): one mapping, one FreeType face, one shaper with the
 * words it has shaped.
 */
struct fontfile {
	char		*real;		/* canonical path: which file */
	struct shaper	*sh;		/* its glyphs and advances */
	char		*name;		/* "DejaVu Sans Bold" */
	FT_Face		 ft;
	char		*data;		/* the file's bytes, mapped; ft and the
					   shaper read them */
	size_t		 datalen;
	long		 upem;
	int		 ascent, descent, cap_height; /* 1/1000 em */
	struct cpage	**pages;	/* 256, each made on first use */
	int		 refs;		/* faces of open fontsets */
	struct fontfile	*next;
};

/* A face number of a fontset. */
struct face {
	enum face_state	 state;
	int		 alias;
	struct font_spec spec;		/* a pending family: its name and where
					   the layout names it (owned) */
	char		*fcname;	/* the family it was found for, if any */
	char		*path;		/* file embedded, as named */
	struct fontfile	*file;		/* FACE_OPEN */
};

struct fontset {
	struct face	*faces;
	int		 nfaces, capfaces;
	int		*chain[FONT_STYLE_MAX];	/* face numbers */
	int		 nchain[FONT_STYLE_MAX];
	struct ppage	**picks[FONT_STYLE_MAX]; /* 256 each, made on use */
};

/* While any fontset is open: FreeType, the font files open, and
 * fontconfig, loaded for the first family looked up (loading it is the
 * dearest part of opening fonts). */
static FT_Library ft_lib;
static struct fontfile *open_files;
static FcConfig *fc_config;
static int nfontsets;

static const char *const style_names[FONT_STYLE_MAX] = {
	"regular", "bold", "italic", "bold italic", "monospace"
};

static const char *spec_file(const struct layout *,
		    const struct font_spec *);
static int	 has_suffix(const char *, const char *);
static char	*resolve_file(const char *, const char *);
static int	 same_name(const FcPattern *, const char *, const char *);
static char	*resolve_fc(const struct layout *, const struct font_spec *,
		    int *);
static int	 map_font(const char *, char **, size_t *);
static void	 unmap_font(char *, size_t);
static int	 open_face(struct fontset *, const struct layout *,
		    const struct font_spec *, const char *);
static int	 load_face(struct face *, const struct layout *,
		    const struct font_spec *, const char *, const char *);
static struct fontfile *load_file(const struct layout *,
		    const struct font_spec *, const char *, const char *);
static void	 release_file(struct fontfile *);
static int	 find_face(const struct fontset *, const char *);
static int	 pending_face(struct fontset *, const struct layout *,
		    const struct font_spec *);
static int	 face_ready(const struct fontset *, int);
static void	 not_found(const struct layout *, const struct font_spec *);
static int	 check_face(FT_Face, const struct layout *,
		    const struct font_spec *, const char *);
static int	 select_cmap(FT_Face);
static int	 cap_height(FT_Face, long);
static char	*face_name(FT_Face, const char *);
static const struct cpage *lookup(const struct fontfile *, unsigned long);
/* Out of line, so that the cached answers take no more than a look. */
static const struct cpage *fill(const struct fontfile *, unsigned long)
		    __attribute__((noinline));
static int	 pick(const struct fontset *, enum font_style,
		    unsigned long) __attribute__((noinline));

/* An inherited chain was named in the parent layout's file. */
static const char *
spec_file(const struct layout *lay, const struct font_spec *spec)
{
	return spec->file != NULL ? spec->file : lay->path;
}

static int
has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n > m && strcasecmp(s + n - m, suffix) == 0;
}

/* A file name: relative to fonts_dir unless absolute. */
static char *
resolve_file(const char *fonts_dir, const char *name)
{
	char *path;

	if (name[0] == '/')
		path = xstrdup(name);
	else
		path = xasprintf("%s/%s", fonts_dir, name);
	if (access(path, R_OK) != 0) {
		free(path);
		return NULL;
	}
	return path;
}

static int
same_name(const FcPattern *match, const char *object, const char *want)
{
	FcChar8 *s;
	int i;

	for (i = 0; FcPatternGetString(match, object, i, &s) ==
	    FcResultMatch; i++)
		if (strcasecmp((const char *)s, want) == 0)
			return 1;
	return 0;
}

/*
 * A fontconfig pattern.  Returns the file, or NULL after reporting why
 * not; *reported is set when the message was more specific than "not
 * found".
 */
static char *
resolve_fc(const struct layout *lay,
    const struct font_spec *spec, int *reported)
{
	FcPattern *pat, *match;
	FcResult result;
	FcChar8 *s, *family = NULL, *style = NULL;
	char *want_family = NULL, *want_style = NULL, *path = NULL;
	int want_weight = -1, want_slant = -1, weight, slant, faceidx;

	*reported = 0;
	if (fc_config == NULL &&
	    (fc_config = FcInitLoadConfigAndFonts()) == NULL) {
		diag_fatal(spec_file(lay, spec), spec->line, spec->col,
		    "cannot ask the system for font '%s': fontconfig "
		    "failed to start; check its configuration", spec->name);
		*reported = 1;
		return NULL;
	}
	if ((pat = FcNameParse((const FcChar8 *)spec->name)) == NULL) {
		diag_error(spec_file(lay, spec), spec->line, spec->col,
		    "font name '%s' cannot be read: write a file name "
		    "(\"DejaVuSans.ttf\") or a family (\"DejaVu Sans:bold\")",
		    spec->name);
		*reported = 1;
		return NULL;
	}
	/* What was asked for, before substitution adds defaults. */
	if (FcPatternGetString(pat, FC_FAMILY, 0, &family) == FcResultMatch)
		want_family = xstrdup((const char *)family);
	if (FcPatternGetString(pat, FC_STYLE, 0, &style) == FcResultMatch)
		want_style = xstrdup((const char *)style);
	if (FcPatternGetInteger(pat, FC_WEIGHT, 0, &weight) == FcResultMatch)
		want_weight = weight;
	if (FcPatternGetInteger(pat, FC_SLANT, 0, &slant) == FcResultMatch)
		want_slant = slant;
	if (want_family == NULL) {
		diag_error(spec_file(lay, spec), spec->line, spec->col,
		    "font '%s' names no family: write one, such as "
		    "\"DejaVu Sans:bold\"", spec->name);
		*reported = 1;
		goto out;
	}

	FcConfigSubstitute(fc_config, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	match = FcFontMatch(fc_config, pat, &result);
	if (match == NULL)
		goto out;
	if (!same_name(match, FC_FAMILY, want_family))
		goto done;
	if ((want_style != NULL && !same_name(match, FC_STYLE, want_style)) ||
	    (want_weight >= 0 && (FcPatternGetInteger(match, FC_WEIGHT, 0,
	    &weight) != FcResultMatch || weight != want_weight)) ||
	    (want_slant >= 0 && (FcPatternGetInteger(match, FC_SLANT, 0,
	    &slant) != FcResultMatch || (slant == 0) != (want_slant == 0)))) {
		diag_error(spec_file(lay, spec), spec->line, spec->col,
		    "font '%s': the system has the family '%s' but not this "
		    "style: install the missing style or fix the name",
		    spec->name, want_family);
		*reported = 1;
		goto done;
	}
	if (FcPatternGetString(match, FC_FILE, 0, &s) != FcResultMatch)
		goto done;
	if (FcPatternGetInteger(match, FC_INDEX, 0, &faceidx) ==
	    FcResultMatch && faceidx != 0) {
		diag_error(spec_file(lay, spec), spec->line, spec->col,
		    "font '%s' is inside a font collection (%s), which cannot "
		    "be embedded in a PDF: use a single .ttf file",
		    spec->name, (const char *)s);
		*reported = 1;
		goto done;
	}
	path = xstrdup((const char *)s);
done:
	FcPatternDestroy(match);
out:
	FcPatternDestroy(pat);
	free(want_family);
	free(want_style);
	return path;
}

/* Text is looked up through a Unicode character map (the shaper picks
 * the best one itself). */
static int
select_cmap(FT_Face ft)
{
	return FT_Select_Charmap(ft, FT_ENCODING_UNICODE) == 0;
}

/* The top of the 'H' glyph's box, read from glyf. */
static int
cap_height(FT_Face ft, long upem)
{
	TT_Header *head;
	FT_UInt gid;
	FT_ULong len, off;
	unsigned char b[4];
	int16_t top;

	head = FT_Get_Sfnt_Table(ft, FT_SFNT_HEAD);
	if (head == NULL || (gid = FT_Get_Char_Index(ft, 'H')) == 0)
		return 0;
	if (head->Index_To_Loc_Format == 0) {
		len = 2;
		if (FT_Load_Sfnt_Table(ft, TTAG_loca, gid * 2, b, &len) != 0)
			return 0;
		off = ((FT_ULong)b[0] << 8 | b[1]) * 2;
	} else {
		len = 4;
		if (FT_Load_Sfnt_Table(ft, TTAG_loca, gid * 4, b, &len) != 0)
			return 0;
		off = (FT_ULong)b[0] << 24 | (FT_ULong)b[1] << 16 |
		    (FT_ULong)b[2] << 8 | b[3];
	}
	/* numberOfContours, xMin, yMin, xMax, then yMax. */
	len = 2;
	if (FT_Load_Sfnt_Table(ft, TTAG_glyf, off + 8, b, &len) != 0)
		return 0;
	top = (int16_t)(b[0] << 8 | b[1]);
	return (int)((int32_t)top * 1000 / upem);
}

/* "DejaVu Sans Bold"; the regular style is not named. */
static char *
face_name(FT_Face ft, const char *path)
{
	const char *family = ft->family_name, *style = ft->style_name;
	const char *base;

	if (family == NULL) {
		base = strrchr(path, '/');
		return xstrdup(base != NULL ? base + 1 : path);
	}
	if (style == NULL || strcasecmp(style, "Regular") == 0 ||
	    strcasecmp(style, "Book") == 0 ||
	    strcasecmp(style, "Normal") == 0 ||
	    strcasecmp(style, "Roman") == 0)
		return xstrdup(family);
	return xasprintf("%s %s", family, style);
}

/* Can the PDF device embed this face?  Reports why not. */
static int
check_face(FT_Face ft, const struct layout *lay,
    const struct font_spec *spec, const char *path)
{
	TT_OS2 *os2;
	FT_ULong len = 0;

	if (!FT_IS_SFNT(ft) || ft->num_faces > 1) {
		diag_error(spec_file(lay, spec), spec->line, spec->col,
		    "font '%s' (%s) is not a single TrueType font and cannot "
		    "be embedded in a PDF: use a .ttf file", spec->name, path);
		return 0;
	}
	if (FT_Load_Sfnt_Table(ft, TTAG_glyf, 0, NULL, &len) != 0) {
		diag_error(spec_file(lay, spec), spec->line, spec->col,
		    "font '%s' (%s) has PostScript (CFF) outlines, which the "
		    "PDF writer cannot embed: use a TrueType (.ttf) version of "
		    "the font", spec->name, path);
		return 0;
	}
	os2 = FT_Get_Sfnt_Table(ft, FT_SFNT_OS2);
	if (os2 != NULL && (os2->fsType & FSTYPE_NO_EMBED) != 0) {
		diag_error(spec_file(lay, spec), spec->line, spec->col,
		    "font '%s' (%s) does not allow embedding in documents "
		    "(its licence forbids it): choose another font",
		    spec->name, path);
		return 0;
	}
	if (!select_cmap(ft)) {
		diag_error(spec_file(lay, spec), spec->line, spec->col,
		    "font '%s' (%s) has no Unicode character map: choose "
		    "another font", spec->name, path);
		return 0;
	}
	if (FT_Get_Sfnt_Table(ft, FT_SFNT_HHEA) == NULL ||
	    ft->units_per_EM == 0) {
		diag_error(spec_file(lay, spec), spec->line, spec->col,
		    "font '%s' (%s) is damaged (no metrics): choose another "
		    "font", spec->name, path);
		return 0;
	}
	return 1;
}

/*
 * Map a font file (a regular file only: FreeType would wait forever on a
 * FIFO).  Mapped, not read: a face is a megabyte of which a document
 * touches a few tables, and nothing is copied.
 */
static int
map_font(const char *path, char **data, size_t *len)
{
	struct stat st;
	FILE *fp;
	void *p;
	int saved;

	*data = NULL;
	*len = 0;
	if ((fp = source_fopen(path)) == NULL)
		return -1;
	if (fstat(fileno(fp), &st) == -1)
		goto fail;
	if ((uintmax_t)st.st_size > FONT_MAX_FILE) {
		errno = EFBIG;
		goto fail;
	}
	if (st.st_size > 0) {
		p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE,
		    fileno(fp), 0);
		if (p == MAP_FAILED)
			goto fail;
		*data = p;
		*len = (size_t)st.st_size;
	}
	fclose(fp);
	return 0;
fail:
	saved = errno;
	fclose(fp);
	errno = saved;
	return -1;
}

static void
unmap_font(char *data, size_t len)
{
	if (data != NULL)
		munmap(data, len);
}

/* The open face of the file path (by its canonical path real), or -1. */
static int
find_face(const struct fontset *fs, const char *real)
{
	int i;

	for (i = 0; i < fs->nfaces; i++)
		if (fs->faces[i].state == FACE_OPEN &&
		    strcmp(fs->faces[i].file->real, real) == 0)
			return i;
	return -1;
}

/*
 * The font file path (canonical path real), opened unless some fontset
 * has it open already; NULL after reporting why it cannot be used.
 */
static struct fontfile *
load_file(const struct layout *lay, const struct font_spec *spec,
    const char *path, const char *real)
{
	struct fontfile *f;
	struct shaper *sh;
	TT_HoriHeader *hhea;
	TT_OS2 *os2;
	FT_Face ft;
	char *data;
	size_t len;
	long asc, desc;

	for (f = open_files; f != NULL; f = f->next)
		if (strcmp(f->real, real) == 0) {
			f->refs++;
			return f;
		}
	if (map_font(path, &data, &len) != 0) {
		diag_error(spec_file(lay, spec), spec->line, spec->col,
		    "font '%s' (%s) cannot be read: %s", spec->name, path,
		    errno == EFBIG ? "it is larger than any font should be" :
		    source_strerror(errno));
		return NULL;
	}
	if (FT_New_Memory_Face(ft_lib, (const FT_Byte *)data, (FT_Long)len,
	    0, &ft) != 0) {
		diag_error(spec_file(lay, spec), spec->line, spec->col,
		    "font '%s' (%s) cannot be read: the file is damaged or "
		    "not a font", spec->name, path);
		unmap_font(data, len);
		return NULL;
	}
	if (!check_face(ft, lay, spec, path)) {
		FT_Done_Face(ft);
		unmap_font(data, len);
		return NULL;
	}
	if ((sh = shaper_open(data, len)) == NULL) {
		diag_error(spec_file(lay, spec), spec->line, spec->col,
		    "font '%s' (%s) cannot be read by the text shaper: the "
		    "file is damaged; choose another font", spec->name, path);
		FT_Done_Face(ft);
		unmap_font(data, len);
		return NULL;
	}

	f = xcalloc(1, sizeof(*f));
	f->real = xstrdup(real);
	f->sh = sh;
	f->name = face_name(ft, path);
	f->ft = ft;
	f->data = data;
	f->datalen = len;
	f->upem = ft->units_per_EM;
	f->pages = xcalloc(256, sizeof(*f->pages));
	f->refs = 1;
	f->next = open_files;
	open_files = f;

	/* hhea, falling back to the typographic values. */
	hhea = FT_Get_Sfnt_Table(ft, FT_SFNT_HHEA);
	asc = (long)hhea->Ascender * 1000 / f->upem;
	desc = (long)hhea->Descender * 1000 / f->upem;
	if (asc == 0 && (os2 = FT_Get_Sfnt_Table(ft, FT_SFNT_OS2)) != NULL) {
		asc = os2->sTypoAscender;
		desc = os2->sTypoDescender;
	}
	f->ascent = (int)asc;
	f->descent = (int)(desc > 0 ? -desc : desc);
	f->cap_height = cap_height(ft, f->upem);
	return f;
}

/* A fontset no longer uses f: closed when no open fontset does. */
static void
release_file(struct fontfile *f)
{
	struct fontfile **pp;
	int i;

	if (--f->refs > 0)
		return;
	for (pp = &open_files; *pp != f; pp = &(*pp)->next)
		;
	*pp = f->next;
	for (i = 0; i < 256; i++)
		free(f->pages[i]);
	free(f->pages);
	FT_Done_Face(f->ft);
	shaper_free(f->sh);
	unmap_font(f->data, f->datalen);
	free(f->real);
	free(f->name);
	free(f);
}

/* Open the file path (canonical path real) as face f; -1 after reporting
 * why not. */
static int
load_face(struct face *f, const struct layout *lay,
    const struct font_spec *spec, const char *path, const char *real)
{
	if ((f->file = load_file(lay, spec, path, real)) == NULL)
		return -1;
	f->state = FACE_OPEN;
	f->path = xstrdup(path);
	return 0;
}

/*
 * The face number of path, opening it unless already open; -1 after
 * reporting an error.
 */
static int
open_face(struct fontset *fs, const struct layout *lay,
    const struct font_spec *spec, const char *path)
{
	struct face *f;
	char *real;
	int i;

	if ((real = realpath(path, NULL)) == NULL)
		real = xstrdup(path);
	if ((i = find_face(fs, real)) >= 0) {
		free(real);
		return i;
	}
	ARRAY_GROW(fs->faces, fs->nfaces, fs->capfaces);
	f = &fs->faces[fs->nfaces];
	memset(f, 0, sizeof(*f));
	i = load_face(f, lay, spec, path, real);
	free(real);
	if (i != 0)
		return -1;
	return fs->nfaces++;
}

/*
 * The number kept for the family spec, looked up when first needed: the
 * face already found for that name, else a new pending one.
 */
static int
pending_face(struct fontset *fs, const struct layout *lay,
    const struct font_spec *spec)
{
	struct face *f;
	int i;

	for (i = 0; i < fs->nfaces; i++) {
		f = &fs->faces[i];
		if ((f->state == FACE_PENDING &&
		    strcmp(f->spec.name, spec->name) == 0) ||
		    (f->state == FACE_OPEN && f->fcname != NULL &&
		    strcmp(f->fcname, spec->name) == 0))
			return i;
	}
	ARRAY_GROW(fs->faces, fs->nfaces, fs->capfaces);
	f = &fs->faces[fs->nfaces];
	memset(f, 0, sizeof(*f));
	f->state = FACE_PENDING;
	f->spec.name = xstrdup(spec->name);
	f->spec.file = xstrdup(spec_file(lay, spec));
	f->spec.line = spec->line;
	f->spec.col = spec->col;
	return fs->nfaces++;
}

static void
not_found(const struct layout *lay, const struct font_spec *spec)
{
	diag_error(spec_file(lay, spec), spec->line, spec->col, "font '%s' "
	    "not found in fonts/ or on the system: install it or fix the "
	    "name", spec->name);
}

/*
 * The open face of face number i, looking a pending family up now (its
 * problems are reported at the layout's line, as they would have been
 * when the layout was opened); -1 if it cannot be used.
 */
static int
face_ready(const struct fontset *fs, int i)
{
	struct face *f = &fs->faces[i];
	char *path, *real;
	int reported, j;

	switch (f->state) {
	case FACE_OPEN:
		return i;
	case FACE_ALIAS:
		return f->alias;
	case FACE_FAILED:
		return -1;
	case FACE_PENDING:
		break;
	}
	f->state = FACE_FAILED;
	if ((path = resolve_fc(NULL, &f->spec, &reported)) == NULL) {
		if (!reported)
			not_found(NULL, &f->spec);
		return -1;
	}
	if ((real = realpath(path, NULL)) == NULL)
		real = xstrdup(path);
	/* the file of a face open already: that face */
	if ((j = find_face(fs, real)) >= 0) {
		f->state = FACE_ALIAS;
		f->alias = j;
		free(real);
		free(path);
		return j;
	}
	/* the face keeps the number it was given */
	j = load_face(f, NULL, &f->spec, path, real);
	free(real);
	free(path);
	return j == 0 ? i : -1;
}

struct fontset *
fontset_open(const struct layout *lay, const char *fonts_dir)
{
	struct fontset *fs;
	const struct font_spec *spec;
	char *path;
	int style, i, j, face, reported, is_file, fatal = 0;

	if (nfontsets == 0 && FT_Init_FreeType(&ft_lib) != 0) {
		diag_fatal(NULL, 0, 0, "cannot start the font library "
		    "(FreeType): out of memory?");
		return NULL;
	}
	nfontsets++;
	fs = xcalloc(1, sizeof(*fs));
	if (fonts_dir == NULL)
		fonts_dir = "fonts";

	for (style = 0; style < FONT_STYLE_MAX; style++) {
		fs->chain[style] = xcalloc(lay->nfonts[style] + 1,
		    sizeof(int));
		fs->picks[style] = xcalloc(256, sizeof(*fs->picks[style]));
		for (i = 0; i < lay->nfonts[style]; i++) {
			spec = &lay->fonts[style][i];
			reported = 0;
			is_file = has_suffix(spec->name, ".ttf") ||
			    has_suffix(spec->name, ".otf");
			if (!is_file && fs->nchain[style] > 0) {
				/* a fallback behind a usable font */
				face = pending_face(fs, lay, spec);
				goto chain;
			}
			if (is_file)
				path = resolve_file(fonts_dir, spec->name);
			else
				path = resolve_fc(lay, spec, &reported);
			if (path == NULL) {
				if (!reported)
					not_found(lay, spec);
				continue;
			}
			face = open_face(fs, lay, spec, path);
			free(path);
			if (face < 0)
				continue;
			if (!is_file && fs->faces[face].fcname == NULL)
				fs->faces[face].fcname = xstrdup(spec->name);
chain:
			for (j = 0; j < fs->nchain[style]; j++)
				if (fs->chain[style][j] == face)
					break;
			if (j == fs->nchain[style])
				fs->chain[style][fs->nchain[style]++] = face;
		}
		if (fs->nchain[style] == 0) {
			if (lay->nfonts[style] > 0)
				diag_error(spec_file(lay, &lay->fonts[style][0]),
				    lay->fonts[style][0].line,
				    lay->fonts[style][0].col, "no font for "
				    "%s text can be used: install one of the "
				    "fonts listed or name another",
				    style_names[style]);
			else
				diag_error(lay->path, 0, 0, "no font is given "
				    "for %s text: list at least one",
				    style_names[style]);
			fatal = 1;
		}
	}
	if (fatal) {
		fontset_free(fs);
		return NULL;
	}
	return fs;
}

void
fontset_free(struct fontset *fs)
{
	struct face *f;
	int i, j;

	if (fs == NULL)
		return;
	for (i = 0; i < fs->nfaces; i++) {
		f = &fs->faces[i];
		free(f->spec.name);
		free(f->spec.file);
		free(f->fcname);
		free(f->path);
		if (f->state == FACE_OPEN)
			release_file(f->file);
	}
	free(fs->faces);
	for (i = 0; i < FONT_STYLE_MAX; i++) {
		free(fs->chain[i]);
		for (j = 0; j < 256; j++)
			free(fs->picks[i][j]);
		free(fs->picks[i]);
	}
	free(fs);
	if (--nfontsets == 0) {
		FT_Done_FreeType(ft_lib);
		ft_lib = NULL;
		if (fc_config != NULL)
			FcConfigDestroy(fc_config);
		fc_config = NULL;
	}
}

int
fontset_nfaces(const struct fontset *fs)
{
	return fs->nfaces;
}

const char *
fontset_path(const struct fontset *fs, int face)
{
	assert(face >= 0 && face < fs->nfaces);
	return fs->faces[face].path;
}

const char *
fontset_name(const struct fontset *fs, int face)
{
	assert(face >= 0 && face < fs->nfaces);
	return fs->faces[face].file->name;
}

/* The cache page holding BMP code point cp, filled in for cp. */
static inline const struct cpage *
lookup(const struct fontfile *f, unsigned long cp)
{
	const struct cpage *p = f->pages[cp >> 8];

	if (p != NULL && p->state[cp & 0xFF] != CP_UNKNOWN)
		return p;
	return fill(f, cp);
}

static const struct cpage *
fill(const struct fontfile *f, unsigned long cp)
{
	struct cpage *p;
	uint32_t gid;

	if ((p = f->pages[cp >> 8]) == NULL) {
		p = xcalloc(1, sizeof(*p));	/* CP_UNKNOWN */
		f->pages[cp >> 8] = p;
	}
	gid = shaper_glyph(f->sh, (uint32_t)cp);
	p->state[cp & 0xFF] = gid != 0 ? CP_HAS : CP_MISSING;
	p->adv[cp & 0xFF] = shaper_advance(f->sh, gid != 0 ? gid :
	    shaper_glyph(f->sh, ' '));
	return p;
}

int
fontset_has(const struct fontset *fs, int face, unsigned long cp)
{
	assert(face >= 0 && face < fs->nfaces);
	if (cp > 0xFFFF || fs->faces[face].state != FACE_OPEN)
		return 0;
	return lookup(fs->faces[face].file, cp)->state[cp & 0xFF] == CP_HAS;
}

/* Characters are looked up one by one as text is set: the answer is kept
 * per style and code point (pick finds it the first time). */
int
fontset_pick(const struct fontset *fs, enum font_style style,
    unsigned long cp)
{
	const struct ppage *p;

	if (cp <= 0xFFFF && (p = fs->picks[style][cp >> 8]) != NULL &&
	    p->face[cp & 0xFF] != PICK_UNKNOWN)
		return p->face[cp & 0xFF];
	return pick(fs, style, cp);
}

static int
pick(const struct fontset *fs, enum font_style style, unsigned long cp)
{
	struct ppage *p;
	int i, face;

	if (cp > 0xFFFF)
		return -1;
	if ((p = fs->picks[style][cp >> 8]) == NULL) {
		p = xmalloc(sizeof(*p));
		for (i = 0; i < 256; i++)
			p->face[i] = PICK_UNKNOWN;
		fs->picks[style][cp >> 8] = p;
	}
	p->face[cp & 0xFF] = -1;
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return -1;
	for (i = 0; i < fs->nchain[style]; i++) {
		face = face_ready(fs, fs->chain[style][i]);
		if (face >= 0 && fontset_has(fs, face, cp)) {
			p->face[cp & 0xFF] = (int16_t)face;
			break;
		}
	}
	return p->face[cp & 0xFF];
}

int
fontset_advance(const struct fontset *fs, int face, unsigned long cp)
{
	assert(face >= 0 && face < fs->nfaces);
	if (cp > 0xFFFF)
		cp = 0x20;
	return lookup(fs->faces[face].file, cp)->adv[cp & 0xFF];
}

const struct srun *
fontset_shape(const struct fontset *fs, int face, const char *s,
    size_t len)
{
	assert(face >= 0 && face < fs->nfaces);
	return shaper_shape(fs->faces[face].file->sh, s, len);
}

double
fontset_width(const struct fontset *fs, int face, const char *s,
    size_t len, double size)
{
	return fontset_shape(fs, face, s, len)->width * size / 1000.0;
}

uint32_t
fontset_glyph(const struct fontset *fs, int face, unsigned long cp)
{
	assert(face >= 0 && face < fs->nfaces);
	return shaper_glyph(fs->faces[face].file->sh, (uint32_t)cp);
}

unsigned
fontset_nglyphs(const struct fontset *fs, int face)
{
	assert(face >= 0 && face < fs->nfaces);
	return shaper_nglyphs(fs->faces[face].file->sh);
}

int
fontset_glyph_advance(const struct fontset *fs, int face, uint32_t gid)
{
	assert(face >= 0 && face < fs->nfaces);
	return shaper_advance(fs->faces[face].file->sh, gid);
}

int
fontset_subset(const struct fontset *fs, int face, const uint32_t *gids,
    int n, unsigned char **out, size_t *outlen, uint32_t *newgid)
{
	assert(face >= 0 && face < fs->nfaces);
	return shaper_subset(fs->faces[face].file->sh, gids, n, out, outlen,
	    newgid);
}

void
fontset_describe(const struct fontset *fs, int face, struct face_desc *d)
{
	const struct fontfile *f;
	TT_Postscript *post;
	TT_OS2 *os2;
	const char *ps;
	char *q;

	assert(face >= 0 && face < fs->nfaces);
	f = fs->faces[face].file;
	memset(d, 0, sizeof(*d));
	ps = FT_Get_Postscript_Name(f->ft);
	snprintf(d->ps_name, sizeof(d->ps_name), "%s", ps != NULL ? ps :
	    f->name);
	/* a PDF name: no spaces or delimiters */
	for (q = d->ps_name; *q != '\0'; q++)
		if (*q <= ' ' || *q >= 0x7F || strchr("()<>[]{}/%#", *q))
			*q = '-';
	d->bbox[0] = (int)(f->ft->bbox.xMin * 1000 / f->upem);
	d->bbox[1] = (int)(f->ft->bbox.yMin * 1000 / f->upem);
	d->bbox[2] = (int)(f->ft->bbox.xMax * 1000 / f->upem);
	d->bbox[3] = (int)(f->ft->bbox.yMax * 1000 / f->upem);
	post = FT_Get_Sfnt_Table(f->ft, FT_SFNT_POST);
	if (post != NULL)
		d->italic_angle = post->italicAngle / 65536.0;
	d->fixed_pitch = FT_IS_FIXED_WIDTH(f->ft) != 0;
	d->italic = (f->ft->style_flags & FT_STYLE_FLAG_ITALIC) != 0 ||
	    d->italic_angle != 0;
	d->ascent = f->ascent;
	d->descent = f->descent;
	d->cap_height = f->cap_height;
	os2 = FT_Get_Sfnt_Table(f->ft, FT_SFNT_OS2);
	/* no font says its stem width; guess it from the weight class as
	 * others do */
	d->stem_v = os2 != NULL && os2->usWeightClass >= 600 ? 140 : 80;
}

int
fontset_ascent(const struct fontset *fs, int face)
{
	assert(face >= 0 && face < fs->nfaces);
	return fs->faces[face].file->ascent;
}

int
fontset_descent(const struct fontset *fs, int face)
{
	assert(face >= 0 && face < fs->nfaces);
	return fs->faces[face].file->descent;
}

int
fontset_cap_height(const struct fontset *fs, int face)
{
	assert(face >= 0 && face < fs->nfaces);
	return fs->faces[face].file->cap_height;
}

/* Transform from font units to page points for fontset_outline. */
struct outline_ctx {
	struct buf	*out;
	double		 scale, c, s, x, y, pen;
	double		 lastx, lasty;	/* current point, font units */
	int		 open;		/* a contour is open */
};

static void
outline_point(struct outline_ctx *o, double fx, double fy)
{
	double ux = (fx + o->pen) * o->scale, uy = fy * o->scale;

	buf_add_fixed(o->out, o->x + ux * o->c - uy * o->s, 2, 0);
	buf_addc(o->out, ' ');
	buf_add_fixed(o->out, o->y + ux * o->s + uy * o->c, 2, 0);
	buf_addc(o->out, ' ');
}

static int
outline_move(const FT_Vector *to, void *user)
{
	struct outline_ctx *o = user;

	if (o->open)
		buf_adds(o->out, "Z\n");
	o->open = 1;
	buf_adds(o->out, "M ");
	outline_point(o, to->x, to->y);
	buf_addc(o->out, '\n');
	o->lastx = to->x;
	o->lasty = to->y;
	return 0;
}

static int
outline_line(const FT_Vector *to, void *user)
{
	struct outline_ctx *o = user;

	buf_adds(o->out, "L ");
	outline_point(o, to->x, to->y);
	buf_addc(o->out, '\n');
	o->lastx = to->x;
	o->lasty = to->y;
	return 0;
}

static int
outline_conic(const FT_Vector *ctl, const FT_Vector *to, void *user)
{
	struct outline_ctx *o = user;

	/* a quadratic Bezier as the equivalent cubic */
	buf_adds(o->out, "C ");
	outline_point(o, o->lastx + 2.0 / 3 * (ctl->x - o->lastx),
	    o->lasty + 2.0 / 3 * (ctl->y - o->lasty));
	outline_point(o, to->x + 2.0 / 3 * (ctl->x - to->x),
	    to->y + 2.0 / 3 * (ctl->y - to->y));
	outline_point(o, to->x, to->y);
	buf_addc(o->out, '\n');
	o->lastx = to->x;
	o->lasty = to->y;
	return 0;
}

static int
outline_cubic(const FT_Vector *c1, const FT_Vector *c2, const FT_Vector *to,
    void *user)
{
	struct outline_ctx *o = user;

	buf_adds(o->out, "C ");
	outline_point(o, c1->x, c1->y);
	outline_point(o, c2->x, c2->y);
	outline_point(o, to->x, to->y);
	buf_addc(o->out, '\n');
	o->lastx = to->x;
	o->lasty = to->y;
	return 0;
}

double
fontset_outline(const struct fontset *fs, int face, const char *s,
    double size, double x, double y, double angle, struct buf *out)
{
	static const FT_Outline_Funcs funcs = {
		outline_move, outline_line, outline_conic, outline_cubic, 0, 0
	};
	struct outline_ctx o;
	const struct fontfile *f;
	const struct srun *run;
	const struct sglyph *g;
	int i;

	if (face < 0 || face >= fs->nfaces ||
	    fs->faces[face].state != FACE_OPEN)
		return 0;
	f = fs->faces[face].file;
	memset(&o, 0, sizeof(o));
	o.out = out;
	o.scale = size / (double)f->upem;
	o.c = cos(angle * M_PI / 180);
	o.s = sin(angle * M_PI / 180);
	o.x = x;
	o.y = y;
	/* the shaped glyphs, kerned, as text in that face would be drawn */
	run = fontset_shape(fs, face, s, strlen(s));
	for (i = 0; i < run->n; i++) {
		g = &run->g[i];
		if (FT_Load_Glyph(f->ft, g->gid, FT_LOAD_NO_SCALE |
		    FT_LOAD_NO_HINTING) == 0 &&
		    f->ft->glyph->format == FT_GLYPH_FORMAT_OUTLINE) {
			o.pen += g->dx * (double)f->upem / 1000.0;
			FT_Outline_Decompose(&f->ft->glyph->outline, &funcs,
			    &o);
			if (o.open)
				buf_adds(out, "Z\n");
			o.open = 0;
			o.pen -= g->dx * (double)f->upem / 1000.0;
		}
		o.pen += g->adv * (double)f->upem / 1000.0;
	}
	return o.pen * o.scale;
}
