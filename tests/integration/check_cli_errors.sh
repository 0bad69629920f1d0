#!/usr/bin/env bash
# Bad input at the command line: every case must give a clear message (file:line where the
# data has lines), a non-zero exit status, and leave no output file behind.
set -uo pipefail
hoso=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
example="$src/examples/tt24-huyen.xml"
fail=0
problem() { echo "FAIL: $*" >&2; fail=1; }

# expect <name> <exit status> <text expected on stderr> -- <hoso args...>
expect() {
  local name=$1 status=$2 text=$3
  shift 4
  local out="$work/$name"
  mkdir -p "$out"
  "$hoso" "$@" > "$out/stdout" 2> "$out/stderr"
  local got=$?
  [ "$got" -eq "$status" ] || problem "$name: exit $got, expected $status; stderr: $(head -3 "$out/stderr")"
  grep -qF -- "$text" "$out/stderr" || problem "$name: stderr lacks '$text': $(head -5 "$out/stderr")"
  if [ -d "$out/docs" ] && [ -n "$(ls -A "$out/docs")" ]; then problem "$name: files were written: $(ls "$out/docs")"; fi
}

# A character the font lacks: refused with file:line, nothing written.
sed 's#<name>Trường Tiểu học Đông Hải</name>#<name>Trường Tiểu học 中 Đông Hải</name>#' "$example" > "$work/glyph.xml"
line=$(grep -n '中' "$work/glyph.xml" | cut -d: -f1)
expect glyph 1 "glyph.xml:$line:" -- dossier "$work/glyph.xml" -o "$work/glyph/docs"
grep -qF "U+4E2D" "$work/glyph/stderr" || problem "glyph: message does not name U+4E2D"

# Invalid UTF-8.
printf '\xff\xfe' | cat - "$example" | sed '1d' > /dev/null
sed 's#<place>Phong Thổ</place>#<place>Phong \xC3\x28</place>#' "$example" > "$work/utf8.xml"
line=$(grep -an 'Phong \xC3' "$work/utf8.xml" | cut -d: -f1)
expect utf8 1 "utf8.xml:" -- dossier "$work/utf8.xml" -o "$work/utf8/docs"

# A missing required field names the field.
sed 's#<name>Trường Tiểu học Đông Hải</name>##' "$example" > "$work/noname.xml"
expect noname 1 "noname.xml:" -- dossier "$work/noname.xml" -o "$work/noname/docs"

# Truncated XML.
head -c 2000 "$example" > "$work/truncated.xml"
expect truncated 1 "truncated.xml:" -- dossier "$work/truncated.xml" -o "$work/truncated/docs"

# A directory and a missing file: I/O errors naming the path.
expect directory 2 "$work" -- dossier "$work" -o "$work/directory/docs"
expect missing 2 "no-such-file.xml" -- dossier "$work/no-such-file.xml" -o "$work/missing/docs"

# NFD input is normalised with a warning, and the dossier is written.
/usr/bin/python3 -c '
import sys, unicodedata
t = open(sys.argv[1], encoding="utf-8").read()
open(sys.argv[2], "w", encoding="utf-8").write(unicodedata.normalize("NFD", t))' "$example" "$work/nfd.xml"
mkdir -p "$work/nfd"
if "$hoso" dossier "$work/nfd.xml" -o "$work/nfd/out" --format pdf > "$work/nfd/stdout" 2> "$work/nfd/stderr"; then
  grep -qF "NFD" "$work/nfd/stderr" || grep -qF "NFC" "$work/nfd/stderr" || problem "nfd: no normalisation warning"
  pdftotext "$(ls "$work"/nfd/out/*mau01*.pdf)" - | /usr/bin/python3 -c 'import sys,unicodedata; t=sys.stdin.read(); sys.exit(0 if unicodedata.is_normalized("NFC", t) and "Đông Hải" in t else 1)' \
    || problem "nfd: PDF text is not NFC"
else
  problem "nfd: hoso failed on NFD input: $(head -3 "$work/nfd/stderr")"
fi

