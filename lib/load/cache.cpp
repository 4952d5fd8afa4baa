#include "load/cache.hpp"

#include "load/archive.hpp"
#include "load/cache_files.hpp"

#include <sys/stat.h>

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <utility>

namespace mentorctl {
namespace fs = std::filesystem;
using archive::io;
using archive::magic;
using archive::Reader;
using archive::Writer;

namespace {

std::uint64_t ns_of(const struct timespec& time) {
  return static_cast<std::uint64_t>(time.tv_sec) * 1'000'000'000ULL +
         static_cast<std::uint64_t>(time.tv_nsec);
}

const char* cache_file_name = "records.cache";

// The fewest bytes an index entry takes: a path, five key numbers, the racy flag and
// hash, the counts, offset, size and hash, one byte each at least.
constexpr std::size_t min_index_entry_bytes = 1 + 5 + 2 + std::tuple_size_v<PartCounts> + 3;

// The header: magic, a hash of the index, then the index; the blobs follow.
struct Header {
  std::string stamp;
  MonthDay start;
};

void write_index(std::string& out, const Header& header, const std::vector<RecordCache::NewEntry>& entries,
                 std::uint64_t scan_start_ns) {
  Writer w{out};
  w.bytes(header.stamp);
  w.varint(header.start.month);
  w.varint(header.start.day);
  w.varint(entries.size());
  std::uint64_t offset = 0;
  for (const auto& entry : entries) {
    w.bytes(entry.path);
    w.varint(entry.key.size);
    w.varint(entry.key.mtime_ns);
    w.varint(entry.key.ctime_ns);
    w.varint(entry.key.inode);
    w.varint(entry.key.device);
    const bool racy = RecordCache::is_racy(entry.key, scan_start_ns);
    w.varint(racy ? 1 : 0);
    w.varint(racy ? entry.content_hash : 0);
    for (const std::uint32_t count : entry.counts) {
      w.varint(count);
    }
    w.varint(offset);
    w.varint(entry.blob.size());
    w.varint(hash_bytes(entry.blob));
    offset += entry.blob.size();
  }
}

}  // namespace

FileKey file_key_from(const struct ::stat& st) {
  return FileKey{static_cast<std::uint64_t>(st.st_size), ns_of(st.st_mtim), ns_of(st.st_ctim),
                 static_cast<std::uint64_t>(st.st_ino), static_cast<std::uint64_t>(st.st_dev)};
}

std::optional<FileKey> file_key_of(const fs::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return std::nullopt;
  }
  return file_key_from(st);
}

std::uint64_t wall_clock_ns() {
  struct timespec now {};
  ::clock_gettime(CLOCK_REALTIME, &now);
  return ns_of(now);
}

std::uint64_t hash_bytes(std::string_view bytes) { return std::hash<std::string_view>{}(bytes); }

std::optional<fs::path> default_cache_dir(const fs::path& root) {
  if (const char* dir = std::getenv("MENTORCTL_CACHE_DIR"); dir != nullptr && *dir != '\0') {
    return fs::path(dir);
  }
  std::error_code ec;
  if (fs::is_directory(root / ".git", ec)) {
    return root / ".git" / "mentorctl";
  }
  fs::path base;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg == '/') {
    base = xdg;
  } else if (const char* home = std::getenv("HOME"); home != nullptr && *home == '/') {
    base = fs::path(home) / ".cache";
  } else {
    return std::nullopt;
  }
  const fs::path absolute = fs::weakly_canonical(fs::absolute(root, ec), ec);
  return base / "mentorctl" / fmt::format("{:016x}", hash_bytes(absolute.string()));
}

// ---------------------------------------------------------------------------------------
// The cache file.

RecordCache::RecordCache() = default;
RecordCache::RecordCache(RecordCache&&) noexcept = default;
RecordCache& RecordCache::operator=(RecordCache&&) noexcept = default;
RecordCache::~RecordCache() = default;

bool RecordCache::is_racy(const FileKey& key, std::uint64_t scan_start_ns) {
  const std::uint64_t newest = std::max(key.mtime_ns, key.ctime_ns);
  return newest + racy_window_ns >= scan_start_ns;
}

