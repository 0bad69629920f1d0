// hoso init: a data file skeleton listing every indicator of a form in order.
#include "forms/forms.h"

#include <algorithm>

#include "forms/detail/common.h"
#include "text/text.h"

namespace hoso::forms {
namespace {

// Text safe inside an XML comment: no "--", no trailing '-'.
std::string comment_safe(std::string s) {
    std::size_t p = 0;
    while ((p = s.find("--", p)) != std::string::npos) s.replace(p, 2, "- -");
    if (!s.empty() && s.back() == '-') s += ' ';
    return s;
}

// Word-wraps `s` at `width` code points, each line prefixed by `indent`.
std::string wrap_lines(const std::string& s, std::size_t width, const std::string& indent) {
    std::string out, line;
    std::size_t line_len = 0;
    std::size_t i = 0;
    auto cps = [](const std::string& w) {
        std::size_t n = 0;
        for (const char c : w) {
            if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
        }
        return n;
    };
    while (i < s.size()) {
        const std::size_t j = std::min(s.find(' ', i), s.size());
        const std::string word = s.substr(i, j - i);
        i = j + 1;
        if (word.empty()) continue;
        const std::size_t wl = cps(word);
        if (line_len > 0 && line_len + 1 + wl > width) {
            out += indent + line + "\n";
            line.clear();
            line_len = 0;
        }
        if (line_len > 0) {
            line += ' ';
            ++line_len;
        }
        line += word;
        line_len += wl;
    }
    if (line_len > 0) out += indent + line + "\n";
    return out;
}

std::string pad(const std::string& s, std::size_t width) {
    std::size_t n = 0;
    for (const char c : s) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    }
    return n >= width ? s + " " : s + std::string(width - n, ' ');
}

std::string element_line(const std::string& name, const std::string& label, bool figure) {
    const std::string open = figure ? "<figure name=\"" + name + "\">" : "<" + name + ">";
    const std::string close = figure ? "</figure>" : "</" + name + ">";
    return "      " + pad(open + close, 34) + "<!-- " + comment_safe(label) + " -->\n";
}

std::string lower_first(const std::string& s) {
    const std::u32string u = text::to_utf32(s);
    if (u.empty()) return s;
    return text::to_lower(text::to_utf8(u.substr(0, 1))) + text::to_utf8(u.substr(1));
}

}  // namespace

