// The command layer: global options, the command table, exit codes.
#pragma once

#include "model/dates.hpp"
#include "load/loader.hpp"
#include "util/git.hpp"

#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace mentorctl {
struct WriteOptions;
}

namespace mentorctl::cli {

/// Exit statuses (SPEC 5).
enum ExitCode : int { exit_ok = 0, exit_failed = 1, exit_usage = 2, exit_internal = 3 };

/// Thrown by commands to stop with a message and an exit status.
struct CommandError : std::runtime_error {
  CommandError(int exit_code, const std::string& message) : std::runtime_error(message), code(exit_code) {}
  int code;
};

/// `--color WHEN`.
enum class ColorWhen : unsigned char { automatic, always, never };

/// Options every command takes (SPEC 5).
struct GlobalOptions {
  std::string directory;  // -C
  std::string as_of;      // --as-of
  ColorWhen color = ColorWhen::automatic;
  bool quiet = false;
  unsigned threads = 0;   // --threads: 0 = one per core
  bool no_cache = false;  // --no-cache
};

/// What a command needs from the command line and the environment.
class Context {
 public:
  GlobalOptions options;

  /// `--as-of`, else `MENTORCTL_TODAY`, else the local date.
  [[nodiscard]] Date as_of() const;
  /// Today: `MENTORCTL_TODAY`, else the local date.
  [[nodiscard]] Date today() const;
  /// The repository root found from -C or the working directory; a usage error if none.
  [[nodiscard]] std::filesystem::path root() const;
  /// The directory -C names, or the working directory.
  [[nodiscard]] std::filesystem::path working_directory() const;
  /// Whether to colour output written to the given stream (1 stdout, 2 stderr).
  [[nodiscard]] bool color(int fd) const;
  /// The columns of the terminal on `fd` (its window size, else $COLUMNS, else 80), or 0
  /// when `fd` is not a terminal: text is then never wrapped.
  [[nodiscard]] std::size_t terminal_width(int fd) const;
  /// How to read the repository at `root`: --threads, and the cache unless --no-cache.
  [[nodiscard]] LoadOptions load_options(const std::filesystem::path& root) const;
  /// Options for a write command.
  [[nodiscard]] WriteOptions write_options(bool dry_run, bool commit) const;
  /// Reads and validates the repository at `root`, with a progress indicator on a
  /// terminal when that takes more than a second.
  [[nodiscard]] Records load(const std::filesystem::path& root, LoadOptions load) const;
  /// Runs a read-only command's `body`, which sets the text for stdout and stderr, or
  /// replays what it printed and returned last time when the repository at `root` has
  /// not changed since (cache.hpp). `identity` names the command and every option and
  /// setting that shapes its output. `body` gets the options to load the repository with.
  int replayable(const std::filesystem::path& root, const std::string& identity,
                 const std::function<int(std::string& out, std::string& err, const LoadOptions& load)>& body) const;
};

/// A subcommand: its name, a one-line summary, and a function that adds its options
/// to `command` and returns the action to run after parsing.
struct CommandSpec {
  const char* name;
  const char* summary;
  std::function<std::function<int()>(CLI::App& command, Context& context)> setup;
};

/// The command table (one entry per file in cmd/).
const std::vector<CommandSpec>& commands();

/// Shows the manual page mentorctl-COMMAND(1) with man: the one installed beside this
/// binary, else the one man finds. The exit status, or nullopt when man or the page is
/// missing (the caller prints the command's --help instead).
std::optional<int> show_manual(const std::string& command);

/// Runs mentorctl with the given arguments; returns the exit status.
int run(int argc, char** argv);

// One setup function per subcommand, defined in cmd/<name>.cpp.
std::function<int()> setup_check(CLI::App& command, Context& context);
std::function<int()> setup_init(CLI::App& command, Context& context);
std::function<int()> setup_log(CLI::App& command, Context& context);
std::function<int()> setup_observe(CLI::App& command, Context& context);
std::function<int()> setup_pair(CLI::App& command, Context& context);
std::function<int()> setup_training(CLI::App& command, Context& context);
std::function<int()> setup_evidence(CLI::App& command, Context& context);
std::function<int()> setup_setup_git(CLI::App& command, Context& context);

/// Registers the merge driver for the clone holding `directory`, naming this program
/// (plain `mentorctl` when that is what PATH finds, else its absolute path). Returns the
/// registered choice, or the error.
Result<MergeDriverChoice> register_this_merge_driver(const std::filesystem::path& directory);
std::function<int()> setup_merge_driver(CLI::App& command, Context& context);
std::function<int()> setup_status(CLI::App& command, Context& context);
std::function<int()> setup_report(CLI::App& command, Context& context);
std::function<int()> setup_match(CLI::App& command, Context& context);
std::function<int()> setup_audit(CLI::App& command, Context& context);
std::function<int()> setup_stipend(CLI::App& command, Context& context);
std::function<int()> setup_certify(CLI::App& command, Context& context);
std::function<int()> setup_completion(CLI::App& command, Context& context);

}  // namespace mentorctl::cli
