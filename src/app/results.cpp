// The results workbook ket-qua.xlsx, shared by hoso decision and hoso batch: one sheet per
// form, one row per unit with its result, how long a recognition is kept, its result at every
// level, every criterion and indicator, the reasons for each Không đạt and the documents
// written about it.
#include <algorithm>

#include "app/pipeline.h"
#include "text/text.h"

namespace hoso::app {

void add_failures(const forms::Form& form, const forms::Evaluation& ev, int level, UnitResult& out) {
    if (ev.granted) return;
    // The failed indicators go into their own list; the summary reason that lists them by
    // hoso's labels is left out, the others (upgrade timing, …) are kept.
    const forms::LevelResult* lr = ev.level(level);
    const forms::Level* lv = form.find_level(level);
    const std::string summary = lv ? "Chưa đạt " + lv->name + ":" : std::string("\x01");
    for (const auto& reason : ev.reasons) {
        if (lr && lr->status != forms::Status::Pass && reason.rfind(summary, 0) == 0) continue;
        out.reasons.push_back(reason);
    }
    if (!lr) return;
    for (const auto& c : lr->criteria) {
        for (const auto& i : c.indicators) {
            if (i.status != forms::Status::Fail) continue;
            out.failed.push_back({c.number, c.title, i.number, i.text, i.citation, i.requirement, i.value, i.reason});
        }
    }
}

xlsx::Sheet results_sheet(const forms::Form& form, std::string name) {
    xlsx::Sheet sheet;
    sheet.name = std::move(name);
    sheet.header = {"STT", "Tên đơn vị", "Loại đơn vị", "Mức độ đề nghị", "Hình thức", "Kết quả", "Mức độ đạt", "Bảo lưu đến"};
    sheet.widths = {5, 40, 24, 9, 14, 11, 9, 11};
    for (const auto& l : form.levels) {
        sheet.header.push_back("Mức độ " + std::to_string(l.number));
        sheet.widths.push_back(10);
    }
    for (const auto& c : form.criteria) {
        sheet.header.push_back("Tiêu chí " + std::to_string(c.number));
        sheet.widths.push_back(10);
        for (const auto& i : c.indicators) {
            sheet.header.push_back("TC" + std::to_string(c.number) + ".CT" + std::to_string(i.number));
            sheet.widths.push_back(10);
        }
    }
    sheet.header.push_back("Lý do không đạt");
    sheet.widths.push_back(60);
    sheet.header.push_back("Văn bản");
    sheet.widths.push_back(36);
    sheet.frozen_columns = 2;
    return sheet;
}

std::vector<xlsx::Cell> results_row(const forms::Form& form, const UnitResult& u, const forms::Evaluation* evaluation,
                                    int number) {
    std::vector<xlsx::Cell> row;
    row.push_back(xlsx::Cell::of(static_cast<double>(number)));
    row.push_back(xlsx::Cell::of(u.name));
    row.push_back(xlsx::Cell::of(u.type_name));
    row.push_back(xlsx::Cell::of(static_cast<double>(u.level)));
    row.push_back(xlsx::Cell::of(forms::kind_text(u.kind)));
    row.push_back(xlsx::Cell::of(u.granted ? "Đạt" : "Không đạt"));
    row.push_back(u.reached_level ? xlsx::Cell::of(static_cast<double>(*u.reached_level))
                  : u.granted     ? xlsx::Cell::of(static_cast<double>(u.level))
                                  : xlsx::Cell::of(""));
    // "bảo lưu 03 năm tiếp theo năm được công nhận" (khoản 4 Điều 5): recognised units only.
    row.push_back(xlsx::Cell::of(u.granted && u.valid_until ? text::short_date(*u.valid_until) : std::string()));
    const forms::LevelResult* requested = evaluation ? evaluation->level(u.level) : nullptr;
    for (const auto& l : form.levels) {
        if (evaluation) {
            const forms::LevelResult* lr = evaluation->level(l.number);
            row.push_back(xlsx::Cell::of(lr ? forms::status_text(lr->status) : ""));
        } else {
            row.push_back(xlsx::Cell::of(l.number == u.level ? (u.granted ? "Đạt" : "Không đạt") : ""));
        }
    }
    for (const auto& c : form.criteria) {
        const forms::CriterionResult* cr = nullptr;
        if (requested) {
            for (const auto& x : requested->criteria) {
                if (x.id == c.id) cr = &x;
            }
        }
        const bool named_failed = std::any_of(u.failed.begin(), u.failed.end(),
                                              [&](const FailedIndicator& f) { return f.criterion_number == c.number; });
        row.push_back(xlsx::Cell::of(cr ? forms::status_text(cr->status) : named_failed ? "Không đạt" : ""));
        for (const auto& i : c.indicators) {
            const forms::IndicatorResult* ir = nullptr;
            if (cr) {
                for (const auto& x : cr->indicators) {
                    if (x.id == i.id) ir = &x;
                }
            }
            const bool failed = std::any_of(u.failed.begin(), u.failed.end(), [&](const FailedIndicator& f) {
                return f.criterion_number == c.number && f.number == i.number;
            });
            row.push_back(xlsx::Cell::of(ir ? forms::status_text(ir->status) : failed ? "Không đạt" : ""));
        }
    }
    std::string reasons;
    for (const auto& f : u.failed) {
        reasons += (reasons.empty() ? "" : "\n") + std::string("Tiêu chí ") + std::to_string(f.criterion_number) +
                   ", chỉ tiêu " + std::to_string(f.number) + (f.citation.empty() ? "" : " (" + f.citation + ")") + ": " +
                   (f.value.empty() ? "" : f.value + " — ") + f.reason;
    }
    for (const auto& r : u.reasons) reasons += (reasons.empty() ? "" : "\n") + r;
    row.push_back(xlsx::Cell::of(reasons));
    row.push_back(xlsx::Cell::of(u.outputs));
    return row;
}

}  // namespace hoso::app