# A template error names the template file and line; nothing is written.
mkdir -p "$work/tpl"
cp "$src"/templates/*.xml "$work/tpl/"
sed -i 's#{{ unit.name }} kính đề nghị#{{ unit.nmae }} kính đề nghị#' "$work/tpl/mau01-to-trinh.xml"
line=$(grep -n 'unit.nmae' "$work/tpl/mau01-to-trinh.xml" | cut -d: -f1)
expect template 1 "mau01-to-trinh.xml:$line:" -- dossier "$example" -o "$work/template/docs" --templates "$work/tpl"
sed -i 's#{{ unit.nmae }}#{{ unit.name | shout }}#' "$work/tpl/mau01-to-trinh.xml"
expect filter 1 "unknown filter 'shout'" -- dossier "$example" -o "$work/filter/docs" --templates "$work/tpl"

# A unit name that looks like a path: the file name stays inside the output directory.
sed 's#<name>Trường Tiểu học Đông Hải</name>#<name>../../x</name>#' "$example" > "$work/path.xml"
mkdir -p "$work/path"
"$hoso" dossier "$work/path.xml" -o "$work/path/docs" --format pdf > "$work/path/stdout" 2> "$work/path/stderr" \
  || problem "path: hoso failed: $(head -3 "$work/path/stderr")"
while read -r f; do
  case "$(realpath -m "$f")" in "$work/path/docs/"*) ;; *) problem "path: wrote outside the output dir: $f" ;; esac
done < "$work/path/stdout"
[ -z "$(ls "$work" | grep -v -E '^(glyph|utf8|noname|truncated|directory|missing|nfd|tpl|template|filter|path|readonly|[a-z0-9]+\.xml)$')" ] \
  || problem "path: something was written next to the output dir: $(ls "$work")"

# An unwritable output directory: exit 2 naming the path, no partial files.
if [ "$(id -u)" -ne 0 ]; then
  mkdir -p "$work/readonly/docs" && chmod 555 "$work/readonly/docs"
  expect readonly 2 "$work/readonly/docs" -- dossier "$example" -o "$work/readonly/docs"
  chmod 755 "$work/readonly/docs"
fi

# Usage errors: exit status 2 and hoso's own message, naming what is wrong.
expect unknown-command 2 "lệnh không hợp lệ 'frobnicate' (unknown command)" -- frobnicate
expect unknown-command-help 2 "(unknown command)" -- frobnicate --help
expect no-output 2 "dossier cần -o <thư mục> (needs -o <dir>)" -- dossier "$example"
expect two-inputs 2 "(needs one data file)" -- dossier "$example" "$example" -o "$work/two-inputs/docs"
expect unknown-option 2 "tùy chọn không hợp lệ '--frob' (unknown option)" -- dossier "$example" -o "$work/unknown-option/docs" --frob
expect option-of-another-command 2 "tùy chọn không hợp lệ '--jobs' (unknown option)" -- dossier "$example" -o "$work/option-of-another-command/docs" --jobs 2
expect missing-value 2 "-o cần một đường dẫn (needs a path)" -- dossier "$example" -o
expect missing-format 2 "--format cần pdf, docx hoặc pdf,docx" -- dossier "$example" -o "$work/missing-format/docs" --format
expect bad-format 2 "định dạng không hợp lệ 'rtf' (unknown format)" -- dossier "$example" -o "$work/bad-format/docs" --format pdf,rtf
expect bad-jobs 2 "--jobs cần một số dương (needs a positive number)" -- batch "$example" -o "$work/bad-jobs/docs" --jobs 0
expect extra-argument 2 "đối số thừa 'x' (unexpected argument)" -- forms x
expect init-without-form 2 "init cần --form <mã> (needs --form <id>)" -- init

# --version, and help for hoso and for each command: exit status 0, on standard output.
version=$("$hoso" --version) || problem "--version: exit status $?"
echo "$version" | grep -qE '^hoso [0-9]+\.[0-9]+\.[0-9]+ \(commit ([0-9a-f]{12}|unknown)\)$' \
  || problem "--version: unexpected '$version'"
for c in dossier batch decision validate evaluate init forms; do
  "$hoso" "$c" --help > "$work/help-$c.txt" 2>&1 || problem "$c --help: exit status $?"
  grep -qF "Usage: hoso $c" "$work/help-$c.txt" || problem "$c --help: no usage line"
  grep -qF "3 internal error" "$work/help-$c.txt" || problem "$c --help: exit status 3 not documented"
  "$hoso" help "$c" | cmp -s - "$work/help-$c.txt" || problem "help $c differs from $c --help"
done
grep -qF -- "--only <id>" "$work/help-dossier.txt" || problem "dossier --help does not list --only"
grep -qF -- "--jobs" "$work/help-batch.txt" || problem "batch --help does not list --jobs"
"$hoso" --help | grep -qF "3 internal error" || problem "--help: exit status 3 not documented"

# What the assessment decides is a result, not bad input: a Đạt figure without suitable evidence
# (TT24 khoản 3 Điều 9) and an upgrade asked before 12 months (khoản 3 Điều 11) validate with a
# warning naming the consequence, evaluate to the full table, and only the Tờ trình is refused.
# expect_out <name> <text expected on stdout> (after expect)
expect_out() { grep -qF -- "$2" "$work/$1/stdout" || problem "$1: stdout lacks '$2': $(head -5 "$work/$1/stdout")"; }
h302='<evidence code="H3-02" date="2024-04-20">Kế hoạch sinh hoạt chuyên môn cụm trường và biên bản chuyên đề chia sẻ kinh nghiệm dạy học</evidence>'
/usr/bin/python3 -c 'import sys; t = open(sys.argv[1], encoding="utf-8").read(); assert sys.argv[2] in t
open(sys.argv[3], "w", encoding="utf-8").write(t.replace(sys.argv[2], ""))
open(sys.argv[4], "w", encoding="utf-8").write(t.replace(sys.argv[2], "<evidence code=\"H3-02\"/>"))' \
  "$example" "$h302" "$work/noevidence.xml" "$work/blankevidence.xml"
expect noev-validate 0 "nên được đánh giá là không đạt (TT24 khoản 3 Điều 9): Tiêu chí 3 không đạt" -- validate "$work/noevidence.xml"
grep -qF "lỗi:" "$work/noev-validate/stderr" && problem "noev-validate: an error where a warning belongs"
expect noev-evaluate 0 "cảnh báo:" -- evaluate "$work/noevidence.xml"
expect_out noev-evaluate "MỨC ĐỘ 1 (Điều 6): KHÔNG ĐẠT — 2/3 tiêu chí đạt"
expect_out noev-evaluate "Thiếu minh chứng phù hợp"
expect_out noev-evaluate "- Chưa đạt mức độ 1: Tiêu chí 3 không đạt (chỉ tiêu T3.C2) (TT24 khoản 1 Điều 8)"
expect noev-dossier 1 "không lập Tờ trình đề nghị mức độ 1: Chưa đạt mức độ 1" -- dossier "$work/noevidence.xml" -o "$work/noev-dossier/docs"
expect blank-evaluate 0 "(minh chứng H3-02 không có mô tả, số, ngày văn bản)" -- evaluate --json "$work/blankevidence.xml"
expect_out blank-evaluate '"evidence_issue": "blank"'
expect_out blank-evaluate '"reason": "Thiếu minh chứng phù hợp (TT24 khoản 3 Điều 9): minh chứng H3-02 không có mô tả, số, ngày văn bản"'

sed 's#date="2023-02-08" level="1" year="2022"#date="2024-02-08" level="1" year="2023"#' "$src/examples/tt24-tinh.xml" > "$work/earlyupgrade.xml"
expect early-validate 0 "Tờ trình đề nghị nâng mức độ lập sớm nhất từ ngày 08/02/2025" -- validate "$work/earlyupgrade.xml"
expect early-evaluate 0 "chưa đủ 12 tháng" -- evaluate --json "$work/earlyupgrade.xml"
expect_out early-evaluate '"request_in_order": false'
expect_out early-evaluate '"earliest_request_date": "2025-02-08"'
expect_out early-evaluate '"reached_level": 2'
expect early-dossier 1 "Tờ trình đề nghị nâng mức độ lập sớm nhất từ ngày 08/02/2025 (no Tờ trình for the requested level 2: the upgrade is requested 11 months" \
  -- dossier "$work/earlyupgrade.xml" -o "$work/early-dossier/docs"

# A wrong value is reported once: no second "chưa nhập …" / "thiếu ngày …" on its line.
once() {
  local name=$1 file=$2 from=$3 to=$4 text=$5
  sed "0,\\#$from#s##$to#" "$file" > "$work/$name.xml"  # the first occurrence only
  local line
  line=$(grep -nF -- "$to" "$work/$name.xml" | head -1 | cut -d: -f1)
  expect "$name" 1 "$name.xml:$line:" -- validate "$work/$name.xml"
  local n
  n=$(grep -c "$name.xml:$line:" "$work/$name/stderr")
  [ "$n" -eq 1 ] || problem "$name: $n diagnostics on line $line: $(grep "$name.xml:$line:" "$work/$name/stderr")"
  grep -qF -- "$text" "$work/$name/stderr" || problem "$name: stderr lacks '$text'"
  [ "$(grep -c 'lỗi:' "$work/$name/stderr")" -eq 1 ] || problem "$name: more than one error: $(cat "$work/$name/stderr")"
}
once once-yesno "$example" '<met>có</met>' '<met>có lẽ</met>' "giá trị 'có lẽ' không hợp lệ"
once once-date "$example" 'date="2025-01-08"' 'date="2025-02-30"' "ngày không hợp lệ: '2025-02-30'"
once once-negative "$example" '<numerator>45</numerator>' '<numerator>-45</numerator>' "số liệu không được âm: '-45'"
once once-figure "$src/examples/tt24-tinh.xml" '<figure name="learners">1120</figure>' '<figure name="learners">nhiều</figure>' "'nhiều' không phải là số"
once once-count "$src/examples/tt25-tinh.xml" '<count>5</count>' '<count>năm</count>' "'năm' không phải là số"
once once-members "$example" '<members>48</members>' '<members>bốn tám</members>' "số Thành viên phải là số nguyên"
# The only checkable part of an evidence item refused: its error, and no "không có … ngày" for it.
once once-evidence-date "$example" "$h302" '<evidence code="H3-02" date="2024-02-30"/>' "ngày không hợp lệ: '2024-02-30'"
grep -qF "không có minh chứng phù hợp" "$work/once-evidence-date/stderr" && problem "once-evidence-date: the refused date is called missing"

# The document's number (số, ký hiệu) makes an item checkable, as a date does: valid, the description asked for.
sed "s#$h302#<evidence code=\"H3-02\" number=\"15/KH-THĐH\"/>#" "$example" > "$work/evnumber.xml"
expect evnumber 0 "minh chứng H3-02 chưa có mô tả (tên, số, ngày văn bản)" -- evaluate "$work/evnumber.xml"
expect_out evnumber "MỨC ĐỘ 1 (Điều 6): ĐẠT — 3/3 tiêu chí đạt"

# A council year that cannot be read: one error, not one more per unit file ("Hội đồng xét năm 0").
mkdir -p "$work/council"
cp -r "$src/examples/council/." "$work/council/" && cp "$example" "$work/tt24-huyen.xml"
sed 's#year="2024" version#year="2024a" version#' "$src/examples/council/tt24-huyen-2024.xml" > "$work/council/bad-year.xml"
expect council-year 1 "năm không hợp lệ: '2024a'" -- decision "$work/council/bad-year.xml" -o "$work/council-year/docs"
[ "$(grep -c 'lỗi:' "$work/council-year/stderr")" -eq 1 ] || problem "council-year: more than one error: $(cat "$work/council-year/stderr")"

if [ "$fail" -ne 0 ]; then exit 1; fi
echo "ok: bad input checks passed"
