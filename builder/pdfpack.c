/*
 * pdfpack: object streams and a cross-reference stream for the file the
 * PDF library wrote.
 *
 * The input is libharu's own layout, checked as it is read: a header, the
 * objects "N 0 obj ... endobj" in turn, one xref section of 20-byte
 * entries, a trailer.  Stream data lies between "stream\r\n" and
 * "\nendstream"; libharu gives each stream an indirect /Length object,
 * which becomes a direct number here (its object is freed).
 *
 * Output, in this order: the header (PDF 1.7), every stream object as it
 * was, then the other objects packed PER_STREAM to an object stream, then
 * the cross-reference stream (PNG "Up" predicted, so that rows of offsets
 * compress to almost nothing).  Packed objects are written without the
 * blanks PDF syntax does not need: less for zlib to read and to store.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "pdfpack.h"
#include "xalloc.h"
#include "zip.h"

#define PER_STREAM	1000	/* objects per object stream */
#define MAX_OBJECTS	8000000	/* an xref larger than this is not ours */

struct obj {
	size_t	 off;		/* "N 0 obj" */
	size_t	 body, end;	/* the object's value: [body, end) */
	size_t	 data, dlen;	/* a stream's data, dlen 0 if no stream */
	int	 stream;	/* is a stream */
	int	 freed;		/* a /Length now direct, or free */
	int	 deflated;	/* a stream compressed by the caller */
	size_t	 where;		/* in the output: offset, or object stream */
	size_t	 index;		/* ...and index in it */
};


static int	 is_ws(int);
static int	 is_delim(int);
static const unsigned char *find(const unsigned char *, size_t,
		    const char *);
static size_t	 skip_string(const unsigned char *, size_t, size_t);
static void	 minify(struct buf *, const unsigned char *, size_t);
static int	 length_key(const unsigned char *, size_t, size_t *,
		    size_t *, long *);
static const unsigned char *read_number(const unsigned char *,
		    const unsigned char *, unsigned long *);
static int	 parse_xref(const unsigned char *, size_t, struct obj **,
		    size_t *, size_t *);
static int	 parse_objects(const unsigned char *, size_t, struct obj *,
		    size_t, size_t);
static int	 cmp_off(const void *, const void *);
static int	 cmp_kind(const void *, const void *);
static void	 kind_of(const unsigned char *, size_t, char *, size_t);
static size_t	 bytes_for(uint64_t);
static void	 xref_rows(struct buf *, const unsigned char *, size_t,
		    size_t);
static void	 xref_set(unsigned char *, size_t, size_t, int, uint64_t,
		    unsigned);
static int	 direct_length(const unsigned char *, struct obj *, size_t,
		    size_t);

static int
is_ws(int c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' ||
	    c == '\f' || c == '\0';
}

static int
is_delim(int c)
{
	return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' ||
	    c == ']' || c == '{' || c == '}' || c == '/' || c == '%';
}

/* memmem(3) is a GNU extension. */
static const unsigned char *
find(const unsigned char *p, size_t n, const char *s)
{
	size_t k = strlen(s);
	const unsigned char *q, *end = p + n;

	while (n >= k && (q = memchr(p, s[0], n - k + 1)) != NULL) {
		if (memcmp(q, s, k) == 0)
			return q;
		p = q + 1;
		n = (size_t)(end - p);
	}
	return NULL;
}

/* The end of the literal or hex string starting at s[i]. */
static size_t
skip_string(const unsigned char *s, size_t n, size_t i)
{
	int depth = 0;

	if (s[i] == '<') {
		while (i < n && s[i] != '>')
			i++;
		return i < n ? i + 1 : n;
	}
	for (; i < n; i++) {
		if (s[i] == '\\')
			i++;
		else if (s[i] == '(')
			depth++;
		else if (s[i] == ')' && --depth == 0)
			return i + 1;
	}
	return n;
}

