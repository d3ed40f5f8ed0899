// The Firefox back end of the e2e harness (E2E_BROWSER=firefox): Debian's firefox-esr driven by
// puppeteer-core over WebDriver BiDi, behind the part of playwright-core's API the tests use, so
// every test file runs in both browsers unchanged. Selectors are CSS (plus `{ hasText }`); an
// action waits for its element like Playwright's. What the adapter lacks throws, naming it.
import puppeteer from 'puppeteer-core';
import { copyFileSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TIMEOUT = 15_000;
/** Prefs: no first-run pages or updates, nothing fetched in the background, printing silent. */
const PREFS = {
  'browser.shell.checkDefaultBrowser': false,
  'app.update.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'browser.safebrowsing.update.enabled': false,
  'print.always_print_silent': true,
  'print_printer': 'Mozilla Save to PDF',
  'print.printer_Mozilla_Save_to_PDF.print_to_file': true,
};

let shared;
/** One Firefox per test file; each context in it (a BiDi user context) has its own storage. */
async function firefox() {
  shared ??= puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
    headless: true,
    extraPrefsFirefox: PREFS,
  });
  return shared;
}

/** Launches Firefox on a profile folder that outlives it (for the crash test); `pid` to kill it. */
export async function launchProfile(dir) {
  const browser = await puppeteer.launch({
    browser: 'firefox', executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr', headless: true,
    userDataDir: dir, extraPrefsFirefox: PREFS,
  });
  return { context: new Context(browser, browser.defaultBrowserContext(), null), pid: browser.process().pid };
}

/** A fresh context with downloads landing in a folder of its own. */
export async function newContext() {
  const downloads = mkdtempSync(join(tmpdir(), 'nianbao-ff-downloads-'));
  const browser = await firefox();
  const ctx = await browser.createBrowserContext({ downloadBehavior: { policy: 'allow', downloadPath: downloads } });
  return new Context(browser, ctx, downloads);
}

/** Closes the shared Firefox once the file's tests are done. */
export async function closeAll() {
  if (shared) await (await shared).close();
  shared = undefined;
}

const unsupported = (what) => { throw new Error(`the Firefox adapter has no ${what}`); };

class Context {
  constructor(browser, ctx, downloads) {
    Object.assign(this, { browser, ctx, downloads, scripts: [], wrapped: [], listeners: [] });
  }
  /** Context-wide listeners ('request') are put on each page as it opens. */
  on(event, fn) { this.listeners.push([event, fn]); for (const p of this.wrapped) p.on(event, fn); }
  pages() { return this.wrapped; }
  async newPage() {
    const page = new Page(this, await this.ctx.newPage());
    await page.raw.setViewport({ width: 1366, height: 768 });
    for (const s of this.scripts) await page.raw.evaluateOnNewDocument(s);
    for (const [event, fn] of this.listeners) page.on(event, fn);
    this.wrapped.push(page);
    return page;
  }
  async addInitScript(fn) { this.scripts.push(fn); for (const p of this.wrapped) await p.raw.evaluateOnNewDocument(fn); }
  get clock() { return new Clock(this); }
  async close() {
    if (this.ctx === this.browser.defaultBrowserContext()) await this.browser.close();
    else await this.ctx.close().catch(() => {});
  }
}

/**
 * Playwright's fake clock, as much of it as the tests use: timers and Date.now stand still until
 * fastForward moves them.
 */
