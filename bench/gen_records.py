#!/usr/bin/env python3
"""Writes N benchmark records (standard library only, deterministic for a given seed).

For each record: <out>/xml/unit-NNN.xml, a hoso unit data file for the bench form
(bench/resources/forms/bench.xml), and one entry of <out>/records.json, the same record as the
finished strings every peer prints (header lines, paragraphs, the 25 table rows, signature and
Nơi nhận), so that the peers do no computation of their own. The strings are made exactly as
hoso prints them (ND30 date, "45/48 = 93,75%", "Đạt"/"Không đạt", upper case); bench/check.py
compares the words of every tool's PDF against these records.

Names, figures and paragraph lengths vary from record to record so that the end of the text,
and with it the page break before the signature, falls at a different height on each report.

    gen_records.py --count 100 --out DIR [--seed 2025]
"""

import argparse
import json
import os
import random
from decimal import Decimal, ROUND_HALF_UP
from xml.sax.saxutils import escape

# ---------------------------------------------------------------------------------------------
# The bench form's indicators, in form order: (id, short name, kind, level-1 minimum percent).
# Must match bench/resources/forms/bench.xml.
INDICATORS = [
    ("T1.C1", "Kế hoạch học tập thường xuyên hằng năm", "yes-no", None),
    ("T1.C2", "Chế độ đào tạo, bồi dưỡng; khuyến khích học tập", "yes-no", None),
    ("T1.C3", "Kinh phí ngân sách cho đào tạo, bồi dưỡng", "yes-no", None),
    ("T1.C4", "Chuyển đổi số; thiết bị học tập", "yes-no", None),
    ("T1.C5", "Hoạt động học tập suốt đời cho người dân", "yes-no", None),
    ("T2.C1", "Kỷ luật lao động, nội quy; đoàn kết, hợp tác", "ratio", 90),
    ("T2.C2", "Hoàn thành chương trình học tập, bồi dưỡng", "ratio", 90),
    ("T2.C3", "Đào tạo, bồi dưỡng về chuyển đổi số", "ratio", 90),
    ("T2.C4", "Ngoại ngữ, tiếng dân tộc thiểu số", "ratio", 50),
    ("T2.C5", "Danh hiệu “Lao động tiên tiến” trở lên", "ratio", 90),
    ("T3.C1", "Danh hiệu “Công dân học tập”", "ratio", 90),
    ("T3.C2", "Môi trường học tập, chia sẻ tri thức", "yes-no", None),
    ("T3.C3", "Danh hiệu “Tập thể lao động tiên tiến” trở lên", "yes-no", None),
    ("T3.C4", "Mức độ chuyển đổi số của đơn vị", "yes-no", None),
    ("T3.C5", "Sáng kiến, mô hình học tập hiệu quả", "yes-no", None),
    ("T4.C1", "Tuyên truyền về học tập suốt đời", "yes-no", None),
    ("T4.C2", "Tuần lễ hưởng ứng học tập suốt đời", "yes-no", None),
    ("T4.C3", "Phối hợp với Hội Khuyến học", "yes-no", None),
    ("T4.C4", "Huy động nguồn lực xã hội", "yes-no", None),
    ("T4.C5", "Chia sẻ kinh nghiệm, mô hình điển hình", "yes-no", None),
    ("T5.C1", "Sử dụng thư viện, tủ sách, học liệu số", "ratio", 70),
    ("T5.C2", "Tủ sách dùng chung của đơn vị", "yes-no", None),
    ("T5.C3", "Khóa học trực tuyến", "ratio", 60),
    ("T5.C4", "Câu lạc bộ, nhóm học tập", "yes-no", None),
    ("T5.C5", "Hoạt động văn hóa, thể thao", "ratio", 80),
]
FORM_TITLE = "“Đơn vị học tập” cấp huyện"
CITATION = ("Thông tư số 24/2023/TT-BGDĐT ngày 11/12/2023 của Bộ trưởng Bộ Giáo dục và Đào tạo "
            "quy định về đánh giá, công nhận “Đơn vị học tập” cấp huyện, tỉnh")

