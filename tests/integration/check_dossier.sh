#!/usr/bin/env bash
# Runs `hoso <command> <input>` (dossier: a unit file; decision: a council file) and checks
# every document written with real clients:
#   PDF  — pdfinfo (A4 page size, metadata), pdffonts (every font embedded + subset + ToUnicode),
#          qpdf --check, pdftotext (no warnings, NFC text, key lines present);
#   DOCX — python3-docx reads the paragraphs and table cells; LibreOffice converts it to PDF
#          with the same page count as hoso's PDF and the same text after whitespace folding.
set -euo pipefail
hoso=$1 command=$2 example=$3 out=$4 expected=$5
rm -rf "$out" && mkdir -p "$out"
fail=0
problem() { echo "FAIL: $*" >&2; fail=1; }

"$hoso" "$command" "$example" -o "$out/docs" > "$out/written.txt"
mapfile -t files < <(grep -E "\.(pdf|docx)$" "$out/written.txt")
[ "${#files[@]}" -eq "$expected" ] || problem "expected $expected files (PDF and DOCX of each document), got ${#files[@]}"

python_check_nfc='import sys,unicodedata; t=open(sys.argv[1],encoding="utf-8").read(); sys.exit(0 if unicodedata.is_normalized("NFC",t) else 1)'

for f in "${files[@]}"; do
  case "$f" in
    *.pdf)
      info=$(pdfinfo "$f" 2>"$out/pdfinfo.err") || problem "$f: pdfinfo failed"
      [ -s "$out/pdfinfo.err" ] && problem "$f: pdfinfo warnings: $(cat "$out/pdfinfo.err")"
      grep -Eq "^Page size: +(595.2[0-9]* x 841.89|841.89 x 595.2[0-9]*) pts \(A4\)" <<<"$info" || problem "$f: not A4: $(grep 'Page size' <<<"$info")"
      grep -q '^Producer: *hoso$' <<<"$info" || problem "$f: Producer is not hoso"
      grep -q '^Title: ' <<<"$info" || problem "$f: no Title"
      fonts=$(pdffonts "$f" | tail -n +3)
      [ -n "$fonts" ] || problem "$f: no fonts"
      while read -r line; do
        # name type encoding emb sub uni object ID: the three flags must all be "yes"
        read -r -a cols <<<"$line"
        n=${#cols[@]}
        [ "${cols[n-5]} ${cols[n-4]} ${cols[n-3]}" = "yes yes yes" ] || problem "$f: font not embedded+subset+unicode: $line"
      done <<<"$fonts"
      qpdf --check "$f" > "$out/qpdf.txt" 2>&1 || problem "$f: qpdf --check failed: $(tail -3 "$out/qpdf.txt")"
      pdftotext -enc UTF-8 "$f" "$out/text.txt" 2>"$out/pdftotext.err" || problem "$f: pdftotext failed"
      [ -s "$out/pdftotext.err" ] && problem "$f: pdftotext warnings: $(head -3 "$out/pdftotext.err")"
      /usr/bin/python3 -c "$python_check_nfc" "$out/text.txt" || problem "$f: extracted text is not NFC"
      for must in "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "Độc lập - Tự do - Hạnh phúc"; do
        grep -qF "$must" "$out/text.txt" || problem "$f: extracted text lacks '$must'"
      done
      ;;
    *.docx)
      /usr/bin/python3 - "$f" <<'PY' || problem "$f: python-docx check failed"
import sys, docx
d = docx.Document(sys.argv[1])
texts = [p.text for p in d.paragraphs]
for t in d.tables:
    for row in t.rows:
        for cell in row.cells:
            texts.extend(p.text for p in cell.paragraphs)
blob = "\n".join(texts)
for must in ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]:
    if must not in blob:
        sys.exit(f"missing {must!r}")
s = d.sections[0]
if abs(s.page_width.mm - 210) > 0.5 and abs(s.page_width.mm - 297) > 0.5:
    sys.exit(f"page width {s.page_width.mm} mm")
if round(s.left_margin.mm) != 30 or round(s.right_margin.mm) != 15:
    sys.exit(f"margins {s.left_margin.mm} {s.right_margin.mm}")
