# Sourced by run.sh.  Each tests/cases/<name>.md is built on its own with
# the fixture content folder tests/cases/content; <name>.expect holds the
# expected exit status on its first line ("exit N") and the exact
# diagnostics after it; <name>.layout.yaml, if present, is the layout.  A
# failing case must write no PDF; a case with a <name>.dump file must
# produce exactly that page model (<name>.dump.gz for a model of hundreds
# of pages: compare with "gzip -dc").
#
# A case with a <name>.setup file runs in a scratch folder instead: a copy
# of the fixture content (same relative path, so messages read the same),
# of layouts/, and the case file, with out/ as the output folder.  The
# setup (shell, run there) may change any of it (make a FIFO, add a clinic)
# and set "args" (more options, shell words), "files" (what to build,
# default the case file; empty builds the whole content folder) and
# "epoch" (SOURCE_DATE_EPOCH).  A failing scratch
# case must leave every file of the scratch folder as it was: nothing
# written, nothing replaced.
cases_date=2026-11-27
case $BIN in
/*) case_bin=$BIN ;;
*) case_bin=$top/$BIN ;;
esac

# Every file of the scratch folder (but the shared fonts) with its type
# and checksum, to see that a failed build changed nothing (empty output
# folders aside).
case_snapshot() {
	(cd "$1" && find . -path ./fonts -prune -o \
		! \( -type d -path './out/*' \) -printf '%y %p\n' | sort &&
		find . -path ./fonts -prune -o -type f -exec cksum {} + | sort)
}

# Run one case in a scratch folder (see above); sets $out for the checks.
case_scratch() {
	scr=$tmp/case-scratch
	chmod -R u+w "$scr" 2>/dev/null
	rm -rf "$scr"
	mkdir -p "$scr/tests/cases"
	cp -R tests/cases/content "$scr/tests/cases/content"
	cp "$2".* "$scr/tests/cases/"
	cp -R layouts "$scr/layouts"
	ln -s "$top/fonts" "$scr/fonts"
	mkdir "$scr/out"
	out=$scr/out
	args=
	files=$1
	epoch=1796083200
	(cd "$scr" && . "$top/$2.setup" && printf '%s\n' "$args" >.args &&
		printf '%s\n' "$files" >.files &&
		printf '%s\n' "$epoch" >.epoch) || {
		echo "setup failed" >"$tmp/case.stderr"
		return 99
	}
	args=$(cat "$scr/.args")
	files=$(cat "$scr/.files")
	epoch=$(cat "$scr/.epoch")
	rm -f "$scr/.args" "$scr/.files" "$scr/.epoch"
	case_snapshot "$scr" >"$tmp/case.before"
	# a build that waits forever (on a FIFO) fails here instead
	(cd "$scr" && eval "set -- $3 $4 $args $files" &&
		SOURCE_DATE_EPOCH=$epoch timeout 60 "$case_bin" \
		build -q --content tests/cases/content --layouts layouts \
		--fonts fonts --out out --date "$cases_date" "$@" \
		>"$tmp/case.stdout" 2>"$tmp/case.stderr")
	rc=$?
	if [ "$rc" -ne 0 ]; then
		case_snapshot "$scr" >"$tmp/case.after"
		if diff "$tmp/case.before" "$tmp/case.after" \
		    >"$tmp/case.diff"; then
			pass
		else
			fail "$1: the failed build changed files"
			sed 's/^/    /' "$tmp/case.diff" | head -n 10
		fi
	fi
	return $rc
}
for md in tests/cases/*.md; do
	[ -f "$md" ] || continue
	name=${md%.md}
	out="$tmp/case-out"
	rm -rf "$out"
	mkdir -p "$out"
	dumpgz=
	if [ -f "$name.dump" ]; then
		dumpflag=--dump
	elif [ -f "$name.dump.gz" ]; then
		dumpflag=--dump
		dumpgz=1
	else
		dumpflag=
	fi
	# a case may bring its own layout: <name>.layout.yaml
	layoutflag=
	[ -f "$name.layout.yaml" ] && layoutflag="--layout $name.layout.yaml"
	if [ -f "$name.setup" ]; then
		case_scratch "$md" "$name" "$dumpflag" "$layoutflag"
		rc=$?
	else
		SOURCE_DATE_EPOCH=1796083200 "$BIN" build -q \
			--content tests/cases/content --out "$out" \
			--date "$cases_date" $dumpflag $layoutflag "$md" \
			>"$tmp/case.stdout" 2>"$tmp/case.stderr"
		rc=$?
	fi
	{ echo "exit $rc"; cat "$tmp/case.stderr"; } >"$tmp/case.got"
	if [ "${UPDATE:-0}" = 1 ]; then
		cp "$tmp/case.got" "$name.expect"
		if [ -n "$dumpgz" ]; then
			gzip -9n <"$tmp/case.stdout" >"$name.dump.gz"
		elif [ -n "$dumpflag" ]; then
			cp "$tmp/case.stdout" "$name.dump"
		fi
	fi
	if [ ! -f "$name.expect" ]; then
		fail "$md: no $name.expect (run with UPDATE=1 to create it)"
	elif diff -u "$name.expect" "$tmp/case.got" >"$tmp/case.diff"; then
		pass
	else
		fail "$md: diagnostics differ"
		sed 's/^/    /' "$tmp/case.diff" | head -n 30
	fi
	if [ -n "$dumpgz" ]; then
		gzip -dc "$name.dump.gz" >"$tmp/case.dump"
	elif [ -n "$dumpflag" ]; then
		cp "$name.dump" "$tmp/case.dump"
	fi
	if [ -n "$dumpflag" ]; then
		if diff -u "$tmp/case.dump" "$tmp/case.stdout" >"$tmp/case.diff"; then
			pass
		else
			fail "$md: page model differs"
			sed 's/^/    /' "$tmp/case.diff" | head -n 30
		fi
	fi
	# an error never leaves a PDF behind (scratch cases: checked above)
	if [ "$rc" -ne 0 ] && [ ! -f "$name.setup" ]; then
		if [ -n "$(find "$out" -name '*.pdf' -o -name '*tmp*' | head -n 1)" ]; then
			fail "$md: failed build left files in the output folder"
		else
			pass
		fi
	fi
done
