#!/usr/bin/env bash
# Regenerates the corpus of copy routes that tests/routes.rs imports: each report as users get its
# text — a PDF through poppler (reading order, -layout, -raw) and copied from Firefox's and
# Chromium's PDF viewers, a .docx through LibreOffice (.txt export, and printed to PDF), a web
# page through Chromium (printed to PDF, copied from the page, rendered as markdown, saved as one
# .mhtml file) — one file per route in tests/routes/REPORT/.
# A new route is one more line below; the expected figures are tests/fixtures/REPORT.json.
#
# Needs: poppler-utils, libreoffice-writer-nogui, fonts-noto-cjk, chromium + playwright-core,
# firefox-esr + puppeteer-core (scripts/setup --test), and the real PDFs in $PDFS (default
# /work/shared/fixtures/pdf).
set -euo pipefail
source "$(dirname "$0")/../../scripts/env.sh"
cd "$NIANBAO_ROOT"
PDFS=${PDFS:-/work/shared/fixtures/pdf}
out=tests/routes
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cargo build --quiet --bin nianbao
nianbao=target/debug/nianbao

# A PDF's text as poppler gives it: reading order, physical layout, content-stream order (the
# order most readers copy in); and as the browsers' PDF viewers copy it (Ctrl+A, Ctrl+C in
# Firefox's pdf.js and Chromium's PDFium).
pdf_routes() { # REPORT ROUTE FILE.pdf
  pdftotext -enc UTF-8 "$3" "$out/$1/$2.txt"
  pdftotext -enc UTF-8 -layout "$3" "$out/$1/$2-layout.txt"
  pdftotext -enc UTF-8 -raw "$3" "$out/$1/$2-raw.txt"
  node tests/routes/viewer.mjs "$3" "$out/$1/$2"
}

# The published PDFs as they are.
real_pdf() { # REPORT FILE.pdf
  mkdir -p "$out/$1"
  pdf_routes "$1" pdf "$2"
}
real_pdf hongze-2023 "$PDFS/洪泽区-2023.pdf"
real_pdf hongze-2024 "$PDFS/洪泽区-2024.pdf"
real_pdf huaian-2024 "$PDFS/淮安市-2024.pdf"

# Reports as our exporters write them, then through the tools.
exported() { # REPORT
  local r=$1 d="$tmp/$1"
  mkdir -p "$out/$r" "$d"
  "$nianbao" export "tests/fixtures/$r.json" --docx "$d/report.docx" --html "$d/report.html" 2>/dev/null
  cp "$d/report.html" "$out/$r/web.html"
  # Word/WPS: LibreOffice's text export (what a copy from Word gives), and its PDF.
  soffice --headless -env:UserInstallation="file://$tmp/profile" --convert-to "txt:Text (encoded):UTF8" --outdir "$d" \
    "$d/report.docx" >/dev/null 2>&1
  soffice --headless -env:UserInstallation="file://$tmp/profile" --convert-to pdf --outdir "$d" \
    "$d/report.docx" >/dev/null 2>&1
  cp "$d/report.txt" "$out/$r/word.txt"
  pdf_routes "$r" word-pdf "$d/report.pdf"
  # The web page: printed to PDF by Chromium, copied from the page, as markdown.
  node tests/routes/browser.mjs "$d/report.html" "$d/page"
  pdf_routes "$r" page-pdf "$d/page.pdf"
  cp "$d/page-copy.txt" "$out/$r/page-copy.txt"
  cp "$d/page.md" "$out/$r/page.md"
  cp "$d/page-rows.md" "$out/$r/page-rows.md"
  cp "$d/page.mhtml" "$out/$r/page.mhtml"
}
exported huaian-2024
exported quangang-2023

du -sh "$out"
