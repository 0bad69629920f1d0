// Evaluation → terminal table and JSON.
#include "forms/forms.h"

#include <charconv>
#include <cstdio>

#include "forms/detail/common.h"
#include "text/text.h"

namespace hoso::forms {
namespace {

// --- Terminal widths ----------------------------------------------------------------------

bool is_combining(char32_t c) {
    return (c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) || (c >= 0x1DC0 && c <= 0x1DFF) ||
           (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE20 && c <= 0xFE2F) || c == 0x200B || c == 0x200D;
}

bool is_wide(char32_t c) {
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1FAFF) || (c >= 0x20000 && c <= 0x3FFFD);
}

int char_width(char32_t c) { return is_combining(c) ? 0 : (is_wide(c) ? 2 : 1); }

int display_width(const std::u32string& s) {
    int w = 0;
    for (char32_t c : s) w += char_width(c);
    return w;
}

// Word-wraps `s` into lines of at most `width` columns; words longer than a line are split.
std::vector<std::u32string> wrap(const std::string& utf8, int width) {
    std::vector<std::u32string> lines;
    const std::u32string s = text::to_utf32(utf8);
    std::u32string line;
    int line_w = 0;
    std::size_t i = 0;
    while (i < s.size()) {
        if (s[i] == U' ') {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < s.size() && s[j] != U' ') ++j;
        std::u32string word = s.substr(i, j - i);
        i = j;
        int ww = display_width(word);
        if (line_w > 0 && line_w + 1 + ww <= width) {
            line += U' ';
            line += word;
            line_w += 1 + ww;
            continue;
        }
        if (line_w > 0) {
            lines.push_back(line);
            line.clear();
            line_w = 0;
        }
        while (ww > width) {  // split an overlong word
            std::u32string head;
            int hw = 0;
            std::size_t k = 0;
            while (k < word.size() && hw + char_width(word[k]) <= width) {
                hw += char_width(word[k]);
                head += word[k++];
            }
            while (k < word.size() && char_width(word[k]) == 0) head += word[k++];
            if (k == 0) {  // a single wide char wider than the column
                head += word[k++];
            }
            lines.push_back(head);
            word = word.substr(k);
            ww = display_width(word);
        }
        line = word;
        line_w = ww;
    }
    if (line_w > 0 || lines.empty()) lines.push_back(line);
    return lines;
}

struct Column {
    int width;
};

// One table row: each cell wrapped to its column, cells side by side.
void row(std::string& out, const std::vector<Column>& cols, const std::vector<std::string>& cells) {
    std::vector<std::vector<std::u32string>> wrapped;
    std::size_t height = 0;
    for (std::size_t c = 0; c < cols.size(); ++c) {
        wrapped.push_back(wrap(c < cells.size() ? cells[c] : std::string(), cols[c].width));
        height = std::max(height, wrapped.back().size());
    }
    for (std::size_t l = 0; l < height; ++l) {
        std::u32string line;
        for (std::size_t c = 0; c < cols.size(); ++c) {
            const std::u32string cell = l < wrapped[c].size() ? wrapped[c][l] : std::u32string();
            line += cell;
            if (c + 1 < cols.size()) line.append(static_cast<std::size_t>(cols[c].width - display_width(cell) + 2), U' ');
        }
        while (!line.empty() && line.back() == U' ') line.pop_back();
        out += text::to_utf8(line);
        out += '\n';
    }
}

std::string upper(const std::string& s) { return text::to_upper(s); }

// --- JSON ---------------------------------------------------------------------------------

std::string json_string(const std::string& s) {
    std::string out = "\"";
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            case '\r': out += "\\r"; break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
                    out += buf;
                } else {
                    out += ch;
                }
        }
    }
    return out + "\"";
}

std::string json_number(double v) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

const char* status_code(Status s) {
    switch (s) {
        case Status::Pass: return "pass";
        case Status::Fail: return "fail";
        case Status::NotApplicable: return "not-applicable";
    }
    return "";
}

const char* kind_code(data::RequestKind k) {
    switch (k) {
        case data::RequestKind::First: return "first";
        case data::RequestKind::Renewal: return "renewal";
        case data::RequestKind::Upgrade: return "upgrade";
    }
    return "";
}