class Clock {
  constructor(context) { this.context = context; }
  install() {
    return this.context.addInitScript(() => {
      const timers = new Map();
      let now = Date.now(), next = 1;
      Date.now = () => now;
      window.setTimeout = (fn, ms = 0, ...args) => { timers.set(next, { fn, at: now + ms, args }); return next++; };
      window.clearTimeout = (id) => timers.delete(id);
      window.__clockForward = (ms) => {
        const end = now + ms;
        for (;;) {
          const due = [...timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
          if (!due) break;
          timers.delete(due[0]);
          now = due[1].at;
          due[1].fn(...due[1].args);
        }
        now = end;
      };
    });
  }
}

/** In the page: the elements a chain of steps ({ sel, hasText, nth }) stands for. */
function resolve(chain) {
  let els = [document];
  for (const { sel, hasText, nth } of chain) {
    let next = [];
    if (sel) for (const root of els) next.push(...root.querySelectorAll(sel));
    else next = els;
    if (hasText !== undefined) next = next.filter((e) => e.textContent.includes(hasText));
    next = [...new Set(next)];
    if (nth !== undefined) next = next.slice(nth < 0 ? next.length + nth : nth).slice(0, 1);
    els = next;
  }
  return els;
}

class Locator {
  constructor(page, chain) { Object.assign(this, { page, chain }); }
  locator(sel, opts = {}) { return new Locator(this.page, [...this.chain, { sel, hasText: opts.hasText }]); }
  first() { return new Locator(this.page, [...this.chain, { nth: 0 }]); }
  last() { return new Locator(this.page, [...this.chain, { nth: -1 }]); }
  nth(n) { return new Locator(this.page, [...this.chain, { nth: n }]); }
  /** All matching elements now, as one JS handle to an array. */
  all_() { return this.page.raw.evaluateHandle(resolve, this.chain); }
  /** The first matching element, waiting for it to exist. */
  async one() {
    const deadline = Date.now() + TIMEOUT;
    for (;;) {
      const list = await this.all_();
      const el = await list.evaluateHandle((l) => l[0] ?? null);
      await list.dispose();
      if (await el.evaluate((e) => e !== null)) return el;
      await el.dispose();
      if (Date.now() > deadline) throw new Error(`no element for ${JSON.stringify(this.chain)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  async count() { const l = await this.all_(); const n = await l.evaluate((l) => l.length); await l.dispose(); return n; }
  async evaluateAll(fn, arg) { const l = await this.all_(); try { return await l.evaluate(fn, arg); } finally { await l.dispose(); } }
  allTextContents() { return this.evaluateAll((els) => els.map((e) => e.textContent)); }
  async evaluate(fn, arg) { const el = await this.one(); try { return await el.evaluate(fn, arg); } finally { await el.dispose(); } }
  textContent() { return this.evaluate((e) => e.textContent); }
  inputValue() { return this.evaluate((e) => e.value); }
  isChecked() { return this.evaluate((e) => e.checked); }
  getAttribute(name) { return this.evaluate((e, n) => e.getAttribute(n), name); }
  async isVisible() { return (await this.count()) > 0 && this.evaluate((e) => e.getClientRects().length > 0); }
  /** Waits until an element matches ('attached', 'visible') or none does ('detached', 'hidden'). */
  async waitFor({ state = 'visible', timeout = TIMEOUT } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const shown = await this.evaluateAll((els, state) => els.some((e) => state === 'attached' || state === 'detached' || e.getClientRects().length > 0), state);
      if (shown === (state === 'attached' || state === 'visible')) return;
      if (Date.now() > deadline) throw new Error(`${JSON.stringify(this.chain)} not ${state}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  async click() { const el = await this.one(); try { await el.click(); } finally { await el.dispose(); } }
  fill(value) {
    return this.evaluate((e, v) => {
      e.focus();
      e.value = v;
      e.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: v }));
    }, value);
  }
  async setChecked(want) { if ((await this.isChecked()) !== want) await this.click(); }
  check() { return this.setChecked(true); }
  uncheck() { return this.setChecked(false); }
  focus() { return this.evaluate((e) => e.focus()); }
  async setInputFiles(files) {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-ff-upload-'));
    const paths = [files].flat().map((f) => {
      if (typeof f === 'string') return f;
      writeFileSync(join(dir, f.name), f.buffer);
      return join(dir, f.name);
    });
    const el = await this.one();
    try { await el.uploadFile(...paths); } finally { await el.dispose(); }
  }
}

/** A download: the new file in the context's folder once Firefox has finished writing it. */
class Download {
  constructor(dir, name) { Object.assign(this, { dir, name }); }
  suggestedFilename() { return this.name; }
  async path() { return join(this.dir, this.name); }
  async saveAs(to) { copyFileSync(join(this.dir, this.name), to); }
}

class Page {
  constructor(context, raw) {
    Object.assign(this, { ctx: context, raw, dialogHandlers: [] });
    this.keyboard = {
      press: async (keys) => {
        const parts = keys.split('+');
        for (const k of parts.slice(0, -1)) await raw.keyboard.down(k);
        await raw.keyboard.press(parts.at(-1));
        for (const k of parts.slice(0, -1).reverse()) await raw.keyboard.up(k);
      },
      type: (text) => raw.keyboard.type(text),
      down: (k) => raw.keyboard.down(k),
      up: (k) => raw.keyboard.up(k),
    };
    // Playwright dismisses a dialog nobody handles; so does this.
    raw.on('dialog', (d) => {
      const handler = this.dialogHandlers.shift();
      return handler ? handler(d) : d.dismiss();
    });
  }
  context() { return this.ctx; }
  get clock() {
    return { fastForward: (ms) => this.raw.evaluate((ms) => window.__clockForward(ms), ms), install: () => this.ctx.clock.install() };
  }
  on(event, fn) {
    if (event === 'pageerror') return this.raw.on('pageerror', (e) => fn(e instanceof Error ? e : new Error(String(e))));
    if (event === 'console') return this.raw.on('console', (m) => fn({ type: () => m.type(), text: () => m.text() }));
    if (event === 'dialog') return this.dialogHandlers.push(fn);
    if (event === 'request') return this.raw.on('request', (r) => fn({ url: () => r.url() }));
    return unsupported(`page.on('${event}')`);
  }
  once(event, fn) { return event === 'dialog' ? this.dialogHandlers.push(fn) : unsupported(`page.once('${event}')`); }
  /** Playwright's page.route for a URL glob (`**` any path, `*` within a segment): the handler
   *  gets `abort()` and `continue()`; the latest route that matches wins, others go on. */
  async route(glob, handler) {
    const re = new RegExp(`^${glob.split('**').map((p) => p.split('*').map((x) => x.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('[^/]*')).join('.*')}$`);
    (this.routes ??= []).unshift({ glob, re, handler });
    if (this.intercepting) return;
    this.intercepting = true;
    await this.raw.setRequestInterception(true);
    this.raw.on('request', (r) => {
      const route = this.routes.find((x) => x.re.test(r.url()));
      if (!route) return r.continue();
      route.handler({ abort: () => r.abort('failed'), continue: () => r.continue() });
    });
  }
  async unroute(glob) { this.routes = (this.routes ?? []).filter((x) => x.glob !== glob); }
  goto(url) { return this.raw.goto(url); }
  reload() { return this.raw.reload(); }
  waitForTimeout(ms) { return new Promise((r) => setTimeout(r, ms)); }
  close() { return this.raw.close(); }
  setContent(html) { return this.raw.setContent(html); }
  /** WebDriver BiDi has no media emulation (puppeteer asks for CDP): the test says why it skips. */
  emulateMedia() { return unsupported('emulateMedia (WebDriver BiDi cannot emulate print media)'); }
  setViewportSize({ width, height }) { return this.raw.setViewport({ width, height }); }
  pdf(opts) { return this.raw.pdf(opts); }
  screenshot(opts) { return this.raw.screenshot(opts); }
  evaluate(fn, arg) { return this.raw.evaluate(fn, arg); }
  $eval(sel, fn, arg) { return this.raw.$eval(sel, fn, arg); }
  $$eval(sel, fn, arg) { return this.raw.$$eval(sel, fn, arg); }
  waitForFunction(fn, arg, opts = {}) { return this.raw.waitForFunction(fn, { polling: 50, timeout: opts.timeout ?? TIMEOUT }, arg); }
  async waitForSelector(sel, { state = 'visible', timeout = TIMEOUT } = {}) {
    const opts = { timeout, visible: state === 'visible', hidden: state === 'hidden' || state === 'detached' };
    const handle = await this.raw.waitForSelector(sel, opts);
    return handle && new Handle(handle);
  }
  locator(sel, opts = {}) { return new Locator(this, [{ sel, hasText: opts.hasText }]); }
  $(sel) { return this.raw.$(sel).then((h) => h && new Handle(h)); }
  fill(sel, v) { return this.locator(sel).fill(v); }
  click(sel) { return this.locator(sel).click(); }
  focus(sel) { return this.locator(sel).focus(); }
  check(sel) { return this.locator(sel).setChecked(true); }
  uncheck(sel) { return this.locator(sel).setChecked(false); }
  inputValue(sel) { return this.locator(sel).inputValue(); }
  /** Puppeteer's select: sets the value and fires input and change, as choosing it does. */
  selectOption(sel, value) { return this.raw.select(sel, value); }
  textContent(sel) { return this.locator(sel).textContent(); }
  getAttribute(sel, name) { return this.locator(sel).getAttribute(name); }
  isChecked(sel) { return this.locator(sel).isChecked(); }
  isVisible(sel) { return this.locator(sel).isVisible(); }
  setInputFiles(sel, files) { return this.locator(sel).setInputFiles(files); }
  async waitForEvent(event, { timeout = TIMEOUT } = {}) {
    if (event !== 'download') return unsupported(`waitForEvent('${event}')`);
    const dir = this.ctx.downloads;
    const seen = new Set(readdirSync(dir));
    const deadline = Date.now() + timeout;
    for (;;) {
      await new Promise((r) => setTimeout(r, 50));
      const done = readdirSync(dir).filter((f) => !seen.has(f) && !f.endsWith('.part') && statSync(join(dir, f)).size > 0);
      // Firefox writes NAME.part and renames it when done.
      if (done.length && !readdirSync(dir).some((f) => f.endsWith('.part'))) return new Download(dir, done[0]);
      if (Date.now() > deadline) throw new Error('no download');
    }
  }
}

/** An element found by waitForSelector or $. */
class Handle {
  constructor(raw) { this.raw = raw; }
  textContent() { return this.raw.evaluate((e) => e.textContent); }
  getAttribute(n) { return this.raw.evaluate((e, n) => e.getAttribute(n), n); }
  inputValue() { return this.raw.evaluate((e) => e.value); }
  evaluate(fn, arg) { return this.raw.evaluate(fn, arg); }
  click() { return this.raw.click(); }
}
