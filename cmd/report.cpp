// mentorctl report hours: minutes per week or month of each pairing against the hours
// requirement of the period, from the audit's findings.
#include "app.hpp"
#include "records_support.hpp"

#include "repo/repository.hpp"
#include "report/hours_report.hpp"
#include "rules/rules.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <memory>

namespace mentorctl::cli {
namespace {

struct HoursCommandOptions {
  std::string by = "month";
  std::string year;
  std::string program;
  std::string mentor;
  std::string mentee;
  std::string format = "text";
  bool include_notes = false;
};

bool utf8_locale() {
  for (const char* name : {"LC_ALL", "LC_CTYPE", "LANG"}) {
    const char* value = std::getenv(name);
    if (value != nullptr && *value != '\0') {
      const std::string text(value);
      return text.find("UTF-8") != std::string::npos || text.find("utf-8") != std::string::npos ||
             text.find("utf8") != std::string::npos || text.find("UTF8") != std::string::npos;
    }
  }
  return false;
}

}  // namespace

std::function<int()> setup_report(CLI::App& command, Context& context) {
  command.require_subcommand(1);
  auto o = std::make_shared<HoursCommandOptions>();
  CLI::App* hours =
      command.add_subcommand("hours", "minutes per week or month of each pairing against its target");
  hours->add_option("--by", o->by, "week or month (default: month)")
      ->check(CLI::IsMember({"week", "month"}))
      ->option_text("PERIOD");
  hours->add_option("--year", o->year, "school year, like 2026-27 (default: the one holding --as-of)")
      ->option_text("SY");
  hours->add_option("--program", o->program, "only this program")->option_text("ID");
  hours->add_option("--mentor", o->mentor, "only this mentor's pairings")->option_text("ID");
  hours->add_option("--mentee", o->mentee, "only this mentee's pairings")->option_text("ID");
  hours->add_option("--format", o->format, "output format: text, json or csv")
      ->check(CLI::IsMember({"text", "json", "csv"}))
      ->option_text("FORMAT");
  hours->add_flag("--include-notes", o->include_notes,
                  "list the notes of the period's log entries (never those marked confidential)");
  hours->footer(
      "One row per pairing and period of each 'hours' requirement with 'per: week' or 'per: month':\n"
      "the minutes logged and the target, both exactly as 'mentorctl audit' counts them (a period the\n"
      "pairing covers in part has the prorated target). Under-target periods are marked.\n"
      "--include-notes is the only way log notes reach any output.\n"
      "Exit status: 0 shown, 2 bad usage or records with errors that were left out.");
  return [o, &context]() {
    const Date as_of = context.as_of();
    const auto root = context.root();
    const bool unicode = context.color(1) && utf8_locale();
    const std::string identity =
        fmt::format("report hours\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n{} {}\n{} {} {}", format_date(as_of), o->by,
                    o->year, o->program, o->mentor, o->mentee, o->format, o->include_notes, unicode,
                    context.color(1), context.color(2), context.options.quiet);
    return context.replayable(
        root, identity, [&](std::string& out, std::string& err, const LoadOptions& load) {
          Records records = context.load(root, load);
          require_known(o->program, program_ids(records), "--program", "program");
          require_known(o->mentor, person_ids(records), "--mentor", "person");
          require_known(o->mentee, person_ids(records), "--mentee", "person");
          print_record_errors(err, records, root, context.color(2), "the report");
          const Repository repository(records);
          AuditOptions options;
          options.as_of = as_of;
          if (!o->year.empty()) {
            const auto parsed = parse_school_year(o->year);
            if (!parsed) {
              throw CommandError(
                  exit_usage,
                  fmt::format("--year '{}' is not a school year; write it like 2026-27", o->year));
            }
            options.years = {*parsed};
          }
          options.program = o->program;
          options.mentor = o->mentor;
          options.mentee = o->mentee;
          const AuditResult findings = audit(repository, options);
          const HoursReport report = hours_report(
              repository, findings, o->by == "week" ? PeriodKind::week : PeriodKind::month, o->include_notes);
          out = o->format == "json"  ? hours_json(report)
                : o->format == "csv" ? hours_csv(report)
                                     : hours_text(report, {unicode, context.color(1)});
          return records.record_errors() > 0 ? exit_usage : exit_ok;
        });
  };
}

}  // namespace mentorctl::cli
