// make bench, Typst side: the shipped handouts typeset by Typst 0.14 (through
// typst.ts) with PDF/UA-1 tagging, all in one process, for comparison with
// leafpress on the same content and fonts.
//
//   node tests/typst/handouts.mjs CONTENT-DIR FONTS-DIR OUT-DIR
//
// Each therapy's Markdown becomes Typst markup: the handout's own blocks
// (booklet-only ones dropped), headings, paragraphs, lists, callouts,
// tables, citations numbered in order of use with a reference list, the
// publisher's details and the disclaimer, in a look close to leafpress's
// A4 handout layout (handout.typ).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';

const [content, fonts, out] = process.argv.slice(2);
const here = path.dirname(fileURLToPath(import.meta.url));
const template = fs.readFileSync(path.join(here, 'handout.typ'), 'utf8');

// the publisher block of site.yaml and the references' titles, read with
// two regular expressions (the bench needs no YAML parser)
const site = fs.readFileSync(path.join(content, 'site.yaml'), 'utf8');
const publisher = {};
for (const m of site.matchAll(/^  (\w+): "([^"]*)"/gm))
  if (!(m[1] in publisher)) publisher[m[1]] = m[2];
const refs = {};
const refText = fs.readFileSync(path.join(content, 'references.yaml'), 'utf8');
for (const m of refText.matchAll(/- id: (\S+)[\s\S]*?\n    title: "?([^"\n]*)"?/g))
  refs[m[1]] = m[2];

// Typst markup treats these as syntax; in text they are escaped.
const esc = (s) => s.replace(/[\\#$@<>\[\]*_`=~]/g, (c) => '\\' + c)
  .replace(/^([-+/]|\d+\.)(\s)/, '\\$1$2');

function inline(s, cite) {
  s = s.replace(/\{\{publisher\.(\w+)\}\}/g, (_, k) => publisher[k] ?? '');
  const parts = [];
  const re = /\[@([^\]]+)\]|\*\*([^*]+)\*\*|\*([^*]+)\*|\[([^\]]+)\]\(([^)]+)\)/g;
  let last = 0, m;
  while ((m = re.exec(s)) !== null) {
    parts.push(esc(s.slice(last, m.index)));
    if (m[1]) parts.push('\\[' + m[1].split(/;\s*/).map((k) => cite(k.replace(/^@/, ''))).join(',') + '\\]');
    else if (m[2]) parts.push('*' + esc(m[2]) + '*');
    else if (m[3]) parts.push('_' + esc(m[3]) + '_');
    else parts.push('#link("' + m[5].replace(/"/g, '') + '")[' + esc(m[4]) + ']');
    last = m.index + m[0].length;
  }
  parts.push(esc(s.slice(last)));
  return parts.join('');
}

function convert(md) {
  const fm = md.match(/^---\n([\s\S]*?)\n---\n/);
  const field = (k) => (fm[1].match(new RegExp('^' + k + ': "?([^"\\n]*)"?', 'm')) || [])[1] || '';
  let body = md.slice(fm[0].length)
    .replace(/<!-- only: booklet -->[\s\S]*?<!-- end only -->\n?/g, '')
    .replace(/<!--[\s\S]*?-->\n?/g, '');
  const order = [];
  const cite = (k) => {
    if (!order.includes(k)) order.push(k);
    return String(order.indexOf(k) + 1);
  };
  const outl = [];
  const blocks = body.split(/\n\s*\n/);
  for (let b of blocks) {
    b = b.replace(/^\n+|\n+$/g, '');
    if (!b) continue;
    const h = b.match(/^(#{2,4}) (.*)/);
    if (h) { outl.push('='.repeat(h[1].length - 1) + ' ' + inline(h[2], cite)); continue; }
    if (/^>/.test(b)) {
      const lines = b.split('\n').map((l) => l.replace(/^> ?/, ''));
      const kind = lines[0].match(/^\[!(\w+)\]\s*$/);
      if (kind) lines[0] = '**' + kind[1][0] + kind[1].slice(1).toLowerCase() + '**';
      outl.push('#callout[' + lines.map((l) => inline(l, cite)).join(' \\\n') + ']');
      continue;
    }
    if (/^\|/.test(b)) {
      const rows = b.split('\n').filter((l) => !/^\|[-:| ]+\|$/.test(l))
        .map((l) => l.replace(/^\||\|$/g, '').split('|').map((c) => c.trim()));
      const cells = rows.map((r, i) => r.map((c) => (i === 0 ? '[*' : '[') + inline(c, cite) + (i === 0 ? '*]' : ']')).join(', ')).join(',\n');
      outl.push('#table(columns: ' + rows[0].length + ', table.header(' +
        cells.split(',\n')[0] + '),\n' + cells.split(',\n').slice(1).join(',\n') + ')');
      continue;
    }
    if (/^(- |\d+\. )/.test(b)) {
      const items = b.split(/\n(?=- |\d+\. )/);
      outl.push(items.map((it) => {
        const num = /^\d+\. /.test(it);
        const text = it.replace(/^(- |\d+\. )/, '').replace(/\n\s+/g, ' ');
        return (num ? '+ ' : '- ') + inline(text, cite);
      }).join('\n'));
      continue;
    }
    outl.push(inline(b.replace(/\n/g, ' '), cite));
  }
  const reflist = order.map((k) => '+ ' + esc(refs[k] || k)).join('\n');
  return template
    .replaceAll('TITLE', JSON.stringify(field('title')))
    .replaceAll('SHORT', JSON.stringify(field('short_title')))
    .replaceAll('SUMMARY', JSON.stringify(field('summary')))
    .replaceAll('VERSION', JSON.stringify(field('version')))
    .replaceAll('REVIEW', JSON.stringify(field('review_due')))
    .replaceAll('PUBLISHER', JSON.stringify(publisher.name || ''))
    .replaceAll('PHONE', JSON.stringify(publisher.phone || ''))
    .replaceAll('URGENT', JSON.stringify(publisher.urgent || ''))
    .replaceAll('BODY', outl.join('\n\n'))
    .replaceAll('REFERENCES', reflist);
}

const dir = path.join(content, 'therapies');
const compiler = NodeCompiler.create({ workspace: here, fontArgs: [{ fontPaths: [fonts] }] });
fs.mkdirSync(out, { recursive: true });
for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.md')).sort()) {
  const src = convert(fs.readFileSync(path.join(dir, f), 'utf8'));
  if (process.env.TYPST_KEEP) fs.writeFileSync(path.join(out, f.replace(/\.md$/, '.typ')), src);
  const pdf = compiler.pdf({ mainFileContent: src }, { pdfStandard: 'ua-1' });
  fs.writeFileSync(path.join(out, f.replace(/\.md$/, '.pdf')), pdf);
}
