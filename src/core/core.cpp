#include "core/core.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <random>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hoso {

void Diagnostics::error(SourceLocation where, std::string field, std::string vi, std::string en) {
    m_items.push_back({Severity::Error, std::move(where), std::move(field), std::move(vi), std::move(en)});
}

void Diagnostics::warning(SourceLocation where, std::string field, std::string vi, std::string en) {
    m_items.push_back(
        {Severity::Warning, std::move(where), std::move(field), std::move(vi), std::move(en)});
}

void Diagnostics::add(Diagnostic d) { m_items.push_back(std::move(d)); }

void Diagnostics::append(const Diagnostics& other) {
    m_items.insert(m_items.end(), other.m_items.begin(), other.m_items.end());
}

bool Diagnostics::has_errors() const noexcept { return error_count() > 0; }

std::size_t Diagnostics::error_count() const noexcept {
    std::size_t n = 0;
    for (const auto& d : m_items) {
        if (d.severity == Severity::Error) ++n;
    }
    return n;
}

std::string format_diagnostic(const Diagnostic& d) {
    std::string out;
    if (!d.where.file.empty()) {
        out += d.where.file;
        if (d.where.line > 0) {
            out += ':' + std::to_string(d.where.line);
            if (d.where.column > 0) out += ':' + std::to_string(d.where.column);
        }
        out += ": ";
    }
    out += d.severity == Severity::Error ? "lỗi: " : "cảnh báo: ";
    out += d.message_vi;
    if (!d.message_en.empty()) out += " (" + d.message_en + ")";
    if (!d.field.empty()) out += " [" + d.field + "]";
    return out;
}

std::string Diagnostics::format() const {
    std::string out;
    for (const auto& d : m_items) {
        out += format_diagnostic(d);
        out += '\n';
    }
    return out;
}

IoError::IoError(const std::filesystem::path& path, const std::string& what)
    : Error(path.string() + ": " + what), m_path(path), m_message(what) {}

std::string read_file(const std::filesystem::path& path, std::size_t max_bytes) {
    // open() and fstat() tell a missing file and a directory apart: no separate stat first.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT || errno == ENOTDIR) throw IoError(path, "không tìm thấy tệp (file not found)");
        throw IoError(path, "không đọc được tệp (cannot open file)");
    }
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    auto too_large = [&] {
        return IoError(path, "tệp quá lớn (file too large, limit " + std::to_string(max_bytes) + " bytes)");
    };
    // Read straight into the string: sized from fstat for a regular file (one read), grown
    // in steps for anything else (a pipe reports size 0).
    struct stat st{};
    std::size_t expected = 0;
    const bool stat_ok = ::fstat(fd, &st) == 0;
    if (stat_ok && S_ISDIR(st.st_mode)) {
        throw IoError(path, "đây là thư mục, không phải tệp (is a directory, not a file)");
    }
    const bool sized = stat_ok && S_ISREG(st.st_mode);
    if (sized) {
        expected = static_cast<std::size_t>(st.st_size);
        if (expected > max_bytes) throw too_large();
    }
    std::string data;
    data.resize(sized ? expected + 1 : std::size_t{1} << 16);  // +1: notices a file that grew
    std::size_t size = 0;
    for (;;) {
        if (size == data.size()) {
            if (size > max_bytes) throw too_large();
            data.resize(std::min(size * 2, max_bytes + 1));
        }
        const ssize_t n = ::read(fd, data.data() + size, data.size() - size);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw IoError(path, "lỗi khi đọc tệp (read error)");
        }
        if (n == 0) break;
        size += static_cast<std::size_t>(n);
        if (size > max_bytes) throw too_large();
    }
    data.resize(size);
    return data;
}

