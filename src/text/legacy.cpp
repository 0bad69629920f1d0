// Legacy Vietnamese encodings: TCVN3 (ABC), VNI-Windows and VIQR inside Unicode values, and
// whole files in TCVN5712-1, Windows-1258, VISCII or VNI bytes. See text.h for the policy.
//
// The TCVN3 and VNI tables are data (src/text/legacy/*.txt, turned into legacy_tables.inc at
// build time). glibc iconv decodes TCVN5712-1, CP1258 and VISCII (ICU has none of the three);
// VNI has no converter anywhere, so its table is ours.
#include <iconv.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <map>
#include <unordered_map>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>

#include "text/detail/icu_util.h"
#include "text/text.h"

namespace hoso::text {

namespace {

struct TcvnEntry {
    unsigned char byte;
    char32_t letter;
};
struct VniEntry {
    char32_t letter;
    unsigned char bytes[2];
    unsigned char length;
};
#include "legacy_tables.inc"

// Windows-1252 0x80–0x9F; 0 = unassigned (such a byte stands for the C1 control U+0080+n, as
// Windows itself turns it into Unicode).
constexpr std::array<char32_t, 32> kCp1252High = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

// The Windows-1252 byte of a code point, or -1 when it has none.
int unicode_to_cp1252(char32_t cp) {
    if (cp < 0x100) return static_cast<int>(cp);
    for (std::size_t i = 0; i < kCp1252High.size(); ++i) {
        if (kCp1252High[i] == cp) return static_cast<int>(0x80 + i);
    }
    return -1;
}

// --- The Vietnamese alphabet ------------------------------------------------------------------

// A letter as spelling sees it: its base in a private ASCII alphabet (a ă â e ê i o ô ơ u ư y
// → a W A e E i o O P u U y; đ → D; consonants as themselves), its tone (0 = none) and case.
struct Letter {
    char base = 0;
    std::uint8_t tone = 0;
    bool upper = false;
};

class Alphabet {
public:
    Alphabet() {
        for (char c = 'a'; c <= 'z'; ++c) {
            m_letters[static_cast<char32_t>(c)] = {c, 0, false};
            m_letters[static_cast<char32_t>(c - 'a' + 'A')] = {c, 0, true};
        }
        UErrorCode status = U_ZERO_ERROR;
        const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
        detail::check(status, "Normalizer2::getNFDInstance");
        // The VNI table lists every Vietnamese letter that is not plain ASCII, in both cases.
        for (const auto& e : kVni) {
            icu::UnicodeString d = nfd->normalize(icu::UnicodeString(static_cast<UChar32>(e.letter)), status);
            detail::check(status, "Normalizer2::normalize");
            Letter l;
            const UChar32 first = d.char32At(0);
            l.upper = u_isupper(first) != 0;
            char base = static_cast<char>(u_tolower(first) < 0x80 ? u_tolower(first) : 0);
            if (e.letter == 0x0111 || e.letter == 0x0110) base = 'D';
            for (int32_t i = 1; i < d.length(); ++i) {
                switch (d.charAt(i)) {
                    case 0x0302: base = base == 'a' ? 'A' : base == 'e' ? 'E' : 'O'; break;
                    case 0x0306: base = 'W'; break;
                    case 0x031B: base = base == 'o' ? 'P' : 'U'; break;
                    case 0x0301: l.tone = 1; break;
                    case 0x0300: l.tone = 2; break;
                    case 0x0309: l.tone = 3; break;
                    case 0x0303: l.tone = 4; break;
                    case 0x0323: l.tone = 5; break;
                    default: break;
                }
            }
            l.base = base;
            m_letters[e.letter] = l;
        }
    }
    const Letter* find(char32_t c) const {
        const auto it = m_letters.find(c);
        return it == m_letters.end() ? nullptr : &it->second;
    }

private:
    std::unordered_map<char32_t, Letter> m_letters;
};

const Alphabet& alphabet() {
    static const Alphabet a;
    return a;
}

bool is_vowel(char b) {
    switch (b) {
        case 'a': case 'W': case 'A': case 'e': case 'E': case 'i': case 'o': case 'O': case 'P':
        case 'u': case 'U': case 'y': return true;
        default: return false;
    }
}

// Vowel groups of Vietnamese syllables (in the private alphabet, without tones).
bool is_nucleus(std::string_view v) {
    static constexpr std::string_view kNuclei[] = {
        "a",   "W",   "A",   "e",   "E",   "i",   "o",   "O",   "P",   "u",   "U",   "y",   "ai",  "ao",
        "au",  "ay",  "Au",  "Ay",  "eo",  "Eu",  "ia",  "iE",  "iu",  "oa",  "oW",  "oe",  "oi",  "oo",
        "Oi",  "Pi",  "ua",  "uA",  "uE",  "ui",  "uO",  "uP",  "uy",  "Ua",  "Ui",  "UP",  "Uu",  "yE",
        "iEu", "yEu", "oai", "oao", "oay", "oeo", "uAy", "uOi", "uya", "uyE", "uyu", "UPi", "UPu"};
    return std::find(std::begin(kNuclei), std::end(kNuclei), v) != std::end(kNuclei);
}

bool is_final(std::string_view f) {
    static const std::array<std::string_view, 9> kFinals = {"", "c", "ch", "m", "n", "ng", "nh", "p", "t"};
    return std::find(kFinals.begin(), kFinals.end(), f) != kFinals.end();
}

// Word separators: ASCII other than letters, no-break space, and the Windows-1252 punctuation
// of 0x80–0x9F (which no legacy table uses for a letter).
bool is_separator(char32_t c) {
    if (c < 0x80) return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
    if (c == 0xA0) return true;
    switch (c) {
        case 0x201A: case 0x201E: case 0x2026: case 0x2020: case 0x2021: case 0x2030: case 0x2039:
        case 0x2018: case 0x2019: case 0x201C: case 0x201D: case 0x2022: case 0x2013: case 0x2014:
        case 0x2122: case 0x203A: case 0x20AC: return true;
        default: return false;
    }
}

template <typename F>
void for_each_word(std::u32string_view s, F&& f) {
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && is_separator(s[i])) ++i;
        const std::size_t start = i;
        while (i < s.size() && !is_separator(s[i])) ++i;
        if (i > start) f(s.substr(start, i - start));
    }
}

