// The council's list of units as CSV (any bytes: UTF-8 or a legacy encoding).
#include "common.h"
#include "data/data.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace hoso;
    const auto& res = fuzz::resources();
    Diagnostics d;
    (void)data::parse_council_csv(fuzz::as_view(data, size), "fuzz.csv", app::load_options(res.fonts), d);
    (void)d.format();
    return 0;
}
