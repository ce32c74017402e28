// Screenshots of web pages in headless Chromium, for looking at them.
//
//   node screenshot.mjs WIDTH OUT.png PAGE.html [HEIGHT]   one page (full
//                                                   length unless HEIGHT)
//   node screenshot.mjs --readme OUT.png PAGE.html  a phone and a desktop
//                                                   side by side, small
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openBrowser } from './browser.mjs';

const [mode, out, file, height] = process.argv.slice(2);
const url = pathToFileURL(resolve(file)).href;
const { browser, close } = await openBrowser();
try {
  const page = await browser.newPage();
  if (mode === '--readme') {
    // a desktop window and a phone beside it, scaled down together
    const shot = async (width, height) => {
      await page.setViewport({ width, height });
      await page.goto(url, { waitUntil: 'load' });
      return (await page.screenshot({ encoding: 'base64' }));
    };
    const desk = await shot(1280, 1000), phone = await shot(360, 720);
    await page.setViewport({ width: 1000, height: 500 });
    await page.setContent(`<!DOCTYPE html><html><body style="margin:0;
      background:#d9dee5;width:1000px;height:500px;position:relative;overflow:hidden">
      <img alt="" src="data:image/png;base64,${desk}" style="position:absolute;left:16px;
        top:16px;width:640px;border:1px solid #888">
      <img alt="" src="data:image/png;base64,${phone}" style="position:absolute;left:700px;
        top:16px;width:230px;border:8px solid #222;border-radius:14px"></body></html>`,
    { waitUntil: 'load' });
    await page.screenshot({ path: out, clip: { x: 0, y: 0, width: 1000, height: 500 } });
  } else {
    await page.setViewport({ width: Number(mode), height: Number(height || 800) });
    await page.goto(url, { waitUntil: 'load' });
    await page.screenshot({ path: out, fullPage: !height });
  }
} finally {
  await close();
}
