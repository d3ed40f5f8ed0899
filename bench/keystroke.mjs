// Keystroke → re-checked, redrawn total, in the built page (run after `trunk build --release`):
// `node bench/keystroke.mjs [keystrokes]`. The fixture report with last year's (the heaviest
// page: every figure filled, last year's muted under each cell, the cross-year rules on) gets
// one figure typed per keystroke; each is timed from the `input` event until the 总计 it changes
// shows the new sum, polled through a MessageChannel (no timer clamping; two animation frames
// would measure the frame clock, not the app). Prints p50/p95/max in ms.
import { readFileSync } from 'node:fs';
import { serve, browser, open } from '../tests/e2e/harness.mjs';

const root = new URL('../', import.meta.url).pathname;
const n = Number(process.argv[2] ?? 200);
const fixture = JSON.parse(readFileSync(`${root}tests/fixtures/quangang-2023.json`, 'utf8'));
// This year's draft on top of the fixture as last year: the same figures, `previous` filled.
const draft = { ...fixture, year: fixture.year + 1, previous: fixture };

const server = await serve();
const context = await browser();
try {
  const { page } = await open(context, server.url);
  await page.setInputFiles('input[data-file="open-report"]', { name: 'd.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(draft)) });
  await page.waitForFunction(() => document.querySelector('[data-field="year"]').value === '2024');
  const times = await page.evaluate(async (n) => {
    const input = document.querySelector('[data-cell="applications.granted.natural_person"]');
    const total = document.querySelector('[data-cell="applications.granted.total"]');
    const others = Number(total.value) - Number(input.value);
    const channel = new MessageChannel();
    const tick = () => new Promise((ok) => { channel.port1.onmessage = ok; channel.port2.postMessage(0); });
    const out = [];
    for (let k = 0; k < n; k++) {
      const value = String(100 + (k % 50));
      const want = String(others + Number(value));
      input.focus();
      const t = performance.now();
      input.value = value;
      input.dispatchEvent(new InputEvent('input', { bubbles: true, data: value.slice(-1), inputType: 'insertText' }));
      while (total.value !== want) await tick();
      out.push(performance.now() - t);
      // Let the frame paint before the next keystroke, as between a person's keystrokes.
      await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
    }
    return out;
  }, n);
  times.sort((a, b) => a - b);
  const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
  console.log(`keystroke → re-checked, redrawn total over ${n} keystrokes: p50 ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, max ${times.at(-1).toFixed(1)} ms`);
} finally {
  await context.close();
  server.close();
}
