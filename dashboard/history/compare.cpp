#include "compare.hpp"

#include "dashboard/core/ref.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <functional>
#include <stdexcept>
#include <unordered_map>

namespace actionboard::history {

namespace {

std::optional<int> digits(std::string_view text) {
    int value = 0;
    if (text.empty())
        return std::nullopt;
    for (char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

} // namespace

std::optional<Since> parse_since(std::string_view text) {
    Since since;
    since.text = std::string(text.substr(0, 64));
    if (!text.empty() && text.size() <= 18 &&
        std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        std::int64_t id = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
        if (ec != std::errc{} || end != text.data() + text.size() || id < 1)
            return std::nullopt;
        since.kind = Since::Kind::version;
        since.id = id;
        return since;
    }
    auto day = parse_iso_date(text.substr(0, 10));
    if (!day)
        return std::nullopt;
    if (text.size() == 10) {
        since.kind = Since::Kind::day;
        since.day = *day;
        return since;
    }
    // YYYY-MM-DDTHH:MM:SS then Z or an offset +HH:MM / -HH:MM.
    if (text.size() < 20 || (text[10] != 'T' && text[10] != 't') || text[13] != ':' ||
        text[16] != ':')
        return std::nullopt;
    auto hours = digits(text.substr(11, 2));
    auto minutes = digits(text.substr(14, 2));
    auto seconds = digits(text.substr(17, 2));
    if (!hours || !minutes || !seconds || *hours > 23 || *minutes > 59 || *seconds > 60)
        return std::nullopt;
    std::string_view zone = text.substr(19);
    int offset_minutes = 0;
    if (zone == "Z" || zone == "z") {
        offset_minutes = 0;
    } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-' || zone[0] == ' ') &&
               zone[3] == ':') {
        auto oh = digits(zone.substr(1, 2));
        auto om = digits(zone.substr(4, 2));
        if (!oh || !om || *oh > 23 || *om > 59)
            return std::nullopt;
        offset_minutes = (*oh * 60 + *om) * (zone[0] == '-' ? -1 : 1);
    } else {
        return std::nullopt;
    }
    auto local = std::chrono::sys_days(*day) + std::chrono::hours(*hours) +
                 std::chrono::minutes(*minutes) + std::chrono::seconds(std::min(*seconds, 59));
    since.kind = Since::Kind::time;
    since.time = Clock::time_point(local - std::chrono::minutes(offset_minutes));
    return since;
}

namespace {

// The latest recorded version that `accept` takes.
std::optional<std::size_t> latest_where(const Timeline& timeline,
                                        const std::function<bool(const Version&)>& accept) {
    for (std::size_t i = timeline.versions.size(); i-- > 0;) {
        const Version& version = timeline.versions[i];
        if (version.id != 0 && accept(version))
            return i;
    }
    return std::nullopt;
}

std::optional<std::size_t> first_recorded(const Timeline& timeline) {
    for (std::size_t i = 0; i < timeline.versions.size(); ++i) {
        if (timeline.versions[i].id != 0)
            return i;
    }
    return std::nullopt;
}

std::string nothing_by(const Timeline& timeline, const std::string& when) {
    auto first = first_recorded(timeline);
    if (!first)
        return "no version of the plan is recorded yet";
    return "no version was recorded by " + when + " (the first was recorded on " +
           format_iso(timeline.versions[*first].recorded_day) + ")";
}

} // namespace

BaselineChoice default_baseline(const Timeline& timeline, const std::vector<Date>& meetings,
                                Date as_of) {
    BaselineChoice choice;
    std::optional<Date> meeting;
    for (Date date : meetings) {
        if (date < as_of)
            meeting = date;
    }
    if (!meeting) {
        choice.why_none = meetings.empty()
                              ? "the plan lists no committee meetings (plan.meetings)"
                              : "the plan lists no committee meeting before " + format_iso(as_of);
        return choice;
    }
    auto index = latest_where(timeline, [&](const Version& v) { return v.recorded_day <= *meeting; });
    if (!index) {
        choice.why_none = nothing_by(timeline, "the meeting of " + format_iso(*meeting));
        return choice;
    }
    choice.baseline = Baseline{*index, Baseline::ChosenBy::meeting, meeting, *meeting};
    return choice;
}

BaselineChoice baseline_since(const Timeline& timeline, const Since& since) {
    BaselineChoice choice;
    std::optional<std::size_t> index;
    Date label{};
    switch (since.kind) {
    case Since::Kind::version:
        index = timeline.index_of_id(since.id);
        if (!index) {
            choice.unknown_version = true;
            choice.why_none = "there is no recorded version " + std::to_string(since.id);
            return choice;
        }
        label = timeline.versions[*index].recorded_day;
        break;
    case Since::Kind::time:
        // By the end of that second: the feed shows recorded_at to the second, and that is what
        // people copy into since=.
        index = latest_where(timeline, [&](const Version& v) {
            return std::chrono::floor<std::chrono::seconds>(v.recorded_at) <= since.time;
        });
        if (!index) {
            choice.why_none = nothing_by(timeline, since.text);
            return choice;
        }
        label = timeline.versions[*index].recorded_day;
        break;
    case Since::Kind::day:
        index = latest_where(timeline, [&](const Version& v) { return v.recorded_day <= since.day; });
        if (!index) {
            choice.why_none = nothing_by(timeline, "the end of " + format_iso(since.day));
            return choice;
        }
        label = since.day;
        break;
    }
    choice.baseline = Baseline{*index, Baseline::ChosenBy::since, std::nullopt, label};
    return choice;
}

std::string_view to_string(Direction direction) {
    switch (direction) {
    case Direction::better: return "better";
    case Direction::worse: return "worse";
    case Direction::same: return "same";
    }
    return "same";
}

std::string_view arrow(Direction direction) {
    switch (direction) {
    case Direction::better: return "\u25B2";
    case Direction::worse: return "\u25BC";
    case Direction::same: return "\u25BA";
    }
    return "\u25BA";
}

Direction compliance_direction(const Compliance& before, const Compliance& after) {
    // a/b against c/d without rounding: a*d against c*b (an empty set counts as 0%).
    long long left = before.total == 0 ? 0 : static_cast<long long>(before.compliant) * std::max(after.total, 1);
    long long right = after.total == 0 ? 0 : static_cast<long long>(after.compliant) * std::max(before.total, 1);
    if (right > left)
        return Direction::better;
    if (right < left)
        return Direction::worse;
    return Direction::same;
}

namespace {

int goodness(Rag rag) {
    switch (rag) {
    case Rag::red: return 0;
    case Rag::amber: return 1;
    case Rag::green: return 2;
    case Rag::none: return 2;
    case Rag::blue: return 3;
    }
    return 2;
}

// compliant > in progress = awaiting national > not started.
int status_rank(Status status) {
    switch (status) {
    case Status::compliant: return 2;
    case Status::in_progress: return 1;
    case Status::awaiting_national: return 1;
    case Status::not_started: return 0;
    }
    return 1;
}

constexpr const char* month_abbreviations[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

} // namespace

Direction rag_direction(Rag before, Rag after) {
    int a = goodness(before), b = goodness(after);
    return b > a ? Direction::better : b < a ? Direction::worse : Direction::same;
}

std::string short_date(Date date, Date as_of) {
    char buffer[32];
    const char* month = month_abbreviations[unsigned(date.month()) - 1];
    if (date.year() != as_of.year())
        std::snprintf(buffer, sizeof buffer, "%u %s %d", unsigned(date.day()), month, int(date.year()));
    else
        std::snprintf(buffer, sizeof buffer, "%u %s", unsigned(date.day()), month);
    return buffer;
}

std::string change_label(double change, Date since, Date as_of) {
    std::string when = " since " + short_date(since, as_of);
    if (change == 0.0)
        return "no change" + when;
    char buffer[32];
    if (std::fabs(change) < 0.95)
        std::snprintf(buffer, sizeof buffer, "%+.1f", change);
    else
        std::snprintf(buffer, sizeof buffer, "%+ld", std::lround(change));
    return buffer + when;
}

std::string_view to_string(ChangeKind kind) {
    switch (kind) {
    case ChangeKind::newly_overdue: return "newly_overdue";
    case ChangeKind::slipped: return "slipped";
    case ChangeKind::status_changed: return "status_changed";
    case ChangeKind::rescheduled: return "rescheduled";
    case ChangeKind::milestone_removed: return "milestone_removed";
    case ChangeKind::recommendation_removed: return "recommendation_removed";
    case ChangeKind::recommendation_added: return "recommendation_added";
    case ChangeKind::milestone_added: return "milestone_added";
    case ChangeKind::brought_forward: return "brought_forward";
    case ChangeKind::milestone_completed: return "milestone_completed";
    case ChangeKind::newly_compliant: return "newly_compliant";
    }
    return "status_changed";
}

namespace {

// The sort groups, exceptions (0 to 5) first.
enum Group {
    g_newly_overdue = 0,
    g_slipped,
    g_status_worse,
    g_lost_date,
    g_open_milestone_removed,
    g_recommendation_removed,
    g_status_sideways,
    g_gained_date,
    g_done_milestone_removed,
    g_recommendation_added,
    g_milestone_added,
    g_brought_forward,
    g_milestone_completed,
    g_status_better,
    g_newly_compliant,
};
constexpr int last_exception_group = g_recommendation_removed;

ComplianceChange compliance_change(const Compliance& before, const Compliance& after, Date since,
                                   Date as_of) {
    ComplianceChange change;
    change.before = before;
    change.after = after;
    change.direction = compliance_direction(before, after);
    change.change = change.direction == Direction::same ? 0.0 : after.percent() - before.percent();
    change.label = change_label(change.change, since, as_of);
    return change;
}

class Comparer {
public:
    Comparer(const Timeline& timeline, std::size_t baseline, std::size_t current,
             const VersionFacts& current_facts)
        : t_(timeline), b_(baseline), c_(current), now_(current_facts),
          base_(*timeline.versions.at(baseline).facts) {
        if (now_.milestones.size() != t_.versions.at(c_).facts->milestones.size())
            throw std::logic_error("history: the facts on show are not those of the current version");
    }

