// Plans from spreadsheets: the readers' cells, the table rules, the fixtures LibreOffice made
// (tests/data/spreadsheets, each with its expected plan), errors at their cells, the reported RAG,
// and the export's round trip for the Laming plan and every test plan.

#include "dashboard/core/embedded_plan.hpp"
#include "dashboard/core/live_plan.hpp"
#include "dashboard/core/plan_format.hpp"
#include "dashboard/core/serialize.hpp"
#include "dashboard/core/view.hpp"
#include "dashboard/spreadsheet/csv_reader.hpp"
#include "dashboard/spreadsheet/export.hpp"
#include "dashboard/spreadsheet/plan_json.hpp"
#include "dashboard/spreadsheet/source.hpp"
#include "dashboard/spreadsheet/table.hpp"
#include "dashboard/spreadsheet/xlsx_reader.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

using namespace actionboard;
using namespace actionboard::spreadsheet;
using testing::read_text;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const fs::path data_dir = ACTIONBOARD_TEST_DATA_DIR;
const fs::path sheets_dir = data_dir / "spreadsheets";

// 15 May 2024, noon local time: the modification day the fixtures without a Plan sheet take.
std::chrono::system_clock::time_point may_15() {
    std::tm local{};
    local.tm_year = 124;
    local.tm_mon = 4;
    local.tm_mday = 15;
    local.tm_hour = 12;
    local.tm_isdst = -1;
    return std::chrono::system_clock::from_time_t(std::mktime(&local));
}

LoadResult load_fixture(const std::string& name) {
    return parse_plan_source(read_text(sheets_dir / name), (sheets_dir / name).string(), may_15());
}

std::string problems_text(const LoadResult& result) {
    std::string text;
    for (const auto& problem : result.problems)
        text += format_problem(problem) + "\n";
    return text;
}

bool has_problem(const LoadResult& result, const std::string& start, const std::string& part) {
    for (const auto& problem : result.problems) {
        std::string text = format_problem(problem);
        if (text.rfind(start, 0) == 0 && text.find(part) != std::string::npos)
            return true;
    }
    return false;
}

Workbook csv_workbook(const std::string& text, char delimiter = ',') {
    CsvRead read = parse_csv(text, delimiter, "plan.csv");
    REQUIRE_MESSAGE(read.sheet, (read.problem ? format_problem(*read.problem) : ""));
    Workbook workbook;
    workbook.all_sheets.push_back("plan.csv");
    workbook.sheets.push_back(*read.sheet);
    return workbook;
}

LoadResult load_csv_text(const std::string& text) {
    return plan_from_workbook(csv_workbook(text), {"plan.csv", make_date(2024, 5, 15)});
}

} // namespace

// [SECTION] Cells

TEST_CASE("Excel day numbers in the 1900 and the 1904 date systems") {
    CHECK(format_iso(*excel_serial_date(1, false)) == "1900-01-01");
    CHECK(format_iso(*excel_serial_date(59, false)) == "1900-02-28");
    CHECK(format_iso(*excel_serial_date(61, false)) == "1900-03-01"); // 60 is 29 Feb 1900
    CHECK(format_iso(*excel_serial_date(40268, false)) == "2010-03-31");
    CHECK(format_iso(*excel_serial_date(40268.75, false)) == "2010-03-31"); // a time of day
    CHECK(format_iso(*excel_serial_date(0, true)) == "1904-01-01");
    CHECK(format_iso(*excel_serial_date(38806, true)) == "2010-03-31");
    CHECK_FALSE(excel_serial_date(0, false));
    CHECK_FALSE(excel_serial_date(-1, true));
    CHECK_FALSE(excel_serial_date(3e6, false));
    for (Date date : {make_date(1900, 1, 1), make_date(1900, 3, 1), make_date(2010, 3, 31)})
        CHECK(*excel_serial_date(excel_serial(date), false) == date);
}

TEST_CASE("date formats: built-in 14 to 22 and custom formats with d, m or y") {
    for (int id = 14; id <= 22; ++id)
        CHECK(is_date_format(id, ""));
    CHECK_FALSE(is_date_format(0, ""));
    CHECK_FALSE(is_date_format(2, ""));
    CHECK(is_date_format(164, "dd/mm/yyyy"));
    CHECK(is_date_format(165, "[$-809]d mmmm yyyy;@"));
    CHECK(is_date_format(166, "mmm-yy"));
    CHECK_FALSE(is_date_format(167, "0.00"));
    CHECK_FALSE(is_date_format(168, "hh:mm"));
    CHECK_FALSE(is_date_format(169, "[Red]0.0"));
    CHECK_FALSE(is_date_format(170, "\"day \"0"));
    CHECK_FALSE(is_date_format(171, "General"));
}

TEST_CASE("numbers read as their shortest decimal") {
    CHECK(number_text(12) == "12");
    CHECK(number_text(1.1) == "1.1");
    CHECK(number_text(-3) == "-3");
    CHECK(number_text(0.000125) == "0.000125");
}

TEST_CASE("cell names: column letters and quoted sheet names") {
    CHECK(column_letters(0) == "A");
    CHECK(column_letters(25) == "Z");
    CHECK(column_letters(26) == "AA");
    CHECK(column_letters(16383) == "XFD");
    Sheet sheet;
    sheet.name = "Actions";
    CHECK(cell_name(sheet, 13, 3) == "Actions!D14");
    sheet.name = "My plan";
    CHECK(cell_name(sheet, 0, 0) == "'My plan'!A1");
}

TEST_CASE("the council workbook's cells as LibreOffice saved them") {
    XlsxRead read = read_xlsx(read_text(sheets_dir / "council.xlsx"),
                              [](std::string_view, int) { return true; });
    REQUIRE(read.workbook);
    const Workbook& workbook = *read.workbook;
    CHECK_FALSE(workbook.date1904);
    REQUIRE(workbook.sheets.size() == 1);
    const Sheet& sheet = workbook.sheets[0];
    CHECK(sheet.name == "Actions");
    CHECK(sheet.at(0, 0)->text == "Anytown Safeguarding Children Partnership");
    const Cell* date = sheet.at(5, 4);
    REQUIRE(date);
    CHECK(date->kind == Cell::Kind::date);
    CHECK(date->text == "2024-03-31");
    const Cell* ref = sheet.at(5, 0);
    CHECK(ref->kind == Cell::Kind::number);
    CHECK(ref->text == "1");
    CHECK(sheet.at(5, 5)->text ==
          "Draft policy written.\nConsulted partners:\n• schools\n• health visitors");
    const Merge* merge = sheet.merge_at(4, 0);
    REQUIRE(merge);
    CHECK(merge->last_column == 8);
}

TEST_CASE("the 1904 date system is read from workbook.xml") {
    XlsxRead read = read_xlsx(read_text(sheets_dir / "dates-1904.xlsx"),
                              [](std::string_view, int) { return true; });
    REQUIRE(read.workbook);
    CHECK(read.workbook->date1904);
    LoadResult result = load_fixture("dates-1904.xlsx");
    REQUIRE_MESSAGE(result.ok(), problems_text(result));
    const Plan& plan = *result.plan;
    CHECK(format_iso(plan.info.as_of) == "2009-11-15");
    CHECK(plan.find_recommendation("R1")->milestones[0].deadline == "2010-03-31");
    CHECK(plan.find_recommendation("R2")->milestones[0].deadline == "2009-12-01");
    CHECK(plan.find_recommendation("R1")->reported_rag == Rag::green);
    CHECK(plan.find_recommendation("R2")->reported_rag == Rag::amber);
}

// [SECTION] CSV

