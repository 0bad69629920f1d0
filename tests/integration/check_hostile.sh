#!/usr/bin/env bash
# The hostile-input table: every row is a command-line run of hoso on bad input, with its exact
# expected outcome — exit status, a message naming the file and the field or path, nothing
# written (or, for a batch, only complete files, and a manifest that lists only those), no
# temporary file left, nothing written outside the output folder. Big inputs are generated
# here, never stored. Prints the table (row, outcome); fails if any row does not match.
#
#   check_hostile.sh <hoso> <source dir> <work dir> <fault-injection shim (LD_PRELOAD)>
set -uo pipefail
hoso=$1 src=$2 work=$3 shim=$4
rm -rf "$work" && mkdir -p "$work"
work=$(cd "$work" && pwd)
example="$src/examples/tt24-huyen.xml"
fail=0 table=()
# The shim is preloaded before the sanitizer runtime of a sanitized build: allowed explicitly.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

# row <id> <input> <ok|FAIL> <outcome>
row() {
  table+=("$(printf '| %s | %s | %s |' "$1" "$2" "$4")")
  if [ "$3" != ok ]; then
    echo "FAIL: row $1 ($2): $4" >&2
    fail=1
  fi
}

# Temporary files anywhere in the work folder (a write that failed half-way).
leftovers() { find "$work" \( -name '.*.tmp-*' -o -name '*.part' \) -print | head -3; }

# refused <id> <input> <status> <out dir> <texts…> -- <hoso args…>: hoso exits with <status>,
# stderr holds every text, <out dir> is absent or empty, no temporary file anywhere.
refused() {
  local id=$1 what=$2 status=$3 out=$4
  shift 4
  local texts=()
  while [ "$1" != -- ]; do texts+=("$1"); shift; done
  shift
  local log="$work/log-$id"
  "$hoso" "$@" > "$log.out" 2> "$log.err"
  local got=$? problems=""
  [ "$got" -eq "$status" ] || problems+="exit $got (expected $status); "
  for t in "${texts[@]}"; do grep -qF -- "$t" "$log.err" || problems+="stderr lacks '$t'; "; done
  grep -q "AddressSanitizer\|runtime error:" "$log.err" && problems+="sanitizer report; "
  if [ -d "$out" ] && [ -n "$(ls -A "$out")" ]; then problems+="files written: $(ls -A "$out" | head -3 | tr '\n' ' '); "; fi
  [ -z "$(leftovers)" ] || problems+="temporary file left: $(leftovers); "
  local first
  first=$(grep -m1 -E "lỗi|error" "$log.err" | sed "s#$work/##g; s#$src/##g" | cut -c1-150)
  if [ -z "$problems" ]; then
    row "$id" "$what" ok "exit $got, nothing written: \`$first\`"
  else
    row "$id" "$what" FAIL "$problems stderr: $(head -c 300 "$log.err")"
  fi
}

# with <file> <python expression on t>: writes the example transformed by the expression.
with() {
  /usr/bin/python3 - "$example" "$1" "$2" <<'PY'
import sys
t = open(sys.argv[1], encoding="utf-8").read()
out = eval(sys.argv[3])
open(sys.argv[2], "wb").write(out if isinstance(out, bytes) else out.encode("utf-8"))
PY
}
# line <file> <fixed string>: the line number of its first occurrence.
line() { grep -anF -- "$2" "$1" | head -1 | cut -d: -f1; }

# --- 1. Truncated XML at every 100th byte of an example ------------------------------------
size=$(stat -c %s "$example")
cuts=0 bad=""
for ((n = 100; n < size; n += 100)); do
  head -c "$n" "$example" > "$work/cut.xml"
  "$hoso" dossier "$work/cut.xml" -o "$work/cut-out" > /dev/null 2> "$work/cut.err"
  s=$?
  cuts=$((cuts + 1))
  if [ "$s" -ne 1 ] || ! grep -qE "cut\.xml:[0-9]+(:[0-9]+)?: lỗi" "$work/cut.err" || [ -e "$work/cut-out" ] || [ -n "$(leftovers)" ] \
     || grep -q "AddressSanitizer\|runtime error:" "$work/cut.err"; then
    bad+="$n(exit $s) "
  fi
