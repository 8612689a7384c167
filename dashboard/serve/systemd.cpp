#include "systemd.hpp"

#include <cstdio>
#include <httplib.h>
#include <pthread.h>
#include <systemd/sd-daemon.h>

namespace actionboard::serve {

namespace {

void notify(const std::string& message) {
    // 0: the variables stay, so that later messages (the watchdog's) find the socket too.
    sd_notify(0, message.c_str());
}

// One line: systemd shows STATUS= as it is, and a newline would start another assignment.
std::string one_line(std::string text) {
    for (char& c : text) {
        if (c == '\n' || c == '\r')
            c = ' ';
    }
    return text;
}

} // namespace

SystemdNotifier::~SystemdNotifier() {
    stop_watchdog();
}

void SystemdNotifier::status(const std::string& text) {
    notify("STATUS=" + one_line(text));
}

void SystemdNotifier::ready(const std::string& status) {
    notify("READY=1\nSTATUS=" + one_line(status));
}

void SystemdNotifier::stopping() {
    stop_watchdog();
    notify("STOPPING=1");
}

std::chrono::microseconds SystemdNotifier::start_watchdog(
    std::function<bool(std::chrono::milliseconds)> alive) {
    std::uint64_t usec = 0;
    if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0 || watchdog_.joinable())
        return std::chrono::microseconds(0);
    auto interval = std::chrono::microseconds(usec);
    auto period = std::chrono::duration_cast<std::chrono::milliseconds>(interval / 2);
    auto timeout = std::max(std::chrono::milliseconds(100),
                            std::chrono::duration_cast<std::chrono::milliseconds>(interval / 4));
    watchdog_ = std::thread([this, period, timeout, alive = std::move(alive)] {
        ::pthread_setname_np(::pthread_self(), "watchdog");
        std::unique_lock lock(mutex_);
        while (!stopping_) {
            lock.unlock();
            bool ok = alive(timeout);
            if (ok) {
                notify("WATCHDOG=1");
                ++pets_;
            } else {
                std::fprintf(stderr, "actionboard: watchdog: the feed did not answer /healthz "
                                     "within %lld ms; not telling systemd it is alive\n",
                             static_cast<long long>(timeout.count()));
            }
            lock.lock();
            wake_.wait_for(lock, period, [this] { return stopping_; });
        }
    });
    return interval;
}

void SystemdNotifier::stop_watchdog() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (watchdog_.joinable())
        watchdog_.join();
}

bool feed_answers(const std::string& bind, int port, std::chrono::milliseconds timeout) {
    std::string host = bind;
    if (host == "0.0.0.0" || host.empty())
        host = "127.0.0.1";
    else if (host == "::")
        host = "::1";
    httplib::ClientImpl client(host, port);
    auto seconds = static_cast<time_t>(timeout.count() / 1000);
    auto micros = static_cast<time_t>(timeout.count() % 1000 * 1000);
    client.set_connection_timeout(seconds, micros);
    client.set_read_timeout(seconds, micros);
    client.set_write_timeout(seconds, micros);
    client.set_keep_alive(false);
    bool ipv6 = host.find(':') != std::string::npos;
    httplib::Headers headers{
        {"Host", (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port)},
        {"User-Agent", "actionboard-watchdog"}};
    auto result = client.Get("/healthz", headers);
    // 503: a follower still waiting for its source's first plan; its feed answers all the same.
    return result && (result->status == 200 || result->status == 503);
}

} // namespace actionboard::serve
