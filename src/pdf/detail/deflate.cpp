#include "pdf/detail/deflate.h"

#include <zlib.h>

#include "core/core.h"

namespace hoso::pdf::detail {

std::string zlib_compress(std::string_view data, int level) {
    uLongf size = compressBound(static_cast<uLong>(data.size()));
    std::string out(size, '\0');
    const int status = compress2(reinterpret_cast<Bytef*>(out.data()), &size,
                                 reinterpret_cast<const Bytef*>(data.data()), static_cast<uLong>(data.size()), level);
    if (status != Z_OK) throw Error("pdf: zlib compress2 failed (" + std::to_string(status) + ")");
    out.resize(size);
    return out;
}

std::string compress_map(std::string_view map) { return zlib_compress(map); }

std::shared_ptr<const PrecodedFont> PrecodedFont::build(const TrueTypeProgram&) { return nullptr; }

std::string PrecodedFont::encode(const TrueTypeProgram& program, const TrueTypeProgram::Subset& subset) const {
    return zlib_compress(program.assemble(subset));
}

}  // namespace hoso::pdf::detail
