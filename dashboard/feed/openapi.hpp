#pragma once
// The OpenAPI 3.1 description of the whole feed, served at /api/v1/openapi.json.

#include <string>

namespace actionboard::feed {

// Compact JSON text.
std::string openapi_document();

} // namespace actionboard::feed
