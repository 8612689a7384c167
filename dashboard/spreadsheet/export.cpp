#include "export.hpp"

#include "dashboard/core/embedded_plan.hpp"
#include "dashboard/core/loader.hpp"
#include "dashboard/core/view.hpp"
#include "plan_json.hpp"
#include "sheet.hpp"
#include "source.hpp"
#include "table.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <unistd.h>
#include <xlsxwriter.h>

namespace actionboard::spreadsheet {

namespace {

namespace fs = std::filesystem;

// [SECTION] The table, as rows of cells

struct OutCell {
    std::string text;
    std::optional<Date> date; // written as a real date cell
    std::optional<int> number;
};

enum class Column {
    ref,
    part,
    text,
    addressed_to,
    bodies,
    government_response,
    government_deadline,
    local_response,
    deadline,
    lead,
    action,
    completed,
    completed_on,
    status,
    status_reason,
    rag
};

struct ColumnSpec {
    Column column;
    const char* header;
    double width;
};

struct Table {
    std::vector<ColumnSpec> columns;
    // Each row: cells by column index; a chapter row has one cell and `chapter` set.
    struct Row {
        std::vector<OutCell> cells;
        bool chapter = false;
    };
    std::vector<Row> rows;
};

std::string lines_text(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& line : lines)
        out += (out.empty() ? "" : "\n") + line;
    return out;
}

OutCell deadline_cell(const std::string& text) {
    OutCell cell{text, parse_iso_date(text), std::nullopt};
    return cell;
}

Table build_table(const Plan& plan) {
    bool parts = false, audience = false, bodies = false, government = false,
         government_deadline = false, action = false, completed = false, completed_on = false;
    auto scan_milestones = [&](const std::vector<MilestoneEntry>& list) {
        for (const auto& m : list) {
            action = action || !m.action.empty();
            completed = completed || m.complete;
            completed_on = completed_on || m.completed_on.has_value();
        }
    };
    for (const auto& rec : plan.recommendations) {
        parts = parts || !rec.parts.empty();
        audience = audience || rec.addressed_to.has_value();
        bodies = bodies || !rec.bodies.empty();
        government = government || !rec.government_response.empty();
        government_deadline = government_deadline || rec.government_deadline.has_value();
        scan_milestones(rec.milestones);
        for (const auto& part : rec.parts) {
            government = government || !part.government_response.empty();
            government_deadline = government_deadline || part.government_deadline.has_value();
            scan_milestones(part.milestones);
        }
    }
    Table table;
    auto add = [&table](bool used, Column column, const char* header, double width) {
        if (used)
            table.columns.push_back({column, header, width});
    };
    add(true, Column::ref, "Ref", 8);
    add(parts, Column::part, "Part", 6);
    add(true, Column::text, "Recommendation", 60);
    add(audience, Column::addressed_to, "Addressed to", 12);
    add(bodies, Column::bodies, "Bodies", 28);
    add(government, Column::government_response, "Government response", 50);
    add(government_deadline, Column::government_deadline, "Government deadline", 18);
    add(true, Column::local_response, "Local response", 60);
    add(true, Column::deadline, "Deadline", 16);
    add(true, Column::lead, "Lead", 18);
    add(action, Column::action, "Action", 40);
    add(completed, Column::completed, "Completed", 11);
    add(completed_on, Column::completed_on, "Completed on", 13);
    add(true, Column::status, "Status", 17);
    add(true, Column::status_reason, "Status reason", 40);
    add(true, Column::rag, "RAG", 7);

    auto index_of = [&table](Column column) -> int {
        for (std::size_t i = 0; i < table.columns.size(); ++i)
            if (table.columns[i].column == column)
                return int(i);
        return -1;
    };
    auto new_row = [&table]() -> Table::Row& {
        table.rows.push_back({std::vector<OutCell>(table.columns.size()), false});
        return table.rows.back();
    };
    auto set = [&index_of](Table::Row& row, Column column, OutCell cell) {
        int i = index_of(column);
        if (i >= 0)
            row.cells[std::size_t(i)] = std::move(cell);
    };
    auto set_text = [&set](Table::Row& row, Column column, std::string text) {
        set(row, column, OutCell{std::move(text), std::nullopt, std::nullopt});
    };
    auto set_milestone = [&](Table::Row& row, const MilestoneEntry& m) {
        set(row, Column::deadline, deadline_cell(m.deadline));
        set_text(row, Column::lead, m.lead.value_or(""));
        set_text(row, Column::action, m.action);
        set_text(row, Column::completed, m.complete ? "Yes" : "");
        if (m.completed_on)
            set(row, Column::completed_on,
                OutCell{format_iso(*m.completed_on), m.completed_on, {}});
    };
    auto milestone_rows = [&](Table::Row* first, const std::vector<MilestoneEntry>& list) {
        for (std::size_t i = 0; i < list.size(); ++i)
            set_milestone(i == 0 ? *first : new_row(), list[i]);
    };

    for (const auto& chapter : plan.chapters) {
        Table::Row& heading = new_row();
        heading.chapter = true;
        heading.cells[0].text = "Chapter " + std::to_string(chapter.number) + ": " + chapter.title;
        for (const auto& rec : plan.recommendations) {
            if (rec.chapter != chapter.number)
                continue;
            Table::Row& row = new_row();
            set_text(row, Column::ref, rec.ref);
            set_text(row, Column::text, blocks_cell_text(rec.text));
            if (rec.addressed_to)
                set_text(row, Column::addressed_to,
                         *rec.addressed_to == Audience::national ? "National" : "Local");
            set_text(row, Column::bodies, lines_text(rec.bodies));
            set_text(row, Column::government_response, blocks_cell_text(rec.government_response));
            set_text(row, Column::government_deadline, rec.government_deadline.value_or(""));
            set_text(row, Column::local_response,
                     rec.local_response_see ? "See recommendation " + *rec.local_response_see
                                            : blocks_cell_text(rec.local_response));
            set_text(row, Column::status, std::string(status_label(rec.status)));
            set_text(row, Column::status_reason, rec.status_reason);
            if (rec.reported_rag) {
                std::string rag(to_string(*rec.reported_rag));
                rag[0] = char(std::toupper(static_cast<unsigned char>(rag[0])));
                set_text(row, Column::rag, rag);
            }
            std::size_t row_index = table.rows.size() - 1;
            if (!rec.milestones.empty())
                milestone_rows(&table.rows[row_index], rec.milestones);
            for (const auto& part : rec.parts) {
                Table::Row& part_row = new_row();
                std::size_t part_index = table.rows.size() - 1;
                set_text(part_row, Column::part, part.label);
                set_text(part_row, Column::text, blocks_cell_text(part.text));
                set_text(part_row, Column::government_response,
                         blocks_cell_text(part.government_response));
                set_text(part_row, Column::government_deadline,
                         part.government_deadline.value_or(""));
                set_text(part_row, Column::local_response, blocks_cell_text(part.local_response));
                if (!part.milestones.empty())
                    milestone_rows(&table.rows[part_index], part.milestones);
            }
        }
    }
    return table;
}

// [SECTION] CSV

void append_csv_field(std::string& out, const std::string& text) {
    if (text.find_first_of(",\"\r\n;") == std::string::npos &&
        (text.empty() || (text.front() != ' ' && text.back() != ' '))) {
        out += text;
        return;
    }
    out += '"';
    for (char c : text) {
        if (c == '"')
            out += "\"\""; // a line break inside a cell stays "\n", as Excel writes it
        else
            out += c;
    }
    out += '"';
}

// [SECTION] xlsx

class XlsxWriter {
public:
    explicit XlsxWriter(const std::string& path) {
        lxw_workbook_options options{};
        options.constant_memory = LXW_FALSE; // merged ranges need the whole sheet
        workbook_ = workbook_new_opt(path.c_str(), &options);
    }
    ~XlsxWriter() {
        if (workbook_)
            workbook_close(workbook_); // only on an error path: close() normally
    }
    XlsxWriter(const XlsxWriter&) = delete;
    XlsxWriter& operator=(const XlsxWriter&) = delete;

