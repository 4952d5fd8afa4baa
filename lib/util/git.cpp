#include "util/git.hpp"

#include "util/files.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <fstream>

extern char** environ;

namespace mentorctl {
namespace fs = std::filesystem;

namespace {

std::string trim_line_end(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) {
    text.pop_back();
  }
  return text;
}

}  // namespace

ProcessResult run_program(const std::vector<std::string>& arguments, const ProcessStreams& streams) {
  ProcessResult result;
  if (arguments.empty()) {
    return result;
  }
  std::array<int, 2> out_pipe{-1, -1};
  std::array<int, 2> err_pipe{-1, -1};
  if (pipe2(out_pipe.data(), O_CLOEXEC) != 0) {
    return result;
  }
  FileDescriptor out_read(out_pipe[0]);
  FileDescriptor out_write(out_pipe[1]);
  if (pipe2(err_pipe.data(), O_CLOEXEC) != 0) {
    return result;
  }
  FileDescriptor err_read(err_pipe[0]);
  FileDescriptor err_write(err_pipe[1]);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, streams.input.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_write.get(), 1);
  posix_spawn_file_actions_adddup2(&actions, err_write.get(), 2);

  std::vector<char*> argv;
  argv.reserve(arguments.size() + 1);
  for (const auto& argument : arguments) {
    argv.push_back(const_cast<char*>(argument.c_str()));
  }
  argv.push_back(nullptr);
  pid_t pid = -1;
  const int spawned = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  out_write.close();
  err_write.close();
  if (spawned != 0) {
    return result;
  }

  // Read both pipes until they close, so a chatty child never blocks on a full pipe.
  std::array<pollfd, 2> fds{pollfd{out_read.get(), POLLIN, 0}, pollfd{err_read.get(), POLLIN, 0}};
  std::array<std::string*, 2> sinks{&result.output, &result.errors};
  int open_pipes = 2;
  std::array<char, 65536> buffer{};
  while (open_pipes > 0) {
    if (poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) {
        continue;
      }
      break;
    }
    for (std::size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) {
        continue;
      }
      const ssize_t n = read(fds[i].fd, buffer.data(), buffer.size());
      if (n > 0 && i == 0 && streams.output) {
        streams.output(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
      } else if (n > 0) {
        sinks[i]->append(buffer.data(), static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        fds[i].fd = -1;
        --open_pipes;
      }
    }
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      return result;
    }
  }
  result.started = true;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

ProcessResult run_git(const fs::path& directory, const std::vector<std::string>& arguments,
                      const ProcessStreams& streams) {
  std::vector<std::string> full = {"git", "-C", directory.string()};
  full.insert(full.end(), arguments.begin(), arguments.end());
  return run_program(full, streams);
}

bool inside_git_work_tree(const fs::path& directory) {
  const ProcessResult result = run_git(directory, {"rev-parse", "--is-inside-work-tree"});
  return result.started && result.exit_code == 0 && trim_line_end(result.output) == "true";
}

std::optional<std::string> git_work_tree_prefix(const fs::path& directory) {
  const ProcessResult result = run_git(directory, {"rev-parse", "--is-inside-work-tree", "--show-prefix"});
  // "true\nPREFIX\n"; the prefix is everything after the first line (a folder name may hold
  // a line break), less the line end.
  const std::string_view output = result.output;
  const std::size_t line_end = output.find('\n');
  if (!result.started || result.exit_code != 0 || line_end == std::string_view::npos ||
      output.substr(0, line_end) != "true") {
    return std::nullopt;
  }
  std::string prefix(output.substr(line_end + 1));
  if (!prefix.empty() && prefix.back() == '\n') {
    prefix.pop_back();
  }
  return prefix;
}

std::optional<std::string> git_user_email(const fs::path& directory) {
  const ProcessResult result = run_git(directory, {"config", "user.email"});
  if (!result.started || result.exit_code != 0) {
    return std::nullopt;
  }
  std::string email = trim_line_end(result.output);
  if (email.empty()) {
    return std::nullopt;
  }
  return email;
}

