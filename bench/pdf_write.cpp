// bench_pdf_write: lays out and writes the same realistic 3-page Vietnamese document N times
// on one thread (ND30 header, title, Kính gửi, 40 body paragraphs, a 25-row table, the
// signature block) and prints the median rate of 5 runs — per second of wall time and per
// second of CPU time (steadier on a shared machine) — and the average file size.
//
//   bench_pdf_write [N=200] [--fonts DIR] [--out FILE.pdf] [--write-only]
//
// --write-only times write_pdf alone (layout done once); --out saves one document to look at.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/core.h"
#include "font/font.h"
#include "layout/layout.h"
#include "model/model.h"
#include "pdf/pdf.h"

namespace {

using namespace hoso;

const char* const kSentences[] = {
    "Thực hiện Thông tư số 24/2023/TT-BGDĐT ngày 11/12/2023 của Bộ Giáo dục và Đào tạo;",
    "- Chủ trì, phối hợp với các sở, ngành xây dựng văn bản hướng dẫn “Đơn vị học tập”.",
    "- Hết năm 2025, 90% đơn vị cấp huyện đạt mức độ 1 — phấn đấu năm 2030 đạt 100%.",
    "- Tham mưu Ủy ban nhân dân tỉnh bố trí kinh phí chi sự nghiệp giáo dục.",
    "- Chỉ đạo Ban Khuyến học/Hội Khuyến học cơ sở thực hiện Quyết định số 324/QĐ-KHVN.",
    "- Tổng hợp kết quả, báo cáo Ủy ban nhân dân huyện trước ngày 15/12 hằng năm.",
    "- Đẩy mạnh tuyên truyền về xây dựng xã hội học tập, học tập suốt đời (…).",
    "- Ưu tiên các xã vùng khó khăn: Mường Tè, Phong Thổ, Sìn Hồ, Nậm Nhùn.",
};

model::Paragraph para(const std::string& text, const std::string& style = model::style::kBody) {
    model::Paragraph p;
    p.style = style;
    p.runs.push_back(model::Run{text, {}});
    return p;
}

model::Document sample_document() {
    model::Document doc;
    doc.styles = model::default_style_sheet(13);  // ND30: body text 13–14 pt
    doc.meta.title = "Tờ trình đề nghị công nhận “Đơn vị học tập” cấp huyện năm 2025";
    doc.meta.author = "Phòng Giáo dục và Đào tạo huyện Phong Thổ";
    doc.meta.subject = "Thông tư 24/2023/TT-BGDĐT";
    model::Section s;
    model::Nd30Header h;
    h.parent_agency = {"UBND HUYỆN PHONG THỔ"};
    h.issuing_agency = {"PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"};
    h.number = "Số: 05/TTr-PGDĐT";
    h.place_date = "Phong Thổ, ngày 05 tháng 02 năm 2025";
    s.blocks.push_back(h);
    model::DocumentTitle t;
    t.doc_type = "TỜ TRÌNH";
    t.summary = {"Về việc đề nghị công nhận “Đơn vị học tập” cấp huyện năm 2025"};
    s.blocks.push_back(t);
    model::Addressees a;
    a.recipients = {"Ủy ban nhân dân huyện Phong Thổ"};
    s.blocks.push_back(a);
    s.blocks.push_back(para("Căn cứ Thông tư số 24/2023/TT-BGDĐT ngày 11 tháng 12 năm 2023 của Bộ trưởng Bộ Giáo "
                            "dục và Đào tạo;", model::style::kBasis));
    constexpr int kSentenceCount = sizeof kSentences / sizeof kSentences[0];
    for (int i = 0; i < 40; ++i) {
        if (i % 10 == 0) {
            static const char* const kHeadings[] = {"I. MỤC TIÊU", "II. NHIỆM VỤ CỤ THỂ", "III. KẾT QUẢ ĐẠT ĐƯỢC",
                                                    "IV. ĐỀ XUẤT, KIẾN NGHỊ"};
            s.blocks.push_back(para(kHeadings[i / 10], model::style::kHeading));
        }
        s.blocks.push_back(para(kSentences[i % kSentenceCount]));
        if (i == 29) {  // the table, within section III
            model::Table table;
            table.column_widths = {1, 6, 2, 2};
            table.header_rows = 1;
            auto cell = [](const std::string& value, const char* style) {
                model::Cell c;
                c.paragraphs.push_back(para(value, style));
                return c;
            };
            model::Row head;
            for (const char* h2 : {"TT", "Tiêu chí", "Kết quả", "Đánh giá"}) {
                head.cells.push_back(cell(h2, model::style::kTableHeader));
            }
            table.rows.push_back(head);
            static const char* const kCriteria[] = {
                "Tỷ lệ công chức đạt chuẩn đào tạo", "Số người tham gia học tập suốt đời",
                "Thư viện, tủ sách pháp luật được duy trì", "Ứng dụng công nghệ thông tin trong học tập",
                "Kinh phí bảo đảm cho hoạt động học tập"};
            for (int r = 1; r <= 25; ++r) {
                model::Row row;
                row.cells.push_back(cell(std::to_string(r), model::style::kTableCellCenter));
                row.cells.push_back(cell(kCriteria[r % 5], model::style::kTableCell));
                row.cells.push_back(cell(std::to_string(60 + r) + "%", model::style::kTableCellCenter));
                row.cells.push_back(cell(r % 4 ? "Đạt" : "Chưa đạt", model::style::kTableCellCenter));
                table.rows.push_back(row);
            }
            s.blocks.push_back(table);
        }
    }
    model::SignatureBlock sig;
    sig.authority = {"KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG"};
    sig.signer_name = "Mai Thị Hồng Sim";
    sig.recipients = {"Như trên", "UBND huyện (b/c)", "Lưu: VT, GDĐT"};
    s.blocks.push_back(sig);
    doc.sections.push_back(std::move(s));
    return doc;
}

}  // namespace

