#include "query.hpp"

#include "dashboard/core/utf8.hpp"

#include <cstdint>
#include <functional>

namespace actionboard::feed {

namespace {

constexpr std::string_view date_accepts = "a calendar date written YYYY-MM-DD, e.g. 2009-12-01";
constexpr std::string_view status_accepts =
    "compliant, in_progress, awaiting_national or not_started (several separated by commas)";
constexpr std::string_view rag_accepts =
    "red, amber, green, blue or none (several separated by commas)";
constexpr std::string_view chapter_accepts =
    "a chapter number, e.g. 3 (several separated by commas)";
constexpr std::string_view audience_accepts = "national or local";
constexpr std::string_view agreement_accepts =
    "agree, disagree, reported_better, reported_worse or not_compared (several separated by "
    "commas; disagree is reported_better and reported_worse)";
constexpr std::string_view since_accepts =
    "a version id (e.g. 12), a date and time (2009-07-07T10:30:00Z, or with an offset such as "
    "+01:00) or a date (2009-07-07: the latest version recorded by the end of that day)";

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty())
            out += ", ";
        out += item;
    }
    return out;
}

std::vector<std::string_view> split_commas(std::string_view text) {
    std::vector<std::string_view> items;
    std::size_t start = 0;
    while (true) {
        std::size_t comma = text.find(',', start);
        items.push_back(
            text.substr(start, comma == std::string_view::npos ? comma : comma - start));
        if (comma == std::string_view::npos)
            return items;
        start = comma + 1;
    }
}

BadParameter bad(std::string_view name, std::string_view accepts, std::string_view value) {
    std::string shown(value.substr(0, 60));
    if (value.size() > 60)
        shown += "...";
    return {std::string(name),
            "parameter '" + std::string(name) + "': \"" + shown + "\" is not accepted; it takes " +
                std::string(accepts),
            std::string(accepts)};
}

// Parses every comma-separated item with `parse_item`; any unreadable item rejects the value.
template <typename T>
std::optional<std::vector<T>>
parse_list(std::string_view value,
           const std::function<std::optional<T>(std::string_view)>& parse_item) {
    std::vector<T> out;
    for (auto item : split_commas(value)) {
        auto parsed = parse_item(item);
        if (!parsed)
            return std::nullopt;
        out.push_back(*parsed);
    }
    return out;
}

std::optional<int> parse_chapter(std::string_view text) {
    return parse_number(text);
}

// Free text: non-empty, bounded, and no control characters (they never occur in plan text).

// Text a person could have typed: UTF-8 without control characters.
bool acceptable_text(std::string_view text) {
    if (text.empty() || text.size() > max_text_parameter || !valid_utf8(text))
        return false;
    for (unsigned char c : text) {
        if (c < 0x20 || c == 0x7f)
            return false;
    }
    return true;
}

// The reported RAG against the computed one, as the feed writes it (to_string), or "disagree"
// for both kinds of disagreement.
std::optional<std::vector<RagAgreement>> parse_agreements(std::string_view value) {
    std::vector<RagAgreement> out;
    for (auto item : split_commas(value)) {
        bool known = false;
        for (RagAgreement agreement :
             {RagAgreement::not_compared, RagAgreement::agree, RagAgreement::reported_better,
              RagAgreement::reported_worse}) {
            if (item == to_string(agreement) || (item == "disagree" && disagrees(agreement))) {
                out.push_back(agreement);
                known = true;
            }
        }
        if (!known)
            return std::nullopt;
    }
    return out;
}

} // namespace

bool RecommendationFilter::empty() const {
    return chapters.empty() && statuses.empty() && rags.empty() && leads.empty() && !no_lead &&
           audiences.empty() && agreements.empty() && text.empty();
}

std::vector<std::string> accepted_parameters(Route route) {
    switch (route) {
    case Route::recommendations:
    case Route::recommendations_csv:
        return {"as_of", "chapter", "status", "rag", "lead", "no_lead", "addressed_to",
                "reported_rag_agreement", "q"};
    case Route::deadlines:
        return {"as_of", "from", "to", "rag"};
    case Route::changes:
        return {"since", "as_of"};
    default:
        break;
    }
    if (takes_as_of(route))
        return {"as_of"};
    return {};
}

