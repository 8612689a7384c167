#include "as_of.hpp"

#include <ctime>

namespace actionboard {

std::optional<AsOfSetting> parse_as_of(std::string_view text) {
    if (text == "today")
        return AsOfSetting{AsOfSetting::Mode::today, {}};
    if (text == "plan")
        return AsOfSetting{AsOfSetting::Mode::plan_date, {}};
    if (auto date = parse_iso_date(text))
        return AsOfSetting{AsOfSetting::Mode::fixed, *date};
    return std::nullopt;
}

Date today_local() {
    std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return make_date(local.tm_year + 1900, unsigned(local.tm_mon + 1), unsigned(local.tm_mday));
}

} // namespace actionboard
