// UTF-8 validation, normalisation, UTF-32 conversion, case mapping and grapheme clusters.
#include "text/text.h"

#include <cstdint>
#include <cstring>
#include <memory>

#include <unicode/brkiter.h>
#include <unicode/bytestream.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/utext.h>

#include "text/detail/icu_util.h"

namespace hoso::text {

namespace {

// Length of the leading run of ASCII bytes, eight bytes at a time.
std::size_t ascii_prefix(std::string_view s) {
    std::size_t i = swar::skip_unflagged(s.data(), 0, s.size(), swar::non_ascii);
    while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80) ++i;
    return i;
}

bool is_ascii(std::string_view s) { return ascii_prefix(s) == s.size(); }

// True when `s` is valid UTF-8 made only of U+0000–U+02FF, U+1E00–U+1EFF and U+2010–U+2027:
// every Vietnamese letter precomposed, Latin-1, and the dashes and quotes. None of these is
// changed by NFC, alone or after any other of them (no combining marks), so such text is NFC
// without asking ICU. False means "ask ICU", not "not NFC".
bool precomposed_only(std::string_view s) noexcept {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const auto* const end = p + s.size();
    while (p < end) {
        const unsigned char c = *p;
        if (c < 0x80) {
            ++p;
        } else if (c >= 0xC2 && c <= 0xCB) {  // U+0080–U+02FF
            if (end - p < 2 || (p[1] & 0xC0) != 0x80) return false;
            p += 2;
        } else if (c == 0xE1) {  // U+1E00–U+1EFF: E1 B8..BB 80..BF
            if (end - p < 3 || p[1] < 0xB8 || p[1] > 0xBB || (p[2] & 0xC0) != 0x80) return false;
            p += 3;
        } else if (c == 0xE2) {  // U+2010–U+2027: E2 80 90..A7
            if (end - p < 3 || p[1] != 0x80 || p[2] < 0x90 || p[2] > 0xA7) return false;
            p += 3;
        } else {
            return false;
        }
    }
    return true;
}

const icu::Normalizer2& nfc_instance() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
    detail::check(status, "Normalizer2::getNFCInstance");
    return *n;
}

const icu::Locale& vi_locale() {
    static const icu::Locale vi("vi");
    return vi;
}

}  // namespace

std::size_t detail::decode_utf8(std::string_view s, std::size_t i, char32_t& cp) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned b0 = byte(i);
    if (b0 < 0x80) {
        cp = b0;
        return 1;
    }
    std::size_t len = 0;
    unsigned lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        len = 2;
        cp = b0 & 0x1Fu;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        len = 3;
        cp = b0 & 0x0Fu;
        if (b0 == 0xE0) lo = 0xA0;  // overlong
        if (b0 == 0xED) hi = 0x9F;  // surrogates U+D800..U+DFFF
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        len = 4;
        cp = b0 & 0x07u;
        if (b0 == 0xF0) lo = 0x90;  // overlong
        if (b0 == 0xF4) hi = 0x8F;  // above U+10FFFF
    } else {
        return 0;  // continuation byte, C0/C1 (overlong) or F5..FF
    }
    if (s.size() - i < len) return 0;
    for (std::size_t k = 1; k < len; ++k) {
        const unsigned b = byte(i + k);
        if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) return 0;
        cp = (cp << 6) | (b & 0x3Fu);
    }
    return len;
}

namespace {

void encode(char32_t cp, std::string& out) {
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

}  // namespace

std::string detail::nfc_to_std(const icu::UnicodeString& s) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString n = nfc_instance().normalize(s, status);
    check(status, "Normalizer2::normalize");
    return to_std(n);
}

std::optional<std::size_t> find_invalid_utf8(std::string_view s) {
    std::size_t i = ascii_prefix(s);
    while (i < s.size()) {
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            ++i;
            continue;
        }
        char32_t cp = 0;
        const std::size_t len = detail::decode_utf8(s, i, cp);
        if (len == 0) return i;
        i += len;
    }
    return std::nullopt;
}

