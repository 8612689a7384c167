#include "dashboard/core/deadline.hpp"
#include "dashboard/core/embedded_plan.hpp"
#include "dashboard/core/loader.hpp"

#include <doctest/doctest.h>
#include <map>
#include <set>
#include <string>
#include <vector>

using namespace actionboard;

// Show both sides of a failed comparison of readings.
template <> struct doctest::StringMaker<std::vector<std::string>> {
    static doctest::String convert(const std::vector<std::string>& values) {
        std::string text = "{";
        for (const auto& value : values)
            text += (text.size() > 1 ? ", \"" : "\"") + value + "\"";
        return (text + "}").c_str();
    }
};

namespace {

// The seed plan's reporting date (its as_of).
const Date seed_as_of = make_date(2009, 7, 7);

// "kind start due" for each reading, "-" where a date is absent: easy to read in a failure.
std::vector<std::string> describe(std::string_view text, Date reporting_date = seed_as_of) {
    std::vector<std::string> out;
    for (const auto& reading : read_deadline(text, reporting_date)) {
        out.push_back(std::string(to_string(reading.kind)) + " " +
                      (reading.start ? format_iso(*reading.start) : "-") + " " +
                      (reading.due ? format_iso(*reading.due) : "-"));
    }
    return out;
}

// The rules that only use the year of the reporting date: any day of that year will do.
std::vector<std::string> describe(std::string_view text, int plan_year) {
    return describe(text, make_date(plan_year, 7, 7));
}

using Readings = std::vector<std::string>;

// Every deadline text in the seed plan, both columns, with how it must read (reporting
// date 7 July 2009, the plan's as_of).
const std::map<std::string, Readings>& seed_phrases() {
    static const std::map<std::string, Readings> phrases = {
        // Government deadline column
        {"Cabinet Sub-Committee sub group established from May 2009 to meet quarterly with the "
         "Chief Adviser on the Safety of Children",
         {"dated 2009-05-01 2009-05-31"}},
        {"Expert Group established from May 2009", {"dated 2009-05-01 2009-05-31"}},
        {"NSDU operational by July 2009", {"dated 2009-07-01 2009-07-31"}},
        {"Partnership Network established from May 2009\nNSDU Work programme published by "
         "September 2009\nCabinet Sub Committee sub group established from May 2009 to meet "
         "quarterly",
         {"dated 2009-05-01 2009-05-31", "dated 2009-09-01 2009-09-30",
          "dated 2009-05-01 2009-05-31"}},
        {"Cabinet Sub Committee sub group established May 2009, to meet quarterly with Chief "
         "Advisor",
         {"dated 2009-05-01 2009-05-31"}},
        {"Subject to passage of legislation, new statutory targets will be developed with "
         "stakeholders by autumn 2009 and implemented as soon as possible thereafter, in "
         "consultation with partners",
         {"dated 2009-09-01 2009-11-30"}},
        {"To be aligned as far as possible with work on Recommendation 4", {"unscheduled - -"}},
        {"Revised guidance by December 2009", {"dated 2009-12-01 2009-12-31"}},
        {"Revised DCS/LM guidance published June 2009.\nRevised Working Together guidance by "
         "December 2009",
         {"dated 2009-06-01 2009-06-30", "dated 2009-12-01 2009-12-31"}},
        {"Research briefings and national workshops by June 2009\nRegional workshops November 2009",
         {"dated 2009-06-01 2009-06-30", "dated 2009-11-01 2009-11-30"}},
        {"NSDU work programme to be published September 2009\nRevised Working Together by "
         "December 2009",
         {"dated 2009-09-01 2009-09-30", "dated 2009-12-01 2009-12-31"}},
        {"The new school inspection framework will apply from September 2009",
         {"dated 2009-09-01 2009-09-30"}},
        {"Revised Working Together guidance by December 2009", {"dated 2009-12-01 2009-12-31"}},
        {"We shall produce a set of recommendations by December 2009 that take account of the "
         "costs and affordability of implementation.",
         {"dated 2009-12-01 2009-12-31"}},
        {"Social Work Reform programme to be set out autumn 2009", {"dated 2009-09-01 2009-11-30"}},
        {"Detail of immediate changes to be confirmed May 2009\nOther reforms to be set out in "
         "response to the Social Work task Force's report October 2009",
         {"dated 2009-05-01 2009-05-31", "dated 2009-10-01 2009-10-31"}},
        {"NSDU publish work programme by September 2009", {"dated 2009-09-01 2009-09-30"}},
        {"NSDU work programme to be published September 2009\nRevised Working Together guidance "
         "December 2009",
         {"dated 2009-09-01 2009-09-30", "dated 2009-12-01 2009-12-31"}},
        {"The revised Code of Practice will be in place by October 2009",
         {"dated 2009-10-01 2009-10-31"}},
        {"A programme report will be produced by October 2009", {"dated 2009-10-01 2009-10-31"}},
        {"Work to promote the commissioning and implementation of the HCP for 0-5 year olds will "
         "be completed by March 2010\nThe HCP for 5-19 year olds will be available by December "
         "2009\nThe Family Nurse Partnership Programme will be expanded to 70 test sites by 2011",
         {"dated 2010-03-01 2010-03-31", "dated 2009-12-01 2009-12-31",
          "dated 2011-01-01 2011-12-31"}},
        {"A programme of action, taking account of the costs and affordability of implementation, "
         "will be agreed by December 2009\nProposals for amending the Regulations and updating the "
         "guidance on operation of the performers list will be produced by December 2009",
         {"dated 2009-12-01 2009-12-31", "dated 2009-12-01 2009-12-31"}},
        {"Action will be agreed by December 2009", {"dated 2009-12-01 2009-12-31"}},
        {"Updated Specialist Training to be available to police forces by December 2009",
         {"dated 2009-12-01 2009-12-31"}},
        // "Act 2008" is a title, not a date; "3-year" is a length, not a year.
        {"New regulatory framework established by the Health and Social Care Act 2008 from "
         "2010\nOfsted-led 3-year rolling programme from June 2009\nHMIC fieldwork to commence "
         "July/August 2009; first graded judgements by end November 2009",
         {"dated 2010-01-01 2010-12-31", "dated 2009-06-01 2009-06-30",
          "dated 2009-07-01 2009-08-31", "dated 2009-11-01 2009-11-30"}},
        {"Ongoing", {"ongoing - -"}},
        {"Revised Chapter 8 of Working Together guidance issued for consultation by July 2009",
         {"dated 2009-07-01 2009-07-31"}},
        {"SCR evaluation framework consultation July 2009", {"dated 2009-07-01 2009-07-31"}},
        {"NSDU work programme to be published by end September 2009",
         {"dated 2009-09-01 2009-09-30"}},
        {"From 2009 onwards", {"ongoing 2009-01-01 -"}},
        {"Interim report by June and LSCB practice guidance October 2009",
         {"dated 2009-06-01 2009-06-30", "dated 2009-10-01 2009-10-31"}},
        {"From April 2010", {"dated 2010-04-01 2010-04-30"}},
        {"A detailed announcement will be made later this year.", {"dated 2009-01-01 2009-12-31"}},
        {"Review report by September 2009", {"dated 2009-09-01 2009-09-30"}},
        // Agency deadline column
        {"April 2010", {"dated 2010-04-01 2010-04-30"}},
        {"June 2009", {"dated 2009-06-01 2009-06-30"}},
        {"July 2009", {"dated 2009-07-01 2009-07-31"}},
        {"December 2009", {"dated 2009-12-01 2009-12-31"}},
        {"March 2010", {"dated 2010-03-01 2010-03-31"}},
        {"JL TO PROVIDE TIMESCALE", {"unscheduled - -"}},
        {"October 2009", {"dated 2009-10-01 2009-10-31"}},
        {"August 2009", {"dated 2009-08-01 2009-08-31"}},
        {"Autumn 2009", {"dated 2009-09-01 2009-11-30"}},
        {"January 2009", {"dated 2009-01-01 2009-01-31"}},
        {"January 2010", {"dated 2010-01-01 2010-01-31"}},
        {"June 2009 December 2009", {"dated 2009-06-01 2009-06-30", "dated 2009-12-01 2009-12-31"}},
        {"November 2009", {"dated 2009-11-01 2009-11-30"}},
        {"September 2009", {"dated 2009-09-01 2009-09-30"}},
        {"May 2009", {"dated 2009-05-01 2009-05-31"}},
        {"August 2009 December 2009",
         {"dated 2009-08-01 2009-08-31", "dated 2009-12-01 2009-12-31"}},
        {"Jan/Feb 2010", {"dated 2010-01-01 2010-02-28"}},
        {"July 2009 Jan/Feb 2010", {"dated 2009-07-01 2009-07-31", "dated 2010-01-01 2010-02-28"}},
        {"Jan/Feb 2010 September 2009",
         {"dated 2010-01-01 2010-02-28", "dated 2009-09-01 2009-09-30"}},
    };
    return phrases;
}

} // namespace

