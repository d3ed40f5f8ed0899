// Navigation → first usable cell, in the built page (run after `trunk build --release`):
// `node bench/load.mjs [loads]` (default 12). Each load is a fresh profile (nothing stored, as on
// first use) on a loopback server; the time is taken in the page, from navigation start to the
// first frame painted after the first figure input exists. Prints the median and the range, then
// one load traced (Chromium's timeline through CDP): where the main thread spent that time.
import { serve, browser } from '../tests/e2e/harness.mjs';

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
    let cdp;
    const events = [];
    if (trace) {
      cdp = await context.newCDPSession(page);
      cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
      await cdp.send('Tracing.start', { categories: 'devtools.timeline,v8.execute,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
    }
    await page.goto(server.url);
    await page.waitForFunction(() => window.__usable !== undefined);
    const t = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      return { cell: window.__cell, usable: window.__usable, load: nav.loadEventEnd, dom: nav.domContentLoadedEventEnd };
    });
    if (trace) {
      const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
      await cdp.send('Tracing.end');
      await done;
      t.trace = summarise(events, t.usable);
    }
    return t;
  } finally {
    await context.close();
  }
}

/** Main-thread time by kind of work from navigation to `until` ms (top-level slices only). */
function summarise(events, until) {
  const nav = events.find((e) => e.name === 'navigationStart' || e.name === 'NavigationStart' || e.name === 'markAsMainFrame');
  const main = events.find((e) => e.name === 'ParseHTML')?.tid;
  const start = nav?.ts ?? Math.min(...events.filter((e) => e.ts).map((e) => e.ts));
  const kinds = { UpdateLayoutTree: 'style', Layout: 'layout', Paint: 'paint', PrePaint: 'paint', Layerize: 'paint',
    FunctionCall: 'script', EvaluateScript: 'script', 'v8.compile': 'compile wasm/js', 'v8.wasm.compileLazy': 'compile wasm/js',
    'v8.wasm.streamFromResponseCallback': 'compile wasm/js', ParseHTML: 'parse html', ParseAuthorStyleSheet: 'parse css',
    TimerFire: 'script', FireAnimationFrame: 'script', RunMicrotasks: 'script', EventDispatch: 'script' };
  const sums = {};
  for (const e of events) {
    if (e.ph !== 'X' || e.tid !== main || !kinds[e.name] || e.ts - start > until * 1000) continue;
    const k = kinds[e.name];
    sums[k] = (sums[k] ?? 0) + (e.dur ?? 0) / 1000;
  }
  return Object.fromEntries(Object.entries(sums).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Math.round(v)]));
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
