#!/bin/sh
# Run each named fuzzer (build-fuzz/fuzz_<name>) for FUZZ_SECONDS seconds
# on a working copy of its seed corpus tests/fuzz/corpus/<name>, and fail
# if any finds a crash, a leak, undefined behaviour or a timeout.  Prints
# the executions each one made.  A crash input is kept in
# build-fuzz/artifacts/ to be turned into a regression test.
#
#   sh tests/fuzz/run.sh frontmatter layout markdown image
#   FUZZ_SEED=1 sh tests/fuzz/run.sh image
set -u
cd "$(dirname "$0")/../.." || exit 2
secs=${FUZZ_SECONDS:-60}
# FUZZ_SEED=N repeats a run (CI uses one, so a landing is not decided by
# chance); without it each run explores afresh
seed=${FUZZ_SEED:+-seed=$FUZZ_SEED}
status=0
mkdir -p build-fuzz/artifacts
for name in "$@"; do
	bin=build-fuzz/fuzz_$name
	work=build-fuzz/corpus-$name
	log=build-fuzz/fuzz-$name.log
	case $name in
	image)	maxlen=65536 ;;
	markdown) maxlen=8192 ;;
	*)	maxlen=8192 ;;
	esac
	mkdir -p "$work"
	ASAN_OPTIONS=detect_leaks=1 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	"$bin" $seed -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 \
	    -max_len="$maxlen" -print_final_stats=1 \
	    -artifact_prefix="build-fuzz/artifacts/$name-" \
	    "$work" "tests/fuzz/corpus/$name" >"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" |
	    tail -n 1)
	if [ "$rc" -eq 0 ]; then
		printf 'fuzz %-12s %10s executions in %ss, no problem\n' \
		    "$name" "${runs:-?}" "$secs"
	else
		status=1
		printf 'FAIL: fuzz %s found a problem (exit %s) after %s ' \
		    "$name" "$rc" "${runs:-?}"
		echo "executions; see $log"
		grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)|artifact' \
		    "$log" | head -n 10 | sed 's/^/    /'
	fi
done
exit $status
