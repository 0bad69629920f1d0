// The package's XML serializer (docx/detail/xml.h) against what it replaced: the same call
// sequence through tinyxml2::XMLPrinter in compact mode, with every string cleaned first as
// the old writer cleaned it, must give the same bytes. Also its escapes and its cleaning of
// characters XML forbids, stated directly, and a reused (reset) writer.

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <tinyxml2.h>

#include <catch2/catch.hpp>

#include "docx/detail/text.h"
#include "docx/detail/xml.h"
#include "support.h"
#include "xml_util.h"

namespace {

using namespace hoso::docx::detail;
namespace xml = hoso::test::xml;

struct Dice {
    std::mt19937 engine{20250101u};
    std::size_t operator()(std::size_t n) { return static_cast<std::size_t>(engine() % n); }
};

// Pieces of attribute values and text: the five characters tinyxml2 escapes, Vietnamese,
// controls that must go, tab/LF/CR (spaces), invalid UTF-8 (U+FFFD), U+FFFE, long runs.
const std::vector<std::string>& pieces() {
    static const std::vector<std::string> p = {
        "a",  "&",    "<",  ">",  "\"", "'",  " ",    "Đơn vị học tập", "&amp;", "]]>", "0123456789abcdef",
        "\t", "\n",   "\r", "\x01", std::string(1, '\0'), "\x7F", "\xFF", "\xC3", "\xEF\xBF\xBE", "\xC2\xA0",
        "Số: 05/TTr-UBND", "<w:t>", "x=\"1\"", "it's", std::string(40, 'x'), "?>",
    };
    return p;
}

std::string random_string(Dice& dice) {
    std::string s;
    const std::size_t n = dice(6);
    for (std::size_t i = 0; i < n; ++i) s += pieces()[dice(pieces().size())];
    return s;
}

// Drives both writers with one random sequence of calls.
struct Pair {
    XmlWriter& mine;
    tinyxml2::XMLPrinter theirs{nullptr, /*compact=*/true};
    std::vector<std::string> names;  // kept alive: both writers hold the name pointers
    int depth = 0;
    bool can_attr = false;
    bool root_done = false;  // one root element
    int attrs = 0;           // attributes of the element just opened (distinct names)

    explicit Pair(XmlWriter& w) : mine(w) {
        theirs.PushDeclaration(R"(xml version="1.0" encoding="UTF-8" standalone="yes")");
        names = {"w:document", "w:p", "w:r", "w:t", "a", "Relationship", "cp:coreProperties"};
    }

    void step(Dice& dice) {
        if (depth == 0 && root_done) return;
        switch (dice(depth == 0 ? 1 : 6)) {
            case 0: {
                const char* name = names[dice(names.size())].c_str();
                mine.open(name);
                theirs.OpenElement(name, true);
                ++depth;
                can_attr = true;
                attrs = 0;
                break;
            }
            case 1:
            case 2:
                if (can_attr && attrs < 4) {
                    static const char* const kNames[] = {"w:val", "w:n", "xml:space", "Target"};
                    const char* name = kNames[attrs++];
                    const std::string value = random_string(dice);
                    if (dice(3) == 0) {
                        const long n = static_cast<long>(dice(200001)) - 100000;
                        mine.attr(name, n);
                        theirs.PushAttribute(name, std::to_string(n).c_str());
                    } else {
                        mine.attr(name, value);
                        theirs.PushAttribute(name, clean_attribute(value).c_str());
                    }
                    break;
                }
                [[fallthrough]];
            case 3: {
                const std::string value = random_string(dice);
                if (dice(2) == 0 && is_plain(value)) {
                    mine.plain_text(value);
                } else {
                    mine.text(value);
                }
                theirs.PushText(clean_attribute(value).c_str());
                can_attr = false;
                break;
            }
            default:
                mine.close();
                theirs.CloseElement(true);
                --depth;
                can_attr = false;
                root_done = depth == 0;
                break;
        }
    }

    void finish() {
        while (depth > 0) {
            mine.close();
            theirs.CloseElement(true);
            --depth;
        }
    }

