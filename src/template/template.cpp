#include "template/template.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <set>

#include <tinyxml2.h>

#include "template/expression.h"
#include "text/text.h"

namespace hoso::tmpl {

using detail::Condition;
using detail::EvalError;
using detail::Interpolated;
using detail::Loop;
using detail::Scope;

namespace {

// What an element may contain; control elements (<if>, <for>) take their parent's context.
enum class Context : std::uint8_t {
    Root = 0, Section, Header, Title, Addressees, Signature, Appendix, Table, Row, Cell, Inline, Empty
};

struct Node {
    enum class Kind : std::uint8_t {
        Text = 0, Bold, Italic, Underline,                       // inline
        Paragraph, Header, Title, Addressees, Signature, Appendix,  // blocks
        Table, Row, Cell, PageBreak, Section,
        Line,  // one line of a composite block: <agency>, <summary>, <to>, <authority>, …
        If, For, Meta, Style, Nd30
    };
    Kind kind = Kind::Text;
    std::string tag;
    int line = 0;
    Interpolated text;                         // Text nodes
    std::vector<std::pair<std::string, Interpolated>> attrs;  // interpolated attribute values
    std::vector<Node> children;
    std::optional<Loop> loop;                  // for="…" attribute or <for each="…">
    // <if>: branches in order; a branch without condition is the <else>.
    std::vector<std::pair<std::shared_ptr<Condition>, std::vector<Node>>> branches;
};

struct ElementSpec {
    Node::Kind kind;
    Context inner;                 // context of its children
    std::set<std::string> attrs;   // allowed attributes besides "for"
};

const std::map<std::string, ElementSpec>& element_specs() {
    using K = Node::Kind;
    static const std::map<std::string, ElementSpec> specs = {
        {"meta", {K::Meta, Context::Empty, {"title", "subject", "author", "keywords"}}},
        {"style",
         {K::Style, Context::Empty,
          {"name", "base", "size", "bold", "italic", "align", "first-line-indent", "left-indent",
           "right-indent", "space-before", "space-after", "line-spacing", "keep-with-next",
           "keep-together"}}},
        {"nd30",
         {K::Nd30, Context::Empty,
          {"header-left-fraction", "short-rule-fraction", "signature-space", "recipients-fraction",
           "title-space-before"}}},
        {"section", {K::Section, Context::Section, {"orientation", "numbering", "hide-first-number"}}},
        {"p", {K::Paragraph, Context::Inline, {"style"}}},
        {"header", {K::Header, Context::Header, {}}},
        {"title", {K::Title, Context::Title, {}}},
        {"addressees", {K::Addressees, Context::Addressees, {"label"}}},
        {"signature", {K::Signature, Context::Signature, {"recipients-label"}}},
        {"appendix", {K::Appendix, Context::Appendix, {}}},
        {"table", {K::Table, Context::Table, {"columns", "header-rows", "borders"}}},
        {"row", {K::Row, Context::Row, {}}},
        {"cell", {K::Cell, Context::Cell, {"colspan", "rowspan", "valign", "style"}}},
        {"page-break", {K::PageBreak, Context::Empty, {}}},
        {"b", {K::Bold, Context::Inline, {}}},
        {"i", {K::Italic, Context::Inline, {}}},
        {"u", {K::Underline, Context::Inline, {}}},
    };
    return specs;
}

// Line elements of composite blocks, by the context they appear in.
const std::map<Context, std::set<std::string>>& line_elements() {
    static const std::map<Context, std::set<std::string>> lines = {
        {Context::Header,
         {"parent-agency", "agency", "number", "subject", "national-name", "motto", "place-date"}},
        {Context::Title, {"type", "summary"}},
        {Context::Addressees, {"to"}},
        {Context::Signature, {"authority", "name", "joint-authority", "joint-name", "recipient"}},
        {Context::Appendix, {"label", "title", "reference"}},
    };
    return lines;
}

bool allowed_in(Context ctx, const std::string& tag) {
    switch (ctx) {
        case Context::Root: return tag == "meta" || tag == "style" || tag == "nd30" || tag == "section";
        case Context::Section:
            return tag == "p" || tag == "header" || tag == "title" || tag == "addressees" ||
                   tag == "signature" || tag == "appendix" || tag == "table" || tag == "page-break";
        case Context::Table: return tag == "row";
        case Context::Row: return tag == "cell";
        case Context::Cell: return tag == "p" || tag == "b" || tag == "i" || tag == "u";
        case Context::Inline: return tag == "b" || tag == "i" || tag == "u";
        case Context::Header:
        case Context::Title:
        case Context::Addressees:
        case Context::Signature:
        case Context::Appendix: return line_elements().at(ctx).count(tag) > 0;
        case Context::Empty: return false;
    }
    return false;
}

bool is_blank(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

// tinyxml2 (9.x) drops whitespace-only text between two elements, which would glue
// "<b>A</b> <i>B</i>" into "AB". Before parsing, such a gap gets the character reference &#32;
// appended (the whitespace itself is kept, so line numbers stay right). Comments, CDATA,
// processing instructions and tags (with quoted attributes) are skipped.
std::string protect_inline_spaces(std::string_view src) {
    std::string out;
    out.reserve(src.size() + 256);
    std::size_t i = 0;
    while (i < src.size()) {
        if (src[i] == '<') {
            std::size_t end;
            if (src.compare(i, 4, "<!--") == 0) {
                end = src.find("-->", i + 4);
                end = end == std::string_view::npos ? src.size() : end + 3;
            } else if (src.compare(i, 9, "<![CDATA[") == 0) {
                end = src.find("]]>", i + 9);
                end = end == std::string_view::npos ? src.size() : end + 3;
            } else if (src.compare(i, 2, "<?") == 0) {
                end = src.find("?>", i + 2);
                end = end == std::string_view::npos ? src.size() : end + 2;
            } else {
                end = i + 1;
                char quote = 0;
                while (end < src.size()) {
                    const char c = src[end];
                    if (quote) {
                        if (c == quote) quote = 0;
                    } else if (c == '"' || c == '\'') {
                        quote = c;
                    } else if (c == '>') {
                        break;
                    }
                    ++end;
                }
                end = std::min(end + 1, src.size());
            }
            out.append(src.substr(i, end - i));
            i = end;
            // A whitespace-only gap up to the next '<'?
            std::size_t j = i;
            while (j < src.size() && (src[j] == ' ' || src[j] == '\t' || src[j] == '\n' || src[j] == '\r')) ++j;
            if (j > i && j < src.size() && src[j] == '<') {
                out.append(src.substr(i, j - i));
                out += "&#32;";
                i = j;
            }
            continue;
        }
        out += src[i];
        ++i;
    }
    return out;
}

class Compiler {
public:
    Compiler(std::string file, Diagnostics& diags) : m_file(std::move(file)), m_diags(diags) {}

    void error(int line, const std::string& vi, const std::string& en) {
        m_diags.error({m_file, line, 0}, "", vi, en);
    }

    // Parser messages read "english (tiếng Việt)"; a diagnostic keeps the two apart.
    void parse_error(int line, const std::string& what_vi, const std::string& what_en, const std::string& err) {
        const auto open = err.rfind(" (");
        if (open != std::string::npos && err.back() == ')') {
            error(line, what_vi + ": " + err.substr(open + 2, err.size() - open - 3), what_en + ": " + err.substr(0, open));
        } else {
            error(line, what_vi + ": " + err, what_en + ": " + err);
        }
    }

    std::optional<Interpolated> interpolated(const char* raw, int line) {
        std::string s = raw ? raw : "";
        if (const auto bad = text::find_invalid_utf8(s)) {
            error(line, "mẫu chứa byte UTF-8 không hợp lệ", "invalid UTF-8 in template");
            return std::nullopt;
        }
        s = text::to_nfc(s);
        std::string err;
        auto r = detail::parse_interpolated(s, err);
        if (!r) parse_error(line, "biểu thức sai", "bad placeholder", err);
        return r;
    }

    // Compiles the children of `parent` in context `ctx`.
    std::vector<Node> children(const tinyxml2::XMLElement* parent, Context ctx) {
        std::vector<Node> out;
        for (const auto* n = parent->FirstChild(); n; n = n->NextSibling()) {
            for (auto& node : single_child(n, ctx)) out.push_back(std::move(node));
        }
        return out;
    }

    std::optional<Node> element(const tinyxml2::XMLElement* e, Context ctx) {
        const std::string tag = e->Name();
        const int line = e->GetLineNum();
        Node node;
        node.tag = tag;
        node.line = line;

        if (tag == "if") return if_element(e, ctx);
        if (tag == "elif" || tag == "else") {
            error(line, "<" + tag + "> chỉ dùng bên trong <if>", "<" + tag + "> is only allowed inside <if>");
            return std::nullopt;
        }
        if (tag == "for") {
            node.kind = Node::Kind::For;
            const char* each = e->Attribute("each");
            if (!each) {
                error(line, "<for> thiếu thuộc tính each=\"x in danh_sách\"", "<for> needs each=\"x in list\"");
                return std::nullopt;
            }
            for (const auto* a = e->FirstAttribute(); a; a = a->Next()) {
                if (std::string(a->Name()) != "each") {
                    error(line, std::string("thuộc tính không hợp lệ '") + a->Name() + "' của <for>",
                          std::string("unknown attribute '") + a->Name() + "' on <for>");
                }
            }
            std::string err;
            node.loop = detail::parse_loop(each, err);
            if (!node.loop) {
                parse_error(line, "vòng lặp sai", "bad loop", err);
                return std::nullopt;
            }
            node.children = children(e, ctx);
            return node;
        }

        std::set<std::string> attrs;
        bool is_line = false;
        if (auto it = line_elements().find(ctx); it != line_elements().end() && it->second.count(tag)) {
            node.kind = Node::Kind::Line;
            is_line = true;
        } else if (!allowed_in(ctx, tag)) {
            error(line, "phần tử <" + tag + "> không được phép ở đây",
                  "element <" + tag + "> is not allowed here");
            return std::nullopt;
        } else {
            const auto& spec = element_specs().at(tag);
            node.kind = spec.kind;
            attrs = spec.attrs;
        }
        for (const auto* a = e->FirstAttribute(); a; a = a->Next()) {
            const std::string name = a->Name();
            if (name == "for") {
                std::string err;
                node.loop = detail::parse_loop(a->Value(), err);
                if (!node.loop) parse_error(line, "vòng lặp sai", "bad loop", err);
                continue;
            }
            if (!attrs.count(name)) {
                error(line, "thuộc tính không hợp lệ '" + name + "' của <" + tag + ">",
                      "unknown attribute '" + name + "' on <" + tag + ">");
                continue;
            }
            if (auto interp = interpolated(a->Value(), line)) {
                const auto it = std::find_if(node.attrs.begin(), node.attrs.end(),
                                             [&](const auto& kv) { return kv.first == name; });
                if (it != node.attrs.end()) {
                    it->second = std::move(*interp);
                } else {
                    node.attrs.emplace_back(name, std::move(*interp));
                }
            }
        }
        if (is_line) {
            node.children = children(e, Context::Inline);
        } else {
            node.children = children(e, element_specs().at(tag).inner);
        }
        return node;
    }

    std::optional<Node> if_element(const tinyxml2::XMLElement* e, Context ctx) {
        Node node;
        node.kind = Node::Kind::If;
        node.tag = "if";
        node.line = e->GetLineNum();
        auto cond = [&](const tinyxml2::XMLElement* el) -> std::shared_ptr<Condition> {
            const char* test = el->Attribute("test");
            if (!test) {
                error(el->GetLineNum(), "<" + std::string(el->Name()) + "> thiếu thuộc tính test",
                      "<" + std::string(el->Name()) + "> needs a test attribute");
                return nullptr;
            }
            std::string err;
            auto c = detail::parse_condition(test, err);
            if (!c) {
                parse_error(el->GetLineNum(), "điều kiện sai", "bad condition", err);
                return nullptr;
            }
            return std::make_shared<Condition>(std::move(*c));
        };
        node.branches.emplace_back(cond(e), std::vector<Node>{});
        bool seen_else = false;
        // Children until <elif>/<else> belong to the current branch; <elif>/<else> are
        // empty markers that open the next branch.
        for (const auto* n = e->FirstChild(); n; n = n->NextSibling()) {
            const auto* el = n->ToElement();
            if (el && (std::string(el->Name()) == "elif" || std::string(el->Name()) == "else")) {
                if (seen_else) {
                    error(el->GetLineNum(), "không được có nhánh sau <else/>", "no branch may follow <else/>");
                }
                if (el->FirstChild()) {
                    error(el->GetLineNum(), "<elif>/<else> phải rỗng (<else/>): nội dung đặt sau nó",
                          "<elif>/<else> must be empty (<else/>): put the content after it");
                }
                const bool is_else = std::string(el->Name()) == "else";
                seen_else = seen_else || is_else;
                node.branches.emplace_back(is_else ? nullptr : cond(el), std::vector<Node>{});
                continue;
            }
            std::vector<Node> one = single_child(n, ctx);
            for (auto& c : one) node.branches.back().second.push_back(std::move(c));
        }
        for (const auto* a = e->FirstAttribute(); a; a = a->Next()) {
            if (std::string(a->Name()) != "test") {
                error(node.line, std::string("thuộc tính không hợp lệ '") + a->Name() + "' của <if>",
                      std::string("unknown attribute '") + a->Name() + "' on <if>");
            }
        }
        return node;
    }

    std::vector<Node> single_child(const tinyxml2::XMLNode* n, Context ctx) {
        std::vector<Node> out;
        if (n->ToComment() || n->ToDeclaration() || n->ToUnknown()) return out;
        if (const auto* t = n->ToText()) {
            const char* v = t->Value();
            if (is_blank(v ? v : "")) {
                if (ctx == Context::Inline || ctx == Context::Cell) {
                    Node node;
                    node.kind = Node::Kind::Text;
                    node.line = t->GetLineNum();
                    node.text.push_back({false, " ", {}, true});
                    out.push_back(std::move(node));
                }
                return out;
            }
            if (ctx != Context::Inline && ctx != Context::Cell) {
                error(t->GetLineNum(), "văn bản nằm ngoài đoạn văn (<p>)", "text outside a paragraph (<p>)");
                return out;
            }
            Node node;
            node.kind = Node::Kind::Text;
            node.line = t->GetLineNum();
            if (auto interp = interpolated(v, node.line)) node.text = std::move(*interp);
            out.push_back(std::move(node));
            return out;
        }
        if (const auto* el = n->ToElement()) {
            if (auto node = element(el, ctx)) out.push_back(std::move(*node));
        }
        return out;
    }

private:
    std::string m_file;
    Diagnostics& m_diags;
};

}  // namespace

// ---------------------------------------------------------------------------

class CompiledTemplate {
public:
    std::string file;
    std::string id;
    std::string name;
    std::string document_key;
    double body_size = 14;
    std::vector<Node> root;  // children of <template>
};

const std::string& Template::id() const noexcept {
    static const std::string empty;
    return m_compiled ? m_compiled->id : empty;
}

const std::string& Template::document_key() const noexcept {
    static const std::string empty;
    return m_compiled ? m_compiled->document_key : empty;
}

const std::string& Template::name() const noexcept {
    static const std::string empty;
    return m_compiled ? m_compiled->name : empty;
}

Template Template::compile(std::string_view xml, const std::string& file_name, Diagnostics& diagnostics) {
    Template result;
    const std::size_t errors_before = diagnostics.error_count();
    if (text::find_invalid_utf8(xml)) {
        diagnostics.error({file_name, 0, 0}, "", "mẫu không phải UTF-8 hợp lệ", "template is not valid UTF-8");
        return result;
    }
    const std::string source = protect_inline_spaces(xml);
    tinyxml2::XMLDocument doc(true, tinyxml2::PRESERVE_WHITESPACE);
    if (doc.Parse(source.data(), source.size()) != tinyxml2::XML_SUCCESS) {
        diagnostics.error({file_name, doc.ErrorLineNum(), 0}, "",
                          std::string("lỗi cú pháp XML: ") + doc.ErrorStr(),
                          std::string("XML syntax error: ") + doc.ErrorStr());
        return result;
    }
    const auto* root = doc.RootElement();
    if (!root || std::string(root->Name()) != "template") {
        diagnostics.error({file_name, root ? root->GetLineNum() : 1, 0}, "",
                          "phần tử gốc phải là <template>", "the root element must be <template>");
        return result;
    }
    auto compiled = std::make_shared<CompiledTemplate>();
    compiled->file = file_name;
    Compiler compiler(file_name, diagnostics);
    for (const auto* a = root->FirstAttribute(); a; a = a->Next()) {
        const std::string n = a->Name();
        if (n == "id") {
            compiled->id = a->Value();
        } else if (n == "name") {
            compiled->name = text::find_invalid_utf8(a->Value()) ? "" : text::to_nfc(a->Value());
        } else if (n == "document") {
            compiled->document_key = a->Value();
        } else if (n == "body-size") {
            const std::string v = a->Value();
            double d = 0;
            const auto r = std::from_chars(v.data(), v.data() + v.size(), d);
            if (r.ec != std::errc() || d < 13 || d > 14) {
                compiler.error(root->GetLineNum(), "body-size phải là 13 hoặc 14 (NĐ 30)",
                               "body-size must be 13 or 14 (ND30)");
            } else {
                compiled->body_size = d;
            }
        } else {
            compiler.error(root->GetLineNum(), "thuộc tính không hợp lệ '" + n + "' của <template>",
                           "unknown attribute '" + n + "' on <template>");
        }
    }
    if (compiled->id.empty()) {
        compiler.error(root->GetLineNum(), "<template> thiếu thuộc tính id", "<template> needs an id attribute");
    } else if (compiled->id.size() > 60 ||
               compiled->id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos) {
        // The id becomes part of output file names: never a path.
        compiler.error(root->GetLineNum(),
                       "id mẫu '" + compiled->id + "' chỉ được gồm chữ thường a-z, chữ số và '-' (tối đa 60 ký tự)",
                       "template id '" + compiled->id + "' must be lowercase a-z, digits and '-' (at most 60)");
    }
    compiled->root = compiler.children(root, Context::Root);
    if (diagnostics.error_count() != errors_before) return result;
    result.m_compiled = std::move(compiled);
    return result;
}

Template Template::load(const std::filesystem::path& path, Diagnostics& diagnostics) {
    const std::string xml = read_file(path, 4u << 20);
    return compile(xml, path.string(), diagnostics);
}

std::map<std::string, Template> load_directory(const std::filesystem::path& dir, Diagnostics& diagnostics) {
    std::map<std::string, Template> out;
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        // authorities.xml is a province's authority profile (forms), not a template.
        if (entry.is_regular_file() && entry.path().extension() == ".xml" && entry.path().filename() != "authorities.xml") {
            files.push_back(entry.path());
        }
    }
    if (ec) throw IoError(dir, "không đọc được thư mục mẫu (cannot read template directory)");
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
        Template t = Template::load(f, diagnostics);
        if (!t.valid()) continue;
        if (out.count(t.id())) {
            diagnostics.error({f.string(), 1, 0}, "", "trùng id mẫu '" + t.id() + "'",
                              "duplicate template id '" + t.id() + "'");
            continue;
        }
        out.emplace(t.id(), t);
    }
    return out;
}

