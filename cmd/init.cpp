// mentorctl init: create a records repository from a template.
#include "app.hpp"

#include "setup/init.hpp"
#include "util/git.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <iostream>

namespace mentorctl::cli {

Action setup_init(CLI::App& command, Context& context) {
  auto directory = std::make_shared<std::string>(".");
  auto name = std::make_shared<std::string>(default_template);
  command.add_option("DIR", *directory, "folder to create the repository in (default: the current folder)");
  command
      .add_option("--template", *name,
                  "template program: " + fmt::format("{}", fmt::join(template_names(), ", ")))
      ->option_text("NAME")
      // Inactive: names the templates for completion; create_repository words the error better.
      ->check(CLI::IsMember(template_names()).active(false));
  return Action([directory, name, &context](Invocation& /*run*/) {
    const std::filesystem::path target = std::filesystem::path(*directory).is_absolute()
                                             ? std::filesystem::path(*directory)
                                             : context.working_directory() / *directory;
    auto created = create_repository(target, *name);
    if (!created) {
      throw CommandError(exit_usage, created.error().message);
    }
    const std::vector<std::string>& written = *created;
    if (!context.options.quiet) {
      std::cout << fmt::format("Created a records repository in {} from the {} template:\n",
                               target.lexically_normal().string(), *name);
      for (const auto& file : written) {
        std::cout << "  " << file << '\n';
      }
      std::cout << "Next: add people/ID.yaml files, pairings, and run 'mentorctl check'.\n";
    }
    // Inside a git work tree, register the merge driver the .gitattributes names (SPEC 6.3).
    if (inside_git_work_tree(target)) {
      const auto registered = register_this_merge_driver(target);
      if (!registered) {
        std::cerr << "mentorctl: warning: could not register the merge driver (" << registered.error().message
                  << "); run 'mentorctl setup-git'\n";
      } else {
        if (!context.options.quiet) {
          std::cout << "Registered the mentorctl merge driver in the git config ('mentorctl setup-git').\n";
        }
        if (!registered->note.empty()) {
          std::cerr << "mentorctl: note: " << registered->note << '\n';
        }
      }
    }
    return exit_ok;
  });
}

}  // namespace mentorctl::cli