    std::vector<Change> changes() {
        compare_recommendations();
        compare_milestones();
        std::stable_sort(out_.begin(), out_.end(), [](const Change& a, const Change& b) {
            if (a.group != b.group)
                return a.group < b.group;
            if (int order = compare_refs(a.ref, b.ref); order != 0)
                return order < 0;
            if (a.part != b.part)
                return a.part < b.part;
            auto position = [](const Change& c) {
                return c.milestone ? std::make_pair(c.milestone->entry, c.milestone->reading)
                                   : std::make_pair(-1, -1);
            };
            return position(a) < position(b);
        });
        return std::move(out_);
    }

private:
    const VersionFacts& facts(std::size_t v) const {
        return v == c_ ? now_ : *t_.versions[v].facts;
    }

    // The earliest version after the baseline from which `holds` is true in every version up to
    // the current one (the current one when it holds only there).
    std::size_t first_seen(const std::function<bool(std::size_t)>& holds) const {
        std::size_t k = c_;
        while (k > b_ + 1 && holds(k - 1))
            --k;
        return k;
    }

    static std::unordered_map<std::string, std::size_t> rec_index(const VersionFacts& facts) {
        std::unordered_map<std::string, std::size_t> index;
        for (std::size_t i = 0; i < facts.recommendations.size(); ++i)
            index.emplace(ref_key(facts.recommendations[i].ref), i);
        return index;
    }

