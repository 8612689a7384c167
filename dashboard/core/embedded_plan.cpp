#include "embedded_plan.hpp"

#include "embed.hpp"

ACTIONBOARD_EMBED(actionboard_plan, ACTIONBOARD_PLAN_PATH)

namespace actionboard {
std::string_view embedded_plan_json() { return actionboard_plan_view(); }
} // namespace actionboard