// ---------------------------------------------------------------------------
// Rendering

namespace {

// U+E000 (private use) prints as a space that whitespace collapsing keeps, wherever it comes
// from; it never occurs in NFC text hoso accepts from its fonts.
constexpr std::string_view kKeptSpace = "\xEE\x80\x80";

// How the run builder treats each byte.
enum ByteClass : unsigned char {
    kPlain = 0,  // copied as it is
    kSpace,      // ' '
    kBreak,      // '\t', '\n', '\r': whitespace, collapsed even in a value
    kControl,    // other control characters and DEL: dropped
    kPrivate,    // 0xEE, which starts U+E000 (kKeptSpace)
};

constexpr std::array<unsigned char, 256> make_byte_classes() {
    std::array<unsigned char, 256> t{};
    for (int c = 0; c < 0x20; ++c) t[static_cast<std::size_t>(c)] = kControl;
    t[' '] = kSpace;
    t['\t'] = t['\n'] = t['\r'] = kBreak;
    t[0x7f] = kControl;
    t[0xEE] = kPrivate;
    return t;
}

constexpr std::array<unsigned char, 256> kByteClasses = make_byte_classes();

unsigned char byte_class(char c) { return kByteClasses[static_cast<unsigned char>(c)]; }

// Length of the stretch of a value `s` starts with that is written as it is (no byte below
// 0x20, DEL or 0xEE), eight bytes at a time while it can.
std::size_t kept_prefix(std::string_view s) {
    return swar::skip_unflagged(s.data(), 0, s.size(), [](std::uint64_t w) {
        return swar::bytes_below(w, 0x20) | swar::bytes_equal(w, 0x7F) | swar::bytes_equal(w, 0xEE);
    });  // the caller goes on byte by byte
}

// Builds a paragraph's runs as its text arrives. Template wording has its whitespace
// collapsed (it is XML layout); a value's own spaces are kept — "Số:      /TTr-…" and
// "ngày     tháng" leave room to write by hand. Leading and trailing collapsed spaces are
// dropped, control characters (which data cannot contain anyway) removed, neighbouring runs
// of one style merged, and every run is NFC. One builder serves a whole rendering (clear()
// keeps its buffers), so text is written once into a buffer that has already grown.
class RunBuilder {
public:
    struct Mark {
        std::size_t runs = 0;
        std::size_t size = 0;
        bool last_space = true;
        bool pending = false;
        model::RunStyle pending_style{};
    };

