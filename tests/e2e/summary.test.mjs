// 汇总与核查 driven like a user: choose a county's 40 department reports and the two published
// report texts, read the organ table, the 汇总 (checked against a sum made here), a parent 汇总
// with one cell off, last year's files for the comparison, and the .xlsx read back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appUnderTest, BROWSER, TARGET } from './harness.mjs';
import { FIXTURE, department, file } from './county.mjs';

const root = new URL('../../', import.meta.url).pathname;
const TEXTS = ['泉港区-2023.txt', '淮安市-2024.txt'].map((n) => ({ name: n, mimeType: 'text/plain', buffer: readFileSync(`${root}tests/fixtures/${n}`) }));

const app = appUnderTest();
const clone = (v) => JSON.parse(JSON.stringify(v));

/** 40 departments, three of them broken: two out of balance, one a figure that is not a number. */
function county(year = 2023) {
  return Array.from({ length: 40 }, (_, i) => {
    const r = department(i + 1, year);
    if (i === 4 || i === 16) r.applications.granted.natural_person += 1;
    if (i === 22) r.proactive.licensing = '1两';
    return r;
  });
}

const BROKEN = { '05.json': 'balance', '17.json': 'balance', '23.json': 'cell.integer' };
const name = (i) => `${String(i + 1).padStart(2, '0')}.json`;

/** Sums a figure over reports as the test's own arithmetic: counts as numbers, fees in 1e-6. */
function sum(reports, get) {
  return reports.reduce((a, r) => a + get(r), 0);
}

async function openSummary(page) {
  await page.click('[data-action="summary"]');
  await page.waitForSelector('dialog[data-summary="dialog"][open]');
}

/** Chooses `files` and waits until all `rows` are read (the first 100 are drawn). */
async function choose(page, files, rows) {
  await page.setInputFiles('[data-action="summary-files"]', files);
  await readRows(page, rows);
}

async function readRows(page, rows) {
  await page.waitForFunction((n) => document.querySelector('[data-summary-tab="organs"]')?.textContent.includes(`（${n} 份`) &&
    document.querySelectorAll('[data-file-row]').length === Math.min(n, 100) && !document.querySelector('[data-summary="progress"]'), rows, { timeout: 30000 });
}

const row = (page, name) => page.locator(`[data-file-row="${name}"]`);

test('40 department reports and two published texts: 42 rows, broken ones marked, the 汇总 is their sum', async () => {
  const { page, errors } = await app.fresh();
  const reports = county();
  await openSummary(page);
  await choose(page, [...reports.map((r, i) => file(name(i), r)), ...TEXTS], 42);

  for (const [n, rule] of Object.entries(BROKEN)) {
    assert.equal(await row(page, n).getAttribute('data-state'), 'errors', n);
    assert.match(await row(page, n).getAttribute('data-rules'), new RegExp(rule.replace('.', '\\.')), n);
  }
  assert.equal(await page.locator('[data-file-row][data-state="errors"]').count(), 3);
  assert.equal(await row(page, '01.json').getAttribute('data-state'), 'passed');
  assert.equal(await row(page, '01.json').getAttribute('data-role'), 'summed');
  // The published texts: 泉港区's is a 汇总 report of the same year (compared, not summed),
  // 淮安市's is of 2024 (left out until included).
  assert.equal(await row(page, '泉港区-2023.txt').getAttribute('data-role'), 'parent');
  assert.equal(await row(page, '淮安市-2024.txt').getAttribute('data-role'), 'other-year');
  assert.match(await row(page, '淮安市-2024.txt').textContent(), /淮安市人民政府2024/);

  // 只看有错误的.
  await page.check('[data-action="summary-errors-only"]');
  assert.equal(await page.locator('[data-file-row]').count(), 3);
  await page.uncheck('[data-action="summary-errors-only"]');
  // Sorting by errors, most first.
  await page.click('[data-sort="errors"]');
  await page.click('[data-sort="errors"]');
  assert.equal(await page.locator('[data-file-row]').first().getAttribute('data-state'), 'errors');

  // A row's report, read-only, with its findings; then opened in the editor.
  await row(page, '05.json').click();
  await page.waitForSelector('[data-summary="detail"] [data-summary-finding="balance"]');
  assert.equal(await page.textContent('[data-summary="detail"] [data-review-cell="applications.granted.natural_person"]'),
    String(reports[4].applications.granted.natural_person));

  await page.click('[data-summary-tab="total"]');
  const total = (path) => page.textContent(`[data-summary="total"] [data-cell="${path}"]`);
  const np = sum(reports, (r) => r.applications.new_received.natural_person);
  assert.equal(await total('applications.new_received.natural_person'), String(np));
  assert.equal(await total('applications.new_received.total'), String(np + sum(reports, (r) => r.applications.new_received.commercial)));
  assert.equal(await total('appeals.review.corrected'), String(sum(reports, (r) => r.appeals.review.corrected)));
  // The invalid figure is left out of the sum, and said so.
  const licensing = sum(reports.filter((r) => typeof r.proactive.licensing === 'number'), (r) => r.proactive.licensing);
  assert.equal(await total('proactive.licensing'), String(licensing));
  assert.match(await page.textContent('[data-summary-note="23.json"]'), /1两.*未计入汇总/);
  // The fee, exactly: millionths added as integers.
  const micro = sum(reports, (r) => Math.round(Number(r.proactive.fees_wan_yuan) * 1e6));
  const fee = `${Math.floor(micro / 1e6)}.${String(micro % 1e6).padStart(6, '0')}`.replace(/\.?0+$/, '');
  assert.equal(await total('proactive.fees_wan_yuan'), fee);
  assert.match(await page.textContent('[data-summary-note="淮安市-2024.txt"]'), /2024 年度/);
  assert.deepEqual(errors, []);
});

