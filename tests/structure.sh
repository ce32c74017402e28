# Sourced by run.sh.  A diagnostic from a booklet chapter names that
# chapter's own file and line, wherever in the pipeline it arises (here:
# typesetting, a character no font has), never the site file.
st="$tmp/st-chapters"
rm -rf "$st"
mkdir -p "$st"
cp -R content "$st/content"
for ch in about-this-booklet nets-and-the-liver; do
	f="$st/content/chapters/$ch.md"
	n=$(grep -n '^## ' "$f" | head -n 1 | cut -d: -f1)
	sed -i "${n}s/^## /## \xe6\xbc\xa2 /" "$f"
done
SOURCE_DATE_EPOCH=1796083200 "$BIN" build -q --content "$st/content" \
	--out "$st/out" >/dev/null 2>"$tmp/st.err"
for ch in about-this-booklet nets-and-the-liver; do
	f="$st/content/chapters/$ch.md"
	n=$(grep -n '^## ' "$f" | head -n 1 | cut -d: -f1)
	if grep -qF "$f:$n:4: error: no font of the layout has the character U+6F22" \
	    "$tmp/st.err"; then
		pass
	else
		fail "chapter diagnostics: $ch.md:$n not named"
		sed 's/^/    /' "$tmp/st.err" | head -n 5
	fi
done
if grep -q 'site\.yaml.*U+6F22' "$tmp/st.err"; then
	fail "chapter diagnostics: a chapter's problem named site.yaml"
else
	pass
fi
