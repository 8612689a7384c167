#include "http_engine.hpp"

#include "dashboard/core/ascii.hpp"
#include "connection_threads.hpp"
#include "encoding.hpp"
#include "errors.hpp"
#include "idle_connections.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <optional>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace actionboard::feed {

namespace {

using Clock = std::chrono::steady_clock;
using Milliseconds = std::chrono::milliseconds;

// Small writes (headers, small bodies) are gathered and leave together.
constexpr std::size_t output_gather_limit = 16384;
// After refusing a request whose bytes are still arriving, read (and drop) this much at most
// before closing, so that the client sees the reply rather than a connection reset.
constexpr std::size_t linger_max_bytes = 4 * 1024 * 1024;
constexpr Milliseconds linger_max_time{2000};

bool icontains(std::string_view text, std::string_view word) {
    if (word.size() > text.size())
        return false;
    for (std::size_t i = 0; i + word.size() <= text.size(); ++i) {
        if (iequals(text.substr(i, word.size()), word))
            return true;
    }
    return false;
}

// Without surrounding whitespace or the line's CR.
std::string_view trim(std::string_view text) {
    if (!text.empty() && text.back() == '\r')
        text.remove_suffix(1);
    return trim_whitespace(text);
}

std::string address_text(const sockaddr_storage& address, int& port) {
    char text[INET6_ADDRSTRLEN] = "";
    if (address.ss_family == AF_INET) {
        const auto& in = reinterpret_cast<const sockaddr_in&>(address);
        inet_ntop(AF_INET, &in.sin_addr, text, sizeof text);
        port = ntohs(in.sin_port);
    } else if (address.ss_family == AF_INET6) {
        const auto& in6 = reinterpret_cast<const sockaddr_in6&>(address);
        inet_ntop(AF_INET6, &in6.sin6_addr, text, sizeof text);
        port = ntohs(in6.sin6_port);
    }
    return text;
}

// What the engine needs from a request head; httplib parses it again, fully.
struct RequestHead {
    std::string_view method;
    std::string_view target;
    std::optional<std::uint64_t> content_length;
    bool bad_length = false;
    bool has_transfer_encoding = false;
    bool expects_continue = false; // "Expect: 100-continue": the body follows only if asked for
    bool wants_close = false;      // "Connection: close", or HTTP/1.0 without keep-alive
};

RequestHead parse_head(std::string_view head) {
    RequestHead parsed;
    std::size_t line_end = head.find('\n');
    std::string_view request_line = trim(head.substr(0, line_end));
    std::size_t first_space = request_line.find(' ');
    parsed.method = request_line.substr(0, first_space);
    std::string_view version;
    if (first_space != std::string_view::npos) {
        std::string_view rest = request_line.substr(first_space + 1);
        std::size_t second_space = rest.find(' ');
        parsed.target = rest.substr(0, second_space);
        if (second_space != std::string_view::npos)
            version = rest.substr(second_space + 1);
    }
    bool keep_alive_asked = false;
    while (line_end != std::string_view::npos) {
        std::size_t start = line_end + 1;
        line_end = head.find('\n', start);
        std::string_view line =
            head.substr(start, line_end == std::string_view::npos ? line_end : line_end - start);
        std::size_t colon = line.find(':');
        if (colon == std::string_view::npos)
            continue;
        std::string_view name = line.substr(0, colon);
        std::string_view value = trim(line.substr(colon + 1));
        if (iequals(name, "content-length")) {
            std::uint64_t length = 0;
            bool digits = !value.empty() && value.size() <= 18;
            for (char c : value) {
                digits = digits && c >= '0' && c <= '9';
                length = length * 10 + std::uint64_t(c - '0');
            }
            if (!digits || (parsed.content_length && *parsed.content_length != length))
                parsed.bad_length = true;
            else
                parsed.content_length = length;
        } else if (iequals(name, "transfer-encoding")) {
            parsed.has_transfer_encoding = true;
        } else if (iequals(name, "expect")) {
            parsed.expects_continue = icontains(value, "100-continue");
        } else if (iequals(name, "connection")) {
            parsed.wants_close = parsed.wants_close || icontains(value, "close");
            keep_alive_asked = keep_alive_asked || icontains(value, "keep-alive");
        }
    }
    if (version == "HTTP/1.0" && !keep_alive_asked)
        parsed.wants_close = true;
    return parsed;
}

enum class HeadStatus {
    complete,
    ended,
    timed_out,
    too_large,
    uri_too_long,
    malformed,
    bad_version
};

// RFC 9110 5.6.2: the characters of a method or a header name.
bool is_token_char(unsigned char c) {
    if (std::isalnum(c))
        return true;
    return c != 0 && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
}

bool is_token(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return is_token_char(static_cast<unsigned char>(c));
    });
}

