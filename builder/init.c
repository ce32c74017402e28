/*
 * init: write a starter content folder.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "build.h"
#include "init.h"
#include "outfile.h"
#include "xalloc.h"

static const char site_yaml[] =
"# site.yaml: the settings for this publication.\n"
"#\n"
"# Every value in [square brackets] is a placeholder: replace it with your\n"
"# own details, keeping the double quotes.  The build prints these details\n"
"# wherever a leaflet says, for example, {{publisher.phone}}.\n"
"\n"
"publisher:\n"
"  # Your organisation's name, as patients know it.\n"
"  name: \"[Your organisation name]\"\n"
"  # A logo image relative to this folder (e.g. \"images/logo.png\"), or \"\".\n"
"  logo: \"\"\n"
"  phone: \"[Clinic phone number]\"\n"
"  hours: \"[Opening hours, for example Monday to Friday, 9am to 5pm]\"\n"
"  urgent: \"[Urgent and out-of-hours contact]\"\n"
"  address: \"[Clinic postal address]\"\n"
"  website: \"[Your website address]\"\n"
"  email: \"[Contact email address]\"\n"
"  feedback: \"[How to give feedback]\"\n"
"\n"
"# The combined booklet: its title and the leaflets in it, in order.\n"
"booklet:\n"
"  title: \"[Booklet title]\"\n"
"  subtitle: \"[A guide for patients and families]\"\n"
"  edition: \"Draft 0.1\"\n"
"  layout: booklet-a5\n"
"  chapters:\n"
"    - therapies/example\n"
"\n"
"lang: en-GB\n"
"\n"
"# Every handout is built in each of these layouts (leafpress\n"
"# --list-layouts shows them all).\n"
"layouts: [handout-a4, large-print-a4]\n";

static const char example_md[] =
"---\n"
"id: EXAMPLE\n"
"title: \"[Name of the treatment]\"\n"
"short_title: \"[Short name]\"\n"
"slug: example\n"
"summary: \"[One sentence on what this leaflet is about.]\"\n"
"version: \"0.1\"\n"
"published: %s\n"
"reviewed: %s\n"
"review_due: %s\n"
"owner: \"[Who looks after this leaflet]\"\n"
"approved_by: \"\"\n"
"approved_on: \"\"\n"
"status: draft\n"
"lang: en-GB\n"
"keywords: [example]\n"
"---\n"
"\n"
"This leaflet is a starting point. Replace each part in square brackets\n"
"with your own words. Keep sentences short and plain.\n"
"\n"
"## What is [the treatment]?\n"
"\n"
"[Say what the treatment is in one or two sentences.]\n"
"\n"
"## What happens on the day?\n"
"\n"
"- [The first step.]\n"
"- [The next step.]\n"
"\n"
"> [!IMPORTANT]\n"
"> If you have questions, call us on {{publisher.phone}}.\n"
"\n"
"## Where to find out more\n"
"\n"
"[Add the facts with their sources. Put each source in references.yaml\n"
"and cite it by its id.]\n";

static const char references_yaml[] =
"# references.yaml: the works cited, in CSL-YAML (the format pandoc reads\n"
"# and Zotero exports).  Cite one in a leaflet as [@id].  An entry:\n"
"#\n"
"#   - id: author2024\n"
"#     type: article-journal\n"
"#     author:\n"
"#       - family: Author\n"
"#         given: A. B.\n"
"#     title: \"The title of the article\"\n"
"#     container-title: The Journal\n"
"#     issued:\n"
"#       date-parts: [[2024]]\n"
"#     DOI: 10.xxxx/xxxx\n"
"references: []\n";

static const char glossary_yaml[] =
"# glossary.yaml: words a reader may not know, with plain definitions.\n"
"# Each entry has a term and a definition, and may add an abbr (e.g. TAE)\n"
"# and aliases (other spellings, plurals).  An entry:\n"
"#\n"
"#   - term: Catheter\n"
"#     definition: \"A thin, flexible tube.\"\n"
"[]\n";

static const char disclaimer_md[] =
"---\n"
"id: DISCLAIMER\n"
"title: \"About this leaflet\"\n"
"slug: disclaimer\n"
"version: \"0.1\"\n"
"published: %s\n"
"review_due: %s\n"
"owner: \"[Who looks after this leaflet]\"\n"
"status: draft\n"
"---\n"
"\n"
"This leaflet is general information. Your own care team knows your case\n"
"and can give you advice.\n";

static int
write_text(const char *dir, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	int rc = outfile_write(path, text, strlen(text));

	free(path);
	return rc;
}

/* 1 if dir exists and holds something. */
static int
not_empty(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int found = 0;

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			found = 1;
	closedir(d);
	return found;
}

int
init_content(const char *dir)
{
	char today[16], due[48], *md, *disc, *sub;
	time_t now = time(NULL);
	struct tm tm;
	int rc = 0;

	if (not_empty(dir)) {
		fprintf(stderr, "leafpress: '%s' already exists and is not "
		    "empty: give a new folder name\n", dir);
		return EXIT_USAGE;
	}
	gmtime_r(&now, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	/* due for review in two years (the longest allowed is three) */
	if (tm.tm_mon == 1 && tm.tm_mday == 29)
		tm.tm_mday = 28;
	snprintf(due, sizeof(due), "%04d-%02d-%02d", tm.tm_year + 1900 + 2,
	    tm.tm_mon + 1, tm.tm_mday);
	md = xasprintf(example_md, today, today, due);
	disc = xasprintf(disclaimer_md, today, due);
	sub = xasprintf("%s/therapies", dir);
	if (outfile_mkdirs(sub) != 0)
		rc = EXIT_SYSTEM;
	free(sub);
	if (rc == 0 && (write_text(dir, "site.yaml", site_yaml) != 0 ||
	    write_text(dir, "therapies/example.md", md) != 0 ||
	    write_text(dir, "references.yaml", references_yaml) != 0 ||
	    write_text(dir, "glossary.yaml", glossary_yaml) != 0 ||
	    write_text(dir, "disclaimer.md", disc) != 0))
		rc = EXIT_SYSTEM;
	free(md);
	free(disc);
	if (rc == 0)
		printf("leafpress: wrote a new content folder in %s/\n"
		    "  %s/site.yaml             your details (replace the "
		    "[bracketed] values)\n"
		    "  %s/therapies/example.md  an example leaflet\n"
		    "build it with:\n"
		    "  leafpress build --content %s --out %s-output\n",
		    dir, dir, dir, dir, dir);
	return rc;
}
