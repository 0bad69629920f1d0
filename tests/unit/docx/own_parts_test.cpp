// A document's own parts (word/document.xml, docProps/core.xml) are written into a buffer and
// deflated by libdeflate compressors that each thread keeps for the next document (zip.cpp). Whatever
// came before — a larger document, a smaller one, another thread — a document gives the same
// bytes, and the package reads back (libzip inflates each entry and checks its CRC-32) to
// exactly docx_parts.

#include <zip.h>

#include <cstdint>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "docx/detail/parts.h"
#include "docx/docx.h"
#include "fixtures.h"
#include "support.h"
#include "zip_util.h"

namespace {

using namespace hoso;
namespace fx = hoso::test::docx_fixtures;

// A document whose word/document.xml is larger than 1 MB: the buffers grow, and are given
// back for the next, small document (XmlWriter::reset, Deflater).
model::Document long_list() {
    model::Document doc = fx::danh_sach();
    auto& blocks = doc.sections[0].blocks;
    for (auto& b : blocks) {
        if (auto* t = std::get_if<model::Table>(&b)) *t = fx::results_table(1200);
    }
    doc.meta.title = "Danh sách dài <400> & \"đủ\"";
    return doc;
}

void check_reads_back(const model::Document& doc, const std::string& bytes) {
    test::check_unzips_to(bytes, docx::docx_parts(doc));  // inflates every entry, checks its CRC-32
}

std::uint16_t u16(const std::string& s, std::size_t at) {
    return static_cast<std::uint16_t>(static_cast<unsigned char>(s[at]) | (static_cast<unsigned char>(s[at + 1]) << 8));
}
std::uint32_t u32(const std::string& s, std::size_t at) {
    return static_cast<std::uint32_t>(u16(s, at)) | (static_cast<std::uint32_t>(u16(s, at + 2)) << 16);
}

// {entry name → general-purpose flags} from the local file headers.
std::map<std::string, std::uint16_t> local_flags(const std::string& zip) {
    std::map<std::string, std::uint16_t> flags;
    std::size_t at = 0;
    while (at + 30 <= zip.size() && u32(zip, at) == 0x04034b50u) {
        const std::uint16_t name_len = u16(zip, at + 26), extra_len = u16(zip, at + 28);
        const std::uint32_t comp_size = u32(zip, at + 18);
        flags[zip.substr(at + 30, name_len)] = u16(zip, at + 6);
        at += 30u + name_len + extra_len + comp_size;
    }
    return flags;
}

TEST_CASE("docx own parts: a larger, a smaller and the larger document again give the same bytes, and read back") {
    const model::Document big = long_list(), small = fx::cong_van();
    REQUIRE(docx::docx_parts(big).at("word/document.xml").size() > docx::detail::XmlWriter::kKeepCapacity);
    const std::string big1 = docx::write_docx(big);
    const std::string small1 = docx::write_docx(small);
    const std::string big2 = docx::write_docx(big);
    const std::string small2 = docx::write_docx(small);
    CHECK(big1 == big2);
    CHECK(small1 == small2);
    check_reads_back(big, big1);
    check_reads_back(small, small1);
}

TEST_CASE("docx own parts: threads that each keep their own compressors give the bytes of one thread") {
    const model::Document big = long_list(), small = fx::to_trinh();
    const std::string big_bytes = docx::write_docx(big), small_bytes = docx::write_docx(small);
    std::vector<std::vector<std::string>> results(3);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < results.size(); ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 4; ++i) results[t].push_back(docx::write_docx((i + static_cast<int>(t)) % 2 ? big : small));
        });
    }
    for (auto& th : threads) th.join();
    for (std::size_t t = 0; t < results.size(); ++t) {
        for (int i = 0; i < 4; ++i) {
            INFO("thread " << t << ", document " << i);
            CHECK(results[t][static_cast<std::size_t>(i)] == ((i + static_cast<int>(t)) % 2 ? big_bytes : small_bytes));
        }
    }
}

TEST_CASE("docx own parts: entries say how they were deflated, as libzip says it (own parts fast, shared parts maximum)") {
    const std::string bytes = docx::write_docx(fx::to_trinh());
    const auto flags = local_flags(bytes);
    REQUIRE(flags.size() == 10);
    for (const auto& [name, f] : flags) {
        INFO(name);
        const bool own = name == "word/document.xml" || name == "docProps/core.xml";
        CHECK((f & 0x0006) == (own ? 0x0004 : 0x0002));
    }
}

}  // namespace