void write_file_atomic(const std::filesystem::path& path, std::string_view bytes, Durability durability) {
    const auto dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    std::string tmpl = (dir / ("." + path.filename().string() + ".tmp-XXXXXX")).string();
    const int fd = ::mkstemp(tmpl.data());
    if (fd < 0) {
        throw IoError(path, std::string("không tạo được tệp (cannot create file): ") +
                                std::generic_category().message(errno));
    }
    auto fail = [&](const char* what) {
        const int err = errno;
        ::close(fd);
        ::unlink(tmpl.c_str());
        throw IoError(path, std::string(what) + ": " + std::generic_category().message(err));
    };
    const char* p = bytes.data();
    std::size_t left = bytes.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            fail("không ghi được tệp (write failed)");
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    if (::fchmod(fd, 0644) != 0) fail("không đặt được quyền tệp (chmod failed)");
    if (durability == Durability::Now && ::fsync(fd) != 0) fail("không ghi được tệp (fsync failed)");
    if (::close(fd) != 0) {
        const int err = errno;
        ::unlink(tmpl.c_str());
        throw IoError(path, std::string("không ghi được tệp (close failed): ") +
                                std::generic_category().message(err));
    }
    if (std::rename(tmpl.c_str(), path.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmpl.c_str());
        throw IoError(path, std::string("không ghi được tệp (rename failed): ") +
                                std::generic_category().message(err));
    }
}

void sync_filesystem(const std::filesystem::path& path) {
#ifdef __linux__
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        throw IoError(path, std::string("không mở được (cannot open): ") + std::generic_category().message(errno));
    }
    const int rc = ::syncfs(fd);
    const int err = errno;
    ::close(fd);
    if (rc != 0) {
        throw IoError(path, std::string("không ghi được xuống đĩa (syncfs failed): ") +
                                std::generic_category().message(err));
    }
#else
    (void)path;
    ::sync();
#endif
}

namespace {
int days_in_month(int y, int m) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return days[m - 1];
}

std::optional<int> parse_int(std::string_view s) {
    if (s.empty() || s.size() > 4) return std::nullopt;
    int v = 0;
    auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
    return v;
}
}  // namespace

bool is_valid_date(const Date& d) {
    return d.year >= 1900 && d.year <= 9999 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
           d.day <= days_in_month(d.year, d.month);
}

std::optional<Date> parse_date(std::string_view s) {
    std::optional<int> y, m, d;
    if (s.size() == 10 && s[4] == '-' && s[7] == '-') {
        y = parse_int(s.substr(0, 4));
        m = parse_int(s.substr(5, 2));
        d = parse_int(s.substr(8, 2));
    } else {
        const auto a = s.find('/');
        const auto b = a == std::string_view::npos ? a : s.find('/', a + 1);
        if (b == std::string_view::npos) return std::nullopt;
        d = parse_int(s.substr(0, a));
        m = parse_int(s.substr(a + 1, b - a - 1));
        y = parse_int(s.substr(b + 1));
        if (s.substr(b + 1).size() != 4) return std::nullopt;
    }
    if (!y || !m || !d) return std::nullopt;
    Date date{*y, *m, *d};
    if (!is_valid_date(date)) return std::nullopt;
    return date;
}

std::string to_iso(const Date& d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
}

int months_between(const Date& from, const Date& to) {
    int months = (to.year - from.year) * 12 + (to.month - from.month);
    // A month is complete when the same day of month is reached (or the month's last day).
    const int from_day = std::min(from.day, days_in_month(to.year, to.month));
    if (months > 0 && to.day < from_day) --months;
    if (months < 0 && to.day > from_day) ++months;
    return months;
}

Date add_months(const Date& from, int months) {
    const int index = from.year * 12 + (from.month - 1) + months;
    Date d{index / 12, index % 12 + 1, 0};
    d.day = std::min(from.day, days_in_month(d.year, d.month));
    return d;
}

std::string format_fixed(double value, int decimals) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed, decimals);
    if (r.ec != std::errc()) throw Error("format_fixed: value out of range");
    std::string s(buf, r.ptr);
    if (s == "-0" || s.rfind("-0.", 0) == 0) {
        // avoid "-0.00" in output
        bool all_zero = true;
        for (char c : s) {
            if (c != '-' && c != '0' && c != '.') all_zero = false;
        }
        if (all_zero) s.erase(0, 1);
    }
    return s;
}

}  // namespace hoso
