#include "load/results.hpp"

#include "load/archive.hpp"
#include "load/cache.hpp"
#include "load/cache_files.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <vector>

namespace mentorctl {
namespace fs = std::filesystem;
using archive::io;
using archive::magic;
using archive::Reader;
using archive::Writer;

namespace {

constexpr std::size_t kept_results = 32;
constexpr std::uintmax_t kept_result_bytes = 512ULL << 20;
const char* results_folder_name = "results";

std::string result_name(std::string_view command) { return fmt::format("{:016x}", hash_bytes(command)); }

// Whether `name` is one result_name could have given.
bool is_result_name(std::string_view name) {
  return name.size() == 16 && std::all_of(name.begin(), name.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// Whether `name` in `folder` is a regular file (not a link) that starts as the cache's
// files do: one the cache wrote, so one it may remove.
bool written_by_cache(int folder, const char* name) {
  const FileDescriptor fd(::openat(folder, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
  struct stat st {};
  if (!fd.ok() || ::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) {
    return false;
  }
  std::string head(magic.size(), '\0');
  return ::pread(fd.get(), head.data(), head.size(), 0) == static_cast<ssize_t>(head.size()) && head == magic;
}

}  // namespace

std::optional<CommandResult> find_result(const fs::path& dir, std::string_view command,
                                         const RepositoryFingerprint& fingerprint) {
  const FileDescriptor top = open_cache_folder(dir, false);
  const FileDescriptor folder = top.ok() ? open_folder(top.get(), results_folder_name, false) : FileDescriptor(-1);
  const auto mapped = folder.ok() ? map_cache_file(folder.get(), result_name(command)) : std::nullopt;
  if (!mapped) {
    return std::nullopt;
  }
  const std::string_view bytes = mapped->bytes;
  if (bytes.size() < magic.size() || bytes.substr(0, magic.size()) != magic) {
    return std::nullopt;
  }
  Reader r{bytes.data() + magic.size(), bytes.data() + bytes.size()};
  const std::uint64_t body_hash = r.varint();
  const std::string_view body(r.at, static_cast<std::size_t>(r.end - r.at));
  if (!r.ok || hash_bytes(body) != body_hash) {
    return std::nullopt;
  }
  Reader b{body.data(), body.data() + body.size()};
  if (b.bytes() != archive::build_stamp() || b.bytes() != command || b.varint() != fingerprint.digest) {
    return std::nullopt;
  }
  const std::uint64_t computed_at = b.varint();
  CommandResult result;
  io(b, result.status);
  result.out = b.bytes();
  result.err = b.bytes();
  // A file changed within a second of the computation might change again without
  // changing its times: such a result is not trusted.
  if (!b.ok || b.at != b.end || fingerprint.newest_change_ns + racy_window_ns >= computed_at) {
    return std::nullopt;
  }
  result.storage = mapped->owner;
  return result;
}

void store_result(const fs::path& dir, std::string_view command, const RepositoryFingerprint& fingerprint,
                  std::uint64_t scan_start_ns, const CommandResult& result) {
  if (fingerprint.newest_change_ns + racy_window_ns >= scan_start_ns) {
    return;  // would never be trusted
  }
  const FileDescriptor top = open_cache_folder(dir, true);
  const FileDescriptor folder = top.ok() ? open_folder(top.get(), results_folder_name, true) : FileDescriptor(-1);
  if (!folder.ok()) {
    return;  // results/ is a link, a file, or cannot be made
  }
  std::string body;
  Writer w{body};
  w.bytes(archive::build_stamp());
  w.bytes(command);
  w.varint(fingerprint.digest);
  w.varint(scan_start_ns);
  auto status = result.status;
  io(w, status);
  w.bytes(result.out);
  w.bytes(result.err);
  std::string head(magic);
  Writer h{head};
  h.varint(hash_bytes(body));
  if (!write_cache_file(folder.get(), result_name(command), {head, body})) {
    return;
  }
  // Keep the most recent results only: at most kept_results of them, and no more bytes
  // than kept_result_bytes in all (a state-wide audit in JSON is tens of megabytes).
  // Only files the cache named and wrote are candidates: whatever else is in the folder
  // is left alone.
  struct Stored {
    std::uint64_t time;
    std::uintmax_t size;
    std::string name;
  };
  std::vector<Stored> stored;
  const int listing_fd = ::dup(folder.get());
  std::unique_ptr<DIR, int (*)(DIR*)> listing(listing_fd >= 0 ? ::fdopendir(listing_fd) : nullptr,
                                              ::closedir);
  if (!listing) {
    if (listing_fd >= 0) {
      ::close(listing_fd);
    }
    return;
  }
  while (const dirent* item = ::readdir(listing.get())) {
    struct stat st {};
    if (is_result_name(item->d_name) &&
        ::fstatat(folder.get(), item->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode) &&
        written_by_cache(folder.get(), item->d_name)) {
      stored.push_back(
          Stored{file_key_from(st).mtime_ns, static_cast<std::uintmax_t>(st.st_size), item->d_name});
    }
  }
  std::sort(stored.begin(), stored.end(), [](const Stored& a, const Stored& b) { return a.time > b.time; });
  std::uintmax_t total = 0;
  for (std::size_t i = 0; i < stored.size(); ++i) {
    total += stored[i].size;
    if (i >= kept_results || (i > 0 && total > kept_result_bytes)) {
      ::unlinkat(folder.get(), stored[i].name.c_str(), 0);
    }
  }
}

}  // namespace mentorctl
