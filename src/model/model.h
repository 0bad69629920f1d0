// model: the document tree every writer starts from. It knows nothing about fonts,
// pages, PDF or DOCX. Text is UTF-8 in NFC; sizes are in points (1/72 inch).
//
// The parts of an administrative document that Nghị định 30/2020/NĐ-CP fixes (header
// block, title, "Kính gửi", signature, "Nơi nhận", appendix heading) are first-class nodes,
// so that layout and the DOCX writer place them by rule rather than by template geometry.
// Ordinary content is paragraphs of styled runs and tables.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace hoso::model {

constexpr double mm_to_pt(double mm) { return mm * 72.0 / 25.4; }

enum class Align : std::uint8_t { Left = 0, Center, Right, Justify };
enum class VAlign : std::uint8_t { Top = 0, Center, Bottom };

// ---------------------------------------------------------------------------
// Styles. Every paragraph names a style; the document's style sheet says what it looks
// like. Both writers read the same sheet (the DOCX writer emits it as word/styles.xml).

struct ParagraphStyle {
    double font_size = 14;          // pt
    bool bold = false;              // base character formatting; runs may add to it
    bool italic = false;
    Align align = Align::Justify;
    double first_line_indent = 0;   // pt
    double left_indent = 0;         // pt
    double right_indent = 0;        // pt
    double space_before = 0;        // pt
    double space_after = 0;         // pt
    double line_spacing = 1.0;      // multiple of single spacing (Word's "auto" line rule)
    bool keep_with_next = false;    // never the last thing on a page
    bool keep_together = false;     // never split between pages
};

// Style names used by the ND30 nodes; a style sheet must define all of them.
namespace style {
inline constexpr const char* kAgencyParent = "nd30-agency-parent";  // cơ quan chủ quản
inline constexpr const char* kAgency = "nd30-agency";               // cơ quan ban hành
inline constexpr const char* kNumber = "nd30-number";               // Số, ký hiệu
inline constexpr const char* kSubject = "nd30-subject";             // V/v … (công văn)
inline constexpr const char* kNationalName = "nd30-national-name";  // Quốc hiệu
inline constexpr const char* kMotto = "nd30-motto";                 // Tiêu ngữ
inline constexpr const char* kPlaceDate = "nd30-place-date";        // địa danh, ngày tháng năm
inline constexpr const char* kDocType = "nd30-doc-type";            // tên loại văn bản
inline constexpr const char* kSummary = "nd30-summary";             // trích yếu
inline constexpr const char* kAddressee = "nd30-addressee";         // Kính gửi
inline constexpr const char* kRecipientsLabel = "nd30-recipients-label";  // "Nơi nhận:"
inline constexpr const char* kRecipients = "nd30-recipients";             // Nơi nhận list
inline constexpr const char* kSignerAuthority = "nd30-signer-authority";  // TM./KT. + chức vụ
inline constexpr const char* kSignerName = "nd30-signer-name";            // họ tên người ký
inline constexpr const char* kPageNumber = "nd30-page-number";
inline constexpr const char* kAppendixLabel = "nd30-appendix-label";      // "Phụ lục I"
inline constexpr const char* kAppendixTitle = "nd30-appendix-title";
inline constexpr const char* kAppendixReference = "nd30-appendix-reference";  // (Kèm theo …)
// Content styles the default sheet also defines (templates may add their own).
inline constexpr const char* kBody = "body";                // justified, 1 cm first-line indent
inline constexpr const char* kBasis = "basis";              // căn cứ: italic
inline constexpr const char* kHeading = "heading";          // "I. MỤC TIÊU", bold
inline constexpr const char* kCentered = "centered-bold";   // "QUYẾT ĐỊNH:", thẩm quyền ban hành
inline constexpr const char* kTableHeader = "table-header";
inline constexpr const char* kTableCell = "table-cell";
inline constexpr const char* kTableCellCenter = "table-cell-center";
}  // namespace style

// Ordered by name so that every dump and every styles.xml is deterministic.
using StyleSheet = std::map<std::string, ParagraphStyle>;

// The default ND30 sheet: body text at `body_size` (13 or 14), the other sizes per the
// ND30 table (Quốc hiệu 12–13, Tiêu ngữ 13–14, Nơi nhận 12/11, …).
StyleSheet default_style_sheet(double body_size = 14);

// ---------------------------------------------------------------------------
// Content nodes.

struct RunStyle {
    bool bold = false;       // added to the paragraph style's bold
    bool italic = false;     // added to the paragraph style's italic
    bool underline = false;
    auto operator<=>(const RunStyle&) const = default;
};

struct Run {
    std::string text;  // NFC UTF-8; no control characters (no '\n', '\t')
    RunStyle style;
};

struct Paragraph {
    std::string style = style::kBody;
    std::vector<Run> runs;
    std::string plain_text() const;
};

struct Cell {
    int col_span = 1;
    int row_span = 1;  // the rows below are left without a cell in the covered columns
    VAlign valign = VAlign::Center;
    std::vector<Paragraph> paragraphs;  // at least one (may be empty of runs)
};

struct Row {
    std::vector<Cell> cells;  // only the cells that start in this row
};

