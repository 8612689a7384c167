// Placeholder until the feed lands: binds nothing, serves nothing.
#include "server.hpp"

namespace actionboard::feed {

struct Server::Impl {
    ServerOptions options;
};

PreparedBodies prepare_bodies(const Snapshot&) { return {}; }

Server::Server(const LivePlan&, ServerOptions options) : impl_(std::make_unique<Impl>()) {
    impl_->options = std::move(options);
}
Server::~Server() = default;
bool Server::start(std::string&) { return true; }
void Server::stop() {}
int Server::port() const { return impl_->options.port; }
const std::string& Server::bind() const { return impl_->options.bind; }
std::string Server::url() const { return "http://" + bind() + ":" + std::to_string(port()); }

} // namespace actionboard::feed
