#!/usr/bin/env node
// Run by trunk after every build (Trunk.toml, post_build hook, on its staging folder) or by hand
// on dist/ (`node scripts/bundle.mjs [dir]`). It
// 1. seals index.html with a Content-Security-Policy <meta>: the page's own files only,
//    'wasm-unsafe-eval' for the wasm, and by hash trunk's inline loader and the print view's
//    <style> (static/print.css) — nothing else may run, load or be sent anywhere;
// 2. writes nianbao.html: the whole app in one file that works opened from disk (file://), to be
//    sent by email or OA. CSS and JS are inline; the wasm and any other file of the build (an
//    on-demand chunk) are gzip-compressed and base64-encoded, and unpacked in the browser by
//    DecompressionStream('gzip') (Chromium ≥ 80, Firefox ≥ 113). Its own CSP allows only its
//    inline scripts and styles, by hash. wasm-bindgen snippets are inlined; every other JS chunk
//    of the build (the files chunk, the PDF reader, 汇总与核查) becomes an inline module too, its
//    loader registered as `globalThis.nianbaoChunks[name]` (init from the embedded wasm, then its
//    exports), which the app's chunk loader (src/app/chunk.rs) looks for first.
//    `await globalThis.nianbaoFile(name)` gives any embedded file's bytes by its name in dist/.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? join(root, 'dist');
const PRINT_CSS = readFileSync(join(root, 'static/print.css'), 'utf8');
const BUNDLE = 'nianbao.html';

const hash = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g;

/** The policy for the page: `self` is the source list for its own files ('none' in the bundle). */
function policy(self, scripts, styles) {
  const list = (...xs) => xs.flat().filter(Boolean).join(' ');
  return [
    `default-src ${self}`,
    `script-src ${list(self === "'none'" ? '' : self, "'wasm-unsafe-eval'", scripts.map(hash))}`,
    `style-src ${list(self === "'none'" ? '' : self, styles.map(hash))}`,
    `img-src ${list(self === "'none'" ? '' : self, 'data:')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

const meta = (csp) => `<meta http-equiv="Content-Security-Policy" content="${csp}">`;
/** The <meta> goes right after the charset, before anything it governs. */
const withMeta = (html, csp) => html.replace(/<meta charset="utf-8">/i, (m) => `${m}\n  ${meta(csp)}`);

const indexPath = join(dir, 'index.html');
// 0. Every file's integrity taken again from the file as the build left it. Each of the build's
//    bins (the app and its chunks) writes the same wasm-bindgen snippets to the same path, in
//    parallel; once, trunk hashed a snippet while another bin rewrote it, and the browser refused
//    it (the page never started). The files are final now; the hashes are made to match them.
const sri = (file) => `sha384-${createHash('sha384').update(readFileSync(join(dir, file))).digest('base64')}`;
const resealed = readFileSync(indexPath, 'utf8').replace(/<(?:link|script)\b[^>]*\bintegrity="[^"]*"[^>]*>/g, (tag) => {
  const file = tag.match(/\b(?:href|src)="\/?([^"?#]+)"/)?.[1];
  return file ? tag.replace(/\bintegrity="[^"]*"/, `integrity="${sri(file)}"`) : tag;
});
const built = resealed.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
if (!/<meta charset="utf-8">/i.test(built)) throw new Error('index.html: no <meta charset="utf-8"> to put the CSP after');

// 1. The hosted page.
const inline = [...built.matchAll(INLINE_SCRIPT)].map((m) => m[2]);
const csp = policy("'self'", inline, [PRINT_CSS]);
writeFileSync(indexPath, withMeta(built, csp));
writeFileSync(join(dir, 'csp.txt'), `${csp}\n`);

// 2. The single file. Trunk's index.html names the main JS and wasm in its inline loader.
const loader = inline.find((s) => /import init/.test(s)) ?? '';
const js = loader.match(/from '\/?([^']+\.js)'/)?.[1];
const wasm = loader.match(/module_or_path: '\/?([^']+\.wasm)'/)?.[1];
if (!js || !wasm) throw new Error(`index.html: trunk's loader does not name the JS and the wasm:\n${loader}`);
const files = (d) => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? files(join(d, f)) : [join(d, f)]));
const css = [];
let head = built
  .replace(INLINE_SCRIPT, '')
  .replace(/<link\b[^>]*>/g, (link) => {
    const href = link.match(/href="\/?([^"]+)"/)?.[1];
    if (/rel="stylesheet"/.test(link)) css.push(readFileSync(join(dir, href), 'utf8'));
    return /rel="(stylesheet|modulepreload|preload)"/.test(link) ? '' : link;
  });
