// mentorctl setup-git: register the merge driver of SPEC 6.3 in the clone's git config.
#include "app.hpp"

#include "util/git.hpp"
#include "load/loader.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>


#include <cstdlib>
#include <iostream>

namespace mentorctl::cli {

Result<MergeDriverChoice> register_this_merge_driver(const std::filesystem::path& directory) {
  const auto self = running_program();
  MergeDriverChoice choice{merge_driver_command, {}};
  if (self) {
    choice = choose_merge_driver(*self, std::getenv("PATH"));
  }
  MENTORCTL_TRY(register_merge_driver(directory, choice.command));
  return choice;
}

Action setup_setup_git(CLI::App& command, Context& context) {
  command.footer(
      "Sets merge.mentorctl.driver = '" + std::string(merge_driver_command) +
      "'\n"
      "and merge.mentorctl.name in the git config of this clone (once per clone; 'init' does it too).\n"
      "When the 'mentorctl' on PATH is not this program (or there is none), the driver names this\n"
      "program's absolute path instead, so that git can always run it.\n"
      "The .gitattributes that 'init' writes sends record files to this driver.");
  return Action([&context](Invocation& /*run*/) {
    const auto directory = context.working_directory();
    if (!inside_git_work_tree(directory)) {
      throw CommandError(exit_usage,
                         fmt::format("{} is not inside a git work tree; run 'git init' (or clone the "
                                     "records) first",
                                     std::filesystem::absolute(directory).lexically_normal().string()));
    }
    const auto registered = register_this_merge_driver(directory);
    if (!registered) {
      throw CommandError(exit_internal, registered.error().message);
    }
    if (!context.options.quiet) {
      std::cout << fmt::format(
          "Registered the mentorctl merge driver in this clone's git config:\n"
          "  merge.mentorctl.driver = {}\n",
          registered->command);
    }
    if (!registered->note.empty()) {
      std::cerr << "mentorctl: note: " << registered->note << '\n';
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
  });
}

}  // namespace mentorctl::cli
