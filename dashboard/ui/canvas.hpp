#pragma once
// Drawing primitives for the dashboard's pages over an ImDrawList: panels, text that always
// fits its box (wrapped, then cut with an ellipsis), RAG badges that carry a symbol as well as a
// colour. Every primitive records what it drew in the sidecar, under the current parent box.

#include "dashboard/history/compare.hpp"
#include "fonts.hpp"
#include "sidecar.hpp"
#include "theme.hpp"

#include <array>
#include <cmath>
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

    // One line of text at `origin`, cut with an ellipsis beyond `max_width`. Returns its box,
    // one line high (`line_h`, or the metrics' line for the font when 0).
    Rect text(ImFont* font, float x, float y, std::string_view text, Rgb colour, float max_width,
              Align align = Align::left, float line_h = 0);
    // Text wrapped into `box`, at most `max_lines` lines (0: as many as fit); the last line is cut
    // with an ellipsis when the text does not fit. Returns the height used.
    float paragraph(ImFont* font, Rect box, std::string_view text, Rgb colour, int max_lines = 0);
    // A bullet list in `box`. When every item fits whole, each is drawn whole; otherwise each
    // gets at most `max_lines_each` lines, and items that do not fit are summarised as
    // "+N more" (text is never cut while the box has room for it). Returns the height used.
    float bullets(ImFont* font, Rect box, const std::vector<std::string>& items, Rgb colour,
                  int max_lines_each);

    // A RAG badge of height `h` at (x, y): coloured, with its symbol. Returns its box.
    Rect badge(float x, float y, float h, Rag rag, const std::string& label = {});
    // A badge followed by a count, e.g. [R] 4. Returns the box of both.
    Rect counted_badge(float x, float y, float h, Rag rag, int count);
    float counted_badge_width(float h, Rag rag, int count) const;
    // The RAG an officer reported (the plan's reported_rag): an outlined badge with its symbol in
    // the RAG's colour, told from the computed RAG's filled badge by its shape. Returns its box.
    Rect reported_badge(float x, float y, float h, Rag rag, const std::string& label = {});
    // A reported RAG that disagrees with the computed one: a warning triangle with "!" in the
    // text colour, told by its shape and never by a RAG colour. Returns its box.
    Rect disagreement_mark(float x, float y, float h, const std::string& label);
    float mark_width(float h) const { return std::round(h * 1.16f); }
    // A status chip: the status written out, in a neutral outline.
    Rect status_chip(float x, float y, ImFont* font, Status status, float max_width);
    // A stacked bar drawn to scale: `unit` pixels per count, one segment per RAG in `order`
    // with a count, from the left of `rect` (horizontal) or from its bottom (vertical). A
    // segment carries its RAG's symbol when it has room (`symbols`). Records the bar and each
    // segment (kind "bar-segment", with its RAG and count). Returns the segments' extent.
    Rect stacked_bar(Rect rect, const std::array<int, rag_count>& counts,
                     const std::vector<Rag>& order, float unit, bool vertical, bool symbols,
                     const std::string& label);

    // A direction-of-travel arrow drawn as a triangle in an `h`-high square at (x, y): ▲ better
    // (in the theme's green), ▼ worse (its red), ► same (the muted text colour). The shape
    // carries the meaning, the colour only repeats it. Records an "arrow" item (its rectangle is
    // the triangle's) with its direction, what it is for ("chapter 3", "rec 12") and its label.
    // Returns the square.
    Rect arrow(float x, float y, float h, history::Direction direction, const std::string& what,
               const std::string& label = {});
    Rgb direction_colour(history::Direction direction) const;
    // Records an item without drawing it (a chart's point, drawn with the list directly), for
    // callers to add to; null without a sidecar.
    DrawnItem* mark(const char* kind, Rect rect, std::string text) {
        return record(kind, rect, std::move(text));
    }
    ImDrawList* draw_list() const { return draw_list_; }

    float text_width(ImFont* font, std::string_view text) const;
    float badge_width(float h, Rag rag) const;

    // A click this frame (from the mouse), for the pages that open things.
    void set_click(std::optional<ImVec2> click) { click_ = click; }
    bool clicked(Rect rect) const;

    // Lines of `text` wrapped at `width`, as [begin, end) offsets; no more than `max_lines`
    // (the rest is not wrapped at all).
    std::vector<std::pair<std::size_t, std::size_t>>
    wrap(ImFont* font, std::string_view text, float width,
         std::size_t max_lines = std::size_t(-1)) const;
    // The longest prefix of `text` that fits `width` with "…" after it.
    std::string ellipsize(ImFont* font, std::string_view text, float width) const;

    // Whether drawn items are recorded (a screenshot's sidecar); the live window does not.
    bool recording() const { return sidecar_ != nullptr; }

private:
    // `text` cut to fit `width` with "…" after it (ellipsize() once it knows it must cut).
    std::string cut(ImFont* font, std::string_view text, float width) const;
    // The item recorded in the sidecar (for callers to add to), or null without one. `font`:
    // what the text is drawn with; the sidecar then lists the characters it lacks.
    DrawnItem* record(const char* kind, Rect rect, std::string text, std::optional<Rag> rag = {},
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
