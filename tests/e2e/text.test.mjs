// The text half driven like a user: last year's saved web page imported with the site's
// furniture around it (none of it reaches the draft; the review lists it), paragraphs drafted
// from the tables into 一 and 六 at the caret (undoable), the 考核自查 panel following the parts,
// and the exported .docx carrying the drafted text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { appUnderTest } from './harness.mjs';

const root = new URL('../../', import.meta.url).pathname;
const PAGE = readFileSync(`${root}tests/routes/quangang-2023/web.html`, 'utf8');
// Real sites' furniture, above and below the report.
const HEADER = ['首页 > 政务公开 > 政府信息公开年报', '来源：区政务公开办 微信 微博 QQ空间', '全真版 / 文字版 / 文件下载',
  '发布时间：2024-01-23 10:50 浏览次数：1024 字号：[ 大 中 小 ]'];
const FOOTER = ['相关链接', '中国政府网', '福建省人民政府', '扫一扫在手机上查看当前页面', '【打印本页】 【关闭窗口】',
  '网站标识码：3505050001 闽ICP备05001234号-1', '建议您使用IE9及以上版本浏览器', '0">'];
const div = (lines) => lines.map((l) => `<div>${l.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}</div>`).join('\n');
const body = PAGE.indexOf('>', PAGE.indexOf('<body')) + 1;
const end = PAGE.lastIndexOf('</body>');
const SAVED = PAGE.slice(0, body) + div(HEADER) + PAGE.slice(body, end) + div(FOOTER) + PAGE.slice(end);

const app = appUnderTest();
const text = (key) => `[data-text="${key}"]`;

function unzip(buf) {
  const endAt = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const out = {};
  let at = buf.readUInt32LE(endAt + 16);
  for (let i = buf.readUInt16LE(endAt + 10); i > 0; i--) {
    const [method, size] = [buf.readUInt16LE(at + 10), buf.readUInt32LE(at + 20)];
    const [n, x, c] = [28, 30, 32].map((o) => buf.readUInt16LE(at + o));
    const name = buf.toString('utf8', at + 46, at + 46 + n);
    const local = buf.readUInt32LE(at + 42);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    out[name] = (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    at += 46 + n + x + c;
  }
  return out;
}

const state = (page, key) => page.getAttribute(`[data-selfcheck] [data-check="${key}"]`, 'data-state');

test('a saved web page imports without its furniture; drafted paragraphs go in at the caret; the panel follows; Word carries them', async () => {
  const { page, errors } = await app.fresh();
  await page.click('[data-action="import-report"]');
  await page.waitForSelector('dialog[data-import="dialog"][open]');
  await page.setInputFiles('input[data-file="import-report"]', { name: '泉港区2023年报告.html', mimeType: 'text/html', buffer: Buffer.from(SAVED) });
  await page.waitForSelector('[data-import="review"]');
  assert.equal(await page.textContent('[data-review="recognised"]'), '166');
  const removed = await page.textContent('[data-review="removed"]');
  for (const line of [...HEADER, ...FOOTER]) assert.ok(removed.includes(line), `${line} listed as removed`);
  await page.click('[data-action="import-as-draft"]');
  await page.waitForSelector('dialog[data-import="dialog"]', { state: 'detached' });

  const parts = ['preamble', 'overview', 'problems', 'other'];
  for (const key of parts) {
    const value = await page.inputValue(text(key));
    for (const line of [...HEADER, ...FOOTER]) assert.ok(!value.includes(line), `${key} holds ${line}`);
  }
  assert.equal(await page.locator('[data-finding="text.page_furniture"]').count(), 0);

  // The panel: part 六 emptied says the fee is not reported; 一 over 1,000 字 says so.
  await page.fill(text('other'), '');
  await page.waitForFunction(() => document.querySelector('[data-check="fee"]')?.dataset.state === 'unmet');
  assert.equal(await state(page, 'length'), 'unmet');
  assert.equal(await state(page, 'copies'), 'unknown', 'no last year loaded');

  // 一: the caret at the start of its second line, then 根据表格生成.
  const overview = await page.inputValue(text('overview'));
  const at = overview.indexOf('\n') + 1;
  await page.evaluate(([sel, at]) => { const t = document.querySelector(sel); t.focus(); t.setSelectionRange(at, at); }, [text('overview'), at]);
  await page.click('[data-generate="overview"]');
  await page.waitForFunction(([sel, n]) => document.querySelector(sel).value.length > n, [text('overview'), overview.length]);
  const drafted = await page.inputValue(text('overview'));
  assert.ok(drafted.startsWith(overview.slice(0, at) + '2023年，全区主动公开的处理决定中，行政许可 1717 件'), drafted.slice(0, 200));
  assert.ok(drafted.includes('本年度新收政府信息公开申请 26 件'));
  assert.ok(drafted.endsWith(overview.slice(at)), 'the rest follows the drafted paragraphs');
  assert.equal(await page.locator('[data-finding="narrative.figure"]').count(), 0, 'the drafted figures agree');
  // A figure changed afterwards: the sentence that now disagrees is found.
  await page.fill('[data-cell="applications.granted.natural_person"]', '21');
  await page.waitForSelector('[data-finding="narrative.figure"]');
  assert.equal(await state(page, 'figures'), 'unmet');
  await page.fill('[data-cell="applications.granted.natural_person"]', '20');
  // Undo takes the drafted paragraphs out again, redo brings them back.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.waitForTimeout(1100);
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await page.waitForFunction(([sel, v]) => document.querySelector(sel).value === v, [text('overview'), overview]);
  await page.keyboard.press('Control+y');
  await page.waitForFunction(([sel, v]) => document.querySelector(sel).value === v, [text('overview'), drafted]);

  // 六, never focused since it was emptied: the fee sentence, and the panel says it is reported.
  await page.click('[data-generate="other"]');
  await page.waitForFunction(() => document.querySelector('[data-check="fee"]')?.dataset.state === 'met');
  assert.equal(await page.inputValue(text('other')), '2023年，全区依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），未收取信息处理费。');

  const [file] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="download-docx"]')]);
  const xml = unzip(readFileSync(await file.path()))['word/document.xml'];
  const plain = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  assert.ok(plain.includes('本年度新收政府信息公开申请 26 件（自然人 26 件，法人或其他组织 0 件）'), 'drafted 一 in the .docx');
  assert.ok(plain.includes('未收取信息处理费。'), 'drafted 六 in the .docx');
  for (const line of ['扫一扫', 'ICP备', '相关链接']) assert.ok(!plain.includes(line), line);
  assert.deepEqual(errors, []);
});

test('clicking a stale-year finding selects the stale phrase in its text part', async () => {
  const { page, errors } = await app.fresh();
  await page.fill('[data-field="organ"]', '某某区人民政府');
  const year = Number(await page.inputValue('[data-field="year"]'));
  const stale = `本报告所列数据统计期限自${year - 1}年1月1日起至${year - 1}年12月31日止`;
  await page.fill(text('preamble'), `本报告由区政府办公室编制。${stale}。`);
  const first = page.locator('[data-findings] [data-finding]').first();
  await page.waitForFunction(() => document.querySelector('[data-findings] [data-finding]')?.dataset.finding === 'text.stale_year');
  await first.click();
  const selected = await page.evaluate((sel) => { const t = document.querySelector(sel); return t.value.slice(t.selectionStart, t.selectionEnd); }, text('preamble'));
  assert.equal(selected, stale);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.text), 'preamble');
  assert.deepEqual(errors, []);
});
