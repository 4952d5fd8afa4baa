#include "progress.hpp"

#include <fmt/format.h>

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <system_error>

namespace mentorctl::cli {

namespace {

void write_stderr(const std::string& text) {
  const char* at = text.data();
  std::size_t left = text.size();
  while (left > 0) {
    const ssize_t written = ::write(2, at, left);
    if (written <= 0) {
      return;
    }
    at += written;
    left -= static_cast<std::size_t>(written);
  }
}

}  // namespace

ProgressLine::ProgressLine(const LoadProgress& progress, bool enabled) : progress_(progress) {
  if (enabled) {
    try {
      thread_ = std::thread([this] { run(); });
    } catch (const std::system_error&) {
      // No thread to be had (ulimit -u): the load goes on without a progress line.
    }
  }
}

ProgressLine::~ProgressLine() {
  if (!thread_.joinable()) {
    return;
  }
  {
    const std::lock_guard lock(mutex_);
    stop_ = true;
  }
  stop_requested_.notify_one();
  thread_.join();
}

void ProgressLine::run() {
  using namespace std::chrono_literals;
  std::unique_lock lock(mutex_);
  // MENTORCTL_PROGRESS_AFTER_MS: how long a load may take before the line appears.
  std::chrono::milliseconds delay = 1s;
  if (const char* after = std::getenv("MENTORCTL_PROGRESS_AFTER_MS"); after != nullptr && *after != '\0') {
    char* end = nullptr;
    const long ms = std::strtol(after, &end, 10);
    if (*end == '\0' && ms >= 0) {
      delay = std::chrono::milliseconds(ms);
    }
  }
  if (stop_requested_.wait_for(lock, delay, [this] { return stop_; })) {
    return;
  }
  do {
    const std::size_t done = progress_.files_done;
    const std::size_t total = progress_.files_total;
    const std::string line = total == 0 || done < total
                                 ? fmt::format("mentorctl: reading records: {} of {} files", done, total)
                                 : std::string("mentorctl: checking records");
    write_stderr("\r\033[K" + line);
    shown_ = true;
  } while (!stop_requested_.wait_for(lock, 200ms, [this] { return stop_; }));
  if (shown_) {
    write_stderr("\r\033[K");
  }
}

}  // namespace mentorctl::cli
