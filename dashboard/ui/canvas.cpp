#include "canvas.hpp"

#include "dashboard/core/plan_text.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <imgui_internal.h>

namespace actionboard::ui {

namespace {
const std::string screen_parent = "screen";
constexpr std::string_view ellipsis = "\xE2\x80\xA6"; // …

int utf8_length(const char* text, const char* end) {
    unsigned int ignored = 0;
    int length = ImTextCharFromUtf8(&ignored, text, end);
    return std::max(length, 1);
}

// Characters (code points) in `text`, not counting a trailing ellipsis.
int characters(std::string_view text) {
    if (text.size() >= ellipsis.size() &&
        text.compare(text.size() - ellipsis.size(), ellipsis.size(), ellipsis) == 0)
        text.remove_suffix(ellipsis.size());
    int count = 0;
    for (char c : text)
        count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return count;
}
} // namespace

ImU32 to_imgui(Rgb colour, float alpha) {
    return IM_COL32(colour.r, colour.g, colour.b, int(std::clamp(alpha, 0.0f, 1.0f) * 255.0f));
}

Canvas::Canvas(ImDrawList* draw_list, const FontSet& fonts, const Theme& theme,
               const Metrics& metrics, Sidecar* sidecar)
    : draw_list_(draw_list), fonts_(fonts), theme_(theme), metrics_(metrics), sidecar_(sidecar) {}

const std::string& Canvas::parent() const {
    return parents_.empty() ? screen_parent : parents_.back();
}

DrawnItem* Canvas::record(const char* kind, Rect rect, std::string text, std::optional<Rag> rag,
                          std::optional<Status> status, bool truncated, const ImFont* font) {
    if (!sidecar_)
        return nullptr;
    DrawnItem item;
    if (font) { // which characters fell back to the replacement glyph
        for_each_code_point(text, [&item, font](char32_t c) {
            if (c == U'\t' || c == U'\n' || c == U'\r')
                return;
            bool missing = c > IM_UNICODE_CODEPOINT_MAX || !font->FindGlyphNoFallback(ImWchar(c));
            if (missing && std::find(item.missing_glyphs.begin(), item.missing_glyphs.end(), c) ==
                               item.missing_glyphs.end())
                item.missing_glyphs.push_back(c);
        });
    }
    item.kind = kind;
    item.parent = parent();
    item.rect = rect;
    item.text = std::move(text);
    item.rag = rag;
    item.status = status;
    item.truncated = truncated;
    ImVec2 clip_min = draw_list_->GetClipRectMin(), clip_max = draw_list_->GetClipRectMax();
    item.clipped = rect.x < clip_min.x - 0.5f || rect.y < clip_min.y - 0.5f ||
                   rect.right() > clip_max.x + 0.5f || rect.bottom() > clip_max.y + 0.5f;
    return &sidecar_->add(std::move(item));
}

void Canvas::begin_panel(const std::string& id, Rect rect, bool draw) {
    if (draw) {
        float rounding = metrics_.pad * 0.6f;
        fill(rect, theme_.panel, rounding);
        outline(rect, theme_.panel_border, rounding, std::max(1.0f, metrics_.body / 24.0f));
    }
    if (sidecar_) {
        DrawnItem item;
        item.kind = draw ? "tile" : "region";
        item.id = id;
        item.parent = parent();
        item.rect = rect;
        ImVec2 clip_min = draw_list_->GetClipRectMin(), clip_max = draw_list_->GetClipRectMax();
        item.clipped = rect.x < clip_min.x - 0.5f || rect.y < clip_min.y - 0.5f ||
                       rect.right() > clip_max.x + 0.5f || rect.bottom() > clip_max.y + 0.5f;
        sidecar_->add(std::move(item));
    }
    parents_.push_back(id);
}

void Canvas::end_panel() {
    if (!parents_.empty())
        parents_.pop_back();
}

void Canvas::fill(Rect rect, Rgb colour, float rounding, float alpha) {
    draw_list_->AddRectFilled({rect.x, rect.y}, {rect.right(), rect.bottom()},
                              to_imgui(colour, alpha), rounding);
}

void Canvas::outline(Rect rect, Rgb colour, float rounding, float thickness) {
    // Inset by half the stroke so the line stays inside the box.
    float half = thickness / 2;
    draw_list_->AddRect({rect.x + half, rect.y + half}, {rect.right() - half, rect.bottom() - half},
                        to_imgui(colour), rounding, 0, thickness);
}

float Canvas::text_width(ImFont* font, std::string_view text) const {
    return font
        ->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, text.data(), text.data() + text.size())
        .x;
}

