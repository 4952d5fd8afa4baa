// mentorctl stipend: the batch stipend report (SPEC 6.7).
#include "app.hpp"
#include "choices.hpp"
#include "records_support.hpp"

#include "repo/repository.hpp"
#include "report/stipend_report.hpp"
#include "rules/rules.hpp"
#include "rules/stipend.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <memory>

namespace mentorctl::cli {
namespace {

struct StipendCommandOptions {
  std::string year;
  std::string program;
  OutputFormat format = OutputFormat::text;
};

}  // namespace

Action setup_stipend(CLI::App& command, Context& /*context*/) {
  auto options = std::make_shared<StipendCommandOptions>();
  command.add_option("--year", options->year, "school year, like 2026-27 (default: the one holding --as-of)")
      ->option_text("SY");
  command.add_option("--program", options->program, "only this program")->option_text("ID");
  add_format_option(command, options->format, {OutputFormat::text, OutputFormat::json, OutputFormat::csv},
                    "output format: text, json or csv");
  command.footer(
      "One row per mentor (or per pairing, with 'basis: pairing') of each program with a stipend:\n"
      "the base by district or amount, the fraction of instructional days active with 'prorate',\n"
      "withheld while a requirement the stipend 'requires' is unmet.\n"
      "Exit status: 0 the report was made, 2 bad usage or records with errors that were left out\n"
      "(printed on stderr).");
  return Action([options](Invocation& run) {
    const Repository& repository = run.repository();
    require_known(run.records(), options->program, program_ids(run.records()), "--program", "program");
    const SchoolYear year = year_option(options->year, repository.calendars().year_of(run.as_of));
    AuditOptions audit_options;
    audit_options.as_of = run.as_of;
    audit_options.years = {year};
    audit_options.program = options->program;
    audit_options.keep_met = false;  // only unmet findings withhold
    const AuditResult findings = audit(repository, audit_options);
    const StipendReport report = compute_stipends(repository, findings, {run.as_of, year, options->program});
    if (options->format == OutputFormat::json) {
      run.out = stipend_json(report);
    } else if (options->format == OutputFormat::csv) {
      run.out = stipend_csv(report);
    } else {
      run.out = stipend_text(report, findings);
    }
    return exit_ok;
  });
}

}  // namespace mentorctl::cli
