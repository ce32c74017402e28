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

# --- the release gate: approved leaflets never print template details ---
# site.yaml's phone back to the template's placeholder: every approved
# leaflet of the default set is refused at that line, by build and check
# alike, and none of them is written (the clinic gives its own phone)
gate="$tmp/gate"
release_content "$gate"
sed -i 's|^  phone: .*|  phone: "[Clinic phone number]"|' "$gate/content/site.yaml"
line=$(grep -n '^  phone: "\[Clinic' "$gate/content/site.yaml" | cut -d: -f1)
want="$gate/content/site.yaml:$line:10: error: publisher.phone is still the template's placeholder '[Clinic phone number]'"
for cmd in build check; do
	SOURCE_DATE_EPOCH=1796083200 "$BIN" $cmd -q --content "$gate/content" \
		--out "$gate/out" --only handouts,booklet \
		>/dev/null 2>"$tmp/gate.stderr"
	rc=$?
	if [ "$rc" -eq 1 ] && grep -qF "$want" "$tmp/gate.stderr"; then pass; else
		fail "release gate ($cmd): placeholder phone not refused at line $line (exit $rc)"
		sed 's/^/    /' "$tmp/gate.stderr" | head -n 5
	fi
done
if [ ! -e "$gate/out/booklet.pdf" ] &&
    [ -z "$(find "$gate/out/handouts" -name '*.pdf' 2>/dev/null | head -n 1)" ]
then pass; else
	fail "release gate: PDFs written with a placeholder phone"
	find "$gate/out" -name '*.pdf' | head -n 5 | sed 's/^/    /'
fi
# the clinic file leaves phone out: its leaflets are refused at the
# site's placeholder line, the message naming the clinic file
sed -i '/^  phone:/d' "$gate/content/clinics/northfield.yaml"
rm -rf "$gate/out"
SOURCE_DATE_EPOCH=1796083200 "$BIN" build -q --content "$gate/content" \
	--out "$gate/out" --clinic northfield --only handouts \
	>/dev/null 2>"$tmp/gate.stderr"
rc=$?
if [ "$rc" -eq 1 ] && grep -F "$want" "$tmp/gate.stderr" |
    grep -qF "clinics/northfield.yaml gives no phone of its own"; then
	pass
else
	fail "release gate: clinic without phone not refused at the site's line $line (exit $rc)"
	sed 's/^/    /' "$tmp/gate.stderr" | head -n 5
fi
if [ ! -e "$gate/out/northfield/handouts/tace.pdf" ]; then pass; else
	fail "release gate: the clinic's handout was written with a placeholder phone"
fi