done
if [ -z "$bad" ]; then
  row 1 "tt24-huyen.xml cut at every 100th byte" ok "$cuts cuts: each exit 1, \`cut.xml:<line>[:<col>]: lỗi: …\`, nothing written"
else
  row 1 "tt24-huyen.xml cut at every 100th byte" FAIL "cuts not refused cleanly: $bad"
fi

# --- 2. A 100 MB file -----------------------------------------------------------------------
{ head -c 200 "$example"; head -c 100000000 /dev/zero | tr '\0' ' '; tail -c +201 "$example"; } > "$work/big.xml"
refused 2 "100 MB unit file" 1 "$work/big-out" "big.xml: lỗi: tệp quá lớn (100011203 byte; tối đa 8388608 byte), không đọc" \
  -- dossier "$work/big.xml" -o "$work/big-out"
rm -f "$work/big.xml"

# --- 3. 10^6 indicators, and as many as fit under the size limit ----------------------------
/usr/bin/python3 - "$example" "$work/million.xml" 1000000 "$work/many.xml" 200000 <<'PY'
import sys
t = open(sys.argv[1], encoding="utf-8").read()
head, tail = t.split("<indicators>", 1)
for path, n in ((sys.argv[2], int(sys.argv[3])), (sys.argv[4], int(sys.argv[5]))):
    with open(path, "w", encoding="utf-8") as f:
        f.write(head + "<indicators>" + '<indicator id="T9.C9"/>' * n + tail)
PY
refused 3a "10^6 indicators (23 MB)" 1 "$work/million-out" "million.xml: lỗi: tệp quá lớn" \
  -- dossier "$work/million.xml" -o "$work/million-out"
start=$(date +%s)
refused 3b "200 000 indicators of an unknown id (4.6 MB)" 1 "$work/many-out" "many.xml:" "T9.C9" \
  -- dossier "$work/many.xml" -o "$work/many-out"
echo "row 3b: $(( $(date +%s) - start )) s"
rm -f "$work/million.xml" "$work/many.xml"

# --- 4. 10 000-deep nesting -----------------------------------------------------------------
with "$work/deep.xml" 't.replace("<indicators>", "<indicators>" + "<x>" * 10000 + "</x>" * 10000, 1)'
refused 4 "10 000 nested elements" 1 "$work/deep-out" "deep.xml:$(line "$work/deep.xml" "<x><x>"):" "64" \
  -- dossier "$work/deep.xml" -o "$work/deep-out"

# --- 5. Bad bytes in text -------------------------------------------------------------------
place='<place>Phong Thổ</place>'
ln=$(line "$example" "$place")
for case in "5a|invalid UTF-8 (C3 28)|\\xC3\\x28|0xC3" "5b|overlong '/' (C0 AF)|\\xC0\\xAF|0xC0" \
            "5c|UTF-16 surrogate (ED A0 80)|\\xED\\xA0\\x80|0xED" "5d|4-byte above U+10FFFF (F4 90 80 80)|\\xF4\\x90\\x80\\x80|0xF4"; do
  IFS='|' read -r id what bytes hex <<< "$case"
  with "$work/$id.xml" "t.encode().replace('$place'.encode(), b'<place>Phong $bytes</place>')"
  refused "$id" "$what in <place>" 1 "$work/$id-out" "$id.xml:$ln:" "UTF-8" "$hex" -- dossier "$work/$id.xml" -o "$work/$id-out"
done
with "$work/5e.xml" "t.encode().replace('$place'.encode(), b'<place>Phong \\x00Th</place>')"
refused 5e "NUL byte in <place>" 1 "$work/5e-out" "5e.xml:$ln:" -- dossier "$work/5e.xml" -o "$work/5e-out"
with "$work/5f.xml" "t.replace('$place', '<place>Phong \\x1b[31mThổ</place>')"
refused 5f "C0 control ESC in <place>" 1 "$work/5f-out" "5f.xml:$ln:" -- dossier "$work/5f.xml" -o "$work/5f-out"
with "$work/5g.xml" "t.replace('$place', '<place>Phong &#x1;Thổ</place>')"
refused 5g "C0 control as a character reference &#x1;" 1 "$work/5g-out" "5g.xml:$ln:" -- dossier "$work/5g.xml" -o "$work/5g-out"

