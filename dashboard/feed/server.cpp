#include "server.hpp"

#include "handler.hpp"
#include "http_engine.hpp"
#include "render.hpp"

#include <chrono>
#include <cstdio>
#include <thread>

namespace actionboard::feed {

PreparedBodies prepare_bodies(const Snapshot& snapshot) {
    try {
        return prepare_all(snapshot);
    } catch (const std::exception& error) {
        // Runs on the watcher thread: never let it end the process. Without prepared bodies
        // every request is rendered on demand, which is slower but correct.
        std::fprintf(stderr, "actionboard: feed: cannot prepare the bodies: %s\n", error.what());
        return {};
    }
}

namespace {
HttpLimits limits_for(const ServerOptions& options) {
    HttpLimits limits;
    limits.keep_alive_timeout = options.keep_alive_timeout;
    return limits;
}
} // namespace

struct Server::Impl {
    Impl(const LivePlan& live, ServerOptions server_options)
        : options(std::move(server_options)),
          handler(live, options.cors, options.history, options.stale_days),
          engine(limits_for(options),
                 [this](const EarlyRequest& request) { return handler.early_reply(request); }) {
        engine.set_default_headers(handler.default_headers());
        engine.set_pre_routing_handler(
            [this](const httplib::Request& request, httplib::Response& response) {
                handler.handle(request, response);
                return httplib::Server::HandlerResponse::Handled;
            });
        engine.set_error_handler(httplib::Server::HandlerWithResponse(
            [this](const httplib::Request& request, httplib::Response& response) {
                handler.complete_error(request, response);
                return httplib::Server::HandlerResponse::Handled;
            }));
        engine.set_post_routing_handler(
            [this](const httplib::Request& request, httplib::Response& response) {
                handler.finish(request, response);
            });
        engine.set_logger(
            [this](const httplib::Request& request, const httplib::Response& response) {
                handler.count(request, response);
            });
    }

    ServerOptions options;
    Handler handler;
    HttpEngine engine;
    std::thread listener;
    int bound_port = -1;
    bool started = false;
};

Server::Server(const LivePlan& live, ServerOptions options)
    : impl_(std::make_unique<Impl>(live, std::move(options))) {}

Server::~Server() {
    stop();
}

bool Server::start(std::string& error) {
    if (impl_->started) {
        error = "the feed server was already started (it starts once)";
        return false;
    }
    impl_->started = true;
    int port = impl_->engine.bind_listener(impl_->options.bind, impl_->options.port, error);
    if (port < 0)
        return false;
    impl_->bound_port = port;
    impl_->listener = std::thread([engine = &impl_->engine] { engine->listen_after_bind(); });
    // stop() can only end the accept loop once it runs: wait for it (it starts at once).
    for (int i = 0; i < 5000 && !impl_->engine.is_running(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    if (!impl_->engine.is_running()) {
        impl_->engine.stop();
        error = "the feed server did not start listening on " + url();
        return false;
    }
    return true;
}

void Server::stop() {
    impl_->engine.wake_connections();
    impl_->engine.stop();
    if (impl_->listener.joinable())
        impl_->listener.join();
}

int Server::port() const {
    return impl_->bound_port >= 0 ? impl_->bound_port : impl_->options.port;
}

const std::string& Server::bind() const {
    return impl_->options.bind;
}

std::string Server::url() const {
    const std::string& host = bind();
    bool ipv6 = host.find(':') != std::string::npos;
    return "http://" + (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port());
}

} // namespace actionboard::feed
