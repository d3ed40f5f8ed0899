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
//    inline script and styles, by hash. The page reaches an embedded file by its name in dist/:
//    `await globalThis.nianbaoFile('chunk_bg.wasm')` gives its bytes (undefined outside the bundle,
//    where the file is fetched as usual); a JS chunk is imported from a blob: URL of its bytes,
//    which the bundle's CSP then allows.
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
function policy(self, scripts, styles, extra = []) {
  const list = (...xs) => xs.flat().filter(Boolean).join(' ');
  return [
    `default-src ${self}`,
    `script-src ${list(self === "'none'" ? '' : self, "'wasm-unsafe-eval'", scripts.map(hash), extra)}`,
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
const built = readFileSync(indexPath, 'utf8').replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
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
// wasm-bindgen's JS snippets (`inline_js`, e.g. the PDF reader's loader) are imported by the
// main JS from snippets/: their code goes into the module instead, each in a scope of its own.
const main = readFileSync(join(dir, js), 'utf8').replace(
  /import \{([^}]*)\} from '\.\/(snippets\/[^']+)';/g,
  (_, names, path) => {
    const code = readFileSync(join(dir, path), 'utf8').replace(/^export (?=(async )?function |const |let |class )/gm, '');
    const pairs = names.split(',').map((n) => n.trim()).filter(Boolean).map((n) => n.split(/\s+as\s+/));
    const bound = pairs.map(([name, as]) => (as ? `${name}: ${as}` : name)).join(', ');
    return `const { ${bound} } = (() => {\n${code}\nreturn { ${pairs.map(([name]) => name).join(', ')} };\n})();`;
  },
);
const init = (main.match(/export default (\w+);/) ?? main.match(/export \{[^}]*?\b(\w+) as default\b/))?.[1];
if (!init) throw new Error(`${js}: no default export (wasm-bindgen's init)`);
if (/\bimport\b[^(]*\bfrom\b/.test(main)) throw new Error(`${js} imports other modules (wasm-bindgen snippets): inline them first`);
const embedded = files(dir)
  .map((f) => relative(dir, f))
  .filter((f) => f !== js && f !== 'index.html' && f !== BUNDLE && f !== 'csp.txt' && !f.endsWith('.css') && !f.startsWith('snippets/'));
const blocks = embedded.map((f) =>
  `<script type="application/gzip;base64" data-file="${f}">${gzipSync(readFileSync(join(dir, f)), { level: 9 }).toString('base64')}</script>`);
const module = `${main.replaceAll('</script', '<\\/script')}
// nianbao.html: the files of the build are embedded below this script, gzip-compressed in base64.
/** The bytes of an embedded file of the build, by its name in dist/ (e.g. an on-demand chunk). */
// Taken now: the app, once mounted, owns <body> and may remove the blocks from it.
const embeddedFiles = new Map([...document.querySelectorAll('script[data-file]')].map((s) => [s.dataset.file, s.textContent]));
globalThis.nianbaoFile = async (name) => {
  const block = embeddedFiles.get(name);
  if (block === undefined) throw new Error(\`\${name}: not in this nianbao.html\`);
  const bin = atob(block);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
};
await ${init}({ module_or_path: await globalThis.nianbaoFile(${JSON.stringify(wasm)}) });
`;
const styles = css.map((c) => `<style>${c}</style>`).join('\n');
// An on-demand JS chunk can only be imported from its bytes through a blob: URL the page made.
const chunks = embedded.some((f) => f.endsWith('.js')) ? ['blob:'] : [];
const single = withMeta(head, policy("'none'", [module], [...css, PRINT_CSS], chunks))
  .replace('</head>', `${styles}\n</head>`)
  .replace('</body>', `${blocks.join('\n')}\n<script type="module">${module}</script>\n</body>`);
writeFileSync(join(dir, BUNDLE), single);
const kb = (n) => `${Math.round(n / 1024)} KB`;
console.log(`bundle: ${BUNDLE} ${kb(Buffer.byteLength(single))} raw, ${kb(gzipSync(single, { level: 9 }).length)} gzip; CSP: ${csp}`);
