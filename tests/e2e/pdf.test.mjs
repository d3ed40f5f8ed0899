// A published report's PDF chosen in 导入已发布报告: the PDF reader is fetched only then (a
// separate wasm beside the app), the review shows what was recognised, and 作为本年草稿 puts the
// figures in the tables. A scan gets a message saying what to do instead; the draft is untouched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { appUnderTest } from './harness.mjs';

const root = new URL('../../', import.meta.url).pathname;
const PDF = readFileSync(`${root}tests/fixtures/pdf/淮安市-2024.pdf`);
const EXPECTED = JSON.parse(readFileSync(`${root}tests/fixtures/huaian-2024.json`, 'utf8'));

const app = appUnderTest();
const cell = (path) => `[data-cell="${path}"]`;
const review = (what) => `[data-review="${what}"]`;

async function choose(page, name, buffer) {
  await page.click('[data-action="import-report"]');
  await page.waitForSelector('dialog[data-import="dialog"][open]');
  await page.setInputFiles('input[data-file="import-report"]', { name, mimeType: 'application/pdf', buffer });
}

/** A one-page PDF that is only a picture (what a scanner makes), with a correct xref table. */
function scannedPdf() {
  const pixels = Buffer.alloc(100 * 100, 0x80);
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>',
    '<< /Length 31 >>\nstream\nq 595 0 0 842 0 0 cm /Im1 Do Q\nendstream',
    `<< /Type /XObject /Subtype /Image /Width 100 /Height 100 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length ${pixels.length} >>\nstream\n${pixels.toString('latin1')}\nendstream`,
  ];
  let out = '%PDF-1.7\n';
  const offsets = objects.map((body, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

test('a PDF chosen in 导入已发布报告 is reviewed, then becomes the draft; its reader loads only then', async () => {
  const { page, errors } = await app.fresh();
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await page.waitForTimeout(300);
  assert.ok(!fetched.some((p) => p.includes('nianbao-pdf')), `fetched before a PDF was chosen: ${fetched}`);
  await choose(page, '淮安市-2024.pdf', PDF);
  await page.waitForSelector('[data-import="review"]');
  assert.ok(fetched.includes('/nianbao-pdf.js') && fetched.includes('/nianbao-pdf_bg.wasm'), `${fetched}`);
  assert.equal(await page.textContent(review('recognised')), '166');
  assert.equal(await page.textContent(review('missing')), '0');
  assert.equal(await page.textContent(review('organ')), '淮安市人民政府');
  assert.equal(await page.textContent(review('year')), '2024年');
  const src = page.locator('[data-review-cell="proactive.penalty"]');
  assert.equal(await src.textContent(), '3985758');
  assert.match(await src.getAttribute('title'), /^第 \d+ 行：行政处罚/);
  console.log(`# import of 淮安市-2024.pdf (6 pages, ${PDF.length} bytes) in the browser, reader loaded: ${await page.textContent(review('ms'))} ms`);
  await page.click('[data-action="import-as-draft"]');
  await page.waitForSelector('dialog[data-import="dialog"]', { state: 'detached' });
  assert.equal(await page.inputValue(cell('proactive.penalty')), '3985758');
  assert.equal(await page.inputValue(cell('applications.new_received.natural_person')), String(EXPECTED.applications.new_received.natural_person));
  assert.equal(await page.inputValue(cell('appeals.review.upheld')), String(EXPECTED.appeals.review.upheld));
  assert.deepEqual(errors, []);
});

test('a PDF in unembedded 宋体 (GBK codes, no map to Unicode) reads through the browser\'s decoder', async () => {
  const { page, errors } = await app.fresh();
  const gbk = readFileSync(`${root}tests/fixtures/pdf/made-by/huaian-2024-gbk-unembedded.pdf`);
  await choose(page, '打印为PDF.pdf', gbk);
  await page.waitForSelector('[data-import="review"]');
  assert.equal(await page.textContent(review('organ')), '淮安市人民政府');
  assert.ok(Number(await page.textContent(review('recognised'))) > 100);
  assert.equal(await page.textContent('[data-review-cell="proactive.penalty"]'), '3985758');
  assert.deepEqual(errors, []);
});

test('a scanned PDF gets a message saying to use the Word file or the web page; the draft is untouched', async () => {
  const { page, errors } = await app.fresh();
  await page.fill(cell('applications.granted.natural_person'), '7');
  await choose(page, '扫描件.pdf', scannedPdf());
  const message = await page.textContent('[data-import="error"]');
  assert.match(message, /没有文字层/);
  assert.match(message, /扫描件/);
  assert.match(message, /Word 文件/);
  assert.match(message, /当前草稿未作改动/);
  await page.click('[data-action="import-cancel"]');
  assert.equal(await page.inputValue(cell('applications.granted.natural_person')), '7');
  // A damaged PDF, too, with the reader already loaded.
  await choose(page, '坏.pdf', PDF.subarray(0, PDF.length / 2));
  await page.waitForSelector('[data-import="error"]');
  assert.match(await page.textContent('[data-import="error"]'), /损坏或不完整/);
  assert.deepEqual(errors, []);
});
