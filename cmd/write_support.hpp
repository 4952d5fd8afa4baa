// What every write command (log, observe, pair, training, evidence) does after writing:
// print the added lines and warnings, turn the outcome into an exit status.
#pragma once

#include "app.hpp"

#include "write/commands.hpp"

#include <iostream>

namespace mentorctl::cli {

/// Prints a write's result (lines to stdout unless -q; warnings and refusals to stderr)
/// and returns the exit status: 0 written, 2 refused or written with errors elsewhere
/// in the records (SPEC 5), 3 I/O failure.
inline int finish_write(const WriteResult<WriteReport>& result, const Context& context, bool dry_run) {
  const WriteMessages messages =
      describe_write(result, context.root(), dry_run, context.options.quiet, context.color(2));
  std::cout << messages.output << std::flush;
  std::cerr << messages.messages;
  switch (messages.outcome) {
    case WriteMessages::Outcome::written:
      return exit_ok;
    case WriteMessages::Outcome::written_with_errors_elsewhere:
    case WriteMessages::Outcome::refused:
      return exit_usage;
    case WriteMessages::Outcome::failed:
      return exit_internal;
  }
  return exit_internal;
}

}  // namespace mentorctl::cli
