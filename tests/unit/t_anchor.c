/*
 * t_anchor: anchor names round-trip through anchor_parse, and the one
 * phone-number rule the PDF and the web edition share.
 */
#include <stdlib.h>
#include <string.h>

#include "anchor.h"
#include "harness.h"

static void
test_names(void)
{
	char *n = anchor_name(ANCHOR_SECTION, 2, 7);
	const char *key = NULL;
	int a = 0, b = 0;

	CHECK_INT(anchor_parse(n, &a, &b, NULL), ANCHOR_SECTION);
	CHECK_INT(a, 2);
	CHECK_INT(b, 7);
	free(n);
	n = anchor_link_key(ANCHOR_REFERENCE, "egger2020");
	CHECK_INT(anchor_parse(n, NULL, NULL, &key), ANCHOR_REFERENCE);
	CHECK_STR(key, "egger2020");
	free(n);
	/* the web edition's own: a note's call, "fnref-" before "fn-" */
	n = anchor_name(ANCHOR_NOTE_REF, 3, 1);
	CHECK_INT(anchor_parse(n, &a, &b, NULL), ANCHOR_NOTE_REF);
	CHECK_INT(a, 3);
	CHECK_INT(b, 1);
	free(n);
	n = anchor_link(ANCHOR_CITE, 12, 0);
	CHECK_INT(anchor_parse(n, &a, NULL, NULL), ANCHOR_CITE);
	CHECK_INT(a, 12);
	free(n);
}

/* Every part of the booklet has its own name, read back as a part. */
static void
test_parts(void)
{
	enum anchor_part p, q;
	const char *key;
	char *link;

	for (p = 0; p < ANCHOR_PART_MAX; p++) {
		link = anchor_part_link(p);
		CHECK_INT(anchor_parse(link, NULL, NULL, &key), ANCHOR_PART);
		CHECK_STR(link + 1, anchor_part(p));
		free(link);
		for (q = 0; q < p; q++)
			CHECK(strcmp(anchor_part(p), anchor_part(q)) != 0);
	}
	CHECK_STR(anchor_part_title(ANCHOR_PART_REFERENCES), "References");
	CHECK(anchor_part_title(ANCHOR_PART_COVER) == NULL);
}

/*
 * The links found in s, scanning as the contact box and the web edition
 * do (an address first, then a phone number), joined by "|".
 */
static char *
links(const char *s)
{
	size_t len = strlen(s), i = 0, end, n = 0;
	char *out = calloc(1, 256), *uri;

	while (i < len) {
		if ((uri = anchor_address(s, len, i, &end)) == NULL &&
		    anchor_phone(s, len, i, &end))
			uri = anchor_tel(s + i, end - i);
		CHECK(end > i);		/* a scan always moves on */
		if (end <= i)
			break;
		if (uri != NULL)
			n += (size_t)snprintf(out + n, 256 - n, "%s%s",
			    n > 0 ? "|" : "", uri);
		free(uri);
		i = end;
	}
	return out;
}

static void
test_links(void)
{
	static const char *const cases[][2] = {
		{ "call 0161 496 0999 now", "tel:01614960999" },
		{ "+44 (0)161 496-0999, or 0800 123 4567.",
		    "tel:+4401614960999|tel:08001234567" },
		/* too short, inside a word, or a lone "+": no number (the
		 * lone "+" once made the web edition's scan stand still) */
		{ "room 12 345, ref AB0161496099, + now, 5 to 6 days", "" },
		{ "+", "" },
		/* addresses: a whole value, or inside a sentence, less the
		 * sentence's full stop */
		{ "https://example.org/a", "https://example.org/a" },
		{ "see www.example.org.", "https://www.example.org" },
		{ "email net.nurses@example.org or call 0161 496 0999",
		    "mailto:net.nurses@example.org|tel:01614960999" },
		/* not addresses: inside a word, no dot after the @, two @ */
		{ "xhttps://a.org a@b a@@b.org", "" },
	};
	size_t i;
	char *p;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		p = links(cases[i][0]);
		CHECK_STR(p, cases[i][1]);
		free(p);
	}
}

int
main(void)
{
	test_names();
	test_parts();
	test_links();
	return harness_done("t_anchor");
}
