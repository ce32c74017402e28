# Sourced by run.sh.  The release path, used as a clinic uses it: every
# shipped leaflet and chapter approved, the publisher's real details and
# logo filled in (tests/release/site.yaml), a clinic file, every handout
# layout, the booklet and its print edition.  Every PDF must be written
# and carry no draft mark or placeholder; readers.sh, sourced after this,
# opens each of them in every reader.
rel="$tmp/release"
release_content "$rel"
SOURCE_DATE_EPOCH=1796083200 "$BIN" build -q --content "$rel/content" \
	--out "$rel/out" >"$tmp/rel.stdout" 2>"$tmp/rel.stderr"
rc=$?
if [ "$rc" -eq 0 ] && ! grep -q ': error:' "$tmp/rel.stderr"; then pass; else
	fail "approved release build exited $rc"
	sed 's/^/    /' "$tmp/rel.stderr" | head -n 20
fi

# every PDF that should exist does, unmarked and without placeholders
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
	pdftotext -enc UTF-8 "$pdf" "$tmp/rel.txt" 2>/dev/null
	grep -q 'DRAFT' "$tmp/rel.txt" && problems="$problems draft-mark"
	grep -q '\[[A-Z][a-z][^]]*\]' "$tmp/rel.txt" &&
		problems="$problems placeholder-text"
	if [ -z "$problems" ]; then pass; else
		fail "release: $name:$problems"
	fi
done