PY
      lo="$out/lo"
      mkdir -p "$lo"
      if ! timeout 300 soffice -env:UserInstallation=file://"$out/lo-profile" --headless --convert-to pdf \
           --outdir "$lo" "$f" > "$out/soffice.log" 2>&1; then
        problem "$f: LibreOffice conversion failed: $(tail -3 "$out/soffice.log")"
        continue
      fi
      converted="$lo/$(basename "${f%.docx}").pdf"
      ours="${f%.docx}.pdf"
      [ -f "$converted" ] || { problem "$f: LibreOffice wrote no PDF"; continue; }
      p_lo=$(pdfinfo "$converted" | awk '/^Pages:/{print $2}')
      p_us=$(pdfinfo "$ours" | awk '/^Pages:/{print $2}')
      [ "$p_lo" = "$p_us" ] || problem "$f: LibreOffice gives $p_lo pages, hoso's PDF $p_us"
      # Same text: every word of hoso's PDF, exactly (NFC), and no other — compared as a
      # multiset, since pdftotext orders table cells differently in the two files. Page
      # numbers are left out (a page count check is above). Pages whose words differ (a line
      # that LibreOffice, which positions glyphs on its own grid, breaks a word earlier) are
      # listed as a note, not a failure.
      words() { pdftotext -enc UTF-8 "$1" - | /usr/bin/python3 -c '
import re, sys
pages = sys.stdin.read().split("\f")[:-1]
mode = sys.argv[1]
out = []
for i, page in enumerate(pages, 1):
    lines = [l for l in page.split("\n") if l.strip()]
    if lines and re.fullmatch(r"\s*\d+\s*", lines[0]):
        lines = lines[1:]
    w = sorted(" ".join(lines).split())
    if mode == "pages":
        print(f"page {i}: " + " ".join(w))
    else:
        out.extend(w)
if mode != "pages":
    print("\n".join(sorted(out)))' "$2"; }
      words "$converted" all > "$out/lo.txt"
      words "$ours" all > "$out/us.txt"
      cmp -s "$out/lo.txt" "$out/us.txt" || problem "$f: text differs from hoso's PDF: $(diff "$out/us.txt" "$out/lo.txt" | head -6 | tr '\n' ' ')"
      words "$converted" pages > "$out/lo-pages.txt"
      words "$ours" pages > "$out/us-pages.txt"
      cmp -s "$out/lo-pages.txt" "$out/us-pages.txt" || echo "note: $(basename "$f"): pages $(diff "$out/us-pages.txt" "$out/lo-pages.txt" | grep -o '^< page [0-9]*' | cut -d' ' -f3 | tr '\n' ' ')differ by a line between hoso and LibreOffice"
      ;;
  esac
done

# The results workbook (hoso decision): read back by openpyxl, one row per unit, frozen header,
# filters, NFC Vietnamese text.
if [ -f "$out/docs/ket-qua.xlsx" ]; then
  /usr/bin/python3 - "$out/docs/ket-qua.xlsx" "$out/written.txt" <<'PY' || problem "ket-qua.xlsx: openpyxl check failed"
import sys, unicodedata, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.active
header = [c.value for c in ws[1]]
for must in ["STT", "Tên đơn vị", "Kết quả", "Bảo lưu đến", "Lý do không đạt", "Văn bản"]:
    if must not in header:
        sys.exit(f"header lacks {must!r}: {header}")
if ws.freeze_panes != "C2" or not ws.auto_filter.ref:
    sys.exit(f"freeze {ws.freeze_panes} filter {ws.auto_filter.ref}")
rows = list(ws.iter_rows(min_row=2, values_only=True))
results = [r[header.index("Kết quả")] for r in rows]
if not rows or set(results) - {"Đạt", "Không đạt"}:
    sys.exit(f"results {results}")
# Kept "03 năm tiếp theo năm được công nhận" (TT24 khoản 4 Điều 5) from the decision's year: every
# recognised unit, given by file or listed, and none other.
kept = {r[header.index("Kết quả")]: set() for r in rows}
for r in rows:
    kept[r[header.index("Kết quả")]].add(r[header.index("Bảo lưu đến")] or "")
if kept.get("Không đạt", {""}) != {""} or len(kept.get("Đạt", set())) != 1 or "" in kept.get("Đạt", {""}):
    sys.exit(f"Bảo lưu đến by result: {kept}")
letters = sum(1 for line in open(sys.argv[2]) if "/cong-van/" in line and line.strip().endswith(".pdf"))
if results.count("Không đạt") != letters:
    sys.exit(f"{results.count('Không đạt')} units not recognised, {letters} letters")
for r in rows:
    for v in r:
        if isinstance(v, str) and not unicodedata.is_normalized("NFC", v):
            sys.exit(f"not NFC: {v!r}")
print(f"ket-qua.xlsx: {len(rows)} units")
PY
  files+=("$out/docs/ket-qua.xlsx")
fi

# Same input, same bytes.
"$hoso" "$command" "$example" -o "$out/again" > /dev/null
for f in "${files[@]}"; do
  cmp -s "$f" "$out/again/${f#"$out/docs/"}" || problem "${f#"$out/docs/"}: output differs between two runs"
done

if [ "$fail" -ne 0 ]; then exit 1; fi
echo "ok: ${#files[@]} files checked"
