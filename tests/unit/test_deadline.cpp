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
    // An explicit day wins over a modifier (found by the fuzzer: the due date fell before the
    // start).
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
    for (std::string text :
         {"JL TO PROVIDE TIMESCALE", "TBC", "Await announcement", "", "Agencies may respond",
          "Health and Social Care Act 2008", "see rec 12", "within six months"}) {
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

// [SECTION] Rules added for deadlines as councils write them (docs/deadlines.md)

namespace {
Date on(int year, unsigned month, unsigned day) {
    return make_date(year, month, day);
}
} // namespace

TEST_CASE("the issue's phrases read right") {
    Date as_of = on(2010, 1, 15);
    CHECK(describe("2010-03-31", as_of) == Readings{"dated 2010-03-31 2010-03-31"});
    CHECK(describe("Jan 08 \xE2\x80\x93 June 08", as_of) ==
          Readings{"dated 2008-01-01 2008-06-30"});
    CHECK(describe("Sept 2010 - Dec 2010", as_of) == Readings{"dated 2010-09-01 2010-12-31"});
    CHECK(describe("Complete", as_of) == Readings{"complete - -"});
    CHECK(describe("Immediate", as_of) == Readings{"dated 2010-01-15 2010-01-15"});
    CHECK(describe("Annually", as_of) == Readings{"recurring - -"});
    CHECK(describe("Quarterly", as_of) == Readings{"recurring - -"});
    CHECK(describe("end Q2", on(2009, 6, 1)) == Readings{"dated 2009-07-01 2009-09-30"});
    CHECK(describe("end Q2", on(2010, 2, 10)) == Readings{"dated 2009-07-01 2009-09-30"});
    CHECK(describe("w/c 12 April 2010", as_of) == Readings{"dated 2010-04-12 2010-04-18"});
}

TEST_CASE("kinds: names and which are open-ended") {
    CHECK(to_string(MilestoneKind::dated) == "dated");
    CHECK(to_string(MilestoneKind::ongoing) == "ongoing");
    CHECK(to_string(MilestoneKind::recurring) == "recurring");
    CHECK(to_string(MilestoneKind::complete) == "complete");
    CHECK(to_string(MilestoneKind::unscheduled) == "unscheduled");
    CHECK(is_open_ended(MilestoneKind::ongoing));
    CHECK(is_open_ended(MilestoneKind::recurring));
    CHECK_FALSE(is_open_ended(MilestoneKind::dated));
    CHECK_FALSE(is_open_ended(MilestoneKind::complete));
    CHECK_FALSE(is_open_ended(MilestoneKind::unscheduled));
}

TEST_CASE("ISO dates: that day, days that do not exist stay unread") {
    CHECK(describe("2010-03-31") == Readings{"dated 2010-03-31 2010-03-31"});
    CHECK(describe("by 2010-03-31") == Readings{"dated 2010-03-31 2010-03-31"});
    CHECK(describe("2010/03/31") == Readings{"dated 2010-03-31 2010-03-31"});
    CHECK(describe("2012-02-29") == Readings{"dated 2012-02-29 2012-02-29"});
    // "2009-10" alone is a financial year; with a day it is a day, not the year.
    CHECK(describe("2009-10-15") == Readings{"dated 2009-10-15 2009-10-15"});
    CHECK(describe("2009-10") == Readings{"dated 2009-04-01 2010-03-31"});
    for (const char* text :
         {"2011-02-29", "2010-02-30", "2010-13-01", "2010-04-31", "2010-00-10"}) {
        CAPTURE(text);
        CHECK(describe(text) == Readings{"unscheduled - -"});
    }
    auto readings = read_deadline("Report due 2010-03-31.", seed_as_of);
    REQUIRE(readings.size() == 1);
    CHECK(readings[0].phrase == "2010-03-31");
}

TEST_CASE("ranges: two dates joined by a dash or a word are one period") {
    const std::string en = "\xE2\x80\x93", em = "\xE2\x80\x94";
    // Every connector, two-digit and apostrophe years, curly apostrophes.
    for (const std::string& text : std::vector<std::string>{
             "Jan 08 - June 08", "Jan 08 " + en + " June 08", "Jan 08 " + em + " June 08",
             "Jan 08" + en + "June 08", "Jan '08 - June '08",
             "Jan \xE2\x80\x99"
             "08 - June 08",
             "January 2008 to June 2008", "Jan 2008 until June 2008", "Jan 2008 through June 2008",
             "Jan 2008 till June 2008", "Jan 2008 thru June 2008", "from January 2008 to June 2008",
             "between January 2008 and June 2008", "Jan - June 08", "Jan 2008-June 2008"}) {
        CAPTURE(text);
        CHECK(describe(text) == Readings{"dated 2008-01-01 2008-06-30"});
    }
    CHECK(describe("Sept 2010 - Dec 2010") == Readings{"dated 2010-09-01 2010-12-31"});
    CHECK(describe("April 2009 to March 2010") == Readings{"dated 2009-04-01 2010-03-31"});
    CHECK(describe("from June 2009 to December 2009") == Readings{"dated 2009-06-01 2009-12-31"});
    // Across a year end, and seasons.
    CHECK(describe("Nov 2009 - Feb 2010") == Readings{"dated 2009-11-01 2010-02-28"});
    CHECK(describe("Autumn 2009 " + en + " Spring 2010") ==
          Readings{"dated 2009-09-01 2010-05-31"});
    // The first half may borrow the second's year: the latest that starts no later.
    CHECK(describe("Autumn - Spring 2010") == Readings{"dated 2009-09-01 2010-05-31"});
    CHECK(describe("Winter - Spring 2010") == Readings{"dated 2009-12-01 2010-05-31"});
    CHECK(describe("Consultation autumn " + en + " spring 2010") ==
          Readings{"dated 2009-09-01 2010-05-31"});
    // Days, quarters, modifiers.
    CHECK(describe("12/03/2010 - 15/04/2010") == Readings{"dated 2010-03-12 2010-04-15"});
    CHECK(describe("2010-03-01 to 2010-03-31") == Readings{"dated 2010-03-01 2010-03-31"});
    CHECK(describe("Q1-Q2 2010/11") == Readings{"dated 2010-04-01 2010-09-30"});
    CHECK(describe("mid June 2010 - end July 2010") == Readings{"dated 2010-06-01 2010-07-31"});
    CHECK(describe("June 2010 - mid July 2010") == Readings{"dated 2010-06-01 2010-07-15"});
    auto readings = read_deadline("Consultation Sept 2010 - Dec 2010, report after", seed_as_of);
    REQUIRE(readings.size() == 1);
    CHECK(readings[0].phrase == "Sept 2010 - Dec 2010");
}

TEST_CASE("ranges: lists, backward pairs and a second half without a year stay apart") {
    const Readings two{"dated 2009-06-01 2009-06-30", "dated 2009-12-01 2009-12-31"};
    for (const char* text :
         {"June 2009; December 2009", "June 2009, December 2009", "June 2009 and December 2009",
          "June 2009\nDecember 2009", "June 2009 December 2009"}) {
        CAPTURE(text);
        CHECK(describe(text) == two);
    }
    CHECK(describe("March 2010 - January 2010") ==
          Readings{"dated 2010-03-01 2010-03-31", "dated 2010-01-01 2010-01-31"});
    // The second half names no year: not a range (as before, "December" alone after a dash is
    // not introduced, so only June reads).
    CHECK(describe("June 2009 - December") == Readings{"dated 2009-06-01 2009-06-30"});
    CHECK(describe("June 2009 to December") ==
          Readings{"dated 2009-06-01 2009-06-30", "dated 2009-12-01 2009-12-31"});
    // Unchanged: a month range with one year, and a dash between bare years.
    CHECK(describe("Jan-June 2008") == Readings{"dated 2008-01-01 2008-06-30"});
    CHECK(describe("2009-2012") == Readings{"unscheduled - -"});
}

TEST_CASE("done words: complete, with the completion date when one follows") {
    for (const char* text : {"Complete", "COMPLETE", "Completed", "completed.", "Done", "Achieved",
                             "In place", "In Place", "- Complete", "Complete (see rec 12)",
                             "Done - next review March 2011", "Completed and signed off"}) {
        CAPTURE(text);
        CHECK(describe(text) == Readings{"complete - -"});
    }
    CHECK(describe("Complete - March 2010") == Readings{"complete 2010-03-01 2010-03-31"});
    CHECK(describe("Completed March 2010") == Readings{"complete 2010-03-01 2010-03-31"});
    CHECK(describe("Complete - 12/03/2010") == Readings{"complete 2010-03-12 2010-03-12"});
    CHECK(describe("Achieved (Jan 2010)") == Readings{"complete 2010-01-01 2010-01-31"});
    CHECK(describe("Done: 2010-02-01") == Readings{"complete 2010-02-01 2010-02-01"});
    CHECK(describe("Completed in March 2010") == Readings{"complete 2010-03-01 2010-03-31"});
    CHECK(describe("In place since 2008") == Readings{"complete 2008-01-01 2008-12-31"});
    // With no year, the latest such month that began by the reporting date.
    CHECK(describe("Completed in November", on(2009, 7, 7)) ==
          Readings{"complete 2008-11-01 2008-11-30"});
    CHECK(describe("Completed in June", on(2009, 7, 7)) ==
          Readings{"complete 2009-06-01 2009-06-30"});
    // A done word that ends its reading, set off by punctuation, completes that reading's dates.
    CHECK(describe("March 2010 - Complete") == Readings{"complete 2010-03-01 2010-03-31"});
    CHECK(describe("Review by June 2009 (completed)") ==
          Readings{"complete 2009-06-01 2009-06-30"});
    CHECK(describe("Status: Complete") == Readings{"complete - -"});
    CHECK(describe("Phase 1 by June 2009 - done; phase 2 by March 2010") ==
          Readings{"complete 2009-06-01 2009-06-30", "dated 2010-03-01 2010-03-31"});
    auto readings = read_deadline("Achieved (Jan 2010)", seed_as_of);
    REQUIRE(readings.size() == 1);
    CHECK(readings[0].phrase == "Achieved (Jan 2010)");
}

TEST_CASE("done words inside a sentence or as an order are not done") {
    CHECK(describe("to complete the review by June 2009") ==
          Readings{"dated 2009-06-01 2009-06-30"});
    CHECK(describe("Complete the review by June 2009") == Readings{"dated 2009-06-01 2009-06-30"});
    CHECK(describe("Completion of audit by March 2010") == Readings{"dated 2010-03-01 2010-03-31"});
    CHECK(describe("Completed by March 2010") == Readings{"dated 2010-03-01 2010-03-31"});
    CHECK(describe("Complete by March 2010") == Readings{"dated 2010-03-01 2010-03-31"});
    CHECK(describe("Done by end June 2010") == Readings{"dated 2010-06-01 2010-06-30"});
    CHECK(describe("In place by March 2010") == Readings{"dated 2010-03-01 2010-03-31"});
    CHECK(describe("Completed review by March 2010") == Readings{"dated 2010-03-01 2010-03-31"});
    CHECK(describe("Review to be completed by June 2010") ==
          Readings{"dated 2010-06-01 2010-06-30"});
    for (const char* text : {"Not complete", "50% complete", "Incomplete", "Partially complete"}) {
        CAPTURE(text);
        CHECK(describe(text) == Readings{"unscheduled - -"});
    }
}

TEST_CASE("now words are due on the reporting date") {
    Date as_of = on(2010, 4, 14);
    for (const char* text :
         {"Immediate", "IMMEDIATE", "Immediately", "With immediate effect",
          "with immediate effect.", "Implement immediately", "Immediate; immediately"}) {
        CAPTURE(text);
        CHECK(describe(text, as_of) == Readings{"dated 2010-04-14 2010-04-14"});
    }
    CHECK(describe("Immediate and ongoing", as_of) == Readings{"ongoing 2010-04-14 -"});
    CHECK(describe("Immediate, thereafter monthly", as_of) ==
          Readings{"dated 2010-04-14 2010-04-14", "recurring - -"});
    CHECK(describe("Start immediately and review by June 2010", as_of) ==
          Readings{"dated 2010-04-14 2010-04-14", "dated 2010-06-01 2010-06-30"});
    // An adjective, or "immediately" tied to another event, names no date.
    CHECK(describe("Detail of immediate changes to be confirmed May 2009") ==
          Readings{"dated 2009-05-01 2009-05-31"});
    CHECK(describe("Immediately after the review", as_of) == Readings{"unscheduled - -"});
    CHECK(describe("Immediate action plan", as_of) == Readings{"unscheduled - -"});
}

TEST_CASE("recurring words: recurring, once per text") {
    for (const char* text : {"Annually",
                             "Annual",
                             "Yearly",
                             "Quarterly",
                             "Monthly",
                             "Bi-monthly",
                             "Six-monthly",
                             "Six monthly",
                             "Termly",
                             "Weekly",
                             "Fortnightly",
                             "half-yearly",
                             "Biannually",
                             "each meeting",
                             "every quarter",
                             "each month",
                             "each term",
                             "every year",
                             "every six months",
                             "every 2 years",
                             "every other week",
                             "each Board meeting",
                             "Reported to each Children's Trust Board meeting",
                             "twice a year",
                             "once a year",
                             "three times a year",
                             "Reviewed monthly",
                             "On a quarterly basis",
                             "Quarterly; annually",
                             "Quarterly\nQuarterly",
                             "Annually in March",
                             "Annually by 31 March"}) {
        CAPTURE(text);
        CHECK(describe(text) == Readings{"recurring - -"});
    }
    auto readings = read_deadline("Six-monthly", seed_as_of);
    REQUIRE(readings.size() == 1);
    CHECK(readings[0].phrase == "Six-monthly");
    // It repeats from a start, but is never due.
    CHECK(describe("Quarterly from April 2010") == Readings{"recurring 2010-04-01 -"});
    CHECK(describe("Monthly starting from June 2010") == Readings{"recurring 2010-06-01 -"});
    // A recurring word replaces a bare "ongoing" in its reading.
    CHECK(describe("Annually/ongoing through supervision") == Readings{"recurring - -"});
}

TEST_CASE("recurring words beside a date: read only as a clause of their own") {
    // Seed phrase: the group meets quarterly, but it is due to be set up in May 2009.
    CHECK(describe("Sub group established from May 2009 to meet quarterly with the Adviser") ==
          Readings{"dated 2009-05-01 2009-05-31"});
    CHECK(describe("Annual report by June 2010") == Readings{"dated 2010-06-01 2010-06-30"});
    CHECK(describe("Audit March 2007 and bi-annually") ==
          Readings{"dated 2007-03-01 2007-03-31", "recurring - -"});
    CHECK(describe("June 2010, then annually") ==
          Readings{"dated 2010-06-01 2010-06-30", "recurring - -"});
    CHECK(describe("June 2009\nQuarterly thereafter") ==
          Readings{"dated 2009-06-01 2009-06-30", "recurring - -"});
    CHECK(describe("every effort will be made by June 2010") ==
          Readings{"dated 2010-06-01 2010-06-30"});
    CHECK(describe("each of the actions by June 2010") == Readings{"dated 2010-06-01 2010-06-30"});
}

TEST_CASE("weeks run Monday to Sunday") {
    // 12 April 2010 is a Monday, 14 April a Wednesday, 18 April a Sunday.
    for (const char* text :
         {"w/c 12 April 2010", "W/C 12 April 2010", "wc 12/04/2010", "w.c. 12 April 2010",
          "week commencing 12th April 2010", "Week beginning Monday 12 April 2010",
          "w/b 12 April 2010", "w/c 14 April 2010", "w/c Wed 14/04/2010", "w/c 18 April 2010",
          "wk commencing 2010-04-12"}) {
        CAPTURE(text);
        CHECK(describe(text) == Readings{"dated 2010-04-12 2010-04-18"});
    }
    // Across a month end and a year end.
    CHECK(describe("w/c 29 March 2010") == Readings{"dated 2010-03-29 2010-04-04"});
    CHECK(describe("w/c 28 December 2009") == Readings{"dated 2009-12-28 2010-01-03"});
    CHECK(describe("w/c 1 January 2010") == Readings{"dated 2009-12-28 2010-01-03"});
    // Week ending: due that day, from six days before.
    CHECK(describe("w/e 16 April 2010") == Readings{"dated 2010-04-10 2010-04-16"});
    CHECK(describe("we 16/04/2010") == Readings{"dated 2010-04-10 2010-04-16"});
    CHECK(describe("week ending Sunday 3 January 2010") == Readings{"dated 2009-12-28 2010-01-03"});
    // No year: as any day without one.
    CHECK(describe("w/c 5 Oct", on(2010, 1, 15)) == Readings{"dated 2010-10-04 2010-10-10"});
    // "we" as a word; a week of a day that does not exist.
    CHECK(describe("we will report by June 2010") == Readings{"dated 2010-06-01 2010-06-30"});
    CHECK(describe("w/c 31 April 2010") == Readings{"unscheduled - -"});
    auto readings = read_deadline("Launch w/c 12 April 2010", seed_as_of);
    REQUIRE(readings.size() == 1);
    CHECK(readings[0].phrase == "w/c 12 April 2010");
}

TEST_CASE("a quarter with no year is in the financial year of the reporting date") {
    CHECK(describe("Q2", on(2009, 6, 1)) == Readings{"dated 2009-07-01 2009-09-30"});
    CHECK(describe("by Q3", on(2009, 6, 1)) == Readings{"dated 2009-10-01 2009-12-31"});
    CHECK(describe("Q4", on(2009, 6, 1)) == Readings{"dated 2010-01-01 2010-03-31"});
    // The financial year turns on 1 April.
    CHECK(describe("Q1", on(2010, 3, 31)) == Readings{"dated 2009-04-01 2009-06-30"});
    CHECK(describe("Q1", on(2010, 4, 1)) == Readings{"dated 2010-04-01 2010-06-30"});
    CHECK(describe("Q4", on(2010, 3, 31)) == Readings{"dated 2010-01-01 2010-03-31"});
    CHECK(describe("Q4", on(2010, 4, 1)) == Readings{"dated 2011-01-01 2011-03-31"});
    // Other ways to write it, and modifiers.
    for (const char* text : {"Quarter 2", "quarter two", "2nd quarter", "end of the second quarter",
                             "Qtr 2", "end Q2", "by the end of Q2"}) {
        CAPTURE(text);
        CHECK(describe(text, on(2010, 2, 10)) == Readings{"dated 2009-07-01 2009-09-30"});
    }
    CHECK(describe("early Q3", on(2010, 2, 10)) == Readings{"dated 2009-10-01 2009-10-10"});
    CHECK(describe("Q3 - Q4", on(2010, 2, 10)) == Readings{"dated 2009-10-01 2010-03-31"});
    // With a year, as before: a calendar quarter, or a financial one after a financial year.
    CHECK(describe("Q2 2010", on(2009, 6, 1)) == Readings{"dated 2010-04-01 2010-06-30"});
    CHECK(describe("Q2 2010/11", on(2009, 6, 1)) == Readings{"dated 2010-07-01 2010-09-30"});
    CHECK(describe("first quarter of 2010/11") == Readings{"dated 2010-04-01 2010-06-30"});
    CHECK(describe("Q2 09/10") == Readings{"dated 2009-07-01 2009-09-30"});
    CHECK(describe("Q4 09/10") == Readings{"dated 2010-01-01 2010-03-31"});
    CHECK(describe("Q2 09/11") == Readings{"dated 2009-04-01 2009-06-30"}); // not a year: "Q2 09"
    // A quarter's year is not lent to a month without one.
    CHECK(describe("by Q2 and by June", on(2010, 2, 10)) ==
          Readings{"dated 2009-07-01 2009-09-30", "dated 2010-06-01 2010-06-30"});
}

TEST_CASE("new forms never throw on broken or odd input") {
    for (const std::string& text : {std::string("w/c"),
                                    std::string("w/c 99 April"),
                                    std::string("Complete -"),
                                    std::string("\xE2"),
                                    std::string("\xE2\x80"),
                                    std::string("Jan 08 \xE2\x80"),
                                    std::string("between and"),
                                    std::string("Q"),
                                    std::string("Quarter"),
                                    std::string("- - -"),
                                    std::string("every"),
                                    std::string("each each each"),
                                    std::string("Immediate and"),
                                    std::string("in place in place"),
                                    std::string("to"),
                                    std::string("Jan 08 - "),
                                    std::string("2010-"),
                                    std::string("2010-03-"),
                                    std::string("9999-99-99 - 0000-00-00"),
                                    std::string("Winter 2199 - Spring 2199")}) {
        CAPTURE(text);
        CHECK_NOTHROW(read_deadline(text, seed_as_of));
        auto readings = read_deadline(text, seed_as_of);
        REQUIRE_FALSE(readings.empty());
        for (const auto& reading : readings) {
            if (reading.kind == MilestoneKind::dated)
                CHECK((reading.start && reading.due && *reading.start <= *reading.due));
        }
    }
}

TEST_CASE("spreadsheet dates: a month and a year joined by a tight dash") {
    CHECK(describe("Apr-09", on(2010, 1, 15)) == Readings{"dated 2009-04-01 2009-04-30"});
    CHECK(describe("Apr-09 to Mar-10") == Readings{"dated 2009-04-01 2010-03-31"});
    CHECK(describe("12-Jun-10") == Readings{"dated 2010-06-12 2010-06-12"});
    CHECK(describe("31-Mar-2010") == Readings{"dated 2010-03-31 2010-03-31"});
    // Spaced out, the number is not a year.
    CHECK(describe("April - 30 sites", on(2010, 1, 15)) == Readings{"dated 2010-04-01 2010-04-30"});
}

TEST_CASE("a range pairs a year only with a year") {
    CHECK(describe("June 2009 - 2010") == Readings{"dated 2009-06-01 2009-06-30"});
    CHECK(describe("from 2009 to 2011") == Readings{"dated 2009-01-01 2011-12-31"});
    CHECK(describe("2009/10 - 2010/11") == Readings{"dated 2009-04-01 2011-03-31"});
    CHECK(describe("31 March - 2010", on(2010, 1, 15)) == Readings{"dated 2010-03-31 2010-03-31"});
}

TEST_CASE("school terms: autumn and summer by month, spring not at all") {
    CHECK(describe("Autumn term 2009") == Readings{"dated 2009-09-01 2009-12-31"});
    CHECK(describe("by the summer term 2010") == Readings{"dated 2010-04-01 2010-07-31"});
    // After an academic year, the term's own calendar year.
    CHECK(describe("Autumn term 2009/10") == Readings{"dated 2009-09-01 2009-12-31"});
    CHECK(describe("Summer term 2009/10") == Readings{"dated 2010-04-01 2010-07-31"});
    // Spring term ends before Easter, in March or April: not the meteorological spring.
    CHECK(describe("Spring term 2010") == Readings{"unscheduled - -"});
}

TEST_CASE("this and next month, quarter and financial year count from the reporting date") {
    Date as_of = on(2010, 12, 15);
    CHECK(describe("this month", as_of) == Readings{"dated 2010-12-01 2010-12-31"});
    CHECK(describe("by the end of next month", as_of) == Readings{"dated 2011-01-01 2011-01-31"});
    CHECK(describe("this quarter", as_of) == Readings{"dated 2010-10-01 2010-12-31"});
    CHECK(describe("next quarter", as_of) == Readings{"dated 2011-01-01 2011-03-31"});
    CHECK(describe("next quarter", on(2011, 2, 1)) == Readings{"dated 2011-04-01 2011-06-30"});
    CHECK(describe("end of the financial year", as_of) == Readings{"dated 2010-04-01 2011-03-31"});
    CHECK(describe("the current financial year", on(2011, 3, 31)) ==
          Readings{"dated 2010-04-01 2011-03-31"});
    CHECK(describe("next financial year", on(2011, 4, 1)) ==
          Readings{"dated 2012-04-01 2013-03-31"});
    // "the month" names none.
    CHECK(describe("by the end of the month", as_of) == Readings{"unscheduled - -"});
}

// [SECTION] Welsh

TEST_CASE("Welsh month names read as the English ones do") {
    // The new user's CSV: all three came out unscheduled.
    CHECK(describe("Mawrth 2010") == Readings{"dated 2010-03-01 2010-03-31"});
    CHECK(describe("Medi 2009") == Readings{"dated 2009-09-01 2009-09-30"});
    CHECK(describe("Ebrill \xE2\x80\x93 Mehefin 2010") == Readings{"dated 2010-04-01 2010-06-30"});
    const char* names[] = {"Ionawr",     "Chwefror", "Mawrth", "Ebrill", "Mai",      "Mehefin",
                           "Gorffennaf", "Awst",     "Medi",   "Hydref", "Tachwedd", "Rhagfyr"};
    for (int month = 1; month <= 12; ++month) {
        CAPTURE(names[month - 1]);
        Date first = make_date(2010, unsigned(month), 1);
        std::string expected = "dated " + format_iso(first) + " " +
                               format_iso(last_day_of_month(2010, unsigned(month)));
        CHECK(describe(std::string(names[month - 1]) + " 2010") == Readings{expected});
        // The "mis" (month) prefix, any case.
        CHECK(describe("mis " + std::string(names[month - 1]) + " 2010") == Readings{expected});
        std::string upper = names[month - 1];
        for (char& c : upper)
            c = char(std::toupper(static_cast<unsigned char>(c)));
        CHECK(describe(upper + " 2010") == Readings{expected});
    }
    // Soft-mutated forms, after "erbyn" (by) and "diwedd" (end) and anywhere else.
    CHECK(describe("erbyn Fawrth 2010") == Readings{"dated 2010-03-01 2010-03-31"});
    CHECK(describe("erbyn diwedd Fai 2010") == Readings{"dated 2010-05-01 2010-05-31"});
    CHECK(describe("Fehefin 2010") == Readings{"dated 2010-06-01 2010-06-30"});
    CHECK(describe("erbyn Orffennaf 2010") == Readings{"dated 2010-07-01 2010-07-31"});
    CHECK(describe("erbyn Fedi 2009") == Readings{"dated 2009-09-01 2009-09-30"});
    CHECK(describe("diwedd Dachwedd 2009") == Readings{"dated 2009-11-01 2009-11-30"});
    // The other forms English months take: ranges with any dash or a slash, days, two-digit and
    // spreadsheet years, a range across a year end.
    CHECK(describe("Ebrill - Mehefin 2010") == Readings{"dated 2010-04-01 2010-06-30"});
    CHECK(describe("Ebrill\xE2\x80\x94Mehefin 2010") == Readings{"dated 2010-04-01 2010-06-30"});
    CHECK(describe("Ionawr/Chwefror 2010") == Readings{"dated 2010-01-01 2010-02-28"});
    CHECK(describe("Tachwedd 2009 - Chwefror 2010") == Readings{"dated 2009-11-01 2010-02-28"});
    CHECK(describe("Ionawr 08 - Mehefin 08") == Readings{"dated 2008-01-01 2008-06-30"});
    CHECK(describe("Medi 09") == Readings{"dated 2009-09-01 2009-09-30"});
    CHECK(describe("Awst-10") == Readings{"dated 2010-08-01 2010-08-31"});
    CHECK(describe("12 Mawrth 2010") == Readings{"dated 2010-03-12 2010-03-12"});
    CHECK(describe("31-Awst-10") == Readings{"dated 2010-08-31 2010-08-31"});
    CHECK(describe("w/c 12 Ebrill 2010") == Readings{"dated 2010-04-12 2010-04-18"});
}

TEST_CASE("Welsh period words: erbyn, diwedd, dechrau, canol, chwarter") {
    Date as_of = on(2010, 2, 10);
    CHECK(describe("diwedd Mawrth 2010") == Readings{"dated 2010-03-01 2010-03-31"});
    CHECK(describe("erbyn diwedd mis Mawrth 2010") == Readings{"dated 2010-03-01 2010-03-31"});
    CHECK(describe("dechrau Mehefin 2010") == Readings{"dated 2010-06-01 2010-06-10"});
    CHECK(describe("ar ddechrau mis Ebrill 2010") == Readings{"dated 2010-04-01 2010-04-10"});
    CHECK(describe("canol Medi 2009") == Readings{"dated 2009-09-01 2009-09-15"});
    CHECK(describe("yng nghanol Medi 2009") == Readings{"dated 2009-09-01 2009-09-15"});
    CHECK(describe("erbyn 2011") == Readings{"dated 2011-01-01 2011-12-31"});
    CHECK(describe("diwedd 2010") == Readings{"dated 2010-01-01 2010-12-31"});
    // No year: as "by March", after a deadline word, a modifier or "mis".
    CHECK(describe("erbyn Mawrth", as_of) == Readings{"dated 2010-03-01 2010-03-31"});
    CHECK(describe("diwedd Mehefin", as_of) == Readings{"dated 2010-06-01 2010-06-30"});
    CHECK(describe("ym mis Mai", as_of) == Readings{"dated 2010-05-01 2010-05-31"});
    CHECK(describe("Adroddiad interim erbyn Mehefin a chanllawiau Hydref 2009") ==
          Readings{"dated 2009-06-01 2009-06-30", "dated 2009-10-01 2009-10-31"});
    // Quarters: "Chwarter 2", "chwarter dau", "Ch2" as "Q2".
    CHECK(describe("Ch1 2010") == Readings{"dated 2010-01-01 2010-03-31"});
    CHECK(describe("Chwarter 2 2010/11") == Readings{"dated 2010-07-01 2010-09-30"});
    CHECK(describe("Ch2 2010/11") == Readings{"dated 2010-07-01 2010-09-30"});
    CHECK(describe("Chwarter 2", as_of) == Readings{"dated 2009-07-01 2009-09-30"});
    CHECK(describe("chwarter dau", as_of) == Readings{"dated 2009-07-01 2009-09-30"});
    CHECK(describe("erbyn Ch3", as_of) == Readings{"dated 2009-10-01 2009-12-31"});
    CHECK(describe("diwedd Ch4", as_of) == Readings{"dated 2010-01-01 2010-03-31"});
    CHECK(describe("erbyn diwedd Ch2", as_of) == Readings{"dated 2009-07-01 2009-09-30"});
    auto readings = read_deadline("Adroddiad erbyn diwedd mis Mawrth 2010", seed_as_of);
    REQUIRE(readings.size() == 1);
    CHECK(readings[0].phrase == "diwedd mis Mawrth 2010");
}

TEST_CASE("Welsh words change no English phrase, and Welsh clashes are not dates") {
    Date as_of = on(2010, 2, 10);
    // "Ch2" with no year and no Welsh deadline word can be "chapter 2".
    for (const char* text : {"Ch2", "as set out in Ch2", "see Ch1", "by Ch2", "end of Ch1"}) {
        CAPTURE(text);
        CHECK(describe(text, as_of) == Readings{"unscheduled - -"});
    }
    // "dydd Mawrth" and "nos Fawrth" are Tuesday; "yr hydref" is the autumn, not October.
    CHECK(describe("dydd Mawrth 12 Ebrill 2010") == Readings{"dated 2010-04-12 2010-04-12"});
    CHECK(describe("nos Fawrth", as_of) == Readings{"unscheduled - -"});
    CHECK(describe("erbyn yr hydref 2010") == Readings{"unscheduled - -"});
    CHECK(describe("erbyn i'r hydref", as_of) == Readings{"unscheduled - -"});
    // A month with no year needs a deadline word, as "May" does: "Mai" and "Medi" are names too,
    // and "mai" is also Welsh "that".
    for (const char* text : {"Mai Jones", "Medi Evans", "Mawrth", "mae'n glir mai hwn",
                             "MIS May report", "Update MIS March"}) {
        CAPTURE(text);
        CHECK(describe(text, as_of) == Readings{"unscheduled - -"});
    }
    // English reads as before.
    CHECK(describe("by May", as_of) == Readings{"dated 2010-05-01 2010-05-31"});
    CHECK(describe("end March 2010") == Readings{"dated 2010-03-01 2010-03-31"});
    CHECK(describe("Q2", as_of) == Readings{"dated 2009-07-01 2009-09-30"});
    CHECK(describe("Agencies may respond", as_of) == Readings{"unscheduled - -"});
}

TEST_CASE("accented letters read as their plain letters") {
    CHECK(describe("Mehef\xC3\xAEn 2010") == Readings{"dated 2010-06-01 2010-06-30"}); // î
    CHECK(describe("D\xC3\xA9"
                   "cember 2010") == Readings{"dated 2010-12-01 2010-12-31"}); // é
    CHECK(describe("erbyn G\xC5\xB4YL 2010") == Readings{"unscheduled - -"}); // Ŵ: a word, no date
    // The phrase keeps the text as written.
    auto readings = read_deadline("Mehef\xC3\xAEn 2010", seed_as_of);
    REQUIRE(readings.size() == 1);
    CHECK(readings[0].phrase == "Mehef\xC3\xAEn 2010");
    // Other non-ASCII characters still only separate words.
    CHECK(describe("\xE6\x97\xA5 June 2010") == Readings{"dated 2010-06-01 2010-06-30"});
}

// [SECTION] Days that do not exist

namespace {

std::vector<std::string> impossible(std::string_view text) {
    std::vector<std::string> out;
    for (const auto& bad : impossible_dates(text))
        out.push_back(bad.phrase + ": " + bad.reason);
    return out;
}

} // namespace

TEST_CASE("impossible days: named, in every numeric form the reader takes") {
    using Found = std::vector<std::string>;
    CHECK(impossible("32/13/2009") == Found{"32/13/2009: there is no month 13"});
    CHECK(impossible("32/12/2009") == Found{"32/12/2009: there is no day 32"});
    CHECK(impossible("00/12/2009") == Found{"00/12/2009: there is no day 0"});
    CHECK(impossible("31/04/2010") == Found{"31/04/2010: April has 30 days"});
    CHECK(impossible("29/02/2009") == Found{"29/02/2009: February 2009 has 28 days"});
    CHECK(impossible("30/02/2012") == Found{"30/02/2012: February has at most 29 days"});
    CHECK(impossible("31/04/10") == Found{"31/04/10: April has 30 days"});        // two-digit year
    CHECK(impossible("32.13.2009") == Found{"32.13.2009: there is no month 13"}); // dotted
    CHECK(impossible("2010-13-01") == Found{"2010-13-01: there is no month 13"}); // ISO
    CHECK(impossible("2010-00-10") == Found{"2010-00-10: there is no month 0"});
    CHECK(impossible("2011-02-29") == Found{"2011-02-29: February 2011 has 28 days"});
    CHECK(impossible("2010/04/31") == Found{"2010/04/31: April has 30 days"});
    CHECK(impossible("2010.09.31") == Found{"2010.09.31: September has 30 days"});
    // Month first, as in the US: said so.
    CHECK(impossible("06/30/2010") ==
          Found{"06/30/2010: there is no month 30 (dates are read day first: 30/06/2010)"});
    // Days with a month name.
    CHECK(impossible("31 April 2010") == Found{"31 April 2010: April has 30 days"});
    CHECK(impossible("31-Apr-10") == Found{"31-Apr-10: April has 30 days"});
    CHECK(impossible("29 February 2011") == Found{"29 February 2011: February 2011 has 28 days"});
    CHECK(impossible("31 Medi 2009") == Found{"31 Medi 2009: September has 30 days"});
    CHECK(impossible("by 31 Sept") == Found{"31 Sept: September has 30 days"}); // any year
    // A number that is no day, in a day's place before a month and a year.
    CHECK(impossible("32 March 2010") == Found{"32 March 2010: there is no day 32"});
    CHECK(impossible("by 0-Mar-10") == Found{"0-Mar-10: there is no day 0"});
    // Wherever it stands: in a sentence, a range, a week, after a done word, in several lines.
    CHECK(impossible("Report by 31/04/2010.") == Found{"31/04/2010: April has 30 days"});
    CHECK(impossible("12/03/2010 - 31/04/2010") == Found{"31/04/2010: April has 30 days"});
    CHECK(impossible("w/c 31/04/2010") == Found{"31/04/2010: April has 30 days"});
    CHECK(impossible("Completed 31/04/2010") == Found{"31/04/2010: April has 30 days"});
    CHECK(impossible("Done - next review 31/11/2011") == Found{"31/11/2011: November has 30 days"});
    CHECK(impossible("Completed 31 Sept 2009") == Found{"31 Sept 2009: September has 30 days"});
    CHECK(impossible("32/13/2009\n2010-02-30") ==
          Found{"32/13/2009: there is no month 13", "2010-02-30: February has at most 29 days"});
    // They still read as nothing.
    CHECK(describe("32/13/2009") == Readings{"unscheduled - -"});
    CHECK(describe("31/04/2010 onwards") == Readings{"unscheduled - -"});
}

TEST_CASE("impossible days: real days and other numbers are not") {
    for (const char* text : {"12/06/2009",
                             "29/02/2012",
                             "2012-02-29",
                             "01/03/10",
                             "12.06.2009",
                             "2010/03/31",
                             "29 February",
                             "by 29 Feb",
                             "31 March 2010",
                             "Q2 09/10",
                             "2010/11",
                             "2009-10",
                             "2010/12",
                             "2009-2012",
                             "0-5 year olds",
                             "3-year",
                             "70 test sites by 2011",
                             "Recommendation 4",
                             "1/2",
                             "12/13",
                             "2009/10 - 2010/11",
                             "Ongoing",
                             "TBC",
                             "",
                             "\xE2\x80",
                             "9999-99-99 - 0000-00-00",
                             "1.2.3",
                             "w/c 31 March 2010",
                             "70 sites March 2010",
                             "40 May",
                             "Recommendation 45 in June 2010"}) {
        CAPTURE(text);
        CHECK(impossible(text).empty());
    }
}
