#include "util/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <system_error>
#include <thread>
#include <vector>

namespace mentorctl {

unsigned thread_count(unsigned threads, std::size_t tasks) {
  const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
  const std::size_t wanted = threads == 0 ? cores : threads;
  return static_cast<unsigned>(std::max<std::size_t>(1, std::min(wanted, tasks)));
}

void parallel_for(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& task) {
  std::atomic<std::size_t> next{0};
  const auto worker = [&]() {
    for (std::size_t i = next++; i < count; i = next++) {
      task(i);
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < thread_count(threads, count); ++t) {
    try {
      pool.emplace_back(worker);
    } catch (const std::system_error&) {
      break;  // no more threads to be had (ulimit -u, memory): the ones there do the work
    }
  }
  worker();
  for (auto& thread : pool) {
    thread.join();
  }
}

}  // namespace mentorctl
