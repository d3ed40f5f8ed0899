// The first-year path as a clerk with only last year's published report walks it: 从上年报告开始
// → 选择上年报告文件 (the published file, not a JSON) → the import review → 以此为上年报告，新建本年草稿
// → this season's draft with 机关, the texts, 上年结转 and last year's figures, and the text still
// dated last year flagged. A weak import says what to try instead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { appUnderTest, draftYear } from './harness.mjs';

const root = new URL('../../', import.meta.url).pathname;
const QUANGANG = readFileSync(`${root}tests/fixtures/泉港区-2023.txt`);
const HUAIAN = readFileSync(`${root}tests/fixtures/淮安市-2024.txt`);
const HUAIAN_PDF = readFileSync(`${root}tests/fixtures/pdf/淮安市-2024.pdf`);
const FIXTURE = JSON.parse(readFileSync(`${root}tests/fixtures/quangang-2023.json`, 'utf8'));

const app = appUnderTest();
const cell = (path) => `[data-cell="${path}"]`;

/** 从上年报告开始, then its one file chooser (选择上年报告文件…), any report file. */
async function chooseLastYear(page, name, buffer, mimeType = 'text/plain') {
  if (!(await page.locator('dialog[data-import="dialog"][open]').count())) await page.click('[data-action="import-report"]');
  await page.setInputFiles('input[data-file="import-report"]', { name, mimeType, buffer });
}



for (const [name, bytes, organ, year] of [
  ['泉港区-2023.txt', QUANGANG, '泉州市泉港区人民政府', 2023],
  ['淮安市-2024.txt', HUAIAN, '淮安市人民政府', 2024],
  ['淮安市-2024.pdf', HUAIAN_PDF, '淮安市人民政府', 2024],
]) {
  test(`以上年报告为基础新建 with the published ${name}: review, then this year's draft`, async () => {
    const { page, errors } = await app.fresh();
    await chooseLastYear(page, name, bytes, name.endsWith('.pdf') ? 'application/pdf' : 'text/plain');
    await page.waitForSelector('[data-import="review"]');
    assert.equal(await page.textContent('[data-review="organ"]'), organ);
    // The main (blue) button is the one that starts this year's draft, and it has the focus.
    const main = page.locator('[data-action="import-as-last-year-new"]');
    assert.equal(await main.textContent(), '以此为上年报告，新建本年草稿');
    assert.match(await main.getAttribute('class'), /primary/);
    assert.equal(await page.locator('dialog button.primary').count(), 1);
    assert.equal(await page.evaluate(() => document.activeElement.dataset.action), 'import-as-last-year-new');
    await main.click();

    assert.equal(await page.locator('dialog[open]').count(), 0);
    const next = draftYear(year);
    assert.equal(await page.inputValue('[data-field="year"]'), String(next));
    assert.equal(await page.inputValue('[data-field="organ"]'), organ, '机关 carried');
    assert.ok((await page.inputValue('[data-text="overview"]')).length > 200, 'part 一 copied for editing');
    assert.ok((await page.inputValue('[data-text="preamble"]')).length > 50, 'the preamble copied');
    // 上年结转 is last year's 结转下年度继续办理; last year's figures stand muted under the cells.
    const forward = await page.$$eval('[data-cell^="applications.carried_over."]:not([readonly])', (els) => els.map((e) => e.value));
    assert.ok(forward.every((v) => /^\d+$/.test(v)), forward.join());
    assert.ok((await page.locator('td .prev').count()) > 100, 'last year under each cell');
    assert.equal(await page.locator('[data-finding="prev.carried_over"]').count(), 0);
    assert.equal(await page.inputValue(cell('proactive.licensing')), '', "this year's figures start empty");
    // The notice names the report by organ and year (not 「粘贴的文本」) and says to update dates.
    const notice = await page.textContent('[data-notice]');
    assert.match(notice, new RegExp(`已以${organ}${year}年报告为基础新建${next}年报告`));
    assert.match(notice, new RegExp(`年份和日期改为${next}年`));
    // A source older than the year before: its year said, the draft's year changeable.
    if (next !== year + 1) assert.match(notice, new RegExp(`所选报告为${year}年；按当前填报时间新建${next}年报告，如需其他年度请在“年度”中修改`));
    // The copied text still gives last year as the reporting period: named, with the sentence.
    const stale = page.locator('[data-finding="text.stale_year"]');
    assert.ok((await stale.count()) >= 1);
    assert.match(await stale.first().textContent(), new RegExp(`仍以${year}年为报告期：“.*${year} ?年 ?1 ?月 ?1 ?日`));
    await stale.first().click();
    assert.equal(await page.evaluate(() => document.activeElement.dataset.text), 'preamble');
    assert.deepEqual(errors, []);
  });
}

