// Workspace: hoso validate, evaluate and dossier for a unit data file given as text (hoso serve).
#include "app/app.h"
#include "app/pipeline.h"

namespace hoso::app {

Workspace::Workspace(const Environment& env, Diagnostics& diagnostics)
    : m_resources(std::make_unique<Resources>(load_resources(Request{}, env, diagnostics))) {}

Workspace::~Workspace() = default;

const forms::FormLibrary& Workspace::library() const { return m_resources->library; }

std::vector<std::pair<std::string, std::string>> Workspace::dossier_templates() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& id : dossier_template_ids()) {
        const auto it = m_resources->templates.find(id);
        out.emplace_back(id, it == m_resources->templates.end() ? std::string() : it->second.document_key());
    }
    return out;
}

data::UnitData Workspace::parse(std::string_view xml, const std::string& file_name, Diagnostics& diagnostics) const {
    return data::parse_unit(xml, file_name, load_options(m_resources->fonts), diagnostics);
}

Workspace::Checked Workspace::check(std::string_view xml, const std::string& file_name) const {
    Checked out;
    const LoadedUnit unit = load_unit_text(xml, file_name, m_resources->fonts, m_resources->library, out.diagnostics);
    out.form = unit.form;
    if (unit.form != nullptr) out.evaluation = forms::evaluate(*unit.form, unit.data);
    return out;
}

std::vector<Workspace::File> Workspace::dossier(std::string_view xml, const std::string& file_name,
                                                const std::set<Format>& formats,
                                                const std::vector<std::string>& only,
                                                Diagnostics& diagnostics) const {
    Request r;
    r.formats = formats;
    r.only_templates = only;
    const std::size_t errors_before = diagnostics.error_count();
    const LoadedUnit unit = load_unit_text(xml, file_name, m_resources->fonts, m_resources->library, diagnostics);
    if (diagnostics.error_count() != errors_before) return {};
    auto rendered = render_loaded(*m_resources, r, unit, {}, diagnostics);
    if (diagnostics.error_count() != errors_before) return {};
    std::vector<File> files;
    files.reserve(rendered.size());
    for (auto& f : rendered) files.push_back({f.path.filename().string(), std::move(f.bytes)});
    return files;
}

}  // namespace hoso::app