# District (as printed after "huyện"), place name for the date line, communes.
DISTRICTS = [
    ("Phong Thổ", ["Đông Hải", "Mường So", "Sin Suối Hồ", "Hoang Thèn"]),
    ("Mộc Châu", ["Chiềng Sơn", "Tân Lập", "Phiêng Luông", "Đông Sang"]),
    ("Thạch Thất", ["Bình Yên", "Hữu Bằng", "Cẩm Yên", "Đại Đồng"]),
    ("Nghĩa Hành", ["Hành Thuận", "Hành Dũng", "Hành Phước", "Hành Thịnh"]),
    ("Krông Pắc", ["Ea Kly", "Ea Phê", "Hòa An", "Vụ Bổn"]),
    ("Châu Thành", ["Tân Phú Thạnh", "Đông Thạnh", "Phú Hữu", "Đông Phước"]),
    ("Hương Khê", ["Phúc Đồng", "Hương Trà", "Gia Phố", "Lộc Yên"]),
    ("Yên Thế", ["Đồng Lạc", "Tam Tiến", "Xuân Lương", "Bố Hạ"]),
    ("Quỳnh Lưu", ["Quỳnh Hậu", "Quỳnh Thắng", "Ngọc Sơn", "Tiến Thủy"]),
    ("Đắk Glong", ["Quảng Khê", "Đắk Ha", "Quảng Sơn", "Đắk R'Măng"]),
]
PROPER = ["Nguyễn Trãi", "Lê Quý Đôn", "Chu Văn An", "Võ Thị Sáu", "Kim Đồng", "Hoàng Hoa Thám",
          "Quang Trung", "Trần Quốc Toản", "Lý Tự Trọng", "Nguyễn Bỉnh Khiêm", "Hùng Vương",
          "Lê Lợi", "Phan Bội Châu", "Nguyễn Du", "Tô Hiệu", "Bế Văn Đàn"]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
            "Dương", "Lý", "Lò", "Vàng", "Hà", "Giàng", "Đinh"]
MIDDLES = ["Thị", "Văn", "Minh", "Thu", "Hữu", "Ngọc", "Thanh", "Đức", "Thị Thu", "Quang", "Xuân"]
GIVEN = ["Hà", "Thắng", "Nguyệt", "Dũng", "Hương", "Lan", "Tuấn", "Phương", "Sơn", "Hải",
         "Quỳnh", "Trang", "Dìa", "Khánh", "Yến", "Thủy", "Cường", "Loan", "Vinh", "Hạnh"]


def initials(words):
    return "".join(w[0].upper() for w in words.split())


def unit_kind(rng, district, commune):
    """(name, type code, abbreviation, authority lines, school?)"""
    k = rng.randrange(6)
    if k == 0:
        n = "Trường Tiểu học " + commune
        return n, "truong-cong-lap", "TH" + initials(commune), ["HIỆU TRƯỞNG"], True
    if k == 1:
        n = "Trường Trung học cơ sở " + rng.choice(PROPER)
        return n, "truong-cong-lap", "THCS" + initials(n.split("sở ", 1)[1]), \
            rng.choice([["HIỆU TRƯỞNG"], ["KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG"]]), True
    if k == 2:
        n = "Trường Mầm non " + rng.choice(["Hoa Sen", "Hoa Mai", "Sơn Ca", "Họa Mi", commune])
        return n, "truong-cong-lap", "MN" + initials(n.split("non ", 1)[1]), ["HIỆU TRƯỞNG"], True
    if k == 3:
        n = "Ủy ban nhân dân xã " + commune
        return n, "ubnd-xa", "UBND", rng.choice([["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
                                               ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]]), False
    if k == 4:
        n = "Trung tâm Văn hóa - Thể thao huyện " + district
        return n, "co-quan-ubnd-huyen", "TTVHTT", ["GIÁM ĐỐC"], False
    n = "Phòng Văn hóa và Thông tin huyện " + district
    return n, "co-quan-ubnd-huyen", "VHTT", rng.choice([["TRƯỞNG PHÒNG"], ["KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG"]]), False


