#pragma once
// Every string a plan and its computed view can put on screen, with where it sits, and the
// characters among them that a font cannot draw. Pure: the font's knowledge comes in as a
// predicate (dashboard/ui/font_coverage.hpp reads it from the embedded font), so `--check` and
// the dashboard share it and core stays free of GUI code.

#include "view.hpp"

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace actionboard {

// Where a string sits in a plan, for messages. `ref` empty and `chapter` 0: the plan's own
// information; `ref` empty and `chapter` set: a chapter's; else a recommendation's (`part` is
// the part label, empty for the recommendation's own fields).
struct TextPlace {
    std::string ref;
    std::string part;
    int chapter = 0;
    std::string field; // "title", "text", "local response", "milestone 2 lead", ...
    bool operator==(const TextPlace&) const = default;
};

// "the plan's title", "chapter 3's title", "rec 12's text", "rec 4a's local response".
std::string describe(const TextPlace& place);

using TextVisitor = std::function<void(const TextPlace& place, std::string_view utf8)>;

// Calls `visit` once for every string of `plan` and `view` that a page can show: the plan's
// information, chapters (title, key points, local position), recommendations (ref, text, bodies,
// responses, deadlines, milestones' deadline, lead and action, status reason), their parts, and
// the view's strings (milestones' deadlines as read, leads, data-quality details). Paragraphs
// and list items are visited one by one. Strings may repeat (the view quotes the plan).
void for_each_text(const Plan& plan, const PlanView& view, const TextVisitor& visit);

// The code point of the UTF-8 sequence at byte `i` of `utf8` (i < utf8.size()), advancing `i`
// past it. A byte that does not start a well-formed sequence (RFC 3629: no overlong forms, no
// surrogates, nothing past U+10FFFF) gives U+FFFD and advances `i` by one.
char32_t next_code_point(std::string_view utf8, std::size_t& i);

// Calls `each` with every code point of `utf8`, in order. A byte that does not start a
// well-formed sequence (RFC 3629) gives U+FFFD and decoding resumes at the next byte.
void for_each_code_point(std::string_view utf8, const std::function<void(char32_t)>& each);

// A character that the font cannot draw, at the first place it occurs.
struct GlyphFinding {
    char32_t code_point = 0;
    TextPlace place;
};

// Whether a character can be drawn: in the font, within what the renderer supports.
using CanDraw = std::function<bool(char32_t code_point)>;

// Every character of `plan` and `view` (for_each_text) that `can_draw` refuses, once per code
// point and place, in the order they first occur. Tab, line feed and carriage return are layout,
// not glyphs, and are never reported. Empty when everything can be drawn. `can_draw` is asked
// once per distinct code point of the Basic Multilingual Plane.
std::vector<GlyphFinding> undrawable_characters(const Plan& plan, const PlanView& view,
                                                const CanDraw& can_draw);

// "U+00E9", "U+1F600": at least four hex digits, upper case.
std::string code_point_label(char32_t code_point);
// "cannot be drawn: U+4E2D in rec 12's text"
std::string format_glyph_finding(const GlyphFinding& finding);
// {"code_point": "U+4E2D", "character": "中", "where": "rec 12's text", "ref": "12" | null,
//  "part": "a" | null, "chapter": 1 | null, "field": "text"}
nlohmann::json glyph_finding_json(const GlyphFinding& finding);

} // namespace actionboard
