// Files: reading one whole, mapping one read-only, replacing one atomically. The one
// place mentorctl opens, maps or replaces a file.
#pragma once

#include "util/result.hpp"

#include <cstdint>
#include <filesystem>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mentorctl {

/// The whole content of a file. Errors: the OS's reason ("No such file or directory",
/// Kind::not_found when the file does not exist), or Kind::too_large, without reading it,
/// when it holds more than `max_size` bytes.
Result<std::string> read_file(const std::filesystem::path& path,
                              std::uint64_t max_size = std::numeric_limits<std::uint64_t>::max());

/// A whole file mapped read-only; the mapping lives as long as a copy of `owner`.
struct MappedFile {
  std::shared_ptr<const void> owner;
  std::string_view bytes;
};

/// Nullopt when the file is missing, empty, not a regular file or cannot be mapped.
std::optional<MappedFile> map_file(const std::filesystem::path& path);

/// How replace_file_atomically writes.
struct ReplaceOptions {
  bool durable = true;           // fsync the file and its folder (false: a disposable cache)
  bool create_folders = true;    // create missing folders (durably, with `durable`)
  bool keep_permissions = true;  // give the new file the permissions of the one it replaces
};

/// Replaces `path` with the concatenation of `pieces`, atomically: a temporary file in
/// the same folder (named temporary_prefix(path) + a unique suffix), written, flushed,
/// renamed over `path`, and the folder flushed. On failure `path` is unchanged and the
/// temporary file is gone.
Result<void> replace_file_atomically(const std::filesystem::path& path,
                                     const std::vector<std::string_view>& pieces,
                                     const ReplaceOptions& options = {});

/// The start of the names of replace_file_atomically's temporary files for `path`.
std::string temporary_prefix(const std::filesystem::path& path);

/// Flushes a folder's entries to disk; false when it cannot be opened or flushed.
bool sync_directory(const std::filesystem::path& directory);

}  // namespace mentorctl
