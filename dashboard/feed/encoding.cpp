#include "encoding.hpp"

#include "dashboard/core/ascii.hpp"
#include "dashboard/core/loader.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <zlib.h>

namespace actionboard::feed {

namespace {

constexpr int gzip_window_bits = 15 + 16; // zlib: 15-bit window, gzip wrapper

} // namespace

std::optional<double> quality_value(std::string_view parameters) {
    while (!parameters.empty()) {
        std::size_t semicolon = parameters.find(';');
        std::string_view parameter = trim_whitespace(parameters.substr(0, semicolon));
        parameters = semicolon == std::string_view::npos ? std::string_view{}
                                                         : parameters.substr(semicolon + 1);
        if (parameter.size() >= 2 && (parameter[0] == 'q' || parameter[0] == 'Q') &&
            parameter[1] == '=') {
            std::string number(trim_whitespace(parameter.substr(2)));
            if (number.empty() || number.size() > 5)
                return std::nullopt;
            char* end = nullptr;
            double value = std::strtod(number.c_str(), &end);
            if (end != number.c_str() + number.size() || value < 0 || value > 1)
                return std::nullopt;
            return value;
        }
    }
    return 1.0;
}

std::string gzip_compress(std::string_view bytes, int level) {
    z_stream stream{};
    if (deflateInit2(&stream, level, Z_DEFLATED, gzip_window_bits, 9, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    std::string out(deflateBound(&stream, uLong(bytes.size())), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    stream.avail_in = uInt(bytes.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = uInt(out.size());
    int status = deflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    return status == Z_STREAM_END ? out : std::string{};
}

std::string gzip_decompress(std::string_view bytes) {
    z_stream stream{};
    if (inflateInit2(&stream, gzip_window_bits) != Z_OK)
        return {};
    std::string out;
    char buffer[16384];
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    stream.avail_in = uInt(bytes.size());
    int status = Z_OK;
    while (status == Z_OK) {
        stream.next_out = reinterpret_cast<Bytef*>(buffer);
        stream.avail_out = sizeof buffer;
        status = inflate(&stream, Z_NO_FLUSH);
        out.append(buffer, sizeof buffer - stream.avail_out);
        if (status == Z_BUF_ERROR && stream.avail_in == 0)
            break; // truncated input
    }
    bool complete = status == Z_STREAM_END && stream.avail_in == 0;
    inflateEnd(&stream);
    return complete ? out : std::string{};
}

std::string make_etag(std::string_view bytes) {
    std::string etag = "\"";
    etag += content_hash(bytes);
    etag += '"';
    return etag;
}

std::string gzip_etag(std::string_view identity_etag) {
    if (identity_etag.size() < 2)
        return std::string(identity_etag);
    std::string etag(identity_etag.substr(0, identity_etag.size() - 1));
    etag += "-gzip\"";
    return etag;
}

PreparedBody prepare_body(std::string_view content_type, std::string identity) {
    PreparedBody body;
    body.content_type = content_type;
    body.etag = make_etag(identity);
    body.gzip = gzip_compress(identity);
    if (body.gzip.size() >= identity.size())
        body.gzip.clear(); // compression would not help: serve identity only
    body.identity = std::move(identity);
    return body;
}

bool accepts_gzip(std::string_view accept_encoding) {
    double gzip_quality = -1; // not mentioned
    double any_quality = -1;
    while (!accept_encoding.empty()) {
        std::size_t comma = accept_encoding.find(',');
        std::string_view element = accept_encoding.substr(0, comma);
        accept_encoding = comma == std::string_view::npos ? std::string_view{}
                                                          : accept_encoding.substr(comma + 1);
        std::size_t semicolon = element.find(';');
        std::string_view coding = trim_whitespace(element.substr(0, semicolon));
        double quality =
            semicolon == std::string_view::npos
                ? 1.0
                : quality_value(element.substr(semicolon + 1)).value_or(0); // unreadable: refused
        if (iequals(coding, "gzip") || iequals(coding, "x-gzip"))
            gzip_quality = quality;
        else if (coding == "*")
            any_quality = quality;
    }
    if (gzip_quality >= 0)
        return gzip_quality > 0;
    return any_quality > 0;
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
    std::string_view wanted = etag;
    if (wanted.rfind("W/", 0) == 0)
        wanted.remove_prefix(2);
    while (!if_none_match.empty()) {
        std::size_t comma = if_none_match.find(',');
        std::string_view tag = trim_whitespace(if_none_match.substr(0, comma));
        if_none_match =
            comma == std::string_view::npos ? std::string_view{} : if_none_match.substr(comma + 1);
        if (tag == "*")
            return true;
        if (tag.rfind("W/", 0) == 0)
            tag.remove_prefix(2);
        if (!tag.empty() && tag == wanted)
            return true;
    }
    return false;
}

std::string http_date(std::chrono::system_clock::time_point time) {
    // Names spelt out rather than strftime's %a and %b, which follow the locale.
    constexpr std::array<const char*, 7> days{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    constexpr std::array<const char*, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::time_t seconds = std::chrono::system_clock::to_time_t(time);
    std::tm parts{};
    gmtime_r(&seconds, &parts);
    char text[40];
    std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d GMT",
                  days[std::size_t(parts.tm_wday) % 7], parts.tm_mday,
                  months[std::size_t(parts.tm_mon) % 12], parts.tm_year + 1900, parts.tm_hour,
                  parts.tm_min, parts.tm_sec);
    return text;
}

} // namespace actionboard::feed
