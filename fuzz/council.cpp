// The council file (XML): parsed with its folder = examples/council, so that its CSV and XLSX
// imports and unit files resolve to the stored examples (read only; nothing is written).
#include "common.h"
#include "data/data.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace hoso;
    const auto& res = fuzz::resources();
    static const std::filesystem::path base = fuzz::resources_dir() / "examples" / "council";
    Diagnostics d;
    (void)data::parse_council(fuzz::as_view(data, size), "fuzz.xml", base, app::load_options(res.fonts), d);
    (void)d.format();
    return 0;
}
