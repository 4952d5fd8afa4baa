// What the user is told about a write: the lines added, warnings, and a refusal with its
// diagnostics.
#include "write/commands.hpp"

#include "report/diagnostic_report.hpp"
#include "util/utf8.hpp"
#include "write/arguments.hpp"

#include <fmt/format.h>

namespace mentorctl {
using write_arguments::plural;

WriteMessages describe_write(const WriteResult<WriteReport>& result, const std::filesystem::path& root,
                             bool dry_run, bool quiet, bool color) {
  WriteMessages messages;
  const TextStyle excerpts{color, true};
  if (!result) {
    const WriteProblem& problem = result.error();
    messages.outcome = problem.kind == WriteProblem::Kind::failed ? WriteMessages::Outcome::failed
                                                                  : WriteMessages::Outcome::refused;
    // Line breaks are the message's own (a refusal lists its reasons); other control
    // characters of record values or arguments are shown as escapes.
    messages.messages = fmt::format("mentorctl: error: {}\n", visible_text(problem.message, "\r\n"));
    if (problem.diagnostics.size() > 0) {
      messages.messages += diagnostics_text(problem.diagnostics, root, excerpts);
    }
    return messages;
  }
  const WriteReport& report = result.value();
  if (!quiet) {
    std::string& out = messages.output;
    if (dry_run) {
      out += report.created ? fmt::format("Would create {} (dry run: nothing written):\n", report.path)
                            : fmt::format("Would add to {} at line {} (dry run: nothing written):\n",
                                          report.path, report.text.first_added_line);
    } else {
      out += report.created
                 ? fmt::format("Created {}:\n", report.path)
                 : fmt::format("Added to {} at line {}:\n", report.path, report.text.first_added_line);
    }
    if (!report.text.converted_line.empty()) {
      out += fmt::format("(line {} '{}' was an empty flow list [] and becomes a block list)\n",
                         report.text.first_added_line - 1, report.text.converted_line);
    }
    for (const auto& line : report.text.added_lines) {
      out += line;
      out += '\n';
    }
    if (report.committed) {
      out += "Committed it with git.\n";
    }
  }
  for (const auto& warning : report.warnings) {
    messages.messages += fmt::format("mentorctl: warning: {}\n", visible_text(warning, "\r\n"));
  }
  if (report.new_warnings.size() > 0) {
    messages.messages += diagnostics_text(report.new_warnings, root, TextStyle{color, false});
  }
  if (report.other_errors.size() > 0) {
    messages.outcome = WriteMessages::Outcome::written_with_errors_elsewhere;
    messages.messages += fmt::format(
        "mentorctl: warning: {} elsewhere in the repository ({} left out of the checks); fix them with "
        "'mentorctl "
        "check':\n",
        plural(report.other_errors.error_count(), "error"), plural(report.record_errors, "record"));
    messages.messages += diagnostics_text(report.other_errors, root, TextStyle{color, false});
  }
  return messages;
}

}  // namespace mentorctl
