/*
 * shape: HarfBuzz shaping and subsetting (see shape.h).
 *
 * Handouts repeat their words many times, so each distinct word is shaped
 * once per font and its glyphs kept in a hash table: the typesetter
 * measures a word, the PDF device draws it again in a line, both from one
 * shaping.  A text of several words is put together from its words' runs
 * (text is shaped word by word anyway, see shape.h), so lines, which
 * rarely repeat, are never shaped or kept.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <hb.h>
#include <hb-subset.h>

#include "shape.h"
#include "xalloc.h"

#define ADV_UNKNOWN	INT32_MIN

struct entry {
	char		*text;		/* NULL: free slot */
	size_t		 len;
	uint32_t	 hash;
	struct srun	*run;
};

struct shaper {
	hb_blob_t	*blob;
	hb_face_t	*face;
	hb_font_t	*font;
	hb_buffer_t	*buf;
	unsigned	 upem;
	unsigned	 nglyphs;
	uint32_t	 space;		/* glyph of U+0020, 0 if none */
	int32_t		 space_adv;
	int32_t		*adv;		/* advance of each glyph, once asked */
	/* The character map turned around, made for the first subset: the
	 * code points of glyph g are cps[cp_start[g]..cp_start[g + 1]). */
	uint32_t	*cp_start, *cps;
	int		 cmap_odd;	/* not turned around faithfully */
	hb_subset_input_t *subset_in;	/* what every subset keeps, made once */
	struct entry	*tab;		/* words; open addressing, power of 2 */
	size_t		 ntab, nused;
	struct srun	 line;		/* the last text of several words */
	int		 line_cap;
};

/* Ligatures off: each glyph keeps its own characters (text extracts
 * exactly); kerning and everything else as the font says. */
static const char *const feature_names[] = {
	"-liga", "-clig", "-dlig", "-hlig"
};
#define NFEATURES (sizeof(feature_names) / sizeof(feature_names[0]))
static hb_feature_t features[NFEATURES];
static int features_ready;

static int32_t	 em1000(const struct shaper *, hb_position_t);
static uint32_t	 hash_text(const char *, size_t);
static const struct srun *word_run(struct shaper *, const char *, size_t);
static struct srun *shape_word(struct shaper *, const char *, size_t);
static void	 line_add(struct shaper *, const struct sglyph *, int,
		    uint32_t, long);
static void	 grow(struct shaper *);
static void	 glyph_cps(struct shaper *);
static hb_subset_input_t *subset_input(void);

struct shaper *
shaper_open(const void *data, size_t len)
{
	struct shaper *sh;
	hb_blob_t *blob;
	size_t i;

	if (!features_ready) {
		for (i = 0; i < NFEATURES; i++)
			hb_feature_from_string(feature_names[i], -1,
			    &features[i]);
		features_ready = 1;
	}
	blob = hb_blob_create_or_fail((const char *)data, (unsigned)len,
	    HB_MEMORY_MODE_READONLY, NULL, NULL);
	if (blob == NULL)
		return NULL;
	sh = xcalloc(1, sizeof(*sh));
	sh->blob = blob;
	sh->face = hb_face_create(blob, 0);
	sh->upem = hb_face_get_upem(sh->face);
	sh->nglyphs = hb_face_get_glyph_count(sh->face);
	if (sh->nglyphs == 0 || sh->upem == 0) {
		hb_face_destroy(sh->face);
		hb_blob_destroy(blob);
		free(sh);
		return NULL;
	}
	sh->font = hb_font_create(sh->face);	/* scale: font units */
	sh->adv = xreallocarray(NULL, sh->nglyphs, sizeof(*sh->adv));
	for (i = 0; i < sh->nglyphs; i++)
		sh->adv[i] = ADV_UNKNOWN;
	sh->buf = hb_buffer_create();
	hb_buffer_set_cluster_level(sh->buf,
	    HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS);
	sh->space = shaper_glyph(sh, ' ');
	sh->space_adv = shaper_advance(sh, sh->space);
	sh->ntab = 256;
	sh->tab = xcalloc(sh->ntab, sizeof(*sh->tab));
	return sh;
}

