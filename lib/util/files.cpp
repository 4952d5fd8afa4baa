#include "util/files.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <dirent.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <random>
#include <system_error>

namespace fs = std::filesystem;

namespace mentorctl {
namespace {

std::string os_reason() { return std::generic_category().message(errno); }

bool write_all(int fd, const std::vector<std::string_view>& pieces) {
  std::vector<struct iovec> rest;
  rest.reserve(pieces.size());
  for (const auto piece : pieces) {
    if (!piece.empty()) {
      rest.push_back({const_cast<char*>(piece.data()), piece.size()});
    }
  }
  std::size_t first = 0;
  while (first < rest.size()) {
    const int count = static_cast<int>(std::min<std::size_t>(rest.size() - first, IOV_MAX));
    const ssize_t n = ::writev(fd, rest.data() + first, count);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return false;
    }
    auto left = static_cast<std::size_t>(n);
    while (first < rest.size() && left >= rest[first].iov_len) {
      left -= rest[first].iov_len;
      ++first;
    }
    if (left > 0) {
      rest[first].iov_base = static_cast<char*>(rest[first].iov_base) + left;
      rest[first].iov_len -= left;
    }
  }
  return true;
}

}  // namespace

namespace {

// Reads an open file to its end: a regular file at its size, a pipe or device until it
// ends, never more than `max_size` bytes.
Result<std::string> read_open_file(int fd, std::uint64_t max_size) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    return Error{os_reason()};
  }
  if (S_ISDIR(st.st_mode)) {
    return Error{std::generic_category().message(EISDIR)};
  }
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (size > max_size) {
    return Error{fmt::format("{} bytes, more than {}", size, max_size), Error::Kind::too_large};
  }
  std::string out;
  out.resize(S_ISREG(st.st_mode) ? size : std::min<std::uint64_t>(65536, max_size + 1));
  std::size_t done = 0;
  for (;;) {
    if (done == out.size()) {
      if (S_ISREG(st.st_mode)) {
        break;
      }
      out.resize(std::min<std::uint64_t>(out.size() * 2, max_size + 1));
    }
    const ssize_t n = ::read(fd, out.data() + done, out.size() - done);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      return Error{os_reason()};
    }
    if (n == 0) {
      break;
    }
    done += static_cast<std::size_t>(n);
    if (done > max_size) {
      return Error{fmt::format("more than {} bytes", max_size), Error::Kind::too_large};
    }
  }
  out.resize(done);
  return out;
}

}  // namespace

FileDescriptor& FileDescriptor::operator=(FileDescriptor&& other) noexcept {
  if (this != &other) {
    close();
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

FileDescriptor::~FileDescriptor() { close(); }

bool FileDescriptor::close() {
  const int fd = std::exchange(fd_, -1);
  return fd < 0 || ::close(fd) == 0;
}

Result<std::string> read_file(const fs::path& path, std::uint64_t max_size) {
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    return Error{os_reason(), errno == ENOENT ? Error::Kind::not_found : Error::Kind::failed};
  }
  return read_open_file(fd.get(), max_size);
}

Result<std::string> read_file_at(const ConfinedPath& place, std::uint64_t max_size) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below anyway.
  FileDescriptor fd(
      ::openat(place.folder.get(), place.name.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ELOOP) {
      return Error{"it is a symlink, which mentorctl does not follow here", Error::Kind::outside};
    }
    return Error{os_reason(), errno == ENOENT ? Error::Kind::not_found : Error::Kind::failed};
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) {
    return Error{os_reason()};
  }
  if (!S_ISREG(st.st_mode)) {
    return Error{S_ISDIR(st.st_mode) ? std::generic_category().message(EISDIR) : "not a regular file"};
  }
  return read_open_file(fd.get(), max_size);
}

