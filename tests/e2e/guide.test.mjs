// Rules that guide while figures are entered: a column is judged once it is filled, a typo says
// the check waits for it, messages speak the form's words and lead to the likeliest cell; an
// empty 机关名称 is named; 空白填 0 (and its undo); pasting only a table's input rows or columns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest, pasteInto } from './harness.mjs';

const app = appUnderTest();
const cell = (path) => `[data-cell="${path}"]`;
const focused = (page) => page.evaluate(() => document.activeElement.dataset.cell ?? document.activeElement.dataset.field);

/** Clicks `selector`, accepting the page's confirm dialog; returns what it asked. */
async function confirmed(page, selector) {
  const asked = new Promise((ok) => page.once('dialog', (d) => { ok(d.message()); d.accept(); }));
  await page.click(selector);
  return asked;
}

test('balance while typing: quiet until the column is filled, then in the form\'s words, leading to the cell', async () => {
  const { page, errors } = await app.fresh();
  await page.fill(cell('applications.new_received.natural_person'), '5');
  assert.equal(await page.locator('[data-finding="balance"]').count(), 0, 'a column being typed is not an error');

  // Fill the rest of table B with 0: the 自然人 column is complete and off by 5.
  const asked = await confirmed(page, '[data-action="fill-zeros-table"][data-table="applications"]');
  assert.match(asked, /将把表B中 143 个空白的数字格填为 0/);
  const finding = page.locator('[data-finding="balance"]');
  assert.equal(await finding.count(), 2, 'the 自然人 column and the 总计 column');
  assert.equal(await finding.first().getAttribute('class'), 'error');
  // The message itself (the button also has its mark and where it goes).
  assert.match(await finding.first().locator('.msg').textContent(),
    /^自然人列不平衡：收到的申请 5 件（一、本年新收 5 ＋ 二、上年结转 0），比办理和结转的 0 件（办理结果总计 0 ＋ 四、结转下年度继续办理 0）多 5 件。/);

  // Type a result: the message points at that cell, and clicking goes there.
  await page.fill(cell('applications.granted.natural_person'), '3');
  assert.match(await finding.first().textContent(), /多 2 件。差额最可能在本列最近修改的「三、本年度办理结果 › （一）予以公开」/);
  await page.focus(cell('proactive.licensing'));
  await finding.first().click();
  assert.equal(await focused(page), 'applications.granted.natural_person');

  // A typo in the column: its balance waits for the fix, and says so.
  await page.fill(cell('applications.carried_forward.natural_person'), '2a');
  assert.equal(await page.locator('[data-finding="balance"].error').count(), 0);
  const waits = page.locator('[data-finding="balance.pending"].warning');
  assert.match(await waits.textContent(), /自然人列「四、结转下年度继续办理」“2a”不是有效数字，改正后才能核对本列是否平衡/);
  await page.fill(cell('applications.carried_forward.natural_person'), '2');
  assert.equal(await page.locator('[data-finding="balance"]').count(), 0, 'fixed, and it balances: no surprise');
  assert.deepEqual(errors, []);
});

test('an empty 机关名称 is a warning that leads to the field', async () => {
  const { page } = await app.fresh();
  const f = page.locator('[data-finding="meta.organ_missing"]');
  assert.equal(await f.getAttribute('class'), 'warning');
  assert.match(await f.textContent(), /机关名称未填写/);
  await f.click();
  assert.equal(await focused(page), 'organ');
  await page.fill('[data-field="organ"]', '某县人民政府办公室');
  assert.equal(await f.count(), 0);
});

test('空白填 0 says how many, fills every blank figure, and is one undo step', async () => {
  const { page } = await app.fresh();
  await page.fill(cell('proactive.licensing'), '12');
  const inputs = 'input[data-cell]:not([readonly])';
  const blank = () => page.$$eval(inputs, (els) => els.filter((e) => e.value === '').length);
  const n = await blank();
  page.once('dialog', (d) => d.dismiss());
  await page.click('[data-action="fill-zeros"]');
  assert.equal(await blank(), n, 'declined: nothing changes');
  const asked = await confirmed(page, '[data-action="fill-zeros"]');
  assert.match(asked, new RegExp(`将把整份报告中 ${n} 个空白的数字格填为 0`));
  assert.equal(await blank(), 0);
  assert.equal(await page.inputValue(cell('proactive.licensing')), '12', 'typed figures are kept');
  assert.match(await page.textContent('[data-notice="info"]'), new RegExp(`已将整份报告中 ${n} 个空白格填为 0`));
  assert.equal(await page.locator('[data-finding="cell.missing"]').count(), 0);
  await page.click('[data-action="undo"]');
  assert.equal(await blank(), n, 'undone in one step');
});

test('a block of exactly the input rows, or without the 总计 columns, lands on the input cells', async () => {
  const { page } = await app.fresh();
  // Table B's 24 input rows (a sheet without （七）总计): the last goes to 四, not onto the total.
  const rows = Array.from({ length: 24 }, (_, i) => [i + 1, 0, 0, 0, 0, 0].join('\t')).join('\r\n');
  await pasteInto(page, 'applications.new_received.natural_person', rows);
  assert.equal(await page.inputValue(cell('applications.carried_forward.natural_person')), '24');
  assert.equal(await page.inputValue(cell('applications.other_other.natural_person')), '23');
  assert.match(await page.textContent('[data-notice="info"]'), /^已粘贴 144 格×?$/);
  // Table C's twelve figures without its three 总计 columns.
  await pasteInto(page, 'appeals.review.upheld', Array.from({ length: 12 }, (_, i) => i + 1).join('\t'));
  assert.equal(await page.inputValue(cell('appeals.litigation_direct.upheld')), '5');
  assert.equal(await page.inputValue(cell('appeals.litigation_after_review.pending')), '12');
  assert.equal(await page.inputValue(cell('appeals.review.total')), '10');
});