bool has_non_ascii(std::u32string_view w) {
    return std::any_of(w.begin(), w.end(), [](char32_t c) { return c >= 0x80; });
}

// Every word with a letter outside ASCII is a Vietnamese syllable; `words` counts them.
bool reads_as_vietnamese(std::u32string_view s, int* words = nullptr) {
    bool ok = true;
    int n = 0;
    for_each_word(s, [&](std::u32string_view w) {
        if (!has_non_ascii(w)) return;
        ++n;
        if (!is_vietnamese_syllable(w)) ok = false;
    });
    if (words) *words = n;
    return ok;
}

// Text typed with the capital TCVN3 font (.VnTimeH) carries lower-case bytes: in a word whose
// ASCII letters are all capitals — two at least, or one that is not the first letter ("Uỷ" is
// a capitalised word) — the decoded letters become capitals too ("TR\u00ADêNG" → "TRƯỜNG").
std::u32string capitalise_vntimeh_words(std::u32string s) {
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && is_separator(s[i])) ++i;
        const std::size_t start = i;
        int ascii_upper = 0;
        bool ascii_lower = false, decoded_lower = false;
        while (i < s.size() && !is_separator(s[i])) {
            const char32_t c = s[i];
            if (c >= 'A' && c <= 'Z') ascii_upper += i == start ? 1 : 2;
            else if (c >= 'a' && c <= 'z') ascii_lower = true;
            else if (u_islower(static_cast<UChar32>(c))) decoded_lower = true;
            ++i;
        }
        if (ascii_upper >= 2 && !ascii_lower && decoded_lower) {
            for (std::size_t k = start; k < i; ++k) s[k] = static_cast<char32_t>(u_toupper(static_cast<UChar32>(s[k])));
        }
    }
    return s;
}

// --- Readings of a value ------------------------------------------------------------------------

// The value's Windows-1252 bytes, or nullopt when a character has none.
std::optional<std::string> cp1252_bytes(std::u32string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char32_t c : s) {
        const int b = unicode_to_cp1252(c);
        if (b < 0) return std::nullopt;
        out += static_cast<char>(b);
    }
    return out;
}