TEST_CASE("CSV: RFC 4180 quoting with commas, quotes and line breaks, each cell's line") {
    std::string text = "a,\"b, with comma\",\"say \"\"hi\"\"\"\r\n"
                       "1,\"two\r\nlines\",x\r\n"
                       "2,y,z\n";
    CsvRead read = parse_csv(text, ',', "t.csv");
    REQUIRE(read.sheet);
    const Sheet& sheet = *read.sheet;
    CHECK(sheet.at(0, 1)->text == "b, with comma");
    CHECK(sheet.at(0, 2)->text == "say \"hi\"");
    CHECK(sheet.at(1, 1)->text == "two\nlines");
    CHECK(sheet.at(1, 1)->line == 2);
    CHECK(sheet.at(1, 2)->line == 3); // after the line break inside the quoted cell
    CHECK(sheet.at(2, 0)->text == "2");
    CHECK(sheet.at(2, 0)->line == 4);
    CHECK(sheet.row_lines.at(2) == 4);
}

TEST_CASE("CSV: a quote left open or a stray quote is refused with its line") {
    CsvRead open = parse_csv("a,b\n1,\"never closed\n2,x\n", ',', "t.csv");
    REQUIRE(open.problem);
    CHECK(open.problem->line == 2);
    CHECK(open.problem->message.find("never closed") != std::string::npos);
    CsvRead stray = parse_csv("a,b\n1,\"x\"y\n", ',', "t.csv");
    REQUIRE(stray.problem);
    CHECK(stray.problem->line == 2);
}

TEST_CASE("CSV encodings: UTF-8 with a BOM, Windows-1252, UTF-16 and mixed bytes") {
    CsvText bom = decode_csv("\xEF\xBB\xBFRef,\xC2\xA3");
    CHECK(bom.text == "Ref,\xC2\xA3");
    CHECK_FALSE(bom.note);
    CsvText ansi = decode_csv("Ref,\xA3 5 \x92s\n");
    CHECK(ansi.text == "Ref,\xC2\xA3 5 \xE2\x80\x99s\n"); // £ and ’
    REQUIRE(ansi.note);
    CHECK(ansi.note->find("Windows-1252") != std::string::npos);
    CsvText utf16 = decode_csv(std::string("\xFF\xFER\0e\0f\0", 8));
    REQUIRE(utf16.problem);
    CHECK(utf16.problem->message.find("UTF-16") != std::string::npos);
    CsvText mixed = decode_csv("Ref,\xC2\xA3 and \xA3\n"); // UTF-8 and a stray byte
    REQUIRE(mixed.problem);
    CHECK(mixed.problem->line == 1);
}

TEST_CASE("the Windows-1252 and the semicolon CSV read as the same plan") {
    LoadResult ansi = load_fixture("council-1252.csv");
    LoadResult semicolon = load_fixture("council-semicolon.csv");
    REQUIRE_MESSAGE(ansi.ok(), problems_text(ansi));
    REQUIRE_MESSAGE(semicolon.ok(), problems_text(semicolon));
    CHECK(plan_document_json(*ansi.plan)["recommendations"] ==
          plan_document_json(*semicolon.plan)["recommendations"]);
    const Recommendation* two = ansi.plan->find_recommendation("2");
    REQUIRE(two);
    CHECK(two->local_response[0].paragraph ==
          "Budget of £5,000 agreed; the partnership’s trainers booked, \"Neglect 101\" first.");
    bool said_1252 = false, said_semicolon = false;
    for (const auto& note : ansi.notes)
        said_1252 = said_1252 || note.find("Windows-1252") != std::string::npos;
    for (const auto& note : semicolon.notes)
        said_semicolon = said_semicolon || note.find("semicolons") != std::string::npos;
    CHECK(said_1252);
    CHECK(said_semicolon);
    // The dates of a CSV are the text Excel showed: the reader reads 31/03/2024.
    CHECK(ansi.plan->find_recommendation("1")->milestones[0].deadline == "31/03/2024");
    PlanView view = compute_view(*ansi.plan, make_date(2024, 5, 15), 30);
    CHECK(view.find("1")->rag == Rag::red);
    CHECK(view.find("1")->reported == RagAgreement::reported_better); // reported green
    CHECK(view.overall.rag_disagreements == 1);
}

// [SECTION] Table rules

TEST_CASE("headers are matched ignoring case, spaces, punctuation and a trailing colon") {
    CHECK(header_field("Ref No.") == Field::ref);
    CHECK(header_field("  ID ") == Field::ref);
    CHECK(header_field("Recommendation:") == Field::text);
    CHECK(header_field("By when?") == Field::deadline);
    CHECK(header_field("Target Date") == Field::deadline);
    CHECK(header_field("Lead officer:") == Field::lead);
    CHECK(header_field("Responsible Officer") == Field::lead);
    CHECK(header_field("Agency Deadline/ Agency Lead") == Field::deadline_and_lead);
    CHECK(header_field("Deadline/Lead") == Field::deadline_and_lead);
    CHECK(header_field("Progress update") == Field::local_response);
    CHECK(header_field("RAG status") == Field::reported_rag);
    CHECK(header_field("BRAG") == Field::reported_rag);
    CHECK(header_field("Govt deadline") == Field::government_deadline);
    CHECK(header_field("Government Response") == Field::government_response);
    CHECK(header_field("Theme") == Field::chapter);
    CHECK(header_field("Action") == Field::action_or_text);
    CHECK_FALSE(header_field("Comments"));
    CHECK_FALSE(header_field("Stauts"));
}

TEST_CASE("a cell's lines are paragraphs, bullet lines a list, a blank line ends a list") {
    Blocks blocks = cell_blocks("First.\n• one\n- two\n* three\n\n– four\nLast.");
    REQUIRE(blocks.size() == 4);
    CHECK(blocks[0].paragraph == "First.");
    CHECK(blocks[1].items == std::vector<std::string>{"one", "two", "three"});
    CHECK(blocks[2].items == std::vector<std::string>{"four"});
    CHECK(blocks[3].paragraph == "Last.");
    CHECK(cell_blocks("-5 children").at(0).paragraph == "-5 children");
}

TEST_CASE("a paragraph that looks like a bullet or holds a line break is escaped and reads back") {
    // As a person types them: a backslash makes a bullet text; "\\ " continues the line above.
    Blocks typed = cell_blocks("\\- 5 children\nTwo\n\\ lines\n\xE2\x80\xA2 item\n\\ continued");
    REQUIRE(typed.size() == 3);
    CHECK(typed[0].paragraph == "- 5 children");
    CHECK(typed[1].paragraph == "Two\nlines");
    CHECK(typed[2].items == std::vector<std::string>{"item\ncontinued"});
    // A path is text as it stands: only a backslash before a bullet or a space is an escape.
    CHECK(cell_blocks("S:\\Plans\\").at(0).paragraph == "S:\\Plans\\");
    CHECK(cell_blocks("\\\\server\\share").at(0).paragraph == "\\\\server\\share");

    // What --export writes reads back as the same blocks, whatever the paragraphs hold.
    for (const Blocks& blocks : std::vector<Blocks>{
             {{"- 5 children", {}}},
             {{"\xE2\x80\xA2 not a list", {}}, {"* nor this", {}}, {"\xE2\x80\x93 nor this", {}}},
             {{"First line\nsecond line\n\nafter a blank line", {}}},
             {{"Before:", {}}, {{}, {"an item\nof two lines", "- a dash", "\\ a backslash"}}},
             {{{}, {"one"}}, {{}, {"two"}}, {"\\ a backslash and a space", {}}},
             {{"\\- escaped already", {}}, {"\\\\ two backslashes", {}}, {"\\", {}}},
             {{"ends with a line break\n", {}}, {"S:\\Plans\\", {}}},
         }) {
        std::string cell = blocks_cell_text(blocks);
        CAPTURE(cell);
        Blocks back = cell_blocks(cell);
        REQUIRE(back.size() == blocks.size());
        for (std::size_t i = 0; i < blocks.size(); ++i) {
            CHECK(back[i].paragraph == blocks[i].paragraph);
            CHECK(back[i].items == blocks[i].items);
        }
    }
    // Plain text is written as it stands.
    CHECK(blocks_cell_text({{"Plain.", {}}, {{}, {"a", "b"}}}) ==
          "Plain.\n\xE2\x80\xA2 a\n\xE2\x80\xA2 b");
}