Result<ConfinedPath> resolve_inside(const fs::path& root, const fs::path& relative, bool create_folders) {
  std::error_code ec;
  const fs::path real_root = fs::canonical(root, ec);
  if (ec) {
    return Error{fmt::format("cannot open {}: {}", root.string(), ec.message())};
  }
  // First where the path really leads, each link checked to stay inside the root...
  fs::path resolved;  // relative to real_root, without links
  fs::path given;     // the path as given, up to the current part (for messages)
  for (const auto& part : relative) {
    if (part.empty() || part == ".") {
      continue;
    }
    given /= part;
    if (part == ".." || part.has_root_path()) {
      return Error{fmt::format("{} is not a path inside the repository", relative.string()),
                   Error::Kind::outside};
    }
    const fs::path here = real_root / resolved / part;
    if (!fs::is_symlink(fs::symlink_status(here, ec))) {
      resolved /= part;
      continue;
    }
    const fs::path link = fs::read_symlink(here, ec);
    const fs::path target = fs::canonical(here, ec);
    if (ec) {
      return Error{fmt::format("{} is a symlink that leads nowhere (to {}); fix or remove it", given.string(),
                               link.string()),
                   Error::Kind::outside};
    }
    const fs::path inside = target.lexically_relative(real_root);
    if (inside.empty() || *inside.begin() == ".." || inside == ".") {
      return Error{
          fmt::format("{} is a symlink that leads outside the repository (to {}); mentorctl reads and "
                      "writes records only inside it: replace the link with a folder or file of the "
                      "repository",
                      given.string(), target.string()),
          Error::Kind::outside};
    }
    resolved = inside;
  }
  if (resolved.empty()) {
    return Error{fmt::format("{} names no file", relative.string()), Error::Kind::outside};
  }
  // ... then down that path from the root, one folder at a time, following no link.
  ConfinedPath place;
  place.folder = FileDescriptor(::open(real_root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (place.folder.get() < 0) {
    return Error{fmt::format("cannot open {}: {}", real_root.string(), os_reason())};
  }
  fs::path walked;
  for (const auto& part : resolved.parent_path()) {
    walked /= part;
    constexpr int flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
    int fd = ::openat(place.folder.get(), part.c_str(), flags);
    if (fd < 0 && errno == ENOENT && create_folders) {
      if (::mkdirat(place.folder.get(), part.c_str(), 0777) != 0 && errno != EEXIST) {
        return Error{fmt::format("cannot create the folder {}: {}", walked.string(), os_reason())};
      }
      ::fsync(place.folder.get());
      fd = ::openat(place.folder.get(), part.c_str(), flags);
    }
    if (fd < 0) {
      if (errno == ENOENT) {
        return Error{fmt::format("{}: {}", walked.string(), os_reason()), Error::Kind::not_found};
      }
      if (errno == ELOOP) {
        return Error{
            fmt::format("{} became a symlink while mentorctl was using it; remove the link", walked.string()),
            Error::Kind::outside};
      }
      return Error{fmt::format("cannot open the folder {}: {}", walked.string(), os_reason())};
    }
    place.folder = FileDescriptor(fd);
  }
  place.name = resolved.filename().string();
  place.relative = resolved.generic_string();
  return place;
}

std::optional<MappedFile> map_file(const fs::path& path) {
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    return std::nullopt;
  }
  return map_open_file(fd.get());
}

std::optional<MappedFile> map_open_file(int fd) {
  struct stat st {};
  const bool sized = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0;
  const auto size = sized ? static_cast<std::size_t>(st.st_size) : 0;
  void* data = sized ? ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0) : MAP_FAILED;
  if (data == MAP_FAILED) {
    return std::nullopt;
  }
  return MappedFile{
      std::shared_ptr<const void>(data, [size](const void* p) { ::munmap(const_cast<void*>(p), size); }),
      std::string_view(static_cast<const char*>(data), size)};
}

std::string temporary_prefix(const fs::path& path) {
  return "." + path.filename().string() + ".mentorctl-tmp-";
}

