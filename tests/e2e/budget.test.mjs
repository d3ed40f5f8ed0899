// The first load stays within 300 KB gzip: the page and every file it names (its wasm, JS, CSS,
// snippets), as a server compressing them sends them. What only some users need lives in the
// chunks fetched on intent (files, pdf, summary), which the page does not name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const dist = new URL('../../dist/', import.meta.url).pathname;
const BUDGET = 300 * 1024;

test('the first load is at most 300 KB gzip, and names no chunk', () => {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const named = [...html.matchAll(/(?:href|src)="\/([^"]+\.(?:js|wasm|css))"/g)].map((m) => m[1]);
  const files = ['index.html', ...new Set(named)];
  assert.ok(files.some((f) => f.endsWith('.wasm')), `the page names its wasm: ${files}`);
  assert.ok(!files.some((f) => /nianbao-(files|pdf|summary)/.test(f)), `a chunk is fetched on intent, not at load: ${files}`);
  const sizes = files.map((f) => [f, gzipSync(readFileSync(join(dist, f)), { level: 9 }).length]);
  const total = sizes.reduce((n, [, s]) => n + s, 0);
  assert.ok(total <= BUDGET, `first load ${(total / 1024).toFixed(1)} KB gzip > 300 KB: ${JSON.stringify(sizes)}`);
  console.log(`first load ${(total / 1024).toFixed(1)} KB gzip`, Object.fromEntries(sizes));
});
