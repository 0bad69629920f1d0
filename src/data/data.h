// data: the unit's assessment data file (XML) → data::UnitData, with every problem of the
// file reported at once (file:line:column, Vietnamese + English). Strings come out NFC;
// NFD input is normalised with a warning. Nothing here knows the criteria themselves:
// checking indicator ids and thresholds against a form is forms' job.
//
// The file format is documented in examples/README.md and examples/*.xml.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/core.h"

namespace hoso::data {

// A string value from the file together with where it was written.
struct Text {
    std::string value;  // NFC
    SourceLocation where;
};

struct Unit {
    Text name;                         // "Trường Tiểu học Đông Hải" (as written, mixed case)
    Text type;                         // unit type code, e.g. "truong-tieu-hoc" (forms/ defines the codes)
    std::vector<Text> parent_agency;   // cơ quan chủ quản lines, e.g. {"UBND HUYỆN PHONG THỔ"}; may be empty
    std::vector<Text> issuing_lines;   // how the unit's own name is printed in the header, if it
                                       // needs several lines; empty = name (upper-cased)
    Text abbreviation;                 // ký hiệu of the unit for số/ký hiệu, e.g. "THĐH"
    Text place;                        // địa danh for the date line, e.g. "Phong Thổ"
    Text district;                     // huyện/tỉnh the unit belongs to, e.g. "huyện Phong Thổ"
    Text commune;                      // xã/phường the unit belongs to, e.g. "xã Phong Thổ" (from 01/07/2025)
    std::optional<int> members;        // number of Thành viên, if given
    std::vector<Text> traits;          // further properties the form defines, e.g. "vung-kho-khan"
    SourceLocation where;              // the <unit> element
};

enum class RequestKind : std::uint8_t { First = 0, Renewal, Upgrade };  // lần đầu / lại / nâng mức độ

struct PreviousDecision {
    Text number;  // "304/QĐ-UBND"
    Date date;
    int level = 0;
    int year = 0;  // the assessed year that decision recognised; 0 = not given
    SourceLocation where;
};

struct Assessment {
    int year = 0;                  // the assessed year (data 01/01–31/12)
    int requested_level = 0;       // 1 or 2
    RequestKind kind = RequestKind::First;
    std::optional<PreviousDecision> previous;  // required for Renewal and Upgrade
    // The decision recognising this assessment, when already known (<assessment decision-date>;
    // the day, or day and month, may be blank). With the setting validity-base = decision-year
    // its year starts the validity period; `hoso decision` uses the council's decision date.
    std::optional<Date> decision_date;
    SourceLocation where;
};

// One document of the dossier: its number and date as printed in "Số: …" and the date line.
struct DocumentInfo {
    Text number;  // "05" (number only; the ký hiệu is built from the form and unit), may be blank
    Date date;    // may have blank day/month (filled in by hand)
    SourceLocation where;
};

struct Signer {
    std::vector<Text> authority;  // "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", then the chức vụ line(s)
    Text name;
};

// <authorities profile="…" confirmed="yes"/>: which authority profile (forms/authorities/, or a
// province's own next to its templates) the dossier uses instead of the one its date selects,
// and whether the clerk has confirmed the profile's UNVERIFIED settings.
struct AuthorityChoice {
    Text profile;            // empty = chosen by the document's date
    bool confirmed = false;  // the UNVERIFIED settings were checked against current guidance
    SourceLocation where;
};

struct Evidence {
    Text code;                 // "H1-01"
    Text description;          // "Kế hoạch số 12/KH-THĐH ngày 10/01/2024 …"
    std::optional<Date> date;  // date of the evidence document, if given (a full date)
    SourceLocation where;
    // A number or date was written but refused (reported by load_unit): whether the item is
    // checkable is then unknown, and nothing else reports it again.
    bool rejected = false;
    Text number{};             // số, ký hiệu of the evidence document, if given: "12/KH-THĐH"
};

// Raw figures of one indicator; the form decides which of them it needs.
struct IndicatorInput {
    Text id;                               // as in forms/, e.g. "T2.C1"
    std::optional<double> numerator;       // e.g. members meeting the requirement
    std::optional<double> denominator;     // e.g. all members
    std::optional<double> count;           // e.g. number of programmes
    std::optional<bool> met;               // yes/no indicators
    std::optional<Text> level;             // e.g. "muc-do-2", "dap-ung-co-ban"
    std::optional<bool> applicable;        // explicit "không áp dụng" when false
    std::vector<Evidence> evidence;
    Text note;                             // ghi chú / result description printed in reports
    SourceLocation where;
    std::map<std::string, double> figures;  // further named figures (sub-ratios), by name
    // Where each value was written, by field: "numerator", "denominator", "count", "met",
    // "level", "applicable", "note", and each figure's name. Absent = not written.
    std::map<std::string, SourceLocation> locations;
    // Fields (names as in `locations`) whose value was written but refused: not a number,
    // negative, not yes/no, too long… load_unit reported it; nothing else reports it again (it
    // is wrong, not missing).
    std::set<std::string> rejected;
};

struct ReportSection {
    Text key;                      // e.g. "dac-diem", "thuan-loi", "kien-nghi"
    Text title;
    std::vector<Text> paragraphs;
};

struct UnitData {
    std::filesystem::path source;         // the file it was read from
    Text form_id;                         // e.g. "tt24-huyen"
    Unit unit;
    Assessment assessment;
    std::map<std::string, DocumentInfo> documents;  // "to-trinh", "bao-cao", "tong-hop"
    std::vector<Text> addressees;         // Kính gửi (empty = the form's default authority)
    Signer signer;
    std::optional<AuthorityChoice> authorities;  // <authorities>; absent = by the Tờ trình's date
    std::vector<Text> distribution;       // Nơi nhận items (empty = form default)
    std::vector<IndicatorInput> indicators;  // in file order
    std::vector<ReportSection> report;    // narrative sections of the Báo cáo
    std::vector<Text> team;               // Tổ đánh giá members, "Họ tên - chức vụ"
    // Overrides of the form's settings for this assessment (name → value), e.g.
    // "not-applicable" → "fail". forms::check validates names and values.
    std::map<std::string, Text> settings;
    // Fields outside the indicators whose value was written but refused (already reported by
    // load_unit), by diagnostic field name: "unit.members", "assessment.year",
    // "assessment.level", "assessment.kind", "assessment.decision-date",
    // "assessment.previous-decision.date" / ".level" / ".year", "documents.<kind>.date".
    std::set<std::string> rejected;
    bool refused(const std::string& field) const { return rejected.count(field) != 0; }
};

// --- A generic administrative document (hoso document): Kế hoạch, joint Tờ trình, … ---------
// The file names the template that prints it; the format is in examples/README.md.

struct DocumentIssuer {               // one issuing body (the lead first; two = liên tịch)
    std::vector<Text> parent_agency;  // cơ quan chủ quản lines (may be empty)
    Text name;                        // "Sở Giáo dục và Đào tạo" (printed upper-case)
    Text abbreviation;                // for the ký hiệu: "SGDĐT"
    Signer signer;
    SourceLocation where;
};

struct DocumentContent {              // one paragraph of a section: plain or a "- " item
    bool item = false;
    Text text;
};

struct DocumentSection {              // "I. MỤC ĐÍCH, YÊU CẦU", "1. Xác định …"
    Text title;
    std::vector<DocumentContent> content;
    std::vector<DocumentSection> sections;  // one level below (numbered 1., 2., …)
    SourceLocation where;
};

struct DocumentData {
    std::filesystem::path source;
    Text template_id;                 // "ke-hoach", "to-trinh-lien-tich"
    std::vector<DocumentIssuer> issuers;
    Text number;                      // blank = numbered by hand
    Date date;                        // day/month may be blank
    Text place;                       // địa danh of the date line
    std::vector<Text> summary;        // trích yếu lines
    std::vector<Text> addressees;     // Kính gửi (Tờ trình); may be empty (Kế hoạch)
    std::vector<Text> opening;        // paragraphs before section I (căn cứ, "Thực hiện …")
    std::vector<DocumentSection> sections;
    std::vector<Text> closing;        // paragraphs after the sections (the last ends "./.")
    std::vector<Text> distribution;   // Nơi nhận
    SourceLocation where;
};

struct LoadOptions;
DocumentData load_document(const std::filesystem::path& path, const LoadOptions& options, Diagnostics& diagnostics);
DocumentData parse_document(std::string_view xml, const std::string& file_name, const LoadOptions& options,
                            Diagnostics& diagnostics);

struct LoadOptions {
    // Called for every string value; returns the code points the output fonts cannot print
    // (empty = all printable). Such strings are errors: hoso refuses to print boxes.
    std::function<std::vector<char32_t>(const std::string& nfc)> missing_glyphs;
};

// Reads and validates the structure of a unit data file. `diagnostics` receives every
// problem (errors and warnings); the result is meaningful only if it has no errors.
// Throws hoso::IoError only when the file cannot be read at all.
UnitData load_unit(const std::filesystem::path& path, const LoadOptions& options,
                   Diagnostics& diagnostics);
UnitData parse_unit(std::string_view xml, const std::string& file_name, const LoadOptions& options,
                    Diagnostics& diagnostics);

// --- Limits and checks shared by every XML file hoso reads (unit data, forms/) ---------------

inline constexpr std::size_t kMaxFileBytes = 8u << 20;      // larger files are refused unread
inline constexpr int kMaxXmlDepth = 64;                     // element nesting limit
inline constexpr std::size_t kMaxValueBytes = 100u << 10;   // one text value or attribute

// Checks raw bytes before they reach an XML parser: size, UTF-8 validity and element nesting
// depth (tinyxml2 parses recursively, so absurd nesting must never reach it). Reports each
// problem with its line and column; returns false when the bytes must not be parsed.
bool preflight_xml(std::string_view bytes, const std::string& file_name, Diagnostics& diagnostics);

// Line and column (1-based) of a byte offset in `bytes`; the column counts code points.
SourceLocation locate(std::string_view bytes, std::size_t offset, const std::string& file_name);

// XML-reading helpers shared by the data parsers and forms/ (both read tinyxml2 documents,
// which report line numbers only).
//
// Runs of ASCII whitespace (line breaks of the XML source included) become one space;
// leading and trailing whitespace is dropped.
std::string collapse_whitespace(std::string_view s);

// Line index of a source file: turns tinyxml2's line numbers into file:line:column by
// finding a piece of text (e.g. "<unit" or "level=") on that line. `src` must outlive it.
class SourceLines {
public:
    SourceLines(std::string_view src, std::string file);
    const std::string& file() const { return m_file; }
    // The first `needle` on 1-based `line`, column in code points; column 0 if `needle` is
    // not on that line, or the line does not exist.
    SourceLocation find_on_line(int line, std::string_view needle) const;

private:
    std::string_view m_src;
    std::string m_file;
    std::vector<std::size_t> m_line_starts;
};


// =============================================================================================
// Council files (hoso decision): the appraisal council's list of units and what the decision,
// the reply letters and an optional dispatch need. Format: examples/council/README.md, example
// examples/council/tt24-huyen-2024.xml. Parsed by src/data/council.cpp. Nothing here knows the
// forms: units given by file are loaded, checked and evaluated by app with the unit parser above.
// =============================================================================================

// The header block and place of one issuing body (ô 1–4 of ND30).
struct IssuerBlock {
    std::vector<Text> parent_agency;  // cơ quan chủ quản lines; may be empty
    std::vector<Text> agency;         // cơ quan ban hành lines (at least one)
    Text abbreviation;                // for ký hiệu: "UBND", "PGDĐT"
    Text place;                       // địa danh: "Phong Thổ"
    Text name;                        // in sentences: "Phòng Giáo dục và Đào tạo huyện Phong Thổ"
    SourceLocation where;
};

// One căn cứ line: text as written (without "Căn cứ" and final punctuation), or the form's
// circular citation (<basis ref="circular"/>).
struct Basis {
    Text text;
    bool circular = false;
};

struct CouncilDecision {
    IssuerBlock issuer;
    Text number;                    // "05" (no year: ND30); blank = numbered by hand
    Date date;                      // may leave day/month blank
    Text authority;                 // thẩm quyền ban hành: "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN PHONG THỔ"
    Text issuer_title;              // "Chủ tịch Ủy ban nhân dân huyện Phong Thổ" (appendix reference)
    std::vector<Basis> bases;       // empty = the circular only
    Text proposal;                  // after "Theo đề nghị của"; may be empty
    std::vector<Text> executors;    // Điều 3: who executes (before the units named in Điều 1)
    Signer signer;
    std::vector<Text> distribution;  // Nơi nhận after "Như Điều 3"
    SourceLocation where;
};

// The letters to units that do not qualify (for TT24 cấp huyện: from the Phòng GDĐT).
struct CouncilLetters {
    IssuerBlock issuer;
    Text drafting_unit;                // ký hiệu after the issuer's: "GDTX" → "12/PGDĐT-GDTX"; may be empty
    std::optional<int> first_number;   // letters numbered from here in list order; none = by hand
    Date date;
    Signer signer;
    std::vector<Text> distribution;   // Nơi nhận after "Như trên"
    std::vector<Text> guidance;       // extra paragraphs before the closing sentence
    SourceLocation where;
};

// A failed indicator named inline: <indicator id="T2.C4" value="…" reason="…"/>.
struct CouncilIndicator {
    Text id;
    Text value;
    Text reason;
    SourceLocation where;
};

enum class CouncilSource : std::uint8_t { File = 0, Inline, Csv, Xlsx };

struct CouncilUnit {
    CouncilSource source = CouncilSource::Inline;
    std::filesystem::path file;      // File: resolved against the council file's folder
    Text file_attr;                  // File: as written
    // Inline and CSV (File: read from the unit file instead).
    Text name;
    Text type;                       // unit type code of the form; may be empty
    int level = 0;                   // requested level
    RequestKind kind = RequestKind::First;
    // Inline and CSV: the council's result (required). File: absent = the evaluation decides;
    // false = the council does not recognise the unit (reasons required).
    std::optional<bool> granted;
    std::vector<Text> reasons;       // why not recognised
    std::vector<CouncilIndicator> failed;
    Text head;                       // Kính gửi: head's title before the name, "Hiệu trưởng"
    Text addressee;                  // Kính gửi: the whole line (overrides head + name)
    Text request_number;             // Tờ trình "05/TTr-THĐH"
    std::optional<Date> request_date;
    Text note;                       // Ghi chú column of the list
    SourceLocation where;            // the element, or csv file:line
};

struct DispatchSection {
    Text title;                      // "Phòng Giáo dục và Đào tạo"
    std::vector<Text> paragraphs;    // plain paragraphs
    std::vector<Text> items;         // "- …" items (after the paragraphs)
};

// An optional công văn in the style of the seed letters (triển khai thực hiện …).
struct CouncilDispatch {
    Text number;                     // blank = by hand
    Date date;
    Text symbol;                     // ký hiệu after the number: "UBND-GDĐT"
    Text subject;                    // after "V/v"
    std::vector<Text> addressees;    // Kính gửi
    std::vector<Text> opening;       // paragraphs before the sections
    std::vector<DispatchSection> sections;  // numbered 1., 2., …
    std::vector<Text> closing;       // paragraphs after the sections (the last ends "./.")
    Signer signer;                   // empty = the decision's signer
    std::vector<Text> distribution;  // Nơi nhận after "Như trên"
    SourceLocation where;
};

// An optional annual results report (Báo cáo kết quả đánh giá, công nhận … năm …) to the body
// above (TT24: the Phòng GDĐT to the Sở GDĐT before 15/3; TT25: in May), NĐ 30 Mẫu 1.4.
struct CouncilReport {
    IssuerBlock issuer;              // its own header (the Phòng GDĐT), name in sentences required
    Text number;                     // blank = by hand; ký hiệu BC-<abbreviation> from the template
    Date date;
    std::vector<Text> addressees;    // Kính gửi
    std::vector<Basis> bases;        // "Thực hiện …"; empty = the circular only
    std::vector<Text> paragraphs;    // assessment and proposals in words; may be empty
    Signer signer;
    std::vector<Text> distribution;  // Nơi nhận after "Như trên"
    SourceLocation where;
};

struct CouncilData {
    std::filesystem::path source;
    Text form_id;                    // all units use this form
    int year = 0;                    // the assessed year
    Text council_name;               // "Hội đồng đánh giá “Đơn vị học tập” cấp huyện"
    std::optional<Date> meeting_date;  // when the council appraised
    CouncilDecision decision;
    CouncilLetters letters;
    std::optional<CouncilDispatch> dispatch;
    std::optional<CouncilReport> report;
    std::vector<CouncilUnit> units;  // in file order (imports expanded in place)
};

// Reads a council file and its CSV and XLSX imports (relative to the file's folder). Every problem goes
// to `diagnostics` with file:line:column (a CSV problem with the CSV file's line and column).
// Throws IoError only when the council file itself cannot be read.
CouncilData load_council(const std::filesystem::path& path, const LoadOptions& options,
                         Diagnostics& diagnostics);
// `base_dir` resolves unit files and imports.
CouncilData parse_council(std::string_view xml, const std::string& file_name,
                          const std::filesystem::path& base_dir, const LoadOptions& options,
                          Diagnostics& diagnostics);
// A units CSV (UTF-8, header row, ',' or ';' separated, RFC 4180 quoting); columns in
// examples/council/README.md. Units come out with source Csv and where = file:line.
// Not UTF-8: read as TCVN3, VNI, Windows-1258 or VISCII when exactly one of them fits (a warning
// names it), refused otherwise. Headers may be English or Vietnamese (README).
std::vector<CouncilUnit> parse_council_csv(std::string_view csv, const std::string& file_name,
                                           const LoadOptions& options, Diagnostics& diagnostics);

// A units workbook (XLSX): the first sheet, or the one named `sheet`. The header row (under any
// title rows, merged or not) names the columns as a CSV header does; a row of column numbers
// under it and rows holding only one merged cell (group headings) are skipped. Shared and
// inline strings, numbers, dates as serial numbers (1900 and 1904 systems) and formula results
// are read. Every problem names the cell and its column: "don-vi.xlsx: Sheet1!C14 … [Mức độ]".
// Units come out with source Xlsx and where = "file: Sheet!A<row>".
std::vector<CouncilUnit> parse_council_xlsx(std::string_view bytes, const std::string& file_name,
                                            const std::string& sheet, const LoadOptions& options,
                                            Diagnostics& diagnostics);

// Limits of XLSX reading: each part and all parts inflated (a zip bomb stops there), rows of the
// sheet (counted while inflating), columns.
inline constexpr std::size_t kMaxXlsxPartBytes = 32u << 20;
inline constexpr std::size_t kMaxXlsxExpandedBytes = 64u << 20;
inline constexpr int kMaxXlsxRows = 10000;
inline constexpr int kMaxXlsxColumns = 200;

// Text escaped for a data file's XML, in element text and in double-quoted attribute values
// (& < > "): what `hoso init` and the web page's saved file write.
std::string xml_escape(const std::string& s);

}  // namespace hoso::data