    std::string expected() const { return std::string(theirs.CStr(), static_cast<std::size_t>(theirs.CStrSize() - 1)); }
};

std::string one_element_text(std::string_view s) {
    XmlWriter x;
    x.open("w:t");
    x.text(s);
    x.close();
    return std::string(x.view().substr(kXmlDeclaration.size()));
}

std::string one_element_attr(std::string_view s) {
    XmlWriter x;
    x.open("w:t");
    x.attr("v", s);
    x.close();
    return std::string(x.view().substr(kXmlDeclaration.size()));
}

TEST_CASE("docx xml writer: the same bytes as tinyxml2::XMLPrinter (compact) for random call sequences") {
    Dice dice;
    XmlWriter reused(16);  // tiny: grows many times; reset between documents
    for (int doc = 0; doc < 400; ++doc) {
        XmlWriter fresh;
        XmlWriter& w = doc % 2 == 0 ? fresh : reused;
        if (&w == &reused) reused.reset();
        Pair pair(w);
        const std::size_t steps = 1 + dice(300);
        for (std::size_t s = 0; s < steps; ++s) pair.step(dice);
        pair.finish();
        INFO("document " << doc);
        REQUIRE(std::string(w.view()) == pair.expected());
        REQUIRE(w.finish() == pair.expected());
        CHECK_FALSE(xml::parse(w.finish())->Error());
    }
}

TEST_CASE("docx xml writer: & < > escaped in text, and \" ' too in attribute values") {
    CHECK(one_element_text("a&b<c>d\"e'f") == "<w:t>a&amp;b&lt;c&gt;d\"e'f</w:t>");
    CHECK(one_element_attr("a&b<c>d\"e'f") == "<w:t v=\"a&amp;b&lt;c&gt;d&quot;e&apos;f\"/>");
    // Past the eight-byte scan: an entity at every offset of a long string.
    for (std::size_t at = 0; at < 24; ++at) {
        std::string s(24, 'x');
        s[at] = '<';
        std::string expected(24, 'x');
        expected.replace(at, 1, "&lt;");
        CHECK(one_element_text(s) == "<w:t>" + expected + "</w:t>");
    }
    CHECK(one_element_text("") == "<w:t></w:t>");
    XmlWriter x;
    x.open("w:p");
    x.plain_text("1 < 2 & 3 > 0");
    x.close();
    CHECK(x.view().substr(kXmlDeclaration.size()) == "<w:p>1 &lt; 2 &amp; 3 &gt; 0</w:p>");
}

TEST_CASE("docx xml writer: characters XML forbids are dropped, tab/LF/CR become spaces, bad UTF-8 is U+FFFD") {
    CHECK(one_element_text(std::string("a\x01") + '\0' + "b\x7F" + "c") == "<w:t>abc</w:t>");
    CHECK(one_element_text("a\tb\nc\rd") == "<w:t>a b c d</w:t>");
    CHECK(one_element_text("a\xFF" "b") == "<w:t>a\xEF\xBF\xBD" "b</w:t>");
    CHECK(one_element_text("x\xEF\xBF\xBEy") == "<w:t>xy</w:t>");  // U+FFFE
    CHECK(one_element_attr("<\x02>") == "<w:t v=\"&lt;&gt;\"/>");
    // Cleaning and escaping together, past the fast prefix.
    CHECK(one_element_attr("Đơn vị \"A\"\t& B") == "<w:t v=\"Đơn vị &quot;A&quot; &amp; B\"/>");
}

TEST_CASE("docx xml writer: numbers, the declaration, and a reset writer starting over") {
    XmlWriter x(8);
    x.open("w:a");
    x.attr("w:n", -1234567890L);
    x.attr("w:z", 0);
    x.open("w:b");
    x.close();
    x.close();
    const std::string first(x.view());
    CHECK(first == std::string(kXmlDeclaration) + "<w:a w:n=\"-1234567890\" w:z=\"0\"><w:b/></w:a>");
    x.reset();
    CHECK(x.view() == kXmlDeclaration);
    x.open("w:a");
    x.attr("w:n", -1234567890L);
    x.attr("w:z", 0);
    x.empty("w:b");
    x.close();
    CHECK(x.finish() == first);
}

TEST_CASE("docx xml writer: a buffer grown past 1 MB is given back on reset, and the next part is right") {
    XmlWriter x(1024);
    x.open("w:body");
    const std::string line(1000, 'x');
    for (int i = 0; i < 1500; ++i) x.text(line);
    x.close();
    REQUIRE(x.view().size() > XmlWriter::kKeepCapacity);
    CHECK(x.view().substr(x.view().size() - 10) == "x</w:body>");
    x.reset();
    x.open("w:p");
    x.text("a<b");
    x.close();
    CHECK(x.finish() == std::string(kXmlDeclaration) + "<w:p>a&lt;b</w:p>");
}

}  // namespace