/* Append s[0..n) with blanks only where two tokens would otherwise run
 * together ("1 0 R", not before or after delimiters); strings kept. */
static void
minify(struct buf *o, const unsigned char *s, size_t n)
{
	size_t i = 0, e;
	int pending = 0;

	while (i < n) {
		if (is_ws(s[i])) {
			pending = 1;
			i++;
			continue;
		}
		if (pending && o->len > 0 && !is_ws(o->p[o->len - 1]) &&
		    !is_delim((unsigned char)o->p[o->len - 1]) &&
		    !is_delim(s[i]))
			buf_addc(o, ' ');
		pending = 0;
		if (s[i] == '<' && i + 1 < n && s[i + 1] == '<') {
			buf_add(o, "<<", 2);
			i += 2;
		} else if (s[i] == '(' || s[i] == '<') {
			e = skip_string(s, n, i);
			buf_add(o, (const char *)s + i, e - i);
			/* a name or number after a hex string's '>' is fine */
			i = e;
		} else if (s[i] == '%') {
			while (i < n && s[i] != '\n' && s[i] != '\r')
				buf_addc(o, (char)s[i++]);
			buf_addc(o, '\n');
		} else
			buf_addc(o, (char)s[i++]);
	}
}

/*
 * In a stream dictionary's text d[0..n) ("<< ... >>"), find the top-level
 * /Length entry: its span [*from, *to) and, if it is a reference, the
 * object number in *ref (else -1).  Returns 0, or -1 if there is none.
 */
static int
length_key(const unsigned char *d, size_t n, size_t *from, size_t *to,
    long *ref)
{
	size_t i = 0, k;
	int depth = 0;
	long a, b;
	char *endp;
	char num[32];

	while (i < n) {
		if (d[i] == '(' || (d[i] == '<' && i + 1 < n &&
		    d[i + 1] != '<')) {
			i = skip_string(d, n, i);
			continue;
		}
		if ((d[i] == '<' && i + 1 < n && d[i + 1] == '<') ||
		    (d[i] == '>' && i + 1 < n && d[i + 1] == '>')) {
			depth += d[i] == '<' ? 1 : -1;
			i += 2;
			continue;
		}
		if (d[i] == '[' || d[i] == ']') {
			depth += d[i] == '[' ? 1 : -1;
			i++;
			continue;
		}
		if (depth == 1 && d[i] == '/' && n - i > 8 &&
		    memcmp(d + i, "/Length", 7) == 0 && is_ws(d[i + 7])) {
			*from = i;
			for (i += 7; i < n && is_ws(d[i]); i++)
				;
			for (k = 0; i < n && k + 1 < sizeof(num) &&
			    !is_ws(d[i]) && !is_delim(d[i]); i++)
				num[k++] = (char)d[i];
			num[k] = '\0';
			a = strtol(num, &endp, 10);
			if (k == 0 || *endp != '\0' || a < 0)
				return -1;
			*to = i;
			*ref = -1;
			/* "N 0 R"? */
			k = i;
			while (k < n && is_ws(d[k]))
				k++;
			if (k < n && d[k] >= '0' && d[k] <= '9') {
				/* the generation, read within the dictionary */
				for (b = 0; k < n && d[k] >= '0' && d[k] <= '9' &&
				    b < 100000; k++)
					b = b * 10 + (d[k] - '0');
				while (k < n && is_ws(d[k]))
					k++;
				if (b == 0 && k < n && d[k] == 'R') {
					*ref = a;
					*to = k + 1;
				}
			}
			return 0;
		}
		i++;
	}
	return -1;
}

/* The decimal digits at p, before end: the byte after them, or NULL if
 * there are none or too many. */
static const unsigned char *
read_number(const unsigned char *p, const unsigned char *end,
    unsigned long *v)
{
	const unsigned char *start = p;

	*v = 0;
	for (; p < end && *p >= '0' && *p <= '9'; p++) {
		if (p - start >= 15)
			return NULL;
		*v = *v * 10 + (unsigned long)(*p - '0');
	}
	return p > start ? p : NULL;
}

