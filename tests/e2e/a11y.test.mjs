// Accessibility, as a clerk with a screen reader, a keyboard only, 200 % zoom or 大字 meets the page:
// axe-core (pinned in package.json) finds no serious or critical WCAG 2.0/2.1 A/AA violation in any
// view — the empty and the filled editor with findings, the import dialog and its review, 汇总与核查
// with files loaded, the print view, 大字 and 高对比度 — in Chromium and in Firefox the same way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { appUnderTest, BROWSER } from './harness.mjs';
import { department, file } from './county.mjs';

const root = new URL('../../', import.meta.url).pathname;
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const FIXTURE_TEXT = readFileSync(`${root}tests/fixtures/quangang-2023.json`, 'utf8');
const TEXT = readFileSync(`${root}tests/fixtures/泉港区-2023.txt`, 'utf8');

const app = appUnderTest();
const cell = (path) => `[data-cell="${path}"]`;

/**
 * axe's serious and critical WCAG 2.0/2.1 A and AA violations on the page as it is now, one line
 * each (rule, impact, the first few elements). Injected as a string expression: the page's CSP
 * refuses eval, the driver's own evaluation is not subject to it.
 */
export async function axe(page, { context } = {}) {
  const loaded = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!loaded) await page.evaluate(`${AXE}\n;void 0`);
  const result = await page.evaluate(async (context) => {
    const r = await window.axe.run(context ?? document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) =>
      `${v.id} (${v.impact}, ${v.nodes.length}×): ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} — ${n.failureSummary.split('\n').slice(1, 2).join('')}`).join(' | ')}`);
  }, context ?? null);
  return result;
}

/** Collects each view's violations, so one run names all of them; `done()` asserts there were none. */
function violations() {
  const all = [];
  return {
    async check(page, what) { for (const v of await axe(page)) all.push(`${what}: ${v}`); },
    done() { assert.deepEqual(all, [], all.join('\n')); },
  };
}

async function withFixture() {
  const opened = await app.fresh();
  await opened.page.setInputFiles('input[data-file="open-report"]', { name: 'q.json', mimeType: 'application/json', buffer: Buffer.from(FIXTURE_TEXT) });
  await opened.page.waitForFunction(() => document.querySelector('[data-field="organ"]').value !== '');
  return opened;
}

test('axe: the empty editor, the filled one with findings, 大字 and 高对比度', async () => {
  const { page, errors } = await app.fresh();
  const v = violations();
  await v.check(page, 'empty editor');
  await page.setInputFiles('input[data-file="open-report"]', { name: 'q.json', mimeType: 'application/json', buffer: Buffer.from(FIXTURE_TEXT) });
  await page.waitForFunction(() => document.querySelector('[data-field="organ"]').value !== '');
  await page.fill(cell('applications.new_received.natural_person'), '999');
  await page.fill(cell('proactive.penalty'), '12a');
  await page.waitForSelector('[data-finding="balance"]');
  await v.check(page, 'filled editor with findings');
  await page.click('[data-action="large-text"]');
  await page.waitForSelector('html[data-large]');
  await v.check(page, '大字');
  await page.click('[data-action="high-contrast"]');
  await page.waitForSelector('html[data-contrast="high"]');
  await v.check(page, '大字 + 高对比度');
  v.done();
  assert.deepEqual(errors, []);
});

test('axe: the import dialog, its review, and a draft started from last year', async () => {
  const { page, errors } = await app.fresh();
  const v = violations();
  await page.click('[data-action="import-report"]');
  await page.waitForSelector('dialog[data-import="dialog"][open]');
  await v.check(page, 'import dialog');
  await page.fill('[data-import="text"]', TEXT);
  await page.click('[data-action="import-run"]');
  await page.waitForSelector('[data-import="review"]');
  await v.check(page, 'import review');
  await page.click('[data-action="import-as-last-year-new"]');
  await page.waitForSelector('.prev');
  await v.check(page, 'draft with last year');
  v.done();
  assert.deepEqual(errors, []);
});

test('axe: 汇总与核查 with files loaded, each tab and a row open', async () => {
  const { page, errors } = await app.fresh();
  const v = violations();
  await page.click('[data-action="summary"]');
  await page.waitForSelector('dialog[data-summary="dialog"][open]');
  await v.check(page, '汇总与核查, empty');
  const reports = Array.from({ length: 6 }, (_, i) => department(i + 1, 2023));
  reports[2].applications.granted.natural_person += 1;
  const last = Array.from({ length: 6 }, (_, i) => department(i + 1, 2022));
  await page.setInputFiles('[data-action="summary-files"]', [...reports.map((r, i) => file(`${i}.json`, r)), ...last.map((r, i) => file(`last-${i}.json`, r)),
    { name: '泉港区-2023.txt', mimeType: 'text/plain', buffer: Buffer.from(TEXT) }]);
  await page.waitForFunction(() => document.querySelectorAll('[data-file-row]').length >= 7 && !document.querySelector('[data-summary="progress"]'), null, { timeout: 30000 });
  await v.check(page, '汇总与核查, organ table');
  await page.click('[data-file-row="2.json"]');
  await v.check(page, '汇总与核查, a row open');
  for (const tab of ['total', 'compare']) {
    const button = page.locator(`[data-summary-tab="${tab}"]`);
    if (await button.count()) {
      await button.click();
      await v.check(page, `汇总与核查, tab ${tab}`);
    }
  }
  v.done();
  assert.deepEqual(errors, []);
});

test('axe: the print view', async () => {
  const { page, errors } = await withFixture();
  const v = violations();
  await page.click('[data-action="print"]');
  await page.waitForSelector('iframe[data-print]', { state: 'attached' });
  const html = await page.evaluate(() => document.querySelector('iframe[data-print]').srcdoc);
  const view = await page.context().newPage();
  await view.setContent(html);
  await v.check(view, 'print view');
  await view.close();
  v.done();
  assert.deepEqual(errors, []);
});

/** Each control's accessible name as axe computes it (the same in both browsers). */
const names = (page, selector) => page.evaluate((selector) => {
  window.axe.setup(document);
  try {
    // What is drawn (a control in a closed <details> or below its breakpoint is not heard).
    return [...document.querySelectorAll(selector)].filter((el) => el.getClientRects().length).map((el) => [el.dataset.cell ?? el.dataset.action ?? el.dataset.finding ?? el.dataset.text ?? el.tagName,
      window.axe.commons.text.accessibleText(el)]);
  } finally {
    window.axe.teardown();
  }
}, selector);

test('a screen reader hears every cell by its printed path, and every control by a name of its own', async () => {
  const { page, errors } = await withFixture();
  await page.fill(cell('applications.granted.natural_person'), '12a');
  await axe(page); // loads axe for its name computation
  const heard = Object.fromEntries(await names(page, 'input[data-cell]'));
  const sample = {
    'proactive.regulations.issued': '表A 规章，第二十条第（一）项 › 本年制发件数',
    'proactive.licensing': '表A 行政许可，第二十条第（五）项 › 本年处理决定数量',
    'proactive.fees_wan_yuan': '表A 行政事业性收费，第二十条第（八）项 › 本年收费金额（单位：万元）',
    'applications.new_received.natural_person': '表B 一、本年新收政府信息公开申请数量，申请人情况 › 自然人',
    'applications.granted.commercial': '表B 三、本年度办理结果 › （一）予以公开，申请人情况 › 法人或其他组织 › 商业企业',
    'applications.denied_state_secret.natural_person': '表B 三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密，申请人情况 › 自然人',
    'applications.unable_unclear.research': '表B 三、本年度办理结果 › （四）无法提供 › 3.补正后申请内容仍不明确，申请人情况 › 法人或其他组织 › 科研机构',
    'applications.rejected_duplicate.legal_services': '表B 三、本年度办理结果 › （五）不予处理 › 2.重复申请，申请人情况 › 法人或其他组织 › 法律服务机构',
    'applications.other_other.other_org': '表B 三、本年度办理结果 › （六）其他处理 › 3.其他，申请人情况 › 法人或其他组织 › 其他',
    'applications.carried_forward.public_interest': '表B 四、结转下年度继续办理，申请人情况 › 法人或其他组织 › 社会公益组织',
    'applications.total.total': '表B 三、本年度办理结果 › （七）总计，总计（合计）',
    'appeals.review.corrected': '表C 行政复议 › 结果纠正',
    'appeals.litigation_direct.upheld': '表C 行政诉讼 › 未经复议直接起诉 › 结果维持',
    'appeals.litigation_after_review.total': '表C 行政诉讼 › 复议后起诉 › 总计（合计）',
  };
  for (const [path, name] of Object.entries(sample)) assert.equal(heard[path], name, path);
  // Every control: a name, and no two alike (inputs, buttons, links, text areas, finding buttons),
  // the folded 公文版头 fields too.
  await page.click('[data-section="document"] summary');
  const all = await names(page, 'input:not([type=hidden]):not([hidden]), button, a[href], textarea, select');
  const empty = all.filter(([, n]) => !n.trim());
  assert.deepEqual(empty, [], 'controls without a name');
  const seen = new Map();
  for (const [what, n] of all) seen.set(n, [...(seen.get(n) ?? []), what]);
  const twice = [...seen].filter(([, w]) => w.length > 1);
  assert.deepEqual(twice, [], 'controls sharing a name');
  // Text areas by their visible heading, not a tooltip.
  const areas = await names(page, 'textarea[data-text]');
  assert.deepEqual(areas, [['preamble', '开头部分（报告导语）'], ['overview', '一、总体情况'], ['problems', '五、存在的主要问题及改进情况'], ['other', '六、其他需要报告的事项']]);
  // A finding is a button saying what is wrong and where it goes.
  assert.equal(await page.$eval('[data-finding="cell.integer"]', (e) => e.tagName), 'BUTTON');
  const [finding] = await names(page, '[data-finding="cell.integer"]');
  assert.match(finding[1], /应为整数.*转到：表B 三、本年度办理结果 › （一）予以公开，申请人情况 › 自然人/);
  assert.deepEqual(errors, []);
});

test('calm when empty: a new report counts what is left to fill, marks nothing invalid, and says no warning', async () => {
  const { page, errors } = await app.fresh();
  assert.equal(await page.locator('[aria-invalid="true"]').count(), 0, 'nothing typed, nothing wrong');
  assert.equal(await page.textContent('[data-count="warning"]'), '0');
  assert.equal(await page.textContent('[data-count="error"]'), '0');
  assert.equal(await page.textContent('[data-count="todo"]'), '170', '166 figures, 3 text parts, the 机关名称');
  assert.equal(await page.locator('td.blank').count(), 166);
  assert.equal(await page.locator('[data-finding="cell.missing"]').count(), 1, 'one line for the blank figures');
  assert.match(await page.textContent('[data-finding="cell.missing"]'), /还有 166 个数字未填写（33 行）/);
  // A real error is invalid, and marked by more than colour: an outline and a 「!」.
  await page.fill(cell('proactive.penalty'), '-3');
  assert.equal(await page.getAttribute(cell('proactive.penalty'), 'aria-invalid'), 'true');
  const mark = await page.$eval(`td:has(${cell('proactive.penalty')})`, (td) => [getComputedStyle(td).outlineStyle, getComputedStyle(td, '::after').content]);
  assert.deepEqual(mark, ['solid', '"!"']);
  assert.equal(await page.getAttribute(cell('proactive.licensing'), 'aria-invalid'), null, 'a blank is not invalid');
  assert.equal(await page.getAttribute(cell('proactive.licensing'), 'data-rule'), 'cell.missing', 'but still carries its finding');
  assert.deepEqual(errors, []);
});

test('at 1366 px the toolbar is one row; at 200 % zoom the findings are a bar at the foot that opens, and the toolbar scrolls away', async () => {
  const { page, errors } = await app.fresh();
  // One row: every group and the save status side by side, the bar no taller than a button row.
  const tops = await page.$$eval('.toolbar > .tool-group, .toolbar > .status', (els) => els.map((e) => e.getBoundingClientRect().top));
  assert.ok(Math.max(...tops) - Math.min(...tops) < 10, `toolbar rows: ${tops}`);
  assert.ok(await page.$eval('.toolbar', (e) => e.offsetHeight) < 60);
  // 200 % of 1366×768: a 683×384 CSS viewport.
  await page.setViewportSize({ width: 683, height: 384 });
  await page.evaluate(() => window.dispatchEvent(new Event('resize')));
  await page.fill(cell('appeals.litigation_after_review.pending'), 'x');
  const bar = await page.$eval('[data-findings]', (e) => e.getBoundingClientRect().toJSON());
  assert.ok(bar.bottom <= 384 + 1 && bar.top > 384 / 2, `a bar at the foot: ${JSON.stringify(bar)}`);
  assert.match(await page.textContent('.findings-counts'), /错误 1，警告 \d+，待填 \d+/);
  assert.equal(await page.isVisible('[data-finding="cell.integer"]'), false, 'folded');
  await page.click('[data-action="toggle-findings"]');
  assert.equal(await page.getAttribute('[data-action="toggle-findings"]', 'aria-expanded'), 'true');
  assert.ok(await page.isVisible('[data-finding="cell.integer"]'));
  const toolbar = await page.$eval('.toolbar', (e) => getComputedStyle(e).position);
  assert.equal(toolbar, 'static', 'not a sticky third of the screen');
  assert.deepEqual(errors, []);
});

/** Presses `key` until the focused element matches `selector` (at most `n` times). */
async function tabTo(page, selector, key = 'Tab', n = 80) {
  for (let i = 0; i < n; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
    await page.keyboard.press(key);
  }
  assert.fail(`${selector} not reached with ${key}`);
}
const active = (page) => page.evaluate(() => document.activeElement.dataset.action ?? document.activeElement.dataset.cell ?? document.activeElement.dataset.finding ?? document.activeElement.tagName);

test('keyboard only, the first-year path: 从上年报告开始, paste, review, this year\'s draft, a figure, the findings', async () => {
  const { page, errors } = await app.fresh();
  await page.keyboard.press('Tab');
  assert.equal(await active(page), 'skip-to-tables', 'the first Tab stop');
  await tabTo(page, '[data-action="import-report"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('dialog[data-import="dialog"][open]');
  assert.equal(await active(page), 'start-from-last-year', 'the dialog opens on its file chooser');
  await tabTo(page, '[data-import="text"]');
  await page.fill('[data-import="text"]', TEXT); // what Ctrl+V would put there
  await tabTo(page, '[data-action="import-run"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-import="review"]');
  assert.equal(await active(page), 'import-as-last-year-new');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.querySelector('dialog[open]'));
  assert.equal(await active(page), 'import-report', 'focus back on the button that opened the dialog');
  await tabTo(page, '[data-action="skip-to-tables"]', 'Shift+Tab');
  await page.keyboard.press('Enter');
  assert.equal(await active(page), 'proactive.regulations.issued');
  await page.keyboard.type('3');
  await page.keyboard.press('Enter');
  assert.equal(await active(page), 'proactive.normative_documents.issued', 'Enter moves down');
  await page.keyboard.type('x');
  await tabTo(page, '[data-action="skip-to-findings"]', 'Shift+Tab');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.matches('[data-findings]')), true);
  await tabTo(page, '[data-finding="cell.integer"]');
  await page.keyboard.press('Enter');
  assert.equal(await active(page), 'proactive.normative_documents.issued', 'the finding goes to its cell');
  assert.deepEqual(errors, []);
});

// In Firefox driven over WebDriver BiDi, Enter and Space on the 汇总 tab button arrive (keydown,
// keypress, keyup, none prevented) but no click follows, after a row's detail took focus; not yet
// known whether a person's keyboard does the same, so it is reported there, not counted.
test('keyboard only, 汇总与核查: open it, reach a row and open it, the 汇总 tab, Esc back to the button',
  { todo: BROWSER === 'firefox' && 'Firefox over BiDi: Enter on the tab button gives no click (under investigation)' }, async () => {
  const { page, errors } = await app.fresh();
  await page.keyboard.press('Tab');
  await tabTo(page, '[data-action="summary"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('dialog[data-summary="dialog"][open]');
  assert.ok(await page.evaluate(() => document.querySelector('dialog[data-summary="dialog"]').contains(document.activeElement)), 'focus in the view');
  // Choosing files is the system's file dialog, not the page's: given here as the chooser would.
  const reports = Array.from({ length: 4 }, (_, i) => department(i + 1, 2023));
  await page.setInputFiles('[data-action="summary-files"]', reports.map((r, i) => file(`${i}.json`, r)));
  await page.waitForFunction(() => document.querySelectorAll('[data-file-row]').length === 4 && !document.querySelector('[data-summary="progress"]'));
  await tabTo(page, '[data-file-row] button, [data-file-row][tabindex], [data-action="summary-row"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-summary="detail"]');
  await tabTo(page, '[data-summary-tab="total"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-summary="total"]');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('dialog[data-summary="dialog"][open]'));
  assert.equal(await active(page), 'summary', 'focus back on 汇总与核查');
  assert.deepEqual(errors, []);
});