    std::string write(const Plan& plan) {
        if (!workbook_)
            return "cannot create the workbook";
        make_formats();
        write_actions(plan);
        write_plan(plan);
        write_chapters(plan);
        if (!error_.empty())
            return error_;
        lxw_error status = workbook_close(workbook_);
        workbook_ = nullptr;
        if (status != LXW_NO_ERROR)
            return std::string("cannot write the workbook: ") + lxw_strerror(status);
        return {};
    }

private:
    lxw_workbook* workbook_ = nullptr;
    lxw_format* wrap_ = nullptr;
    lxw_format* text_ = nullptr;
    lxw_format* date_ = nullptr;
    lxw_format* header_ = nullptr;
    lxw_format* chapter_ = nullptr;
    std::string error_;

    void make_formats() {
        wrap_ = workbook_add_format(workbook_);
        format_set_text_wrap(wrap_);
        format_set_align(wrap_, LXW_ALIGN_VERTICAL_TOP);
        text_ = workbook_add_format(workbook_);
        format_set_num_format(text_, "@"); // refs stay text: 1.10 is not 1.1
        format_set_align(text_, LXW_ALIGN_VERTICAL_TOP);
        date_ = workbook_add_format(workbook_);
        format_set_num_format(date_, "yyyy-mm-dd");
        format_set_align(date_, LXW_ALIGN_VERTICAL_TOP);
        format_set_align(date_, LXW_ALIGN_LEFT);
        header_ = workbook_add_format(workbook_);
        format_set_bold(header_);
        format_set_text_wrap(header_);
        format_set_bg_color(header_, 0xD9E1F2);
        format_set_bottom(header_, LXW_BORDER_THIN);
        chapter_ = workbook_add_format(workbook_);
        format_set_bold(chapter_);
        format_set_bg_color(chapter_, 0xEDEDED);
    }