std::optional<std::u32string> decode_tcvn3(std::string_view bytes) {
    static const auto table = [] {
        std::array<char32_t, 256> t{};
        for (const auto& e : kTcvn3) t[e.byte] = e.letter;
        return t;
    }();
    std::u32string out;
    out.reserve(bytes.size());
    for (char ch : bytes) {
        const auto b = static_cast<unsigned char>(ch);
        if (b < 0x80) {
            out += b;
        } else if (b == 0xA0) {
            out += U' ';
        } else if (table[b] != 0) {
            out += table[b];
        } else {
            return std::nullopt;
        }
    }
    return capitalise_vntimeh_words(std::move(out));
}

unsigned char fold_cp1252(unsigned char b) {
    if (b >= 'A' && b <= 'Z') return static_cast<unsigned char>(b + 0x20);
    if (b >= 0xC0 && b <= 0xDE && b != 0xD7) return static_cast<unsigned char>(b + 0x20);
    return b;
}

bool is_upper_cp1252(unsigned char b) { return (b >= 'A' && b <= 'Z') || (b >= 0xC0 && b <= 0xDE && b != 0xD7); }

std::optional<std::u32string> decode_vni(std::string_view bytes) {
    // Keyed by the case-folded bytes; the letter's case comes from its first byte, so a capital
    // with lower-case marks ("Aù") reads as the capital, as it prints in a VNI font.
    static const auto table = [] {
        std::map<std::pair<unsigned char, unsigned char>, std::pair<char32_t, char32_t>> t;  // → lower, upper
        for (const auto& e : kVni) {
            const auto key = std::make_pair(fold_cp1252(e.bytes[0]), e.length == 2 ? fold_cp1252(e.bytes[1]) : 0);
            auto& slot = t[key];
            (is_upper_cp1252(e.bytes[0]) ? slot.second : slot.first) = e.letter;
        }
        return t;
    }();
    std::u32string out;
    out.reserve(bytes.size());
    for (std::size_t i = 0; i < bytes.size();) {
        const auto b = static_cast<unsigned char>(bytes[i]);
        const bool upper = is_upper_cp1252(b);
        if (i + 1 < bytes.size()) {
            const auto it = table.find({fold_cp1252(b), fold_cp1252(static_cast<unsigned char>(bytes[i + 1]))});
            if (it != table.end()) {
                out += upper ? it->second.second : it->second.first;
                i += 2;
                continue;
            }
        }
        if (b < 0x80) {
            out += b;
        } else if (b == 0xA0) {
            out += U' ';
        } else if (const auto it = table.find({fold_cp1252(b), 0}); it != table.end()) {
            out += upper ? it->second.second : it->second.first;
        } else {
            return std::nullopt;
        }
        ++i;
    }
    return out;
}

// VIQR: a vowel followed by a shape mark ( ^ + and then a tone mark ' ` ? ~ . ; "dd" at the
// start of a word is đ; a backslash keeps the next mark as written. `strict`: a '?' or '.' at
// the end of a word is punctuation (to count the marks that cannot be); otherwise only a '.'
// that ends the whole value is.
std::u32string decode_viqr(std::string_view s, int& marks, bool strict) {
    marks = 0;
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    detail::check(status, "Normalizer2::getNFCInstance");
    icu::UnicodeString out;
    auto lower = [](char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); };
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        const bool word_start = i == 0 || is_separator(static_cast<unsigned char>(s[i - 1]));
        if (c == '\\' && i + 1 < s.size() && std::string_view("(^+'`?~.\\").find(s[i + 1]) != std::string_view::npos) {
            out += static_cast<UChar>(s[++i]);
            continue;
        }
        if (word_start && (c == 'd' || c == 'D') && i + 1 < s.size() && lower(s[i + 1]) == 'd') {
            out += static_cast<UChar>(c == 'D' ? 0x0110 : 0x0111);
            ++marks;
            ++i;
            continue;
        }
        out += static_cast<UChar>(c);
        const char l = lower(c);
        if (std::string_view("aeiouy").find(l) == std::string_view::npos) continue;
        if (i + 1 < s.size()) {
            const char m = s[i + 1];
            UChar shape = 0;
            if (m == '(' && l == 'a') shape = 0x0306;
            if (m == '^' && (l == 'a' || l == 'e' || l == 'o')) shape = 0x0302;
            if (m == '+' && (l == 'o' || l == 'u')) shape = 0x031B;
            if (shape != 0) {
                out += shape;
                ++marks;
                ++i;
            }
        }
        if (i + 1 < s.size()) {
            UChar tone = 0;
            switch (s[i + 1]) {
                case '\'': tone = 0x0301; break;
                case '`': tone = 0x0300; break;
                case '?': tone = 0x0309; break;
                case '~': tone = 0x0303; break;
                case '.': tone = 0x0323; break;
                default: break;
            }
            const bool word_end = i + 2 >= s.size() || is_separator(static_cast<unsigned char>(s[i + 2]));
            const bool punctuation = strict ? word_end && (tone == 0x0323 || tone == 0x0309)
                                            : i + 2 >= s.size() && tone == 0x0323;
            if (tone != 0 && !punctuation) {
                out += tone;
                ++marks;
                ++i;
            }
        }
    }
    const icu::UnicodeString composed = nfc->normalize(out, status);
    detail::check(status, "Normalizer2::normalize");
    return to_utf32(detail::to_std(composed));
}

