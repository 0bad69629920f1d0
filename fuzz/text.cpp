// The text layer on arbitrary bytes: UTF-8 validation, legacy-encoding decoding of invalid
// bytes; on valid UTF-8: NFC, case, legacy detection, line breaks, graphemes, slugs; the
// input read as a date and as a number, printed in the ND30 forms.
#include <cstring>
#include <limits>

#include "common.h"
#include "text/text.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace hoso;
    const std::string_view s = fuzz::as_view(data, size);
    if (text::find_invalid_utf8(s)) {
        (void)text::decode_legacy_bytes(s);
        return 0;
    }
    const std::string nfc = text::to_nfc(s);
    if (!text::is_nfc(nfc)) std::abort();
    (void)text::to_upper(nfc);
    (void)text::to_lower(nfc);
    (void)text::detect_legacy(nfc);
    for (std::size_t b : text::break_opportunities(nfc)) {
        if (b == 0 || b >= nfc.size()) std::abort();
    }
    (void)text::grapheme_boundaries(nfc);
    const std::string slug = text::ascii_slug(nfc, 1 + size % 80);
    if (slug.empty() || slug.find('/') != std::string::npos || slug == "." || slug == "..") std::abort();
    if (const auto date = parse_date(s)) {
        (void)text::nd30_date(*date);
        (void)text::short_date(*date);
    }
    if (size >= sizeof(double)) {
        double v;
        std::memcpy(&v, data, sizeof v);
        if (v == v && v != std::numeric_limits<double>::infinity() && v != -std::numeric_limits<double>::infinity()) {
            (void)text::format_decimal(v, static_cast<int>(data[size - 1] % 20) - 2);
            (void)text::format_percent(v, 1);
        }
        long long n;
        std::memcpy(&n, data, sizeof n);
        (void)text::format_integer(n);
        (void)text::spell_out(n);
    }
    return 0;
}
