#!/bin/sh
# Compare leafpress's readability figures with GNU style (package diction)
# on the same prose: for each content/therapies/*.md, build/t_readability
# writes the counted sentences as plain text, one a line, and its own
# figures; style reads the text.  Prints a table; exits 1 if a grade is
# further from style's than the tolerance below, 2 if it cannot run.
#
#   sh tests/readability-compare.sh [file.md ...]
#
# Why the tolerance is wide.  Words and sentences agree closely (style sees
# our sentences, one a line; it differs only on rare "e.g."-style words),
# so the gap is the syllable count.  style counts vowel-consonant pairs of
# lower-case letters: it misses a final vowel ("radio"), a split vowel pair
# ("radiation"), a capital first vowel ("Embolisation") and reads every
# abbreviation as one syllable ("PRRT").  Checked word by word against the
# CMU Pronouncing Dictionary on the words of content/, ours agrees on 98% of
# the distinct words (99% of running words, mean error -0.003 syllables a
# word), style's on 83% (90%, -0.084 a word in lower case alone, more with
# capitals).  Counting the handouts' syllables with that dictionary (ours
# only for the words it lacks) gives FKGL and SMOG within 0.05 of ours,
# while style's FKGL is 1.2-2.5 grades lower and its SMOG, put into the
# same formula as ours, 0.9-1.5 lower.
# So a grade may differ from style's by up to FKGL_TOL / SMOG_TOL, set
# with some margin above what was measured; a broken splitter or counter
# moves the grades by more.  The mean sentence length, which both tools
# should agree on, may differ by at most WPS_TOL percent, and our syllables
# per word may not be below style's (its count is the lower one).
#
# style's SMOG is sqrt(30 * polysyllables / sentences) + 3, ours the
# published 1.0430 sqrt(...) + 3.1291; the table converts style's figure
# to ours before comparing (column smog*).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
BUILD=${BUILD:-build}
FKGL_TOL=${FKGL_TOL:-3.0}
SMOG_TOL=${SMOG_TOL:-2.0}
WPS_TOL=${WPS_TOL:-10}
prog="$BUILD/t_readability"

if ! command -v style >/dev/null 2>&1; then
	echo "readability-compare: GNU style is missing: apt-get install diction" >&2
	exit 2
fi
if ! make -s "$prog" BUILD="$BUILD" >/dev/null; then
	echo "readability-compare: cannot build $prog" >&2
	exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

[ $# -gt 0 ] || set -- content/therapies/*.md
bad=0
n=0
printf '%-24s %6s %6s %6s %6s %6s %6s %5s %5s %6s %6s\n' file \
	fkgl style smog smog\* words style sent style syl/w style
for f in "$@"; do
	name=$(basename "$f")
	if ! ours=$("$prog" --stats "$f") ||
	    ! "$prog" --text "$f" >"$tmp/text"; then
		echo "readability-compare: $f: cannot be read" >&2
		bad=$((bad + 1))
		continue
	fi
	# style reads LC_MESSAGES itself to choose the language
	env LC_ALL=C LC_CTYPE=C LC_MESSAGES=C style -L en "$tmp/text" \
	    >"$tmp/style" 2>&1
	theirs=$(awk '
		/Kincaid:/ { k = $2 }
		/SMOG-Grading:/ { s = $2 }
		/ words, average length/ { w = $1; y = $(NF - 1) }
		/ sentences, average length/ { n = $1 }
		END { if (k != "" && s != "" && w != "" && n != "")
			print w, n, k, s, y }' "$tmp/style")
	if [ -z "$theirs" ]; then
		echo "readability-compare: $f: no figures from style:" >&2
		sed 's/^/    /' "$tmp/style" >&2
		bad=$((bad + 1))
		continue
	fi
	n=$((n + 1))
	# ours: words sentences syllables polysyllables fkgl smog
	# style: words sentences kincaid smog syllables-per-word
	if ! echo "$name $ours $theirs" | awk -v ft="$FKGL_TOL" \
	    -v st="$SMOG_TOL" -v wt="$WPS_TOL" '
		function abs(x) { return x < 0 ? -x : x }
		{
			w = $2; s = $3; y = $4; fk = $6; sm = $7
			sw = $8; ss = $9; sfk = $10; ssm = $11; sy = $12
			ssm2 = 1.0430 * (ssm - 3) + 3.1291
			spw = y / w
			printf "%-24s %6.2f %6.1f %6.2f %6.2f %6d %6d %5d %5d " \
			    "%6.3f %6.2f\n", $1, fk, sfk, sm, ssm2, w, sw, s,
			    ss, spw, sy
			ok = 1
			if (abs(fk - sfk) > ft) {
				printf "  FKGL differs by %.2f (tolerance %s)\n",
				    abs(fk - sfk), ft
				ok = 0
			}
			if (abs(sm - ssm2) > st) {
				printf "  SMOG differs by %.2f (tolerance %s)\n",
				    abs(sm - ssm2), st
				ok = 0
			}
			d = 100 * abs(w / s - sw / ss) / (sw / ss)
			if (d > wt) {
				printf "  words per sentence differ by %.1f%% " \
				    "(tolerance %s%%)\n", d, wt
				ok = 0
			}
			if (spw + 0.005 < sy) {
				printf "  %.3f syllables a word, fewer than " \
				    "style'"'"'s %.2f\n", spw, sy
				ok = 0
			}
			exit !ok
		}'; then
		bad=$((bad + 1))
	fi
done
if [ "$bad" -ne 0 ]; then
	echo "readability-compare: $bad of $# files outside the tolerance"
	exit 1
fi
echo "readability-compare: $n files within the tolerance"
