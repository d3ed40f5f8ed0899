// Screenshots of the editor as clerks see it, kept under docs/ (node tests/e2e/a11y-shots.mjs after
// a release build): 1366×768 and 1024×768, a 1366×768 screen at 200 % zoom (a 683×384 CSS viewport at
// device scale 2, which is what the browser's zoom makes of it), the empty report, the filled one
// with findings, 大字 and 高对比度, and the 从上年报告开始 dialog.
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve, CHROMIUM_ARGS } from './harness.mjs';

const root = new URL('../../', import.meta.url).pathname;
const FIXTURE = readFileSync(`${root}tests/fixtures/quangang-2023.json`);
const out = (name) => `${root}docs/${name}.png`;

const server = await serve();
async function page(width, height, scale = 1) {
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'nianbao-shots-')), {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true,
    viewport: { width, height }, deviceScaleFactor: scale, args: CHROMIUM_ARGS,
  });
  const p = context.pages()[0];
  await p.goto(server.url);
  await p.waitForSelector('[data-cell^="appeals."]');
  return { p, context };
}
async function filled(p) {
  await p.setInputFiles('input[data-file="open-report"]', { name: 'q.json', mimeType: 'application/json', buffer: FIXTURE });
  await p.waitForFunction(() => document.querySelector('[data-field="organ"]').value !== '');
  await p.fill('[data-cell="applications.granted.natural_person"]', '12a');
  await p.keyboard.press('Escape');
}

try {
  {
    const { p, context } = await page(1366, 768);
    await p.screenshot({ path: out('a11y-empty-1366x768') });
    await filled(p);
    await p.screenshot({ path: out('a11y-filled-1366x768') });
    await p.click('[data-action="large-text"]');
    await p.click('[data-action="high-contrast"]');
    await p.focus('[data-cell="applications.granted.natural_person"]');
    await p.screenshot({ path: out('a11y-large-contrast-1366x768') });
    await p.click('[data-action="large-text"]');
    await p.click('[data-action="high-contrast"]');
    await p.click('[data-action="import-report"]');
    await p.waitForSelector('dialog[open]');
    await p.screenshot({ path: out('a11y-start-from-last-year-1366x768') });
    await context.close();
  }
  {
    const { p, context } = await page(1024, 768);
    await filled(p);
    await p.focus('[data-cell="applications.granted.natural_person"]');
    await p.screenshot({ path: out('a11y-filled-1024x768') });
    await context.close();
  }
  {
    const { p, context } = await page(683, 384, 2);
    await p.screenshot({ path: out('a11y-empty-200pct') });
    await filled(p);
    await p.focus('[data-cell="applications.granted.natural_person"]');
    await p.screenshot({ path: out('a11y-typing-200pct') });
    await p.click('[data-action="toggle-findings"]');
    await p.screenshot({ path: out('a11y-findings-open-200pct') });
    await context.close();
  }
} finally {
  server.close();
}
