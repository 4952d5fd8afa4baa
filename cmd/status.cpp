// mentorctl status: one mentor's progress with each mentee this week, month and year,
// their own requirements, and what is due next; built from the audit's findings.
#include "app.hpp"
#include "choices.hpp"
#include "records_support.hpp"

#include "repo/identity.hpp"
#include "repo/repository.hpp"
#include "report/status_report.hpp"
#include "rules/rules.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <memory>

namespace mentorctl::cli {
namespace {

struct StatusCommandOptions {
  std::string mentor;
  OutputFormat format = OutputFormat::text;
};

}  // namespace

std::function<int()> setup_status(CLI::App& command, Context& context) {
  auto o = std::make_shared<StatusCommandOptions>();
  command.add_option("--mentor", o->mentor, "whose status (default: yourself)")->option_text("ID");
  add_format_option(command, o->format, {OutputFormat::text, OutputFormat::json}, "output format: text or json");
  command.footer(
      "For each mentee paired with you on the as-of date: every hours, meetings and observations\n"
      "requirement's period holding that date (this week, this month, this school year) as a bar,\n"
      "the milestones done and pending; then your own training, eligibility and caseload, and\n"
      "what is due next by deadline. The figures are the audit's ('mentorctl audit --mentor ID').\n"
      "You: --mentor, else MENTORCTL_USER, else the person whose email is 'git config user.email'.\n"
      "Bars use Unicode and colour on a UTF-8 terminal, '#' and '-' otherwise (--color never, NO_COLOR).\n"
      "Exit status: 0 shown, 2 bad usage or records with errors that were left out.");
  return [o, &context]() {
    const Date as_of = context.as_of();
    const auto root = context.root();
    const bool unicode = context.color(1) && utf8_locale();
    const std::string identity =
        fmt::format("status\n{}\n{}\n{}\n{}\n{} {} {} {}\n{}", format_date(as_of), o->mentor, format_name(o->format),
                    unicode, context.color(1), context.color(2), context.options.quiet, root.string(),
                    std::getenv("MENTORCTL_USER") == nullptr ? "" : std::getenv("MENTORCTL_USER"));
    return context.replayable(
        root, identity, [&](std::string& out, std::string& err, const LoadOptions& load) {
          Records records = context.load(root, load);
          SelfResolution self = resolve_self(records, o->mentor, "--mentor", root);
          const Repository repository(records);
          if (self.id.empty() && !o->mentor.empty() && repository.unverified(o->mentor) != nullptr) {
            self.id = o->mentor;  // their file has errors: shown, marked incomplete
          }
          if (self.id.empty()) {
            throw CommandError(exit_usage, self.problem);
          }
          const Person* me = repository.person(self.id);
          if (me != nullptr && !records.holds_role_of_any(*me, true)) {
            throw CommandError(exit_usage,
                               fmt::format("{} holds no program's mentor role; status shows a mentor's "
                                           "mentees ('mentorctl audit --mentee {}' shows a mentee's)",
                                           self.id, self.id));
          }
          print_record_errors(err, records, root, context.color(2), "the status");
          AuditOptions options;
          options.as_of = as_of;
          options.mentor = self.id;
          const AuditResult audit_result = audit(repository, options);
          const MentorStatus status = mentor_status(repository, audit_result, self.id);
          out = o->format == OutputFormat::json ? status_json(status) : status_text(status, {unicode, context.color(1)});
          return records.record_errors() > 0 ? exit_usage : exit_ok;
        });
  };
}

}  // namespace mentorctl::cli
