#include "table.hpp"

#include "dashboard/core/deadline.hpp"
#include "dashboard/core/ref.hpp"
#include "dashboard/core/view.hpp"
#include "plan_json.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <vector>

namespace actionboard::spreadsheet {

namespace {

// [SECTION] Words

std::string trim(std::string_view text) {
    auto is_space = [](unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    std::size_t first = 0, last = text.size();
    while (first < last && is_space(static_cast<unsigned char>(text[first])))
        ++first;
    // A no-break space (U+00A0, what Word pastes) counts as a space at either end.
    while (true) {
        if (first < last && is_space(static_cast<unsigned char>(text[first]))) {
            ++first;
        } else if (last - first >= 2 && text.substr(first, 2) == "\xC2\xA0") {
            first += 2;
        } else {
            break;
        }
    }
    while (true) {
        if (last > first && is_space(static_cast<unsigned char>(text[last - 1]))) {
            --last;
        } else if (last - first >= 2 && text.substr(last - 2, 2) == "\xC2\xA0") {
            last -= 2;
        } else {
            break;
        }
    }
    return std::string(text.substr(first, last - first));
}

// Lower-case ASCII letters, runs of spaces as one, no full stop at the end: "On  Track." ->
// "on track".
std::string normalise_word(std::string_view text) {
    std::string out;
    for (char c : trim(text)) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '_' || c == '-') {
            if (!out.empty() && out.back() != ' ')
                out += ' ';
        } else {
            out += char(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    while (!out.empty() && (out.back() == '.' || out.back() == ' '))
        out.pop_back();
    return out;
}

std::vector<std::string> split_lines(std::string_view text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        lines.push_back(trim(text.substr(start, end - start)));
        start = end + 1;
    }
    return lines;
}

std::vector<std::string> non_empty_lines(std::string_view text) {
    std::vector<std::string> lines;
    for (auto& line : split_lines(text))
        if (!line.empty())
            lines.push_back(std::move(line));
    return lines;
}

// The bullet a line starts with, in bytes; 0 when none. "•" may touch its text; "-", "*" and
// "–" need a space after them ("-5" is not a bullet).
std::size_t bullet_length(std::string_view line) {
    for (std::string_view mark : {"\xE2\x80\xA2", "\xE2\x97\xA6", "\xE2\x96\xAA", "\xC2\xB7"}) {
        if (line.substr(0, mark.size()) == mark)
            return mark.size();
    }
    for (std::string_view mark : {"-", "*", "\xE2\x80\x93"}) {
        if (line.size() > mark.size() && line.substr(0, mark.size()) == mark &&
            (line[mark.size()] == ' ' || line[mark.size()] == '\t'))
            return mark.size();
    }
    return 0;
}

void append_blocks(Blocks& to, Blocks more) {
    for (auto& block : more) {
        // A list split over two rows (a Word table's row per bullet) stays one list.
        if (block.is_list() && !to.empty() && to.back().is_list() && &block == &more.front())
            to.back().items.insert(to.back().items.end(), block.items.begin(), block.items.end());
        else
            to.push_back(std::move(block));
    }
}

// [SECTION] Where things are

struct Location {
    const Sheet* sheet = nullptr;
    int row = 0;
    int column = 0;
};

struct HeaderName {
    std::string_view name; // normalised (normalise_header)
    Field field;
    std::string_view shown; // as docs/spreadsheets.md writes it, for a suggestion
};

constexpr HeaderName header_names[] = {
    {"ref", Field::ref, "Ref"},
    {"refno", Field::ref, "Ref No"},
    {"refnumber", Field::ref, "Ref Number"},
    {"reference", Field::ref, "Reference"},
    {"no", Field::ref, "No"},
    {"number", Field::ref, "Number"},
    {"id", Field::ref, "ID"},
    {"recno", Field::ref, "Rec No"},
    {"recommendationno", Field::ref, "Recommendation No"},
    {"recommendationnumber", Field::ref, "Recommendation Number"},
    {"part", Field::part, "Part"},
    {"chapter", Field::chapter, "Chapter"},
    {"section", Field::chapter, "Section"},
    {"heading", Field::chapter, "Heading"},
    {"theme", Field::chapter, "Theme"},
    {"recommendation", Field::text, "Recommendation"},
    {"recommendations", Field::text, "Recommendations"},
    {"requirement", Field::text, "Requirement"},
    {"action", Field::action_or_text, "Action"},
    {"milestoneaction", Field::action, "Milestone action"},
    {"addressedto", Field::addressed_to, "Addressed to"},
    {"bodies", Field::bodies, "Bodies"},
    {"governmentresponse", Field::government_response, "Government response"},
    {"govtresponse", Field::government_response, "Govt response"},
    {"governmentdeadline", Field::government_deadline, "Government deadline"},
    {"govtdeadline", Field::government_deadline, "Govt deadline"},
    {"localresponse", Field::local_response, "Local response"},
    {"response", Field::local_response, "Response"},
    {"progress", Field::local_response, "Progress"},
    {"progressupdate", Field::local_response, "Progress update"},
    {"update", Field::local_response, "Update"},
    {"deadline", Field::deadline, "Deadline"},
    {"due", Field::deadline, "Due"},
    {"duedate", Field::deadline, "Due date"},
    {"targetdate", Field::deadline, "Target date"},
    {"timescale", Field::deadline, "Timescale"},
    {"timescales", Field::deadline, "Timescales"},
    {"bywhen", Field::deadline, "By when"},
    {"agencydeadline", Field::deadline, "Agency deadline"},
    {"lead", Field::lead, "Lead"},
    {"owner", Field::lead, "Owner"},
    {"leadofficer", Field::lead, "Lead officer"},
    {"responsibleofficer", Field::lead, "Responsible officer"},
    {"agencylead", Field::lead, "Agency lead"},
    {"leadagency", Field::lead, "Lead agency"},
    {"agencydeadlineagencylead", Field::deadline_and_lead, "Agency Deadline/Agency Lead"},
    {"deadlinelead", Field::deadline_and_lead, "Deadline/Lead"},
    {"leaddeadline", Field::deadline_and_lead, "Lead/Deadline"},
    {"deadlineandlead", Field::deadline_and_lead, "Deadline and lead"},
    {"timescalelead", Field::deadline_and_lead, "Timescale/Lead"},
    {"completed", Field::completed, "Completed"},
    {"complete", Field::completed, "Complete"},
    {"completedon", Field::completed_on, "Completed on"},
    {"datecompleted", Field::completed_on, "Date completed"},
    {"status", Field::status, "Status"},
    {"statusreason", Field::status_reason, "Status reason"},
    {"reason", Field::status_reason, "Reason"},
    {"rag", Field::reported_rag, "RAG"},
    {"ragstatus", Field::reported_rag, "RAG status"},
    {"ragrating", Field::reported_rag, "RAG rating"},
    {"brag", Field::reported_rag, "BRAG"},
};

std::string_view field_name(Field field) {
    switch (field) {
    case Field::ref:
        return "Ref";
    case Field::part:
        return "Part";
    case Field::chapter:
        return "Chapter";
    case Field::text:
        return "Recommendation";
    case Field::addressed_to:
        return "Addressed to";
    case Field::bodies:
        return "Bodies";
    case Field::government_response:
        return "Government response";
    case Field::government_deadline:
        return "Government deadline";
    case Field::local_response:
        return "Local response";
    case Field::deadline:
        return "Deadline";
    case Field::lead:
        return "Lead";
    case Field::deadline_and_lead:
        return "Deadline/Lead";
    case Field::action:
        return "Action";
    case Field::completed:
        return "Completed";
    case Field::completed_on:
        return "Completed on";
    case Field::status:
        return "Status";
    case Field::status_reason:
        return "Status reason";
    case Field::reported_rag:
        return "RAG";
    case Field::action_or_text:
        return "Action";
    }
    return "";
}

} // namespace

// [SECTION] Public words

std::string normalise_header(std::string_view header) {
    std::string out;
    for (char c : header) {
        auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte))
            out += char(std::tolower(byte));
        else if (byte >= 0x80 && byte != 0xC2 && byte != 0xA0) // letters beyond ASCII, not NBSP
            out += c;
    }
    return out;
}

