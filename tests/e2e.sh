# Sourced by run.sh.  Builds the shipped content and checks the PDFs the
# way readers and printers will see them.
e2e_out="$tmp/e2e"
mkdir -p "$e2e_out"
SOURCE_DATE_EPOCH=1796083200 "$BIN" build -q --out "$e2e_out" \
	>"$tmp/e2e.stdout" 2>"$tmp/e2e.stderr"
rc=$?
if [ "$rc" -eq 0 ]; then pass; else
	fail "build of the shipped content exited $rc"
	sed 's/^/    /' "$tmp/e2e.stderr" | head -n 20
fi
if grep -q ': error:' "$tmp/e2e.stderr"; then
	fail "the shipped content has errors"
else
	pass
fi

# normalise extracted text: one line, single spaces, plain apostrophes
norm() {
	tr '\n\f' '  ' | sed "s/’/'/g; s/[“”]/\"/g; s/  */ /g"
}

for md in content/therapies/*.md; do
	slug=$(basename "$md" .md)
	pdf="$e2e_out/handouts/$slug.pdf"
	if [ ! -f "$pdf" ]; then
		fail "$slug: no PDF written"
		continue
	fi
	pass
	# structure: qpdf finds no problem
	if qpdf --check "$pdf" >"$tmp/qpdf.out" 2>&1 &&
	    grep -q 'No syntax or stream encoding errors' "$tmp/qpdf.out"; then
		pass
	else
		fail "$slug: qpdf --check"; sed 's/^/    /' "$tmp/qpdf.out" | head
	fi
	# readers print no warnings
	pdfinfo "$pdf" >"$tmp/info.out" 2>"$tmp/info.err"
	pdftotext -enc UTF-8 "$pdf" "$tmp/text.txt" 2>"$tmp/text.err"
	if [ -s "$tmp/info.err" ] || [ -s "$tmp/text.err" ]; then
		fail "$slug: poppler warnings"
		cat "$tmp/info.err" "$tmp/text.err" | sed 's/^/    /' | head
	else
		pass
	fi
	if command -v mutool >/dev/null 2>&1; then
		mutool draw -q -o /dev/null -F txt "$pdf" 2>&1 >/dev/null |
		    grep -v "ICC support is not available" >"$tmp/mu.err"
		if [ -s "$tmp/mu.err" ]; then
			fail "$slug: mutool warnings"; sed 's/^/    /' "$tmp/mu.err" | head
		else
			pass
		fi
	fi
	# every font embedded, subset, with a Unicode map
	pdffonts "$pdf" | tail -n +3 >"$tmp/fonts.out"
	if [ -s "$tmp/fonts.out" ] && ! awk '{ if ($(NF-4) != "yes" || $(NF-2) != "yes") bad=1 } END { exit !bad }' "$tmp/fonts.out"; then
		pass
	else
		fail "$slug: a font is not embedded or has no ToUnicode map"
		sed 's/^/    /' "$tmp/fonts.out"
	fi
	# the text round-trips: title, every heading, the footer and the mark
	norm <"$tmp/text.txt" >"$tmp/text.norm"
	title=$(sed -n 's/^title: *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1/p' "$md" | head -n 1)
	missing=
	for want in "$title" "Page 1 of" "DRAFT" "Sources of information" \
	    "About this leaflet"; do
		grep -qF -- "$want" "$tmp/text.norm" || missing="$missing [$want]"
	done
	# headings of the handout: text marked for the booklet only is not in it
	awk '/^<!-- only: booklet -->$/ { skip = 1 } !skip { print }
	    /^<!-- end only -->$/ { skip = 0 }' "$md" | grep '^##* ' |
	    sed 's/^##* *//' | sed "s/’/'/g" >"$tmp/heads"
	while IFS= read -r h; do
		h=$(printf '%s' "$h" | sed 's/\*//g; s/`//g')
		grep -qF -- "$h" "$tmp/text.norm" || missing="$missing [$h]"
	done <"$tmp/heads"
	if [ -z "$missing" ]; then pass; else
		fail "$slug: text not found in the PDF:$missing"
	fi
	# tagged for screen readers: every heading is an H element whose
	# text is the heading, no content is left untagged
	pdfinfo -struct-text "$pdf" >"$tmp/struct.out" 2>"$tmp/struct.err"
	missing=
	grep -q '^Tagged: *yes' "$tmp/info.out" || missing="$missing [not tagged]"
	[ -s "$tmp/struct.err" ] && missing="$missing [struct warnings]"
	while IFS= read -r h; do
		h=$(printf '%s' "$h" | sed 's/\*//g; s/`//g')
		grep -A1 -E '^ *H[1-4] ' "$tmp/struct.out" | sed "s/’/'/g" |
		    grep -qF -- "\"$h\"" || missing="$missing [H: $h]"
	done <"$tmp/heads"
	if [ -z "$missing" ]; then pass; else
		fail "$slug: structure tree:$missing"
	fi
	# the stamp of the footer is in the metadata too; the footer says
	# the date in words
	id=$(sed -n 's/^id: *//p' "$md" | head -n 1)
	due=$(sed -n 's/^review_due: *//p' "$md" | head -n 1)
	due_words=$(LC_ALL=C date -u -d "$due" '+%-d %B %Y')
	pdfinfo -custom "$pdf" >"$tmp/custom.out" 2>/dev/null
	if grep -q "^LeafletID: *$id\$" "$tmp/custom.out" &&
	    grep -q "^NextReview: *$due\$" "$tmp/custom.out" &&
	    grep -qF "Next review $due_words" "$tmp/text.norm"; then
		pass
	else
		fail "$slug: id/review date missing from metadata or footer"
	fi
	# page count: as many pages as the footer says
	pages=$(sed -n 's/^Pages: *//p' "$tmp/info.out")
	if grep -qF "Page $pages of $pages" "$tmp/text.norm" &&
	    ! grep -qF "Page $((pages + 1)) of" "$tmp/text.norm"; then
		pass
	else
		fail "$slug: footer page numbers do not match $pages pages"
	fi
