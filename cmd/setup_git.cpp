// mentorctl setup-git: register the merge driver of SPEC 6.3 in the clone's git config.
#include "app.hpp"

#include "util/git.hpp"
#include "load/loader.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <sstream>

namespace mentorctl::cli {

namespace {

// Whether a `mentorctl` program is on PATH, as git will look for it.
bool on_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::stringstream folders(path == nullptr ? "" : path);
  for (std::string folder; std::getline(folders, folder, ':');) {
    const std::filesystem::path candidate = std::filesystem::path(folder.empty() ? "." : folder) / program;
    if (::access(candidate.c_str(), X_OK) == 0) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::function<int()> setup_setup_git(CLI::App& command, Context& context) {
  command.footer(
      "Sets merge.mentorctl.driver = '" + std::string(merge_driver_command) +
      "'\n"
      "and merge.mentorctl.name in the git config of this clone (once per clone; 'init' does it too).\n"
      "The .gitattributes that 'init' writes sends record files to this driver.");
  return [&context]() {
    const auto directory = context.working_directory();
    if (!inside_git_work_tree(directory)) {
      throw CommandError(exit_usage,
                         fmt::format("{} is not inside a git work tree; run 'git init' (or clone the "
                                     "records) first",
                                     std::filesystem::absolute(directory).lexically_normal().string()));
    }
    if (const auto error = register_merge_driver(directory)) {
      throw CommandError(exit_internal, *error);
    }
    if (!context.options.quiet) {
      std::cout << fmt::format(
          "Registered the mentorctl merge driver in this clone's git config:\n"
          "  merge.mentorctl.driver = {}\n",
          merge_driver_command);
    }
    if (!on_path("mentorctl")) {
      std::cerr << "mentorctl: warning: 'mentorctl' is not on PATH, so git cannot run the merge driver; "
                   "install it, "
                   "or add its folder to PATH\n";
    }
    // Record files reach the driver only through .gitattributes.
    if (const auto root = find_root(directory)) {
      const ProcessResult attribute =
          run_git(*root, {"check-attr", "merge", "--", "logs/2026-27/example.yaml"});
      if (attribute.exit_code == 0 && attribute.output.find(": merge: mentorctl") == std::string::npos) {
        std::cerr
            << "mentorctl: warning: .gitattributes does not send logs/** to merge=mentorctl; add the lines "
               "'mentorctl init' writes (see docs/format.md, Writing)\n";
      }
    }
    return exit_ok;
  };
}

}  // namespace mentorctl::cli
