#pragma once
// Drawing primitives for the dashboard's pages over an ImDrawList: panels, text that always
// fits its box (wrapped, then cut with an ellipsis), RAG badges that carry a symbol as well as a
// colour. Every primitive records what it drew in the sidecar, under the current parent box.

#include "fonts.hpp"
#include "sidecar.hpp"
#include "theme.hpp"

#include <imgui.h>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace actionboard::ui {

ImU32 to_imgui(Rgb colour, float alpha = 1.0f);

enum class Align { left, centre, right };

class Canvas {
public:
    Canvas(ImDrawList* draw_list, const FontSet& fonts, const Theme& theme, const Metrics& metrics,
           Sidecar* sidecar);

    // The same canvas drawing into another window's list (a table's scrolling child draws
    // above its parent window, so its cells must draw into its own list).
    Canvas on(ImDrawList* draw_list) const {
        return Canvas(draw_list, fonts_, theme_, metrics_, sidecar_, parent());
    }
    Canvas(ImDrawList* draw_list, const FontSet& fonts, const Theme& theme, const Metrics& metrics,
           Sidecar* sidecar, const std::string& parent)
        : Canvas(draw_list, fonts, theme, metrics, sidecar) {
        parents_.push_back(parent);
    }

    const Theme& theme() const { return theme_; }
    const FontSet& fonts() const { return fonts_; }
    const Metrics& metrics() const { return metrics_; }

    // A named box that later items must stay inside; `panel` draws it, `region` does not.
    void begin_panel(const std::string& id, Rect rect, bool draw = true);
    void end_panel();
    const std::string& parent() const;

    void fill(Rect rect, Rgb colour, float rounding = 0, float alpha = 1.0f);
    void outline(Rect rect, Rgb colour, float rounding = 0, float thickness = 1);

    // One line of text at `origin`, cut with an ellipsis beyond `max_width`. Returns its box.
    Rect text(ImFont* font, float x, float y, std::string_view text, Rgb colour, float max_width,
              Align align = Align::left);
    // Text wrapped into `box`, at most `max_lines` lines (0: as many as fit); the last line is cut
    // with an ellipsis when the text does not fit. Returns the height used.
    float paragraph(ImFont* font, Rect box, std::string_view text, Rgb colour, int max_lines = 0);
    // A bullet list in `box`; each item gets at most `max_lines_each` lines. Items that do not
    // fit are summarised as "+N more". Returns the height used.
    float bullets(ImFont* font, Rect box, const std::vector<std::string>& items, Rgb colour,
                  int max_lines_each);

    // A RAG badge of height `h` at (x, y): coloured, with its symbol. Returns its box.
    Rect badge(float x, float y, float h, Rag rag, const std::string& label = {});
    // A badge followed by a count, e.g. [R] 4. Returns the box of both.
    Rect counted_badge(float x, float y, float h, Rag rag, int count);
    float counted_badge_width(float h, Rag rag, int count) const;
    // A status chip: the status written out, in a neutral outline.
    Rect status_chip(float x, float y, ImFont* font, Status status, float max_width);
    // A horizontal bar filled to `fraction`, with its share recorded.
    void bar(Rect rect, float fraction, Rgb colour, const std::string& label);

    float text_width(ImFont* font, std::string_view text) const;
    float badge_width(float h, Rag rag) const;

    // A click this frame (from the mouse), for the pages that open things.
    void set_click(std::optional<ImVec2> click) { click_ = click; }
    bool clicked(Rect rect) const;

    // Lines of `text` wrapped at `width`, as [begin, end) offsets.
    std::vector<std::pair<std::size_t, std::size_t>> wrap(ImFont* font, std::string_view text,
                                                          float width) const;
    // The longest prefix of `text` that fits `width` with "…" after it.
    std::string ellipsize(ImFont* font, std::string_view text, float width) const;

private:
    // `font`: what the text is drawn with; the sidecar then lists the characters it lacks.
    void record(const char* kind, Rect rect, std::string text, std::optional<Rag> rag = {},
                std::optional<Status> status = {}, bool truncated = false,
                const ImFont* font = nullptr);

    ImDrawList* draw_list_;
    const FontSet& fonts_;
    const Theme& theme_;
    const Metrics& metrics_;
    Sidecar* sidecar_;
    std::vector<std::string> parents_;
    std::optional<ImVec2> click_;
};

} // namespace actionboard::ui
