// Authority profiles by date: who receives, appraises and decides on a document's date
// (forms/authorities/ba-cap.xml until 30/06/2025, hai-cap.xml from 01/07/2025), a province's
// own profile, and the refusal of a form whose level no longer exists.
#include <filesystem>

#include "util.h"

using namespace hoso;

namespace {

data::Unit unit_in(const std::string& district, const std::string& commune) {
    data::Unit u;
    u.district = test::txt(district);
    u.commune = test::txt(commune);
    u.where = {"don-vi.xml", 3, 3};
    return u;
}

const SourceLocation kWhere{"don-vi.xml", 25, 5};

}  // namespace

TEST_CASE("ba-cap until 30/06/2025: the circular's own wording, nothing unverified", "[forms][authorities]") {
    const auto u = unit_in("huyện Phong Thổ", "xã Sin Suối Hồ");
    for (const Date d : {Date{2025, 3, 10}, Date{2025, 6, 30}, Date{2025, 6, 0}}) {
        Diagnostics diags;
        const auto a = forms::resolve_authorities(test::library(), test::form("tt24-huyen"), d, &u, nullptr, kWhere, diags);
        INFO(diags.format());
        REQUIRE(a);
        CHECK(diags.empty());
        CHECK(a->profile == "ba-cap");
        CHECK(a->addressee == "Phòng Giáo dục và Đào tạo huyện Phong Thổ");
        CHECK(a->decider == "Chủ tịch Ủy ban nhân dân cấp huyện");
        CHECK(a->appraiser == "Phòng Giáo dục và Đào tạo");
        CHECK(a->dossier_deadline == test::form("tt24-huyen").procedure.dossier_deadline);
        CHECK(a->unverified.empty());
    }
}

TEST_CASE("hai-cap from 01/07/2025: the commune's successors, UNVERIFIED until confirmed", "[forms][authorities]") {
    const auto u = unit_in("huyện Phong Thổ", "xã Sin Suối Hồ");
    Diagnostics diags;
    const auto a =
        forms::resolve_authorities(test::library(), test::form("tt24-huyen"), Date{2025, 7, 1}, &u, nullptr, kWhere, diags);
    REQUIRE(a);
    CHECK(a->profile == "hai-cap");
    CHECK(a->addressee == "Phòng Văn hóa - Xã hội xã Sin Suối Hồ");
    CHECK(a->decider == "Chủ tịch Ủy ban nhân dân cấp xã");
    CHECK(a->unverified.size() == 3);
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items()[0].severity == Severity::Warning);
    CHECK(diags.items()[0].where.line == 25);
    CHECK(diags.items()[0].message_vi.find("CHƯA XÁC MINH") != std::string::npos);

    data::AuthorityChoice confirmed;
    confirmed.confirmed = true;
    Diagnostics quiet;
    const auto c = forms::resolve_authorities(test::library(), test::form("tt24-huyen"), Date{2026, 3, 1}, &u, &confirmed,
                                              kWhere, quiet);
    REQUIRE(c);
    CHECK(quiet.empty());
    CHECK(c->unverified.empty());
    CHECK(c->decider == "Chủ tịch Ủy ban nhân dân cấp xã");

    // The provincial level still exists: the circular's wording, nothing to confirm.
    Diagnostics tinh;
    const auto t =
        forms::resolve_authorities(test::library(), test::form("tt24-tinh"), Date{2026, 3, 1}, &u, nullptr, kWhere, tinh);
    REQUIRE(t);
    CHECK(tinh.empty());
    CHECK(t->profile == "hai-cap");
    CHECK(t->decider == "Chủ tịch Ủy ban nhân dân cấp tỉnh");
}

