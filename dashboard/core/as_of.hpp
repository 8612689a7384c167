#pragma once
// Which date the view is computed at: the plan's reporting date (default), a fixed date, or
// today by the system clock (re-read by long-running processes so the view rolls over at midnight).

#include "date.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace actionboard {

struct AsOfSetting {
    enum class Mode { plan_date, fixed, today } mode = Mode::plan_date;
    Date fixed{};

    Date resolve(Date plan_date, Date today) const {
        switch (mode) {
        case Mode::fixed:
            return fixed;
        case Mode::today:
            return today;
        case Mode::plan_date:
            break;
        }
        return plan_date;
    }

    // The date a fixed --as-of gives, which is also the reporting date of a workbook or CSV
    // file that states none (docs/spreadsheets.md); none for the plan's date or today.
    std::optional<Date> fixed_date() const {
        return mode == Mode::fixed ? std::optional<Date>(fixed) : std::nullopt;
    }
};

// "YYYY-MM-DD", "today" or "plan"; nullopt when neither.
std::optional<AsOfSetting> parse_as_of(std::string_view text);

// Today's date in the local time zone.
Date today_local();

} // namespace actionboard
