// check.mjs: load PDFs the way a web browser's built-in viewer does
// (pdf.js) and report every warning it prints.  For each PDF, every page
// is parsed (operator list: content streams, fonts, images) and its text
// extracted; the text goes to OUTDIR/<n>.txt (n = position of the PDF
// among the arguments, from 1) for tests/readers.sh to compare with
// pdftotext.  Prints "file: problem" lines; exits 1 if there was any.
//
//   node tests/pdfjs/check.mjs OUTDIR a.pdf b.pdf ...
import { readFile, writeFile } from "node:fs/promises";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";

const [outdir, ...files] = process.argv.slice(2);
if (!outdir || files.length === 0) {
	console.error("usage: node check.mjs OUTDIR file.pdf ...");
	process.exit(2);
}

// pdf.js reports problems through the console; collect them per file.
let messages = [];
for (const level of ["log", "info", "warn", "error"]) {
	console[level] = (...args) => messages.push(args.join(" "));
}

let bad = 0;
for (let i = 0; i < files.length; i++) {
	const file = files[i];
	let text = "";
	messages = [];
	try {
		const data = new Uint8Array(await readFile(file));
		const doc = await pdfjs.getDocument({
			data,
			verbosity: pdfjs.VerbosityLevel.WARNINGS,
			stopAtErrors: true,
			isEvalSupported: false,
			disableFontFace: true,
			useSystemFonts: false,
		}).promise;
		for (let n = 1; n <= doc.numPages; n++) {
			const page = await doc.getPage(n);
			await page.getOperatorList();
			const tc = await page.getTextContent();
			for (const it of tc.items) {
				if (it.str !== undefined)
					text += it.str + (it.hasEOL ? "\n" : "");
			}
			text += "\n\f";
			page.cleanup();
		}
		await doc.destroy();
	} catch (e) {
		messages.push(`cannot load: ${e && e.message ? e.message : e}`);
	}
	await writeFile(`${outdir}/${i + 1}.txt`, text);
	for (const m of messages) {
		process.stdout.write(`${file}: ${m}\n`);
		bad = 1;
	}
}
process.exit(bad);