/* Read the xref table and the trailer's position. */
static int
parse_xref(const unsigned char *in, size_t len, struct obj **objs,
    size_t *nobjs, size_t *xref)
{
	const unsigned char *p;
	size_t at, n, i;
	unsigned long v;
	struct obj *o;

	if (len < 64 || memcmp(in, "%PDF-1.", 7) != 0)
		return 1;
	if ((p = find(in + len - 40, 40, "startxref")) == NULL)
		return 1;
	for (p += 9; p < in + len && is_ws(*p); p++)
		;
	if ((p = read_number(p, in + len, &v)) == NULL || v >= len)
		return 1;
	at = v;
	if (len - at < 16 || memcmp(in + at, "xref\n0 ", 7) != 0)
		return 1;
	p = read_number(in + at + 7, in + len, &v);
	if (p == NULL || v < 2 || v > MAX_OBJECTS || p == in + len ||
	    *p != '\n')
		return 1;
	n = v;
	p++;
	if ((size_t)(in + len - p) < n * 20 + 8)
		return 1;
	o = xcalloc(n, sizeof(*o));
	for (i = 0; i < n; i++, p += 20) {
		if (p[10] != ' ' || p[16] != ' ' || p[18] != '\r' ||
		    p[19] != '\n')
			break;
		if (p[17] == 'f') {
			o[i].freed = 1;
			continue;
		}
		if (p[17] != 'n' || memcmp(p + 11, "00000", 5) != 0)
			break;
		if (read_number(p, p + 10, &v) != p + 10 || v >= at)
			break;
		o[i].off = v;
	}
	if (i < n || memcmp(p, "trailer\n", 8) != 0 || !o[0].freed) {
		free(o);
		return 1;
	}
	*objs = o;
	*nobjs = n;
	*xref = at;
	return 0;
}

/* An object number with a sort key: its offset, or its kind. */
struct key {
	size_t	 num;
	size_t	 off;
	char	 kind[28];
};

static int
cmp_off(const void *a, const void *b)
{
	size_t x = ((const struct key *)a)->off;
	size_t y = ((const struct key *)b)->off;

	return (x > y) - (x < y);
}

static int
cmp_kind(const void *a, const void *b)
{
	const struct key *x = a, *y = b;
	int c = strcmp(x->kind, y->kind);

	return c != 0 ? c : (x->num > y->num) - (x->num < y->num);
}

/* What an object is, to pack like with like: "Annot", "StructElem P",
 * "[" for arrays.  Looks at the start of the text only. */
static void
kind_of(const unsigned char *s, size_t n, char *kind, size_t size)
{
	const unsigned char *t;
	size_t k = 0;

	kind[0] = '\0';
	if (n > 160)
		n = 160;
	if (n > 0 && s[0] == '[') {
		snprintf(kind, size, "[");
		return;
	}
	if ((t = find(s, n, "/Type /")) == NULL)
		return;
	for (t += 7; t < s + n && !is_ws(*t) && !is_delim(*t) &&
	    k + 1 < size; t++)
		kind[k++] = (char)*t;
	kind[k] = '\0';
	if (strcmp(kind, "StructElem") == 0 &&
	    (t = find(s, n, "/S /")) != NULL)
		for (kind[k++] = ' ', t += 4; t < s + n && !is_ws(*t) &&
		    !is_delim(*t) && k + 1 < size; t++)
			kind[k++] = (char)*t;
	kind[k] = '\0';
}

