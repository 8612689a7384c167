#pragma once
// What the committee asks of the history, computed: the baseline ("since the last committee", or
// a version, time or day), the direction of travel of each chapter's compliance and each
// recommendation's RAG against it, the changes since it (exceptions first), and the trend.
// Pure functions of a Timeline and the facts on show; docs/history.md gives every rule.

#include "identity.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace actionboard::history {

// ---- baselines ----

// What `since` names: a version id, an instant (the latest version recorded by the end of that
// second), or a day (the latest version recorded by the end
// of that day, in the local time of the machine that recorded it).
struct Since {
    enum class Kind { version, time, day } kind = Kind::version;
    std::int64_t id = 0;
    Clock::time_point time{};
    Date day{};
    std::string text; // as given, for messages
};

// "12" (a version id), "2009-07-07T10:30:00Z" or with an offset ("+01:00", or " 01:00" where a
// URL's '+' became a space), or "2009-07-07"; nullopt otherwise.
std::optional<Since> parse_since(std::string_view text);

struct Baseline {
    std::size_t index = 0; // into Timeline::versions
    enum class ChosenBy { meeting, since } chosen_by = ChosenBy::meeting;
    std::optional<Date> meeting; // the committee meeting it stands for
    Date label_date;             // "since 7 Jul": the meeting, the day asked for, or the version's day
};

struct BaselineChoice {
    std::optional<Baseline> baseline;
    std::string why_none; // when there is none: why, in a sentence
    bool unknown_version = false; // `since` named a version id that is not recorded
};

// The default: the latest version recorded on or before the last meeting before `as_of`.
BaselineChoice default_baseline(const Timeline& timeline, const std::vector<Date>& meetings,
                                Date as_of);
BaselineChoice baseline_since(const Timeline& timeline, const Since& since);

// ---- direction of travel ----

enum class Direction { better, worse, same };
std::string_view to_string(Direction direction); // "better", "worse", "same"
std::string_view arrow(Direction direction);     // "▲", "▼", "►" (U+25B2, U+25BC, U+25BA)

// Compliance compared exactly (compliant/total as fractions): higher is better.
Direction compliance_direction(const Compliance& before, const Compliance& after);
// blue > green = none > amber > red: a RAG that moves up that order is better.
Direction rag_direction(Rag before, Rag after);

// "+9 since 7 Jul", "-3 since 7 Jul", "+0.4 since 7 Jul", "no change since 7 Jul"; the year is
// added when it is not `as_of`'s ("+9 since 7 Jul 2009"). `change` is in percentage points.
std::string change_label(double change, Date since, Date as_of);
// "7 Jul", or "7 Jul 2009" when the year is not `as_of`'s.
std::string short_date(Date date, Date as_of);

struct ComplianceChange {
    Compliance before;
    Compliance after;
    Direction direction = Direction::same;
    double change = 0; // percentage points
    std::string label;
};

struct ChapterDirection {
    int number = 0;
    std::string title;
    std::optional<ComplianceChange> compliance; // none: the chapter is new since the baseline
};

struct RecommendationDirection {
    std::string ref;
    int chapter = 0;
    Rag rag = Rag::none;
    std::optional<Rag> baseline_rag;      // none: new since the baseline
    std::optional<Direction> direction;   // none: new since the baseline
};

// ---- changes ----

enum class ChangeKind {
    newly_overdue,
    slipped,
    status_changed,
    rescheduled, // a deadline that gained or lost its date ("June 2009" -> "TBC")
    milestone_removed,
    recommendation_removed,
    recommendation_added,
    milestone_added,
    brought_forward,
    milestone_completed,
    newly_compliant,
};
std::string_view to_string(ChangeKind kind);

struct Change {
    ChangeKind kind = ChangeKind::status_changed;
    bool exception = false; // shown first: something got worse or went missing
    int group = 0;          // the sort group (docs/history.md lists them)
    std::string ref;
    int chapter = 0;
    std::string part;
    // The milestone as it reads now (as it read at the baseline, when removed).
    std::optional<MilestoneFacts> milestone;
    std::optional<Status> status_from, status_to;
    std::optional<Date> due_from, due_to;
    std::optional<std::string> deadline_from, deadline_to;
    int times_moved = 0;          // slips, pulls and reschedules: how often its due date has moved in all the history
    std::size_t first_seen = 0;   // the version (Timeline index) since which it has held
};

struct Comparison {
    std::size_t baseline = 0;
    std::size_t current = 0;
    Date as_of; // the current side's as-of date
    Date label_date;
    ComplianceChange overall;
    std::vector<ChapterDirection> chapters;               // the current plan's, in plan order
    std::vector<RecommendationDirection> recommendations; // the current plan's, natural ref order
    std::vector<Change> changes;                          // exceptions first
};

// Compares version `current` of the timeline, as `current_facts` sees it (the same version at the
// as-of date on show), with version `baseline` (as recorded: at its reporting date).
Comparison compare(const Timeline& timeline, std::size_t baseline, std::size_t current,
                   const VersionFacts& current_facts, Date label_date);

// One line for people: "2b · “June 2009” slipped: 30 Jun 2009 → 30 Sep 2009 (moved 2 times)".
std::string describe(const Change& change, Date as_of);

// ---- the wall's page budget ----

// Pages of at most `rows_per_page` changes (already in exceptions-first order), at most
// `max_pages` of them; what does not fit is counted in `left_out` (the least pressing ones).
struct ChangePages {
    std::vector<std::pair<std::size_t, std::size_t>> pages; // [begin, end)
    std::size_t left_out = 0;
};
ChangePages page_changes(std::size_t count, std::size_t rows_per_page, std::size_t max_pages);

// ---- trend ----

struct TrendPoint {
    std::size_t version = 0; // Timeline index
    Compliance compliance;
    int overdue = 0;
    int milestones = 0;
    std::vector<std::pair<int, Compliance>> chapters; // by chapter number, in plan order
};
// One point per version, each at its own reporting date.
std::vector<TrendPoint> trend(const Timeline& timeline);

} // namespace actionboard::history
