// core: the vocabulary every other module shares — diagnostics for bad user data,
// exceptions for bugs and I/O, and the few file helpers that must behave the same
// everywhere (atomic writes, so no output file is ever left half-written).
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace hoso {

// ---------------------------------------------------------------------------
// Diagnostics: problems in user data (input files, templates). They are collected,
// never thrown, so that a clerk sees every problem of a file at once.

enum class Severity : std::uint8_t { Error = 0, Warning };

struct SourceLocation {
    std::string file;  // as given by the user (not made absolute)
    int line = 0;      // 1-based; 0 = unknown
    int column = 0;    // 1-based; 0 = unknown
};

struct Diagnostic {
    Severity severity = Severity::Error;
    SourceLocation where;
    std::string field;       // dotted path of the offending item, e.g. "unit.name"; may be empty
    std::string message_vi;  // for the clerk, in Vietnamese
    std::string message_en;  // the same in English
};

class Diagnostics {
public:
    void error(SourceLocation where, std::string field, std::string vi, std::string en);
    void warning(SourceLocation where, std::string field, std::string vi, std::string en);
    void add(Diagnostic d);
    void append(const Diagnostics& other);

    bool has_errors() const noexcept;
    std::size_t error_count() const noexcept;
    bool empty() const noexcept { return m_items.empty(); }
    const std::vector<Diagnostic>& items() const noexcept { return m_items; }

    // "file:line:col: lỗi: <vi> (<en>) [field]" one per line, in the order they were added
    // (which callers keep in file order).
    std::string format() const;

private:
    std::vector<Diagnostic> m_items;
};

std::string format_diagnostic(const Diagnostic& d);

// ---------------------------------------------------------------------------
// Exceptions: programming errors and I/O failures. Bad user data never throws
// through a public API; it becomes a Diagnostic.

class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A problem with one user file that stops processing of that file (e.g. it cannot be read).
// Carries the path so the CLI can print it.
class IoError : public Error {
public:
    IoError(const std::filesystem::path& path, const std::string& what);
    const std::filesystem::path& path() const noexcept { return m_path; }
    const std::string& message() const noexcept { return m_message; }  // without the path

private:
    std::filesystem::path m_path;
    std::string m_message;
};

// Reads a whole regular file. Throws IoError (with the path) if it is missing, is a
// directory, or cannot be read; refuses files larger than `max_bytes`.
std::string read_file(const std::filesystem::path& path, std::size_t max_bytes = 64u << 20);

// When a written file reaches the disk itself (not only the page cache).
enum class Durability : std::uint8_t {
    // fsync before the rename: once write_file_atomic returns, the file survives a power cut.
    Now,
    // No fsync: the caller writes many files and then calls sync_filesystem() once (a batch
    // of thousands of documents would otherwise wait for thousands of disk flushes, 0.4–5 ms
    // each measured on the bench machine's disk). The file is still complete or absent for every reader and
    // if the process dies; only a power cut before sync_filesystem() can lose it.
    Deferred,
};

// Writes `bytes` to `path` atomically: the data goes to a temporary file in the same
// directory and is renamed over `path` only when complete (flushed to disk first when
// `durability` is Now). On any failure the temporary file is removed, `path` is untouched,
// and IoError names `path`.
void write_file_atomic(const std::filesystem::path& path, std::string_view bytes,
                       Durability durability = Durability::Now);

// Flushes every file written so far on the file system holding `path` to the disk (Linux:
// syncfs; elsewhere: sync). Throws IoError if the flush fails. One flush for the whole file
// system: it also waits for other programs' unwritten data on that disk, but it is a single
// journal commit; flushing a batch's files one by one (fdatasync each, fsync each folder)
// took 0.9 s for 100 documents on the bench machine, against ≈ 10 ms for this.
void sync_filesystem(const std::filesystem::path& path);

// ---------------------------------------------------------------------------
// Calendar dates (proleptic Gregorian). A zero day or month means "left blank for the
// signer to fill in", as on documents numbered and dated by hand at signing.

struct Date {
    int year = 0;
    int month = 0;  // 1–12, or 0 = blank
    int day = 0;    // 1–31, or 0 = blank
    auto operator<=>(const Date&) const = default;
};

bool is_valid_date(const Date& d);  // a real calendar day (no blanks)
// Parses "YYYY-MM-DD" (also "DD/MM/YYYY"); nullopt when malformed or not a real day.
std::optional<Date> parse_date(std::string_view s);
std::string to_iso(const Date& d);  // "2025-02-05"
// Whole months from `from` to `to` (negative if `to` is earlier); a month counts only when
// its day is reached: 2024-01-31 → 2025-01-30 is 11 months, → 2025-01-31 is 12.
int months_between(const Date& from, const Date& to);
// The same day `months` later (the month's last day when that month is shorter): the first
// day `to` with months_between(from, to) >= months. 2024-01-31 + 1 → 2024-02-29.
Date add_months(const Date& from, int months);

// Decodes the UTF-8 code point of `s` at byte `i` (requires i < s.size()) and moves `i` past it.
// An invalid, truncated or overlong sequence, a surrogate or a value above U+10FFFF yields
// `invalid` and moves `i` by one byte. Inline: layout and the DOCX writer call it per character.
inline char32_t next_code_point(std::string_view s, std::size_t& i, char32_t invalid) noexcept {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
        ++i;
        return b0;
    }
    int len = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if ((b0 & 0xE0) == 0xC0) {
        len = 2, cp = b0 & 0x1Fu, min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3, cp = b0 & 0x0Fu, min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4, cp = b0 & 0x07u, min = 0x10000;
    }
    bool ok = len > 0 && i + static_cast<std::size_t>(len) <= s.size();
    for (int k = 1; ok && k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
        if ((b & 0xC0) != 0x80) {
            ok = false;
        } else {
            cp = (cp << 6) | (b & 0x3Fu);
        }
    }
    if (ok && (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))) ok = false;
    if (!ok) {
        ++i;
        return invalid;
    }
    i += static_cast<std::size_t>(len);
    return cp;
}