TEST_CASE("every seed deadline phrase reads as expected") {
    for (const auto& [text, expected] : seed_phrases()) {
        CAPTURE(text);
        CHECK(describe(text) == expected);
    }
}

TEST_CASE("every deadline text in the embedded plan is a tested seed phrase") {
    LoadResult loaded = parse_plan(embedded_plan_json());
    REQUIRE(loaded.ok());
    std::set<std::string> texts;
    for (const auto& rec : loaded.plan->recommendations) {
        if (rec.government_deadline)
            texts.insert(*rec.government_deadline);
        for (const auto& m : rec.milestones)
            texts.insert(m.deadline);
        for (const auto& part : rec.parts) {
            if (part.government_deadline)
                texts.insert(*part.government_deadline);
            for (const auto& m : part.milestones)
                texts.insert(m.deadline);
        }
    }
    CHECK(texts.size() >= 40);
    for (const auto& text : texts) {
        CAPTURE(text);
        CHECK(seed_phrases().count(text) == 1);
    }
}

TEST_CASE("months: named, abbreviated, two-digit years") {
    CHECK(describe("Sept 2009") == Readings{"dated 2009-09-01 2009-09-30"});
    CHECK(describe("Oct 09") == Readings{"dated 2009-10-01 2009-10-31"});
    CHECK(describe("Oct '09") == Readings{"dated 2009-10-01 2009-10-31"});
    CHECK(describe("by FEBRUARY 2012") == Readings{"dated 2012-02-01 2012-02-29"});
    CHECK(describe("February 2011") == Readings{"dated 2011-02-01 2011-02-28"});
}

