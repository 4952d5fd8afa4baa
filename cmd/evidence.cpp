// mentorctl evidence: append certification evidence for a person.
#include "app.hpp"

#include "write_support.hpp"

#include <CLI/CLI.hpp>

namespace mentorctl::cli {

Action setup_evidence(CLI::App& command, Context& context) {
  struct Options {
    EvidenceRequest request;
    bool dry_run = false;
    bool commit = false;
  };
  auto o = std::make_shared<Options>();
  command.add_option("PERSON", o->request.person, "whose certification the evidence is for")->required();
  command.add_option("--criterion", o->request.criterion, "LEVEL/CRITERION, e.g. entry/recommendation")
      ->required()
      ->option_text("LEVEL/ID");
  command.add_option("--program", o->request.program, "the program (needed when several have certification)")
      ->option_text("P");
  command.add_option("--signed-off-by", o->request.signed_off_by, "who signed it off")->option_text("ID");
  command.add_option("--date", o->request.date, "when (default: today; never in the future)")
      ->option_text("DATE");
  command.add_option("--note", o->request.note, "free text; never printed by reports")->option_text("TEXT");
  command.add_flag("--dry-run", o->dry_run, "print the lines that would be added; write nothing");
  command.add_flag("--commit", o->commit, "commit the change with git");
  command.footer("Appends to evidence/<person>.yaml, creating it for the person's first evidence.");
  return Action([o, &context](Invocation& /*run*/) {
    const Date today = context.today();
    const auto result = write_records(
        context.root(), [&](const Records& records) { return plan_evidence(records, o->request, today); },
        context.write_options(o->dry_run, o->commit));
    return finish_write(result, context, o->dry_run);
  });
}

}  // namespace mentorctl::cli