    void check(lxw_error status, const std::string& where) {
        if (status != LXW_NO_ERROR && error_.empty())
            error_ = where + ": " + lxw_strerror(status);
    }

    void put(lxw_worksheet* sheet, const std::string& name, int row, int column,
             const OutCell& cell, lxw_format* format) {
        std::string where = name + "!" + column_letters(column) + std::to_string(row + 1);
        if (cell.date) {
            lxw_datetime value{int(cell.date->year()),
                               int(unsigned(cell.date->month())),
                               int(unsigned(cell.date->day())),
                               0,
                               0,
                               0.0};
            check(worksheet_write_datetime(sheet, lxw_row_t(row), lxw_col_t(column), &value, date_),
                  where);
        } else if (cell.number) {
            check(worksheet_write_number(sheet, lxw_row_t(row), lxw_col_t(column), *cell.number,
                                         format),
                  where);
        } else if (!cell.text.empty()) {
            check(worksheet_write_string(sheet, lxw_row_t(row), lxw_col_t(column),
                                         cell.text.c_str(), format),
                  where);
        }
    }

    // A row tall enough for its wrapped text (a spreadsheet program does not grow a row it
    // opens): lines estimated from each cell's paragraphs and its column's width.
    static double row_height(const Table& table, const Table::Row& row) {
        int lines = 1;
        for (std::size_t c = 0; c < row.cells.size(); ++c) {
            const std::string& text = row.cells[c].text;
            double width = std::max(4.0, table.columns[c].width * 1.1);
            int cell_lines = 0;
            std::size_t start = 0;
            while (start <= text.size()) {
                std::size_t end = text.find('\n', start);
                if (end == std::string::npos)
                    end = text.size();
                std::size_t characters = 0;
                for (std::size_t i = start; i < end; ++i)
                    characters += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
                cell_lines += std::max(1, int(std::ceil(double(characters) / width)));
                start = end + 1;
            }
            lines = std::max(lines, cell_lines);
        }
        return std::min(409.0, 15.0 * lines); // Excel's tallest row is 409 points
    }

