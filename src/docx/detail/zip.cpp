// The zip container, written with libzip into memory. Deterministic: entries in name order
// (which puts "[Content_Types].xml" first), deflated, and all dated 1980-01-01 00:00, the
// earliest date a zip (MS-DOS) timestamp can hold.
//
// Speed. No part is compressed by libzip while a document is written: every entry comes
// from a libzip source that reports its bytes as already compressed (zip_source_function(3):
// a source whose stat names the compression method, size and CRC is copied as it is —
// libzip's own zip_source_zip works that way), so libzip only writes the container.
//   - The shared parts (parts.h: all but word/document.xml and docProps/core.xml) are the
//     same in every document made from one template: a process builds and deflates them
//     once (compress_parts) for each distinct SharedInputs and keeps their compressed bytes
//     (SharedPartCache).
//   - The document's own parts are deflated here with libdeflate (raw deflate, as a zip
//     entry holds it) by compressors each thread keeps, and their CRC-32 is libdeflate's.

#include <libdeflate.h>
#include <zip.h>

#include <climits>
#include <cstring>
#include <ctime>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/core.h"
#include "docx/detail/parts.h"

namespace hoso::docx::detail {

namespace {

// libdeflate levels (1 fastest … 12 smallest). Measured on the 20 first bench reports
// (bench/README.md; 42 KB of document.xml and 0.7 KB of core.xml each; callgrind):
// document.xml at level 1 takes 0.79 M instructions and 4.99 KB a document, level 3 1.48 M
// and 4.70 KB, level 6 1.69 M and 4.44 KB (zlib at level 3, before: 0.95 M and 4.92 KB);
// core.xml at level 1 takes 0.07 M, and no level makes it smaller than 413 bytes.
constexpr int kDocumentLevel = 1;
constexpr int kSmallLevel = 1;
// The shared parts (12 KB), compressed once per process: level 9 takes 1.06 M instructions
// and 2356 bytes, level 12 20.9 M (most of a DOCX process's start-up) for 35 bytes less.
constexpr int kSharedLevel = 9;

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
using SourcePtr = std::unique_ptr<zip_source_t, SourceFree>;

// An archive being written into memory.
class MemoryArchive {
public:
    MemoryArchive() {
        zip_error_t error;
        zip_error_init(&error);
        m_buffer.reset(zip_source_buffer_create(nullptr, 0, 0, &error));
        if (!m_buffer) fail("memory buffer", &error);
        m_archive = zip_open_from_source(m_buffer.get(), ZIP_TRUNCATE, &error);
        if (m_archive == nullptr) fail("open", &error);
        zip_source_keep(m_buffer.get());  // the archive releases it on close; we read it after
    }
    MemoryArchive(const MemoryArchive&) = delete;
    MemoryArchive& operator=(const MemoryArchive&) = delete;
    ~MemoryArchive() {
        if (m_archive != nullptr) zip_discard(m_archive);
    }

    zip_t* get() const { return m_archive; }

    // Adds `src` (taken over, freed on failure) as `name` with the fixed date and mode.
    zip_uint64_t add(const std::string& name, zip_source_t* src) {
        if (src == nullptr) fail("source for " + name, m_archive);
        const zip_int64_t index = zip_file_add(m_archive, name.c_str(), src, ZIP_FL_ENC_UTF_8);
        if (index < 0) {
            zip_source_free(src);
            fail("add " + name, m_archive);
        }
        const auto i = static_cast<zip_uint64_t>(index);
        if (zip_file_set_mtime(m_archive, i, epoch(), 0) != 0 ||
            zip_file_set_external_attributes(m_archive, i, 0, ZIP_OPSYS_UNIX, 0100644u << 16) != 0) {
            fail("set attributes of " + name, m_archive);
        }
        return i;
    }

    void set_compression(zip_uint64_t index, zip_int32_t method, zip_uint32_t level, const std::string& name) {
        if (zip_set_file_compression(m_archive, index, method, level) != 0) fail("compression of " + name, m_archive);
    }

