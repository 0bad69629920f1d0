// The dossier as one ZIP (POST /api/render, format zip), with libzip, in memory.
#include "serve/detail/zip.h"

#include <zip.h>

#include <ctime>
#include <memory>

#include "core/core.h"

namespace hoso::serve::detail {
namespace {

// libzip turns a time_t into an MS-DOS date with localtime(): made from the local calendar date,
// the stored date is 1980-01-01 00:00 in every time zone.
std::time_t dos_epoch() {
    std::tm tm{};
    tm.tm_year = 80;
    tm.tm_mday = 1;
    tm.tm_isdst = -1;
    return std::mktime(&tm);
}

[[noreturn]] void fail(const std::string& what) { throw Error("zip: libzip: " + what); }

struct SourceFree {
    void operator()(zip_source_t* s) const { zip_source_free(s); }
};

}  // namespace

std::string zip_files(const std::vector<std::pair<std::string, std::string>>& files) {
    static const std::time_t epoch = dos_epoch();
    zip_error_t error;
    zip_error_init(&error);
    std::unique_ptr<zip_source_t, SourceFree> buffer(zip_source_buffer_create(nullptr, 0, 0, &error));
    if (!buffer) fail("memory buffer");
    zip_t* archive = zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &error);
    if (archive == nullptr) fail("open");
    zip_source_keep(buffer.get());
    try {
        for (const auto& [name, bytes] : files) {
            zip_source_t* src = zip_source_buffer(archive, bytes.data(), bytes.size(), 0);
            if (src == nullptr) fail("source for " + name);
            const zip_int64_t index = zip_file_add(archive, name.c_str(), src, ZIP_FL_ENC_UTF_8);
            if (index < 0) {
                zip_source_free(src);
                fail("add " + name);
            }
            const auto i = static_cast<zip_uint64_t>(index);
            if (zip_set_file_compression(archive, i, ZIP_CM_STORE, 0) != 0 ||
                zip_file_set_mtime(archive, i, epoch, 0) != 0 ||
                zip_file_set_external_attributes(archive, i, 0, ZIP_OPSYS_UNIX, 0100644u << 16) != 0) {
                fail("attributes of " + name);
            }
        }
        if (zip_close(archive) != 0) fail("close");
    } catch (...) {
        zip_discard(archive);
        throw;
    }
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_source_stat(buffer.get(), &stat) != 0 || (stat.valid & ZIP_STAT_SIZE) == 0) fail("size");
    if (zip_source_open(buffer.get()) != 0) fail("reopen");
    std::string out(static_cast<std::size_t>(stat.size), '\0');
    const zip_int64_t n = zip_source_read(buffer.get(), out.data(), stat.size);
    zip_source_close(buffer.get());
    if (n < 0 || static_cast<zip_uint64_t>(n) != stat.size) fail("short read");
    return out;
}

}  // namespace hoso::serve::detail