struct HeadProblem {
    HeadStatus status = HeadStatus::complete;
    const char* detail = "";
};

// "METHOD SP TARGET SP HTTP/1.x", the line without its CRLF.
HeadProblem check_request_line(std::string_view line, bool& is_http11) {
    constexpr const char* shape =
        "the request line must read METHOD TARGET HTTP/1.1 (HTTP/0.9 is not served)";
    std::size_t first_space = line.find(' ');
    if (first_space == std::string_view::npos)
        return {HeadStatus::malformed, shape};
    std::string_view rest = line.substr(first_space + 1);
    std::size_t second_space = rest.find(' ');
    if (second_space == std::string_view::npos)
        return {HeadStatus::malformed, shape};
    std::string_view method = line.substr(0, first_space);
    std::string_view target = rest.substr(0, second_space);
    std::string_view version = rest.substr(second_space + 1);
    if (!is_token(method))
        return {HeadStatus::malformed, "the method is empty or has a character not allowed in it"};
    bool target_ok = !target.empty() && std::all_of(target.begin(), target.end(), [](char c) {
        auto byte = static_cast<unsigned char>(c);
        return byte > 0x20 && byte < 0x7f && byte != '#';
    });
    if (!target_ok)
        return {HeadStatus::malformed,
                "the request target has a byte that must be percent-encoded (a space, a control "
                "character, a non-ASCII byte or '#')"};
    bool version_shape = version.size() == 8 && version.substr(0, 5) == "HTTP/" &&
                         std::isdigit(static_cast<unsigned char>(version[5])) &&
                         version[6] == '.' && std::isdigit(static_cast<unsigned char>(version[7]));
    if (!version_shape)
        return {HeadStatus::malformed, shape};
    if (version != "HTTP/1.1" && version != "HTTP/1.0")
        return {HeadStatus::bad_version, "only HTTP/1.1 and HTTP/1.0 are served"};
    is_http11 = version == "HTTP/1.1";
    return {};
}

// One end of a connection, as httplib asks for it.
struct Endpoint {
    std::string ip;
    int port = -1;
};

// One client connection as an httplib::Stream: a read buffer that holds a whole request head
// before httplib parses it, and a write buffer that sends a response in one go. Reads and writes
// block, bounded by the socket's timeouts; stopping the server shuts the socket down, which
// ends any of them at once. (Blocking calls, rather than poll() then recv(), save a system call
// per request.)
class Connection final : public httplib::Stream {
public:
    Connection(int socket, const HttpLimits& limits)
        : socket_(socket), limits_(limits), input_(limits.max_head + 4096) {
        set_timeout(SO_SNDTIMEO, limits_.write_timeout);
    }

    bool is_readable() const override {
        if (begin_ < end_)
            return true;
        pollfd fd{socket_, POLLIN, 0};
        return ::poll(&fd, 1, int(limits_.read_timeout.count())) > 0;
    }
    bool is_writable() const override { return !failed_; }

    ssize_t read(char* data, size_t size) override {
        if (begin_ == end_) {
            ssize_t received = receive(limits_.read_timeout);
            if (received <= 0)
                return received;
        }
        std::size_t count = std::min(size, end_ - begin_);
        std::memcpy(data, input_.data() + begin_, count);
        begin_ += count;
        return static_cast<ssize_t>(count);
    }

    ssize_t write(const char* data, size_t size) override {
        if (failed_)
            return -1;
        if (output_.size() + size <= output_gather_limit) {
            output_.append(data, size);
            return static_cast<ssize_t>(size);
        }
        if (!send_all({output_.data(), output_.size()}, {data, size})) {
            failed_ = true;
            return -1;
        }
        output_.clear();
        return static_cast<ssize_t>(size);
    }

    // httplib asks for both addresses on every request: look them up once per connection.
    void get_remote_ip_and_port(std::string& ip, int& port) const override {
        if (!remote_) {
            remote_.emplace();
            sockaddr_storage address{};
            socklen_t length = sizeof address;
            if (getpeername(socket_, reinterpret_cast<sockaddr*>(&address), &length) == 0)
                remote_->ip = address_text(address, remote_->port);
        }
        ip = remote_->ip;
        port = remote_->port;
    }

