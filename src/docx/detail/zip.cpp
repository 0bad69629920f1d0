// The zip container, written with libzip into memory. Deterministic: entries in map order
// (which puts "[Content_Types].xml" first), deflated, and all dated 1980-01-01 00:00, the
// earliest date a zip (MS-DOS) timestamp can hold.

#include <zip.h>

#include <ctime>
#include <memory>
#include <string>

#include "core/core.h"
#include "docx/detail/parts.h"

namespace hoso::docx::detail {

namespace {

[[noreturn]] void fail(const std::string& what, zip_error_t* error) {
    const std::string message = "docx: libzip: " + what + ": " + zip_error_strerror(error);
    zip_error_fini(error);
    throw Error(message);
}

[[noreturn]] void fail(const std::string& what, zip_t* archive) {
    throw Error("docx: libzip: " + what + ": " + zip_strerror(archive));
}

// libzip turns a time_t into an MS-DOS date with localtime(), so the time_t is made from the
// local calendar date: the stored date is then 1980-01-01 00:00 in every time zone.
std::time_t dos_epoch() {
    std::tm tm{};
    tm.tm_year = 80;
    tm.tm_mon = 0;
    tm.tm_mday = 1;
    tm.tm_hour = 0;
    tm.tm_isdst = -1;
    return std::mktime(&tm);
}

struct SourceFree {
    void operator()(zip_source_t* s) const { zip_source_free(s); }
};

}  // namespace

std::string zip_parts(const std::map<std::string, std::string>& parts) {
    zip_error_t error;
    zip_error_init(&error);
    std::unique_ptr<zip_source_t, SourceFree> buffer(zip_source_buffer_create(nullptr, 0, 0, &error));
    if (!buffer) fail("memory buffer", &error);
    zip_t* archive = zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &error);
    if (archive == nullptr) fail("open", &error);
    zip_source_keep(buffer.get());  // the archive releases it on close; we read it after

    const std::time_t mtime = dos_epoch();
    try {
        for (const auto& [name, bytes] : parts) {
            // The part strings live in `parts` until zip_close(): no copy needed.
            zip_source_t* src = zip_source_buffer(archive, bytes.data(), bytes.size(), 0);
            if (src == nullptr) fail("source for " + name, archive);
            const zip_int64_t index = zip_file_add(archive, name.c_str(), src, ZIP_FL_ENC_UTF_8);
            if (index < 0) {
                zip_source_free(src);
                fail("add " + name, archive);
            }
            const auto i = static_cast<zip_uint64_t>(index);
            if (zip_set_file_compression(archive, i, ZIP_CM_DEFLATE, 9) != 0 ||
                zip_file_set_mtime(archive, i, mtime, 0) != 0 ||
                zip_file_set_external_attributes(archive, i, 0, ZIP_OPSYS_UNIX, 0100644u << 16) != 0) {
                fail("set attributes of " + name, archive);
            }
        }
    } catch (...) {
        zip_discard(archive);
        throw;
    }
    if (zip_close(archive) != 0) {
        const std::string message = std::string("docx: libzip: close: ") + zip_strerror(archive);
        zip_discard(archive);
        throw Error(message);
    }

    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_source_stat(buffer.get(), &stat) != 0 || (stat.valid & ZIP_STAT_SIZE) == 0) {
        throw Error("docx: libzip: cannot size the written archive");
    }
    if (zip_source_open(buffer.get()) != 0) throw Error("docx: libzip: cannot reopen the archive");
    std::string out(static_cast<std::size_t>(stat.size), '\0');
    const zip_int64_t n = zip_source_read(buffer.get(), out.data(), stat.size);
    zip_source_close(buffer.get());
    if (n < 0 || static_cast<zip_uint64_t>(n) != stat.size) {
        throw Error("docx: libzip: short read of the archive");
    }
    return out;
}

}  // namespace hoso::docx::detail
