#!/bin/sh
# make bench: time the full default build (every handout in every layout,
# the booklet and its print edition) and a generated corpus ten times its
# size; print milliseconds per page and peak memory; then the eight A4
# handouts beside Typst 0.14 on the same content and fonts.  Timings live
# here, never in the tests.
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
		sed -e "s/^slug: .*/slug: $s-$i/" -e "s/^id: \(.*\)/id: \1-$i/" "$f" \
		    >"$big/therapies/$s-$i.md"
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

# 4. the eight A4 handouts, leafpress against Typst 0.14 (PDF/UA-1 tagged,
# all eight in one process, tests/typst/), runs alternated: CPU (user +
# sys), wall time and peak memory of the best run of each, and the
# average PDF size
cpu_run() {	# OUT-FILE command...: "cpu-ms wall-ms peak-kb" of one run
	f=$1
	shift
	/usr/bin/time -f '%e %U %S %M' -o "$tmp/time" "$@" >/dev/null 2>&1
	awk '{ printf "%d %d %d\n", ($2 + $3) * 1000, $1 * 1000, $4 }' \
	    "$tmp/time" >>"$f"
}
avg_size() {
	find "$1" -name '*.pdf' -printf '%s\n' |
	    awk '{ s += $1; n++ } END { printf "%d", n ? s / n / 1024 : 0 }'
}
best() {	# the run with the least CPU
	sort -n "$1" | head -n 1
}
typst=tests/typst/handouts.mjs
if command -v node >/dev/null 2>&1 &&
    [ -d tests/typst/node_modules/@myriaddreamin ]; then
	: >"$tmp/lp.runs"
	: >"$tmp/ty.runs"
	i=0
	while [ $i -lt "$RUNS" ]; do
		rm -rf "$tmp/lp" "$tmp/ty"
		cpu_run "$tmp/lp.runs" "$BIN" build -q --only handouts \
		    --layout handout-a4 --out "$tmp/lp"
		cpu_run "$tmp/ty.runs" node "$typst" content fonts "$tmp/ty"
		i=$((i + 1))
	done
	set -- $(best "$tmp/lp.runs") $(best "$tmp/ty.runs")
	lps=$(avg_size "$tmp/lp")
	tys=$(avg_size "$tmp/ty")
	printf '\neight A4 handouts          CPU ms  wall ms  peak MB  avg PDF KB\n'
	printf 'leafpress               %8d %8d %8.1f %11d\n' "$1" "$2" \
	    "$(echo "$3" | awk '{ print $1 / 1024 }')" "$lps"
	printf 'Typst 0.14 (ua-1)       %8d %8d %8.1f %11d\n' "$4" "$5" \
	    "$(echo "$6" | awk '{ print $1 / 1024 }')" "$tys"
	awk -v a="$1" -v b="$4" -v s="$lps" -v t="$tys" 'BEGIN {
		printf "Typst / leafpress: CPU %.1fx, PDF size %.2fx\n",
		    (a ? b / a : 0), (s ? t / s : 0) }'
else
	echo "Typst comparison skipped: run make bench with npm available" \
	    "(tests/typst/ is installed from its package-lock.json)"
fi
