// hoso decision: placeholder until the council pipeline lands (being written now).
#include "app/pipeline.h"

namespace hoso::app {

Outcome run_decision(const Request&, const Environment&) {
    Outcome out;
    out.exit_code = 2;
    out.diagnostics.error({}, "", "lệnh decision chưa có trong bản này", "the decision command is not available in this build");
    return out;
}

}  // namespace hoso::app
