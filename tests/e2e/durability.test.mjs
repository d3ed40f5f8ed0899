// No keystroke lost: type, kill the browser process with SIGKILL (a crash, a power cut) right after
// the last keystroke's save, open the same profile again and find every character.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve, BROWSER, CHROMIUM_ARGS } from './harness.mjs';

let server;
before(async () => { server = await serve(); });
after(() => server?.close());

/** Chromium's browser process for a profile folder: the one without --type= (not a renderer). */
function chromiumPid(dir) {
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    let args;
    try { args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0'); } catch { continue; }
    if (args.includes(`--user-data-dir=${dir}`) && !args.some((a) => a.startsWith('--type='))) return Number(pid);
  }
  throw new Error(`no browser process for ${dir}`);
}

/** The browser on a profile folder that outlives it, and the process id to kill. */
async function launch(dir) {
  if (BROWSER === 'firefox') return (await import('./firefox.mjs')).launchProfile(dir);
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS,
  });
  return { context, pid: chromiumPid(dir) };
}

async function openPage(context) {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(server.url);
  await page.waitForSelector('[data-cell]');
  return page;
}

/**
 * Resolves once the crash-safe copy (IndexedDB) holds a draft whose 行政许可 figure is `licensing`;
 * after 60 s it fails saying what the copy holds (a strict-durability commit waits for the disk's
 * flush, which a disk busy with other writes can hold up).
 */
function committed(page, licensing) {
  return page.evaluate(async (licensing) => {
    const db = await new Promise((ok, fail) => { const r = indexedDB.open('nianbao', 1); r.onsuccess = () => ok(r.result); r.onerror = fail; });
    const deadline = Date.now() + 60_000;
    for (;;) {
      const record = await new Promise((ok) => { const r = db.transaction('draft').objectStore('draft').get('draft'); r.onsuccess = () => ok(r.result); });
      const held = record && JSON.parse(record[1]).proactive?.licensing;
      if (held === licensing) return db.close();
      if (Date.now() > deadline) throw new Error(`after 60 s the crash-safe copy holds 行政许可 ${held ?? '(no draft)'}, not ${licensing}`);
      await new Promise((r) => setTimeout(r, 1));
    }
  }, licensing);
}

test('a browser killed right after a keystroke is saved comes back with every character', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-kill-'));
  let { context, pid } = await launch(dir);
  let page = await openPage(context);
  const text = '问题一：栏目更新不及时。Problems 2024!';
  await page.click('[data-text="problems"]');
  await page.keyboard.type(text);
  await page.click('[data-cell="proactive.licensing"]');
  await page.keyboard.type('1717');
  const t0 = Date.now();
  await committed(page, 1717);
  const ms = Date.now() - t0;
  process.kill(pid, 'SIGKILL');
  t.diagnostic(`last keystroke → crash-safe copy on disk: ${ms} ms (measured from the test, round trips included); then SIGKILL ${pid}`);
  await context.close().catch(() => {});

  ({ context, pid } = await launch(dir));
  try {
    page = await openPage(context);
    // The crash-safe copy is read asynchronously and replaces an older restored draft.
    await page.waitForFunction(() => document.querySelector('[data-cell="proactive.licensing"]').value === '1717');
    assert.equal(await page.inputValue('[data-text="problems"]'), text);
    assert.equal(await page.inputValue('[data-cell="proactive.licensing"]'), '1717');
    const recovered = (await page.locator('[data-notice]').count()) > 0 && /已恢复/.test(await page.textContent('[data-notice]'));
    t.diagnostic(recovered ? 'localStorage had lost the last keystrokes; the crash-safe copy brought them back' : 'localStorage had every keystroke');
  } finally {
    await context.close();
  }
});

test('at load, a crash-safe copy newer than localStorage\'s draft wins, undoably', async () => {
  const { context } = await launch(mkdtempSync(join(tmpdir(), 'nianbao-recover-')));
  try {
    const page = await openPage(context);
    await page.fill('[data-cell="proactive.licensing"]', '5');
    // The crash-safe copy holds the 5 a few milliseconds later (it is written off the page's thread).
    // (waitForFunction does not retry a predicate that returns a promise: `committed` polls itself.)
    await committed(page, 5);
    // What a crash can leave: localStorage one change behind the crash-safe copy.
    await page.evaluate(() => new Promise((ok) => {
      const open = indexedDB.open('nianbao', 1);
      open.onsuccess = () => {
        const db = open.result;
        const tx = db.transaction('draft', 'readwrite');
        const store = tx.objectStore('draft');
        const get = store.get('draft');
        get.onsuccess = () => {
          const [stamp, text] = get.result;
          const report = JSON.parse(text);
          report.proactive.licensing = 6;
          store.put([stamp + 1, JSON.stringify(report)], 'draft');
        };
        tx.oncomplete = () => { db.close(); ok(); };
      };
    }));
    await page.reload();
    await page.waitForSelector('[data-cell]');
    await page.waitForFunction(() => document.querySelector('[data-cell="proactive.licensing"]').value === '6');
    assert.match(await page.textContent('[data-notice="info"]'), /已恢复上次未保存的草稿/);
    await page.click('[data-action="undo"]');
    assert.equal(await page.inputValue('[data-cell="proactive.licensing"]'), '5');
  } finally {
    await context.close();
  }
});

test('what one save of a full report costs in the browser', async (t) => {
  const { context } = await launch(mkdtempSync(join(tmpdir(), 'nianbao-cost-')));
  try {
    const page = await openPage(context);
    const fixture = readFileSync(new URL('../fixtures/quangang-2023.json', import.meta.url).pathname);
    await page.setInputFiles('input[data-file="open-report"]', { name: 'quangang-2023.json', mimeType: 'application/json', buffer: fixture });
    await page.waitForFunction(() => document.querySelector('[data-field="organ"]').value !== '');
    const cost = await page.evaluate(async () => {
      const text = localStorage.getItem('nianbao.draft');
      const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
      // Timed over many writes: Firefox's clock has a coarse resolution.
      const t0 = performance.now();
      for (let i = 0; i < 200; i++) localStorage.setItem('nianbao.cost', text + i);
      const sync = (performance.now() - t0) / 200;
      localStorage.removeItem('nianbao.cost');
      const db = await new Promise((ok) => { const r = indexedDB.open('nianbao', 1); r.onsuccess = () => ok(r.result); });
      const durable = [];
      for (let i = 0; i < 20; i++) {
        const t0 = performance.now();
        await new Promise((ok) => {
          const tx = db.transaction('draft', 'readwrite', { durability: 'strict' });
          tx.objectStore('draft').put([0, text], 'cost');
          tx.oncomplete = ok;
        });
        durable.push(performance.now() - t0);
      }
      db.close();
      return { bytes: text.length, localStorage: sync, indexedDb: median(durable) };
    });
    t.diagnostic(`one full report (${cost.bytes} characters of JSON): localStorage.setItem ${cost.localStorage.toFixed(3)} ms on the page's thread (mean); ` +
      `the IndexedDB copy committed (strict) in ${cost.indexedDb.toFixed(1)} ms, off the page's thread (median)`);
    assert.ok(cost.localStorage < 16, 'a save fits in a frame');
  } finally {
    await context.close();
  }
});
