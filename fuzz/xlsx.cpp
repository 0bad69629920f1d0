// The council's list of units as an Excel workbook (zip of XML parts, read from memory).
#include "common.h"
#include "data/data.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace hoso;
    const auto& res = fuzz::resources();
    Diagnostics d;
    (void)data::parse_council_xlsx(fuzz::as_view(data, size), "fuzz.xlsx", "", app::load_options(res.fonts), d);
    (void)d.format();
    return 0;
}
