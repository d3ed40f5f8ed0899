// Screenshots of 汇总与核查 at 1366×768 for docs/ and the README: a county's 40 department reports
// (three broken) with last year's, the county's own 汇总 report off in one cell, and the two
// published texts — the organ table, the 汇总, the comparison with its charts.
// Run after `trunk build --release`: node scripts/screenshot-summary.mjs
import { readFileSync } from 'node:fs';
import { serve, browser, open } from '../tests/e2e/harness.mjs';
import { department, file } from '../tests/e2e/county.mjs';

const root = new URL('../', import.meta.url).pathname;
const organs = ['发展和改革局', '教育局', '公安局', '民政局', '司法局', '财政局', '人力资源和社会保障局', '自然资源局',
  '生态环境局', '住房和城乡建设局', '交通运输局', '水利局', '农业农村局', '商务局', '文化和旅游局', '卫生健康委员会',
  '应急管理局', '审计局', '市场监督管理局', '统计局', '医疗保障局', '城市管理局', '信访局', '数据资源局',
  '城关镇人民政府', '东城街道办事处', '西城街道办事处', '南山镇人民政府', '北岭乡人民政府', '河口镇人民政府'];
const county = (year) => organs.map((o, i) => {
  const r = department(i + 1, year, `某县${o}`);
  r.applications.new_received.natural_person += (i * 37) % 90;
  r.applications.granted.natural_person += (i * 37) % 90;
  if (year === 2023 && (i === 4 || i === 16)) r.applications.granted.natural_person += 1;
  if (year === 2023 && i === 22) r.proactive.licensing = '1两';
  return r;
});
const now = county(2023);
const last = county(2022);
const parent = JSON.parse(JSON.stringify(now[0]));
Object.assign(parent, { organ: '某县人民政府', scope: 'aggregate' });
parent.applications.new_received.natural_person = 99999;
const texts = ['泉港区-2023.txt', '淮安市-2024.txt'].map((n) => ({ name: n, mimeType: 'text/plain', buffer: readFileSync(`${root}tests/fixtures/${n}`) }));

const server = await serve();
const context = await browser();
try {
  const { page } = await open(context, server.url);
  await page.click('[data-action="summary"]');
  await page.setInputFiles('[data-action="summary-files"]', [
    ...now.map((r, i) => file(`2023-${String(i + 1).padStart(2, '0')}-${r.organ}.json`, r)),
    ...last.map((r, i) => file(`2022-${String(i + 1).padStart(2, '0')}-${r.organ}.json`, r)),
    file('2023-某县人民政府汇总.json', parent), ...texts,
  ]);
  await page.waitForSelector('[data-file-row]');
  await page.click('th[data-sort="state"]');
  await page.locator('[data-file-row]').first().click();
  await page.screenshot({ path: `${root}docs/summary-organs-1366x768.png` });
  await page.click('[data-summary-tab="total"]');
  await page.screenshot({ path: `${root}docs/summary-total-1366x768.png` });
  await page.click('[data-summary-tab="compare"]');
  await page.screenshot({ path: `${root}docs/summary-compare-1366x768.png` });
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: `${root}docs/summary-compare-print.png`, fullPage: true });
} finally {
  await context.close();
  server.close();
}