    void clear() {
        m_text.clear();
        m_starts.clear();
        m_last_space = true;
        m_pending = false;
    }

    // Template wording; `simple` as detail::simple_wording(s).
    void wording(std::string_view s, bool simple, model::RunStyle style) {
        if (!simple) {
            feed(s, style, false);
            return;
        }
        std::size_t begin = 0, end = s.size();
        if (begin < end && s[begin] == ' ') {
            collapsed_space(style);
            ++begin;
        }
        if (begin == end) return;
        const bool trailing = s[end - 1] == ' ';
        if (trailing) --end;
        emit(s.substr(begin, end - begin), style);  // single spaces between printable bytes
        if (trailing) collapsed_space(style);
    }
    void value(std::string_view s, model::RunStyle style) { feed(s, style, true); }

    Mark mark() const { return {m_starts.size(), m_text.size(), m_last_space, m_pending, m_pending_style}; }
    void rewind(const Mark& m) {
        m_starts.resize(m.runs);
        m_text.resize(m.size);
        m_last_space = m.last_space;
        m_pending = m.pending;
        m_pending_style = m.pending_style;
    }

    std::vector<model::Run> finish() const {
        std::vector<model::Run> out;
        out.reserve(m_starts.size());
        for (std::size_t i = 0; i < m_starts.size(); ++i) out.push_back({nfc(run_text(i)), m_starts[i].second});
        return out;
    }

