// Page numbers where the browser cannot print them. The print view (src/export/print.rs,
// static/print.css) numbers its pages "— N —" in an @page margin box. Firefox (ESR 153) drops
// margin boxes, so where the print CSS's @page rule has lost its margin box the view is paged
// here before it prints: page boxes of the @page content height, broken as the print CSS asks
// (between lines, orphans and widows 2; between table rows, never inside a rowspan; a block with
// break-inside: avoid kept whole when it fits a page; a break-after: avoid heading kept with what
// follows; a split table's <thead> repeated), each with its "— N —" where the margin box would
// put it. A browser that keeps the margin box (Chromium) is left alone.
//
// 打印/PDF prints a hidden iframe[data-print] once it loads: its view is paged at that load (a
// capturing listener runs before the app's). Ctrl+P prints [data-print-root], which the app
// redraws at beforeprint and then pages through `window.nianbaoPaginate` (set here only where
// paging is needed).
(() => {
  'use strict';

  /** The print CSS's @page rule, unless the browser kept its margin box (then nothing to do). */
  function pageRule(sheet) {
    const rule = sheet && [...sheet.cssRules].find((r) => r.type === CSSRule.PAGE_RULE);
    return rule && !(rule.cssRules && rule.cssRules.length) ? rule : null;
  }

  /** Pages `container`'s blocks in `doc`; `sheet` is the print CSS. */
  function paginate(doc, container, sheet) {
    const rule = pageRule(sheet);
    if (!rule || container.querySelector(':scope > .print-page')) return;
    const style = doc.defaultView.getComputedStyle.bind(doc.defaultView);
    const px = (css) => {
      const probe = doc.createElement('div');
      probe.style.height = css;
      container.append(probe);
      const h = probe.getBoundingClientRect().height;
      probe.remove();
      return h;
    };
    const top = rule.style.getPropertyValue('margin-top');
    const bottom = rule.style.getPropertyValue('margin-bottom');
    const height = px(`calc(297mm - ${top} - ${bottom})`); // A4, as the rule's size says
    const margin = px(bottom);
    const slack = px('3mm');
    addRules(sheet, height, margin, slack);

    const blocks = [...container.children];
    container.replaceChildren();
    let body;
    const newPage = () => {
      const page = doc.createElement('div');
      page.className = 'print-page';
      body = doc.createElement('div');
      page.append(body);
      container.append(page);
    };
    const box = (el) => el.getBoundingClientRect();
    const limit = () => box(body).top + height + 0.5;
    const unbreakable = (el) => style(el).breakInside === 'avoid' && box(el).height <= height;

    /** Leaves in place what of `el` fits above `limit()` and returns the rest, or null if no
     *  part of it can stay on this page. `fresh`: nothing precedes it on the page. */
    function split(el, fresh) {
      if (!fresh && unbreakable(el)) return null;
      if (el.tagName === 'TABLE') return splitTable(el, fresh);
      if (el.tagName === 'P') return splitParagraph(el, fresh);
      const last = el.lastElementChild;
      if (!last || last === el.firstElementChild) return null;
      return split(last, false) ?? (fresh ? split(last, true) : null);
    }

    function splitParagraph(p, fresh) {
      // Its lines, from its characters' boxes.
      const range = doc.createRange();
      const texts = [];
      const walker = doc.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n);
      const lines = [];
      for (const t of texts) {
        range.selectNodeContents(t);
        for (const r of range.getClientRects()) {
          if (!r.height) continue;
          const line = lines.find((l) => r.top < l.bottom && r.bottom > l.top);
          if (line) Object.assign(line, { top: Math.min(line.top, r.top), bottom: Math.max(line.bottom, r.bottom) });
          else lines.push({ top: r.top, bottom: r.bottom });
        }
      }
      lines.sort((a, b) => a.top - b.top);
      const { top: from, height: tall } = box(p); // lines of one height (the print CSS fixes it)
      const ends = lines.map((_, i) => from + ((i + 1) * tall) / lines.length);
      const end = limit();
      const fit = ends.filter((e) => e <= end).length;
      let keep = Math.min(fit, lines.length - 2); // widows
      if (keep < 2) { // orphans
        if (!fresh) return null;
        keep = Math.max(1, Math.min(fit, lines.length - 1));
      }
      // The first character on line `keep`: characters' tops only grow along the text.
      const at = lines[keep].top - 1;
      const charTop = (node, i) => {
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const r = range.getClientRects()[0];
        return r ? r.top : -Infinity;
      };
      const node = texts.find((t) => t.length && charTop(t, t.length - 1) >= at);
      if (!node) return null;
      let lo = 0;
      let hi = node.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (charTop(node, mid) >= at) hi = mid;
        else lo = mid + 1;
      }
      range.setStart(p, 0);
      range.setEnd(node, lo);
      const first = p.cloneNode(false);
      first.append(range.extractContents());
      first.classList.add('print-split');
      p.before(first);
      p.classList.add('print-cont');
      p.remove();
      return p;
    }

    function splitTable(table, fresh) {
      const rows = [...table.tBodies].flatMap((b) => [...b.rows]);
      // A break after row i is allowed when no rowspan crosses it and row i is not all headings.
      const spanEnd = [];
      rows.forEach((tr, i) => {
        spanEnd[i] = Math.max(spanEnd[i - 1] ?? -1, i);
        for (const cell of tr.cells) spanEnd[i] = Math.max(spanEnd[i], i + cell.rowSpan - 1);
      });
      const end = limit();
      const fitting = rows.filter((tr) => box(tr).bottom <= end).length;
      const allowed = (i) => spanEnd[i] === i && [...rows[i].cells].some((c) => c.tagName === 'TD');
      let k = fitting - 1;
      while (k >= 0 && !allowed(k)) k--;
      if (k < 0 || k === rows.length - 1) {
        if (!fresh || fitting === 0) return null;
        k = Math.min(fitting, rows.length - 1) - 1; // taller than a page without a legal break
        if (k < 0) return null;
      }
      const rest = rows.slice(k + 1);
      carryRowspans(rows, k);
      const cont = table.cloneNode(false);
      for (const col of table.querySelectorAll(':scope > colgroup')) cont.append(col.cloneNode(true));
      if (table.tHead) cont.append(table.tHead.cloneNode(true));
      const tbody = doc.createElement('tbody');
      tbody.append(...rest);
      cont.append(tbody);
      return cont;
    }

    /** A cell spanning across the break after row `k` ends there and goes on, repeated, in the
     *  first row after it, at its own column. */
    function carryRowspans(rows, k) {
      const taken = [];
      const cells = [];
      rows.forEach((tr, r) => {
        let c = 0;
        for (const td of tr.cells) {
          while (taken[r]?.[c]) c++;
          for (let i = 0; i < td.rowSpan; i++) for (let j = 0; j < td.colSpan; j++) (taken[r + i] ??= [])[c + j] = true;
          cells.push({ td, r, c });
          c += td.colSpan;
        }
      });
      const next = rows[k + 1];
      const crossing = cells.filter(({ td, r }) => r <= k && r + td.rowSpan - 1 > k).sort((a, b) => a.c - b.c);
      for (const { td, r, c } of crossing) {
        const carried = td.cloneNode(true);
        carried.rowSpan = r + td.rowSpan - 1 - k;
        td.rowSpan = k - r + 1;
        const after = cells.find((x) => x.r === k + 1 && x.c > c);
        next.insertBefore(carried, after ? after.td : null);
      }
    }

    newPage();
    const queue = blocks;
    while (queue.length) {
      const block = queue.shift();
      body.append(block);
      if (box(block).bottom <= limit()) continue;
      const fresh = body.firstElementChild === block;
      const rest = split(block, fresh);
      if (rest) queue.unshift(rest);
      else if (!fresh) {
        // To the next page, with the headings that must stay with it.
        block.remove();
        const moved = [block];
        while (body.children.length > 1 && style(body.lastElementChild).breakAfter === 'avoid') {
          const heading = body.lastElementChild;
          heading.remove();
          moved.unshift(heading);
        }
        queue.unshift(...moved);
      }
      newPage();
    }
    if (!body.children.length) body.parentNode.remove();
    const pages = container.querySelectorAll(':scope > .print-page');
    pages.forEach((page, i) => {
      const foot = doc.createElement('div');
      foot.className = 'print-page-foot';
      foot.textContent = `— ${i + 1} —`;
      page.append(foot);
    });
  }

  /** The paged view's CSS, once per sheet: the page's bottom margin shrinks to `slack` and each
   *  page box fills the page, its number centred where the margin box would be. */
  const added = new WeakMap(); // sheet → its length before these rules
  function addRules(sheet, height, margin, slack) {
    if (added.has(sheet)) return;
    added.set(sheet, sheet.cssRules.length);
    const rules = [
      `@page { margin-bottom: ${slack}px; }`,
      `.print-page { position: relative; height: ${height + margin - 2 * slack}px; break-inside: avoid; break-after: page; }`,
      '.print-page:last-child { break-after: auto; }',
      'p.print-split { text-align-last: justify; }',
      'p.print-cont { text-indent: 0; }',
      `.print-page-foot { position: absolute; left: 0; right: 0; top: ${height + margin / 2}px; height: 0; line-height: 0; text-align: center; text-indent: 0; font: 14pt "Times New Roman", "宋体", SimSun, serif; }`,
    ];
    for (const r of rules) sheet.insertRule(r, sheet.cssRules.length);
  }

  // A browser that prints margin boxes itself (Chromium) needs none of this.
  const probe = new CSSStyleSheet();
  probe.replaceSync('@page { @bottom-center { content: "" } }');
  if (probe.cssRules[0]?.cssRules?.length) return;

  // 打印/PDF: the hidden frame, paged when it has loaded, before the app prints it.
  document.addEventListener('load', (e) => {
    const frame = e.target;
    if (!(frame instanceof HTMLIFrameElement) || !frame.hasAttribute('data-print')) return;
    const doc = frame.contentDocument;
    if (doc?.body) paginate(doc, doc.querySelector('body > main') ?? doc.body, doc.querySelector('style')?.sheet);
  }, true);

  // Ctrl+P: the print view in the page, measured with its print CSS applied for the moment.
  function pageRoot() {
    const root = document.querySelector('[data-print-root]');
    const sheet = document.querySelector('style[data-print-css]')?.sheet;
    if (!root || !pageRule(sheet) || document.documentElement.dataset.view === 'summary') return;
    const media = sheet.media.mediaText;
    sheet.media.mediaText = 'all';
    root.style.display = 'block';
    try {
      paginate(document, root.querySelector(':scope > main') ?? root, sheet);
    } finally {
      root.style.display = '';
      sheet.media.mediaText = media;
    }
  }
  // The app redraws the view at beforeprint, then calls this (its listener is added anew after
  // each change, so a listener here could not be kept behind it).
  window.nianbaoPaginate = pageRoot;
  // Once printed, the page's @page is its own again (汇总与核查 prints with it too).
  window.addEventListener('afterprint', () => {
    const sheet = document.querySelector('style[data-print-css]')?.sheet;
    if (!sheet || !added.has(sheet)) return;
    while (sheet.cssRules.length > added.get(sheet)) sheet.deleteRule(sheet.cssRules.length - 1);
    added.delete(sheet);
  });
})();
