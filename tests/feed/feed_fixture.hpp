#pragma once
// A real feed server on a free loopback port, with httplib's client and a raw socket client for
// what httplib's client cannot send. Nothing here measures time: socket timeouts only keep a
// broken server from hanging the test run.

#include "dashboard/core/live_plan.hpp"
#include "dashboard/feed/history_shapes.hpp"
#include "dashboard/feed/server.hpp"
#include "dashboard/history/history.hpp"

#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <httplib.h>
#include <memory>
#include <netinet/in.h>
#include <nlohmann/json.hpp>
#include <optional>
#include <poll.h>
#include <sstream>
#include <string>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#include <vector>

namespace feed_test {

namespace fs = std::filesystem;
using nlohmann::json;

inline const fs::path data_dir = ACTIONBOARD_TEST_DATA_DIR;
inline const fs::path laming_file = ACTIONBOARD_PLAN_FILE;

// Sanitizer builds run several times slower. Their ctest runs set ACTIONBOARD_TEST_TIME_SCALE
// (tests/CMakeLists.txt), and the few time bounds the tests hold scale with it. It is 1 when
// unset, and a value that is not a whole number from 1 to 100 fails the test.
inline int time_scale() {
    const char* text = std::getenv("ACTIONBOARD_TEST_TIME_SCALE");
    if (text == nullptr || *text == '\0')
        return 1;
    char* end = nullptr;
    long scale = std::strtol(text, &end, 10);
    REQUIRE_MESSAGE((*end == '\0' && scale >= 1 && scale <= 100),
                    "ACTIONBOARD_TEST_TIME_SCALE must be a whole number from 1 to 100: " << text);
    return static_cast<int>(scale);
}

inline std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

inline void write_text(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

// A temporary directory removed with the object.
struct TempDir {
    fs::path path;
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "actionboard-feed-XXXXXX").string();
        path = mkdtemp(pattern.data());
    }
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
};

struct FeedOptions {
    std::optional<std::string> plan_file; // none: the embedded Laming plan
    bool cors = true;
    std::chrono::milliseconds keep_alive_timeout{5000};
    // The history database; none: history off. Its thread is not started: settle() records.
    std::optional<std::string> history_file{};
    std::optional<std::string> since{}; // --since
};

// A LivePlan (not watching: tests call poll()) and a started feed server.
struct Feed {
    std::vector<std::string> log;
    std::unique_ptr<actionboard::history::History> history;
    std::unique_ptr<actionboard::LivePlan> live;
    std::unique_ptr<actionboard::feed::Server> server;

    // `parse`: how the file is read (none: JSON); the spreadsheet tests read .xlsx with it.
    explicit Feed(FeedOptions options = {}, actionboard::PlanParser parse = {}) {
        actionboard::LivePlanOptions live_options;
        live_options.path = options.plan_file;
        live_options.parse = std::move(parse);
        live_options.prepare_bodies = actionboard::feed::prepare_bodies;
        live_options.missing_grace = std::chrono::milliseconds(0);
        live_options.log = [this](const std::string& line) { log.push_back(line); };
        if (options.history_file) {
            actionboard::history::HistoryOptions history_options;
            history_options.path = options.history_file;
            if (options.since)
                history_options.since = actionboard::history::parse_since(*options.since);
            history_options.prepare_bodies = actionboard::feed::prepare_history_bodies;
            history_options.retry_interval = std::chrono::milliseconds(0);
            history_options.log = [this](const std::string& line) { log.push_back(line); };
            history = std::make_unique<actionboard::history::History>(history_options);
            live_options.on_publish = [this](std::shared_ptr<const actionboard::Snapshot> snapshot) {
                history->offer(std::move(snapshot));
            };
        }
        live = std::make_unique<actionboard::LivePlan>(live_options);
        REQUIRE(live->load_initial().ok());
        if (history)
            history->process();
        server = std::make_unique<actionboard::feed::Server>(
            *live, actionboard::feed::ServerOptions{"127.0.0.1", 0, options.cors,
                                                    options.keep_alive_timeout, history.get()});
        std::string error;
        REQUIRE_MESSAGE(server->start(error), error);
        REQUIRE(server->port() > 0);
    }
    ~Feed() {
        server->stop();
        live->stop();
    }
    Feed(const Feed&) = delete;
    Feed& operator=(const Feed&) = delete;

    int port() const { return server->port(); }

    // Lets the live plan load a changed file, and the history record it.
    void settle() {
        live->poll();
        live->poll();
        if (history)
            history->process();
    }

    // httplib's client, returning bodies as sent (no automatic gunzip).
    httplib::Client client() const {
        httplib::Client client("127.0.0.1", port());
        client.set_decompress(false);
        client.set_read_timeout(10, 0);
        client.set_connection_timeout(10, 0);
        return client;
    }

