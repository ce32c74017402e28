#!/bin/sh
# make bench: time the full default build (every handout in every layout,
# the booklet and its print edition) and a generated corpus ten times its
# size; print milliseconds per page and peak memory.  Timings live here,
# never in the tests.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
BIN=${LEAFPRESS:-./leafpress}
RUNS=${RUNS:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

pages_in() {
	n=0
	for f in $(find "$1" -name '*.pdf'); do
		p=$(pdfinfo "$f" 2>/dev/null | sed -n 's/^Pages: *//p')
		n=$((n + ${p:-0}))
	done
	echo "$n"
}

# run CONTENT OUT: best wall time (ms) of RUNS runs, and peak RSS (KB)
measure() {
	best=
	peak=0
	i=0
	while [ $i -lt "$RUNS" ]; do
		rm -rf "$2"
		/usr/bin/time -f '%e %M' -o "$tmp/time" \
		    "$BIN" build -q --content "$1" --out "$2" >/dev/null 2>&1
		read -r secs kb <"$tmp/time"
		ms=$(awk -v s="$secs" 'BEGIN { printf "%d", s * 1000 }')
		if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
		if [ "$kb" -gt "$peak" ]; then peak=$kb; fi
		i=$((i + 1))
	done
	echo "$best $peak"
}

report() {
	set -- $2 "$1" "$3"
	ms=$1 kb=$2 name=$3 pages=$4
	awk -v n="$name" -v ms="$ms" -v kb="$kb" -v p="$pages" 'BEGIN {
		printf "%-28s %5d pages %7d ms %7.2f ms/page %7.1f MB peak\n",
		    n, p, ms, (p ? ms / p : 0), kb / 1024 }'
}

# 1. the shipped content
r=$(measure content "$tmp/out")
report "default build" "$r" "$(pages_in "$tmp/out")"

# 2. ten times the therapies (same chapters, booklet of ten times the size)
big="$tmp/big"
mkdir -p "$big/therapies" "$big/chapters"
cp content/*.yaml content/*.md "$big/" 2>/dev/null
cp content/chapters/*.md "$big/chapters/"
for i in 0 1 2 3 4 5 6 7 8 9; do
	for f in content/therapies/*.md; do
		s=$(basename "$f" .md)
		sed "s/^slug: .*/slug: $s-$i/" "$f" >"$big/therapies/$s-$i.md"
	done
done
# the booklet lists every copy too
awk '/^  chapters:/ { print; inlist = 1; next }
     inlist && /^    - / { next }
     { inlist = 0; print }' content/site.yaml >"$big/site.yaml"
{
	grep -- '^    - chapters/' content/site.yaml
	for f in "$big"/therapies/*.md; do
		echo "    - therapies/$(basename "$f" .md)"
	done
} >"$tmp/list"
awk -v list="$tmp/list" '{ print } /^  chapters:/ {
	while ((getline l < list) > 0) print l }' "$big/site.yaml" \
    >"$tmp/site.yaml" && mv "$tmp/site.yaml" "$big/site.yaml"
r=$(measure "$big" "$tmp/out-big")
report "ten times the content" "$r" "$(pages_in "$tmp/out-big")"

# 3. watch: from saving one therapy file to its handouts and the booklet
# rebuilt (the times watch itself reports)
w="$tmp/watch"
cp -R content "$w"
./leafpress watch -q --content "$w" --out "$tmp/out-watch" \
    2>"$tmp/watch.err" &
wpid=$!
n=0
until grep -q 'watching' "$tmp/watch.err" || [ $n -ge 600 ]; do
	sleep 0.1; n=$((n + 1))
done
printf '\n' >>"$w/therapies/tae.md"
n=0
until grep -q 'rebuilt the booklet' "$tmp/watch.err" || [ $n -ge 600 ]; do
	sleep 0.1; n=$((n + 1))
done
kill "$wpid" 2>/dev/null
wait "$wpid" 2>/dev/null
sed -n 's/^leafpress: .*tae.md changed: rebuilt \(.*\) in \(.*\)$/watch, one file saved: \1 rebuilt in \2/p' \
    "$tmp/watch.err"
