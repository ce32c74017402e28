#!/bin/sh
# The editorial rules of the shipped content, checked where a reader meets
# them (the text of the built PDFs) and, for citations, in the Markdown:
#   - every handout says a NET in the liver is not liver cancer, that it
#     comes in large print, and ends its own text with "Finding out more";
#     no handout sends the reader to a booklet they may not have;
#   - the booklet never speaks of "this leaflet" (text for one output only);
#   - one name for the care team: no "(check with your team)" tag and no
#     bare "your team" in the content;
#   - one citation of a source per paragraph.
# Sourced by run.sh after e2e.sh (whose build it reuses); alone:
#   sh tests/content.sh
. "$(dirname "$0")/harness.sh"

out=${e2e_out:-}
if [ -z "$out" ] || [ ! -f "$out/booklet.pdf" ]; then
	out="$tmp/content"
	mkdir -p "$out"
	SOURCE_DATE_EPOCH=1796083200 "$BIN" build -q --out "$out" \
	    --only handouts,booklet >/dev/null 2>"$tmp/content.stderr" ||
	    fail "content: build exited $?"
fi
flat() {
	pdftotext "$1" - 2>/dev/null | tr '\n\f' '  ' |
	    sed "s/’/'/g; s/  */ /g"
}

for md in content/therapies/*.md; do
	slug=$(basename "$md" .md)
	flat "$out/handouts/$slug.pdf" >"$tmp/content.txt"
	missing=
	for want in "A NET in the liver is not liver cancer" "large print" \
	    "Finding out more"; do
		grep -qF -- "$want" "$tmp/content.txt" || missing="$missing [$want]"
	done
	grep -qi "booklet" "$tmp/content.txt" && missing="$missing [mentions a booklet]"
	if [ -z "$missing" ]; then pass; else fail "content: $slug handout:$missing"; fi
done

flat "$out/booklet.pdf" >"$tmp/content.txt"
n=$(grep -oi "leaflet" "$tmp/content.txt" | wc -l)
if [ "$n" -eq 0 ]; then pass; else fail "content: the booklet says \"leaflet\" $n times"; fi

if grep -rniE "check with your team|(^|[^e] )your team\b" content \
    >"$tmp/content.grep"; then
	fail "content: say \"your care team\":"
	sed 's/^/    /' "$tmp/content.grep" | head -n 10
else
	pass
fi

if python3 - content/therapies/*.md content/chapters/*.md <<'PY' >"$tmp/content.cite"
import re, sys
seen = set()
for path in sys.argv[1:]:
    text = open(path, encoding="utf-8").read()
    body_at = text.index("\n---\n", 4) + 5
    # each output on its own: the other's text becomes blank lines
    for other in ("booklet", "handout"):
        body = re.sub(r"<!-- only: %s -->.*?<!-- end only -->" % other,
                      lambda m: "\n" * m.group(0).count("\n"),
                      text[body_at:], flags=re.S)
        body = re.sub(r"<!-- (only: \w+|end only) -->", "", body)
        first = text[:body_at].count("\n") + 1
        for m in re.finditer(r"(?:[^\n]|\n(?![ \t>]*\n))+", body):
            para = m.group(0)
            at = m.start() + len(para) - len(para.lstrip("\n"))
            line = first + body.count("\n", 0, at)
            keys = re.findall(r"@([\w:.-]+)",
                              " ".join(re.findall(r"\[@[^\]]*\]", para)))
            twice = sorted({k for k in keys if keys.count(k) > 1})
            if twice:
                seen.add(f"{path}:{line}: cites {', '.join(twice)} more than once")
print("\n".join(sorted(seen)))
sys.exit(1 if seen else 0)
PY
then pass; else
	fail "content: a source cited twice in one paragraph:"
	sed 's/^/    /' "$tmp/content.cite" | head -n 10
fi

if [ "$alone" = 1 ]; then
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
fi