    void write_actions(const Plan& plan) {
        Table table = build_table(plan);
        lxw_worksheet* sheet = workbook_add_worksheet(workbook_, "Actions");
        int last = int(table.columns.size()) - 1;
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
            const ColumnSpec& spec = table.columns[c];
            worksheet_set_column(sheet, lxw_col_t(c), lxw_col_t(c), spec.width,
                                 spec.column == Column::ref || spec.column == Column::part ? text_
                                                                                           : wrap_);
            check(worksheet_write_string(sheet, 0, lxw_col_t(c), spec.header, header_), "Actions");
        }
        worksheet_freeze_panes(sheet, 1, 0);
        // Printed for a committee: landscape A4, one page wide, the header row on every page.
        worksheet_set_landscape(sheet);
        worksheet_set_paper(sheet, 9);
        worksheet_fit_to_pages(sheet, 1, 0);
        worksheet_repeat_rows(sheet, 0, 0);
        int row = 1;
        for (const auto& out : table.rows) {
            if (out.chapter) {
                check(worksheet_merge_range(sheet, lxw_row_t(row), 0, lxw_row_t(row),
                                            lxw_col_t(last), out.cells[0].text.c_str(), chapter_),
                      "Actions!A" + std::to_string(row + 1));
            } else {
                worksheet_set_row(sheet, lxw_row_t(row), row_height(table, out), nullptr);
                for (std::size_t c = 0; c < out.cells.size(); ++c) {
                    Column column = table.columns[c].column;
                    put(sheet, "Actions", row, int(c), out.cells[c],
                        column == Column::ref || column == Column::part ? text_ : wrap_);
                }
            }
            ++row;
        }
    }

    void write_plan(const Plan& plan) {
        const PlanInfo& info = plan.info;
        lxw_worksheet* sheet = workbook_add_worksheet(workbook_, "Plan");
        worksheet_set_column(sheet, 0, 0, 16, nullptr);
        worksheet_set_column(sheet, 1, 1, 90, wrap_);
        check(worksheet_write_string(sheet, 0, 0, "Field", header_), "Plan");
        check(worksheet_write_string(sheet, 0, 1, "Value", header_), "Plan");
        worksheet_freeze_panes(sheet, 1, 0);
        std::vector<std::pair<const char*, OutCell>> rows = {
            {"Title", {info.title, {}, {}}},
            {"Authority", {info.authority, {}, {}}},
            {"Version", {info.version, {}, {}}},
            {"ID", {info.id, {}, {}}},
            {"Source", {info.source, {}, {}}},
            {"As of", {format_iso(info.as_of), info.as_of, {}}},
            {"As of note", {info.as_of_note, {}, {}}},
            {"Amber days", {"", {}, info.amber_days}},
            {"Actions to date", {lines_text(info.actions_to_date), {}, {}}},
            {"Summary", {lines_text(info.summary), {}, {}}},
            {"Notes", {lines_text(info.notes), {}, {}}},
        };
        int row = 1;
        for (const auto& [key, cell] : rows) {
            check(worksheet_write_string(sheet, lxw_row_t(row), 0, key, nullptr), "Plan");
            put(sheet, "Plan", row, 1, cell, wrap_);
            ++row;
        }
    }

    void write_chapters(const Plan& plan) {
        lxw_worksheet* sheet = workbook_add_worksheet(workbook_, "Chapters");
        const char* headers[] = {"Number", "Title", "Key points", "Local position"};
        double widths[] = {9, 40, 60, 60};
        for (int c = 0; c < 4; ++c) {
            worksheet_set_column(sheet, lxw_col_t(c), lxw_col_t(c), widths[c], wrap_);
            check(worksheet_write_string(sheet, 0, lxw_col_t(c), headers[c], header_), "Chapters");
        }
        worksheet_freeze_panes(sheet, 1, 0);
        int row = 1;
        for (const auto& chapter : plan.chapters) {
            put(sheet, "Chapters", row, 0, {"", {}, chapter.number}, wrap_);
            put(sheet, "Chapters", row, 1, {chapter.title, {}, {}}, wrap_);
            put(sheet, "Chapters", row, 2, {blocks_cell_text(chapter.key_points), {}, {}}, wrap_);
            put(sheet, "Chapters", row, 3, {blocks_cell_text(chapter.local_position), {}, {}},
                wrap_);
            ++row;
        }
    }
};

