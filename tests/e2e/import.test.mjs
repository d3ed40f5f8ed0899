// 导入已发布报告 driven like a user: paste last year's report text or upload its .docx, review what
// was recognised, then take it as this year's draft or as last year's reference. Bad input gets
// a message and leaves the draft alone.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appUnderTest } from './harness.mjs';

const root = new URL('../../', import.meta.url).pathname;
const TEXT = readFileSync(`${root}tests/fixtures/泉港区-2023.txt`, 'utf8');
const FIXTURE_PATH = `${root}tests/fixtures/quangang-2023.json`;
const FIXTURE = JSON.parse(readFileSync(FIXTURE_PATH, 'utf8'));
const B = FIXTURE.applications;

const app = appUnderTest();
const fresh = () => app.fresh();
let docx;
before(() => {
  // The .docx a user would have: the exporter's, from the same report.
  docx = join(mkdtempSync(join(tmpdir(), 'nianbao-import-')), '泉港区-2023.docx');
  execFileSync('cargo', ['run', '-q', '--', 'export', FIXTURE_PATH, '--docx', docx], { cwd: root, stdio: 'inherit' });
});

const cell = (path) => `[data-cell="${path}"]`;
const review = (what) => `[data-review="${what}"]`;

async function openDialog(page) {
  await page.click('[data-action="import-report"]');
  await page.waitForSelector('dialog[data-import="dialog"][open]');
}

async function pasteAndRecognise(page, text) {
  await openDialog(page);
  await page.fill('[data-import="text"]', text);
  await page.click('[data-action="import-run"]');
}

test('pasted report text: review shows every figure found, then it becomes this year\'s draft', async () => {
  const { page, errors } = await fresh();
  await page.fill(cell('applications.granted.natural_person'), '999');
  await pasteAndRecognise(page, TEXT);
  await page.waitForSelector('[data-import="review"]');
  assert.equal(await page.textContent(review('recognised')), '166');
  assert.equal(await page.textContent(review('missing')), '0');
  assert.equal(await page.textContent(review('organ')), '泉州市泉港区人民政府');
  assert.equal(await page.textContent(review('year')), '2023年');
  assert.equal(await page.textContent(review('scope')), '汇总');
  assert.match(await page.textContent(review('format')), /2021/);
  // The recognised figures are shown in place, each with the line it came from.
  const src = page.locator('[data-review-cell="applications.new_received.natural_person"]');
  assert.equal(await src.textContent(), String(B.new_received.natural_person));
  assert.match(await src.getAttribute('title'), /^第 \d+ 行：.*本年新收/);
  const sum = (row) => Object.values(B[row]).reduce((a, x) => a + x, 0);
  assert.equal(await page.textContent('[data-review-cell="applications.new_received.total"]'), String(sum('new_received')));
  const ms = Number(await page.textContent(review('ms')));
  console.log(`# import of 泉港区-2023.txt (${TEXT.length} chars) in the browser: ${ms} ms`);
  assert.ok(ms < 1000, `${ms} ms`);
  assert.equal(await page.inputValue(cell('applications.granted.natural_person')), '999', 'nothing replaced yet');

  // The draft has content: replacing it asks first.
  page.once('dialog', (d) => d.accept());
  await page.click('[data-action="import-as-draft"]');
  await page.waitForSelector('dialog[data-import="dialog"]', { state: 'detached' });
  assert.equal(await page.inputValue(cell('applications.granted.natural_person')), String(B.granted.natural_person));
  assert.equal(await page.inputValue(cell('applications.new_received.total')), String(sum('new_received')));
  assert.equal(await page.inputValue(cell('applications.carried_forward.commercial')), String(B.carried_forward.commercial));
  assert.equal(await page.inputValue(cell('appeals.litigation_direct.total')), '4');
  assert.equal(await page.inputValue(cell('proactive.fees_wan_yuan')), FIXTURE.proactive.fees_wan_yuan);
  assert.equal(await page.inputValue('[data-field="organ"]'), '泉州市泉港区人民政府');
  // The texts as in the fixture, but for where the source broke its lines.
  const squash = (s) => s.replace(/\s+/g, '');
  for (const key of ['preamble', 'overview', 'problems', 'other']) {
    assert.equal(squash(await page.inputValue(`[data-text="${key}"]`)), squash(FIXTURE.text[key]), key);
  }
  assert.match(await page.textContent('[data-notice="info"]'), /作为本年草稿/);
  assert.equal(await page.locator('[data-finding="balance"]').count(), 0);

  // Undo brings the typed draft back.
  await page.click('[data-action="undo"]');
  assert.equal(await page.inputValue(cell('applications.granted.natural_person')), '999');
  assert.deepEqual(errors, []);
});

