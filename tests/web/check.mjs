// Checks the web edition in a real browser (Chromium through
// puppeteer-core), one browser for every page.  Used by tests/web.sh.
//
//   node check.mjs LIST
//
// LIST has one page per line, tab-separated:
//   html-file  kind  source.md|-  pdf-words-file|-  pdf-has-draft(0/1)|-
// kind is "handout" or "booklet".  Prints one line per check,
// "PASS: page: what" or "FAIL: page: what: why", and exits 0.
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { openBrowser } from './browser.mjs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const here = dirname(fileURLToPath(import.meta.url));
void here;

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const list = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean)
  .map((l) => l.split('\t'));

// In the page: what sticks out of the window on the right.  Only a
// table of the large-print page, or any table on the narrowest phone
// (320 px), may be wider than the window, scrolling inside its own box
// (which must fit and take the keyboard's focus).
function insideWidth() {
  const w = document.documentElement.clientWidth;
  const lp = document.documentElement.classList.contains('lp') || w < 360;
  const wide = [];
  let boxed = 0;
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width <= 1) continue;		// the hidden words for screen readers
    const box = el.closest('.table');
    const fits = r.right <= w + 1;
    if (el.matches('.table') && el.scrollWidth > el.clientWidth + 1) {
      if (lp && fits && el.tabIndex === 0) { boxed++; continue; }
      wide.push(`table box ${el.scrollWidth} px`);
    } else if (!fits && !(lp && box && box !== el)) {
      wide.push(el.tagName.toLowerCase() + (el.className ? '.' + el.className : '') +
        ' ' + Math.round(r.right) + ' "' + el.textContent.trim().slice(0, 24) + '"');
    }
  }
  return { scroll: document.documentElement.scrollWidth, w, wide: wide.slice(0, 3), boxed };
}

function report(ok, page, what, why) {
  console.log(ok ? `PASS: ${page}: ${what}` : `FAIL: ${page}: ${what}: ${why}`);
}

// Words as a reader gets them: typographic quotes plain, no spaces at
// all (line breaks and spacing differ between a page and a PDF).
function squash(s) {
  return s.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"')
    .replace(/\u00ad/g, '').replace(/\s+/g, '');
}

// The tagged text of a PDF (pdfinfo -struct-text): the quoted strings,
// without list labels (bullets and numbers are the list's own on a page).
function structWords(file) {
  const out = [];
  let skipBelow = -1;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const indent = line.length - line.trimStart().length;
    if (skipBelow >= 0 && indent > skipBelow) continue;
    skipBelow = -1;
    const t = line.trim();
    if (/^Lbl\b/.test(t)) { skipBelow = indent; continue; }
    if (t.startsWith('"') && t.endsWith('"') && t.length >= 2) out.push(t.slice(1, -1));
  }
  return out.join(' ');
}

// The front matter's plain "key: value" lines.
function frontMatter(md) {
  const text = readFileSync(md, 'utf8');
  const m = /^---\n([\s\S]*?)\n---/.exec(text);
  const fm = {};
  if (!m) return fm;
  for (const line of m[1].split('\n')) {
    const kv = /^([a-z_]+):\s*"?(.*?)"?\s*$/.exec(line);
    if (kv) fm[kv[1]] = kv[2];
  }
  return fm;
}

const { browser, close } = await openBrowser();
const boxedTables = [];

