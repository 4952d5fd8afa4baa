#include "app.hpp"

#include "load/cache.hpp"
#include "model/diagnostics.hpp"
#include "load/loader.hpp"
#include "progress.hpp"
#include "check/validate.hpp"
#include "write/writer.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <iostream>

namespace mentorctl::cli {

namespace fs = std::filesystem;

const std::vector<CommandSpec>& commands() {
  static const std::vector<CommandSpec> table = {
      {"init", "create a records repository from a template", setup_init},
      {"check", "validate every record file and print every problem", setup_check},
      {"log", "append a support-log entry (yours, or --mentor's)", setup_log},
      {"observe", "append a classroom observation of a mentee", setup_observe},
      {"pair", "append a mentor-mentee pairing", setup_pair},
      {"training", "append a training session (add) or its attendees (attend)", setup_training},
      {"evidence", "append certification evidence for a person", setup_evidence},
      {"setup-git", "register the record-merging git merge driver in this clone", setup_setup_git},
      {"merge-driver", "the git merge driver for record files (called by git)", setup_merge_driver},
      {"audit", "evaluate the programs' requirements and list what is unmet or due", setup_audit},
  };
  return table;
}

namespace {

Date parse_date_option(const std::string& text, const char* what) {
  const auto day = parse_date(text);
  if (!day) {
    throw CommandError(exit_usage, fmt::format("{} '{}' is not a date; write YYYY-MM-DD", what, text));
  }
  return *day;
}

Date local_today() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return Date{date::year{local.tm_year + 1900} / date::month{static_cast<unsigned>(local.tm_mon + 1)} /
              date::day{static_cast<unsigned>(local.tm_mday)}};
}

// The first argument that names a subcommand, skipping global options and their values.
std::string find_command_word(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "-C" || arg == "--as-of" || arg == "--color" || arg == "--threads") {
      ++i;
      continue;
    }
    if (!arg.empty() && arg[0] == '-') {
      continue;
    }
    return arg;
  }
  return {};
}

}  // namespace

Date Context::today() const {
  if (const char* env = std::getenv("MENTORCTL_TODAY"); env != nullptr && *env != '\0') {
    return parse_date_option(env, "MENTORCTL_TODAY");
  }
  return local_today();
}

Date Context::as_of() const {
  return options.as_of.empty() ? today() : parse_date_option(options.as_of, "--as-of");
}

fs::path Context::working_directory() const {
  if (options.directory.empty()) {
    return fs::current_path();
  }
  std::error_code ec;
  if (!fs::is_directory(options.directory, ec)) {
    throw CommandError(exit_usage, fmt::format("-C {}: no such directory", options.directory));
  }
  return fs::path(options.directory);
}

fs::path Context::root() const {
  const fs::path start = working_directory();
  const auto found = find_root(start);
  if (!found) {
    throw CommandError(exit_usage,
                       fmt::format("no records repository here: no mentorctl.yaml in {} or any folder above it "
                                   "(create one with 'mentorctl init', or point to one with -C DIR)",
                                   fs::absolute(start).lexically_normal().string()));
  }
  return *found;
}

bool Context::color(int fd) const {
  if (options.color == "always") {
    return true;
  }
  if (options.color == "never") {
    return false;
  }
  const char* no_color = std::getenv("NO_COLOR");
  return (no_color == nullptr || *no_color == '\0') && isatty(fd) != 0;
}

namespace {

// Writes all of `text` to a file descriptor, after whatever the C++ streams hold.
void write_out(int fd, std::string_view text) {
  std::cout.flush();
  std::cerr.flush();
  while (!text.empty()) {
    const ssize_t written = ::write(fd, text.data(), text.size());
    if (written < 0 && errno == EINTR) {
      continue;
    }
    if (written <= 0) {
      return;
    }
    text.remove_prefix(static_cast<std::size_t>(written));
  }
}

}  // namespace

LoadOptions Context::load_options(const fs::path& root) const {
  LoadOptions load;
  load.threads = options.threads;
  if (!options.no_cache) {
    load.cache_dir = default_cache_dir(root);
  }
  return load;
}

