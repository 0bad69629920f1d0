// A template (templates/*.xml): compiled, and when valid rendered with the context of the
// example unit examples/tt24-huyen.xml, the document checked and laid out.
#include "app/context.h"
#include "common.h"
#include "data/data.h"
#include "forms/forms.h"
#include "layout/layout.h"
#include "model/model.h"
#include "template/template.h"

namespace {

const hoso::tmpl::Value& unit_value() {
    using namespace hoso;
    static const tmpl::Value v = [] {
        const auto& res = fuzz::resources();
        Diagnostics d;
        const auto unit = data::load_unit(fuzz::resources_dir() / "examples" / "tt24-huyen.xml",
                                          app::load_options(res.fonts), d);
        const forms::Form* form = res.library.find(unit.form_id.value);
        if (d.has_errors() || !form) std::abort();
        const auto ev = forms::evaluate(*form, unit);
        const auto authorities = forms::resolve_authorities(res.library, *form, unit, d);
        if (!authorities) std::abort();
        return app::with_document(app::unit_context(unit, *form, ev, *authorities), unit, "to-trinh");
    }();
    return v;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace hoso;
    const auto& ctx = unit_value();
    Diagnostics d;
    const auto t = tmpl::Template::compile(fuzz::as_view(data, size), "fuzz.xml", d);
    (void)d.format();
    if (!t.valid()) return 0;
    const auto doc = t.render(ctx, d);
    if (d.has_errors()) return 0;
    if (!model::validate(doc).empty()) return 0;
    const layout::FontMeasurer measurer(fuzz::resources().fonts);
    (void)layout::layout_document(doc, measurer, d);
    return 0;
}
