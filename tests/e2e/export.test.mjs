// The 导出 group driven like a user: open the fixture, download the .docx and the .xlsx and read
// them back (unzip + XML text), print through the hidden frame. Logs each export's time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { appUnderTest, BROWSER } from './harness.mjs';

const FIXTURE_TEXT = readFileSync(new URL('../fixtures/quangang-2023.json', import.meta.url).pathname, 'utf8');
const NAME = '泉州市泉港区人民政府2023年政府信息公开工作年度报告';

/** The entries of a zip file as name → text: the central directory gives each entry's local header. */
function unzip(buf) {
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, 'a zip file');
  const entries = {};
  let at = buf.readUInt32LE(end + 16);
  for (let i = buf.readUInt16LE(end + 10); i > 0; i--) {
    assert.equal(buf.readUInt32LE(at), 0x02014b50, 'a central directory header');
    const [method, size] = [buf.readUInt16LE(at + 10), buf.readUInt32LE(at + 20)];
    const [nameLen, extraLen, commentLen] = [28, 30, 32].map((o) => buf.readUInt16LE(at + o));
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    const local = buf.readUInt32LE(at + 42);
    assert.equal(buf.readUInt32LE(local), 0x04034b50, `${name}: a local header`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    assert.ok([0, 8].includes(method), `${name}: stored or deflated`);
    entries[name] = { method, text: (method === 8 ? inflateRawSync(data) : data).toString('utf8') };
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The text of each table row of a WordprocessingML document: its cells' texts. */
function docxRows(xml) {
  return [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map(([tr]) =>
    [...tr.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map(([tc]) => [...tc.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')),
  );
}

const app = appUnderTest();

/** A fresh page with the fixture opened and window.print stubbed in every frame (it counts calls). */
async function withFixture() {
  const { page, errors } = await app.fresh((context) =>
    context.addInitScript(() => { window.print = () => { window.top.__printed = (window.top.__printed ?? 0) + 1; }; }));
  await page.setInputFiles('input[data-file="open-report"]', { name: 'quangang-2023.json', mimeType: 'application/json', buffer: Buffer.from(FIXTURE_TEXT) });
  await page.waitForFunction(() => document.querySelector('[data-field="organ"]').value !== '');
  return { page, errors };
}

/** Clicks an export button inside the page, timing the click handler (the export runs in it). */
async function download(page, action) {
  const [file, ms] = await Promise.all([
    page.waitForEvent('download'),
    page.evaluate((a) => {
      const t = performance.now();
      document.querySelector(`[data-action="${a}"]`).click();
      return performance.now() - t;
    }, action),
  ]);
  return { file, ms, bytes: readFileSync(await file.path()) };
}

test('导出 Word gives the named .docx with every table-B label and figure, wrapped in the 印发通知', async (t) => {
  const { page, errors } = await withFixture();
  assert.ok(await page.isChecked('[data-field="docx-wrapper"]'), 'the fixture has a 发文机关, so the wrapper is ticked');
  const { file, ms, bytes } = await download(page, 'download-docx');
  t.diagnostic(`download-docx: ${ms.toFixed(1)} ms in the click handler, ${bytes.length} bytes`);
  assert.equal(file.suggestedFilename(), `${NAME}.docx`);
  const zip = unzip(bytes);
  const xml = zip['word/document.xml'].text;
  assert.equal(zip['word/document.xml'].method, 8, 'deflated');
  assert.ok(xml.includes('泉港政办〔2024〕3号') && xml.includes('（此件主动公开）'), 'the 印发通知 is there');
  const rows = docxRows(xml);
  // Each row of table B in the editor: its row label and figures, as the .docx must print them.
  const pageRows = await page.$$eval('table.t1 tr:has(input)', (trs) =>
    trs.map((tr) => ({ label: [...tr.querySelectorAll('th')].at(-1).textContent, figures: [...tr.querySelectorAll('input')].map((i) => i.value) })));
  assert.equal(pageRows.length, 25, 'all rows of table B');
  for (const { label, figures } of pageRows) {
    const row = rows.find((r) => r.includes(label));
    assert.ok(row, `${label} in the .docx`);
    assert.deepEqual(row.slice(-figures.length), figures, `${label}: figures`);
  }
  for (const head of await page.$$eval('table.t1 thead th, table.t1 tr:has(th[rowspan]) th[rowspan]', (ths) => ths.map((th) => th.textContent))) {
    assert.ok(rows.some((r) => r.includes(head)), `${head} in the .docx`);
  }
  assert.equal(await page.textContent('[data-notice]'), `已导出「${NAME}.docx」×`);

  await page.uncheck('[data-field="docx-wrapper"]');
  const plain = unzip((await download(page, 'download-docx')).bytes)['word/document.xml'].text;
  assert.ok(!plain.includes('泉港政办〔2024〕3号'), 'unticked: the report alone');
  assert.deepEqual(errors, []);
});

test('导出 Excel gives the named .xlsx with its sheets and SUM formulas; errors are named, not blocking', async (t) => {
  const { page, errors } = await withFixture();
  await page.fill('[data-cell="proactive.penalty"]', '-3');
  const { file, ms, bytes } = await download(page, 'download-xlsx');
  t.diagnostic(`download-xlsx: ${ms.toFixed(1)} ms in the click handler, ${bytes.length} bytes`);
  assert.equal(file.suggestedFilename(), `${NAME}.xlsx`);
  const zip = unzip(bytes);
  const sheets = Object.keys(zip).filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n));
  assert.ok(sheets.length > 0, Object.keys(zip).join(' '));
  assert.ok(sheets.some((s) => /<f>SUM\(/.test(zip[s].text)), 'totals are formulas');
  assert.ok(sheets.some((s) => zip[s].text.includes('-3')), 'the typed figure is exported as it stands');
  assert.equal(await page.getAttribute('[data-notice]', 'data-notice'), 'error');
  assert.match(await page.textContent('[data-notice]'), /^已导出「.*\.xlsx」；报告仍有 1 个错误，请核对后再印发。/);
  assert.deepEqual(errors, []);
});

test('打印/PDF prints the three tables from a hidden frame, and table B fits one A4 page with its heading', async (t) => {
  const { page, errors } = await withFixture();
  const ms = await page.evaluate(() => {
    const t = performance.now();
    document.querySelector('[data-action="print"]').click();
    return performance.now() - t;
  });
  t.diagnostic(`print: ${ms.toFixed(1)} ms in the click handler`);
  await page.waitForFunction(() => window.__printed === 1);
  const frame = await page.$eval('iframe[data-print]', (f) => ({
    tables: f.contentDocument.querySelectorAll('table').length,
    title: f.contentDocument.querySelector('h1').textContent,
    text: f.contentDocument.body.textContent,
    html: f.srcdoc,
    shown: f.getBoundingClientRect().width,
  }));
  assert.equal(frame.tables, 3);
  assert.equal(frame.title, NAME);
  assert.equal(frame.shown, 0, 'the frame stays out of sight');
  for (const label of ['第二十条第（一）项', '三、本年度办理结果', '（七）总计', '行政复议', '未经复议直接起诉']) assert.ok(frame.text.includes(label), label);
  await page.click('[data-action="print"]');
  await page.waitForFunction(() => window.__printed === 2);
  assert.equal(await page.locator('iframe[data-print]').count(), 1, 'one frame, replaced on each print');
  assert.match(await page.textContent('[data-notice]'), /另存为 PDF/);

  assert.deepEqual(errors, []);
  // Chromium cannot break a table inside a rowspan: table B and its heading must fit the text block (225 mm).
  if (BROWSER === 'firefox') return t.skip('WebDriver BiDi cannot emulate print media to measure the layout; Firefox\'s print is looked at as PDF (scripts/print-pdf.mjs)');
  const view = await page.context().newPage();
  await view.emulateMedia({ media: 'print' });
  await view.setViewportSize({ width: Math.round((156 / 25.4) * 96), height: 1000 });
  await view.setContent(frame.html);
  const mm = await view.evaluate(() => {
    const table = document.querySelectorAll('table')[1];
    const h2 = [...document.querySelectorAll('h2')].find((h) => h.textContent.startsWith('三、'));
    return ((table.getBoundingClientRect().bottom - h2.getBoundingClientRect().top) * 25.4) / 96;
  });
  t.diagnostic(`table B with its heading: ${mm.toFixed(1)} mm of 225 mm`);
  assert.ok(mm < 225, `${mm} mm`);
  assert.deepEqual(errors, []);
});
