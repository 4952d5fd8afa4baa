// mentorctl observe: append a classroom observation to the mentee's file of the school year.
#include "app.hpp"

#include "repo/identity.hpp"
#include "util/files.hpp"
#include "write_support.hpp"
#include "yaml/reader.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

namespace mentorctl::cli {

namespace {

// The text of --evidence-file ('-': standard input), with CRLF line ends made LF. Never
// more than a record file may hold: /dev/zero ends as "too large", not as memory.
std::string read_evidence(const std::string& name, const Context& context) {
  const std::filesystem::path path = name == "-" ? std::filesystem::path("/dev/stdin")
                                     : std::filesystem::path(name).is_absolute()
                                         ? std::filesystem::path(name)
                                         : context.working_directory() / name;
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw CommandError(exit_usage,
                       fmt::format("--evidence-file {}: is a folder; name the file that holds the "
                                   "notes, or '-' to read them from standard input",
                                   name));
  }
  auto content = read_file(path, max_file_size);
  if (!content && content.error().kind == Error::Kind::too_large) {
    throw CommandError(exit_usage,
                       fmt::format("--evidence-file {}: more than {} MiB, the most a record file may hold; "
                                   "shorten the notes (or keep the document elsewhere and note where)",
                                   name, max_file_size >> 20));
  }
  if (!content) {
    throw CommandError(exit_usage, fmt::format("--evidence-file {}: cannot read the file: {}", name,
                                               content.error().message));
  }
  std::string text = std::move(*content);
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) {
    text.erase(0, 3);
  }
  std::string normalized;
  normalized.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;
    }
    normalized += text[i];
  }
  return normalized;
}

}  // namespace

Action setup_observe(CLI::App& command, Context& context) {
  struct Options {
    ObserveRequest request;
    std::string observer;
    std::string evidence_file;
    bool dry_run = false;
    bool commit = false;
  };
  auto o = std::make_shared<Options>();
  command.add_option("--mentee", o->request.mentee, "the teacher observed")->required()->option_text("ID");
  command.add_option("--observer", o->observer, "who observed (default: yourself)")->option_text("ID");
  command.add_option("--date", o->request.date, "when (default: today; never in the future)")
      ->option_text("DATE");
  command.add_option("--duration", o->request.duration, "how long: 45m, 1h, 1h30m")->option_text("D");
  command.add_option("--focus", o->request.focus, "what the observation looked at")->option_text("TEXT");
  command.add_option("--standard", o->request.standards, "a standard observed against (repeatable)")
      ->option_text("TEXT")
      ->allow_extra_args(false);
  auto* evidence = command.add_option("--evidence", o->request.evidence, "notes; never printed by reports")
                       ->option_text("TEXT");
  auto* evidence_file =
      command
          .add_option("--evidence-file", o->evidence_file, "read the notes from FILE ('-': standard input)")
          ->option_text("FILE");
  evidence->excludes(evidence_file);
  evidence_file->excludes(evidence);
  command.add_flag("--confidential", o->request.confidential, "mark the observation confidential");
  command.add_flag("--force", o->request.force,
                   "record it even though the observer has no active pairing with the mentee");
  command.add_flag("--dry-run", o->dry_run, "print the lines that would be added; write nothing");
  command.add_flag("--commit", o->commit, "commit the change with git");
  command.footer(
      "Appends to observations/<school year>/<mentee>.yaml, creating it for the year's first observation.\n"
      "Yourself: --observer, else MENTORCTL_USER, else the person whose email is 'git config user.email'.");
  return Action([o, &context](Invocation& /*run*/) {
    if (!o->evidence_file.empty()) {
      o->request.evidence = read_evidence(o->evidence_file, context);
    }
    const auto root = context.root();
    const Date today = context.today();
    const auto result = write_records(
        root,
        [&](const Records& records) -> WriteResult<Addition> {
          const auto self = resolve_self(records, o->observer, "--observer", root);
          if (!self) {
            return refusal(self.error().message);
          }
          ObserveRequest request = o->request;
          request.observer = self->id;
          return plan_observe(records, request, today);
        },
        context.write_options(o->dry_run, o->commit));
    return finish_write(result, context, o->dry_run);
  });
}

}  // namespace mentorctl::cli
