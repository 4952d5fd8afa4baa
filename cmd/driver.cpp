// The driver of the command table: what a command's needs declare (CommandSpec::needs),
// done once for every command, and the replay of a read-only command's output.
#include "app.hpp"
#include "records_support.hpp"

#include "check/validate.hpp"
#include "load/cache.hpp"
#include "load/loader.hpp"
#include "load/results.hpp"
#include "progress.hpp"
#include "repo/repository.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <iostream>

namespace mentorctl::cli {

namespace fs = std::filesystem;

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

namespace {

// Options that say only where and how to read the records, or where a delivered output
// goes (`report html --output`), never what the output is: the root is in the result's key
// already (absolute), and any number of threads reads the same.
bool shapes_output(const CLI::Option& option) {
  const std::string name = option.get_name();
  return name != "-C" && name != "--threads" && name != "--output";
}

// The words of `app` and of the subcommands parsed below it, each followed by the options
// given to it with their values as CLI11 parsed them (an enum's as its number). Each value
// is written with its length, so that no value can pass for another option.
void add_options(const CLI::App& app, std::string& identity) {
  identity += app.get_name() + '\n';
  for (const CLI::Option* option : app.get_options()) {
    if (option->count() == 0 || !shapes_output(*option)) {
      continue;
    }
    identity += option->get_name();
    for (const std::string& value : option->results()) {
      identity += fmt::format(" {}:{}", value.size(), value);
    }
    identity += '\n';
  }
  for (const CLI::App* sub : app.get_subcommands()) {
    add_options(*sub, identity);
  }
}

}  // namespace

Invocation::Invocation(Context& run_context, Needs command_needs)
    : context(run_context), needs(command_needs), as_of(run_context.as_of()) {}

Invocation::~Invocation() = default;

const fs::path& Invocation::root() {
  if (!root_) {
    root_ = context.root();
  }
  return *root_;
}

Records& Invocation::records() {
  if (!records_) {
    throw std::logic_error("a command read records it did not declare it needs");
  }
  return *records_;
}

const Repository& Invocation::repository() {
  if (!repository_) {
    repository_ = std::make_unique<Repository>(records());
  }
  return *repository_;
}

std::string output_identity(const CLI::App& app, const Invocation& invocation) {
  const Context& context = invocation.context;
  const CLI::App* top = &app;
  while (top->get_parent() != nullptr) {
    top = top->get_parent();
  }
  std::string identity;
  add_options(*top, identity);
  const char* user = std::getenv("MENTORCTL_USER");
  identity += fmt::format(
      "as of {}\ncolour {} {}\nquiet {}\nwidth {}\nutf-8 {}\nuser {}:{}\n", format_date(invocation.as_of),
      context.color(1), context.color(2), context.options.quiet, context.terminal_width(1), utf8_locale(),
      user == nullptr ? -1 : static_cast<int>(std::string_view(user).size()), user == nullptr ? "" : user);
  return identity + invocation.identity;
}

int run_command(const CommandSpec& spec, const CLI::App& app, const Action& action, Context& context) {
  Invocation invocation(context, spec.needs);
  if (action.before) {
    if (const auto status = action.before(invocation)) {
      return *status;
    }
  }
  const Needs needs = invocation.needs;
  if ((needs & needs_root) != 0) {
    static_cast<void>(invocation.root());
  }
  const auto deliver = [&](int status, std::string_view out) {
    if (action.deliver) {
      return action.deliver(invocation, status, out);
    }
    write_out(1, out);
    return status;
  };
  if ((needs & needs_records) == 0) {
    const int status = action.run(invocation);
    write_out(2, invocation.err);
    return deliver(status, invocation.out);
  }
  const fs::path root = invocation.root();
  const bool replayed = (needs & replays_output) != 0;
  const auto body = [&](std::string& out, std::string& err, const LoadOptions& load) {
    invocation.records_ = context.load(root, load);
    const Records& records = *invocation.records_;
    if ((needs & skips_bad_records) != 0) {
      print_record_errors(invocation.err, records, root, context.color(2), spec.covers);
      if (!replayed) {
        // At once: a command that then fails (cannot write its file) still names them.
        write_out(2, invocation.err);
        invocation.err.clear();
      }
    }
    int status = action.run(invocation);
    if ((needs & skips_bad_records) != 0 && records.record_errors() > 0) {
      status = exit_usage;
    }
    out = std::move(invocation.out);
    err = std::move(invocation.err);
    // The records and their indexes are not needed to print or store the output: freed
    // first, they never sit in memory beside it (at state scale, a GB beside 70 MB).
    invocation.repository_.reset();
    invocation.records_.reset();
    return status;
  };
  if (replayed) {
    return context.replayable(root, output_identity(app, invocation), body, deliver);
  }
  std::string out;
  std::string err;
  const int status = body(out, err, context.load_options(root));
  write_out(2, err);
  return deliver(status, out);
}

Records Context::load(const fs::path& root, LoadOptions load) const {
  LoadProgress progress;
  load.progress = &progress;
  const ProgressLine line(progress, !options.quiet && isatty(2) != 0);
  Records records = load_records(root, load);
  validate(records);
  return records;
}

int Context::replayable(
    const fs::path& root, const std::string& identity,
    const std::function<int(std::string& out, std::string& err, const LoadOptions& load)>& body,
    const std::function<int(int status, std::string_view out)>& deliver) const {
  const auto finish = [&](int status, std::string_view out, std::string_view err) {
    write_out(2, err);
    if (deliver) {
      return deliver(status, out);
    }
    write_out(1, out);
    return status;
  };
  LoadOptions load = load_options(root);
  std::string out;
  std::string err;
  if (!load.cache_dir) {
    const int status = body(out, err, load);
    return finish(status, out, err);
  }
  const fs::path& dir = *load.cache_dir;
  const std::uint64_t scan_start = wall_clock_ns();
  RepositoryFingerprint fingerprint = fingerprint_repository(root, options.threads);
  const std::string command =
      fmt::format("{}\n{}\n{}", fs::absolute(root).string(), MENTORCTL_VERSION, identity);
  if (auto result = find_result(dir, command, fingerprint)) {
    return finish(result->status, result->out, result->err);
  }
  load.scan = std::move(fingerprint.scan);  // the same files, found once
  CommandResult result;
  result.status = body(out, err, load);
  result.out = std::move(out);
  result.err = std::move(err);
  // Stored first: delivering may fail (a folder that cannot be written), the result not.
  store_result(dir, command, fingerprint, scan_start, result);
  return finish(result.status, result.out, result.err);
}

}  // namespace mentorctl::cli
