#pragma once
// The OpenAPI 3.1 description of the whole feed, served at /api/v1/openapi.json. Its source is
// dashboard/web/openapi.json, embedded in the binary like the web dashboard's files.

#include <string>

namespace actionboard::feed {

// Compact JSON text.
std::string openapi_document();

} // namespace actionboard::feed
