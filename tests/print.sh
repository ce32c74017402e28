# Sourced by run.sh.  Print quality as a reader and a print shop see it,
# read from the page model (--dump) by printcheck.py: no last page holding
# only the contact box, no big gap at a page foot, no table part of one
# row, no number phrase or web address scheme broken across lines, no
# empty booklet page; callout kinds told apart in grey.  Runs alone too:
# sh tests/print.sh
. "$(dirname "$0")/harness.sh"
pc_out="$tmp/print"
for part in handouts large-print booklet; do
	SOURCE_DATE_EPOCH=1796083200 "$BIN" build -q -j 1 --dump \
	    --only "$part" --out "$pc_out" >"$tmp/print-$part.dump" \
	    2>"$tmp/print-$part.err"
	case $part in
	booklet) kind=booklet checks=table,blank,number,scheme,quotes,lone,wordbreak ;;
	*) kind=handouts checks=lonely,gap,table,number,scheme,lone,wordbreak ;;
	esac
	if python3 tests/printcheck.py --only "$checks" "$kind" \
	    "$tmp/print-$part.dump" >"$tmp/print.out" 2>&1 &&
	    grep -q ' 0 faults$' "$tmp/print.out"; then
		pass
	else
		fail "print quality of $part ($checks)"
		sed 's/^/    /' "$tmp/print.out" | head -n 20
	fi
done
# a table too wide for large print, with a web address column: its
# words break with a hyphen, never bare ("Hospita|l")
wt="$tmp/wide"
mkdir -p "$wt"
{
	sed -n '1,/^status:/p' tests/cases/approved.md |
	    sed 's/^status: approved/status: draft/; /^approved_/d'
	printf -- 'lang: en-GB\n---\n\n| Trial | Hospital | Treatment | Link |\n|---|---|---|---|\n'
	printf -- '| LUTIA | Hospital Universitario | Treatment with radioembolisation | https://clinicaltrials.gov/study/NCT03590119?term=lutia |\n'
	printf -- '| HOPE4LIVER | Hospital Clinic Barcelona | Treatment with histotripsy | https://www.clinicaltrials.gov/study/NCT04573881 |\n'
} >"$wt/wide.md"
"$BIN" build -q --date 2026-12-01 --dump --layout large-print-a4 \
    -o "$wt/wide.pdf" "$wt/wide.md" >"$wt/wide.dump" 2>/dev/null
if [ -s "$wt/wide.dump" ] && python3 tests/printcheck.py --only wordbreak \
    handouts "$wt/wide.dump" >"$tmp/print.out" 2>&1; then
	pass
else
	fail "a wide table breaks words without a hyphen"
	sed 's/^/    /' "$tmp/print.out" | head -n 5
fi

# a table row taller than a page (5,000 characters in one cell) splits
# across pages between its lines: every word of the cell is in the PDF,
# the header repeats above the rest, and the split row is still one TR
# of two TDs, which the accessibility checker accepts
tt="$tmp/tall-row"
rm -rf "$tt"
if SOURCE_DATE_EPOCH=1796083200 "$BIN" build -q --content tests/cases/content \
    --out "$tt" --date 2026-11-27 tests/cases/table-tall-row.md \
    >/dev/null 2>&1 && [ -f "$tt/handouts/table-tall-row.pdf" ]; then
	grep -o 'word[0-9][0-9]*' tests/cases/table-tall-row.md | sort -u \
	    >"$tt/want"
	pdftotext "$tt/handouts/table-tall-row.pdf" - 2>/dev/null |
	    grep -o 'word[0-9][0-9]*' | sort -u >"$tt/got"
	if [ "$(wc -l <"$tt/want")" -gt 500 ] &&
	    cmp -s "$tt/want" "$tt/got"; then
		pass
	else
		fail "a tall table row: $(comm -23 "$tt/want" "$tt/got" |
		    wc -l) of $(wc -l <"$tt/want") words of its cell lost"
	fi
	# pages 2 and 3 carry the row's rest under the repeated header
	if [ "$(pdftotext -f 2 -l 3 "$tt/handouts/table-tall-row.pdf" - |
	    grep -c '^Question Answer$')" -eq 2 ]; then
		pass
	else
		fail "a tall table row: the header does not repeat above its rest"
	fi
	n=$(pdfinfo -struct-text "$tt/handouts/table-tall-row.pdf" 2>/dev/null |
	    grep -cE '^ +TR$')
	if [ "$n" -eq 5 ] && python3 tests/pdfua.py \
	    "$tt/handouts/table-tall-row.pdf" >"$tt/ua.out" 2>&1; then
		pass
	else
		fail "a tall table row: $n TRs for 5 rows, or the PDF/UA check fails"
		sed 's/^/    /' "$tt/ua.out" | head -n 5
	fi
