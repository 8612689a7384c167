#pragma once
// Which milestone of one version is which milestone of another. The plan format gives milestones
// no id, so they are matched within their row (the same recommendation, by ref ignoring case,
// and the same part label) by what they say; docs/history.md has the rule and its edge cases:
//
//   1. entries with the same deadline text, lead and action are the same entry (in order);
//   2. of the rest, entries with the same non-empty action are the same entry (in order): a
//      changed deadline is then a slip, not a removal and an addition;
//   3. the rest are paired by position among what is left, in order; any left over on one side
//      were removed or added.
//
// Within a matched entry, the dates its text holds are paired by position ("June 2009 December
// 2009" gives two milestones). A milestone that moves to another row, or a recommendation whose
// ref changes, is a removal and an addition.

#include "facts.hpp"

#include <optional>
#include <unordered_map>
#include <vector>

namespace actionboard::history {

struct MilestoneMatch {
    std::vector<std::optional<std::size_t>> after_of_before; // per milestone of `before`
    std::vector<std::optional<std::size_t>> before_of_after; // per milestone of `after`
};

MilestoneMatch match_milestones(const VersionFacts& before, const VersionFacts& after);

// The recorded versions in order (recorded_at, then id), with each milestone's lineage: a number
// shared by the same milestone in consecutive versions, so that its moves and the version a
// change was first seen in can be followed back.
struct Timeline {
    std::vector<Version> versions;
    std::vector<std::vector<int>> lineage;                         // [version][milestone]
    std::vector<std::unordered_map<int, std::size_t>> by_lineage; // [version]: lineage -> milestone
    int lineages = 0;

    // The milestone of version `v` with lineage `id`, or nullopt.
    std::optional<std::size_t> find(std::size_t v, int id) const;
    // The latest version whose hash is `hash`.
    std::optional<std::size_t> latest_with_hash(std::string_view hash) const;
    std::optional<std::size_t> index_of_id(std::int64_t id) const;
};

// Sorts `versions` and follows every milestone through them.
Timeline make_timeline(std::vector<Version> versions);

} // namespace actionboard::history
