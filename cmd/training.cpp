// mentorctl training add|attend: append a training session, or people who attended one.
#include "app.hpp"

#include "write_support.hpp"

#include <CLI/CLI.hpp>

namespace mentorctl::cli {

Action setup_training(CLI::App& command, Context& context) {
  struct Options {
    SessionRequest session;
    AttendRequest attend;
    bool dry_run = false;
    bool commit = false;
  };
  auto o = std::make_shared<Options>();
  command.require_subcommand(1);
  CLI::App* add = command.add_subcommand("add", "append a training session to trainings/<school year>.yaml");
  add->add_option("--id", o->session.id, "the session's id, unique in its school year")
      ->required()
      ->option_text("ID");
  add->add_option("--date", o->session.date, "the day it takes place (default: today; may be ahead)")
      ->option_text("DATE");
  add->add_option("--kind", o->session.kind, "its kind, as training requirements name it (e.g. full-day)")
      ->required()
      ->option_text("K");
  add->add_option("--title", o->session.title, "its title")->option_text("T");
  add->add_option("--duration", o->session.duration, "how long: 3h, 6h, 1h30m")->option_text("D");
  CLI::App* attend = command.add_subcommand("attend", "add people to a session's attendees");
  attend->add_option("SESSION", o->attend.session, "the session's id")->required();
  attend->add_option("PERSON", o->attend.people, "the ids of the people who attended")->required();
  attend->add_option("--year", o->attend.year, "the school year, when the id exists in several")
      ->option_text("SY");
  for (CLI::App* sub : {add, attend}) {
    sub->add_flag("--dry-run", o->dry_run, "print the lines that would be added; write nothing");
    sub->add_flag("--commit", o->commit, "commit the change with git");
    sub->fallthrough();
  }
  attend->footer("Refuses a session dated in the future: attendance is recorded after it took place.");
  return Action([o, add, &context](Invocation& /*run*/) {
    const Date today = context.today();
    const bool adding = add->parsed();
    const auto result = write_records(
        context.root(),
        [&](const Records& records) {
          return adding ? plan_session(records, o->session, today) : plan_attend(records, o->attend, today);
        },
        context.write_options(o->dry_run, o->commit));
    return finish_write(result, context, o->dry_run);
  });
}

}  // namespace mentorctl::cli