done

# reproducible: a second build is byte-identical
mkdir -p "$tmp/e2e2"
SOURCE_DATE_EPOCH=1796083200 "$BIN" build -q --out "$tmp/e2e2" >/dev/null 2>&1
if diff -r "$e2e_out/handouts" "$tmp/e2e2/handouts" >/dev/null 2>&1; then
	pass
else
	fail "two builds with the same SOURCE_DATE_EPOCH differ"
fi

# --- the booklet and its print edition ---
bk="$e2e_out/booklet.pdf"
bp="$e2e_out/booklet-print.pdf"
if [ -f "$bk" ] && [ -f "$bp" ]; then pass; else fail "booklet or print edition missing"; fi
for pdf in "$bk" "$bp"; do
	[ -f "$pdf" ] || continue
	if qpdf --check "$pdf" 2>&1 | grep -q 'No syntax or stream encoding errors'; then
		pass
	else
		fail "$pdf: qpdf --check"
	fi
done
# every internal link (contents, citations, glossary terms and their
# page back-links) leads to the page and place its text names
for pdf in "$bk" "$e2e_out"/handouts/*.pdf; do
	[ -f "$pdf" ] || continue
	if python3 tests/linkcheck.py "$pdf" >"$tmp/links.out" 2>&1; then
		pass
	else
		fail "$pdf: links"; sed 's/^/    /' "$tmp/links.out" | tail -n 12
	fi
done
if [ -f "$bk" ]; then
	# contents: one line per chapter of site.yaml, numbers ascending, and
	# each number is the page (read from its own footer) where that
	# chapter's title stands at the top
	: >"$tmp/toc.nums"
	intoc=0
	for p in 1 2 3 4 5 6 7 8; do
		pdftotext -f $p -l $p -layout "$bk" - >"$tmp/page.txt" 2>/dev/null
		grep -q '^ *Contents *$' "$tmp/page.txt" && intoc=1
		[ $intoc = 1 ] || continue
		grep -E '\.[ .]*[0-9]+ *$' "$tmp/page.txt" >"$tmp/toc.lines" || break
		sed 's/.* \([0-9][0-9]*\) *$/\1/' "$tmp/toc.lines" >>"$tmp/toc.nums"
	done
	nchap=$(sed -n 's/^    - \(chapters\|therapies\)\//&/p' content/site.yaml | wc -l)
	if [ "$(wc -l <"$tmp/toc.nums")" -ge "$nchap" ] && sort -n -c "$tmp/toc.nums" 2>/dev/null; then
		pass
	else
		fail "booklet contents: expected $nchap ascending entries"
		sed 's/^/    /' "$tmp/toc.nums" | head
	fi
	pages=$(pdfinfo "$bk" | sed -n 's/^Pages: *//p')
	sheets=$(pdfinfo "$bp" | sed -n 's/^Pages: *//p')
	if [ "$sheets" -eq $(( (pages + 3) / 4 * 2 )) ]; then pass; else
		fail "print edition has $sheets sheet sides for $pages pages"
	fi
	# every page of a draft chapter is marked, the one inside the cover
	# (front matter, no running heads) too
	if pdftotext -f 2 -l 2 "$bk" - | grep -q "DRAFT"; then pass; else
		fail "booklet: the draft chapter inside the cover is not marked"
	fi
	# a draft booklet says so on every page: cover, contents, blank
	# pages, references, glossary and the back page included
	unmarked=
	p=1
	while [ "$p" -le "$pages" ]; do
		pdftotext -f "$p" -l "$p" "$bk" - | grep -q "DRAFT" ||
			unmarked="$unmarked $p"
		p=$((p + 1))
	done
	if [ -z "$unmarked" ]; then pass; else
		fail "booklet: pages without the draft notice:$unmarked"
	fi
	# the first sheet side carries the back page (left) and cover (right)
	title=$(sed -n 's/^  title: *"\(.*\)"/\1/p' content/site.yaml | head -n 1)
	first=$(echo "$title" | cut -d' ' -f1)
	if pdftotext -f 1 -l 1 -layout "$bp" - | grep -q "$first"; then pass; else
		fail "print edition: the cover is not on the first sheet"
	fi
	# text for one output only (<!-- only: ... -->): the handout points
	# to the other leaflets, the booklet to its chapters, and the booklet
	# never speaks of "this leaflet"
	pdftotext "$bk" - | norm >"$tmp/bk.norm"
	pdftotext "$e2e_out/handouts/tae.pdf" - | norm >"$tmp/tae.norm"
	if grep -qF "There is a separate leaflet for each liver treatment" \
	    "$tmp/tae.norm" &&
	    ! grep -qF "Each has its own chapter in this booklet" \
	    "$tmp/tae.norm" &&
	    grep -qF "Each has its own chapter in this booklet" "$tmp/bk.norm" &&
	    ! grep -qiF "leaflet" "$tmp/bk.norm"; then
		pass
	else
		fail "handout-only and booklet-only text in the wrong output"
	fi
