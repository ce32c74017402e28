#!/bin/sh
# make check-robust: what happens to the output folder when a build is
# killed or the disk misbehaves.
#
#  a) a build of 200 handouts is killed (SIGKILL) at several moments,
#     sometimes with its render processes, sometimes alone: every PDF is
#     then byte for byte one of the two complete builds it could be (never
#     cut short), and after the next complete build no temporary file is
#     left;
#  b) two builds with the same SOURCE_DATE_EPOCH (one rendering in
#     parallel, one not) are byte-identical; two builds into one folder at
#     the same time both succeed;
#  c) an output folder that does not exist is created; an output path that
#     is a file, a read-only folder and a full disk each give their exact
#     message and exit status 3 and leave the previous file untouched.
#     The last two need mount (root); without it they say SKIPPED.
#
#   sh tests/robust.sh            KILL_AT="0.02 0.1 1" to choose moments
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
BIN=${LEAFPRESS:-./leafpress}
case $BIN in /*) ;; *) BIN="$top/$BIN" ;; esac
KILL_AT=${KILL_AT:-0.02 0.05 0.1 0.2 0.5 1 2 3 5}
EA=1796083200
EB=1798761600
tmp=$(mktemp -d)
mounts=
cleanup() {
	for m in $mounts; do umount "$m" 2>/dev/null; done
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# a private copy: a rebuild of the tool during the test must not count
# (with the layouts and fonts beside it, where an installed copy finds them)
mkdir -p "$tmp/bin" "$tmp/share/leafpress" || exit 2
cp "$BIN" "$tmp/bin/leafpress" || exit 2
ln -s "$top/layouts" "$top/fonts" "$tmp/share/leafpress/" || exit 2
BIN="$tmp/bin/leafpress"
passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); printf 'FAIL: %s\n' "$*"; }
skip() {
	echo "**********************************************************"
	printf 'SKIPPED: %s\n' "$*"
	echo "**********************************************************"
}

# --- a corpus of 200 handouts: the shipped ones and 24 copies of each ---
corpus="$tmp/content"
cp -r content "$corpus"
for f in content/therapies/*.md; do
	s=$(basename "$f" .md)
	for n in 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20 \
	    21 22 23 24; do
		sed -e "s/^slug: .*/slug: $s-$n/" \
		    -e "s/^id: \\(.*\\)/id: \\1-$n/" "$f" >"$corpus/therapies/$s-$n.md"
	done
