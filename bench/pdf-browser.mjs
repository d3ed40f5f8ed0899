// PDF import in the browser: a 10-page PDF chosen in 导入已发布报告, timed by the page itself
// (the review's 识别用时: reading the PDF and recognising the report). The first run includes
// fetching and compiling the PDF reader; the others reuse it. Run after `trunk build --release`:
//   node bench/pdf-browser.mjs
// The 10-page PDF is the fixture report's print view (`nianbao export --html`) saved as PDF by
// Chromium at a larger scale.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve, browser, open } from '../tests/e2e/harness.mjs';

const root = new URL('../', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'nianbao-bench-'));
const html = join(work, 'report.html');
execFileSync('cargo', ['run', '-q', '--', 'export', `${root}tests/fixtures/huaian-2024.json`, '--html', html], { cwd: root, stdio: 'ignore' });

const printer = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const printing = await printer.newPage();
await printing.goto(`file://${html}`);
let pdf;
for (let scale = 1.2; ; scale += 0.1) {
  pdf = await printing.pdf({ format: 'A4', scale });
  if ((pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length >= 10) break;
}
await printer.close();
const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;

const server = await serve();
const context = await browser();
const runs = [];
try {
  const { page } = await open(context, server.url);
  for (let i = 0; i < 6; i++) {
    await page.click('[data-action="import-report"]');
    await page.setInputFiles('input[data-file="import-report"]', { name: 'report.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.waitForSelector('[data-import="review"]');
    runs.push(Number(await page.textContent('[data-review="ms"]')));
    const found = await page.textContent('[data-review="recognised"]');
    if (i === 0) console.log(`${pages}-page PDF, ${pdf.length} bytes: ${found} figures recognised`);
    await page.click('[data-action="import-cancel"]');
  }
} finally {
  await context.close();
  server.close();
}
const warm = runs.slice(1).sort((a, b) => a - b);
console.log(`first (fetching and compiling the reader): ${runs[0]} ms`);
console.log(`then: median ${warm[Math.floor(warm.length / 2)]} ms (${warm.join(', ')} ms)`);
