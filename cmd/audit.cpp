// mentorctl audit: evaluate every program requirement (SPEC 4) and report the findings.
#include "app.hpp"
#include "choices.hpp"
#include "audit_since.hpp"
#include "records_support.hpp"

#include "check/validate.hpp"
#include "load/loader.hpp"
#include "report/audit_report.hpp"
#include "report/diagnostic_report.hpp"
#include "report/sarif_report.hpp"
#include "rules/rules.hpp"
#include "util/git.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>
#include <memory>

namespace mentorctl::cli {
namespace {

struct AuditCommandOptions {
  std::string year;
  std::string program;
  std::string mentor;
  std::string mentee;
  bool all = false;
  bool strict = false;
  OutputFormat format = OutputFormat::text;
  std::string new_since;    // a git revision, or empty
  std::string fixed_since;  // a git revision, or empty
};

// `--year`: a label, `all`, or empty (the year holding as-of).
void apply_year(const std::string& year, AuditOptions& options) {
  if (year.empty()) {
    return;
  }
  if (year == "all") {
    options.all_years = true;
    return;
  }
  const auto parsed = parse_school_year(year);
  if (!parsed) {
    throw CommandError(
        exit_usage, fmt::format("--year '{}' is not a school year; write it like 2026-27, or 'all'", year));
  }
  options.years = {*parsed};
}

// `--mentor ID` / `--mentee ID` must name someone who can be one in some program; else
// the audit would quietly report nothing about them.
void require_role(const Records& records, const std::string& id, bool as_mentor) {
  if (id.empty()) {
    return;
  }
  const auto person =
      std::find_if(records.people.begin(), records.people.end(), [&](const Person& p) { return p.id == id; });
  if (person == records.people.end() || records.holds_role_of_any(*person, as_mentor)) {
    return;  // (not found: a person file with errors, reported as a record error)
  }
  const char* wanted = as_mentor ? "mentor" : "mentee";
  if (records.holds_role_of_any(*person, !as_mentor)) {
    throw CommandError(exit_usage, fmt::format("'{}' is a {}, not a {}; did you mean --{} {}?", id,
                                               as_mentor ? "mentee" : "mentor", wanted,
                                               as_mentor ? "mentee" : "mentor", id));
  }
  throw CommandError(exit_usage,
                     fmt::format("--{} '{}' holds no program's {} role, so no requirement applies "
                                 "to them as one; see roles in people/{}.yaml",
                                 wanted, id, wanted, id));
}

std::string render(const AuditResult& result, const AuditCommandOptions& options,
                   const AuditComparison& comparison, const std::optional<std::string>& checkout_prefix,
                   bool color, bool quiet, std::size_t width) {
  // Fixed findings are met (or due) now: listed, as --all would list them.
  const AuditReportOptions report{
      options.all || comparison.fixed_since.has_value(),         color, !quiet,
      !options.mentor.empty() ? options.mentor : options.mentee, width, comparison.nothing_listed()};
  switch (options.format) {
    case OutputFormat::json:
      return audit_json(result, report);
    case OutputFormat::csv:
      return audit_csv(result, report);
    case OutputFormat::junit:
      return audit_junit(result, report);
    case OutputFormat::github:
      return audit_github(result, checkout_prefix.value_or(""));
    case OutputFormat::sarif:
      return audit_sarif(result, report, MENTORCTL_VERSION, checkout_prefix);
    case OutputFormat::text:
      break;
  }
  return audit_text(result, report);
}

}  // namespace

Action setup_audit(CLI::App& command, Context& /*context*/) {
  auto options = std::make_shared<AuditCommandOptions>();
  command
      .add_option("--year", options->year,
                  "school year to audit, like 2026-27, or 'all' (default: the one holding --as-of)")
      ->option_text("SY|all");
  command.add_option("--program", options->program, "only this program")->option_text("ID");
  command.add_option("--mentor", options->mentor, "only findings about this mentor")->option_text("ID");
  command.add_option("--mentee", options->mentee, "only findings about this mentee")->option_text("ID");
  command.add_flag("--all", options->all, "also list met findings");
  command.add_flag("--strict", options->strict, "fail (exit 1) on unmet warnings too");
  add_format_option(command, options->format,
                    {OutputFormat::text, OutputFormat::json, OutputFormat::csv, OutputFormat::junit,
                     OutputFormat::github, OutputFormat::sarif},
                    "output format: text, json, csv, junit, github or sarif");
  auto* new_since = command
                        .add_option("--new-since", options->new_since,
                                    "only findings unmet now that were not unmet at git revision REV")
                        ->option_text("REV");
  auto* fixed_since = command
                          .add_option("--fixed-since", options->fixed_since,
                                      "only findings unmet at git revision REV that are not unmet now")
                          ->option_text("REV");
  command.get_option("--all")->excludes(new_since)->excludes(fixed_since);
  command.footer(
      "Lists every unmet and due requirement (met too with --all), grouped by program and requirement.\n"
      "A period still open as of --as-of is 'due'; a closed one that falls short is 'unmet'.\n"
      "Exit status: 0 nothing failed, 1 an unmet error-severity requirement (any unmet with --strict),\n"
      "2 bad usage or records with errors that were skipped (printed on stderr); the highest applies.\n"
      "--new-since REV and --fixed-since REV compare with the records as git holds them at REV\n"
      "(a branch, tag or commit), audited with the same options: a pull request fails only on\n"
      "what it made unmet.");
  // What before() resolves, for the action.
  struct Resolved {
    AuditOptions audit_options;
    AuditComparison comparison;
    std::optional<std::string> checkout_prefix;
  };
  auto resolved = std::make_shared<Resolved>();
  const auto before = [options, resolved](Invocation& run) -> std::optional<int> {
    apply_year(options->year, resolved->audit_options);
    resolved->audit_options.as_of = run.as_of;
    resolved->comparison = resolve_comparison(run.root(), options->new_since, options->fixed_since);
    // GitHub resolves file names against the top of the checkout (SPEC 6.1's paths are
    // relative to the records root): asked of git for these two formats only.
    if (options->format == OutputFormat::github || options->format == OutputFormat::sarif) {
      resolved->checkout_prefix = git_work_tree_prefix(run.root());
    }
    run.identity +=
        resolved->comparison.cache_identity() +
        fmt::format("checkout {}\n", resolved->checkout_prefix ? "/" + *resolved->checkout_prefix : "-");
    return std::nullopt;
  };
  return Action(before, [options, resolved](Invocation& run) {
    const Records& records = run.records();
    require_known(records, options->program, program_ids(records), "--program", "program");
    require_known(records, options->mentor, filter_person_ids(records), "--mentor", "person");
    require_known(records, options->mentee, filter_person_ids(records), "--mentee", "person");
    require_role(records, options->mentor, true);
    require_role(records, options->mentee, false);
    const AuditComparison& comparison = resolved->comparison;
    AuditOptions& audit_options = resolved->audit_options;
    audit_options.program = options->program;
    audit_options.mentor = options->mentor;
    audit_options.mentee = options->mentee;
    // Met findings are listed with --all, and fixed ones are met now.
    audit_options.keep_met = options->all || comparison.fixed_since;

    AuditResult result = audit(run.repository(), audit_options);
    const Context& context = run.context;
    const bool errors_then = comparison.active() && compare_with_revisions(context, run.root(), comparison,
                                                                           audit_options, result, run.err);
    run.out = render(result, *options, comparison, resolved->checkout_prefix, context.color(1),
                     context.options.quiet, context.terminal_width(1));
    if (errors_then) {
      return exit_usage;
    }
    return result.has_failures(options->strict) ? exit_failed : exit_ok;
  });
}

}  // namespace mentorctl::cli