test('the same route from this tool\'s JSON file still works, and says to update the dates', async () => {
  const { page } = await app.fresh();
  await chooseLastYear(page, 'quangang-2023.json', readFileSync(`${root}tests/fixtures/quangang-2023.json`), 'application/json');
  const next = String(draftYear(2023));
  await page.waitForFunction((next) => document.querySelector('[data-field="year"]').value === next, next);
  assert.equal(await page.locator('dialog[open]').count(), 0, 'a JSON file needs no review');
  assert.equal(await page.inputValue(cell('applications.carried_over.natural_person')), String(FIXTURE.applications.carried_forward.natural_person));
  assert.match(await page.textContent('[data-notice]'), new RegExp(`年份和日期改为${next}年`));
});

test('a file that is not a report gets a message in plain Chinese; the draft stays', async () => {
  const { page } = await app.fresh();
  await page.fill(cell('proactive.licensing'), '7');
  await chooseLastYear(page, '会议纪要.txt', Buffer.from('关于召开会议的通知。\n请各单位准时参加。\n'));
  const said = page.locator('[data-import="error"]');
  await said.waitFor();
  const text = await said.textContent();
  assert.match(text, /无法导入「会议纪要\.txt」：.*当前草稿未作改动/);
  assert.doesNotMatch(text, /JSON|[A-Za-z]{4,}/, text);
  assert.equal(await page.inputValue(cell('proactive.licensing')), '7');
  // A damaged JSON file: where, in Chinese, without the parser's English.
  await chooseLastYear(page, '坏.json', Buffer.from('{\n "year": 2023,,\n}'), 'application/json');
  await page.waitForFunction(() => /坏\.json/.test(document.querySelector('[data-notice="error"]')?.textContent));
  assert.doesNotMatch(await page.textContent('[data-notice="error"]'), /expected|line \d|column \d/);
});

test('a weak import says what to try instead, and its main button is not "use it"', async () => {
  const { page } = await app.fresh();
  // Only the text and table A of the published report: a page copied in part.
  const text = QUANGANG.toString('utf8');
  const partial = text.slice(0, text.indexOf('三、收到和处理政府信息公开申请情况'));
  await page.click('[data-action="import-report"]');
  await page.fill('[data-import="text"]', partial);
  await page.click('[data-action="import-run"]');
  await page.waitForSelector('[data-import="review"]');
  const weak = await page.textContent('[data-review="weak"]');
  assert.match(weak, /只识别出 \d+ 个数字中的 \d+ 个（\d+%）/);
  assert.match(weak, /Word 文件.*网页.*PDF 原件/);
  assert.equal(await page.getAttribute('dialog button.primary', 'data-action'), 'import-back');
  assert.doesNotMatch(await page.getAttribute('[data-action="import-as-last-year-new"]', 'class') ?? '', /primary/);
  // The whole report, pasted: no warning, and 以此为上年报告 is the main button (it is last year's).
  await page.click('[data-action="import-back"]');
  await page.fill('[data-import="text"]', text);
  await page.click('[data-action="import-run"]');
  await page.waitForSelector('[data-import="review"]');
  assert.equal(await page.locator('[data-review="weak"]').count(), 0);
  assert.equal(await page.getAttribute('dialog button.primary', 'data-action'), 'import-as-last-year-new');
  await page.click('[data-action="import-as-last-year-new"]');
  assert.match(await page.textContent('[data-notice]'), new RegExp(`已以泉州市泉港区人民政府2023年报告为基础新建${draftYear(2023)}年报告`));
  assert.doesNotMatch(await page.textContent('[data-notice]'), /粘贴的文本/);
});