// Text scanned eight bytes at a time (SWAR): the text, data, template and DOCX modules skip
// the long stretches of bytes that need nothing with these. A flag function maps a word (the
// eight bytes in memory order, loaded little-endian) to a word with the high bit set in each
// byte that needs a closer look; only its lowest flag has to be exact (the borrow of the
// subtractions below only moves upwards, so higher flags may be spurious).
namespace swar {
inline constexpr std::uint64_t kOnes = 0x0101010101010101u, kHigh = 0x8080808080808080u;
// Bytes equal to `c`.
constexpr std::uint64_t bytes_equal(std::uint64_t w, unsigned char c) noexcept {
    const std::uint64_t x = w ^ (c * kOnes);
    return (x - kOnes) & ~x & kHigh;
}
// Bytes below `n` (n ≤ 0x80).
constexpr std::uint64_t bytes_below(std::uint64_t w, unsigned char n) noexcept {
    return (w - n * kOnes) & ~w & kHigh;
}
// Bytes with the high bit set (not ASCII).
constexpr std::uint64_t non_ascii(std::uint64_t w) noexcept { return w & kHigh; }
// Bytes that are not printable ASCII: not ASCII, below 0x20, or DEL.
constexpr std::uint64_t not_printable_ascii(std::uint64_t w) noexcept {
    return non_ascii(w) | bytes_below(w, 0x20) | bytes_equal(w, 0x7F);
}
// From byte `i` of data[0..n): the index of the first flagged byte of the first word that has
// one; else the index where fewer than eight bytes are left (n when none). The caller looks
// at the bytes from there itself.
template <typename Flags>
std::size_t skip_unflagged(const void* data, std::size_t i, std::size_t n, Flags flags) noexcept {
    const auto* p = static_cast<const unsigned char*>(data);
    if constexpr (std::endian::native == std::endian::little) {
        for (; n - i >= 8; i += 8) {
            std::uint64_t w;
            std::memcpy(&w, p + i, 8);
            const std::uint64_t f = flags(w);
            if (f != 0) return i + static_cast<std::size_t>(std::countr_zero(f)) / 8;
        }
    }
    return i;
}
}  // namespace swar

// SHA-256 of `bytes` as 64 lowercase hex digits (for manifests).
std::string sha256_hex(std::string_view bytes);

// Formats a double with `decimals` digits after '.', independent of the C/C++ locale.
std::string format_fixed(double value, int decimals);

}  // namespace hoso
