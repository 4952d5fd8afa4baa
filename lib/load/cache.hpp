// A cache of parsed record files, kept outside the working tree (.git/mentorctl/ or the
// user's cache folder), so a repository that did not change is not parsed again.
//
// Each file's records and diagnostics are stored under a key read from the file system
// (size, modification and change times in nanoseconds, inode, device). A file whose key
// differs is always read again. A file written so recently that a further change might
// keep the same times ("racy", as git calls it) also gets a hash of its content, checked
// on every later use, so the cache never hides a change or an error.
#pragma once

#include "model/dates.hpp"
#include "load/loader.hpp"
#include "model/records.hpp"

#include <array>
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

/// Where one file's records go in the merged vectors (each pointer has room for the
/// file's count of that kind).
struct PartSlots {
  Calendar* calendars = nullptr;
  Person* people = nullptr;
  Program* programs = nullptr;
  Pairing* pairings = nullptr;
  LogEntry* logs = nullptr;
  Observation* observations = nullptr;
  TrainingSession* sessions = nullptr;
  Application* applications = nullptr;
  Evidence* evidence = nullptr;
  Certificate* certificates = nullptr;
  Person* rejected_people = nullptr;
  RejectedReference* rejected_references = nullptr;
};

/// Calls `visit(kind index, &Records::<vector>, &PartSlots::<pointer>)` for every kind of
/// record a file can hold, always in this order: the order of the cache's bytes, of
/// PartCounts and of a merge.
template <typename Visit>
void for_each_record_kind(Visit&& visit) {
  visit(0, &Records::calendars, &PartSlots::calendars);
  visit(1, &Records::people, &PartSlots::people);
  visit(2, &Records::programs, &PartSlots::programs);
  visit(3, &Records::pairings, &PartSlots::pairings);
  visit(4, &Records::logs, &PartSlots::logs);
  visit(5, &Records::observations, &PartSlots::observations);
  visit(6, &Records::sessions, &PartSlots::sessions);
  visit(7, &Records::applications, &PartSlots::applications);
  visit(8, &Records::evidence, &PartSlots::evidence);
  visit(9, &Records::certificates, &PartSlots::certificates);
  visit(10, &Records::rejected_people, &PartSlots::rejected_people);
  visit(11, &Records::rejected_references, &PartSlots::rejected_references);
}

/// How many records of each kind a file holds, in for_each_record_kind's order.
using PartCounts = std::array<std::uint32_t, 12>;
PartCounts part_counts(const Records& part);

/// One file's records and diagnostics, serialized (the file's part of a load).
std::string serialize_part(const Records& part, const FileInfo& info);

/// Reads what serialize_part wrote straight into `slots`, which must hold `counts`;
/// every record's Source gets `file_index`;
/// diagnostics are appended to `diagnostics`. False when the bytes are malformed or
/// hold other counts (then the slots' contents are unspecified).
bool deserialize_part_into(std::string_view bytes, std::uint32_t file_index, const PartCounts& counts,
                           const PartSlots& slots, FileInfo& info, Diagnostics& diagnostics);

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
  std::vector<Entry> entries_;  // sorted by path
};

/// Nanoseconds since the epoch by the wall clock (file times use the same clock).
std::uint64_t wall_clock_ns();

/// What a read-only command printed and returned.
struct CommandResult {
  int status = 0;
  std::string_view out;
  std::string_view err;
  std::shared_ptr<const void> storage;  // what out and err may point into
};

/// The result stored for `command` (a string naming the command and everything that
/// shapes its output) when the repository still has the fingerprint it had then, and
/// every file had settled (unchanged for a second) before it was computed.
std::optional<CommandResult> find_result(const std::filesystem::path& dir, std::string_view command,
                                         const RepositoryFingerprint& fingerprint);

/// Stores a result computed from a repository with `fingerprint`, scanned at
/// `scan_start_ns`; keeps the 32 most recent results, 512 MiB at most. Failures are ignored.
void store_result(const std::filesystem::path& dir, std::string_view command,
                  const RepositoryFingerprint& fingerprint, std::uint64_t scan_start_ns,
                  const CommandResult& result);

}  // namespace mentorctl
