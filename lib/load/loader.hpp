// Finding and reading the files of a records repository into typed records.
#pragma once

#include "model/records.hpp"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace mentorctl {

/// How far a load has got, for a progress indicator on another thread.
struct LoadProgress {
  std::atomic<std::size_t> files_done{0};
  std::atomic<std::size_t> files_total{0};
};

/// What a discovery of a repository's files found (opaque; see fingerprint_repository).
struct RepositoryScan;

struct LoadOptions {
  unsigned threads = 0;  // 0: one per core
  /// The folder of the cache of parsed files (cache.hpp); none: every file is parsed.
  std::optional<std::filesystem::path> cache_dir;
  LoadProgress* progress = nullptr;
  /// A discovery made moments ago (by fingerprint_repository), used instead of a new one.
  std::shared_ptr<const RepositoryScan> scan;
  /// Ignore what the cache holds (it did not decode) and write a new one.
  bool rebuild_cache = false;
};

/// Content to read instead of the file at a repository-relative path, which need not
/// exist yet: writers validate a change with the whole repository before making it.
using FileOverrides = std::map<std::string, std::string>;

/// The repository root holding `mentorctl.yaml`, walking up from `start` as git does.
std::optional<std::filesystem::path> find_root(const std::filesystem::path& start);

/// Reads every record file under `root`. Never throws for bad records: every problem
/// becomes a diagnostic, and a bad file or entry is left out while the rest is kept.
/// Cross-file rules are checked by `validate` (validate.hpp), not here.
Records load_records(const std::filesystem::path& root, const LoadOptions& options = {},
                     const FileOverrides& overrides = {});

/// A digest of what a load of `root` would find: every record file's path and what the
/// file system says of it (cache.hpp's FileKey), and the discovery's own diagnostics.
/// Equal digests mean the same input, unless a file changed without changing its key;
/// see the racy rule in cache.hpp.
struct RepositoryFingerprint {
  std::uint64_t digest = 0;
  std::uint64_t newest_change_ns = 0;  // the latest modification or change time of a file
  std::shared_ptr<const RepositoryScan> scan;  // for LoadOptions::scan
};
RepositoryFingerprint fingerprint_repository(const std::filesystem::path& root, unsigned threads = 0);

/// Decodes one file's content as the given kind (exposed for tests and writers).
/// `path` is the repository-relative path: it determines the expected ids.
Records load_single_file(std::string_view content, const std::string& path, FileKind kind);

/// The kind of a repository-relative path, or nullopt for files mentorctl ignores.
std::optional<FileKind> file_kind_of(std::string_view relative_path);

/// "log file", "person file", ...
const char* file_kind_name(FileKind kind);

}  // namespace mentorctl