std::optional<Field> header_field(std::string_view header) {
    std::string name = normalise_header(header);
    for (const auto& entry : header_names) {
        if (entry.name == name)
            return entry.field;
    }
    return std::nullopt;
}

namespace {

// Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
// neighbours ("Deadlnie" is one swap from "Deadline").
std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i)
        d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j)
        d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.size()][b.size()];
}

} // namespace

std::optional<HeaderGuess> close_header(std::string_view header) {
    std::string name = normalise_header(header);
    if (name.empty() || name.size() > 64 || header_field(header))
        return std::nullopt;
    std::optional<HeaderGuess> best;
    std::size_t best_distance = 0;
    for (const auto& entry : header_names) {
        // One edit between short words ("Date" is two from "Due" and from "Update").
        std::size_t allowed = std::min(name.size(), entry.name.size()) <= 4 ? 1 : 2;
        std::size_t distance = edit_distance(name, entry.name);
        if (distance <= allowed && (!best || distance < best_distance)) {
            best = HeaderGuess{entry.field, entry.shown};
            best_distance = distance;
        }
    }
    return best;
}

namespace {

// The escapes --export writes so that every paragraph reads back as it was (docs/spreadsheets.md,
// Cells). A line "\\ text" (a backslash and a space) continues the line above: the paragraph or
// list item holds a line break there. A line that would be read as something else (a bullet, a
// continuation, or itself escaped) is written after one more backslash: "\\- 5 children" is the
// paragraph "- 5 children".
bool continues_line(std::string_view line) {
    return line == "\\" || line.substr(0, 2) == "\\ ";
}

// Whether `line` is escaped: one or more backslashes before a bullet, or two or more before a
// space or the end of the line (so that the text after the first backslash would itself be
// special).
bool escaped_line(std::string_view line) {
    std::size_t backslashes = line.find_first_not_of('\\');
    if (backslashes == std::string_view::npos)
        backslashes = line.size();
    if (backslashes == 0)
        return false;
    std::string_view rest = line.substr(backslashes);
    return bullet_length(rest) > 0 || (backslashes >= 2 && (rest.empty() || rest.front() == ' '));
}

// A line of text that cell_blocks would not read as it stands.
bool special_line(std::string_view line) {
    return bullet_length(line) > 0 || continues_line(line) || escaped_line(line);
}

} // namespace

Blocks cell_blocks(std::string_view text) {
    Blocks blocks;
    bool in_list = false;
    bool after_text = false; // the line above was a paragraph or an item: a continuation adds to it
    for (const auto& line : split_lines(text)) {
        if (line.empty()) {
            in_list = false; // a blank line ends a list
            after_text = false;
            continue;
        }
        if (continues_line(line) && after_text) {
            std::string& last =
                blocks.back().is_list() ? blocks.back().items.back() : blocks.back().paragraph;
            last.append("\n").append(
                std::string_view(line).substr(std::min<std::size_t>(2, line.size())));
            continue;
        }
        if (continues_line(line)) { // nothing above to continue: the text after the marker
            std::string rest = trim(std::string_view(line).substr(1));
            after_text = !rest.empty();
            if (after_text)
                blocks.push_back({std::move(rest), {}});
            in_list = false;
            continue;
        }
        after_text = true;
        if (escaped_line(line)) {
            blocks.push_back({line.substr(1), {}});
            in_list = false;
        } else if (std::size_t mark = bullet_length(line)) {
            std::string item = trim(std::string_view(line).substr(mark));
            if (item.empty()) {
                after_text = false;
                continue;
            }
            if (!in_list)
                blocks.push_back({{}, {}});
            blocks.back().items.push_back(std::move(item));
            in_list = true;
        } else {
            blocks.push_back({line, {}});
            in_list = false;
        }
    }
    return blocks;
}

namespace {

// One paragraph or list item (`item`) as cell lines that cell_blocks reads back as it: its line
// breaks as continuation lines, a paragraph's first line escaped when it would read as something
// else.
std::string escaped_text(std::string_view text, bool item) {
    std::string out;
    std::size_t start = 0;
    while (true) {
        std::size_t end = text.find('\n', start);
        std::string_view segment =
            text.substr(start, end == std::string_view::npos ? end : end - start);
        if (start == 0) // (an item's first line follows its bullet: read as it stands)
            out.append(!item && special_line(segment) ? "\\" : "").append(segment);
        else
            out.append("\n\\ ").append(segment);
        if (end == std::string_view::npos)
            return out;
        start = end + 1;
    }
}

} // namespace

std::string blocks_cell_text(const Blocks& blocks) {
    std::string out;
    bool last_list = false;
    for (const auto& block : blocks) {
        if (!out.empty())
            out += '\n';
        if (block.is_list()) {
            if (last_list)
                out += '\n';
            for (std::size_t i = 0; i < block.items.size(); ++i)
                out.append(i ? "\n" : "")
                    .append("\xE2\x80\xA2 ")
                    .append(escaped_text(block.items[i], true));
        } else {
            out += escaped_text(block.paragraph, false);
        }
        last_list = block.is_list();
    }
    return out;
}

std::optional<Status> status_word(std::string_view text) {
    static const std::pair<std::string_view, Status> words[] = {
        {"compliant", Status::compliant},
        {"complete", Status::compliant},
        {"completed", Status::compliant},
        {"done", Status::compliant},
        {"in progress", Status::in_progress},
        {"on track", Status::in_progress},
        {"started", Status::in_progress},
        {"awaiting national", Status::awaiting_national},
        {"awaiting guidance", Status::awaiting_national},
        {"not started", Status::not_started},
        {"not yet started", Status::not_started},
    };
    std::string word = normalise_word(text);
    for (const auto& [name, status] : words) {
        if (word == name)
            return status;
    }
    return std::nullopt;
}

std::string_view accepted_status_words() {
    return "Compliant (or Complete, Completed, Done), In progress (or On track, Started), "
           "Awaiting national (or Awaiting guidance), Not started (or Not yet started)";
}

std::optional<Rag> rag_word(std::string_view text) {
    std::string word = normalise_word(text);
    if (word == "r" || word == "red")
        return Rag::red;
    if (word == "a" || word == "amber")
        return Rag::amber;
    if (word == "g" || word == "green")
        return Rag::green;
    if (word == "b" || word == "blue")
        return Rag::blue;
    return std::nullopt;
}

ChapterLabel parse_chapter_label(std::string_view text) {
    ChapterLabel label;
    std::string line = trim(text.substr(0, text.find('\n')));
    std::string_view rest(line);
    for (std::string_view word : {"chapter", "section", "heading", "theme", "part"}) {
        if (rest.size() > word.size() && normalise_word(rest.substr(0, word.size())) == word &&
            (rest[word.size()] == ' ' ||
             std::isdigit(static_cast<unsigned char>(rest[word.size()])))) {
            rest.remove_prefix(word.size());
            while (!rest.empty() && rest.front() == ' ')
                rest.remove_prefix(1);
            break;
        }
    }
    std::size_t digits = 0;
    while (digits < rest.size() && digits < 5 &&
           std::isdigit(static_cast<unsigned char>(rest[digits])))
        ++digits;
    bool ends_number = digits > 0 && (digits == rest.size() ||
                                      !std::isalnum(static_cast<unsigned char>(rest[digits])));
    // "2.1 Something" is not chapter 2: a number followed by a full stop and a digit is a ref.
    if (ends_number && digits < rest.size() && rest[digits] == '.' && digits + 1 < rest.size() &&
        std::isdigit(static_cast<unsigned char>(rest[digits + 1])))
        ends_number = false;
    if (ends_number) {
        int number = 0;
        std::from_chars(rest.data(), rest.data() + digits, number);
        if (number >= 1) {
            label.number = number;
            rest.remove_prefix(digits);
            std::size_t skip = 0;
            while (skip < rest.size() &&
                   (rest[skip] == ' ' || rest[skip] == ':' || rest[skip] == '.' ||
                    rest[skip] == ')' || rest[skip] == '-'))
                ++skip;
            if (rest.substr(skip, 3) == "\xE2\x80\x93" || rest.substr(skip, 3) == "\xE2\x80\x94") {
                skip += 3;
                while (skip < rest.size() && rest[skip] == ' ')
                    ++skip;
            }
            label.title = trim(rest.substr(skip));
            return label;
        }
    }
    label.title = line;
    return label;
}

