// data: the unit's assessment data file (XML) → data::UnitData, with every problem of the
// file reported at once (file:line:column, Vietnamese + English). Strings come out NFC;
// NFD input is normalised with a warning. Nothing here knows the criteria themselves:
// checking indicator ids and thresholds against a form is forms' job.
//
// The file format is documented in docs/data-format.md and examples/*.xml.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
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

struct Evidence {
    Text code;                 // "H1-01"
    Text description;          // "Kế hoạch số 12/KH-THĐH ngày 10/01/2024 …"
    std::optional<Date> date;  // date of the evidence document, if given (a full date)
    SourceLocation where;
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
    std::vector<Text> distribution;       // Nơi nhận items (empty = form default)
    std::vector<IndicatorInput> indicators;  // in file order
    std::vector<ReportSection> report;    // narrative sections of the Báo cáo
    std::vector<Text> team;               // Tổ đánh giá members, "Họ tên - chức vụ"
    // Overrides of the form's settings for this assessment (name → value), e.g.
    // "not-applicable" → "fail". forms::check validates names and values.
    std::map<std::string, Text> settings;
};

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

}  // namespace hoso::data
