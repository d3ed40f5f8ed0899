// The print view of the fixture report as the browser prints it (page.pdf, the page's own @page
// size and margins), to look at: `node scripts/print-pdf.mjs OUT.pdf` after `trunk build --release`,
// in Firefox with E2E_BROWSER=firefox; then e.g. `pdftoppm -png -r 50 OUT.pdf OUT`.
import { readFileSync, writeFileSync } from 'node:fs';
import { serve, browser, open } from '../tests/e2e/harness.mjs';

const out = process.argv[2] ?? 'print.pdf';
const root = new URL('../', import.meta.url).pathname;
const fixture = readFileSync(`${root}tests/fixtures/quangang-2023.json`);
const server = await serve();
const context = await browser();
try {
  await context.addInitScript(() => { window.print = () => { window.top.__printed = true; }; });
  const { page } = await open(context, server.url);
  await page.setInputFiles('input[data-file="open-report"]', { name: 'quangang-2023.json', mimeType: 'application/json', buffer: fixture });
  await page.waitForFunction(() => document.querySelector('[data-field="organ"]').value !== '');
  await page.click('[data-action="print"]');
  await page.waitForFunction(() => window.__printed === true);
  // The frame as it stands when the app prints it (in Firefox paged by static/paging.js).
  const html = await page.$eval('iframe[data-print]', (f) => {
    const doc = f.contentDocument;
    const css = [...doc.styleSheets].flatMap((s) => [...s.cssRules].map((r) => r.cssText)).join('\n');
    return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>${css}</style></head><body>${doc.body.innerHTML}</body></html>`;
  });
  const view = await context.newPage();
  await view.setContent(html);
  writeFileSync(out, await view.pdf({ preferCSSPageSize: true }));
  console.log(out);
} finally {
  await context.close();
  if (process.env.E2E_BROWSER === 'firefox') await (await import('../tests/e2e/firefox.mjs')).closeAll();
  server.close();
}
