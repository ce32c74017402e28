# Sourced by run.sh.  The command line as a user meets it: run from
# another folder, a new content folder from init, clinics and targeted
# builds, usage errors, diagnostics forms, watch, the man page, the
# completion, and the installed binary.
cli="$tmp/cli"
mkdir -p "$cli/elsewhere"
ABS_BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
export SOURCE_DATE_EPOCH=1796083200

# lp ARGS...: run leafpress from $cli/elsewhere; rc, $cli/out, $cli/err
lp() {
	(cd "$cli/elsewhere" && "$ABS_BIN" "$@") >"$cli/out" 2>"$cli/err"
	rc=$?
}
# expect WHAT: the last run exited $1
expect_rc() {
	if [ "$rc" -eq "$1" ]; then pass; else
		fail "$2: exit $rc, want $1"; sed 's/^/    /' "$cli/err" | head -n 8
	fi
}
has() {	# has FILE TEXT WHAT
	if grep -qF -- "$2" "$1"; then pass; else
		fail "$3: no '$2' in"; sed 's/^/    /' "$1" | head -n 8
	fi
}
hasnt() {
	if grep -qF -- "$2" "$1"; then
		fail "$3: '$2' should not be in"; sed 's/^/    /' "$1" | head -n 8
	else pass; fi
}
# pdfs DIR: the PDFs under DIR, relative, sorted, one line
pdfs() {
	(cd "$1" 2>/dev/null && find . -name '*.pdf' | sed 's|^\./||' | sort |
	    tr '\n' ' ')
}
same() {	# same GOT WANT WHAT
	if [ "$1" = "$2" ]; then pass; else
		fail "$3: got '$1', want '$2'"
	fi
}

# --- init, then build from a folder that is not the repository ---
lp init "$cli/c"
expect_rc 0 "init"
lp build --content "$cli/c" --out "$cli/o1"
expect_rc 0 "build of a new content folder from elsewhere"
same "$(pdfs "$cli/o1")" "booklet-print.pdf booklet.pdf handouts/example.pdf large-print/example.pdf " \
    "init content builds every part"
# nothing to warn about: only what was written, folder by folder
if grep -qvx "leafpress: wrote [0-9]* files* in $cli/o1[a-z/-]*" "$cli/err" ||
    ! grep -qx "leafpress: wrote 1 file in $cli/o1/handouts" "$cli/err"; then
	fail "init content builds without a word but the summary"; sed 's/^/    /' "$cli/err" | head
else pass; fi
lp init "$cli/c"
expect_rc 2 "init into a folder that is not empty"

# --- where the layouts and fonts are: beside the binary, else the
# installed data folder, else a usage error; --layouts/--fonts override ---
mkdir -p "$cli/bare"
cp "$ABS_BIN" "$cli/bare/leafpress"
lpbare() {
	(cd "$cli/elsewhere" && "$cli/bare/leafpress" "$@") >"$cli/out" 2>"$cli/err"
	rc=$?
}
if [ ! -d /usr/local/share/leafpress/layouts ]; then
	lpbare build --content "$cli/c" --out "$cli/ob"
	expect_rc 2 "a binary with no layouts anywhere"
	same "$(grep -c . "$cli/err")" 1 "no layouts folder: one line, not one per layout"
	has "$cli/err" "no layouts folder" "no layouts folder: said"
	has "$cli/err" "--layouts DIR" "no layouts folder: says what to do"
	lpbare --list-layouts
	expect_rc 2 "--list-layouts with no layouts anywhere"
fi
lpbare build --content "$cli/c" --out "$cli/ob" -q --layouts "$top/layouts" \
    --fonts "$top/fonts"
expect_rc 0 "--layouts and --fonts given to a binary with no data beside it"
same "$(pdfs "$cli/ob")" "booklet-print.pdf booklet.pdf handouts/example.pdf large-print/example.pdf " \
    "--layouts and --fonts: every part built"
