#include "load/cache_files.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include <cerrno>
#include <random>

namespace mentorctl {
namespace fs = std::filesystem;

// Opens folder `name` in `parent` (AT_FDCWD: a path), never through a link at `name`;
// with `create`, makes it (0700) when missing.
Descriptor open_folder(int parent, const char* name, bool create) {
  if (create && ::mkdirat(parent, name, 0700) != 0 && errno != EEXIST) {
    return Descriptor(-1);
  }
  return Descriptor(::openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
}

// The cache folder itself, made with its missing parents (each 0700) when `create`. The
// folder named by the user or the environment may be reached through links; what is
// inside it never is.
Descriptor open_cache_folder(const fs::path& dir, bool create) {
  Descriptor fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.ok() || !create || errno != ENOENT) {
    return fd;
  }
  fs::path made;
  for (const auto& part : dir) {
    made /= part;
    if (::mkdir(made.c_str(), 0700) != 0 && errno != EEXIST) {
      return Descriptor(-1);
    }
  }
  return Descriptor(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
}

// A regular file `name` in the folder `folder`, mapped; nullopt for a link, a FIFO, a
// device, a folder, an empty or an unreadable file.
std::optional<MappedFile> map_cache_file(int folder, const std::string& name) {
  const Descriptor fd(::openat(folder, name.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
  struct stat st {};
  if (!fd.ok() || ::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0) {
    return std::nullopt;
  }
  const auto size = static_cast<std::size_t>(st.st_size);
  void* data = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd.get(), 0);
  if (data == MAP_FAILED) {
    return std::nullopt;
  }
  return MappedFile{
      std::shared_ptr<const void>(data, [size](const void* p) { ::munmap(const_cast<void*>(p), size); }),
      std::string_view(static_cast<const char*>(data), size)};
}

// Writes `pieces` to `name` in `folder` through a private temporary file (0600) and a
// rename, without flushing: a cache lost in a crash is only slower, never wrong (every
// entry is checked). A link at `name` is replaced, never followed.
bool write_cache_file(int folder, const std::string& name, const std::vector<std::string_view>& pieces) {
  std::random_device random;
  const std::string temporary = fmt::format(".{}.tmp-{}-{:08x}", name, ::getpid(), random());
  Descriptor fd(
      ::openat(folder, temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
  if (!fd.ok()) {
    return false;
  }
  bool written = true;
  for (std::string_view piece : pieces) {
    while (written && !piece.empty()) {
      const ssize_t n = ::write(fd.get(), piece.data(), piece.size());
      if (n < 0 && errno == EINTR) {
        continue;
      }
      written = n > 0;
      piece.remove_prefix(written ? static_cast<std::size_t>(n) : piece.size());
    }
  }
  written = fd.close() && written;
  if (!written || ::renameat(folder, temporary.c_str(), folder, name.c_str()) != 0) {
    ::unlinkat(folder, temporary.c_str(), 0);
    return false;
  }
  return true;
}

}  // namespace mentorctl
