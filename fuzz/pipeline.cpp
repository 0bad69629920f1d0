// The whole pipeline for a fuzzed unit file, in memory: load, check, evaluate, then the three
// templates of the dossier rendered to PDF and DOCX bytes (render_unit; nothing is written).
// Mẫu 01 is refused for a unit that does not reach its level, so Mẫu 02 and 03 are rendered
// with --only as well.
#include <sys/mman.h>
#include <unistd.h>

#include "common.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace hoso;
    const auto& res = fuzz::resources();
    // render_unit reads its input by path: the bytes go to a private file in memory (memfd),
    // named through /proc/self/fd; the output folder is never created.
    static const int fd = [] {
        const int f = memfd_create("hoso-fuzz-unit", 0);
        if (f < 0) std::abort();
        return f;
    }();
    if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != static_cast<ssize_t>(size)) std::abort();
    static const std::filesystem::path input = "/proc/self/fd/" + std::to_string(fd);
    for (int pass = 0; pass < 2; ++pass) {
        app::Request r;
        r.command = app::Command::Dossier;
        r.output_dir = "fuzz-out-never-written";
        if (pass == 1) r.only_templates = {"mau02-bao-cao", "mau03-tong-hop"};
        Diagnostics d;
        const auto files = app::render_unit(res, r, input, r.output_dir, d);
        (void)d.format();
        if (d.has_errors()) continue;
        for (const auto& f : files) {
            if (f.bytes.empty()) std::abort();
        }
    }
    return 0;
}