done
nsrc=$(ls "$corpus"/therapies/*.md | wc -l)

build() {	# EPOCH OUT [options...]: a complete build of the corpus
	e=$1 o=$2
	shift 2
	SOURCE_DATE_EPOCH=$e "$BIN" build -q --content "$corpus" --out "$o" \
	    "$@" >"$tmp/build.out" 2>&1
}

t0=$(date +%s)
if build $EA "$tmp/ref-a" && build $EB "$tmp/ref-b"; then
	pass
else
	fail "the corpus of $nsrc handouts does not build"
	sed 's/^/    /' "$tmp/build.out" | head -n 10
	echo "$passed passed, $failed failed"
	exit 1
fi
secs=$(( $(date +%s) - t0 ))
(cd "$tmp/ref-a" && find . -name '*.pdf' | sort) >"$tmp/pdfs"
npdf=$(wc -l <"$tmp/pdfs")
echo "robust: $nsrc handouts, $npdf PDFs per build, two builds in ${secs}s"
if [ "$npdf" -gt 300 ] && ! cmp -s "$tmp/ref-a/handouts/tae.pdf" \
    "$tmp/ref-b/handouts/tae.pdf"; then
	pass
else
	fail "expected over 300 PDFs differing between the two dates"
fi

# every PDF of the output folder is one of the two complete versions
check_state() {	# WHAT
	bad=0
	while IFS= read -r f; do
		if [ ! -f "$out/$f" ]; then
			echo "    $f is missing"
			bad=$((bad + 1))
		elif ! cmp -s "$out/$f" "$tmp/ref-a/$f" &&
		    ! cmp -s "$out/$f" "$tmp/ref-b/$f"; then
			bad=$((bad + 1))
			[ "$bad" -le 5 ] || continue
			sz=$(wc -c <"$out/$f")
			echo "    $f ($sz bytes) is neither complete version;" \
			    "qpdf says: $(qpdf --check "$out/$f" 2>&1 |
			    grep -v 'qpdf cannot detect' | tail -n 1)"
		fi
	done <"$tmp/pdfs"
	extra=$(cd "$out" && find . -name '*.pdf' | sort | comm -13 "$tmp/pdfs" -)
	if [ -n "$extra" ]; then
		echo "    unexpected PDFs: $extra" | head -n 5
		bad=$((bad + 1))
	fi
	if [ "$bad" -eq 0 ]; then pass; else
		fail "$1: $bad PDFs damaged"
	fi
}

# --- a) kill the build at several moments ---
out="$tmp/out"
cp -r "$tmp/ref-a" "$out"
e=$EB
i=0
left=0
for at in $KILL_AT; do
	i=$((i + 1))
	# its own process group, so its render processes can be found
	SOURCE_DATE_EPOCH=$e setsid "$BIN" build -q --content "$corpus" \
	    --out "$out" >/dev/null 2>&1 &
	pid=$!
	sleep "$at"
	if [ $((i % 2)) = 1 ]; then
		how="with its render processes"
		kill -KILL -- "-$pid" 2>/dev/null
	else
		how="alone (its render processes finish)"
		kill -KILL "$pid" 2>/dev/null
	fi
	wait "$pid" 2>/dev/null
	# nothing of the session may still write when we look (zombies
	# waiting for init to reap them write nothing)
	n=0
	while ps -s "$pid" -o stat= 2>/dev/null | grep -qv '^Z' &&
	    [ $n -lt 100 ]; do
		sleep 0.1
		n=$((n + 1))
	done
	tmps=$(find "$out" -name '*.leafpress-tmp' | wc -l)
	left=$((left + tmps))
	echo "robust: killed after ${at}s $how; $tmps temporary files left" \
	    "$(find "$out" -name '*.leafpress-tmp' | head -n 2 |
	    sed "s|^$out/||")"
	check_state "killed after ${at}s"
	if [ $e = $EB ]; then e=$EA; else e=$EB; fi
done
[ "$left" -gt 0 ] || echo "robust: (no kill landed inside a file write)"

# what a kill inside a write leaves, planted for certain: old-style and
# dead-process temporary files in every output folder
true &
dead=$!
wait "$dead"
for d in "$out" "$out/handouts" "$out/large-print"; do
	printf 'half a PDF' >"$d/.tae.pdf.leafpress-tmp"
	printf 'half a PDF' >"$d/.tae.pdf.$dead.leafpress-tmp"
done

# the next complete build leaves no temporary file and matches ref-a (b)
if LEAFPRESS_JOBS=1 build $EA "$out"; then pass; else
	fail "the build after the kills failed"
	sed 's/^/    /' "$tmp/build.out" | head -n 10
fi
if [ -z "$(find "$out" -name '*.leafpress-tmp' | head -n 1)" ]; then
	pass
else
	fail "temporary files remain after a complete build:" \
	    "$(find "$out" -name '*.leafpress-tmp' | head -n 3)"
fi

# --- b) reproducible: same epoch, byte-identical (parallel or not) ---
if diff -r "$tmp/ref-a" "$out" >"$tmp/diff.out" 2>&1; then
	pass
else
	fail "two builds with the same SOURCE_DATE_EPOCH differ"
	sed 's/^/    /' "$tmp/diff.out" | head -n 5
fi

# two builds into one folder at once both succeed, every PDF complete
SOURCE_DATE_EPOCH=$EB "$BIN" build -q --content "$corpus" --out "$out" \
    >"$tmp/c1.out" 2>&1 &
p1=$!
SOURCE_DATE_EPOCH=$EA "$BIN" build -q --content "$corpus" --out "$out" \
    >"$tmp/c2.out" 2>&1
r2=$?
wait "$p1"
r1=$?
if [ "$r1" = 0 ] && [ "$r2" = 0 ]; then pass; else
	fail "two builds at once into one folder: exit $r1 and $r2"
	cat "$tmp/c1.out" "$tmp/c2.out" | sed 's/^/    /' | head -n 6
fi
check_state "two builds at once"

# --- c) output folder problems, one handout in one layout ---
one() {	# OUT: build tae alone; sets rc and the file err
	SOURCE_DATE_EPOCH=$EA "$BIN" build -q --layout handout-a4 --only handouts \
	    --out "$1" tae >/dev/null 2>"$tmp/err"
	rc=$?
}
expect() {	# WHAT RC MESSAGE...: exit status and exact messages
	what=$1 want=$2
	shift 2
	: >"$tmp/want"
	[ $# -gt 0 ] && printf '%s\n' "$@" >"$tmp/want"
	if [ "$rc" = "$want" ] && diff -u "$tmp/want" "$tmp/err" \
	    >"$tmp/diff.out"; then
		pass
	else
		fail "$what: exit $rc (want $want), messages:"
		sed 's/^/    /' "$tmp/diff.out" | head -n 10
	fi
}
untouched() {	# WHAT FILE: still the previous file, no temporary file
	if [ "$(cat "$2")" = previous ] &&
	    [ -z "$(find "$(dirname "$2")" -name '*.leafpress-tmp')" ]; then
		pass
	else
		fail "$1: the previous file was changed or a temporary" \
		    "file was left"
	fi
}

# the output folder does not exist yet
one "$tmp/new/deeper/out"
expect "missing output folder" 0
if qpdf --check "$tmp/new/deeper/out/handouts/tae.pdf" >/dev/null 2>&1; then
	pass
else
	fail "missing output folder: no valid handouts/tae.pdf written"
fi

# the output path is a file
printf 'previous\n' >"$tmp/afile"
one "$tmp/afile"
expect "output path is a file" 3 \
    "$tmp/afile: fatal: this is a file, not a folder, so nothing can be written into it: rename or remove the file, or choose another output folder with --out" \
    "leafpress: 1 error, 0 warnings"
untouched "output path is a file" "$tmp/afile"

# a read-only output folder (root ignores permissions: a read-only mount)
ro="$tmp/ro"
mkdir -p "$ro/handouts"
printf 'previous\n' >"$ro/handouts/tae.pdf"
if mount --bind "$ro" "$ro" 2>/dev/null; then
	mounts="$ro $mounts"
	if mount -o remount,ro,bind "$ro" 2>/dev/null &&
	    ! touch "$ro/probe" 2>/dev/null; then
		one "$ro"
		expect "read-only output folder" 3 \
		    "$ro/handouts/tae.pdf: fatal: cannot write the file: Read-only file system (choose an output folder you may write to with --out; the previous file was kept)" \
		    "leafpress: 1 error, 0 warnings"
		untouched "read-only output folder" "$ro/handouts/tae.pdf"
	else
		skip "read-only output folder: cannot remount read-only"
	fi
	umount "$ro" && mounts=
else
	skip "read-only output folder: mount is not permitted here" \
	    "(run as root with mount rights)"
fi

# a full disk: a 16 KiB file system, smaller than one handout (a packed
# handout is about 40 KiB)
full="$tmp/full"
mkdir -p "$full"
if mount -t tmpfs -o size=16k leafpress-full "$full" 2>/dev/null; then
	mounts="$full $mounts"
	mkdir -p "$full/handouts"
	printf 'previous\n' >"$full/handouts/tae.pdf"
	one "$full"
	expect "disk full" 3 \
	    "$full/handouts/tae.pdf: fatal: cannot write the file: No space left on device (free some space and build again; the previous file was kept)" \
	    "leafpress: 1 error, 0 warnings"
	untouched "disk full" "$full/handouts/tae.pdf"
	umount "$full" && mounts=
else
	skip "disk full: mounting a small tmpfs is not permitted here" \
	    "(run as root with mount rights)"
fi

echo "robust: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