for (const c of css) if (c.includes('</style')) throw new Error('a stylesheet contains </style');
// The page's plain scripts (static/paging.js) go inline as they are, each allowed by its hash.
const plainFiles = [];
head = head.replace(/<script\b[^>]*\bsrc="\/?([^"]+\.js)"[^>]*><\/script>/g, (_, src) => { plainFiles.push(src); return ''; });
const plain = plainFiles.map((f) => readFileSync(join(dir, f), 'utf8').replaceAll('</script', '<\\/script'));
/** A wasm-bindgen module's exports as [exported, local] names, and its init function. */
function exportsOf(code, file) {
  const names = [...code.matchAll(/^export (?:async )?(?:function|class|const|let) (\w+)/gm)].map((m) => [m[1], m[1]]);
  for (const [, list] of code.matchAll(/^export \{([^}]*)\};?/gm)) {
    for (const item of list.split(',').map((x) => x.trim()).filter(Boolean)) {
      const [local, exported = local] = item.split(/\s+as\s+/);
      names.push([exported, local]);
    }
  }
  const init = names.find(([e]) => e === 'default')?.[1];
  return { names: names.filter(([e]) => e !== 'default'), init };
}
/** A wasm-bindgen module's init function (its default export). */
function initOf(code, file) {
  const { init } = exportsOf(code, file);
  if (!init) throw new Error(`${file}: no default export (wasm-bindgen's init)`);
  return init;
}
/** The code as one inline module script (whose exports are simply unused). */
const scriptText = (code) => code.replaceAll('</script', '<\\/script');

/** The wasm-bindgen snippets (inline_js) a JS file imports (the main JS, or a chunk's: the
 *  chunk loader) become objects defined before its code, in the same module script. */
function inlineSnippets(file) {
  const snippets = [];
  const code = readFileSync(join(dir, file), 'utf8').replace(/^import \{([^}]*)\} from '\.\/(snippets\/[^']+\.js)';$/gm, (_, list, path) => {
    const code = readFileSync(join(dir, path), 'utf8');
    const { names } = exportsOf(code, path);
    const id = `__snippet${snippets.length}`;
    const body = code.replace(/^export (?=(async )?(function|class|const|let) )/gm, '').replace(/^export \{[^}]*\};?$/gm, '');
    snippets.push(`const ${id} = (() => {\n${body}\nreturn { ${names.map(([e, l]) => `${e}: ${l}`).join(', ')} };\n})();`);
    const bindings = list.split(',').map((x) => x.trim()).filter(Boolean).map((x) => x.replace(/\s+as\s+/, ': '));
    return `const { ${bindings.join(', ')} } = ${id};`;
  });
  if (/^import\b/m.test(code)) throw new Error(`${file} imports a module this script does not inline`);
  return `${snippets.join('\n')}\n${code}`;
}
const main = inlineSnippets(js);
const init = initOf(main, js);

// Other JS chunks trunk built (e.g. the PDF reader, nianbao-pdf.js + nianbao-pdf_bg.wasm), loaded on
// demand: each an inline module whose loader is registered by name and inits from embedded bytes.
const chunkFiles = files(dir).map((f) => relative(dir, f))
  .filter((f) => f.endsWith('.js') && f !== js && !f.startsWith('snippets/') && !plainFiles.includes(f));
const chunkScripts = chunkFiles.map((f) => {
  const code = inlineSnippets(f);
  const { names } = exportsOf(code, f);
  const chunkInit = initOf(code, f);
  const exported = names.filter(([e]) => e !== 'initSync').map(([e, l]) => `${e}: ${l}`).join(', ');
  return `${scriptText(code)}
(globalThis.nianbaoChunks ??= {})[${JSON.stringify(f)}] = async () => {
  await ${chunkInit}({ module_or_path: await globalThis.nianbaoFile(${JSON.stringify(f.replace(/\.js$/, '_bg.wasm'))}) });
  return { ${exported} };
};`;
});
const embedded = files(dir)
  .map((f) => relative(dir, f))
  .filter((f) => f.endsWith('.wasm'));
const blocks = embedded.map((f) =>
  `<script type="application/gzip;base64" data-file="${f}">${gzipSync(readFileSync(join(dir, f)), { level: 9 }).toString('base64')}</script>`);
const module = `${scriptText(main)}
// nianbao.html: the files of the build are embedded in <head>, gzip-compressed in base64.
/** The bytes of an embedded file of the build, by its name in dist/ (e.g. an on-demand chunk). */
globalThis.nianbaoFile = async (name) => {
  const block = document.querySelector(\`script[data-file="\${CSS.escape(name)}"]\`);
  if (!block) throw new Error(\`\${name}: not in this nianbao.html\`);
  const bin = atob(block.textContent);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
};
await ${init}({ module_or_path: await globalThis.nianbaoFile(${JSON.stringify(wasm)}) });
`;
const styles = css.map((c) => `<style>${c}</style>`).join('\n');
const scripts = [...chunkScripts, module];
const single = withMeta(head, policy("'none'", [...plain, ...scripts], [...css, PRINT_CSS]))
  // The embedded files in <head>: the app renders into <body> and replaces what is there.
  .replace('</head>', `${styles}\n${plain.map((p) => `<script>${p}</script>`).join('\n')}\n${blocks.join('\n')}\n</head>`)
  .replace('</body>', `${scripts.map((m) => `<script type="module">${m}</script>`).join('\n')}\n</body>`);
writeFileSync(join(dir, BUNDLE), single);
const kb = (n) => `${Math.round(n / 1024)} KB`;
console.log(`bundle: ${BUNDLE} ${kb(Buffer.byteLength(single))} raw, ${kb(gzipSync(single, { level: 9 }).length)} gzip; CSP: ${csp}`);
