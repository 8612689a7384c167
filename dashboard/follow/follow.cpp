#include "follow.hpp"

#include "dashboard/core/ascii.hpp"

#include <algorithm>
#include <ctime>
#include <fcntl.h>
#include <httplib.h>
#include <netdb.h>
#include <openssl/x509.h>
#include <sys/socket.h>
#include <unistd.h>

namespace actionboard::follow {

using Clock = std::chrono::steady_clock;
using Milliseconds = std::chrono::milliseconds;

// ---- PollSchedule ----

PollSchedule::PollSchedule(Milliseconds poll, Milliseconds max_backoff, std::uint64_t seed)
    : poll_(std::max(poll, Milliseconds(1))), max_backoff_(std::max(max_backoff, poll_)),
      random_(seed) {}

Milliseconds PollSchedule::base(int failures) const {
    Milliseconds base = poll_;
    for (int i = 0; i < failures && base < max_backoff_; ++i)
        base *= 2;
    return std::min(base, max_backoff_);
}

Milliseconds PollSchedule::next(bool succeeded) {
    failures_ = succeeded ? 0 : std::min(failures_ + 1, 64);
    auto top = base(failures_).count();
    std::uniform_int_distribution<long long> draw(top - top / 4, top);
    return Milliseconds(draw(random_));
}

// ---- HttpSource ----

namespace {

std::string seconds_text(Milliseconds duration) {
    auto ms = duration.count();
    if (ms % 1000 == 0)
        return std::to_string(ms / 1000) + " s";
    return std::to_string(ms) + " ms";
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        c = ascii_lower(c);
    return out;
}

// "application/json; charset=utf-8" -> "application/json"
std::string media_type_of(const std::string& content_type) {
    return lower(trim_whitespace(std::string_view(content_type).substr(0, content_type.find(';'))));
}

// An IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), the only form RFC 9110 lets a sender use.
std::optional<std::chrono::system_clock::time_point> parse_http_date(const std::string& text) {
    std::tm tm{};
    const char* end = strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
    if (end == nullptr || *end != '\0')
        return std::nullopt;
    std::time_t t = timegm(&tm);
    if (t == -1)
        return std::nullopt;
    // A source whose clock runs ahead must not make the plan look newer than now.
    return std::min(std::chrono::system_clock::from_time_t(t), std::chrono::system_clock::now());
}

bool is_ip_literal(const std::string& host) {
    return host.find(':') != std::string::npos ||
           host.find_first_not_of("0123456789.") == std::string::npos;
}

bool resolves(const std::string& host) {
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    int error = getaddrinfo(host.c_str(), nullptr, &hints, &found);
    if (found)
        freeaddrinfo(found);
    return error == 0;
}

std::string status_message(int status, const std::string& reason, const httplib::Headers& headers) {
    std::string text = "it answered HTTP " + std::to_string(status);
    if (!reason.empty()) {
        text += ' ';
        text += reason.substr(0, 100);
    }
    if (status >= 300 && status < 400) {
        auto location = headers.find("Location");
        if (location != headers.end())
            text += ", to " + location->second.substr(0, 300) + ": give --data that URL";
    } else if (status == 404) {
        text += " (is it an actionboard feed? it needs /api/v1/source)";
    } else if (status == 503) {
        text += " (it has no plan loaded yet)";
    }
    return text;
}

} // namespace

HttpSource::HttpSource(SourceUrl url, std::string name, FollowOptions options)
    : url_(std::move(url)), name_(std::move(name)), options_(std::move(options)),
      schedule_(options_.poll, options_.max_backoff, std::random_device{}()) {
    bool ipv6 = url_.host.find(':') != std::string::npos;
    host_header_ = ipv6 ? "[" + url_.host + "]" : url_.host;
    if (url_.port != (url_.https ? 443 : 80))
        host_header_ += ':' + std::to_string(url_.port);
    guard_ = std::thread([this] { guard(); });
}

HttpSource::~HttpSource() {
    {
        std::lock_guard lock(mutex_);
        closing_ = true;
    }
    wake_.notify_all();
    guard_.join();
}

std::unique_ptr<httplib::ClientImpl> HttpSource::make_client() {
    std::unique_ptr<httplib::ClientImpl> client;
    if (url_.https) {
        auto ssl = std::make_unique<httplib::SSLClient>(url_.host, url_.port);
        // No CA path given: OpenSSL's default verify paths, the system store (ca-certificates).
        ssl->enable_server_certificate_verification(true);
        client = std::move(ssl);
    } else {
        client = std::make_unique<httplib::ClientImpl>(url_.host, url_.port);
    }
    auto seconds = [](Milliseconds duration) {
        return std::make_pair(static_cast<time_t>(duration.count() / 1000),
                              static_cast<time_t>(duration.count() % 1000 * 1000));
    };
    auto [connect_s, connect_us] = seconds(options_.connect_timeout);
    auto [read_s, read_us] = seconds(options_.read_timeout);
    client->set_connection_timeout(connect_s, connect_us);
    client->set_read_timeout(read_s, read_us);
    client->set_write_timeout(read_s, read_us);
    client->set_keep_alive(false);
    client->set_follow_location(false);
    client->set_decompress(true); // gzip is asked for; what arrives is counted inflated
    // Called for each socket httplib creates, before it connects (replacing httplib's default,
    // which sets SO_REUSEADDR and SO_REUSEPORT: of no use to a client).
    client->set_socket_options([this](socket_t socket) {
        std::lock_guard lock(mutex_);
        if (socket_ >= 0)
            ::close(socket_);
        socket_ = ::fcntl(socket, F_DUPFD_CLOEXEC, 0);
        if (interrupted_ || timed_out_)
            shut_down(); // stopped between two attempts
    });
    return client;
}

void HttpSource::shut_down() {
    if (socket_ >= 0)
        ::shutdown(socket_, SHUT_RDWR); // the socket, not the descriptor: httplib's read ends
}

void HttpSource::guard() {
    std::unique_lock lock(mutex_);
    while (!closing_) {
        if (active_ && Clock::now() >= deadline_) {
            timed_out_ = true;
            shut_down();
            // Once more every second, in case httplib moves on to another address.
            deadline_ = Clock::now() + std::chrono::seconds(1);
        }
        if (active_)
            wake_.wait_until(lock, deadline_);
        else
            wake_.wait(lock);
    }
}

void HttpSource::interrupt() {
    std::lock_guard lock(mutex_);
    interrupted_ = true;
    if (active_)
        shut_down();
}

Milliseconds HttpSource::next_delay(bool succeeded) {
    return schedule_.next(succeeded);
}

RemoteFetch HttpSource::fetch(const std::string& if_none_match) {
    RemoteFetch out;
    out.outcome = RemoteFetch::Outcome::unreachable;
    std::unique_ptr<httplib::ClientImpl> client = make_client();
    {
        std::lock_guard lock(mutex_);
        if (interrupted_) {
            out.error = "stopped";
            return out;
        }
        active_ = true;
        deadline_ = Clock::now() + options_.total_timeout;
        timed_out_ = false;
    }
    wake_.notify_all();

    httplib::Headers headers{{"Host", host_header_},
                             {"Accept", "application/json"},
                             {"Accept-Encoding", "gzip"},
                             {"User-Agent", options_.user_agent}};
    if (!if_none_match.empty())
        headers.emplace("If-None-Match", if_none_match);

    int status = 0;
    std::string reason;
    httplib::Headers response_headers;
    std::string body;
    bool too_large = false;
    std::size_t error_body_limit = 4096; // an error page is read, not kept
    auto result = client->Get(
        url_.path, headers,
        [&](const httplib::Response& response) {
            status = response.status;
            reason = response.reason;
            response_headers = response.headers;
            // A declared length over the limit is refused before a byte of it is read. (With
            // gzip it is the compressed length; the inflated bytes are counted as they come.)
            auto length = response.get_header_value<std::uint64_t>("Content-Length");
            if (status == 200 && length > options_.max_bytes) {
                too_large = true;
                return false;
            }
            return true;
        },
        [&](const char* data, std::size_t size) {
            std::size_t limit = status == 200 ? options_.max_bytes : error_body_limit;
            if (body.size() + size > limit) {
                if (status != 200)
                    return false; // enough of an error page
                too_large = true;
                return false;
            }
            body.append(data, size);
            return true;
        });

    bool timed_out = false, interrupted = false;
    long verify_result = 0;
    if (url_.https)
        verify_result = static_cast<httplib::SSLClient&>(*client).get_openssl_verify_result();
    {
        std::lock_guard lock(mutex_);
        active_ = false;
        if (socket_ >= 0)
            ::close(socket_);
        socket_ = -1;
        timed_out = timed_out_;
        interrupted = interrupted_;
    }
    std::string where = url_.host + ":" + std::to_string(url_.port);

    if (interrupted) {
        out.error = "stopped";
        return out;
    }
    if (too_large) {
        out.outcome = RemoteFetch::Outcome::invalid;
        out.error = "it is larger than the " + std::to_string(options_.max_bytes / (1024 * 1024)) +
                    " MiB limit";
        return out;
    }
    if (timed_out) {
        out.error = "no complete answer within " + seconds_text(options_.total_timeout);
        return out;
    }
    httplib::Error error = result.error();
    if (error != httplib::Error::Success && !(error == httplib::Error::Canceled && status != 0)) {
        switch (error) {
        case httplib::Error::Connection:
            if (!is_ip_literal(url_.host) && !resolves(url_.host))
                out.error = "the host name " + url_.host + " cannot be resolved";
            else
                out.error = "cannot connect to " + where + " (refused or unreachable)";
            break;
        case httplib::Error::ConnectionTimeout:
            out.error = "connecting to " + where + " timed out after " +
                        seconds_text(options_.connect_timeout);
            break;
        case httplib::Error::Read:
            out.error = "no complete answer (the connection closed, or nothing came for " +
                        seconds_text(options_.read_timeout) + ")";
            break;
        case httplib::Error::Write:
            out.error = "the request could not be sent (the connection closed)";
            break;
        case httplib::Error::SSLConnection:
            out.error =
                "the TLS handshake with " + where + " failed (does it serve https on that port?)";
            break;
        case httplib::Error::SSLLoadingCerts:
            out.error = "the system's CA certificates could not be loaded (is ca-certificates "
                        "installed?)";
            break;
        case httplib::Error::SSLServerVerification:
            if (verify_result != X509_V_OK)
                out.error = "the certificate of " + url_.host +
                            " was refused: " + X509_verify_cert_error_string(verify_result);
            else
                out.error =
                    "the certificate of " + url_.host + " was refused: it is not for " + url_.host;
            break;
        case httplib::Error::Compression:
            out.outcome = RemoteFetch::Outcome::invalid;
            out.error = "its gzip body could not be inflated";
            break;
        default:
            out.error = "the request failed (" + httplib::to_string(error) + ")";
            break;
        }
        return out;
    }

    if (status == 304 && !if_none_match.empty()) {
        out.outcome = RemoteFetch::Outcome::unchanged;
        return out;
    }
    if (status != 200) {
        out.error = status_message(status, reason, response_headers);
        return out;
    }
    out.outcome = RemoteFetch::Outcome::fetched;
    out.bytes = std::move(body);
    auto header = [&](const char* name) {
        auto it = response_headers.find(name);
        return it == response_headers.end() ? std::string() : it->second;
    };
    out.media_type = media_type_of(header("Content-Type"));
    out.etag = header("ETag");
    out.modified = parse_http_date(header("Last-Modified"));
    return out;
}

SourceResult make_source(const std::string& url, const FollowOptions& options) {
    SourceUrlResult parsed = parse_source_url(url);
    if (!parsed.url)
        return {nullptr, url + ": " + parsed.error};
    return {std::make_shared<HttpSource>(*parsed.url, url, options), {}};
}

} // namespace actionboard::follow
