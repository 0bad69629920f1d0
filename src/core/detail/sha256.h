// The two SHA-256 block functions behind sha256_hex (core.h), exposed so that tests can
// check that they agree.
#pragma once

#include <string>
#include <string_view>

namespace hoso::detail {

std::string sha256_hex_portable(std::string_view bytes);
// Whether this processor has the instructions sha256_hex_accelerated uses.
bool sha256_has_accelerated() noexcept;
// With the processor's SHA instructions when it has them, else the portable code.
std::string sha256_hex_accelerated(std::string_view bytes);

}  // namespace hoso::detail
