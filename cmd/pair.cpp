// mentorctl pair: append a mentor-mentee pairing to the pairings of its school year.
#include "app.hpp"

#include "write_support.hpp"

#include <CLI/CLI.hpp>

namespace mentorctl::cli {

Action setup_pair(CLI::App& command, Context& context) {
  struct Options {
    PairRequest request;
    bool dry_run = false;
    bool commit = false;
  };
  auto o = std::make_shared<Options>();
  command.add_option("MENTOR", o->request.mentor, "the mentor's id")->required();
  command.add_option("MENTEE", o->request.mentee, "the mentee's id")->required();
  command.add_option("--program", o->request.program, "the program they are paired in")
      ->required()
      ->option_text("P");
  command.add_option("--start", o->request.start, "first day (default: today; may be ahead)")
      ->option_text("DATE");
  command.add_option("--end", o->request.end, "last day (default: the school year's last day)")
      ->option_text("DATE");
  command.add_flag("--dry-run", o->dry_run, "print the lines that would be added; write nothing");
  command.add_flag("--commit", o->commit, "commit the change with git");
  command.footer(
      "Appends to pairings/<school year of --start>.yaml, creating it for the year's first pairing.");
  return Action([o, &context](Invocation& /*run*/) {
    const Date today = context.today();
    const auto result = write_records(
        context.root(), [&](const Records& records) { return plan_pair(records, o->request, today); },
        context.write_options(o->dry_run, o->commit));
    return finish_write(result, context, o->dry_run);
  });
}

}  // namespace mentorctl::cli
