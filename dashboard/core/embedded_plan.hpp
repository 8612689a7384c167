#pragma once
#include <string_view>

namespace actionboard {
// The default plan (data/laming-2009.json), compiled into the binary.
std::string_view embedded_plan_json();
inline constexpr std::string_view embedded_plan_name = "embedded:laming-2009.json";
} // namespace actionboard