TEST_CASE("status words, RAG words and chapter labels") {
    CHECK(status_word("Complete") == Status::compliant);
    CHECK(status_word("done.") == Status::compliant);
    CHECK(status_word("On  Track") == Status::in_progress);
    CHECK(status_word("Started") == Status::in_progress);
    CHECK(status_word("Awaiting guidance") == Status::awaiting_national);
    CHECK(status_word("not yet started") == Status::not_started);
    CHECK_FALSE(status_word("Finished"));
    CHECK(rag_word("r") == Rag::red);
    CHECK(rag_word("Amber") == Rag::amber);
    CHECK(rag_word("GREEN") == Rag::green);
    CHECK(rag_word("B") == Rag::blue);
    CHECK_FALSE(rag_word("Purple"));

    ChapterLabel a = parse_chapter_label("Chapter 2: Leadership and Accountability");
    CHECK(a.number == 2);
    CHECK(a.title == "Leadership and Accountability");
    ChapterLabel b = parse_chapter_label("2. Leadership and Accountability");
    CHECK(b.number == 2);
    CHECK(b.title == "Leadership and Accountability");
    ChapterLabel c = parse_chapter_label("Leadership and Accountability");
    CHECK_FALSE(c.number);
    CHECK(c.title == "Leadership and Accountability");
    ChapterLabel d = parse_chapter_label("Chapter 1 – Progress");
    CHECK(d.number == 1);
    CHECK(d.title == "Progress");
    CHECK_FALSE(parse_chapter_label("2.1 Data").number);
}

// [SECTION] The fixtures, each with its expected plan

TEST_CASE("every fixture reads as its expected plan") {
    for (const char* name : {"council.xlsx", "council-1252.csv", "council-semicolon.csv",
                             "word-table.xlsx", "dates-1904.xlsx"}) {
        CAPTURE(name);
        LoadResult result = load_fixture(name);
        REQUIRE_MESSAGE(result.ok(), problems_text(result));
        std::string stem = fs::path(name).stem().string();
        json expected = json::parse(read_text(sheets_dir / "expected" / (stem + ".json")));
        CHECK(plan_document_json(*result.plan) == expected);
    }
}

TEST_CASE("council.xlsx: title rows, office headers, chapter rows, continuation rows, RAG") {
    LoadResult result = load_fixture("council.xlsx");
    REQUIRE_MESSAGE(result.ok(), problems_text(result));
    const Plan& plan = *result.plan;
    CHECK(plan.info.title == "Anytown Safeguarding Children Partnership"); // the title row
    CHECK(format_iso(plan.info.as_of) == "2024-05-15"); // the file's modification day
    REQUIRE(plan.chapters.size() == 3);
    CHECK(plan.chapters[0].title == "Governance"); // merged across the table
    CHECK(plan.chapters[1].number == 2);           // "2. Leadership ..."
    CHECK(plan.chapters[2].number == 3);           // no number: counted
    CHECK(plan.chapters[2].title == "Information Sharing");
    const Recommendation* one = plan.find_recommendation("1");
    REQUIRE(one);
    REQUIRE(one->milestones.size() == 2); // the continuation row adds a milestone
    CHECK(one->milestones[1].lead == "Comms lead");
    CHECK(one->milestones[1].action == "Publish the revised policy");
    CHECK(one->local_response.back().paragraph == "Publication planned after sign-off.");
    CHECK(one->local_response[2].items == std::vector<std::string>{"schools", "health visitors"});
    CHECK(one->reported_rag == Rag::green);
    CHECK(plan.find_recommendation("4A")->chapter == 3);
    CHECK(plan.find_recommendation("3")->status == Status::compliant); // "Completed"
    bool ignored = false, title = false, date = false;
    for (const auto& note : result.notes) {
        ignored = ignored || note.find("\"Comments\" (Actions!I4)") != std::string::npos;
        title = title || note.find("title row (Actions!A1)") != std::string::npos;
        date = date || note.find("reporting date 2024-05-15") != std::string::npos;
    }
    CHECK(ignored);
    CHECK(title);
    CHECK(date);
}

TEST_CASE("word-table.xlsx: one column of deadlines and leads, Plan and Chapters sheets, see") {
    LoadResult result = load_fixture("word-table.xlsx");
    REQUIRE_MESSAGE(result.ok(), problems_text(result));
    const Plan& plan = *result.plan;
    CHECK(plan.info.authority == "Sunderland Safeguarding Children Board");
    CHECK(format_iso(plan.info.as_of) == "2009-07-07");
    CHECK(plan.info.amber_days == 45);
    CHECK(plan.chapters[0].key_points.size() == 2);
    const Recommendation* one = plan.find_recommendation("1");
    REQUIRE(one->milestones.size() == 2);
    CHECK(one->milestones[0].deadline == "June 2009");
    CHECK(one->milestones[0].lead == "SSCB"); // the line above its deadline
    CHECK_FALSE(one->milestones[1].lead);
    CHECK(plan.find_recommendation("2")->government_deadline == "September 2009\nMarch 2010");
    CHECK(plan.find_recommendation("3")->local_response_see == "2");
}

TEST_CASE("a ref Excel turned into a number with a fraction names its cell") {
    LoadResult result = load_fixture("lost-fraction.xlsx");
    CHECK_FALSE(result.ok());
    CHECK(has_problem(result, "Actions!A3: ", "the number 1.1"));
    CHECK(has_problem(result, "Actions!A3: ", "format the Ref column as Text"));
}

TEST_CASE("Excel's lock file is named as such") {
    LoadResult result = load_fixture("~$council.xlsx");
    CHECK_FALSE(result.ok());
    CHECK(has_problem(result, "this is Excel's lock file", "--data council.xlsx"));
}

// [SECTION] Errors at their cells

TEST_CASE("problems name the cell, or the CSV line, column letter and header") {
    std::string header = "Ref,Recommendation,Status,Deadline,Lead\n";
    LoadResult status = load_csv_text(header + "1,Do it,Finished,June 2024,LSCB\n");
    CHECK(has_problem(status, "line 2, column C (Status): ", "\"Finished\" is not a status"));
    CHECK(has_problem(status, "line 2, column C (Status): ", "Awaiting national"));

    LoadResult duplicate = load_csv_text(header + "1,A,Done,,\n2,B,Done,,\n1,C,Done,,\n");
    CHECK(has_problem(duplicate, "line 4, column A (Ref): ",
                      "duplicate ref 1 (first at line 2, column A (Ref))"));

    LoadResult lead = load_csv_text(header + "1,A,Done,,LSCB\n");
    CHECK(has_problem(lead, "line 2, column D (Deadline): ", "no deadline"));

    LoadResult orphan = load_csv_text(header + ",A,,,\n1,B,Done,,\n");
    CHECK(has_problem(orphan, "line 2, column A (Ref): ", "no recommendation above it"));

    LoadResult no_status = load_csv_text("Ref,Recommendation,Deadline,Lead\n1,A,June,X\n");
    CHECK(has_problem(no_status, "line 1, column A: ", "no Status column"));

    LoadResult no_header = load_csv_text("a,b\n1,2\n");
    CHECK(has_problem(no_header, "no header row", "Ref, Recommendation"));

    LoadResult twice = load_csv_text("Ref,Recommendation,Status,Deadline,Due date\n1,A,Done,,\n");
    CHECK(has_problem(twice, "line 1, column E: ", "second Deadline column"));

    LoadResult rag = load_csv_text("Ref,Recommendation,Status,RAG\n1,A,Done,Purple\n");
    CHECK(has_problem(rag, "line 2, column D (RAG): ", "is not a RAG"));

    LoadResult empty_text = load_csv_text("Ref,Recommendation,Status\n1,,Done\n");
    CHECK(has_problem(empty_text, "line 2, column B (Recommendation): ", "must not be empty"));

    // --check --format json: the place as read, and the column's number (6 is F).
    REQUIRE_FALSE(status.problems.empty());
    json error = problem_json(status.problems[0]);
    CHECK(error["cell"] == "line 2, column C (Status)");
    CHECK(error["line"] == 2);
    CHECK(error["column"] == 3);
    CHECK_FALSE(error.contains("character"));
}