# an override wins over the layouts beside the binary
mkdir -p "$cli/mylayouts"
cp "$top/layouts/"*.yaml "$cli/mylayouts/"
sed -i '1s/.*/# handout-a4: my own handout/' "$cli/mylayouts/handout-a4.yaml"
lp --list-layouts --layouts "$cli/mylayouts/"
has "$cli/out" "my own handout" "--layouts overrides the layouts beside the binary"
has "$cli/out" "(in $cli/mylayouts)" "--layouts: the folder listed, without a trailing /"
lp build --content "$cli/c" --layouts "$cli/nosuch"
expect_rc 2 "--layouts with a missing folder"
has "$cli/err" "layouts folder '$cli/nosuch' not found" "--layouts nosuch: said"
lp build --content "$cli/c" --fonts "$cli/nosuch"
expect_rc 2 "--fonts with a missing folder"
# content/ with a slash: messages name content/x.md, not content//x.md
lp check --content "$cli/c/" --date 2099-01-01
has "$cli/err" "$cli/c/therapies/example.md:" "--content DIR/: files named once"
hasnt "$cli/err" "//" "--content DIR/: no double slash"

# --- clinics: two sets besides the default one ---
mkdir -p "$cli/c/clinics"
printf 'publisher:\n  name: "North Clinic"\n  phone: "0100 000 0002"\n' \
    >"$cli/c/clinics/north.yaml"
printf 'publisher:\n  name: "South Clinic"\n  phone: "0100 000 0003"\n' \
    >"$cli/c/clinics/south.yaml"
# a picture named relative to the Markdown file, one folder up
mkdir -p "$cli/c/images"
cp "$top/tests/cases/content/images/rgb.png" "$cli/c/images/rgb.png"
printf '\n![A test picture](../images/rgb.png)\n' >>"$cli/c/therapies/example.md"
sed 's/^id: EXAMPLE/id: SECOND/; s/^slug: example/slug: second/' \
    "$cli/c/therapies/example.md" >"$cli/c/therapies/second.md"
lp build --content "$cli/c" --out "$cli/o2" -q
expect_rc 0 "build with two clinics"
same "$(pdfs "$cli/o2" | tr ' ' '\n' | grep -c .)" 18 \
    "every set: 3 x (2 handouts x 2 layouts + booklet + print)"
pdftotext "$cli/o2/north/handouts/example.pdf" - 2>/dev/null | norm >"$cli/t"
has "$cli/t" "North Clinic" "the clinic's handout carries its name"
for pdf in "$cli/o2/handouts/second.pdf" "$cli/o2/booklet.pdf"; do
	same "$(pdfimages -list "$pdf" 2>/dev/null | tail -n +3 | grep -c image)" 1 \
	    "../images/rgb.png from therapies/ is found: $(basename "$pdf")"
done

# clinic files named so that they would not be used: said, never silent
cp -r "$cli/c" "$cli/near"
cp "$cli/near/clinics/north.yaml" "$cli/near/clinics/East.YAML"
cp "$cli/near/clinics/north.yaml" "$cli/near/clinics/.west.yaml"
lp check --content "$cli/near"
expect_rc 0 "clinic files not used are warnings, not errors"
has "$cli/err" "$cli/near/clinics/East.YAML: warning: not used: the name ends in '.YAML', and only '.yaml' files are read; rename it" \
    "a clinic file in capitals is named"
has "$cli/err" "$cli/near/clinics/.west.yaml: warning: not used: the name starts with '.', which hides the file" \
    "a hidden clinic file is named"
same "$(grep -c 'not used' "$cli/err")" 2 "each said once"
rm -rf "$cli/near"

# near misses from therapies/: the folder and the file, in any case
cp -r "$cli/c" "$cli/img"
rm -rf "$cli/img/clinics"
printf '\n![A](../Images/RGB.png)\n\n![B](../imges/rgb.png)\n\n![C](../nowhere/x.png)\n' \
    >>"$cli/img/therapies/second.md"
lp check --content "$cli/img" second
expect_rc 1 "pictures that are not there"
has "$cli/err" "'../Images/RGB.png': did you mean '../images/rgb.png'?" \
    "did you mean: case"
has "$cli/err" "'../imges/rgb.png': did you mean '../images/rgb.png'?" \
    "did you mean: a slip in the folder's name"
has "$cli/err" "'../nowhere/x.png' (looked for $cli/img/nowhere/x.png)" \
    "no near name: where it looked, from the Markdown file"
hasnt "$cli/err" "outside the content folder" "../ inside the content folder is not outside"
same "$(grep -c ': error: ' "$cli/err")" 3 "each missing picture said once"

# one mistake, two clinics: said once, counted once
cp -r "$cli/c" "$cli/bad"
printf '\nSee the study [@nosuch].\n' >>"$cli/bad/therapies/second.md"
lp check --content "$cli/bad"
expect_rc 1 "one bad citation"
same "$(grep -c "unknown reference '@nosuch'" "$cli/err")" 1 \
    "a problem in every set is reported once"
