# Sourced by run.sh.  Each tests/cases/<name>.md is built on its own with
# the fixture content folder tests/cases/content; <name>.expect holds the
# expected exit status on its first line ("exit N") and the exact
# diagnostics after it; <name>.layout.yaml, if present, is the layout.  A failing case must write no PDF; a case with a
# <name>.dump file must produce exactly that page model.
cases_date=2026-11-27
for md in tests/cases/*.md; do
	[ -f "$md" ] || continue
	name=${md%.md}
	out="$tmp/case-out"
	rm -rf "$out"
	mkdir -p "$out"
	if [ -f "$name.dump" ]; then
		dumpflag=--dump
	else
		dumpflag=
	fi
	# a case may bring its own layout: <name>.layout.yaml
	layoutflag=
	[ -f "$name.layout.yaml" ] && layoutflag="--layout $name.layout.yaml"
	SOURCE_DATE_EPOCH=1796083200 "$BIN" build -q --content tests/cases/content \
		--out "$out" --date "$cases_date" $dumpflag $layoutflag "$md" \
		>"$tmp/case.stdout" 2>"$tmp/case.stderr"
	rc=$?
	{ echo "exit $rc"; cat "$tmp/case.stderr"; } >"$tmp/case.got"
	if [ "${UPDATE:-0}" = 1 ]; then
		cp "$tmp/case.got" "$name.expect"
		[ -n "$dumpflag" ] && cp "$tmp/case.stdout" "$name.dump"
	fi
	if [ ! -f "$name.expect" ]; then
		fail "$md: no $name.expect (run with UPDATE=1 to create it)"
	elif diff -u "$name.expect" "$tmp/case.got" >"$tmp/case.diff"; then
		pass
	else
		fail "$md: diagnostics differ"
		sed 's/^/    /' "$tmp/case.diff" | head -n 30
	fi
	if [ -n "$dumpflag" ]; then
		if diff -u "$name.dump" "$tmp/case.stdout" >"$tmp/case.diff"; then
			pass
		else
			fail "$md: page model differs"
			sed 's/^/    /' "$tmp/case.diff" | head -n 30
		fi
	fi
	# an error never leaves a PDF behind
	if [ "$rc" -ne 0 ]; then
		if [ -n "$(find "$out" -name '*.pdf' -o -name '*tmp*' | head -n 1)" ]; then
			fail "$md: failed build left files in the output folder"
		else
			pass
		fi
	fi
done
