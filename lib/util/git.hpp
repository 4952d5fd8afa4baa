// Running git (and other programs) with an argument vector, never through a shell.
#pragma once

#include "util/result.hpp"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mentorctl {

/// What a finished program printed and how it exited.
struct ProcessResult {
  bool started = false;  // false: the program could not be run at all (not installed, ...)
  int exit_code = -1;    // the exit status; 128 + N when killed by signal N
  std::string output;    // standard output
  std::string errors;    // standard error
};

/// Where a program's standard input comes from and its standard output goes.
struct ProcessStreams {
  std::filesystem::path input = "/dev/null";  // the file it reads as standard input
  /// When set, gets standard output piece by piece as it comes, instead of
  /// ProcessResult::output (for output too large to hold at once).
  std::function<void(std::string_view)> output;
};

/// Runs `arguments[0]` (looked up on PATH) with the other elements as its arguments and
/// waits for it.
ProcessResult run_program(const std::vector<std::string>& arguments, const ProcessStreams& streams = {});

/// Runs `git -C directory ARGUMENTS...`.
ProcessResult run_git(const std::filesystem::path& directory, const std::vector<std::string>& arguments,
                      const ProcessStreams& streams = {});

/// True when `directory` is inside a git work tree (and git is installed).
bool inside_git_work_tree(const std::filesystem::path& directory);

/// The folder `directory` as a path from the top of its git work tree, the way `git
/// rev-parse --show-prefix` gives it: "" at the top, "records/" below it (one git run).
/// nullopt when git is not installed or `directory` is not inside a work tree.
std::optional<std::string> git_work_tree_prefix(const std::filesystem::path& directory);

/// `git config user.email` as seen from `directory`, or nullopt when git has none.
std::optional<std::string> git_user_email(const std::filesystem::path& directory);

/// The git directory (`.git`) of the work tree holding `directory`, found by walking up
/// as git does (a `.git` file pointing elsewhere is followed); nullopt outside git.
std::optional<std::filesystem::path> find_git_directory(const std::filesystem::path& directory);

/// The merge driver command `setup-git` registers when `mentorctl` on PATH is the
/// running program (SPEC 6.3).
inline constexpr const char* merge_driver_command = "mentorctl merge-driver %O %A %B %P";

/// The merge driver command to register, and why it is not the plain one.
struct MergeDriverChoice {
  std::string command;  // what git runs, through a shell
  std::string note;     // empty when `mentorctl` on PATH is the running program
};

/// The first executable `program` in the folders of `path_variable` (PATH syntax), or
/// nullopt.
std::optional<std::filesystem::path> find_on_path(const std::string& program, const char* path_variable);

/// Chooses the command git should run for merges: `merge_driver_command` when the
/// `mentorctl` git will find on `path_variable` is the same file as `self` (the running
/// program), else `self`'s absolute path, shell-quoted, with a note saying why.
MergeDriverChoice choose_merge_driver(const std::filesystem::path& self, const char* path_variable);

/// The running program's own file (/proc/self/exe), or nullopt when it cannot be known.
std::optional<std::filesystem::path> running_program();

/// Registers `command` as the mentorctl merge driver in the git config of the clone
/// holding `directory`.
Result<void> register_merge_driver(const std::filesystem::path& directory, const std::string& command);

/// Stages `relative_path` (relative to `directory`) and commits only that file with
/// `message`.
Result<void> commit_file(const std::filesystem::path& directory, const std::string& relative_path,
                         const std::string& message);

}  // namespace mentorctl
