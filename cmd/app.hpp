// The command layer: global options, the command table, exit codes.
#pragma once

#include "model/dates.hpp"
#include "load/loader.hpp"
#include "util/git.hpp"

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace mentorctl {
class Repository;
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
  /// `deliver`, when given, takes the output (fresh or replayed) and the status instead of
  /// printing the output, and returns the exit status.
  int replayable(const std::filesystem::path& root, const std::string& identity,
                 const std::function<int(std::string& out, std::string& err, const LoadOptions& load)>& body,
                 const std::function<int(int status, std::string_view out)>& deliver = {}) const;
};

/// What the driver does for a command before and after its action (flags, or-ed in the
/// command table), as git's builtins and ninja's tools declare it: a command never repeats
/// these steps itself.
enum Needs : unsigned {
  needs_nothing = 0,
  /// The records repository's root, from -C or the working directory upwards; a usage error
  /// when there is none.
  needs_root = 1U << 0U,
  /// The records loaded and validated (and a Repository on them, built when asked for).
  needs_records = 1U << 1U,
  /// Records with errors are left out: their errors go to stderr, saying the output covers
  /// the rest (CommandSpec::covers), and make the exit status 2.
  skips_bad_records = 1U << 2U,
  /// What the command prints and returns is replayed from the result cache while the
  /// records are unchanged (cache.hpp), keyed by the parsed options (output_identity).
  replays_output = 1U << 3U,
  /// What a read-only report asks for.
  reads_records = needs_root | needs_records | skips_bad_records | replays_output,
};

constexpr Needs operator|(Needs a, Needs b) { return static_cast<Needs>(static_cast<unsigned>(a) | b); }
constexpr Needs without(Needs needs, Needs dropped) {
  return static_cast<Needs>(needs & ~static_cast<unsigned>(dropped));
}

struct Action;
struct CommandSpec;

/// One run of a command: what its needs asked the driver for, and the text it prints.
class Invocation {
 public:
  Invocation(Context& context, Needs needs);
  Invocation(const Invocation&) = delete;
  Invocation& operator=(const Invocation&) = delete;
  ~Invocation();

  Context& context;
  /// The command's needs; Action::before may drop some (`report html` is not replayed).
  Needs needs;
  /// --as-of, else today.
  Date as_of;
  /// What shapes the output besides the options and the settings output_identity reads (the
  /// commits a git revision names): Action::before adds it, for the result cache's key.
  std::string identity;
  /// Printed by the driver, stderr first, or stored and replayed with replays_output.
  std::string out;
  std::string err;

  /// The records repository's root, found on first use.
  [[nodiscard]] const std::filesystem::path& root();
  /// The records (needs_records).
  [[nodiscard]] Records& records();
  /// The Repository on records(), built on first use.
  [[nodiscard]] const Repository& repository();

 private:
  friend int run_command(const CommandSpec& spec, const CLI::App& app, const Action& action,
                         Context& context);
  std::optional<std::filesystem::path> root_;
  std::optional<Records> records_;
  std::unique_ptr<Repository> repository_;
};

/// What a command's setup returns: its action, and optionally a step before the driver's.
struct Action {
  explicit Action(std::function<int(Invocation&)> run_action) : run(std::move(run_action)) {}
  Action(std::function<std::optional<int>(Invocation&)> before_action,
         std::function<int(Invocation&)> run_action)
      : before(std::move(before_action)), run(std::move(run_action)) {}

  /// Runs first, before the root is looked for: checks of options given together, what
  /// besides the options shapes the output (Invocation::identity); it may drop needs, or run
  /// a mode with needs of its own (`match --write`) and return its exit status, which ends
  /// the command there.
  std::function<std::optional<int>(Invocation&)> before;
  /// Runs after the driver did what the needs ask; returns the exit status.
  std::function<int(Invocation&)> run;
  /// When set, what becomes of Invocation::out, fresh or replayed, instead of printing it
  /// (`report html -o FILE` writes the page, so that a replay writes it too); gets the
  /// status `run` returned and returns the exit status.
  std::function<int(Invocation&, int status, std::string_view out)> deliver;
};

/// Writes all of `text` to a file descriptor, after whatever the C++ streams hold.
void write_out(int fd, std::string_view text);

/// A subcommand: its name, a one-line summary, what it needs, what its output covers when
/// records are left out (skips_bad_records: "the audit"), and a function that adds its
/// options to `command` and returns its action.
struct CommandSpec {
  const char* name;
  const char* summary;
  Needs needs;
  const char* covers;
  std::function<Action(CLI::App& command, Context& context)> setup;
};

/// Runs the action of the command `spec` that `app` parsed: the steps its needs declare,
/// then the action; returns the exit status.
int run_command(const CommandSpec& spec, const CLI::App& app, const Action& action, Context& context);

/// The key of a replayed command's output: the command and subcommand words, every option
/// given (with the values CLI11 parsed) to mentorctl and to them, except those saying only
/// where and how to read the records (-C, --threads) or where a delivered output goes
/// (--output); and what shapes the output from
/// outside the command line: the as-of date, colour on stdout and stderr, --quiet, the
/// terminal's width, a UTF-8 locale, MENTORCTL_USER; then Invocation::identity.
std::string output_identity(const CLI::App& app, const Invocation& invocation);

/// The command table (one entry per file in cmd/).
const std::vector<CommandSpec>& commands();

/// Shows the manual page mentorctl-COMMAND(1) with man: the one installed beside this
/// binary, else the one man finds. The exit status, or nullopt when man or the page is
/// missing (the caller prints the command's --help instead).
std::optional<int> show_manual(const std::string& command);

/// Runs mentorctl with the given arguments; returns the exit status.
int run(int argc, char** argv);

// One setup function per subcommand, defined in cmd/<name>.cpp.
Action setup_check(CLI::App& command, Context& context);
Action setup_init(CLI::App& command, Context& context);
Action setup_log(CLI::App& command, Context& context);
Action setup_observe(CLI::App& command, Context& context);
Action setup_pair(CLI::App& command, Context& context);
Action setup_training(CLI::App& command, Context& context);
Action setup_evidence(CLI::App& command, Context& context);
Action setup_setup_git(CLI::App& command, Context& context);

/// Registers the merge driver for the clone holding `directory`, naming this program
/// (plain `mentorctl` when that is what PATH finds, else its absolute path). Returns the
/// registered choice, or the error.
Result<MergeDriverChoice> register_this_merge_driver(const std::filesystem::path& directory);
Action setup_merge_driver(CLI::App& command, Context& context);
Action setup_status(CLI::App& command, Context& context);
Action setup_report(CLI::App& command, Context& context);
Action setup_match(CLI::App& command, Context& context);
Action setup_audit(CLI::App& command, Context& context);
Action setup_stipend(CLI::App& command, Context& context);
Action setup_certify(CLI::App& command, Context& context);
Action setup_completion(CLI::App& command, Context& context);

}  // namespace mentorctl::cli