std::string Canvas::ellipsize(ImFont* font, std::string_view text, float width) const {
    if (text_width(font, text) <= width)
        return std::string(text);
    return cut(font, text, width);
}

std::string Canvas::cut(ImFont* font, std::string_view text, float width) const {
    float budget = width - text_width(font, ellipsis);
    const char* begin = text.data();
    const char* end = begin + text.size();
    const char* cut = begin;
    float used = 0;
    while (cut < end) {
        unsigned int c = static_cast<unsigned char>(*cut);
        int length = c < 0x80 ? 1 : std::max(ImTextCharFromUtf8(&c, cut, end), 1);
        float advance = font->GetCharAdvance(ImWchar(c < 0x10000 ? c : '?'));
        if (used + advance > budget)
            break;
        used += advance;
        cut += length;
    }
    std::string out(begin, cut);
    while (!out.empty() && (out.back() == ' ' || out.back() == ',' || out.back() == ';'))
        out.pop_back();
    return out + std::string(ellipsis);
}

std::vector<std::pair<std::size_t, std::size_t>>
Canvas::wrap(ImFont* font, std::string_view text, float width, std::size_t max_lines) const {
    std::vector<std::pair<std::size_t, std::size_t>> lines;
    const char* base = text.data();
    const char* end = base + text.size();
    const char* paragraph = base;
    while (paragraph <= end && lines.size() < max_lines) {
        const char* paragraph_end = std::find(paragraph, end, '\n');
        const char* pos = paragraph;
        if (pos == paragraph_end)
            lines.emplace_back(pos - base, pos - base); // an empty line
        while (pos < paragraph_end && lines.size() < max_lines) {
            const char* line_end = font->CalcWordWrapPositionA(1.0f, pos, paragraph_end, width);
            if (line_end <= pos) // a word wider than the box: break inside it
                line_end = pos + utf8_length(pos, paragraph_end);
            const char* trimmed = line_end;
            while (trimmed > pos && trimmed[-1] == ' ')
                --trimmed;
            lines.emplace_back(pos - base, trimmed - base);
            pos = line_end;
            while (pos < paragraph_end && *pos == ' ')
                ++pos;
        }
        if (paragraph_end == end)
            break;
        paragraph = paragraph_end + 1;
    }
    return lines;
}

namespace {

// How one line of text meets a box: it fits, with its width; it is wider (the walk stops
// there, so a long text that must be cut is not measured to its end); or it holds a line break
// (measured by ImGui instead). The advances are those ImFont::CalcTextSizeA adds at the font's
// own size.
struct LineFit {
    enum class Kind { fits, too_wide, several_lines } kind;
    float width = 0;
};

LineFit fit_line(const ImFont* font, std::string_view text, float max_width) {
    const char* s = text.data();
    const char* end = s + text.size();
    float width = 0;
    while (s < end) {
        unsigned int c = static_cast<unsigned char>(*s);
        if (c < 0x80)
            ++s;
        else
            s += std::max(ImTextCharFromUtf8(&c, s, end), 1);
        if (c == '\n' || c == '\r')
            return {LineFit::Kind::several_lines};
        width += int(c) < font->IndexAdvanceX.Size ? font->IndexAdvanceX[int(c)]
                                                   : font->FallbackAdvanceX;
        if (width > max_width)
            return {LineFit::Kind::too_wide};
    }
    return {LineFit::Kind::fits, width};
}

} // namespace

Rect Canvas::text(ImFont* font, float x, float y, std::string_view text, Rgb colour,
                  float max_width, Align align, float line_h) {
    // Most text fits: measured once, only as far as the box, and drawn without a copy.
    LineFit fit = fit_line(font, text, max_width);
    float width = fit.kind == LineFit::Kind::fits       ? fit.width
                  : fit.kind == LineFit::Kind::too_wide ? max_width + 1
                                                        : text_width(font, text);
    std::string cut_text;
    std::string_view shown = text;
    if (width > max_width) {
        cut_text = cut(font, text, max_width);
        shown = cut_text;
        width = text_width(font, shown);
    }
    float left = align == Align::left     ? x
                 : align == Align::centre ? x + (max_width - width) / 2
                                          : x + max_width - width;
    if (line_h <= 0)
        line_h = metrics_.line(font->FontSize);
    float baseline_offset = (line_h - font->FontSize) / 2;
    draw_list_->AddText(font, font->FontSize, {std::round(left), std::round(y + baseline_offset)},
                        to_imgui(colour), shown.data(), shown.data() + shown.size());
    Rect box{left, y, width, line_h};
    if (!recording())
        return box;
    bool truncated = shown.size() != text.size();
    if (DrawnItem* item = record("text", box, std::string(text), {}, {}, truncated, font);
        item && truncated)
        item->shown = characters(shown);
    return box;
}