// "Column" in a CSV message is always a spreadsheet column; a byte that is not text is at a
// character of its line.
TEST_CASE("CSV: a byte that is not text is at a character, a cell at a column letter") {
    std::string text = "Ref,Recommendation,Status\n1,Caf\xC3\xA9,Done\n2,\xEF\xBB\xBF\xA3,Done\n";
    LoadResult bytes = parse_plan_source(text, "plan.csv", may_15());
    REQUIRE(bytes.problems.size() == 1);
    CHECK(
        format_problem(bytes.problems[0]).rfind("line 3, character 4: byte 0xA3 is not UTF-8", 0) ==
        0);
    json error = problem_json(bytes.problems[0]);
    CHECK(error["line"] == 3);
    CHECK(error["character"] == 4);
    CHECK_FALSE(error.contains("column"));

    std::string with_nul = "Ref,Recommendation,Status\n1,a";
    with_nul += '\0';
    with_nul += "b,Done\n";
    LoadResult nul = parse_plan_source(with_nul, "plan.csv", may_15());
    REQUIRE(nul.problems.size() == 1);
    CHECK(format_problem(nul.problems[0]).rfind("line 2, character 4: byte 0x00 (NUL)", 0) == 0);

    CsvRead open = parse_csv("Ref,Recommendation,Status\n1,\"never closed\n", ',', "t.csv");
    REQUIRE(open.problem);
    CHECK(format_problem(*open.problem).rfind("line 2, column B: a quoted cell starts here", 0) ==
          0);
    CsvRead stray = parse_csv("a,b,c\n1,x,\"y\"z\n", ',', "t.csv");
    REQUIRE(stray.problem);
    CHECK(format_problem(*stray.problem).rfind("line 2, column C: a quote in the middle", 0) == 0);

    LoadResult empty = parse_plan_source("\n\n", "plan.csv", may_15());
    REQUIRE(empty.problems.size() == 1);
    CHECK(format_problem(empty.problems[0]) == "the file is empty");
}

// [SECTION] A misspelt header: the cause first

TEST_CASE("a header one slip from a recognised one is suggested") {
    CHECK(close_header("Deadlnie")->header == "Deadline"); // two letters swapped
    CHECK(close_header("Deadlnie")->field == Field::deadline);
    CHECK(close_header("Stauts")->header == "Status");
    CHECK(close_header("Staus")->header == "Status");
    CHECK(close_header("Lead officers")->header == "Lead officer");
    CHECK(close_header("Targte date:")->header == "Target date");
    CHECK(close_header("Recomendation")->field == Field::text);
    CHECK_FALSE(close_header("Deadline")); // recognised: no slip
    CHECK_FALSE(close_header("Date"));     // two from "Due", which is short: no guess
    CHECK_FALSE(close_header("Comments"));
    CHECK_FALSE(close_header(""));
}

// The user's workbook: Deadline typed "Deadlnie" (I1). Before, every row's problem came first,
// each at column A, and the ignored column only after them all.
TEST_CASE("misspelt-deadline.xlsx: the misspelt header first, each row's problem at its cell") {
    LoadResult result = load_fixture("misspelt-deadline.xlsx");
    REQUIRE_FALSE(result.ok());
    REQUIRE(result.problems.size() == 4);
    CHECK(format_problem(result.problems[0]) ==
          "Actions!I1: \"Deadlnie\" is not a header this program reads: did you mean "
          "\"Deadline\"? The header row has no Deadline column, so 3 rows have a lead or an action "
          "but no deadline (listed below)");
    CHECK(format_problem(result.problems[1]) ==
          "Actions!C3: the Action cell is filled but the row has no deadline: the sheet has no "
          "Deadline column");
    CHECK(format_problem(result.problems[2]) ==
          "Actions!C4: the Action cell is filled but the row has no deadline: the sheet has no "
          "Deadline column");
    CHECK(format_problem(result.problems[3]) ==
          "Actions!G5: a lead (\"Chair\") with no deadline: the sheet has no Deadline column");
    bool noted = false;
    for (const auto& note : result.notes)
        noted = noted || note.find("\"Comments\" (Actions!H1), \"Deadlnie\" (Actions!I1; did you "
                                   "mean \"Deadline\"?)") != std::string::npos;
    CHECK(noted);
}

TEST_CASE("a missing column the rows need is said first, with the ignored headers") {
    // No header close to Deadline: the header row's problem lists the headers read and the
    // ignored columns, then each row's problem at its Action cell.
    LoadResult when = load_csv_text("Ref,Recommendation,Status,Action,When\n"
                                    "1,A,Done,Do it,June 2024\n"
                                    "2,B,Done,Do that,July 2024\n");
    REQUIRE(when.problems.size() == 3);
    CHECK(format_problem(when.problems[0]) ==
          "line 1, column A: the header row has no Deadline column, so 2 rows have an action but "
          "no deadline (listed below): add the column (headers read: Deadline, Due, Due date, "
          "Target date, Timescale, Timescales, By when, Agency deadline), or rename the ignored "
          "one that holds it: \"When\" (line 1, column E)");
    CHECK(format_problem(when.problems[1]) ==
          "line 2, column D (Action): the Action cell is filled but the row has no deadline: the "
          "sheet has no Deadline column");
    CHECK(format_problem(when.problems[2]).rfind("line 3, column D (Action): ", 0) == 0);

    // A required column misspelt: the problem is at the misspelt header, with the suggestion.
    LoadResult staus = load_csv_text("Ref,Recommendation,Deadline,Staus\n1,A,June 2024,Done\n");
    REQUIRE(staus.problems.size() == 1);
    CHECK(format_problem(staus.problems[0]) ==
          "line 1, column D: \"Staus\" is not a header this program reads: did you mean "
          "\"Status\"? The header row has no Status column (headers read: Status)");

    // Two headers read and one misspelt: no header row, and the slip that would make one.
    LoadResult two = load_csv_text("Ref,Recommendation,Staus\n1,A,Done\n");
    REQUIRE(two.problems.size() == 1);
    CHECK(format_problem(two.problems[0])
              .find("(see docs/spreadsheets.md for every header read); did you mean \"Status\" for "
                    "\"Staus\" (line 1, column C)?") != std::string::npos);

    // With a Deadline column, a row's missing deadline is at its deadline cell, as before.
    LoadResult empty =
        load_csv_text("Ref,Recommendation,Status,Action,Deadline\n1,A,Done,Do it,\n");
    REQUIRE(empty.problems.size() == 1);
    CHECK(format_problem(empty.problems[0]) ==
          "line 2, column E (Deadline): the Action cell is filled but the row has no deadline: "
          "write the deadline, or TBC if there is none yet");
}