namespace {

// [SECTION] The reader

class TableReader {
public:
    TableReader(const Workbook& workbook, const SourceFacts& facts, const LoadLimits& limits)
        : workbook_(workbook), facts_(facts), limits_(limits) {}

    LoadResult read() {
        LoadResult result;
        pick_sheets();
        if (!actions_) {
            result.problems.push_back(Problem{"", 0, 0,
                                              workbook_.all_sheets.empty()
                                                  ? "the workbook has no sheets"
                                                  : "the workbook has no sheet of actions"});
            return result;
        }
        if (plan_sheet_)
            read_plan_sheet();
        if (chapters_sheet_)
            read_chapters_sheet();
        read_actions();
        if (!problems_.empty())
            return finish(std::move(result));
        assemble();
        if (!problems_.empty())
            return finish(std::move(result));
        validate(result);
        return finish(std::move(result));
    }

private:
    const Workbook& workbook_;
    const SourceFacts& facts_;
    const LoadLimits& limits_;
    const Sheet* actions_ = nullptr;
    const Sheet* plan_sheet_ = nullptr;
    const Sheet* chapters_sheet_ = nullptr;
    std::vector<Problem> problems_;
    std::vector<std::string> notes_;
    std::map<std::string, Location> locations_; // JSON Pointer -> cell, for the loader's problems

    // The Actions sheet's columns.
    std::map<Field, int> columns_;
    std::map<Field, std::string> column_headers_;
    int first_column_ = 0;
    int header_row_ = -1;
    std::optional<std::string> title_row_;
    Location title_location_;

    // Plan sheet values.
    struct PlanValue {
        std::string text;
        const Cell* cell = nullptr;
        Location where;
    };
    std::map<std::string, PlanValue> plan_values_;

    struct ChapterEntry {
        int number = 0;
        std::string title;
        Blocks key_points;
        Blocks local_position;
        Location where;
        bool in_chapters_sheet = false;
        bool in_actions = false;
    };
    std::vector<ChapterEntry> chapters_; // in order: the Chapters sheet's, then new ones

    struct RecEntry {
        Recommendation rec;
        Location ref_at;
        Location status_at;
        bool has_status = false;
        std::string status_text;
        std::string chapter_text; // the Chapter column's value, when there is one
        Location chapter_at;
        std::optional<int> chapter_from_rows;
        std::map<std::string, Location> where; // pointer suffix -> cell
    };
    std::vector<RecEntry> recs_;
    Plan plan_;

    // A header the program does not read, with the one it is likely a slip of.
    struct IgnoredHeader {
        std::string text;
        Location where;
        std::optional<HeaderGuess> guess;
    };
    std::vector<IgnoredHeader> ignored_;
    // Rows that failed for want of a column the header row lacks: the field, how many rows, and
    // what they had that needs it ("an action").
    struct WantedColumn {
        int rows = 0;
        std::set<std::string> had;
    };
    std::map<Field, WantedColumn> wanted_;

    void problem(const Location& where, std::string message) {
        if (problems_.size() < limits_.max_problems)
            problems_.push_back(problem_at(where, std::move(message)));
    }

    // The header over a CSV cell below the header row, which its place names ("line 4, column F
    // (Status)"); empty elsewhere. A workbook's cells are named by their address alone.
    std::string header_of(const Location& where) const {
        if (!where.sheet || !where.sheet->csv || where.sheet != actions_ || header_row_ < 0 ||
            where.row <= header_row_)
            return {};
        const Cell* cell = where.sheet->at(header_row_, where.column);
        return cell ? trim(std::string_view(cell->text).substr(0, cell->text.find('\n')))
                    : std::string();
    }

    Problem problem_at(const Location& where, std::string message) const {
        if (!where.sheet)
            return Problem{"", 0, 0, std::move(message)};
        return cell_problem(*where.sheet, where.row, where.column, std::move(message),
                            header_of(where));
    }

    std::string location_text(const Location& where) const {
        if (!where.sheet)
            return {};
        return cell_place(*where.sheet, where.row, where.column, header_of(where));
    }

    LoadResult finish(LoadResult result) {
        if (!problems_.empty()) {
            result.plan.reset();
            // A column the rows needed comes first: the cause before its symptoms.
            std::vector<Problem> causes = missing_column_problems();
            problems_.insert(problems_.begin(), causes.begin(), causes.end());
            result.problems.insert(result.problems.begin(), problems_.begin(), problems_.end());
        }
        result.notes.insert(result.notes.begin(), notes_.begin(), notes_.end());
        return result;
    }

    // A row that needs a column the header row does not have: noted, for the problem about the
    // header that finish() puts first.
    void want_column(Field field, std::string what) {
        WantedColumn& wanted = wanted_[field];
        ++wanted.rows;
        wanted.had.insert(std::move(what));
    }

    // For each column rows failed for want of: the header row's problem. At the ignored header
    // that is a slip of it, with the suggestion ("did you mean "Deadline"?"), or else at the
    // header row, with the headers read and the columns ignored.
    std::vector<Problem> missing_column_problems() const {
        std::vector<Problem> out;
        for (const auto& [field, wanted] : wanted_) {
            std::string had;
            std::size_t n = 0;
            for (const auto& what : wanted.had)
                had += (n++ == 0 ? "" : n == wanted.had.size() ? " or " : ", ") + what;
            std::string rows =
                wanted.rows == 1 ? "1 row has " : std::to_string(wanted.rows) + " rows have ";
            std::string name(field_name(field));
            std::string consequence = "the header row has no " + name + " column, so " + rows +
                                      had + " but no " + lower(name) + " (listed below)";
            const IgnoredHeader* slip = nullptr;
            for (const auto& ignored : ignored_) {
                if (ignored.guess && ignored.guess->field == field) {
                    slip = &ignored;
                    break;
                }
            }
            if (slip) {
                out.push_back(
                    problem_at(slip->where, "\"" + slip->text +
                                                "\" is not a header this program reads: did you "
                                                "mean \"" +
                                                std::string(slip->guess->header) + "\"? " +
                                                capitalised(consequence)));
                continue;
            }
            std::string message =
                consequence + ": add the column (headers read: " + std::string(headers_for(field)) +
                ")";
            if (!ignored_.empty())
                message += ", or rename the ignored one that holds it: " + ignored_list();
            out.push_back(problem_at({actions_, header_row_, first_column_}, message));
        }
        return out;
    }

    std::string ignored_list() const {
        std::string list;
        for (const auto& ignored : ignored_)
            list += (list.empty() ? "" : ", ") + ("\"" + ignored.text + "\" (") +
                    location_text(ignored.where) + ")";
        return list;
    }

    static std::string lower(std::string text) {
        for (char& c : text)
            c = char(std::tolower(static_cast<unsigned char>(c)));
        return text;
    }

    static std::string capitalised(std::string text) {
        if (!text.empty())
            text[0] = char(std::toupper(static_cast<unsigned char>(text[0])));
        return text;
    }

    // "Deadline, Due, Due date, ...": the headers read for a field, as the docs write them.
    static std::string headers_for(Field field) {
        std::string list;
        for (const auto& entry : header_names) {
            if (entry.field == field)
                list += (list.empty() ? "" : ", ") + std::string(entry.shown);
        }
        return list;
    }

    static bool named(const std::string& name, std::string_view wanted) {
        return normalise_word(name) == wanted;
    }

    void pick_sheets() {
        for (const auto& sheet : workbook_.sheets) {
            if (named(sheet.name, "actions") && !actions_)
                actions_ = &sheet;
            else if (named(sheet.name, "plan") && !plan_sheet_)
                plan_sheet_ = &sheet;
            else if (named(sheet.name, "chapters") && !chapters_sheet_)
                chapters_sheet_ = &sheet;
        }
        if (!actions_) {
            for (const auto& sheet : workbook_.sheets) {
                if (&sheet != plan_sheet_ && &sheet != chapters_sheet_) {
                    actions_ = &sheet;
                    break;
                }
            }
        }
        if (actions_ && !actions_->csv && !named(actions_->name, "actions"))
            notes_.push_back("actions from the sheet \"" + actions_->name +
                             "\" (there is no sheet named Actions)");
    }