# Narrative pools. {u} unit name, {d} district, {c} commune, {y} year, {n} members, {a}..{e}
# small figures drawn per sentence.
POOL = {
    "dac-diem": [
        "Đơn vị thực hiện tốt công tác cải cách hành chính; {b} thủ tục, quy trình nội bộ đã được chuyển sang xử lý trên môi trường số trong năm {y}.",
        "Công tác bảo đảm an ninh, trật tự và an toàn cơ quan được duy trì tốt; không có Thành viên vi phạm pháp luật hoặc bị xử lý kỷ luật.",
        "Tổng số Thành viên của {u} là {n} người; 100% Thành viên đạt chuẩn trình độ đào tạo theo vị trí việc làm, trong đó {a} người có trình độ đại học trở lên và {b} người có trình độ thạc sĩ.",
        "Đơn vị có {c5} tổ chuyên môn, nghiệp vụ; Chi bộ, Công đoàn và Chi đoàn thanh niên hoạt động đều đặn, phối hợp chặt chẽ trong việc xây dựng môi trường học tập của đơn vị.",
        "Năm {y}, đơn vị tiếp tục hoàn thành tốt các nhiệm vụ được giao, được Ủy ban nhân dân huyện {d} tặng Giấy khen vì có thành tích xuất sắc trong phong trào thi đua.",
        "Cơ sở vật chất của đơn vị cơ bản đáp ứng yêu cầu công việc; hệ thống mạng internet tốc độ cao được kết nối đến tất cả các phòng làm việc và phòng học.",
        "Đơn vị đã ban hành đầy đủ quy chế làm việc, quy chế chi tiêu nội bộ, quy chế thực hiện dân chủ ở cơ sở và thực hiện công khai theo quy định.",
        "Địa bàn {c} có {a} thôn, bản với nhiều dân tộc cùng sinh sống; đời sống của người dân từng bước được cải thiện, nhu cầu học tập ngày càng tăng.",
        "Phần lớn Thành viên của đơn vị có tuổi đời trẻ, nhiệt tình, có ý thức tự học, tự bồi dưỡng để nâng cao trình độ chuyên môn, nghiệp vụ.",
        "Trong năm {y}, đơn vị được bổ sung {c5} máy tính, {b} thiết bị trình chiếu và phần mềm quản lý văn bản, hồ sơ công việc trên môi trường mạng.",
    ],
    "thuan-loi": [
        "Phần lớn Thành viên nhận thức đúng vai trò của việc học tập suốt đời, coi tự học là nhiệm vụ thường xuyên gắn với yêu cầu của vị trí việc làm.",
        "Các đơn vị bạn trên địa bàn huyện {d} sẵn sàng chia sẻ kinh nghiệm, tài liệu và học liệu số, tạo điều kiện để đơn vị học hỏi, trao đổi chuyên môn.",
        "Đơn vị luôn nhận được sự quan tâm lãnh đạo, chỉ đạo của Huyện ủy, Ủy ban nhân dân huyện {d} và sự hướng dẫn kịp thời của các phòng, ban chuyên môn.",
        "Hội Khuyến học huyện {d} và Hội Khuyến học xã {c} phối hợp chặt chẽ với đơn vị trong việc tuyên truyền, vận động Thành viên tham gia học tập suốt đời.",
        "Phong trào thi đua “Lao động giỏi, lao động sáng tạo” được duy trì thường xuyên, tạo động lực để Thành viên tích cực học tập, nâng cao năng lực.",
        "Kinh phí dành cho công tác đào tạo, bồi dưỡng được bố trí kịp thời trong dự toán ngân sách hằng năm, bảo đảm đúng chế độ, chính sách.",
        "Việc ứng dụng công nghệ thông tin trong quản lý, điều hành đã tạo điều kiện để Thành viên tiếp cận các khóa học trực tuyến và học liệu số.",
        "Đội ngũ cán bộ quản lý có kinh nghiệm, đoàn kết, thống nhất cao trong chỉ đạo thực hiện nhiệm vụ chính trị của đơn vị.",
    ],
    "kho-khan": [
        "Số lượng Thành viên nghỉ chế độ, chuyển công tác trong năm {y} tương đối lớn nên việc bố trí người tham gia các lớp bồi dưỡng tập trung gặp khó khăn.",
        "Nguồn học liệu bằng tiếng dân tộc thiểu số còn ít, chưa đáp ứng nhu cầu học tập của Thành viên công tác tại vùng đồng bào dân tộc thiểu số.",
        "Đường truyền internet tại {c} chưa ổn định, nhất là vào giờ cao điểm, ảnh hưởng đến việc học tập trực tuyến của Thành viên.",
        "Một số Thành viên lớn tuổi còn hạn chế về kỹ năng sử dụng thiết bị số và ngoại ngữ, chưa chủ động tham gia các khóa học trực tuyến.",
        "Địa bàn rộng, giao thông đi lại khó khăn vào mùa mưa, ảnh hưởng đến việc tổ chức các buổi sinh hoạt chuyên đề và hoạt động tập trung.",
        "Kinh phí dành cho mua sắm tài liệu, sách báo và thiết bị học tập còn hạn chế so với nhu cầu thực tế của đơn vị.",
        "Áp lực công việc chuyên môn lớn nên thời gian dành cho việc tự học, tự bồi dưỡng của một số Thành viên chưa nhiều.",
        "Tủ sách dùng chung của đơn vị chưa được bổ sung thường xuyên, số đầu sách chuyên ngành còn ít.",
    ],
    "to-chuc-danh-gia": [
        "Các thành viên Tổ đánh giá đã nghiên cứu kỹ văn bản hướng dẫn, thống nhất cách hiểu từng chỉ tiêu và cách tính tỷ lệ trước khi tiến hành đánh giá.",
        "Các số liệu về Thành viên được lấy từ hồ sơ quản lý nhân sự, danh sách trả lương và kết quả đánh giá, xếp loại cuối năm {y} của đơn vị.",
        "Kết quả tự đánh giá đã được thông qua tại cuộc họp Tổ đánh giá với sự thống nhất của {a} trên tổng số thành viên dự họp.",
        "Thực hiện {cit}, Thủ trưởng đơn vị ban hành Quyết định thành lập Tổ đánh giá gồm {c5} thành viên do Thủ trưởng đơn vị làm Tổ trưởng.",
        "Tổ đánh giá đã xây dựng kế hoạch, phân công nhiệm vụ cụ thể cho từng thành viên, thu thập minh chứng và tổng hợp số liệu từ ngày 01/01/{y} đến ngày 31/12/{y}.",
        "Trên cơ sở các minh chứng thu thập được, Tổ đánh giá đối chiếu với từng chỉ tiêu của bộ tiêu chí, thảo luận và thống nhất kết quả tự đánh giá.",
        "Dự thảo báo cáo tự đánh giá được công khai tại đơn vị trong thời gian {a} ngày để Thành viên góp ý trước khi hoàn thiện.",
    ],
    "ton-tai": [
        "Một số minh chứng về hoạt động học tập của Thành viên chưa được cập nhật kịp thời lên hệ thống quản lý hồ sơ điện tử của đơn vị.",
        "Tỷ lệ Thành viên hoàn thành khóa học trực tuyến tuy đạt yêu cầu nhưng chưa đồng đều giữa các tổ, bộ phận.",
        "Kinh phí huy động từ nguồn xã hội hóa cho hoạt động học tập còn ít, chủ yếu dựa vào ngân sách nhà nước.",
        "Tỷ lệ Thành viên có chứng chỉ ngoại ngữ, tiếng dân tộc thiểu số còn thấp so với yêu cầu của mức độ 2.",
        "Việc khai thác, sử dụng học liệu số và thư viện điện tử của một số Thành viên chưa thường xuyên, hiệu quả chưa cao.",
        "Công tác lưu trữ minh chứng ở một số bộ phận chưa khoa học, việc tổng hợp số liệu còn mất nhiều thời gian.",
        "Hoạt động chia sẻ tri thức với các đơn vị khác mới dừng ở quy mô nhỏ, chưa hình thành được mô hình điển hình để nhân rộng.",
    ],
    "kien-nghi": [
        "Đề nghị các cấp có thẩm quyền sớm ban hành hướng dẫn về việc ghi nhận kết quả học tập trực tuyến của Thành viên làm căn cứ đánh giá.",
        "Đề nghị Ủy ban nhân dân huyện {d} tổ chức sơ kết, biểu dương các đơn vị có mô hình học tập hiệu quả để nhân rộng trên địa bàn.",
        "Đề nghị Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên huyện {d} mở thêm các lớp ngoại ngữ, tin học ngắn hạn vào cuối tuần.",
        "Đề nghị Ủy ban nhân dân huyện {d} tiếp tục quan tâm bố trí kinh phí để đơn vị mua sắm thiết bị học tập và bổ sung tủ sách dùng chung.",
        "Đề nghị Phòng Giáo dục và Đào tạo huyện {d} tổ chức các lớp bồi dưỡng kỹ năng số và ngoại ngữ cho Thành viên của các đơn vị trên địa bàn.",
        "Đề nghị Hội Khuyến học huyện {d} tăng cường hướng dẫn, chia sẻ kinh nghiệm xây dựng “Đơn vị học tập” giữa các đơn vị trong huyện.",
    ],
}
NARRATIVE_MIN, NARRATIVE_MAX = 600, 3300   # characters of narrative per record
TITLES = {"dac-diem": "Đặc điểm chung", "thuan-loi": "Thuận lợi", "kho-khan": "Khó khăn",
          "to-chuc-danh-gia": "Tổ chức tự đánh giá", "ton-tai": "Tồn tại, hạn chế",
          "kien-nghi": "Kiến nghị, đề xuất"}


