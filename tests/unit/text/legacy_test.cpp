// Legacy Vietnamese encodings (text/legacy.cpp): the TCVN3 and VNI tables against independent
// references, the whole alphabet in both cases with every tone, real-looking council lists,
// and the safety rule: Vietnamese Unicode is never converted.
#include <iconv.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "support.h"
#include "text/text.h"

using namespace hoso;
using namespace hoso::text;
using Kind = LegacyVerdict::Kind;

namespace {

// A syllable holding `letter`: "tr" + a vowel, "đa" for đ; `upper` in capitals.
std::string word_with(const std::string& letter, bool upper) {
    const std::string w = letter == "đ" ? "đa" : "tr" + letter;
    return upper ? to_upper(w) : w;
}

// Every Vietnamese letter that is not plain ASCII, lower case then upper case, NFC.
const std::string kLower =
    "à á ả ã ạ ă ằ ắ ẳ ẵ ặ â ầ ấ ẩ ẫ ậ è é ẻ ẽ ẹ ê ề ế ể ễ ệ ì í ỉ ĩ ị ò ó ỏ õ ọ ô ồ ố ổ ỗ ộ "
    "ơ ờ ớ ở ỡ ợ ù ú ủ ũ ụ ư ừ ứ ử ữ ự ỳ ý ỷ ỹ ỵ đ";

std::vector<std::string> split(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

std::string iconv_encode(const std::string& utf8, const char* to) {
    iconv_t cd = iconv_open(to, "UTF-8");
    REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
    std::string out(utf8.size() * 2 + 8, '\0');
    char* in = const_cast<char*>(utf8.data());
    std::size_t in_left = utf8.size(), out_left = out.size();
    char* o = out.data();
    const std::size_t r = iconv(cd, &in, &in_left, &o, &out_left);
    iconv(cd, nullptr, nullptr, &o, &out_left);
    iconv_close(cd);
    REQUIRE(r != static_cast<std::size_t>(-1));
    out.resize(out.size() - out_left);
    return out;
}

std::string iconv_decode(const std::string& bytes, const char* from) {
    iconv_t cd = iconv_open("UTF-8", from);
    REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
    std::string out(bytes.size() * 4 + 8, '\0');
    char* in = const_cast<char*>(bytes.data());
    std::size_t in_left = bytes.size(), out_left = out.size();
    char* o = out.data();
    REQUIRE(iconv(cd, &in, &in_left, &o, &out_left) != static_cast<std::size_t>(-1));
    REQUIRE(iconv(cd, nullptr, nullptr, &o, &out_left) != static_cast<std::size_t>(-1));  // TCVN holds a letter back
    iconv_close(cd);
    out.resize(out.size() - out_left);
    return out;
}

// Legacy bytes as they reach hoso from Excel or an XML editor: each byte as its Windows-1252
// character (glibc's CP1252 for 0x80–0x9F; Latin-1 for the bytes CP1252 leaves unassigned).
std::string as_cp1252_text(const std::string& bytes) {
    std::string out;
    for (char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        if (b >= 0x80 && b < 0xA0) {
            try {
                out += iconv_decode(std::string(1, c), "CP1252");
                continue;
            } catch (...) {
            }
        }
        out += to_utf8(std::u32string(1, static_cast<char32_t>(b)));
    }
    return out;
}

// VNI written from its rules (not from the table): base letter, then one mark byte for the
// circumflex or breve (each with its tone folded in), or a tone byte; ơ ư đ and the toned i and
// ỵ are single bytes. Lower-case mark bytes are the capital ones + 0x20.
std::string vni_encode(const std::string& nfc) {
    static const char32_t kTones[] = {0x0301, 0x0300, 0x0309, 0x0303, 0x0323};
    static const unsigned char kTone[] = {0xD9, 0xD8, 0xDB, 0xD5, 0xCF};
    static const unsigned char kCirc[] = {0xC1, 0xC0, 0xC5, 0xC3, 0xC4};
    static const unsigned char kBreve[] = {0xC9, 0xC8, 0xDA, 0xDC, 0xCB};
    static const unsigned char kI[] = {0xCD, 0xCC, 0xC6, 0xD3, 0xD2};
    std::string out;
    for (char32_t c : to_utf32(nfc)) {
        if (c < 0x80) {
            out += static_cast<char>(c);
            continue;
        }
        if (c == 0x0111 || c == 0x0110) {
            out += static_cast<char>(c == 0x0111 ? 0xF1 : 0xD1);
            continue;
        }
        // The letter's base and marks: the combination whose NFC is the letter.
        bool done = false;
        for (char base : std::string("aeiouyAEIOUY")) {
            const bool upper = base < 'a';
            const unsigned char low = upper ? 0 : 0x20;
            for (int shape = 0; shape < 4 && !done; ++shape) {  // none, circumflex, breve, horn
                for (int tone = -1; tone < 5 && !done; ++tone) {
                    std::u32string d(1, static_cast<char32_t>(base));
                    if (shape == 1) d += U'\u0302';
                    if (shape == 2) d += U'\u0306';
                    if (shape == 3) d += U'\u031B';
                    if (tone >= 0) d += kTones[tone];
                    if (to_nfc(to_utf8(d)) != to_utf8(std::u32string(1, c))) continue;
                    const char lb = static_cast<char>(base | 0x20);
                    std::string seq;
                    if (shape == 3) {
                        seq += static_cast<char>((lb == 'o' ? 0xD4 : 0xD6) + low);
                        if (tone >= 0) seq += static_cast<char>(kTone[tone] + low);
                    } else if (lb == 'i' && tone >= 0) {
                        seq += static_cast<char>(kI[tone] + low);
                    } else if (lb == 'y' && tone == 4) {  // ỵ
                        seq += static_cast<char>(0xCE + low);
                    } else {
                        seq += base;
                        if (shape == 1) seq += static_cast<char>((tone < 0 ? 0xC2 : kCirc[tone]) + low);
                        if (shape == 2) seq += static_cast<char>((tone < 0 ? 0xCA : kBreve[tone]) + low);
                        if (shape == 0 && tone >= 0) seq += static_cast<char>(kTone[tone] + low);
                    }
                    out += seq;
                    done = true;
                }
            }
            if (done) break;
        }
        REQUIRE(done);
    }
    return out;
}

LegacyVerdict converted(const std::string& s, LegacyEncoding e) {
    const auto v = detect_legacy(s);
    INFO(s);
    REQUIRE(v.kind == Kind::Converted);
    REQUIRE(v.encodings.size() == 1);
    CHECK(v.encodings[0] == e);
    return v;
}

}  // namespace

TEST_CASE("legacy: the TCVN3 table (src/text/legacy/tcvn3.txt) agrees with glibc's TCVN5712-1", "[text][legacy]") {
    std::ifstream in(std::string(HOSO_SOURCE_DIR) + "/src/text/legacy/tcvn3.txt");
    REQUIRE(in);
    int entries = 0;
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        const auto byte = static_cast<char>(std::stoi(line.substr(0, 2), nullptr, 16));
        const char32_t cp = static_cast<char32_t>(std::stoul(line.substr(5), nullptr, 16));
        INFO(line);
        CHECK(iconv_decode(std::string(1, byte), "TCVN5712-1") == to_utf8(std::u32string(1, cp)));
        ++entries;
    }
    CHECK(entries == 74);  // Ă Â Ê Ô Ơ Ư Đ ă â ê ô ơ ư đ and the 60 lower-case toned vowels
}

