#pragma once
// Calendar dates for the plan: ISO parsing and formatting, month ends, day arithmetic.
// Everything is a civil date (no time zone): a deadline is met through the whole of its due day.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace actionboard {

using Date = std::chrono::year_month_day;

// Strict YYYY-MM-DD with a real calendar day; nullopt otherwise.
std::optional<Date> parse_iso_date(std::string_view text);
std::string format_iso(Date date);
// "7 July 2009": for people.
std::string format_long(Date date);
// "Jul 2009"
std::string format_month_year(Date date);

Date make_date(int year, unsigned month, unsigned day);
Date last_day_of_month(int year, unsigned month);
Date add_days(Date date, int days);
// b - a in days.
int days_between(Date a, Date b);

} // namespace actionboard
