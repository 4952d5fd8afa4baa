// The file system of the cache folder (cache.hpp): the folder may sit in a shared place
// ($MENTORCTL_CACHE_DIR, ~/.cache) and holds what the records say, so it is created
// private (0700, files 0600), nothing in it is reached through a link, and nothing but a
// regular file is opened (a FIFO would block).
#pragma once

#include "util/files.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mentorctl {

// Opens folder `name` in `parent` (AT_FDCWD: a path), never through a link at `name`;
// with `create`, makes it (0700) when missing.
FileDescriptor open_folder(int parent, const char* name, bool create);

// The cache folder itself, made with its missing parents (each 0700) when `create`. The
// folder named by the user or the environment may be reached through links; what is
// inside it never is.
FileDescriptor open_cache_folder(const std::filesystem::path& dir, bool create);

// A regular file `name` in the folder `folder`, mapped; nullopt for a link, a FIFO, a
// device, a folder, an empty or an unreadable file.
std::optional<MappedFile> map_cache_file(int folder, const std::string& name);

// Writes `pieces` to `name` in `folder` through a private temporary file (0600) and a
// rename, without flushing: a cache lost in a crash is only slower, never wrong (every
// entry is checked). A link at `name` is replaced, never followed.
bool write_cache_file(int folder, const std::string& name, const std::vector<std::string_view>& pieces);

}  // namespace mentorctl
