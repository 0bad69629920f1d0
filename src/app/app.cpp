#include "app/app.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>
#include <set>
#include <optional>

#include "app/context.h"
#include "app/pipeline.h"
#include "data/data.h"
#include "docx/docx.h"
#include "font/font.h"
#include "forms/forms.h"
#include "layout/layout.h"
#include "model/model.h"
#include "pdf/pdf.h"
#include "template/template.h"
#include "text/text.h"

namespace hoso::app {

const std::vector<std::string>& dossier_template_ids() {
    static const std::vector<std::string> ids = {"mau01-to-trinh", "mau02-bao-cao", "mau03-tong-hop"};
    return ids;
}

namespace {

// The documents of a unit's dossier, in order (template ids in templates/).
const std::vector<std::string>& kDossier = dossier_template_ids();

std::filesystem::path templates_dir(const Request& r, const Environment& env) {
    return r.templates_dir.empty() ? env.resources / "templates" : r.templates_dir;
}

std::string code_point_name(char32_t cp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
    return std::string(buf) + " '" + text::to_utf8(std::u32string(1, cp)) + "'";
}

// Every string of a rendered document must be printable with the embedded fonts: hoso
// refuses to print boxes. Data strings were checked with their file:line when loaded; this
// catches characters that come from a template's own wording.
void check_glyphs(const model::Document& doc, const font::FontSet& fonts, const std::string& origin,
                  Diagnostics& diags) {
    std::set<char32_t> reported;
    auto check = [&](const std::string& s) {
        for (char32_t cp : fonts.missing(s)) {
            if (!reported.insert(cp).second) continue;
            diags.error({origin, 0, 0}, "",
                        "ký tự " + code_point_name(cp) + " không có trong phông chữ; hoso không in ô trống",
                        "character " + code_point_name(cp) + " is not in the font; hoso does not print boxes");
        }
    };
    auto check_lines = [&](const std::vector<std::string>& v) {
        for (const auto& line : v) check(line);
    };
    auto check_paragraph = [&](const model::Paragraph& p) {
        for (const auto& r : p.runs) check(r.text);
    };
    for (const auto& sec : doc.sections) {
        for (const auto& b : sec.blocks) {
            if (const auto* p = std::get_if<model::Paragraph>(&b)) check_paragraph(*p);
            if (const auto* t = std::get_if<model::Table>(&b)) {
                for (const auto& row : t->rows) {
                    for (const auto& c : row.cells) {
                        for (const auto& p : c.paragraphs) check_paragraph(p);
                    }
                }
            }
            if (const auto* h = std::get_if<model::Nd30Header>(&b)) {
                check_lines(h->parent_agency);
                check_lines(h->issuing_agency);
                check_lines(h->subject);
                for (const auto* line : {&h->number, &h->national_name, &h->motto, &h->place_date}) check(*line);
            }
            if (const auto* t = std::get_if<model::DocumentTitle>(&b)) {
                check(t->doc_type);
                check_lines(t->summary);
            }
            if (const auto* a = std::get_if<model::Addressees>(&b)) {
                check(a->label);
                check_lines(a->recipients);
            }
            if (const auto* sig = std::get_if<model::SignatureBlock>(&b)) {
                check_lines(sig->authority);
                check_lines(sig->joint_authority);
                check(sig->joint_signer_name);
                check_lines(sig->recipients);
                check(sig->signer_name);
                check(sig->recipients_label);
            }
            if (const auto* a = std::get_if<model::AppendixHeading>(&b)) {
                for (const auto* line : {&a->label, &a->title, &a->reference}) check(*line);
            }
        }
    }
}

Outcome fail_io(const IoError& e) {
    Outcome o;
    o.exit_code = 2;
    o.diagnostics.error({e.path().string(), 0, 0}, "", e.message(), "");
    return o;
}

}  // namespace

data::LoadOptions load_options(const font::FontSet& fonts) {
    data::LoadOptions o;
    o.missing_glyphs = [&fonts](const std::string& s) { return fonts.missing(s); };
    return o;
}

namespace {

// After the data parser: the form named, checked, its authorities resolved.
void check_loaded(LoadedUnit& u, const forms::FormLibrary& library, std::size_t errors_before, Diagnostics& diags) {
    // Keep going after data errors so that every problem is reported at once; only a file
    // that could not be read as XML at all stops here.
    if (diags.error_count() != errors_before && u.data.form_id.value.empty()) return;
    u.form = library.find(u.data.form_id.value);
    if (!u.form) {
        diags.error(u.data.form_id.where, "form",
                    "không có biểu mẫu '" + u.data.form_id.value + "' (xem: hoso forms)",
                    "unknown form '" + u.data.form_id.value + "' (see: hoso forms)");
        return;
    }
    forms::check(*u.form, u.data, diags);
    if (auto a = forms::resolve_authorities(library, *u.form, u.data, diags)) u.authorities = std::move(*a);
}

}  // namespace

// Loads a unit file and, if its form is known, checks it against the form.
LoadedUnit load_unit(const std::filesystem::path& path, const font::FontSet& fonts,
                     const forms::FormLibrary& library, Diagnostics& diags) {
    LoadedUnit u;
    const std::size_t errors_before = diags.error_count();
    u.data = data::load_unit(path, load_options(fonts), diags);
    check_loaded(u, library, errors_before, diags);
    return u;
}

LoadedUnit load_unit_text(std::string_view xml, const std::string& file_name, const font::FontSet& fonts,
                          const forms::FormLibrary& library, Diagnostics& diags) {
    LoadedUnit u;
    const std::size_t errors_before = diags.error_count();
    u.data = data::parse_unit(xml, file_name, load_options(fonts), diags);
    check_loaded(u, library, errors_before, diags);
    return u;
}

Resources load_resources(const Request& r, const Environment& env, Diagnostics& diags) {
    Resources res{font::FontSet::load_directory(env.resources / "fonts"),
                  forms::FormLibrary::load_directory(env.resources / "forms", diags),
                  {},
                  templates_dir(r, env)};
    res.templates = tmpl::load_directory(res.templates_dir, diags);
    res.library.add_province_profiles(res.templates_dir, diags);
    return res;
}

std::vector<RenderedFile> render_document(const Resources& res, const Request& r, const std::string& part,
                                          const tmpl::Value& ctx, const std::filesystem::path& base_path,
                                          const std::string& unit_name, Diagnostics& diags) {
    std::vector<RenderedFile> files;
    const auto it = res.templates.find(part);
    if (it == res.templates.end()) {
        diags.error({res.templates_dir.string(), 0, 0}, "", "thiếu mẫu '" + part + "'",
                    "missing template '" + part + "'");
        return files;
    }
    const std::size_t errors_before = diags.error_count();
    model::Document doc = it->second.render(ctx, diags);
    if (diags.error_count() != errors_before) return files;
    check_glyphs(doc, res.fonts, it->first, diags);
    for (const auto& problem : model::validate(doc)) {
        diags.error({it->first, 0, 0}, "", "mẫu tạo văn bản không hợp lệ: " + problem,
                    "template produced an invalid document: " + problem);
    }
    if (diags.error_count() != errors_before) return files;
    auto with_ext = [&](const char* ext) {
        std::filesystem::path p = base_path;
        p += ext;
        return p;
    };
    if (r.dumps) files.push_back({with_ext(".model.txt"), model::to_debug_text(doc), unit_name, part, "model", 0});
    int pages_count = 0;
    if (r.formats.count(Format::Pdf)) {
        const layout::FontMeasurer measurer(res.fonts);
        const auto pages = layout::layout_document(doc, measurer, diags);
        pages_count = static_cast<int>(pages.pages.size());
        if (r.dumps) {
            files.push_back({with_ext(".layout.txt"), layout::to_debug_text(pages), unit_name, part, "layout", pages_count});
        }
        pdf::PdfOptions po;
        po.compress = r.compress;
        files.push_back({with_ext(".pdf"), pdf::write_pdf(pages, res.fonts, po), unit_name, part, "pdf", pages_count});
    }
    if (r.formats.count(Format::Docx)) {
        // Word paginates a DOCX itself; the page count recorded is hoso's own layout's.
        files.push_back({with_ext(".docx"), docx::write_docx(doc), unit_name, part, "docx", pages_count});
    }
    return files;
}

std::vector<RenderedFile> render_unit(const Resources& res, const Request& r, const std::filesystem::path& input,
                                      const std::filesystem::path& out_dir, Diagnostics& diags,
                                      std::optional<EvaluatedUnit>* evaluated) {
    const std::size_t errors_at_start = diags.error_count();
    auto unit = load_unit(input, res.fonts, res.library, diags);
    if (diags.error_count() != errors_at_start) return {};
    return render_loaded(res, r, unit, out_dir, diags, evaluated);
}

std::vector<RenderedFile> render_loaded(const Resources& res, const Request& r, const LoadedUnit& unit,
                                        const std::filesystem::path& out_dir, Diagnostics& diags,
                                        std::optional<EvaluatedUnit>* evaluated) {
    std::vector<RenderedFile> files;
    const std::size_t errors_at_start = diags.error_count();
    const auto evaluation = forms::evaluate(*unit.form, unit.data);
    if (evaluated) {
        EvaluatedUnit& e = evaluated->emplace();
        e.form = unit.form;
        e.evaluation = evaluation;
        UnitResult& u = e.result;
        const auto& d = unit.data;
        u.name = d.unit.name.value;
        u.type = d.unit.type.value;
        const forms::UnitType* type = unit.form->find_unit_type(u.type);
        u.type_name = type ? type->name : u.type;
        u.level = d.assessment.requested_level;
        u.kind = d.assessment.kind;
        u.granted = evaluation.granted;
        u.reached_level = evaluation.reached_level;
        u.valid_until = evaluation.valid_until;
        add_failures(*unit.form, evaluation, u.level, u);
        e.dated = Date{d.assessment.year + 1, 1, 1};
        if (const auto it = d.documents.find("to-trinh"); it != d.documents.end() && is_valid_date(it->second.date)) {
            e.dated = it->second.date;
        }
    }
    const tmpl::Value base = unit_context(unit.data, *unit.form, evaluation, unit.authorities);

    const std::string slug = text::ascii_slug(unit.data.unit.name.value, 60);
    const auto& parts = r.only_templates.empty() ? kDossier : r.only_templates;
    // TT24 điểm c khoản 1 Điều 10 (TT25 Điều 9, 14, 19): a unit requests the level its
    // self-assessment reaches. A Tờ trình for a level not reached would contradict its own
    // report, so it is refused with the reasons (Mẫu 02/03 alone can still be printed with
    // --only, e.g. to review a failing self-assessment).
    // Likewise an upgrade asked before its time (TT24 khoản 3 Điều 5): the request is not in
    // order, and the message gives the earliest date it may be made.
    if (!evaluation.granted && std::find(parts.begin(), parts.end(), kDossier.front()) != parts.end()) {
        const std::string level = std::to_string(unit.data.assessment.requested_level);
        for (std::size_t i = 0; i < evaluation.reasons.size(); ++i) {
            const std::string en = i < evaluation.reasons_en.size() ? evaluation.reasons_en[i]
                                                                    : std::string("see hoso evaluate");
            diags.error(unit.data.assessment.where, "assessment.level",
                        "không lập Tờ trình đề nghị mức độ " + level + ": " + evaluation.reasons[i],
                        "no Tờ trình for the requested level " + level + ": " + en);
        }
        if (evaluation.reasons.empty()) {
            diags.error(unit.data.assessment.where, "assessment.level",
                        "đơn vị chưa đạt mức độ đề nghị; không lập Tờ trình",
                        "the unit does not reach the requested level; no Tờ trình");
        }
        return {};
    }
    for (const auto& part : parts) {
        const auto it = res.templates.find(part);
        const tmpl::Value ctx =
            it == res.templates.end() ? base : with_document(base, unit.data, it->second.document_key());
        auto rendered = render_document(res, r, part, ctx, out_dir / (slug + "_" + part), unit.data.unit.name.value, diags);
        for (auto& f : rendered) files.push_back(std::move(f));
    }
    if (diags.error_count() != errors_at_start) return {};
    return files;
}

namespace {

// Throws IoError if `path` is not below `root` or a folder between them is a symbolic link.
void refuse_escape(const std::filesystem::path& root, const std::filesystem::path& path) {
    const auto rel = path.lexically_normal().lexically_relative(root.lexically_normal());
    if (rel.empty() || rel.is_absolute() || *rel.begin() == "..") {
        throw IoError(path, "đường dẫn nằm ngoài thư mục kết quả (path outside the output folder)");
    }
    std::filesystem::path dir = root;
    for (auto it = rel.begin(); it != rel.end() && std::next(it) != rel.end(); ++it) {
        dir /= *it;
        std::error_code ec;
        if (std::filesystem::is_symlink(std::filesystem::symlink_status(dir, ec))) {
            throw IoError(dir, "thư mục trong thư mục kết quả là liên kết tượng trưng, không ghi qua nó "
                               "(a folder inside the output folder is a symbolic link: not written through)");
        }
    }
}

}  // namespace

void write_all(const std::vector<RenderedFile>& files, const std::filesystem::path& out_dir, Outcome& out,
               Durability durability, const std::filesystem::path& root) {
    const std::filesystem::path& top = root.empty() ? out_dir : root;
    if (!root.empty()) refuse_escape(top, out_dir / "x");
    for (const auto& f : files) refuse_escape(top, f.path);
    std::error_code ec;
    std::filesystem::create_directories(out_dir, ec);
    if (ec) throw IoError(out_dir, "không tạo được thư mục (cannot create directory): " + ec.message());
    for (const auto& f : files) {
        write_file_atomic(f.path, f.bytes, durability);
        out.written.push_back(f.path);
    }
}

namespace {

Outcome run_dossier(const Request& r, const Environment& env) {
    Outcome out;
    const Resources res = load_resources(r, env, out.diagnostics);
    if (out.diagnostics.has_errors()) {
        out.exit_code = 1;
        return out;
    }
    // Phase 1: render every document in memory. Phase 2: write them, only if all succeeded;
    // each file atomically.
    const auto files = render_unit(res, r, r.inputs.at(0), r.output_dir, out.diagnostics);
    if (out.diagnostics.has_errors()) {
        out.exit_code = 1;
        return out;
    }
    write_all(files, r.output_dir, out);
    return out;
}

Outcome run_validate(const Request& r, const Environment& env) {
    Outcome out;
    const auto fonts = font::FontSet::load_directory(env.resources / "fonts");
    const auto library = forms::FormLibrary::load_directory(env.resources / "forms", out.diagnostics);
    for (const auto& input : r.inputs) {
        try {
            auto unit = load_unit(input, fonts, library, out.diagnostics);
        } catch (const IoError& e) {
            out.diagnostics.error({e.path().string(), 0, 0}, "", e.message(), "");
        }
    }
    if (out.diagnostics.has_errors()) {
        out.exit_code = 1;
    } else {
        for (const auto& input : r.inputs) out.output += input.string() + ": hợp lệ (valid)\n";
    }
    return out;
}

Outcome run_evaluate(const Request& r, const Environment& env) {
    Outcome out;
    const auto fonts = font::FontSet::load_directory(env.resources / "fonts");
    const auto library = forms::FormLibrary::load_directory(env.resources / "forms", out.diagnostics);
    auto unit = load_unit(r.inputs.at(0), fonts, library, out.diagnostics);
    if (out.diagnostics.has_errors()) {
        out.exit_code = 1;
        return out;
    }
    const auto evaluation = forms::evaluate(*unit.form, unit.data);
    out.output = r.json ? forms::evaluation_json(*unit.form, evaluation) : forms::evaluation_text(*unit.form, evaluation);
    return out;
}

Outcome run_init(const Request& r, const Environment& env) {
    Outcome out;
    const auto library = forms::FormLibrary::load_directory(env.resources / "forms", out.diagnostics);
    const forms::Form* form = library.find(r.form_id);
    if (!form) {
        std::string ids;
        for (const auto& id : library.ids()) ids += (ids.empty() ? "" : ", ") + id;
        out.diagnostics.error({}, "form", "không có biểu mẫu '" + r.form_id + "'; các mã có: " + ids,
                              "unknown form '" + r.form_id + "'; available: " + ids);
        out.exit_code = 1;
        return out;
    }
    const std::string xml = forms::skeleton_xml(*form);
    if (r.output_file.empty()) {
        out.output = xml;
    } else {
        if (std::filesystem::exists(r.output_file)) {
            out.diagnostics.error({r.output_file.string(), 0, 0}, "", "tệp đã tồn tại, không ghi đè",
                                  "file exists, not overwritten");
            out.exit_code = 2;
            return out;
        }
        write_file_atomic(r.output_file, xml);
        out.written.push_back(r.output_file);
    }
    return out;
}

// A generic document (Kế hoạch, joint Tờ trình, …): its data file names the template.
Outcome run_document(const Request& r, const Environment& env) {
    Outcome out;
    const Resources res = load_resources(r, env, out.diagnostics);
    if (out.diagnostics.has_errors()) {
        out.exit_code = 1;
        return out;
    }
    const auto& input = r.inputs.at(0);
    const data::DocumentData d = data::load_document(input, load_options(res.fonts), out.diagnostics);
    const std::string& id = d.template_id.value;
    if (!id.empty() && res.templates.find(id) == res.templates.end()) {
        std::string ids;
        for (const auto& [tid, t] : res.templates) ids += (ids.empty() ? "" : ", ") + tid;
        out.diagnostics.error(d.template_id.where, "template",
                              "không có mẫu '" + id + "' trong " + res.templates_dir.string() + " (có: " + ids + ")",
                              "no template '" + id + "' in " + res.templates_dir.string());
    }
    if (out.diagnostics.has_errors()) {
        out.exit_code = 1;
        return out;
    }
    const std::string name = d.issuers.empty() ? std::string() : d.issuers.front().name.value;
    const auto files = render_document(res, r, id, document_context(d), r.output_dir / input.stem(), name, out.diagnostics);
    if (out.diagnostics.has_errors()) {
        out.exit_code = 1;
        return out;
    }
    write_all(files, r.output_dir, out);
    return out;
}

// One line per form, then the authority profile in force on the date and what it names
// (UNVERIFIED settings marked), or why a dossier of that date is refused.
Outcome run_forms(const Request& r, const Environment& env) {
    Outcome out;
    auto library = forms::FormLibrary::load_directory(env.resources / "forms", out.diagnostics);
    library.add_province_profiles(templates_dir(r, env), out.diagnostics);
    const Date date = r.date ? *r.date : env.today();
    out.output += "Ngày văn bản (document date): " + text::short_date(date) + "\n";
    for (const auto& id : library.ids()) {
        const forms::Form* f = library.find(id);
        out.output += id + "\t" + f->title + " (" + f->circular.number + ")\n";
        Diagnostics d;
        const auto a = forms::resolve_authorities(library, *f, date, nullptr, nullptr, {}, d);
        if (!a) {
            for (const auto& m : d.items()) out.output += "\tKHÔNG LẬP HỒ SƠ (refused): " + m.message_vi + "\n";
            continue;
        }
        auto mark = [&a](const char* label, const std::string& value) {
            const std::string item = std::string(label) + ": " + value;
            const bool unverified = std::find(a->unverified.begin(), a->unverified.end(), item) != a->unverified.end();
            return item + (unverified ? " (CHƯA XÁC MINH)" : "");
        };
        out.output += "\thồ sơ thẩm quyền (authority profile): " +
                      (a->profile.empty() ? std::string("— (lời văn của bộ tiêu chí)") : a->profile + " — " + a->profile_name) + "\n";
        out.output += "\t" + mark("Kính gửi", a->addressee) + "\n";
        out.output += "\t" + mark("cơ quan thẩm định", a->appraiser) + "\n";
        out.output += "\t" + mark("người quyết định công nhận", a->decider) + "\n";
        out.output += "\t" + mark("hạn gửi hồ sơ", a->dossier_deadline) + "\n";
    }
    if (out.diagnostics.has_errors()) out.exit_code = 1;
    return out;
}

}  // namespace

Outcome run(const Request& request, const Environment& env) {
    try {
        switch (request.command) {
            case Command::Dossier: return run_dossier(request, env);
            case Command::Validate: return run_validate(request, env);
            case Command::Evaluate: return run_evaluate(request, env);
            case Command::Init: return run_init(request, env);
            case Command::Forms: return run_forms(request, env);
            case Command::Batch: return run_batch(request, env);
            case Command::Decision: return run_decision(request, env);
            case Command::Document: return run_document(request, env);
        }
    } catch (const IoError& e) {
        return fail_io(e);
    }
    return {};
}

}  // namespace hoso::app
