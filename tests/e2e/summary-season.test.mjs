// 汇总与核查 as a county's 政务公开办 uses it in the season (issue 17): the roster pasted, the 40
// files of county.mjs's season chosen (this year's and last year's mixed, two organs missing, one
// truncated, one twice, one renamed from last year, another organ's PDF, two that copy each
// other's text, a blank-heavy one, a near match) → the year chosen and why, each case named in
// its row, 未报 listed, only the copied pair flagged, 年度对比 from the right files only; the
// roster kept for the next session; the view used from the keyboard; no rule id or cell key in
// the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appUnderTest } from './harness.mjs';
import { season, ROSTER, YEAR, CASE } from './county.mjs';

const root = new URL('../../', import.meta.url).pathname;
const app = appUnderTest();
const fold = (s) => s.replace(/\s/g, '');

/** Every rule id the tool has and every cell key of the form: none may be shown to the user. */
const RULE_IDS = [...readFileSync(`${root}src/rules.rs`, 'utf8').matchAll(/(?:id: |=> )"([a-z][a-z_]*(?:\.[a-z_]+)+|[a-z]+_[a-z_]+|balance)"/g)].map((m) => m[1]);
const CODE = /\b(?:applications|appeals|proactive|text)\.[a-z_]+|\b[a-z]+\.[a-z_]{3,}\b/;

async function openSummary(page) {
  await page.click('[data-action="summary"]');
  await page.waitForSelector('dialog[data-summary="dialog"][open]');
}

async function choose(page, files) {
  await page.setInputFiles('[data-action="summary-files"]', files);
  await page.waitForFunction((n) => document.querySelectorAll('[data-file-row]').length === n && !document.querySelector('[data-summary="progress"]'),
    files.length, { timeout: 60000 });
}

const row = (page, name) => page.locator(`[data-file-row="${name}"]`);
const texts = (page, sel) => page.locator(sel).allTextContents();
/** The row's visible words: its text with the flags' words. */
const rowText = (page, name) => row(page, name).textContent();

/** Asserts no rule id or cell key in `text` (what the user reads). */
function noCodes(text, where) {
  const ascii = text.replace(/[^\x20-\x7e]+/g, ' ').replace(/\S+\.(?:json|pdf|txt|docx|xlsx)\b/g, '');
  for (const id of RULE_IDS) assert.ok(!new RegExp(`\\b${id.replace('.', '\\.')}\\b`).test(ascii), `${where} shows the rule id ${id}`);
  assert.doesNotMatch(ascii, CODE, `${where} shows a code`);
}