    // Writes the archive and returns its bytes; the archive is closed afterwards.
    std::string close() {
        if (zip_close(m_archive) != 0) fail("close", m_archive);  // the destructor discards it
        m_archive = nullptr;
        zip_stat_t stat;
        zip_stat_init(&stat);
        if (zip_source_stat(m_buffer.get(), &stat) != 0 || (stat.valid & ZIP_STAT_SIZE) == 0) {
            throw Error("docx: libzip: cannot size the written archive");
        }
        if (zip_source_open(m_buffer.get()) != 0) throw Error("docx: libzip: cannot reopen the archive");
        std::string out(static_cast<std::size_t>(stat.size), '\0');
        const zip_int64_t n = zip_source_read(m_buffer.get(), out.data(), stat.size);
        zip_source_close(m_buffer.get());
        if (n < 0 || static_cast<zip_uint64_t>(n) != stat.size) {
            throw Error("docx: libzip: short read of the archive");
        }
        return out;
    }

private:
    static std::time_t epoch() {
        static const std::time_t t = dos_epoch();
        return t;
    }

    SourcePtr m_buffer;
    zip_t* m_archive = nullptr;
};

// The general-purpose bits 1-2 of a deflated entry (APPNOTE 4.4.4: normal, maximum, fast,
// super fast), as libzip sets them for a zlib level (libdeflate's 1-9 mean what zlib's do).
constexpr zip_uint16_t deflate_flags(int level) {
    if (level < 3) return 0x0004;
    if (level > 7) return 0x0002;
    return 0x0000;
}

// A part's bytes as a zip entry holds them, and what the entry needs to say about them.
struct Compressed {
    std::string_view data;
    zip_uint64_t size = 0;  // uncompressed
    zip_uint32_t crc = 0;
    zip_uint16_t method = ZIP_CM_DEFLATE;  // ZIP_CM_STORE if deflate would not shrink it
    zip_uint16_t flags = 0;                 // general-purpose bits 1-2 (deflate_flags)
};

// A shared part's compressed bytes, kept for many documents.
struct CompressedPart {
    std::string name;
    std::string data;
    zip_uint64_t size = 0;  // uncompressed
    zip_uint32_t crc = 0;
    zip_uint16_t method = ZIP_CM_DEFLATE;  // ZIP_CM_STORE if deflate would not shrink it
    zip_uint16_t flags = 0;

    Compressed view() const { return Compressed{data, size, crc, method, flags}; }
};

// A libdeflate compressor and its output buffer, kept for many parts: each compress()
// overwrites the output of the one before.
class Deflater {
public:
    explicit Deflater(int level) : m_level(level), m_compressor(libdeflate_alloc_compressor(level)) {
        if (m_compressor == nullptr) throw Error("docx: libdeflate: cannot allocate a compressor");
    }
    Deflater(const Deflater&) = delete;
    Deflater& operator=(const Deflater&) = delete;
    ~Deflater() { libdeflate_free_compressor(m_compressor); }

