#pragma once
// Loading a plan: read the file (bounded), parse JSON (bounded depth, duplicate keys refused) and
// validate every field. All or nothing: either a complete Plan or the full list of problems.

#include "plan.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace actionboard {

struct Problem {
    // Positional, so Problem{pointer, line, column, message} reads as before the cell was added.
    Problem(std::string pointer_ = {}, int line_ = 0, int column_ = 0, std::string message_ = {},
            std::string cell_ = {})
        : pointer(std::move(pointer_)), line(line_), column(column_), message(std::move(message_)),
          cell(std::move(cell_)) {}

    // What `column` counts. text: the column of a JSON text, as an editor shows it ("line 3,
    // column 7"). character: the character on a CSV file's line ("line 5, character 5": a byte
    // that is not text). field: a CSV record's field, which is the spreadsheet's column; such a
    // problem's `cell` names it by letter and header ("line 4, column F (Status)").
    enum class Counts { text, character, field };

    std::string pointer; // JSON Pointer of the offending value, when the JSON parsed
    int line = 0;        // 1-based position of a syntax error (or a CSV cell), 0 when none
    int column = 0;
    std::string message;
    // Where the problem is, as a person reads it: a workbook's cell ("Actions!D14"), or a CSV
    // file's line and column ("line 4, column F (Status)").
    std::string cell;
    Counts counts = Counts::text;
};

// "Actions!D14: ...", "line 4, column F (Status): ...", "line 3, column 7: ...", "line 5,
// character 5: ..." or "/recommendations/4/ref: ..." or just the message.
std::string format_problem(const Problem& problem);

struct LoadLimits {
    std::size_t max_bytes = 16 * 1024 * 1024;
    int max_depth = 64;
    std::size_t max_problems = 100; // more are summarised in one last problem
};

struct LoadResult {
    // Positional, so LoadResult{plan, problems} reads as before the notes were added.
    LoadResult() = default;
    LoadResult(std::optional<Plan> plan_, std::vector<Problem> problems_ = {},
               std::vector<std::string> notes_ = {})
        : plan(std::move(plan_)), problems(std::move(problems_)), notes(std::move(notes_)) {}

    std::optional<Plan> plan;
    std::vector<Problem> problems;
    // What --check should tell besides problems: how a spreadsheet was read (its encoding, the
    // columns it ignored, where the title and reporting date came from). Empty for JSON.
    std::vector<std::string> notes;
    bool ok() const { return plan.has_value(); }
};

struct FileRead {
    std::optional<std::string> bytes;
    std::optional<Problem> problem;
};

// Reads a regular file of at most `max_bytes`. Never blocks on a FIFO, never follows a loop.
FileRead read_plan_file(const std::string& path, std::size_t max_bytes);

LoadResult parse_plan(std::string_view text, const LoadLimits& limits = {});
LoadResult load_plan_file(const std::string& path, const LoadLimits& limits = {});

// A short stable fingerprint of the bytes (FNV-1a 64, hex): the data version.
std::string content_hash(std::string_view bytes);

} // namespace actionboard
