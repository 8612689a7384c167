#include "sidecar.hpp"

#include "dashboard/core/plan_text.hpp"

namespace actionboard::ui {

nlohmann::json Sidecar::to_json() const {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& item : items_) {
        nlohmann::json entry = {{"kind", item.kind},
                                {"rect", {item.rect.x, item.rect.y, item.rect.w, item.rect.h}}};
        if (!item.id.empty())
            entry["id"] = item.id;
        if (!item.parent.empty())
            entry["parent"] = item.parent;
        if (!item.text.empty())
            entry["text"] = item.text;
        if (item.rag)
            entry["rag"] = to_string(*item.rag);
        if (item.status)
            entry["status"] = to_string(*item.status);
        if (item.truncated)
            entry["truncated"] = true;
        if (item.clipped)
            entry["clipped"] = true;
        if (!item.missing_glyphs.empty()) {
            entry["missing_glyphs"] = nlohmann::json::array();
            for (char32_t c : item.missing_glyphs)
                entry["missing_glyphs"].push_back(code_point_label(c));
        }
        if (item.shown >= 0)
            entry["shown"] = item.shown;
        if (item.lines > 0)
            entry["lines"] = item.lines;
        if (item.count)
            entry["count"] = *item.count;
        if (item.extra.is_object())
            entry.update(item.extra);
        items.push_back(std::move(entry));
    }
    return items;
}

} // namespace actionboard::ui