    const RecommendationFacts* rec_in(std::size_t v, const std::string& key) {
        auto& index = rec_indexes_[v];
        if (index.empty() && !facts(v).recommendations.empty())
            index = rec_index(facts(v));
        auto it = index.find(key);
        return it == index.end() ? nullptr : &facts(v).recommendations[it->second];
    }

    // The milestone of version v that continues milestone m of the current version.
    const MilestoneFacts* now_milestone_in(std::size_t v, std::size_t m) const {
        auto found = t_.find(v, t_.lineage[c_][m]);
        return found ? &facts(v).milestones[*found] : nullptr;
    }

    void add(Change change, int group) {
        change.group = group;
        change.exception = group <= last_exception_group;
        out_.push_back(std::move(change));
    }

    void compare_recommendations() {
        for (const auto& rec : now_.recommendations) {
            std::string key = ref_key(rec.ref);
            const RecommendationFacts* before = rec_in(b_, key);
            Change change;
            change.ref = rec.ref;
            change.chapter = rec.chapter;
            if (!before) {
                change.kind = ChangeKind::recommendation_added;
                change.first_seen = first_seen([&](std::size_t v) { return rec_in(v, key) != nullptr; });
                add(std::move(change), g_recommendation_added);
                continue;
            }
            if (before->status == rec.status)
                continue;
            change.status_from = before->status;
            change.status_to = rec.status;
            change.first_seen = first_seen([&](std::size_t v) {
                const RecommendationFacts* then = rec_in(v, key);
                return then && then->status == rec.status;
            });
            if (rec.status == Status::compliant) {
                change.kind = ChangeKind::newly_compliant;
                add(std::move(change), g_newly_compliant);
                continue;
            }
            change.kind = ChangeKind::status_changed;
            int from = status_rank(before->status), to = status_rank(rec.status);
            add(std::move(change), to < from ? g_status_worse : to > from ? g_status_better : g_status_sideways);
        }
        for (const auto& rec : base_.recommendations) {
            std::string key = ref_key(rec.ref);
            if (rec_in(c_, key))
                continue;
            Change change;
            change.kind = ChangeKind::recommendation_removed;
            change.ref = rec.ref;
            change.chapter = rec.chapter;
            change.status_from = rec.status;
            change.first_seen = first_seen([&](std::size_t v) { return rec_in(v, key) == nullptr; });
            add(std::move(change), g_recommendation_removed);
        }
    }

