// Measures the font atlas for a plan (not a test: figures go to docs/performance.md): the
// characters it must hold, the time to find them and the ones the font lacks (the render thread
// pays this once per snapshot), the time to build the atlas (once per new size or new
// characters), and the texture it makes (ImGui's OpenGL 3 backend uploads it as RGBA, 4 bytes a
// pixel). CPU only: no display needed.
//   ui_atlas_bench MODE WIDTH HEIGHT [PLAN.json] [ROUNDS]
// MODE is kiosk, present or desktop (their font sizes differ); no PLAN: the embedded one.

#include "dashboard/core/live_plan.hpp"
#include "dashboard/core/plan_text.hpp"
#include "dashboard/ui/font_coverage.hpp"
#include "dashboard/ui/fonts.hpp"
#include "dashboard/ui/frame.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace actionboard;
using namespace actionboard::ui;

namespace {

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

double ms_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: %s kiosk|present|desktop WIDTH HEIGHT [PLAN.json] [ROUNDS]\n",
                     argv[0]);
        return 2;
    }
    std::string mode_name = argv[1];
    Mode mode = mode_name == "kiosk"     ? Mode::kiosk
                : mode_name == "present" ? Mode::present
                                         : Mode::desktop;
    float width = float(std::atof(argv[2])), height = float(std::atof(argv[3]));
    LivePlanOptions options;
    if (argc > 4 && std::string(argv[4]) != "-")
        options.path = argv[4];
    int rounds = std::max(1, argc > 5 ? std::atoi(argv[5]) : 20);
    LivePlan live(options);
    if (!live.load_initial().ok())
        return 1;
    auto snapshot = live.current();
    auto reload = live.state();

    FontCoverage coverage;
    std::vector<double> scan_ms, build_ms;
    CharacterSet characters;
    std::size_t cannot_draw = 0;
    for (int i = 0; i < rounds; ++i) {
        auto start = std::chrono::steady_clock::now();
        characters = characters_for(*snapshot, reload.get());
        cannot_draw = undrawable_characters(*snapshot->plan, snapshot->view, [&](char32_t c) {
                          return coverage.can_draw(c);
                      }).size();
        scan_ms.push_back(ms_since(start));
    }
    Metrics metrics = metrics_for(density_for(mode), width, height);
    AtlasStats stats;
    for (int i = 0; i < rounds; ++i) {
        FontAtlas atlas; // a fresh one each round: a rebuild as on a reload or a resize
        auto start = std::chrono::steady_clock::now();
        atlas.ensure(metrics, characters);
        build_ms.push_back(ms_since(start));
        stats = atlas.stats();
    }
    std::printf("%s %gx%g  fonts %g/%g/%g/%g px  characters %zu  cannot draw %zu  scan %.2f ms  "
                "atlas %dx%d (%.1f MiB RGBA)  glyphs %d  build %.1f ms\n",
                mode_name.c_str(), double(width), double(height), double(metrics.label),
                double(metrics.body), double(metrics.heading), double(metrics.headline),
                characters.size(), cannot_draw, median(scan_ms), stats.width, stats.height,
                double(stats.texture_bytes()) / (1024.0 * 1024.0), stats.glyphs, median(build_ms));
    return 0;
}
