/*
 * anchor: names of places and links, made and read in one place.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anchor.h"
#include "buf.h"
#include "xalloc.h"

static const char *const prefixes[ANCHOR_KIND_MAX] = {
	NULL, "sec-", "ch-", "bk-", "gl-", "glu-", "ref-", "fn-", "ln-",
	"fnref-", "cite-", NULL
};

static const struct {
	const char	*name;		/* ANCHOR_PART's "bk-" and this */
	const char	*title;		/* in the contents; NULL: its
					   own file's title, or none */
} parts[ANCHOR_PART_MAX] = {
	{ "bk-cover", NULL },
	{ "bk-inside", NULL },
	{ "bk-contents", "Contents" },
	{ "bk-refs", "References" },
	{ "bk-glossary", "Glossary" },
	{ "bk-disclaimer", "About this booklet\xe2\x80\x99s information" },
	{ "bk-trials", NULL },
	{ "bk-back", "Contact us" },
};

char *
anchor_name(enum anchor_kind k, int a, int b)
{
	switch (k) {
	case ANCHOR_SECTION:
	case ANCHOR_GLOSSARY_USE:
	case ANCHOR_NOTE:
	case ANCHOR_WEB_NOTE:
	case ANCHOR_NOTE_REF:
		return xasprintf("%s%d-%d", prefixes[k], a, b);
	case ANCHOR_CHAPTER:
	case ANCHOR_GLOSSARY:
	case ANCHOR_CITE:
		return xasprintf("%s%d", prefixes[k], a);
	default:
		return xasprintf("%d", a);
	}
}

char *
anchor_name_key(enum anchor_kind k, const char *key)
{
	if (k >= 0 && k < ANCHOR_KIND_MAX && prefixes[k] != NULL)
		return xasprintf("%s%s", prefixes[k], key);
	return xstrdup(key);
}

char *
anchor_link(enum anchor_kind k, int a, int b)
{
	char *n = anchor_name(k, a, b), *l = xasprintf("#%s", n);

	free(n);
	return l;
}

char *
anchor_link_key(enum anchor_kind k, const char *key)
{
	char *n = anchor_name_key(k, key), *l = xasprintf("#%s", n);

	free(n);
	return l;
}

const char *
anchor_part(enum anchor_part p)
{
	return p >= 0 && p < ANCHOR_PART_MAX ? parts[p].name : "bk-";
}

char *
anchor_part_link(enum anchor_part p)
{
	return xasprintf("#%s", anchor_part(p));
}

const char *
anchor_part_title(enum anchor_part p)
{
	return p >= 0 && p < ANCHOR_PART_MAX ? parts[p].title : NULL;
}

/* "12-3" or "12": the numbers; 0 if it is not that. */
static int
numbers(const char *s, int two, int *a, int *b)
{
	int x, y, len = 0;

	if (two) {
		if (sscanf(s, "%d-%d%n", &x, &y, &len) != 2 ||
		    s[len] != '\0' || x < 0 || y < 0)
			return 0;
	} else {
		if (sscanf(s, "%d%n", &x, &len) != 1 || s[len] != '\0' ||
		    x < 0)
			return 0;
		y = 0;
	}
	if (a != NULL)
		*a = x;
	if (b != NULL)
		*b = y;
	return 1;
}

enum anchor_kind
anchor_parse(const char *name, int *a, int *b, const char **key)
{
	int k;
	size_t n;

	if (a != NULL)
		*a = 0;
	if (b != NULL)
		*b = 0;
	if (key != NULL)
		*key = NULL;
	if (name == NULL)
		return ANCHOR_OTHER;
	if (name[0] == '#')
		name++;
	else if (strchr(name, ':') != NULL)
		return ANCHOR_URL;
	/* the longer prefix first: "glu-" before "gl-" */
	for (k = ANCHOR_KIND_MAX - 1; k > 0; k--) {
		if (prefixes[k] == NULL)
			continue;
		n = strlen(prefixes[k]);
		if (strncmp(name, prefixes[k], n) != 0)
			continue;
		switch (k) {
		case ANCHOR_REFERENCE:
		case ANCHOR_PART:
			if (key != NULL)
				*key = name + n;
			return (enum anchor_kind)k;
		case ANCHOR_CHAPTER:
		case ANCHOR_GLOSSARY:
		case ANCHOR_CITE:
			if (numbers(name + n, 0, a, b))
				return (enum anchor_kind)k;
			break;
		default:
			if (numbers(name + n, 1, a, b))
				return (enum anchor_kind)k;
			break;
		}
	}
	if (key != NULL)
		*key = name;
	return ANCHOR_OTHER;
}