same "$(tail -n 1 "$cli/err")" "leafpress: 1 error, 0 warnings" \
    "the count matches the messages"
# a problem only one clinic has names the clinic
printf 'publisher:\n  name: "East Clinic"\n  logo: "images/none.png"\n' \
    >"$cli/bad/clinics/east.yaml"
lp check --content "$cli/bad" --only booklet
has "$cli/err" "(clinic east)" "a clinic's own problem names the clinic"

# a problem in one layout only names it, once for all three sets
cp -r "$cli/c" "$cli/wide"
printf '\n| Column one | Column two | Column three | Column four | Column five | Column six | Column seven |\n|---|---|---|---|---|---|---|\n| some words | some words | some words | some words | some words | some words | some words |\n' \
    >>"$cli/wide/therapies/second.md"
lp check --content "$cli/wide"
expect_rc 0 "a table too wide for large print"
same "$(grep -c 'this table is too wide' "$cli/err")" 1 \
    "a layout's problem is said once, however many sets"
has "$cli/err" "split it into smaller tables (layout large-print-a4)" \
    "a layout's own problem names the layout"
same "$(tail -n 1 "$cli/err")" "leafpress: 0 errors, 1 warning" \
    "a layout's problem is counted once"
# on a terminal each set's progress is labelled with its clinic
if command -v script >/dev/null 2>&1; then
	(cd "$cli/elsewhere" && TERM=xterm script -qec "'$ABS_BIN' build \
	    --content '$cli/c' --out '$cli/op'" /dev/null) >"$cli/tty" 2>&1
	has "$cli/tty" "north [1/2] " "progress on a terminal names the clinic"
	has "$cli/tty" "south [2/2] " "progress on a terminal names each clinic"
fi

# --clinic NAME: that set only, and the rest is said
lp build --content "$cli/c" --out "$cli/o3" --clinic north example
expect_rc 0 "--clinic north example"
same "$(pdfs "$cli/o3")" "north/handouts/example.pdf north/large-print/example.pdf " \
    "--clinic builds that clinic's handouts only"
has "$cli/err" "the default set is not built" "--clinic says the default set is skipped"
has "$cli/err" "the booklet is not" "naming files says the booklet is skipped"
lp build --content "$cli/c" --out "$cli/o3" --clinic north --clinic nosuch
expect_rc 2 "--clinic with an unknown clinic"
has "$cli/err" "unknown clinic 'nosuch'" "unknown clinic message"
has "$cli/err" "north, south" "unknown clinic lists the clinics"

# SLUG alone: that handout in every set, the default one and each clinic's
lp build --content "$cli/c" --out "$cli/o3s" -q second
expect_rc 0 "build SLUG with clinics"
same "$(pdfs "$cli/o3s")" "handouts/second.pdf large-print/second.pdf north/handouts/second.pdf north/large-print/second.pdf south/handouts/second.pdf south/large-print/second.pdf " \
    "build SLUG builds that handout in each clinic's set too"

# --only PART
lp build --content "$cli/c" --out "$cli/o4" --only booklet
expect_rc 0 "--only booklet"
same "$(pdfs "$cli/o4")" "booklet.pdf north/booklet.pdf south/booklet.pdf " \
    "--only booklet writes the booklets only"
has "$cli/err" "not building handouts, large-print, print, html" \
    "--only says what is skipped"
lp build --content "$cli/c" --out "$cli/o5" --only large-print,print \
    --clinic south
expect_rc 0 "--only large-print,print --clinic south"
same "$(pdfs "$cli/o5")" "south/booklet-print.pdf south/large-print/example.pdf south/large-print/second.pdf " \
    "--only large-print,print"

lp build --content "$cli/c" --out "$cli/o9" --only html --clinic north
expect_rc 0 "--only html --clinic north"
same "$(pdfs "$cli/o9")" "" "--only html writes no PDF"
same "$(cd "$cli/o9" && find . -name '*.html' | sort | tr '\n' ' ')" \
    "./north/html/booklet-large-print.html ./north/html/booklet.html ./north/html/example-large-print.html ./north/html/example.html ./north/html/second-large-print.html ./north/html/second.html " \
    "--only html writes that clinic's web edition"

# -o FILE: one handout to a file of one's choosing
lp build --content "$cli/c" -o "$cli/one/tace-for-ward.pdf" example
expect_rc 0 "-o FILE SLUG"
same "$(pdfs "$cli/one") $(pdfs "$cli/elsewhere")" "tace-for-ward.pdf  " \
    "-o writes exactly one file"