class Json {
public:
    explicit Json(std::string& out) : m_out(out) {}
    void open(char c) {
        m_out += c;
        m_first.push_back(true);
    }
    void close(char c) {
        const bool empty = m_first.back();
        m_first.pop_back();
        if (!empty) newline();
        m_out += c;
    }
    void key(const std::string& k) {
        comma();
        m_out += json_string(k) + ": ";
    }
    void item() { comma(); }
    void raw(const std::string& v) { m_out += v; }

private:
    void comma() {
        if (!m_first.back()) m_out += ',';
        m_first.back() = false;
        newline();
    }
    void newline() {
        m_out += '\n';
        m_out.append(m_first.size() * 2, ' ');
    }
    std::string& m_out;
    std::vector<bool> m_first;
};

}  // namespace

std::string evaluation_text(const Form& form, const Evaluation& ev) {
    std::string out;
    out += form.title + " (" + form.id + ") — Thông tư số " + form.circular.number + "\n";
    out += "Đơn vị: " + (ev.unit_name.empty() ? std::string("(chưa ghi tên)") : ev.unit_name) + "\n";
    out += "Năm đánh giá: " + std::to_string(ev.year) + "; đề nghị: mức độ " + std::to_string(ev.requested_level) + ", " +
           kind_text(ev.kind) + "\n";
    std::string settings;
    for (const auto& name : setting_names()) {
        settings += (settings.empty() ? "" : ", ") + name + "=" + setting_value(ev.settings, name);
    }
    out += "Thiết lập: " + settings + "\n";

    const std::vector<Column> cols = {{6}, {24}, {18}, {22}, {13}, {29}};
    for (const auto& lr : ev.levels) {
        const Level* lv = form.find_level(lr.level);
        out += "\n" + upper(lv != nullptr ? lv->name : "mức độ " + std::to_string(lr.level)) + " (" + lr.article + "): " +
               upper(status_text(lr.status)) + " — " + std::to_string(lr.criteria_passed) + "/" +
               std::to_string(lr.criteria_total) + " tiêu chí đạt\n";
        row(out, cols, {"Mã", "Chỉ tiêu", "Yêu cầu", "Kết quả", "Đánh giá", "Lý do"});
        std::string rule;
        for (std::size_t c = 0; c < cols.size(); ++c) {
            rule += std::string(static_cast<std::size_t>(cols[c].width), '-');
            if (c + 1 < cols.size()) rule += "  ";
        }
        out += rule + "\n";
        for (const auto& cr : lr.criteria) {
            row(out, {{6}, {cols[1].width + cols[2].width + cols[3].width + 4}, {13}},
                {cr.id, "Tiêu chí " + std::to_string(cr.number) + ": " + cr.title, status_text(cr.status)});
            const Criterion* crit = nullptr;
            for (const auto& c : form.criteria) {
                if (c.id == cr.id) crit = &c;
            }
            for (const auto& ir : cr.indicators) {
                std::string name;
                if (crit != nullptr) {
                    for (const auto& ind : crit->indicators) {
                        if (ind.id == ir.id) name = ind.short_name;
                    }
                }
                std::string reason = ir.reason;
                if (!ir.evidence.empty()) {
                    std::string codes;
                    for (const auto& c : ir.evidence) codes += (codes.empty() ? "" : ", ") + c;
                    reason += std::string(reason.empty() ? "" : "; ") + "MC: " + codes;
                }
                row(out, cols, {ir.id, name, ir.requirement, ir.value, status_text(ir.status), reason});
            }
        }
    }
    out += "\nKẾT LUẬN\n";
    if (ev.reached_level > 0) {
        const Level* lv = form.find_level(ev.reached_level);
        out += "Mức độ cao nhất đạt được: " + (lv != nullptr ? lv->name : std::to_string(ev.reached_level)) + "\n";
    } else {
        out += "Mức độ cao nhất đạt được: chưa đạt mức độ nào\n";
    }
    out += "Đề nghị công nhận mức độ " + std::to_string(ev.requested_level) + " (" + kind_text(ev.kind) + "): " +
           (ev.granted ? "ĐỦ ĐIỀU KIỆN" : "CHƯA ĐỦ ĐIỀU KIỆN") + "\n";
    if (ev.months_since_previous) {
        out += "Thời gian từ quyết định công nhận mức độ 1 đến ngày Tờ trình: " + std::to_string(*ev.months_since_previous) +
               " tháng\n";
    }
    if (!ev.request_in_order) {
        out += "Hồ sơ đề nghị: CHƯA ĐÚNG QUY ĐỊNH về nâng mức độ (" + detail::cite(form, form.rules.upgrade_citation) + ")";
        if (ev.earliest_request_date) out += "; Tờ trình lập sớm nhất từ ngày " + text::short_date(*ev.earliest_request_date);
        out += "\n";
    }
    for (const auto& r : ev.reasons) out += "- " + r + "\n";
    if (ev.valid_until) {
        out += "Kết quả công nhận được bảo lưu đến ngày " + text::short_date(*ev.valid_until) + " (" +
               detail::cite(form, form.rules.validity_citation) + "): " + text::two_digits(form.rules.validity_years) +
               " năm tiếp theo năm " + std::to_string(ev.recognised_year) +
               [&] {
                   switch (ev.recognised_year_source) {
                       case RecognisedYearSource::DecisionDate: return " (năm ký quyết định)";
                       case RecognisedYearSource::AssumedDecisionYear:
                           return " (năm ký quyết định, dự kiến; ghi decision-date khi có quyết định)";
                       case RecognisedYearSource::AssessmentYear: break;
                   }
                   return " (năm đánh giá; ghi decision-date khi có quyết định)";
               }() +
               "\n";
    }
    return out;
}