    // How often the due date of current milestone m has moved, across all the history to now.
    int times_moved(std::size_t m) const {
        int moves = 0;
        const MilestoneFacts* later = &now_.milestones[m];
        for (std::size_t v = c_; v-- > 0;) {
            const MilestoneFacts* earlier = now_milestone_in(v, m);
            if (!earlier)
                break;
            if (earlier->due != later->due && (earlier->due || later->due))
                ++moves;
            later = earlier;
        }
        return moves;
    }

    int chapter_of(const std::string& ref, const VersionFacts& facts) const {
        for (const auto& rec : facts.recommendations) {
            if (same_ref(rec.ref, ref))
                return rec.chapter;
        }
        return 0;
    }

    Change milestone_change(const MilestoneFacts& milestone, const VersionFacts& facts) const {
        Change change;
        change.ref = milestone.ref;
        change.chapter = chapter_of(milestone.ref, facts);
        change.part = milestone.part;
        change.milestone = milestone;
        return change;
    }

    void compare_milestones() {
        MilestoneMatch match = match_milestones(base_, now_);
        for (std::size_t m = 0; m < now_.milestones.size(); ++m) {
            const MilestoneFacts& after = now_.milestones[m];
            bool red_now = after.rag == Rag::red;
            if (!match.before_of_after[m]) {
                bool rec_is_new = rec_in(b_, ref_key(after.ref)) == nullptr;
                if (!rec_is_new) {
                    Change change = milestone_change(after, now_);
                    change.kind = ChangeKind::milestone_added;
                    change.deadline_to = after.deadline;
                    change.due_to = after.due;
                    change.first_seen = first_seen([&](std::size_t v) { return now_milestone_in(v, m) != nullptr; });
                    add(std::move(change), g_milestone_added);
                }
                if (red_now)
                    add_newly_overdue(m);
                continue;
            }
            const MilestoneFacts& before = base_.milestones[*match.before_of_after[m]];
            if (after.complete && !before.complete) {
                Change change = milestone_change(after, now_);
                change.kind = ChangeKind::milestone_completed;
                change.deadline_from = before.deadline;
                change.deadline_to = after.deadline;
                change.first_seen = first_seen([&](std::size_t v) {
                    const MilestoneFacts* then = now_milestone_in(v, m);
                    return then && then->complete;
                });
                add(std::move(change), g_milestone_completed);
            } else if (before.due != after.due && (before.due || after.due)) {
                Change change = milestone_change(after, now_);
                change.deadline_from = before.deadline;
                change.deadline_to = after.deadline;
                change.due_from = before.due;
                change.due_to = after.due;
                change.times_moved = times_moved(m);
                change.first_seen = first_seen([&](std::size_t v) {
                    const MilestoneFacts* then = now_milestone_in(v, m);
                    return then && then->due == after.due;
                });
                int group;
                if (before.due && after.due) {
                    bool later = *after.due > *before.due;
                    change.kind = later ? ChangeKind::slipped : ChangeKind::brought_forward;
                    group = later ? g_slipped : g_brought_forward;
                } else {
                    change.kind = ChangeKind::rescheduled;
                    group = after.due ? g_gained_date : g_lost_date;
                }
                add(std::move(change), group);
            }
            if (red_now && before.rag != Rag::red)
                add_newly_overdue(m);
        }
        for (std::size_t m = 0; m < base_.milestones.size(); ++m) {
            if (match.after_of_before[m])
                continue;
            const MilestoneFacts& before = base_.milestones[m];
            if (rec_in(c_, ref_key(before.ref)) == nullptr)
                continue; // the whole recommendation went: reported once, as such
            Change change = milestone_change(before, base_);
            change.kind = ChangeKind::milestone_removed;
            change.deadline_from = before.deadline;
            change.due_from = before.due;
            int lineage = t_.lineage[b_][m];
            change.first_seen = first_seen([&](std::size_t v) { return !t_.find(v, lineage); });
            add(std::move(change), before.complete || before.rag == Rag::blue ? g_done_milestone_removed
                                                                              : g_open_milestone_removed);
        }
    }