else
	fail "tests/cases/table-tall-row.md did not build"
fi

# the print edition: every sheet has a TrimBox inside its MediaBox and a
# BleedBox between them (the layout's 3 mm), crop marks, and says how to
# print it
SOURCE_DATE_EPOCH=1796083200 "$BIN" build -q --only print --out "$pc_out" \
    >/dev/null 2>&1
pp="$pc_out/booklet-print.pdf"
n=$(pdfinfo "$pp" 2>/dev/null | awk '/^Pages:/ { print $2 }')
if [ -n "$n" ] && pdfinfo -box -f 1 -l "$n" "$pp" 2>/dev/null | awk '
    $3 == "MediaBox:" { m = $6 } $3 == "BleedBox:" { b++; bx = $4 }
    $3 == "TrimBox:" { t++
	# a bleed of 3 mm (8.50 pt) around a trim inside the media
	if (!(bx > 0 && $4 - bx > 8.4 && $4 - bx < 8.6 && $6 < m)) bad++ }
    END { exit !(t == '"$n"' && b == '"$n"' && !bad) }'; then
	pass
else
	fail "print edition: not every sheet has a TrimBox and a 3 mm BleedBox"
fi
if pdftotext -f 1 -l 1 "$pp" - 2>/dev/null | tr '\n' ' ' |
    grep -q 'Sheet 1 of [0-9]*, front. Print double-sided, flip on the short edge'; then
	pass
else
	fail "print edition: no line on how to print it"
fi

# the booklet ends on a back cover: the last page, a left-hand one (an
# even page count), with the publisher, the edition, the dates in words
# and the code of every chapter, and no page number; in the print
# edition it is the outside back, the left half of the first sheet
bk="$pc_out/booklet.pdf"
n=$(pdfinfo "$bk" 2>/dev/null | awk '/^Pages:/ { print $2 }')
pdftotext -f "${n:-1}" -l "${n:-1}" "$bk" - 2>/dev/null | tr '\n' ' ' |
    sed 's/  */ /g' >"$tmp/back.txt"
missing=
[ -n "$n" ] && [ $((n % 2)) -eq 0 ] || missing="$missing even-page-count"
for want in "$(sed -n 's/^  name: *"\(.*\)"/\1/p' content/site.yaml)" \
    "$(sed -n 's/^  edition: *"\(.*\)"/\1/p' content/site.yaml)" \
    "Contact us" "Chapter codes:"; do
	grep -qF -- "$want" "$tmp/back.txt" || missing="$missing [$want]"
done
grep -qE 'Next review [0-9]{1,2} [A-Z][a-z]+ 20[0-9]{2}' "$tmp/back.txt" ||
	missing="$missing review-date-in-words"