TEST_CASE("modifiers: early is the 10th, mid the 15th, late and end the last day") {
    CHECK(describe("early June 2009") == Readings{"dated 2009-06-01 2009-06-10"});
    CHECK(describe("mid September 2009") == Readings{"dated 2009-09-01 2009-09-15"});
    CHECK(describe("mid-September 2009") == Readings{"dated 2009-09-01 2009-09-15"});
    CHECK(describe("late May 2010") == Readings{"dated 2010-05-01 2010-05-31"});
    CHECK(describe("end of March 2010") == Readings{"dated 2010-03-01 2010-03-31"});
    CHECK(describe("by end March 2010") == Readings{"dated 2010-03-01 2010-03-31"});
    CHECK(describe("by the end of February 2012") == Readings{"dated 2012-02-01 2012-02-29"});
    CHECK(describe("mid Autumn 2009") == Readings{"dated 2009-09-01 2009-10-15"});
    // An explicit day wins over a modifier (found by the fuzzer: the due date fell before the start).
    CHECK(describe("mid 20 August 2009") == Readings{"dated 2009-08-20 2009-08-20"});
    CHECK(describe("end of 3/02/2010") == Readings{"dated 2010-02-03 2010-02-03"});
    CHECK(describe("early 2010") == Readings{"dated 2010-01-01 2010-03-31"});
    CHECK(describe("mid-2010") == Readings{"dated 2010-01-01 2010-06-30"});
    CHECK(describe("end 2010") == Readings{"dated 2010-01-01 2010-12-31"});
}

