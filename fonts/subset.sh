#!/bin/sh
# Regenerate the shipped DejaVu fonts: subsets of the Debian originals
# (packages fonts-dejavu-core and fonts-dejavu-extra) cut down to the
# characters patient handouts use.  Needs python3 with fontTools
# (Debian package python3-fonttools).
#
#   fonts/subset.sh [source-dir]      (default /usr/share/fonts/truetype/dejavu)
set -eu

src=${1:-/usr/share/fonts/truetype/dejavu}
dst=$(cd "$(dirname "$0")" && pwd)

# Basic Latin, Latin-1, Latin Extended-A (includes U+00AD soft hyphen),
# combining diacritics, Greek, general punctuation (includes U+2011
# non-breaking hyphen), super/subscripts, currency, letterlike and number
# forms, arrows, mathematical operators, geometric shapes, star,
# telephone, ballot boxes, warning sign, check and cross marks, the fi/fl
# ligatures and the replacement character.
unicodes="U+0020-007E,U+00A0-017F,U+0300-036F,U+0370-03FF,U+2000-206F"
unicodes="$unicodes,U+2070-209F,U+20A0-20CF,U+2100-215F,U+2190-21FF"
unicodes="$unicodes,U+2200-22FF,U+25A0-25FF,U+2605,U+260E,U+2610-2612"
unicodes="$unicodes,U+26A0,U+2713-2718,U+FB01-FB02,U+FFFD"

# The Debian python3 has fontTools; a python3 earlier in PATH may not.
py=
for p in python3 /usr/bin/python3; do
	if command -v "$p" >/dev/null 2>&1 &&
	    "$p" -c 'import fontTools.subset' 2>/dev/null; then
		py=$p
		break
	fi
done
if [ -z "$py" ]; then
	echo "subset.sh: fontTools is missing:" \
	    "apt-get install python3-fonttools" >&2
	exit 1
fi

for f in DejaVuSans DejaVuSans-Bold DejaVuSans-Oblique \
    DejaVuSans-BoldOblique DejaVuSansMono; do
	if [ ! -r "$src/$f.ttf" ]; then
		echo "subset.sh: $src/$f.ttf is missing:" \
		    "apt-get install fonts-dejavu-core fonts-dejavu-extra" >&2
		exit 1
	fi
	"$py" -m fontTools.subset "$src/$f.ttf" \
	    --unicodes="$unicodes" \
	    --no-hinting --glyph-names=false --notdef-outline \
	    --legacy-kern --drop-tables+=FFTM \
	    --output-file="$dst/$f.ttf"
done