# --- 6. A byte-order mark: accepted -----------------------------------------------------------
with "$work/bom.xml" "b'\\xef\\xbb\\xbf' + t.encode()"
if "$hoso" validate "$work/bom.xml" > "$work/bom.out" 2> "$work/bom.err"; then
  row 6 "UTF-8 byte-order mark" ok "exit 0, \`$(sed "s#$work/##" "$work/bom.out")\`"
else
  row 6 "UTF-8 byte-order mark" FAIL "exit $?: $(head -2 "$work/bom.err")"
fi

# --- 7. A UTF-16 file ---------------------------------------------------------------------------
iconv -f UTF-8 -t UTF-16 "$example" > "$work/utf16.xml"
refused 7 "UTF-16 file (with BOM)" 1 "$work/utf16-out" "utf16.xml:1:1:" "UTF-8" -- dossier "$work/utf16.xml" -o "$work/utf16-out"

# --- 8. Numbers -------------------------------------------------------------------------------
num='<numerator>45</numerator>'
ln=$(line "$example" "$num")
for case in "8a|1e400" "8b|-0" "8c|99999999999999999999" "8d|1.234,5" "8e|0x2D"; do
  IFS='|' read -r id value <<< "$case"
  with "$work/$id.xml" "t.replace('$num', '<numerator>$value</numerator>', 1)"
  refused "$id" "<numerator>$value</numerator>" 1 "$work/$id-out" "$id.xml:$ln:" "'$value'" \
    -- dossier "$work/$id.xml" -o "$work/$id-out"
done

# Full-width digits: not in the font, refused before they are read as a number.
with "$work/8f.xml" "t.replace('$num', '<numerator>４５</numerator>', 1)"
refused 8f "<numerator>４５</numerator> (full-width digits)" 1 "$work/8f-out" "8f.xml:$ln:" "U+FF14" -- dossier "$work/8f.xml" -o "$work/8f-out"

# --- 9. Dates ---------------------------------------------------------------------------------
for case in "9a|2024-02-30" "9b|0000-01-01" "9c|2024-13-01" "9d|99999-01-01"; do
  IFS='|' read -r id value <<< "$case"
  with "$work/$id.xml" "t.replace('date=\"2025-01-08\"', 'date=\"$value\"', 1)"
  refused "$id" "Tờ trình date=\"$value\"" 1 "$work/$id-out" "$id.xml:$(line "$work/$id.xml" "$value"):" "'$value'" \
    -- dossier "$work/$id.xml" -o "$work/$id-out"
done

