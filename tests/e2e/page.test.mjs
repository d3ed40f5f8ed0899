import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest } from './harness.mjs';

const app = appUnderTest();

test('the page shows the three tables of the template', async () => {
  const { page, errors } = await app.fresh();
  const headings = await page.locator('h2').allTextContents();
  for (const h of ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况',
    '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项']) {
    assert.ok(headings.includes(h), `heading ${h}`);
  }
  assert.equal(await page.locator('table.form-table').count(), 3);
  // Table B: 3 header lines + 25 rows; the corner note spans 3×3; 三、本年度办理结果 spans 22 rows.
  const b = page.locator('table.t1');
  assert.equal(await b.locator('tr').count(), 28);
  assert.match(await b.locator('th').first().textContent(), /本列数据的勾稽关系/);
  assert.equal(await b.locator('th', { hasText: '三、本年度办理结果' }).getAttribute('rowspan'), '22');
  assert.equal(await page.locator('table.t2 input[data-cell]').count(), 15);
  assert.equal(await page.locator('[data-cell="proactive.fees_wan_yuan"]').count(), 1);
  assert.deepEqual(errors, []);
});

test('typing a figure updates the derived totals', async () => {
  const { page } = await app.fresh();
  await page.fill('[data-cell="applications.new_received.natural_person"]', '26');
  await page.fill('[data-cell="applications.new_received.commercial"]', '3');
  assert.equal(await page.inputValue('[data-cell="applications.new_received.total"]'), '29');
  assert.ok(await page.locator('[data-cell="applications.new_received.total"]').evaluate((e) => e.readOnly));
});
