#pragma once
// Kept-alive connections waiting for their next request, watched by one epoll thread instead
// of a thread each. A connection whose client has nothing more to say after a response is
// parked here; when bytes (or the end of the stream) arrive it is handed back to the
// connection threads, and when it has waited the keep-alive timeout it is closed. So open
// connections cost a socket, not a thread: thousands of follower displays polling every few
// seconds over kept-alive connections need only as many threads as are answering at once
// (docs/deploy.md, "Fan-out").

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace actionboard::feed {

class IdleConnections {
public:
    // `resume(socket, served)` runs the connection again (on a connection thread); `close`
    // closes one that timed out or was still here at stop().
    IdleConnections(std::chrono::milliseconds keep_alive,
                    std::function<void(int socket, std::size_t served)> resume,
                    std::function<void(int socket)> close);
    ~IdleConnections();
    IdleConnections(const IdleConnections&) = delete;
    IdleConnections& operator=(const IdleConnections&) = delete;

    // Parks a connection that has answered `served` requests. False once stopped (or if
    // epoll refuses the socket): the caller then closes it.
    bool park(int socket, std::size_t served);
    // Closes every parked connection and ends the thread; park() refuses from then on. Safe to
    // call more than once.
    void stop();

    std::size_t parked() const;

private:
    struct Parked {
        std::chrono::steady_clock::time_point deadline;
        std::size_t served = 0;
    };
    void run();

    const std::chrono::milliseconds keep_alive_;
    std::function<void(int, std::size_t)> resume_;
    std::function<void(int)> close_;
    int epoll_ = -1;
    int wake_ = -1; // an eventfd: stop() wakes the thread with it
    mutable std::mutex mutex_;
    std::unordered_map<int, Parked> parked_;
    bool stopped_ = false;
    std::thread thread_;
};

} // namespace actionboard::feed