# --- 10. Paths in every field that becomes a file name or is read as a path ------------------
# inside <id> <input> <out dir> -- <hoso args…>: exit 0 and every file written inside <out dir>.
inside() {
  local id=$1 what=$2 out=$3
  shift 4
  "$hoso" "$@" > "$work/log-$id.out" 2> "$work/log-$id.err"
  local got=$? problems=""
  [ "$got" -eq 0 ] || problems+="exit $got; "
  local n=0
  while read -r f; do
    n=$((n + 1))
    case "$(realpath -m "$f")" in "$out/"*) ;; *) problems+="wrote outside: $f; " ;; esac
  done < "$work/log-$id.out"
  [ "$n" -gt 0 ] || problems+="nothing written; "
  [ -z "$(find "$work" -newer "$work/log-$id.err" -type f ! -path "$out/*" ! -name 'log-*' | head -1)" ] \
    || problems+="a file outside $out: $(find "$work" -newer "$work/log-$id.err" -type f ! -path "$out/*" ! -name 'log-*' | head -1); "
  if [ -z "$problems" ]; then
    row "$id" "$what" ok "exit 0, $n files, all inside the output folder: $(sed "s#$out/##" "$work/log-$id.out" | head -1)"
  else
    row "$id" "$what" FAIL "$problems"
  fi
}
name='<name>Trường Tiểu học Đông Hải</name>'
for case in "10a|../../../x" "10b|/etc/passwd" "10c|.." "10d|~/.bashrc" "10e|C:\\\\Windows\\\\x"; do
  IFS='|' read -r id value <<< "$case"
  with "$work/$id.xml" "t.replace('$name', '<name>$value</name>', 1)"
  inside "$id" "unit name '$value'" "$work/$id-out" -- dossier "$work/$id.xml" -o "$work/$id-out" --format pdf
done
refused 10f "--only ../../x" 1 "$work/10f-out" "templates: lỗi: thiếu mẫu '../../x'" -- dossier "$example" -o "$work/10f-out" --only ../../x
refused 10g "--only /etc/passwd" 1 "$work/10g-out" "templates: lỗi: thiếu mẫu '/etc/passwd'" -- dossier "$example" -o "$work/10g-out" --only /etc/passwd
mkdir -p "$work/tpl"
cp "$src"/templates/*.xml "$work/tpl/"
sed -i 's#<template id="mau01-to-trinh"#<template id="../../evil"#' "$work/tpl/mau01-to-trinh.xml"
refused 10h "template id=\"../../evil\" (--templates)" 1 "$work/10h-out" "mau01-to-trinh.xml:10:" "'../../evil'" \
  -- dossier "$example" -o "$work/10h-out" --templates "$work/tpl"
council="$src/examples/council/tt24-huyen-2024.xml"
for case in "10i|unit file=|<unit file=\"../tt24-huyen.xml\"/>|<unit file=\"/etc/passwd\"/>|/etc/passwd" \
            "10j|unit file=|<unit file=\"../tt24-huyen.xml\"/>|<unit file=\"../../../../../../../../etc/passwd\"/>|etc/passwd" \
            "10k|import csv=|<import csv=\"don-vi-2024.csv\"/>|<import csv=\"/etc/passwd\"/>|/etc/passwd" \
            "10l|unit file=|<unit file=\"../tt24-huyen.xml\"/>|<unit file=\"/proc/self/environ\"/>|/proc/self/environ"; do
  IFS='|' read -r id what from to path <<< "$case"
  mkdir -p "$work/council-$id/don-vi"
  cp "$src/examples/council/don-vi-2024.csv" "$work/council-$id/"
  cp "$src/examples/council/don-vi/"*.xml "$work/council-$id/don-vi/"
  sed "s#$from#$to#" "$council" > "$work/council-$id/c.xml"
  # Read as the council's input, like any unit file: refused with the path it names.
  refused "$id" "council $what\"$path\"" 1 "$work/$id-out" "$path:1" "lỗi" \
    -- decision "$work/council-$id/c.xml" -o "$work/$id-out"
done
# Batch: the output folder of each input file is a slug of its name.
mkdir -p "$work/odd"
cp "$example" "$work/odd/...xml"
cp "$example" "$work/odd/..%2F..%2Fx.xml"
"$hoso" batch "$work/odd" -o "$work/10m-out" --format pdf > "$work/log-10m.out" 2> "$work/log-10m.err"
s=$?
dirs=$(cd "$work/10m-out" 2> /dev/null && find . -mindepth 1 -maxdepth 1 -type d | sort | tr '\n' ' ')
outside=$(find "$work" -newer "$work/log-10m.err" -type f ! -path "$work/10m-out/*" ! -name 'log-*' | head -1)
if [ "$s" -eq 0 ] && [ "$dirs" = "./2f-2fx ./untitled " ] && [ -z "$outside" ]; then
  row 10m "batch of files named '...xml', '..%2F..%2Fx.xml'" ok "exit 0, unit folders $dirs inside the output folder"
else
  row 10m "batch of files named '...xml', '..%2F..%2Fx.xml'" FAIL "exit $s, folders '$dirs', outside: $outside"
fi

# --- 11. Symlinks in the output folder ---------------------------------------------------------
mkdir -p "$work/11a-out" "$work/elsewhere"
echo victim > "$work/elsewhere/victim"
ln -s "$work/elsewhere/victim" "$work/11a-out/truong-tieu-hoc-dong-hai_mau01-to-trinh.pdf"
"$hoso" dossier "$example" -o "$work/11a-out" --format pdf > "$work/log-11a.out" 2> "$work/log-11a.err"
s=$?
if [ "$s" -eq 0 ] && [ "$(cat "$work/elsewhere/victim")" = victim ] && [ ! -L "$work/11a-out/truong-tieu-hoc-dong-hai_mau01-to-trinh.pdf" ]; then
  row 11a "output file name is a symlink to a file outside" ok "exit 0, the link is replaced by the new file; its target untouched"
else
  row 11a "output file name is a symlink to a file outside" FAIL "exit $s; victim: $(head -c 20 "$work/elsewhere/victim")"
fi
mkdir -p "$work/11b-out" "$work/elsewhere/cv"
ln -s "$work/elsewhere/cv" "$work/11b-out/cong-van"
refused 11b "decision: out/cong-van is a symlink to a folder outside" 2 "$work/elsewhere/cv" \
  "11b-out/cong-van:" "liên kết tượng trưng" -- decision "$council" -o "$work/11b-out"
mkdir -p "$work/11c-out" "$work/elsewhere/unit"
ln -s "$work/elsewhere/unit" "$work/11c-out/tt24-huyen"
"$hoso" batch "$example" "$src/examples/tt24-tinh.xml" -o "$work/11c-out" --format pdf > "$work/log-11c.out" 2> "$work/log-11c.err"
s=$?
if [ "$s" -eq 1 ] && [ -z "$(ls -A "$work/elsewhere/unit")" ] && grep -qF "11c-out/tt24-huyen:" "$work/log-11c.err" \
   && ! grep -q "tt24-huyen/" "$work/11c-out/manifest.csv" && grep -q "tt24-tinh/" "$work/11c-out/manifest.csv"; then
  row 11c "batch: a unit's folder is a symlink to a folder outside" ok "exit 1, that unit reported (\`$(grep -m1 "11c-out" "$work/log-11c.err" | sed "s#$work/##g" | cut -c1-120)\`), nothing written through the link, the other unit done and listed"
else
  row 11c "batch: a unit's folder is a symlink to a folder outside" FAIL "exit $s; outside: $(ls "$work/elsewhere/unit" | head -2); $(head -3 "$work/log-11c.err")"
fi

# --- 12. The output folder is an input file ----------------------------------------------------
cp "$example" "$work/same.xml"
sum=$(sha256sum < "$work/same.xml")
refused 12 "-o is the input file itself" 2 "$work/none" "same.xml" -- dossier "$work/same.xml" -o "$work/same.xml"
[ "$(sha256sum < "$work/same.xml")" = "$sum" ] || row 12 "-o is the input file itself" FAIL "the input file changed"

# --- 13. A read-only output folder (fault injection: root ignores permissions) ------------------
for e in EROFS EACCES; do
  mkdir -p "$work/ro-$e"
  HOSO_FAULT_PREFIX="$work/ro-$e" HOSO_FAULT_ERRNO=$e LD_PRELOAD="$shim" \
    refused "13-$e" "read-only output folder ($e)" 2 "$work/ro-$e" "ro-$e/docs" -- dossier "$example" -o "$work/ro-$e/docs"
done
mkdir -p "$work/ro-file/docs"
HOSO_FAULT_PREFIX="$work/ro-file/docs" HOSO_FAULT_ERRNO=EROFS LD_PRELOAD="$shim" \
  refused 13c "output folder exists, files cannot be created (EROFS)" 2 "$work/ro-file/docs" "ro-file/docs/truong-tieu-hoc-dong-hai_mau01-to-trinh" \
  -- dossier "$example" -o "$work/ro-file/docs"
mkdir -p "$work/ro-batch/docs"
HOSO_FAULT_PREFIX="$work/ro-batch/docs" HOSO_FAULT_ERRNO=EACCES LD_PRELOAD="$shim" \
  refused 13d "batch into a read-only folder (EACCES)" 2 "$work/ro-batch/docs" "ro-batch/docs" \
  -- batch "$example" "$src/examples/tt24-tinh.xml" -o "$work/ro-batch/docs"

# --- 14. Disk full in the middle of a batch -------------------------------------------------------
inputs=("$src"/examples/tt24-huyen.xml "$src"/examples/tt24-tinh.xml "$src"/examples/tt25-huyen.xml
        "$src"/examples/tt25-tinh.xml "$src"/examples/tt25-xa.xml)
# manifest_true <dir>: every file manifest.csv lists is on disk with its SHA-256; prints the count.
manifest_true() {
  /usr/bin/python3 - "$1" <<'PY'
import csv, hashlib, os, sys
d = sys.argv[1]
rows = list(csv.DictReader(open(os.path.join(d, "manifest.csv"), encoding="utf-8")))
for r in rows:
    p = os.path.join(d, r["path"])
    if not os.path.isfile(p) or hashlib.sha256(open(p, "rb").read()).hexdigest() != r["sha256"]:
        sys.exit(f"listed but not on disk as listed: {r['path']}")
print(len(rows))
PY
}
# a) The whole folder fills up after 150 000 bytes: the units done before are kept whole, the
#    others reported; the manifest cannot be written either, so there is none (never a partial one).
mkdir -p "$work/full"
HOSO_FAULT_PREFIX="$work/full" HOSO_FAULT_ENOSPC_AFTER=150000 LD_PRELOAD="$shim" \
  "$hoso" batch "${inputs[@]}" -o "$work/full/docs" --jobs 2 --format pdf > "$work/log-14a.out" 2> "$work/log-14a.err"
s=$? problems=""
[ "$s" -eq 2 ] || problems+="exit $s (expected 2); "
grep -qF "No space left on device" "$work/log-14a.err" || problems+="ENOSPC not reported; "
[ ! -e "$work/full/docs/manifest.csv" ] && [ ! -e "$work/full/docs/manifest.json" ] || problems+="a manifest was left; "
[ -z "$(leftovers)" ] || problems+="temporary file left: $(leftovers); "
kept=$(find "$work/full/docs" -name '*.pdf' | wc -l)
for f in $(find "$work/full/docs" -name '*.pdf'); do qpdf --check "$f" > /dev/null 2>&1 || problems+="incomplete $f; "; done
if [ -z "$problems" ]; then
  row 14a "disk full after 150 kB of a 5-unit batch" ok "exit 2, ENOSPC named per failed file, $kept complete PDFs kept (qpdf --check), no manifest, no temp file"
else
  row 14a "disk full after 150 kB of a 5-unit batch" FAIL "$problems $(head -3 "$work/log-14a.err")"
fi
# b) One unit's folder fills up half-way through its files: that unit is reported, the others and
#    the manifest are written, and the manifest lists only files that are whole on disk.
mkdir -p "$work/half/docs/tt25-huyen"
HOSO_FAULT_PREFIX="$work/half/docs/tt25-huyen" HOSO_FAULT_ENOSPC_AFTER=60000 LD_PRELOAD="$shim" \
  "$hoso" batch "${inputs[@]}" -o "$work/half/docs" --jobs 2 --format pdf > "$work/log-14b.out" 2> "$work/log-14b.err"
s=$? problems=""
[ "$s" -eq 1 ] || problems+="exit $s (expected 1); "
grep -qF "tt25-huyen/" "$work/log-14b.err" && grep -qF "No space left on device" "$work/log-14b.err" || problems+="ENOSPC of tt25-huyen not reported; "
listed=$(manifest_true "$work/half/docs" 2>&1) || problems+="$listed; "
grep -q "^[^,]*,[^,]*,pdf,tt25-huyen/" "$work/half/docs/manifest.csv" && problems+="the failed unit is listed; "
grep -qF "tt25-huyen.xml" "$work/half/docs/manifest.json" || problems+="manifest.json does not list the failed unit; "
[ -z "$(leftovers)" ] || problems+="temporary file left: $(leftovers); "
if [ -z "$problems" ]; then
  row 14b "one unit's folder full half-way (ENOSPC after 60 kB)" ok "exit 1, the unit reported with ENOSPC, $listed files listed, each on disk with its SHA-256; $(ls "$work/half/docs/tt25-huyen" | wc -l) complete files of that unit kept, unlisted"
else
  row 14b "one unit's folder full half-way (ENOSPC after 60 kB)" FAIL "$problems $(head -3 "$work/log-14b.err")"
fi

echo
echo "| row | input | outcome |"
echo "|---|---|---|"
printf '%s\n' "${table[@]}"
echo
if [ "$fail" -ne 0 ]; then exit 1; fi
echo "ok: ${#table[@]} hostile-input rows as expected"
