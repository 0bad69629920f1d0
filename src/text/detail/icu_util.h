// Private helpers shared by the text module's implementation files (ICU <-> UTF-8).
#pragma once

#include <string>
#include <string_view>

#include <unicode/unistr.h>
#include <unicode/utypes.h>

#include "core/core.h"

namespace hoso::text::detail {

// Invalid UTF-8 becomes U+FFFD (ICU's behaviour); callers validate first where it matters.
inline icu::UnicodeString to_ustring(std::string_view utf8) {
    return icu::UnicodeString::fromUTF8(
        icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
}

inline std::string to_std(const icu::UnicodeString& s) {
    std::string out;
    s.toUTF8String(out);
    return out;
}

inline void check(UErrorCode status, const char* what) {
    if (U_FAILURE(status)) {
        throw Error(std::string("text: ") + what + ": " + u_errorName(status));
    }
}

// Decodes one code point at s[i]; returns its length in bytes, or 0 if the sequence is
// invalid (overlong, surrogate, above U+10FFFF, truncated, stray continuation byte).
std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& cp);

// NFC of a UnicodeString (used after ICU operations whose output may not be NFC).
std::string nfc_to_std(const icu::UnicodeString& s);

}  // namespace hoso::text::detail
