// Shared by the fuzz targets: the resources (forms/, templates/, fonts/) loaded once per process
// from HOSO_RESOURCES or the source tree, and a unit file of examples/ as a valid context.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include "app/app.h"
#include "app/pipeline.h"
#include "core/core.h"

namespace hoso::fuzz {

inline std::filesystem::path resources_dir() {
    if (const char* env = std::getenv("HOSO_RESOURCES"); env && *env) return env;
    return HOSO_SOURCE_DIR;
}

// Forms, templates and fonts of the source tree; a problem in them is a bug of the tree, not
// of the input, so it aborts.
inline const app::Resources& resources() {
    static const app::Resources res = [] {
        app::Environment env;
        env.resources = resources_dir();
        app::Request r;
        Diagnostics d;
        app::Resources loaded = app::load_resources(r, env, d);
        if (d.has_errors()) {
            std::fputs(d.format().c_str(), stderr);
            std::abort();
        }
        return loaded;
    }();
    return res;
}

inline std::string_view as_view(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

}  // namespace hoso::fuzz