    // `in` deflated (or, should deflate not shrink it, `in` itself to be stored); the view
    // is valid until the next compress() and, when stored, while `in` lives.
    Compressed compress(std::string_view in) {
        if (in.size() > UINT_MAX / 2) throw Error("docx: a part of more than 2 GB");
        // Deflate output that is not smaller than the input is not wanted (the part is then
        // stored), so the buffer holds one byte less than the input. It grows to the largest
        // part; one much larger than this part and than 1 MB is given back.
        const std::size_t room = in.empty() ? 0 : in.size() - 1;
        if (m_capacity < room || (m_capacity > (std::size_t{1} << 20) && m_capacity / 4 > room)) {
            m_out = std::make_unique_for_overwrite<char[]>(room == 0 ? 1 : room);
            m_capacity = room;
        }
        Compressed c;
        c.size = in.size();
        c.crc = static_cast<zip_uint32_t>(libdeflate_crc32(0, in.data(), in.size()));
        // 0 when it does not fit in `room` bytes.
        const std::size_t out_size =
            room == 0 ? 0 : libdeflate_deflate_compress(m_compressor, in.data(), in.size(), m_out.get(), room);
        if (out_size == 0) {
            c.data = in;
            c.method = ZIP_CM_STORE;
        } else {
            c.data = std::string_view(m_out.get(), out_size);
            c.method = ZIP_CM_DEFLATE;
            c.flags = deflate_flags(m_level);
        }
        return c;
    }

private:
    int m_level;
    libdeflate_compressor* m_compressor;
    std::unique_ptr<char[]> m_out;
    std::size_t m_capacity = 0;
};

// The shared parts for one SharedInputs, compressed, in name order.
using SharedPackage = std::vector<CompressedPart>;

// Deflates every part at kSharedLevel.
SharedPackage compress_parts(const std::map<std::string, std::string>& parts) {
    Deflater deflater(kSharedLevel);
    SharedPackage package;
    package.reserve(parts.size());
    for (const auto& [name, bytes] : parts) {
        const Compressed c = deflater.compress(bytes);
        package.push_back(CompressedPart{name, std::string(c.data), c.size, c.crc, c.method, c.flags});
    }
    return package;
}

// The shared parts of every SharedInputs seen before, keyed by shared_key(); entries are
// never removed, so references to them stay valid for the life of the process. Bounded:
// past kMaxEntries (a process would need that many style sheets, languages or options) the
// parts are built and compressed for each document, to the same bytes.
class SharedPartCache {
public:
    static constexpr std::size_t kMaxEntries = 64;

    // The compressed shared parts for `in`: the cached ones, or new ones (cached if there is
    // room; otherwise owned by `keep`).
    const SharedPackage& get(const SharedInputs& in, std::unique_ptr<SharedPackage>& keep) {
        std::string key = shared_key(in);
        {
            const std::lock_guard<std::mutex> lock(m_mutex);
            const auto it = m_packages.find(key);
            if (it != m_packages.end()) return it->second;
        }
        SharedPackage package = compress_parts(shared_parts(in));  // outside the lock; equal if raced
        {
            const std::lock_guard<std::mutex> lock(m_mutex);
            if (m_packages.size() < kMaxEntries) {
                return m_packages.try_emplace(std::move(key), std::move(package)).first->second;
            }
        }
        keep = std::make_unique<SharedPackage>(std::move(package));
        return *keep;
    }

private:
    std::mutex m_mutex;
    std::map<std::string, SharedPackage> m_packages;
};

SharedPartCache& shared_cache() {
    static SharedPartCache cache;
    return cache;
}

// A libzip source that hands out a part's compressed bytes as they are. Its stat names the
// compression method, the uncompressed size and the CRC, which is what libzip needs to copy
// the data without recompressing (zip_source_function(3), ZIP_SOURCE_STAT).
struct PrecompressedSource {
    Compressed part;
    std::size_t offset = 0;
    zip_error_t error;

