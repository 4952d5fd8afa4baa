#include "util/git_tree.hpp"

#include "util/files.hpp"
#include "util/git.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <optional>
#include <set>
#include <system_error>
#include <utility>
#include <vector>

namespace mentorctl {
namespace fs = std::filesystem;

namespace {

std::string first_line(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) {
    line.pop_back();
  }
  return line;
}

// What git printed on failure, without its "fatal: " or "error: ".
std::string git_reason(const ProcessResult& result) {
  std::string line = first_line(result.errors);
  for (const std::string_view lead : {"fatal: ", "error: "}) {
    if (line.rfind(lead, 0) == 0) {
      line.erase(0, lead.size());
    }
  }
  return line;
}

const Error git_missing{"git is not installed (or not on PATH)"};

// A path git lists that is safe to write under a folder: no empty, `.` or `..` part.
bool plain_relative_path(std::string_view path) {
  if (path.empty() || path.front() == '/') {
    return false;
  }
  std::size_t begin = 0;
  while (begin <= path.size()) {
    const std::size_t end = std::min(path.find('/', begin), path.size());
    const std::string_view part = path.substr(begin, end - begin);
    if (part.empty() || part == "." || part == "..") {
      return false;
    }
    begin = end + 1;
  }
  return true;
}

struct TreeFile {
  std::string object;
  std::string path;  // relative to the snapshot's folder
  bool link = false;
};

// Parses `git ls-tree -r -z` output: "MODE TYPE OBJECT\tPATH\0" per entry.
Result<std::vector<TreeFile>> list_files(const std::string& listing, const GitSnapshot& snapshot,
                                         const std::function<bool(std::string_view)>& wanted) {
  std::vector<TreeFile> files;
  std::set<std::string, std::less<>> paths;
  std::size_t begin = 0;
  while (begin < listing.size()) {
    const std::size_t end = std::min(listing.find('\0', begin), listing.size());
    const std::string_view entry(listing.data() + begin, end - begin);
    begin = end + 1;
    const std::size_t tab = entry.find('\t');
    const std::size_t space = entry.find(' ');
    const std::size_t second_space = space == std::string_view::npos ? space : entry.find(' ', space + 1);
    if (tab == std::string_view::npos || second_space == std::string_view::npos || second_space > tab) {
      return Error{fmt::format("git ls-tree printed a line it should not: '{}'", entry)};
    }
    const std::string_view mode = entry.substr(0, space);
    const std::string_view type = entry.substr(space + 1, second_space - space - 1);
    const std::string_view path = entry.substr(tab + 1);
    if (type != "blob") {
      continue;  // a submodule's commit: not part of this repository's files
    }
    if (!plain_relative_path(path)) {
      return Error{fmt::format("{} ({}) holds a file named '{}', which no checkout can make; it was not read",
                               snapshot.revision, snapshot.commit.substr(0, 12), path)};
    }
    const bool link = mode == "120000";
    if (!link && wanted && !wanted(path)) {
      continue;
    }
    files.push_back(
        {std::string(entry.substr(second_space + 1, tab - second_space - 1)), std::string(path), link});
    paths.emplace(path);
  }
  // A file (or link) that is also the folder of another would let a write go through a link.
  for (const auto& file : files) {
    for (std::size_t slash = file.path.find('/'); slash != std::string::npos;
         slash = file.path.find('/', slash + 1)) {
      if (paths.count(std::string_view(file.path).substr(0, slash)) > 0) {
        return Error{fmt::format("{} ({}) holds both a file {} and a folder of that name; it was not read",
                                 snapshot.revision, snapshot.commit.substr(0, 12),
                                 file.path.substr(0, slash))};
      }
    }
  }
  return files;
}

// Takes `git cat-file --batch` output as it comes ("OBJECT TYPE SIZE\n", SIZE bytes, "\n"
// per object, in the order asked) and writes each object as its file.
class BlobWriter {
 public:
  BlobWriter(const fs::path& destination, const std::vector<TreeFile>& files)
      : destination_(destination), files_(files) {}