has "$cli/err" "-o writes the handout in one layout (handout-a4)" \
    "-o says which layout"
lp build --content "$cli/c" -o "$cli/two.pdf" example second
expect_rc 2 "-o with two inputs"
lp build --content "$cli/c" -o "$cli/two.pdf"
expect_rc 2 "-o with no input"

# --layout builds handouts only, and says so
lp build --content "$cli/c" --out "$cli/o6" --layout handout-letter
expect_rc 0 "--layout handout-letter"
has "$cli/err" "--layout builds handouts only: the booklet is not built" \
    "--layout says the booklet is skipped"
same "$(pdfs "$cli/o6" | tr ' ' '\n' | grep -c 'handout-letter/')" 6 \
    "--layout: each set's handouts in that layout"

# --- usage errors exit 2 with one plain message ---
for args in "--layout nosuch" "--content nosuch" "--only leaflets" \
    "--jobs 0" "--jobs many" "-jx" "--diagnostics xml" "--color sometimes" \
    "--date 2026-02-30" "--bogus" "--out" "exampel" "nosuch.md" \
    "example $cli/c/therapies/second.md" "--clinic nosuch"; do
	# shellcheck disable=SC2086
	lp build --content "$cli/c" $args
	expect_rc 2 "build $args"
	hasnt "$cli/err" "errors," "build $args: no error count"
done
lp build --layout nosuch --content "$cli/c"
has "$cli/err" "unknown layout 'nosuch'" "unknown layout message"
has "$cli/err" "handout-a4" "unknown layout lists the layouts"
lp build --content nosuch
same "$(wc -l <"$cli/err")" 1 "a missing content folder is one line"
has "$cli/err" "content folder 'nosuch' not found" "missing content folder"
lp frobnicate
expect_rc 2 "unknown command"
lp build --content "$cli/c" exampel
has "$cli/err" "no therapy 'exampel'" "an unknown therapy is said"
has "$cli/err" "did you mean 'example'?" "an unknown therapy: did you mean"
same "$(grep -c . "$cli/err")" 1 "an unknown therapy is one line"

# --- small conveniences ---
lp -V
expect_rc 0 "-V"
if grep -Eq '^leafpress [0-9]+\.[0-9]+\.[0-9]+$' "$cli/out"; then pass; else
	fail "-V prints the version"; fi
lp --list-layouts
expect_rc 0 "--list-layouts"
for l in booklet-a5 handout-a4 handout-letter large-print-a4; do
	has "$cli/out" "$l" "--list-layouts lists $l"
done
has "$cli/out" "large print" "--list-layouts describes each layout"
lp build --content "$cli/c" --out "$cli/o7" --jobs 2 -q
expect_rc 0 "--jobs 2"
for f in booklet.pdf north/handouts/example.pdf; do
	if cmp -s "$cli/o7/$f" "$cli/o2/$f"; then pass; else
		fail "--jobs 2 writes the same $f as the default (one job)"; fi
done
lp build --content "$cli/c" --out "$cli/o7j" -j2 -q -o"$cli/o7j/one.pdf" second
expect_rc 0 "-j2 -oFILE: short options with their values attached"
same "$(pdfs "$cli/o7j")" "one.pdf " "-oFILE writes that file"

# --- diagnostics: JSON, the full form, a terminal ---
lp build --content "$top/tests/cases/content" --out "$cli/o8" \
    --diagnostics=json "$top/tests/cases/cite-unknown.md"
expect_rc 1 "--diagnostics=json"
if python3 - "$cli/err" <<'EOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert rows, "no output"
for r in rows:
    assert set(r) >= {"file", "line", "column", "severity", "message", "hint"}, r
    assert isinstance(r["line"], int) and isinstance(r["column"], int), r
r = rows[0]
assert r["file"].endswith("cite-unknown.md") and r["severity"] == "error", r
assert r["line"] > 0 and r["column"] > 0 and r["hint"], r
EOF
then pass; else fail "--diagnostics=json: one object per problem"; fi

lp build --content "$top/tests/cases/content" --out "$cli/o8" \
    --diagnostics=full "$top/tests/cases/cite-unknown.md"
