// mentorctl report hours: minutes per week or month of each pairing against the hours
// requirement of the period, from the audit's findings.
#include "app.hpp"
#include "choices.hpp"
#include "records_support.hpp"

#include "repo/repository.hpp"
#include "report/hours_report.hpp"
#include "report/html_report.hpp"
#include "rules/rules.hpp"
#include "rules/stipend.hpp"
#include "util/files.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

namespace mentorctl::cli {
namespace {

struct HoursCommandOptions {
  PeriodKind by = PeriodKind::month;
  std::string year;
  std::string program;
  std::string mentor;
  std::string mentee;
  OutputFormat format = OutputFormat::text;
  bool include_notes = false;
};

struct HtmlCommandOptions {
  std::string output;
  std::string year;
};

// The page's file, whose folder must exist (like a shell redirection's).
std::filesystem::path html_path(const HtmlCommandOptions& o, const Context& context) {
  const std::filesystem::path path = std::filesystem::absolute(context.working_directory() / o.output);
  if (!std::filesystem::is_directory(path.parent_path())) {
    throw CommandError(exit_internal, fmt::format("cannot write {}: the folder {} does not exist", o.output,
                                                  path.parent_path().string()));
  }
  return path;
}

// The page, as the command's output: stored and replayed like any other, then delivered.
int run_html(const HtmlCommandOptions& o, Invocation& run) {
  const Repository& repository = run.repository();
  const SchoolYear year = year_option(o.year, repository.calendars().year_of(run.as_of));
  AuditOptions options;
  options.as_of = run.as_of;
  options.years = {year};
  const AuditResult findings = audit(repository, options);
  const StipendReport stipends = compute_stipends(repository, findings, {run.as_of, year, ""});
  run.out = html_report(repository, findings, stipends);
  return exit_ok;
}

// Writes the page, fresh or replayed, to its file (or standard output).
int deliver_html(const HtmlCommandOptions& o, const Context& context, int status, std::string_view page) {
  if (o.output == "-") {
    write_out(1, page);
    return status;
  }
  ReplaceOptions replace;
  replace.create_folders = false;  // like a shell redirection: the folder must exist
  if (auto written = replace_file_atomically(html_path(o, context), {page}, replace); !written) {
    throw CommandError(exit_internal, fmt::format("cannot write {}: {}", o.output, written.error().message));
  }
  if (!context.options.quiet) {
    write_out(1, fmt::format("Wrote {} ({} KB): open it in a browser, or print it.\n", o.output,
                             (page.size() + 1023) / 1024));
  }
  return status;
}

}  // namespace

Action setup_report(CLI::App& command, Context& /*context*/) {
  command.require_subcommand(1);
  auto o = std::make_shared<HoursCommandOptions>();
  CLI::App* hours =
      command.add_subcommand("hours", "minutes per week or month of each pairing against its target");
  add_choice(*hours, "--by", o->by, "week or month (default: month)",
             {{"week", PeriodKind::week}, {"month", PeriodKind::month}})
      ->option_text("PERIOD");
  hours->add_option("--year", o->year, "school year, like 2026-27 (default: the one holding --as-of)")
      ->option_text("SY");
  hours->add_option("--program", o->program, "only this program")->option_text("ID");
  hours->add_option("--mentor", o->mentor, "only this mentor's pairings")->option_text("ID");
  hours->add_option("--mentee", o->mentee, "only this mentee's pairings")->option_text("ID");
  add_format_option(*hours, o->format, {OutputFormat::text, OutputFormat::json, OutputFormat::csv},
                    "output format: text, json or csv");
  hours->add_flag("--include-notes", o->include_notes,
                  "list the notes of the period's log entries (never those marked confidential)");
  hours->footer(
      "One row per pairing and period of each 'hours' requirement with 'per: week' or 'per: month':\n"
      "the minutes logged and the target, both exactly as 'mentorctl audit' counts them (a period the\n"
      "pairing covers in part has the prorated target). Under-target periods are marked.\n"
      "--include-notes is the only way log notes reach any output.\n"
      "Exit status: 0 shown, 2 bad usage or records with errors that were left out.");
  auto h = std::make_shared<HtmlCommandOptions>();
  CLI::App* html = command.add_subcommand("html", "one self-contained HTML page for a program director");
  html->add_option("-o,--output", h->output, "the file to write ('-': standard output)")
      ->required()
      ->option_text("FILE");
  html->add_option("--year", h->year, "school year, like 2026-27 (default: the one holding --as-of)")
      ->option_text("SY");
  html->footer(
      "Per program: each requirement's pairs (or people) met, due and unmet, hours per month against\n"
      "target as a chart, the unmet findings, the stipend total and what is withheld, mentors and new\n"
      "teachers per site when matching requires a site; then the year's training sessions. Inline CSS\n"
      "and SVG, no script, nothing fetched; prints on A4. Notes never appear; all record text is escaped.\n"
      "Exit status: 0 written, 2 bad usage or records with errors that were left out, 3 cannot write.");
  // html's page is the output replayed, and delivered to its file: a folder that does not
  // exist is named before the records are read.
  const auto before = [h, html](Invocation& run) -> std::optional<int> {
    if (html->parsed() && h->output != "-") {
      static_cast<void>(html_path(*h, run.context));
    }
    return std::nullopt;
  };
  Action action(before, [o, h, html](Invocation& run) -> int {
    if (html->parsed()) {
      return run_html(*h, run);
    }
    const Records& records = run.records();
    require_known(records, o->program, program_ids(records), "--program", "program");
    require_known(records, o->mentor, filter_person_ids(records), "--mentor", "person");
    require_known(records, o->mentee, filter_person_ids(records), "--mentee", "person");
    const Repository& repository = run.repository();
    AuditOptions options;
    options.as_of = run.as_of;
    options.years = {year_option(o->year, repository.calendars().year_of(run.as_of))};
    options.program = o->program;
    options.mentor = o->mentor;
    options.mentee = o->mentee;
    const AuditResult findings = audit(repository, options);
    const HoursReport report = hours_report(repository, findings, o->by,
                                            HoursFilter{o->program, o->mentor, o->mentee}, o->include_notes);
    const bool unicode = run.context.color(1) && utf8_locale();
    run.out = o->format == OutputFormat::json  ? hours_json(report)
              : o->format == OutputFormat::csv ? hours_csv(report)
                                               : hours_text(report, {unicode, run.context.color(1)});
    return exit_ok;
  });
  action.deliver = [h, html](Invocation& run, int status, std::string_view out) -> int {
    if (html->parsed()) {
      return deliver_html(*h, run.context, status, out);
    }
    write_out(1, out);
    return status;
  };
  return action;
}

}  // namespace mentorctl::cli
