#include "plan_text.hpp"

#include <cstdio>
#include <set>
#include <utility>

namespace actionboard {

namespace {

void visit_blocks(const Blocks& blocks, const TextPlace& place, const TextVisitor& visit) {
    for (const Block& block : blocks) {
        visit(place, block.paragraph);
        for (const std::string& item : block.items)
            visit(place, item);
    }
}

void visit_lines(const std::vector<std::string>& lines, const TextPlace& place,
                 const TextVisitor& visit) {
    for (const std::string& line : lines)
        visit(place, line);
}

TextPlace with_field(TextPlace place, std::string field) {
    place.field = std::move(field);
    return place;
}

void visit_milestones(const std::vector<MilestoneEntry>& milestones, const TextPlace& owner,
                      const TextVisitor& visit) {
    for (std::size_t i = 0; i < milestones.size(); ++i) {
        const MilestoneEntry& milestone = milestones[i];
        std::string name = "milestone " + std::to_string(i + 1);
        visit(with_field(owner, name + " deadline"), milestone.deadline);
        if (milestone.lead)
            visit(with_field(owner, name + " lead"), *milestone.lead);
        visit(with_field(owner, name + " action"), milestone.action);
    }
}

} // namespace

char32_t next_code_point(std::string_view text, std::size_t& i) {
    auto byte = [&](std::size_t at) { return static_cast<unsigned char>(text[at]); };
    unsigned char lead = byte(i);
    if (lead < 0x80) {
        ++i;
        return lead;
    }
    int length = 0;
    char32_t value = 0;
    char32_t minimum = 0;
    if ((lead & 0xE0) == 0xC0) {
        length = 2;
        value = lead & 0x1F;
        minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3;
        value = lead & 0x0F;
        minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4;
        value = lead & 0x07;
        minimum = 0x10000;
    } else {
        ++i;
        return 0xFFFD;
    }
    if (i + std::size_t(length) > text.size()) {
        ++i;
        return 0xFFFD;
    }
    for (int k = 1; k < length; ++k) {
        unsigned char next = byte(i + std::size_t(k));
        if ((next & 0xC0) != 0x80) {
            ++i;
            return 0xFFFD;
        }
        value = (value << 6) | (next & 0x3F);
    }
    if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
        ++i;
        return 0xFFFD;
    }
    i += std::size_t(length);
    return value;
}

