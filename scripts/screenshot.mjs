// Screenshots of the release build filled with the fixture report, for docs/ and the README:
// the first screen at 1093×768 (1366×768 at 125 % zoom), 1366×768 and 1920×1080 with an error
// showing, the whole page, what Ctrl+P prints (its PDF's pages as PNG, through poppler's
// pdftoppm), and the import review. Run after `trunk build --release`.
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, browser, open } from '../tests/e2e/harness.mjs';

const root = new URL('../', import.meta.url).pathname;
const fixture = readFileSync(`${root}tests/fixtures/quangang-2023.json`);
const server = await serve();
const context = await browser();
try {
  const { page } = await open(context, server.url);
  await page.setInputFiles('input[data-file="open-report"]', { name: 'quangang-2023.json', mimeType: 'application/json', buffer: fixture });
  await page.waitForFunction(() => document.querySelector('[data-field="organ"]').value !== '');
  // One broken figure, so the marks and the findings panel show.
  await page.fill('[data-cell="applications.granted.natural_person"]', '21');
  await page.waitForTimeout(600);
  // The first screen a user works in: table B under the toolbar, the findings beside it.
  const tableB = async (width, height) => {
    await page.setViewportSize({ width, height });
    await page.evaluate(() => window.dispatchEvent(new Event('resize')));
    await page.evaluate(() => {
      const h = [...document.querySelectorAll('h2')].find((e) => e.textContent.startsWith('三、'));
      window.scrollTo(0, h.getBoundingClientRect().top + window.scrollY - document.querySelector('.toolbar').offsetHeight - 8);
    });
    await page.screenshot({ path: `${root}docs/editor-${width}x${height}.png` });
  };
  await tableB(1093, 768);
  await tableB(1366, 768);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${root}docs/editor.png`, fullPage: true });
  await tableB(1920, 1080);
  // What Ctrl+P prints: the print media of the page itself, as a PDF, its pages as small PNGs.
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-print-'));
  const pdf = join(dir, 'ctrl-p.pdf');
  writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true }));
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))[1]);
  const text = (p) => execFileSync('pdftotext', ['-f', `${p}`, '-l', `${p}`, pdf, '-'], { encoding: 'utf8' });
  const tableBPage = Array.from({ length: pages }, (_, i) => i + 1).find((p) => text(p).includes('三、收到和处理'));
  for (const [p, name] of [[1, 'first'], [tableBPage, 'table-b']]) {
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', `${p}`, '-l', `${p}`, '-singlefile', pdf, `${root}docs/ctrl-p-${name}`]);
  }
  await page.setViewportSize({ width: 1366, height: 768 });
  // The import review of the published 泉港区 text, on the small screen most users have.
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.click('[data-action="import-report"]');
  await page.fill('[data-import="text"]', readFileSync(`${root}tests/fixtures/泉港区-2023.txt`, 'utf8'));
  await page.click('[data-action="import-run"]');
  await page.waitForSelector('[data-import="review"]');
  await page.screenshot({ path: `${root}docs/import-review-1366x768.png` });
} finally {
  await context.close();
  server.close();
}
