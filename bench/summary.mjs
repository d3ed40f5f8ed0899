// 汇总与核查 at scale in the browser (release build, headless Chromium): 3,000 report JSONs
// chosen at once — read, checked and summed — and 100 published reports (.docx and .html made by
// the exporter from varied reports). Prints the time from choosing to the drawn organ table, the
// longest task (PerformanceObserver longtask: the page must stay responsive, none over 200 ms)
// and memory. Run after `trunk build --release` and `cargo build`: node bench/summary.mjs
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, browser, open } from '../tests/e2e/harness.mjs';
import { department, file } from '../tests/e2e/county.mjs';

const root = new URL('../', import.meta.url).pathname;
const nianbao = `${root}target/debug/nianbao`;

/** Times choosing `files` until `rows` rows are drawn; the long tasks and memory meanwhile. */
async function run(context, url, label, files) {
  const { page } = await open(context, url);
  await page.evaluate(() => {
    window.__long = [];
    // Tasks from choosing the files on: playwright's own handing over of the files comes before.
    new PerformanceObserver((l) => window.__long.push(...l.getEntries().filter((e) => e.startTime >= (window.__t0 ?? Infinity))
      .map((e) => e.duration))).observe({ type: 'longtask' });
    document.addEventListener('change', (e) => {
      if (e.target.matches('[data-action="summary-files"]')) window.__t0 = performance.now();
    }, true);
  });
  await page.click('[data-action="summary"]');
  await page.setInputFiles('[data-action="summary-files"]', files);
  const ms = await page.waitForFunction(() => {
    const done = document.querySelector('[data-file-row]') && !document.querySelector('[data-summary="progress"]');
    return done && performance.now() - window.__t0;
  }, null, { timeout: 120000, polling: 'raf' }).then((h) => h.jsonValue());
  await page.waitForTimeout(300);
  const long = await page.evaluate(() => window.__long);
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize').value;
  const wasm = await page.evaluate(() => window.__wasm?.memory?.buffer.byteLength ?? 0);
  const rows = await page.locator('[data-file-row]').count();
  const tab = await page.textContent('[data-summary-tab="organs"]');
  console.log(`${label}: ${Math.round(ms)} ms to the drawn table (${tab}, ${rows} rows drawn); ` +
    `longest task ${Math.round(Math.max(0, ...long))} ms (${long.length} over 50 ms); ` +
    `JS heap ${(heap / 1048576).toFixed(1)} MB, wasm memory ${(wasm / 1048576).toFixed(1)} MB`);
  await page.close();
}

const server = await serve();
const context = await browser();
// The wasm instance (its memory) as trunk's loader announces it.
await context.addInitScript(() => addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; }));
try {
  const json = Array.from({ length: 3000 }, (_, i) => file(`${i}.json`, department(i + 1)));
  await run(context, server.url, '3,000 report JSONs', json);
  const copies = Array.from({ length: 3000 }, (_, i) => file(`copy-${i}.json`, department(1)));
  await run(context, server.url, '3,000 copies of one organ', copies);

  // 100 published reports: 50 .docx and 50 print-view .html pages of different departments.
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-bench-'));
  const published = [];
  for (let i = 0; i < 100; i++) {
    const src = join(dir, `${i}.json`);
    writeFileSync(src, JSON.stringify(department(i + 1)));
    const ext = i % 2 ? 'html' : 'docx';
    const out = join(dir, `${i}.${ext}`);
    execFileSync(nianbao, ['export', src, `--${ext}`, out], { stdio: 'ignore' });
    published.push({ name: `${i}.${ext}`, mimeType: 'application/octet-stream', buffer: readFileSync(out) });
  }
  await run(context, server.url, '100 published .docx/.html reports', published);
} finally {
  await context.close();
  server.close();
}
