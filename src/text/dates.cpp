// ND30 date lines ("ngày 05 tháng 02 năm 2025") and the short numeric form.
#include "text/text.h"

namespace hoso::text {

namespace {

// Blank day/month/year: "ngày" + kGap + "tháng": the field is replaced by three spaces, so
// with the separating spaces there are exactly five spaces between the words.
constexpr std::string_view kBlankField = "   ";

void check_date(const Date& d, const char* who) {
    if (d.day < 0 || d.day > 31 || d.month < 0 || d.month > 12 || d.year < 0 || d.year > 9999) {
        throw Error(std::string(who) + ": date out of range: " + std::to_string(d.year) + "-" +
                    std::to_string(d.month) + "-" + std::to_string(d.day));
    }
}

std::string pad2(int v) { return v < 10 ? "0" + std::to_string(v) : std::to_string(v); }

}  // namespace

std::string nd30_date(const Date& d) {
    check_date(d, "nd30_date");
    std::string out = "ngày ";
    out += d.day == 0 ? std::string(kBlankField) : pad2(d.day);  // day < 10: leading zero
    out += " tháng ";
    if (d.month == 0) {
        out += kBlankField;
    } else {
        out += d.month <= 2 ? pad2(d.month) : std::to_string(d.month);  // only 01 and 02
    }
    out += " năm ";
    out += d.year == 0 ? std::string(kBlankField) : std::to_string(d.year);
    return out;
}

std::string nd30_place_date(std::string_view place, const Date& d) {
    std::string out(place);
    out += ", ";
    out += nd30_date(d);
    return out;
}

std::string short_date(const Date& d) {
    check_date(d, "short_date");
    static constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // "…" (U+2026)
    std::string out = d.day == 0 ? std::string(kEllipsis) : pad2(d.day);
    out += '/';
    out += d.month == 0 ? std::string(kEllipsis) : pad2(d.month);
    out += '/';
    out += d.year == 0 ? std::string(kEllipsis) : std::to_string(d.year);
    return out;
}

}  // namespace hoso::text
