#!/usr/bin/env python3
"""Writes examples/council/don-vi-2024.xlsx: a council's list as a clerk keeps it in Excel —
a merged title row, a header row in Vietnamese, a row of column numbers, 40 units of mixed types,
dates as Excel dates, and some names typed with the old TCVN3 (.VnTime) font, i.e. stored as the
Windows-1252 characters of their TCVN3 bytes. Run with Debian's python3-openpyxl:

    python3 examples/council/make-don-vi-xlsx.py examples/council/don-vi-2024.xlsx
"""
import datetime
import subprocess
import sys

import openpyxl
from openpyxl.styles import Alignment, Font

def tcvn3(text):
    """The text as Excel holds it when typed in a TCVN3 font: each byte as its cp1252 character."""
    raw = subprocess.run(["iconv", "-f", "UTF-8", "-t", "TCVN5712-1"], input=text.encode(),
                         capture_output=True, check=True).stdout
    return "".join(bytes([b]).decode("cp1252") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b) for b in raw)

places = ["Mường So", "Dào San", "Bản Lang", "Khổng Lào", "Hoang Thèn", "Huổi Luông", "Lản Nhì Thàng",
          "Ma Ly Pho", "Mồ Sì San", "Nậm Xe", "Pa Vây Sử", "Sì Lở Lầu", "Sin Suối Hồ", "Tông Qua Lìn"]
kinds = [("ubnd-xa", "Ủy ban nhân dân xã {}", "Chủ tịch"),
         ("tieu-hoc-cong-lap", "Trường Tiểu học {}", "Hiệu trưởng"),
         ("mam-non-cong-lap", "Trường Mầm non {}", "Hiệu trưởng"),
         ("thcs-cong-lap", "Trường Trung học cơ sở {}", "Hiệu trưởng"),
         ("ptdt-ban-tru", "Trường Phổ thông dân tộc bán trú Trung học cơ sở {}", "Hiệu trưởng")]
reasons = ["Tỷ lệ Thành viên đạt danh hiệu “Công dân học tập” 82,4%, chưa đạt tối thiểu 90%",
           "Chưa có minh chứng kế hoạch học tập năm 2024 (chỉ tiêu 1, tiêu chí 1)"]

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Danh sách"
ws["A1"] = "DANH SÁCH ĐƠN VỊ ĐỀ NGHỊ ĐÁNH GIÁ, CÔNG NHẬN “ĐƠN VỊ HỌC TẬP” CẤP HUYỆN NĂM 2024"
ws["A1"].font = Font(bold=True)
ws["A1"].alignment = Alignment(horizontal="center")
ws.merge_cells("A1:I1")
header = ["STT", "Tên đơn vị", "Loại đơn vị", "Mức độ", "Hình thức", "Kết quả", "Lý do", "Số tờ trình", "Ngày tờ trình"]
ws.append([])
ws.append(header)
ws.append([f"({i})" for i in range(1, len(header) + 1)])
n = 0
for i, place in enumerate(places):
    for k, (code, pattern, head) in enumerate(kinds):
        if n == 40:
            break
        if (i + k) % 2 and n >= 30:
            continue
        n += 1
        name = pattern.format(place)
        level = 2 if (i + k) % 3 == 0 else 1
        fail = n % 9 == 0
        kind = "nâng mức độ" if level == 2 and n % 4 == 0 else "lần đầu"
        typed = tcvn3(name) if n % 4 == 1 and not name.startswith("Ủy") else name
        ws.append([n, typed, code, level, kind, "không đạt" if fail else "đạt",
                   reasons[n % 2] if fail else None, f"{n:02d}/TTr", datetime.date(2025, 1, 2 + n % 20)])
        ws.cell(row=ws.max_row, column=9).number_format = "dd/mm/yyyy"
for col, width in zip("ABCDEFGHI", [5, 52, 18, 8, 14, 10, 40, 12, 13]):
    ws.column_dimensions[col].width = width
wb.properties.creator = "hoso example"
wb.properties.created = wb.properties.modified = datetime.datetime(2025, 1, 20)
wb.save(sys.argv[1])
print(f"{sys.argv[1]}: {n} units")