float Canvas::paragraph(ImFont* font, Rect box, std::string_view text, Rgb colour, int max_lines) {
    float line_h = metrics_.line(font->FontSize);
    int fit = int(std::floor((box.h + 0.01f) / line_h));
    if (max_lines > 0)
        fit = std::min(fit, max_lines);
    auto lines = wrap(font, text, box.w, std::size_t(std::max(fit, 0)) + 1); // enough to tell
    if (fit <= 0) {
        if (!text.empty())
            record("text", {box.x, box.y, 0, 0}, std::string(text), {}, {}, true, font);
        return 0;
    }
    bool truncated = int(lines.size()) > fit;
    int shown = std::min<int>(int(lines.size()), fit);
    float widest = 0;
    int shown_characters = 0;
    float baseline_offset = (line_h - font->FontSize) / 2;
    for (int i = 0; i < shown; ++i) {
        std::string line(text.substr(lines[std::size_t(i)].first,
                                     lines[std::size_t(i)].second - lines[std::size_t(i)].first));
        if (truncated && i == shown - 1) {
            // The rest of the text, on one line, cut to fit with an ellipsis.
            std::string rest(text.substr(lines[std::size_t(i)].first));
            std::replace(rest.begin(), rest.end(), '\n', ' ');
            line = ellipsize(font, rest + " ", box.w);
            if (line.size() < 3 || line.compare(line.size() - 3, 3, ellipsis) != 0)
                line = ellipsize(font, line + std::string(ellipsis), box.w);
        }
        float y = box.y + float(i) * line_h;
        draw_list_->AddText(font, font->FontSize,
                            {std::round(box.x), std::round(y + baseline_offset)}, to_imgui(colour),
                            line.data(), line.data() + line.size());
        if (sidecar_) { // only the record needs them
            widest = std::max(widest, text_width(font, line));
            shown_characters += characters(line);
        }
    }
    float used = float(shown) * line_h;
    if (DrawnItem* item = record("text", {box.x, box.y, std::min(widest, box.w), used},
                                 std::string(text), {}, {}, truncated, font)) {
        item->lines = shown;
        if (truncated)
            item->shown = shown_characters;
    }
    return used;
}

float Canvas::bullets(ImFont* font, Rect box, const std::vector<std::string>& items, Rgb colour,
                      int max_lines_each) {
    float line_h = metrics_.line(font->FontSize);
    float indent = text_width(font, "\xE2\x80\xA2  "); // "•  "
    float baseline_offset = (line_h - font->FontSize) / 2;
    // Whole items when they all fit: a cap that cuts text while the box stands half empty reads
    // as a fault.
    // Each item is wrapped once, here: its lines, up to one more than the box holds.
    int box_lines = int(std::floor((box.h + 0.01f) / line_h));
    std::vector<int> item_lines;
    item_lines.reserve(items.size());
    int all_lines = 0;
    for (const std::string& item : items) {
        item_lines.push_back(std::max<int>(
            1, int(wrap(font, item, box.w - indent, std::size_t(box_lines + 1)).size())));
        all_lines += item_lines.back();
    }
    if (all_lines <= box_lines)
        max_lines_each = std::max(max_lines_each, box_lines);
    float y = box.y;
    for (std::size_t i = 0; i < items.size(); ++i) {
        int room = int(std::floor((box.bottom() - y + 0.01f) / line_h));
        bool more_after = i + 1 < items.size();
        int room_for_item = more_after ? room - 1 : room; // keep a line for "+N more"
        if (room_for_item < 1) {
            if (room >= 1) {
                std::size_t hidden = items.size() - i;
                text(font, box.x, y,
                     std::string("+").append(std::to_string(hidden)).append(" more"),
                     theme_.text_muted, box.w);
                y += line_h;
            }
            break;
        }
        int lines = std::max(1, std::min({item_lines[i], max_lines_each, room_for_item}));
        draw_list_->AddText(font, font->FontSize,
                            {std::round(box.x), std::round(y + baseline_offset)},
                            to_imgui(theme_.text_muted), "\xE2\x80\xA2");
        y += paragraph(font, {box.x + indent, y, box.w - indent, float(lines) * line_h}, items[i],
                       colour, lines);
    }
    return y - box.y;
}