TEST_CASE("legacy: the VNI table (src/text/legacy/vni.txt) agrees with VNI's rules", "[text][legacy]") {
    std::ifstream in(std::string(HOSO_SOURCE_DIR) + "/src/text/legacy/vni.txt");
    REQUIRE(in);
    int entries = 0;
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream fields(line);
        std::string cp, letter, b;
        fields >> cp >> letter;
        std::string bytes;
        while (fields >> b) bytes += static_cast<char>(std::stoi(b, nullptr, 16));
        INFO(line);
        CHECK(to_utf8(std::u32string(1, static_cast<char32_t>(std::stoul(cp.substr(2), nullptr, 16)))) == letter);
        CHECK(vni_encode(letter) == bytes);
        ++entries;
    }
    CHECK(entries == 134);  // 67 letters (66 vowels with marks, đ) in both cases
}

TEST_CASE("legacy: the whole alphabet, both cases, every tone, in TCVN3", "[text][legacy]") {
    const auto letters = split(kLower);
    REQUIRE(letters.size() == 67);
    // Lower case: glibc encodes, hoso decodes what Excel would show for those bytes. Capitals:
    // TCVN3 has none with tones; they are the lower-case bytes in the .VnTimeH font, which hoso
    // restores in words whose other letters are capitals ("TRƯỜNG").
    for (const bool upper : {false, true}) {
        std::string words, expected;
        for (const auto& l : letters) {
            const std::string word = word_with(l, upper);
            // Capitals in .VnTimeH: "TR" over the lower-case letter's byte; Đ has its own byte.
            const std::string typed = !upper ? word : l == "đ" ? "ĐA" : "TR" + l;
            words += std::string(words.empty() ? "" : " ") + as_cp1252_text(iconv_encode(typed, "TCVN5712-1"));
            expected += std::string(expected.empty() ? "" : " ") + word;
        }
        INFO(upper);
        CHECK(converted(words, LegacyEncoding::Tcvn3).text == expected);
    }
    // The seven capitals TCVN3 does have, alone.
    CHECK(converted("\u00A1n \u00A2n \u00A3n \u00A4n \u00A5n \u00A6ng \u00A7i", LegacyEncoding::Tcvn3).text ==
          "Ăn Ân Ên Ôn Ơn Ưng Đi");
}

