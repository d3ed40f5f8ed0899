// Shared by the end-to-end tests: serves dist/ (the release build) on a free loopback port and
// opens it in Debian's Chromium through playwright-core. No browser is ever downloaded.
// E2E_BROWSER=firefox runs the same tests in Debian's firefox-esr (./firefox.mjs);
// E2E_TARGET=bundle opens the single-file dist/nianbao.html from disk (file://) instead.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, extname, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

// NIANBAO_DIST serves another build (the benchmarks compare one against another).
const DIST = process.env.NIANBAO_DIST ?? new URL('../../dist/', import.meta.url).pathname;
export const BROWSER = process.env.E2E_BROWSER ?? 'chromium';
export const TARGET = process.env.E2E_TARGET ?? 'served';
/** Chromium's flags: no sandbox (containers), nothing fetched in the background. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.png': 'image/png' };

export async function serve() {
  if (TARGET === 'bundle') return { url: pathToFileURL(join(DIST, 'nianbao.html')).href, close() {} };
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^\/+/, '') || 'index.html';
    try {
      const body = await readFile(join(DIST, path));
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => { server.close(); server.closeAllConnections(); } };
}

/** A fresh browser profile (so localStorage starts empty) with downloads allowed. */
export async function browser() {
  if (BROWSER === 'firefox') return (await import('./firefox.mjs')).newContext();
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'nianbao-e2e-')), {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1366, height: 768 },
    args: CHROMIUM_ARGS,
  });
}

/**
 * Pastes `text` into the cell `path` as copied from a spreadsheet. Chromium: a paste event carrying
 * the text. Firefox gives a synthetic paste event an empty clipboard, so there the text goes
 * through the real clipboard: copied from a scratch textarea with Ctrl+C, pasted with Ctrl+V.
 */
export async function pasteInto(page, path, text) {
  const selector = `[data-cell="${path}"]`;
  if (BROWSER !== 'firefox') {
    return page.evaluate(([selector, text]) => {
      const el = document.querySelector(selector);
      el.focus();
      const data = new DataTransfer();
      data.setData('text/plain', text);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, [selector, text]);
  }
  await page.evaluate((text) => {
    const scratch = Object.assign(document.createElement('textarea'), { value: text, id: 'e2e-clipboard' });
    document.body.append(scratch);
    scratch.select();
  }, text);
  await page.keyboard.press('Control+c');
  await page.evaluate((selector) => { document.getElementById('e2e-clipboard').remove(); document.querySelector(selector).focus(); }, selector);
  await page.keyboard.press('Control+v');
}

/** Opens the app and fails the test on any console error or page error. */
export async function open(context, url) {
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(url);
  // The first screen is drawn first, the rest of the form right after its first frame.
  await page.waitForSelector('[data-cell^="appeals."]');
  return { page, errors };
}

/**
 * For one test file: the built app served while the file runs, and fresh browser profiles (empty
 * storage) opened on it; all closed when the file ends. `fresh(setup)` runs `setup(context)`
 * (an init script, say) before the page opens.
 */
export function appUnderTest() {
  let server;
  const contexts = [];
  before(async () => { server = await serve(); });
  // The server closes whatever happened before: an open one would keep the test run alive forever.
  after(async () => {
    try {
      for (const c of contexts) await c.close();
      if (BROWSER === 'firefox') await (await import('./firefox.mjs')).closeAll();
    } finally {
      server?.close();
    }
  });
  return {
    get url() { return server.url; },
    async fresh(setup) {
      const context = await browser();
      contexts.push(context);
      await setup?.(context);
      return open(context, server.url);
    },
  };
}

/** The year a draft started from a `source` year's report is for: the reporting season's (October
 *  to December this year, else the last: src/report.rs year_to_report), at least the year after
 *  the source's — a 2023 report chosen in December 2026 makes a 2026 draft. */
export function draftYear(source, today = new Date()) {
  const season = today.getMonth() >= 9 ? today.getFullYear() : today.getFullYear() - 1;
  return Math.max(season, source + 1);
}
