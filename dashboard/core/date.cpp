#include "date.hpp"

#include <array>
#include <cstdio>

namespace actionboard {

namespace {
constexpr std::array<const char*, 12> month_names{"January", "February", "March",     "April",
                                                  "May",     "June",     "July",      "August",
                                                  "September", "October", "November", "December"};

bool all_digits(std::string_view text) {
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    return !text.empty();
}

int to_int(std::string_view digits) {
    int value = 0;
    for (char c : digits)
        value = value * 10 + (c - '0');
    return value;
}
} // namespace

std::optional<Date> parse_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return std::nullopt;
    auto year = text.substr(0, 4), month = text.substr(5, 2), day = text.substr(8, 2);
    if (!all_digits(year) || !all_digits(month) || !all_digits(day))
        return std::nullopt;
    Date date{std::chrono::year{to_int(year)}, std::chrono::month{unsigned(to_int(month))},
              std::chrono::day{unsigned(to_int(day))}};
    if (!date.ok())
        return std::nullopt;
    return date;
}

std::string format_iso(Date date) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", int(date.year()),
                  unsigned(date.month()), unsigned(date.day()));
    return buffer;
}

std::string format_long(Date date) {
    return std::to_string(unsigned(date.day())) + " " + month_names[unsigned(date.month()) - 1] +
           " " + std::to_string(int(date.year()));
}

std::string format_month_year(Date date) {
    return std::string(month_names[unsigned(date.month()) - 1]).substr(0, 3) + " " +
           std::to_string(int(date.year()));
}

Date make_date(int year, unsigned month, unsigned day) {
    return Date{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
}

Date last_day_of_month(int year, unsigned month) {
    std::chrono::year_month_day_last last{std::chrono::year{year},
                                          std::chrono::month_day_last{std::chrono::month{month}}};
    return Date{last};
}

Date add_days(Date date, int days) {
    return Date{std::chrono::sys_days{date} + std::chrono::days{days}};
}

int days_between(Date a, Date b) {
    return int((std::chrono::sys_days{b} - std::chrono::sys_days{a}).count());
}

} // namespace actionboard
