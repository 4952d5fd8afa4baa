// Files: reading one whole, mapping one read-only, replacing one atomically. The one
// place mentorctl opens, maps or replaces a file.
#pragma once

#include "util/result.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mentorctl {

/// A file descriptor, closed when it goes out of scope.
class FileDescriptor {
 public:
  FileDescriptor() = default;
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(FileDescriptor&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  FileDescriptor& operator=(FileDescriptor&& other) noexcept;
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor();
  [[nodiscard]] int get() const { return fd_; }
  [[nodiscard]] bool ok() const { return fd_ >= 0; }
  /// Closes now, reporting whether the close succeeded (it can report a failed write).
  bool close();

 private:
  int fd_ = -1;
};

/// A file under a root, reached without leaving the root: the folder that holds it,
/// open, and the file's name in it.
struct ConfinedPath {
  FileDescriptor folder;
  std::string name;
  std::string relative;  // where the file really is under the root, links resolved
};

/// Resolves `relative` (e.g. logs/2026-27/jdoe.yaml) under `root` without leaving it. A
/// link on the way, the file's own included, is followed only when it leads to a place
/// inside the root; then each folder is opened from the one above with O_NOFOLLOW, so a
/// link swapped in meanwhile is refused, never followed. With `create_folders`, missing
/// folders are created (and their entries flushed). Errors: Kind::outside for a link that
/// leads outside the root or nowhere (the message names it), Kind::not_found for a
/// missing folder, else the OS's reason.
Result<ConfinedPath> resolve_inside(const std::filesystem::path& root, const std::filesystem::path& relative,
                                    bool create_folders = false);

/// The whole content of a file. Errors: the OS's reason ("No such file or directory",
/// Kind::not_found when the file does not exist), or Kind::too_large, without reading it,
/// when it holds more than `max_size` bytes.
Result<std::string> read_file(const std::filesystem::path& path,
                              std::uint64_t max_size = std::numeric_limits<std::uint64_t>::max());

/// The whole content of the regular file `place.name` in `place.folder`, opened without
/// following a link: a link, folder, FIFO or device there is an error, and nothing of it
/// is read. Errors as read_file's.
Result<std::string> read_file_at(const ConfinedPath& place,
                                 std::uint64_t max_size = std::numeric_limits<std::uint64_t>::max());

/// A whole file mapped read-only; the mapping lives as long as a copy of `owner`.
struct MappedFile {
  std::shared_ptr<const void> owner;
  std::string_view bytes;
};

/// Nullopt when the file is missing, empty, not a regular file or cannot be mapped.
std::optional<MappedFile> map_file(const std::filesystem::path& path);

/// The file open at `fd`, mapped whole; nullopt when it is empty, not a regular file or
/// cannot be mapped.
std::optional<MappedFile> map_open_file(int fd);

/// How replace_file_atomically writes.
struct ReplaceOptions {
  bool durable = true;           // fsync the file and its folder (false: a disposable cache)
  bool create_folders = true;    // create missing folders (durably, with `durable`)
  bool keep_permissions = true;  // give the new file the permissions of the one it replaces
  unsigned mode = 0666;          // the permissions of a new file, before the umask
  /// Called when the temporary file is complete, just before the rename: an error it
  /// returns cancels the replacement (the temporary file is removed) and is returned.
  std::function<Result<void>()> before_rename;
};

/// Replaces `path` with the concatenation of `pieces`, atomically: a temporary file in
/// the same folder (named temporary_prefix(path) + a unique suffix), written, flushed,
/// renamed over `path`, and the folder flushed. On failure `path` is unchanged and the
/// temporary file is gone.
Result<void> replace_file_atomically(const std::filesystem::path& path,
                                     const std::vector<std::string_view>& pieces,
                                     const ReplaceOptions& options = {});

/// The same for the file `place` names, every step inside its folder's descriptor (the
/// folder is never looked up again by name; create_folders does not apply).
Result<void> replace_file_atomically(const ConfinedPath& place, const std::vector<std::string_view>& pieces,
                                     const ReplaceOptions& options = {});

/// The same for the file `name` in the open folder `folder` (`name` is what messages
/// show); a link at `name` is replaced, never followed.
Result<void> replace_file_in_folder(int folder, const std::string& name, const std::vector<std::string_view>& pieces,
                                    const ReplaceOptions& options = {});

/// Removes the temporary files replace_file_atomically left for `place` when it was
/// killed. Only safe under a lock that every writer of the file holds.
void remove_stale_temporaries(const ConfinedPath& place);

/// The start of the names of replace_file_atomically's temporary files for `path`.
std::string temporary_prefix(const std::filesystem::path& path);

/// A new folder only this user can enter (0700) under the system's temporary folder
/// ($TMPDIR, else /tmp), removed with everything in it when this goes out of scope.
class TemporaryFolder {
 public:
  /// Makes one named `name_prefix` and a unique suffix.
  static Result<TemporaryFolder> create(const std::string& name_prefix);
  TemporaryFolder(TemporaryFolder&& other) noexcept : path_(std::exchange(other.path_, {})) {}
  TemporaryFolder& operator=(TemporaryFolder&&) = delete;
  TemporaryFolder(const TemporaryFolder&) = delete;
  TemporaryFolder& operator=(const TemporaryFolder&) = delete;
  ~TemporaryFolder();
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  explicit TemporaryFolder(std::filesystem::path path) : path_(std::move(path)) {}
  std::filesystem::path path_;
};

/// Flushes a folder's entries to disk; false when it cannot be opened or flushed.
bool sync_directory(const std::filesystem::path& directory);

}  // namespace mentorctl
