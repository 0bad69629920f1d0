#!/usr/bin/env bash
# `hoso batch` over every example unit file (five forms) and a unit that asks a level it does
# not reach: ket-qua.xlsx is read back by openpyxl — one sheet per form, one row per unit
# evaluated (the refused unit too, with its reasons and no documents), every document it names
# on disk, the manifest listing it with its SHA-256 — and two runs give the same bytes.
set -euo pipefail
hoso=$1 source=$2 out=$3
rm -rf "$out" && mkdir -p "$out"
fail=0
problem() { echo "FAIL: $*" >&2; fail=1; }

inputs=("$source"/examples/*.xml "$source/examples/council/don-vi/thcs-muong-so.xml")
status=0
"$hoso" batch "${inputs[@]}" -o "$out/docs" --format pdf --jobs 2 > "$out/stdout.txt" 2> "$out/stderr.txt" || status=$?
[ "$status" -eq 1 ] || problem "exit status $status, expected 1 (one unit refused a Tờ trình)"
grep -q "không lập Tờ trình đề nghị mức độ 2" "$out/stderr.txt" || problem "no refusal message: $(head -3 "$out/stderr.txt")"
[ -f "$out/docs/ket-qua.xlsx" ] || { echo "FAIL: no ket-qua.xlsx" >&2; exit 1; }
ls -a "$out/docs" | grep -q '\.part$\|\.tmp' && problem "a temporary file was left: $(ls -a "$out/docs")"

/usr/bin/python3 - "$out/docs" "${#inputs[@]}" <<'PY' || problem "ket-qua.xlsx: openpyxl check failed"
import csv, hashlib, os, sys, unicodedata, openpyxl
docs, units = sys.argv[1], int(sys.argv[2])
wb = openpyxl.load_workbook(os.path.join(docs, "ket-qua.xlsx"))
names = wb.sheetnames
forms = ["tt24-huyen", "tt24-tinh", "tt25-huyen", "tt25-tinh", "tt25-xa"]
if names != ["Kết quả " + f for f in forms]:
    sys.exit(f"sheets {names}")
rows = 0
refused = None
for ws in wb.worksheets:
    header = [c.value for c in ws[1]]
    for must in ["STT", "Tên đơn vị", "Loại đơn vị", "Mức độ đề nghị", "Kết quả", "Mức độ 1", "Mức độ 2",
                 "Tiêu chí 1", "TC1.CT1", "Lý do không đạt", "Văn bản"]:
        if must not in header:
            sys.exit(f"{ws.title}: header lacks {must!r}")
    if ws.freeze_panes != "C2" or not ws.auto_filter.ref:
        sys.exit(f"{ws.title}: freeze {ws.freeze_panes} filter {ws.auto_filter.ref}")
    for i, r in enumerate(ws.iter_rows(min_row=2, values_only=True), 1):
        rows += 1
        v = dict(zip(header, r))
        if v["STT"] != i:
            sys.exit(f"{ws.title}: STT {v['STT']} on row {i}")
        for x in r:
            if isinstance(x, str) and not unicodedata.is_normalized("NFC", x):
                sys.exit(f"not NFC: {x!r}")
        if v["Kết quả"] == "Không đạt":
            refused = (ws.title, v)
            continue
        if v["Kết quả"] != "Đạt" or v["Lý do không đạt"]:
            sys.exit(f"{ws.title}: {v['Tên đơn vị']}: {v['Kết quả']} {v['Lý do không đạt']!r}")
        paths = (v["Văn bản"] or "").split("\n")
        if len(paths) != 3 or not all(os.path.isfile(os.path.join(docs, p)) for p in paths):
            sys.exit(f"{ws.title}: documents {paths}")
if rows != units:
    sys.exit(f"{rows} rows for {units} units")
if refused is None:
    sys.exit("the unit refused a Tờ trình has no row")
title, v = refused
if title != "Kết quả tt24-huyen" or v["Mức độ đề nghị"] != 2 or v["Mức độ đạt"] != 1 or v["Mức độ 1"] != "Đạt" \
        or v["Mức độ 2"] != "Không đạt" or "Tiêu chí" not in (v["Lý do không đạt"] or "") or v["Văn bản"]:
    sys.exit(f"refused unit: {v}")
with open(os.path.join(docs, "manifest.csv"), encoding="utf-8") as f:
    manifest = list(csv.DictReader(f))
last = manifest[-1]
digest = hashlib.sha256(open(os.path.join(docs, "ket-qua.xlsx"), "rb").read()).hexdigest()
if last["path"] != "ket-qua.xlsx" or last["format"] != "xlsx" or last["sha256"] != digest:
    sys.exit(f"manifest: {last}")
print(f"ket-qua.xlsx: {len(names)} sheets, {rows} units")
PY

"$hoso" batch "${inputs[@]}" -o "$out/again" --format pdf --jobs 1 > /dev/null 2>&1 || true
cmp -s "$out/docs/ket-qua.xlsx" "$out/again/ket-qua.xlsx" || problem "ket-qua.xlsx differs between two runs"
cmp -s "$out/docs/manifest.csv" "$out/again/manifest.csv" || problem "manifest.csv differs between two runs"

if [ "$fail" -ne 0 ]; then exit 1; fi
echo "ok: batch ket-qua.xlsx checked"
