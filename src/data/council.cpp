// Council file (XML) and units CSV → CouncilData. Like the unit parser: every problem is
// collected with file:line:column, unknown elements/attributes are errors, strings come out NFC
// and must be printable with the embedded fonts. Format: examples/council/README.md.
#include <tinyxml2.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "data/data.h"
#include "data/detail/table.h"
#include "data/detail/xml_input.h"
#include "text/text.h"

namespace hoso::data {
namespace {

using detail::parse_int;
using detail::parse_partial_date;
using detail::strip_item_punctuation;
using Reader = detail::XmlReader;
using tinyxml2::XMLElement;

std::optional<RequestKind> kind_of(const std::string& nfc) {
    const std::string s = text::to_lower(nfc);
    if (s == "first" || s == "lan-dau" || s == "lần đầu" || s == "lan dau") return RequestKind::First;
    if (s == "renewal" || s == "cong-nhan-lai" || s == "công nhận lại" || s == "cong nhan lai")
        return RequestKind::Renewal;
    if (s == "upgrade" || s == "nang-muc-do" || s == "nâng mức độ" || s == "nang muc do") return RequestKind::Upgrade;
    return std::nullopt;
}

std::optional<bool> result_of(const std::string& nfc) {
    const std::string s = text::to_lower(nfc);
    static const std::set<std::string> yes = {"đạt", "dat", "pass", "granted"};
    static const std::set<std::string> no = {"không đạt", "khong dat", "khong-dat", "chưa đạt", "chua dat",
                                             "chua-dat", "fail", "not-granted"};
    if (yes.count(s)) return true;
    if (no.count(s)) return false;
    return std::nullopt;
}

// A căn cứ line as written: "Căn cứ X;" → "X".
std::string strip_basis(std::string s) {
    s = strip_item_punctuation(std::move(s));
    for (const char* prefix : {"Căn cứ ", "căn cứ "}) {
        if (s.rfind(prefix, 0) == 0) s.erase(0, std::string(prefix).size());
    }
    return s;
}

// --- Shared value checks (XML and CSV) -------------------------------------------------------

// ND30: the number of an administrative document carries no year; "05", blank, or "5".
void check_document_number(Diagnostics& d, const Text& n, const std::string& field) {
    if (n.value.empty()) return;
    if (n.value.find('/') != std::string::npos) {
        d.error(n.where, field,
                "số văn bản chỉ ghi số thứ tự (ví dụ 05): văn bản hành chính không ghi năm, ký hiệu do mẫu tạo (NĐ 30)",
                "write the number only (e.g. 05): administrative document numbers carry no year and the "
                "ký hiệu comes from the template (ND30)");
        return;
    }
    if (!parse_int(n.value, 1, 999999999)) {
        d.error(n.where, field, "số văn bản phải là số nguyên dương: '" + n.value + "'",
                "document number must be a positive whole number: '" + n.value + "'");
    }
}

void parse_signer(Reader& r, const XMLElement* e, Signer& s, const std::string& field) {
    r.check_structure(e, {}, {"authority", "name"}, field);
    s.authority = r.list(e, "authority", field + ".authority");
    if (s.authority.empty()) {
        r.missing(r.at(e), field + ".authority", "quyền hạn, chức vụ người ký (<authority>, ví dụ KT. CHỦ TỊCH)",
                  "signer's authority lines (<authority>, e.g. KT. CHỦ TỊCH)");
    }
    s.name = r.required(e, "name", field + ".name", "họ tên người ký", "signer's name");
}

std::vector<Text> parse_distribution(Reader& r, const XMLElement* parent, const std::string& field,
                                     const char* automatic) {
    std::vector<Text> out;
    const XMLElement* e = r.single(parent, "distribution", field);
    if (e == nullptr) {
        r.missing(r.at(parent), field, "nơi nhận (<distribution>, ví dụ <recipient>Lưu: VT</recipient>)",
                  "distribution (<distribution>, e.g. <recipient>Lưu: VT</recipient>)");
        return out;
    }
    r.check_structure(e, {}, {"recipient"}, field);
    out = r.list(e, "recipient", field + ".recipient");
    for (auto& t : out) {
        t.value = strip_item_punctuation(t.value);
        if (t.value.rfind("Như ", 0) == 0) {
            r.diag().error(t.where, field,
                           std::string("không ghi '") + t.value + "': mẫu tự thêm dòng đầu \"" + automatic + "\"",
                           std::string("do not write '") + t.value + "': the template adds the first line \"" +
                               automatic + "\"");
        }
    }
    return out;
}

void parse_issuer(Reader& r, const XMLElement* e, IssuerBlock& b, const std::string& field, bool needs_name) {
    b.where = r.at(e);
    b.parent_agency = r.list(e, "parent-agency", field + ".parent-agency");
    b.agency = r.list(e, "agency", field + ".agency");
    if (b.agency.empty()) {
        r.missing(b.where, field + ".agency", "tên cơ quan ban hành (<agency>, một hoặc nhiều dòng)",
                  "issuing body (<agency>, one or more lines)");
    }
    b.abbreviation = r.required(e, "abbreviation", field + ".abbreviation",
                                "chữ viết tắt tên cơ quan (dùng trong ký hiệu, ví dụ UBND)",
                                "abbreviation of the body (for the ký hiệu, e.g. UBND)");
    b.place = r.required(e, "place", field + ".place", "địa danh (dòng ngày tháng)", "place name (date line)");
    if (needs_name) {
        b.name = r.required(e, "name", field + ".name",
                            "tên cơ quan trong câu văn (ví dụ Phòng Giáo dục và Đào tạo huyện Phong Thổ)",
                            "name of the body in sentences (e.g. Phòng Giáo dục và Đào tạo huyện Phong Thổ)");
    }
}

// <basis> children: căn cứ texts without "Căn cứ" and final punctuation, or the form's circular.
std::vector<Basis> parse_bases(Reader& r, const XMLElement* e, const std::string& field) {
    std::vector<Basis> out;
    for (const XMLElement* b = e->FirstChildElement("basis"); b != nullptr; b = b->NextSiblingElement("basis")) {
        r.check_structure(b, {"ref"}, {}, field, true);
        Basis basis;
        basis.text = r.text(b, field);
        if (const auto ref = r.attr(b, "ref", field + ".ref")) {
            if (ref->value != "circular") {
                r.diag().error(ref->where, field + ".ref", "ref chỉ nhận giá trị 'circular' (Thông tư của bộ tiêu chí)",
                               "ref must be 'circular' (the form's circular)");
            } else if (!basis.text.value.empty()) {
                r.diag().error(basis.text.where, field,
                               "<basis ref=\"circular\"/> phải rỗng: nội dung lấy từ bộ tiêu chí",
                               "<basis ref=\"circular\"/> must be empty: the text comes from the form");
            }
            basis.circular = true;
        } else {
            basis.text.value = strip_basis(basis.text.value);
            if (basis.text.value.empty()) {
                r.missing(basis.text.where, field, "nội dung căn cứ (<basis> đang trống)", "basis text (<basis> is empty)");
                continue;
            }
        }
        out.push_back(std::move(basis));
    }
    return out;
}

void parse_decision(Reader& r, const XMLElement* e, CouncilDecision& d) {
    const std::string f = "decision";
    r.check_structure(e, {"number", "date"},
            {"parent-agency", "agency", "abbreviation", "place", "authority", "issuer", "basis", "proposal", "executor",
             "signer", "distribution"},
            f);
    d.where = r.at(e);
    parse_issuer(r, e, d.issuer, f, false);
    if (auto n = r.attr(e, "number", f + ".number")) d.number = *n;
    check_document_number(r.diag(), d.number, f + ".number");
    if (auto dt = r.date_attr(e, "date", f + ".date", true)) d.date = *dt;
    d.authority = r.required(e, "authority", f + ".authority",
                             "thẩm quyền ban hành (ví dụ CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN PHONG THỔ)",
                             "issuing authority line (e.g. CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN PHONG THỔ)");
    d.issuer_title = r.required(e, "issuer", f + ".issuer",
                                "người/cơ quan ban hành trong câu văn (ví dụ Chủ tịch Ủy ban nhân dân huyện Phong Thổ)",
                                "issuer in sentences (e.g. Chủ tịch Ủy ban nhân dân huyện Phong Thổ)");
    d.bases = parse_bases(r, e, f + ".basis");
    d.proposal = r.optional_text(e, "proposal", f + ".proposal");
    d.proposal.value = strip_item_punctuation(d.proposal.value);
    for (const char* prefix : {"Theo đề nghị của ", "Xét đề nghị của "}) {
        if (d.proposal.value.rfind(prefix, 0) == 0) d.proposal.value.erase(0, std::string(prefix).size());
    }
    d.executors = r.list(e, "executor", f + ".executor");
    for (auto& t : d.executors) t.value = strip_item_punctuation(t.value);
    if (const XMLElement* s = r.single(e, "signer", f + ".signer")) {
        parse_signer(r, s, d.signer, f + ".signer");
    } else {
        r.missing(d.where, f + ".signer", "người ký quyết định (<signer>)", "signer of the decision (<signer>)");
    }
    d.distribution = parse_distribution(r, e, f + ".distribution", "Như Điều 3");
}

void parse_letters(Reader& r, const XMLElement* e, CouncilLetters& l) {
    const std::string f = "letters";
    r.check_structure(e, {"first-number", "date"},
            {"parent-agency", "agency", "abbreviation", "drafting-unit", "place", "name", "guidance", "signer",
             "distribution"},
            f);
    l.where = r.at(e);
    parse_issuer(r, e, l.issuer, f, true);
    l.drafting_unit = r.optional_text(e, "drafting-unit", f + ".drafting-unit");
    if (const auto n = r.attr(e, "first-number", f + ".first-number"); n && !n->value.empty()) {
        check_document_number(r.diag(), *n, f + ".first-number");
        if (auto v = parse_int(n->value, 1, 999999999)) l.first_number = *v;
    }
    if (auto dt = r.date_attr(e, "date", f + ".date", true)) l.date = *dt;
    l.guidance = r.list(e, "guidance", f + ".guidance");
    if (const XMLElement* s = r.single(e, "signer", f + ".signer")) {
        parse_signer(r, s, l.signer, f + ".signer");
    } else {
        r.missing(l.where, f + ".signer", "người ký công văn (<signer>)", "signer of the letters (<signer>)");
    }
    l.distribution = parse_distribution(r, e, f + ".distribution", "Như trên");
}

void parse_report(Reader& r, const XMLElement* e, CouncilReport& p) {
    const std::string f = "report";
    r.check_structure(e, {"number", "date"},
            {"parent-agency", "agency", "abbreviation", "place", "name", "addressee", "basis", "p", "signer",
             "distribution"},
            f);
    p.where = r.at(e);
    parse_issuer(r, e, p.issuer, f, true);
    if (auto n = r.attr(e, "number", f + ".number")) p.number = *n;
    check_document_number(r.diag(), p.number, f + ".number");
    if (auto dt = r.date_attr(e, "date", f + ".date", true)) p.date = *dt;
    p.addressees = r.list(e, "addressee", f + ".addressee");
    for (auto& t : p.addressees) t.value = strip_item_punctuation(t.value);
    if (p.addressees.empty()) {
        r.missing(p.where, f + ".addressee", "nơi nhận báo cáo (<addressee>, ví dụ Sở Giáo dục và Đào tạo tỉnh Lai Châu)",
                  "to whom the report goes (<addressee>, e.g. Sở Giáo dục và Đào tạo tỉnh Lai Châu)");
    }
    p.bases = parse_bases(r, e, f + ".basis");
    p.paragraphs = r.list(e, "p", f + ".p");
    if (const XMLElement* s = r.single(e, "signer", f + ".signer")) {
        parse_signer(r, s, p.signer, f + ".signer");
    } else {
        r.missing(p.where, f + ".signer", "người ký báo cáo (<signer>)", "signer of the report (<signer>)");
    }
    p.distribution = parse_distribution(r, e, f + ".distribution", "Như trên");
}

void parse_dispatch(Reader& r, const XMLElement* e, CouncilDispatch& d) {
    const std::string f = "dispatch";
    r.check_structure(e, {"number", "date", "symbol"}, {"subject", "addressee", "p", "section", "signer", "distribution"}, f);
    d.where = r.at(e);
    if (auto n = r.attr(e, "number", f + ".number")) d.number = *n;
    check_document_number(r.diag(), d.number, f + ".number");
    if (auto dt = r.date_attr(e, "date", f + ".date", true)) d.date = *dt;
    if (auto s = r.attr(e, "symbol", f + ".symbol")) d.symbol = *s;
    if (d.symbol.value.empty()) {
        r.missing(d.symbol.where.line ? d.symbol.where : d.where, f + ".symbol",
                  "ký hiệu công văn (symbol, ví dụ UBND-GDĐT; công văn không có chữ viết tắt tên loại)",
                  "ký hiệu of the letter (symbol, e.g. UBND-GDĐT; a công văn has no type abbreviation)");
    }
    d.subject = r.required(e, "subject", f + ".subject", "trích yếu công văn (sau V/v)", "subject (after V/v)");
    if (d.subject.value.rfind("V/v ", 0) == 0) d.subject.value.erase(0, 4);
    d.addressees = r.list(e, "addressee", f + ".addressee");
    for (auto& t : d.addressees) t.value = strip_item_punctuation(t.value);
    if (d.addressees.empty()) r.missing(d.where, f + ".addressee", "nơi gửi (<addressee>)", "addressees (<addressee>)");
    bool after_sections = false;
    for (const XMLElement* c = e->FirstChildElement(); c != nullptr; c = c->NextSiblingElement()) {
        const std::string name = c->Name();
        if (name == "p") {
            r.check_structure(c, {}, {}, f + ".p", true);
            Text t = r.text(c, f + ".p");
            if (t.value.empty()) continue;
            (after_sections ? d.closing : d.opening).push_back(std::move(t));
        } else if (name == "section") {
            after_sections = true;
            r.check_structure(c, {"title"}, {"p", "item"}, f + ".section");
            DispatchSection s;
            if (auto t = r.attr(c, "title", f + ".section.title")) s.title = *t;
            if (s.title.value.empty()) {
                r.missing(r.at(c), f + ".section.title", "tiêu đề mục (title)", "section title (title)");
            }
            s.paragraphs = r.list(c, "p", f + ".section.p");
            s.items = r.list(c, "item", f + ".section.item");
            for (auto& t : s.items) t.value = strip_item_punctuation(t.value);
            d.sections.push_back(std::move(s));
        }
    }
    // The letter ends with a closing paragraph that carries "./." (added by the template).
    if (d.closing.empty() && d.sections.empty() && !d.opening.empty()) {
        d.closing.push_back(std::move(d.opening.back()));
        d.opening.pop_back();
    }
    if (d.closing.empty()) {
        r.missing(d.where, f + ".p", "đoạn kết sau các mục (<p> sau <section> cuối cùng)",
                  "a closing paragraph after the sections (<p> after the last <section>)");
    } else {
        std::string& last = d.closing.back().value;
        for (const char* end : {"./.", "/.", "."}) {
            const std::string tail(end);
            if (last.size() >= tail.size() && last.compare(last.size() - tail.size(), tail.size(), tail) == 0) {
                last.erase(last.size() - tail.size());
                break;
            }
        }
    }
    if (const XMLElement* s = r.single(e, "signer", f + ".signer")) parse_signer(r, s, d.signer, f + ".signer");
    d.distribution = parse_distribution(r, e, f + ".distribution", "Như trên");
}

void parse_level(Diagnostics& diag, const Text& t, int& out, const std::string& field) {
    if (t.value.empty()) {
        diag.error(t.where, field, "thiếu mức độ đề nghị công nhận (level: 1 hoặc 2)", "missing requested level (level: 1 or 2)");
    } else if (auto v = parse_int(t.value, 1, 9)) {
        out = *v;
    } else {
        diag.error(t.where, field, "mức độ không hợp lệ: '" + t.value + "' (ghi 1 hoặc 2)",
                   "invalid level: '" + t.value + "' (write 1 or 2)");
    }
}

void parse_kind(Diagnostics& diag, const Text& t, RequestKind& out, const std::string& field) {
    if (t.value.empty()) return;  // lần đầu
    if (auto k = kind_of(t.value)) {
        out = *k;
    } else {
        diag.error(t.where, field,
                   "hình thức không hợp lệ: '" + t.value + "' (first/lần đầu, renewal/công nhận lại, upgrade/nâng mức độ)",
                   "invalid kind: '" + t.value + "' (first, renewal, upgrade)");
    }
}

void parse_result(Diagnostics& diag, const Text& t, std::optional<bool>& out, const std::string& field) {
    if (t.value.empty()) return;
    if (auto v = result_of(t.value)) {
        out = *v;
    } else {
        diag.error(t.where, field, "kết quả không hợp lệ: '" + t.value + "' (ghi đạt hoặc không đạt)",
                   "invalid result: '" + t.value + "' (write đạt or không đạt)");
    }
}

// Inline/CSV consistency: a unit not recognised needs reasons (TT24 Điều 10, TT25 Điều 9: the
// reply states the reasons); a recognised one must not carry any.
void check_reasons(Diagnostics& diag, const CouncilUnit& u, const std::string& field) {
    if (!u.granted) return;
    const bool has = !u.reasons.empty() || !u.failed.empty();
    if (!*u.granted && !has) {
        diag.error(u.where, field,
                   "đơn vị không đạt cần lý do (<reason> hoặc <indicator>): văn bản trả lời phải nêu rõ lý do",
                   "a unit that does not qualify needs reasons (<reason> or <indicator>): the reply must state them");
    }
    if (*u.granted && has) {
        diag.error(u.where, field, "đơn vị đạt không có lý do không đạt: bỏ <reason>/<indicator> hoặc sửa kết quả",
                   "a recognised unit has no reasons for failing: remove <reason>/<indicator> or fix the result");
    }
}

void parse_council_unit(Reader& r, const XMLElement* e, const std::filesystem::path& base_dir, CouncilUnit& u) {
    u.where = r.at(e);
    const auto file = r.attr(e, "file", "units.unit.file");
    const std::string f = "units.unit";
    if (file) {
        u.source = CouncilSource::File;
        r.check_structure(e, {"file", "result", "head", "addressee", "note"}, {"reason"}, f);
        u.file_attr = *file;
        if (file->value.empty()) {
            r.missing(file->where, f + ".file", "đường dẫn tệp số liệu (file)", "data file path (file)");
        } else {
            u.file = base_dir / std::filesystem::path(file->value);
        }
        if (auto res = r.attr(e, "result", f + ".result")) {
            parse_result(r.diag(), *res, u.granted, f + ".result");
            if (u.granted && *u.granted) {
                r.diag().error(res->where, f + ".result",
                               "với đơn vị khai bằng tệp, kết quả do hoso đánh giá từ số liệu; chỉ ghi result=\"không đạt\" "
                               "khi Hội đồng không công nhận",
                               "for a unit given by file hoso evaluates the result; write result=\"không đạt\" only "
                               "when the council does not recognise it");
                u.granted.reset();
            }
        }
    } else {
        u.source = CouncilSource::Inline;
        r.check_structure(e, {"name", "type", "level", "kind", "result", "head", "addressee", "request", "request-date", "note"},
                {"reason", "indicator"}, f);
        if (auto n = r.attr(e, "name", f + ".name")) u.name = *n;
        if (u.name.value.empty()) {
            r.missing(u.name.where.line ? u.name.where : u.where, f + ".name",
                      "tên đơn vị (name) hoặc tệp số liệu (file)", "unit name (name) or data file (file)");
        }
        if (auto t = r.attr(e, "type", f + ".type")) u.type = *t;
        Text level{{}, u.where};
        if (auto l = r.attr(e, "level", f + ".level")) level = *l;
        parse_level(r.diag(), level, u.level, f + ".level");
        if (auto k = r.attr(e, "kind", f + ".kind")) parse_kind(r.diag(), *k, u.kind, f + ".kind");
        Text result{{}, u.where};
        if (auto res = r.attr(e, "result", f + ".result")) result = *res;
        if (result.value.empty()) {
            r.missing(result.where, f + ".result", "kết quả thẩm định (result: đạt hoặc không đạt)",
                      "council result (result: đạt or không đạt)");
        }
        parse_result(r.diag(), result, u.granted, f + ".result");
        if (auto t = r.attr(e, "request", f + ".request")) u.request_number = *t;
        if (auto d = r.date_attr(e, "request-date", f + ".request-date", false)) u.request_date = *d;
        for (const XMLElement* x = e->FirstChildElement("indicator"); x != nullptr; x = x->NextSiblingElement("indicator")) {
            r.check_structure(x, {"id", "value", "reason"}, {}, f + ".indicator");
            CouncilIndicator ind;
            ind.where = r.at(x);
            if (auto id = r.attr(x, "id", f + ".indicator.id")) ind.id = *id;
            if (ind.id.value.empty()) {
                r.missing(ind.where, f + ".indicator.id", "mã chỉ tiêu (id, ví dụ T2.C4)", "indicator id (id, e.g. T2.C4)");
                continue;
            }
            if (auto v = r.attr(x, "value", f + ".indicator.value")) ind.value = *v;
            if (auto v = r.attr(x, "reason", f + ".indicator.reason")) ind.reason = *v;
            if (ind.reason.value.empty()) {
                r.missing(ind.where, f + ".indicator.reason", "lý do không đạt của chỉ tiêu (reason)",
                          "why the indicator is not met (reason)");
            }
            u.failed.push_back(std::move(ind));
        }
    }
    for (const char* name : {"head", "addressee", "note"}) {
        if (auto t = r.attr(e, name, f + "." + name)) {
            (std::string_view(name) == "head" ? u.head : std::string_view(name) == "addressee" ? u.addressee : u.note) = *t;
        }
    }
    u.reasons = r.list(e, "reason", f + ".reason");
    for (auto& t : u.reasons) t.value = strip_item_punctuation(t.value);
    if (u.source == CouncilSource::File && u.granted && !*u.granted && u.reasons.empty()) {
        r.diag().error(u.where, f, "Hội đồng không công nhận đơn vị thì phải ghi lý do (<reason>)",
                       "a unit the council does not recognise needs reasons (<reason>)");
    }
    if (u.source == CouncilSource::File && !u.granted && !u.reasons.empty()) {
        r.diag().error(u.reasons.front().where, f,
                       "<reason> chỉ dùng khi result=\"không đạt\" (lý do từ số liệu do hoso tự đánh giá)",
                       "<reason> only with result=\"không đạt\" (reasons from the data are computed by hoso)");
    }
    if (u.source == CouncilSource::Inline) check_reasons(r.diag(), u, f);
}

// The council parser has always named only these four tinyxml2 errors; any other error gets
// the generic text (the unit parser names more of them).
const char* council_xml_error_vi(tinyxml2::XMLError e) {
    switch (e) {
        case tinyxml2::XML_ERROR_MISMATCHED_ELEMENT:
        case tinyxml2::XML_ERROR_PARSING_ELEMENT:
        case tinyxml2::XML_ERROR_PARSING_ATTRIBUTE:
        case tinyxml2::XML_ERROR_PARSING_TEXT: return detail::xml_error_vi(e);
        default: return "tệp XML không hợp lệ";
    }
}

// --- CSV ---------------------------------------------------------------------------------------

struct CsvField {
    std::string value;
    int line = 0;
    int column = 0;
};

struct CsvRecord {
    int line = 0;
    std::vector<CsvField> fields;
};

// RFC 4180 with ',' or ';' (chosen from the header line: ';' when it has ';' and no ','),
// CRLF or LF, "" inside quotes, newlines inside quotes. Columns count code points.
std::vector<CsvRecord> split_csv(std::string_view s, const std::string& file, Diagnostics& diag, bool& ok) {
    ok = true;
    std::vector<CsvRecord> out;
    std::size_t i = 0;
    if (s.substr(0, 3) == "\xEF\xBB\xBF") i = 3;  // BOM (Excel)
    char sep = ',';
    {
        const std::size_t eol = s.find('\n', i);
        const std::string_view header = s.substr(i, eol == std::string_view::npos ? std::string_view::npos : eol - i);
        if (header.find(';') != std::string_view::npos && header.find(',') == std::string_view::npos) sep = ';';
    }
    int line = 1, column = 1;
    auto advance = [&](char c) {
        if (c == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++column;
        }
    };
    while (i < s.size()) {
        CsvRecord rec;
        rec.line = line;
        bool end_of_record = false;
        while (!end_of_record) {
            CsvField f;
            f.line = line;
            f.column = column;
            if (i < s.size() && s[i] == '"') {
                const int qline = line, qcol = column;
                advance(s[i++]);
                bool closed = false;
                while (i < s.size()) {
                    if (s[i] == '"') {
                        if (i + 1 < s.size() && s[i + 1] == '"') {
                            f.value += '"';
                            advance(s[i++]);
                            advance(s[i++]);
                            continue;
                        }
                        advance(s[i++]);
                        closed = true;
                        break;
                    }
                    if (s[i] != '\r') f.value += s[i];
                    advance(s[i++]);
                }
                if (!closed) {
                    diag.error({file, qline, qcol}, "", "dấu ngoặc kép mở nhưng không đóng", "unterminated quoted field");
                    ok = false;
                    return out;
                }
                // Only a separator or the end of the line may follow.
                std::size_t j = i;
                while (j < s.size() && (s[j] == ' ' || s[j] == '\t')) ++j;
                if (j < s.size() && s[j] != sep && s[j] != '\n' && s[j] != '\r') {
                    diag.error({file, line, column}, "", "ký tự thừa sau trường trong ngoặc kép",
                               "unexpected text after a quoted field");
                    ok = false;
                    while (i < s.size() && s[i] != sep && s[i] != '\n') advance(s[i++]);
                } else {
                    while (i < j) advance(s[i++]);
                }
            } else {
                while (i < s.size() && s[i] != sep && s[i] != '\n') {
                    if (s[i] == '"') {
                        diag.error({file, line, column}, "", "dấu ngoặc kép giữa trường chưa được đặt trong ngoặc kép",
                                   "quote inside an unquoted field");
                        ok = false;
                    }
                    if (s[i] != '\r') f.value += s[i];
                    advance(s[i++]);
                }
            }
            rec.fields.push_back(std::move(f));
            if (i >= s.size()) {
                end_of_record = true;
            } else if (s[i] == sep) {
                advance(s[i++]);
            } else {  // '\n'
                advance(s[i++]);
                end_of_record = true;
            }
        }
        const bool blank = rec.fields.size() == 1 && collapse_whitespace(rec.fields[0].value).empty();
        if (!blank) out.push_back(std::move(rec));
    }
    return out;
}

enum class Column : std::uint8_t { Name = 0, Type, Level, Kind, Result, Reasons, Head, Addressee, Request, RequestDate, Note, Number };

// Accepted headers, compared as ASCII slugs (case, marks, spaces and punctuation ignored:
// "Tên đơn vị", "TÊN ĐƠN VỊ", "ten_don_vi" are one name). Documented in examples/council/README.md.
const std::map<std::string, Column>& table_columns() {
    static const std::map<std::string, Column> m = {
        {"stt", Column::Number}, {"tt", Column::Number}, {"so-tt", Column::Number}, {"so-thu-tu", Column::Number},
        {"name", Column::Name}, {"ten-don-vi", Column::Name}, {"ten-co-quan-don-vi", Column::Name},
        {"ten-co-quan", Column::Name}, {"ten", Column::Name}, {"don-vi", Column::Name},
        {"ten-xa-phuong-thi-tran", Column::Name}, {"ten-xa", Column::Name},
        {"type", Column::Type}, {"loai-don-vi", Column::Type}, {"ma-loai-don-vi", Column::Type}, {"ma-loai", Column::Type},
        {"level", Column::Level}, {"muc-do", Column::Level}, {"muc-do-de-nghi", Column::Level},
        {"muc-do-de-nghi-cong-nhan", Column::Level},
        {"kind", Column::Kind}, {"hinh-thuc", Column::Kind}, {"hinh-thuc-cong-nhan", Column::Kind},
        {"result", Column::Result}, {"ket-qua", Column::Result}, {"ket-qua-tham-dinh", Column::Result},
        {"ket-qua-danh-gia", Column::Result},
        {"reasons", Column::Reasons}, {"ly-do", Column::Reasons}, {"ly-do-khong-dat", Column::Reasons},
        {"head", Column::Head}, {"chuc-danh-thu-truong", Column::Head}, {"thu-truong", Column::Head},
        {"addressee", Column::Addressee}, {"kinh-gui", Column::Addressee},
        {"request", Column::Request}, {"to-trinh", Column::Request}, {"so-to-trinh", Column::Request},
        {"request-date", Column::RequestDate}, {"ngay-to-trinh", Column::RequestDate},
        {"note", Column::Note}, {"ghi-chu", Column::Note},
    };
    return m;
}

const char* column_code(Column c) {
    switch (c) {
        case Column::Name: return "name";
        case Column::Type: return "type";
        case Column::Level: return "level";
        case Column::Kind: return "kind";
        case Column::Result: return "result";
        case Column::Reasons: return "reasons";
        case Column::Head: return "head";
        case Column::Addressee: return "addressee";
        case Column::Request: return "request";
        case Column::RequestDate: return "request_date";
        case Column::Note: return "note";
        case Column::Number: return "stt";
    }
    return "";
}

std::optional<Column> column_of(const std::string& header) {
    const std::string slug = text::ascii_slug(header, 60);
    const auto it = table_columns().find(slug);
    if (it == table_columns().end()) return std::nullopt;
    return it->second;
}

// "(1) (2) (3) …" or "1 2 3 …" under a header: the column numbers of an official table.
bool is_column_numbers_row(const detail::TableRow& row) {
    if (row.cells.size() < 3) return false;
    int expect = 0;
    for (const auto& c : row.cells) {
        std::string t = collapse_whitespace(c.text);
        if (t.size() >= 2 && t.front() == '(' && t.back() == ')') t = t.substr(1, t.size() - 2);
        const auto n = parse_int(t, 1, 999);
        if (!n || (expect != 0 && *n != expect + 1)) return false;
        expect = *n;
    }
    return true;
}

// CSV: one record per row, fields in order (the field-count check is the CSV reader's).
detail::Table csv_table(const std::vector<CsvRecord>& records, const std::string& file) {
    detail::Table t;
    t.file = file;
    for (const auto& rec : records) {
        detail::TableRow row;
        row.where = {file, rec.line, 1};
        int col = 0;
        for (const auto& f : rec.fields) row.cells.push_back({f.value, {file, f.line, f.column}, ++col, {}, false, {}});
        t.rows.push_back(std::move(row));
    }
    return t;
}

}  // namespace

std::vector<CouncilUnit> detail::units_from_table(const Table& table, const LoadOptions& options,
                                                  Diagnostics& diagnostics) {
    std::vector<CouncilUnit> out;
    const bool sheet = table.headers_in_fields;
    const std::string prefix = sheet ? "xlsx" : "csv";
    // The header row.
    std::size_t header_index = 0;
    if (sheet) {
        header_index = table.rows.size();
        for (std::size_t i = 0; i < table.rows.size() && header_index == table.rows.size(); ++i) {
            int known = 0;
            for (const auto& c : table.rows[i].cells) known += column_of(c.text) ? 1 : 0;
            if (known >= 2) header_index = i;
        }
        if (header_index == table.rows.size()) {
            diagnostics.error({table.file + ": " + table.sheet + "!A1", 0, 0}, "",
                              "không tìm thấy dòng tiêu đề: cần một dòng ghi tên các cột, ít nhất 'Tên đơn vị', "
                              "'Mức độ', 'Kết quả' (xem examples/council/README.md)",
                              "no header row: a row must name the columns, at least 'Tên đơn vị' (name), "
                              "'Mức độ' (level) and 'Kết quả' (result)");
            return out;
        }
    } else if (table.rows.empty()) {
        diagnostics.error({table.file, 1, 1}, "", "tệp CSV không có dòng tiêu đề", "the CSV file has no header row");
        return out;
    }
    const TableRow& header = table.rows[header_index];
    std::map<int, Column> columns;              // column number → column
    std::map<int, std::string> header_text;     // column number → header as written
    std::map<Column, SourceLocation> seen;
    bool header_ok = true;
    for (const auto& c : header.cells) {
        const std::string name = collapse_whitespace(c.text);
        header_text[c.column] = name;
        const auto col = column_of(name);
        if (!col) {
            if (name.empty() && !sheet) {
                diagnostics.error(c.where, prefix, "cột không có tên", "a column without a name");
            } else if (!name.empty()) {
                diagnostics.error(c.where, prefix,
                                  "cột không hợp lệ '" + (sheet ? name : text::to_lower(name)) +
                                      "' (cho phép: name/Tên đơn vị, type/Loại đơn vị, level/Mức độ, kind/Hình thức, "
                                      "result/Kết quả, reasons/Lý do, head/Chức danh thủ trưởng, addressee/Kính gửi, "
                                      "request/Số tờ trình, request_date/Ngày tờ trình, note/Ghi chú, STT)",
                                  "unknown column '" + name + "'");
            }
            header_ok = false;
            continue;
        }
        if (const auto it = seen.find(*col); it != seen.end() && *col != Column::Number) {
            const std::string first = sheet ? " (" + it->second.file.substr(it->second.file.rfind('!') + 1) + ")" : "";
            diagnostics.error(c.where, prefix, "cột '" + (sheet ? name : text::to_lower(name)) + "' bị lặp" + first,
                              "duplicate column '" + name + "'" + first);
            header_ok = false;
        }
        seen.emplace(*col, c.where);
        columns[c.column] = *col;
    }
    for (const auto& [name, col] : {std::pair{"name", Column::Name}, std::pair{"level", Column::Level},
                                    std::pair{"result", Column::Result}}) {
        if (!seen.count(col)) {
            diagnostics.error(sheet ? header.cells.front().where : SourceLocation{table.file, header.where.line, 1}, prefix,
                              std::string("thiếu cột bắt buộc '") + name + "'" +
                                  (sheet ? std::string(" (") + (col == Column::Name ? "Tên đơn vị" : col == Column::Level ? "Mức độ" : "Kết quả") + ")" : ""),
                              std::string("missing required column '") + name + "'");
            header_ok = false;
        }
    }
    if (!header_ok) return out;

    detail::ValueCleaner clean(options, diagnostics);
    std::size_t first_data = header_index + 1;
    if (sheet && first_data < table.rows.size() && is_column_numbers_row(table.rows[first_data])) ++first_data;
    for (std::size_t k = first_data; k < table.rows.size(); ++k) {
        const auto& row = table.rows[k];
        CouncilUnit u;
        u.source = sheet ? CouncilSource::Xlsx : CouncilSource::Csv;
        u.where = row.where;
        // An XLSX row names a cell by its column; where a required cell is missing, its address.
        auto cell_at = [&](Column col) {
            for (const auto& [n, c] : columns) {
                if (c != col) continue;
                if (!sheet) return SourceLocation{table.file, row.where.line, n};
                std::string letters;
                for (int x = n; x > 0; x = (x - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (x - 1) % 26));
                const std::string& f = row.where.file;
                return SourceLocation{f.substr(0, f.rfind('!') + 1) + letters + f.substr(f.rfind('!') + 2), 0, 0};
            }
            return row.where;
        };
        Text level{{}, cell_at(Column::Level)}, result{{}, cell_at(Column::Result)};
        u.name.where = cell_at(Column::Name);
        bool row_ok = true;
        for (const auto& cell : row.cells) {
            const auto it = columns.find(cell.column);
            const std::string field = sheet ? (header_text.count(cell.column) ? header_text[cell.column] : "")
                                            : it == columns.end() ? prefix : prefix + "." + column_code(it->second);
            if (it == columns.end()) {
                diagnostics.error(cell.where, field, "ô có dữ liệu nhưng cột không có tiêu đề: '" + cell.text + "'",
                                  "a cell with data under no column header: '" + cell.text + "'");
                row_ok = false;
                continue;
            }
            if (cell.formula_without_value) {
                diagnostics.error(cell.where, field,
                                  "ô có công thức nhưng chưa có giá trị tính sẵn: mở tệp bằng Excel hoặc LibreOffice rồi lưu lại",
                                  "a formula without a cached value: open the file in Excel or LibreOffice and save it");
                row_ok = false;
                continue;
            }
            if (!cell.error_value.empty()) {
                diagnostics.error(cell.where, field, "ô chứa lỗi công thức " + cell.error_value,
                                  "the cell holds the formula error " + cell.error_value);
                row_ok = false;
                continue;
            }
            const SourceLocation& where = cell.where;
            auto text_of = [&]() { return Text{clean.clean(cell.text, where, field), where}; };
            switch (it->second) {
                case Column::Number: break;
                case Column::Name: u.name = text_of(); break;
                case Column::Type: u.type = text_of(); break;
                case Column::Level: level = text_of(); break;
                case Column::Kind: parse_kind(diagnostics, text_of(), u.kind, field); break;
                case Column::Result: result = text_of(); break;
                case Column::Reasons: {
                    // Several reasons in one cell are separated by ';' (or by line breaks in a sheet).
                    std::string all = cell.text;
                    if (sheet) std::replace(all.begin(), all.end(), '\n', ';');
                    std::size_t pos = 0;
                    while (pos <= all.size()) {
                        const std::size_t semi = all.find(';', pos);
                        const std::string part = all.substr(pos, semi == std::string::npos ? std::string::npos : semi - pos);
                        Text t{clean.clean(part, where, field), where};
                        t.value = strip_item_punctuation(t.value);
                        if (!t.value.empty()) u.reasons.push_back(std::move(t));
                        if (semi == std::string::npos) break;
                        pos = semi + 1;
                    }
                    break;
                }
                case Column::Head: u.head = text_of(); break;
                case Column::Addressee: u.addressee = text_of(); break;
                case Column::Request: u.request_number = text_of(); break;
                case Column::RequestDate: {
                    if (cell.number) {
                        if (auto d = excel_serial_date(*cell.number, table.date1904)) {
                            u.request_date = *d;
                        } else {
                            diagnostics.error(where, field, "ô ngày chứa số không phải ngày: " + cell.text,
                                              "the date cell holds a number that is no date: " + cell.text);
                        }
                        break;
                    }
                    const Text t = text_of();
                    if (t.value.empty()) break;
                    if (auto d = parse_partial_date(t.value)) {
                        u.request_date = *d;
                    } else if (sheet) {
                        diagnostics.error(where, field,
                                          "cột ngày chứa văn bản không phải ngày: '" + t.value +
                                              "' (ghi ngày dạng 08/01/2025 hoặc định dạng ô là Ngày)",
                                          "text in a date column: '" + t.value + "' (write a date such as 08/01/2025 or "
                                          "format the cell as a date)");
                    } else {
                        diagnostics.error(where, field, "ngày không hợp lệ: '" + t.value + "' (ghi YYYY-MM-DD)",
                                          "invalid date: '" + t.value + "' (write YYYY-MM-DD)");
                    }
                    break;
                }
                case Column::Note: u.note = text_of(); break;
            }
        }
        if (!row_ok) continue;
        auto field_of = [&](Column col) {
            if (!sheet) return prefix + "." + column_code(col);
            for (const auto& [n, c] : columns) {
                if (c == col) return header_text[n];
            }
            return prefix;
        };
        if (u.name.value.empty()) {
            diagnostics.error(u.name.where.line || sheet ? u.name.where : u.where, field_of(Column::Name), "thiếu tên đơn vị",
                              "missing unit name");
        }
        parse_level(diagnostics, level, u.level, field_of(Column::Level));
        if (result.value.empty()) {
            diagnostics.error(result.where, field_of(Column::Result), "thiếu kết quả thẩm định (đạt hoặc không đạt)",
                              "missing council result (đạt or không đạt)");
        }
        parse_result(diagnostics, result, u.granted, field_of(Column::Result));
        if (u.granted && !*u.granted && u.reasons.empty()) {
            diagnostics.error(sheet ? cell_at(Column::Reasons) : u.where, field_of(Column::Reasons),
                              "đơn vị không đạt cần lý do (cột reasons / Lý do)",
                              "a unit that does not qualify needs reasons (column reasons / Lý do)");
        }
        if (u.granted && *u.granted && !u.reasons.empty()) {
            diagnostics.error(u.reasons.front().where, field_of(Column::Reasons), "đơn vị đạt không có lý do không đạt",
                              "a recognised unit has no reasons for failing");
        }
        out.push_back(std::move(u));
    }
    return out;
}

std::vector<CouncilUnit> parse_council_csv(std::string_view csv, const std::string& file_name,
                                           const LoadOptions& options, Diagnostics& diagnostics) {
    std::vector<CouncilUnit> out;
    if (csv.size() > kMaxFileBytes) {
        diagnostics.error({file_name, 0, 0}, "", "tệp quá lớn, không đọc", "file too large, not read");
        return out;
    }
    std::string converted;
    if (const auto bad = text::find_invalid_utf8(csv)) {
        // Not UTF-8: a list saved from an old program in TCVN3, VNI, Windows-1258 or VISCII.
        const text::LegacyVerdict v = text::decode_legacy_bytes(csv);
        if (v.kind == text::LegacyVerdict::Kind::Converted) {
            const std::string name = text::legacy_name(v.encodings.front());
            diagnostics.warning({file_name, 0, 0}, "csv", "tệp không phải UTF-8: đã đọc theo bảng mã " + name + " và chuyển sang Unicode",
                                "not UTF-8: read as " + name + " and converted to Unicode");
            converted = v.text;
            csv = converted;
        } else {
            std::string names;
            for (const auto e : v.encodings) names += std::string(names.empty() ? "" : ", ") + text::legacy_name(e);
            diagnostics.error(locate(csv, *bad, file_name), "",
                              v.kind == text::LegacyVerdict::Kind::Ambiguous
                                  ? "tệp không phải UTF-8 và có thể là nhiều bảng mã (" + names + "); hãy lưu tệp CSV với mã hóa UTF-8"
                                  : std::string("tệp không phải UTF-8 hợp lệ và không nhận ra bảng mã; hãy lưu tệp CSV với mã hóa UTF-8"),
                              v.kind == text::LegacyVerdict::Kind::Ambiguous
                                  ? "not UTF-8, and it could be several encodings (" + names + "); save the CSV file as UTF-8"
                                  : std::string("invalid UTF-8 in no known Vietnamese encoding; save the CSV file as UTF-8"));
            return out;
        }
    }
    bool ok = true;
    const auto records = split_csv(csv, file_name, diagnostics, ok);
    if (!ok) return out;
    detail::Table table = csv_table(records, file_name);
    // Every row has as many fields as the header; a row that has not is reported and left out.
    for (std::size_t k = 1; k < table.rows.size();) {
        const auto& row = table.rows[k];
        const std::size_t n = row.cells.size(), header = table.rows[0].cells.size();
        if (n == header) {
            ++k;
            continue;
        }
        diagnostics.error(row.where, "csv",
                          "dòng có " + std::to_string(n) + " trường, dòng tiêu đề có " + std::to_string(header),
                          "row has " + std::to_string(n) + " fields, the header has " + std::to_string(header));
        table.rows.erase(table.rows.begin() + static_cast<std::ptrdiff_t>(k));
    }
    return detail::units_from_table(table, options, diagnostics);
}

CouncilData parse_council(std::string_view xml, const std::string& file_name, const std::filesystem::path& base_dir,
                          const LoadOptions& options, Diagnostics& diagnostics) {
    CouncilData out;
    out.source = file_name;
    if (!preflight_xml(xml, file_name, diagnostics)) return out;
    tinyxml2::XMLDocument doc(true, tinyxml2::PRESERVE_WHITESPACE);
    doc.Parse(xml.data(), xml.size());
    if (doc.Error()) {
        detail::report_malformed_xml(doc, file_name, diagnostics, council_xml_error_vi(doc.ErrorID()));
        return out;
    }
    Reader r(xml, file_name, options, diagnostics);
    const XMLElement* root = doc.RootElement();
    if (root == nullptr || std::string_view(root->Name()) != "hoso-council") {
        diagnostics.error(root ? r.at(root) : SourceLocation{file_name, 1, 1}, "",
                          "phần tử gốc phải là <hoso-council>", "the root element must be <hoso-council>");
        return out;
    }
    r.check_structure(root, {"form", "year", "version"}, {"council", "decision", "letters", "dispatch", "report", "units"}, "");
    r.check_version(root);
    if (auto f = r.attr(root, "form", "form")) out.form_id = *f;
    if (out.form_id.value.empty()) {
        r.missing(r.at(root), "form", "mã bộ tiêu chí (form, ví dụ tt24-huyen)", "form id (form, e.g. tt24-huyen)");
        out.form_id.where = r.at(root);
    }
    const auto year = r.attr(root, "year", "year");
    if (!year || year->value.empty()) {
        r.missing(r.at(root), "year", "năm đánh giá (year)", "assessed year (year)");
    } else if (auto y = parse_int(year->value, 1900, 9999)) {
        out.year = *y;
    } else {
        diagnostics.error(year->where, "year", "năm không hợp lệ: '" + year->value + "'", "invalid year: '" + year->value + "'");
    }
    if (const XMLElement* c = r.single(root, "council", "council")) {
        r.check_structure(c, {"name", "date"}, {}, "council");
        if (auto n = r.attr(c, "name", "council.name")) out.council_name = *n;
        out.meeting_date = r.date_attr(c, "date", "council.date", false);
    }
    if (const XMLElement* e = r.single(root, "decision", "decision")) {
        parse_decision(r, e, out.decision);
    } else {
        r.missing(r.at(root), "decision", "thông tin quyết định công nhận (<decision>)",
                  "the recognition decision (<decision>)");
    }
    if (const XMLElement* e = r.single(root, "letters", "letters")) parse_letters(r, e, out.letters);
    if (const XMLElement* e = r.single(root, "dispatch", "dispatch")) {
        out.dispatch.emplace();
        parse_dispatch(r, e, *out.dispatch);
    }
    if (const XMLElement* e = r.single(root, "report", "report")) {
        out.report.emplace();
        parse_report(r, e, *out.report);
    }
    if (const XMLElement* e = r.single(root, "units", "units")) {
        r.check_structure(e, {}, {"unit", "import"}, "units");
        for (const XMLElement* x = e->FirstChildElement(); x != nullptr; x = x->NextSiblingElement()) {
            const std::string name = x->Name();
            if (name == "unit") {
                CouncilUnit u;
                parse_council_unit(r, x, base_dir, u);
                out.units.push_back(std::move(u));
            } else if (name == "import") {
                r.check_structure(x, {"csv", "xlsx", "sheet"}, {}, "units.import");
                const auto csv = r.attr(x, "csv", "units.import.csv");
                const auto xlsx = r.attr(x, "xlsx", "units.import.xlsx");
                const auto sheet = r.attr(x, "sheet", "units.import.sheet");
                const bool has_csv = csv && !csv->value.empty(), has_xlsx = xlsx && !xlsx->value.empty();
                if (has_csv == has_xlsx) {
                    r.missing(r.at(x), "units.import", "đúng một tệp: csv=\"….csv\" hoặc xlsx=\"….xlsx\"",
                              "exactly one file: csv=\"….csv\" or xlsx=\"….xlsx\"");
                    continue;
                }
                if (sheet && has_csv) {
                    diagnostics.error(sheet->where, "units.import.sheet", "sheet chỉ dùng với xlsx", "sheet goes with xlsx only");
                }
                const Text& file = has_csv ? *csv : *xlsx;
                const std::filesystem::path path = base_dir / std::filesystem::path(file.value);
                std::string bytes;
                try {
                    bytes = read_file(path, kMaxFileBytes + 1);
                } catch (const IoError& err) {
                    diagnostics.error(file.where, has_csv ? "units.import.csv" : "units.import.xlsx",
                                      std::string("không đọc được tệp ") + (has_csv ? "CSV" : "bảng tính") + " '" +
                                          path.string() + "': " + err.message(),
                                      std::string("cannot read the ") + (has_csv ? "CSV file" : "workbook") + " '" +
                                          path.string() + "'");
                    continue;
                }
                auto units = has_csv ? parse_council_csv(bytes, path.string(), options, diagnostics)
                                     : parse_council_xlsx(bytes, path.string(), sheet ? sheet->value : std::string(),
                                                          options, diagnostics);
                for (auto& u : units) out.units.push_back(std::move(u));
            }
        }
    } else {
        r.missing(r.at(root), "units", "danh sách đơn vị (<units>)", "the list of units (<units>)");
    }
    return out;
}

CouncilData load_council(const std::filesystem::path& path, const LoadOptions& options, Diagnostics& diagnostics) {
    const std::string bytes = read_file(path, kMaxFileBytes + 1);
    CouncilData out = parse_council(bytes, path.string(), path.parent_path(), options, diagnostics);
    out.source = path;
    return out;
}

}  // namespace hoso::data
