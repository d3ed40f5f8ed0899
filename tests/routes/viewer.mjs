// The text users paste after opening a PDF in the browser and pressing Ctrl+A, Ctrl+C, for
// tests/routes/generate.sh: in Firefox ESR's own viewer (pdf.js: on a select-all copy it puts
// every page's text items on the clipboard, a line break where an item ends a line) and in
// Chromium's (PDFium, in the headless browser as in a window). The keys are pressed as a user
// would; what the viewer writes to the clipboard is taken: Firefox's from the viewer's own
// navigator.clipboard.writeText call, Chromium's by reading its clipboard from another page.
// Usage: node tests/routes/viewer.mjs FILE.pdf OUT-PREFIX [FILE.pdf OUT-PREFIX …]
// Writes OUT-PREFIX-firefox.txt and OUT-PREFIX-chromium.txt for each PDF.
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';

const pairs = [];
for (let i = 2; i + 1 < process.argv.length; i += 2) pairs.push([process.argv[i], process.argv[i + 1]]);
const url = (f) => pathToFileURL(resolve(f)).href;

const firefox = await puppeteer.launch({
  browser: 'firefox', executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr', headless: true,
});
try {
  for (const [pdf, prefix] of pairs) {
    const page = await firefox.newPage();
    await page.goto(url(pdf), { waitUntil: 'load' });
    // The viewer is ready once the first page's text layer is drawn.
    await page.waitForFunction(() => document.querySelector('.textLayer span'), { timeout: 30_000 });
    await page.evaluate(() => {
      window.copied = null;
      navigator.clipboard.writeText = async (text) => { window.copied = text; };
    });
    await page.click('#viewerContainer');
    await page.keyboard.down('Control');
    await page.keyboard.press('a');
    await page.keyboard.press('c');
    await page.keyboard.up('Control');
    await page.waitForFunction(() => window.copied !== null, { timeout: 30_000 });
    writeFileSync(`${prefix}-firefox.txt`, await page.evaluate(() => window.copied));
    await page.close();
  }
} finally {
  await firefox.close();
}

// --headless=new: the old headless mode has no PDF viewer.
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--headless=new'],
});
try {
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  for (const [pdf, prefix] of pairs) {
    const page = await context.newPage();
    await page.goto(url(pdf));
    // The viewer's plugin frame (the PDF itself, inside the viewer's extension frame) has loaded.
    while (page.frames().filter((f) => f.url() === page.url()).length < 2) await page.waitForTimeout(100);
    // Copied again until two copies agree: the viewer may still be loading the document.
    const reader = await context.newPage();
    await reader.goto(url(pdf).replace(/[^/]*$/, ''));
    await reader.evaluate(() => navigator.clipboard.writeText(''));
    let text = '';
    for (let last = null; !text || text !== last; ) {
      last = text;
      await page.bringToFront();
      await page.waitForTimeout(500);
      await page.mouse.click(400, 300);
      await page.keyboard.press('Control+a');
      await page.keyboard.press('Control+c');
      await page.waitForTimeout(200);
      // The clipboard is read from a page of the folder's origin: the viewer's frames hold none.
      await reader.bringToFront();
      text = await reader.evaluate(() => navigator.clipboard.readText());
    }
    writeFileSync(`${prefix}-chromium.txt`, text);
    await reader.close();
    await page.close();
  }
} finally {
  await browser.close();
}
