#include "cli/version.h"

#ifndef HOSO_VERSION
#define HOSO_VERSION "unknown"
#endif
#ifndef HOSO_COMMIT
#define HOSO_COMMIT "unknown"
#endif

namespace hoso::cli {

std::string version_text() { return std::string("hoso ") + HOSO_VERSION + " (commit " + HOSO_COMMIT + ")"; }

}  // namespace hoso::cli
