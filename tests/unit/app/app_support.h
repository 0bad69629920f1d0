// Shared by the app tests: an environment reading the source tree's resources, and an empty
// scratch folder per test.
#pragma once

#include <filesystem>
#include <string>

#include "app/app.h"
#include "support.h"

namespace hoso::test {

inline app::Environment test_env() {
    app::Environment env;
    env.resources = source_dir();
    return env;
}

// <temp>/hoso-<suite>-test-<name>, emptied (and not created: an output folder the command
// under test must create itself).
inline std::filesystem::path fresh_dir(const std::string& suite, const std::string& name) {
    const auto dir = std::filesystem::temp_directory_path() / ("hoso-" + suite + "-test-" + name);
    std::filesystem::remove_all(dir);
    return dir;
}

}  // namespace hoso::test