try {
  const page = await browser.newPage();
  let requests = [];
  let refused = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (/Refused|Content Security Policy/i.test(m.text())) refused.push(m.text());
  });

  for (const [file, kind, md, pdfWords, pdfDraft] of list) {
    const name = basename(dirname(file)) + '/' + basename(file);
    const url = pathToFileURL(file).href;
    requests = [];
    refused = [];

    // --- narrow phone screens: one column, nothing sideways; a 1280 px
    // window at 200% zoom is a 640 px one ---
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(url, { waitUntil: 'load' });
    for (const width of [320, 360, 640]) {
      await page.setViewport({ width, height: 740 });
      const over = await page.evaluate(insideWidth);
      if (over.boxed) boxedTables.push(`${name}@${width}`);
      report(over.scroll <= over.w && over.wide.length === 0, name,
        (width === 640 ? '200% zoom (640 px) without sideways scrolling' :
          `no sideways scrolling at ${width} px`) +
        (over.boxed ? ` (${over.boxed} table scrolls in its own box)` : ''),
        `page is ${over.scroll} px wide: ${over.wide.join(', ')}`);
    }

    // --- no word cut without a hyphen on a phone: with the browser's
    // last resort (overflow-wrap) off, every word but a web address
    // still fits its column (long words of headings and tables carry
    // soft hyphens) ---
    await page.addStyleTag({ content: '*{overflow-wrap:normal!important;' +
      'word-break:normal!important} a.url,a[href^="http"]{overflow-wrap:anywhere!important}' });
    for (const width of [320, 360]) {
      await page.setViewport({ width, height: 740 });
      const cut = await page.evaluate(insideWidth);
      report(cut.scroll <= cut.w && cut.wide.length === 0, name,
        `no word cut without a hyphen at ${width} px`, `${cut.scroll} px: ${cut.wide.join(', ')}`);
    }
    await page.goto(url, { waitUntil: 'load' });

    // --- axe-core at WCAG 2.2 A and AA, on the desktop width ---
    await page.setViewport({ width: 1280, height: 900 });
    const t0 = Date.now();
    await page.evaluate(axeSource);
    const axe = await page.evaluate(async (tags) => {
      const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return { violations: r.violations.map((v) => `${v.id} (${v.nodes.length}): ` +
        v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join('; ')), passes: r.passes.length };
    }, TAGS);
    report(axe.violations.length === 0 && axe.passes > 10, name,
      `axe-core WCAG 2.2 AA: 0 violations (${axe.passes} rules pass, ${Date.now() - t0} ms)`,
      axe.violations.join(' | ') || `only ${axe.passes} rules ran`);

    // --- structure, links, governance ---
    const facts = await page.evaluate(() => {
      const q = (s, root) => [...(root || document).querySelectorAll(s)];
      const ids = new Set(q('[id]').map((e) => e.id));
      const broken = q('a[href^="#"]').map((a) => a.getAttribute('href').slice(1))
        .filter((id) => !ids.has(decodeURIComponent(id)));
      // a back link from the list to this use, or (in the booklet) to
      // the first use in the same chapter
      const chapter = (e) => e.closest('article.chapter, section.part');
      const backTo = (entry, a) => entry && q('a.back', entry).some((b) => {
        const use = document.getElementById(b.getAttribute('href').slice(1));
        return use === a || (use && chapter(use) && chapter(use) === chapter(a) &&
          use.getAttribute('href') === a.getAttribute('href'));
      });
      const cites = q('a.cite');
      const citesBack = cites.filter((a) =>
        backTo(document.getElementById(a.getAttribute('href').slice(1)), a));
      const terms = q('a.term');
      const termsOk = terms.filter((a) => {
        const g = document.getElementById(a.getAttribute('href').slice(1));
        return g && g.querySelector('dfn') && a.title && backTo(g, a);
      });
      // back links stay few: one per use in a handout, one per chapter
      // in the booklet
      const maxBacks = Math.max(0, ...q('li[id^="ref-"], p.gloss')
        .map((e) => e.querySelectorAll('a.back').length));
      const meta = {};
      for (const m of q('meta[name]')) meta[m.name] = m.content;
      // the hidden web-only parts out, to read the words the PDF has
      const hidden = q('main [data-web], main [data-lbl]');
      for (const e of hidden) e.style.display = 'none';
      // the PDF tags its draft or overdue mark as the first text too
      const notices = q('header .notice strong').map((e) => e.innerText).join(' ');
      // then the publisher's name, which the PDF sets above the title
      const org = document.querySelector('header .org')?.innerText ?? '';
      const words = notices + ' ' + org + ' ' +
        (document.querySelector('main article, main')?.innerText ?? '');
      for (const e of hidden) e.style.display = '';
      const ext = q('a[href]').filter((a) => /^https?:/.test(a.href) &&
        a.textContent.trim() !== a.getAttribute('href') &&
        a.textContent.trim() !== a.getAttribute('href').replace(/^https?:\/\//, ''))
        .map((a) => a.getAttribute('href'));
      return {
        lang: document.documentElement.lang,
        title: document.title,
        h1: q('h1').length,
        broken,
        cites: cites.length, citesBack: citesBack.length,
        terms: terms.length, termsOk: termsOk.length,
        dfn: q('dfn').length,
        refs: q('li[id^="ref-"]').length,
        gloss: q('p.gloss').length,
        meta,
        first: document.body.innerText.trim().slice(0, 60),
        bodyText: document.body.innerText,
        address: q('address').length,
        scripts: q('script').length,
        words, ext,
        tocBroken: q('nav.toc a').filter((a) => !ids.has(a.getAttribute('href').slice(1))).length,
        toc: q('nav.toc a').length,
        // the references and the glossary once (the booklet's too)
        refLists: new Set(q('li[id^="ref-"]').map((e) => e.parentElement)).size,
        glossLists: new Set(q('p.gloss').map((e) => e.parentElement)).size,
        dupIds: q('[id]').length - ids.size,
        maxBacks,
        chapters: q('article.chapter h2').length,
      };
    });
    report(facts.lang && facts.title && facts.h1 === 1 && facts.scripts === 0,
      name, 'lang, title, one <h1>, no script',
      `lang=${facts.lang} title=${facts.title} h1=${facts.h1} scripts=${facts.scripts}`);
    report(facts.broken.length === 0, name, 'every link inside the page has a target',
      facts.broken.slice(0, 5).join(', '));
    report((facts.cites > 0 || facts.refs === 0) && facts.citesBack === facts.cites, name,
      `citations link to the references and back (${facts.cites})`,
      `${facts.citesBack} of ${facts.cites}`);
    report((facts.terms > 0 && facts.dfn > 0 || facts.gloss === 0) &&
      facts.termsOk === facts.terms, name,
      `glossary terms link to their <dfn> with a definition and back (${facts.terms})`,
      `${facts.termsOk} of ${facts.terms}, ${facts.dfn} dfn`);
    report(facts.maxBacks <= (kind === 'booklet' ? 30 : 26), name,
      `back links stay few (at most ${facts.maxBacks} on an entry)`, `${facts.maxBacks}`);
    report(facts.address === 1, name, 'contact details in one <address>',
      `${facts.address} address elements`);

    const draftShown = facts.first.startsWith('DRAFT \u2013 not for patient use');
    if (kind === 'handout') {
      const fm = frontMatter(md);
      const want = { 'leaflet-id': fm.id, 'leaflet-version': fm.version,
        'leaflet-published': fm.published, 'leaflet-review-due': fm.review_due,
        'leaflet-status': fm.status };
      const bad = Object.entries(want).filter(([k, v]) => facts.meta[k] !== v)
        .map(([k, v]) => `${k}=${facts.meta[k]} (want ${v})`);
      const due = fm.review_due ? new Date(fm.review_due + 'T00:00:00Z')
        .toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }) : '';
      for (const [label, v] of [['ID', fm.id], ['Version', fm.version], ['review date', due],
        ['approver', fm.approved_by || 'Not approved yet']]) {
        if (!facts.bodyText.includes(v)) bad.push(`${label} "${v}" not shown`);
      }
      report(bad.length === 0, name, 'governance in <meta> and in visible text', bad.join('; '));
      const draft = fm.status !== 'approved' || !fm.approved_by;
      report(draftShown === draft && (pdfDraft === '-' || draftShown === (pdfDraft === '1')),
        name, draft ? 'draft notice first on the page, as on the PDF' : 'no draft notice, as on the PDF',
        `page starts "${facts.first}", PDF draft mark ${pdfDraft}`);
      if (pdfWords !== '-') {
        let pdf = structWords(pdfWords);
        // on paper a link's address follows its text
        for (const u of facts.ext) pdf = pdf.split(`(${u.replace(/^mailto:/, '')})`).join('');
        const a = squash(facts.words), b = squash(pdf);
        let i = 0;
        while (i < a.length && a[i] === b[i]) i++;
        report(a === b, name, `the same words as the PDF handout (${a.length} characters)`,
          `differ at ${i}: page "${a.slice(Math.max(0, i - 30), i + 30)}" / PDF "${b.slice(Math.max(0, i - 30), i + 30)}"`);
      }
    } else {
      report(facts.refLists === 1 && facts.glossLists === 1 && facts.dupIds === 0, name,
        'the references and the glossary once, no id twice',
        `${facts.refLists} reference lists, ${facts.glossLists} glossaries, ${facts.dupIds} ids twice`);
      report(facts.toc > 3 && facts.tocBroken === 0 && facts.chapters >= facts.toc - 4,
        name, `linked contents (${facts.toc} entries, ${facts.chapters} chapters)`,
        `${facts.tocBroken} broken`);
      report(pdfDraft === '-' || draftShown === (pdfDraft === '1'), name,
        'draft notice as on the PDF', `page starts "${facts.first}", PDF ${pdfDraft}`);
    }

    // --- focus: each kind of link shows where the keyboard is, in
    // colours that read (at least 4.5:1), and a glossary term shows its
    // definition under the line ---
    await page.keyboard.press('Shift');
    const focus = await page.evaluate(() => {
      const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
      const lum = ([r, g, b]) => [r, g, b].map((v) => {
        v /= 255;
        return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      }).reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
      const ratio = (a, b) => {
        const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
        return (x + 0.05) / (y + 0.05);
      };
      const bgOf = (e) => {
        for (; e; e = e.parentElement) {
          const c = rgb(getComputedStyle(e).backgroundColor);
          if (c.length === 3 || c[3] > 0) return c.slice(0, 3);
        }
        return [255, 255, 255];
      };
      const bad = [];
      let kinds = 0;
      for (const sel of ['a.skip', 'header.top nav a', 'a.term', 'a.cite',
        'a.back', 'address a', 'nav.toc a', 'a.url']) {
        const a = document.querySelector(sel);
        if (!a) continue;
        kinds++;
        const before = getComputedStyle(a).backgroundColor + getComputedStyle(a).boxShadow;
        a.focus();
        const cs = getComputedStyle(a);
        const shown = cs.backgroundColor + cs.boxShadow !== before ||
          (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2 &&
            !/transparent|, 0\)/.test(cs.outlineColor));
        const c = ratio(rgb(cs.color), bgOf(a));
        if (!shown || c < 4.5 || a.getBoundingClientRect().left < 0)
          bad.push(`${sel} (${shown ? 'shown' : 'not shown'}, ${c.toFixed(1)}:1)`);
        if (sel === 'a.term' && a.title) {
          const d = a.nextElementSibling;
          if (!d || !d.matches('.def') || d.offsetHeight === 0 || d.textContent !== a.title)
            bad.push('a.term without its definition on focus');
        }
        a.blur();
      }
      return { bad, kinds };
    });
    report(focus.bad.length === 0 && focus.kinds > 2, name,
      `visible, readable focus on ${focus.kinds} kinds of link`, focus.bad.join(', '));

    // --- printed: no screen-only parts, an address printed once ---
    await page.emulateMediaType('print');
    const printed = await page.evaluate(() => {
      const bad = [];
      const shown = (s) => [...document.querySelectorAll(s)]
        .filter((e) => getComputedStyle(e).display !== 'none').length;
      if (shown('header.top nav, a.skip, .backs')) bad.push('screen-only parts shown');
      const after = (a) => getComputedStyle(a, '::after').content;
      const twice = [...document.querySelectorAll('a.url')].filter((a) => after(a) !== 'none');
      if (twice.length) bad.push(`${twice[0].href} printed twice`);
      const hidden = [...document.querySelectorAll('a[href^="http"]:not(.url)')]
        .filter((a) => !after(a).includes('http'));
      if (hidden.length) bad.push(`${hidden[0].href} not printed`);
      return bad;
    });
    await page.emulateMediaType(null);
    report(printed.length === 0, name, 'prints cleanly (print stylesheet)', printed.join(', '));

    // --- loads nothing from anywhere ---
    const elsewhere = requests.filter((r) => r !== url && !r.startsWith('data:'));
    report(elsewhere.length === 0 && refused.length === 0, name,
      'loads nothing from elsewhere', [...elsewhere, ...refused].slice(0, 3).join(', '));
  }
  console.log(`NOTE: tables scrolling in their own box: ${boxedTables.join(' ') || 'none'}`);
} finally {
  await close();
}