TEST_CASE("a workbook's problems name the sheet and cell, an error value is one") {
    Workbook workbook;
    Sheet sheet;
    sheet.name = "Actions";
    auto put = [&sheet](int row, int column, std::string text, Cell::Kind kind = Cell::Kind::text) {
        Cell cell;
        cell.text = std::move(text);
        cell.kind = kind;
        sheet.rows[row][column] = cell;
    };
    put(0, 0, "Ref");
    put(0, 1, "Recommendation");
    put(0, 2, "Status");
    put(1, 0, "1");
    put(1, 1, "#REF!", Cell::Kind::error);
    put(1, 2, "Done");
    put(2, 0, "2");
    put(2, 1, "B");
    put(2, 2, "Finished");
    workbook.sheets.push_back(sheet);
    LoadResult result = plan_from_workbook(workbook, {"p.xlsx", make_date(2024, 1, 1)});
    CHECK_FALSE(result.ok());
    CHECK(has_problem(result, "Actions!B2: ", "#REF!"));
    CHECK(has_problem(result, "Actions!C3: ", "\"Finished\" is not a status"));
    for (const auto& problem : result.problems)
        CHECK(problem.cell.rfind("Actions!", 0) == 0);
}

TEST_CASE("continuation rows may repeat the status and RAG in other words, not change them") {
    LoadResult same = load_csv_text("Ref,Recommendation,Status,RAG,Deadline\n"
                                    "1,A,In progress,G,June 2024\n"
                                    ",,On track,Green,July 2024\n");
    REQUIRE_MESSAGE(same.ok(), problems_text(same));
    CHECK(same.plan->recommendations[0].milestones.size() == 2);
    LoadResult changed = load_csv_text("Ref,Recommendation,Status,RAG,Deadline\n"
                                       "1,A,In progress,G,June 2024\n"
                                       ",,Done,R,July 2024\n");
    CHECK(has_problem(changed, "line 3, column C (Status): ", "a recommendation has one"));
    CHECK(has_problem(changed, "line 3, column D (RAG): ", "a recommendation has one"));
}

TEST_CASE("a chapter column wins over chapter rows, titles are looked up") {
    LoadResult result = load_csv_text("Ref,Chapter,Recommendation,Status\n"
                                      "Chapter 1: One,,,\n"
                                      "1,2. Two,A,Done\n"
                                      "2,Two,B,Done\n"
                                      "3,1,C,Done\n");
    REQUIRE_MESSAGE(result.ok(), problems_text(result));
    CHECK(result.plan->find_recommendation("1")->chapter == 2);
    CHECK(result.plan->find_recommendation("2")->chapter == 2);
    CHECK(result.plan->find_recommendation("3")->chapter == 1);
}

// [SECTION] Reported RAG

TEST_CASE("reported and computed RAG: agree, better, worse, not compared") {
    CHECK(compare_reported_rag(std::nullopt, Rag::red) == RagAgreement::not_compared);
    CHECK(compare_reported_rag(Rag::green, Rag::none) == RagAgreement::not_compared);
    CHECK(compare_reported_rag(Rag::green, Rag::green) == RagAgreement::agree);
    CHECK(compare_reported_rag(Rag::green, Rag::red) == RagAgreement::reported_better);
    CHECK(compare_reported_rag(Rag::blue, Rag::amber) == RagAgreement::reported_better);
    CHECK(compare_reported_rag(Rag::red, Rag::green) == RagAgreement::reported_worse);
    CHECK(compare_reported_rag(Rag::green, Rag::blue) == RagAgreement::reported_worse);
    CHECK(reported_rag_note(Rag::green, Rag::red) == "Reported green, but the deadlines say red");
    CHECK(reported_rag_note(Rag::amber, Rag::amber) == "Reported amber");
    CHECK(reported_rag_note(Rag::amber, Rag::none) == "Reported amber");
    CHECK(reported_rag_note(std::nullopt, Rag::red).empty());
    CHECK(disagrees(RagAgreement::reported_better));
    CHECK_FALSE(disagrees(RagAgreement::not_compared));
}

TEST_CASE("reported_rag in a JSON plan: read, counted, and a bad value refused") {
    std::string text = read_text(data_dir / "valid/minimal.json");
    json plan = json::parse(text);
    plan["recommendations"][0]["reported_rag"] = "green";
    LoadResult result = parse_plan(plan.dump());
    REQUIRE_MESSAGE(result.ok(), problems_text(result));
    CHECK(result.plan->recommendations[0].reported_rag == Rag::green);
    plan["recommendations"][0]["reported_rag"] = "none";
    LoadResult bad = parse_plan(plan.dump());
    CHECK(has_problem(bad, "/recommendations/0/reported_rag: ", "is not one of"));
}

// [SECTION] Export and the round trip

TEST_CASE("--export to xlsx loads back as the same plan: Laming and every test plan") {
    testing::ScratchDir scratch;
    std::vector<std::pair<std::string, std::string>> plans = {
        {"laming", std::string(embedded_plan_json())}};
    for (const auto& entry : fs::directory_iterator(data_dir / "valid"))
        plans.emplace_back(entry.path().stem().string(), read_text(entry.path()));
    REQUIRE(plans.size() >= 5);
    for (const auto& [name, text] : plans) {
        CAPTURE(name);
        LoadResult original = parse_plan(text);
        REQUIRE(original.ok());
        json expected = plan_document_json(*original.plan);
        for (const char* extension : {".xlsx", ".json"}) {
            CAPTURE(extension);
            fs::path file = scratch.path / (name + extension);
            REQUIRE(export_plan(*original.plan, file.string()).empty());
            LoadResult back = load_plan_source(file.string());
            REQUIRE_MESSAGE(back.ok(), problems_text(back));
            CHECK(plan_document_json(*back.plan) == expected);
        }
        // CSV keeps the Actions sheet: the recommendations, not the Plan or Chapters sheets.
        fs::path csv = scratch.path / (name + ".csv");
        REQUIRE(export_plan(*original.plan, csv.string()).empty());
        LoadResult back = load_plan_source(csv.string());
        REQUIRE_MESSAGE(back.ok(), problems_text(back));
        CHECK(plan_document_json(*back.plan)["recommendations"] == expected["recommendations"]);
    }
}

TEST_CASE("the exported workbook has the three sheets, real date cells and a text Ref column") {
    testing::ScratchDir scratch;
    LoadResult laming = parse_plan(embedded_plan_json());
    REQUIRE(laming.ok());
    fs::path file = scratch.path / "laming.xlsx";
    REQUIRE(export_plan(*laming.plan, file.string()).empty());
    XlsxRead read = read_xlsx(read_text(file), [](std::string_view, int) { return true; });
    REQUIRE(read.workbook);
    CHECK(read.workbook->all_sheets == std::vector<std::string>{"Actions", "Plan", "Chapters"});
    const Sheet& plan = read.workbook->sheets[1];
    const Cell* as_of = plan.at(6, 1);
    REQUIRE(as_of);
    CHECK(as_of->kind == Cell::Kind::date);
    CHECK(as_of->text == "2009-07-07");
    CHECK(read.workbook->sheets[0].at(0, 0)->text == "Ref");
    CHECK(read.workbook->sheets[0].merge_at(1, 0) != nullptr); // the first chapter row
}

