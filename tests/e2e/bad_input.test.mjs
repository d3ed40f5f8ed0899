// Hostile files chosen in the page, as a user might by mistake (or be sent on purpose): each
// gets a clear message in place, the page stays alive, and the draft — on screen and as saved
// in the browser — is exactly as it was. The files are made here; none is committed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync, crc32 } from 'node:zlib';
import { appUnderTest } from './harness.mjs';

const app = appUnderTest();
const cell = (path) => `[data-cell="${path}"]`;
const LICENSING = cell('proactive.licensing');

/** A zip package of `[name, Buffer]` parts, deflated: what .docx and .xlsx files are. */
function zip(parts) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, data] of parts) {
    const n = Buffer.from(name);
    const packed = deflateRawSync(data);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, packed);
    centrals.push(central, n);
    offset += local.length + n.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A file of `bytes` on disk that takes no space (over the 50 MB the page reads at most). */
function sparse(name, bytes) {
  const path = join(mkdtempSync(join(tmpdir(), 'nianbao-bad-')), name);
  writeFileSync(path, '');
  truncateSync(path, bytes);
  return path;
}

/** A fresh page with one figure typed and saved in the browser. */
async function withDraft() {
  const { page, errors } = await app.fresh();
  await page.fill(LICENSING, '1717');
  await page.waitForFunction(() => localStorage.getItem('nianbao.draft')?.includes('1717'));
  return { page, errors };
}

/** The draft on screen and in storage is the one typed. */
async function untouched(page) {
  assert.equal(await page.inputValue(LICENSING), '1717');
  const saved = JSON.parse(await page.evaluate(() => localStorage.getItem('nianbao.draft')));
  assert.equal(JSON.stringify(saved).includes('1717'), true, 'the saved draft keeps the figure');
}

test('hostile report files chosen in 打开报告 get a message naming the problem; the draft is untouched', async () => {
  const { page, errors } = await withDraft();
  const cases = [
    ['深.json', '['.repeat(100000), /无法打开「深\.json」：第 1 行第 128 列：不是有效的 JSON 文件：嵌套超过 128 层，不是报告文件。当前草稿未作改动。/],
    ['新版.json', '{"schema": "nianbao.report", "schema_version": 99, "year": 2024}',
      /无法打开「新版\.json」：schema_version：此文件由较新版本的 nianbao 生成（schema_version 99）/],
    ['空字符.json', '{"schema": "nianbao.report",\u0000 "schema_version": 1}', /无法打开「空字符\.json」：第 1 行第 29 列：不是有效的 JSON/],
  ];
  for (const [name, text, message] of cases) {
    await page.setInputFiles('input[data-file="open-report"]', { name, mimeType: 'application/json', buffer: Buffer.from(text) });
    await page.waitForFunction((n) => document.querySelector('[data-notice="error"]')?.textContent.includes(n), name);
    assert.match(await page.textContent('[data-notice="error"]'), message);
    await untouched(page);
  }
  await page.setInputFiles('input[data-file="open-report"]', sparse('大.json', 51 * 1024 * 1024 + 1));
  await page.waitForFunction(() => document.querySelector('[data-notice="error"]')?.textContent.includes('大.json'));
  assert.match(await page.textContent('[data-notice="error"]'),
    /^无法读取「大\.json」：文件过大（约 52 MB，上限 50 MB），不像是一份年度报告，未读取。当前草稿未作改动。/);
  await untouched(page);
  assert.deepEqual(errors, []);
});

test('hostile files chosen in 导入已发布报告 get a message in the dialog; the page lives on and the draft is untouched', async () => {
  const { page, errors } = await withDraft();
  await page.click('[data-action="import-report"]');
  await page.waitForSelector('dialog[data-import="dialog"][open]');
  const laughs = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>';
  const cases = [
    // Once minutes of a frozen tab, and a trapped wasm that took the app down with it.
    ['嵌套.html', Buffer.from('<table>'.repeat(200000)), /无法导入「嵌套\.html」：文件为空，没有可导入的内容/],
    ['嵌套文字.html', Buffer.from('<table><tr><td>文字'.repeat(40000)), /无法导入「嵌套文字\.html」：未识别到政府信息公开工作年度报告/],
    ['炸弹.docx', zip([['word/document.xml', Buffer.alloc(60 * 1024 * 1024, 32)]]), /文档解压后超过 50 MB，疑似异常文件（压缩炸弹），已停止读取/],
    ['实体.docx', zip([['word/document.xml', Buffer.from(`${laughs}<w:document><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>`)]]),
      /word\/document\.xml 含有 DOCTYPE 声明（Office 文档中不会有），疑似恶意构造的文件，已停止读取/],
    ['截断.docx', zip([['word/document.xml', Buffer.from('<w:document/>')]]).subarray(0, 40), /文件已损坏或不是有效的 Office 文档：无法打开压缩包/],
  ];
  for (const [name, buffer, message] of cases) {
    await page.setInputFiles('input[data-file="import-report"]', { name, mimeType: 'application/octet-stream', buffer });
    await page.waitForFunction((n) => document.querySelector('[data-import="error"]')?.textContent.includes(n), name);
    const shown = await page.textContent('[data-import="error"]');
    assert.match(shown, message);
    assert.match(shown, /当前草稿未作改动。$/);
  }
  await page.setInputFiles('input[data-file="import-report"]', sparse('大.txt', 60 * 1024 * 1024));
  await page.waitForFunction(() => document.querySelector('[data-import="error"]')?.textContent.includes('大.txt'));
  assert.match(await page.textContent('[data-import="error"]'), /文件过大（约 60 MB，上限 50 MB）/);
  await page.click('[data-action="import-cancel"]');
  await untouched(page);
  // Still alive: typing goes on.
  await page.fill(cell('proactive.penalty'), '5');
  await page.waitForFunction(() => localStorage.getItem('nianbao.draft')?.includes('"penalty": 5'));
  assert.deepEqual(errors, []);
});
