// Navigation → first usable cell, in the built page (run after `trunk build --release`):
// `node bench/load.mjs [loads]` (default 12). Each load is a fresh profile (nothing stored, as on
// first use) on a loopback server; the time is taken in the page, from navigation start to the
// first frame painted after the first figure input exists. Prints the median and the range, then
// one load traced (Chromium's timeline through CDP): where the main thread spent that time.
import { serve, browser } from '../tests/e2e/harness.mjs';
import { startTrace, selfTimes } from './trace.mjs';

const loads = Number(process.argv[2] ?? 12);
const server = await serve();

/** Set before the page's scripts run: notes when the first cell exists and when it is painted. */
const probe = () => {
  const channel = new MessageChannel();
  const poll = () => {
    if (document.querySelector('input[data-cell]')) {
      window.__cell = performance.now();
      requestAnimationFrame(() => setTimeout(() => { window.__usable = performance.now(); }, 0));
    } else {
      channel.port2.postMessage(0);
    }
  };
  channel.port1.onmessage = poll;
  channel.port2.postMessage(0);
};

async function once(trace) {
  const context = await browser();
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.addInitScript(probe);
    const stop = trace && (await startTrace(context, page));
    await page.goto(server.url);
    await page.waitForFunction(() => window.__usable !== undefined);
    const t = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      return { cell: window.__cell, usable: window.__usable, load: nav.loadEventEnd, dom: nav.domContentLoadedEventEnd };
    });
    if (stop) t.trace = summarise(await stop(), t.usable);
    return t;
  } finally {
    await context.close();
  }
}

/**
 * Main-thread time from navigation to `until` ms, by what the time was spent in: each slice's own
 * time (its duration less its children's), summed by event name, the largest first.
 */
function summarise(events, until) {
  const main = events.find((e) => e.name === 'ParseHTML')?.tid;
  const start = events.find((e) => e.name === 'navigationStart')?.ts ?? Math.min(...events.filter((e) => e.ts).map((e) => e.ts));
  const slices = events.filter((e) => e.ph === 'X' && e.tid === main && e.dur && e.ts - start <= until * 1000).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  return Object.fromEntries(selfTimes(slices).filter(([, v]) => v >= 5000).slice(0, 12).map(([k, v]) => [k, Math.round(v / 1000)]));
}

try {
  const runs = [];
  for (let i = 0; i < loads; i++) runs.push(await once(false));
  const usable = runs.map((r) => r.usable).sort((a, b) => a - b);
  const med = (xs) => xs[Math.floor(xs.length / 2)];
  const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`navigation → first usable cell over ${loads} loads: median ${fmt(med(usable))} (${fmt(usable[0])}–${fmt(usable.at(-1))}); ` +
    `load event median ${fmt(med(runs.map((r) => r.load).sort((a, b) => a - b)))}`);
  const traced = await once(true);
  console.log(`one traced load: usable at ${fmt(traced.usable)}; main thread (ms) until then:`, JSON.stringify(traced.trace));
} finally {
  server.close();
}
