// Internal to serve: a ZIP of named files, in memory, deterministic (entries in the given order,
// stored, dated 1980-01-01 00:00).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace hoso::serve::detail {

std::string zip_files(const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace hoso::serve::detail
