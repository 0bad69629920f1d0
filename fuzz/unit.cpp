// The unit data file: parse (data), then, when the file names a known form and has no
// structural error, check against the form and evaluate (forms), and the evaluate outputs.
#include "common.h"
#include "data/data.h"
#include "forms/forms.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace hoso;
    const auto& res = fuzz::resources();
    Diagnostics d;
    const auto unit = data::parse_unit(fuzz::as_view(data, size), "fuzz.xml", app::load_options(res.fonts), d);
    (void)d.format();
    if (d.has_errors()) return 0;
    const forms::Form* form = res.library.find(unit.form_id.value);
    if (!form) return 0;
    forms::check(*form, unit, d);
    if (d.has_errors()) return 0;
    const auto ev = forms::evaluate(*form, unit);
    (void)forms::evaluation_text(*form, ev);
    (void)forms::evaluation_json(*form, ev);
    return 0;
}