TEST_CASE("tt25-huyen dated from 01/07/2025 is refused; until 30/06/2025 it is not", "[forms][authorities]") {
    const auto u = unit_in("tỉnh Lai Châu", "");
    Diagnostics before;
    CHECK(forms::resolve_authorities(test::library(), test::form("tt25-huyen"), Date{2025, 6, 30}, &u, nullptr, kWhere,
                                     before));
    CHECK_FALSE(before.has_errors());
    Diagnostics after;
    CHECK_FALSE(forms::resolve_authorities(test::library(), test::form("tt25-huyen"), Date{2025, 7, 0}, &u, nullptr,
                                           kWhere, after));
    REQUIRE(after.error_count() == 1);
    const auto& e = after.items()[0];
    CHECK(e.where.file == "don-vi.xml");
    CHECK(e.where.line == 25);
    CHECK(e.message_vi.find("không còn đơn vị hành chính cấp huyện") != std::string::npos);
    CHECK(e.message_en.find("no district-level administrative units") != std::string::npos);
    CHECK(e.message_vi.find("authorities.xml") != std::string::npos);  // what the province can do
}

TEST_CASE("a profile named in the data file: unknown, out of its dates, or a province's own", "[forms][authorities]") {
    forms::FormLibrary lib = test::library();
    const auto u = unit_in("tỉnh Lai Châu", "");
    data::AuthorityChoice choice;
    choice.profile = data::Text{"lai-chau", {"don-vi.xml", 30, 3}};
    Diagnostics unknown;
    CHECK_FALSE(forms::resolve_authorities(lib, test::form("tt25-huyen"), Date{2026, 1, 5}, &u, &choice, kWhere, unknown));
    REQUIRE(unknown.error_count() == 1);
    CHECK(unknown.items()[0].where.line == 30);
    CHECK(unknown.items()[0].message_vi.find("ba-cap, hai-cap") != std::string::npos);

    choice.profile.value = "ba-cap";
    Diagnostics out_of_dates;
    CHECK_FALSE(
        forms::resolve_authorities(lib, test::form("tt25-huyen"), Date{2026, 1, 5}, &u, &choice, kWhere, out_of_dates));
    CHECK(out_of_dates.error_count() == 1);

    const auto dir = std::filesystem::temp_directory_path() / "hoso-forms-test-province";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    write_file_atomic(dir / "authorities.xml", R"(<?xml version="1.0" encoding="UTF-8"?>
<authority-profile id="lai-chau" from="2025-07-01">
  <name>Tỉnh Lai Châu</name>
  <form id="tt25-huyen">
    <addressee of="">Sở Giáo dục và Đào tạo tỉnh Lai Châu</addressee>
    <decider>Giám đốc Sở Giáo dục và Đào tạo</decider>
  </form>
</authority-profile>
)");
    Diagnostics load;
    lib.add_province_profiles(dir, load);
    REQUIRE(load.empty());
    choice.profile.value = "lai-chau";
    Diagnostics ok;
    const auto a = forms::resolve_authorities(lib, test::form("tt25-huyen"), Date{2026, 1, 5}, &u, &choice, kWhere, ok);
    INFO(ok.format());
    REQUIRE(a);
    CHECK(a->profile == "lai-chau");
    CHECK(a->addressee == "Sở Giáo dục và Đào tạo tỉnh Lai Châu");
    // For the dates it covers, the province's profile is the one chosen by date too.
    CHECK(lib.profile_for(Date{2026, 1, 5}, "tt25-huyen")->id == "lai-chau");
    CHECK(lib.profile_for(Date{2026, 1, 5}, "tt24-huyen")->id == "hai-cap");  // it does not list tt24-huyen
    std::filesystem::remove_all(dir);
}

TEST_CASE("a profile file's problems are reported with file:line", "[forms][authorities]") {
    Diagnostics d;
    const auto p = forms::FormLibrary::parse_profile(R"(<?xml version="1.0" encoding="UTF-8"?>
<authority-profile id="x" from="2025-13-01">
  <name>X</name>
  <form id="tt24-huyen">
    <addressee of="village">Phòng A</addressee>
    <signer>B</signer>
  </form>
  <form id="tt25-huyen" abolished="yes"/>
</authority-profile>
)",
                                                    "x.xml", d);
    CHECK_FALSE(p);
    const std::string text = d.format();
    INFO(text);
    CHECK(text.find("x.xml:2:") != std::string::npos);  // the date
    CHECK(text.find("x.xml:5:") != std::string::npos);  // of="village"
    CHECK(text.find("x.xml:6:") != std::string::npos);  // <signer>
    CHECK(text.find("x.xml:8:") != std::string::npos);  // abolished without <vi>/<en>
}