TEST_CASE("seasons are meteorological and winter ends in the next year") {
    CHECK(describe("Spring 2010") == Readings{"dated 2010-03-01 2010-05-31"});
    CHECK(describe("Summer 2010") == Readings{"dated 2010-06-01 2010-08-31"});
    CHECK(describe("Autumn 2010") == Readings{"dated 2010-09-01 2010-11-30"});
    CHECK(describe("Winter 2009") == Readings{"dated 2009-12-01 2010-02-28"});
    CHECK(describe("Winter 2011") == Readings{"dated 2011-12-01 2012-02-29"}); // leap year
    CHECK(describe("Winter 2009/10") == Readings{"dated 2009-12-01 2010-02-28"});
    CHECK(describe("to be set out in the autumn", 2009) == Readings{"dated 2009-09-01 2009-11-30"});
}

TEST_CASE("month ranges end on the later month's last day") {
    CHECK(describe("Jan/Feb 2010") == Readings{"dated 2010-01-01 2010-02-28"});
    CHECK(describe("Jan/Feb 2012") == Readings{"dated 2012-01-01 2012-02-29"});
    CHECK(describe("July/August 2009") == Readings{"dated 2009-07-01 2009-08-31"});
    CHECK(describe("January/February 2010") == Readings{"dated 2010-01-01 2010-02-28"});
    CHECK(describe("Dec/Jan 2010") == Readings{"dated 2009-12-01 2010-01-31"});
}

TEST_CASE("UK financial years and quarters") {
    CHECK(describe("2010/11") == Readings{"dated 2010-04-01 2011-03-31"});
    CHECK(describe("2009/2010") == Readings{"dated 2009-04-01 2010-03-31"});
    CHECK(describe("2011/12") == Readings{"dated 2011-04-01 2012-03-31"});
    // Found by the fuzzer: a modifier on a financial year counts from April.
    CHECK(describe("early 2008/09") == Readings{"dated 2008-04-01 2008-06-30"});
    CHECK(describe("mid 2008-2009") == Readings{"dated 2008-04-01 2008-09-30"});
    CHECK(describe("end 2008/09") == Readings{"dated 2008-04-01 2009-03-31"});
    CHECK(describe("2010/12") == Readings{"unscheduled - -"}); // not consecutive: not a year
    CHECK(describe("Q1 2010") == Readings{"dated 2010-01-01 2010-03-31"});
    CHECK(describe("Q4 2010") == Readings{"dated 2010-10-01 2010-12-31"});
    CHECK(describe("Q1 2010/11") == Readings{"dated 2010-04-01 2010-06-30"});
    CHECK(describe("Q3 2010/11") == Readings{"dated 2010-10-01 2010-12-31"});
    CHECK(describe("Q4 2010/11") == Readings{"dated 2011-01-01 2011-03-31"});
    CHECK(describe("Q2 09") == Readings{"dated 2009-04-01 2009-06-30"});
}

TEST_CASE("numeric dates are UK order") {
    CHECK(describe("12/06/2009") == Readings{"dated 2009-06-12 2009-06-12"});
    CHECK(describe("01/03/10") == Readings{"dated 2010-03-01 2010-03-01"});
    CHECK(describe("29/02/2012") == Readings{"dated 2012-02-29 2012-02-29"});
    CHECK(describe("29/02/2011") == Readings{"unscheduled - -"});
    // Found by the fuzzer: a day-and-month with no year is checked once the year is known.
    CHECK(describe("by 31 Sept") == Readings{"unscheduled - -"});
    CHECK(describe("29 February", 2011) == Readings{"unscheduled - -"});
    CHECK(describe("29 February", 2012) == Readings{"dated 2012-02-29 2012-02-29"});
    CHECK(describe("31/04/2010") == Readings{"unscheduled - -"});
    CHECK(describe("12.06.2009") == Readings{"dated 2009-06-12 2009-06-12"});
    CHECK(describe("12 March 2009") == Readings{"dated 2009-03-12 2009-03-12"});
    CHECK(describe("by 1st April 2010") == Readings{"dated 2010-04-01 2010-04-01"});
}

