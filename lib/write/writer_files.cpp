// The files of a write: the repository's lock, and the record file it goes to, read and
// replaced without leaving the repository (a link that leads outside is refused).
#include "write/writer_internal.hpp"

#include "util/git.hpp"
#include "write/late_appends.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

namespace mentorctl {
namespace fs = std::filesystem;
using writer_detail::failure;

fs::path lock_path(const fs::path& root) {
  if (const auto git_directory = find_git_directory(root)) {
    return *git_directory / "mentorctl.lock";
  }
  return root / ".mentorctl.lock";
}

WriteResult<std::shared_ptr<RepositoryLock>> RepositoryLock::acquire(const fs::path& root,
                                                                     int timeout_seconds) {
  const fs::path path = lock_path(root);
  // Never through a link: that would create or lock a file wherever the link leads.
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0666);
  if (fd < 0 && errno == ELOOP) {
    return refusal(
        fmt::format("the lock file {} is a symlink, and mentorctl does not follow it; remove it (the "
                    "next write creates a fresh one) and run the command again",
                    path.string()));
  }
  if (fd < 0) {
    return failure(fmt::format("cannot open the lock file {}: {}", path.string(), std::strerror(errno)));
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return refusal(
        fmt::format("the lock file {} is not a regular file; remove it (the next write creates a "
                    "fresh one) and run the command again",
                    path.string()));
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK && errno != EINTR) {
      const std::string message = fmt::format("cannot lock {}: {}", path.string(), std::strerror(errno));
      ::close(fd);
      return failure(message);
    }
    if (std::chrono::steady_clock::now() > deadline) {
      ::close(fd);
      return failure(
          fmt::format("another mentorctl has been writing to this repository for {} s (it holds the lock "
                      "{}); try again when it has finished",
                      timeout_seconds, path.string()));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return std::shared_ptr<RepositoryLock>(new RepositoryLock(fd));
}

RepositoryLock::~RepositoryLock() {
  if (fd_ >= 0) {
    ::flock(fd_, LOCK_UN);
    ::close(fd_);
  }
}

namespace writer_detail {
namespace {

// A problem with where the file is (a link leading outside the repository or nowhere) is
// the user's to fix; anything else is the system's.
WriteProblem place_problem(const std::string& path, const Error& error) {
  std::string message = fmt::format("cannot write {}: {}", path, error.message);
  return error.kind == Error::Kind::outside ? refusal(std::move(message)) : failure(std::move(message));
}

}  // namespace

WriteResult<TargetFile> read_target(const fs::path& root, const std::string& path) {
  TargetFile target;
  // Every folder on the way, and the file, must be inside the repository: a link that
  // leads outside it is refused before anything there is read or written.
  auto place = resolve_inside(root, path);
  if (!place && place.error().kind != Error::Kind::not_found) {
    return place_problem(path, place.error());
  }
  if (place) {
    auto content = read_file_at(*place);
    if (!content && content.error().kind != Error::Kind::not_found) {
      return place_problem(path, content.error());
    }
    target.exists = content.has_value();
    if (target.exists) {
      target.old_content = std::move(*content);
    }
    target.place = std::move(*place);
  }
  return target;
}

WriteResult<void> replace_target(const fs::path& root, const std::string& path, TargetFile& target,
                                           const std::string& content, const WriteOptions& options,
                                           bool& changed, std::vector<std::string>& warnings) {
  if (!target.place) {  // a folder is missing: create it, inside the repository too
    auto place = resolve_inside(root, path, true);
    if (!place) {
      return place_problem(path, place.error());
    }
    target.place = std::move(*place);
  }
  const ConfinedPath& place = *target.place;
  remove_stale_temporaries(place);
  std::optional<LateAppends> late;
  // The file must still hold what was read: a shell's `>>` meanwhile would be lost by
  // the rename. Checked after the new file is complete, as late as the rename allows.
  ReplaceOptions replace;
  replace.before_rename = [&]() -> Result<void> {
    if (options.before_replace) {
      options.before_replace();
    }
    late = target.exists ? LateAppends::watch(place, target.old_content.size()) : std::nullopt;
    const auto now = read_file_at(place);
    const bool same = target.exists ? now && *now == target.old_content
                                    : !now && now.error().kind == Error::Kind::not_found;
    if (same) {
      return {};
    }
    changed = true;
    return Error{
        fmt::format("{} changed while mentorctl was writing it (another program wrote to it without "
                    "taking mentorctl's lock), so nothing was written; run the command again when "
                    "that program has finished",
                    path)};
  };
  if (auto replaced = replace_file_atomically(place, {content}, replace); !replaced) {
    return failure(replaced.error().message);
  }
  if (late) {
    const auto carried = late->carry_over(place);
    if (!carried) {
      return failure(
          fmt::format("{} was written, but what another program appended to it meanwhile could "
                      "not be kept: {}",
                      path, carried.error().message));
    }
    if (*carried > 0) {
      warnings.push_back(fmt::format(
          "another program appended to {} while mentorctl replaced it; its {} bytes were kept after the new "
          "lines",
          path, *carried));
    }
  }
  return {};
}

}  // namespace writer_detail
}  // namespace mentorctl