/* text without surrounding spaces and brackets, copied */
static char *
trimmed(const char *s, const char *strip)
{
	size_t len;

	while (*s != '\0' && strchr(strip, *s) != NULL)
		s++;
	len = strlen(s);
	while (len > 0 && strchr(strip, s[len - 1]) != NULL)
		len--;
	return xstrndup(s, len);
}

char *
anchor_describe(const char *target, const char *text)
{
	char *t, *out;
	const char *key;
	int a, b;

	t = trimmed(text != NULL ? text : "", " \t\n");
	switch (anchor_parse(target, &a, &b, &key)) {
	case ANCHOR_URL:
		out = xstrdup(strncmp(target, "mailto:", 7) == 0 ?
		    target + 7 : target);
		break;
	case ANCHOR_GLOSSARY:
		out = xasprintf("Glossary: %s", t);
		break;
	case ANCHOR_GLOSSARY_USE:
		out = xasprintf("Where it is used: page %s", t);
		break;
	case ANCHOR_REFERENCE:
		free(t);
		t = trimmed(text != NULL ? text : "", " \t\n[]");
		out = xasprintf("Reference %s", t);
		break;
	case ANCHOR_NOTE:
		out = xasprintf("Note %d", b);
		break;
	case ANCHOR_WEB_NOTE:
		out = xasprintf("Web address %d, in the notes", b);
		break;
	case ANCHOR_CHAPTER:
	case ANCHOR_PART:
	case ANCHOR_SECTION:
		out = xasprintf("Section: %s", t);
		break;
	default:
		out = xasprintf("Within this document: %s", t);
		break;
	}
	free(t);
	return out;
}

static int
is_alnum_ascii(char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' &&
	    (c | 0x20) <= 'z');
}

int
anchor_phone(const char *s, size_t len, size_t i, size_t *end)
{
	size_t j, last = i, digits = 0;

	if (!((s[i] >= '0' && s[i] <= '9') || s[i] == '+') ||
	    (i > 0 && is_alnum_ascii(s[i - 1]))) {
		*end = i + 1;
		return 0;
	}
	for (j = i; j < len && strchr("0123456789 +()-", s[j]) != NULL; j++)
		if (s[j] >= '0' && s[j] <= '9') {
			digits++;
			last = j + 1;
		}
	if (digits >= 9) {
		*end = last;
		return 1;
	}
	*end = j > i ? j : i + 1;
	return 0;
}

char *
anchor_tel(const char *s, size_t n)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	buf_adds(&b, "tel:");
	for (i = 0; i < n; i++)
		if ((s[i] >= '0' && s[i] <= '9') || (s[i] == '+' && i == 0))
			buf_addc(&b, s[i]);
	return buf_take(&b);
}

/* The end of an email address from s[i] ("net.nurses@example.org or
 * ..."), or i if there is none. */
static size_t
email_end(const char *s, size_t len, size_t i)
{
	size_t end, at = 0, dot = 0;

	for (end = i; end < len && (is_alnum_ascii(s[end]) ||
	    strchr("._%+-@", s[end]) != NULL); end++)
		if (s[end] == '@') {
			if (at != 0)
				return i;
			at = end;
		} else if (s[end] == '.' && at != 0)
			dot = end;
	while (end > i && s[end - 1] == '.')
		end--;
	return at > i && dot > at + 1 && dot + 2 < end ? end : i;
}

char *
anchor_address(const char *s, size_t len, size_t i, size_t *end)
{
	size_t e;

	if (i > 0 && strchr(" (\n", s[i - 1]) == NULL)
		return NULL;
	if (strncmp(s + i, "https://", 8) == 0 ||
	    strncmp(s + i, "http://", 7) == 0 ||
	    strncmp(s + i, "www.", 4) == 0) {
		for (e = i; e < len && strchr(" \n<>\"", s[e]) == NULL; e++)
			;
		/* the sentence's full stop is not the address's */
		while (e > i && strchr(".,;:!?)", s[e - 1]) != NULL)
			e--;
		*end = e;
		return xasprintf("%s%.*s", s[i] == 'w' ? "https://" : "",
		    (int)(e - i), s + i);
	}
	if ((e = email_end(s, len, i)) > i) {
		*end = e;
		return xasprintf("mailto:%.*s", (int)(e - i), s + i);
	}
	return NULL;
}
