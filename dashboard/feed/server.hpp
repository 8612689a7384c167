#pragma once
// The read-only JSON feed over HTTP (cpp-httplib). Every default-view body is prepared once per
// snapshot by prepare_bodies(); a request copies bytes. docs/feed.md documents the endpoints.

#include "dashboard/core/live_plan.hpp"
#include "dashboard/history/history.hpp"

#include <chrono>
#include <memory>
#include <string>

namespace actionboard::feed {

struct ServerOptions {
    std::string bind = "127.0.0.1";
    int port = 8080; // 0: any free port
    bool cors = true;
    // How long an idle keep-alive connection is kept open.
    std::chrono::milliseconds keep_alive_timeout{15000};
    // Where /api/v1/history, /changes and /trend come from; null: history off (503).
    const history::History* history = nullptr;
    // --stale-days: /healthz says `stale` when the data last changed longer ago than this, and
    // the browser view shows the wall's warning.
    int stale_days = 14;
};

// Builds every default-view body (identity, gzip, ETag) for a snapshot. Given to
// LivePlanOptions::prepare_bodies so it runs once per data version, off the serving threads.
PreparedBodies prepare_bodies(const Snapshot& snapshot);

class Server {
public:
    Server(const LivePlan& live, ServerOptions options);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Binds and starts serving on background threads. False, with a message saying what and
    // where, when it cannot (port in use, bad address).
    bool start(std::string& error);
    // Stops accepting and returns within a second.
    void stop();

    int port() const;                // the bound port (useful with port 0)
    const std::string& bind() const; // the bound address
    std::string url() const;         // "http://ADDR:PORT"

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace actionboard::feed
