// mentorctl init: create a records repository from a template.
#include "app.hpp"

#include "init.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <iostream>

namespace mentorctl::cli {

std::function<int()> setup_init(CLI::App& command, Context& context) {
  auto directory = std::make_shared<std::string>(".");
  auto name = std::make_shared<std::string>(default_template);
  command.add_option("DIR", *directory, "folder to create the repository in (default: the current folder)");
  command.add_option("--template", *name, "template program: " + fmt::format("{}", fmt::join(template_names(), ", ")))
      ->option_text("NAME");
  return [directory, name, &context]() {
    const std::filesystem::path target =
        std::filesystem::path(*directory).is_absolute() ? std::filesystem::path(*directory)
                                                        : context.working_directory() / *directory;
    std::vector<std::string> written;
    try {
      written = create_repository(target, *name);
    } catch (const std::runtime_error& e) {
      throw CommandError(exit_usage, e.what());
    }
    if (!context.options.quiet) {
      std::cout << fmt::format("Created a records repository in {} from the {} template:\n",
                               target.lexically_normal().string(), *name);
      for (const auto& file : written) {
        std::cout << "  " << file << '\n';
      }
      std::cout << "Next: add people/ID.yaml files, pairings, and run 'mentorctl check'.\n";
    }
    return exit_ok;
  };
}

}  // namespace mentorctl::cli