void
shaper_free(struct shaper *sh)
{
	size_t i;

	if (sh == NULL)
		return;
	for (i = 0; i < sh->ntab; i++)
		if (sh->tab[i].text != NULL) {
			free(sh->tab[i].text);
			free(sh->tab[i].run->g);
			free(sh->tab[i].run);
		}
	free(sh->tab);
	free(sh->line.g);
	free(sh->adv);
	free(sh->cp_start);
	free(sh->cps);
	if (sh->subset_in != NULL)
		hb_subset_input_destroy(sh->subset_in);
	hb_buffer_destroy(sh->buf);
	hb_font_destroy(sh->font);
	hb_face_destroy(sh->face);
	hb_blob_destroy(sh->blob);
	free(sh);
}

static int32_t
em1000(const struct shaper *sh, hb_position_t v)
{
	if (v == 0)		/* most offsets */
		return 0;
	return (int32_t)lround((double)v * 1000.0 / sh->upem);
}

uint32_t
shaper_glyph(struct shaper *sh, uint32_t cp)
{
	hb_codepoint_t gid;

	if (!hb_font_get_nominal_glyph(sh->font, cp, &gid))
		return 0;
	return gid;
}

/* Every glyph drawn asks for its width (PDF widths, kerning as the
 * difference): kept per glyph rather than asked of HarfBuzz each time. */
int
shaper_advance(struct shaper *sh, uint32_t gid)
{
	if (gid >= sh->nglyphs)
		return em1000(sh, hb_font_get_glyph_h_advance(sh->font, gid));
	if (sh->adv[gid] == ADV_UNKNOWN)
		sh->adv[gid] = em1000(sh, hb_font_get_glyph_h_advance(sh->font,
		    gid));
	return sh->adv[gid];
}

unsigned
shaper_nglyphs(const struct shaper *sh)
{
	return sh->nglyphs;
}