fi

# --- readability: the JSON report has the documented schema, every
# shipped handout meets the limits, and our figures agree with GNU style ---
"$BIN" check -q --report "$tmp/report.json" >/dev/null 2>&1
if python3 - "$tmp/report.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["generator"] == "leafpress"
keys = {"file", "title", "words", "sentences", "syllables", "polysyllables",
        "fkgl", "fre", "smog", "mean_sentence_words",
        "longest_sentence_words", "long_sentences", "sections"}
docs = d["documents"]
assert len(docs) >= 8
for doc in docs:
    assert keys <= set(doc), doc["file"]
    for s in doc["sections"]:
        assert {"title", "line", "words", "fkgl", "smog"} <= set(s)
    if "/therapies/" in doc["file"]:
        assert doc["fkgl"] <= 8 and doc["smog"] <= 10, doc["file"]
        assert doc["longest_sentence_words"] <= 25, doc["file"]
PY
then pass; else fail "readability report"; fi
if command -v style >/dev/null 2>&1; then
	if sh tests/readability-compare.sh >"$tmp/style.out" 2>&1; then pass; else
		fail "readability differs from GNU style"; tail -n 12 "$tmp/style.out"
	fi
fi

# --- a clinic's own set: its details on its handouts ---
clin="$tmp/clinic-content"
mkdir -p "$clin/clinics"
cp -r content/therapies content/chapters content/*.yaml content/*.md "$clin/"
# ...with a logo on the booklet's cover
mkdir -p "$clin/images"
cp tests/cases/content/images/palette.png "$clin/images/logo.png"
sed -i 's|^  logo: ""|  logo: "images/logo.png"|' "$clin/site.yaml"
cat >"$clin/clinics/northside.yaml" <<'YAML'
publisher:
  name: "Northside NET Clinic"
  phone: "0100 555 0199"
YAML
if "$BIN" build -q --content "$clin" --out "$tmp/clinic-out" >/dev/null 2>&1 &&
    pdftotext "$tmp/clinic-out/northside/handouts/tace.pdf" - |
    grep -q "0100 555 0199" &&
    ! pdftotext "$tmp/clinic-out/handouts/tace.pdf" - | grep -q "0100 555 0199"; then
	pass
else
	fail "clinic set: northside handouts missing or without the clinic's phone"
fi
if [ "$(pdfimages -list -f 1 -l 1 "$tmp/clinic-out/booklet.pdf" 2>/dev/null |
    awk '$3 == "image"' | wc -l)" -eq 1 ]; then
	pass
else
	fail "the publisher's logo is not on the booklet's cover"
fi

# --- layout option: link addresses as numbered notes instead of inline ---
printf 'inherits: handout-a4\nlinks:\n  style: footnote\n' >"$tmp/notes.yaml"
if "$BIN" build -q --content tests/cases/content --out "$tmp/notes-out" \
    --layout "$tmp/notes.yaml" tests/cases/ok-basic.md >/dev/null 2>&1 &&
    pdftotext "$tmp/notes-out/notes/ok-basic.pdf" - >"$tmp/notes.txt" &&
    grep -q "^Web addresses" "$tmp/notes.txt" &&
    grep -q "^1. https://example.org/page" "$tmp/notes.txt" &&
    ! grep -q "(https://example.org/page)" "$tmp/notes.txt" &&
    python3 tests/linkcheck.py "$tmp/notes-out/notes/ok-basic.pdf" >/dev/null; then
	pass
else
	fail "link_style footnote: addresses not listed as notes"
fi

# --- layout option: hyphenation (off by default) breaks long words ---
printf 'inherits: handout-a4\nprofile: none\ntext:\n  hyphenate: true\n  justify: true\n' >"$tmp/hy.yaml"
# (pdftotext joins hyphenated words again, so read the page model)
if "$BIN" build -q --dump --out "$tmp/hy-out" --layout "$tmp/hy.yaml" tace \
    >"$tmp/hy.dump" 2>"$tmp/hy.err" &&
    grep -qE '^text .* "[a-z]+-"' "$tmp/hy.dump"; then
	pass
else
	fail "hyphenate: true produced no hyphenated line"; head -5 "$tmp/hy.err"
fi
"$BIN" build -q --dump --out "$tmp/nohy-out" tace >"$tmp/nohy.dump" 2>/dev/null
if grep -qE '^text .* "[a-z]+-"' "$tmp/nohy.dump"; then
	fail "hyphenation is on in the default layout"
else
	pass
fi

# The review marks of the draft content, from the page model: on every
# page of every handout layout and of the booklet (cover, contents,
# back matter and blank pages too) the notice stands at least 8 mm
# inside the top edge, as large as the body text, overlapping nothing,
# and the diagonal mark is drawn last, multiplied (tests/markcheck.py).
for spec in handout-a4:12 handout-letter:12 large-print-a4:18; do
	lay=${spec%:*}
	SOURCE_DATE_EPOCH=1796083200 "$BIN" check -q --layout "$lay" --dump \
	    >"$tmp/marks.dump" 2>/dev/null
	if python3 tests/markcheck.py --every-page --min-size "${spec#*:}" \
	    "$tmp/marks.dump" >"$tmp/marks.out" 2>&1; then pass; else
		fail "marks: $lay"
		sed 's/^/    /' "$tmp/marks.out" | head
	fi
done
SOURCE_DATE_EPOCH=1796083200 "$BIN" check -q --only booklet --dump \
    >"$tmp/marks.dump" 2>/dev/null
if python3 tests/markcheck.py --every-page --min-size 12 "$tmp/marks.dump" \
    >"$tmp/marks.out" 2>&1 && [ "$(grep -c '^page' "$tmp/marks.dump")" -gt 50 ]
then pass; else
	fail "marks: the booklet"
	sed 's/^/    /' "$tmp/marks.out" | head
fi
# the mark over an opaque picture: drawn after it
if python3 tests/markcheck.py tests/cases/mark-over-image.dump >"$tmp/marks.out" &&
    awk '/^image /{img=NR} /^path .* Mark .*multiply/{m=NR} END{exit !(img && m > img)}' \
    tests/cases/mark-over-image.dump; then pass; else
	fail "marks: the diagonal mark is not drawn over the picture"
	sed 's/^/    /' "$tmp/marks.out" | head
fi