test('an uploaded .docx taken as last year\'s reference fills 上年结转 and checks against it', async () => {
  const { page, errors } = await fresh();
  await openDialog(page);
  await page.setInputFiles('input[data-file="import-report"]', docx);
  await page.waitForSelector('[data-import="review"]');
  assert.equal(await page.textContent(review('recognised')), '166');
  assert.equal(await page.textContent(review('missing')), '0');
  await page.click('[data-action="import-as-previous"]');
  await page.waitForSelector('dialog[data-import="dialog"]', { state: 'detached' });

  for (const col of Object.keys(B.carried_forward)) {
    assert.equal(await page.inputValue(cell(`applications.carried_over.${col}`)), String(B.carried_forward[col]), col);
  }
  assert.equal(await page.inputValue('[data-field="organ"]'), '', 'the current draft is kept');
  assert.match(await page.textContent('[data-notice="info"]'), /上年参照.*已按上年“四、结转下年度继续办理”填入/);
  // Last year's figures stand under the cells, and the carry-over is checked against them.
  const prev = page.locator(`${cell('applications.granted.natural_person')} + .prev`);
  assert.equal(await prev.textContent(), String(B.granted.natural_person));
  assert.equal(await page.locator('[data-finding="prev.carried_over"]').count(), 0);
  await page.fill(cell('applications.carried_over.natural_person'), String(B.carried_forward.natural_person + 1));
  await page.waitForSelector('[data-finding="prev.carried_over"]');
  assert.deepEqual(errors, []);
});

test('text that is not a report gets a clear message; the draft is untouched; Esc closes', async () => {
  const { page, errors } = await fresh();
  await page.fill(cell('applications.granted.natural_person'), '7');
  await openDialog(page);
  // Focus goes into the dialog, on its main way: choosing last year's file (the text is the other).
  assert.equal(await page.evaluate(() => document.activeElement.dataset.action), 'start-from-last-year', 'focus goes into the dialog');
  await page.fill('[data-import="text"]', '从前有座山，山里有座庙。\n庙里有个老和尚，在给小和尚讲故事。');
  await page.click('[data-action="import-run"]');
  await page.waitForSelector('[data-import="error"]');
  assert.match(await page.textContent('[data-import="error"]'), /未识别到政府信息公开工作年度报告.*当前草稿未作改动/);
  await page.fill('[data-import="text"]', '   ');
  await page.click('[data-action="import-run"]');
  assert.match(await page.textContent('[data-import="error"]'), /请先粘贴/);

  // A printed total that disagrees with its parts is shown with both numbers; 返回 to try again.
  const wrongTotal = TEXT.replace(/(\(七\) 总计\t\t)26(.*)\t26$/m, '$127$2\t27');
  assert.notEqual(wrongTotal, TEXT);
  await page.fill('[data-import="text"]', wrongTotal);
  await page.click('[data-action="import-run"]');
  await page.waitForSelector('[data-import="review"]');
  const mismatch = page.locator('[data-import-finding="import.total_mismatch"]');
  assert.equal(await mismatch.count(), 2, '（七）总计 in the 自然人 and 总计 columns');
  assert.match(await mismatch.first().textContent(), /印出 27.*计算为 26/);
  assert.match(await page.getAttribute('[data-review-cell="applications.total.natural_person"]', 'class'), /error/);
  await page.click('[data-action="import-back"]');
  assert.equal(await page.inputValue('[data-import="text"]'), wrongTotal, 'the pasted text is still there');

  await page.keyboard.press('Escape');
  await page.waitForSelector('dialog[data-import="dialog"]', { state: 'detached' });
  assert.equal(await page.inputValue(cell('applications.granted.natural_person')), '7');
  assert.equal(await page.locator('[data-notice]').count(), 0);
  // Reopened, it starts afresh; 取消 closes too.
  await openDialog(page);
  assert.equal(await page.inputValue('[data-import="text"]'), '');
  await page.click('[data-action="import-cancel"]');
  await page.waitForSelector('dialog[data-import="dialog"]', { state: 'detached' });
  assert.deepEqual(errors, []);
});

test('last year\'s Word 97–2003 file (.doc) is read as its .docx is', async () => {
  const { page, errors } = await fresh();
  await openDialog(page);
  await page.setInputFiles('input[data-file="import-report"]', `${root}tests/fixtures/doc/quangang-2023.doc`);
  await page.waitForSelector('[data-import="review"]');
  assert.equal(await page.textContent(review('recognised')), '166');
  assert.equal(await page.textContent(review('missing')), '0');
  assert.equal(await page.textContent(review('organ')), '泉州市泉港区人民政府');
  assert.deepEqual(errors, []);
});

test('a workbook saved as Excel 97–2003 (.xls) is read as its .xlsx is', async () => {
  const { page, errors } = await fresh();
  await openDialog(page);
  assert.match(await page.getAttribute('input[data-file="import-report"]', 'accept'), /\.xls,/);
  await page.setInputFiles('input[data-file="import-report"]', `${root}tests/fixtures/xls/quangang-2023.xls`);
  await page.waitForSelector('[data-import="review"]');
  assert.equal(await page.textContent(review('recognised')), '166');
  assert.equal(await page.textContent(review('missing')), '0');
  assert.deepEqual(errors, []);
});

test('a GBK text file (Windows Notepad "ANSI") is read with the browser\'s decoder', async () => {
  const { page } = await fresh();
  const gbk = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030', `${root}tests/fixtures/泉港区-2023.txt`]);
  assert.ok(!gbk.equals(Buffer.from(TEXT)), 'the bytes really are GBK');
  await openDialog(page);
  await page.setInputFiles('input[data-file="import-report"]', { name: '泉港区-2023.txt', mimeType: 'text/plain', buffer: gbk });
  await page.waitForSelector(review('recognised'));
  assert.equal(await page.textContent(review('recognised')), '166');
});
