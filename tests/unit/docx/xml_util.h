// XML helpers for the DOCX tests: a tree comparer for golden parts (element names, sorted
// attributes, children in order, text; whitespace-only text between elements ignored),
// a pretty-printer for the golden files, and small navigation helpers.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <tinyxml2.h>

namespace hoso::test::xml {

using tinyxml2::XMLDocument;
using tinyxml2::XMLElement;
using tinyxml2::XMLNode;

inline std::unique_ptr<XMLDocument> parse(const std::string& s) {
    auto doc = std::make_unique<XMLDocument>(true, tinyxml2::PRESERVE_WHITESPACE);
    doc->Parse(s.data(), s.size());
    return doc;
}

inline std::string pretty(const std::string& s) {
    auto doc = parse(s);
    tinyxml2::XMLPrinter printer(nullptr, false);
    doc->Print(&printer);
    return printer.CStr();
}

inline bool blank(const char* s) {
    for (; s && *s; ++s) {
        if (*s != ' ' && *s != '\n' && *s != '\r' && *s != '\t') return false;
    }
    return true;
}

// Element and non-blank text children, in order.
inline std::vector<const XMLNode*> significant_children(const XMLNode* n) {
    std::vector<const XMLNode*> out;
    for (const XMLNode* c = n->FirstChild(); c; c = c->NextSibling()) {
        if (c->ToElement()) out.push_back(c);
        else if (c->ToText() && !blank(c->Value())) out.push_back(c);
    }
    return out;
}

inline std::map<std::string, std::string> attributes(const XMLElement* e) {
    std::map<std::string, std::string> out;
    for (const auto* a = e->FirstAttribute(); a; a = a->Next()) out[a->Name()] = a->Value();
    return out;
}

// Empty string when equal; otherwise the path of the first difference and what differs.
// `here` is the path of `e`, e.g. "/w:document/w:body/w:p[3]".
inline std::string compare_elements(const XMLElement* e, const XMLElement* a, const std::string& here) {
    if (std::string(e->Name()) != a->Name()) {
        return here + ": element name: expected <" + e->Name() + "> actual <" + a->Name() + ">";
    }
    const auto ea = attributes(e), aa = attributes(a);
    for (const auto& [k, v] : ea) {
        const auto it = aa.find(k);
        if (it == aa.end()) return here + ": attribute " + k + " missing (expected \"" + v + "\")";
        if (it->second != v) {
            return here + ": attribute " + k + ": expected \"" + v + "\" actual \"" + it->second + "\"";
        }
    }
    for (const auto& [k, v] : aa) {
        if (!ea.count(k)) return here + ": unexpected attribute " + k + "=\"" + v + "\"";
    }
    const auto ec = significant_children(e), ac = significant_children(a);
    std::map<std::string, int> seen;
    for (std::size_t i = 0; i < std::max(ec.size(), ac.size()); ++i) {
        auto describe = [](const XMLNode* n) {
            return n->ToElement() ? std::string("<") + n->ToElement()->Name() + ">" : std::string("text");
        };
        if (i >= ec.size()) return here + ": unexpected child #" + std::to_string(i + 1) + " " + describe(ac[i]);
        if (i >= ac.size()) return here + ": missing child #" + std::to_string(i + 1) + " " + describe(ec[i]);
        const auto* et = ec[i]->ToText();
        const auto* at = ac[i]->ToText();
        if (et || at) {
            if (!et || !at) return here + ": child #" + std::to_string(i + 1) + ": text vs element";
            if (std::string(et->Value()) != at->Value()) {
                return here + ": text: expected \"" + et->Value() + "\" actual \"" + at->Value() + "\"";
            }
            continue;
        }
        const auto* ee = ec[i]->ToElement();
        const int index = ++seen[ee->Name()];
        std::string diff = compare_elements(ee, ac[i]->ToElement(),
                                            here + "/" + ee->Name() + "[" + std::to_string(index) + "]");
        if (!diff.empty()) return diff;
    }
    return {};
}

inline std::string compare(const std::string& expected, const std::string& actual) {
    auto e = parse(expected), a = parse(actual);
    if (e->Error()) return std::string("expected XML does not parse: ") + e->ErrorStr();
    if (a->Error()) return std::string("actual XML does not parse: ") + a->ErrorStr();
    return compare_elements(e->RootElement(), a->RootElement(), std::string("/") + e->RootElement()->Name());
}

inline void collect(const XMLElement* e, const char* name, std::vector<const XMLElement*>& out) {
    if (std::string(e->Name()) == name) out.push_back(e);
    for (const XMLElement* c = e->FirstChildElement(); c; c = c->NextSiblingElement()) collect(c, name, out);
}

inline std::vector<const XMLElement*> all(const XMLElement* root, const char* name) {
    std::vector<const XMLElement*> out;
    collect(root, name, out);
    return out;
}

inline std::vector<const XMLElement*> children(const XMLElement* e, const char* name = nullptr) {
    std::vector<const XMLElement*> out;
    for (const XMLElement* c = e->FirstChildElement(name); c; c = c->NextSiblingElement(name)) out.push_back(c);
    return out;
}

inline std::string attr(const XMLElement* e, const char* name) {
    const char* v = e ? e->Attribute(name) : nullptr;
    return v ? v : "";
}

inline long num(const XMLElement* e, const char* name) {
    const std::string v = attr(e, name);
    return v.empty() ? 0 : std::stol(v);
}

// Concatenated w:t text of a paragraph, with w:tab as "\t" and w:br as "\n".
inline std::string paragraph_text(const XMLElement* p) {
    std::string out;
    for (const XMLElement* r = p->FirstChildElement("w:r"); r; r = r->NextSiblingElement("w:r")) {
        for (const XMLElement* c = r->FirstChildElement(); c; c = c->NextSiblingElement()) {
            const std::string n = c->Name();
            if (n == "w:t" && c->GetText()) out += c->GetText();
            if (n == "w:tab") out += "\t";
            if (n == "w:br") out += "\n";
        }
    }
    return out;
}

// `s` with the DOCX writer's no-break marks folded away (U+00A0 → space, U+2060 dropped):
// the text a reader of the printed page sees.
inline std::string folded(std::string s) {
    for (std::size_t i; (i = s.find("\xC2\xA0")) != std::string::npos;) s.replace(i, 2, " ");
    for (std::size_t i; (i = s.find("\xE2\x81\xA0")) != std::string::npos;) s.erase(i, 3);
    return s;
}

}  // namespace hoso::test::xml
