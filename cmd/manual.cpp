// `mentorctl help COMMAND`: the command's manual page, shown by man as git shows its own.
#include "app.hpp"

#include "util/git.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

namespace mentorctl::cli {

namespace fs = std::filesystem;

namespace {

// Runs `arguments` with this process's standard streams (man pages through the pager on a
// terminal) and waits; the exit status, or nullopt when it could not be started.
std::optional<int> run_attached(const std::vector<std::string>& arguments) {
  std::cout.flush();
  std::vector<char*> argv;
  std::vector<std::string> copy = arguments;
  for (auto& argument : copy) {
    argv.push_back(argument.data());
  }
  argv.push_back(nullptr);
  const pid_t child = fork();
  if (child < 0) {
    return std::nullopt;
  }
  if (child == 0) {
    execvp(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  while (waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) {
      return std::nullopt;
    }
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) == 127) {
    return std::nullopt;
  }
  return WEXITSTATUS(status);
}

}  // namespace

std::optional<int> show_manual(const std::string& command) {
  const char* path = std::getenv("PATH");
  if (!find_on_path("man", path)) {
    return std::nullopt;
  }
  const std::string page = "mentorctl-" + command;
  // The page installed with this binary (PREFIX/bin/mentorctl, PREFIX/share/man/man1) is
  // the one that matches its options, whatever else MANPATH holds.
  if (const auto self = running_program()) {
    const fs::path beside = self->parent_path().parent_path() / "share" / "man" / "man1" / (page + ".1");
    std::error_code error;
    if (fs::is_regular_file(beside, error)) {
      const auto shown = run_attached({"man", "-l", beside.string()});
      return shown == 0 ? shown : std::nullopt;
    }
  }
  const ProcessResult where = run_program({"man", "-w", page});
  if (!where.started || where.exit_code != 0) {
    return std::nullopt;  // no page installed: the command's --help
  }
  const auto shown = run_attached({"man", page});
  return shown == 0 ? shown : std::nullopt;
}

}  // namespace mentorctl::cli
