#pragma once
// The task queue httplib runs connections on. httplib keeps one thread for the whole life of a
// connection, idle keep-alive time included, so a fixed pool (httplib's default is 8 threads)
// makes a new request wait behind idle connections. This queue starts a thread whenever a
// connection arrives and no thread is free, up to a cap, and lets threads beyond the minimum
// exit after they have been idle for a while.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <httplib.h>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

namespace actionboard::feed {

class ConnectionThreads final : public httplib::TaskQueue {
public:
    // Each thread lowers its own priority by `nice_increment` (Linux nice is per thread), so
    // connections never starve the process's other threads.
    // `before_shutdown` runs first thing in shutdown(), while jobs can still be queued: the
    // engine stops handing parked connections back to a queue about to go.
    ConnectionThreads(std::size_t min_threads, std::size_t max_threads,
                      std::chrono::milliseconds idle_exit, int nice_increment = 0,
                      std::function<void()> before_shutdown = {});
    ~ConnectionThreads() override;
    ConnectionThreads(const ConnectionThreads&) = delete;
    ConnectionThreads& operator=(const ConnectionThreads&) = delete;

    void enqueue(std::function<void()> job) override;
    // Runs what is queued, then joins every thread.
    void shutdown() override;

    std::size_t live_threads() const;

private:
    void run();
    void start_thread();                      // with mutex_ held
    std::vector<std::thread> take_finished(); // with mutex_ held

    const std::size_t min_threads_;
    const std::size_t max_threads_;
    const std::chrono::milliseconds idle_exit_;
    const int nice_increment_;
    std::function<void()> before_shutdown_;
    std::atomic<bool> priority_warning_shown_{false}; // so a failure is logged once, not per thread

    mutable std::mutex mutex_;
    std::condition_variable work_ready_;
    std::deque<std::function<void()>> jobs_;
    std::unordered_map<std::thread::id, std::thread> threads_;
    std::vector<std::thread::id> finished_; // exited after idling, not joined yet
    std::size_t idle_ = 0;
    bool stopping_ = false;
};

} // namespace actionboard::feed
