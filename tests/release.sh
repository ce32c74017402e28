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
	# a handout: the publisher's (the clinic's) logo and name on page 1
	case $name in
	northfield/*) org="Northfield Hospital Liver Unit" ;;
	*) org="Riverside NET Centre" ;;
	esac
	case $name in
	*/*/*.pdf|handouts/*|large-print/*|handout-letter/*)
		pdftotext -f 1 -l 1 -enc UTF-8 "$pdf" - 2>/dev/null |
		    grep -qxF "$org" || problems="$problems no-name-on-page-1"
		[ "$(pdfimages -list -f 1 -l 1 "$pdf" 2>/dev/null |
		    awk 'NR > 2 && $3 == "image"' | wc -l)" -ge 1 ] ||
			problems="$problems no-logo-on-page-1"
		;;
	esac
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

# --- the output folder is a true picture of what may be printed ---
mf="$tmp/manifest"
release_content "$mf"
mkdir -p "$mf/out/handouts"
echo "not leafpress's" >"$mf/out/notes.txt"
echo "not leafpress's" >"$mf/out/handouts/mine.pdf"
echo "outside" >"$tmp/escape.pdf"
mfbuild() {
	SOURCE_DATE_EPOCH=1796083200 "$BIN" "$@" --content "$mf/content" \
		--out "$mf/out" >/dev/null 2>"$tmp/mf.stderr"
}
mfbuild build
rc=$?
# a build says what it wrote, per folder, and keeps a manifest of it
if [ "$rc" -eq 0 ] &&
    grep -qx "leafpress: wrote 8 files in $mf/out/handouts" "$tmp/mf.stderr" &&
    grep -qx "leafpress: wrote 2 files in $mf/out" "$tmp/mf.stderr" &&
    grep -qx "leafpress: wrote 8 files in $mf/out/northfield/large-print" "$tmp/mf.stderr" &&
    grep -q "	therapies/tace.md	northfield/handouts/tace.pdf\$" \
    "$mf/out/.leafpress-manifest"; then pass; else
	fail "manifest: the first build's summary or manifest (exit $rc)"
	sed 's/^/    /' "$tmp/mf.stderr" | head -n 12
fi
# an entry that leads out of the folder is never followed
printf '\ttherapies/gone.md\t../escape.pdf\n' >>"$mf/out/.leafpress-manifest"
cp "$mf/out/handouts/tae.pdf" "$tmp/tae.before"
# tace's review is overdue: check says so and removes nothing; build
# removes every output of it (each layout, the web pages, the clinic's
# copies) and the booklet holding it, says so, and leaves the rest
sed -i 's/^review_due: .*/review_due: 2026-12-01/' "$mf/content/therapies/tace.md"
mfbuild check -q --date 2026-12-10
rc=$?
if [ "$rc" -eq 1 ] && [ -f "$mf/out/handouts/tace.pdf" ]; then pass; else
	fail "manifest: check with an overdue leaflet exited $rc or removed its PDF"
fi
mfbuild build -q --date 2026-12-10
rc=$?
left=
for f in handouts/tace.pdf large-print/tace.pdf handout-letter/tace.pdf \
    html/tace.html html/tace-large-print.html northfield/handouts/tace.pdf \
    northfield/large-print/tace.pdf booklet.pdf northfield/booklet.pdf; do
	[ -e "$mf/out/$f" ] && left="$left $f"
done
if [ "$rc" -eq 1 ] && [ -z "$left" ] &&
    grep -qx "leafpress: removed $mf/out/handouts/tace.pdf: its review is overdue" \
    "$tmp/mf.stderr" &&
    grep -qx "leafpress: removed $mf/out/booklet.pdf: the review of a chapter in it is overdue" \
    "$tmp/mf.stderr" && ! grep -q 'leafpress: wrote' "$tmp/mf.stderr"
then pass; else
	fail "manifest: an overdue leaflet's outputs were not all removed (exit $rc):$left"
	sed 's/^/    /' "$tmp/mf.stderr" | head -n 12
