// Running one task per index on a few threads: the one thread pool of mentorctl.
#pragma once

#include <cstddef>
#include <functional>

namespace mentorctl {

/// The number of threads to use for `threads` (0: one per core), never more than `tasks`
/// and never less than 1.
unsigned thread_count(unsigned threads, std::size_t tasks);

/// Calls `task(i)` for every i in [0, count) on `thread_count(threads, count)` threads
/// (the caller's among them), handing out indexes in ascending order; returns when all
/// are done; when the system refuses a thread, on the threads it gave (at least the
/// caller's). `task` must be safe to call concurrently for different indexes.
void parallel_for(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& task);

}  // namespace mentorctl