TEST_CASE("legacy: the whole alphabet, both cases, every tone, in VNI-Windows", "[text][legacy]") {
    const auto letters = split(kLower);
    for (const bool upper : {false, true}) {
        std::string words, expected;
        for (const auto& l : letters) {
            const std::string word = word_with(l, upper);
            words += std::string(words.empty() ? "" : " ") + as_cp1252_text(vni_encode(word));
            expected += std::string(expected.empty() ? "" : " ") + word;
        }
        CHECK(converted(words, LegacyEncoding::Vni).text == expected);
    }
    // A capital base with lower-case marks prints as the capital in a VNI font.
    CHECK(converted("Aùnh Ñaøo", LegacyEncoding::Vni).text == "Ánh Đào");
}

TEST_CASE("legacy: real-looking council lists in TCVN3, VNI and VIQR", "[text][legacy]") {
    const std::vector<std::pair<std::string, std::string>> tcvn3 = {
        {"Tr\u00ADêng TiÓu häc B¶n Lang", "Trường Tiểu học Bản Lang"},
        {"Uû ban nh©n d©n x· M\u00ADêng So", "Uỷ ban nhân dân xã Mường So"},  // the old tone place
        {"Tr\u00ADêng MÇm non Hoa Ban", "Trường Mầm non Hoa Ban"},
        {"Héi KhuyÕn häc huyÖn Phong Thæ", "Hội Khuyến học huyện Phong Thổ"},
        {"TR\u00ADêNG THCS NGUYÔN TR·I", "TRƯỜNG THCS NGUYỄN TRÃI"},
        {"Ch\u00ADa cã minh chøng kÕ ho¹ch n¨m 2024", "Chưa có minh chứng kế hoạch năm 2024"},
    };
    for (const auto& [legacy, unicode] : tcvn3) CHECK(converted(legacy, LegacyEncoding::Tcvn3).text == unicode);
    const std::vector<std::pair<std::string, std::string>> vni = {
        {"Tröôøng Tieåu hoïc Baûn Lang", "Trường Tiểu học Bản Lang"},
        {"UÛy ban nhaân daân xaõ Möôøng So", "Ủy ban nhân dân xã Mường So"},
        {"TRÖÔØNG MAÀM NON HOA BAN", "TRƯỜNG MẦM NON HOA BAN"},
        {"Coâng an huyeän Phong Thoå", "Công an huyện Phong Thổ"},
    };
    for (const auto& [legacy, unicode] : vni) CHECK(converted(legacy, LegacyEncoding::Vni).text == unicode);
    CHECK(converted("Tru+o+`ng Trung ho.c co+ so+? Mu+o+`ng So", LegacyEncoding::Viqr).text ==
          "Trường Trung học cơ sở Mường So");
    CHECK(converted("DDa.i ho.c Qua^'c gia", LegacyEncoding::Viqr).text == "Đại học Quấc gia");
}

