// mentorctl status: one mentor's progress with each mentee this week, month and year,
// their own requirements, and what is due next; built from the audit's findings.
#include "app.hpp"
#include "choices.hpp"
#include "records_support.hpp"

#include "repo/identity.hpp"
#include "repo/repository.hpp"
#include "util/git.hpp"
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

Action setup_status(CLI::App& command, Context& /*context*/) {
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
  const auto before = [o](Invocation& run) -> std::optional<int> {
    // Who "yourself" is shapes the output: without --mentor and MENTORCTL_USER (both in the
    // key already), the email git has for you.
    const char* user = std::getenv("MENTORCTL_USER");
    if (o->mentor.empty() && (user == nullptr || *user == '\0')) {
      run.identity += fmt::format("git user.email {}\n", git_user_email(run.root()).value_or(""));
    }
    return std::nullopt;
  };
  return Action(before, [o](Invocation& run) {
    const Records& records = run.records();
    const Repository& repository = run.repository();
    std::string me_id;
    if (auto self = resolve_self(records, o->mentor, "--mentor", run.root())) {
      me_id = self->id;
    } else if (!o->mentor.empty() && repository.unverified(o->mentor) != nullptr) {
      me_id = o->mentor;  // their file has errors: shown, marked incomplete
    } else {
      throw CommandError(exit_usage, self.error().message);
    }
    const Person* me = repository.person(me_id);
    if (me != nullptr && !records.holds_role_of_any(*me, true)) {
      throw CommandError(exit_usage, fmt::format("{} holds no program's mentor role; status shows a mentor's "
                                                 "mentees ('mentorctl audit --mentee {}' shows a mentee's)",
                                                 me_id, me_id));
    }
    AuditOptions options;
    options.as_of = run.as_of;
    options.mentor = me_id;
    const AuditResult audit_result = audit(repository, options);
    const MentorStatus status = mentor_status(repository, audit_result, me_id);
    const bool unicode = run.context.color(1) && utf8_locale();
    run.out = o->format == OutputFormat::json ? status_json(status)
                                              : status_text(status, {unicode, run.context.color(1)});
    return exit_ok;
  });
}

}  // namespace mentorctl::cli
