// Reading a zip held in memory back with libzip, for the DOCX tests. libzip checks an
// entry's CRC-32 and size when a read reaches its end, so unzip() reads once more past the
// data: an entry whose stored CRC or size is wrong fails there.
#pragma once

#include <zip.h>

#include <ctime>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

namespace hoso::test {

// Reads every entry of a zip held in memory, in stored order.
struct ZipEntry {
    std::string name;
    std::string bytes;
    zip_uint16_t method = 0;
    std::time_t mtime = 0;
};

inline std::vector<ZipEntry> unzip(const std::string& data) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* src = zip_source_buffer_create(data.data(), data.size(), 0, &error);
    REQUIRE(src != nullptr);
    zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &error);
    REQUIRE(z != nullptr);
    std::vector<ZipEntry> out;
    const zip_int64_t n = zip_get_num_entries(z, 0);
    for (zip_int64_t i = 0; i < n; ++i) {
        const auto idx = static_cast<zip_uint64_t>(i);
        zip_stat_t st;
        REQUIRE(zip_stat_index(z, idx, 0, &st) == 0);
        ZipEntry e;
        e.name = st.name;
        e.method = st.comp_method;
        e.mtime = st.mtime;
        e.bytes.resize(static_cast<std::size_t>(st.size));
        zip_file_t* f = zip_fopen_index(z, idx, 0);
        REQUIRE(f != nullptr);
        REQUIRE(zip_fread(f, e.bytes.data(), st.size) == static_cast<zip_int64_t>(st.size));
        char past_end = 0;
        const zip_int64_t tail = zip_fread(f, &past_end, 1);  // end of data: CRC and size checked
        INFO("entry " << e.name << ": " << zip_file_strerror(f));
        REQUIRE(tail == 0);
        zip_fclose(f);
        out.push_back(std::move(e));
    }
    zip_discard(z);
    return out;
}

// The package `bytes` unzips (CRC checked) to exactly `parts` (name → bytes, in name order),
// every entry deflated.
template <typename Parts>
void check_unzips_to(const std::string& bytes, const Parts& parts) {
    const auto entries = unzip(bytes);
    REQUIRE(entries.size() == parts.size());
    auto it = parts.begin();
    for (const auto& e : entries) {
        CHECK(e.name == it->first);
        CHECK(e.bytes == it->second);
        CHECK(e.method == ZIP_CM_DEFLATE);
        ++it;
    }
}

}  // namespace hoso::test
