#include "model/model.h"

#include <charconv>
#include <set>

namespace hoso::model {

namespace {

std::string num(double v) {
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 2);
    std::string s(buf, r.ptr);
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}

std::string quote(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

const char* valign_name(VAlign a) {
    switch (a) {
        case VAlign::Top: return "top";
        case VAlign::Center: return "center";
        case VAlign::Bottom: return "bottom";
    }
    return "?";
}

void dump_lines(std::string& out, const std::string& indent, const char* name,
                const std::vector<std::string>& lines) {
    for (const auto& l : lines) out += indent + name + " " + quote(l) + "\n";
}

void dump_paragraph(std::string& out, const std::string& indent, const Paragraph& p) {
    out += indent + "Paragraph style=" + p.style + "\n";
    for (const auto& r : p.runs) {
        std::string flags;
        if (r.style.bold) flags += " bold";
        if (r.style.italic) flags += " italic";
        if (r.style.underline) flags += " underline";
        out += indent + "  Run" + flags + " " + quote(r.text) + "\n";
    }
}

struct Dumper {
    std::string& out;
    std::string indent;

    void operator()(const Paragraph& p) const { dump_paragraph(out, indent, p); }
    void operator()(const Table& t) const {
        out += indent + "Table columns=";
        for (std::size_t i = 0; i < t.column_widths.size(); ++i) {
            out += (i ? "," : "") + num(t.column_widths[i]);
        }
        out += " header_rows=" + std::to_string(t.header_rows) +
               (t.borders ? " borders" : " no-borders") + "\n";
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            out += indent + "  Row " + std::to_string(r + 1) + "\n";
            for (const auto& c : t.rows[r].cells) {
                out += indent + "    Cell";
                if (c.col_span != 1) out += " colspan=" + std::to_string(c.col_span);
                if (c.row_span != 1) out += " rowspan=" + std::to_string(c.row_span);
                out += std::string(" valign=") + valign_name(c.valign) + "\n";
                for (const auto& p : c.paragraphs) dump_paragraph(out, indent + "      ", p);
            }
        }
    }
    void operator()(const PageBreak&) const { out += indent + "PageBreak\n"; }
    void operator()(const Nd30Header& h) const {
        out += indent + "Nd30Header\n";
        const std::string in = indent + "  ";
        dump_lines(out, in, "parent_agency", h.parent_agency);
        dump_lines(out, in, "issuing_agency", h.issuing_agency);
        out += in + "number " + quote(h.number) + "\n";
        dump_lines(out, in, "subject", h.subject);
        out += in + "national_name " + quote(h.national_name) + "\n";
        out += in + "motto " + quote(h.motto) + "\n";
        out += in + "place_date " + quote(h.place_date) + "\n";
    }
    void operator()(const DocumentTitle& t) const {
        out += indent + "DocumentTitle\n";
        out += indent + "  doc_type " + quote(t.doc_type) + "\n";
        dump_lines(out, indent + "  ", "summary", t.summary);
    }
    void operator()(const Addressees& a) const {
        out += indent + "Addressees label=" + quote(a.label) + "\n";
        dump_lines(out, indent + "  ", "recipient", a.recipients);
    }
    void operator()(const SignatureBlock& s) const {
        out += indent + "SignatureBlock\n";
        dump_lines(out, indent + "  ", "authority", s.authority);
        out += indent + "  signer_name " + quote(s.signer_name) + "\n";
        if (s.joint()) {
            dump_lines(out, indent + "  ", "joint_authority", s.joint_authority);
            out += indent + "  joint_signer_name " + quote(s.joint_signer_name) + "\n";
        }
        out += indent + "  recipients_label " + quote(s.recipients_label) + "\n";
        dump_lines(out, indent + "  ", "recipient", s.recipients);
    }
    void operator()(const AppendixHeading& a) const {
        out += indent + "AppendixHeading\n";
        out += indent + "  label " + quote(a.label) + "\n";
        out += indent + "  title " + quote(a.title) + "\n";
        out += indent + "  reference " + quote(a.reference) + "\n";
    }
};

bool has_control_chars(const std::string& s) {
    for (unsigned char c : s) {
        if (c < 0x20 || c == 0x7f) return true;
    }
    return false;
}

}  // namespace