TEST_CASE("--export never writes the --data file, and wants .xlsx, .csv or .json") {
    testing::ScratchDir scratch;
    fs::path source = scratch.path / "plan.json";
    fs::copy_file(data_dir / "valid/minimal.json", source);
    std::string before = read_text(source);
    std::ostringstream out, err;
    CHECK(run_export(source.string(), source.string(), out, err) == 2);
    CHECK(err.str().find("never writes its data file") != std::string::npos);
    CHECK(run_export((scratch.path / "." / "plan.json").string(), source.string(), out, err) == 2);
    CHECK(read_text(source) == before);
    CHECK(run_export((scratch.path / "plan.ods").string(), source.string(), out, err) == 2);
    CHECK(run_export((scratch.path / "out.xlsx").string(), source.string(), out, err) == 0);
    CHECK(fs::exists(scratch.path / "out.xlsx"));
    CHECK(fs::file_size(scratch.path / "out.xlsx") > 1000);
}

// [SECTION] Deadlines that are not days, and the reporting date

TEST_CASE("CSV: a deadline naming a day that does not exist is an error at its line and column") {
    std::string header = "Ref,Recommendation,Status,Government deadline,Deadline,Lead\n";
    // The new user's cell: --check said OK, listing it only as having no timescale.
    LoadResult result =
        parse_plan_source(header + "1,Do it,In progress,,32/13/2009,LSCB\n", "plan.csv", may_15());
    CHECK_FALSE(result.ok());
    CHECK(has_problem(result,
                      "line 2, column E (Deadline): ", "\"32/13/2009\" is not a date: there is no month 13"));
    // Every numeric form, each at its own cell: a deadline cell of several lines, a later row.
    LoadResult forms = parse_plan_source(header + "1,A,In progress,By 31/04/2010,\"June 2010\n"
                                                  "2010-02-30\",LSCB\n"
                                                  "2,B,In progress,,29.02.09,LSCB\n",
                                         "plan.csv", may_15());
    CHECK(has_problem(forms,
                      "line 2, column D (Government deadline): ", "\"31/04/2010\" is not a date: April has 30 days"));
    CHECK(has_problem(
        forms, "line 2, column E (Deadline): ", "\"2010-02-30\" is not a date: February has at most 29 days"));
    CHECK(has_problem(
        forms, "line 4, column E (Deadline): ", "\"29.02.09\" is not a date: February 2009 has 28 days"));
    // In a column of deadlines and leads the line is a deadline, not a lead.
    LoadResult mixed = load_csv_text("Ref,Recommendation,Status,Agency Deadline/Agency Lead\n"
                                     "1,A,In progress,\"SSCB\n31/06/2010\"\n");
    CHECK(
        has_problem(mixed, "line 2, column D (Agency Deadline/Agency Lead): ", "\"31/06/2010\" is not a date: June has 30 days"));
    CHECK_FALSE(has_problem(mixed, "line 2, column D", "reads as a lead"));
}

TEST_CASE("xlsx: a deadline naming a day that does not exist is an error at its cell") {
    testing::ScratchDir scratch;
    LoadResult minimal = parse_plan(read_text(data_dir / "valid/minimal.json"));
    REQUIRE(minimal.ok());
    Plan plan = *minimal.plan;
    plan.recommendations[0].milestones[1].deadline = "32/13/2009";
    plan.recommendations[0].government_deadline = "31/04/2010";
    fs::path file = scratch.path / "plan.xlsx";
    REQUIRE(export_plan(plan, file.string()).empty());
    // Where the writer put the two texts, as the reader names cells.
    XlsxRead read = read_xlsx(read_text(file), [](std::string_view, int) { return true; });
    REQUIRE(read.workbook);
    std::string deadline_cell, government_cell;
    const Sheet& actions = read.workbook->sheets[0];
    for (const auto& [row, cells] : actions.rows) {
        for (const auto& [column, cell] : cells) {
            if (cell.text == "32/13/2009")
                deadline_cell = cell_name(actions, row, column);
            if (cell.text == "31/04/2010")
                government_cell = cell_name(actions, row, column);
        }
    }
    REQUIRE_FALSE(deadline_cell.empty());
    REQUIRE_FALSE(government_cell.empty());
    LoadResult result = load_plan_source(file.string());
    INFO(problems_text(result));
    CHECK_FALSE(result.ok());
    CHECK(has_problem(result, deadline_cell + ": ",
                      "\"32/13/2009\" is not a date: there is no month 13"));
    CHECK(has_problem(result, government_cell + ": ",
                      "\"31/04/2010\" is not a date: April has 30 days"));
    for (const auto& problem : result.problems)
        CHECK(problem.cell.rfind("Actions!", 0) == 0);
}

TEST_CASE("a workbook in memory: not-a-day deadlines at their cells, in every column") {
    Workbook workbook;
    Sheet sheet;
    sheet.name = "Actions";
    auto put = [&sheet](int row, int column, std::string text) {
        Cell cell;
        cell.text = std::move(text);
        sheet.rows[row][column] = cell;
    };
    const char* headers[] = {"Ref", "Recommendation", "Status", "Deadline", "Lead"};
    for (int column = 0; column < 5; ++column)
        put(0, column, headers[column]);
    put(1, 0, "1");
    put(1, 1, "A");
    put(1, 2, "In progress");
    put(1, 3, "06/30/2010");
    put(1, 4, "SSCB");
    workbook.sheets.push_back(sheet);
    LoadResult result = plan_from_workbook(workbook, {"p.xlsx", make_date(2024, 1, 1)});
    CHECK(has_problem(result, "Actions!D2: ",
                      "\"06/30/2010\" is not a date: there is no month 30 (dates are read day "
                      "first: 30/06/2010)"));
}

TEST_CASE("--as-of is the reporting date of a CSV or workbook that states none") {
    std::string csv = "Ref,Recommendation,Status,Deadline,Lead\n"
                      "1,A,In progress,end Q2,SSCB\n"
                      "2,B,In progress,by March,SSCB\n";
    // Without it: the day the file was saved, and year-less deadlines read against that.
    LoadResult saved = parse_plan_source(csv, "plan.csv", may_15());
    REQUIRE_MESSAGE(saved.ok(), problems_text(saved));
    CHECK(format_iso(saved.plan->info.as_of) == "2024-05-15");
    // With --as-of 2010-03-15: that date, said in the notes and the As of note.
    LoadResult given = parse_plan_source(csv, "plan.csv", may_15(), {}, {}, make_date(2010, 3, 15));
    REQUIRE_MESSAGE(given.ok(), problems_text(given));
    const Plan& plan = *given.plan;
    CHECK(format_iso(plan.info.as_of) == "2010-03-15");
    CHECK(plan.info.as_of_note.find("--as-of") != std::string::npos);
    bool noted = false;
    for (const auto& note : given.notes)
        noted = noted || note.find("reporting date 2010-03-15, from --as-of") != std::string::npos;
    CHECK(noted);
    PlanView view = compute_view(plan, plan.info.as_of, plan.info.amber_days);
    REQUIRE(view.milestones.size() == 2);
    // "end Q2": the financial year 2009/10 holding 15 March 2010; "by March": March 2010.
    CHECK(format_iso(*view.milestones[0].reading.due) == "2009-09-30");
    CHECK(format_iso(*view.milestones[1].reading.due) == "2010-03-31");
    // A date the workbook states always wins.
    LoadResult stated = parse_plan_source(read_text(sheets_dir / "word-table.xlsx"),
                                          (sheets_dir / "word-table.xlsx").string(), may_15(), {},
                                          {}, make_date(2010, 3, 15));
    REQUIRE_MESSAGE(stated.ok(), problems_text(stated));
    CHECK(format_iso(stated.plan->info.as_of) == "2009-07-07");
    // A JSON plan states its own, always.
    LoadResult json_plan = parse_plan_source(read_text(data_dir / "valid/minimal.json"),
                                             "plan.json", may_15(), {}, {}, make_date(2010, 3, 15));
    REQUIRE(json_plan.ok());
    CHECK(format_iso(json_plan.plan->info.as_of) == "2010-01-15");
}

