// mentorctl merge-driver BASE OURS THEIRS PATH: the git merge driver of SPEC 6.3.
#include "app.hpp"

#include "util/git.hpp"
#include "write/merge.hpp"
#include "util/files.hpp"
#include "write/writer.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <iostream>
#include <iterator>

namespace mentorctl::cli {

namespace {

std::string read_version(const std::string& path, const char* which) {
  auto content = read_file(path);
  if (!content) {
    throw CommandError(exit_internal, fmt::format("merge-driver: cannot read the {} version {}: {}", which, path,
                                                  content.error().message));
  }
  return std::move(*content);
}

}  // namespace

Action setup_merge_driver(CLI::App& command, Context& context) {
  struct Options {
    std::string base;
    std::string ours;
    std::string theirs;
    std::string path;
  };
  auto o = std::make_shared<Options>();
  command.add_option("BASE", o->base, "the common ancestor's version (git's %O)")->required();
  command.add_option("OURS", o->ours, "our version, where the result is written (git's %A)")->required();
  command.add_option("THEIRS", o->theirs, "their version (git's %B)")->required();
  command.add_option("PATH", o->path, "the file's path in the work tree (git's %P), for messages");
  command.footer(
      "Called by git, not by people: 'mentorctl setup-git' registers it. Merges record files entry by\n"
      "entry: ours, plus the entries theirs appended. When either side changed or removed an existing\n"
      "entry it falls back to 'git merge-file', which writes conflict markers.\n"
      "Exit status: 0 merged cleanly, 1 conflicts were written, 3 failure.");
  return Action([o, &context](Invocation& /*run*/) {
    const std::string base = read_version(o->base, "base");
    const std::string ours = read_version(o->ours, "our");
    const std::string theirs = read_version(o->theirs, "their");
    const std::string name = o->path.empty() ? o->ours : o->path;
    if (const auto merged = merge_record_files(base, ours, theirs)) {
      if (const auto replaced = replace_file_atomically(o->ours, {*merged}); !replaced) {
        throw CommandError(exit_internal, fmt::format("merge-driver: {}", replaced.error().message));
      }
      return exit_ok;
    }
    if (!context.options.quiet) {
      std::cerr << fmt::format(
          "mentorctl merge-driver: {}: an existing entry changed on one side (or the file is "
          "not a plain record list); using git's three-way merge\n",
          name);
    }
    const ProcessResult result = run_program(
        {"git", "merge-file", "-L", "ours", "-L", "base", "-L", "theirs", o->ours, o->base, o->theirs});
    std::cerr << result.errors;
    if (!result.started || result.exit_code < 0 || result.exit_code >= 128) {
      throw CommandError(exit_internal, "merge-driver: could not run 'git merge-file'");
    }
    return result.exit_code == 0 ? exit_ok : exit_failed;
  });
}

}  // namespace mentorctl::cli