WriteOptions Context::write_options(bool dry_run, bool commit) const {
  WriteOptions write;
  write.dry_run = dry_run;
  write.commit = commit;
  write.load = load_options(root());
  return write;
}

Records Context::load(const fs::path& root, LoadOptions load) const {
  LoadProgress progress;
  load.progress = &progress;
  const ProgressLine line(progress, !options.quiet && isatty(2) != 0);
  Records records = load_records(root, load);
  validate(records);
  return records;
}

int Context::replayable(const fs::path& root, const std::string& identity,
                        const std::function<int(std::string& out, std::string& err, const LoadOptions& load)>& body)
    const {
  LoadOptions load = load_options(root);
  std::string out;
  std::string err;
  if (!load.cache_dir) {
    const int status = body(out, err, load);
    write_out(2, err);
    write_out(1, out);
    return status;
  }
  const fs::path& dir = *load.cache_dir;
  const std::uint64_t scan_start = wall_clock_ns();
  RepositoryFingerprint fingerprint = fingerprint_repository(root, options.threads);
  const std::string command = fmt::format("{}\n{}\n{}", fs::absolute(root).string(), MENTORCTL_VERSION, identity);
  if (auto result = find_result(dir, command, fingerprint)) {
    write_out(2, result->err);
    write_out(1, result->out);
    return result->status;
  }
  load.scan = std::move(fingerprint.scan);  // the same files, found once
  CommandResult result;
  result.status = body(out, err, load);
  result.out = out;
  result.err = err;
  write_out(2, result.err);
  write_out(1, result.out);
  store_result(dir, command, fingerprint, scan_start, result);
  return result.status;
}

int run(int argc, char** argv) {
  Context context;
  CLI::App app{"mentorctl: keep mentoring and induction records in git and check them against the program's rules",
               "mentorctl"};
  app.set_version_flag("--version", std::string("mentorctl ") + MENTORCTL_VERSION + " (records format 1)");
  app.add_option("-C", context.options.directory, "run as if started in DIR")->option_text("DIR");
  app.add_option("--as-of", context.options.as_of, "evaluate as of DATE (default: today, or MENTORCTL_TODAY)")
      ->option_text("DATE");
  app.add_option("--color", context.options.color, "colour output: auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->option_text("WHEN");
  app.add_flag("-q,--quiet", context.options.quiet, "print only results and errors");
  app.add_option("--threads", context.options.threads, "read files on N threads (default: one per core)")
      ->check(CLI::Range(1, 256))
      ->option_text("N");
  app.add_flag("--no-cache", context.options.no_cache,
               "neither read nor write the cache of parsed files and results (docs/cache.md)");
  app.require_subcommand(1);
  app.footer("Run 'mentorctl COMMAND --help' for the options of a command.");

  const std::string word = find_command_word(argc, argv);
  std::vector<std::string> names;
  for (const auto& spec : commands()) {
    names.emplace_back(spec.name);
  }
  if (!word.empty() && std::find(names.begin(), names.end(), word) == names.end()) {
    const std::string suggestion = closest_match(word, names);
    std::cerr << fmt::format("mentorctl: error: '{}' is not a mentorctl command{}\n", word,
                             suggestion.empty() ? "; run 'mentorctl --help' for the list"
                                                : fmt::format("; did you mean '{}'?", suggestion));
    return exit_usage;
  }

  std::function<int()> action;
  std::vector<std::pair<CLI::App*, std::function<int()>>> actions;
  for (const auto& spec : commands()) {
    CLI::App* command = app.add_subcommand(spec.name, spec.summary);
    command->fallthrough();
    actions.emplace_back(command, spec.setup(*command, context));
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? exit_ok : exit_usage;
  }

  try {
    // Refuse a bad date up front, even for commands that do not look at it.
    static_cast<void>(context.as_of());
    for (auto& [command, command_action] : actions) {
      if (command->parsed()) {
        return command_action();
      }
    }
    return exit_usage;
  } catch (const CommandError& e) {
    std::cerr << "mentorctl: error: " << e.what() << '\n';
    return e.code;
  } catch (const std::exception& e) {
    std::cerr << "mentorctl: error: " << e.what() << '\n';
    return exit_internal;
  }
}

}  // namespace mentorctl::cli
