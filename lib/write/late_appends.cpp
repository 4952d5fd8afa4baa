#include "write/late_appends.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <string_view>
#include <system_error>
#include <thread>

namespace mentorctl {
namespace {

std::string os_reason() { return std::generic_category().message(errno); }

}  // namespace

std::optional<LateAppends> LateAppends::watch(const ConfinedPath& place, std::size_t size) {
  FileDescriptor fd(
      ::openat(place.folder.get(), place.name.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
  if (fd.get() < 0) {
    return std::nullopt;
  }
  return LateAppends(std::move(fd), size);
}

Result<std::string> LateAppends::appended() {
  struct stat st {};
  if (::fstat(fd_.get(), &st) != 0) {
    return Error{os_reason()};
  }
  const auto size = static_cast<std::size_t>(st.st_size);
  std::string bytes;
  while (seen_ < size) {
    char buffer[65536];
    const ssize_t n =
        ::pread(fd_.get(), buffer, std::min(sizeof buffer, size - seen_), static_cast<off_t>(seen_));
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return Error{n < 0 ? os_reason() : "the file shrank"};
    }
    bytes.append(buffer, static_cast<std::size_t>(n));
    seen_ += static_cast<std::size_t>(n);
  }
  return bytes;
}

Result<std::size_t> LateAppends::carry_over(const ConfinedPath& place) {
  std::size_t carried = 0;
  // A shell's `>>` opens, writes and closes within microseconds: one look right after the
  // rename and one a little later find what it wrote to the old file.
  for (const int wait_ms : {0, 20}) {
    std::this_thread::sleep_for(std::chrono::milliseconds(wait_ms));
    auto found = appended();
    if (!found) {
      return found.error();
    }
    const std::string& bytes = *found;
    if (bytes.empty()) {
      continue;
    }
    FileDescriptor out(
        ::openat(place.folder.get(), place.name.c_str(), O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC));
    if (out.get() < 0) {
      return Error{fmt::format("cannot open it again: {}", os_reason())};
    }
    std::string_view rest(bytes);
    while (!rest.empty()) {
      const ssize_t n = ::write(out.get(), rest.data(), rest.size());
      if (n < 0 && errno == EINTR) {
        continue;
      }
      if (n <= 0) {
        return Error{os_reason()};
      }
      rest.remove_prefix(static_cast<std::size_t>(n));
    }
    if (::fsync(out.get()) != 0 || !out.close()) {
      return Error{os_reason()};
    }
    carried += bytes.size();
  }
  return carried;
}

}  // namespace mentorctl