struct Table {
    std::vector<double> column_widths;  // relative weights, scaled to the text width
    int header_rows = 0;                // rows[0 .. header_rows) repeat on every page
    bool borders = true;                // single 0.5 pt grid
    std::vector<Row> rows;              // a row is never split across pages
};

struct PageBreak {};

// ô 1–4 and 5b of ND30: the two-column block at the top of page 1.
struct Nd30Header {
    std::vector<std::string> parent_agency;   // cơ quan chủ quản, UPPER, may be empty
    std::vector<std::string> issuing_agency;  // cơ quan ban hành, UPPER bold, rule below
    std::string number;                       // "Số: 05/TTr-UBND" (complete text)
    std::vector<std::string> subject;         // công văn only: "V/v …", lines as given
    std::string national_name = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    std::string motto = "Độc lập - Tự do - Hạnh phúc";
    std::string place_date;                   // "Phong Thổ, ngày 05 tháng 02 năm 2025"
};

// ô 5a: tên loại + trích yếu, centred, with a short rule under the trích yếu.
struct DocumentTitle {
    std::string doc_type;              // "TỜ TRÌNH", "QUYẾT ĐỊNH"; may be empty (công văn)
    std::vector<std::string> summary;  // trích yếu, one entry per intended line (wrapped if long)
};

// ô 9a: "Kính gửi:" — one recipient on the same line; several as a dashed list aligned
// under the first recipient, each ending ";" and the last ".".
struct Addressees {
    std::string label = "Kính gửi:";
    std::vector<std::string> recipients;  // without dash or final punctuation
};

// ô 7 and 9b: the bottom block. "Nơi nhận" on the left, the signer on the right.
struct SignatureBlock {
    std::vector<std::string> authority;  // e.g. {"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"}
    std::string signer_name;             // "Mai Thị Hồng Sim"
    // Văn bản liên tịch: the other body's signer, on the left of the lead body's (ND30 Phụ lục I
    // Mục II.7: the lead body signs on the right); Nơi nhận then goes below both. Empty = one signer.
    std::vector<std::string> joint_authority;
    std::string joint_signer_name;
    bool joint() const { return !joint_authority.empty() || !joint_signer_name.empty(); }
    std::string recipients_label = "Nơi nhận:";
    std::vector<std::string> recipients;  // without dash or final punctuation; empty = no Nơi nhận
};

// Mẫu 2.1: "Phụ lục I" / TITLE / "(Kèm theo …)" with a short rule below.
struct AppendixHeading {
    std::string label;      // "Phụ lục" or "Phụ lục I"; may be empty
    std::string title;      // UPPER
    std::string reference;  // "(Kèm theo Quyết định số …)"; may be empty
};

using Block = std::variant<Paragraph, Table, PageBreak, Nd30Header, DocumentTitle, Addressees,
                           SignatureBlock, AppendixHeading>;

// "- A;" "- B;" … "- Z." — the punctuation ND30 requires for Kính gửi and Nơi nhận lists.
// An item's own trailing ';' or '.' is replaced; an item ending in ':' is kept as is.
std::vector<std::string> dashed_list(const std::vector<std::string>& items);

// ---------------------------------------------------------------------------
// Page geometry and sections.

struct PageSetup {
    double width = mm_to_pt(210);  // A4 portrait
    double height = mm_to_pt(297);
    double margin_top = mm_to_pt(20);
    double margin_bottom = mm_to_pt(20);
    double margin_left = mm_to_pt(30);
    double margin_right = mm_to_pt(15);
    double text_width() const { return width - margin_left - margin_right; }
    bool landscape() const { return width > height; }
};

PageSetup a4_landscape(const PageSetup& portrait);  // swaps the sheet, keeps ND30 margins

struct PageNumbering {
    bool show = true;             // numbers in the top margin, centred
    bool restart = false;         // this section starts again at 1 (each appendix: ND30 III.1.đ)
    bool hide_on_first = true;    // no number on the first page of the document/section
};

struct Section {
    PageSetup page;
    PageNumbering numbering;
    std::vector<Block> blocks;
};

// Knobs for the ND30 nodes that the decree gives as ranges or leaves to practice.
struct Nd30Options {
    double header_left_fraction = 0.40;  // width of the left header column / text width
    double short_rule_fraction = 0.40;   // rules under agency and trích yếu: 1/3–1/2 of the text
    double signature_space = 80;         // pt between the last chức vụ line and the name
    double recipients_fraction = 0.45;   // width of the Nơi nhận column / text width
    double title_space_before = 12;      // pt between header block and title
};

struct Meta {
    std::string title;     // PDF /Title, docProps title
    std::string subject;
    std::string author;
    std::string keywords;
    std::string language = "vi-VN";
};

struct Document {
    Meta meta;
    StyleSheet styles = default_style_sheet();
    Nd30Options nd30;
    std::vector<Section> sections;
};

// A stable, human-readable dump for golden tests: one node per line, indented.
std::string to_debug_text(const Document& doc);

// Checks the invariants writers rely on (styles defined, spans inside the grid, every cell
// with a paragraph, no control characters). Returns one message per problem; empty = valid.
std::vector<std::string> validate(const Document& doc);

}  // namespace hoso::model
