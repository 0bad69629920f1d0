// The form files in forms/: they load without a single diagnostic, and carry what the
// circulars say (ids, levels, articles, authorities, deadlines).
#include <catch2/catch.hpp>

#include "forms/forms.h"
#include "support.h"

using namespace hoso;

TEST_CASE("forms/: every form file loads without problems", "[forms][library]") {
    Diagnostics d;
    const auto lib = forms::FormLibrary::load_directory(test::source_dir() / "forms", d);
    INFO(d.format());
    CHECK(d.empty());
    CHECK(lib.ids() == std::vector<std::string>{"tt24-huyen", "tt24-tinh", "tt25-huyen", "tt25-tinh", "tt25-xa"});
}
