#include "idle_connections.hpp"

#include <pthread.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>
#include <vector>

namespace actionboard::feed {

namespace {
// How often deadlines are looked at when nothing arrives: a parked connection is closed at most
// this long after its keep-alive timeout.
constexpr std::chrono::milliseconds sweep_interval{250};
} // namespace

IdleConnections::IdleConnections(std::chrono::milliseconds keep_alive,
                                 std::function<void(int, std::size_t)> resume,
                                 std::function<void(int)> close)
    : keep_alive_(keep_alive), resume_(std::move(resume)), close_(std::move(close)) {
    epoll_ = ::epoll_create1(EPOLL_CLOEXEC);
    wake_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (epoll_ < 0 || wake_ < 0) {
        stopped_ = true; // park() refuses: connections then wait on their threads' sockets
        return;
    }
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.fd = wake_;
    ::epoll_ctl(epoll_, EPOLL_CTL_ADD, wake_, &event);
    thread_ = std::thread([this] { run(); });
}

IdleConnections::~IdleConnections() {
    stop();
    if (epoll_ >= 0)
        ::close(epoll_);
    if (wake_ >= 0)
        ::close(wake_);
}

bool IdleConnections::park(int socket, std::size_t served) {
    std::lock_guard lock(mutex_);
    if (stopped_)
        return false;
    epoll_event event{};
    // One shot: once it fires the socket leaves the set's watch until it is parked again.
    event.events = EPOLLIN | EPOLLRDHUP | EPOLLONESHOT;
    event.data.fd = socket;
    if (::epoll_ctl(epoll_, EPOLL_CTL_ADD, socket, &event) != 0)
        return false;
    parked_[socket] = Parked{std::chrono::steady_clock::now() + keep_alive_, served};
    return true;
}

std::size_t IdleConnections::parked() const {
    std::lock_guard lock(mutex_);
    return parked_.size();
}

void IdleConnections::stop() {
    std::unordered_map<int, Parked> left;
    {
        std::lock_guard lock(mutex_);
        if (stopped_ && !thread_.joinable())
            return;
        stopped_ = true;
        left.swap(parked_);
        for (const auto& [socket, parked] : left)
            ::epoll_ctl(epoll_, EPOLL_CTL_DEL, socket, nullptr);
    }
    if (wake_ >= 0) {
        std::uint64_t one = 1;
        [[maybe_unused]] auto written = ::write(wake_, &one, sizeof one);
    }
    if (thread_.joinable())
        thread_.join();
    for (const auto& [socket, parked] : left)
        close_(socket);
}

void IdleConnections::run() {
    ::pthread_setname_np(::pthread_self(), "feed-idle");
    std::vector<epoll_event> events(256);
    while (true) {
        int count = ::epoll_wait(epoll_, events.data(), int(events.size()),
                                 int(sweep_interval.count()));
        std::vector<std::pair<int, std::size_t>> ready;
        std::vector<int> expired;
        {
            std::lock_guard lock(mutex_);
            if (stopped_)
                return;
            for (int i = 0; i < count; ++i) {
                int socket = events[std::size_t(i)].data.fd;
                if (socket == wake_)
                    continue;
                auto it = parked_.find(socket);
                if (it == parked_.end())
                    continue;
                ::epoll_ctl(epoll_, EPOLL_CTL_DEL, socket, nullptr);
                ready.emplace_back(socket, it->second.served);
                parked_.erase(it);
            }
            auto now = std::chrono::steady_clock::now();
            for (auto it = parked_.begin(); it != parked_.end();) {
                if (it->second.deadline <= now) {
                    ::epoll_ctl(epoll_, EPOLL_CTL_DEL, it->first, nullptr);
                    expired.push_back(it->first);
                    it = parked_.erase(it);
                } else {
                    ++it;
                }
            }
        }
        // Outside the lock: a resumed connection may park again at once.
        for (auto [socket, served] : ready)
            resume_(socket, served);
        for (int socket : expired)
            close_(socket);
    }
}

} // namespace actionboard::feed
