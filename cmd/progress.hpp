// A one-line progress indicator on stderr for loads that take more than a second.
#pragma once

#include "load/loader.hpp"

#include <condition_variable>
#include <mutex>
#include <thread>

namespace mentorctl::cli {

/// While alive, and only when `enabled` (stderr is a terminal and not --quiet): after a
/// second, shows "reading records: N of M files" and then "checking records", redrawn
/// in place a few times a second; erased when destroyed, so output is never mixed in.
class ProgressLine {
 public:
  ProgressLine(const LoadProgress& progress, bool enabled);
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;
  ~ProgressLine();

 private:
  void run();

  const LoadProgress& progress_;
  std::mutex mutex_;
  std::condition_variable stop_requested_;
  bool stop_ = false;
  bool shown_ = false;
  std::thread thread_;
};

}  // namespace mentorctl::cli
