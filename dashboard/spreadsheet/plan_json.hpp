#pragma once
// A plan as an `actionboard-plan/1` document (docs/data-format.md): what `--export plan.json`
// writes, and what a spreadsheet is turned into before the loader validates it. Refs are written
// as strings; optional keys only when they hold something, so the document reads back as the
// same plan.

#include "dashboard/core/plan.hpp"

#include <nlohmann/json.hpp>

namespace actionboard::spreadsheet {

nlohmann::json plan_document_json(const Plan& plan);

} // namespace actionboard::spreadsheet