/* Find each object's value and stream data. */
static int
parse_objects(const unsigned char *in, size_t len, struct obj *o, size_t n,
    size_t xref)
{
	struct key *order;
	size_t k, i, end, m;
	const unsigned char *q;
	struct buf head;
	int rc = 1;

	(void)len;
	buf_init(&head);
	order = xcalloc(n, sizeof(*order));
	for (i = 1, m = 0; i < n; i++)
		if (!o[i].freed) {
			order[m].num = i;
			order[m++].off = o[i].off;
		}
	qsort(order, m, sizeof(*order), cmp_off);
	for (k = 0; k < m; k++) {
		i = order[k].num;
		end = k + 1 < m ? order[k + 1].off : xref;
		buf_reset(&head);
		buf_add_uint(&head, i);
		buf_adds(&head, " 0 obj\n");
		if (end - o[i].off < head.len + 7 ||
		    memcmp(in + o[i].off, head.p, head.len) != 0)
			goto out;
		o[i].body = o[i].off + head.len;
		/* "endobj\n" ends the span */
		while (end > o[i].body && is_ws(in[end - 1]))
			end--;
		if (end - o[i].body < 6 || memcmp(in + end - 6, "endobj", 6))
			goto out;
		end -= 6;
		while (end > o[i].body && is_ws(in[end - 1]))
			end--;
		o[i].end = end;
		if (end - o[i].body > 9 &&
		    memcmp(in + end - 9, "endstream", 9) == 0) {
			q = find(in + o[i].body, end - o[i].body,
			    ">>\nstream\r\n");
			if (q == NULL || in[end - 10] != '\n')
				goto out;
			o[i].stream = 1;
			o[i].end = (size_t)(q - in) + 2;
			o[i].data = o[i].end + 9;
			if (end - 10 < o[i].data)
				goto out;
			o[i].dlen = end - 10 - o[i].data;
		}
	}
	rc = 0;
out:
	free(order);
	buf_free(&head);
	return rc;
}

static size_t
bytes_for(uint64_t v)
{
	size_t k = 1;

	while (v >> (8 * k) != 0)
		k++;
	return k;
}

/* Append the cross-reference stream's rows, PNG "Up" predicted. */
static void
xref_rows(struct buf *rows, const unsigned char *tab, size_t total,
    size_t col)
{
	unsigned char *prev = xcalloc(1, col);
	size_t j, k;

	for (j = 0; j < total; j++) {
		buf_addc(rows, 2);
		for (k = 0; k < col; k++)
			buf_addc(rows, (char)(unsigned char)
			    (tab[j * col + k] - prev[k]));
		memcpy(prev, tab + j * col, col);
	}
	free(prev);
}

/* Set row j of the table: type, field 2 (w2 bytes), field 3 (2 bytes). */
static void
xref_set(unsigned char *tab, size_t col, size_t j, int type, uint64_t f2,
    unsigned f3)
{
	unsigned char *row = tab + j * col;
	size_t w2 = col - 3, k;

	row[0] = (unsigned char)type;
	for (k = 0; k < w2; k++)
		row[1 + k] = (unsigned char)(f2 >> (8 * (w2 - 1 - k)));
	row[col - 2] = (unsigned char)(f3 >> 8);
	row[col - 1] = (unsigned char)f3;
}

/* Make stream object i's /Length direct.  Returns 0, 1 if odd. */
static int
direct_length(const unsigned char *in, struct obj *o, size_t n, size_t i)
{
	size_t from, to, vl;
	long ref;
	char num[24];

	if (o[i].end - o[i].body < 4 || in[o[i].body] != '<' ||
	    in[o[i].body + 1] != '<' ||
	    length_key(in + o[i].body, o[i].end - o[i].body, &from, &to,
	    &ref) != 0)
		return 1;
	if (ref < 0)
		return 0;
	if (ref == 0 || (size_t)ref >= n || o[ref].freed || o[ref].stream)
		return 1;
	vl = o[ref].end - o[ref].body;
	if (vl == 0 || vl >= sizeof(num))
		return 1;
	memcpy(num, in + o[ref].body, vl);
	num[vl] = '\0';
	if (strtoul(num, NULL, 10) != o[i].dlen)
		return 1;
	o[ref].freed = 1;
	return 0;
}