test('a 汇总 report with one cell off by one: exactly that cell is listed, with both numbers', async () => {
  const { page, errors } = await app.fresh();
  const reports = county().filter((_, i) => !(i in { 4: 1, 16: 1, 22: 1 }));
  const parent = clone(reports[0]);
  Object.assign(parent, { organ: '某县人民政府', scope: 'aggregate' });
  const add = (get, set) => set(sum(reports, get));
  for (const [part, rows] of Object.entries({ applications: FIXTURE.applications, appeals: FIXTURE.appeals })) {
    for (const [rowKey, cols] of Object.entries(rows)) {
      for (const col of Object.keys(cols)) add((r) => r[part][rowKey][col], (v) => { parent[part][rowKey][col] = v; });
    }
  }
  for (const key of ['licensing', 'penalty', 'coercion']) add((r) => r.proactive[key], (v) => { parent.proactive[key] = v; });
  for (const key of ['regulations', 'normative_documents']) {
    for (const col of ['issued', 'repealed', 'in_force']) add((r) => r.proactive[key][col], (v) => { parent.proactive[key][col] = v; });
  }
  const micro = sum(reports, (r) => Math.round(Number(r.proactive.fees_wan_yuan) * 1e6));
  parent.proactive.fees_wan_yuan = (micro / 1e6).toFixed(6);
  const right = parent.applications.partially_granted.natural_person;
  parent.applications.partially_granted.natural_person = right + 1;

  await openSummary(page);
  await choose(page, [...reports.map((r, i) => file(`d${i}.json`, r)), file('汇总.json', parent)], reports.length + 1);
  assert.equal(await row(page, '汇总.json').getAttribute('data-role'), 'parent');
  await page.click('[data-summary-tab="total"]');
  const found = page.locator('[data-summary="parent"] [data-summary-finding="aggregate.sum"]');
  assert.equal(await found.count(), 1);
  assert.match(await found.textContent(), new RegExp(`（二）部分公开.*自然人.*汇总报告为 ${right + 1}，各报告合计为 ${right}`));
  const marked = page.locator('[data-summary="total"] [data-rule~="aggregate.sum"]');
  assert.equal(await marked.first().getAttribute('data-cell'), 'applications.partially_granted.natural_person');
  assert.deepEqual(errors, []);
});

