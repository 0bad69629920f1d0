// Shared helpers for hoso's tests: paths into the source tree, golden files, and a fake
// text measurer with simple, predictable metrics.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include <catch2/catch.hpp>

#include "core/core.h"
#include "layout/layout.h"

namespace hoso::test {

inline std::filesystem::path source_dir() { return HOSO_SOURCE_DIR; }
inline std::filesystem::path fonts_dir() { return source_dir() / "fonts"; }

inline std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Compares `actual` with the golden file (a path relative to tests/). With UPDATE_GOLDEN=1
// in the environment the golden file is rewritten instead; review the diff before committing.
inline void check_golden(const std::filesystem::path& relative, const std::string& actual) {
    const auto path = source_dir() / "tests" / relative;
    if (std::getenv("UPDATE_GOLDEN") != nullptr) {
        std::filesystem::create_directories(path.parent_path());
        std::ofstream(path, std::ios::binary) << actual;
        return;
    }
    INFO("golden file " << path.string() << " (run with UPDATE_GOLDEN=1 to accept a change)");
    REQUIRE(std::filesystem::exists(path));
    const std::string expected = slurp(path);
    if (expected != actual) {
        // Report the first differing line: easier to read than two whole documents.
        std::istringstream e(expected), a(actual);
        std::string le, la;
        int line = 0;
        while (true) {
            ++line;
            const bool he = static_cast<bool>(std::getline(e, le));
            const bool ha = static_cast<bool>(std::getline(a, la));
            if (!he && !ha) break;
            if (le != la || he != ha) {
                INFO("first difference at line " << line << "\n  expected: " << le
                                                  << "\n  actual:   " << la);
                CHECK(expected == actual);
                return;
            }
        }
    }
    CHECK(expected == actual);
}

// Every code point is `em` wide (in em); a space is half of that. Ascent/descent mimic
// Liberation Serif (891/216 per 1000 em), so line heights are realistic.
class FixedWidthMeasurer final : public layout::TextMeasurer {
public:
    explicit FixedWidthMeasurer(double em = 0.5) : m_em(em) {}
    double width(std::string_view text, layout::Face face, double size) const override {
        double w = 0;
        for (std::size_t i = 0; i < text.size(); ++i) {
            const auto c = static_cast<unsigned char>(text[i]);
            if ((c & 0xC0) == 0x80) continue;  // continuation byte
            w += (c == ' ') ? m_em / 2 : m_em;
        }
        const double bold = (face == layout::Face::Bold || face == layout::Face::BoldItalic) ? 1.1 : 1.0;
        return w * size * bold;
    }
    double ascent_1000(layout::Face) const override { return 891; }
    double descent_1000(layout::Face) const override { return 216; }

private:
    double m_em;
};

}  // namespace hoso::test