def two(n):
    return "%02d" % n


def nd30_date(y, m, d):
    return "ngày %s tháng %s năm %d" % (two(d), two(m) if m <= 2 else str(m), y)


def fmt_percent(num, den):
    """hoso's fmt_percent_vs for integer figures: 2 decimals, half up, trailing zeros dropped."""
    p = Decimal(repr(num / den * 100.0)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    s = format(p, "f").rstrip("0").rstrip(".")
    return s.replace(".", ",") + "%"


def narrative(rng, ctx, target):
    """Report sections whose paragraphs add up to about `target` characters. "Đặc điểm chung" and
    "Tổ chức tự đánh giá" always have a sentence (their shortest); then sentences (never the same
    one twice) go to a random section, continuing its last paragraph or opening a new one, until
    the target is reached. Sections left empty are left out of the record."""
    keys = ["dac-diem", "thuan-loi", "kho-khan", "to-chuc-danh-gia", "ton-tai", "kien-nghi"]
    pools = {}
    for k in keys:
        pools[k] = sorted(POOL[k], key=len, reverse=True)  # shortest last
    paras = {k: [] for k in keys}

    def take(k, i=-1):
        f = dict(ctx)
        f.update(a=rng.randint(3, 29), b=rng.randint(2, 12), c5=two(rng.randint(3, 9)))
        return pools[k].pop(i).format(**f)

    total = 0
    for k in ("dac-diem", "to-chuc-danh-gia"):
        paras[k].append(take(k))
        total += len(paras[k][-1])
    while total < target:
        open_keys = [k for k in keys if pools[k]]
        if not open_keys:
            break
        k = rng.choice(open_keys)
        s = take(k, rng.randrange(len(pools[k])))
        if paras[k] and len(paras[k][-1]) < 260 and rng.random() < 0.5:
            paras[k][-1] += " " + s
        else:
            paras[k].append(s)
        total += len(s) + 1
    return [{"key": k, "title": TITLES[k], "paragraphs": paras[k]} for k in keys if paras[k]]


def make_record(i, rng):
    district, communes = rng.choice(DISTRICTS)
    commune = rng.choice(communes)
    name, type_code, abbr, authority, _school = unit_kind(rng, district, commune)
    place = district
    members = rng.randint(18, 99)
    year = 2024
    number = rng.randint(1, 99)
    day = rng.randint(2, 14)
    signer = "%s %s %s" % (rng.choice(SURNAMES), rng.choice(MIDDLES), rng.choice(GIVEN))
    addressee = rng.choice(["Phòng Giáo dục và Đào tạo huyện ", "Ủy ban nhân dân huyện "]) + district
    distribution = ["Như trên"]
    distribution += rng.sample(["Hội Khuyến học huyện " + district + " (để biết)",
                                "Phòng Nội vụ huyện " + district,
                                "Ban Thường vụ Huyện ủy " + district + " (để báo cáo)"], rng.randint(0, 3))
    distribution.append("Lưu: VT, Tổ đánh giá")

    # Figures: most units pass; now and then one ratio falls short.
    inds = []
    for ind_id, short, kind, minimum in INDICATORS:
        if kind == "yes-no":
            met = rng.random() > 0.03
            inds.append({"id": ind_id, "short": short, "kind": kind, "met": met,
                         "req": "Có", "value": "Có" if met else "Không", "pass": met})
        else:
            lo = max(minimum - 6, 40) / 100.0
            num = min(members, int(round(members * rng.uniform(lo + 0.06 if rng.random() < 0.9 else lo, 1.0))))
            ok = num * 100 >= minimum * members
            inds.append({"id": ind_id, "short": short, "kind": kind, "num": num,
                         "req": "Tối thiểu %d%%" % minimum,
                         "value": "%d/%d = %s" % (num, members, fmt_percent(num, members)), "pass": ok})

    ctx = {"u": name, "d": district, "c": commune, "y": year, "n": members, "cit": CITATION}
    # The narrative's length is drawn uniformly from a range about one page wide, so that the
    # end of the text falls anywhere on the last page (README: "Records").
    report = narrative(rng, ctx, rng.randint(NARRATIVE_MIN, NARRATIVE_MAX))

    return {
        "stem": "unit-%03d" % (i + 1), "name": name, "type": type_code, "abbr": abbr,
        "parent": "UBND HUYỆN " + district.upper(), "place": place, "district": "huyện " + district,
        "members": members, "year": year, "number": number, "date": (2025, 1, day),
        "addressee": addressee, "signer": signer, "authority": authority,
        "distribution": distribution, "indicators": inds, "report": report,
    }


def to_xml(r):
    e = escape
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<!-- bench record %s, generated by bench/gen_records.py -->' % r["stem"],
           '<hoso-data form="bench" version="1">',
           '  <unit type="%s">' % r["type"],
           '    <name>%s</name>' % e(r["name"]),
           '    <parent-agency>%s</parent-agency>' % e(r["parent"]),
           '    <abbreviation>%s</abbreviation>' % e(r["abbr"]),
           '    <place>%s</place>' % e(r["place"]),
           '    <district>%s</district>' % e(r["district"]),
           '    <members>%d</members>' % r["members"],
           '  </unit>',
           '  <assessment year="%d" level="1" kind="first"/>' % r["year"],
           '  <documents>',
           '    <document kind="to-trinh" number="%02d" date="%04d-%02d-%02d"/>' % ((r["number"] % 99 + 1,) + r["date"]),
           '    <document kind="bao-cao" number="%02d" date="%04d-%02d-%02d"/>' % ((r["number"],) + r["date"]),
           '  </documents>',
           '  <addressees><addressee>%s</addressee></addressees>' % e(r["addressee"]),
           '  <signer>']
    out += ['    <authority>%s</authority>' % e(a) for a in r["authority"]]
    out += ['    <name>%s</name>' % e(r["signer"]), '  </signer>', '  <distribution>']
    out += ['    <recipient>%s</recipient>' % e(d) for d in r["distribution"]]
    out += ['  </distribution>', '  <indicators>']
    for ind in r["indicators"]:
        if ind["kind"] == "yes-no":
            out.append('    <indicator id="%s"><met>%s</met></indicator>' % (ind["id"], "có" if ind["met"] else "không"))
        else:
            out.append('    <indicator id="%s"><numerator>%d</numerator></indicator>' % (ind["id"], ind["num"]))
    out += ['  </indicators>', '  <report>']
    for s in r["report"]:
        out.append('    <section key="%s" title="%s">' % (s["key"], e(s["title"])))
        out += ['      <p>%s</p>' % e(p) for p in s["paragraphs"]]
        out.append('    </section>')
    out += ['  </report>', '</hoso-data>', '']
    return "\n".join(out)