test('with last year\'s files: the comparison and its charts; the tables download as .xlsx and read back', async () => {
  const { page, errors } = await app.fresh();
  const now = county(2023);
  const last = county(2022).map((r, i) => (i === 0 ? Object.assign(r, { applications: { ...r.applications, new_received: { ...r.applications.new_received, natural_person: 1 } } }) : r));
  await openSummary(page);
  await choose(page, [...now.map((r, i) => file(name(i), r)), ...last.map((r, i) => file(`2022-${name(i)}`, r))], 80);
  assert.equal(await row(page, '2022-01.json').getAttribute('data-role'), 'last-year');
  await page.click('[data-summary-tab="compare"]');
  for (const chart of ['ranking', 'outcomes', 'years']) {
    assert.equal(await page.locator(`[data-summary="compare"] svg[data-chart="${chart}"]`).count(), 1, chart);
  }
  assert.equal(await page.locator('svg[data-chart="years"] rect').count(), 2);
  const nowTotal = sum(now, (r) => r.applications.new_received.natural_person + r.applications.new_received.commercial);
  assert.match(await page.textContent('[data-compare-total="新收申请"]'), new RegExp(`^新收申请${nowTotal}`));
  // 某县第1局: 1 application last year, many this year — a swing.
  assert.equal(await page.locator('[data-compare-organ="某县第1局"] [data-swing]').first().count(), 1);

  const dir = mkdtempSync(join(tmpdir(), 'nianbao-summary-'));
  await page.click('[data-summary-tab="organs"]');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="summary-xlsx"]')]);
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  const sheet = execFileSync('unzip', ['-p', path, 'xl/worksheets/sheet1.xml'], { encoding: 'utf8' });
  const rows = sheet.match(/<row /g).length;
  assert.equal(rows, 81, 'a header and one row per file');
  assert.match(sheet, /某县第23局/);
  const findings = execFileSync('unzip', ['-p', path, 'xl/worksheets/sheet2.xml'], { encoding: 'utf8' });
  // Each finding in the form's words, never its rule id.
  assert.match(findings, /<t>23\.json<\/t><\/is><\/c><c [^>]*><is><t>某县第23局<\/t><\/is><\/c><c [^>]*><is><t>错误<\/t>/);
  assert.doesNotMatch(findings, /cell\.integer|<t>balance<\/t>/);
  const book = execFileSync('unzip', ['-p', path, 'xl/workbook.xml'], { encoding: 'utf8' });
  assert.match(book, /name="各机关".*name="校验发现"/);

  await page.click('[data-summary-tab="compare"]');
  const [cmp] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="summary-comparison-xlsx"]')]);
  const cmpPath = join(dir, 'cmp.xlsx');
  await cmp.saveAs(cmpPath);
  const cmpSheet = execFileSync('unzip', ['-p', cmpPath, 'xl/worksheets/sheet1.xml'], { encoding: 'utf8' });
  assert.match(cmpSheet, /<t>合计<\/t>.*<t>新收申请<\/t><\/is><\/c><c r="C2" s="4"><v>(\d+)<\/v>/);
  assert.equal(cmpSheet.match(/<t>合计<\/t>.*?<v>(\d+)<\/v>/)[1], String(nowTotal));
  assert.deepEqual(errors, []);
});

test('not a report, another year, a damaged file, a folder of copies of one organ: each a clear row', async () => {
  const { page, errors } = await app.fresh();
  const copies = Array.from({ length: 200 }, (_, i) => file(`copy-${i}.json`, department(1)));
  const odd = [
    { name: '会议通知.txt', mimeType: 'text/plain', buffer: Buffer.from('关于召开会议的通知\n请各单位按时参加。') },
    file('2019.json', department(2, 2019)),
    { name: '损坏.json', mimeType: 'application/json', buffer: Buffer.from('{"schema": "nianbao.report", "year": 20') },
    { name: '损坏.docx', mimeType: 'application/octet-stream', buffer: Buffer.from('PK\u0003\u0004 not really a zip') },
  ];
  await openSummary(page);
  await choose(page, [...odd, ...copies], 204);
  // Only the first 100 rows are drawn at once; the rest on request.
  assert.match(await page.textContent('[data-action="summary-more"]'), /再显示 100 行（共 204 行）/);
  await page.click('[data-action="summary-more"]');
  await page.click('[data-action="summary-more"]');
  assert.equal(await page.locator('[data-file-row]').count(), 204);
  assert.equal(await page.locator('[data-action="summary-more"]').count(), 0);
  const text = (n) => row(page, n).textContent();
  assert.equal(await row(page, '会议通知.txt').getAttribute('data-state'), 'unrecognised');
  assert.match(await text('会议通知.txt'), /未识别到政府信息公开工作年度报告/);
  assert.equal(await row(page, '2019.json').getAttribute('data-role'), 'other-year');
  assert.match(await text('损坏.json'), /文件不完整/);
  assert.match(await text('损坏.docx'), /文件已损坏/);
  assert.equal(await row(page, 'copy-0.json').getAttribute('data-role'), 'summed');
  assert.equal(await page.locator('[data-file-row][data-role="duplicate"]').count(), 199);
  assert.match(await text('copy-7.json'), /与「copy-0\.json」重复/);
  // Including one copy after all sums it.
  await page.click('[data-summary-tab="total"]');
  const np = () => page.textContent('[data-summary="total"] [data-cell="applications.new_received.natural_person"]');
  const one = department(1).applications.new_received.natural_person;
  assert.equal(await np(), String(one));
  await page.click('[data-summary-tab="organs"]');
  await row(page, 'copy-7.json').locator('[data-action="summary-include"]').check();
  await page.click('[data-summary-tab="total"]');
  assert.equal(await np(), String(2 * one));

  assert.deepEqual(errors, []);
});