  void take(std::string_view chunk) {
    while (!chunk.empty() && !error_) {
      if (state_ == State::header) {
        const std::size_t newline = chunk.find('\n');
        header_.append(chunk.substr(0, newline));
        if (newline == std::string_view::npos) {
          return;
        }
        chunk.remove_prefix(newline + 1);
        start_object();
      } else if (state_ == State::body) {
        const std::size_t n = std::min<std::size_t>(remaining_, chunk.size());
        write(chunk.substr(0, n));
        chunk.remove_prefix(n);
        remaining_ -= n;
        if (remaining_ == 0) {
          end_object();
        }
      } else {
        chunk.remove_prefix(1);  // the newline after an object
        state_ = State::header;
      }
    }
  }

  // The files written and the links to make, or what went wrong.
  Result<std::vector<std::pair<std::string, std::string>>> finish() {
    if (error_) {
      return *error_;
    }
    if (done_ != files_.size() || state_ != State::header) {
      return Error{fmt::format("git cat-file stopped after {} of {} files", done_, files_.size())};
    }
    return std::move(links_);
  }

 private:
  enum class State { header, body, newline };

  void fail(std::string message) {
    if (!error_) {
      error_ = Error{std::move(message)};
    }
  }

  void start_object() {
    const std::string header = std::exchange(header_, {});
    const std::size_t space = header.rfind(' ');
    std::uint64_t size = 0;
    const char* first = header.data() + (space == std::string::npos ? header.size() : space + 1);
    const auto [end, ec] = std::from_chars(first, header.data() + header.size(), size);
    if (done_ >= files_.size() || space == std::string::npos || ec != std::errc() ||
        end != header.data() + header.size() || header.rfind(files_[done_].object, 0) != 0) {
      fail(fmt::format("git cat-file said '{}' for {}", header,
                       done_ < files_.size() ? files_[done_].path : std::string("nothing asked")));
      return;
    }
    const TreeFile& file = files_[done_];
    remaining_ = size;
    target_.clear();
    if (!file.link) {
      const fs::path path = destination_ / file.path;
      std::error_code error;
      fs::create_directories(path.parent_path(), error);
      out_ = FileDescriptor(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644));
      if (error || out_.get() < 0) {
        fail(fmt::format("cannot write {}: {}", path.string(),
                         error ? error.message() : std::generic_category().message(errno)));
        return;
      }
    }
    state_ = State::body;
    if (remaining_ == 0) {
      end_object();
    }
  }

  void write(std::string_view bytes) {
    if (files_[done_].link) {
      target_.append(bytes);
      return;
    }
    while (!bytes.empty()) {
      const ssize_t n = ::write(out_.get(), bytes.data(), bytes.size());
      if (n < 0 && errno == EINTR) {
        continue;
      }
      if (n <= 0) {
        fail(fmt::format("cannot write {}: {}", (destination_ / files_[done_].path).string(),
                         std::generic_category().message(errno)));
        return;
      }
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
  }

  void end_object() {
    if (files_[done_].link) {
      links_.emplace_back(files_[done_].path, target_);
    } else if (!out_.close()) {
      fail(fmt::format("cannot write {}: {}", (destination_ / files_[done_].path).string(),
                       std::generic_category().message(errno)));
    }
    ++done_;
    state_ = State::newline;
  }

  const fs::path& destination_;
  const std::vector<TreeFile>& files_;
  State state_ = State::header;
  std::string header_;
  std::uint64_t remaining_ = 0;
  std::size_t done_ = 0;
  FileDescriptor out_;
  std::string target_;
  std::vector<std::pair<std::string, std::string>> links_;
  std::optional<Error> error_;
};

}  // namespace

