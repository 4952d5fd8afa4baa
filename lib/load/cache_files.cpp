#include "load/cache_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>

namespace mentorctl {
namespace fs = std::filesystem;

// Opens folder `name` in `parent` (AT_FDCWD: a path), never through a link at `name`;
// with `create`, makes it (0700) when missing.
FileDescriptor open_folder(int parent, const char* name, bool create) {
  if (create && ::mkdirat(parent, name, 0700) != 0 && errno != EEXIST) {
    return FileDescriptor(-1);
  }
  return FileDescriptor(::openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
}

// The cache folder itself, made with its missing parents (each 0700) when `create`. The
// folder named by the user or the environment may be reached through links; what is
// inside it never is.
FileDescriptor open_cache_folder(const fs::path& dir, bool create) {
  FileDescriptor fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.ok() || !create || errno != ENOENT) {
    return fd;
  }
  fs::path made;
  for (const auto& part : dir) {
    made /= part;
    if (::mkdir(made.c_str(), 0700) != 0 && errno != EEXIST) {
      return FileDescriptor(-1);
    }
  }
  return FileDescriptor(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
}

// A regular file `name` in the folder `folder`, mapped; nullopt for a link, a FIFO, a
// device, a folder, an empty or an unreadable file.
std::optional<MappedFile> map_cache_file(int folder, const std::string& name) {
  const FileDescriptor fd(::openat(folder, name.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
  if (!fd.ok()) {
    return std::nullopt;
  }
  return map_open_file(fd.get());
}

// Writes `pieces` to `name` in `folder` through a private temporary file (0600) and a
// rename, without flushing: a cache lost in a crash is only slower, never wrong (every
// entry is checked). A link at `name` is replaced, never followed.
bool write_cache_file(int folder, const std::string& name, const std::vector<std::string_view>& pieces) {
  ReplaceOptions options;
  options.durable = false;
  options.create_folders = false;
  options.keep_permissions = false;
  options.mode = 0600;
  return replace_file_in_folder(folder, name, pieces, options).has_value();
}

}  // namespace mentorctl
