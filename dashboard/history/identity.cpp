#include "identity.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace actionboard::history {

namespace {

struct Entry {
    int position = 0; // MilestoneFacts::entry
    const MilestoneFacts* first = nullptr;
    std::vector<std::size_t> milestones; // readings in order
};

using RowKey = std::pair<std::string, std::string>; // ref_key, part
using Rows = std::map<RowKey, std::vector<Entry>>;

Rows rows_of(const VersionFacts& facts) {
    Rows rows;
    for (std::size_t i = 0; i < facts.milestones.size(); ++i) {
        const MilestoneFacts& m = facts.milestones[i];
        auto& entries = rows[{ref_key(m.ref), m.part}];
        if (entries.empty() || entries.back().position != m.entry)
            entries.push_back({m.entry, &m, {}});
        entries.back().milestones.push_back(i);
    }
    return rows;
}

bool same_words(const MilestoneFacts& a, const MilestoneFacts& b) {
    return a.deadline == b.deadline && a.lead == b.lead && a.action == b.action;
}

} // namespace

MilestoneMatch match_milestones(const VersionFacts& before, const VersionFacts& after) {
    MilestoneMatch match;
    match.after_of_before.assign(before.milestones.size(), std::nullopt);
    match.before_of_after.assign(after.milestones.size(), std::nullopt);
    Rows old_rows = rows_of(before);
    Rows new_rows = rows_of(after);
    for (const auto& [key, entries_before] : old_rows) {
        // A reference of its own for the lambda below: clang 14 (make fuzz) cannot capture a
        // structured binding.
        const auto& old_entries = entries_before;
        auto found = new_rows.find(key);
        if (found == new_rows.end())
            continue;
        const std::vector<Entry>& new_entries = found->second;
        std::vector<std::optional<std::size_t>> partner(old_entries.size());
        std::vector<bool> taken(new_entries.size(), false);
        auto pair_up = [&](auto&& same) {
            for (std::size_t o = 0; o < old_entries.size(); ++o) {
                if (partner[o])
                    continue;
                for (std::size_t n = 0; n < new_entries.size(); ++n) {
                    if (!taken[n] && same(*old_entries[o].first, *new_entries[n].first)) {
                        partner[o] = n;
                        taken[n] = true;
                        break;
                    }
                }
            }
        };
        pair_up(same_words);
        pair_up([](const MilestoneFacts& a, const MilestoneFacts& b) {
            return !a.action.empty() && a.action == b.action;
        });
        pair_up([](const MilestoneFacts&, const MilestoneFacts&) { return true; });
        for (std::size_t o = 0; o < old_entries.size(); ++o) {
            if (!partner[o])
                continue;
            const auto& olds = old_entries[o].milestones;
            const auto& news = new_entries[*partner[o]].milestones;
            for (std::size_t r = 0; r < std::min(olds.size(), news.size()); ++r) {
                match.after_of_before[olds[r]] = news[r];
                match.before_of_after[news[r]] = olds[r];
            }
        }
    }
    return match;
}

std::optional<std::size_t> Timeline::find(std::size_t v, int id) const {
    auto it = by_lineage.at(v).find(id);
    if (it == by_lineage[v].end())
        return std::nullopt;
    return it->second;
}

std::optional<std::size_t> Timeline::latest_with_hash(std::string_view hash) const {
    for (std::size_t i = versions.size(); i-- > 0;) {
        if (versions[i].hash == hash)
            return i;
    }
    return std::nullopt;
}

std::optional<std::size_t> Timeline::index_of_id(std::int64_t id) const {
    for (std::size_t i = 0; i < versions.size(); ++i) {
        if (versions[i].id == id && id != 0)
            return i;
    }
    return std::nullopt;
}

Timeline make_timeline(std::vector<Version> versions) {
    Timeline timeline;
    // An unrecorded version (id 0) comes after every recorded one made at the same time.
    std::stable_sort(versions.begin(), versions.end(), [](const Version& a, const Version& b) {
        auto key = [](const Version& v) {
            return std::make_tuple(v.recorded_at, v.id == 0, v.id);
        };
        return key(a) < key(b);
    });
    timeline.versions = std::move(versions);
    timeline.lineage.resize(timeline.versions.size());
    timeline.by_lineage.resize(timeline.versions.size());
    for (std::size_t v = 0; v < timeline.versions.size(); ++v) {
        const VersionFacts& facts = *timeline.versions[v].facts;
        std::vector<int>& ids = timeline.lineage[v];
        ids.assign(facts.milestones.size(), -1);
        if (v > 0) {
            MilestoneMatch match = match_milestones(*timeline.versions[v - 1].facts, facts);
            for (std::size_t m = 0; m < ids.size(); ++m) {
                if (match.before_of_after[m])
                    ids[m] = timeline.lineage[v - 1][*match.before_of_after[m]];
            }
        }
        for (std::size_t m = 0; m < ids.size(); ++m) {
            if (ids[m] < 0)
                ids[m] = timeline.lineages++;
            timeline.by_lineage[v].emplace(ids[m], m);
        }
    }
    return timeline;
}

} // namespace actionboard::history
