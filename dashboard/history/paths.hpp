#pragma once
// Where the history database lives when --history does not say: under systemd's StateDirectory=
// ($STATE_DIRECTORY), else $XDG_STATE_HOME/actionboard/, else ~/.local/state/actionboard/.
// docs/history.md says which a packaged service uses.

#include <functional>
#include <optional>
#include <string>

namespace actionboard::history {

inline constexpr const char* database_name = "history.sqlite3";

struct DefaultPath {
    std::optional<std::string> path; // none: nowhere to put it
    std::string why_none;
};

// `getenv` is replaceable for tests.
DefaultPath default_history_path(const std::function<const char*(const char*)>& getenv = nullptr);

// Creates the directory of a default path (and its parents, mode 0700) when missing. Empty on
// success, else why not. A path given with --history is never created: its directory must exist.
std::string make_state_directory(const std::string& database_path);

} // namespace actionboard::history