    void add_newly_overdue(std::size_t m) {
        const MilestoneFacts& after = now_.milestones[m];
        Change change = milestone_change(after, now_);
        change.kind = ChangeKind::newly_overdue;
        change.due_to = after.due;
        change.deadline_to = after.deadline;
        change.first_seen = first_seen([&](std::size_t v) {
            const MilestoneFacts* then = now_milestone_in(v, m);
            return then && then->rag == Rag::red;
        });
        add(std::move(change), g_newly_overdue);
    }

    const Timeline& t_;
    std::size_t b_, c_;
    const VersionFacts& now_;
    const VersionFacts& base_;
    std::unordered_map<std::size_t, std::unordered_map<std::string, std::size_t>> rec_indexes_;
    std::vector<Change> out_;
};

} // namespace

Comparison compare(const Timeline& timeline, std::size_t baseline, std::size_t current,
                   const VersionFacts& current_facts, Date label_date) {
    Comparison result;
    result.baseline = baseline;
    result.current = current;
    result.as_of = current_facts.as_of;
    result.label_date = label_date;
    const VersionFacts& base = *timeline.versions.at(baseline).facts;
    result.overall = compliance_change(compliance(base), compliance(current_facts), label_date,
                                       current_facts.as_of);
    for (const auto& chapter : current_facts.chapters) {
        ChapterDirection direction{chapter.number, chapter.title, std::nullopt};
        Compliance before = chapter_compliance(base, chapter.number);
        bool in_baseline = std::any_of(base.chapters.begin(), base.chapters.end(),
                                       [&](const ChapterFacts& c) { return c.number == chapter.number; });
        if (in_baseline)
            direction.compliance = compliance_change(
                before, chapter_compliance(current_facts, chapter.number), label_date, current_facts.as_of);
        result.chapters.push_back(std::move(direction));
    }
    std::unordered_map<std::string, Rag> base_rags;
    for (const auto& rec : base.recommendations)
        base_rags.emplace(ref_key(rec.ref), rec.rag);
    for (const auto& rec : current_facts.recommendations) {
        RecommendationDirection direction{rec.ref, rec.chapter, rec.rag, std::nullopt, std::nullopt};
        auto found = base_rags.find(ref_key(rec.ref));
        if (found != base_rags.end()) {
            direction.baseline_rag = found->second;
            direction.direction = rag_direction(found->second, rec.rag);
        }
        result.recommendations.push_back(std::move(direction));
    }
    result.changes = Comparer(timeline, baseline, current, current_facts).changes();
    return result;
}

namespace {

std::string quoted(const std::string& text) { return "\u201C" + text + "\u201D"; }

std::string where(const Change& change) {
    std::string text = change.ref;
    if (!change.part.empty())
        text += change.part.size() == 1 && !change.ref.empty() &&
                        std::isdigit(static_cast<unsigned char>(change.ref.back()))
                    ? change.part
                    : " (" + change.part + ")";
    return text;
}

std::string due_text(const std::optional<Date>& due, Date as_of) {
    return due ? short_date(*due, as_of) : std::string("no date");
}

} // namespace

std::string describe(const Change& change, Date as_of) {
    std::string subject = where(change);
    std::string deadline = change.milestone ? " " + quoted(change.milestone->deadline) : "";
    switch (change.kind) {
    case ChangeKind::newly_overdue:
        return subject + " \u00B7" + deadline + " is overdue (due " + due_text(change.due_to, as_of) + ")";
    case ChangeKind::slipped:
    case ChangeKind::brought_forward:
    case ChangeKind::rescheduled: {
        std::string verb = change.kind == ChangeKind::slipped         ? "slipped"
                           : change.kind == ChangeKind::brought_forward ? "brought forward"
                                                                        : "rescheduled";
        std::string text = subject + " \u00B7 " + quoted(change.deadline_from.value_or("")) + " " + verb +
                           ": " + due_text(change.due_from, as_of) + " \u2192 " +
                           due_text(change.due_to, as_of);
        if (change.deadline_to && change.deadline_to != change.deadline_from)
            text += " (now " + quoted(*change.deadline_to) + ")";
        if (change.times_moved > 1)
            text += ", moved " + std::to_string(change.times_moved) + " times";
        return text;
    }
    case ChangeKind::status_changed:
        return subject + " \u00B7 " + std::string(status_label(*change.status_from)) + " \u2192 " +
               std::string(status_label(*change.status_to));
    case ChangeKind::newly_compliant:
        return subject + " \u00B7 now compliant (was " +
               std::string(status_label(*change.status_from)) + ")";
    case ChangeKind::milestone_completed:
        return subject + " \u00B7" + deadline + " completed";
    case ChangeKind::recommendation_added:
        return "Recommendation " + change.ref + " added";
    case ChangeKind::recommendation_removed:
        return "Recommendation " + change.ref + " removed";
    case ChangeKind::milestone_added:
    case ChangeKind::milestone_removed: {
        // A text can hold several dates ("July 2009 Jan/Feb 2010"): the date says which went.
        std::optional<Date> due = change.milestone ? change.milestone->due : std::nullopt;
        return subject + " \u00B7 milestone" + deadline + (due ? " (due " + short_date(*due, as_of) + ")" : "") +
               (change.kind == ChangeKind::milestone_added ? " added" : " removed");
    }
    }
    return subject;
}

ChangePages page_changes(std::size_t count, std::size_t rows_per_page, std::size_t max_pages) {
    ChangePages result;
    rows_per_page = std::max<std::size_t>(rows_per_page, 1);
    std::size_t shown = std::min(count, rows_per_page * max_pages);
    for (std::size_t begin = 0; begin < shown; begin += rows_per_page)
        result.pages.emplace_back(begin, std::min(shown, begin + rows_per_page));
    result.left_out = count - shown;
    return result;
}

std::vector<TrendPoint> trend(const Timeline& timeline) {
    std::vector<TrendPoint> points;
    for (std::size_t v = 0; v < timeline.versions.size(); ++v) {
        const VersionFacts& facts = *timeline.versions[v].facts;
        TrendPoint point;
        point.version = v;
        point.compliance = compliance(facts);
        point.overdue = facts.overdue();
        point.milestones = int(facts.milestones.size());
        for (const auto& chapter : facts.chapters)
            point.chapters.emplace_back(chapter.number, chapter_compliance(facts, chapter.number));
        points.push_back(std::move(point));
    }
    return points;
}

} // namespace actionboard::history
