/*
 * readability: how hard the prose of one handout is to read.
 *
 * Works on the document tree of a handout as mdparse (and placeholder)
 * left it, before the builder appends its back matter (glossary, sources,
 * disclaimer, contact box), so only the author's words are measured.
 *
 * What counts: the text of paragraphs, wherever they are (list items,
 * block quotes, callouts, footnote definitions), including link text and
 * emphasis.  What does not: headings, list markers, tables, code blocks,
 * code spans, citations, footnote markers, link addresses, images and
 * their alt text.
 *
 * Sentences end at . ! ? or an ellipsis followed by white space (closing
 * quotes and brackets may come between), and at the end of every
 * paragraph, so a list item without a full stop is one sentence.  A full
 * stop does not end a sentence after Dr, Mr, Mrs, Ms, Prof, vs, approx,
 * cf, fig, after dotted abbreviations (e.g., i.e.), after "no." before a
 * number, nor after "etc." unless a capital letter follows.
 *
 * Words are runs of letters and digits, joined by ' ’ or - between them;
 * a number is one word even with a decimal point or thousands separator
 * (2.5, 1,000).  Syllables come from an English spelling heuristic (vowel
 * groups, silent final e, -le, -es, -ed, y as a vowel, split vowel pairs
 * such as the ia of "radiation", a few irregular words); a word joined by
 * hyphens counts each part; capital abbreviations without a vowel (CT,
 * PRRT) are spelled out, one syllable a letter; a number counts one
 * syllable for each digit group, which is how GNU style counts them too.
 *
 * Figures, per document and per section (a section starts at each
 * level-2 heading; prose before the first one is a section titled by the
 * document):
 *   FKGL  Flesch-Kincaid grade   0.39 words/sentence + 11.8 syllables/word
 *                                - 15.59
 *   FRE   Flesch reading ease    206.835 - 1.015 words/sentence
 *                                - 84.6 syllables/word
 *   SMOG                         1.0430 sqrt(polysyllables * 30 / sentences)
 *                                + 3.1291
 * where a polysyllable has three or more syllables.  With no sentences
 * the figures are 0 in struct read_stats and null in JSON.
 *
 * JSON (readability_json), numbers with two decimals, strings in UTF-8
 * with ", \ and control characters escaped:
 *
 *   {"generator": "leafpress",
 *    "documents": [
 *     {"file": "content/therapies/tace.md", "title": "...",
 *      "words": 812, "sentences": 71, "syllables": 1154,
 *      "polysyllables": 83, "fkgl": 6.12, "fre": 69.40, "smog": 8.90,
 *      "mean_sentence_words": 11.44, "longest_sentence_words": 27,
 *      "long_sentences": [{"line": 40, "words": 27, "text": "..."}],
 *      "sections": [{"title": "...", "line": 19, "words": 30,
 *                    "sentences": 2, "syllables": 41, "polysyllables": 3,
 *                    "fkgl": 5.03, "fre": 76.20, "smog": 7.98,
 *                    "mean_sentence_words": 15.00,
 *                    "longest_sentence_words": 21}]}]}
 *
 * "long_sentences" lists, in document order, the sentences with more
 * words than the limit; "line" is the file line where each starts.
 */
#ifndef BUILDER_READABILITY_H
#define BUILDER_READABILITY_H

#include <stddef.h>
#include <stdio.h>

struct node;
struct read_report;

/* The figures of a document or of one section. */
struct read_stats {
	const char	*title;		/* section title, or the document's */
	int		 line;		/* heading line; for the document and
					   the part before the first heading,
					   the first paragraph's line */
	int		 words;
	int		 sentences;
	int		 syllables;
	int		 polysyllables;	/* words of 3 or more syllables */
	int		 longest;	/* words in the longest sentence */
	double		 mean;		/* words per sentence */
	double		 fkgl;		/* Flesch-Kincaid grade */
	double		 fre;		/* Flesch reading ease */
	double		 smog;
};

/* One sentence, as counted. */
struct read_sentence {
	const char	*text;		/* white space collapsed, UTF-8 */
	int		 line;		/* file line where it starts */
	int		 col;		/* column there; markup is estimated
					   from the usual Markdown spelling */
	int		 words;
	int		 syllables;
	int		 section;	/* index for readability_section */
};

/* Limits for readability_check; a limit of 0 or less is not checked. */
struct read_limits {
	double		 max_fkgl;
	double		 max_smog;
	int		 max_sentence_words;
	int		 as_errors;	/* report as errors, not warnings */
};

/* Sentence limit readability_json uses when given no limits. */
#define READ_DEFAULT_SENTENCE_WORDS	25

/*
 * Measure doc (a NODE_DOCUMENT).  file and title are copied; title names
 * the part before the first level-2 heading.  Caller frees with
 * readability_free.  Never fails.
 */
struct read_report *readability_analyse(const struct node *doc,
		    const char *file, const char *title);
void		 readability_free(struct read_report *);

/* Whole-document figures; valid until readability_free. */
const struct read_stats *readability_total(const struct read_report *);
int		 readability_nsections(const struct read_report *);
const struct read_stats *readability_section(const struct read_report *,
		    int);
int		 readability_nsentences(const struct read_report *);
const struct read_sentence *readability_sentence(const struct read_report *,
		    int);

/*
 * Report through diag, at file:line:col, every sentence longer than the
 * limit, and at line 1 a Flesch-Kincaid grade or SMOG above its limit,
 * naming the hardest section.  Warnings, or errors with as_errors.
 * Returns the number of messages.  limits must not be NULL.
 */
int		 readability_check(const struct read_report *,
		    const struct read_limits *);

/* Write one JSON document (schema above) for n reports to fp.  limits
 * gives the sentence limit of "long_sentences" (NULL: the default). */
void		 readability_json(const struct read_report *const *reports,
		    int n, const struct read_limits *limits, FILE *fp);

/*
 * The counted prose as plain text, one sentence a line, for comparing the
 * figures with other tools (tests/readability-compare.sh runs GNU style
 * on it): typographic quotes, dashes and ellipses become ASCII, accented
 * Latin letters lose their accents, and a sentence without final
 * punctuation (. ! ? ellipsis, colon) gets a full stop, which other tools
 * need to see a sentence.
 */
void		 readability_text(const struct read_report *, FILE *fp);

/* Syllables in one word (UTF-8, len bytes) by the heuristic above. */
int		 readability_syllables(const char *word, size_t len);

#endif
