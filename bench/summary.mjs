// 汇总与核查 at scale in the browser (release build, headless Chromium): 3,000 report JSONs
// chosen at once — read, checked and summed — and 100 published reports (.docx and .html made by
// the exporter from varied reports). Prints the time from choosing to the drawn organ table (and
// how much of it was reading, until the progress bar goes), the longest task (PerformanceObserver
// longtask: the page must stay responsive, none over 200 ms) and memory (the JS heap, and the
// summary chunk's own wasm memory). Run after `trunk build --release` and `cargo build`:
//   node bench/summary.mjs          all three runs
//   node bench/summary.mjs trace    the two runs of 3,000 JSONs with a Chromium trace: where the
//                                   main thread's time went, and the longest tasks
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, browser, open } from '../tests/e2e/harness.mjs';
import { department, file } from '../tests/e2e/county.mjs';
import { startTrace, selfTimes } from './trace.mjs';

const root = new URL('../', import.meta.url).pathname;
const nianbao = `${root}target/debug/nianbao`;
const tracing = process.argv[2] === 'trace';

/** Times choosing `files` until `rows` rows are drawn; the long tasks and memory meanwhile. */
async function run(context, url, label, files, roster) {
  const { page } = await open(context, url);
  await page.evaluate(() => {
    window.__long = [];
    // Tasks from choosing the files on: playwright's own handing over of the files comes before.
    new PerformanceObserver((l) => window.__long.push(...l.getEntries().filter((e) => e.startTime >= (window.__t0 ?? Infinity))
      .map((e) => e.duration))).observe({ type: 'longtask' });
    document.addEventListener('change', (e) => {
      if (e.target.matches('[data-action="summary-files"]')) window.__t0 = performance.mark('chosen').startTime;
    }, true);
    // The end of reading: the progress bar goes.
    new MutationObserver(() => {
      if (window.__t0 && !window.__read && window.__seen && !document.querySelector('[data-summary="progress"]')) window.__read = performance.now() - window.__t0;
      window.__seen ||= !!document.querySelector('[data-summary="progress"]');
    }).observe(document.body, { childList: true, subtree: true });
  });
  await page.click('[data-action="summary"]');
  await page.waitForSelector('[data-action="summary-files"]');
  if (roster) {
    // The roster pasted first (as a 公开办 does), so matching and 未报 run with the reading.
    await page.fill('[data-action="summary-roster-text"]', roster.join('\n'));
    await page.click('[data-action="summary-roster-use"]');
    await page.waitForFunction((n) => document.querySelector('[data-summary="roster"]')?.textContent.includes(`名单共 ${n} 个单位`), roster.length);
  }
  const stop = tracing && (await startTrace(context, page, ['blink.user_timing']));
  await page.setInputFiles('[data-action="summary-files"]', files);
  const ms = await page.waitForFunction(() => {
    const done = document.querySelector('[data-file-row]') && !document.querySelector('[data-summary="progress"]');
    return done && performance.now() - window.__t0;
  }, null, { timeout: 120000, polling: 'raf' }).then((h) => h.jsonValue());
  await page.waitForTimeout(300);
  const events = stop && (await stop());
  const { long, read } = await page.evaluate(() => ({ long: window.__long, read: window.__read }));
  const cdp2 = await context.newCDPSession(page);
  await cdp2.send('HeapProfiler.collectGarbage');
  await cdp2.send('Performance.enable');
  const { metrics } = await cdp2.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize').value;
  // The chunk's module is the page's own (one per URL); its init hands back the instance's exports.
  const wasm = await page.evaluate(async () => {
    const m = await import(new URL('nianbao-summary.js', document.baseURI).href);
    return (await m.default()).memory.buffer.byteLength;
  }).catch(() => 0);
  const rows = await page.locator('[data-file-row]').count();
  const tab = await page.textContent('[data-summary-tab="organs"]');
  console.log(`${label}: ${Math.round(ms)} ms to the drawn table (reading ${Math.round(read ?? NaN)} ms; ${tab}, ${rows} rows drawn); ` +
    `longest task ${Math.round(Math.max(0, ...long))} ms (${long.length} over 50 ms); ` +
    `JS heap ${(heap / 1048576).toFixed(1)} MB, summary wasm memory ${(wasm / 1048576).toFixed(1)} MB`);
  if (tracing) console.log(traced(events));
  await page.close();
}

/**
 * The main thread's time in the trace: each slice's own time (less its children's) summed by
 * name, the largest first; the idle time between tasks; and the five longest tasks, each with
 * its largest own-time parts.
 */
function traced(events) {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && events.some((x) => x.tid === e.tid && x.name === 'RunTask'))?.tid;
  // From choosing the files on (playwright's handing them over comes before).
  const chosen = events.find((e) => e.name === 'chosen')?.ts ?? 0;
  const slices = events.filter((e) => e.ph === 'X' && e.tid === main && e.dur && e.ts >= chosen).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const tasks = slices.filter((e) => e.name === 'RunTask');
  const span = (tasks.at(-1).ts + tasks.at(-1).dur - tasks[0].ts) / 1000;
  const busy = tasks.reduce((s, t) => s + t.dur, 0) / 1000;
  const ownTimes = (list) => selfTimes(list).filter(([, v]) => v >= 2000).slice(0, 8).map(([k, v]) => `${k} ${Math.round(v / 1000)}`).join(', ');
  const longest = [...tasks].sort((a, b) => b.dur - a.dur).slice(0, 5).map((t) =>
    `  ${Math.round(t.dur / 1000)} ms at +${Math.round((t.ts - tasks[0].ts) / 1000)}: ${ownTimes(slices.filter((e) => e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur))}`);
  return `trace: ${Math.round(span)} ms traced, main thread busy ${Math.round(busy)} ms (idle ${Math.round(span - busy)} ms); ` +
    `own time (ms): ${ownTimes(slices)}\nlongest tasks:\n${longest.join('\n')}`;
}

const server = await serve();
const context = await browser();
try {
  const json = Array.from({ length: 3000 }, (_, i) => file(`${i}.json`, department(i + 1)));
  await run(context, server.url, '3,000 report JSONs', json);
  const roster = Array.from({ length: 3010 }, (_, i) => `某县第${i + 1}局`);
  await run(context, server.url, '3,000 report JSONs with a roster of 3,010 (10 未报)', json, roster);
  const copies = Array.from({ length: 3000 }, (_, i) => file(`copy-${i}.json`, department(1)));
  await run(context, server.url, '3,000 copies of one organ', copies);
  if (!tracing) {

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
  }
} finally {
  await context.close();
  server.close();
}