test('a county season of 40 files with its roster: the year, each case in its row, 未报, the copied pair, 年度对比', async () => {
  const { page, errors } = await app.fresh();
  const s = season();
  assert.equal(s.files.length, 40);
  await openSummary(page);
  // The roster, pasted as copied from a spreadsheet column.
  await page.fill('[data-action="summary-roster-text"]', ROSTER.join('\n'));
  await page.click('[data-action="summary-roster-use"]');
  await page.waitForFunction((n) => document.querySelector('[data-summary="roster"]')?.textContent.includes(`名单共 ${n} 个单位`), ROSTER.length);
  await choose(page, s.files);

  // The year: this year's, though last year's files are more; said, and a control.
  assert.equal(await page.inputValue('[data-action="summary-year"]'), String(YEAR));
  assert.match(await page.textContent('[data-summary="year-reason"]'), new RegExp(`${YEAR} 年度：\\d+ 份报告中 \\d+ 份为该年度`));
  const years = await page.$$eval('[data-action="summary-year"] option', (os) => os.map((o) => o.value));
  assert.deepEqual(years, [String(YEAR), String(YEAR - 1), String(YEAR - 2)]);

  // Each case named in its row.
  const named = {
    near: [/off-roster/, /可能是名单中的「某县教育局」/],
    truncated: [/^$/, /文件不完整/],
    twice: [/duplicate/, /重复/],
    renamed: [/renamed/, new RegExp(`文件名为 ${YEAR} 年，内容却是 ${YEAR - 1} 年度报告`)],
    'other-organ': [/off-roster/, /不在应报单位名单中/],
    copy: [/copy/, /报告正文重复 \d+%/],
    blanks: [/blank-heavy/, /\d+ 个数字未填写/],
    'other-year': [/wrong-year/, new RegExp(`为 ${YEAR - 2} 年度报告`)],
    'not-a-report': [/^$/, /未识别到政府信息公开工作年度报告/],
  };
  for (const [name, what] of Object.entries(s.cases)) {
    const [flags, words] = named[what];
    assert.match(await row(page, name).getAttribute('data-flags'), flags, `${what}: ${name}`);
    assert.match(await rowText(page, name), words, `${what}: ${name}`);
  }
  // 名单外: the near match and the other government's PDF, not an older report of a roster organ.
  const off = await page.locator('[data-file-row][data-flags~="off-roster"]').evaluateAll((rows) => rows.map((r) => r.dataset.fileRow));
  assert.deepEqual(off.sort(), Object.keys(s.cases).filter((n) => ['near', 'other-organ'].includes(s.cases[n])).sort());
  // The copy flags name the other organ, and only the pair has them.
  const copied = await page.locator('[data-file-row][data-flags~="copy"]').evaluateAll((rows) => rows.map((r) => r.dataset.fileRow));
  assert.deepEqual(copied.sort(), Object.keys(s.cases).filter((n) => s.cases[n] === 'copy').sort());
  const [copier, source] = s.copies;
  assert.match(await rowText(page, `${copier}${YEAR}年政府信息公开工作年度报告.json`), new RegExp(`与${source}报告正文重复 (8|9)\\d%`));
  // Last year chosen, then this year again: the copies are looked for again (a report at a
  // time, apart from the summary) and found; a year's copies never stand for another's.
  const copyRows = () => page.locator('[data-file-row][data-flags~="copy"]').count();
  await page.selectOption('[data-action="summary-year"]', String(YEAR - 1));
  await page.waitForFunction(() => !document.querySelector('[data-summary="progress"]'));
  assert.equal(await copyRows(), 0, 'last year has no copied pair');
  await page.selectOption('[data-action="summary-year"]', String(YEAR));
  await page.waitForFunction(() => document.querySelectorAll('[data-file-row][data-flags~="copy"]').length === 2);
  // Last year's files apart from this year's, other years apart again.
  assert.equal(await row(page, `${ROSTER[0]}${YEAR - 1}年政府信息公开工作年度报告.json`).evaluate((r) => r.closest('tbody').dataset.group), '1');
  assert.equal(await row(page, `${ROSTER[CASE.older]}${YEAR - 2}年报告.json`).evaluate((r) => r.closest('tbody').dataset.group), '2');

  // 未报 by name, and the counts.
  const missing = await page.textContent('[data-summary="missing"]');
  for (const organ of s.unreported) assert.ok(missing.includes(organ), `未报 lists ${organ}: ${missing}`);
  assert.match(await page.textContent('[data-count="missing"]'), new RegExp(`未报 ${s.unreported.length}`));
  assert.match(await page.textContent('[data-count="duplicates"]'), /重复 1/);
  // The near match: suggested, confirmed by the user, then reported.
  assert.match(await page.textContent('[data-suggestion="某县教育局"]'), /某县教育体育局/);
  await page.click('[data-suggestion="某县教育局"] [data-action="summary-accept"]');
  await page.waitForFunction(() => !document.querySelector('[data-summary="missing"]')?.textContent.includes('某县教育局'));
  assert.match(await page.textContent('[data-count="missing"]'), new RegExp(`未报 ${s.unreported.length - 1}`));
  const nearRow = Object.keys(s.cases).find((n) => s.cases[n] === 'near');
  assert.equal(await row(page, nearRow).getAttribute('data-role'), 'summed');

  // 年度对比: this year's summed organs against their own last year, nothing else.
  await page.click('[data-summary-tab="compare"]');
  await page.waitForSelector('[data-summary="compare"]');
  const compared = (await page.locator('[data-compare-organ]').evaluateAll((rows) => rows.map((r) => r.dataset.compareOrgan))).map(fold);
  const expected = [...s.compared, ROSTER[CASE.near]];
  assert.deepEqual(compared.map((o) => o.replace('某县教育体育局', '某县教育局')).sort(), expected.map(fold).sort());
  const received = (r) => Object.values(r.applications.new_received).reduce((a, b) => a + b, 0);
  const nowTotal = expected.reduce((a, o) => a + received(s.now.get(o)), 0);
  const thenTotal = expected.reduce((a, o) => a + received(s.then.get(o)), 0);
  assert.match(await page.textContent('[data-compare-total="新收申请"]'), new RegExp(`^新收申请${nowTotal}${thenTotal}`));

  // The indicators, with the thresholds said.
  await page.click('[data-summary-tab="indicators"]');
  assert.match(await page.textContent('[data-summary="thresholds"]'), /纠错率.*高于 15%/);
  assert.equal(await page.locator('[data-indicator-organ]').count(), expected.length + 1);

  // Nothing the user reads is a rule id or a cell key: the table, a copy's detail, the indicators.
  noCodes(await page.textContent('[data-summary="dialog"]'), 'the indicators');
  await page.click('[data-summary-tab="organs"]');
  noCodes(await page.textContent('[data-summary="dialog"]'), 'the organ table');
  await page.click(`[data-file-row="${copier}${YEAR}年政府信息公开工作年度报告.json"] [data-action="summary-row"]`);
  await page.waitForSelector('[data-summary="detail"] [data-summary-finding]');
  assert.match(await page.textContent('[data-summary="detail"]'), new RegExp(`与${source}报告正文重复`));
  noCodes(await page.textContent('[data-summary="detail"]'), 'the detail');
  assert.deepEqual(errors, []);
});