bool Canvas::clicked(Rect rect) const {
    return click_ && click_->x >= rect.x && click_->x < rect.right() && click_->y >= rect.y &&
           click_->y < rect.bottom();
}

float Canvas::badge_width(float h, Rag rag) const {
    ImFont* font = h >= metrics_.line(fonts_.bold->FontSize) * 0.95f ? fonts_.bold : fonts_.label;
    return std::max(h * 1.3f, text_width(font, rag_symbol(rag)) + h * 0.6f);
}

Rect Canvas::badge(float x, float y, float h, Rag rag, const std::string& label) {
    ImFont* font = h >= metrics_.line(fonts_.bold->FontSize) * 0.95f ? fonts_.bold : fonts_.label;
    std::string_view symbol = rag_symbol(rag);
    float w = badge_width(h, rag);
    Rect box{x, y, w, h};
    Rgb colour = theme_.rag_colour(rag);
    fill(box, colour, h * 0.22f);
    float sw = text_width(font, symbol);
    draw_list_->AddText(font, font->FontSize,
                        {std::round(x + (w - sw) / 2), std::round(y + (h - font->FontSize) / 2)},
                        to_imgui(theme_.rag_symbol_colour(rag)), symbol.data(),
                        symbol.data() + symbol.size());
    record("badge", box, label.empty() ? std::string(symbol) : label, rag, {}, false, font);
    return box;
}

Rect Canvas::reported_badge(float x, float y, float h, Rag rag, const std::string& label) {
    ImFont* font = h >= metrics_.line(fonts_.bold->FontSize) * 0.95f ? fonts_.bold : fonts_.label;
    std::string_view symbol = rag_symbol(rag);
    Rect box{x, y, badge_width(h, rag), h};
    Rgb colour = theme_.rag_colour(rag);
    outline(box, colour, h * 0.22f, std::max(2.0f, std::round(h * 0.12f)));
    float sw = text_width(font, symbol);
    draw_list_->AddText(
        font, font->FontSize,
        {std::round(x + (box.w - sw) / 2), std::round(y + (h - font->FontSize) / 2)},
        to_imgui(colour), symbol.data(), symbol.data() + symbol.size());
    record("reported-badge", box, label.empty() ? std::string(symbol) : label, rag, {}, false,
           font);
    return box;
}

Rect Canvas::disagreement_mark(float x, float y, float h, const std::string& label) {
    Rect box{x, y, mark_width(h), h};
    draw_list_->AddTriangleFilled({x + box.w / 2, y}, {x + box.w, y + h}, {x, y + h},
                                  to_imgui(theme_.text));
    // The "!" as a bar and a dot in the background's colour (shapes: no font needed).
    float stroke = std::max(2.0f, std::round(h * 0.13f));
    float left = std::round(x + (box.w - stroke) / 2);
    fill({left, y + h * 0.34f, stroke, h * 0.34f}, theme_.background);
    fill({left, y + h * 0.76f, stroke, std::min(stroke, h * 0.18f)}, theme_.background);
    record("disagreement", box, label);
    return box;
}

float Canvas::counted_badge_width(float h, Rag rag, int count) const {
    return badge_width(h, rag) + h * 0.2f + text_width(fonts_.bold, std::to_string(count)) + 1;
}

Rect Canvas::counted_badge(float x, float y, float h, Rag rag, int count) {
    Rect box = badge(x, y, h, rag, std::string(rag_symbol(rag)) + " " + std::to_string(count));
    std::string number = std::to_string(count);
    float gap = h * 0.2f;
    ImFont* font = fonts_.bold;
    float line_h = metrics_.line(font->FontSize);
    Rect label = text(font, box.right() + gap, y + (h - line_h) / 2, number, theme_.text,
                      text_width(font, number) + 1);
    return {x, y, label.right() - x, h};
}