fi
if cmp -s "$tmp/tae.before" "$mf/out/handouts/tae.pdf" &&
    [ -f "$mf/out/northfield/handouts/tae.pdf" ] &&
    [ -f "$mf/out/notes.txt" ] && [ -f "$mf/out/handouts/mine.pdf" ] &&
    [ -f "$tmp/escape.pdf" ]; then pass; else
	fail "manifest: the overdue build touched other files"
fi
# reviewed again: back; then a therapy deleted (and taken out of the
# booklet): its outputs go, and files leafpress did not write stay
sed -i 's/^review_due: .*/review_due: 2028-11-27/' "$mf/content/therapies/tace.md"
rm "$mf/content/therapies/sbrt.md"
sed -i '/therapies\/sbrt$/d' "$mf/content/site.yaml"
mfbuild build
rc=$?
left=
for f in handouts/sbrt.pdf large-print/sbrt.pdf html/sbrt.html \
    northfield/handouts/sbrt.pdf northfield/handout-letter/sbrt.pdf; do
	[ -e "$mf/out/$f" ] && left="$left $f"
done
if [ "$rc" -eq 0 ] && [ -z "$left" ] && [ -f "$mf/out/handouts/tace.pdf" ] &&
    [ -f "$mf/out/booklet.pdf" ] &&
    grep -qx "leafpress: removed $mf/out/northfield/handouts/sbrt.pdf: its source therapies/sbrt.md is gone" \
    "$tmp/mf.stderr" &&
    grep -qx "leafpress: removed 10 files (named above)" "$tmp/mf.stderr" &&
    [ -f "$mf/out/notes.txt" ] && [ -f "$mf/out/handouts/mine.pdf" ] &&
    [ -f "$tmp/escape.pdf" ] &&
    ! grep -q 'sbrt' "$mf/out/.leafpress-manifest"; then pass; else
	fail "manifest: a deleted leaflet's outputs (exit $rc):$left"
	sed 's/^/    /' "$tmp/mf.stderr" | head -n 14
fi
# a layout taken out of site.yaml: its folder's PDFs go after a whole
# build (not after a partial one), and -q keeps the summary quiet
sed -i 's/^layouts: .*/layouts: [handout-a4, large-print-a4]/' "$mf/content/site.yaml"
mfbuild build -q --only handouts
if [ -f "$mf/out/handout-letter/tace.pdf" ] && [ ! -s "$tmp/mf.stderr" ]; then
	pass
else
	fail "manifest: a partial build removed files or was not quiet"
	sed 's/^/    /' "$tmp/mf.stderr" | head -n 5
fi
mfbuild build -q
if [ -z "$(find "$mf/out/handout-letter" "$mf/out/northfield/handout-letter" -name '*.pdf')" ] &&
    [ "$(grep -c 'removed .*handout-letter/.*: no longer built$' "$tmp/mf.stderr")" -eq 14 ]
then pass; else
	fail "manifest: a layout no longer built kept its PDFs"
	sed 's/^/    /' "$tmp/mf.stderr" | head -n 5
fi

# --- all or nothing: one bad date in the shared references ---
# every handout cites them; the build fails and every earlier file stays
# byte for byte, none removed, none added
(cd "$mf/out" && find . -type f -exec cksum {} + | sort) >"$tmp/mf.before"
sed -i '0,/date-parts: \[\[\([0-9]*\)/s//date-parts: [[\1, 13/' \
	"$mf/content/references.yaml"
mfbuild build
rc=$?
(cd "$mf/out" && find . -type f -exec cksum {} + | sort) >"$tmp/mf.after"
if [ "$rc" -eq 1 ] && cmp -s "$tmp/mf.before" "$tmp/mf.after" &&
    grep -q "references.yaml:[0-9]*:[0-9]*: error" "$tmp/mf.stderr" &&
    grep -qx "leafpress: nothing written: every leaflet uses a file with errors above; the previous files are kept" \
    "$tmp/mf.stderr"; then pass; else
	fail "all or nothing: a bad reference changed the output folder (exit $rc)"
	diff "$tmp/mf.before" "$tmp/mf.after" | head -n 5 | sed 's/^/    /'
	sed 's/^/    /' "$tmp/mf.stderr" | head -n 5
