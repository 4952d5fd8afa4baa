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

std::function<int()> setup_check(CLI::App& command, Context& context) {
  auto format = std::make_shared<OutputFormat>(OutputFormat::text);
  add_format_option(command, *format, {OutputFormat::text, OutputFormat::json, OutputFormat::sarif},
                    "output format: text, json or sarif");
  command.footer(
      "Prints one line per problem, sorted by file and line:\n"
      "  path:line:col: error|warning: message [code]\n"
      "Exit status: 0 no errors (warnings allowed), 1 errors in the records, 2 usage or a file or\n"
      "folder that could not be read (so its errors are unknown).");
  return [format, &context]() {
    const auto root = context.root();
    // Code scanning resolves uris against the top of the checkout: asked of git for sarif only.
    const std::optional<std::string> checkout_prefix =
        *format == OutputFormat::sarif ? git_work_tree_prefix(root) : std::nullopt;
    const std::string identity =
        fmt::format("check\n{}\n{} {}\n{}\ncheckout {}", format_name(*format), context.color(1), context.options.quiet,
                    format_date(context.as_of()), checkout_prefix ? "/" + *checkout_prefix : "-");
    return context.replayable(root, identity, [&](std::string& out, std::string&, const LoadOptions& load) {
      Records records = context.load(root, load);
      const Date as_of = context.as_of();
      warn_uncounted_kinds(records);
      warn_future_dated(records, as_of,
                        context.options.as_of.empty() ? fmt::format("today ({})", format_date(as_of))
                                                      : fmt::format("the as-of date {}", format_date(as_of)));
      if (*format == OutputFormat::json) {
        out = diagnostics_json(records.diagnostics, records.files.size());
      } else if (*format == OutputFormat::sarif) {
        out =
            diagnostics_sarif(records.diagnostics, records.files.size(), MENTORCTL_VERSION, checkout_prefix);
      } else {
        out = diagnostics_text(records.diagnostics, root, TextStyle{context.color(1), true});
        if (!context.options.quiet) {
          out += fmt::format(
              "{} files checked: {} error{}, {} warning{}\n", records.files.size(),
              records.diagnostics.error_count(), records.diagnostics.error_count() == 1 ? "" : "s",
              records.diagnostics.warning_count(), records.diagnostics.warning_count() == 1 ? "" : "s");
        }
      }
      // A file or folder that could not be read may hold any error: not a verdict on the
      // records, so not exit 1 (nor, above all, 0).
      const auto& items = records.diagnostics.items();
      if (std::any_of(items.begin(), items.end(),
                      [](const Diagnostic& d) { return d.code == "unreadable"; })) {
        return exit_usage;
      }
      return records.diagnostics.error_count() == 0 ? exit_ok : exit_failed;
    });
  };
}

}  // namespace mentorctl::cli
