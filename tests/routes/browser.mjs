// The routes a report takes through a browser, for tests/routes/generate.sh: the page printed to
// PDF, the page as a user copies it (select all, copy: table rows come out tab-separated), and
// the page as converters render it in markdown — one table per table, or one small table per
// row under generic headers 数据1…数据N — and the page saved as one file (.mhtml, 「网页，单个文件」).
// Usage: node tests/routes/browser.mjs PAGE.html OUT-PREFIX
// Writes OUT-PREFIX.pdf, OUT-PREFIX-copy.txt, OUT-PREFIX.md, OUT-PREFIX-rows.md, OUT-PREFIX.mhtml.
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';

const [page_file, prefix] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium' });
try {
  const page = await browser.newPage();
  await page.goto(pathToFileURL(resolve(page_file)).href);
  await page.pdf({ path: `${prefix}.pdf`, format: 'A4' });
  writeFileSync(`${prefix}-copy.txt`, await page.evaluate(() => document.body.innerText));
  const cdp = await page.context().newCDPSession(page);
  writeFileSync(`${prefix}.mhtml`, (await cdp.send('Page.captureSnapshot', { format: 'mhtml' })).data);
  const [tables, rows] = await page.evaluate(() => {
    const text = (el) => el.innerText.replace(/\s+/g, ' ').trim();
    const md = (cells) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
    const out = [[], []];
    const blocks = document.body.querySelectorAll('h1, h2, h3, h4, p, table');
    for (const el of blocks) {
      if (el.closest('table') && el.tagName !== 'TABLE') continue;
      if (el.tagName !== 'TABLE') {
        const t = text(el);
        const line = /^H\d$/.test(el.tagName) ? `${'#'.repeat(+el.tagName[1])} ${t}` : t;
        if (t) out.forEach((o) => o.push(line, ''));
        continue;
      }
      const trs = [...el.querySelectorAll('tr')].map((tr) => [...tr.children].map(text));
      if (!trs.length) continue;
      // One table: its first row as the header.
      const width = Math.max(...trs.map((r) => r.length));
      const pad = (r) => r.concat(Array(width - r.length).fill(''));
      out[0].push(md(pad(trs[0])), md(Array(width).fill('---')), ...trs.slice(1).map((r) => md(pad(r))), '');
      // One small table a row: the label, then the figures under 数据1…数据N.
      for (const r of trs) {
        const head = ['项目', ...r.slice(1).map((_, i) => `数据${i + 1}`)];
        out[1].push(md(head), md(head.map(() => '---')), md(r), '');
      }
    }
    return out.map((o) => o.join('\n'));
  });
  writeFileSync(`${prefix}.md`, tables);
  writeFileSync(`${prefix}-rows.md`, rows);
} finally {
  await browser.close();
}