    // The runs' texts one after the other.
    std::string joined() const {
        if (text::is_nfc(m_text)) return m_text;
        std::string out;
        for (std::size_t i = 0; i < m_starts.size(); ++i) out += nfc(run_text(i));
        return out;
    }

private:
    std::string_view run_text(std::size_t i) const {
        const std::size_t begin = m_starts[i].first;
        const std::size_t end = i + 1 < m_starts.size() ? m_starts[i + 1].first : m_text.size();
        return std::string_view(m_text).substr(begin, end - begin);
    }

    static std::string nfc(std::string_view s) {
        if (text::is_nfc(s)) return std::string(s);
        return text::to_nfc(s);
    }

    void feed(std::string_view s, model::RunStyle style, bool keep_spaces) {
        const std::size_t n = s.size();
        std::size_t i = 0;
        while (i < n) {
            // A stretch written as it is: plain bytes, and spaces that need no collapsing — a
            // value's spaces, or one space of wording between two plain bytes.
            std::size_t j = keep_spaces ? i + kept_prefix(s.substr(i)) : i;
            while (j < n) {
                const unsigned char k = byte_class(s[j]);
                if (k == kPlain || (k == kSpace && (keep_spaces || (j > i && j + 1 < n && byte_class(s[j + 1]) == kPlain)))) {
                    ++j;
                } else {
                    break;
                }
            }
            if (j > i) {
                emit(s.substr(i, j - i), style);
                i = j;
                continue;
            }
            switch (byte_class(s[i])) {
                case kSpace:
                case kBreak:
                    collapsed_space(style);
                    ++i;
                    break;
                case kPrivate: {
                    const bool kept = s.compare(i, kKeptSpace.size(), kKeptSpace) == 0;
                    emit(kept ? std::string_view(" ") : s.substr(i, 1), style);
                    i += kept ? kKeptSpace.size() : 1;
                    break;
                }
                default: ++i;  // a control character
            }
        }
    }

