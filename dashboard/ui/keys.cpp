#include "keys.hpp"

namespace actionboard::ui {

namespace {

std::optional<NavKey> navigation(Key key) {
    switch (key) {
    case Key::next:
        return NavKey::next;
    case Key::previous:
        return NavKey::previous;
    case Key::home:
        return NavKey::home;
    case Key::digit1:
        return NavKey::digit1;
    case Key::digit2:
        return NavKey::digit2;
    case Key::digit3:
        return NavKey::digit3;
    case Key::digit4:
        return NavKey::digit4;
    case Key::digit5:
        return NavKey::digit5;
    case Key::digit6:
        return NavKey::digit6;
    case Key::digit7:
        return NavKey::digit7;
    case Key::digit8:
        return NavKey::digit8;
    case Key::digit9:
        return NavKey::digit9;
    default:
        return std::nullopt;
    }
}

bool apply_present(UiState& state, Key key, const Plan& plan) {
    if (key == Key::quit)
        return false;
    if (state.blank != Blank::none) { // any key returns, and does nothing else
        state.blank = Blank::none;
        return true;
    }
    if (auto nav = navigation(key)) {
        state.open_ref.reset();
        state.page_index = navigate(state.rotation, state.page_index, *nav, plan);
        return true;
    }
    switch (key) {
    case Key::escape:
        if (state.open_ref)
            state.open_ref.reset();
        else
            state.page_index = navigate(state.rotation, state.page_index, NavKey::home, plan);
        break;
    case Key::start_overview:
        state.open_ref.reset();
        state.page_index = navigate(state.rotation, state.page_index, NavKey::home, plan);
        break;
    case Key::start_here:
        break; // resume where we are: nothing to change
    case Key::black:
        state.blank = Blank::black;
        break;
    case Key::white:
        state.blank = Blank::white;
        break;
    default:
        break;
    }
    return true;
}

} // namespace

bool apply_key(UiState& state, Key key, const DashboardOptions& options, const Plan& plan) {
    switch (options.mode) {
    case Mode::present:
        return apply_present(state, key, plan);
    case Mode::kiosk: // rotates by itself; only an explicit --allow-exit lets a key end it
        return !(options.allow_exit && (key == Key::escape || key == Key::quit));
    case Mode::desktop:
        if (key == Key::escape)
            state.open_ref.reset();
        return key != Key::quit;
    }
    return true;
}

} // namespace actionboard::ui
