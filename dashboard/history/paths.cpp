#include "paths.hpp"

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace actionboard::history {

DefaultPath default_history_path(const std::function<const char*(const char*)>& getenv_fn) {
    auto get = [&](const char* name) -> std::string {
        const char* value = getenv_fn ? getenv_fn(name) : std::getenv(name);
        return value ? std::string(value) : std::string();
    };
    DefaultPath result;
    // systemd sets STATE_DIRECTORY to the StateDirectory= paths, separated by ':' when several.
    std::string state_directory = get("STATE_DIRECTORY");
    state_directory = state_directory.substr(0, state_directory.find(':'));
    if (!state_directory.empty() && state_directory.front() == '/') {
        result.path = state_directory + "/" + database_name;
        return result;
    }
    // The XDG Base Directory spec ignores a relative XDG_STATE_HOME.
    std::string xdg = get("XDG_STATE_HOME");
    if (!xdg.empty() && xdg.front() == '/') {
        result.path = xdg + "/actionboard/" + database_name;
        return result;
    }
    std::string home = get("HOME");
    if (!home.empty() && home.front() == '/') {
        result.path = home + "/.local/state/actionboard/" + database_name;
        return result;
    }
    result.why_none = "there is no place for it: set XDG_STATE_HOME or HOME, or give --history FILE";
    return result;
}

std::string make_state_directory(const std::string& database_path) {
    namespace fs = std::filesystem;
    fs::path directory = fs::path(database_path).parent_path();
    std::error_code ec;
    if (directory.empty() || fs::is_directory(directory, ec))
        return {};
    fs::create_directories(directory, ec);
    if (ec)
        return "cannot create " + directory.string() + ": " + ec.message();
    fs::permissions(directory, fs::perms::owner_all, fs::perm_options::replace, ec);
    return {};
}

} // namespace actionboard::history
