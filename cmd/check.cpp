// mentorctl check: load and validate every record file, print every diagnostic.
#include "app.hpp"
#include "choices.hpp"

#include "check/likely_mistakes.hpp"
#include "check/validate.hpp"
#include "load/loader.hpp"
#include "report/diagnostic_report.hpp"
#include "report/sarif_report.hpp"
#include "util/git.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>

namespace mentorctl::cli {

Action setup_check(CLI::App& command, Context& /*context*/) {
  auto format = std::make_shared<OutputFormat>(OutputFormat::text);
  add_format_option(command, *format, {OutputFormat::text, OutputFormat::json, OutputFormat::sarif},
                    "output format: text, json or sarif");
  command.footer(
      "Prints one line per problem, sorted by file and line:\n"
      "  path:line:col: error|warning: message [code]\n"
      "Exit status: 0 no errors (warnings allowed), 1 errors in the records, 2 usage or a file or\n"
      "folder that could not be read (so its errors are unknown).");
  // Code scanning resolves uris against the top of the checkout: asked of git for sarif only.
  auto checkout_prefix = std::make_shared<std::optional<std::string>>();
  const auto before = [format, checkout_prefix](Invocation& run) -> std::optional<int> {
    if (*format == OutputFormat::sarif) {
      *checkout_prefix = git_work_tree_prefix(run.root());
    }
    run.identity += fmt::format("checkout {}\n", *checkout_prefix ? "/" + **checkout_prefix : "-");
    return std::nullopt;
  };
  return Action(before, [format, checkout_prefix](Invocation& run) {
    Records& records = run.records();
    const Context& context = run.context;
    warn_uncounted_kinds(records);
    warn_future_dated(records, run.as_of,
                      context.options.as_of.empty()
                          ? fmt::format("today ({})", format_date(run.as_of))
                          : fmt::format("the as-of date {}", format_date(run.as_of)));
    if (*format == OutputFormat::json) {
      run.out = diagnostics_json(records.diagnostics, records.files.size());
    } else if (*format == OutputFormat::sarif) {
      run.out =
          diagnostics_sarif(records.diagnostics, records.files.size(), MENTORCTL_VERSION, *checkout_prefix);
    } else {
      run.out = diagnostics_text(records.diagnostics, run.root(), TextStyle{context.color(1), true});
      if (!context.options.quiet) {
        run.out += fmt::format(
            "{} files checked: {} error{}, {} warning{}\n", records.files.size(),
            records.diagnostics.error_count(), records.diagnostics.error_count() == 1 ? "" : "s",
            records.diagnostics.warning_count(), records.diagnostics.warning_count() == 1 ? "" : "s");
      }
    }
    // A file or folder that could not be read may hold any error: not a verdict on the
    // records, so not exit 1 (nor, above all, 0).
    const auto& items = records.diagnostics.items();
    if (std::any_of(items.begin(), items.end(), [](const Diagnostic& d) { return d.code == "unreadable"; })) {
      return exit_usage;
    }
    return records.diagnostics.error_count() == 0 ? exit_ok : exit_failed;
  });
}

}  // namespace mentorctl::cli