Result<TemporaryFolder> TemporaryFolder::create(const std::string& name_prefix) {
  std::error_code error;
  fs::path base = fs::temp_directory_path(error);
  if (error) {
    base = "/tmp";
  }
  std::string pattern = (base / (name_prefix + "XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) {  // mkdtemp makes it 0700
    return Error{fmt::format("cannot create a temporary folder in {}: {}", base.string(), os_reason())};
  }
  return TemporaryFolder(fs::path(pattern));
}

TemporaryFolder::~TemporaryFolder() {
  if (!path_.empty()) {
    std::error_code ignored;  // what cannot be removed stays in the temporary folder
    fs::remove_all(path_, ignored);
  }
}

bool sync_directory(const fs::path& directory) {
  FileDescriptor fd(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  return fd.get() >= 0 && ::fsync(fd.get()) == 0;
}

namespace {

// The replacement itself, inside the open folder `folder`; `shown` names the file in
// messages.
Result<void> replace_in_folder(int folder, const std::string& name, const fs::path& shown,
                               const std::vector<std::string_view>& pieces, const ReplaceOptions& options) {
  // A file its owner made read-only is not replaced behind their back, though the
  // folder would allow the rename: a write to it fails as `>>` would.
  if (::faccessat(folder, name.c_str(), W_OK, AT_EACCESS) != 0 &&
      (errno == EACCES || errno == EPERM || errno == EROFS)) {
    return Error{
        fmt::format("{} is read-only ({}), so nothing was written; make it writable (chmod u+w {}) "
                    "if it is meant to change",
                    shown.string(), os_reason(), shown.string())};
  }
  std::random_device random;
  const std::string temporary = fmt::format("{}{}-{:08x}", temporary_prefix(name), ::getpid(), random());
  const fs::path temporary_shown = shown.parent_path() / temporary;
  FileDescriptor fd(
      ::openat(folder, temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, options.mode));
  if (fd.get() < 0) {
    return Error{fmt::format("cannot create {}: {}", temporary_shown.string(), os_reason())};
  }
  const auto fail = [&](const char* what) {
    Error error{fmt::format("{} {}: {}", what, temporary_shown.string(), os_reason())};
    fd.close();
    ::unlinkat(folder, temporary.c_str(), 0);
    return error;
  };
  struct stat existing {};
  if (options.keep_permissions && ::fstatat(folder, name.c_str(), &existing, AT_SYMLINK_NOFOLLOW) == 0 &&
      S_ISREG(existing.st_mode) && ::fchmod(fd.get(), existing.st_mode & 07777) != 0) {
    return fail("cannot set the permissions of");
  }
  if (!write_all(fd.get(), pieces)) {
    return fail("cannot write");
  }
  if (options.durable && ::fsync(fd.get()) != 0) {
    return fail("cannot flush");
  }
  if (!fd.close()) {
    Error error{fmt::format("cannot write {}: {}", temporary_shown.string(), os_reason())};
    ::unlinkat(folder, temporary.c_str(), 0);
    return error;
  }
  if (options.before_rename) {
    if (auto proceed = options.before_rename(); !proceed) {
      ::unlinkat(folder, temporary.c_str(), 0);
      return proceed.error();
    }
  }
  if (::renameat(folder, temporary.c_str(), folder, name.c_str()) != 0) {
    Error error{fmt::format("cannot replace {}: {}", shown.string(), os_reason())};
    ::unlinkat(folder, temporary.c_str(), 0);
    return error;
  }
  if (options.durable && ::fsync(folder) != 0) {
    return Error{fmt::format("cannot flush the folder {}", shown.parent_path().string())};
  }
  return {};
}

}  // namespace

Result<void> replace_file_atomically(const fs::path& path, const std::vector<std::string_view>& pieces,
                                     const ReplaceOptions& options) {
  const fs::path directory = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  // Create missing folders one by one, remembering them to make their entries durable.
  std::vector<fs::path> created;
  std::error_code ec;
  if (options.create_folders) {
    for (fs::path missing = directory; !missing.empty() && !fs::exists(missing, ec);
         missing = missing.parent_path()) {
      created.push_back(missing);
      if (missing == missing.parent_path()) {
        break;
      }
    }
    for (auto it = created.rbegin(); it != created.rend(); ++it) {
      if (!fs::create_directory(*it, ec) && ec) {
        return Error{fmt::format("cannot create the folder {}: {}", it->string(), ec.message())};
      }
    }
  }
  FileDescriptor folder(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (folder.get() < 0) {
    return Error{fmt::format("cannot open the folder {}: {}", directory.string(), os_reason())};
  }
  MENTORCTL_TRY(replace_in_folder(folder.get(), path.filename().string(), path, pieces, options));
  if (options.durable) {
    for (const auto& made : created) {
      sync_directory(made.parent_path().empty() ? fs::path(".") : made.parent_path());
    }
  }
  return {};
}

Result<void> replace_file_in_folder(int folder, const std::string& name, const std::vector<std::string_view>& pieces,
                                    const ReplaceOptions& options) {
  return replace_in_folder(folder, name, name, pieces, options);
}

Result<void> replace_file_atomically(const ConfinedPath& place, const std::vector<std::string_view>& pieces,
                                     const ReplaceOptions& options) {
  return replace_in_folder(place.folder.get(), place.name, place.relative, pieces, options);
}

void remove_stale_temporaries(const ConfinedPath& place) {
  const int fd = ::dup(place.folder.get());
  DIR* dir = fd < 0 ? nullptr : ::fdopendir(fd);
  if (dir == nullptr) {
    if (fd >= 0) {
      ::close(fd);
    }
    return;
  }
  ::rewinddir(dir);  // the duplicate shares its position with the folder's descriptor
  const std::string prefix = temporary_prefix(place.name);
  std::vector<std::string> stale;
  while (const dirent* entry = ::readdir(dir)) {
    if (std::string_view(entry->d_name).rfind(prefix, 0) == 0) {
      stale.emplace_back(entry->d_name);
    }
  }
  for (const auto& name : stale) {
    ::unlinkat(::dirfd(dir), name.c_str(), 0);
  }
  ::closedir(dir);
}

}  // namespace mentorctl
