// Measures the CPU cost of building one dashboard frame (ImGui::NewFrame to ImGui::Render, the
// part the render loop pays per redraw), per page, at a given size. Not a test: figures go to
// docs/performance.md. Needs an OpenGL context (run under xvfb-run).
//   ui_frame_bench WIDTH HEIGHT MODE [FRAMES]

#define GL_GLEXT_PROTOTYPES
#include "dashboard/core/live_plan.hpp"
#include "dashboard/ui/fonts.hpp"
#include "dashboard/ui/frame.hpp"
#include "dashboard/ui/theme.hpp"

#include <GLFW/glfw3.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <string>
#include <vector>

using namespace actionboard;
using namespace actionboard::ui;

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: %s WIDTH HEIGHT kiosk|present|desktop [FRAMES]\n", argv[0]);
        return 2;
    }
    int width = std::atoi(argv[1]), height = std::atoi(argv[2]);
    std::string mode_name = argv[3];
    int frames = argc > 4 ? std::atoi(argv[4]) : 300;
    Mode mode = mode_name == "kiosk" ? Mode::kiosk : mode_name == "present" ? Mode::present : Mode::desktop;

    LivePlan live(LivePlanOptions{});
    if (!live.load_initial().ok())
        return 1;
    auto snapshot = live.current();
    auto reload = live.state();

    if (!glfwInit())
        return 1;
    glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 2);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    GLFWwindow* window = glfwCreateWindow(64, 64, "bench", nullptr, nullptr);
    if (!window)
        return 1;
    glfwMakeContextCurrent(window);
    FontAtlas atlas;
    ImGui::CreateContext(atlas.imgui_atlas());
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    ImGui_ImplOpenGL3_Init("#version 150");
    Metrics metrics = metrics_for(density_for(mode), float(width), float(height));
    atlas.ensure(metrics, characters_for(*snapshot, reload.get()));
    io.FontDefault = atlas.fonts().body;
    Theme theme = dark_theme();
    apply_imgui_style(theme, metrics);
    DashboardOptions options;
    options.mode = mode;
    UiState state;
    state.mode = mode;
    if (mode != Mode::desktop)
        refresh_rotation(state, *snapshot, metrics, float(width), float(height));
    std::vector<Page> pages = mode == Mode::desktop
                                  ? std::vector<Page>{{PageKind::overview}, {PageKind::chapter, 5},
                                                      {PageKind::deadlines}, {PageKind::quality},
                                                      {PageKind::recommendations}}
                                  : state.rotation;
    FrameContext context;
    context.snapshot = snapshot.get();
    context.reload = reload.get();
    context.clock = "12:00";
    context.data_updated = "1 Jan 2026 12:00";
    context.loaded_at = "12:00";

    std::vector<double> micros;
    micros.reserve(std::size_t(frames) * pages.size());
    for (int frame = 0; frame < frames; ++frame) {
        for (const Page& page : pages) {
            if (mode == Mode::desktop)
                state.desktop_page = page;
            else
                select_page(state, page, *snapshot->plan);
            io.DisplaySize = {float(width), float(height)};
            io.DeltaTime = 1.0f / 60.0f;
            ImGui_ImplOpenGL3_NewFrame();
            auto start = std::chrono::steady_clock::now();
            ImGui::NewFrame();
            draw_frame(state, context, options, atlas.fonts(), theme, metrics, float(width),
                       float(height), {0, 0, float(width), float(height)}, nullptr, std::nullopt);
            ImGui::Render();
            auto end = std::chrono::steady_clock::now();
            micros.push_back(std::chrono::duration<double, std::micro>(end - start).count());
        }
    }
    std::sort(micros.begin(), micros.end());
    auto at = [&micros](double q) { return micros[std::size_t(q * double(micros.size() - 1))]; };
    std::printf("%s %dx%d: %zu frames over %zu pages: p50 %.0f us, p99 %.0f us, max %.0f us\n",
                mode_name.c_str(), width, height, micros.size(), pages.size(), at(0.5), at(0.99),
                micros.back());
    ImGui_ImplOpenGL3_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return 0;
}
