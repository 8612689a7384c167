// Real deadline phrases from published UK council plans (tests/data/deadline-phrases.tsv), each
// with the reading the rules in docs/deadlines.md give it.
//
// The file is tab-separated with a header line: phrase, reporting_date, kind, start, due, source.
// Lines starting with '#' are comments. A line break inside a phrase is written \n. A phrase that
// gives several milestones lists them in order, separated by '|', in kind, start and due alike:
// "dated|ongoing", "2008-03-01|", "2008-03-31|" (an empty field: no date).
#include "dashboard/core/deadline.hpp"

#include <doctest/doctest.h>
#include <fstream>
#include <set>
#include <string>
#include <vector>

using namespace actionboard;

namespace {

std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> fields;
    std::string field;
    for (char c : text) {
        if (c == separator) {
            fields.push_back(field);
            field.clear();
        } else {
            field.push_back(c);
        }
    }
    fields.push_back(field);
    return fields;
}

// "\n" is a line break, "\t" a tab, "\\" a backslash.
std::string unescape(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) {
            char next = text[i + 1];
            if (next == 'n' || next == 't' || next == '\\') {
                out.push_back(next == 'n' ? '\n' : next == 't' ? '\t' : '\\');
                ++i;
                continue;
            }
        }
        out.push_back(text[i]);
    }
    return out;
}

struct Row {
    int line = 0;
    std::string phrase;
    std::string reporting_date;
    std::vector<std::string> expected; // "kind start due" per milestone, "-" for no date
    std::string source;
    std::string problem; // why the row could not be read, if it could not
};

std::vector<Row> read_corpus(const std::string& path, std::string& header) {
    std::ifstream in(path);
    std::vector<Row> rows;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (number == 1) {
            header = line;
            continue;
        }
        if (line.empty() || line[0] == '#')
            continue;
        Row row;
        row.line = number;
        auto fields = split(line, '\t');
        if (fields.size() != 6) {
            row.problem = "expected 6 tab-separated fields, found " + std::to_string(fields.size());
            rows.push_back(row);
            continue;
        }
        row.phrase = unescape(fields[0]);
        row.reporting_date = fields[1];
        row.source = fields[5];
        auto kinds = split(fields[2], '|');
        auto starts = split(fields[3], '|');
        auto dues = split(fields[4], '|');
        if (starts.size() != kinds.size() || dues.size() != kinds.size()) {
            row.problem = "kind, start and due list different numbers of milestones";
            rows.push_back(row);
            continue;
        }
        for (std::size_t i = 0; i < kinds.size(); ++i) {
            row.expected.push_back(kinds[i] + " " + (starts[i].empty() ? "-" : starts[i]) + " " +
                                   (dues[i].empty() ? "-" : dues[i]));
        }
        rows.push_back(row);
    }
    return rows;
}

// "kind start due" per milestone, joined by " | ": both sides print in a failure.
std::string join(const std::vector<std::string>& milestones) {
    std::string out;
    for (const auto& milestone : milestones)
        out += (out.empty() ? "" : " | ") + milestone;
    return out;
}

std::string describe(const std::string& text, Date reporting_date) {
    std::vector<std::string> out;
    for (const auto& reading : read_deadline(text, reporting_date)) {
        out.push_back(std::string(to_string(reading.kind)) + " " +
                      (reading.start ? format_iso(*reading.start) : "-") + " " +
                      (reading.due ? format_iso(*reading.due) : "-"));
    }
    return join(out);
}

const std::string corpus_path = std::string(ACTIONBOARD_TEST_DATA_DIR) + "/deadline-phrases.tsv";

} // namespace

TEST_CASE("deadline corpus: every real council phrase reads as its row says") {
    std::string header;
    auto rows = read_corpus(corpus_path, header);
    REQUIRE(header == "phrase\treporting_date\tkind\tstart\tdue\tsource");
    // The corpus is the point of this test: an empty or truncated file must fail it.
    CHECK(rows.size() >= 80);
    const std::set<std::string> kinds{"dated", "ongoing", "recurring", "complete", "unscheduled"};
    for (const Row& row : rows) {
        CAPTURE(row.line);
        CAPTURE(row.phrase);
        CAPTURE(row.source);
        REQUIRE_MESSAGE(row.problem.empty(), row.problem);
        auto reporting_date = parse_iso_date(row.reporting_date);
        REQUIRE_MESSAGE(reporting_date.has_value(), "reporting_date is not YYYY-MM-DD");
        for (const auto& milestone : row.expected)
            CHECK(kinds.count(milestone.substr(0, milestone.find(' '))) == 1);
        CHECK(describe(row.phrase, *reporting_date) == join(row.expected));
    }
}