StyleSheet default_style_sheet(double body_size) {
    StyleSheet s;
    // ND30 Phụ lục I, Mục V: the header's sizes do not follow the body size. Quốc hiệu and the
    // agency names 12 (range 12–13), Tiêu ngữ 13 (13–14), Số 13; the date line as the body
    // (13–14). A landscape table at body 13 (Mẫu 03) keeps the same header.
    auto centered = [](double size, bool bold, bool italic) {
        ParagraphStyle p;
        p.font_size = size;
        p.bold = bold;
        p.italic = italic;
        p.align = Align::Center;
        return p;
    };
    s[style::kAgencyParent] = centered(12, false, false);
    s[style::kAgency] = centered(12, true, false);
    s[style::kNumber] = centered(13, false, false);
    s[style::kSubject] = centered(12, false, false);
    s[style::kNationalName] = centered(12, true, false);
    s[style::kMotto] = centered(13, true, false);
    s[style::kPlaceDate] = centered(body_size, false, true);
    s[style::kDocType] = centered(body_size, true, false);
    s[style::kSummary] = centered(body_size, true, false);
    {
        ParagraphStyle p;
        p.font_size = body_size;
        p.align = Align::Left;
        p.space_after = 6;
        s[style::kAddressee] = p;
    }
    {
        ParagraphStyle p = centered(12, true, true);
        p.align = Align::Left;
        s[style::kRecipientsLabel] = p;
    }
    {
        ParagraphStyle p;
        p.font_size = 11;
        p.align = Align::Left;
        s[style::kRecipients] = p;
    }
    s[style::kSignerAuthority] = centered(body_size, true, false);
    s[style::kSignerName] = centered(body_size, true, false);
    s[style::kPageNumber] = centered(body_size, false, false);
    s[style::kAppendixLabel] = centered(14, true, false);
    s[style::kAppendixTitle] = centered(body_size, true, false);
    s[style::kAppendixReference] = centered(body_size, false, true);
    {
        ParagraphStyle p;
        p.font_size = body_size;
        p.align = Align::Justify;
        p.first_line_indent = mm_to_pt(10);
        p.space_after = 6;
        s[style::kBody] = p;
        ParagraphStyle basis = p;
        basis.italic = true;
        s[style::kBasis] = basis;
        ParagraphStyle heading = p;
        heading.bold = true;
        heading.keep_with_next = true;
        s[style::kHeading] = heading;
    }
    {
        // Only space after: Word adds a paragraph's space before to the previous one's space
        // after, LibreOffice takes the larger; with one of them zero both print alike.
        ParagraphStyle p = centered(body_size, true, false);
        p.space_after = 6;
        p.keep_with_next = true;
        s[style::kCentered] = p;
    }
    {
        ParagraphStyle p = centered(body_size - 1, true, false);
        s[style::kTableHeader] = p;
        ParagraphStyle cell;
        cell.font_size = body_size - 1;
        cell.align = Align::Left;
        s[style::kTableCell] = cell;
        s[style::kTableCellCenter] = centered(body_size - 1, false, false);
    }
    return s;
}

std::string Paragraph::plain_text() const {
    std::string out;
    for (const auto& r : runs) out += r.text;
    return out;
}

std::vector<std::string> dashed_list(const std::vector<std::string>& items) {
    std::vector<std::string> out;
    out.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        std::string item = items[i];
        while (!item.empty() && item.back() == ' ') item.pop_back();
        if (!item.empty() && item.back() == ':') {
            out.push_back("- " + item);
            continue;
        }
        // "./." closes a document, not a list item; strip one trailing ';' or '.'.
        if (!item.empty() && (item.back() == ';' || item.back() == '.')) item.pop_back();
        out.push_back("- " + item + (i + 1 == items.size() ? "." : ";"));
    }
    return out;
}

PageSetup a4_landscape(const PageSetup& portrait) {
    PageSetup p = portrait;
    p.width = portrait.height;
    p.height = portrait.width;
    return p;
}