TEST_CASE("ongoing, from, onwards") {
    CHECK(describe("Ongoing") == Readings{"ongoing - -"});
    CHECK(describe("on-going") == Readings{"ongoing - -"});
    CHECK(describe("ONGOING review") == Readings{"ongoing - -"});
    CHECK(describe("From April 2010") == Readings{"dated 2010-04-01 2010-04-30"});
    CHECK(describe("from April 2010 onwards") == Readings{"ongoing 2010-04-01 -"});
    CHECK(describe("From 2009 onwards") == Readings{"ongoing 2009-01-01 -"});
    auto readings = read_deadline("Group established from May 2009", seed_as_of);
    REQUIRE(readings.size() == 1);
    CHECK(readings[0].phrase == "from May 2009");
}

TEST_CASE("relative phrases read against the plan's year") {
    CHECK(describe("later this year", 2012) == Readings{"dated 2012-01-01 2012-12-31"});
    CHECK(describe("by the end of next year", 2012) == Readings{"dated 2013-01-01 2013-12-31"});
    CHECK(describe("Interim report by June", 2011) == Readings{"dated 2011-06-01 2011-06-30"});
    // A month without a year takes the year of the next date in the same text.
    CHECK(describe("by June and then October 2010", 2009) ==
          Readings{"dated 2010-06-01 2010-06-30", "dated 2010-10-01 2010-10-31"});
}

TEST_CASE("unreadable texts are unscheduled and keep their words") {
    for (std::string text : {"JL TO PROVIDE TIMESCALE", "TBC", "Await announcement", "",
                             "Agencies may respond", "Health and Social Care Act 2008",
                             "see rec 12", "within six months"}) {
        CAPTURE(text);
        auto readings = read_deadline(text, seed_as_of);
        REQUIRE(readings.size() == 1);
        CHECK(readings[0].kind == MilestoneKind::unscheduled);
        CHECK_FALSE(readings[0].due);
        CHECK(readings[0].phrase == text);
    }
    CHECK(read_deadline("  TBC \n", seed_as_of)[0].phrase == "TBC");
}

TEST_CASE("several dates in one text give one milestone each, in text order") {
    auto readings =
        read_deadline("July/August 2009; first graded judgements by end November 2009", seed_as_of);
    REQUIRE(readings.size() == 2);
    CHECK(readings[0].phrase == "July/August 2009");
    CHECK(format_iso(*readings[0].due) == "2009-08-31");
    CHECK(readings[1].phrase == "end November 2009");
    CHECK(format_iso(*readings[1].due) == "2009-11-30");
}

TEST_CASE("hostile and odd inputs never throw") {
    std::string long_digits(5000, '9');
    std::string many_slashes(10000, '/');
    std::string binary = "\xff\xfe\x00\x01 June \xc3 2009";
    binary.push_back('\0');
    for (const std::string& text :
         {long_digits, many_slashes, binary, std::string("Q9 2010"), std::string("q 2010"),
          std::string("99/99/9999"), std::string("0/0/0"), std::string("mid"),
          std::string("end of the"), std::string("from"), std::string("2010/"),
          std::string("June/"), std::string("'"), std::string("Winter 2199/00")}) {
        CAPTURE(text);
        CHECK_NOTHROW(read_deadline(text, seed_as_of));
        CHECK_FALSE(read_deadline(text, seed_as_of).empty());
    }
}