test('the roster is kept for the next session; 取上年机关 takes last year\'s organs', async () => {
  const { page, errors } = await app.fresh();
  const s = season();
  await openSummary(page);
  await choose(page, s.files);
  await page.click('[data-action="summary-roster-last"]');
  // Last year's organs: all 20, the renamed organ's by its old report sent under this year's name.
  await page.waitForFunction((n) => document.querySelector('[data-summary="roster"]')?.textContent.includes(`名单共 ${n} 个单位`), ROSTER.length);
  await page.reload();
  await page.waitForSelector('[data-cell^="appeals."]');
  await openSummary(page);
  assert.match(await page.textContent('[data-summary="roster"]'), new RegExp(`名单共 ${ROSTER.length} 个单位`));
  assert.deepEqual(errors, []);
});

test('from the keyboard: a row opens by Enter, the detail takes the focus, 关闭详情 goes back to the row; boxes named apart', async () => {
  const { page, errors } = await app.fresh();
  const s = season();
  await openSummary(page);
  await choose(page, s.files);
  const first = page.locator('[data-action="summary-row"]').first();
  await first.focus();
  await page.keyboard.press('ArrowDown');
  const second = await page.evaluate(() => document.activeElement.textContent);
  assert.equal(second, await page.locator('[data-action="summary-row"]').nth(1).textContent());
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-summary="detail"]');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'summary-detail-title');
  assert.equal(await page.textContent('#summary-detail-title'), second);
  await page.click('[data-action="summary-detail-close"]');
  await page.waitForFunction((name) => document.activeElement?.textContent === name && document.activeElement.dataset.action === 'summary-row', second);
  // Every 计入汇总 box has a name of its own, naming its organ or file.
  const names = await page.locator('[data-action="summary-include"]').evaluateAll((boxes) => boxes.map((b) => b.getAttribute('aria-label')));
  assert.ok(names.length >= 5);
  assert.equal(new Set(names).size, names.length, names.join('\n'));
  for (const n of names) assert.match(n, /^计入汇总：/);
  assert.deepEqual(errors, []);
});