std::string skeleton_xml(const Form& form) {
    std::string o;
    o += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    o += "<!--\n";
    o += wrap_lines(comment_safe("Tệp số liệu đánh giá, công nhận " + form.title + " — bộ tiêu chí " + form.id + "."), 96, "  ");
    o += wrap_lines(comment_safe("Căn cứ: " + form.circular.citation + "."), 96, "  ");
    o += wrap_lines(comment_safe("Số liệu tính từ ngày 01/01 đến ngày 31/12 của năm đánh giá (" +
                                 detail::cite(form, form.rules.period_citation) + ")."),
                    96, "  ");
    o += "  Cách dùng: điền các giá trị còn trống, rồi chạy\n";
    o += "      hoso validate <tệp này>    (báo mọi chỗ còn thiếu hoặc sai)\n";
    o += "      hoso evaluate <tệp này>    (kết quả từng chỉ tiêu, tiêu chí, mức độ)\n";
    o += "  Định dạng tệp: examples/README.md\n";
    o += "-->\n";
    o += "<hoso-data form=\"" + data::xml_escape(form.id) + "\" version=\"1\">\n";

    // Unit.
    o += "  <!-- Đơn vị. Thuộc tính type là mã loại đơn vị, một trong:\n";
    std::size_t w = 0;
    for (const auto& t : form.unit_types) w = std::max(w, t.code.size());
    for (const auto& t : form.unit_types) o += "         " + pad(t.code, w + 2) + comment_safe(t.name) + "\n";
    o += "  -->\n";
    o += "  <unit type=\"\">\n";
    o += "    " + pad("<name></name>", 36) + "<!-- Tên đơn vị, ví dụ: Trường Tiểu học Đông Hải -->\n";
    o += "    " + pad("<parent-agency></parent-agency>", 36) +
         "<!-- Cơ quan chủ quản, mỗi dòng một phần tử (ví dụ: UBND HUYỆN PHONG THỔ); để trống nếu không có -->\n";
    o += "    " + pad("<abbreviation></abbreviation>", 36) + "<!-- Chữ viết tắt trong ký hiệu văn bản, ví dụ: THĐH -->\n";
    o += "    " + pad("<place></place>", 36) + "<!-- Địa danh ở dòng ngày tháng, ví dụ: Phong Thổ -->\n";
    o += "    " + pad("<district></district>", 36) + "<!-- Địa bàn, ví dụ: huyện Phong Thổ -->\n";
    o += "    " + pad("<members></members>", 36) + "<!-- Tổng số Thành viên (số nguyên); mẫu số mặc định của các tỷ lệ Thành viên -->\n";
    if (!form.traits.empty()) {
        o += "    <!-- Đặc điểm (nếu có), mỗi đặc điểm một phần tử <trait>:\n";
        for (const auto& t : form.traits) o += "         <trait>" + t.code + "</trait>  " + comment_safe(t.name) + "\n";
        o += "    -->\n";
    }
    o += "  </unit>\n\n";

    // Assessment.
    o += "  <!-- year: năm đánh giá; level: mức độ đề nghị (";
    for (std::size_t i = 0; i < form.levels.size(); ++i) o += (i ? ", " : "") + std::to_string(form.levels[i].number);
    o += ");\n       kind: first (lần đầu), renewal (công nhận lại)";
    if (form.rules.upgrade_allowed) {
        o += ", upgrade (nâng mức độ: sau ít nhất " + std::to_string(form.rules.upgrade_months) +
             " tháng kể từ quyết định công nhận mức độ 1, " + detail::cite(form, form.rules.upgrade_citation) + ")";
    }
    o += ".\n       Công nhận lại / nâng mức độ: thêm\n";
    o += "       <previous-decision number=\"…/QĐ-UBND\" date=\"YYYY-MM-DD\" level=\"1\" year=\"năm được công nhận\"/> -->\n";
    o += "  <assessment year=\"\" level=\"1\" kind=\"first\">\n";
    o += "  </assessment>\n\n";

    // Documents.
    o += "  <!-- Văn bản của hồ sơ: number = số (để trống nếu ghi tay khi ký); date = YYYY-MM-DD, hoặc YYYY-MM\n";
    o += wrap_lines(comment_safe("nếu để trống ngày. Hạn gửi hồ sơ: " + form.procedure.dossier_deadline + " (" +
                                 detail::cite(form, form.procedure.deadline_citation) + ")."),
                    92, "       ");
    o += "  -->\n";
    o += "  <documents>\n";
    for (const auto& d : form.procedure.documents) {
        o += "    " + pad("<document kind=\"" + data::xml_escape(d.kind) + "\" number=\"\" date=\"\"/>", 50) + "<!-- " +
             comment_safe(d.name) + " -->\n";
    }
    o += "  </documents>\n\n";

    o += "  <!-- Kính gửi (mỗi nơi một phần tử); để trống: " + comment_safe(form.procedure.addressee) + " -->\n";
    o += "  <addressees>\n    <addressee></addressee>\n  </addressees>\n\n";
    o += "  <!-- Người ký: các dòng quyền hạn, chức vụ (ví dụ: KT. HIỆU TRƯỞNG rồi PHÓ HIỆU TRƯỞNG) và họ tên -->\n";
    o += "  <signer>\n    <authority></authority>\n    <name></name>\n  </signer>\n\n";
    o += "  <!-- Nơi nhận (không cần gạch đầu dòng và dấu chấm phẩy) -->\n";
    o += "  <distribution>\n    <recipient>Như trên</recipient>\n    <recipient>Lưu: VT</recipient>\n  </distribution>\n\n";
    o += "  <!-- Tổ đánh giá: \"Họ tên - chức vụ - nhiệm vụ\", mỗi người một phần tử -->\n";
    o += "  <team>\n    <member></member>\n  </team>\n\n";

    o += "  <!-- Thiết lập (chỉ khi cần đổi mặc định của bộ tiêu chí; xem examples/README.md):\n";
    for (const auto& name : setting_names()) {
        std::string values;
        for (const auto& v : setting_values(name)) values += (values.empty() ? "" : " | ") + v;
        o += "       <setting name=\"" + name + "\" value=\"" + setting_value(form.settings, name) + "\"/>   (" + values + ")\n";
    }
    o += "  -->\n\n";

    // Indicators.
    o += "  <indicators>\n";
    for (const auto& c : form.criteria) {
        std::string cit;
        for (const auto& [level, text] : c.citations) {
            cit += (cit.empty() ? "" : "; ") + std::string("mức độ ") + std::to_string(level) + ": " + text;
        }
        o += "\n    <!-- ═══ Tiêu chí " + std::to_string(c.number) + ": " + comment_safe(c.title) + " (" + comment_safe(cit) +
             ") ═══ -->\n";
        for (const auto& ind : c.indicators) {
            o += "    <!--\n";
            o += "      " + ind.id + " — Chỉ tiêu " + std::to_string(ind.number) + ": " + comment_safe(ind.short_name) + "\n";
            // Wording, grouped by levels that share it.
            std::vector<std::pair<std::string, std::string>> texts;  // (levels, "citation: text")
            for (const auto& r : ind.requirements) {
                const std::string body = r.citation + "): " + r.text;
                auto it = std::find_if(texts.begin(), texts.end(), [&](const auto& t) { return t.second == body; });
                if (it == texts.end()) texts.emplace_back(std::to_string(r.level), body);
                else it->first += ", " + std::to_string(r.level);
            }
            for (const auto& [levels, body] : texts) {
                o += wrap_lines(comment_safe("Mức độ " + levels + " (" + body), 92, "      ");
            }
            std::vector<std::pair<std::string, std::string>> reqs;  // (levels, requirement)
            for (const auto& r : ind.requirements) {
                std::string body = r.summary;
                const std::string app = form.describe(r.applies);
                if (!app.empty()) body += " (" + app + ")";
                auto it = std::find_if(reqs.begin(), reqs.end(), [&](const auto& t) { return t.second == body; });
                if (it == reqs.end()) reqs.emplace_back(std::to_string(r.level), body);
                else it->first += ", " + std::to_string(r.level);
            }
            std::string req;
            for (const auto& [levels, body] : reqs) {
                req += (req.empty() ? "" : "; ") + std::string("mức độ ") + levels + ": " + body;
            }
            o += wrap_lines(comment_safe("Yêu cầu: " + req), 92, "      ");
            if (!ind.applies.all()) o += wrap_lines(comment_safe("Phạm vi: " + form.describe(ind.applies)), 92, "      ");
            if (!ind.may_be_not_applicable.empty()) {
                o += wrap_lines(comment_safe("Nếu " + lower_first(ind.may_be_not_applicable) + ": ghi <applicable>không</applicable> và nêu lý do trong <note>."),
                                92, "      ");
            }
            o += "    -->\n";
            o += "    <indicator id=\"" + data::xml_escape(ind.id) + "\">\n";
            for (const auto& f : ind.figures) {
                std::string label = f.label;
                if (f.name == "met") {
                    o += element_line("met", label + " — ghi: có / không", false);
                    continue;
                }
                if (f.name == "level") {
                    std::string steps;
                    if (const Scale* sc = form.find_scale(ind.scale)) {
                        for (const auto& s : sc->steps) steps += (steps.empty() ? "" : ", ") + s.code;
                    }
                    o += element_line("level", label + " — ghi một trong: " + steps, false);
                    continue;
                }
                if (f.name == "denominator" && ind.denominator_is_members) label += " (để trống: dùng <members>)";
                if (ind.alternative && (f.name == ind.alternative->numerator || f.name == ind.alternative->denominator)) {
                    label += " — chỉ đối với " + (form.find_flag(ind.alternative->flag) ? form.find_flag(ind.alternative->flag)->name
                                                                                          : ind.alternative->flag);
                }
                const bool plain = f.name == "numerator" || f.name == "denominator" || f.name == "count";
                o += element_line(f.name, label, !plain);
            }
            o += "      <!-- <evidence code=\"H" + std::to_string(c.number) + "-0" + std::to_string(ind.number) +
                 "\" number=\"số, ký hiệu\" date=\"YYYY-MM-DD\">Tên, số, ngày văn bản minh chứng</evidence> -->\n";
            o += "      <note></note>\n";
            o += "    </indicator>\n";
        }
    }
    o += "  </indicators>\n\n";

    o += "  <!-- Các phần thuyết minh của Báo cáo tự đánh giá: mỗi mục một <section>, mỗi đoạn một <p> -->\n";
    o += "  <report>\n";
    o += "    <section key=\"dac-diem\" title=\"Đặc điểm tình hình\">\n      <p></p>\n    </section>\n";
    o += "    <section key=\"thuan-loi\" title=\"Thuận lợi\">\n      <p></p>\n    </section>\n";
    o += "    <section key=\"kho-khan\" title=\"Khó khăn\">\n      <p></p>\n    </section>\n";
    o += "    <section key=\"to-chuc-danh-gia\" title=\"Tổ chức tự đánh giá\">\n      <p></p>\n    </section>\n";
    o += "    <section key=\"ton-tai\" title=\"Tồn tại, hạn chế\">\n      <p></p>\n    </section>\n";
    o += "    <section key=\"kien-nghi\" title=\"Kiến nghị, đề xuất\">\n      <p></p>\n    </section>\n";
    o += "  </report>\n";
    o += "</hoso-data>\n";
    return o;
}

}  // namespace hoso::forms