for f in $(sed -n 's/^    - \(chapters\|therapies\)\//\1\//p' content/site.yaml); do
	id=$(sed -n 's/^id: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "content/$f.md")
	grep -qF -- "$id" "$tmp/back.txt" || missing="$missing $id"
done
pdftotext -f "${n:-1}" -l "${n:-1}" "$bk" - 2>/dev/null |
    grep -qx '[0-9][0-9]*' && missing="$missing page-number"
if [ -z "$missing" ]; then pass; else
	fail "booklet back cover:$missing"
fi
# both covers from the page model: the band of the heading colour is
# drawn first (under the text, as the typesetter set it), across the
# whole page, with the title on it and the draft notice above it on
# white paper; and a cover has no running head or page number
if python3 - "$tmp/print-booklet.dump" >"$tmp/covers.out" 2>&1 <<'PY'
import sys
pages, cur = [], None
for line in open(sys.argv[1], encoding="utf-8"):
    w = line.split()
    if w and w[0] == "page":
        cur = {"w": float(w[2].split("x")[0]), "items": []}
        pages.append(cur)
    elif w and w[0] in ("text", "rect", "rule", "image", "link", "anchor",
                        "path") and cur is not None:
        cur["items"].append(w)
    elif pages:
        break           # the booklet's pages end: its outline, its tree
bad = []
for name, pg in (("front", pages[0]), ("back", pages[-1])) if pages else ():
    it = pg["items"]
    band = it[0] if it else ["none"]
    if band[:2] != ["rect", "0.00"] or abs(float(band[3]) - pg["w"]) > 0.01 \
            or band[5] != "Decor" or "fill=" not in band[-1]:
        bad.append(name + ": the band is not the first thing drawn, across "
                   "the page: " + " ".join(band))
        continue
    low, top = float(band[2]), float(band[2]) + float(band[4])
    title = [float(x[2]) for x in it if x[0] == "text" and x[3] == "Title"]
    if not title or not all(low < y < top for y in title):
        bad.append(name + ": the title is not on the band")
    notice = [float(x[2]) for x in it if x[0] == "text" and x[3] == "Mark"]
    if not notice or not all(y > top for y in notice):
        bad.append(name + ": the draft notice is not above the band")
    heads = [" ".join(x) for x in it
             if x[0] == "text" and x[3] in ("Header", "Footer")]
    if heads:
        bad.append(name + ": a running head or page number: " + heads[0])
if not pages:
    bad.append("no pages")
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
then pass; else
	fail "booklet covers in the page model:"
	sed 's/^/    /' "$tmp/covers.out" | head -n 5
fi
w=$(pdfinfo -f 1 -l 1 "$pp" 2>/dev/null |
    awk '/^Page +1 size:/ { print int($4 / 2) }')
if [ -n "$w" ] && pdftotext -f 1 -l 1 -x 0 -y 0 -W "$w" -H 2000 "$pp" - \
    2>/dev/null | grep -q "Chapter codes:" &&
    ! pdftotext -f 1 -l 1 -x "$w" -y 0 -W "$w" -H 2000 "$pp" - \
    2>/dev/null | grep -q "Chapter codes:"; then
	pass
else
	fail "print edition: the back cover is not the outside back of sheet 1"
fi

# the five kinds of callout differ without colour: with a layout giving
# them all the same colours and title, each rendered in grey differs
co="$tmp/callouts"
mkdir -p "$co"
{
	echo "inherits: handout-a4"
	echo "callouts:"
	for k in note tip important warning caution; do
		echo "  $k: { title: Same, border: \"#777777\", background: \"#eeeeee\", title_color: \"#000000\" }"
	done
} >"$co/same.yaml"
for k in NOTE TIP IMPORTANT WARNING CAUTION; do
	{
		sed -n '1,/^status:/p' tests/cases/approved.md |
		    sed 's/^status: approved/status: draft/; /^approved_/d'
		printf -- 'lang: en-GB\n---\n\n> [!%s]\n> Same words.\n' "$k"
	} >"$co/$k.md"
	"$BIN" build -q --date 2026-12-01 --layout "$co/same.yaml" \
	    -o "$co/$k.pdf" "$co/$k.md" \
	    >/dev/null 2>"$co/$k.err"
	# the callout only: below the title and its rule
	pdftoppm -r 40 -gray -f 1 -l 1 -x 0 -y 100 -W 330 -H 80 \
	    "$co/$k.pdf" "$co/$k" 2>/dev/null
done
n=$(cat "$co"/*.pgm 2>/dev/null | wc -c)
u=$(md5sum "$co"/*.pgm 2>/dev/null | cut -d' ' -f1 | sort -u | wc -l)
if [ "$n" -gt 0 ] && [ "$u" -eq 5 ]; then
	pass
else
	fail "callouts: the five kinds are not all different in grey ($u of 5)"
fi
# ...and in the shipped layout each names its kind in a bold title
bad=
for k in Note Tip Important Warning Caution; do
	K=$(echo "$k" | tr '[:lower:]' '[:upper:]')
	"$BIN" build -q --date 2026-12-01 -o "$co/$K-own.pdf" "$co/$K.md" \
	    >/dev/null 2>&1
	mutool draw -q -F stext -o - "$co/$K-own.pdf" 1 2>/dev/null |
	    python3 -c '
import re, sys
runs = []    # [font, text] per run of one font, in mutool'"'"'s order
for line in sys.stdin:
    m = re.search(r"<font name=\"([^\"]*)\"", line)
    if m:
        runs.append([m.group(1), ""])
    m = re.search(r" c=\"([^\"]*)\"", line)
    if m and runs:
        runs[-1][1] += m.group(1)
sys.exit(not any("Bold" in f and t.strip() == sys.argv[1] for f, t in runs))
' "$k" || bad="$bad $k"
done
if [ -z "$bad" ]; then pass; else
	fail "callouts without their kind in a bold title:$bad"
fi
if [ "$alone" = 1 ]; then
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
fi
