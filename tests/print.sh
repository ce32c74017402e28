# Sourced by run.sh.  Print quality as a reader and a print shop see it,
# read from the page model (--dump) by printcheck.py: no last page holding
# only the contact box, no big gap at a page foot, no table part of one
# row.  Runs alone too: sh tests/print.sh
. "$(dirname "$0")/harness.sh"
pc_out="$tmp/print"
for part in handouts large-print booklet; do
	SOURCE_DATE_EPOCH=1796083200 "$BIN" build -q -j 1 --dump \
	    --only "$part" --out "$pc_out" >"$tmp/print-$part.dump" \
	    2>"$tmp/print-$part.err"
	case $part in
	booklet) kind=booklet checks=table ;;
	*) kind=handouts checks=lonely,gap,table ;;
	esac
	if python3 tests/printcheck.py --only "$checks" "$kind" \
	    "$tmp/print-$part.dump" >"$tmp/print.out" 2>&1 &&
	    grep -q ' 0 faults$' "$tmp/print.out"; then
		pass
	else
		fail "print quality of $part ($checks)"
		sed 's/^/    /' "$tmp/print.out" | head -n 20
	fi
done
if [ "$alone" = 1 ]; then
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
fi