    // [SECTION] Cells

    // A used cell's text, trimmed; nullopt when empty. An error value (#REF!) is a problem.
    std::optional<std::string> text_at(const Sheet& sheet, int row, int column) {
        const Cell* cell = sheet.at(row, column);
        if (!cell)
            return std::nullopt;
        if (cell->kind == Cell::Kind::error) {
            problem({&sheet, row, column},
                    "the cell shows the error " + cell->text +
                        " (a formula that failed): correct it or type the value");
            return std::nullopt;
        }
        std::string text = trim(cell->text);
        if (text.empty())
            return std::nullopt;
        return text;
    }

    std::optional<std::string> field_text(int row, Field field) {
        auto it = columns_.find(field);
        if (it == columns_.end())
            return std::nullopt;
        return text_at(*actions_, row, it->second);
    }

    Location field_at(int row, Field field) const {
        auto it = columns_.find(field);
        return {actions_, row, it == columns_.end() ? first_column_ : it->second};
    }

    // [SECTION] The Plan sheet

    void read_plan_sheet() {
        const Sheet& sheet = *plan_sheet_;
        static const std::map<std::string, std::string, std::less<>> keys = {
            {"title", "title"},
            {"authority", "authority"},
            {"version", "version"},
            {"asof", "as_of"},
            {"reportingdate", "as_of"},
            {"amberdays", "amber_days"},
            {"amberwindow", "amber_days"},
            {"source", "source"},
            {"id", "id"},
            {"asofnote", "as_of_note"},
            {"actionstodate", "actions_to_date"},
            {"summary", "summary"},
            {"notes", "notes"},
        };
        for (const auto& [row, cells] : sheet.rows) {
            if (cells.empty())
                continue;
            int key_column = cells.begin()->first;
            std::string key = normalise_header(cells.begin()->second.text);
            auto known = keys.find(key);
            if (known == keys.end()) {
                if (key != "key" && key != "field" && key != "setting" && key != "item")
                    notes_.push_back("ignored row " + std::to_string(row + 1) +
                                     " of the Plan sheet: \"" + trim(cells.begin()->second.text) +
                                     "\" is not one of Title, Authority, Version, As of, Amber "
                                     "days, Source, ID, As of note, Actions to date, Summary, "
                                     "Notes");
                continue;
            }
            Location where{&sheet, row, key_column + 1};
            if (plan_values_.count(known->second)) {
                problem(where,
                        "a second " + trim(cells.begin()->second.text) + " row: give each once");
                continue;
            }
            const Cell* cell = sheet.at(row, key_column + 1);
            // A row with no value counts: an empty Source row means no source (not the file's
            // name), and an empty Title is an error at its cell.
            auto text = text_at(sheet, row, key_column + 1);
            plan_values_[known->second] = {text.value_or(""), cell, where};
        }
    }

    std::optional<std::string> plan_text(const std::string& key, const std::string& pointer) {
        auto it = plan_values_.find(key);
        if (it == plan_values_.end())
            return std::nullopt;
        locations_[pointer] = it->second.where;
        return it->second.text;
    }

    // An ISO date, a date cell, or a day/month/year date as typed in the UK.
    std::optional<Date> date_value(const Cell* cell, const std::string& text) {
        if (cell && cell->date)
            return cell->date;
        if (auto date = parse_iso_date(text))
            return date;
        int day = 0, month = 0, year = 0;
        char a = 0, b = 0;
        if (std::sscanf(text.c_str(), "%d%c%d%c%d", &day, &a, &month, &b, &year) == 5 && a == b &&
            (a == '/' || a == '.' || a == '-') && year >= 1900 && year <= 9999) {
            Date date = make_date(year, unsigned(month), unsigned(day));
            if (date.ok() && month >= 1 && month <= 12 && day >= 1)
                return date;
        }
        return std::nullopt;
    }

    // [SECTION] The Chapters sheet

    void read_chapters_sheet() {
        const Sheet& sheet = *chapters_sheet_;
        int header = -1;
        std::map<std::string, int> columns;
        for (const auto& [row, cells] : sheet.rows) {
            std::map<std::string, int> found;
            for (const auto& [column, cell] : cells) {
                std::string name = normalise_header(cell.text);
                if (name == "number" || name == "no" || name == "chapter" || name == "chapterno")
                    found.emplace("number", column);
                else if (name == "title" || name == "heading" || name == "chaptertitle")
                    found.emplace("title", column);
                else if (name == "keypoints")
                    found.emplace("key_points", column);
                else if (name == "localposition")
                    found.emplace("local_position", column);
            }
            if (found.count("number") && found.count("title")) {
                header = row;
                columns = found;
                break;
            }
        }
        if (header < 0) {
            problems_.push_back(sheet_problem(
                sheet, "the Chapters sheet has no header row with Number and Title (and "
                       "optionally Key points, Local position)"));
            return;
        }
        for (auto it = sheet.rows.upper_bound(header); it != sheet.rows.end(); ++it) {
            int row = it->first;
            auto number_text = text_at(sheet, row, columns["number"]);
            auto title = text_at(sheet, row, columns["title"]);
            std::optional<std::string> key_points, position;
            if (columns.count("key_points"))
                key_points = text_at(sheet, row, columns["key_points"]);
            if (columns.count("local_position"))
                position = text_at(sheet, row, columns["local_position"]);
            if (!number_text && !title && !key_points && !position)
                continue;
            Location where{&sheet, row, columns["number"]};
            std::optional<int> number;
            if (number_text)
                number = parse_chapter_label(*number_text).number;
            if (!number) {
                problem(where, number_text ? "\"" + *number_text + "\" is not a chapter number"
                                           : "the chapter has no number");
                continue;
            }
            if (find_chapter(*number)) {
                problem(where,
                        "a second chapter " + std::to_string(*number) + " in the Chapters sheet");
                continue;
            }
            ChapterEntry entry;
            entry.number = *number;
            entry.title = title.value_or("");
            entry.key_points = key_points ? cell_blocks(*key_points) : Blocks{};
            entry.local_position = position ? cell_blocks(*position) : Blocks{};
            entry.where = where;
            entry.in_chapters_sheet = true;
            chapters_.push_back(std::move(entry));
        }
    }

    ChapterEntry* find_chapter(int number) {
        for (auto& chapter : chapters_) {
            if (chapter.number == number)
                return &chapter;
        }
        return nullptr;
    }

    ChapterEntry* find_chapter_titled(const std::string& title) {
        std::string wanted = normalise_word(title);
        for (auto& chapter : chapters_) {
            if (normalise_word(chapter.title) == wanted)
                return &chapter;
        }
        return nullptr;
    }

    int next_chapter_number() const {
        int highest = 0;
        for (const auto& chapter : chapters_)
            highest = std::max(highest, chapter.number);
        return highest + 1;
    }

    // [SECTION] The Actions sheet

    bool find_header() {
        const Sheet& sheet = *actions_;
        for (const auto& [row, cells] : sheet.rows) {
            std::set<Field> fields;
            for (const auto& [column, cell] : cells) {
                if (auto field = header_field(cell.text))
                    fields.insert(*field);
            }
            if (fields.size() >= 3) {
                header_row_ = row;
                break;
            }
            if (!title_row_) {
                for (const auto& [column, cell] : cells) {
                    std::string text = trim(cell.text);
                    if (!text.empty()) {
                        title_row_ = trim(text.substr(0, text.find('\n')));
                        title_location_ = {&sheet, row, column};
                        break;
                    }
                }
            }
        }
        if (header_row_ < 0) {
            problems_.push_back(sheet_problem(
                sheet, "no header row: no row has three of the column headers Ref, "
                       "Recommendation, Status, Deadline, Lead, Local response, RAG (see "
                       "docs/spreadsheets.md for every header read)" +
                           header_slips(sheet)));
            return false;
        }
        return true;
    }

