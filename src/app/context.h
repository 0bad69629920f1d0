// Internal to app: the data tree templates read (documented in README, "Template data").
// Everything a template prints comes from here: the unit's data file, the form's legal
// wording and the evaluation computed from them — no figure is typed twice.
#pragma once

#include "data/data.h"
#include "forms/forms.h"
#include "template/template.h"

namespace hoso::app {

// A document number as printed after "Số:": "5" → "05"; blank → spaces for the hand-written
// number; anything else as written.
std::string number_text(const std::string& n);

// A list of strings as a template list value.
tmpl::Value list_of(const std::vector<std::string>& items);

// The request kind as templates compare it: "first", "renewal", "upgrade".
const char* kind_code(data::RequestKind k);

// "form": the form's legal wording (circular, procedure, rules, levels), as every template sees it.
// With `authorities` (the profile in force on the document's date), form.decider and
// form.dossier_deadline are the profile's.
tmpl::Value form_context(const forms::Form& form, const forms::Authorities* authorities = nullptr);

// "authorities": the profile in force and what it names (profile, profile_name, addressee,
// appraiser, decider, dossier_deadline, decision_deadline, unverified[]).
tmpl::Value authorities_context(const forms::Authorities& authorities);

tmpl::Value unit_context(const data::UnitData& unit, const forms::Form& form, const forms::Evaluation& evaluation,
                         const forms::Authorities& authorities);

// The data tree of a generic document (hoso document): "doc" {number, date} and "document"
// {template, issuers[] {name, abbreviation, parent_agency[], signer}, lead, partner (the second
// body of a joint document, or empty), joint, symbol ("SGDĐT-HKH": the bodies' abbreviations),
// place, summary[], addressees[], opening[], sections[] {number, title, content[] {item, text},
// sections[]}, closing[], distribution[]}.
tmpl::Value document_context(const data::DocumentData& document);

// `base` plus "doc": the number and date of one document of the dossier (data <documents>).
tmpl::Value with_document(const tmpl::Value& base, const data::UnitData& unit, const std::string& key);

}  // namespace hoso::app
