// Vietnamese collation (ICU "vi" tailoring).
#include "text/text.h"

#include <algorithm>
#include <numeric>

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/stringpiece.h>

#include "text/detail/icu_util.h"

namespace hoso::text {

struct Collator::Impl {
    std::unique_ptr<icu::Collator> coll;
};

Collator::Collator() : m_impl(std::make_unique<Impl>()) {
    UErrorCode status = U_ZERO_ERROR;
    m_impl->coll.reset(icu::Collator::createInstance(icu::Locale("vi"), status));
    detail::check(status, "Collator::createInstance(vi)");
    // Refuse a silent fallback to the root order, which is wrong for Vietnamese (D = Đ).
    const icu::Locale actual = m_impl->coll->getLocale(ULOC_ACTUAL_LOCALE, status);
    detail::check(status, "Collator::getLocale");
    if (std::string_view(actual.getLanguage()) != "vi") {
        throw Error("text::Collator: ICU has no Vietnamese collation data (got '" +
                    std::string(actual.getName()) + "')");
    }
    // Canonically equivalent strings (NFC vs NFD) must compare equal.
    m_impl->coll->setAttribute(UCOL_NORMALIZATION_MODE, UCOL_ON, status);
    detail::check(status, "Collator::setAttribute(UCOL_NORMALIZATION_MODE)");
}

Collator::~Collator() = default;
Collator::Collator(Collator&&) noexcept = default;
Collator& Collator::operator=(Collator&&) noexcept = default;

int Collator::compare(std::string_view a, std::string_view b) const {
    UErrorCode status = U_ZERO_ERROR;
    const UCollationResult r = m_impl->coll->compareUTF8(
        icu::StringPiece(a.data(), static_cast<int32_t>(a.size())),
        icu::StringPiece(b.data(), static_cast<int32_t>(b.size())), status);
    detail::check(status, "Collator::compareUTF8");
    return static_cast<int>(r);
}

std::string Collator::sort_key(std::string_view s) const {
    const icu::UnicodeString u = detail::to_ustring(s);
    std::string key(64, '\0');
    int32_t len = m_impl->coll->getSortKey(u, reinterpret_cast<uint8_t*>(key.data()),
                                           static_cast<int32_t>(key.size()));
    if (len > static_cast<int32_t>(key.size())) {
        key.resize(static_cast<std::size_t>(len));
        len = m_impl->coll->getSortKey(u, reinterpret_cast<uint8_t*>(key.data()), len);
    }
    if (len <= 0) throw Error("text::Collator::sort_key failed");
    key.resize(static_cast<std::size_t>(len - 1));  // drop the terminating 0 byte
    return key;
}

void sort_vi(std::vector<std::string>& items) {
    if (items.size() < 2) return;
    static const Collator coll;  // const use of an ICU collator is thread-safe
    std::vector<std::string> keys;
    keys.reserve(items.size());
    for (const auto& s : items) keys.push_back(coll.sort_key(s));
    std::vector<std::size_t> order(items.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t x, std::size_t y) { return keys[x] < keys[y]; });
    std::vector<std::string> sorted;
    sorted.reserve(items.size());
    for (std::size_t i : order) sorted.push_back(std::move(items[i]));
    items = std::move(sorted);
}

}  // namespace hoso::text