    httplib::Result get(const std::string& path, const httplib::Headers& headers = {}) const {
        return client().Get(path, headers);
    }

    json get_json(const std::string& path) const {
        auto result = get(path);
        REQUIRE(result);
        REQUIRE_MESSAGE(result->status == 200,
                        path << " gave " << result->status << ": " << result->body);
        return json::parse(result->body);
    }
};

// One parsed HTTP response read from a raw socket.
struct RawResponse {
    int status = 0;
    std::string head; // status line and headers
    std::string body;
    std::string header(const std::string& name) const {
        std::string lower_head = head;
        for (char& c : lower_head)
            c = char(std::tolower(static_cast<unsigned char>(c)));
        std::string key = "\r\n";
        for (char c : name)
            key += char(std::tolower(static_cast<unsigned char>(c)));
        key += ":";
        auto at = lower_head.find(key);
        if (at == std::string::npos)
            return {};
        auto start = at + key.size();
        auto end = head.find("\r\n", start);
        std::string value = head.substr(start, end - start);
        while (!value.empty() && value.front() == ' ')
            value.erase(0, 1);
        return value;
    }
};

// A plain TCP connection to the feed, for keep-alive, pipelining and malformed requests.
class RawConnection {
public:
    explicit RawConnection(int port) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        timeval timeout{10, 0}; // a hang guard, not a measurement
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(std::uint16_t(port));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    }
    ~RawConnection() {
        if (fd_ >= 0)
            ::close(fd_);
    }
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    bool connected() const { return connected_; }

    bool send(const std::string& bytes) {
        std::size_t sent = 0;
        while (sent < bytes.size()) {
            ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
            if (n <= 0)
                return false;
            sent += std::size_t(n);
        }
        return true;
    }

    // Whether bytes (or the end of the stream) arrive within `timeout`.
    bool wait_readable(std::chrono::milliseconds timeout) {
        if (!buffer_.empty())
            return true;
        pollfd fd{fd_, POLLIN, 0};
        return ::poll(&fd, 1, int(timeout.count())) > 0;
    }

    // Closes the sending side: the server sees the end of the request stream.
    void finish_sending() { ::shutdown(fd_, SHUT_WR); }

    // Reads one response (Content-Length bodies; none for 304 or HEAD). Nullopt on EOF/error.
    std::optional<RawResponse> read_response(bool head_request = false) {
        RawResponse response;
        std::size_t end;
        while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
            if (!fill())
                return std::nullopt;
        }
        response.head = buffer_.substr(0, end);
        buffer_.erase(0, end + 4);
        if (response.head.size() < 12)
            return std::nullopt;
        response.status = std::atoi(response.head.substr(9, 3).c_str());
        std::string length_text = response.header("Content-Length");
        std::size_t length = length_text.empty() || head_request || response.status == 304
                                 ? 0
                                 : std::size_t(std::stoul(length_text));
        while (buffer_.size() < length) {
            if (!fill())
                return std::nullopt;
        }
        response.body = buffer_.substr(0, length);
        buffer_.erase(0, length);
        return response;
    }

    // True when the server has closed the connection: end of stream, or a reset when it closed
    // before taking the connection from the listen queue.
    bool closed_by_peer() {
        char byte;
        ssize_t n = ::recv(fd_, &byte, 1, 0);
        return buffer_.empty() && (n == 0 || (n < 0 && errno == ECONNRESET));
    }

private:
    bool fill() {
        char chunk[65536];
        ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
        if (n <= 0)
            return false;
        buffer_.append(chunk, std::size_t(n));
        return true;
    }

    int fd_ = -1;
    bool connected_ = false;
    std::string buffer_;
};

inline std::string get_request(const std::string& path, const std::string& extra_headers = {}) {
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra_headers + "\r\n";
}

using IdleConnections = std::vector<std::unique_ptr<RawConnection>>;

// `count` keep-alive connections, each served once (so the server holds every one of them),
// then left idle. Each response must offer keep-alive.
inline IdleConnections open_idle_connections(int port, int count) {
    IdleConnections idle;
    for (int i = 0; i < count; ++i) {
        auto connection = std::make_unique<RawConnection>(port);
        REQUIRE(connection->connected());
        REQUIRE(connection->send(get_request("/healthz")));
        auto response = connection->read_response();
        REQUIRE(response);
        REQUIRE(response->header("Keep-Alive").find("timeout=") != std::string::npos);
        idle.push_back(std::move(connection));
    }
    return idle;
}

// Each idle connection answers again on its own connection: none was closed to make room.
inline void check_idle_connections_still_served(IdleConnections& idle) {
    for (auto& connection : idle) {
        REQUIRE(connection->send(get_request("/api/v1/summary", "If-None-Match: *\r\n")));
        auto response = connection->read_response();
        REQUIRE(response);
        CHECK(response->status == 304);
    }
}

} // namespace feed_test