Rect Canvas::status_chip(float x, float y, ImFont* font, Status status, float max_width) {
    std::string label(status_label(status));
    float line_h = metrics_.line(font->FontSize);
    float pad = font->FontSize * 0.35f;
    std::string shown = ellipsize(font, label, max_width - 2 * pad);
    float w = text_width(font, shown) + 2 * pad;
    Rect box{x, y, w, line_h};
    outline(box, theme_.text_muted, line_h * 0.3f, std::max(1.0f, font->FontSize / 18.0f));
    draw_list_->AddText(font, font->FontSize,
                        {std::round(x + pad), std::round(y + (line_h - font->FontSize) / 2)},
                        to_imgui(theme_.text), shown.data(), shown.data() + shown.size());
    record("status", box, label, {}, status, shown != label, font);
    return box;
}

Rect Canvas::stacked_bar(Rect rect, const std::array<int, rag_count>& counts,
                         const std::vector<Rag>& order, float unit, bool vertical, bool symbols,
                         const std::string& label) {
    ImFont* font = fonts_.label;
    float separator = std::max(1.0f, metrics_.body / 24.0f);
    float at = 0; // from the left, or up from the bottom
    for (Rag rag : order) {
        int count = counts[std::size_t(int(rag))];
        if (count <= 0)
            continue;
        float extent = float(count) * unit;
        Rect segment = vertical ? Rect{rect.x, rect.bottom() - at - extent, rect.w, extent}
                                : Rect{rect.x + at, rect.y, extent, rect.h};
        Rgb colour = theme_.rag_colour(rag);
        fill(segment, colour);
        if (at > 0) { // a thin line of the panel's colour between two segments
            Rect line =
                vertical ? Rect{segment.x, segment.bottom() - separator / 2, segment.w, separator}
                         : Rect{segment.x - separator / 2, segment.y, separator, segment.h};
            fill(line, theme_.panel);
        }
        std::string_view symbol = rag_symbol(rag);
        float symbol_w = text_width(font, symbol);
        if (symbols && segment.w >= symbol_w + metrics_.pad * 0.5f && segment.h >= font->FontSize) {
            draw_list_->AddText(font, font->FontSize,
                                {std::round(segment.x + (segment.w - symbol_w) / 2),
                                 std::round(segment.y + (segment.h - font->FontSize) / 2)},
                                to_imgui(theme_.rag_symbol_colour(rag)), symbol.data(),
                                symbol.data() + symbol.size());
        }
        if (DrawnItem* item = record("bar-segment", segment,
                                     std::string(symbol) + " " + std::to_string(count), rag))
            item->count = count;
        at += extent;
    }
    Rect extent =
        vertical ? Rect{rect.x, rect.bottom() - at, rect.w, at} : Rect{rect.x, rect.y, at, rect.h};
    record("bar", extent, label);
    return extent;
}

} // namespace actionboard::ui

namespace actionboard::ui {

Rgb Canvas::direction_colour(history::Direction direction) const {
    switch (direction) {
    case history::Direction::better:
        return theme_.rag_colour(Rag::green);
    case history::Direction::worse:
        return theme_.rag_colour(Rag::red);
    case history::Direction::same:
        return theme_.text_muted;
    }
    return theme_.text_muted;
}

Rect Canvas::arrow(float x, float y, float h, history::Direction direction, const std::string& what,
                   const std::string& label) {
    float side = h * 0.72f;
    float tall = side * 0.866f; // an equilateral triangle's height
    float cx = x + h / 2, cy = y + h / 2;
    ImU32 colour = to_imgui(direction_colour(direction));
    Rect shape;
    // Clockwise on screen (y down), as ImGui's anti-aliased fill expects.
    switch (direction) {
    case history::Direction::better: // ▲
        shape = {cx - side / 2, cy - tall / 2, side, tall};
        draw_list_->AddTriangleFilled({cx, shape.y}, {shape.right(), shape.bottom()},
                                      {shape.x, shape.bottom()}, colour);
        break;
    case history::Direction::worse: // ▼
        shape = {cx - side / 2, cy - tall / 2, side, tall};
        draw_list_->AddTriangleFilled({shape.x, shape.y}, {shape.right(), shape.y},
                                      {cx, shape.bottom()}, colour);
        break;
    case history::Direction::same: // ►
        shape = {cx - tall / 2, cy - side / 2, tall, side};
        draw_list_->AddTriangleFilled({shape.x, shape.y}, {shape.right(), cy},
                                      {shape.x, shape.bottom()}, colour);
        break;
    }
    if (DrawnItem* item = record("arrow", shape, std::string(history::arrow(direction))))
        item->extra = {
            {"direction", history::to_string(direction)}, {"for", what}, {"label", label}};
    return {x, y, h, h};
}

} // namespace actionboard::ui