QueryResult parse_query(Route route, const QueryParams& params) {
    QueryResult result;
    if (params.empty())
        return result;
    const std::vector<std::string> accepted = accepted_parameters(route);
    const std::string accepted_text = accepted.empty()       ? std::string("no parameters")
                                      : accepted.size() == 1 ? "the parameter " + accepted.front()
                                                             : "the parameters " + join(accepted);
    Query& query = result.query;

    for (auto it = params.begin(); it != params.end(); it = params.upper_bound(it->first)) {
        const std::string& name = it->first;
        const std::string& value = it->second;
        bool known = false;
        for (const auto& candidate : accepted)
            known = known || candidate == name;
        if (!known) {
            std::string shown = name.substr(0, 60);
            result.error = BadParameter{shown,
                                        "unknown parameter '" + shown +
                                            "': " + std::string(route_template(route)) +
                                            " accepts " + accepted_text,
                                        accepted_text};
            return result;
        }
        if (params.count(name) > 1) {
            result.error =
                BadParameter{name,
                             "parameter '" + name +
                                 "' is given more than once; give it once, with "
                                 "several values separated by commas where it takes a list",
                             "a single value"};
            return result;
        }

        if (name == "as_of" || name == "from" || name == "to") {
            auto date = parse_iso_date(value);
            if (!date) {
                result.error = bad(name, date_accepts, value);
                return result;
            }
            if (name == "as_of")
                query.as_of = *date;
            else if (name == "from")
                query.deadlines.from = *date;
            else
                query.deadlines.to = *date;
        } else if (name == "since") {
            auto since = history::parse_since(value);
            if (!since) {
                result.error = bad(name, since_accepts, value);
                return result;
            }
            query.since = *since;
        } else if (name == "chapter") {
            auto chapters = parse_list<int>(value, parse_chapter);
            if (!chapters) {
                result.error = bad(name, chapter_accepts, value);
                return result;
            }
            query.recommendations.chapters = *chapters;
        } else if (name == "status") {
            auto statuses = parse_list<Status>(value, parse_status);
            if (!statuses) {
                result.error = bad(name, status_accepts, value);
                return result;
            }
            query.recommendations.statuses = *statuses;
        } else if (name == "rag") {
            auto rags = parse_list<Rag>(value, parse_rag);
            if (!rags) {
                result.error = bad(name, rag_accepts, value);
                return result;
            }
            query.recommendations.rags = *rags;
            query.deadlines.rags = *rags;
        } else if (name == "addressed_to") {
            auto audiences = parse_list<Audience>(value, parse_audience);
            if (!audiences) {
                result.error = bad(name, audience_accepts, value);
                return result;
            }
            query.recommendations.audiences = *audiences;
        } else if (name == "no_lead") {
            if (value != "true" && value != "false") {
                result.error = bad(name, "true or false", value);
                return result;
            }
            query.recommendations.no_lead = value == "true";
        } else if (name == "reported_rag_agreement") {
            auto agreements = parse_agreements(value);
            if (!agreements) {
                result.error = bad(name, agreement_accepts, value);
                return result;
            }
            query.recommendations.agreements = *agreements;
        } else if (name == "lead" || name == "q") {
            if (!acceptable_text(value)) {
                std::string accepts = "non-empty text of at most " +
                                      std::to_string(max_text_parameter) + " bytes of UTF-8" +
                                      (name == "lead" ? ", the name of a lead agency" : "");
                result.error = bad(name, accepts, value);
                return result;
            }
            if (name == "lead")
                query.recommendations.leads.push_back(value);
            else
                query.recommendations.text = value;
        }
    }

    if (query.deadlines.from && query.deadlines.to && *query.deadlines.to < *query.deadlines.from) {
        result.error = BadParameter{"to",
                                    "parameter 'to': " + format_iso(*query.deadlines.to) +
                                        " is before 'from' (" + format_iso(*query.deadlines.from) +
                                        "); it takes a date on or after 'from'",
                                    "a date on or after 'from'"};
    }
    return result;
}

} // namespace actionboard::feed