std::string to_nfc(std::string_view utf8) {
    if (is_ascii(utf8)) return std::string(utf8);
    if (const auto bad = find_invalid_utf8(utf8)) {
        throw Error("to_nfc: invalid UTF-8 at byte " + std::to_string(*bad));
    }
    std::string out;
    out.reserve(utf8.size());
    icu::StringByteSink<std::string> sink(&out);
    UErrorCode status = U_ZERO_ERROR;
    nfc_instance().normalizeUTF8(
        0, icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())), sink, nullptr,
        status);
    detail::check(status, "Normalizer2::normalizeUTF8");
    return out;
}

bool is_nfc(std::string_view utf8) {
    if (precomposed_only(utf8)) return true;  // ASCII included
    if (find_invalid_utf8(utf8)) return false;
    UErrorCode status = U_ZERO_ERROR;
    const bool result = nfc_instance().isNormalizedUTF8(
        icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())), status);
    detail::check(status, "Normalizer2::isNormalizedUTF8");
    return result;
}

std::u32string to_utf32(std::string_view utf8) {
    std::u32string out;
    out.reserve(utf8.size());
    std::size_t i = 0;
    while (i < utf8.size()) {
        char32_t cp = 0;
        const std::size_t len = detail::decode_utf8(utf8, i, cp);
        if (len == 0) {  // precondition violated: be robust, one U+FFFD per bad byte
            out += U'\uFFFD';
            ++i;
        } else {
            out += cp;
            i += len;
        }
    }
    return out;
}

std::string to_utf8(std::u32string_view cps) {
    std::string out;
    out.reserve(cps.size());
    for (char32_t cp : cps) encode(cp, out);
    return out;
}

std::string to_upper(std::string_view nfc) {
    if (is_ascii(nfc)) {
        std::string out(nfc);
        for (char& c : out) {
            if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        }
        return out;
    }
    icu::UnicodeString u = detail::to_ustring(nfc);
    u.toUpper(vi_locale());
    return detail::nfc_to_std(u);
}

std::string to_lower(std::string_view nfc) {
    if (is_ascii(nfc)) {
        std::string out(nfc);
        for (char& c : out) {
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        }
        return out;
    }
    icu::UnicodeString u = detail::to_ustring(nfc);
    u.toLower(vi_locale());
    return detail::nfc_to_std(u);
}

std::vector<std::size_t> grapheme_boundaries(std::string_view nfc) {
    std::vector<std::size_t> out;
    if (nfc.size() < 2) return out;
    if (is_ascii(nfc)) {  // every byte is its own cluster, except CR LF
        for (std::size_t i = 1; i < nfc.size(); ++i) {
            if (!(nfc[i - 1] == '\r' && nfc[i] == '\n')) out.push_back(i);
        }
        return out;
    }
    thread_local std::unique_ptr<icu::BreakIterator> iter;
    UErrorCode status = U_ZERO_ERROR;
    if (!iter) {
        iter.reset(icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
        detail::check(status, "BreakIterator::createCharacterInstance");
    }
    UText* ut = utext_openUTF8(nullptr, nfc.data(), static_cast<int64_t>(nfc.size()), &status);
    detail::check(status, "utext_openUTF8");
    iter->setText(ut, status);
    if (U_FAILURE(status)) {
        utext_close(ut);
        detail::check(status, "BreakIterator::setText");
    }
    for (int32_t b = iter->next(); b != icu::BreakIterator::DONE; b = iter->next()) {
        const auto pos = static_cast<std::size_t>(b);
        if (pos > 0 && pos < nfc.size()) out.push_back(pos);
    }
    // Detach the iterator from `nfc`, which the caller owns.
    static const char empty[1] = {0};
    UText* none = utext_openUTF8(nullptr, empty, 0, &status);
    iter->setText(none, status);
    utext_close(none);
    utext_close(ut);
    return out;
}

}  // namespace hoso::text
