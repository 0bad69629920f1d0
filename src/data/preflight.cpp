// Checks on raw XML bytes before any parser sees them: size, UTF-8, nesting depth.
#include "data/data.h"

#include <cstdio>
#include <cstring>
#include <string>

#include "text/text.h"

namespace hoso::data {

SourceLocation locate(std::string_view bytes, std::size_t offset, const std::string& file_name) {
    SourceLocation where{file_name, 1, 1};
    if (offset > bytes.size()) offset = bytes.size();
    for (std::size_t i = 0; i < offset; ++i) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        if (c == '\n') {
            ++where.line;
            where.column = 1;
        } else if ((c & 0xC0) != 0x80) {  // count code points, not bytes
            ++where.column;
        }
    }
    return where;
}

namespace {

inline bool starts_with_at(std::string_view s, std::size_t i, std::string_view prefix) {
    return s.size() - i >= prefix.size() && s.compare(i, prefix.size(), prefix) == 0;
}

// Position just after `terminator` searched from `from`, or npos.
std::size_t skip_past(std::string_view s, std::size_t from, std::string_view terminator) {
    const auto p = s.find(terminator, from);
    return p == std::string_view::npos ? p : p + terminator.size();
}

}  // namespace

bool preflight_xml(std::string_view bytes, const std::string& file_name, Diagnostics& diagnostics) {
    if (bytes.size() > kMaxFileBytes) {
        diagnostics.error({file_name, 0, 0}, "",
                          "tệp quá lớn (" + std::to_string(bytes.size()) + " byte; tối đa " +
                              std::to_string(kMaxFileBytes) + " byte), không đọc",
                          "file too large (" + std::to_string(bytes.size()) + " bytes; limit " +
                              std::to_string(kMaxFileBytes) + "), not read");
        return false;
    }
    if (bytes.empty()) {
        diagnostics.error({file_name, 0, 0}, "", "tệp rỗng", "file is empty");
        return false;
    }
    if (const auto bad = text::find_invalid_utf8(bytes)) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned>(static_cast<unsigned char>(bytes[*bad])));
        diagnostics.error(locate(bytes, *bad, file_name), "",
                          std::string("tệp không phải UTF-8 hợp lệ (byte ") + hex +
                              "); hãy lưu tệp với mã hóa UTF-8",
                          std::string("invalid UTF-8 (byte ") + hex + "); save the file as UTF-8");
        return false;
    }
    // Element nesting depth, counted on the raw bytes. Comments, CDATA, processing
    // instructions and declarations are skipped; quoted attribute values may contain '>'.
    int depth = 0;
    std::size_t i = 0;
    const std::size_t n = bytes.size();
    const char* const data = bytes.data();
    while (i < n) {
        if (data[i] != '<') {
            const auto* lt = static_cast<const char*>(std::memchr(data + i, '<', n - i));
            if (lt == nullptr) break;
            i = static_cast<std::size_t>(lt - data);
        }
        const char c1 = i + 1 < n ? data[i + 1] : '\0';
        std::size_t next = std::string_view::npos;
        if (c1 == '!') {
            if (starts_with_at(bytes, i, "<!--")) {
                next = skip_past(bytes, i + 4, "-->");
            } else if (starts_with_at(bytes, i, "<![CDATA[")) {
                next = skip_past(bytes, i + 9, "]]>");
            } else {
                // <!DOCTYPE …> possibly with an internal subset in [ … ].
                int brackets = 0;
                std::size_t j = i + 2;
                for (; j < n; ++j) {
                    if (data[j] == '[') ++brackets;
                    else if (data[j] == ']') --brackets;
                    else if (data[j] == '>' && brackets <= 0) break;
                }
                next = j < n ? j + 1 : std::string_view::npos;
            }
        } else if (c1 == '?') {
            next = skip_past(bytes, i + 2, "?>");
        } else if (c1 == '/') {
            --depth;
            const auto* gt = i + 2 < n ? static_cast<const char*>(std::memchr(data + i + 2, '>', n - i - 2))
                                       : nullptr;
            next = gt == nullptr ? std::string_view::npos : static_cast<std::size_t>(gt - data) + 1;
        } else {
            // Up to the '>' outside quotes; a quoted value is skipped whole.
            std::size_t j = i + 1;
            for (; j < n; ++j) {
                const char c = data[j];
                if (c == '>') break;
                if (c == '"' || c == '\'') {
                    const auto* close = static_cast<const char*>(std::memchr(data + j + 1, c, n - j - 1));
                    if (close == nullptr) {
                        j = n;
                        break;
                    }
                    j = static_cast<std::size_t>(close - data);
                }
            }
            if (j >= n) break;  // unterminated tag: the parser reports it
            if (data[j - 1] != '/') {
                ++depth;
                if (depth > kMaxXmlDepth) {
                    diagnostics.error(locate(bytes, i, file_name), "",
                                      "các phần tử lồng nhau quá sâu (quá " +
                                          std::to_string(kMaxXmlDepth) + " cấp)",
                                      "elements nested too deeply (more than " +
                                          std::to_string(kMaxXmlDepth) + " levels)");
                    return false;
                }
            }
            next = j + 1;
        }
        if (next == std::string_view::npos) break;  // unterminated: the parser reports it
        i = next;
    }
    return true;
}

}  // namespace hoso::data