    // Whitespace of wording: one space, written only if more text follows.
    void collapsed_space(model::RunStyle style) {
        if (!m_last_space) {
            m_pending = true;
            m_pending_style = style;
        }
        m_last_space = true;
    }

    void emit(std::string_view s, model::RunStyle style) {
        if (m_pending) {
            put(" ", m_pending_style);
            m_pending = false;
        }
        put(s, style);
        m_last_space = false;
    }

    void put(std::string_view s, model::RunStyle style) {
        if (m_starts.empty() || !(m_starts.back().second == style)) m_starts.emplace_back(m_text.size(), style);
        m_text.append(s);
    }

    std::string m_text;                                           // every run's text
    std::vector<std::pair<std::size_t, model::RunStyle>> m_starts;  // where each run starts
    bool m_last_space = true;  // trims leading spaces
    bool m_pending = false;    // a collapsed space not yet written
    model::RunStyle m_pending_style{};
};

const Interpolated* find_attr(const Node& n, std::string_view name) {
    for (const auto& [key, value] : n.attrs) {
        if (key.size() != name.size()) continue;
        std::size_t i = 0;
        while (i < name.size() && key[i] == name[i]) ++i;  // names are short: no library call
        if (i == name.size()) return &value;
    }
    return nullptr;
}

class Renderer {
public:
    Renderer(const CompiledTemplate& t, const Value& data, Diagnostics& diags)
        : m_t(t), m_scope(data), m_diags(diags) {}

    model::Document run() {
        model::Document doc;  // comes with default_style_sheet(14)
        if (m_t.body_size != 14) doc.styles = model::default_style_sheet(m_t.body_size);
        m_doc = &doc;
        each(m_t.root, [&](const Node& n) { root_node(n); });
        return doc;
    }

private:
    void fail(int line, const EvalError& e) { m_diags.error({m_t.file, line, 0}, "", e.vi, e.en); }
    void fail(int line, const std::string& vi, const std::string& en) {
        m_diags.error({m_t.file, line, 0}, "", vi, en);
    }

