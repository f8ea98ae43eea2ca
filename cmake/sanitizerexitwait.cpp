// Compiled into every AIME executable of a sanitizer build (see compileoptions.cmake).
//
// Qt's threads are detached: QThread::wait() and QThreadPool::waitForDone() return while the
// thread is still on its way out of pthread's exit path. LeakSanitizer's check at exit stops every
// thread, and it crashes ("Tracer caught signal 11 ... LeakSanitizer has encountered a fatal
// error", google/sanitizers#1353) when one of them is tearing down at that moment: a test that
// passed then fails. Registered before main, this exit handler runs after the Qt objects created
// in main are gone and before the sanitizer's check, and lets the last threads finish leaving.
// Threads that live as long as the process (D-Bus's, for the keychain) never leave: the wait ends
// once the number of threads has held still for a moment.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <dirent.h>
#include <thread>

namespace {

int otherThreadCount()
{
    DIR *tasks = opendir("/proc/self/task");
    if (!tasks)
        return 0;
    int threads = 0;
    while (const dirent *entry = readdir(tasks)) {
        if (entry->d_name[0] != '.')
            ++threads;
    }
    closedir(tasks);
    return threads - 1;
}

void waitForLeavingThreads()
{
    using namespace std::chrono_literals;
    constexpr auto limit = 3s;
    constexpr auto step = 2ms;
    constexpr auto settled = 40ms;
    int threads = otherThreadCount();
    auto unchangedFor = 0ms;
    for (auto waited = 0ms; threads > 0 && unchangedFor < settled; waited += step) {
        if (waited >= limit) {
            std::fprintf(stderr, "sanitizerexitwait: %d threads still leaving at exit\n", threads);
            return;
        }
        std::this_thread::sleep_for(step);
        const int now = otherThreadCount();
        unchangedFor = now == threads ? unchangedFor + step : 0ms;
        threads = now;
    }
}

[[maybe_unused]] const bool registered = std::atexit(waitForLeavingThreads) == 0;

} // namespace
