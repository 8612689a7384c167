// Where the history lives by default: StateDirectory= under systemd, XDG_STATE_HOME, then HOME.

#include "dashboard/history/paths.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <map>
#include <string>
#include <unistd.h>

using namespace actionboard::history;

namespace {

DefaultPath with(std::map<std::string, std::string> env) {
    return default_history_path([env](const char* name) -> const char* {
        auto it = env.find(name);
        return it == env.end() ? nullptr : it->second.c_str();
    });
}

} // namespace

TEST_CASE("paths: StateDirectory=, then XDG_STATE_HOME, then ~/.local/state") {
    CHECK(with({{"STATE_DIRECTORY", "/var/lib/actionboard"}, {"XDG_STATE_HOME", "/x"}, {"HOME", "/home/a"}}).path ==
          "/var/lib/actionboard/history.sqlite3");
    CHECK(with({{"STATE_DIRECTORY", "/var/lib/actionboard:/var/lib/other"}}).path ==
          "/var/lib/actionboard/history.sqlite3");
    CHECK(with({{"XDG_STATE_HOME", "/x/state"}, {"HOME", "/home/a"}}).path == "/x/state/actionboard/history.sqlite3");
    CHECK(with({{"XDG_STATE_HOME", "relative/state"}, {"HOME", "/home/a"}}).path ==
          "/home/a/.local/state/actionboard/history.sqlite3");
    CHECK(with({{"HOME", "/home/a"}}).path == "/home/a/.local/state/actionboard/history.sqlite3");
    DefaultPath none = with({});
    CHECK_FALSE(none.path);
    CHECK(none.why_none.find("--history FILE") != std::string::npos);
}

TEST_CASE("paths: the default directory is made, private, when missing") {
    namespace fs = std::filesystem;
    std::string pattern = (fs::temp_directory_path() / "actionboard-paths-XXXXXX").string();
    fs::path root = mkdtemp(pattern.data());
    fs::path db = root / "state" / "actionboard" / "history.sqlite3";
    CHECK(make_state_directory(db.string()).empty());
    CHECK(fs::is_directory(db.parent_path()));
    CHECK((fs::status(db.parent_path()).permissions() & fs::perms::all) == fs::perms::owner_all);
    CHECK(make_state_directory(db.string()).empty()); // already there
    fs::remove_all(root);
}