std::string to_debug_text(const Document& doc) {
    std::string out;
    out += "Document\n";
    out += "  meta title=" + quote(doc.meta.title) + " subject=" + quote(doc.meta.subject) +
           " author=" + quote(doc.meta.author) + "\n";
    for (std::size_t i = 0; i < doc.sections.size(); ++i) {
        const auto& s = doc.sections[i];
        out += "  Section " + std::to_string(i + 1) + " page=" + num(s.page.width) + "x" +
               num(s.page.height) + " margins=" + num(s.page.margin_top) + "," +
               num(s.page.margin_right) + "," + num(s.page.margin_bottom) + "," +
               num(s.page.margin_left) + " numbering=" + (s.numbering.show ? "on" : "off") +
               (s.numbering.restart ? ",restart" : "") +
               (s.numbering.hide_on_first ? ",hide-first" : "") + "\n";
        Dumper d{out, "    "};
        for (const auto& b : s.blocks) std::visit(d, b);
    }
    return out;
}

std::vector<std::string> validate(const Document& doc) {
    std::vector<std::string> problems;
    const char* required[] = {style::kAgencyParent,  style::kAgency,         style::kNumber,
                              style::kSubject,       style::kNationalName,   style::kMotto,
                              style::kPlaceDate,     style::kDocType,        style::kSummary,
                              style::kAddressee,     style::kRecipientsLabel, style::kRecipients,
                              style::kSignerAuthority, style::kSignerName,   style::kPageNumber,
                              style::kAppendixLabel, style::kAppendixTitle,  style::kAppendixReference};
    for (const char* name : required) {
        if (!doc.styles.count(name)) problems.push_back(std::string("missing style ") + name);
    }
    // Where a problem is: "section 1 block 3", built only when there is a problem.
    std::size_t si = 0, bi = 0;
    auto where = [&] { return "section " + std::to_string(si + 1) + " block " + std::to_string(bi + 1); };
    const std::string* known_style = nullptr;  // the last style found: paragraphs run in styles
    auto check_paragraph = [&](const Paragraph& p) {
        if (known_style == nullptr || *known_style != p.style) {
            if (!doc.styles.count(p.style)) {
                problems.push_back(where() + ": unknown style " + p.style);
            } else {
                known_style = &p.style;
            }
        }
        for (const auto& r : p.runs) {
            if (has_control_chars(r.text)) problems.push_back(where() + ": control character in text");
        }
    };
    for (si = 0; si < doc.sections.size(); ++si) {
        const auto& sec = doc.sections[si];
        for (bi = 0; bi < sec.blocks.size(); ++bi) {
            const auto& b = sec.blocks[bi];
            if (const auto* p = std::get_if<Paragraph>(&b)) check_paragraph(*p);
            if (const auto* t = std::get_if<Table>(&b)) {
                const int ncols = static_cast<int>(t->column_widths.size());
                if (ncols == 0) problems.push_back(where() + ": table without columns");
                if (t->header_rows < 0 || t->header_rows > static_cast<int>(t->rows.size())) {
                    problems.push_back(where() + ": header_rows out of range");
                }
                // Occupancy grid: row spans reserve columns in the rows below.
                std::vector<int> busy(static_cast<std::size_t>(std::max(ncols, 0)), 0);
                for (std::size_t ri = 0; ri < t->rows.size(); ++ri) {
                    int col = 0;
                    for (const auto& c : t->rows[ri].cells) {
                        while (col < ncols && busy[static_cast<std::size_t>(col)] > 0) ++col;
                        if (c.col_span < 1 || c.row_span < 1 || col + c.col_span > ncols) {
                            problems.push_back(where() + ": row " + std::to_string(ri + 1) +
                                               ": cell outside the column grid");
                            break;
                        }
                        if (static_cast<std::size_t>(ri) + static_cast<std::size_t>(c.row_span) >
                            t->rows.size()) {
                            problems.push_back(where() + ": row " + std::to_string(ri + 1) +
                                               ": row span past the last row");
                        }
                        if (c.paragraphs.empty()) {
                            problems.push_back(where() + ": row " + std::to_string(ri + 1) +
                                               ": cell without a paragraph");
                        }
                        for (const auto& p : c.paragraphs) check_paragraph(p);
                        for (int k = 0; k < c.col_span; ++k) {
                            busy[static_cast<std::size_t>(col + k)] = c.row_span;
                        }
                        col += c.col_span;
                    }
                    for (auto& b2 : busy) {
                        if (b2 > 0) --b2;
                    }
                }
            }
        }
    }
    return problems;
}

}  // namespace hoso::model