std::string lower_extension(const std::string& path) {
    std::string extension = fs::path(path).extension().string();
    for (char& c : extension)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return extension;
}

// A name beside `path` for the file being written, renamed over `path` when complete.
std::string temporary_beside(const std::string& path) {
    fs::path target(path);
    fs::path name = target.filename();
    // GCC 12 warns (-Wrestrict, falsely) on "literal" + std::string: built with append.
    std::string temp = ".";
    temp.append(name.stem().string())
        .append(".tmp-")
        .append(std::to_string(::getpid()))
        .append(name.extension().string());
    return (target.parent_path() / temp).string();
}

} // namespace

std::string plan_csv(const Plan& plan) {
    Table table = build_table(plan);
    std::string out = "\xEF\xBB\xBF";
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
        if (c)
            out += ',';
        append_csv_field(out, table.columns[c].header);
    }
    out += "\r\n";
    for (const auto& row : table.rows) {
        for (std::size_t c = 0; c < row.cells.size(); ++c) {
            if (c)
                out += ',';
            append_csv_field(out, row.cells[c].number ? std::to_string(*row.cells[c].number)
                                                      : row.cells[c].text);
        }
        out += "\r\n";
    }
    return out;
}

std::string write_xlsx(const Plan& plan, const std::string& path) {
    XlsxWriter writer(path);
    return writer.write(plan);
}

std::string export_plan(const Plan& plan, const std::string& path) {
    std::string extension = lower_extension(path);
    if (extension != ".xlsx" && extension != ".csv" && extension != ".json")
        return "--export writes .xlsx, .csv or .json: \"" + path + "\" ends otherwise";
    std::string temp = temporary_beside(path);
    std::string error;
    if (extension == ".xlsx") {
        error = write_xlsx(plan, temp);
    } else {
        std::string text =
            extension == ".csv" ? plan_csv(plan) : plan_document_json(plan).dump(2) + "\n";
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out << text;
        out.close();
        if (!out)
            error = "cannot write " + temp;
    }
    std::error_code ignored;
    if (!error.empty()) {
        fs::remove(temp, ignored);
        return error;
    }
    std::error_code renamed;
    fs::rename(temp, path, renamed);
    if (renamed) {
        fs::remove(temp, ignored);
        return "cannot write " + path + ": " + renamed.message();
    }
    return {};
}

int run_export(const std::string& file, const std::optional<std::string>& source, std::ostream& out,
               std::ostream& err) {
    std::string extension = lower_extension(file);
    if (extension != ".xlsx" && extension != ".csv" && extension != ".json") {
        err << "actionboard: --export writes .xlsx, .csv or .json, chosen by the file name: \""
            << file << "\"\n";
        return 2;
    }
    if (source) {
        std::error_code error;
        bool same = fs::weakly_canonical(file, error) == fs::weakly_canonical(*source, error) ||
                    (fs::exists(file) && fs::equivalent(file, *source, error));
        if (same) {
            err << "actionboard: --export " << file << " would overwrite the plan it reads (--data "
                << *source << "); the program never writes its data file: export to another name\n";
            return 2;
        }
    }
    LoadResult result = source ? load_plan_source(*source) : parse_plan(embedded_plan_json());
    std::string name = source ? *source : std::string(embedded_plan_name);
    if (!result.ok()) {
        err << "actionboard: " << name << " is not a valid plan:\n";
        for (const auto& problem : result.problems)
            err << "  " << format_problem(problem) << "\n";
        return 1;
    }
    if (std::string why = export_plan(*result.plan, file); !why.empty()) {
        err << "actionboard: " << why << "\n";
        return 1;
    }
    out << "wrote " << file << ": " << result.plan->recommendations.size() << " recommendations in "
        << result.plan->chapters.size() << " chapters from " << name
        << (extension == ".csv" ? " (CSV holds the Actions sheet only: no Plan or Chapters)" : "")
        << "\n";
    return 0;
}

} // namespace actionboard::spreadsheet
