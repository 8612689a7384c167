#pragma once
// A record of what a frame drew: every tile, badge and text with its rectangle, its text and
// its RAG or status. Written beside a screenshot as OUT.png.json; the tests read it.

#include "dashboard/core/view.hpp"
#include "layout.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace actionboard::ui {

struct DrawnItem {
    std::string kind;   // region, tile, badge, text, bar, bar-segment, status, arrow, point, line
    std::string id;     // unique for regions and tiles
    std::string parent; // the region or tile it must stay inside
    Rect rect;
    std::string text;
    std::optional<Rag> rag;
    std::optional<Status> status;
    bool truncated = false; // text cut with an ellipsis to fit
    bool clipped = false;   // partly outside the clip rectangle (a scrolled table's edge row)
    std::vector<char32_t> missing_glyphs; // characters of `text` its font lacks (drawn as U+FFFD)
    int shown = -1;         // truncated text: the characters shown before the ellipsis
    int lines = 0;          // wrapped text: the lines drawn
    std::optional<int> count; // bar segments: the count the segment stands for
    // More, merged into the item's JSON: an arrow's direction and what it is for, a change's
    // kind, a trend point's value.
    nlohmann::json extra;
};

class Sidecar {
public:
    DrawnItem& add(DrawnItem item) { return items_.emplace_back(std::move(item)); }
    const std::vector<DrawnItem>& items() const { return items_; }
    void clear() { items_.clear(); }
    nlohmann::json to_json() const;

private:
    std::vector<DrawnItem> items_;
};

} // namespace actionboard::ui
