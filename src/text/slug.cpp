// ASCII slugs for file names: Vietnamese letters lose their marks, đ → d.
#include "text/text.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>

#include "text/detail/icu_util.h"

namespace hoso::text {

std::string ascii_slug(std::string_view utf8, std::size_t max_len) {
    if (max_len == 0) throw Error("ascii_slug: max_len must be at least 1");
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    detail::check(status, "Normalizer2::getNFDInstance");
    // Invalid UTF-8 becomes U+FFFD, which is a separator like any other symbol.
    const icu::UnicodeString decomposed = nfd->normalize(detail::to_ustring(utf8), status);
    detail::check(status, "Normalizer2::normalize(NFD)");

    std::string slug;
    bool pending_dash = false;
    for (int32_t i = 0; i < decomposed.length(); i = decomposed.moveIndex32(i, 1)) {
        UChar32 c = decomposed.char32At(i);
        if (u_charType(c) == U_NON_SPACING_MARK) continue;  // tone marks, breve, horn, …
        if (c == 0x0110 || c == 0x0111) c = 'd';          // Đ đ
        if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (pending_dash && !slug.empty()) slug += '-';
            pending_dash = false;
            slug += static_cast<char>(c);
        } else {
            pending_dash = true;
        }
    }
    if (slug.size() > max_len) {
        // Cut at a word boundary when there is one within the limit.
        const bool cut_at_word = slug[max_len] == '-';
        slug.resize(max_len);
        if (!cut_at_word) {
            const std::size_t dash = slug.rfind('-');
            if (dash != std::string::npos && dash > 0) slug.resize(dash);
        }
        while (!slug.empty() && slug.back() == '-') slug.pop_back();
    }
    if (slug.empty()) slug = std::string("untitled").substr(0, max_len);
    return slug;
}

}  // namespace hoso::text
