#include "app.hpp"
#include "choices.hpp"
#include "help_format.hpp"

#include "load/cache.hpp"
#include "load/loader.hpp"
#include "model/diagnostics.hpp"
#include "util/utf8.hpp"
#include "write/writer.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <sys/ioctl.h>
#include <unistd.h>

#include <charconv>
#include <optional>
#include <cstdlib>
#include <ctime>
#include <iostream>

namespace mentorctl::cli {

namespace fs = std::filesystem;

const std::vector<CommandSpec>& commands() {
  // What each command needs the driver to do (app.hpp), and what its output covers when
  // records with errors are left out.
  static const std::vector<CommandSpec> table = {
      {"init", "create a records repository from a template", needs_nothing, "", setup_init},
      {"check", "validate every record file and print every problem",
       needs_root | needs_records | replays_output, "", setup_check},
      // The writes find the root, read and lock the records themselves (write_records).
      {"log", "append a support-log entry (yours, or --mentor's)", needs_nothing, "", setup_log},
      {"observe", "append a classroom observation of a mentee", needs_nothing, "", setup_observe},
      {"pair", "append a mentor-mentee pairing", needs_nothing, "", setup_pair},
      {"training", "append a training session (add) or its attendees (attend)", needs_nothing, "",
       setup_training},
      {"evidence", "append certification evidence for a person", needs_nothing, "", setup_evidence},
      {"setup-git", "register the record-merging git merge driver in this clone", needs_nothing, "",
       setup_setup_git},
      {"merge-driver", "the git merge driver for record files (called by git)", needs_nothing, "",
       setup_merge_driver},
      {"status", "a mentor's progress with each mentee, and what is due next", reads_records, "the status",
       setup_status},
      {"report", "hours per week or month against target; an HTML page for a director", reads_records,
       "the report", setup_report},
      {"match", "propose optimal mentor-mentee pairings, explained", reads_records, "the match", setup_match},
      {"audit", "evaluate the programs' requirements and list what is unmet or due", reads_records,
       "the audit", setup_audit},
      {"stipend", "what each mentor is paid this school year, or why it is withheld", reads_records,
       "the stipend report", setup_stipend},
      {"certify", "certification levels: what is open, awards, the central record", reads_records, "certify",
       setup_certify},
      {"completion", "print a bash, zsh or fish completion script", needs_nothing, "", setup_completion},
  };
  return table;
}

namespace {

Date parse_date_option(const std::string& text, const char* what) {
  const auto day = parse_date(text);
  if (!day) {
    throw CommandError(exit_usage, fmt::format("{} '{}' is not a date: {}", what, text, date_problem(text)));
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

// Global options that take a value: `--format` belongs to the command, but may be given
// before it like the others (SPEC 5).
bool global_takes_value(const std::string& arg) {
  return arg == "-C" || arg == "--as-of" || arg == "--color" || arg == "--threads" || arg == "--format";
}

// The index of the first argument that names a subcommand, skipping global options and
// their values; 0 when there is none.
std::size_t find_command_word(const std::vector<std::string>& args) {
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (global_takes_value(args[i])) {
      ++i;
      continue;
    }
    if (!args[i].empty() && args[i][0] == '-') {
      continue;
    }
    return i;
  }
  return 0;
}

// Moves a `--format X` given before the command word to just after it.
void move_format_after_command(std::vector<std::string>& args, std::size_t& command) {
  for (std::size_t i = 1; i < command;) {
    const bool separate = args[i] == "--format" && i + 1 < command;
    const bool joined = args[i].rfind("--format=", 0) == 0;
    if (!separate && !joined) {
      ++i;
      continue;
    }
    const std::size_t count = separate ? 2 : 1;
    std::vector<std::string> moved(args.begin() + static_cast<std::ptrdiff_t>(i),
                                   args.begin() + static_cast<std::ptrdiff_t>(i + count));
    args.erase(args.begin() + static_cast<std::ptrdiff_t>(i), args.begin() + static_cast<std::ptrdiff_t>(i + count));
    command -= count;
    args.insert(args.begin() + static_cast<std::ptrdiff_t>(command + 1), moved.begin(), moved.end());
  }
}

// The option of `app` (or of the apps above it) named `name` ("--x" or "-x"), or nullptr.
const CLI::Option* find_option(const CLI::App* app, const std::string& name) {
  for (; app != nullptr; app = app->get_parent()) {
    for (const CLI::Option* option : app->get_options()) {
      const bool long_name = name.rfind("--", 0) == 0;
      const auto& names = long_name ? option->get_lnames() : option->get_snames();
      const std::string bare = name.substr(long_name ? 2 : 1);
      if (std::find(names.begin(), names.end(), bare) != names.end()) {
        return option;
      }
    }
  }
  return nullptr;
}

// Every option name `app` (and the apps above it) accepts, as written: "--duration", "-q".
std::vector<std::string> option_names(const CLI::App* app) {
  std::vector<std::string> names;
  for (; app != nullptr; app = app->get_parent()) {
    for (const CLI::Option* option : app->get_options()) {
      for (const auto& name : option->get_lnames()) {
        names.push_back("--" + name);
      }
    }
  }
  return names;
}

// What is wrong with the words after the command word (an option the command does not
// take, a missing or unknown sub-subcommand), before CLI11 would report something less
// helpful ("--duration is required" for a misspelt --duraton).
std::optional<std::string> usage_problem(const CLI::App* command, const std::vector<std::string>& args,
                                         std::size_t first) {
  const CLI::App* current = command;
  std::string path = command->get_name();
  bool help = false;
  const auto subcommand_list = [](const CLI::App* app) {
    std::vector<std::string> names;
    for (const CLI::App* sub : app->get_subcommands([](const CLI::App*) { return true; })) {
      names.push_back(sub->get_name());
    }
    return names;
  };
  const auto needs_subcommand = [&](const CLI::App* app) { return !subcommand_list(app).empty(); };
  bool chose_subcommand = !needs_subcommand(current);
  for (std::size_t i = first; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") {
      break;
    }
    if (arg == "--help" || arg == "-h") {
      help = true;
      continue;
    }
    if (arg.size() > 1 && arg[0] == '-' && !(arg[1] >= '0' && arg[1] <= '9')) {
      const bool long_name = arg.rfind("--", 0) == 0;
      const std::string name = long_name ? arg.substr(0, arg.find('=')) : arg.substr(0, 2);
      const CLI::Option* option = find_option(current, name);
      if (option == nullptr) {
        const std::string suggestion = long_name ? closest_match(name, option_names(current)) : std::string{};
        return fmt::format("unknown option {} for '{}'{}; run 'mentorctl {} --help' for its options", name, path,
                           suggestion.empty() ? "" : fmt::format(" (did you mean {}?)", suggestion), path);
      }
      const bool value_inside = long_name ? arg.find('=') != std::string::npos : arg.size() > 2;
      if (option->get_items_expected_max() > 0 && !value_inside) {
        ++i;  // its value, whatever it looks like
      }
      continue;
    }
    if (!chose_subcommand) {
      const auto names = subcommand_list(current);
      if (std::find(names.begin(), names.end(), arg) == names.end()) {
        const std::string suggestion = closest_match(arg, names);
        return fmt::format("'{}' is not a subcommand of '{}'{}; it takes: {}", arg, path,
                           suggestion.empty() ? "" : fmt::format(" (did you mean '{}'?)", suggestion),
                           fmt::join(names, ", "));
      }
      current = current->get_subcommand(arg);
      path += " " + arg;
      chose_subcommand = !needs_subcommand(current);
    }
  }
  if (!chose_subcommand && !help) {
    // One line: the top-level error prints control characters, line breaks too, as escapes.
    std::vector<std::string> list;
    for (const CLI::App* sub : current->get_subcommands([](const CLI::App*) { return true; })) {
      list.push_back(fmt::format("{} ({})", sub->get_name(), sub->get_description()));
    }
    return fmt::format("'{}' needs a subcommand: {}", path, fmt::join(list, "; "));
  }
  return std::nullopt;
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
  if (options.color == ColorWhen::always) {
    return true;
  }
  if (options.color == ColorWhen::never) {
    return false;
  }
  const char* no_color = std::getenv("NO_COLOR");
  return (no_color == nullptr || *no_color == '\0') && isatty(fd) != 0;
}

std::size_t Context::terminal_width(int fd) const {
  if (isatty(fd) == 0) {
    return 0;
  }
  winsize size{};
  if (ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
    return size.ws_col;
  }
  const char* columns = std::getenv("COLUMNS");
  if (columns != nullptr) {
    const std::string_view text(columns);
    std::size_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec == std::errc() && end == text.data() + text.size() && value > 0) {
      return value;
    }
  }
  return 80;
}

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

int run(int argc, char** argv) {
  Context context;
  CLI::App app{"mentorctl: keep mentoring and induction records in git and check them against the program's rules",
               "mentorctl"};
  app.formatter(std::make_shared<HelpFormatter>(80));  // subcommands take it over as they are added
  app.set_version_flag("--version", std::string("mentorctl ") + MENTORCTL_VERSION + " (records format 1)");
  app.add_option("-C", context.options.directory, "run as if started in DIR")->option_text("DIR");
  app.add_option("--as-of", context.options.as_of, "evaluate as of DATE (default: today, or MENTORCTL_TODAY)")
      ->option_text("DATE");
  add_choice(app, "--color", context.options.color, "colour output: auto, always or never",
             {{"auto", ColorWhen::automatic}, {"always", ColorWhen::always}, {"never", ColorWhen::never}})
      ->option_text("WHEN");
  app.add_flag("-q,--quiet", context.options.quiet, "print only results and errors");
  app.add_option("--threads", context.options.threads, "read files on N threads (default: one per core)")
      ->check(CLI::Validator(
          [](std::string& text) {
            unsigned value = 0;
            const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
            return ec == std::errc() && end == text.data() + text.size() && value >= 1 && value <= 256
                       ? std::string{}
                       : fmt::format("'{}' is not a number from 1 to 256", text);
          },
          "N"))
      ->option_text("N");
  app.add_flag("--no-cache", context.options.no_cache,
               "neither read nor write the cache of parsed files and results (docs/cache.md)");
  app.require_subcommand(1);
  app.footer("Run 'mentorctl COMMAND --help' for the options of a command.");

  std::vector<std::string> args(argv, argv + argc);
  std::size_t word = find_command_word(args);
  std::vector<std::string> names;
  for (const auto& spec : commands()) {
    names.emplace_back(spec.name);
  }
  // `mentorctl help COMMAND` shows the command's manual page, else (no man, no page) it is
  // `mentorctl COMMAND --help`, as `mentorctl help` is `mentorctl --help`.
  if (word != 0 && args[word] == "help") {
    args.erase(args.begin() + static_cast<std::ptrdiff_t>(word));
    if (word < args.size() && std::find(names.begin(), names.end(), args[word]) != names.end()) {
      if (const auto shown = show_manual(args[word])) {
        return *shown;
      }
    }
    args.emplace_back("--help");
    word = find_command_word(args);
  }
  // An option before the command word that mentorctl does not know (`--colour never`) is
  // said to be one, rather than its value being taken for the command.
  for (std::size_t i = 1; i < (word == 0 ? args.size() : word); ++i) {
    const bool long_name = args[i].rfind("--", 0) == 0;  // else `-C DIR` or `-CDIR`
    const std::string name = long_name ? args[i].substr(0, args[i].find('=')) : args[i].substr(0, 2);
    if (global_takes_value(name) || name.size() < 2 || name[0] != '-' || find_option(&app, name) != nullptr) {
      i += global_takes_value(args[i]) ? 1 : 0;  // its value, unless written --name=value
      continue;
    }
    const std::string suggestion = long_name ? closest_match(name, option_names(&app)) : std::string{};
    std::cerr << fmt::format("mentorctl: error: unknown option {}{}; run 'mentorctl --help' for the options\n",
                             visible_text(name),
                             suggestion.empty() ? "" : fmt::format(" (did you mean {}?)", suggestion));
    return exit_usage;
  }
  if (word != 0 && std::find(names.begin(), names.end(), args[word]) == names.end()) {
    const std::string suggestion = closest_match(args[word], names);
    std::cerr << fmt::format("mentorctl: error: '{}' is not a mentorctl command{}\n",
                             visible_text(args[word]),
                             suggestion.empty() ? "; run 'mentorctl --help' for the list"
                                                : fmt::format("; did you mean '{}'?", suggestion));
    return exit_usage;
  }
  move_format_after_command(args, word);

  struct Registered {
    const CommandSpec* spec;
    CLI::App* command;
    Action action;
  };
  std::vector<Registered> actions;
  for (const auto& spec : commands()) {
    CLI::App* command = app.add_subcommand(spec.name, spec.summary);
    command->fallthrough();
    actions.push_back({&spec, command, spec.setup(*command, context)});
    // A command's help also names the options every command takes.
    const std::string footer = command->get_footer();
    command->footer(footer + (footer.empty() ? "" : "\n\n") +
                    "Global options (before or after the command): -C DIR, --as-of DATE, --color WHEN, "
                    "-q, --threads N, --no-cache; 'mentorctl --help' describes them.");
  }

  if (word == 0) {
    const bool asks = std::any_of(args.begin() + 1, args.end(), [](const std::string& a) {
      return a == "--help" || a == "-h" || a == "--version";
    });
    if (!asks) {
      // No command: the list of commands is the most useful answer.
      std::cout << app.help();
      return exit_usage;
    }
  } else if (const auto problem = usage_problem(app.get_subcommand(args[word]), args, word + 1)) {
    std::cerr << "mentorctl: error: " << visible_text(*problem) << '\n';
    return exit_usage;
  }
  std::vector<char*> pointers;
  for (auto& arg : args) {
    pointers.push_back(arg.data());
  }

  try {
    app.parse(static_cast<int>(pointers.size()), pointers.data());
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {  // --help, --version
      app.exit(e);
      return exit_ok;
    }
    // In the house style, naming the help of the command that was being parsed.
    std::string path = "mentorctl";
    for (const CLI::App* command = &app; !command->get_subcommands().empty();) {
      command = command->get_subcommands().front();
      path += " " + command->get_name();
    }
    std::cerr << fmt::format("mentorctl: error: {}; run '{} --help' for its options\n", visible_text(e.what()), path);
    return exit_usage;
  }

  try {
    // Refuse a bad date up front, even for commands that do not look at it.
    static_cast<void>(context.as_of());
    for (const auto& registered : actions) {
      if (registered.command->parsed()) {
        return run_command(*registered.spec, *registered.command, registered.action, context);
      }
    }
    return exit_usage;
  } catch (const CommandError& e) {
    // Messages quote arguments, values and file names: never raw to the terminal.
    std::cerr << "mentorctl: error: " << visible_text(e.what()) << '\n';
    return e.code;
  } catch (const std::exception& e) {
    std::cerr << "mentorctl: error: " << visible_text(e.what()) << '\n';
    return exit_internal;
  }
}

}  // namespace mentorctl::cli