int main(int argc, char** argv) {
    int n = 200;
    std::filesystem::path fonts_dir = std::filesystem::path(HOSO_SOURCE_DIR) / "fonts";
    std::string out;
    bool write_only = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--fonts" && i + 1 < argc) fonts_dir = argv[++i];
        else if (arg == "--out" && i + 1 < argc) out = argv[++i];
        else if (arg == "--write-only") write_only = true;
        else n = std::max(1, std::atoi(arg.c_str()));
    }
    try {
        const auto fonts = font::FontSet::load_directory(fonts_dir);
        const layout::FontMeasurer measurer(fonts);
        const model::Document doc = sample_document();
        Diagnostics warnings;
        const layout::PagedDocument laid_out = layout::layout_document(doc, measurer, warnings);
        const std::string first = pdf::write_pdf(laid_out, fonts);
        if (!out.empty()) std::ofstream(out, std::ios::binary) << first;
        std::printf("document: %zu pages, %zu bytes%s\n", laid_out.pages.size(), first.size(),
                    write_only ? " (timing write_pdf only)" : " (timing layout + write_pdf)");
        std::vector<double> rates, cpu_rates;
        std::size_t total_bytes = 0, docs = 0;
        for (int run = 0; run < 5; ++run) {
            const auto start = std::chrono::steady_clock::now();
            const std::clock_t cpu_start = std::clock();
            for (int i = 0; i < n; ++i) {
                std::string bytes;
                if (write_only) {
                    bytes = pdf::write_pdf(laid_out, fonts);
                } else {
                    Diagnostics w;
                    bytes = pdf::write_pdf(layout::layout_document(doc, measurer, w), fonts);
                }
                total_bytes += bytes.size();
                ++docs;
            }
            const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
            const double cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
            rates.push_back(n / elapsed.count());
            cpu_rates.push_back(n / cpu);
            std::printf("run %d: %.1f docs/s, %.1f docs per CPU-second\n", run + 1, rates.back(), cpu_rates.back());
        }
        std::sort(rates.begin(), rates.end());
        std::sort(cpu_rates.begin(), cpu_rates.end());
        std::printf("median: %.1f docs/s, %.1f docs per CPU-second, %.1f KB/doc (%d docs per run)\n", rates[2],
                    cpu_rates[2], static_cast<double>(total_bytes) / static_cast<double>(docs) / 1024.0, n);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_pdf_write: %s\n", e.what());
        return 1;
    }
    return 0;
}