// [SECTION] Watching a workbook

TEST_CASE(
    "a workbook watched: reloaded, a broken save refused with its cell, the lock file ignored") {
    testing::ScratchDir scratch;
    fs::path file = scratch.path / "plan.xlsx";
    LoadResult minimal = parse_plan(read_text(data_dir / "valid/minimal.json"));
    REQUIRE(minimal.ok());
    Plan plan = *minimal.plan;
    REQUIRE(export_plan(plan, file.string()).empty());

    LivePlanOptions options;
    options.path = file.string();
    options.log = [](const std::string&) {};
    options.parse = [](std::string_view bytes, const std::string& path,
                       std::chrono::system_clock::time_point modified, const LoadLimits& limits) {
        return parse_plan_source(bytes, path, modified, limits);
    };
    LivePlan live(options);
    REQUIRE(live.load_initial().ok());
    auto when = fs::last_write_time(file);
    auto save = [&](const Plan& next) {
        // As Excel saves: a whole new file renamed over the old one.
        REQUIRE(export_plan(next, file.string()).empty());
        when += std::chrono::seconds(1);
        fs::last_write_time(file, when);
        live.poll();
        live.poll();
    };

    // Excel opens the workbook: its lock file appears beside it.
    fs::copy_file(sheets_dir / "~$council.xlsx", scratch.path / "~$plan.xlsx");
    plan.info.title = "Second version";
    save(plan);
    CHECK(live.current()->plan->info.title == "Second version");
    CHECK_FALSE(live.state()->degraded);

    // A broken save: a status word the program does not know.
    Plan broken = plan;
    broken.info.title = "Broken";
    std::string bytes;
    {
        fs::path csv = scratch.path / "bad.csv";
        REQUIRE(export_plan(broken, csv.string()).empty());
        bytes = read_text(csv);
        auto at = bytes.find("In progress");
        REQUIRE(at != std::string::npos);
        bytes.replace(at, 11, "Finished");
        fs::path watched_csv = scratch.path / "watched.csv";
        std::ofstream(watched_csv, std::ios::binary) << bytes;
        LoadResult refused = load_plan_source(watched_csv.string());
        CHECK(has_problem(refused, "line ", "\"Finished\" is not a status"));
    }
    // The same fault in the workbook: a torn, half-written file.
    std::string whole = read_text(file);
    std::ofstream(file, std::ios::binary | std::ios::trunc) << whole.substr(0, whole.size() / 2);
    when += std::chrono::seconds(1);
    fs::last_write_time(file, when);
    live.poll();
    live.poll();
    CHECK(live.state()->degraded);
    CHECK(live.state()->last_error.find("damaged or incomplete") != std::string::npos);
    CHECK(live.current()->plan->info.title == "Second version"); // the last good plan stays

    plan.info.title = "Third version";
    save(plan);
    CHECK_FALSE(live.state()->degraded);
    CHECK(live.current()->plan->info.title == "Third version");
}

TEST_CASE("a broken workbook save names the cell in the reload error") {
    testing::ScratchDir scratch;
    fs::path file = scratch.path / "plan.xlsx";
    fs::copy_file(sheets_dir / "council.xlsx", file);
    LivePlanOptions options;
    options.path = file.string();
    options.log = [](const std::string&) {};
    options.parse = [](std::string_view bytes, const std::string& path,
                       std::chrono::system_clock::time_point modified, const LoadLimits& limits) {
        return parse_plan_source(bytes, path, modified, limits);
    };
    LivePlan live(options);
    REQUIRE(live.load_initial().ok());
    auto good = live.current();
    fs::copy_file(sheets_dir / "lost-fraction.xlsx", file, fs::copy_options::overwrite_existing);
    fs::last_write_time(file, fs::last_write_time(file) + std::chrono::seconds(5));
    live.poll();
    live.poll();
    CHECK(live.state()->degraded);
    CHECK(live.state()->last_error.find("Actions!A2: the ref is the number 1.9") !=
          std::string::npos);
    CHECK(live.current() == good);
}

// [SECTION] What a file is: its bytes first, then its name

namespace {

// The names a user gives a file: LibreOffice's default, Excel 97-2003's, none, and the names
// of the formats the program reads.
const char* const any_names[] = {"plan.json", "plan.csv", "plan.ods",  "plan.xls",
                                 "plan",      "plan.txt", "plan.xlsx", "Plan.PDF"};

} // namespace

// The council plan as LibreOffice saves it in formats that are not plans
// (tests/data/spreadsheets/other-formats, make_fixtures.py).
TEST_CASE("an .ods, an .xls and a PDF are named as such, whatever they are called") {
    const std::pair<const char*, std::string> cases[] = {
        {"council.ods",
         "the file is an OpenDocument spreadsheet (.ods), LibreOffice's own format, which this "
         "program does not read: save it as .xlsx (Excel Workbook) or CSV (in LibreOffice: File, "
         "Save As, file type Excel 2007-365 or Text CSV)"},
        {"council.xls",
         "the file is an Excel 97-2003 workbook (.xls), an old format this program does not "
         "read: open it in Excel (or LibreOffice) and save it as .xlsx (Excel Workbook) or CSV"},
        {"council.pdf",
         "the file is a PDF document, not a plan (a PDF's tables cannot be read back): save the "
         "plan from the program that made the PDF as .xlsx (Excel Workbook) or CSV"},
    };
    for (const auto& [file, expected] : cases) {
        std::string bytes = read_text(sheets_dir / "other-formats" / file);
        for (const char* name : any_names) {
            CAPTURE(file);
            CAPTURE(name);
            LoadResult result = parse_plan_source(bytes, name, may_15());
            REQUIRE(result.problems.size() == 1);
            CHECK(format_problem(result.problems[0]) == expected);
        }
        // The JSON loader alone (a follower's JSON, --history-import) says the same.
        LoadResult json_only = parse_plan(bytes);
        REQUIRE(json_only.problems.size() == 1);
        CHECK(format_problem(json_only.problems[0]) == expected);
        // And the workbook reader, asked directly.
        XlsxRead read = read_xlsx(bytes, [](std::string_view, int) { return true; });
        REQUIRE(read.problem);
        CHECK(read.problem->message == expected);
    }
}

TEST_CASE("a workbook or a JSON plan reads as itself, whatever it is called") {
    std::string workbook = read_text(sheets_dir / "council.xlsx");
    LoadResult as_xlsx = parse_plan_source(workbook, "council.xlsx", may_15());
    REQUIRE(as_xlsx.ok());
    std::string plan_json = read_text(data_dir / "valid/minimal.json");
    for (const char* name : any_names) {
        CAPTURE(name);
        LoadResult read = parse_plan_source(workbook, name, may_15());
        REQUIRE_MESSAGE(read.ok(), problems_text(read));
        CHECK(read.plan->info.title == as_xlsx.plan->info.title);
        REQUIRE(read.plan->recommendations.size() == as_xlsx.plan->recommendations.size());
        for (std::size_t i = 0; i < read.plan->recommendations.size(); ++i)
            CHECK(read.plan->recommendations[i].ref == as_xlsx.plan->recommendations[i].ref);
        CHECK(source_kind(name, workbook) == SourceKind::xlsx);

        LoadResult json_plan = parse_plan_source(plan_json, name, may_15());
        REQUIRE_MESSAGE(json_plan.ok(), problems_text(json_plan));
        CHECK(json_plan.plan->info.title == "Minimal plan");
    }
}

