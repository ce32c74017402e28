#!/bin/sh
# The web edition: every page the build writes under html/ (each handout
# and the booklet, standard and large print) opened in headless Chromium
# through puppeteer-core, one browser for all of them: axe-core finds no
# WCAG 2.2 A/AA violation, nothing scrolls sideways at 320 and 360 px or
# at 200% zoom, no word is cut without a hyphen, nothing is loaded from
# elsewhere, internal links, citations and glossary terms link both ways,
# governance is in <meta> and on screen, every kind of link shows a
# readable focus (a term its definition), the print stylesheet hides the
# screen-only parts, a handout's words are its PDF's (the PDF's tagged
# text), and html-validate finds no markup error.  The release set
# (approved, with a clinic and a logo; see release.sh) gets its pages
# too: no draft notice, tel:, mailto: and web links in the contact
# details and phone numbers in the text, the logo.
#
#   sh tests/web.sh      on its own ("make check-web"), builds first
#   . tests/web.sh       from run.sh, after e2e.sh: counts into its totals
#
# Chromium comes from Debian (make deps-test), puppeteer-core, axe-core
# and html-validate from npm (tests/web/package-lock.json, "make webtest").
. "$(dirname "$0")/harness.sh"

wb_dir="$tmp/web"
mkdir -p "$wb_dir"
if [ -n "${e2e_out:-}" ] && [ -d "$e2e_out/html" ]; then
	wb_out=$e2e_out
else
	wb_out="$wb_dir/out"
	SOURCE_DATE_EPOCH=1796083200 "$BIN" build -q --out "$wb_out" \
	    >/dev/null 2>"$wb_dir/build.err" || {
		fail "web: build of the shipped content"
		sed 's/^/    /' "$wb_dir/build.err" | head
	}
fi

