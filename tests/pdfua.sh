# Sourced by run.sh after e2e.sh and release.sh.  Accessibility as a
# screen reader meets it: every PDF those builds wrote passes the PDF/UA-1
# checker (tests/pdfua.py), except the imposed print editions, which are
# for the printer and must be plainly untagged (sheets in print order
# read in no sensible order; the booklet itself is the accessible
# edition).  The checker's self-test breaks good files in known ways and
# must catch every break.  A leaflet with nested lists, a table with
# empty cells, a callout, a quote, a figure, links and a note reads in
# the structure of tests/cases/structure.struct.
ua_pdfs=$(find "$e2e_out" "$rel/out" -name '*.pdf' ! -name '*-print.pdf' \
	2>/dev/null | sort)
ua_print=$(find "$e2e_out" "$rel/out" -name '*-print.pdf' 2>/dev/null | sort)
if [ -z "$ua_pdfs" ] || [ -z "$ua_print" ]; then
	fail "pdfua: no PDFs to check"
else
	# shellcheck disable=SC2086
	python3 tests/pdfua.py $ua_pdfs >"$tmp/ua.out" 2>&1
	# shellcheck disable=SC2086
	python3 tests/pdfua.py --untagged $ua_print >>"$tmp/ua.out" 2>&1
	for pdf in $ua_pdfs $ua_print; do
		if grep -qF "$pdf:" "$tmp/ua.out"; then
			fail "pdfua: ${pdf#"$tmp/"}"
			grep -F "$pdf:" "$tmp/ua.out" | sed "s|$tmp/||; s/^/    /" |
			    head -n 8
		else
			pass
		fi
	done
fi

# the booklet's own pages as read out: the cover says it is a draft once,
# first, then its title; the contents is a TOC of TOCI; the back cover
# is one section, the publisher's name heading it and the contact box a
# section of its own inside
if pdfinfo -struct-text "$e2e_out/booklet.pdf" 2>/dev/null |
    grep -v '^ *Object [0-9]* 0$' >"$tmp/ua-booklet.struct"; then
	problems=
	awk '/^  Sect$/ { n++ } n == 1' "$tmp/ua-booklet.struct" \
	    >"$tmp/ua-cover.struct"
	[ "$(sed -n 2,5p "$tmp/ua-cover.struct" | tr -s ' ' | tr '\n' '|')" = \
	    ' P (block)| "DRAFT – not for patient use"| H1 (block)| "Liver-directed therapy for neuroendocrine tumours in the liver"|' ] ||
		problems="$problems cover-not-notice-then-title"
	[ "$(grep -c DRAFT "$tmp/ua-cover.struct")" -eq 1 ] ||
		problems="$problems cover-notice-not-once"
	[ "$(grep -c '^      TOCI$' "$tmp/ua-booklet.struct")" -ge 10 ] &&
	    grep -q '^    TOC$' "$tmp/ua-booklet.struct" ||
		problems="$problems contents-not-TOC"
	awk '/^  Sect$/ { n++; s = "" } { s = s $0 "\n" } END { printf "%s", s }' \
	    "$tmp/ua-booklet.struct" >"$tmp/ua-back.struct"
	grep -A1 '^    H1 (block)$' "$tmp/ua-back.struct" |
	    grep -qF "$(sed -n 's/^  name: *"\(.*\)"/\1/p' content/site.yaml)" ||
		problems="$problems back-cover-not-headed-by-publisher"
	grep -A1 '^    Sect$' "$tmp/ua-back.struct" | grep -q '^      H2' ||
		problems="$problems contact-box-not-a-section"
	if [ -z "$problems" ]; then pass; else
		fail "pdfua: the booklet's covers and contents read out:$problems"
	fi
else
	fail "pdfua: no structure in the booklet"
fi

# the leaflet of every kind of block, and its structure as read out
ua_case="$tmp/ua-case"
rm -rf "$ua_case"
if SOURCE_DATE_EPOCH=1796083200 "$BIN" build -q --content tests/cases/content \
    --out "$ua_case" --date 2026-11-27 tests/cases/structure.md \
    >/dev/null 2>&1 && [ -f "$ua_case/handouts/structure.pdf" ]; then
	pass
	pdfinfo -struct-text "$ua_case/handouts/structure.pdf" 2>&1 |
	    grep -v '^ *Object [0-9]* 0$' >"$tmp/ua.struct"
	if diff -u tests/cases/structure.struct "$tmp/ua.struct" \
	    >"$tmp/ua.diff"; then
		pass
	else
		fail "pdfua: the structure read out differs"
		sed 's/^/    /' "$tmp/ua.diff" | head -n 30
	fi
	if python3 tests/pdfua.py --selftest "$ua_case/handouts/structure.pdf" \
	    "$e2e_out/booklet.pdf" >"$tmp/ua-self.out" 2>&1; then
		pass
	else
		fail "pdfua: the checker's self-test"
		grep -v ': caught' "$tmp/ua-self.out" | sed 's/^/    /' | head
	fi
else
	fail "pdfua: tests/cases/structure.md did not build"
fi

# A handout mixing scripts: Cyrillic, which the shipped DejaVu subsets lack,
# comes from the system's DejaVu, and each face is a font of its own (they
# share a name), so every glyph drawn is in the font embedded for it.
mx="$tmp/ua-mixed"
rm -rf "$mx"
if SOURCE_DATE_EPOCH=1796083200 "$BIN" build -q --content tests/cases/content \
    --out "$mx" --date 2026-11-27 tests/cases/mixed-scripts.md \
    >/dev/null 2>&1 && [ -f "$mx/handouts/mixed-scripts.pdf" ]; then
	if python3 tests/pdfua.py "$mx/handouts/mixed-scripts.pdf" \
	    >"$tmp/ua-mixed.out" 2>&1; then
		pass
	else
		fail "pdfua: the mixed-script handout draws glyphs its fonts lack"
		sed 's/^/    /' "$tmp/ua-mixed.out" | head -n 5
	fi
	# regular, bold and mono each twice: the shipped face and the system's
	n=$(pdffonts "$mx/handouts/mixed-scripts.pdf" |
	    grep -cE '^[A-Z]{6}\+DejaVuSans(-Bold|Mono)? +CID TrueType +Identity-H +yes yes yes')
	if [ "$n" -eq 6 ]; then
		pass
	else
		fail "pdfua: the mixed-script handout has $n of 6 fonts"
		pdffonts "$mx/handouts/mixed-scripts.pdf" | sed 's/^/    /'
	fi
	if pdftotext -enc UTF-8 "$mx/handouts/mixed-scripts.pdf" - |
	    grep -qF "Дмитрий reads Greek αβγ and Cyrillic Дом in one line. To Ty AV Wa."; then
		pass
	else
		fail "pdfua: the mixed-script handout does not extract as written"
	fi
else
	fail "pdfua: tests/cases/mixed-scripts.md did not build"
fi
