#include "rules/certify.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <tuple>

namespace mentorctl {
namespace {

std::string joined(const std::vector<Reference>& refs, const char* separator) {
  std::string out;
  for (const Reference& r : refs) {
    out += (out.empty() ? "" : separator) + r.id;
  }
  return out;
}

std::vector<const Program*> certifying_programs(const Repository& repository) {
  std::vector<const Program*> out;
  for (const Program* p : repository.programs()) {
    if (p->certification) {
      out.push_back(p);
    }
  }
  return out;
}

bool evidence_of_program(const Evidence& e, const Program& program) {
  return !e.program || e.program->id == program.id;
}

// Why one piece of evidence (dated by as-of) does not meet `criterion`; empty: it does.
std::string sign_off_problem(const Repository& repository, const Criterion& criterion, const Evidence& e) {
  if (criterion.sign_off.empty()) {
    return {};
  }
  const std::string allowed = joined(criterion.sign_off, " or ");
  if (!e.signed_off_by) {
    return fmt::format("not signed off; needs a sign-off by {}", allowed);
  }
  const std::string& signer = e.signed_off_by->id;
  if (signer == e.person) {
    return fmt::format("signed off by {} themself; needs a sign-off by {}", signer, allowed);
  }
  const Person* person = repository.person(signer);
  if (person == nullptr) {
    // check drops evidence naming an unknown signer, so the signer's person file failed to load
    return fmt::format(
        "signed off by {}, whose person file has errors, "
        "so the sign-off cannot be verified (run 'mentorctl check')",
        signer);
  }
  const bool allowed_role = std::any_of(criterion.sign_off.begin(), criterion.sign_off.end(),
                                        [&](const Reference& role) { return person->has_role(role.id); });
  if (allowed_role) {
    return {};
  }
  return fmt::format("signed off by {}, who holds {} (allowed: {})", signer,
                     person->roles.empty() ? std::string("no role") : joined(person->roles, ", "),
                     joined(criterion.sign_off, ", "));
}

CriterionResult evaluate_criterion(const Repository& repository, const Program& program, const Level& level,
                                   const Criterion& criterion, const std::string& person, Date as_of) {
  CriterionResult result{criterion.id, criterion.text, false, {}, std::nullopt, {}};
  const Evidence* latest_due = nullptr;
  const Evidence* earliest_future = nullptr;
  std::string problem;
  for (const Evidence* e : repository.evidence_of(person)) {
    if (!evidence_of_program(*e, program) || e->level != level.id || e->criterion != criterion.id) {
      continue;
    }
    if (e->date > as_of) {
      if (earliest_future == nullptr || e->date < earliest_future->date) {
        earliest_future = e;
      }
      continue;
    }
    std::string why = sign_off_problem(repository, criterion, *e);
    if (why.empty()) {
      result.met = true;
      result.reason.clear();
      result.date = e->date;
      result.signed_off_by = e->signed_off_by ? e->signed_off_by->id : std::string();
      return result;  // the first evidence that meets it
    }
    if (latest_due == nullptr || e->date >= latest_due->date) {
      latest_due = e;
      problem = std::move(why);
    }
  }
  if (latest_due != nullptr) {
    result.reason = problem;
    result.date = latest_due->date;
    result.signed_off_by = latest_due->signed_off_by ? latest_due->signed_off_by->id : std::string();
  } else if (earliest_future != nullptr) {
    result.reason = fmt::format("evidence dated {}, after the as-of date {}",
                                format_date(earliest_future->date), format_date(as_of));
    result.date = earliest_future->date;
  } else {
    result.reason = "no evidence";
  }
  return result;
}

RequiredLevel evaluate_required(const Repository& repository, const Program& program,
                                const std::string& level, const std::string& person, Date as_of) {
  RequiredLevel result{level, false, {}};
  std::optional<Date> expired;
  std::optional<Date> future;
  for (const Certificate* c : repository.certificates_of(person)) {
    if (!certificate_of_program(*c, program) || c->level.id != level) {
      continue;
    }
    if (certificate_held_on(*c, as_of)) {
      result.held = true;
      return result;
    }
    if (c->awarded > as_of) {
      future = future ? std::min(*future, c->awarded) : c->awarded;
    } else if (c->expires) {
      expired = expired ? std::max(*expired, *c->expires) : *c->expires;
    }
  }
  if (expired) {
    result.reason = fmt::format("expired on {}", format_date(*expired));
  } else if (future) {
    result.reason = fmt::format("not yet valid (awarded {})", format_date(*future));
  } else {
    result.reason = "not awarded";
  }
  return result;
}

}  // namespace

int LevelResult::open_criteria() const {
  return static_cast<int>(
      std::count_if(criteria.begin(), criteria.end(), [](const auto& c) { return !c.met; }));
}

Result<const Program*> certifying_program(const Repository& repository, const std::string& program) {
  const std::vector<const Program*> certifying = certifying_programs(repository);
  if (!program.empty()) {
    const Program* p = repository.program(program);
    if (p == nullptr) {
      return Error{fmt::format("there is no program '{}'", program)};
    }
    if (!p->certification) {
      return Error{fmt::format("program '{}' has no certification", program)};
    }
    return p;
  }
  if (certifying.size() == 1) {
    return certifying.front();
  }
  if (certifying.empty()) {
    return Error{"no program has certification levels"};
  }
  std::vector<std::string> ids;
  for (const Program* p : certifying) {
    ids.push_back(p->id);
  }
  return Error{fmt::format("several programs have certification ({}); say which with --program",
                           fmt::join(ids, ", "))};
}

Result<const Level*> certification_level(const Program& program, const std::string& id) {
  if (const Level* level = program.level(id)) {
    return level;
  }
  std::vector<std::string> ids;
  for (const Level& l : program.certification->levels) {
    ids.push_back(l.id);
  }
  return Error{fmt::format("'{}' is not a certification level of {}; levels: {}", id, program.id,
                           fmt::join(ids, ", "))};
}

bool certificate_of_program(const Certificate& certificate, const Program& program) {
  return !certificate.program || certificate.program->id == program.id;
}

bool certificate_held_on(const Certificate& certificate, Date day) {
  return certificate.awarded <= day && (!certificate.expires || day <= *certificate.expires);
}

const Certificate* held_certificate(const Repository& repository, const Program& program,
                                    const std::string& level, const std::string& person, Date day) {
  for (const Certificate* c : repository.certificates_of(person)) {
    if (certificate_of_program(*c, program) && c->level.id == level && certificate_held_on(*c, day)) {
      return c;
    }
  }
  return nullptr;
}

LevelResult evaluate_level(const Repository& repository, const Program& program, const Level& level,
                           const std::string& person, Date as_of) {
  LevelResult result;
  result.person = person;
  if (const Person* p = repository.person(person)) {
    result.name = p->name;
  }
  result.program = program.id;
  result.level = level.id;
  result.level_name = level.name;
  result.as_of = as_of;
  result.met = true;
  for (const Criterion& criterion : level.criteria) {
    result.criteria.push_back(evaluate_criterion(repository, program, level, criterion, person, as_of));
    result.met = result.met && result.criteria.back().met;
  }
  for (const Reference& required : level.requires_) {
    result.requires_.push_back(evaluate_required(repository, program, required.id, person, as_of));
    result.met = result.met && result.requires_.back().held;
  }
  result.held = held_certificate(repository, program, level.id, person, as_of);
  return result;
}

std::vector<std::string> level_candidates(const Repository& repository, const Program& program,
                                          const Level& level) {
  std::set<std::string> ids;
  for (const Person& p : repository.records().people) {
    if (p.takes_part_in(program.id) && p.has_role(program.mentor_role)) {
      ids.insert(p.id);
    }
  }
  for (const Evidence& e : repository.records().evidence) {
    if (evidence_of_program(e, program) && e.level == level.id) {
      ids.insert(e.person);
    }
  }
  return {ids.begin(), ids.end()};
}

std::optional<Date> award_expiry(const Level& level, Date awarded) {
  if (!level.valid_for) {
    return std::nullopt;
  }
  return add_span(awarded, *level.valid_for);
}

std::vector<RecordRow> central_record(const Repository& repository, const ListOptions& options) {
  const std::vector<const Program*> certifying = certifying_programs(repository);
  std::vector<RecordRow> rows;
  for (const Certificate& c : repository.records().certificates) {
    const Program* program = nullptr;
    if (c.program) {
      program = repository.program(c.program->id);
    } else if (certifying.size() == 1) {
      program = certifying.front();
    }
    if (program == nullptr || !program->certification) {
      continue;
    }
    RecordRow row;
    row.certificate = &c;
    row.person = c.person.id;
    if (const Person* p = repository.person(c.person.id)) {
      row.name = p->name;
    }
    row.program = program->id;
    row.level = c.level.id;
    row.expired = c.expires && *c.expires < options.as_of;
    row.not_yet = c.awarded > options.as_of;
    if ((!options.program.empty() && row.program != options.program) ||
        (!options.level.empty() && row.level != options.level) ||
        (!options.person.empty() && row.person != options.person) || (options.expired_only && !row.expired) ||
        (options.valid_on && !certificate_held_on(c, *options.valid_on))) {
      continue;
    }
    if (options.verify) {
      if (const Level* level = program->level(row.level)) {
        const LevelResult at_award = evaluate_level(repository, *program, *level, row.person, c.awarded);
        for (const CriterionResult& criterion : at_award.criteria) {
          if (!criterion.met) {
            row.unsupported.push_back(criterion.id);
          }
        }
      }
    }
    rows.push_back(std::move(row));
  }
  std::stable_sort(rows.begin(), rows.end(), [](const RecordRow& a, const RecordRow& b) {
    return std::tie(a.person, a.program, a.level, a.certificate->awarded) <
           std::tie(b.person, b.program, b.level, b.certificate->awarded);
  });
  return rows;
}

}  // namespace mentorctl