    static zip_int64_t callback(void* userdata, void* data, zip_uint64_t len, zip_source_cmd_t cmd) {
        auto* self = static_cast<PrecompressedSource*>(userdata);
        switch (cmd) {
            case ZIP_SOURCE_OPEN:
                self->offset = 0;
                return 0;
            case ZIP_SOURCE_READ: {
                const std::size_t left = self->part.data.size() - self->offset;
                const std::size_t n = len < left ? static_cast<std::size_t>(len) : left;
                std::memcpy(data, self->part.data.data() + self->offset, n);
                self->offset += n;
                return static_cast<zip_int64_t>(n);
            }
            case ZIP_SOURCE_CLOSE:
                return 0;
            case ZIP_SOURCE_STAT: {
                auto* st = ZIP_SOURCE_GET_ARGS(zip_stat_t, data, len, &self->error);
                if (st == nullptr) return -1;
                zip_stat_init(st);
                st->valid = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC |
                            ZIP_STAT_ENCRYPTION_METHOD;
                st->size = self->part.size;
                st->comp_size = self->part.data.size();
                st->comp_method = self->part.method;
                st->crc = self->part.crc;
                st->encryption_method = ZIP_EM_NONE;
                return sizeof(zip_stat_t);
            }
            case ZIP_SOURCE_GET_FILE_ATTRIBUTES: {
                // The compression option flags libzip itself sets for a deflate level.
                auto* attributes = ZIP_SOURCE_GET_ARGS(zip_file_attributes_t, data, len, &self->error);
                if (attributes == nullptr) return -1;
                if (self->part.method == ZIP_CM_DEFLATE) {
                    attributes->valid |= ZIP_FILE_ATTRIBUTES_GENERAL_PURPOSE_BIT_FLAGS;
                    attributes->general_purpose_bit_mask = 0x0006;
                    attributes->general_purpose_bit_flags = self->part.flags;
                }
                return sizeof(zip_file_attributes_t);
            }
            case ZIP_SOURCE_ERROR:
                return zip_error_to_data(&self->error, data, len);
            case ZIP_SOURCE_FREE:
                zip_error_fini(&self->error);
                delete self;
                return 0;
            case ZIP_SOURCE_SUPPORTS:
                return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
                                                      ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE,
                                                      ZIP_SOURCE_SUPPORTS, ZIP_SOURCE_GET_FILE_ATTRIBUTES, -1);
            default:
                zip_error_set(&self->error, ZIP_ER_OPNOTSUPP, 0);
                return -1;
        }
    }
};

zip_source_t* precompressed_source(zip_t* archive, const Compressed& part) {
    auto* state = new PrecompressedSource;
    state->part = part;
    zip_error_init(&state->error);
    zip_source_t* src = zip_source_function(archive, &PrecompressedSource::callback, state);
    if (src == nullptr) {
        zip_error_fini(&state->error);
        delete state;
    }
    return src;
}

}  // namespace

std::string zip_package(const SharedInputs& in, std::span<const OwnPart> parts) {
    // One stream per kind of own part, so that both outputs live until the archive is closed.
    thread_local Deflater document_deflater(kDocumentLevel);
    thread_local Deflater small_deflater(kSmallLevel);
    bool document_used = false, small_used = false;
    auto compress = [&](const OwnPart& part) {
        const bool document = std::strcmp(part.name, part::kDocument) == 0;
        bool& used = document ? document_used : small_used;
        if (used) throw Error(std::string("docx: zip_package: a second own part like ") + part.name);
        used = true;
        return (document ? document_deflater : small_deflater).compress(part.bytes);
    };

    std::unique_ptr<SharedPackage> uncached;  // must live until the archive is closed
    const SharedPackage& shared = shared_cache().get(in, uncached);
    MemoryArchive archive;
    auto add = [&](const std::string& name, const Compressed& c) {
        const zip_uint64_t i = archive.add(name, precompressed_source(archive.get(), c));
        archive.set_compression(i, c.method, 0, name);
    };
    // Both lists are in name order: merge them.
    auto next_shared = shared.begin();
    const char* previous = nullptr;
    for (const OwnPart& part : parts) {
        if (previous != nullptr && std::strcmp(previous, part.name) >= 0) {
            throw Error("docx: zip_package: own parts out of name order");
        }
        previous = part.name;
        for (; next_shared != shared.end() && next_shared->name < part.name; ++next_shared) {
            add(next_shared->name, next_shared->view());
        }
        add(part.name, compress(part));  // the bytes stay in the thread's Deflater until close()
    }
    for (; next_shared != shared.end(); ++next_shared) add(next_shared->name, next_shared->view());
    return archive.close();
}

}  // namespace hoso::docx::detail
