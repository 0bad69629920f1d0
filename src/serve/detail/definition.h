// Internal to serve: the form list and form definitions (web/API.md), made from forms/*.xml.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "forms/forms.h"
#include "serve/detail/state.h"

namespace hoso::serve::detail {

Json forms_list_json(const forms::FormLibrary& library);
// `dossier`: the dossier's template ids and the document kind each prints.
Json form_definition_json(const forms::Form& form, const std::vector<std::pair<std::string, std::string>>& dossier);

}  // namespace hoso::serve::detail
