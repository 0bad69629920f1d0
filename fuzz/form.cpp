// A form definition (forms/*.xml): loaded, and when valid, its skeleton data file is made and
// the skeleton read back as a unit file against it.
#include "common.h"
#include "data/data.h"
#include "forms/forms.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace hoso;
    Diagnostics d;
    const auto form = forms::FormLibrary::parse(fuzz::as_view(data, size), "fuzz.xml", d);
    (void)d.format();
    if (!form || d.has_errors()) return 0;
    const std::string skeleton = forms::skeleton_xml(*form);
    Diagnostics u;
    const auto unit = data::parse_unit(skeleton, "skeleton.xml", {}, u);
    if (u.has_errors()) return 0;
    forms::check(*form, unit, u);
    (void)forms::evaluate(*form, unit);
    return 0;
}