wb_run() {
	# node and the npm packages: make webtest installs them
	if ! command -v node >/dev/null 2>&1 ||
	    [ ! -d tests/web/node_modules/puppeteer-core ] ||
	    [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
		fail "web: node, chromium or tests/web/node_modules missing" \
		    "(run make webtest)"
		return
	fi
	: >"$wb_dir/list"
	for md in content/therapies/*.md; do
		slug=$(basename "$md" .md)
		for ed in handouts large-print; do
			case $ed in
			handouts) page="$wb_out/html/$slug.html" ;;
			*) page="$wb_out/html/$slug-large-print.html" ;;
			esac
			pdf="$wb_out/$ed/$slug.pdf"
			if [ ! -f "$page" ]; then
				fail "web: $slug: no page $page"
				continue
			fi
			pass
			pdfinfo -struct-text "$pdf" >"$wb_dir/$slug-$ed.st" \
			    2>/dev/null
			draft=0
			pdftotext -enc UTF-8 -l 1 "$pdf" - 2>/dev/null |
			    grep -q 'DRAFT' && draft=1
			printf '%s\thandout\t%s\t%s\t%s\n' "$page" "$PWD/$md" \
			    "$wb_dir/$slug-$ed.st" "$draft" >>"$wb_dir/list"
		done
	done
	draft=0
	pdftotext -enc UTF-8 -l 1 "$wb_out/booklet.pdf" - 2>/dev/null |
	    grep -q 'DRAFT' && draft=1
	for page in "$wb_out/html/booklet.html" \
	    "$wb_out/html/booklet-large-print.html"; do
		if [ -f "$page" ]; then
			pass
			printf '%s\tbooklet\t-\t-\t%s\n' "$page" "$draft" \
			    >>"$wb_dir/list"
		else
			fail "web: no page $page"
		fi
	done

	# the release set (release.sh: approved, real details, a logo, a
	# clinic): no draft notice, contact details linked, the logo inside
	if [ -n "${rel:-}" ] && [ -d "$rel/out/html" ]; then
		wb_rel=$rel
	else
		wb_rel="$wb_dir/release"
		release_content "$wb_rel"
		SOURCE_DATE_EPOCH=1796083200 "$BIN" build -q \
		    --content "$wb_rel/content" --out "$wb_rel/out" \
		    >/dev/null 2>"$wb_dir/release.err" || {
			fail "web: release build"
			sed 's/^/    /' "$wb_dir/release.err" | head
		}
	fi
	for page in "$wb_rel/out/html/tace.html" \
	    "$wb_rel/out/northfield/html/tace.html" \
	    "$wb_rel/out/northfield/html/booklet.html"; do
		missing=
		case $page in
		*northfield*) tel=tel:01134960123 urgent=tel:01134960456 ;;
		*) tel=tel:01614960000 urgent=tel:01614960999 ;;
		esac
		for want in "href=\"$tel\"" "href=\"$urgent\"" 'href="mailto:' \
		    'href="https://www.example.org/' \
		    'src="data:image/png;base64,'; do
			grep -qF "$want" "$page" 2>/dev/null ||
			    missing="$missing [$want]"
		done
		if [ -z "$missing" ]; then pass; else
			fail "web: $page lacks:$missing"
		fi
	done
	# a number in the text is a link a phone can call (the warning
	# callout's urgent line), and a web or email address in it a link
	if awk '/<aside class="callout warning"/,/<\/aside>/' \
	    "$wb_rel/out/northfield/html/tace.html" |
	    grep -q 'line, <a href="tel:01134960456">0113&nbsp;496&nbsp;0456</a>' &&
	    grep -q 'visit <a class="url" href="https://www.example.org/northfield">' \
	    "$wb_rel/out/northfield/html/booklet.html" &&
	    grep -q 'email <a class="url" href="mailto:net.nurses@example.org">' \
	    "$wb_rel/out/northfield/html/tace.html"; then
		pass
	else
		fail "web: a phone number, web or email address in the text is not a link"
	fi
	for d in "$wb_rel/out" "$wb_rel/out/northfield"; do
		st="$wb_dir/rel-$(basename "$d").st"
		pdfinfo -struct-text "$d/handouts/tace.pdf" >"$st" 2>/dev/null
		printf '%s\thandout\t%s\t%s\t0\n' "$d/html/tace.html" \
		    "$wb_rel/content/therapies/tace.md" "$st" >>"$wb_dir/list"
	done
	printf '%s\tbooklet\t-\t-\t0\n' "$wb_rel/out/northfield/html/booklet.html" \
	    >>"$wb_dir/list"

	# the test cases with every kind of block and picture
	for c in ok-basic img-good; do
		if SOURCE_DATE_EPOCH=1796083200 "$BIN" build -q \
		    --content tests/cases/content --out "$wb_dir/cases" \
		    --date 2026-11-27 "tests/cases/$c.md" >/dev/null 2>&1 &&
		    [ -f "$wb_dir/cases/html/$c.html" ]; then
			pass
		else
			fail "web: tests/cases/$c.md: no page"
		fi
		pdfinfo -struct-text "$wb_dir/cases/handouts/$c.pdf" \
		    >"$wb_dir/case-$c.st" 2>/dev/null
		printf '%s\thandout\t%s\t%s\t1\n' "$wb_dir/cases/html/$c.html" \
		    "$PWD/tests/cases/$c.md" "$wb_dir/case-$c.st" >>"$wb_dir/list"
	done
	grep -q '<td class="al-r">23 in 100</td>' "$wb_dir/cases/html/ok-basic.html" &&
	    grep -q '<th scope="col"' "$wb_dir/cases/html/ok-basic.html" &&
	    grep -q '<ol class="notes">' "$wb_dir/cases/html/ok-basic.html" &&
	    grep -q '<aside class="callout warning" role="note"' \
	    "$wb_dir/cases/html/ok-basic.html" && pass ||
	    fail "web: ok-basic.html lacks a table, notes or a callout"
	[ "$(grep -o '<figure><img src="data:image/[a-z]*;base64,' \
	    "$wb_dir/cases/html/img-good.html" | wc -l)" -eq 10 ] && pass ||
	    fail "web: img-good.html has not its ten pictures inside"

	# --allow-overdue: the page is written, with its overdue notice at
	# the top where a screen reader starts (the PDF is marked too)
	od="$wb_dir/overdue"
	if SOURCE_DATE_EPOCH=1796083200 "$BIN" build -q \
	    --content tests/cases/content --out "$od" --date 2027-07-01 \
	    --allow-overdue tests/cases/ok-basic.md >/dev/null 2>&1 &&
	    sed -n '/<body>/,/<main/p' "$od/html/ok-basic.html" | grep -q \
	    '<strong>REVIEW OVERDUE</strong> This leaflet was due for review on <time datetime="2027-06-01">1 June 2027</time>' &&
	    pdftotext -enc UTF-8 -l 1 "$od/handouts/ok-basic.pdf" - |
	    grep -q 'REVIEW OVERDUE'; then
		pass
	else
		fail "web: an overdue page (--allow-overdue) is not marked at its top"
	fi
	printf '%s\thandout\t%s\t-\t1\n' "$od/html/ok-basic-large-print.html" \
	    "$PWD/tests/cases/ok-basic.md" >>"$wb_dir/list"

	# every page in one browser
	(cd tests/web && node check.mjs "$wb_dir/list") >"$wb_dir/check.out" \
	    2>"$wb_dir/check.err"
	wb_rc=$?
	wb_p=$(grep -c '^PASS: ' "$wb_dir/check.out")
	wb_f=$(grep -c '^FAIL: ' "$wb_dir/check.out")
	passed=$((passed + wb_p))
	failed=$((failed + wb_f))
	grep '^FAIL: ' "$wb_dir/check.out"
	if [ "$wb_rc" -ne 0 ] || [ "$wb_p" -eq 0 ]; then
		fail "web: the browser check did not run (exit $wb_rc)"
		sed 's/^/    /' "$wb_dir/check.err" | head -n 20
	fi

	# the markup: html-validate's recommended and document rules
	if tests/web/node_modules/.bin/html-validate \
	    -c tests/web/htmlvalidate.json "$wb_out"/html/*.html \
	    "$wb_rel"/out/northfield/html/*.html "$wb_dir"/cases/html/*.html \
	    >"$wb_dir/valid.out" 2>&1
	then
		pass
	else
		fail "web: html-validate"
		sed 's/^/    /' "$wb_dir/valid.out" | head -n 20
	fi
}
wb_run

if [ "$alone" = 1 ]; then
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
fi
