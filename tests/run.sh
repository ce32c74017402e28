#!/bin/sh
# The test suite: unit tests, diagnostics/page-model regression cases, and
# end-to-end checks of the shipped content's PDFs.  Ends with
# "N passed, M failed"; exits non-zero on any failure.
#
#   UPDATE=1 sh tests/run.sh   rewrite the expected output of the cases
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
BUILD=${BUILD:-build}
BIN=${LEAFPRESS:-./leafpress}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
passed=0
failed=0

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); printf 'FAIL: %s\n' "$*"; }

# --- unit tests: each program prints "name: N passed, M failed" ---
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

# --- cases: tests/cases/*.md with .expect (exit code + exact stderr) ---
. "$top/tests/cases.sh"

# --- end to end: the shipped content ---
. "$top/tests/e2e.sh"
. "$top/tests/readers.sh"
. "$top/tests/release.sh"
. "$top/tests/web.sh"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