    // With no header row: the first row that would be one if its misspelt headers were spelt
    // right, as "; did you mean "Status" for "Staus" (Actions!C1)?"; empty when there is none.
    // Only the first rows are looked at (a header row is at the top; a sheet may have 50,000).
    std::string header_slips(const Sheet& sheet) const {
        int looked_at = 0;
        for (const auto& [row, cells] : sheet.rows) {
            if (++looked_at > 30)
                break;
            std::set<Field> fields;
            std::string slips;
            for (const auto& [column, cell] : cells) {
                if (auto field = header_field(cell.text)) {
                    fields.insert(*field);
                } else if (auto guess = close_header(cell.text)) {
                    fields.insert(guess->field);
                    // Appended piece by piece: GCC 12 warns (-Wrestrict, falsely) on a
                    // literal + std::string here.
                    slips.append(slips.empty() ? "" : ", ")
                        .append("\"")
                        .append(guess->header)
                        .append("\" for \"")
                        .append(trim(cell.text))
                        .append("\" (")
                        .append(location_text({&sheet, row, column}))
                        .append(")");
                }
            }
            if (fields.size() >= 3 && !slips.empty())
                return "; did you mean " + slips + "?";
        }
        return {};
    }

    void map_columns() {
        const Sheet& sheet = *actions_;
        const auto& cells = sheet.rows.at(header_row_);
        first_column_ = cells.begin()->first;
        std::vector<std::string> ignored;
        std::map<Field, Location> first_at;
        bool has_text_column = false;
        for (const auto& [column, cell] : cells)
            has_text_column = has_text_column || header_field(cell.text) == Field::text;
        for (const auto& [column, cell] : cells) {
            std::string header = trim(cell.text);
            if (header.empty())
                continue;
            auto field = header_field(header);
            if (!field) {
                Location where{&sheet, header_row_, column};
                std::optional<HeaderGuess> guess = close_header(header);
                if (guess && guess->field == Field::action_or_text)
                    guess->field = has_text_column ? Field::action : Field::text;
                ignored.push_back("\"" + header + "\" (" + location_text(where) +
                                  (guess ? "; did you mean \"" + std::string(guess->header) + "\"?"
                                         : std::string()) +
                                  ")");
                ignored_.push_back({header, where, guess});
                continue;
            }
            if (*field == Field::action_or_text)
                field = has_text_column ? Field::action : Field::text;
            Location where{&sheet, header_row_, column};
            if (auto seen = first_at.find(*field); seen != first_at.end()) {
                problem(where, "\"" + header + "\" is a second " + std::string(field_name(*field)) +
                                   " column (the first is \"" + column_headers_[*field] + "\" at " +
                                   location_text(seen->second) + "): rename or delete one of them");
                continue;
            }
            first_at[*field] = where;
            columns_[*field] = column;
            column_headers_[*field] = header;
        }
        if (columns_.count(Field::deadline_and_lead) &&
            (columns_.count(Field::deadline) || columns_.count(Field::lead)))
            problem(field_at(header_row_, Field::deadline_and_lead),
                    "\"" + column_headers_[Field::deadline_and_lead] +
                        "\" holds deadlines and leads, and there is a separate " +
                        (columns_.count(Field::deadline) ? "deadline" : "lead") +
                        " column too: keep one or the other");
        for (Field required : {Field::ref, Field::text, Field::status}) {
            if (columns_.count(required))
                continue;
            std::string missing = "the header row has no " + std::string(field_name(required)) +
                                  " column (headers read: " + required_hint(required) + ")";
            auto slip = std::find_if(ignored_.begin(), ignored_.end(), [&](const auto& ignored) {
                return ignored.guess && ignored.guess->field == required;
            });
            if (slip != ignored_.end())
                problem(slip->where, "\"" + slip->text +
                                         "\" is not a header this program reads: did you mean "
                                         "\"" +
                                         std::string(slip->guess->header) + "\"? " +
                                         capitalised(missing));
            else
                problem({&sheet, header_row_, first_column_}, missing);
        }
        if (!ignored.empty()) {
            std::string list;
            for (const auto& name : ignored)
                list += (list.empty() ? "" : ", ") + name;
            notes_.push_back("ignored column" + std::string(ignored.size() == 1 ? "" : "s") +
                             " (not a header this program reads; a misspelt one?): " + list);
        }
    }

    static std::string required_hint(Field field) {
        switch (field) {
        case Field::ref:
            return "Ref, Ref No, No, Number, ID";
        case Field::text:
            return "Recommendation, Action, Requirement";
        case Field::status:
            return "Status";
        default:
            return std::string(field_name(field));
        }
    }

    // Whether the row is a chapter row: one filled cell, the table's first, or one merged
    // across the table.
    std::optional<Location> chapter_row(int row, const std::map<int, Cell>& cells) {
        std::vector<int> filled;
        for (const auto& [column, cell] : cells) {
            if (!trim(cell.text).empty())
                filled.push_back(column);
        }
        if (filled.size() != 1)
            return std::nullopt;
        int column = filled.front();
        const Merge* merge = actions_->merge_at(row, column);
        bool merged_across = merge && merge->last_column > merge->first_column;
        if (column == first_column_ || merged_across)
            return Location{actions_, row, column};
        return std::nullopt;
    }

    void read_actions() {
        if (!find_header())
            return;
        map_columns();
        if (!problems_.empty())
            return;
        const Sheet& sheet = *actions_;
        std::optional<int> current_chapter;
        int last_counted = 0;
        bool any_chapter_rows = false;
        int current_part = -1;
        for (auto it = sheet.rows.upper_bound(header_row_); it != sheet.rows.end(); ++it) {
            int row = it->first;
            if (problems_.size() >= limits_.max_problems)
                break;
            if (auto where = chapter_row(row, it->second)) {
                std::string text = trim(sheet.at(where->row, where->column)->text);
                if (sheet.at(where->row, where->column)->kind == Cell::Kind::error) {
                    text_at(sheet, where->row, where->column);
                    continue;
                }
                current_chapter = chapter_from_row(text, *where, last_counted);
                if (current_chapter)
                    last_counted = *current_chapter;
                any_chapter_rows = true;
                current_part = -1;
                continue;
            }
            bool any = false;
            for (const auto& [field, column] : columns_)
                any = any || text_at(sheet, row, column).has_value();
            if (!any)
                continue;
            auto ref = read_ref(row);
            if (ref) {
                recs_.push_back({});
                RecEntry& entry = recs_.back();
                entry.rec.ref = *ref;
                entry.ref_at = field_at(row, Field::ref);
                entry.where[""] = entry.ref_at;
                entry.where["/ref"] = entry.ref_at;
                entry.chapter_from_rows = current_chapter;
                if (any_chapter_rows && !current_chapter)
                    entry.chapter_from_rows = std::nullopt;
                current_part = -1;
                read_recommendation_row(row, entry, true);
                continue;
            }
            if (recs_.empty()) {
                if (!problems_.empty())
                    continue; // the ref cell's problem is reported already
                problem(field_at(row, Field::ref),
                        "this row has no ref, and no recommendation above it to continue: give "
                        "the ref");
                continue;
            }
            RecEntry& entry = recs_.back();
            if (auto label = field_text(row, Field::part)) {
                Part part;
                part.label = *label;
                entry.rec.parts.push_back(std::move(part));
                current_part = int(entry.rec.parts.size()) - 1;
                entry.where["/parts/" + std::to_string(current_part)] = field_at(row, Field::part);
            }
            read_continuation_row(row, entry, current_part);
        }
        if (recs_.empty() && problems_.empty())
            problems_.push_back(
                sheet_problem(sheet, "the sheet has a header row but no recommendations under it"));
        (void)any_chapter_rows;
    }

    std::optional<int> chapter_from_row(const std::string& text, const Location& where,
                                        int last_counted) {
        ChapterLabel label = parse_chapter_label(text);
        ChapterEntry* known = nullptr;
        if (label.number) {
            known = find_chapter(*label.number);
        } else {
            known = find_chapter_titled(label.title);
            if (!known)
                label.number = std::max(last_counted + 1, next_chapter_number());
        }
        if (known) {
            if (!label.title.empty() && !known->title.empty() &&
                normalise_word(label.title) != normalise_word(known->title)) {
                problem(where, "chapter " + std::to_string(known->number) + " is \"" + label.title +
                                   "\" here but \"" + known->title + "\" at " +
                                   location_text(known->where) +
                                   ": give it one title (or clear one of them)");
                return known->number;
            }
            if (known->title.empty())
                known->title = label.title;
            if (!known->in_chapters_sheet || !known->in_actions)
                known->where = where;
            known->in_actions = true;
            return known->number;
        }
        if (label.title.empty()) {
            problem(where,
                    "a row whose only filled cell is the first one starts a chapter, but \"" +
                        text +
                        "\" has no title: give the chapter a title (or fill in the "
                        "recommendation's other cells)");
            return std::nullopt;
        }
        ChapterEntry entry;
        entry.number = *label.number;
        entry.title = label.title;
        entry.where = where;
        entry.in_actions = true;
        chapters_.push_back(std::move(entry));
        return *label.number;
    }

