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

std::function<int()> setup_stipend(CLI::App& command, Context& context) {
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
  return [options, &context]() {
    const Date as_of = context.as_of();
    const auto root = context.root();
    const std::string identity =
        fmt::format("stipend\n{}\n{}\n{}\n{}\n{} {} {}", format_date(as_of), options->year, options->program,
                    format_name(options->format), context.color(1), context.color(2), context.options.quiet);
    return context.replayable(
        root, identity, [&](std::string& out, std::string& err, const LoadOptions& load) {
          Records records = context.load(root, load);
          require_known(records, options->program, program_ids(records), "--program", "program");
          const Repository repository(records);
          const SchoolYear year = year_option(options->year, repository.calendars().year_of(as_of));
          print_record_errors(err, records, root, context.color(2), "the stipend report");
          AuditOptions audit_options;
          audit_options.as_of = as_of;
          audit_options.years = {year};
          audit_options.program = options->program;
          audit_options.keep_met = false;  // only unmet findings withhold
          const AuditResult findings = audit(repository, audit_options);
          const StipendReport report =
              compute_stipends(repository, findings, {as_of, year, options->program});
          if (options->format == OutputFormat::json) {
            out = stipend_json(report);
          } else if (options->format == OutputFormat::csv) {
            out = stipend_csv(report);
          } else {
            out = stipend_text(report, findings);
          }
          return records.record_errors() > 0 ? exit_usage : exit_ok;
        });
  };
}

}  // namespace mentorctl::cli