    // Expands control flow (<if>, <for>, for="…") and calls `fn` for each concrete element.
    template <class Fn>
    void each(const std::vector<Node>& nodes, Fn&& fn) {
        for (const auto& n : nodes) {
            if (n.kind == Node::Kind::If) {
                for (const auto& [cond, body] : n.branches) {
                    bool take = true;
                    if (cond) {
                        EvalError e;
                        const auto v = detail::evaluate(*cond, m_scope, e);
                        if (!v) {
                            fail(n.line, e);
                            break;
                        }
                        take = *v;
                    }
                    if (take) {
                        each(body, fn);
                        break;
                    }
                }
                continue;
            }
            if (n.loop) {
                EvalError e;
                Value storage;
                const Value* list = detail::evaluate(n.loop->list, m_scope, storage, e);
                if (!list) {
                    fail(n.line, e);
                    continue;
                }
                if (list->kind() != Value::Kind::List && !list->is_null()) {
                    fail(n.line, "'" + n.loop->list.source + "' không phải danh sách, không lặp được",
                         "'" + n.loop->list.source + "' is not a list and cannot be looped over");
                    continue;
                }
                // The list lives in the (immutable) data or in `storage` until the loop ends.
                const auto& items = list->list();
                for (std::size_t i = 0; i < items.size(); ++i) {
                    m_scope.push(n.loop->variable, items[i], i, items.size());
                    if (n.kind == Node::Kind::For) {
                        each(n.children, fn);
                    } else {
                        fn(n);  // the element itself, once per item (fn never looks at n.loop)
                    }
                    m_scope.pop();
                }
                continue;
            }
            fn(n);
        }
    }

    std::string attr(const Node& n, std::string_view name, std::string_view fallback = {}) {
        const Interpolated* a = find_attr(n, name);
        if (!a) return std::string(fallback);
        if (a->size() == 1 && !a->front().is_expr) return a->front().literal;
        std::string out;
        EvalError e;
        if (!detail::evaluate(*a, m_scope, out, e)) {
            fail(n.line, e);
            return std::string(fallback);
        }
        return out;
    }

    std::optional<double> number_attr(const Node& n, std::string_view name) {
        if (!find_attr(n, name)) return std::nullopt;
        const std::string s = attr(n, name);
        double d = 0;
        const auto r = std::from_chars(s.data(), s.data() + s.size(), d);
        if (r.ec != std::errc() || r.ptr != s.data() + s.size()) {
            fail(n.line, "giá trị số không hợp lệ cho " + std::string(name) + ": '" + s + "'",
                 "invalid number for " + std::string(name) + ": '" + s + "'");
            return std::nullopt;
        }
        return d;
    }

    std::optional<bool> bool_attr(const Node& n, std::string_view name) {
        if (!find_attr(n, name)) return std::nullopt;
        const std::string s = attr(n, name);
        if (s == "true" || s == "yes" || s == "1") return true;
        if (s == "false" || s == "no" || s == "0") return false;
        fail(n.line, "giá trị đúng/sai không hợp lệ cho " + std::string(name) + ": '" + s + "'",
             "invalid boolean for " + std::string(name) + ": '" + s + "'");
        return std::nullopt;
    }

    // --- inline content ---

    void inline_runs(const std::vector<Node>& nodes, model::RunStyle style, RunBuilder& out) {
        each(nodes, [&](const Node& n) {
            switch (n.kind) {
                case Node::Kind::Text: {
                    const auto mark = out.mark();
                    for (const auto& part : n.text) {
                        if (!part.is_expr) {
                            out.wording(part.literal, part.simple, style);
                            continue;
                        }
                        EvalError e;
                        Value storage;
                        const Value* v = detail::evaluate_printable(part.expr, m_scope, storage, e);
                        if (!v) {
                            out.rewind(mark);  // the text node is left out whole
                            fail(n.line, e);
                            return;
                        }
                        if (v->kind() == Value::Kind::String) {
                            out.value(v->str(), style);
                        } else {
                            m_scratch.clear();
                            v->append_text(m_scratch);
                            out.value(m_scratch, style);
                        }
                    }
                    return;
                }
                case Node::Kind::Bold: {
                    auto st = style;
                    st.bold = true;
                    inline_runs(n.children, st, out);
                    return;
                }
                case Node::Kind::Italic: {
                    auto st = style;
                    st.italic = true;
                    inline_runs(n.children, st, out);
                    return;
                }
                case Node::Kind::Underline: {
                    auto st = style;
                    st.underline = true;
                    inline_runs(n.children, st, out);
                    return;
                }
                default: return;
            }
        });
    }


    // False (and an error) when the style sheet has no paragraph style `style`.
    bool known_style(const Node& n, const std::string& style) {
        for (const auto& k : m_known_styles) {
            if (k == style) return true;
        }
        if (m_doc->styles.count(style)) {
            m_known_styles.push_back(style);  // styles are only ever added
            return true;
        }
        fail(n.line, "kiểu đoạn văn không tồn tại: '" + style + "'", "unknown paragraph style '" + style + "'");
        return false;
    }

    std::vector<model::Run> runs(const Node& n) {
        m_builder.clear();
        inline_runs(n.children, {}, m_builder);
        return m_builder.finish();
    }

    model::Paragraph paragraph(const Node& n, const std::string& default_style) {
        model::Paragraph p;
        p.style = attr(n, "style", default_style);
        if (!known_style(n, p.style)) p.style = default_style;
        p.runs = runs(n);
        return p;
    }

    std::string plain(const Node& n) {
        m_builder.clear();
        inline_runs(n.children, {}, m_builder);
        return m_builder.joined();
    }

