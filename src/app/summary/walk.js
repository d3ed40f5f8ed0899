// Walking dropped folders (src/app/summary/read.rs). A file of its own, not inline_js: the
// crate's bins number their inline snippets apart and would overwrite each other's in dist/.
export function folders(dataTransfer) {
  return Array.from(dataTransfer.items ?? [], (item) => item.kind === 'file' && item.webkitGetAsEntry?.())
    .filter((entry) => entry?.isDirectory);
}
export async function walk(entries) {
  const found = [];
  const visit = async (entry) => {
    const path = entry.fullPath.replace(/^\/+/, '') || entry.name;
    if (entry.isFile) {
      found.push([path, await new Promise((ok) => entry.file(ok, () => ok(null)))]);
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      for (;;) {
        const batch = await new Promise((ok, no) => reader.readEntries(ok, no)).catch(() => null);
        if (!batch) found.push([path + '/', null]);
        if (!batch?.length) break;
        for (const e of batch) await visit(e);
      }
    }
  };
  for (const e of entries) await visit(e);
  return found;
}
