#pragma once
// systemd's service protocol (libsystemd's sd_notify): READY=1 once the feed listens (so that a
// Type=notify unit counts as started only then), STATUS= lines for `systemctl status`,
// STOPPING=1, and the watchdog. Outside systemd (no NOTIFY_SOCKET) every call does nothing.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace actionboard::serve {

class SystemdNotifier {
public:
    SystemdNotifier() = default;
    ~SystemdNotifier(); // stops the watchdog thread
    SystemdNotifier(const SystemdNotifier&) = delete;
    SystemdNotifier& operator=(const SystemdNotifier&) = delete;

    void status(const std::string& text);
    void ready(const std::string& status);
    void stopping();

    // With WatchdogSec= set (WATCHDOG_USEC in the environment): a thread that, every half
    // interval, runs `alive` (which must answer within a quarter of the interval) and sends
    // WATCHDOG=1 only when it says yes. A process whose feed no longer answers is then killed
    // and restarted by systemd (Restart=on-failure). Returns the interval, or zero when off.
    std::chrono::microseconds start_watchdog(
        std::function<bool(std::chrono::milliseconds timeout)> alive);

    // Pets sent so far (for the log and tests).
    unsigned long pets() const { return pets_; }

private:
    void stop_watchdog();

    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread watchdog_;
    std::atomic<unsigned long> pets_{0};
};

// GET /healthz on the feed itself, over loopback when it listens on every address: the
// watchdog's proof of life. True for an answer within `timeout`: 200, or 503 from a follower
// that has no plan yet.
bool feed_answers(const std::string& bind, int port, std::chrono::milliseconds timeout);

} // namespace actionboard::serve
