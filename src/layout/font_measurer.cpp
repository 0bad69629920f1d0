// The real measurer, in its own file so that code using only a fake measurer (the unit
// tests) links without the font library.
#include "layout/layout.h"

namespace hoso::layout {

double FontMeasurer::width(std::string_view text, Face face, double size) const {
    return m_fonts.face(face).text_width(text, size);
}

double FontMeasurer::ascent_1000(Face face) const { return m_fonts.face(face).win_ascent_1000(); }

double FontMeasurer::descent_1000(Face face) const { return m_fonts.face(face).win_descent_1000(); }

double FontMeasurer::line_gap_1000(Face face) const { return m_fonts.face(face).line_gap_1000(); }

}  // namespace hoso::layout
