#pragma once
// One shared_ptr that one thread replaces and many threads read. Readers take a copy and then
// use it without any lock, for as long as they like (a request, a frame); the lock is held only
// while the pointer itself is copied or swapped.
//
// Why not std::atomic<std::shared_ptr>: GCC 12's implementation guards the pointer with a spin
// lock hidden in its low bit, which ThreadSanitizer cannot see, so every reload looked like a
// data race. A mutex costs the same here and every tool understands it.

#include <memory>
#include <mutex>
#include <utility>

namespace actionboard {

template <class T>
class SharedSlot {
public:
    std::shared_ptr<const T> load() const {
        std::lock_guard lock(mutex_);
        return value_;
    }

    void store(std::shared_ptr<const T> value) {
        {
            std::lock_guard lock(mutex_);
            std::swap(value_, value);
        }
        // `value` now holds the old pointer: it is released here, outside the lock, so the
        // last reader of an old snapshot never frees it while holding the lock.
    }

private:
    mutable std::mutex mutex_;
    std::shared_ptr<const T> value_;
};

} // namespace actionboard
