#include "dashboard/core/as_of.hpp"
#include "dashboard/core/date.hpp"

#include <doctest/doctest.h>

using namespace actionboard;

TEST_CASE("ISO dates parse strictly") {
    CHECK(parse_iso_date("2009-07-07") == make_date(2009, 7, 7));
    CHECK(parse_iso_date("2012-02-29") == make_date(2012, 2, 29));
    CHECK_FALSE(parse_iso_date("2011-02-29"));  // not a leap year
    CHECK_FALSE(parse_iso_date("2009-13-01"));
    CHECK_FALSE(parse_iso_date("2009-7-7"));
    CHECK_FALSE(parse_iso_date("07/07/2009"));
    CHECK_FALSE(parse_iso_date("2009-07-07T00:00"));
    CHECK_FALSE(parse_iso_date(""));
}

TEST_CASE("dates format for machines and people") {
    CHECK(format_iso(make_date(2009, 7, 7)) == "2009-07-07");
    CHECK(format_long(make_date(2009, 7, 7)) == "7 July 2009");
    CHECK(format_month_year(make_date(2010, 2, 28)) == "Feb 2010");
}

TEST_CASE("month ends and day arithmetic handle leap years") {
    CHECK(last_day_of_month(2012, 2) == make_date(2012, 2, 29));
    CHECK(last_day_of_month(2010, 2) == make_date(2010, 2, 28));
    CHECK(last_day_of_month(2000, 2) == make_date(2000, 2, 29));
    CHECK(last_day_of_month(2100, 2) == make_date(2100, 2, 28));
    CHECK(add_days(make_date(2012, 2, 28), 1) == make_date(2012, 2, 29));
    CHECK(add_days(make_date(2009, 12, 31), 1) == make_date(2010, 1, 1));
    CHECK(days_between(make_date(2009, 7, 7), make_date(2009, 8, 6)) == 30);
    CHECK(days_between(make_date(2009, 8, 6), make_date(2009, 7, 7)) == -30);
}

TEST_CASE("as-of setting: plan date, fixed date or today") {
    Date plan = make_date(2009, 7, 7), today = make_date(2026, 11, 22);
    CHECK(parse_as_of("today")->resolve(plan, today) == today);
    CHECK(parse_as_of("plan")->resolve(plan, today) == plan);
    CHECK(parse_as_of("2010-01-31")->resolve(plan, today) == make_date(2010, 1, 31));
    CHECK(AsOfSetting{}.resolve(plan, today) == plan);
    CHECK_FALSE(parse_as_of("tomorrow"));
    CHECK_FALSE(parse_as_of("2010-02-30"));
}
