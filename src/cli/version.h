// hoso's version and the commit it was built from, as `hoso --version` prints them.
#pragma once

#include <string>

namespace hoso::cli {

// "hoso 0.1.0 (commit 1a2b3c4d5e6f)"; the commit is "unknown" when the build was not made
// from a git checkout of hoso.
std::string version_text();

}  // namespace hoso::cli
