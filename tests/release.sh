# Sourced by run.sh.  The release path, used as a clinic uses it: every
# shipped leaflet and chapter approved, the publisher's real details and
# logo filled in (tests/release/site.yaml), a clinic file, every handout
# layout, the booklet and its print edition.  Every PDF must be clean in
# every reader and carry no draft mark.
rel="$tmp/release"
mkdir -p "$rel"
cp -R content "$rel/content"
cp -R tests/release/. "$rel/content/"
# approve: status, approver and date on every file with front matter
approve() {
	sed -i 's/^status: draft/status: approved/;
	    s/^approved_by: ""/approved_by: "Dr R. Patel, consultant"/;
	    s/^approved_on: ""/approved_on: 2026-11-30/' "$@"
}
approve "$rel"/content/therapies/*.md "$rel"/content/chapters/*.md \
	"$rel"/content/*.md
SOURCE_DATE_EPOCH=1796083200 "$BIN" build -q --content "$rel/content" \
	--out "$rel/out" >"$tmp/rel.stdout" 2>"$tmp/rel.stderr"
rc=$?
if [ "$rc" -eq 0 ] && ! grep -q ': error:' "$tmp/rel.stderr"; then pass; else
	fail "approved release build exited $rc"
	sed 's/^/    /' "$tmp/rel.stderr" | head -n 20
fi

# every PDF that should exist does, and each is clean in every reader
rel_pdfs=
for md in content/therapies/*.md; do
	slug=$(basename "$md" .md)
	for d in handouts large-print handout-letter northfield/handouts \
	    northfield/large-print northfield/handout-letter; do
		rel_pdfs="$rel_pdfs $rel/out/$d/$slug.pdf"
	done
done
rel_pdfs="$rel_pdfs $rel/out/booklet.pdf $rel/out/booklet-print.pdf"
rel_pdfs="$rel_pdfs $rel/out/northfield/booklet.pdf"
rel_pdfs="$rel_pdfs $rel/out/northfield/booklet-print.pdf"
for pdf in $rel_pdfs; do
	name=${pdf#"$rel/out/"}
	if [ ! -f "$pdf" ]; then
		fail "release: $name not written"
		continue
	fi
	problems=
	qpdf --check "$pdf" 2>&1 | grep -q 'No syntax or stream encoding errors' ||
		problems="$problems qpdf"
	pdftotext -enc UTF-8 "$pdf" "$tmp/rel.txt" 2>"$tmp/rel.err"
	pdfinfo "$pdf" >/dev/null 2>>"$tmp/rel.err"
	[ -s "$tmp/rel.err" ] && problems="$problems poppler"
	mutool draw -q -o /dev/null -F txt "$pdf" 2>&1 >/dev/null |
	    grep -v "ICC support is not available" | grep -q . &&
		problems="$problems mupdf"
	gs -q -dNOPAUSE -dBATCH -sDEVICE=nullpage "$pdf" 2>&1 | grep -q . &&
		problems="$problems ghostscript"
	grep -q 'DRAFT' "$tmp/rel.txt" && problems="$problems draft-mark"
	grep -q '\[[A-Z][a-z][^]]*\]' "$tmp/rel.txt" &&
		problems="$problems placeholder-text"
	if [ -z "$problems" ]; then pass; else
		fail "release: $name:$problems"
	fi
done
