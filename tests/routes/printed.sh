#!/usr/bin/env bash
# The class of printed web pages (issue 19): each exported report's page as sites publish it —
# table B's 法人 columns blank where 0, （六）其他处理 printed only by its total (printed.py) —
# printed to PDF by LibreOffice (html → writer_web_pdf_Export) and by Chromium (page.pdf), and
# each PDF's `pdftotext -layout` text: tests/routes/REPORT/printed-*. tests/routes.rs imports
# every one against tests/fixtures/REPORT.json.
# Needs: libreoffice-writer-nogui, chromium + playwright-core, poppler-utils (scripts/setup --test).
set -euo pipefail
source "$(dirname "$0")/../../scripts/env.sh"
cd "$NIANBAO_ROOT"
out=tests/routes
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cargo build --quiet --bin nianbao
for r in quangang-2023 huaian-2024 hongze-2023 hongze-2024; do
  d="$tmp/$r"
  mkdir -p "$d"
  target/debug/nianbao export "tests/fixtures/$r.json" --html "$d/report.html" 2>/dev/null
  python3 tests/routes/printed.py "$d/report.html" "$d/printed.html"
  cp "$d/printed.html" "$out/$r/printed.html"
  soffice --headless -env:UserInstallation="file://$tmp/profile" --convert-to pdf:writer_web_pdf_Export \
    --outdir "$d/lo" "$d/printed.html" >/dev/null 2>&1
  cp "$d/lo/printed.pdf" "$out/$r/printed-libreoffice.pdf"
  node -e '
    const { chromium } = require("playwright-core");
    (async () => {
      const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium" });
      const page = await browser.newPage();
      await page.goto("file://" + process.argv[1]);
      await page.pdf({ path: process.argv[2], format: "A4" });
      await browser.close();
    })();' "$d/printed.html" "$out/$r/printed-chromium.pdf"
  for p in libreoffice chromium; do
    pdftotext -enc UTF-8 -layout "$out/$r/printed-$p.pdf" "$out/$r/printed-$p-layout.txt"
  done
done
ls -l "$out"/*/printed-*
