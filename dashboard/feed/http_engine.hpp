#pragma once
// cpp-httplib with the feed's own connection loop. httplib still parses each request line and
// its headers, routes, and writes the response; this class decides what happens around that:
// - an idle keep-alive connection holds no thread: it waits in an epoll set until its next
//   request arrives (idle_connections.hpp), and stopping the server closes it at once
//   (httplib's own loop keeps a thread per connection, polls every 10 ms and makes stop() wait
//   for the keep-alive timeout);
// - a request head is read whole before httplib sees it, with size limits (414, 431), and
//   checked against RFC 9112's grammar: CRLF line ends, "METHOD TARGET HTTP/1.x", header
//   names without spaces, no line folding, no control characters, one Host in HTTP/1.1 (400);
//   a request line that is not HTTP/1.x is refused as soon as it has arrived;
// - request bodies, which the feed never reads, are bounded (413) and skipped; methods other
//   than GET and HEAD are answered here (httplib would wait for a body that may never come);
// - a response leaves in one write, headers and body together, with TCP_NODELAY set;
// - httplib never compresses: the feed serves bodies compressed once per data version;
// - httplib never sees Range or If-Range: the feed serves every body whole, and httplib would
//   answer 416 to a Range it cannot read, on any path.

#include <atomic>
#include <chrono>
#include <memory>
#include <cstddef>
#include <functional>
#include <httplib.h>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_set>

namespace actionboard::feed {

class IdleConnections;

struct HttpLimits {
    std::size_t max_request_line = 8192; // longer: 414
    std::size_t max_header_line = 8192;  // longer: 431
    std::size_t max_head = 16384;        // request line and headers together; more: 431
    std::size_t max_header_count = 100;  // more header fields: 431
    std::size_t max_body = 65536;        // bodies are skipped unread; larger: 413
    std::chrono::milliseconds read_timeout{5000};
    // The whole request head must arrive within this from its first byte; a client that sends
    // a byte at a time (slowloris) gets 408 and is closed instead of holding a thread.
    std::chrono::milliseconds head_timeout{5000};
    std::chrono::milliseconds write_timeout{5000};
    // How long a kept-alive connection may wait for its next request. It waits in an epoll set
    // (idle_connections.hpp), not on a thread, so this can outlast a follower's poll interval.
    std::chrono::milliseconds keep_alive_timeout{15000};
    // How long a connection waits for its next request on its thread before it is parked.
    std::chrono::milliseconds park_after{50};
    std::size_t max_requests_per_connection = 1000;
    std::size_t min_threads = 4;
    std::size_t max_threads = 512;
    std::chrono::milliseconds idle_thread_exit{30000};
    // Connection threads run this much nicer than the thread that starts the server (capped
    // at 19), so the plan watcher and the render loop keep the CPU when the feed is saturated.
    // Not +19: the feed must still hold its own against other busy processes (docs/feed.md).
    int connection_nice = 10;
};

// What the engine answers without httplib, and why.
enum class Rejection {
    method_not_allowed,    // not GET or HEAD
    body_too_large,        // Content-Length over max_body
    chunked_body,          // Transfer-Encoding on a request: its length is unknown, refuse it
    bad_length,            // an unreadable or contradictory Content-Length
    head_too_large,        // a header line or the whole head over its limit
    uri_too_long,          // the request line over its limit
    malformed,             // not an HTTP/1.x request head (the detail says what is wrong): 400
    version_not_supported, // HTTP/2 or another version over this connection: 505
    head_timeout,          // the request head did not arrive within head_timeout: 408
};

struct EarlyRequest {
    Rejection why;
    std::string_view method; // may be empty when the head could not be read
    std::string_view target;
    std::string_view detail; // for `malformed`: what is wrong, a sentence
};

struct EarlyReply {
    int status = 400;
    std::string body; // JSON
};

class HttpEngine final : public httplib::Server {
public:
    // `early` builds the reply for what the engine refuses itself (and counts it).
    HttpEngine(HttpLimits limits, std::function<EarlyReply(const EarlyRequest&)> early);
    ~HttpEngine() override;
    HttpEngine(const HttpEngine&) = delete;
    HttpEngine& operator=(const HttpEngine&) = delete;

    // Binds (port 0: any free port) with a listen backlog fit for many displays connecting at
    // once. Returns the bound port, or -1 with `error` saying why.
    int bind_listener(const std::string& host, int port, std::string& error);

    // Wakes every connection so they finish their current response and close; then stop()
    // (httplib's) ends the accept loop. Safe to call more than once.
    void wake_connections();

    // The request header the client's Accept-Encoding is moved to before routing, so that
    // httplib never compresses a response itself.
    static constexpr const char* accept_encoding_header = "X-Actionboard-Accept-Encoding";

private:
    enum class After { close, parked };
    bool process_and_close_socket(socket_t socket) override;
    After serve(socket_t socket, std::size_t served);
    After run_connection(socket_t socket, std::size_t served);
    // Closes the socket unless it was parked among the idle connections.
    void finish(socket_t socket, After after);
    void close_connection(socket_t socket);
    // An idle connection whose next request has arrived: back onto a connection thread.
    void resume(socket_t socket, std::size_t served);

    HttpLimits limits_;
    std::function<EarlyReply(const EarlyRequest&)> early_;
    std::mutex connections_mutex_;
    std::unordered_set<socket_t> open_connections_; // shut down by wake_connections()
    std::atomic<bool> stopping_{false};
    std::unique_ptr<IdleConnections> idle_;
    std::mutex queue_mutex_;
    httplib::TaskQueue* queue_ = nullptr; // httplib's, while it listens
};

} // namespace actionboard::feed
