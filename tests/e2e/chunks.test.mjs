// The files chunk (nianbao-files: the report readers and the .docx/.xlsx writers) is not part of
// the first load: it is fetched on intent (导出 or 导入 pointed at or focused, the import dialog
// opened), never on idle. While it loads the dialog says so; if it cannot be loaded, importing and
// exporting say so in Chinese, the draft is untouched, and the next try loads it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { appUnderTest, TARGET } from './harness.mjs';

const TEXT = readFileSync(fileURLToPath(new URL('../fixtures/泉港区-2023.txt', import.meta.url)), 'utf8');
const app = appUnderTest();
const cell = (path) => `[data-cell="${path}"]`;

/** Whether the page has started loading chunk `name` (the loader's record, in every target). */
const started = (page, name) => page.evaluate((n) => globalThis.nianbaoLoading?.pending.has(n) ?? false, name);

/** Polls (inside the page) until `selector`'s text matches `pattern`; returns the text. */
async function textMatching(page, selector, pattern) {
  return page.evaluate(async ([sel, src]) => {
    const re = new RegExp(src);
    for (let i = 0; i < 600; i++) {
      const text = document.querySelector(sel)?.textContent ?? '';
      if (re.test(text)) return text;
      await new Promise((r) => setTimeout(r, 50));
    }
    return document.querySelector(sel)?.textContent ?? '(none)';
  }, [selector, pattern.source]);
}

test('the files chunk is fetched on intent only: focusing 导出 Word starts it, an idle page never does', async () => {
  const { page, errors } = await app.fresh();
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await page.fill(cell('applications.granted.natural_person'), '3');
  await page.waitForTimeout(1500);
  assert.equal(await started(page, 'files'), false, 'not loaded while the user only types');
  assert.ok(!fetched.some((p) => p.includes('nianbao-files')), `fetched: ${fetched}`);
  await page.focus('[data-action="download-docx"]');
  await page.waitForFunction(() => globalThis.nianbaoLoading?.loaded.has('files'));
  if (TARGET === 'served') assert.ok(fetched.includes('/nianbao-files.js') && fetched.includes('/nianbao-files_bg.wasm'), `${fetched}`);
  assert.deepEqual(errors, []);
});

test('opening 导入已发布报告 starts the chunk; pasted text is reviewed as soon as it is there', async () => {
  const { page, errors } = await app.fresh();
  await page.evaluate(() => document.querySelector('[data-action="import-report"]').click());
  await page.waitForSelector('dialog[data-import="dialog"][open]');
  assert.equal(await started(page, 'files'), true, 'opening the dialog is intent');
  await page.fill('[data-import="text"]', TEXT);
  await page.click('[data-action="import-run"]');
  await page.waitForSelector('[data-import="review"]');
  assert.equal(await page.textContent('[data-review="recognised"]'), '166');
  assert.equal(await page.locator('[data-import="loading"]').count(), 0, 'loaded: nothing said about it');
  assert.deepEqual(errors, []);
});

test('a files chunk that cannot be loaded: import and export say so in Chinese, the draft is kept, and a retry works', async (t) => {
  if (TARGET === 'bundle') return t.skip('the single file carries the chunk inline: no request to fail');
  const { page } = await app.fresh();
  await page.route('**/nianbao-files*', (route) => route.abort('connectionfailed'));
  await page.fill(cell('applications.granted.natural_person'), '7');

  await page.click('[data-action="download-xlsx"]');
  const exportNotice = await textMatching(page, '[data-notice="error"]', /无法导出/);
  assert.match(exportNotice, /^无法导出「.*\.xlsx」：导出组件未能加载（.+），请检查网络连接后重试。草稿未作改动。/);
  assert.equal(await page.getAttribute('[data-action="download-xlsx"]', 'disabled'), null, 'the button is back');

  await page.click('[data-action="import-report"]');
  await page.fill('[data-import="text"]', TEXT);
  await page.click('[data-action="import-run"]');
  const importError = await textMatching(page, '[data-import="error"]', /无法导入/);
  assert.match(importError, /^无法导入「粘贴的文本」：无法加载导入组件（.+）。请检查网络连接后重试。当前草稿未作改动。$/);
  assert.equal(await page.inputValue(cell('applications.granted.natural_person')), '7');

  await page.unroute('**/nianbao-files*');
  await page.click('[data-action="import-run"]');
  await page.waitForSelector('[data-import="review"]');
  assert.equal(await page.textContent('[data-review="recognised"]'), '166', 'the next try loads the chunk');
  await page.click('[data-action="import-cancel"]');
  assert.equal(await page.inputValue(cell('applications.granted.natural_person')), '7');
});

test('while the chunk loads, the import dialog and the export button say so', async (t) => {
  if (TARGET === 'bundle') return t.skip('the single file carries the chunk inline: no request to hold back');
  const { page, errors } = await app.fresh();
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/nianbao-files_bg.wasm', async (route) => { await held; await route.continue(); });
  await page.evaluate(() => document.querySelector('[data-action="download-docx"]').click());
  await page.waitForSelector('[data-action="download-docx"][aria-busy="true"][disabled]');
  assert.equal(await page.textContent('[data-action="download-docx"]'), '正在导出……');
  await page.evaluate(() => document.querySelector('[data-action="import-report"]').click());
  assert.equal(await page.textContent('[data-import="loading"]'), '正在加载识别组件……可先粘贴正文或选择文件。');
  assert.equal(await page.getAttribute('[data-action="download-docx"]', 'aria-busy'), 'true', 'the dialog opening leaves the toolbar as it was');
  await page.fill('[data-import="text"]', TEXT);
  await page.click('[data-action="import-run"]');
  assert.match(await page.textContent('[data-import="reading"]'), /^正在读取「粘贴的文本」……（首次使用，正在加载识别组件）$/);
  release();
  await page.waitForSelector('[data-import="review"]');
  assert.match(await textMatching(page, '[data-notice]', /已导出/), /^已导出「.*\.docx」/);
  assert.equal(await page.textContent('[data-action="download-docx"]'), '导出 Word');
  assert.deepEqual(errors, []);
});
