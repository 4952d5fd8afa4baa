#include "util/files.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>
#include <system_error>

namespace fs = std::filesystem;

namespace mentorctl {
namespace {

std::string os_reason() { return std::generic_category().message(errno); }

// Closes a file descriptor when it goes out of scope.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (fd_ >= 0) {
      ::close(fd_);
    }
  }
  [[nodiscard]] int get() const { return fd_; }
  // Closes now, reporting whether the close succeeded (it can report a failed write).
  bool close() {
    const int fd = fd_;
    fd_ = -1;
    return fd < 0 || ::close(fd) == 0;
  }

 private:
  int fd_;
};

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

Result<std::string> read_file(const fs::path& path, std::uint64_t max_size) {
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    return Error{os_reason(), errno == ENOENT ? Error::Kind::not_found : Error::Kind::failed};
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) {
    return Error{os_reason()};
  }
  if (S_ISDIR(st.st_mode)) {
    return Error{std::generic_category().message(EISDIR)};
  }
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (size > max_size) {
    return Error{fmt::format("{} bytes, more than {}", size, max_size), Error::Kind::too_large};
  }
  // A regular file is read at its size; a pipe or device, until it ends.
  std::string out;
  out.resize(S_ISREG(st.st_mode) ? size : 65536);
  std::size_t done = 0;
  for (;;) {
    if (done == out.size()) {
      if (S_ISREG(st.st_mode)) {
        break;
      }
      out.resize(out.size() * 2);
    }
    const ssize_t n = ::read(fd.get(), out.data() + done, out.size() - done);
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

std::optional<MappedFile> map_file(const fs::path& path) {
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    return std::nullopt;
  }
  struct stat st {};
  const bool sized = ::fstat(fd.get(), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0;
  const auto size = sized ? static_cast<std::size_t>(st.st_size) : 0;
  void* data = sized ? ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd.get(), 0) : MAP_FAILED;
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

bool sync_directory(const fs::path& directory) {
  FileDescriptor fd(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  return fd.get() >= 0 && ::fsync(fd.get()) == 0;
}

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
  std::random_device random;
  const fs::path temporary =
      directory / fmt::format("{}{}-{:08x}", temporary_prefix(path), ::getpid(), random());
  FileDescriptor fd(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666));
  if (fd.get() < 0) {
    return Error{fmt::format("cannot create {}: {}", temporary.string(), os_reason())};
  }
  const auto fail = [&](const char* what) {
    Error error{fmt::format("{} {}: {}", what, temporary.string(), os_reason())};
    fd.close();
    ::unlink(temporary.c_str());
    return error;
  };
  struct stat existing {};
  if (options.keep_permissions && ::stat(path.c_str(), &existing) == 0 &&
      ::fchmod(fd.get(), existing.st_mode & 07777) != 0) {
    return fail("cannot set the permissions of");
  }
  if (!write_all(fd.get(), pieces)) {
    return fail("cannot write");
  }
  if (options.durable && ::fsync(fd.get()) != 0) {
    return fail("cannot flush");
  }
  if (!fd.close()) {
    Error error{fmt::format("cannot write {}: {}", temporary.string(), os_reason())};
    ::unlink(temporary.c_str());
    return error;
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    Error error{fmt::format("cannot replace {}: {}", path.string(), os_reason())};
    ::unlink(temporary.c_str());
    return error;
  }
  if (options.durable) {
    if (!sync_directory(directory)) {
      return Error{fmt::format("cannot flush the folder {}", directory.string())};
    }
    for (const auto& folder : created) {
      sync_directory(folder.parent_path().empty() ? fs::path(".") : folder.parent_path());
    }
  }
  return {};
}

}  // namespace mentorctl