std::optional<fs::path> find_git_directory(const fs::path& directory) {
  std::error_code ec;
  fs::path dir = fs::absolute(directory, ec);
  if (ec) {
    return std::nullopt;
  }
  for (;;) {
    const fs::path dot_git = dir / ".git";
    if (fs::is_directory(dot_git, ec)) {
      return dot_git;
    }
    if (fs::is_regular_file(dot_git, ec)) {
      // A linked work tree or submodule: "gitdir: PATH".
      const auto content = read_file(dot_git, 4096);
      std::string line = content ? content->substr(0, content->find('\n')) : std::string{};
      line = trim_line_end(line);
      if (line.rfind("gitdir: ", 0) == 0) {
        fs::path target = line.substr(8);
        if (target.is_relative()) {
          target = dir / target;
        }
        if (fs::is_directory(target, ec)) {
          return target.lexically_normal();
        }
      }
      return std::nullopt;
    }
    if (!dir.has_parent_path() || dir.parent_path() == dir) {
      return std::nullopt;
    }
    dir = dir.parent_path();
  }
}

std::optional<fs::path> find_on_path(const std::string& program, const char* path_variable) {
  const std::string path = path_variable == nullptr ? "" : path_variable;
  std::size_t begin = 0;
  while (begin <= path.size()) {
    const std::size_t end = std::min(path.find(':', begin), path.size());
    const std::string folder = path.substr(begin, end - begin);
    const fs::path candidate = fs::path(folder.empty() ? "." : folder) / program;
    std::error_code error;
    if (fs::is_regular_file(candidate, error) && ::access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
    begin = end + 1;
  }
  return std::nullopt;
}

namespace {

// `text` in single quotes for a POSIX shell.
std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (const char c : text) {
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return quoted + "'";
}

}  // namespace

MergeDriverChoice choose_merge_driver(const fs::path& self, const char* path_variable) {
  const auto found = find_on_path("mentorctl", path_variable);
  std::error_code error;
  if (found && fs::equivalent(*found, self, error)) {
    return {merge_driver_command, {}};
  }
  const fs::path absolute = fs::absolute(self, error).lexically_normal();
  MergeDriverChoice choice{shell_quote(absolute.string()) + " merge-driver %O %A %B %P", {}};
  choice.note = found ? fmt::format(
                            "the 'mentorctl' on PATH is {}, not this program, so the driver names "
                            "this program's own path, {}",
                            found->string(), absolute.string())
                      : fmt::format(
                            "'mentorctl' is not on PATH, so the driver names this program's own path, "
                            "{}; after installing mentorctl, run 'mentorctl setup-git' again",
                            absolute.string());
  return choice;
}

std::optional<fs::path> running_program() {
  std::error_code error;
  fs::path self = fs::read_symlink("/proc/self/exe", error);
  if (error) {
    return std::nullopt;
  }
  return self;
}

Result<void> register_merge_driver(const fs::path& directory, const std::string& command) {
  const std::vector<std::pair<std::string, std::string>> settings = {
      {"merge.mentorctl.name", "mentorctl: merge record files entry by entry"},
      {"merge.mentorctl.driver", command},
  };
  for (const auto& [key, value] : settings) {
    const ProcessResult result = run_git(directory, {"config", key, value});
    if (!result.started) {
      return Error{"git is not installed (or not on PATH)"};
    }
    if (result.exit_code != 0) {
      return Error{fmt::format("git config {} failed: {}", key, trim_line_end(result.errors))};
    }
  }
  return {};
}

Result<void> commit_file(const fs::path& directory, const std::string& relative_path, const std::string& message) {
  const ProcessResult added = run_git(directory, {"add", "--", relative_path});
  if (!added.started) {
    return Error{"git is not installed (or not on PATH)"};
  }
  if (added.exit_code != 0) {
    return Error{fmt::format("git add failed: {}", trim_line_end(added.errors))};
  }
  // With a path, git commits only that file, whatever else is staged.
  const ProcessResult committed =
      run_git(directory, {"commit", "--quiet", "--message", message, "--", relative_path});
  if (committed.exit_code != 0) {
    std::string why = trim_line_end(committed.errors);
    if (why.empty()) {
      why = trim_line_end(committed.output);
    }
    return Error{fmt::format("git commit failed: {}", why)};
  }
  return {};
}

}  // namespace mentorctl
