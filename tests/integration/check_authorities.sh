#!/usr/bin/env bash
# The law in force on the document's date: the same unit dated 03/2025 (three-level local
# government) and 03/2026 (two levels, from 01/07/2025) gets dossiers addressed to, and naming
# the decider of, each period (read back from the PDFs with pdftotext); a Cộng đồng học tập cấp
# huyện dated after the reform is refused at the command line with file:line; `hoso forms
# --date` shows the profile in force.
set -uo pipefail
hoso=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
fail=0
problem() { echo "FAIL: $*" >&2; fail=1; }

# The example unit without its own Kính gửi (so the profile decides it), with its commune.
base="$work/base.xml"
sed -e '/<addressees>/,/<\/addressees>/d' \
    -e 's#<district>huyện Phong Thổ</district>#<district>huyện Phong Thổ</district><commune>xã Sin Suối Hồ</commune>#' \
    "$src/examples/tt24-huyen.xml" > "$base"
grep -q '<commune>' "$base" || problem "could not prepare the unit file"
# 2025-03: assessed year 2024, Tờ trình 10/03/2025. 2026-03: assessed year 2025, Tờ trình 10/03/2026.
sed -e 's#date="2025-01-08"#date="2025-03-10"#' "$base" > "$work/u2025.xml"
sed -e 's#year="2024"#year="2025"#' -e 's#date="2025-01-08"#date="2026-03-10"#' -e 's#date="2025-01-06"#date="2026-03-06"#g' \
    "$base" > "$work/u2026.xml"

tt_text() {  # <data file> <name>: the Tờ trình's text as pdftotext reads it, joined on one line
  "$hoso" dossier "$1" -o "$work/$2" --format pdf > "$work/$2.stdout" 2> "$work/$2.stderr" \
    || { problem "$2: dossier failed: $(head -5 "$work/$2.stderr")"; return; }
  pdftotext -enc UTF-8 "$(ls "$work/$2"/*mau01-to-trinh.pdf)" - | tr '\n' ' ' | tr -s ' '
}

t2025=$(tt_text "$work/u2025.xml" d2025)
for must in "Kính gửi: Phòng Giáo dục và Đào tạo huyện Phong Thổ" "trình Chủ tịch Ủy ban nhân dân cấp huyện công nhận"; do
  grep -qF "$must" <<<"$t2025" || problem "2025-03: the Tờ trình lacks '$must'"
done
grep -qF "Văn hóa - Xã hội" <<<"$t2025" && problem "2025-03: the Tờ trình names the 2025 successor"
grep -qF "CHƯA XÁC MINH" "$work/d2025.stderr" && problem "2025-03: an UNVERIFIED warning for the three-level period"

t2026=$(tt_text "$work/u2026.xml" d2026)
for must in "Kính gửi: Phòng Văn hóa - Xã hội xã Sin Suối Hồ" "trình Chủ tịch Ủy ban nhân dân cấp xã công nhận"; do
  grep -qF "$must" <<<"$t2026" || problem "2026-03: the Tờ trình lacks '$must'"
done
grep -qF "Phòng Giáo dục và Đào tạo huyện" <<<"$t2026" && problem "2026-03: the Tờ trình is addressed to the abolished district office"
grep -qF "u2026.xml:" "$work/d2026.stderr" && grep -qF "CHƯA XÁC MINH" "$work/d2026.stderr" \
  || problem "2026-03: no UNVERIFIED warning with file:line: $(head -3 "$work/d2026.stderr")"
# The Báo cáo says the same.
pdftotext -enc UTF-8 "$(ls "$work/d2026"/*mau02-bao-cao.pdf)" - | tr '\n' ' ' | grep -qF "Chủ tịch Ủy ban nhân dân cấp xã" \
  || problem "2026-03: the Báo cáo does not name the commune's Chủ tịch"

# Confirmed in the data file: no warning.
sed 's#<signer>#<authorities confirmed="yes"/><signer>#' "$work/u2026.xml" > "$work/u2026c.xml"
"$hoso" dossier "$work/u2026c.xml" -o "$work/d2026c" --format pdf > /dev/null 2> "$work/d2026c.stderr" || problem "confirmed: dossier failed"
grep -qF "CHƯA XÁC MINH" "$work/d2026c.stderr" && problem "confirmed: still warns"

# tt25-huyen dated after 01/07/2025: refused, Vietnamese and English, file:line, nothing written.
sed -e 's#year="2024"#year="2025"#' -e 's#date="2025-#date="2026-#g' \
    "$src/examples/tt25-huyen.xml" > "$work/huyen2026.xml"
line=$(grep -n 'kind="to-trinh"' "$work/huyen2026.xml" | cut -d: -f1)
"$hoso" dossier "$work/huyen2026.xml" -o "$work/huyen/docs" > "$work/huyen.stdout" 2> "$work/huyen.stderr"
status=$?
[ "$status" -eq 1 ] || problem "tt25-huyen 2026: exit $status, expected 1"
for must in "huyen2026.xml:$line:" "không còn đơn vị hành chính cấp huyện" "no district-level administrative units"; do
  grep -qF "$must" "$work/huyen.stderr" || problem "tt25-huyen 2026: stderr lacks '$must': $(head -5 "$work/huyen.stderr")"
done
[ -e "$work/huyen/docs" ] && problem "tt25-huyen 2026: files were written"
"$hoso" validate "$work/huyen2026.xml" > /dev/null 2>&1 && problem "tt25-huyen 2026: validate accepts it"

# The same unit with a province's own profile named in the data file: accepted.
mkdir -p "$work/province"
cp "$src"/templates/*.xml "$work/province/"
cat > "$work/province/authorities.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<authority-profile id="lai-chau-2025" from="2025-07-01">
  <name>Tỉnh Lai Châu: hướng dẫn riêng của tỉnh</name>
  <form id="tt25-huyen">
    <addressee of="">Sở Giáo dục và Đào tạo tỉnh Lai Châu</addressee>
  </form>
</authority-profile>
XML
sed 's#<signer>#<authorities profile="lai-chau-2025"/><signer>#' "$work/huyen2026.xml" > "$work/huyen2026p.xml"
"$hoso" dossier "$work/huyen2026p.xml" -o "$work/huyenp" --templates "$work/province" --format pdf \
  > /dev/null 2> "$work/huyenp.stderr" || problem "province profile: refused: $(head -3 "$work/huyenp.stderr")"

# hoso forms --date: the profile in force.
"$hoso" forms --date 2026-03-01 > "$work/forms2026.txt" || problem "forms --date failed"
for must in "hai-cap" "Phòng Văn hóa - Xã hội (CHƯA XÁC MINH)" "KHÔNG LẬP HỒ SƠ"; do
  grep -qF "$must" "$work/forms2026.txt" || problem "forms --date 2026-03-01 lacks '$must'"
done
"$hoso" forms --date 2025-03-01 > "$work/forms2025.txt" || problem "forms --date 2025 failed"
grep -qF "ba-cap" "$work/forms2025.txt" || problem "forms --date 2025-03-01 lacks ba-cap"
grep -qF "CHƯA XÁC MINH" "$work/forms2025.txt" && problem "forms --date 2025-03-01 shows UNVERIFIED settings"
"$hoso" forms --date 2026-03-01 --templates "$work/province" | grep -qF "lai-chau-2025" \
  || problem "forms --templates does not show the province's profile"
"$hoso" forms --date 2026-13-01 > /dev/null 2>&1; [ $? -eq 2 ] || problem "forms --date 2026-13-01 is not a usage error"

exit $fail