std::string evaluation_json(const Form& form, const Evaluation& ev) {
    std::string out;
    Json j(out);
    auto str = [&](const std::string& k, const std::string& v) {
        j.key(k);
        j.raw(json_string(v));
    };
    auto num = [&](const std::string& k, long long v) {
        j.key(k);
        j.raw(std::to_string(v));
    };
    auto strings = [&](const std::string& k, const std::vector<std::string>& items) {
        j.key(k);
        j.open('[');
        for (const auto& v : items) {
            j.item();
            j.raw(json_string(v));
        }
        j.close(']');
    };
    j.open('{');
    str("form", form.id);
    str("circular", form.circular.number);
    str("unit", ev.unit_name);
    num("year", ev.year);
    num("requested_level", ev.requested_level);
    str("kind", kind_code(ev.kind));
    j.key("settings");
    j.open('{');
    for (const auto& name : setting_names()) str(name, setting_value(ev.settings, name));
    j.close('}');
    j.key("levels");
    j.open('[');
    for (const auto& lr : ev.levels) {
        j.item();
        j.open('{');
        num("level", lr.level);
        str("article", lr.article);
        str("status", status_code(lr.status));
        num("criteria_passed", lr.criteria_passed);
        num("criteria_total", lr.criteria_total);
        j.key("criteria");
        j.open('[');
        for (const auto& cr : lr.criteria) {
            j.item();
            j.open('{');
            str("id", cr.id);
            num("number", cr.number);
            str("title", cr.title);
            str("citation", cr.citation);
            str("status", status_code(cr.status));
            num("passed", cr.passed);
            num("failed", cr.failed);
            num("not_applicable", cr.not_applicable);
            j.key("indicators");
            j.open('[');
            for (const auto& ir : cr.indicators) {
                j.item();
                j.open('{');
                str("id", ir.id);
                num("number", ir.number);
                str("citation", ir.citation);
                str("text", ir.text);
                str("status", status_code(ir.status));
                str("requirement", ir.requirement);
                str("value", ir.value);
                j.key("percent");
                j.raw(ir.percent ? json_number(*ir.percent) : "null");
                str("reason", ir.reason);
                j.key("figures_met");
                j.raw(ir.figures_met ? (*ir.figures_met ? "true" : "false") : "null");
                j.key("evidence_issue");
                j.raw(ir.evidence_issue == EvidenceIssue::None ? "null" : json_string(evidence_issue_code(ir.evidence_issue)));
                strings("evidence_blank", ir.blank_evidence);
                strings("evidence", ir.evidence);
                str("note", ir.note);
                j.close('}');
            }
            j.close(']');
            j.close('}');
        }
        j.close(']');
        j.close('}');
    }
    j.close(']');
    num("reached_level", ev.reached_level);
    j.key("granted");
    j.raw(ev.granted ? "true" : "false");
    strings("reasons", ev.reasons);
    j.key("request_in_order");
    j.raw(ev.request_in_order ? "true" : "false");
    j.key("earliest_request_date");
    j.raw(ev.earliest_request_date ? json_string(to_iso(*ev.earliest_request_date)) : "null");
    j.key("months_since_previous");
    j.raw(ev.months_since_previous ? std::to_string(*ev.months_since_previous) : "null");
    j.key("valid_until");
    j.raw(ev.valid_until ? json_string(to_iso(*ev.valid_until)) : "null");
    j.close('}');
    out += '\n';
    return out;
}

}  // namespace hoso::forms