test('作为本年草稿: the 汇总 becomes the draft with the organ asked for', async () => {
  const { page, errors } = await app.fresh();
  const reports = county().slice(0, 5);
  await openSummary(page);
  await choose(page, reports.map((r, i) => file(name(i), r)), 5);
  await page.click('[data-summary-tab="total"]');
  page.once('dialog', (d) => d.accept('某县人民政府'));
  await page.click('[data-action="summary-as-draft"]');
  await page.waitForSelector('dialog[data-summary="dialog"]:not([open])', { state: 'attached' });
  assert.equal(await page.inputValue('[data-field="organ"]'), '某县人民政府');
  const np = sum(reports, (r) => r.applications.new_received.natural_person);
  assert.equal(await page.inputValue('[data-cell="applications.new_received.natural_person"]'), String(np));
  assert.match(await page.textContent('[data-notice="info"]'), /5 份报告的汇总/);
  assert.deepEqual(errors, []);
});

test('a dropped folder beside a file: every report file inside is read, the others are skipped and said', async (t) => {
  if (BROWSER !== 'chromium') return t.skip('the drop is synthesized through Chromium DevTools (Input.dispatchDragEvent)');
  const { page, errors } = await app.fresh();
  // 130 reports (more than one 100-entry read of a folder), two in a subfolder, two that are not reports.
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-drop-'));
  const county = join(dir, '某县');
  mkdirSync(join(county, '乡镇'), { recursive: true });
  for (let i = 0; i < 130; i++) writeFileSync(join(county, name(i)), JSON.stringify(department(i + 1)));
  writeFileSync(join(county, '乡镇', '甲镇.json'), JSON.stringify(department(131, 2023, '甲镇人民政府')));
  writeFileSync(join(county, '乡镇', '乙镇.json'), JSON.stringify(department(132, 2023, '乙镇人民政府')));
  writeFileSync(join(county, '照片.png'), 'not a report');
  writeFileSync(join(county, '乡镇', 'Thumbs.db'), 'not a report');
  writeFileSync(join(dir, '本级.json'), JSON.stringify(department(133, 2023, '某县本级')));
  await openSummary(page);
  const box = await page.locator('[data-summary="drop"]').boundingBox();
  const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const data = { items: [], files: [county, join(dir, '本级.json')], dragOperationsMask: 1 };
  const cdp = await page.context().newCDPSession(page);
  for (const type of ['dragEnter', 'dragOver', 'drop']) await cdp.send('Input.dispatchDragEvent', { type, ...at, data });
  const np = (n) => sum(Array.from({ length: n }, (_, i) => department(i + 1)), (r) => r.applications.new_received.natural_person);
  const total = async () => {
    await page.click('[data-summary-tab="total"]');
    const shown = await page.textContent('[data-summary="total"] [data-cell="applications.new_received.natural_person"]');
    await page.click('[data-summary-tab="organs"]');
    return shown;
  };
  const skipped = /2 个文件不是报告文件.*已跳过：某县\/(照片\.png|乡镇\/Thumbs\.db)/;
  if (TARGET === 'bundle') {
    // Chromium will not list a dropped folder in a page opened from disk: the row says what to do instead.
    await readRows(page, 2);
    assert.match(await row(page, '某县/').textContent(), /请改用“或选择文件夹”/);
    assert.equal(await row(page, '本级.json').getAttribute('data-role'), 'summed');
  } else {
    await readRows(page, 133);
    await page.click('[data-action="summary-more"]');
    assert.equal(await row(page, '某县/乡镇/甲镇.json').getAttribute('data-state'), 'passed');
    assert.equal(await row(page, '某县/130.json').getAttribute('data-role'), 'summed');
    assert.equal(await row(page, '本级.json').getAttribute('data-role'), 'summed');
    assert.match(await page.textContent('[data-summary="skipped"]'), skipped);
    assert.equal(await total(), String(np(133)));
  }
  // The folder input takes the same folder, subfolders too (and does in a page opened from disk).
  await page.click('[data-action="summary-clear"]');
  await page.setInputFiles('[data-action="summary-folder"]', county);
  await readRows(page, 132);
  await page.click('[data-action="summary-more"]');
  assert.equal(await row(page, '某县/乡镇/乙镇.json').getAttribute('data-state'), 'passed');
  assert.match(await page.textContent('[data-summary="skipped"]'), skipped);
  assert.equal(await total(), String(np(132)));
  assert.deepEqual(errors, []);
});
