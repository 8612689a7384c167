#include "connection_threads.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <pthread.h>
#include <sys/resource.h>
#include <system_error>
#include <unistd.h>
#include <utility>

namespace actionboard::feed {

ConnectionThreads::ConnectionThreads(std::size_t min_threads, std::size_t max_threads,
                                     std::chrono::milliseconds idle_exit, int nice_increment,
                                     std::function<void()> before_shutdown)
    : min_threads_(min_threads == 0 ? 1 : min_threads),
      max_threads_(max_threads < min_threads_ ? min_threads_ : max_threads), idle_exit_(idle_exit),
      nice_increment_(std::max(nice_increment, 0)), before_shutdown_(std::move(before_shutdown)) {
    std::lock_guard lock(mutex_);
    for (std::size_t i = 0; i < min_threads_; ++i)
        start_thread();
}

ConnectionThreads::~ConnectionThreads() {
    shutdown();
}

void ConnectionThreads::start_thread() {
    try {
        std::thread thread(&ConnectionThreads::run, this);
        auto id = thread.get_id();
        threads_.emplace(id, std::move(thread));
    } catch (const std::system_error& error) {
        // Out of threads: the job waits for a running thread to come free.
        std::fprintf(stderr, "actionboard: feed: cannot start a connection thread: %s\n",
                     error.what());
    }
}

std::vector<std::thread> ConnectionThreads::take_finished() {
    std::vector<std::thread> finished;
    for (auto id : finished_) {
        auto it = threads_.find(id);
        if (it != threads_.end()) {
            finished.push_back(std::move(it->second));
            threads_.erase(it);
        }
    }
    finished_.clear();
    return finished;
}

void ConnectionThreads::enqueue(std::function<void()> job) {
    std::vector<std::thread> finished;
    {
        std::lock_guard lock(mutex_);
        finished = take_finished();
        jobs_.push_back(std::move(job));
        // More queued connections than idle threads to take them: start one.
        if (jobs_.size() > idle_ && threads_.size() < max_threads_)
            start_thread();
    }
    work_ready_.notify_one();
    for (auto& thread : finished)
        thread.join(); // it has already left run()
}

void ConnectionThreads::shutdown() {
    if (auto hook = std::exchange(before_shutdown_, nullptr))
        hook();
    std::unordered_map<std::thread::id, std::thread> threads;
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    work_ready_.notify_all();
    {
        std::lock_guard lock(mutex_);
        threads.swap(threads_);
        finished_.clear();
    }
    for (auto& [id, thread] : threads) {
        if (thread.joinable())
            thread.join();
    }
}

std::size_t ConnectionThreads::live_threads() const {
    std::lock_guard lock(mutex_);
    return threads_.size() - finished_.size();
}

namespace {

// Raising one's own nice value needs no privilege. A failure only costs priority: the caller
// reports it once and the thread goes on. Returns 0 or the errno.
int lower_own_priority(int increment) {
    if (increment == 0)
        return 0;
    auto self = static_cast<id_t>(::gettid());
    errno = 0;
    int current = ::getpriority(PRIO_PROCESS, self);
    if (current == -1 && errno != 0)
        return errno;
    if (::setpriority(PRIO_PROCESS, self, std::min(current + increment, 19)) != 0)
        return errno;
    return 0;
}

} // namespace

void ConnectionThreads::run() {
    ::pthread_setname_np(::pthread_self(), "feed-conn"); // for top -H and the tests
    if (int error = lower_own_priority(nice_increment_);
        error != 0 && !priority_warning_shown_.exchange(true))
        std::fprintf(stderr, "actionboard: feed: cannot lower connection threads' priority: %s\n",
                     std::strerror(error));
    std::unique_lock lock(mutex_);
    while (true) {
        ++idle_;
        bool woken =
            work_ready_.wait_for(lock, idle_exit_, [this] { return stopping_ || !jobs_.empty(); });
        --idle_;
        if (jobs_.empty()) {
            if (stopping_)
                return;
            if (!woken && threads_.size() - finished_.size() > min_threads_) {
                finished_.push_back(std::this_thread::get_id());
                return;
            }
            continue;
        }
        std::function<void()> job = std::move(jobs_.front());
        jobs_.pop_front();
        lock.unlock();
        job();
        lock.lock();
    }
}

} // namespace actionboard::feed
