#pragma once
// Representations of a body: gzip compression, strong ETags, and reading the request headers
// that choose between them (Accept-Encoding, If-None-Match).

#include "dashboard/core/snapshot.hpp"

#include <chrono>
#include <string>
#include <optional>
#include <string_view>

namespace actionboard::feed {

inline constexpr std::string_view json_type = "application/json; charset=utf-8";
inline constexpr std::string_view csv_type = "text/csv; charset=utf-8";
inline constexpr std::string_view prometheus_type = "text/plain; version=0.0.4; charset=utf-8";

// gzip (RFC 1952) with no timestamp: the same bytes give the same output. Prepared bodies use
// the best compression (once per data version); bodies made per request a faster level.
inline constexpr int best_compression = 9;
inline constexpr int fast_compression = 6;
std::string gzip_compress(std::string_view bytes, int level = best_compression);
// Inflates gzip data; empty on any error. For tests and the benchmark's checks.
std::string gzip_decompress(std::string_view bytes);

// A strong ETag of the bytes: a quoted 64-bit content hash.
std::string make_etag(std::string_view bytes);
// The gzip representation's ETag, derived from the identity one: "abc" -> "abc-gzip".
std::string gzip_etag(std::string_view identity_etag);

// The identity bytes, their gzip form when it is smaller, and the ETag.
PreparedBody prepare_body(std::string_view content_type, std::string identity);

// The q-value in one element's parameters ("q=0.8;level=1", RFC 9110 12.4.2): 1 when there is
// none, nullopt when it is not a number from 0 to 1 with at most three decimals. Shared by
// Accept-Encoding (gzip) and Accept (the browser view's negotiation).
std::optional<double> quality_value(std::string_view parameters);

// Whether an Accept-Encoding value accepts gzip (q-values honoured: "gzip;q=0" refuses it).
bool accepts_gzip(std::string_view accept_encoding);

// Whether an If-None-Match value matches `etag` ("*", or a list of entity tags compared weakly,
// as RFC 9110 asks for If-None-Match).
bool etag_matches(std::string_view if_none_match, std::string_view etag);

// The Date header's form (RFC 9110 IMF-fixdate): "Sun, 06 Nov 1994 08:49:37 GMT".
std::string http_date(std::chrono::system_clock::time_point time);

} // namespace actionboard::feed
