#include "openapi.hpp"

#include "web.hpp"

#include <nlohmann/json.hpp>

namespace actionboard::feed {

// OpenAPI 3.1: its schemas are JSON Schema 2020-12, so the tests validate real responses against
// them. The document is dashboard/web/openapi.json, embedded in the binary; keep it in step with
// shapes.cpp and docs/feed.md.
std::string openapi_document() {
    return nlohmann::json::parse(embedded_openapi()).dump();
}

} // namespace actionboard::feed
