// Click → result with the files chunk cold (not yet fetched), in the built page (run after
// `trunk build --release`): `node bench/chunks.mjs [loads] [kbit/s]` (default 10 loads, no
// throttling). Each load is a fresh profile on a loopback server; the clicks are made in the page
// (element.click(): no pointer went over the button first, so nothing was prefetched), timed from
// the click to the import review of the pasted fixture text, and to the .xlsx download's notice.
// Then the same once the chunk is loaded. With a rate, Chromium throttles the network (CDP).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serve, browser } from '../tests/e2e/harness.mjs';

const loads = Number(process.argv[2] ?? 10);
const kbps = Number(process.argv[3] ?? 0);
const TEXT = readFileSync(fileURLToPath(new URL('../tests/fixtures/泉港区-2023.txt', import.meta.url)), 'utf8');
const server = await serve();

/** In the page: clicks `action`, then polls until `done` matches; the milliseconds in between. */
const timed = ([action, done, text]) => new Promise((resolve) => {
  const t = performance.now();
  document.querySelector(`[data-action="${action}"]`).click();
  const poll = () => (document.querySelector(done) ? resolve(performance.now() - t) : setTimeout(poll, 5));
  // The pasted text goes in as soon as the dialog is drawn, and 识别 is clicked at once.
  const paste = () => {
    const area = document.querySelector('[data-import="text"]');
    if (!area) return setTimeout(paste, 5);
    area.value = text;
    area.dispatchEvent(new InputEvent('input'));
    document.querySelector('[data-action="import-run"]').click();
    poll();
  };
  if (text === undefined) poll();
  else paste();
});

/** A fresh browser on the page (over the throttled network if one is asked for), ready to type. */
async function fresh() {
  const context = await browser();
  const page = context.pages()[0] ?? (await context.newPage());
  if (kbps) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: (kbps * 1000) / 8, uploadThroughput: (kbps * 1000) / 8 });
  }
  await page.goto(server.url);
  await page.waitForSelector('[data-cell^="appeals."]');
  return { context, page };
}

async function once() {
  const { context, page } = await fresh();
  try {
    const xlsx = ['download-xlsx', '[data-notice="info"]'];
    const dismiss = () => page.evaluate(() => document.querySelector('[data-notice] button.close')?.click());
    const cold = await page.evaluate(timed, xlsx);
    await dismiss();
    await page.waitForFunction(() => !document.querySelector('[data-notice]'));
    const warm = { export: await page.evaluate(timed, xlsx) };
    warm.import = await page.evaluate(timed, ['import-report', '[data-import="review"]', TEXT]);
    return { cold: { export: cold }, warm };
  } finally {
    await context.close();
  }
}

/** The same with the import first: its cold time must not profit from the export's fetch. */
async function importFirst() {
  const { context, page } = await fresh();
  try {
    return await page.evaluate(timed, ['import-report', '[data-import="review"]', TEXT]);
  } finally {
    await context.close();
  }
}

try {
  const runs = [];
  for (let i = 0; i < loads; i++) runs.push({ ...(await once()), importFirst: await importFirst() });
  const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const fmt = (xs) => `median ${med(xs).toFixed(0)} ms (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;
  const net = kbps ? `${kbps} kbit/s, 20 ms latency` : 'loopback';
  console.log(`over ${loads} fresh loads (${net}):`);
  console.log(`  click 导出 Excel → download, chunk cold: ${fmt(runs.map((r) => r.cold.export))}; loaded: ${fmt(runs.map((r) => r.warm.export))}`);
  console.log(`  click 导入 + 识别 → review (pasted 泉港区 text), chunk cold: ${fmt(runs.map((r) => r.importFirst))}; loaded: ${fmt(runs.map((r) => r.warm.import))}`);
} finally {
  server.close();
}
