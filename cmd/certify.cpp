// mentorctl certify: a person against a certification level, every candidate of a level,
// the central record, and awarding a certificate (SPEC 6.6).
#include "app.hpp"
#include "choices.hpp"
#include "records_support.hpp"
#include "write_support.hpp"

#include "repo/identity.hpp"
#include "repo/repository.hpp"
#include "report/certify_report.hpp"
#include "rules/certify.hpp"
#include "write/award.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <memory>

namespace mentorctl::cli {
namespace {

struct CertifyCommandOptions {
  std::string person;
  std::string level;
  std::string program;
  OutputFormat format = OutputFormat::text;
  bool award = false;
  std::string by;
  bool dry_run = false;
  bool commit = false;
  bool list = false;
  bool all = false;
  std::string list_person;
  bool expired = false;
  std::string valid_on;
  bool verify = false;
};

void check_usage(const CertifyCommandOptions& o) {
  if (o.list + o.all + !o.person.empty() != 1) {
    throw CommandError(exit_usage, "give one of PERSON, --all or --list");
  }
  if (!o.list && o.level.empty()) {
    throw CommandError(exit_usage, "--level is required with PERSON or --all");
  }
  if (!o.list && (o.expired || !o.valid_on.empty() || o.verify || !o.list_person.empty())) {
    throw CommandError(exit_usage, "--person, --expired, --valid-on and --verify go with --list");
  }
  if (o.award && o.person.empty()) {
    throw CommandError(exit_usage, "--award needs PERSON");
  }
  if (!o.award && (o.dry_run || o.commit || !o.by.empty())) {
    throw CommandError(exit_usage, "--by, --dry-run and --commit go with --award");
  }
}

int run_award(const CertifyCommandOptions& o, Context& context) {
  const auto root = context.root();
  const Date as_of = context.as_of();
  const auto result = write_records(
      root,
      [&](const Records& records) -> WriteResult<Addition> {
        const auto self = resolve_self(records, o.by, "--by", root);
        if (!self) {
          return refusal(self.error().message);
        }
        return plan_award(records, {o.person, o.level, o.program, self->id}, as_of);
      },
      context.write_options(o.dry_run, o.commit));
  return finish_write(result, context, o.dry_run);
}

}  // namespace

Action setup_certify(CLI::App& command, Context& /*context*/) {
  auto o = std::make_shared<CertifyCommandOptions>();
  command.add_option("PERSON", o->person, "whose certification to evaluate")->option_text("ID");
  command
      .add_option("--level", o->level, "the certification level (with PERSON or --all; a filter with --list)")
      ->option_text("L");
  command.add_option("--program", o->program, "the program (needed when several have certification)")
      ->option_text("P");
  add_format_option(command, o->format, {OutputFormat::text, OutputFormat::json, OutputFormat::csv},
                    "output format: text, json or csv");
  command.add_flag("--award", o->award, "append the certificate to certificates.yaml when the level is met");
  command.add_option("--by", o->by, "who awards it (default: yourself)")->option_text("ID");
  command.add_flag("--dry-run", o->dry_run,
                   "with --award: print the lines that would be added; write nothing");
  command.add_flag("--commit", o->commit, "with --award: commit the change with git");
  command.add_flag("--all", o->all, "every candidate of the program and how far each is from --level");
  command.add_flag("--list", o->list, "the central record of certificates");
  command.add_option("--person", o->list_person, "with --list: only this person's certificates")
      ->option_text("ID");
  command.add_flag("--expired", o->expired, "with --list: only expired certificates");
  command.add_option("--valid-on", o->valid_on, "with --list: only certificates held on DATE")
      ->option_text("DATE");
  command.add_flag("--verify", o->verify, "with --list: report certificates the evidence does not support");
  command.footer(
      "Exit status: 0 the level is met (or the list was printed), 1 the level is not met\n"
      "(with --verify: a certificate is not supported by evidence), 2 bad usage, a refused\n"
      "award or records with errors.");
  // --award appends through the write transaction, which reads the records itself.
  const auto before = [o](Invocation& run) -> std::optional<int> {
    check_usage(*o);
    if (o->award) {
      return run_award(*o, run.context);
    }
    return std::nullopt;
  };
  return Action(before, [o](Invocation& run) {
    const Records& records = run.records();
    const Repository& repository = run.repository();
    const Date as_of = run.as_of;
    int code = exit_ok;
    if (o->list) {
      require_known(records, o->program, program_ids(records), "--program", "program");
      require_known(records, o->list_person, person_ids(records), "--person", "person");
      ListOptions list{as_of, o->program, o->level, o->list_person, o->expired, std::nullopt, o->verify};
      if (!o->valid_on.empty()) {
        list.valid_on = parse_day_option(o->valid_on, "--valid-on");
      }
      const std::vector<RecordRow> rows = central_record(repository, list);
      run.out = o->format == OutputFormat::json  ? record_json(rows, as_of, o->verify)
                : o->format == OutputFormat::csv ? record_csv(rows, o->verify)
                                                 : record_text(rows, o->verify);
      if (o->verify &&
          std::any_of(rows.begin(), rows.end(), [](const auto& r) { return !r.unsupported.empty(); })) {
        code = exit_failed;
      }
    } else {
      auto program = certifying_program(repository, o->program);
      if (!program) {
        throw CommandError(exit_usage, program.error().message);
      }
      auto level = certification_level(*program.value(), o->level);
      if (!level) {
        throw CommandError(exit_usage, level.error().message);
      }
      if (o->all) {
        std::vector<LevelResult> results;
        for (const std::string& id : level_candidates(repository, *program.value(), *level.value())) {
          results.push_back(evaluate_level(repository, *program.value(), *level.value(), id, as_of));
        }
        run.out = o->format == OutputFormat::json  ? candidates_json(results)
                  : o->format == OutputFormat::csv ? candidates_csv(results)
                                                   : candidates_text(results);
      } else {
        require_known(records, o->person, person_ids(records), "PERSON", "person");
        const LevelResult result =
            evaluate_level(repository, *program.value(), *level.value(), o->person, as_of);
        run.out = o->format == OutputFormat::json  ? certify_json(result)
                  : o->format == OutputFormat::csv ? certify_csv(result)
                                                   : certify_text(result);
        code = result.met ? exit_ok : exit_failed;
      }
    }
    return code;
  });
}

}  // namespace mentorctl::cli
