// mentorctl match: the optimal proposal of mentor-mentee pairings (SPEC 6.5), explained,
// and with --write appended to the pairings.
#include "app.hpp"
#include "choices.hpp"
#include "records_support.hpp"
#include "write_support.hpp"

#include "repo/repository.hpp"
#include "report/match_report.hpp"
#include "rules/match.hpp"
#include "write/proposal.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

namespace mentorctl::cli {
namespace {

struct MatchCommandOptions {
  std::string program;
  std::string start;
  OutputFormat format = OutputFormat::text;
  std::string explain;
  bool write = false;
  bool dry_run = false;
  bool commit = false;
};

std::string formatted(const MatchResult& result, OutputFormat format, bool written = false) {
  return format == OutputFormat::json  ? match_json(result)
         : format == OutputFormat::csv ? match_csv(result)
                                       : match_text(result, written);
}

int run_write(const MatchCommandOptions& o, Context& context, Date date) {
  MatchResult result;
  const auto written = write_records(
      context.root(), [&](const Records& records) { return plan_proposal(records, o.program, date, result); },
      context.write_options(o.dry_run, o.commit));
  if (written && !context.options.quiet) {
    std::cout << formatted(result, o.format, true) << (o.format == OutputFormat::text ? "\n" : "");
  }
  // json and csv stay parseable: the added lines are left out; stderr tells of problems.
  const bool quiet = context.options.quiet;
  context.options.quiet = quiet || o.format != OutputFormat::text;
  const int code = finish_write(written, context, o.dry_run);
  context.options.quiet = quiet;
  return code;
}

// The day the pairings would start: --start, else the as-of date.
Date start_date(const MatchCommandOptions& o, Date as_of) {
  return o.start.empty() ? as_of : parse_day_option(o.start, "--start");
}

}  // namespace

Action setup_match(CLI::App& command, Context& /*context*/) {
  auto o = std::make_shared<MatchCommandOptions>();
  command
      .add_option("--program", o->program, "the program to match in (needed when several have 'matching')")
      ->option_text("P");
  command.add_option("--start", o->start, "the date the pairings would start (default: --as-of)")
      ->option_text("DATE");
  add_format_option(command, o->format, {OutputFormat::text, OutputFormat::json, OutputFormat::csv},
                    "output format: text, json or csv");
  command
      .add_option("--explain", o->explain,
                  "every mentor considered for this mentee, and why the proposed one won")
      ->option_text("MENTEE");
  command.add_flag("--write", o->write, "append the proposed pairings to pairings/<school year>.yaml");
  command.add_flag("--dry-run", o->dry_run,
                   "with --write: print the lines that would be added; write nothing");
  command.add_flag("--commit", o->commit, "with --write: commit the change with git");
  command.footer(
      "Mentees: holders of the program's mentee role taking part in it, not left, enrolled by the\n"
      "date, with no pairing in it that ends on or after the date. Mentors: holders of its mentor\n"
      "role taking part, not left, meeting its error-severity eligibility requirements, with places\n"
      "left (capacity, else matching.capacity, else 1, minus pairings active on the date).\n"
      "The proposal matches the most mentees, then has the greatest total score (the weights of\n"
      "the agreeing 'prefer' attributes). Among equally good proposals: mentees in id order, each\n"
      "gets the lowest mentor id it can have in one of them (matched before not matched).\n"
      "Exit status: 0 the proposal was made (or written), 2 bad usage, a refused write, or\n"
      "records with errors (printed on stderr; the proposal covers the rest).");
  // --write appends through the write transaction, which reads the records itself.
  const auto before = [o](Invocation& run) -> std::optional<int> {
    if ((o->dry_run || o->commit) && !o->write) {
      throw CommandError(exit_usage,
                         fmt::format("{} goes with --write", o->dry_run ? "--dry-run" : "--commit"));
    }
    if (o->write && !o->explain.empty()) {
      throw CommandError(exit_usage, "--explain shows one mentee's candidates; it does not go with --write");
    }
    if (!o->explain.empty() && o->format == OutputFormat::csv) {
      throw CommandError(exit_usage, "--explain prints text or json; drop --format csv");
    }
    const Date date = start_date(*o, run.as_of);
    if (o->write) {
      return run_write(*o, run.context, date);
    }
    return std::nullopt;
  };
  return Action(before, [o](Invocation& run) {
    const Repository& repository = run.repository();
    auto program = matching_program(repository, o->program);
    if (!program) {
      throw CommandError(exit_usage, program.error().message);
    }
    if (!o->explain.empty()) {
      require_known(run.records(), o->explain, person_ids(run.records()), "--explain", "person");
    }
    const Date date = start_date(*o, run.as_of);
    const auto match = compute_match(repository, *program.value(), date);
    if (!match) {
      throw CommandError(exit_usage, match.error().message);
    }
    const MatchResult& result = *match;
    if (o->explain.empty()) {
      run.out = formatted(result, o->format);
    } else {
      const MatchExplanation explanation = explain_match(repository, *program.value(), result, o->explain);
      run.out = o->format == OutputFormat::json ? explanation_json(explanation, result)
                                                : explanation_text(explanation, result);
    }
    return exit_ok;
  });
}

}  // namespace mentorctl::cli