std::optional<std::string> iconv_decode(std::string_view bytes, const char* from) {
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;  // glibc without the table
    std::string out(bytes.size() * 4 + 16, '\0');
    char* in = const_cast<char*>(bytes.data());
    std::size_t in_left = bytes.size();
    char* o = out.data();
    std::size_t out_left = out.size();
    // glibc's TCVN5712-1 holds a base letter back in case a combining mark follows: flush it.
    const bool ok = iconv(cd, &in, &in_left, &o, &out_left) != static_cast<std::size_t>(-1) &&
                    iconv(cd, nullptr, nullptr, &o, &out_left) != static_cast<std::size_t>(-1);
    iconv_close(cd);
    if (!ok) return std::nullopt;
    out.resize(out.size() - out_left);
    return out;
}

// Characters legacy text leaves behind that Vietnamese Unicode never has: Latin-1 letters
// and signs outside the Vietnamese alphabet.
bool has_legacy_traces(std::u32string_view s) {
    return std::any_of(s.begin(), s.end(), [](char32_t c) {
        return c >= 0xA1 && c <= 0xFF && alphabet().find(c) == nullptr && c != 0xD7 && c != 0xF7 && c != 0xB0;
    });
}

struct Reading {
    LegacyEncoding encoding;
    std::u32string text;
};

LegacyVerdict verdict_from(std::vector<Reading> readings, bool traces) {
    LegacyVerdict v;
    std::vector<Reading> ok;
    for (auto& r : readings) {
        int words = 0;
        if (reads_as_vietnamese(r.text, &words) && words > 0) ok.push_back(std::move(r));
    }
    if (ok.size() == 1) {
        v.kind = LegacyVerdict::Kind::Converted;
        v.text = to_nfc(to_utf8(ok[0].text));
        v.encodings = {ok[0].encoding};
    } else if (ok.size() > 1) {
        v.kind = LegacyVerdict::Kind::Ambiguous;
        for (const auto& r : ok) {
            v.encodings.push_back(r.encoding);
            v.readings.push_back(to_nfc(to_utf8(r.text)));
        }
    } else if (traces) {
        v.kind = LegacyVerdict::Kind::Suspect;
    }
    return v;
}

// A cheap first look at a value: VIQR needs a vowel followed by a mark character.
bool may_be_viqr(std::string_view s) {
    for (std::size_t i = 0; i + 1 < s.size(); ++i) {
        const char c = static_cast<char>(s[i] | 0x20);
        if (c != 'a' && c != 'e' && c != 'i' && c != 'o' && c != 'u' && c != 'y') continue;
        switch (s[i + 1]) {
            case '(': case '^': case '+': case '\'': case '`': case '?': case '~': case '.': return true;
            default: break;
        }
    }
    return false;
}

}  // namespace

const char* legacy_name(LegacyEncoding e) {
    switch (e) {
        case LegacyEncoding::Tcvn3: return "TCVN3 (ABC, .VnTime)";
        case LegacyEncoding::Vni: return "VNI-Windows";
        case LegacyEncoding::Viqr: return "VIQR";
        case LegacyEncoding::Cp1258: return "Windows-1258";
        case LegacyEncoding::Viscii: return "VISCII";
    }
    return "?";
}