TEST_CASE("other files that are no plan are named by their first bytes") {
    std::string ole2_head = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + std::string(504, '\0');
    auto wide = [](std::string_view name) {
        std::string out;
        for (char c : name)
            out.append({c, '\0'});
        return out + std::string(2, '\0');
    };
    const std::pair<std::string, std::string> cases[] = {
        {ole2_head + wide("EncryptedPackage"), "the file is an encrypted workbook"},
        {ole2_head + wide("WordDocument"),
         "the file is a Word 97-2003 document (.doc), not a plan"},
        {ole2_head, "the file is an Excel 97-2003 workbook (.xls) or another Office 97-2003 file"},
        {"{\\rtf1\\ansi Action plan}", "the file is a Rich Text Format (.rtf) document"},
        {"\x89PNG\r\n\x1A\n" + std::string(8, '\0'), "the file is a PNG image, not a plan"},
        {"\xFF\xD8\xFF\xE0", "the file is a JPEG image, not a plan"},
        {"<!DOCTYPE html><html><table><tr><td>1</td></tr></table></html>",
         "the file is a web page (HTML), not a plan: open it in Excel and save it as .xlsx"},
        {"\xEF\xBB\xBF<html>", "the file is a web page (HTML)"},
        {"<?xml version=\"1.0\"?><?mso-application progid=\"Excel.Sheet\"?><Workbook/>",
         "the file is an Excel 2003 XML spreadsheet"},
        {read_text(sheets_dir / "sources/council.fods"),
         "the file is a flat OpenDocument spreadsheet (.fods)"},
        {read_text(sheets_dir / "hostile/17-word-named-xlsx.xlsx"),
         "the file is a Word document (.docx), not a plan: copy its table into Excel and save it "
         "as .xlsx (Excel Workbook) or CSV"},
    };
    for (const auto& [bytes, expected] : cases) {
        for (const char* name : any_names) {
            CAPTURE(expected);
            CAPTURE(name);
            LoadResult result = parse_plan_source(bytes, name, may_15());
            REQUIRE(result.problems.size() == 1);
            CHECK(format_problem(result.problems[0]).rfind(expected, 0) == 0);
        }
    }
}

TEST_CASE("the first bytes decide only what they make plain") {
    CHECK(plan_format_for_content("PK\x03\x04rest") == PlanFormat::xlsx);
    CHECK(plan_format_for_content("\xEF\xBB\xBF \n {\"format\": 1}") == PlanFormat::json);
    CHECK(plan_format_for_content("{}") == PlanFormat::json);
    // A CSV file's first cell may start with a brace or a bracket; no plan is an array.
    CHECK(plan_format_for_content("{Council name},,\nRef,Recommendation,Status\n") == std::nullopt);
    CHECK(plan_format_for_content("[Draft] action plan\n") == std::nullopt);
    CHECK(plan_format_for_content("[{\"ref\": 1}]") == std::nullopt);
    CHECK(plan_format_for_content("{\\rtf1}") == std::nullopt);
    CHECK(plan_format_for_content("Ref,Recommendation,Status\n") == std::nullopt);
    CHECK(plan_format_for_content("") == std::nullopt);
    // Then the name: text named .json stays JSON (its syntax error is said), .csv stays CSV.
    CHECK(plan_format_for("plan.json", "Ref,Recommendation,Status\n") == PlanFormat::json);
    CHECK(plan_format_for("plan.csv", "Ref,Recommendation,Status\n") == PlanFormat::csv);
    CHECK(plan_format_for("plan.csv", "{\"format\": \"actionboard-plan/1\"}") == PlanFormat::json);
    CHECK(plan_format_for("plan.json", "PK\x03\x04") == PlanFormat::xlsx);
    CHECK_FALSE(foreign_file_problem("Ref,Recommendation,Status\n"));
    CHECK_FALSE(foreign_file_problem(read_text(sheets_dir / "council.xlsx")));
    CHECK(opendocument_problem("application/vnd.oasis.opendocument.text")
              .rfind("the file is an OpenDocument text document (.odt), not a plan", 0) == 0);
    CHECK(opendocument_problem("application/vnd.oasis.opendocument.presentation\n") ==
          "the file is an OpenDocument file (application/vnd.oasis.opendocument.presentation?), "
          "not a plan: save it as .xlsx (Excel Workbook) or CSV");
}

// The watcher labels the bytes as they are read, so /api/v1/source serves an .xlsx called
// plan.json as a workbook (and a follower reads it as one: tests/follow/test_follow.cpp).
TEST_CASE("a workbook saved as plan.json is watched, served and labelled as a workbook") {
    testing::ScratchDir scratch;
    fs::path file = scratch.path / "plan.json";
    fs::copy_file(sheets_dir / "council.xlsx", file);
    LivePlanOptions options;
    options.path = file.string();
    options.log = [](const std::string&) {};
    options.parse = plan_source_parser();
    LivePlan live(options);
    LoadResult loaded = live.load_initial();
    REQUIRE_MESSAGE(loaded.ok(), problems_text(loaded));
    CHECK(live.current()->source_media_type == plan_media_type(PlanFormat::xlsx));
    CHECK(*live.current()->source_bytes == read_text(sheets_dir / "council.xlsx"));

    // Saved over with a JSON plan: labelled JSON.
    fs::copy_file(data_dir / "valid/minimal.json", file, fs::copy_options::overwrite_existing);
    fs::last_write_time(file, fs::last_write_time(file) + std::chrono::seconds(5));
    live.poll();
    live.poll();
    REQUIRE_FALSE(live.state()->degraded);
    CHECK(live.current()->plan->info.title == "Minimal plan");
    CHECK(live.current()->source_media_type == plan_media_type(PlanFormat::json));

    // Saved over with the .ods: refused, named, and the JSON plan stays.
    fs::copy_file(sheets_dir / "other-formats/council.ods", file,
                  fs::copy_options::overwrite_existing);
    fs::last_write_time(file, fs::last_write_time(file) + std::chrono::seconds(10));
    live.poll();
    live.poll();
    CHECK(live.state()->degraded);
    CHECK(live.state()->last_error.find("OpenDocument spreadsheet (.ods)") != std::string::npos);
    CHECK(live.current()->plan->info.title == "Minimal plan");
}

TEST_CASE("plan formats: by the file's extension, and by a Content-Type") {
    CHECK(plan_format_for_name("plan.json") == PlanFormat::json);
    CHECK(plan_format_for_name("/srv/Plan.XLSX") == PlanFormat::xlsx);
    CHECK(plan_format_for_name("macros.xlsm") == PlanFormat::xlsx);
    CHECK(plan_format_for_name("a.dir/plan.CSV") == PlanFormat::csv);
    CHECK(plan_format_for_name("plan.tsv") == PlanFormat::csv);
    CHECK(plan_format_for_name("plan") == PlanFormat::json);
    CHECK(plan_format_for_name("dir.xlsx/plan") == PlanFormat::json); // the name, not the folder
    CHECK(spreadsheet::source_kind("Plan.Xlsx") == spreadsheet::SourceKind::xlsx);

    CHECK(plan_media_type(PlanFormat::json) == "application/json; charset=utf-8");
    CHECK(plan_media_type(PlanFormat::csv) == "text/csv");
    for (PlanFormat format : {PlanFormat::json, PlanFormat::xlsx, PlanFormat::csv})
        CHECK(plan_format_for_media_type(plan_media_type(format)) == format); // round trip

    CHECK(plan_format_for_media_type("Application/JSON") == PlanFormat::json);
    CHECK(plan_format_for_media_type("application/problem+json") == PlanFormat::json);
    CHECK(plan_format_for_media_type(" text/csv ; charset=windows-1252") == PlanFormat::csv);
    CHECK(plan_format_for_media_type("application/octet-stream") == std::nullopt);
    CHECK(plan_format_for_media_type("text/plain") == std::nullopt);
    CHECK(plan_format_for_media_type("") == std::nullopt);
}