    std::optional<std::string> read_ref(int row) {
        auto it = columns_.find(Field::ref);
        const Cell* cell = actions_->at(row, it->second);
        Location where{actions_, row, it->second};
        if (!cell || trim(cell->text).empty())
            return std::nullopt;
        switch (cell->kind) {
        case Cell::Kind::number:
            if (cell->number != std::floor(cell->number) || cell->number < 0) {
                problem(where, "the ref is the number " + cell->text +
                                   ": a spreadsheet keeps numbers, not what was typed, so \"" +
                                   cell->text + "0\" or \"" + cell->text +
                                   "\" cannot be told apart (1.10 becomes 1.1); format the Ref "
                                   "column as Text and type the ref again");
                return std::nullopt;
            }
            break;
        case Cell::Kind::date:
            problem(where, "the ref has been turned into the date " + cell->text +
                               " (a ref such as 1/2 or 3-4 typed into a date cell); format the "
                               "Ref column as Text and type the ref again");
            return std::nullopt;
        case Cell::Kind::error:
            text_at(*actions_, row, it->second);
            return std::nullopt;
        case Cell::Kind::boolean:
            problem(where, "the ref is " + cell->text + ", a true/false value, not a ref");
            return std::nullopt;
        case Cell::Kind::text:
            break;
        }
        std::string ref = trim(cell->text);
        // "12." as a Word table numbers its rows: the ref is 12.
        if (ref.size() > 1 && ref.back() == '.' &&
            std::all_of(ref.begin(), ref.end() - 1,
                        [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
            ref.pop_back();
        if (auto why = ref_problem(ref)) {
            problem(where, "ref \"" + ref + "\" " + *why);
            return std::nullopt;
        }
        return ref;
    }

    // A value that belongs to the recommendation once (status, RAG, ...): on a continuation row
    // it must be empty or the same.
    void check_repeat(int row, Field field, const std::string& first, const char* what) {
        auto text = field_text(row, field);
        if (!text)
            return;
        // The same value in other words is the same: "On track" repeats "In progress", "G"
        // repeats "Green".
        bool same = normalise_word(*text) == normalise_word(first);
        if (field == Field::status)
            same = same || (status_word(*text) && status_word(*text) == status_word(first));
        if (field == Field::reported_rag)
            same = same || (rag_word(*text) && rag_word(*text) == rag_word(first));
        if (!same)
            problem(field_at(row, field), std::string(what) + " \"" + *text +
                                              "\" on a row that continues the "
                                              "recommendation above, whose " +
                                              what + " is \"" + first +
                                              "\": a recommendation has one; clear this cell");
    }

    void read_recommendation_row(int row, RecEntry& entry, bool first_row) {
        Recommendation& rec = entry.rec;
        if (auto text = field_text(row, Field::text)) {
            append_blocks(rec.text, cell_blocks(*text));
            entry.where.emplace("/text", field_at(row, Field::text));
        } else {
            entry.where.emplace("/text", field_at(row, Field::text));
        }
        if (first_row) {
            if (auto status = field_text(row, Field::status)) {
                entry.has_status = true;
                entry.status_text = *status;
                entry.status_at = field_at(row, Field::status);
                if (auto parsed = status_word(*status))
                    rec.status = *parsed;
                else
                    problem(entry.status_at, "\"" + *status + "\" is not a status; write one of " +
                                                 std::string(accepted_status_words()));
            } else if (columns_.count(Field::status)) {
                problem(field_at(row, Field::status), "recommendation " + rec.ref +
                                                          " has no status; write one of " +
                                                          std::string(accepted_status_words()));
            }
            entry.where["/status"] = field_at(row, Field::status);
            if (auto reason = field_text(row, Field::status_reason)) {
                rec.status_reason = *reason;
                entry.where["/status_reason"] = field_at(row, Field::status_reason);
            } else {
                entry.where["/status_reason"] = field_at(row, Field::status);
            }
            if (auto rag = field_text(row, Field::reported_rag)) {
                entry.where["/reported_rag"] = field_at(row, Field::reported_rag);
                if (auto parsed = rag_word(*rag))
                    rec.reported_rag = *parsed;
                else
                    problem(field_at(row, Field::reported_rag),
                            "\"" + *rag +
                                "\" is not a RAG; write R, A, G or B (or Red, Amber, "
                                "Green, Blue), or leave it empty");
            }
            if (auto audience = field_text(row, Field::addressed_to)) {
                entry.where["/addressed_to"] = field_at(row, Field::addressed_to);
                if (auto parsed = parse_audience(normalise_word(*audience)))
                    rec.addressed_to = *parsed;
                else
                    problem(field_at(row, Field::addressed_to),
                            "\"" + *audience + "\" is not National or Local");
            }
            if (auto chapter = field_text(row, Field::chapter)) {
                entry.chapter_text = *chapter;
                entry.chapter_at = field_at(row, Field::chapter);
                entry.where["/chapter"] = entry.chapter_at;
            } else {
                entry.where["/chapter"] = entry.ref_at;
            }
        }
        if (auto bodies = field_text(row, Field::bodies)) {
            for (auto& line : non_empty_lines(*bodies))
                rec.bodies.push_back(std::move(line));
            entry.where.emplace("/bodies", field_at(row, Field::bodies));
        }
        read_texts(row, entry, rec.government_response, rec.government_deadline, rec.local_response,
                   "");
        read_milestones(row, entry, rec.milestones, "");
    }

    void read_texts(int row, RecEntry& entry, Blocks& government_response,
                    std::optional<std::string>& government_deadline, Blocks& local_response,
                    const std::string& prefix) {
        if (auto text = field_text(row, Field::government_response)) {
            append_blocks(government_response, cell_blocks(*text));
            entry.where.emplace(prefix + "/government_response",
                                field_at(row, Field::government_response));
        }
        if (auto text = field_text(row, Field::government_deadline)) {
            std::string lines;
            for (const auto& line : non_empty_lines(*text))
                lines += (lines.empty() ? "" : "\n") + line;
            government_deadline = government_deadline ? *government_deadline + "\n" + lines : lines;
            entry.where.emplace(prefix + "/government_deadline",
                                field_at(row, Field::government_deadline));
        }
        if (auto text = field_text(row, Field::local_response)) {
            append_blocks(local_response, cell_blocks(*text));
            entry.where.emplace(prefix + "/local_response", field_at(row, Field::local_response));
        }
    }

    void read_continuation_row(int row, RecEntry& entry, int part_index) {
        Recommendation& rec = entry.rec;
        if (entry.has_status)
            check_repeat(row, Field::status, entry.status_text, "status");
        else if (auto status = field_text(row, Field::status))
            problem(field_at(row, Field::status),
                    "a status on a row that continues recommendation " + rec.ref +
                        ": put it on the recommendation's own row");
        if (rec.reported_rag)
            check_repeat(row, Field::reported_rag, std::string(to_string(*rec.reported_rag)),
                         "RAG");
        if (!entry.chapter_text.empty())
            check_repeat(row, Field::chapter, entry.chapter_text, "chapter");
        if (!rec.status_reason.empty())
            check_repeat(row, Field::status_reason, rec.status_reason, "status reason");
        if (rec.addressed_to)
            check_repeat(row, Field::addressed_to, std::string(to_string(*rec.addressed_to)),
                         "addressee");
        if (part_index < 0) {
            read_recommendation_row(row, entry, false);
            return;
        }
        Part& part = rec.parts[std::size_t(part_index)];
        std::string prefix = "/parts/" + std::to_string(part_index);
        if (auto text = field_text(row, Field::text)) {
            append_blocks(part.text, cell_blocks(*text));
            entry.where.emplace(prefix + "/text", field_at(row, Field::text));
        } else {
            entry.where.emplace(prefix + "/text", field_at(row, Field::part));
        }
        if (auto bodies = field_text(row, Field::bodies))
            problem(field_at(row, Field::bodies),
                    "bodies on a part's row: a part has none; put them on the recommendation's "
                    "own row");
        read_texts(row, entry, part.government_response, part.government_deadline,
                   part.local_response, prefix);
        read_milestones(row, entry, part.milestones, prefix);
    }

    // The deadline and lead cells of a row as milestones.
    void read_milestones(int row, RecEntry& entry, std::vector<MilestoneEntry>& milestones,
                         const std::string& prefix) {
        std::vector<std::string> deadlines;
        std::vector<std::optional<std::string>> leads;
        Location deadline_at;
        if (columns_.count(Field::deadline_and_lead)) {
            deadline_at = field_at(row, Field::deadline_and_lead);
            auto text = field_text(row, Field::deadline_and_lead);
            if (!text)
                return check_milestone_extras(row, deadline_at);
            std::vector<std::string> pending_leads;
            for (const auto& line : non_empty_lines(*text)) {
                // A line naming a day that does not exist ("31/04/2010") is a deadline too: the
                // loader then says what is wrong with it, at this cell.
                bool is_deadline = !impossible_dates(line).empty();
                for (const auto& reading :
                     read_deadline(line, facts_.as_of.value_or(facts_.modified)))
                    is_deadline = is_deadline || reading.kind != MilestoneKind::unscheduled;
                if (is_deadline) {
                    deadlines.push_back(line);
                    leads.push_back(std::nullopt);
                    if (!pending_leads.empty()) {
                        leads.back() = join(pending_leads);
                        pending_leads.clear();
                    }
                } else if (!deadlines.empty() && !leads.back()) {
                    leads.back() = line; // the lead under its deadline
                } else {
                    pending_leads.push_back(line); // the lead above the next deadline
                }
            }
            if (!pending_leads.empty()) {
                if (deadlines.empty())
                    return problem(deadline_at,
                                   "\"" + join(pending_leads) +
                                       "\" reads as a lead but no line of the cell reads as a "
                                       "deadline: add the deadline (or TBC if there is none yet)");
                std::string& last = *leads.back();
                last += ", " + join(pending_leads);
            }
        } else {
            deadline_at = field_at(row, Field::deadline);
            auto deadline = field_text(row, Field::deadline);
            auto lead = field_text(row, Field::lead);
            if (!deadline) {
                if (lead && !columns_.count(Field::deadline)) {
                    want_column(Field::deadline, "a lead");
                    return problem(field_at(row, Field::lead),
                                   "a lead (\"" + *lead +
                                       "\") with no deadline: the sheet has no Deadline column");
                }
                if (lead)
                    return problem(deadline_at,
                                   "a lead (\"" + *lead +
                                       "\") with no deadline: write the deadline, or TBC if there "
                                       "is none yet");
                return check_milestone_extras(row, deadline_at);
            }
            deadlines = non_empty_lines(*deadline);
            std::vector<std::string> lead_lines =
                lead ? non_empty_lines(*lead) : std::vector<std::string>{};
            if (lead_lines.size() > 1 && lead_lines.size() != deadlines.size())
                return problem(field_at(row, Field::lead),
                               std::to_string(deadlines.size()) + " deadline lines and " +
                                   std::to_string(lead_lines.size()) +
                                   " lead lines: give one lead per deadline line, or one lead "
                                   "for them all");
            for (std::size_t i = 0; i < deadlines.size(); ++i) {
                if (lead_lines.empty())
                    leads.push_back(std::nullopt);
                else
                    leads.push_back(lead_lines.size() == 1 ? lead_lines[0] : lead_lines[i]);
            }
        }
        std::string action = field_text(row, Field::action).value_or("");
        bool complete = false;
        if (auto done = field_text(row, Field::completed)) {
            std::string word = normalise_word(*done);
            if (word == "yes" || word == "y" || word == "true" || word == "x" || word == "done" ||
                word == "complete" || word == "completed" || word == "\xE2\x9C\x93" ||
                word == "\xE2\x9C\x94")
                complete = true;
            else if (word != "no" && word != "n" && word != "false")
                problem(field_at(row, Field::completed),
                        "\"" + *done + "\" is not Yes or No (or empty)");
        }
        std::optional<Date> completed_on;
        if (auto on = field_text(row, Field::completed_on)) {
            Location where = field_at(row, Field::completed_on);
            completed_on = date_value(actions_->at(where.row, where.column), *on);
            if (!completed_on)
                problem(where,
                        "\"" + *on + "\" is not a date (a date cell, 2010-03-31 or 31/03/2010)");
        }
        for (std::size_t i = 0; i < deadlines.size(); ++i) {
            MilestoneEntry milestone;
            milestone.deadline = deadlines[i];
            milestone.lead = leads[i];
            milestone.action = action;
            milestone.complete = complete;
            milestone.completed_on = completed_on;
            entry.where[prefix + "/milestones/" + std::to_string(milestones.size())] = deadline_at;
            milestones.push_back(std::move(milestone));
        }
    }

    // A row with no deadline may have no milestone action or completion either. With no
    // deadline column at all, the problem is at the filled cell, and the missing column is
    // said first (missing_column_problems).
    void check_milestone_extras(int row, const Location& deadline_at) {
        bool no_column =
            !columns_.count(Field::deadline) && !columns_.count(Field::deadline_and_lead);
        for (Field field : {Field::action, Field::completed, Field::completed_on}) {
            if (!field_text(row, field))
                continue;
            std::string filled = "the " + std::string(field_name(field)) +
                                 " cell is filled but the row has no deadline: ";
            if (!no_column)
                return problem(deadline_at,
                               filled + "write the deadline, or TBC if there is none yet");
            want_column(Field::deadline, field == Field::action      ? "an action"
                                         : field == Field::completed ? "a Completed cell"
                                                                     : "a completion date");
            return problem(field_at(row, field), filled + "the sheet has no Deadline column");
        }
    }

    static std::string join(const std::vector<std::string>& lines) {
        std::string out;
        for (const auto& line : lines)
            out += (out.empty() ? "" : ", ") + line;
        return out;
    }

    // [SECTION] The plan

    // Chapters, each recommendation's chapter and shared responses; then the plan's details.
    void assemble() {
        bool chapter_column = columns_.count(Field::chapter) > 0;
        bool chapter_rows = std::any_of(chapters_.begin(), chapters_.end(),
                                        [](const ChapterEntry& c) { return c.in_actions; });
        for (auto& entry : recs_) {
            if (chapter_column && !entry.chapter_text.empty()) {
                ChapterLabel label = parse_chapter_label(entry.chapter_text);
                ChapterEntry* chapter =
                    label.number ? find_chapter(*label.number) : find_chapter_titled(label.title);
                if (!chapter) {
                    ChapterEntry created;
                    created.number = label.number ? *label.number : next_chapter_number();
                    created.title = label.title;
                    created.where = entry.chapter_at;
                    created.in_actions = true;
                    chapters_.push_back(std::move(created));
                    chapter = &chapters_.back();
                }
                entry.rec.chapter = chapter->number;
            } else if (entry.chapter_from_rows) {
                entry.rec.chapter = *entry.chapter_from_rows;
            } else if (chapter_rows || chapter_column) {
                problem(entry.ref_at,
                        "recommendation " + entry.rec.ref +
                            (chapter_column ? " has no chapter: fill in its Chapter cell"
                                            : " comes before the first chapter row: move it "
                                              "under its chapter, or add a chapter row above it"));
            } else if (chapters_.size() > 1) {
                problem(entry.ref_at, "the Chapters sheet has " + std::to_string(chapters_.size()) +
                                          " chapters, but no chapter rows or Chapter column say "
                                          "which recommendation is in which");
                return;
            } else {
                if (chapters_.empty()) {
                    ChapterEntry only;
                    only.number = 1;
                    only.where = {actions_, header_row_, first_column_};
                    chapters_.push_back(std::move(only));
                    notes_.push_back("one chapter: the sheet has no chapter rows and no Chapter "
                                     "column");
                }
                entry.rec.chapter = chapters_.front().number;
            }
        }
        for (auto& chapter : chapters_) {
            if (chapter.title.empty())
                chapter.title = chapter.in_chapters_sheet || chapters_.size() > 1
                                    ? "Chapter " + std::to_string(chapter.number)
                                    : std::string(); // filled with the plan's title below
        }

        // Shared responses: "See recommendation 17" alone in a local response cell.
        for (auto& entry : recs_) {
            Recommendation& rec = entry.rec;
            if (rec.local_response.size() != 1 || rec.local_response[0].is_list())
                continue;
            std::string_view text = rec.local_response[0].paragraph;
            std::string lowered = normalise_word(text);
            constexpr std::string_view prefix = "see recommendation ";
            if (lowered.rfind(prefix, 0) != 0)
                continue;
            std::string target = trim(text.substr(prefix.size()));
            if (!target.empty() && target.back() == '.')
                target.pop_back();
            bool exists = std::any_of(recs_.begin(), recs_.end(), [&](const RecEntry& other) {
                return same_ref(other.rec.ref, target) && &other != &entry;
            });
            if (exists) {
                rec.local_response_see = target;
                rec.local_response.clear();
            }
        }

        read_info();
        for (auto& chapter : chapters_) {
            if (chapter.title.empty())
                chapter.title = plan_.info.title;
        }
        for (std::size_t i = 0; i < chapters_.size(); ++i) {
            const ChapterEntry& entry = chapters_[i];
            plan_.chapters.push_back(
                {entry.number, entry.title, entry.key_points, entry.local_position});
            locations_["/chapters/" + std::to_string(i)] = entry.where;
        }
        for (std::size_t i = 0; i < recs_.size(); ++i) {
            RecEntry& entry = recs_[i];
            if (entry.rec.status_reason.empty() && entry.has_status)
                entry.rec.status_reason = "Status: " + entry.status_text;
            std::string base = "/recommendations/" + std::to_string(i);
            for (const auto& [suffix, where] : entry.where)
                locations_[base + suffix] = where;
            plan_.recommendations.push_back(std::move(entry.rec));
        }
    }

    void read_info() {
        PlanInfo& info = plan_.info;
        std::string stem = facts_.file_name;
        if (auto slash = stem.rfind('/'); slash != std::string::npos)
            stem = stem.substr(slash + 1);
        std::string file = stem;
        if (auto dot = stem.rfind('.'); dot != std::string::npos && dot > 0)
            stem = stem.substr(0, dot);

        if (auto title = plan_text("title", "/plan/title")) {
            info.title = *title;
        } else if (title_row_) {
            info.title = *title_row_;
            locations_["/plan/title"] = title_location_;
            notes_.push_back("title \"" + info.title + "\" from the title row (" +
                             location_text(title_location_) + ")");
        } else {
            info.title = stem.empty() ? "Action plan" : stem;
            notes_.push_back("title \"" + info.title +
                             "\" from the file name (no Plan sheet and no title row)");
        }
        if (auto id = plan_text("id", "/plan/id")) {
            info.id = *id;
        } else {
            for (char c : stem) {
                auto byte = static_cast<unsigned char>(c);
                if (std::isalnum(byte))
                    info.id += char(std::tolower(byte));
                else if (!info.id.empty() && info.id.back() != '-')
                    info.id += '-';
            }
            while (!info.id.empty() && info.id.back() == '-')
                info.id.pop_back();
            if (info.id.empty())
                info.id = "plan";
        }
        if (auto authority = plan_text("authority", "/plan/authority")) {
            info.authority = *authority;
        } else {
            info.authority = "Not stated";
            notes_.push_back("no authority (add a Plan sheet with an Authority row): shown as "
                             "\"Not stated\"");
        }
        std::optional<Date> as_of;
        if (auto it = plan_values_.find("as_of"); it != plan_values_.end()) {
            locations_["/plan/as_of"] = it->second.where;
            as_of = date_value(it->second.cell, it->second.text);
            if (!as_of)
                problem(it->second.where, "\"" + it->second.text +
                                              "\" is not a date (a date cell, 2010-03-31 or "
                                              "31/03/2010)");
        }
        if (as_of) {
            info.as_of = *as_of;
        } else if (!plan_values_.count("as_of") && facts_.as_of) {
            // The command line's --as-of DATE: the file does not say, the user does.
            info.as_of = *facts_.as_of;
            notes_.push_back("reporting date " + format_iso(info.as_of) +
                             ", from --as-of (no As of row in a Plan sheet; the file was last "
                             "saved " +
                             format_iso(facts_.modified) + ")");
            info.as_of_note = "Given with --as-of (" + file + " states no reporting date)";
        } else if (!plan_values_.count("as_of")) {
            info.as_of = facts_.modified;
            notes_.push_back("reporting date " + format_iso(info.as_of) +
                             ", the day the file was last saved (no As of row in a Plan sheet)");
            info.as_of_note = "The day " + file + " was last saved";
        }
        if (auto version = plan_text("version", "/plan/version"))
            info.version = *version;
        else
            info.version = format_iso(facts_.modified);
        if (auto source = plan_text("source", "/plan/source"))
            info.source = *source;
        else
            info.source = file;
        if (auto note = plan_text("as_of_note", "/plan/as_of_note"))
            info.as_of_note = *note;
        if (auto it = plan_values_.find("amber_days"); it != plan_values_.end()) {
            locations_["/plan/amber_days"] = it->second.where;
            int days = -1;
            std::string_view text = it->second.text;
            auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), days);
            if (ec != std::errc{} || end != text.data() + text.size() || days < 0 || days > 366)
                problem(it->second.where,
                        "\"" + it->second.text + "\" is not a whole number of days from 0 to 366");
            else
                info.amber_days = days;
        }
        auto lines = [this](const char* key, const char* pointer) {
            auto text = plan_text(key, pointer);
            return text ? non_empty_lines(*text) : std::vector<std::string>{};
        };
        info.actions_to_date = lines("actions_to_date", "/plan/actions_to_date");
        info.summary = lines("summary", "/plan/summary");
        info.notes = lines("notes", "/plan/notes");
    }

    // The loader checks the plan as it checks a JSON file; its problems are put at their cells.
    void validate(LoadResult& result) {
        std::string document = plan_document_json(plan_).dump();
        LoadLimits limits = limits_;
        limits.max_bytes = std::max<std::size_t>(limits.max_bytes, document.size());
        LoadResult loaded = parse_plan(document, limits);
        for (auto& found : loaded.problems)
            problems_.push_back(relocate(std::move(found)));
        if (problems_.empty())
            result.plan = std::move(loaded.plan);
    }

    Problem relocate(Problem found) {
        std::string pointer = found.pointer;
        std::string message = found.message;
        // Pointers quoted in the message ("first at /recommendations/2") become cells too.
        for (std::string_view root : {"/recommendations/", "/chapters/"}) {
            std::size_t at = 0;
            while ((at = message.find(root, at)) != std::string::npos) {
                std::size_t end = message.find_first_of(" ,;)", at);
                if (end == std::string::npos)
                    end = message.size();
                auto where = lookup(message.substr(at, end - at));
                std::string text = where ? location_text(*where) : std::string();
                if (text.empty()) {
                    at = end;
                    continue;
                }
                message.replace(at, end - at, text);
                at += text.size();
            }
        }
        auto where = lookup(pointer);
        Problem out = where ? problem_at(*where, message) : sheet_problem(*actions_, message);
        out.pointer = pointer;
        return out;
    }

    std::optional<Location> lookup(std::string pointer) const {
        while (true) {
            if (auto it = locations_.find(pointer); it != locations_.end())
                return it->second;
            auto slash = pointer.rfind('/');
            if (slash == std::string::npos || pointer.empty())
                return std::nullopt;
            pointer.resize(slash);
        }
    }
};

} // namespace

LoadResult plan_from_workbook(const Workbook& workbook, const SourceFacts& facts,
                              const LoadLimits& limits) {
    LoadResult result = TableReader(workbook, facts, limits).read();
    result.notes.insert(result.notes.begin(), workbook.notes.begin(), workbook.notes.end());
    return result;
}

} // namespace actionboard::spreadsheet
