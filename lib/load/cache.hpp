// A cache of parsed record files, kept outside the working tree (.git/mentorctl/ or the
// user's cache folder), so a repository that did not change is not parsed again.
//
// Each file's records and diagnostics are stored under a key read from the file system
// (size, modification and change times in nanoseconds, inode, device). A file whose key
// differs is always read again. A file written so recently that a further change might
// keep the same times ("racy", as git calls it) also gets a hash of its content, checked
// on every later use, so the cache never hides a change or an error.
//
// The bytes of its files are archive.hpp's; the stored output of read-only commands is
// results.hpp's.
#pragma once

#include "load/archive.hpp"
#include "load/loader.hpp"
#include "model/dates.hpp"
#include "model/records.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct stat;

namespace mentorctl {

/// What the file system says about a file; equal keys mean "unchanged".
struct FileKey {
  std::uint64_t size = 0;
  std::uint64_t mtime_ns = 0;
  std::uint64_t ctime_ns = 0;
  std::uint64_t inode = 0;
  std::uint64_t device = 0;
  bool operator==(const FileKey&) const = default;
};

/// The key of a file (following symlinks), or nullopt when it cannot be read.
std::optional<FileKey> file_key_of(const std::filesystem::path& path);

/// The key of a file as stat(2) or lstat(2) described it.
FileKey file_key_from(const struct ::stat& st);

/// The cache folder of a repository: $MENTORCTL_CACHE_DIR; else <root>/.git/mentorctl
/// when the root holds a .git folder; else $XDG_CACHE_HOME (or ~/.cache) /mentorctl/
/// <hash of the root's path>; nullopt when none can be named.
std::optional<std::filesystem::path> default_cache_dir(const std::filesystem::path& root);

/// A fast non-cryptographic 64-bit hash of bytes (content and cache checks).
std::uint64_t hash_bytes(std::string_view bytes);

/// The cache file of one repository, read once and written back whole.
class RecordCache {
 public:
  struct Entry {
    std::string path;
    FileKey key;
    std::uint64_t content_hash = 0;  // set for racy entries only
    bool racy = false;
    PartCounts counts{};
    std::string_view blob;  // into the mapped file
  };

  /// Opens `<dir>/records.cache`. A missing, unreadable, corrupt or foreign cache (another
  /// build of mentorctl, another school-year start) is an empty cache.
  static RecordCache open(const std::filesystem::path& dir, MonthDay school_year_start);

  RecordCache();
  RecordCache(RecordCache&&) noexcept;
  RecordCache& operator=(RecordCache&&) noexcept;
  ~RecordCache();

  /// The entry of `path` (whatever its key), or nullptr.
  [[nodiscard]] const Entry* find(std::string_view path) const;
  [[nodiscard]] std::size_t size() const { return entries_.size(); }
  /// Every entry, sorted by path.
  [[nodiscard]] const std::vector<Entry>& entries() const { return entries_; }

  /// An entry to store: its key, its content hash when racy, and its bytes.
  struct NewEntry {
    std::string path;
    FileKey key;
    std::uint64_t content_hash = 0;
    PartCounts counts{};
    std::string_view blob;
  };

  /// Writes a new cache file atomically (temporary file and rename); entries whose
  /// times are within a second of `scan_start_ns` are marked racy. Returns false when it
  /// could not be written (a read-only file system, say): the cache is only an aid.
  static bool save(const std::filesystem::path& dir, MonthDay school_year_start, std::uint64_t scan_start_ns,
                   const std::vector<NewEntry>& entries);

  /// Whether an entry with this key, stored at `scan_start_ns`, must be checked by content.
  static bool is_racy(const FileKey& key, std::uint64_t scan_start_ns);

 private:
  std::shared_ptr<const void> mapping_;  // the mapped file the entries' blobs point into
  std::vector<Entry> entries_;           // sorted by path
};

/// A file changed within this long of a scan might change again without changing its
/// times: its cache entry (or a result computed from it) is not trusted by times alone.
inline constexpr std::uint64_t racy_window_ns = 1'000'000'000;

/// Nanoseconds since the epoch by the wall clock (file times use the same clock).
std::uint64_t wall_clock_ns();

}  // namespace mentorctl
