// Accessibility, as a clerk with a screen reader, a keyboard only, 200 % zoom or 大字 meets the page:
// axe-core (pinned in package.json) finds no serious or critical WCAG 2.0/2.1 A/AA violation in any
// view — the empty and the filled editor with findings, the import dialog and its review, 汇总与核查
// with files loaded, the print view, 大字 and 高对比度 — in Chromium and in Firefox the same way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { appUnderTest } from './harness.mjs';
import { department, file } from './county.mjs';

const root = new URL('../../', import.meta.url).pathname;
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const FIXTURE_TEXT = readFileSync(`${root}tests/fixtures/quangang-2023.json`, 'utf8');
const TEXT = readFileSync(`${root}tests/fixtures/泉港区-2023.txt`, 'utf8');

const app = appUnderTest();
const cell = (path) => `[data-cell="${path}"]`;

/**
 * axe's serious and critical WCAG 2.0/2.1 A and AA violations on the page as it is now, one line
 * each (rule, impact, the first few elements). Injected as a string expression: the page's CSP
 * refuses eval, the driver's own evaluation is not subject to it.
 */
export async function axe(page, { context } = {}) {
  const loaded = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!loaded) await page.evaluate(`${AXE}\n;void 0`);
  const result = await page.evaluate(async (context) => {
    const r = await window.axe.run(context ?? document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) =>
      `${v.id} (${v.impact}, ${v.nodes.length}×): ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} — ${n.failureSummary.split('\n').slice(1, 2).join('')}`).join(' | ')}`);
  }, context ?? null);
  return result;
}

/** Collects each view's violations, so one run names all of them; `done()` asserts there were none. */
function violations() {
  const all = [];
  return {
    async check(page, what) { for (const v of await axe(page)) all.push(`${what}: ${v}`); },
    done() { assert.deepEqual(all, [], all.join('\n')); },
  };
}

async function withFixture() {
  const opened = await app.fresh();
  await opened.page.setInputFiles('input[data-file="open-report"]', { name: 'q.json', mimeType: 'application/json', buffer: Buffer.from(FIXTURE_TEXT) });
  await opened.page.waitForFunction(() => document.querySelector('[data-field="organ"]').value !== '');
  return opened;
}

test('axe: the empty editor, the filled one with findings, 大字 and 高对比度', async () => {
  const { page, errors } = await app.fresh();
  const v = violations();
  await v.check(page, 'empty editor');
  await page.setInputFiles('input[data-file="open-report"]', { name: 'q.json', mimeType: 'application/json', buffer: Buffer.from(FIXTURE_TEXT) });
  await page.waitForFunction(() => document.querySelector('[data-field="organ"]').value !== '');
  await page.fill(cell('applications.new_received.natural_person'), '999');
  await page.fill(cell('proactive.penalty'), '12a');
  await page.waitForSelector('[data-finding="balance"]');
  await v.check(page, 'filled editor with findings');
  await page.click('[data-action="large-text"]');
  await page.waitForSelector('html[data-large]');
  await v.check(page, '大字');
  await page.click('[data-action="high-contrast"]');
  await page.waitForSelector('html[data-contrast="high"]');
  await v.check(page, '大字 + 高对比度');
  v.done();
  assert.deepEqual(errors, []);
});

test('axe: the import dialog, its review, and a draft started from last year', async () => {
  const { page, errors } = await app.fresh();
  const v = violations();
  await page.click('[data-action="import-report"]');
  await page.waitForSelector('dialog[data-import="dialog"][open]');
  await v.check(page, 'import dialog');
  await page.fill('[data-import="text"]', TEXT);
  await page.click('[data-action="import-run"]');
  await page.waitForSelector('[data-import="review"]');
  await v.check(page, 'import review');
  await page.click('[data-action="import-as-last-year-new"]');
  await page.waitForSelector('.prev');
  await v.check(page, 'draft with last year');
  v.done();
  assert.deepEqual(errors, []);
});

test('axe: 汇总与核查 with files loaded, each tab and a row open', async () => {
  const { page, errors } = await app.fresh();
  const v = violations();
  await page.click('[data-action="summary"]');
  await page.waitForSelector('dialog[data-summary="dialog"][open]');
  await v.check(page, '汇总与核查, empty');
  const reports = Array.from({ length: 6 }, (_, i) => department(i + 1, 2023));
  reports[2].applications.granted.natural_person += 1;
  const last = Array.from({ length: 6 }, (_, i) => department(i + 1, 2022));
  await page.setInputFiles('[data-action="summary-files"]', [...reports.map((r, i) => file(`${i}.json`, r)), ...last.map((r, i) => file(`last-${i}.json`, r)),
    { name: '泉港区-2023.txt', mimeType: 'text/plain', buffer: Buffer.from(TEXT) }]);
  await page.waitForFunction(() => document.querySelectorAll('[data-file-row]').length >= 7 && !document.querySelector('[data-summary="progress"]'), null, { timeout: 30000 });
  await v.check(page, '汇总与核查, organ table');
  await page.click('[data-file-row="2.json"]');
  await v.check(page, '汇总与核查, a row open');
  for (const tab of ['total', 'compare']) {
    const button = page.locator(`[data-summary-tab="${tab}"]`);
    if (await button.count()) {
      await button.click();
      await v.check(page, `汇总与核查, tab ${tab}`);
    }
  }
  v.done();
  assert.deepEqual(errors, []);
});

test('axe: the print view', async () => {
  const { page, errors } = await withFixture();
  const v = violations();
  await page.click('[data-action="print"]');
  await page.waitForSelector('iframe[data-print]', { state: 'attached' });
  const html = await page.evaluate(() => document.querySelector('iframe[data-print]').srcdoc);
  const view = await page.context().newPage();
  await view.setContent(html);
  await v.check(view, 'print view');
  await view.close();
  v.done();
  assert.deepEqual(errors, []);
});
