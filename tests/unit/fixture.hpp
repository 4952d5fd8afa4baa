// A temporary records repository for tests: write files, load and validate them.
#pragma once

#include "load/loader.hpp"
#include "check/validate.hpp"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <unistd.h>

namespace mentorctl::test {

/// Load options with a thread count and, optionally, a cache folder.
inline LoadOptions load_options(unsigned threads, std::optional<std::filesystem::path> cache_dir = std::nullopt) {
  LoadOptions options;
  options.threads = threads;
  options.cache_dir = std::move(cache_dir);
  return options;
}

class TempRepo {
 public:
  TempRepo() {
    static std::atomic<int> counter{0};
    root_ = std::filesystem::temp_directory_path() /
            ("mentorctl-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_);
    write("mentorctl.yaml", "mentorctl: 1\norganization: Test\n");
  }
  TempRepo(const TempRepo&) = delete;
  TempRepo& operator=(const TempRepo&) = delete;
  ~TempRepo() {
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }

  /// Writes (or overwrites) a file relative to the root, creating folders.
  void write(const std::string& relative, const std::string& content) const {
    const auto path = root_ / relative;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
  }

  [[nodiscard]] const std::filesystem::path& root() const { return root_; }

  /// Loads and validates the repository.
  [[nodiscard]] Records load() const {
    Records records = load_records(root_);
    validate(records);
    return records;
  }

 private:
  std::filesystem::path root_;
};

}  // namespace mentorctl::test
