/*
 * sfnt: edits to a TrueType font file's table directory, in memory.
 * See sfnt.h for why.
 */
#include <stdint.h>
#include <string.h>

#include "sfnt.h"
#include "xalloc.h"

#define DIR_HEAD	12	/* sfnt version, numTables, search fields */
#define DIR_ENTRY	16	/* tag, checksum, offset, length */

/* A TrueType instruction stream that does nothing: PUSHB[0] 0, POP. */
static const unsigned char noop_prep[4] = { 0xb0, 0x00, 0x21, 0x00 };
#define NOOP_PREP_LEN	3

static uint32_t
get32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static void
put32(unsigned char *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static void
put16(unsigned char *p, unsigned v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static uint32_t
checksum(const unsigned char *p, size_t len)
{
	uint32_t sum = 0;
	size_t i;

	for (i = 0; i < len; i += 4) {
		unsigned char w[4] = { 0, 0, 0, 0 };

		memcpy(w, p + i, len - i < 4 ? len - i : 4);
		sum += get32(w);
	}
	return sum;
}

int
sfnt_with_prep(const unsigned char *in, size_t len, unsigned char **out,
    size_t *outlen)
{
	unsigned ntables, i, at, search, shift;
	size_t dirlen, tail, grow;
	unsigned char *o, *rec;
	uint32_t version;

	if (len < DIR_HEAD)
		return -1;
	version = get32(in);
	if (version != 0x00010000u && version != 0x74727565u)	/* 'true' */
		return -1;
	ntables = (unsigned)in[4] << 8 | in[5];
	dirlen = DIR_HEAD + (size_t)ntables * DIR_ENTRY;
	if (ntables == 0 || ntables > 200 || dirlen > len)
		return -1;

	/* where a 'prep' record is, or where one goes (records are sorted) */
	for (at = 0; at < ntables; at++) {
		const unsigned char *r = in + DIR_HEAD + at * DIR_ENTRY;
		int cmp = memcmp(r, "prep", 4);

		if (cmp == 0) {
			if (get32(r + 12) > 0)
				return 0;
			break;
		}
		if (cmp > 0)
			break;
	}
	for (i = 0; i < ntables; i++) {
		const unsigned char *r = in + DIR_HEAD + i * DIR_ENTRY;

		if (get32(r + 8) < dirlen || get32(r + 8) > len ||
		    get32(r + 12) > len - get32(r + 8))
			return -1;
	}
	grow = at < ntables && memcmp(in + DIR_HEAD + at * DIR_ENTRY,
	    "prep", 4) == 0 ? 0 : DIR_ENTRY;

	/* the tables move down by grow bytes; prep goes at the 4-aligned end */
	tail = (len + grow + 3) & ~(size_t)3;
	*outlen = tail + sizeof(noop_prep);
	o = xcalloc(*outlen, 1);
	memcpy(o, in, DIR_HEAD + at * DIR_ENTRY);
	memcpy(o + DIR_HEAD + at * DIR_ENTRY + grow, in + DIR_HEAD +
	    at * DIR_ENTRY, len - DIR_HEAD - at * DIR_ENTRY);
	memcpy(o + tail, noop_prep, sizeof(noop_prep));

	if (grow) {
		ntables++;
		for (search = 1, shift = 0; search * 2 <= ntables; search *= 2)
			shift++;
		put16(o + 4, ntables);
		put16(o + 6, search * 16);
		put16(o + 8, shift);
		put16(o + 10, ntables * 16 - search * 16);
		for (i = 0; i < ntables; i++) {
			if (i == at)
				continue;
			rec = o + DIR_HEAD + i * DIR_ENTRY;
			put32(rec + 8, get32(rec + 8) + (uint32_t)grow);
		}
	}
	rec = o + DIR_HEAD + at * DIR_ENTRY;
	memcpy(rec, "prep", 4);
	put32(rec + 4, checksum(noop_prep, NOOP_PREP_LEN));
	put32(rec + 8, (uint32_t)tail);
	put32(rec + 12, NOOP_PREP_LEN);
	*out = o;
	return 1;
}