    // --- blocks ---
    void root_node(const Node& n) {
        switch (n.kind) {
            case Node::Kind::Meta:
                m_doc->meta.title = text::to_nfc(attr(n, "title"));
                m_doc->meta.subject = text::to_nfc(attr(n, "subject"));
                m_doc->meta.author = text::to_nfc(attr(n, "author"));
                m_doc->meta.keywords = text::to_nfc(attr(n, "keywords"));
                return;
            case Node::Kind::Style: style(n); return;
            case Node::Kind::Nd30: {
                auto& o = m_doc->nd30;
                if (auto v = number_attr(n, "header-left-fraction")) o.header_left_fraction = *v;
                if (auto v = number_attr(n, "short-rule-fraction")) o.short_rule_fraction = *v;
                if (auto v = number_attr(n, "signature-space")) o.signature_space = *v;
                if (auto v = number_attr(n, "recipients-fraction")) o.recipients_fraction = *v;
                if (auto v = number_attr(n, "title-space-before")) o.title_space_before = *v;
                if (o.short_rule_fraction < 1.0 / 3 - 1e-9 || o.short_rule_fraction > 0.5 + 1e-9) {
                    fail(n.line, "short-rule-fraction phải từ 1/3 đến 1/2 (NĐ 30)",
                         "short-rule-fraction must be between 1/3 and 1/2 (ND30)");
                }
                return;
            }
            case Node::Kind::Section: section(n); return;
            default: return;
        }
    }

    void style(const Node& n) {
        const std::string name = attr(n, "name");
        if (name.empty()) {
            fail(n.line, "<style> thiếu name", "<style> needs a name");
            return;
        }
        model::ParagraphStyle s;
        const std::string base = attr(n, "base", model::style::kBody);
        if (const auto it = m_doc->styles.find(base); it != m_doc->styles.end()) {
            s = it->second;
        } else {
            fail(n.line, "kiểu gốc không tồn tại: '" + base + "'", "unknown base style '" + base + "'");
        }
        if (auto v = number_attr(n, "size")) s.font_size = *v;
        if (auto v = bool_attr(n, "bold")) s.bold = *v;
        if (auto v = bool_attr(n, "italic")) s.italic = *v;
        if (find_attr(n, "align")) {
            const std::string a = attr(n, "align");
            if (a == "left") s.align = model::Align::Left;
            else if (a == "center") s.align = model::Align::Center;
            else if (a == "right") s.align = model::Align::Right;
            else if (a == "justify") s.align = model::Align::Justify;
            else fail(n.line, "align phải là left/center/right/justify", "align must be left/center/right/justify");
        }
        if (auto v = number_attr(n, "first-line-indent")) s.first_line_indent = *v;
        if (auto v = number_attr(n, "left-indent")) s.left_indent = *v;
        if (auto v = number_attr(n, "right-indent")) s.right_indent = *v;
        if (auto v = number_attr(n, "space-before")) s.space_before = *v;
        if (auto v = number_attr(n, "space-after")) s.space_after = *v;
        if (auto v = number_attr(n, "line-spacing")) s.line_spacing = *v;
        if (auto v = bool_attr(n, "keep-with-next")) s.keep_with_next = *v;
        if (auto v = bool_attr(n, "keep-together")) s.keep_together = *v;
        m_doc->styles[name] = s;
    }

    void section(const Node& n) {
        model::Section sec;
        const std::string orientation = attr(n, "orientation", "portrait");
        if (orientation == "landscape") {
            sec.page = model::a4_landscape(sec.page);
        } else if (orientation != "portrait") {
            fail(n.line, "orientation phải là portrait hoặc landscape", "orientation must be portrait or landscape");
        }
        const std::string numbering = attr(n, "numbering", "continue");
        if (numbering == "restart") {
            sec.numbering.restart = true;
        } else if (numbering == "none") {
            sec.numbering.show = false;
        } else if (numbering != "continue") {
            fail(n.line, "numbering phải là continue, restart hoặc none", "numbering must be continue, restart or none");
        }
        if (auto v = bool_attr(n, "hide-first-number")) sec.numbering.hide_on_first = *v;
        each(n.children, [&](const Node& c) { block(c, sec.blocks); });
        m_doc->sections.push_back(std::move(sec));
    }

    void block(const Node& n, std::vector<model::Block>& out) {
        switch (n.kind) {
            case Node::Kind::Paragraph: out.emplace_back(paragraph(n, model::style::kBody)); return;
            case Node::Kind::PageBreak: out.emplace_back(model::PageBreak{}); return;
            case Node::Kind::Header: {
                model::Nd30Header h;
                each(n.children, [&](const Node& l) {
                    const std::string s = plain(l);
                    if (l.tag == "parent-agency") h.parent_agency.push_back(s);
                    else if (l.tag == "agency") h.issuing_agency.push_back(s);
                    else if (l.tag == "number") h.number = s;
                    else if (l.tag == "subject") h.subject.push_back(s);
                    else if (l.tag == "national-name") h.national_name = s;
                    else if (l.tag == "motto") h.motto = s;
                    else if (l.tag == "place-date") h.place_date = s;
                });
                drop_empty(h.parent_agency);
                drop_empty(h.issuing_agency);
                drop_empty(h.subject);
                out.emplace_back(std::move(h));
                return;
            }
            case Node::Kind::Title: {
                model::DocumentTitle t;
                each(n.children, [&](const Node& l) {
                    const std::string s = plain(l);
                    if (l.tag == "type") t.doc_type = s;
                    else t.summary.push_back(s);
                });
                drop_empty(t.summary);
                out.emplace_back(std::move(t));
                return;
            }
            case Node::Kind::Addressees: {
                model::Addressees a;
                if (find_attr(n, "label")) a.label = attr(n, "label");
                each(n.children, [&](const Node& l) { a.recipients.push_back(plain(l)); });
                drop_empty(a.recipients);
                if (!a.recipients.empty()) out.emplace_back(std::move(a));
                return;
            }
            case Node::Kind::Signature: {
                model::SignatureBlock s;
                if (find_attr(n, "recipients-label")) s.recipients_label = attr(n, "recipients-label");
                each(n.children, [&](const Node& l) {
                    const std::string v = plain(l);
                    if (l.tag == "authority") s.authority.push_back(v);
                    else if (l.tag == "name") s.signer_name = v;
                    else if (l.tag == "joint-authority") s.joint_authority.push_back(v);
                    else if (l.tag == "joint-name") s.joint_signer_name = v;
                    else s.recipients.push_back(v);
                });
                drop_empty(s.authority);
                drop_empty(s.joint_authority);
                drop_empty(s.recipients);
                out.emplace_back(std::move(s));
                return;
            }
            case Node::Kind::Appendix: {
                model::AppendixHeading a;
                each(n.children, [&](const Node& l) {
                    const std::string v = plain(l);
                    if (l.tag == "label") a.label = v;
                    else if (l.tag == "title") a.title = v;
                    else a.reference = v;
                });
                out.emplace_back(std::move(a));
                return;
            }
            case Node::Kind::Table: out.emplace_back(table(n)); return;
            default: return;
        }
    }

