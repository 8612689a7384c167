#include "connection_threads.hpp"

#include <cstdio>
#include <system_error>

namespace actionboard::feed {

ConnectionThreads::ConnectionThreads(std::size_t min_threads, std::size_t max_threads,
                                     std::chrono::milliseconds idle_exit)
    : min_threads_(min_threads == 0 ? 1 : min_threads),
      max_threads_(max_threads < min_threads_ ? min_threads_ : max_threads), idle_exit_(idle_exit) {
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

void ConnectionThreads::run() {
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
