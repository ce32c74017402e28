#!/bin/sh
# Every PDF the build writes, opened by every reader we can run: qpdf
# finds no damage; pdfinfo, pdftotext, MuPDF and Ghostscript print no
# warning; pdf.js (the viewer inside web browsers) loads every page
# without a warning and reads the same words as pdftotext.  The PDFs are
# the shipped content (handouts in every layout, the booklets) and the
# picture test case tests/cases/img-good.md (every kind of picture).
#
#   sh tests/readers.sh [--install]   on its own ("make check-readers");
#                                     --install fetches pdf.js with npm
#   . tests/readers.sh                from run.sh: counts into its totals
#
# Without npm or node the pdf.js part says SKIPPED; it never passes
# silently.
. "$(dirname "$0")/harness.sh"
rd_install=0
[ "${1:-}" = --install ] && rd_install=1

rd_skip() {
	echo "**********************************************************"
	printf 'SKIPPED: %s\n' "$*"
	echo "**********************************************************"
}

# --- the PDFs: reuse run.sh's build of the shipped content if there ---
rd_dir="$tmp/readers"
mkdir -p "$rd_dir"
if [ -n "${e2e_out:-}" ] && [ -d "$e2e_out/handouts" ]; then
	rd_content=$e2e_out
else
	rd_content="$rd_dir/content"
	mkdir -p "$rd_content"
	if SOURCE_DATE_EPOCH=1796083200 "$BIN" build -q --out "$rd_content" \
	    >/dev/null 2>"$rd_dir/build.err"; then
		pass
	else
		fail "readers: build of the shipped content failed"
		sed 's/^/    /' "$rd_dir/build.err" | head -n 10
	fi
fi
mkdir -p "$rd_dir/pictures"
if SOURCE_DATE_EPOCH=1796083200 "$BIN" build -q \
    --content tests/cases/content --out "$rd_dir/pictures" \
    --date 2026-11-27 tests/cases/img-good.md >/dev/null \
    2>"$rd_dir/build.err"; then
	pass
else
	fail "readers: build of tests/cases/img-good.md failed"
	sed 's/^/    /' "$rd_dir/build.err" | head -n 10
fi
# and, from run.sh, the release set (release.sh): approved, every layout
find "$rd_content" "$rd_dir/pictures" ${rel:+"$rel/out"} -name '*.pdf' |
    sort >"$rd_dir/list"
rd_n=$(wc -l <"$rd_dir/list")
if [ "$rd_n" -ge 10 ]; then pass; else
	fail "readers: only $rd_n PDFs were written"
fi

# --- qpdf, poppler, MuPDF, Ghostscript ---
rd_mutool=1
command -v mutool >/dev/null 2>&1 || { rd_mutool=0;
    rd_skip "MuPDF check (mutool is not installed: apt-get install mupdf-tools)"; }
rd_gs=1
command -v gs >/dev/null 2>&1 || { rd_gs=0;
    rd_skip "Ghostscript check (gs is not installed: apt-get install ghostscript)"; }