    void get_local_ip_and_port(std::string& ip, int& port) const override {
        if (!local_) {
            local_.emplace();
            sockaddr_storage address{};
            socklen_t length = sizeof address;
            if (getsockname(socket_, reinterpret_cast<sockaddr*>(&address), &length) == 0)
                local_->ip = address_text(address, local_->port);
        }
        ip = local_->ip;
        port = local_->port;
    }

    socket_t socket() const override { return socket_; }

    enum class Wait { ready, closed, idle };
    // Waits up to `timeout` on this thread for the next request: ready (bytes, or a pipelined
    // request already buffered), closed (the end of the stream, an error, a stop), or idle.
    Wait wait_for_request(Milliseconds timeout) {
        if (begin_ < end_)
            return Wait::ready;
        ssize_t received = receive(std::max(timeout, Milliseconds(1))); // 0 would block for ever
        if (received > 0)
            return Wait::ready;
        if (received < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return Wait::idle;
        return Wait::closed;
    }

    // Reads until the buffer holds a whole request head (up to its blank line).
    HeadStatus read_head() {
        std::size_t scanned = 0; // bytes after begin_ already searched (receive() may move them)
        bool request_line_checked = false;
        const auto deadline = Clock::now() + limits_.head_timeout;
        while (true) {
            for (std::size_t i = begin_ + scanned; i < end_; ++i) {
                if (input_[i] != '\n')
                    continue;
                bool blank_next = (i + 1 < end_ && input_[i + 1] == '\n') ||
                                  (i + 2 < end_ && input_[i + 1] == '\r' && input_[i + 2] == '\n');
                if (blank_next) {
                    head_end_ = input_[i + 1] == '\n' ? i + 2 : i + 3;
                    return check_head();
                }
            }
            // A request line that cannot start an HTTP/1.x request (HTTP/0.9 has no headers to
            // wait for, HTTP/2 a binary preface) is refused as soon as it is whole.
            std::string_view text = buffered();
            std::size_t newline = text.find('\n');
            if (!request_line_checked && newline != std::string_view::npos) {
                request_line_checked = true;
                if (newline > limits_.max_request_line)
                    return HeadStatus::uri_too_long;
                std::string_view line = text.substr(0, newline);
                if (!line.empty() && line.back() == '\r')
                    line.remove_suffix(1);
                bool is_http11 = false;
                HeadProblem problem = check_request_line(line, is_http11);
                if (problem.status != HeadStatus::complete) {
                    problem_ = problem.detail;
                    return problem.status;
                }
            }
            scanned = end_ - begin_ > 2 ? end_ - begin_ - 2 : 0;
            if (end_ - begin_ >= limits_.max_head)
                return first_line_length() > limits_.max_request_line ? HeadStatus::uri_too_long
                                                                      : HeadStatus::too_large;
            auto left = std::chrono::duration_cast<Milliseconds>(deadline - Clock::now());
            if (left.count() <= 0)
                return HeadStatus::timed_out;
            ssize_t received = receive(std::min(left, limits_.read_timeout));
            if (received == 0)
                return HeadStatus::ended;
            if (received < 0)
                return errno == EAGAIN || errno == EWOULDBLOCK ? HeadStatus::timed_out
                                                               : HeadStatus::ended;
        }
    }

    std::string_view head() const { return {input_.data() + begin_, head_end_ - begin_}; }

    // Takes every header line named `name` (in any letter case) out of the buffered head, so
    // that httplib never sees it. Call after read_head() found a complete head.
    void remove_header(std::string_view name) {
        std::size_t line = begin_;
        bool request_line = true;
        while (line < head_end_) {
            std::size_t end = line;
            while (end < head_end_ && input_[end] != '\n')
                ++end;
            std::size_t next = end < head_end_ ? end + 1 : head_end_;
            std::string_view text(input_.data() + line, end - line);
            std::size_t colon = text.find(':');
            bool named = !request_line && colon != std::string_view::npos &&
                         iequals(text.substr(0, colon), name);
            request_line = false;
            if (!named) {
                line = next;
                continue;
            }
            // Pipelined bytes after the head move with it.
            std::memmove(input_.data() + line, input_.data() + next, end_ - next);
            end_ -= next - line;
            head_end_ -= next - line;
        }
    }

    // What is wrong with a head read_head() called malformed.
    const char* problem() const { return problem_; }
    std::string_view buffered() const { return {input_.data() + begin_, end_ - begin_}; }

    // Reads and drops a request body the feed has no use for.
    bool skip(std::uint64_t length) {
        while (length > 0) {
            if (begin_ == end_ && receive(limits_.read_timeout) <= 0)
                return false;
            std::size_t count = std::size_t(std::min<std::uint64_t>(length, end_ - begin_));
            begin_ += count;
            length -= count;
        }
        return true;
    }

    bool flush() {
        if (failed_)
            return false;
        if (output_.empty())
            return true;
        bool sent = send_all({output_.data(), output_.size()}, {});
        output_.clear();
        failed_ = !sent;
        return sent;
    }

    // Closes our side for writing, then drops what the client still sends for a while, so that
    // it reads the reply instead of a reset.
    void linger() {
        flush();
        ::shutdown(socket_, SHUT_WR);
        auto deadline = Clock::now() + linger_max_time;
        std::size_t dropped = 0;
        while (dropped < linger_max_bytes) {
            auto left = std::chrono::duration_cast<Milliseconds>(deadline - Clock::now());
            if (left.count() <= 0)
                return;
            begin_ = end_ = 0;
            ssize_t received = receive(left);
            if (received <= 0)
                return;
            dropped += std::size_t(received);
        }
    }

private:
    // SO_RCVTIMEO or SO_SNDTIMEO, set only when it changes (keep-alive and read timeouts are
    // usually the same).
    void set_timeout(int option, Milliseconds timeout) {
        Milliseconds& current = option == SO_RCVTIMEO ? receive_timeout_ : send_timeout_;
        if (current == timeout)
            return;
        timeval value{};
        value.tv_sec = static_cast<time_t>(timeout.count() / 1000);
        value.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
        if (value.tv_sec == 0 && value.tv_usec == 0)
            value.tv_usec = 1; // zero would mean "no timeout"
        ::setsockopt(socket_, SOL_SOCKET, option, &value, sizeof value);
        current = timeout;
    }

    // Appends what arrives to the buffer, waiting at most `timeout`: > 0 bytes read, 0 end of
    // stream (or the server stopping), -1 timeout or error.
    ssize_t receive(Milliseconds timeout) {
        if (begin_ == end_)
            begin_ = end_ = 0;
        if (end_ == input_.size() && begin_ > 0) {
            std::memmove(input_.data(), input_.data() + begin_, end_ - begin_);
            end_ -= begin_;
            begin_ = 0;
        }
        if (end_ == input_.size()) {
            errno = ENOBUFS;
            return -1;
        }
        set_timeout(SO_RCVTIMEO, timeout);
        while (true) {
            ssize_t received = ::recv(socket_, input_.data() + end_, input_.size() - end_, 0);
            if (received > 0) {
                end_ += std::size_t(received);
                return received;
            }
            if (received == 0)
                return 0;
            if (errno != EINTR)
                return -1;
        }
    }

    bool send_all(std::string_view first, std::string_view second) {
        iovec parts[2] = {{const_cast<char*>(first.data()), first.size()},
                          {const_cast<char*>(second.data()), second.size()}};
        iovec* next = parts;
        int count = 2;
        while (count > 0) {
            if (next->iov_len == 0) {
                ++next;
                --count;
                continue;
            }
            msghdr message{};
            message.msg_iov = next;
            message.msg_iovlen = std::size_t(count);
            ssize_t sent = ::sendmsg(socket_, &message, MSG_NOSIGNAL);
            if (sent < 0) {
                if (errno == EINTR)
                    continue;
                return false; // closed, stopped, or the write timeout passed
            }
            std::size_t left = std::size_t(sent);
            while (count > 0 && left >= next->iov_len) {
                left -= next->iov_len;
                ++next;
                --count;
            }
            if (count > 0) {
                next->iov_base = static_cast<char*>(next->iov_base) + left;
                next->iov_len -= left;
            }
        }
        return true;
    }

    // Sizes first (414, 431), then the grammar (400, 505).
    HeadStatus check_head() {
        std::string_view text = head();
        std::size_t start = 0;
        std::size_t line_number = 0;
        std::size_t hosts = 0;
        bool is_http11 = false;
        while (start < text.size()) {
            std::size_t end = text.find('\n', start);
            if (end == std::string_view::npos)
                break; // only after the last line end
            std::string_view line = text.substr(start, end - start);
            start = end + 1;
            if (line_number == 0 && line.size() > limits_.max_request_line)
                return HeadStatus::uri_too_long;
            if (line_number > 0 && line.size() > limits_.max_header_line)
                return HeadStatus::too_large;
            if (line.empty() || line.back() != '\r')
                return fail(HeadStatus::malformed, "every line of the request head must end with "
                                                   "CR LF");
            line.remove_suffix(1);
            if (line.empty())
                break; // the blank line that ends the head
            if (line_number == 0) {
                HeadProblem problem = check_request_line(line, is_http11);
                if (problem.status != HeadStatus::complete)
                    return fail(problem.status, problem.detail);
            } else {
                if (line_number > limits_.max_header_count)
                    return HeadStatus::too_large;
                if (line.front() == ' ' || line.front() == '\t')
                    return fail(HeadStatus::malformed,
                                "a header line starts with whitespace (obsolete line folding is "
                                "not accepted)");
                std::size_t colon = line.find(':');
                if (colon == std::string_view::npos)
                    return fail(HeadStatus::malformed, "a header line has no ':'");
                std::string_view name = line.substr(0, colon);
                if (!is_token(name))
                    return fail(HeadStatus::malformed,
                                "a header name is empty or has a character not allowed in it "
                                "(such as a space before ':')");
                std::string_view value = line.substr(colon + 1);
                bool value_ok = std::all_of(value.begin(), value.end(), [](char c) {
                    auto byte = static_cast<unsigned char>(c);
                    return byte == '\t' || (byte >= 0x20 && byte != 0x7f);
                });
                if (!value_ok)
                    return fail(HeadStatus::malformed, "a header value has a control character");
                if (iequals(name, "host"))
                    ++hosts;
            }
            ++line_number;
        }
        if (is_http11 && hosts != 1)
            return fail(HeadStatus::malformed, "an HTTP/1.1 request needs exactly one Host header");
        return HeadStatus::complete;
    }

    HeadStatus fail(HeadStatus status, const char* detail) {
        problem_ = detail;
        return status;
    }

    std::size_t first_line_length() const {
        std::string_view text = buffered();
        std::size_t end = text.find('\n');
        return end == std::string_view::npos ? text.size() : end;
    }

    int socket_;
    const HttpLimits& limits_;
    Milliseconds receive_timeout_{-1};
    Milliseconds send_timeout_{-1};
    mutable std::optional<Endpoint> remote_;
    mutable std::optional<Endpoint> local_;
    std::vector<char> input_;
    std::size_t begin_ = 0;
    std::size_t end_ = 0;
    std::size_t head_end_ = 0;
    std::string output_;
    bool failed_ = false;
    const char* problem_ = "";
};

std::string early_response(const EarlyReply& reply, bool head_only, bool close,
                           const HttpLimits& limits) {
    std::string response = "HTTP/1.1 " + std::to_string(reply.status) + " " +
                           std::string(status_text(reply.status)) + "\r\n";
    if (reply.status == 405)
        response += "Allow: " + std::string(allowed_methods) + "\r\n";
    response += "Content-Type: application/json; charset=utf-8\r\n";
    response += "Content-Length: " + std::to_string(reply.body.size()) + "\r\n";
    response += "Cache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\n";
    response += "Date: " + http_date(std::chrono::system_clock::now()) + "\r\n";
    if (close)
        response += "Connection: close\r\n";
    else
        response += "Keep-Alive: timeout=" +
                    std::to_string(
                        std::chrono::duration_cast<std::chrono::seconds>(limits.keep_alive_timeout)
                            .count()) +
                    ", max=" + std::to_string(limits.max_requests_per_connection) + "\r\n";
    response += "\r\n";
    if (!head_only)
        response += reply.body;
    return response;
}

} // namespace

