#pragma once
// Reads a plan from a spreadsheet's cells (docs/spreadsheets.md has the layout): the Actions
// sheet (or the first) with title rows, a header row, recommendation rows, continuation rows and
// chapter rows; the optional Plan and Chapters sheets. The plan read is then validated by the
// very loader that reads JSON plans (loader.hpp), so a spreadsheet is held to the same rules; every
// problem names its cell ("Actions!D14") or, for CSV, its line and column. Pure: the file's name
// and modification day are passed in.

#include "dashboard/core/loader.hpp"
#include "sheet.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace actionboard::spreadsheet {

// What a plan needs that its cells may not say.
struct SourceFacts {
    std::string file_name; // "plan.xlsx": the title and source when the workbook gives none
    Date modified;         // the file's modification day: the reporting date when none is given
    // The reporting date the command line gives (--as-of DATE) for a workbook or CSV file that
    // states none: used instead of `modified`. A date the file states always wins.
    std::optional<Date> as_of = std::nullopt;
};

LoadResult plan_from_workbook(const Workbook& workbook, const SourceFacts& facts,
                              const LoadLimits& limits = {});

// The columns of the Actions sheet.
enum class Field {
    ref,
    part,
    chapter,
    text,
    addressed_to,
    bodies,
    government_response,
    government_deadline,
    local_response,
    deadline,
    lead,
    deadline_and_lead, // "Agency Deadline/Agency Lead": each line is a deadline or a lead
    action,            // a milestone's action ("Action" beside a Recommendation column)
    completed,
    completed_on,
    status,
    status_reason,
    reported_rag,
    action_or_text, // "Action": the text, unless a Recommendation column is there too
};

// "Ref No." -> "refno": ASCII letters lower-cased, spaces and punctuation dropped.
std::string normalise_header(std::string_view header);
std::optional<Field> header_field(std::string_view header);

// The recognised header an unrecognised one is a slip of: within two edits (one when either
// has four letters or fewer) of it, ignoring case, spaces and punctuation, counting a swap of
// two neighbouring letters as one ("Deadlnie" is "Deadline", "Stauts" is "Status"). nullopt for
// a recognised header, or when none is that close.
struct HeaderGuess {
    Field field;
    std::string_view header; // "Deadline", "Target date": as the docs write it
};
std::optional<HeaderGuess> close_header(std::string_view header);

// A cell's text as blocks: each line a paragraph, lines starting with "•", "-", "*" or "–" a
// bullet list; a blank line ends a list. A line starting "\\ " continues the line above (a line
// break inside a paragraph or item); a backslash before what would be special makes it text
// ("\\- 5" is the paragraph "- 5").
Blocks cell_blocks(std::string_view text);
// The cell text cell_blocks reads back as `blocks` (what --export writes): paragraphs as lines,
// items as "• item", escaped where they would read back otherwise.
std::string blocks_cell_text(const Blocks& blocks);

// The status a status word names ("On track" is in progress), and the words accepted.
std::optional<Status> status_word(std::string_view text);
std::string_view accepted_status_words();
// "R", "Amber", "g", "BLUE" -> the RAG; nullopt for anything else.
std::optional<Rag> rag_word(std::string_view text);

// "Chapter 2: Leadership", "2. Leadership", "Leadership": the number when the text has one,
// and the title.
struct ChapterLabel {
    std::optional<int> number;
    std::string title;
};
ChapterLabel parse_chapter_label(std::string_view text);

} // namespace actionboard::spreadsheet