Result<GitSnapshot> resolve_snapshot(const fs::path& directory, const std::string& revision) {
  const ProcessResult inside = run_git(directory, {"rev-parse", "--is-inside-work-tree"});
  if (!inside.started) {
    return git_missing;
  }
  if (inside.exit_code != 0 || first_line(inside.output) != "true") {
    return Error{fmt::format("{} is not inside a git work tree, so it has no revision '{}' to compare with",
                             fs::absolute(directory).lexically_normal().string(), revision)};
  }
  GitSnapshot snapshot;
  snapshot.revision = revision;
  snapshot.prefix = git_work_tree_prefix(directory).value_or("");
  const ProcessResult commit =
      run_git(directory, {"rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"});
  if (commit.exit_code != 0) {
    // rev-parse --verify only says "Needed a single revision"; log says which and why.
    const ProcessResult why =
        run_git(directory, {"log", "-1", "--no-walk", "--format=%H", "--end-of-options", revision, "--"});
    const std::string reason = why.exit_code != 0 ? git_reason(why) : std::string{};
    return Error{fmt::format("git says: {}",
                             reason.empty() ? fmt::format("'{}' names no single commit", revision) : reason)};
  }
  snapshot.commit = first_line(commit.output);
  const std::string folder = snapshot.prefix.empty() ? std::string("its top folder") : snapshot.prefix;
  const ProcessResult tree =
      run_git(directory, {"rev-parse", "--verify", "--quiet", snapshot.commit + ":" + snapshot.prefix});
  const ProcessResult type =
      tree.exit_code == 0 ? run_git(directory, {"cat-file", "-t", first_line(tree.output)}) : ProcessResult{};
  if (tree.exit_code != 0 || first_line(type.output) != "tree") {
    return Error{fmt::format("{} ({}) has no folder {}", revision, snapshot.commit.substr(0, 12), folder),
                 Error::Kind::not_found};
  }
  snapshot.tree = first_line(tree.output);
  return snapshot;
}

Result<std::size_t> export_snapshot(const fs::path& directory, const GitSnapshot& snapshot,
                                    const fs::path& destination,
                                    const std::function<bool(std::string_view path)>& wanted) {
  const ProcessResult listing = run_git(directory, {"ls-tree", "-r", "-z", "--full-tree", snapshot.tree});
  if (!listing.started) {
    return git_missing;
  }
  if (listing.exit_code != 0) {
    return Error{fmt::format("git ls-tree failed: {}", git_reason(listing))};
  }
  auto files = list_files(listing.output, snapshot, wanted);
  MENTORCTL_TRY(files);
  if (files->empty()) {
    return std::size_t{0};
  }

  // cat-file --batch reads the objects to print on standard input: a file in a folder of our own.
  auto scratch = TemporaryFolder::create("mentorctl-objects-");
  MENTORCTL_TRY(scratch);
  std::string objects;
  for (const auto& file : *files) {
    objects += file.object;
    objects += '\n';
  }
  const fs::path list = scratch->path() / "objects";
  ReplaceOptions disposable;  // a scratch file: no fsync, its folder exists, a new file's mode
  disposable.durable = false;
  disposable.create_folders = false;
  disposable.keep_permissions = false;
  MENTORCTL_TRY(replace_file_atomically(list, {objects}, disposable));
  BlobWriter writer(destination, *files);
  const ProcessResult printed =
      run_git(directory, {"cat-file", "--batch"},
              ProcessStreams{list, [&](std::string_view chunk) { writer.take(chunk); }});
  if (!printed.started) {
    return git_missing;
  }
  if (printed.exit_code != 0) {
    return Error{fmt::format("git cat-file failed: {}", git_reason(printed))};
  }
  auto links = writer.finish();
  MENTORCTL_TRY(links);
  for (const auto& [path, target] : *links) {
    std::error_code error;
    const fs::path place = destination / path;
    fs::create_directories(place.parent_path(), error);
    if (!error) {
      fs::create_symlink(target, place, error);
    }
    if (error) {
      return Error{fmt::format("cannot make the link {}: {}", place.string(), error.message())};
    }
  }
  return files->size();
}

}  // namespace mentorctl
