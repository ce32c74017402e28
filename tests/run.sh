#!/bin/sh
# The test suite: unit tests, diagnostics/page-model regression cases, and
# end-to-end checks of the shipped content's PDFs.  Ends with
# "N passed, M failed"; exits non-zero on any failure.
#
#   UPDATE=1 sh tests/run.sh   rewrite the expected output of the cases
. "$(dirname "$0")/harness.sh"
BUILD=${BUILD:-build}
# say what the suite is doing, with the running totals
started=$(date +%s)
say() {
	printf 'check: %-52s (%ds, %d passed, %d failed)\n' "$*" \
	    $(($(date +%s) - started)) "$passed" "$failed"
}

# --- unit tests: each program prints "name: N passed, M failed" ---
say "unit tests ($(ls "$BUILD"/t_* 2>/dev/null | grep -vc '\.d$') programs)"
for t in "$BUILD"/t_*; do
	[ -x "$t" ] || continue
	out=$("$t" 2>"$tmp/unit.err")
	rc=$?
	p=$(printf '%s\n' "$out" | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed/\1/p' | tail -n 1)
	f=$(printf '%s\n' "$out" | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed/\2/p' | tail -n 1)
	passed=$((passed + ${p:-0}))
	if [ "$rc" -ne 0 ] || [ -z "$p" ]; then
		failed=$((failed + ${f:-1}))
		[ "${f:-1}" = 0 ] && failed=$((failed + 1))
		printf 'FAIL: %s (exit %s)\n' "$t" "$rc"
		sed 's/^/    /' "$tmp/unit.err" | head -n 20
	fi
done

# --- the fuzz harnesses, once over each seed of their corpus ---
say "fuzz harnesses replayed over their seed corpora"
for t in "$BUILD"/replay_*; do
	[ -x "$t" ] || continue
	name=${t##*/replay_}
	if out=$("$t" tests/fuzz/corpus/"$name"/* 2>"$tmp/unit.err") &&
	    [ -n "$out" ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		printf 'FAIL: %s on tests/fuzz/corpus/%s\n' "$t" "$name"
		sed 's/^/    /' "$tmp/unit.err" | head -n 20
	fi
done

# --- cases: tests/cases/*.md with .expect (exit code + exact stderr) ---
say "diagnostics cases ($(ls tests/cases/*.md | wc -l) files)"
. "$top/tests/cases.sh"

# --- end to end: the shipped content ---
say "end to end: the shipped content, every PDF"
. "$top/tests/e2e.sh"
say "content: the editorial rules of the shipped leaflets"
. "$top/tests/content.sh"
say "release: the shipped set as a clinic would print it"
. "$top/tests/release.sh"
say "readers: qpdf, poppler, mupdf, Ghostscript, pdf.js"
. "$top/tests/readers.sh"
say "the command line: init, clinics, --only, -o, watch, install"
. "$top/tests/cli.sh"
say "accessibility: PDF/UA-1 checker on every PDF, structure read out"
. "$top/tests/pdfua.sh"
say "structure: diagnostics name each chapter's own file and line"
. "$top/tests/structure.sh"
say "print quality: last pages, gaps, table breaks, marks"
. "$top/tests/print.sh"
say "web edition: every page in Chromium, axe-core, reflow, words"
. "$top/tests/web.sh"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