# the message, then the source line, then a caret under the column
col=$(sed -n '1s/^[^:]*:[0-9]*:\([0-9]*\):.*/\1/p' "$cli/err")
line=$(sed -n '1s/^[^:]*:\([0-9]*\):.*/\1/p' "$cli/err")
src=$(sed -n "${line}p" "$top/tests/cases/cite-unknown.md")
same "$(sed -n 3p "$cli/err")" "$line | $src" "--diagnostics=full shows the source line"
caret=$(sed -n 4p "$cli/err" | sed 's/^ *| //' | awk '{ print index($0, "^") }')
same "$caret" "$col" "--diagnostics=full puts the caret under the column"
# on a terminal: the full form in colour; through a pipe: one line
if command -v script >/dev/null 2>&1; then
	(cd "$cli/elsewhere" && TERM=xterm script -qec "'$ABS_BIN' build \
	    --content '$top/tests/cases/content' --out '$cli/o8' \
	    '$top/tests/cases/cite-unknown.md'" /dev/null) >"$cli/tty" 2>&1
	has "$cli/tty" "$(printf '\033[1;31merror')" "a terminal shows colour"
	has "$cli/tty" "^" "a terminal shows the caret"
fi
lp build --content "$top/tests/cases/content" --out "$cli/o8" \
    "$top/tests/cases/cite-unknown.md"
same "$(grep -c . "$cli/err")" \
    "$(($(grep -Ec '^[^ ]+:[0-9]+:[0-9]+: error: ' "$cli/err") + 1))" \
    "off a terminal: one line a problem, and the summary"
hasnt "$cli/err" "$(printf '\033')" "off a terminal: no colour"

# --- watch: a save rebuilds that handout within moments ---
cp -r "$cli/c" "$cli/w"
rm -rf "$cli/w/clinics"
(cd "$cli/elsewhere" && exec "$ABS_BIN" watch --content "$cli/w" \
    --out "$cli/wo") >"$cli/watch.out" 2>"$cli/watch.err" &
watch_pid=$!
waited=0
until grep -q "watching" "$cli/watch.err" || [ $waited -ge 300 ]; do
	sleep 0.1; waited=$((waited + 1))
done
has "$cli/watch.err" "watching $cli/w for changes" "watch starts with a build"
# sed -i saves as editors do: a temporary file beside it, renamed over it
sed -i 's/^## What happens on the day?/## What happens when you arrive?/' \
    "$cli/w/therapies/example.md"
waited=0
until grep -q "rebuilt the booklet" "$cli/watch.err" || [ $waited -ge 300 ]; do
	sleep 0.1; waited=$((waited + 1))
done
kill -TERM "$watch_pid" 2>/dev/null
wait "$watch_pid"
wrc=$?
has "$cli/watch.err" "example.md changed: rebuilt its handouts in" \
    "watch rebuilds the handouts of the file saved"
has "$cli/watch.err" "example.md changed: rebuilt the booklet in" \
    "watch then rebuilds the booklet"
hasnt "$cli/watch.err" "rebuilt everything" \
    "watch: the temporary file of a save is not a change of its own"
# the time watch reports for the handouts (the machine may be busy: a
# loose bound; make bench measures it)
t=$(sed -n 's/.*example.md changed: rebuilt its handouts in \([0-9.]*\) s$/\1/p' \
    "$cli/watch.err")
if [ -n "$t" ] && awk "BEGIN { exit !($t < 5) }"; then pass; else
	fail "watch: the handouts rebuilt in '$t' s"; fi
has "$cli/watch.err" "stopped watching" "watch stops on SIGTERM"
same "$wrc" 0 "watch exits 0 when stopped"
pdftotext "$cli/wo/handouts/example.pdf" - 2>/dev/null | norm >"$cli/t"
has "$cli/t" "What happens when you arrive?" "the rebuilt handout has the change"

# --- the help, the man page and the README agree ---
lp --help
expect_rc 0 "--help"
# the option lists of --help, the man page's OPTIONS, the README's
# option table and the completion are the same
grep -Eo -- '(^|[ ,])--?[a-zA-Z][a-z-]*' "$cli/out" | sed 's/^[ ,]*//' |
    sort -u | tr '\n' ' ' >"$cli/help.opts"
sed 's/\\-/-/g' "$top/leafpress.1" >"$cli/man.txt"
sed -n '/^## Usage/,/^## Content format/p' "$top/README.md" >"$cli/readme.txt"
sed -n '/^\.SH OPTIONS/,/^\.SH [^O]/p' "$cli/man.txt" | grep -A1 '^\.TP' |
    grep -v '^\.TP\|^--$' | grep -Eo -- '(^|[ "])--?[a-zA-Z][a-z-]*' |
    sed 's/^[ "]*//' | sort -u | tr '\n' ' ' >"$cli/man.opts"
