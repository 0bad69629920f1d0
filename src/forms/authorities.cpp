// Which authorities a document names on its date: the profile in force (forms/authorities/,
// or a province's own), the form's own wording where the profile says nothing.
#include "forms/forms.h"

#include "text/text.h"

namespace hoso::forms {

namespace {

Date earliest(const Date& d) { return Date{d.year, d.month == 0 ? 1 : d.month, d.day == 0 ? 1 : d.day}; }

std::string join(const std::vector<std::string>& v, const char* sep) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
    return out;
}

std::string date_text(const Date& d) {
    if (d.month == 0) return std::to_string(d.year);
    if (d.day == 0) return text::two_digits(d.month) + "/" + std::to_string(d.year);
    return text::short_date(d);
}

std::string profile_ids(const FormLibrary& library) {
    std::vector<std::string> ids;
    for (const auto& p : library.profiles()) ids.push_back(p.id);
    return ids.empty() ? std::string("—") : join(ids, ", ");
}

// The profile's setting, or the form's wording; an unverified one is listed (label: text).
std::string take(const AuthoritySetting& s, const std::string& fallback, const char* label,
                 std::vector<std::string>& unverified) {
    if (s.text.empty()) return fallback;
    if (!s.verified) unverified.push_back(std::string(label) + ": " + s.text);
    return s.text;
}

}  // namespace

std::optional<Authorities> resolve_authorities(const FormLibrary& library, const Form& form, const Date& date,
                                               const data::Unit* unit, const data::AuthorityChoice* choice,
                                               const SourceLocation& where, Diagnostics& diagnostics) {
    const Date day = earliest(date);
    const AuthorityProfile* profile = nullptr;
    if (choice != nullptr && !choice->profile.value.empty()) {
        const auto& named = choice->profile;
        profile = library.find_profile(named.value);
        if (profile == nullptr) {
            diagnostics.error(named.where, "authorities.profile",
                              "không có hồ sơ thẩm quyền '" + named.value + "' (có: " + profile_ids(library) +
                                  "; hồ sơ của tỉnh đặt tại <thư mục mẫu>/authorities.xml)",
                              "no authority profile '" + named.value + "' (known: " + profile_ids(library) +
                                  "; a province's own goes in <templates>/authorities.xml)");
            return std::nullopt;
        }
        if (!profile->covers(day)) {
            diagnostics.error(named.where, "authorities.profile",
                              "hồ sơ thẩm quyền '" + profile->id + "' (" + profile->name + ") không áp dụng cho văn bản ngày " +
                                  date_text(date),
                              "authority profile '" + profile->id + "' does not cover a document dated " + to_iso(day));
            return std::nullopt;
        }
    } else {
        profile = library.profile_for(day, form.id);
    }

    Authorities a;
    const Procedure& pr = form.procedure;
    const FormAuthorities* entry = profile != nullptr ? profile->find(form.id) : nullptr;
    if (entry != nullptr && entry->abolished) {
        diagnostics.error(where, "authorities",
                          entry->abolished_vi + " (hồ sơ thẩm quyền '" + profile->id + "', văn bản ngày " + date_text(date) +
                              "); không lập hồ sơ theo bộ tiêu chí " + form.id +
                              ". Nếu tỉnh có quy định riêng: đặt hồ sơ thẩm quyền của tỉnh tại <thư mục mẫu>/authorities.xml "
                              "và ghi <authorities profile=\"…\"/> trong tệp dữ liệu",
                          entry->abolished_en + " (authority profile '" + profile->id + "', document dated " + to_iso(day) +
                              "); no dossier under form " + form.id +
                              ". If the province has its own rules: put its profile in <templates>/authorities.xml and "
                              "name it with <authorities profile=\"…\"/> in the data file");
        return std::nullopt;
    }
    if (profile != nullptr) {
        a.profile = profile->id;
        a.profile_name = profile->name;
    }
    static const FormAuthorities kNone;
    const FormAuthorities& e = entry != nullptr ? *entry : kNone;
    a.addressee = take(e.addressee, pr.addressee, "Kính gửi", a.unverified);
    const std::string of = entry != nullptr && !e.addressee.text.empty() ? e.addressee_of : std::string("district");
    if (unit != nullptr) {
        const std::string& place = of == "commune" ? unit->commune.value : of == "district" ? unit->district.value : std::string();
        if (!place.empty()) {
            a.addressee += " " + place;
        } else if (of == "commune") {
            diagnostics.warning(unit->where, "unit.commune",
                                "Kính gửi " + a.addressee + " cần tên xã, phường của đơn vị: thêm <commune> vào <unit> (ví dụ <commune>xã Sin Suối Hồ</commune>)",
                                "the Kính gửi needs the unit's commune: add <commune> to <unit>");
        }
    }
    a.appraiser = take(e.appraiser, pr.addressee, "cơ quan thẩm định", a.unverified);
    a.decider = take(e.decider, pr.decider, "người quyết định công nhận", a.unverified);
    a.dossier_deadline = take(e.dossier_deadline, pr.dossier_deadline, "hạn gửi hồ sơ", a.unverified);
    a.decision_deadline = take(e.decision_deadline, pr.decision_deadline, "hạn công nhận", a.unverified);
    const bool confirmed = choice != nullptr && choice->confirmed;
    if (!a.unverified.empty() && !confirmed) {
        diagnostics.warning(where, "authorities",
                            "hồ sơ thẩm quyền '" + a.profile + "' (" + a.profile_name + ") có thiết lập CHƯA XÁC MINH: " +
                                join(a.unverified, "; ") +
                                " — kiểm tra văn bản hướng dẫn hiện hành, rồi ghi <authorities confirmed=\"yes\"/> "
                                "trong tệp dữ liệu (hoặc dùng hồ sơ thẩm quyền của tỉnh)",
                            "authority profile '" + a.profile + "' has UNVERIFIED settings (" +
                                std::to_string(a.unverified.size()) +
                                "); check current guidance, then write <authorities confirmed=\"yes\"/> in the data file "
                                "(or use the province's own profile)");
    }
    if (confirmed) a.unverified.clear();
    return a;
}

std::optional<Authorities> resolve_authorities(const FormLibrary& library, const Form& form,
                                               const data::UnitData& unit, Diagnostics& diagnostics) {
    const auto it = unit.documents.find("to-trinh");
    const bool dated = it != unit.documents.end() && it->second.date.year != 0;
    const Date date = dated ? it->second.date : Date{unit.assessment.year + 1, 0, 0};
    const SourceLocation where = dated ? it->second.where : unit.form_id.where;
    return resolve_authorities(library, form, date, &unit.unit, unit.authorities ? &*unit.authorities : nullptr, where,
                               diagnostics);
}

}  // namespace hoso::forms