namespace {

std::string encode_utf8(char32_t c) {
    std::string out;
    if (c < 0x80) {
        out += char(c);
    } else if (c < 0x800) {
        out += char(0xC0 | (c >> 6));
        out += char(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += char(0xE0 | (c >> 12));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    } else {
        out += char(0xF0 | (c >> 18));
        out += char(0x80 | ((c >> 12) & 0x3F));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    }
    return out;
}

} // namespace

std::string describe(const TextPlace& place) {
    std::string owner;
    if (!place.ref.empty())
        owner = "rec " + place.ref + place.part;
    else if (place.chapter != 0)
        owner = "chapter " + std::to_string(place.chapter);
    else
        owner = "the plan";
    return owner + "'s " + place.field;
}

void for_each_text(const Plan& plan, const PlanView& view, const TextVisitor& visit) {
    const PlanInfo& info = plan.info;
    TextPlace plan_place;
    visit(with_field(plan_place, "id"), info.id);
    visit(with_field(plan_place, "title"), info.title);
    visit(with_field(plan_place, "authority"), info.authority);
    visit(with_field(plan_place, "version"), info.version);
    visit(with_field(plan_place, "source"), info.source);
    visit(with_field(plan_place, "as-of note"), info.as_of_note);
    visit_lines(info.actions_to_date, with_field(plan_place, "actions to date"), visit);
    visit_lines(info.summary, with_field(plan_place, "summary"), visit);
    visit_lines(info.notes, with_field(plan_place, "notes"), visit);

    for (const Chapter& chapter : plan.chapters) {
        TextPlace place{{}, {}, chapter.number, {}};
        visit(with_field(place, "title"), chapter.title);
        visit_blocks(chapter.key_points, with_field(place, "key points"), visit);
        visit_blocks(chapter.local_position, with_field(place, "local position"), visit);
    }

    for (const Recommendation& rec : plan.recommendations) {
        TextPlace place{rec.ref, {}, rec.chapter, {}};
        visit(with_field(place, "ref"), rec.ref);
        visit_blocks(rec.text, with_field(place, "text"), visit);
        visit_lines(rec.bodies, with_field(place, "bodies"), visit);
        visit_blocks(rec.government_response, with_field(place, "Government response"), visit);
        if (rec.government_deadline)
            visit(with_field(place, "Government deadline"), *rec.government_deadline);
        visit_blocks(rec.local_response, with_field(place, "local response"), visit);
        if (rec.local_response_see)
            visit(with_field(place, "local response reference"), *rec.local_response_see);
        visit_milestones(rec.milestones, place, visit);
        visit(with_field(place, "status reason"), rec.status_reason);
        for (const Part& part : rec.parts) {
            TextPlace part_place{rec.ref, part.label, rec.chapter, {}};
            visit(with_field(part_place, "label"), part.label);
            visit_blocks(part.text, with_field(part_place, "text"), visit);
            visit_blocks(part.government_response, with_field(part_place, "Government response"),
                         visit);
            if (part.government_deadline)
                visit(with_field(part_place, "Government deadline"), *part.government_deadline);
            visit_blocks(part.local_response, with_field(part_place, "local response"), visit);
            visit_milestones(part.milestones, part_place, visit);
        }
    }

    // The view's own strings; its other strings (a milestone's text, lead and action, a
    // Government deadline's text, the leads' names) are copies of the plan's, visited above.
    // Through each recommendation's own indices (the view is parallel to the plan), in the
    // view's order: milestones first, then Government deadlines. Looking each ref up instead
    // was quadratic in a large plan.
    std::size_t count = std::min(plan.recommendations.size(), view.recommendations.size());
    for (std::size_t i = 0; i < count; ++i) {
        for (std::size_t m : view.recommendations[i].milestones) {
            const Milestone& milestone = view.milestones[m];
            visit({milestone.ref, milestone.part, plan.recommendations[i].chapter,
                   "deadline as read"},
                  milestone.reading.phrase);
        }
    }
    for (std::size_t i = 0; i < count; ++i) {
        for (std::size_t d : view.recommendations[i].government_deadlines) {
            const GovernmentDeadline& deadline = view.government_deadlines[d];
            visit({deadline.ref, deadline.part, plan.recommendations[i].chapter,
                   "Government deadline as read"},
                  deadline.reading.phrase);
        }
    }
    for (const Finding& finding : view.findings)
        visit({finding.ref, finding.part, finding.chapter, "data-quality note"}, finding.detail);
}

void for_each_code_point(std::string_view utf8, const std::function<void(char32_t)>& each) {
    std::size_t i = 0;
    while (i < utf8.size())
        each(next_code_point(utf8, i));
}

std::vector<GlyphFinding> undrawable_characters(const Plan& plan, const PlanView& view,
                                                const CanDraw& can_draw) {
    std::vector<GlyphFinding> findings;
    std::set<std::pair<char32_t, std::string>> seen;
    // The font is asked once per distinct code point: plans repeat their letters.
    std::vector<signed char> known(0x10000, -1); // Basic Multilingual Plane: -1 not asked yet
    auto drawable = [&](char32_t c) {
        if (c >= known.size())
            return can_draw(c);
        if (known[c] < 0)
            known[c] = can_draw(c) ? 1 : 0;
        return known[c] == 1;
    };
    for_each_text(plan, view, [&](const TextPlace& place, std::string_view text) {
        std::string where; // described once per string, only when needed
        std::size_t i = 0;
        while (i < text.size()) {
            char32_t c = next_code_point(text, i);
            if (c == U'\t' || c == U'\n' || c == U'\r' || drawable(c))
                continue;
            if (where.empty())
                where = describe(place);
            if (seen.emplace(c, where).second)
                findings.push_back({c, place});
        }
    });
    return findings;
}

std::string code_point_label(char32_t code_point) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(code_point));
    return buffer;
}

std::string format_glyph_finding(const GlyphFinding& finding) {
    return "cannot be drawn: " + code_point_label(finding.code_point) + " in " +
           describe(finding.place);
}

nlohmann::json glyph_finding_json(const GlyphFinding& finding) {
    using nlohmann::json;
    const TextPlace& place = finding.place;
    return {{"code_point", code_point_label(finding.code_point)},
            {"character", encode_utf8(finding.code_point)},
            {"where", describe(place)},
            {"ref", place.ref.empty() ? json(nullptr) : json(place.ref)},
            {"part", place.part.empty() ? json(nullptr) : json(place.part)},
            {"chapter", place.chapter == 0 ? json(nullptr) : json(place.chapter)},
            {"field", place.field}};
}

} // namespace actionboard