grep '^| `-' "$cli/readme.txt" | cut -d'|' -f2 |
    grep -Eo -- '`--?[a-zA-Z][a-z-]*' | tr -d '`' | sort -u |
    tr '\n' ' ' >"$cli/readme.opts"
sed -n '/local opts="/,/"$/p' "$top/leafpress.bash-completion" |
    grep -Eo -- '--?[a-zA-Z][a-z-]*' | sort -u | tr '\n' ' ' >"$cli/bash.opts"
help_opts=$(cat "$cli/help.opts")
case $help_opts in *--only*--output*) pass ;; *)
	fail "the options of --help are read: '$help_opts'" ;; esac
same "$(cat "$cli/man.opts")" "$help_opts" "the man page's options are --help's"
same "$(cat "$cli/readme.opts")" "$help_opts" "the README's options are --help's"
same "$(cat "$cli/bash.opts")" "$help_opts" "the completion's options are --help's"
for cmd in build check watch init; do
	has "$cli/man.txt" ".B $cmd" "the man page documents $cmd"
	has "$cli/readme.txt" "leafpress $cmd" "the README documents $cmd"
done
if command -v man >/dev/null 2>&1; then
	LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -l \
	    "$top/leafpress.1" 2>"$cli/man.err" >/dev/null
	if [ -s "$cli/man.err" ]; then
		fail "man --warnings"; sed 's/^/    /' "$cli/man.err" | head
	else pass; fi
fi

# --- bash completion ---
if [ -f /usr/share/bash-completion/bash_completion ]; then
	complete_words() {	# complete_words CWORD WORD...
		bash -c '. /usr/share/bash-completion/bash_completion
		    . "$1"; shift; COMP_CWORD=$1; shift
		    COMP_WORDS=("$@"); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
		    _leafpress leafpress "${COMP_WORDS[COMP_CWORD]}" \
		        "${COMP_WORDS[COMP_CWORD-1]}"
		    printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "' \
		    sh "$top/leafpress.bash-completion" "$@"
	}
	same "$(complete_words 1 leafpress b)" "build " "completion: commands"
	same "$(complete_words 3 leafpress build --only l)" "large-print " \
	    "completion: --only parts"
	same "$(complete_words 5 leafpress build --content "$cli/c" --clinic '')" \
	    "north south " "completion: clinic names from --content"
	same "$(complete_words 2 leafpress check --diag)" "--diagnostics " \
	    "completion: options"
fi

# --- the installed binary (make install PREFIX=...) ---
# Only beside the normal build: it shares that build's objects.
if [ "$BUILD" = build ] && [ -z "${LEAFPRESS_NO_INSTALL_TEST:-}" ]; then
	inst2="$cli/inst2"
	if make -s --no-print-directory install PREFIX="$cli/inst1" \
	    >"$cli/make.out" 2>&1 &&
	    make -s --no-print-directory install PREFIX="$inst2" \
	    >>"$cli/make.out" 2>&1; then pass; else
		fail "make install"; sed 's/^/    /' "$cli/make.out" | tail
	fi
	# the installed binary, run from elsewhere, builds a content folder
	(cd "$cli/elsewhere" && "$cli/inst1/bin/leafpress" build -q \
	    --content "$cli/c" --out "$cli/io") >"$cli/out" 2>"$cli/err"
	rc=$?
	expect_rc 0 "the installed binary builds"
	same "$(pdfs "$cli/io" | tr ' ' '\n' | grep -c .)" 18 \
	    "the installed binary writes every file"
	# PREFIX changed: the second binary knows its own data folder even
	# when moved away from it
	mkdir -p "$cli/lone"
	cp "$inst2/bin/leafpress" "$cli/lone/leafpress"
	"$cli/lone/leafpress" --list-layouts >"$cli/out" 2>&1
	has "$cli/out" "(in $inst2/share/leafpress/layouts)" \
	    "make install rebuilds for a new PREFIX"
	if LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l \
	    "$inst2/share/man/man1/leafpress.1" 2>&1 >/dev/null | grep -q .; then
		fail "the installed man page"
	else pass; fi
	[ -f "$inst2/share/bash-completion/completions/leafpress" ] && pass ||
	    fail "the completion is installed"
	make -s --no-print-directory uninstall PREFIX="$inst2" >/dev/null 2>&1
	same "$(find "$inst2" -type f | wc -l)" 0 "make uninstall removes every file"
fi
unset SOURCE_DATE_EPOCH