def to_peer_json(r):
    """The finished strings of the report, in reading order (see bench-report.xml)."""
    y, m, d = r["date"]
    crit_pass = [all(ind["pass"] for ind in r["indicators"][k * 5:(k + 1) * 5]) for k in range(5)]
    ind_pass = sum(1 for ind in r["indicators"] if ind["pass"])
    granted = all(crit_pass)
    by_key = {s["key"]: s for s in r["report"]}
    before = [{"h": None, "p": ["Thực hiện %s, %s báo cáo kết quả tự đánh giá năm %d như sau:" % (CITATION, r["name"], r["year"])]},
              {"h": "I. ĐẶC ĐIỂM TÌNH HÌNH", "p": []}]
    k = 0
    for s in r["report"]:
        if s["key"] in ("ton-tai", "kien-nghi"):
            continue
        k += 1
        before.append({"h": "%d. %s" % (k, s["title"]), "p": s["paragraphs"]})
    before.append({"h": "II. KẾT QUẢ TỰ ĐÁNH GIÁ",
                   "p": ["Kết quả tự đánh giá 25 chỉ tiêu của 05 tiêu chí như sau:"]})
    verdict = ("%s tự đánh giá đạt %s mức độ 1 năm %d." if granted else "%s chưa đạt %s mức độ 1 năm %d.") % (r["name"], FORM_TITLE, r["year"])
    concl = ["Số tiêu chí đạt: %s/05; số chỉ tiêu đạt: %s/25. %s" % (two(sum(crit_pass)), two(ind_pass), verdict)]
    for key in ("ton-tai", "kien-nghi"):
        concl += by_key[key]["paragraphs"] if key in by_key else []
    concl.append("Kính đề nghị %s xem xét, thẩm định./." % r["addressee"])
    rows = []
    for ind in r["indicators"]:
        c, i = ind["id"][1], ind["id"][4]
        rows.append({"tt": "%s.%s" % (c, i), "name": ind["short"], "req": ind["req"],
                     "value": ind["value"], "result": "Đạt" if ind["pass"] else "Không đạt"})
    items = r["distribution"]
    recipients = ["- " + it + (";" if j + 1 < len(items) else ".") for j, it in enumerate(items)]
    return {
        "stem": r["stem"],
        "meta": {"title": "Báo cáo kết quả tự đánh giá %s năm %d" % (FORM_TITLE, r["year"]), "author": r["name"]},
        "parent": [r["parent"]],
        "agency": [r["name"].upper()],
        "number": "Số: %s/BC-%s" % (two(r["number"]), r["abbr"]),
        "place_date": "%s, %s" % (r["place"], nd30_date(y, m, d)),
        "doc_type": "BÁO CÁO",
        "summary": ["Kết quả tự đánh giá " + FORM_TITLE, "mức độ 1 năm %d" % r["year"]],
        "addressees": [r["addressee"]],
        "before": before,
        "header_row": ["TT", "Chỉ tiêu", "Yêu cầu", "Kết quả", "Đánh giá"],
        "rows": rows,
        "after": [{"h": "III. KẾT LUẬN VÀ KIẾN NGHỊ", "p": concl}],
        "authority": [a.upper() for a in r["authority"]],
        "signer": r["signer"],
        "recipients_label": "Nơi nhận:",
        "recipients": recipients,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--seed", type=int, default=2025)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(os.path.join(a.out, "xml"), exist_ok=True)
    peers = []
    for i in range(a.count):
        r = make_record(i, rng)
        with open(os.path.join(a.out, "xml", r["stem"] + ".xml"), "w", encoding="utf-8") as f:
            f.write(to_xml(r))
        peers.append(to_peer_json(r))
    with open(os.path.join(a.out, "records.json"), "w", encoding="utf-8") as f:
        json.dump(peers, f, ensure_ascii=False, indent=1)
    print("gen_records: %d records in %s" % (a.count, a.out))


if __name__ == "__main__":
    main()