HttpEngine::HttpEngine(HttpLimits limits, std::function<EarlyReply(const EarlyRequest&)> early)
    : limits_(limits), early_(std::move(early)) {
    // SO_REUSEADDR only: httplib's default also sets SO_REUSEPORT, which would let a second
    // instance bind the same port and silently share its connections.
    set_socket_options([](socket_t socket) {
        int yes = 1;
        ::setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    set_tcp_nodelay(true);
    set_keep_alive_max_count(limits_.max_requests_per_connection);
    set_keep_alive_timeout(
        std::chrono::duration_cast<std::chrono::seconds>(limits_.keep_alive_timeout).count());
    set_read_timeout(limits_.read_timeout);
    set_write_timeout(limits_.write_timeout);
    set_payload_max_length(limits_.max_body);
    idle_ = std::make_unique<IdleConnections>(
        limits_.keep_alive_timeout,
        [this](int socket, std::size_t served) { resume(socket, served); },
        [this](int socket) { close_connection(socket); });
    new_task_queue = [this] {
        auto* queue = new ConnectionThreads(
            limits_.min_threads, limits_.max_threads, limits_.idle_thread_exit,
            limits_.connection_nice, [this] {
                // The queue is going: no parked connection may be handed back to it.
                idle_->stop();
                std::lock_guard lock(queue_mutex_);
                queue_ = nullptr;
            });
        std::lock_guard lock(queue_mutex_);
        queue_ = queue;
        return queue;
    };
}

HttpEngine::~HttpEngine() {
    wake_connections();
    stop();
}

int HttpEngine::bind_listener(const std::string& host, int port, std::string& error) {
    int bound = port == 0 ? bind_to_any_port(host) : (bind_to_port(host, port) ? port : -1);
    if (bound < 0) {
        // httplib does not say why; ask the system with the same request.
        addrinfo hints{};
        hints.ai_family = AF_UNSPEC;
        hints.ai_socktype = SOCK_STREAM;
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
        addrinfo* found = nullptr;
        std::string reason = "it is in use, or not an address of this machine";
        int status = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found);
        if (status != 0) {
            reason = std::string("the address cannot be resolved: ") + gai_strerror(status);
        } else {
            int probe = ::socket(found->ai_family, found->ai_socktype, found->ai_protocol);
            if (probe >= 0) {
                int yes = 1;
                ::setsockopt(probe, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
                if (::bind(probe, found->ai_addr, found->ai_addrlen) != 0)
                    reason = std::strerror(errno);
                ::close(probe);
            }
            ::freeaddrinfo(found);
        }
        error = "cannot listen on " + host + ":" + std::to_string(port) + ": " + reason;
        return -1;
    }
    // httplib listens with a backlog of 5: connections beyond that wait for a SYN retry
    // (a second or more) when many displays connect at once.
    ::listen(svr_sock_, SOMAXCONN);
    return bound;
}

void HttpEngine::wake_connections() {
    {
        std::lock_guard lock(connections_mutex_);
        if (stopping_)
            return;
        stopping_ = true;
        // Ends every blocked read or write at once; the threads then close their sockets.
        for (socket_t socket : open_connections_)
            ::shutdown(socket, SHUT_RDWR);
    }
    idle_->stop(); // closes the parked ones
}

bool HttpEngine::process_and_close_socket(socket_t socket) {
    bool tracked = false;
    {
        std::lock_guard lock(connections_mutex_);
        if (!stopping_)
            tracked = open_connections_.insert(socket).second;
    }
    if (!tracked) {
        ::shutdown(socket, SHUT_RDWR);
        ::close(socket);
        return true;
    }
    finish(socket, run_connection(socket, 0));
    return true;
}

HttpEngine::After HttpEngine::run_connection(socket_t socket, std::size_t served) {
    try {
        return serve(socket, served);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "actionboard: feed: connection ended by an error: %s\n", error.what());
        return After::close;
    }
}

void HttpEngine::finish(socket_t socket, After after) {
    if (after == After::close)
        close_connection(socket);
}

void HttpEngine::close_connection(socket_t socket) {
    {
        // Forgotten before it is closed: the number may be reused at once.
        std::lock_guard lock(connections_mutex_);
        open_connections_.erase(socket);
    }
    ::shutdown(socket, SHUT_RDWR);
    ::close(socket);
}

void HttpEngine::resume(socket_t socket, std::size_t served) {
    std::lock_guard lock(queue_mutex_);
    if (queue_ == nullptr || stopping_) {
        close_connection(socket);
        return;
    }
    queue_->enqueue([this, socket, served] { finish(socket, run_connection(socket, served)); });
}

HttpEngine::After HttpEngine::serve(socket_t socket, std::size_t served) {
    if (served == 0) {
        int yes = 1;
        ::setsockopt(socket, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    }
    Connection connection(socket, limits_);

    // Moves Accept-Encoding aside so that httplib never compresses, and hands the handler the
    // target as it was sent.
    std::string raw_target;
    const std::function<void(httplib::Request&)> prepare =
        [&raw_target](httplib::Request& request) {
            request.target = raw_target;
            std::string accepted;
            for (auto [it, end] = request.headers.equal_range("Accept-Encoding"); it != end; ++it)
                accepted += (accepted.empty() ? "" : ", ") + it->second;
            request.headers.erase("Accept-Encoding");
            request.headers.erase(accept_encoding_header);
            if (!accepted.empty())
                request.headers.emplace(accept_encoding_header, accepted);
        };

    for (; served < limits_.max_requests_per_connection; ++served) {
        if (stopping_)
            return After::close;
        // A busy client's next request comes at once: wait a moment for it on this thread.
        // Nothing by then (a display that polls every few seconds): wait among the idle
        // connections instead, holding no thread. The socket then belongs to the idle set;
        // nothing below may touch it.
        Connection::Wait wait = connection.wait_for_request(limits_.park_after);
        if (wait == Connection::Wait::closed)
            return After::close;
        if (wait == Connection::Wait::idle)
            return idle_->park(socket, served) ? After::parked : After::close;
        HeadStatus status = connection.read_head();
        if (status == HeadStatus::ended)
            return After::close;
        auto refuse = [&](Rejection why, std::string_view method, std::string_view target,
                          bool close) {
            EarlyReply reply = early_(EarlyRequest{why, method, target, connection.problem()});
            std::string response = early_response(reply, method == "HEAD", close, limits_);
            connection.write(response.data(), response.size());
            if (close)
                connection.linger();
            else
                connection.flush();
        };
        if (status != HeadStatus::complete) {
            std::string_view buffered = connection.buffered();
            std::string_view method =
                buffered.substr(0, std::min(buffered.find(' '), std::size_t(16)));
            Rejection why = status == HeadStatus::uri_too_long  ? Rejection::uri_too_long
                            : status == HeadStatus::malformed   ? Rejection::malformed
                            : status == HeadStatus::bad_version ? Rejection::version_not_supported
                            : status == HeadStatus::timed_out   ? Rejection::head_timeout
                                                                : Rejection::head_too_large;
            refuse(why, method, {}, true);
            return After::close;
        }

        RequestHead head = parse_head(connection.head());
        bool readable_method = head.method == "GET" || head.method == "HEAD";
        if (head.bad_length) {
            refuse(Rejection::bad_length, head.method, head.target, true);
            return After::close;
        }
        if (head.has_transfer_encoding) {
            refuse(readable_method ? Rejection::chunked_body : Rejection::method_not_allowed,
                   head.method, head.target, true);
            return After::close;
        }
        std::uint64_t body_length = head.content_length.value_or(0);
        if (body_length > limits_.max_body) {
            refuse(Rejection::body_too_large, head.method, head.target, true);
            return After::close;
        }
        bool last = served + 1 == limits_.max_requests_per_connection || stopping_;
        if (!readable_method) {
            // Copy what the reply needs: skipping the body moves the buffer.
            std::string method(head.method), target(head.target);
            if (head.expects_continue && body_length > 0) {
                // Refuse before the client sends its body, rather than wait for it.
                refuse(Rejection::method_not_allowed, method, target, true);
                return After::close;
            }
            bool close = last || head.wants_close;
            connection.skip(connection.head().size());
            if (!connection.skip(body_length))
                return After::close;
            refuse(Rejection::method_not_allowed, method, target, close);
            if (close)
                return After::close;
            continue;
        }

        raw_target.assign(head.target);
        // The feed does not serve ranges, so it ignores Range whatever its value (RFC 9110
        // 14.2), and If-Range with it. httplib would answer 416, before any routing, to a
        // value it cannot read (`items=0-3`, `Bytes=0-3`, `bytes=5-1`), even on a path that
        // does not exist: it never sees either header.
        connection.remove_header("Range");
        connection.remove_header("If-Range");
        bool connection_closed = false;
        bool answered = process_request(connection, last, connection_closed, prepare);
        if (!connection.flush() || !answered || connection_closed || last)
            return After::close;
        if (!connection.skip(body_length)) // a GET's body, unread by httplib
            return After::close;
    }
    return After::close; // max_requests_per_connection answered
}

} // namespace actionboard::feed