TEST_CASE("legacy: Vietnamese Unicode and ordinary ASCII are never converted", "[text][legacy]") {
    for (const char* s : {"Thái Bình", "Cà Mau", "Tân Châu", "Trà Vinh", "Hà Giang", "Tây Ninh", "Lê Thái Tô",
                          "Sông Mã", "Phú Yên", "Bà Rịa", "Trường Tiểu học Đông Hải", "Ủy ban nhân dân xã Dào San",
                          "THCS", "T2.C1", "mam-non-cong-lap", "03/TTr-HKH", "2025-01-09", "O'Neil", "e.g. A.",
                          "Lưu: VT, GDTX.", "Is it? Yes.", "Café Sài Gòn", "25°C", "", "a"}) {
        INFO(s);
        CHECK(detect_legacy(s).kind == Kind::Unicode);
    }
    // Every line of the examples, forms and templates: real Vietnamese, nothing to convert.
    int lines = 0;
    for (const char* dir : {"examples", "examples/council", "forms", "templates"}) {
        for (const auto& e : std::filesystem::directory_iterator(std::string(HOSO_SOURCE_DIR) + "/" + dir)) {
            if (e.path().extension() != ".xml" && e.path().extension() != ".csv") continue;
            std::ifstream in(e.path());
            for (std::string line; std::getline(in, line); ++lines) {
                INFO(e.path().string() << ": " << line);
                CHECK(detect_legacy(line).kind == Kind::Unicode);
            }
        }
    }
    CHECK(lines > 1000);
}

TEST_CASE("legacy: two readings that are both Vietnamese are refused, traces without one are suspect",
          "[text][legacy]") {
    const auto v = detect_legacy("Taï");  // TCVN3 "Taù", VNI "Tạ"
    REQUIRE(v.kind == Kind::Ambiguous);
    REQUIRE(v.encodings.size() == 2);
    CHECK(v.encodings[0] == LegacyEncoding::Tcvn3);
    CHECK(v.readings[0] == "Taù");
    CHECK(v.encodings[1] == LegacyEncoding::Vni);
    CHECK(v.readings[1] == "Tạ");
    // One more word settles it: "Vaên" is only VNI ("Văn").
    CHECK(converted("Taï Vaên Bình", LegacyEncoding::Vni).text == "Tạ Văn Bình");
    CHECK(detect_legacy("Müller").kind == Kind::Suspect);
    CHECK(detect_legacy("Tr\u00AD\u00AD").kind == Kind::Suspect);
}

TEST_CASE("legacy: files that are not UTF-8 (TCVN5712-1, Windows-1258, VISCII, VNI bytes)", "[text][legacy]") {
    const std::string list = "name,level,result\nTrường Tiểu học Bản Lang,2,đạt\nỦy ban nhân dân xã Mường So,1,đạt\n"
                             "Trường Mầm non Hoa Ban,1,không đạt\nHội Khuyến học huyện Phong Thổ,2,đạt\n";
    for (const auto& [name, e] : {std::pair{"TCVN5712-1", LegacyEncoding::Tcvn3}, std::pair{"CP1258", LegacyEncoding::Cp1258},
                                   std::pair{"VISCII", LegacyEncoding::Viscii}}) {
        INFO(name);
        const auto v = decode_legacy_bytes(iconv_encode(list, name));
        REQUIRE(v.kind == Kind::Converted);
        CHECK(v.encodings[0] == e);
        CHECK(v.text == list);
    }
    const auto v = decode_legacy_bytes(vni_encode(list));
    REQUIRE(v.kind == Kind::Converted);
    CHECK(v.encodings[0] == LegacyEncoding::Vni);
    CHECK(v.text == list);
    CHECK(decode_legacy_bytes("\xFF\xFE\x00\x01 binary \x80\x81").kind == Kind::Suspect);
}

TEST_CASE("legacy: Vietnamese syllables", "[text][legacy]") {
    for (const char* w : {"nghiêng", "quốc", "giữ", "Trường", "KHUYẾN", "học", "ĐƯỜNG", "khuya", "thuở", "giặt",
                          "oái", "Ủy", "người", "khuyên", "Nậm", "Pắc"}) {
        INFO(w);
        CHECK(is_vietnamese_syllable(to_utf32(w)));
    }
    for (const char* w : {"TRườNG", "Tröôøng", "hoïc", "qa", "Trửụứng", "xyzw", "Taiù", "", "ab\u00ADc", "hoàá"}) {
        INFO(w);
        CHECK_FALSE(is_vietnamese_syllable(to_utf32(w)));
    }
}