RecordCache RecordCache::open(const fs::path& dir, MonthDay school_year_start) {
  RecordCache cache;
  const FileDescriptor folder = open_cache_folder(dir, false);
  const auto mapped = folder.ok() ? map_cache_file(folder.get(), cache_file_name) : std::nullopt;
  if (!mapped) {
    return cache;
  }
  const std::string_view all = mapped->bytes;
  if (all.size() < magic.size() + 8 || all.substr(0, magic.size()) != magic) {
    return cache;
  }
  // Magic, index length, index hash, index, blobs.
  Reader head{all.data() + magic.size(), all.data() + all.size()};
  const std::uint64_t index_size = head.varint();
  const std::uint64_t index_hash = head.varint();
  if (!head.ok || index_size > static_cast<std::uint64_t>(head.end - head.at)) {
    return cache;
  }
  const std::string_view index(head.at, index_size);
  if (hash_bytes(index) != index_hash) {
    return cache;
  }
  const std::string_view blobs(head.at + index_size,
                               static_cast<std::size_t>(head.end - head.at) - index_size);

  Reader r{index.data(), index.data() + index.size()};
  if (r.bytes() != archive::build_stamp() || r.varint() != school_year_start.month ||
      r.varint() != school_year_start.day) {
    return cache;
  }
  // Every count is bounded by the bytes that must hold what it counts, so a forged one
  // can never ask for more memory than the cache file's size warrants.
  const std::size_t count = r.count();
  if (count > index.size() / min_index_entry_bytes) {
    return cache;
  }
  std::vector<Entry> entries;
  entries.reserve(count);
  std::uint64_t next_offset = 0;  // blobs follow each other, as save() wrote them: none shared
  for (std::size_t i = 0; i < count && r.ok; ++i) {
    Entry entry;
    entry.path = r.bytes();
    entry.key = FileKey{r.varint(), r.varint(), r.varint(), r.varint(), r.varint()};
    entry.racy = r.varint() == 1;
    entry.content_hash = r.varint();
    for (auto& count : entry.counts) {
      io(r, count);
    }
    const std::uint64_t offset = r.varint();
    const std::uint64_t size = r.varint();
    const std::uint64_t blob_hash = r.varint();
    if (offset != next_offset || offset > blobs.size() || size > blobs.size() - offset ||
        archive::min_part_bytes(entry.counts) > size) {
      return cache;
    }
    next_offset += size;
    entry.blob = blobs.substr(offset, size);
    // Checked here, once: a damaged blob must never decode into wrong records.
    if (hash_bytes(entry.blob) != blob_hash) {
      continue;
    }
    entries.push_back(std::move(entry));
  }
  if (!r.ok || r.at != r.end ||
      !std::is_sorted(entries.begin(), entries.end(),
                      [](const Entry& a, const Entry& b) { return a.path < b.path; })) {
    return cache;
  }
  cache.mapping_ = mapped->owner;
  cache.entries_ = std::move(entries);
  return cache;
}

const RecordCache::Entry* RecordCache::find(std::string_view path) const {
  const auto it = std::lower_bound(entries_.begin(), entries_.end(), path,
                                   [](const Entry& entry, std::string_view p) { return entry.path < p; });
  return it != entries_.end() && it->path == path ? &*it : nullptr;
}

bool RecordCache::save(const fs::path& dir, MonthDay school_year_start, std::uint64_t scan_start_ns,
                       const std::vector<NewEntry>& entries) {
  const FileDescriptor folder = open_cache_folder(dir, true);
  if (!folder.ok()) {
    return false;
  }
  std::string index;
  write_index(index, Header{archive::build_stamp(), school_year_start}, entries, scan_start_ns);
  std::string head(magic);
  Writer w{head};
  w.varint(index.size());
  w.varint(hash_bytes(index));

  std::vector<std::string_view> pieces;
  pieces.reserve(entries.size() + 2);
  pieces.emplace_back(head);
  pieces.emplace_back(index);
  for (const auto& entry : entries) {
    pieces.push_back(entry.blob);
  }

  return write_cache_file(folder.get(), cache_file_name, pieces);
}

}  // namespace mentorctl