int
pdfpack(const unsigned char *in, size_t len, const unsigned *deflated,
    size_t ndeflated, struct zip *zip, unsigned char **out, size_t *outlen)
{
	struct obj *o = NULL;
	size_t n, xref, i, j, k, m, from, to, first, nstm, col, total;
	size_t nextfree, *stm_off = NULL;
	struct key *keys = NULL;
	long ref;
	struct buf w, objs, head, z;
	const unsigned char *t, *te, *r, *eol, *dict;
	const char *filter;
	size_t dlen;
	unsigned char *tab = NULL;
	int rc;

	*out = NULL;
	*outlen = 0;
	if ((rc = parse_xref(in, len, &o, &n, &xref)) != 0)
		return rc;
	rc = 1;
	buf_init(&w);
	buf_init(&objs);
	buf_init(&head);
	buf_init(&z);
	if (parse_objects(in, len, o, n, xref) != 0)
		goto out;
	for (i = 0; i < ndeflated; i++) {
		if (deflated[i] == 0 || deflated[i] >= n ||
		    !o[deflated[i]].stream ||
		    find(in + o[deflated[i]].body, o[deflated[i]].end -
		    o[deflated[i]].body, "/Filter") != NULL)
			goto out;
		o[deflated[i]].deflated = 1;
	}
	/* the trailer: its entries but /Size go into the xref stream */
	t = find(in + xref, len - xref, "trailer\n<<");
	te = t != NULL ? find(t, (size_t)(in + len - t), ">>\nstartxref") :
	    NULL;
	if (t == NULL || te == NULL ||
	    find(t, (size_t)(te - t), "/Encrypt") != NULL)
		goto out;
	t += 10;
	for (i = 1; i < n; i++)
		if (o[i].stream && direct_length(in, o, n, i) != 0)
			goto out;

	buf_adds(&w, "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
	/* the streams, with /Length direct */
	for (i = 1; i < n; i++) {
		if (o[i].freed || !o[i].stream)
			continue;
		length_key(in + o[i].body, o[i].end - o[i].body, &from, &to,
		    &ref);
		o[i].where = w.len;
		/* streams come uncompressed but for images and those the
		 * caller compressed already (page contents); all but the XMP
		 * metadata are compressed */
		buf_reset(&z);
		dict = in + o[i].body;
		dlen = o[i].end - o[i].body;
		filter = o[i].deflated ? "/Filter/FlateDecode" : "";
		if (!o[i].deflated && o[i].dlen > 0 &&
		    find(dict, dlen, "/Filter") == NULL &&
		    find(dict, dlen, "/Metadata") == NULL) {
			if (zip_add(zip, &z, in + o[i].data, o[i].dlen) !=
			    0) {
				rc = -1;
				goto out;
			}
			if (z.len >= o[i].dlen)
				buf_reset(&z);
			else
				filter = "/Filter/FlateDecode";
		}
		buf_printf(&w, "%zu 0 obj\n<</Length %zu%s", i,
		    z.len > 0 ? z.len : o[i].dlen, filter);
		/* the dictionary less "<<", its /Length and ">>" */
		minify(&w, dict + 2, from - 2);
		minify(&w, dict + to, dlen - to - 2);
		buf_adds(&w, ">>\nstream\n");
		if (z.len > 0)
			buf_add(&w, z.p, z.len);
		else
			buf_add(&w, (const char *)in + o[i].data,
			    o[i].dlen);
		buf_adds(&w, "\nendstream\nendobj\n");
	}
	/* the rest, like with like, PER_STREAM to an object stream
	 * numbered from n */
	keys = xcalloc(n, sizeof(*keys));
	for (i = 1, m = 0; i < n; i++)
		if (!o[i].freed && !o[i].stream) {
			keys[m].num = i;
			kind_of(in + o[i].body, o[i].end - o[i].body,
			    keys[m].kind, sizeof(keys[m].kind));
			m++;
		}
	qsort(keys, m, sizeof(*keys), cmp_kind);
	stm_off = xcalloc(m / PER_STREAM + 2, sizeof(*stm_off));
	for (nstm = 0, j = 0; j < m; nstm++) {
		buf_reset(&objs);
		buf_reset(&head);
		for (k = 0; j < m && k < PER_STREAM; j++, k++) {
			i = keys[j].num;
			if (k > 0)
				buf_addc(&objs, '\n');
			if (k > 0)
				buf_addc(&head, ' ');
			buf_add_uint(&head, i);
			buf_addc(&head, ' ');
			buf_add_uint(&head, objs.len);
			minify(&objs, in + o[i].body, o[i].end - o[i].body);
			o[i].where = n + nstm;
			o[i].index = k;
		}
		buf_addc(&head, '\n');
		first = head.len;
		buf_add(&head, objs.p, objs.len);
		buf_reset(&z);
		if (zip_add(zip, &z, head.p, head.len) != 0) {
			rc = -1;
			goto out;
		}
		stm_off[nstm] = w.len;
		buf_printf(&w, "%zu 0 obj\n<</Type/ObjStm/N %zu/First %zu"
		    "/Filter/FlateDecode/Length %zu>>\nstream\n", n + nstm, k,
		    first, z.len);
		buf_add(&w, z.p, z.len);
		buf_adds(&w, "\nendstream\nendobj\n");
	}

	/* the cross-reference stream, numbered last: W [1 col-3 2] */
	total = n + nstm + 1;
	col = 1 + bytes_for(w.len > total ? w.len : total) + 2;
	tab = xcalloc(total, col);
	for (j = n, nextfree = 0; j-- > 0; ) {	/* free list, from 0 up */
		if (j != 0 && !o[j].freed)
			continue;
		xref_set(tab, col, j, 0, nextfree, j == 0 ? 0xffff : 0);
		nextfree = j;
	}
	for (j = 1; j < n; j++)
		if (!o[j].freed)
			xref_set(tab, col, j, o[j].stream ? 1 : 2, o[j].where,
			    o[j].stream ? 0 : (unsigned)o[j].index);
	for (j = 0; j < nstm; j++)
		xref_set(tab, col, n + j, 1, stm_off[j], 0);
	xref_set(tab, col, total - 1, 1, w.len, 0);
	buf_reset(&head);
	xref_rows(&head, tab, total, col);
	buf_reset(&z);
	if (zip_add(zip, &z, head.p, head.len) != 0) {
		rc = -1;
		goto out;
	}
	xref = w.len;
	buf_printf(&w, "%zu 0 obj\n<</Type/XRef/Size %zu/W[1 %zu 2]",
	    total - 1, total, col - 3);
	for (r = t; r < te; r = eol + 1) {	/* the trailer's entries */
		if ((eol = memchr(r, '\n', (size_t)(te - r))) == NULL)
			eol = te;
		if (!((size_t)(eol - r) > 5 && memcmp(r, "/Size", 5) == 0 &&
		    is_ws(r[5])))
			minify(&w, r, (size_t)(eol - r) + 1);
	}
	buf_printf(&w, "/Filter/FlateDecode/DecodeParms<</Columns %zu"
	    "/Predictor 12>>/Length %zu>>\nstream\n", col, z.len);
	buf_add(&w, z.p, z.len);
	buf_printf(&w, "\nendstream\nendobj\nstartxref\n%zu\n%%%%EOF\n", xref);
	*outlen = w.len;
	*out = (unsigned char *)buf_take(&w);
	rc = 0;
out:
	free(o);
	free(tab);
	free(keys);
	free(stm_off);
	buf_free(&w);
	buf_free(&objs);
	buf_free(&head);
	buf_free(&z);
	return rc;
}