test('the detail never overprints the table: at 1366 px beside it, at 200 % zoom in its place', async () => {
  const { page, errors } = await app.fresh();
  const s = season();
  await openSummary(page);
  await choose(page, s.files);
  const overlap = () => page.evaluate(() => {
    const d = document.querySelector('[data-summary="detail"]').getBoundingClientRect();
    const wrap = document.querySelector('.summary-table-wrap');
    if (!wrap || wrap.getClientRects().length === 0) return { shown: false, overlap: false };
    const cells = [...wrap.querySelectorAll('th, td')].map((c) => c.getBoundingClientRect()).filter((r) => r.width > 0);
    const hits = cells.filter((c) => c.right > d.left + 1 && c.left < d.right - 1 && c.bottom > d.top + 1 && c.top < d.bottom - 1);
    return { shown: true, overlap: hits.length > 0 };
  });
  await page.locator('[data-action="summary-row"]').nth(3).click();
  await page.waitForSelector('[data-summary="detail"]');
  assert.deepEqual(await overlap(), { shown: true, overlap: false }, '1366 px: beside the table');
  // 200 % zoom of a 1366×768 screen: a 683×384 CSS px viewport.
  await page.setViewportSize({ width: 683, height: 384 });
  await page.waitForTimeout(200);
  assert.deepEqual(await overlap(), { shown: false, overlap: false }, '200 %: in the table\'s place');
  await page.click('[data-action="summary-detail-close"]');
  assert.equal(await page.locator('.summary-table-wrap').isVisible(), true);
  assert.deepEqual(errors, []);
});

/** The words of an Office package's part: its text runs, the markup left out. */
const words = (path, part) => execFileSync('unzip', ['-p', path, part], { encoding: 'utf8' })
  .replace(/<\/(w:p|row)>/g, '\n').replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

test('the 问题清单 workbook and one organ\'s .docx download and read back: 未报, the copy, in the form\'s words', async () => {
  const { page, errors } = await app.fresh();
  const s = season();
  await openSummary(page);
  await page.fill('[data-action="summary-roster-text"]', ROSTER.join('\n'));
  await page.click('[data-action="summary-roster-use"]');
  await choose(page, s.files);
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-issues-'));
  const [book] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="summary-issues"]')]);
  const bookPath = join(dir, 'issues.xlsx');
  await book.saveAs(bookPath);
  assert.match(book.suggestedFilename(), new RegExp(`${YEAR}年度.*问题清单\\.xlsx$`));
  const sheets = execFileSync('unzip', ['-Z1', bookPath], { encoding: 'utf8' }).split('\n').filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
  const first = words(bookPath, 'xl/worksheets/sheet1.xml');
  assert.match(first, new RegExp(`汇总年度：${YEAR} 年度`));
  for (const organ of s.missing) assert.match(first, new RegExp(`${organ}未报`), organ);
  const all = sheets.map((n) => words(bookPath, n)).join('\n');
  const [copier, source] = s.copies;
  assert.match(all, new RegExp(`与${source}报告正文重复 \\d+%`));
  assert.match(words(bookPath, 'xl/workbook.xml') + execFileSync('unzip', ['-p', bookPath, 'xl/workbook.xml'], { encoding: 'utf8' }), /汇总情况/);
  noCodes(all, 'the workbook');

  // The copier's letter, from its detail.
  await page.click(`[data-file-row="${copier}${YEAR}年政府信息公开工作年度报告.json"] [data-action="summary-row"]`);
  await page.waitForSelector('[data-action="summary-letter"]');
  const [letter] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="summary-letter"]')]);
  assert.equal(letter.suggestedFilename(), `关于${copier}${YEAR}年度政府信息公开工作年度报告问题的清单.docx`);
  const letterPath = join(dir, 'letter.docx');
  await letter.saveAs(letterPath);
  const text = words(letterPath, 'word/document.xml');
  assert.match(text, new RegExp(`关于${copier}${YEAR}年度政府信息公开工作年度报告问题的清单`));
  assert.match(text, new RegExp(`与${source}报告正文重复 \\d+%`));
  noCodes(text, 'the letter');
  assert.deepEqual(errors, []);
});
