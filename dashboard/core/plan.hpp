#pragma once
// The action plan as loaded from its data file: what the source says, nothing computed.
// docs/data-format.md describes the file; loader.hpp turns a file into this.

#include "date.hpp"
#include "ref.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace actionboard {

enum class Status { compliant, in_progress, awaiting_national, not_started };
inline constexpr int status_count = 4;

enum class Audience { national, local };

// Red/amber/green/blue as computed (view.hpp) or as an officer reports it; none: nothing to rate.
enum class Rag { red, amber, green, blue, none };
inline constexpr int rag_count = 5;

// A paragraph, or a bullet list when `items` is non-empty.
struct Block {
    std::string paragraph;
    std::vector<std::string> items;
    bool is_list() const { return !items.empty(); }
};
using Blocks = std::vector<Block>;

struct MilestoneEntry {
    std::string deadline; // the original text, e.g. "Jan/Feb 2010"
    std::optional<std::string> lead;
    std::string action; // the words of the response it belongs to; may be empty
    bool complete = false;
    std::optional<Date> completed_on;
};

struct Part {
    std::string label;
    Blocks text;
    Blocks government_response;
    std::optional<std::string> government_deadline;
    Blocks local_response;
    std::vector<MilestoneEntry> milestones;
};

struct Recommendation {
    std::string ref; // as the plan writes it: "12", "3a", "1.10" (ref.hpp has the rules)
    int chapter = 0;
    Blocks text;
    // Only for plans that answer a national report; such a plan gives it on every
    // recommendation, others on none (Plan::answers_national_report).
    std::optional<Audience> addressed_to;
    std::vector<std::string> bodies;
    Blocks government_response;
    std::optional<std::string> government_deadline;
    Blocks local_response;
    std::optional<std::string> local_response_see; // the response is that of this other ref
    std::vector<MilestoneEntry> milestones;
    std::vector<Part> parts;
    Status status = Status::not_started;
    std::string status_reason;
    // The RAG the officer reports (a spreadsheet's RAG column), beside the computed one; never
    // Rag::none. compare_reported_rag (view.hpp) says whether the two disagree.
    std::optional<Rag> reported_rag;
};

struct Chapter {
    int number = 0;
    std::string title;
    Blocks key_points;
    Blocks local_position;
};

struct PlanInfo {
    std::string id;
    std::string title;
    std::string authority;
    std::string version;
    std::string source;
    Date as_of;
    std::string as_of_note;
    int amber_days = 30;
    std::vector<std::string> actions_to_date;
    std::vector<std::string> summary;
    std::vector<std::string> notes;
    // The committee's meeting dates, ascending and distinct (empty when the plan lists none).
    // "Since the last committee" is the history's default baseline (docs/history.md).
    std::vector<Date> meetings;
};

struct Plan {
    PlanInfo info;
    std::vector<Chapter> chapters;               // in file order
    std::vector<Recommendation> recommendations; // in natural ref order (sort_recommendations)

    const Chapter* find_chapter(int number) const;
    // The recommendation whose ref is same_ref() as `ref` ("3A" finds "3a"); nullptr if none.
    const Recommendation* find_recommendation(std::string_view ref) const;
    // A part's ref as the dashboards write it: the recommendation's ref and the part's label run
    // together ("2b", part b of recommendation 2), or with a space, dot, dash or brackets
    // between ("2 b", "2.b", "2(b)"); case does not matter. Only when no recommendation has
    // that ref itself (find_recommendation comes first). Positions in `recommendations` and
    // its `parts`; nullopt if none.
    struct PartRef {
        std::size_t recommendation = 0;
        std::size_t part = 0;
    };
    std::optional<PartRef> find_part_ref(std::string_view ref) const;
    // Whether the plan answers a national report: its recommendations say who each is
    // addressed to. Without it nothing shows a national/local split.
    bool answers_national_report() const;
    // The local response that applies, following a `see` reference once.
    const Blocks& effective_local_response(const Recommendation& rec) const;
};

// Puts the recommendations in natural ref order (compare_refs), keeping file order among equals.
void sort_recommendations(Plan& plan);

std::string_view to_string(Status status);
std::optional<Status> parse_status(std::string_view text);
std::string_view to_string(Audience audience);
std::optional<Audience> parse_audience(std::string_view text);
// "Compliant", "In progress", ...
std::string_view status_label(Status status);

// Paragraphs and list items joined into plain text, for search and short displays.
std::string plain_text(const Blocks& blocks);

} // namespace actionboard