rd_i=0
while IFS= read -r rd_pdf; do
	rd_i=$((rd_i + 1))
	rd_name=${rd_pdf#"$tmp"/}
	if qpdf --check "$rd_pdf" >"$rd_dir/qpdf.out" 2>&1 &&
	    grep -q 'No syntax or stream encoding errors' "$rd_dir/qpdf.out" &&
	    ! grep -qi 'warning' "$rd_dir/qpdf.out"; then
		pass
	else
		fail "$rd_name: qpdf --check"
		sed 's/^/    /' "$rd_dir/qpdf.out" | head -n 10
	fi
	pdfinfo "$rd_pdf" >/dev/null 2>"$rd_dir/p.err"
	pdftotext -enc UTF-8 "$rd_pdf" /dev/null 2>>"$rd_dir/p.err"
	pdftotext -raw -enc UTF-8 "$rd_pdf" "$rd_dir/$rd_i.poppler" \
	    2>>"$rd_dir/p.err"
	if [ -s "$rd_dir/p.err" ]; then
		fail "$rd_name: pdfinfo/pdftotext warnings"
		sed 's/^/    /' "$rd_dir/p.err" | sort -u | head -n 10
	else
		pass
	fi
	if [ "$rd_mutool" = 1 ]; then
		# text, and pixels at a low resolution (pictures decoded)
		{ mutool draw -q -o /dev/null -F txt "$rd_pdf" 2>&1 >/dev/null
		  mutool draw -q -r 30 -o /dev/null -F pgm "$rd_pdf" 2>&1 \
		    >/dev/null; } |
		    grep -v "ICC support is not available" >"$rd_dir/mu.err"
		if [ -s "$rd_dir/mu.err" ]; then
			fail "$rd_name: mutool warnings"
			sed 's/^/    /' "$rd_dir/mu.err" | sort -u | head -n 10
		else
			pass
		fi
	fi
	if [ "$rd_gs" = 1 ]; then
		gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=nullpage "$rd_pdf" \
		    >"$rd_dir/gs.err" 2>&1
		rd_rc=$?
		if [ "$rd_rc" -ne 0 ] || [ -s "$rd_dir/gs.err" ]; then
			fail "$rd_name: Ghostscript warnings (exit $rd_rc)"
			sed 's/^/    /' "$rd_dir/gs.err" | sort -u | head -n 10
		else
			pass
		fi
	fi
done <"$rd_dir/list"

# --- pdf.js ---
rd_pdfjs=tests/pdfjs
if [ "$rd_install" = 1 ]; then
	if ! command -v npm >/dev/null 2>&1; then
		rd_skip "pdf.js check: npm is not installed (apt-get install npm)"
	elif [ ! -d "$rd_pdfjs/node_modules/pdfjs-dist" ] &&
	    ! (cd "$rd_pdfjs" && npm ci --no-audit --no-fund --loglevel=error \
	    >"$rd_dir/npm.out" 2>&1); then
		sed 's/^/    /' "$rd_dir/npm.out" | tail -n 10
		rd_skip "pdf.js check: 'npm ci' in $rd_pdfjs failed (no network?)"
	fi
fi
if ! command -v node >/dev/null 2>&1; then
	rd_skip "pdf.js check: node is not installed"
elif [ ! -d "$rd_pdfjs/node_modules/pdfjs-dist" ]; then
	rd_skip "pdf.js check: pdfjs-dist is not installed; run" \
	    "'make check-readers' (it runs npm ci in $rd_pdfjs)"
else
	# shellcheck disable=SC2046
	node "$rd_pdfjs/check.mjs" "$rd_dir" $(cat "$rd_dir/list") \
	    >"$rd_dir/pdfjs.out" 2>&1
	rd_rc=$?
	if [ "$rd_rc" -eq 0 ] && [ ! -s "$rd_dir/pdfjs.out" ]; then
		pass
	else
		fail "pdf.js warnings (exit $rd_rc)"
		sed "s|$tmp/||; s/^/    /" "$rd_dir/pdfjs.out" | head -n 20
	fi
	# the same words, in the order of the page's content (pdftotext
	# -raw), as a screen reader or copy and paste gets them
	rd_i=0
	while IFS= read -r rd_pdf; do
		rd_i=$((rd_i + 1))
		for rd_src in poppler txt; do
			tr -s ' \t\n\f\r' '\n\n\n\n\n' <"$rd_dir/$rd_i.$rd_src" |
			    grep -v '^$' >"$rd_dir/$rd_i.$rd_src.words"
		done
		if diff "$rd_dir/$rd_i.poppler.words" "$rd_dir/$rd_i.txt.words" \
		    >"$rd_dir/words.diff"; then
			pass
		else
			fail "${rd_pdf#"$tmp"/}: pdf.js and pdftotext read" \
			    "different words (< pdftotext, > pdf.js)"
			sed 's/^/    /' "$rd_dir/words.diff" | head -n 12
		fi
	done <"$rd_dir/list"
fi

if [ "$alone" = 1 ]; then
	echo "readers: $rd_n PDFs; $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
fi