    static void drop_empty(std::vector<std::string>& v) {
        v.erase(std::remove(v.begin(), v.end(), std::string()), v.end());
    }

    model::Table table(const Node& n) {
        model::Table t;
        const std::string cols = attr(n, "columns");
        std::size_t pos = 0;
        while (pos <= cols.size() && !cols.empty()) {
            const std::size_t comma = cols.find(',', pos);
            const std::string part = cols.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
            double w = 0;
            const auto r = std::from_chars(part.data(), part.data() + part.size(), w);
            if (r.ec != std::errc() || r.ptr != part.data() + part.size() || w <= 0) {
                fail(n.line, "columns phải là danh sách số dương, ví dụ \"1,6,3\"",
                     "columns must be a list of positive numbers, e.g. \"1,6,3\"");
                break;
            }
            t.column_widths.push_back(w);
            if (comma == std::string::npos) break;
            pos = comma + 1;
        }
        if (t.column_widths.empty()) {
            fail(n.line, "bảng thiếu thuộc tính columns", "table needs a columns attribute");
            t.column_widths.push_back(1);
        }
        if (auto v = number_attr(n, "header-rows")) t.header_rows = static_cast<int>(*v);
        if (auto v = bool_attr(n, "borders")) t.borders = *v;
        each(n.children, [&](const Node& rn) {
            model::Row row;
            row.cells.reserve(rn.children.size());
            each(rn.children, [&](const Node& cn) { row.cells.push_back(cell(cn, t.header_rows > static_cast<int>(t.rows.size()))); });
            t.rows.push_back(std::move(row));
        });
        if (t.header_rows > static_cast<int>(t.rows.size())) {
            fail(n.line, "header-rows lớn hơn số dòng của bảng", "header-rows exceeds the number of rows");
            t.header_rows = static_cast<int>(t.rows.size());
        }
        return t;
    }

    model::Cell cell(const Node& n, bool header) {
        model::Cell c;
        if (auto v = number_attr(n, "colspan")) c.col_span = std::max(1, static_cast<int>(*v));
        if (auto v = number_attr(n, "rowspan")) c.row_span = std::max(1, static_cast<int>(*v));
        const std::string valign_text = attr(n, "valign", "center");
        const std::string_view valign = valign_text;
        c.valign = valign == "top" ? model::VAlign::Top : valign == "bottom" ? model::VAlign::Bottom : model::VAlign::Center;
        std::string default_style = attr(n, "style", header ? model::style::kTableHeader : model::style::kTableCell);
        // Either inline content (one paragraph) or <p> children.
        bool has_paragraphs = false;
        for (const auto& ch : n.children) {
            if (ch.kind == Node::Kind::Paragraph) has_paragraphs = true;
        }
        if (has_paragraphs) {
            each(n.children, [&](const Node& pn) {
                if (pn.kind == Node::Kind::Paragraph) c.paragraphs.push_back(paragraph(pn, default_style));
            });
        } else if (const Interpolated* a = find_attr(n, "style"); !a || a->empty() || (a->size() == 1 && !a->front().is_expr)) {
            // The cell's inline content is one paragraph with the cell's style, which reads
            // the same again (no placeholder): checked once and moved in.
            model::Paragraph p;
            known_style(n, default_style);
            p.style = std::move(default_style);
            p.runs = runs(n);
            c.paragraphs.push_back(std::move(p));
        } else {
            c.paragraphs.push_back(paragraph(n, default_style));
        }
        if (c.paragraphs.empty()) c.paragraphs.push_back(model::Paragraph{default_style, {}});
        return c;
    }

    const CompiledTemplate& m_t;
    Scope m_scope;
    Diagnostics& m_diags;
    model::Document* m_doc = nullptr;
    std::vector<std::string> m_known_styles;  // paragraph styles found in the sheet so far
    RunBuilder m_builder;                     // one paragraph at a time (inline content nests no paragraph)
    std::string m_scratch;      // a non-text value printed
};

}  // namespace

model::Document Template::render(const Value& data, Diagnostics& diagnostics) const {
    if (!m_compiled) throw Error("Template::render on an invalid template");
    Renderer r(*m_compiled, data, diagnostics);
    return r.run();
}

}  // namespace hoso::tmpl
