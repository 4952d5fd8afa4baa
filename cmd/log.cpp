// mentorctl log: append a support-log entry to the mentor's log of the school year.
#include "app.hpp"

#include "repo/identity.hpp"
#include "write_support.hpp"

#include <CLI/CLI.hpp>

namespace mentorctl::cli {

Action setup_log(CLI::App& command, Context& context) {
  struct Options {
    LogRequest request;
    std::string mentor;
    bool dry_run = false;
    bool commit = false;
  };
  auto o = std::make_shared<Options>();
  command.add_option("--mentee", o->request.mentee, "the mentee the support was for")
      ->required()
      ->option_text("ID");
  command.add_option("--duration", o->request.duration, "how long: 45m, 1h, 1h30m, 1.5h")
      ->required()
      ->option_text("D");
  command.add_option("--date", o->request.date, "when (default: today; never in the future)")
      ->option_text("DATE");
  command
      .add_option("--kind", o->request.kind, "meeting (default), observation, co-planning, call, email, ...")
      ->option_text("KIND");
  command.add_option("--topic", o->request.topics, "a topic discussed (repeat for several)")
      ->option_text("TEXT")
      ->allow_extra_args(false);
  command
      .add_option("--completes", o->request.completes,
                  "a milestone requirement this session completed (repeatable)")
      ->option_text("ID")
      ->allow_extra_args(false);
  command.add_option("--notes", o->request.notes, "free text; never printed by reports")->option_text("TEXT");
  command.add_flag("--confidential", o->request.confidential, "mark the entry confidential");
  command.add_option("--program", o->request.program, "the program, when the pair has two at once")
      ->option_text("P");
  command.add_option("--mentor", o->mentor, "who gave the support (default: yourself)")->option_text("ID");
  command.add_flag("--force", o->request.force, "record it even though no pairing is active on that date");
  command.add_flag("--dry-run", o->dry_run, "print the lines that would be added; write nothing");
  command.add_flag("--commit", o->commit, "commit the change with git");
  command.footer(
      "Appends to logs/<school year>/<mentor>.yaml, creating it for the year's first entry.\n"
      "Yourself: --mentor, else MENTORCTL_USER, else the person whose email is 'git config user.email'.");
  return Action([o, &context](Invocation& /*run*/) {
    const auto root = context.root();
    const Date today = context.today();
    const auto result = write_records(
        root,
        [&](const Records& records) -> WriteResult<Addition> {
          const auto self = resolve_self(records, o->mentor, "--mentor", root);
          if (!self) {
            return refusal(self.error().message);
          }
          LogRequest request = o->request;
          request.mentor = self->id;
          return plan_log(records, request, today);
        },
        context.write_options(o->dry_run, o->commit));
    return finish_write(result, context, o->dry_run);
  });
}

}  // namespace mentorctl::cli
