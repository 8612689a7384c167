#include "plan.hpp"

#include "ascii.hpp"

#include <algorithm>

namespace actionboard {

const Chapter* Plan::find_chapter(int number) const {
    for (const auto& chapter : chapters) {
        if (chapter.number == number)
            return &chapter;
    }
    return nullptr;
}

const Recommendation* Plan::find_recommendation(std::string_view ref) const {
    for (const auto& rec : recommendations) {
        if (same_ref(rec.ref, ref))
            return &rec;
    }
    return nullptr;
}

std::optional<Plan::PartRef> Plan::find_part_ref(std::string_view ref) const {
    if (find_recommendation(ref))
        return std::nullopt;
    auto separator = [](char c) {
        return c == ' ' || c == '.' || c == '-' || c == '(' || c == ')';
    };
    for (std::size_t r = 0; r < recommendations.size(); ++r) {
        const Recommendation& rec = recommendations[r];
        if (rec.parts.empty() || !istarts_with(ref, rec.ref))
            continue;
        std::string_view rest = ref.substr(rec.ref.size());
        while (!rest.empty() && separator(rest.front()))
            rest.remove_prefix(1);
        while (!rest.empty() && separator(rest.back()))
            rest.remove_suffix(1);
        for (std::size_t p = 0; p < rec.parts.size(); ++p) {
            if (!rest.empty() && iequals(rest, rec.parts[p].label))
                return PartRef{r, p};
        }
    }
    return std::nullopt;
}

bool Plan::answers_national_report() const {
    return std::any_of(recommendations.begin(), recommendations.end(),
                       [](const Recommendation& rec) { return rec.addressed_to.has_value(); });
}

void sort_recommendations(Plan& plan) {
    std::stable_sort(
        plan.recommendations.begin(), plan.recommendations.end(),
        [](const Recommendation& a, const Recommendation& b) { return ref_less(a.ref, b.ref); });
}

const Blocks& Plan::effective_local_response(const Recommendation& rec) const {
    if (rec.local_response_see) {
        if (const Recommendation* target = find_recommendation(*rec.local_response_see))
            return target->local_response;
    }
    return rec.local_response;
}

std::string_view to_string(Status status) {
    switch (status) {
    case Status::compliant:
        return "compliant";
    case Status::in_progress:
        return "in_progress";
    case Status::awaiting_national:
        return "awaiting_national";
    case Status::not_started:
        return "not_started";
    }
    return "not_started";
}

std::optional<Status> parse_status(std::string_view text) {
    for (Status status :
         {Status::compliant, Status::in_progress, Status::awaiting_national, Status::not_started}) {
        if (text == to_string(status))
            return status;
    }
    return std::nullopt;
}

std::string_view status_label(Status status) {
    switch (status) {
    case Status::compliant:
        return "Compliant";
    case Status::in_progress:
        return "In progress";
    case Status::awaiting_national:
        return "Awaiting national";
    case Status::not_started:
        return "Not started";
    }
    return "Not started";
}

std::string_view to_string(Audience audience) {
    return audience == Audience::national ? "national" : "local";
}

std::optional<Audience> parse_audience(std::string_view text) {
    if (text == "national")
        return Audience::national;
    if (text == "local")
        return Audience::local;
    return std::nullopt;
}

std::string plain_text(const Blocks& blocks) {
    std::string text;
    auto append = [&text](const std::string& piece) {
        if (!text.empty())
            text += '\n';
        text += piece;
    };
    for (const auto& block : blocks) {
        if (block.is_list()) {
            for (const auto& item : block.items)
                append(item);
        } else {
            append(block.paragraph);
        }
    }
    return text;
}

} // namespace actionboard
