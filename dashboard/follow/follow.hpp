#pragma once
// Follower displays: a plan taken from another actionboard (its /api/v1/source) or any web
// server, over HTTP or HTTPS, polled with If-None-Match. LivePlan validates what arrives as it
// would a file (dashboard/core/remote_source.hpp); this is the network side: timeouts, a size
// limit, jittered polling and exponential back-off, clear errors. docs/deploy.md has the design.

#include "dashboard/core/loader.hpp"
#include "dashboard/core/remote_source.hpp"
#include "dashboard/core/source_url.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>

namespace httplib {
class ClientImpl;
}

namespace actionboard::follow {

struct FollowOptions {
    std::chrono::milliseconds poll{10000};         // --poll: the most time between two polls
    std::chrono::milliseconds max_backoff{300000}; // while the source is down or refused
    std::chrono::milliseconds connect_timeout{5000};
    std::chrono::milliseconds read_timeout{10000};  // nothing at all arrives for this long
    std::chrono::milliseconds total_timeout{60000}; // the whole answer, however it trickles
    std::size_t max_bytes = 16 * 1024 * 1024;       // as for a file (LoadLimits)
    std::string user_agent = "actionboard";
};

// When to poll next. Every delay is drawn at random from [3/4, 1] of its base, so displays
// that started together (a building after a power cut) drift apart and never poll in step,
// and the source is polled at most every `poll`: an edit shows within one poll. After n
// failures in a row the base is poll x 2^n, up to max_backoff (or poll, if that is longer).
class PollSchedule {
public:
    PollSchedule(std::chrono::milliseconds poll, std::chrono::milliseconds max_backoff,
                 std::uint64_t seed);
    std::chrono::milliseconds next(bool succeeded);
    int failures() const { return failures_; }
    // The base the next delay after `failures` failures in a row is drawn under.
    std::chrono::milliseconds base(int failures) const;

private:
    std::chrono::milliseconds poll_;
    std::chrono::milliseconds max_backoff_;
    int failures_ = 0;
    std::mt19937_64 random_;
};

// A plan followed over HTTP(S). HTTPS checks the certificate against the system's CA store
// (OpenSSL's default paths: /etc/ssl/certs, or SSL_CERT_FILE) and the host name; a refused
// certificate is an error that names why, never ignored. Redirects are not followed: they are
// reported with the URL to use instead.
class HttpSource final : public RemoteSource {
public:
    HttpSource(SourceUrl url, std::string name, FollowOptions options);
    ~HttpSource() override;
    HttpSource(const HttpSource&) = delete;
    HttpSource& operator=(const HttpSource&) = delete;

    const std::string& name() const override { return name_; }
    RemoteFetch fetch(const std::string& if_none_match) override;
    std::chrono::milliseconds next_delay(bool succeeded) override;
    void interrupt() override;

private:
    std::unique_ptr<httplib::ClientImpl> make_client();
    void guard();
    void shut_down(); // with mutex_ held

    SourceUrl url_;
    std::string name_;
    FollowOptions options_;
    std::string host_header_;
    PollSchedule schedule_;

    // A guard thread ends a fetch that runs past total_timeout, or that interrupt() ends: it
    // shuts the client's socket down, which ends a connect or a blocking read at once. It holds
    // its own duplicate of the socket (taken as httplib creates it), so the socket it shuts down
    // is always the fetch's, never a number httplib has closed and the system given to another.
    std::mutex mutex_;
    std::condition_variable wake_;
    bool active_ = false;
    int socket_ = -1; // our dup() of the fetch's socket, while active_
    std::chrono::steady_clock::time_point deadline_{};
    bool timed_out_ = false;
    bool interrupted_ = false;
    bool closing_ = false;
    std::thread guard_;
};

// `--data URL` as the user gave it: the source, or a usage error.
struct SourceResult {
    std::shared_ptr<RemoteSource> source;
    std::string error;
};
SourceResult make_source(const std::string& url, const FollowOptions& options);

} // namespace actionboard::follow