/* FNV-1a */
static uint32_t
hash_text(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

static void
grow(struct shaper *sh)
{
	struct entry *old = sh->tab;
	size_t nold = sh->ntab, i, j;

	sh->ntab *= 2;
	sh->tab = xcalloc(sh->ntab, sizeof(*sh->tab));
	for (i = 0; i < nold; i++) {
		if (old[i].text == NULL)
			continue;
		for (j = old[i].hash & (sh->ntab - 1); sh->tab[j].text != NULL;
		    j = (j + 1) & (sh->ntab - 1))
			;
		sh->tab[j] = old[i];
	}
	free(old);
}

/* The run of one word (no spaces), shaped the first time it is seen. */
static const struct srun *
word_run(struct shaper *sh, const char *s, size_t len)
{
	uint32_t h = hash_text(s, len);
	size_t i;

	for (i = h & (sh->ntab - 1); sh->tab[i].text != NULL;
	    i = (i + 1) & (sh->ntab - 1))
		if (sh->tab[i].hash == h && sh->tab[i].len == len &&
		    memcmp(sh->tab[i].text, s, len) == 0)
			return sh->tab[i].run;
	sh->tab[i].text = xmalloc(len + 1);
	memcpy(sh->tab[i].text, s, len);
	sh->tab[i].text[len] = '\0';
	sh->tab[i].len = len;
	sh->tab[i].hash = h;
	sh->tab[i].run = shape_word(sh, s, len);
	if (++sh->nused * 2 > sh->ntab) {
		const struct srun *run = sh->tab[i].run;

		grow(sh);
		return run;
	}
	return sh->tab[i].run;
}

/* Append n glyphs to the line run, their text at off further on. */
static void
line_add(struct shaper *sh, const struct sglyph *g, int n, uint32_t off,
    long width)
{
	struct srun *line = &sh->line;
	int i;

	if (line->n + n > sh->line_cap) {
		sh->line_cap = (line->n + n) * 2 + 16;
		line->g = xreallocarray(line->g, (size_t)sh->line_cap,
		    sizeof(*line->g));
	}
	for (i = 0; i < n; i++) {
		line->g[line->n] = g[i];
		line->g[line->n].off += off;
		line->n++;
	}
	line->width += width;
}

const struct srun *
shaper_shape(struct shaper *sh, const char *s, size_t len)
{
	const struct srun *w;
	struct sglyph space;
	size_t i = 0, start;

	if (memchr(s, ' ', len) == NULL)
		return word_run(sh, s, len);
	sh->line.n = 0;
	sh->line.width = 0;
	memset(&space, 0, sizeof(space));
	space.gid = sh->space;
	space.adv = sh->space_adv;
	space.len = 1;
	while (i < len) {
		if (s[i] == ' ') {
			line_add(sh, &space, 1, (uint32_t)i, sh->space_adv);
			i++;
			continue;
		}
		for (start = i; i < len && s[i] != ' '; i++)
			;
		w = word_run(sh, s + start, i - start);
		line_add(sh, w->g, w->n, (uint32_t)start, w->width);
	}
	return &sh->line;
}

/* Shape the word s (len bytes, no spaces) into a new run. */
static struct srun *
shape_word(struct shaper *sh, const char *s, size_t len)
{
	struct srun *run = xcalloc(1, sizeof(*run));
	hb_glyph_info_t *info;
	hb_glyph_position_t *pos;
	unsigned count, i, j;
	uint32_t c, end;
	struct sglyph *g;
	int forward = 1;

	hb_buffer_clear_contents(sh->buf);
	hb_buffer_add_utf8(sh->buf, s, (int)len, 0, (int)len);
	hb_buffer_guess_segment_properties(sh->buf);
	hb_shape(sh->font, sh->buf, features, NFEATURES);
	info = hb_buffer_get_glyph_infos(sh->buf, &count);
	pos = hb_buffer_get_glyph_positions(sh->buf, &count);
	if (count == 0)
		return run;
	run->g = xreallocarray(NULL, count, sizeof(*run->g));
	for (i = 1; i < count; i++)
		if (info[i].cluster < info[i - 1].cluster)
			forward = 0;
	for (i = 0; i < count; i++) {
		g = &run->g[run->n++];
		c = info[i].cluster;
		/* its text ends where the next cluster starts, in either
		 * direction; left to right, that is the next glyph's */
		end = (uint32_t)len;
		if (forward) {
			for (j = i + 1; j < count && info[j].cluster == c; j++)
				;
			if (j < count)
				end = info[j].cluster;
		} else
			for (j = 0; j < count; j++)
				if (info[j].cluster > c &&
				    info[j].cluster < end)
					end = info[j].cluster;
		g->off = c;
		g->len = i > 0 && info[i - 1].cluster == c ? 0 : end - c;
		if (info[i].codepoint == 0 && sh->space != 0) {
			/* a missing character: nothing drawn, never .notdef */
			g->gid = sh->space;
			g->adv = sh->space_adv;
			g->dx = g->dy = 0;
		} else {
			g->gid = info[i].codepoint;
			g->adv = em1000(sh, pos[i].x_advance);
			g->dx = em1000(sh, pos[i].x_offset);
			g->dy = em1000(sh, pos[i].y_offset);
		}
		run->width += g->adv;
	}
	return run;
}

/*
 * Turn the character map around (glyph -> code points), once per font.
 * HarfBuzz's subsetter, asked for glyphs, walks the whole map for every
 * subset to find the characters of those glyphs (OS/2 lists them); asked
 * for those characters instead, it looks up only them, with the same
 * result.
 */
static void
glyph_cps(struct shaper *sh)
{
	hb_set_t *set = hb_set_create();
	uint32_t *cps, *gidof, n, i, g;

	hb_face_collect_unicodes(sh->face, set);
	n = hb_set_get_population(set);
	cps = xreallocarray(NULL, (size_t)n + 1, sizeof(*cps));
	gidof = xreallocarray(NULL, (size_t)n + 1, sizeof(*gidof));
	n = hb_set_next_many(set, HB_SET_VALUE_INVALID, cps, n);
	hb_set_destroy(set);
	/* stops at the first code point without a glyph */
	if (hb_font_get_nominal_glyphs(sh->font, n, cps, sizeof(*cps), gidof,
	    sizeof(*gidof)) != n)
		sh->cmap_odd = 1;
	sh->cps = xreallocarray(NULL, (size_t)n + 1, sizeof(*sh->cps));
	sh->cp_start = xcalloc((size_t)sh->nglyphs + 1,
	    sizeof(*sh->cp_start));
	for (i = 0; i < n && !sh->cmap_odd; i++) {
		if (gidof[i] == 0 || gidof[i] >= sh->nglyphs)
			sh->cmap_odd = 1;
		else
			sh->cp_start[gidof[i] + 1]++;
	}
	if (!sh->cmap_odd) {
		for (g = 1; g <= sh->nglyphs; g++)
			sh->cp_start[g] += sh->cp_start[g - 1];
		/* each glyph's code points in increasing order */
		for (i = 0; i < n; i++)
			sh->cps[sh->cp_start[gidof[i]]++] = cps[i];
		for (g = sh->nglyphs; g > 0; g--)
			sh->cp_start[g] = sh->cp_start[g - 1];
		sh->cp_start[0] = 0;
	}
	free(cps);
	free(gidof);
}

/* The tables and options of every subset (shaper_subset), which leave
 * out all a PDF does not read. */
static hb_subset_input_t *
subset_input(void)
{
	static const char *const drop[] = {
		"GSUB", "GPOS", "GDEF", "kern", "cmap", "BASE", "JSTF",
		"MATH", "DSIG", "FFTM", "hdmx", "LTSH", "VDMX", "vhea",
		"vmtx", "gasp"
	};
	hb_subset_input_t *in;
	hb_set_t *set;
	size_t i;

	if ((in = hb_subset_input_create_or_fail()) == NULL)
		return NULL;
	set = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	for (i = 0; i < sizeof(drop) / sizeof(drop[0]); i++)
		hb_set_add(set, hb_tag_from_string(drop[i], 4));
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
	return in;
}

int
shaper_subset(struct shaper *sh, const uint32_t *gids, int n,
    unsigned char **out, size_t *outlen, uint32_t *newgid)
{
	hb_subset_input_t *in;
	hb_subset_plan_t *plan;
	const hb_map_t *map;
	hb_face_t *sub;
	hb_blob_t *blob;
	hb_set_t *glyphs, *chars;
	const char *data;
	unsigned int blen;
	uint32_t c;
	int k, by_char, rc = -1;

	*out = NULL;
	*outlen = 0;
	if (sh->cp_start == NULL)
		glyph_cps(sh);
	if (sh->subset_in == NULL && (sh->subset_in = subset_input()) == NULL)
		return -1;
	in = sh->subset_in;
	chars = hb_subset_input_unicode_set(in);
	glyphs = hb_subset_input_glyph_set(in);
	hb_set_clear(chars);
	hb_set_clear(glyphs);
	/* Each glyph by its characters when every one has some (.notdef is
	 * always kept), else by number. */
	by_char = !sh->cmap_odd;
	for (k = 0; k < n && by_char; k++) {
		if (gids[k] == 0)
			continue;
		if (gids[k] >= sh->nglyphs ||
		    sh->cp_start[gids[k]] == sh->cp_start[gids[k] + 1])
			by_char = 0;
		else
			for (c = sh->cp_start[gids[k]];
			    c < sh->cp_start[gids[k] + 1]; c++)
				hb_set_add(chars, sh->cps[c]);
	}
	if (!by_char) {
		hb_set_clear(chars);
		for (k = 0; k < n; k++)
			hb_set_add(glyphs, gids[k]);
	}
	plan = hb_subset_plan_create_or_fail(sh->face, in);
	if (plan == NULL)
		return -1;
	map = hb_subset_plan_old_to_new_glyph_mapping(plan);
	for (k = 0; k < n; k++) {
		if (!hb_map_has(map, gids[k]))
			goto out;
		newgid[k] = hb_map_get(map, gids[k]);
	}
	if ((sub = hb_subset_plan_execute_or_fail(plan)) == NULL)
		goto out;
	blob = hb_face_reference_blob(sub);
	data = hb_blob_get_data(blob, &blen);
	if (data != NULL && blen > 0) {
		*out = xmalloc(blen);
		memcpy(*out, data, blen);
		*outlen = blen;
		rc = 0;
	}
	hb_blob_destroy(blob);
	hb_face_destroy(sub);
out:
	hb_subset_plan_destroy(plan);
	return rc;
}

int
shape_is_rtl(uint32_t cp, char script[5])
{
	hb_script_t sc;

	sc = hb_unicode_script(hb_unicode_funcs_get_default(), cp);
	if (hb_script_get_horizontal_direction(sc) != HB_DIRECTION_RTL)
		return 0;
	hb_tag_to_string(hb_script_to_iso15924_tag(sc), script);
	script[4] = '\0';
	return 1;
}
