// vi-VN number formatting ('.' groups thousands, ',' is the decimal separator) and ICU
// rule-based spell-out. Formatting is done by hand so that it never depends on the C/C++
// locale or on ICU's locale data version.
#include "text/text.h"

#include <charconv>
#include <cmath>
#include <memory>

#include <unicode/locid.h>
#include <unicode/rbnf.h>

#include "text/detail/icu_util.h"

namespace hoso::text {

namespace {

constexpr int kMaxDecimals = 15;

// Groups a string of ASCII digits by threes with '.'.
std::string group_digits(std::string_view digits) {
    std::string out;
    out.reserve(digits.size() + digits.size() / 3);
    const std::size_t lead = digits.size() % 3;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i != 0 && (i % 3) == lead % 3) out += '.';
        out += digits[i];
    }
    return out;
}

}  // namespace

std::string format_integer(long long v) {
    // Magnitude as unsigned so that LLONG_MIN works.
    const unsigned long long mag =
        v < 0 ? 0ull - static_cast<unsigned long long>(v) : static_cast<unsigned long long>(v);
    std::string out = v < 0 ? "-" : "";
    out += group_digits(std::to_string(mag));
    return out;
}

std::string format_decimal(double v, int max_decimals) {
    if (!std::isfinite(v)) throw Error("format_decimal: value is not finite");
    const int decimals = max_decimals < 0 ? 0 : (max_decimals > kMaxDecimals ? kMaxDecimals : max_decimals);
    // Shortest decimal text that reads back as `v` ("2.675", not 2.67499999…), rounded half
    // away from zero on that text: what a person reading the number expects.
    char buf[400];
    const auto r = std::to_chars(buf, buf + sizeof buf, std::fabs(v), std::chars_format::fixed);
    if (r.ec != std::errc()) throw Error("format_decimal: value out of range");
    const std::string_view text(buf, static_cast<std::size_t>(r.ptr - buf));
    const std::size_t dot = text.find('.');
    std::string int_part(text.substr(0, dot));
    std::string frac_part(dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1));
    if (frac_part.size() > static_cast<std::size_t>(decimals)) {
        const bool round_up = frac_part[static_cast<std::size_t>(decimals)] >= '5';
        frac_part.resize(static_cast<std::size_t>(decimals));
        if (round_up) {
            // Add one unit in the last kept place, carrying into the integer part.
            std::string digits = int_part + frac_part;
            std::size_t i = digits.size();
            while (i > 0) {
                --i;
                if (digits[i] == '9') {
                    digits[i] = '0';
                } else {
                    ++digits[i];
                    break;
                }
                if (i == 0) digits.insert(digits.begin(), '1');
            }
            int_part = digits.substr(0, digits.size() - frac_part.size());
            frac_part = digits.substr(digits.size() - frac_part.size());
        }
    }
    while (!frac_part.empty() && frac_part.back() == '0') frac_part.pop_back();
    const bool is_zero = int_part.find_first_not_of('0') == std::string::npos && frac_part.empty();
    std::string out = (v < 0 && !is_zero) ? "-" : "";
    out += group_digits(int_part);
    if (!frac_part.empty()) {
        out += ',';
        out += frac_part;
    }
    return out;
}

std::string format_percent(double v, int max_decimals) {
    return format_decimal(v, max_decimals) + "%";
}

std::string two_digits(int v) {
    if (v >= 0 && v < 10) return "0" + std::to_string(v);
    return std::to_string(v);
}

std::string spell_out(long long v) {
    thread_local std::unique_ptr<icu::RuleBasedNumberFormat> fmt;
    if (!fmt) {
        UErrorCode status = U_ZERO_ERROR;
        // U_USING_DEFAULT_WARNING is reported for "vi" although the Vietnamese rules are used.
        auto f = std::make_unique<icu::RuleBasedNumberFormat>(icu::URBNF_SPELLOUT,
                                                              icu::Locale("vi"), status);
        detail::check(status, "RuleBasedNumberFormat(vi)");
        f->setDefaultRuleSet(icu::UnicodeString(u"%spellout-cardinal"), status);
        detail::check(status, "RuleBasedNumberFormat::setDefaultRuleSet(%spellout-cardinal)");
        fmt = std::move(f);
    }
    icu::UnicodeString out;
    fmt->format(static_cast<int64_t>(v), out);
    return detail::nfc_to_std(out);
}

}  // namespace hoso::text
