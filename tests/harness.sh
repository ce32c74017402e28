# Sourced first by the test scripts.  On its own a script gets the
# repository folder, the tool ($BIN), a scratch folder ($tmp, removed at
# exit) and the pass/fail counters; sourced from run.sh it finds them set
# and counts into run.sh's totals.  $alone says which.
if [ -z "${passed+set}" ]; then
	set -u
	top=$(cd "$(dirname "$0")/.." && pwd)
	cd "$top" || exit 2
	BIN=${LEAFPRESS:-./leafpress}
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT INT TERM
	passed=0
	failed=0
	pass() { passed=$((passed + 1)); }
	fail() { failed=$((failed + 1)); printf 'FAIL: %s\n' "$*"; }
	alone=1
else
	alone=0
fi

# release_content DIR: DIR/content is the shipped content as a clinic
# releases it: the publisher's details and logo filled in and a clinic
# file (tests/release), every leaflet and chapter approved.
release_content() {
	mkdir -p "$1"
	cp -R content "$1/content"
	cp -R tests/release/. "$1/content/"
	sed -i 's/^status: draft/status: approved/;
	    s/^approved_by: ""/approved_by: "Dr R. Patel, consultant"/;
	    s/^approved_on: ""/approved_on: 2026-11-30/' \
	    "$1"/content/therapies/*.md "$1"/content/chapters/*.md \
	    "$1"/content/*.md
}