bool is_vietnamese_syllable(std::u32string_view word) {
    if (word.empty() || word.size() > 12) return false;
    std::string bases;
    int tones = 0;
    int uppers = 0;
    bool first_upper = false;
    for (std::size_t i = 0; i < word.size(); ++i) {
        const Letter* l = alphabet().find(word[i]);
        if (l == nullptr) return false;
        bases += l->base;
        tones += l->tone != 0 ? 1 : 0;
        if (l->upper) {
            ++uppers;
            if (i == 0) first_upper = true;
        }
    }
    // lower, UPPER or Capitalised
    if (uppers != 0 && uppers != static_cast<int>(word.size()) && !(uppers == 1 && first_upper)) return false;
    if (tones > 1) return false;
    std::size_t v = 0;
    while (v < bases.size() && !is_vowel(bases[v])) ++v;
    if (v == bases.size() || v > 3) return false;
    std::size_t f = v;
    while (f < bases.size() && is_vowel(bases[f])) ++f;
    std::string_view initial(bases.data(), v);
    std::string_view nucleus(bases.data() + v, f - v);
    const std::string_view final_part(bases.data() + f, bases.size() - f);
    // "gi" and "qu" are initials when a vowel follows: giữ, quốc; q is never alone.
    if (initial == "q") {
        if (nucleus.size() < 2 || nucleus[0] != 'u') return false;
        nucleus.remove_prefix(1);
    } else if (initial == "g" && nucleus.size() > 1 && nucleus[0] == 'i') {
        nucleus.remove_prefix(1);
    }
    return is_nucleus(nucleus) && is_final(final_part);
}

LegacyVerdict detect_legacy(std::string_view utf8) {
    LegacyVerdict none;
    std::size_t first_high = 0;
    while (first_high < utf8.size() && static_cast<unsigned char>(utf8[first_high]) < 0x80) ++first_high;
    if (first_high == utf8.size()) {
        // Plain ASCII: only VIQR. Converted when at least two marks make Vietnamese words and
        // every word changed is one; a single mark is too little to tell ("O'Neil").
        if (!may_be_viqr(utf8)) return none;
        int marks = 0;
        decode_viqr(utf8, marks, true);
        if (marks < 2) return none;
        return verdict_from({{LegacyEncoding::Viqr, decode_viqr(utf8, marks, false)}}, false);
    }
    // Legacy text is made of ASCII and Windows-1252 characters only: anything else (ư, ạ, …)
    // means Unicode, and that is nearly every Vietnamese value, told by its first such letter.
    for (std::size_t i = first_high; i < utf8.size();) {
        if (unicode_to_cp1252(next_code_point(utf8, i, 0xFFFD)) < 0) return none;
    }
    const std::u32string cps = to_utf32(utf8);
    const auto bytes = cp1252_bytes(cps);
    if (!bytes) return none;
    if (reads_as_vietnamese(cps)) return none;
    std::vector<Reading> readings;
    if (auto t = decode_tcvn3(*bytes)) readings.push_back({LegacyEncoding::Tcvn3, std::move(*t)});
    if (auto t = decode_vni(*bytes)) readings.push_back({LegacyEncoding::Vni, std::move(*t)});
    return verdict_from(std::move(readings), has_legacy_traces(cps));
}

LegacyVerdict decode_legacy_bytes(std::string_view bytes) {
    std::vector<Reading> readings;
    if (auto t = iconv_decode(bytes, "TCVN5712-1")) {
        readings.push_back({LegacyEncoding::Tcvn3, capitalise_vntimeh_words(to_utf32(to_nfc(*t)))});
    }
    if (auto t = decode_vni(bytes)) readings.push_back({LegacyEncoding::Vni, std::move(*t)});
    if (auto t = iconv_decode(bytes, "CP1258")) readings.push_back({LegacyEncoding::Cp1258, to_utf32(to_nfc(*t))});
    if (auto t = iconv_decode(bytes, "VISCII")) readings.push_back({LegacyEncoding::Viscii, to_utf32(to_nfc(*t))});
    LegacyVerdict v = verdict_from(std::move(readings), true);
    if (v.kind == LegacyVerdict::Kind::Unicode) v.kind = LegacyVerdict::Kind::Suspect;
    return v;
}

}  // namespace hoso::text