fi

# approval_missing PDF: who approved the leaflet, in the Info dictionary
# and the XMP, each missing one named after a blank
approval_missing() {
	pdfinfo -custom "$1" 2>/dev/null |
	    grep -qx 'ApprovedBy: *Dr R. Patel, consultant' ||
		printf ' no-ApprovedBy'
	pdfinfo -meta "$1" 2>/dev/null |
	    grep -qF '<pdfx:ApprovedBy>Dr R. Patel, consultant</pdfx:ApprovedBy>' ||
		printf ' no-xmp-approver'
}

# governance a patient can read, and the approver in the metadata: every
# approved handout shows its publication and next review dates in words
# (the shipped leaflets are published 27 November 2026, due for review
# on 27 November 2028) and records who approved it (Info and XMP)
for pdf in "$rel/out/handouts/tace.pdf" "$rel/out/large-print/tace.pdf" \
    "$rel/out/northfield/handout-letter/tace.pdf"; do
	name=${pdf#"$rel/out/"}
	problems=
	pdftotext -enc UTF-8 "$pdf" - 2>/dev/null | tr '\n' ' ' |
	    sed 's/  */ /g' >"$tmp/gov.txt"
	grep -q 'Published 27 November 2026\. Next review due by 27 November 2028\.' \
	    "$tmp/gov.txt" || problems="$problems dates-in-words"
	grep -q 'Next review 27 November 2028' "$tmp/gov.txt" ||
		problems="$problems footer-date"
	grep -q '20[0-9][0-9]-[01][0-9]-[0-3][0-9]' "$tmp/gov.txt" &&
		problems="$problems iso-date-shown"
	problems="$problems$(approval_missing "$pdf")"
	if [ -z "$problems" ]; then pass; else
		fail "release: $name:$problems"
	fi
done

# contact_links_missing PDF: which of the contact details' links (the
# phone numbers, the one inside the urgent line too, tel:; the email
# mailto:; the website as itself) PDF lacks, each after a blank
contact_links_missing() {
	qpdf --qdf --object-streams=disable "$1" - 2>/dev/null |
	    grep -a '/URI (' >"$tmp/uris.txt"
	for u in tel:01614960000 tel:01614960999 \
	    mailto:net.nurses@example.org https://www.example.org/net-centre; do
		grep -qF "/URI ($u)" "$tmp/uris.txt" || printf ' %s' "$u"
	done
}

# the contact box's details are links, and so is the email address
# inside the feedback sentence (as on the web page): two mailto: links
for pdf in "$rel/out/handouts/tace.pdf" "$rel/out/large-print/tace.pdf"; do
	missing=$(contact_links_missing "$pdf")
	[ "$(grep -c '/URI (mailto:' "$tmp/uris.txt")" -ge 2 ] ||
		missing="$missing feedback-mailto"
	if [ -z "$missing" ]; then pass; else
		fail "release: ${pdf#"$rel/out/"}: contact links missing:$missing"
	fi
done

# the approved booklet: its back cover (the last page) has the logo and
# the contact details linked as in the handouts, and the file records who
# approved its chapters (Info and XMP)
bk=$rel/out/booklet.pdf
n=$(pdfinfo "$bk" 2>/dev/null | awk '/^Pages:/ { print $2 }')
problems=
qpdf "$bk" --pages . "${n:-1}" -- "$tmp/back.pdf" 2>/dev/null
problems=$(contact_links_missing "$tmp/back.pdf")
pdftotext "$tmp/back.pdf" - 2>/dev/null | grep -q "^Riverside NET Centre$" ||
	problems="$problems no-publisher"
[ "$(pdfimages -list "$tmp/back.pdf" 2>/dev/null | grep -c ' image ')" -ge 1 ] ||
	problems="$problems no-logo"
problems="$problems$(approval_missing "$bk")"
pdfinfo -custom "$bk" 2>/dev/null | grep -qx 'ApprovedOn: *2026-11-30' ||
	problems="$problems no-ApprovedOn"
if [ -z "$problems" ]; then pass; else
	fail "release: booklet back cover and approval:$problems"
fi
