#include "rules/rules.hpp"

#include "model/values.hpp"
#include "rules/internal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace mentorctl {

AuditSummary AuditResult::summary() const {
  AuditSummary counts;
  counts.record_errors = record_errors;
  counts.met = uncollected_met;
  for (const auto& finding : findings) {
    switch (finding.status) {
      case FindingStatus::met:
        ++counts.met;
        break;
      case FindingStatus::due:
        ++counts.due;
        break;
      case FindingStatus::unmet:
        ++counts.unmet;
        break;
    }
  }
  return counts;
}

bool AuditResult::has_failures(bool strict) const {
  return std::any_of(findings.begin(), findings.end(), [&](const Finding& f) {
    return f.status == FindingStatus::unmet && (strict || f.severity == Severity::error);
  });
}

const AuditedRequirement* AuditResult::requirement_of(const Finding& finding) const {
  const auto program =
      std::lower_bound(programs.begin(), programs.end(), finding.program,
                       [](const AuditedProgram& p, const std::string& id) { return p.id < id; });
  if (program == programs.end() || program->id != finding.program ||
      finding.requirement_index >= program->requirements.size()) {
    return nullptr;
  }
  return &program->requirements[finding.requirement_index];
}

namespace rules_detail {

void DatedTotals::clear() {
  days_.clear();
  prefix_.resize(1);
}

void DatedTotals::add(Date day, std::int64_t amount) {
  days_.push_back(day);
  prefix_.push_back(prefix_.back() + amount);
}

std::int64_t DatedTotals::total(Date from, Date to) const {
  if (to < from) {
    return 0;
  }
  const auto first = std::lower_bound(days_.begin(), days_.end(), from) - days_.begin();
  const auto last = std::upper_bound(days_.begin(), days_.end(), to) - days_.begin();
  return prefix_[static_cast<std::size_t>(last)] - prefix_[static_cast<std::size_t>(first)];
}

Date add_span_capped(Date day, Span span) {
  static const Date last{date::year{9999} / date::December / date::day{31}};
  const std::int64_t count = span.count;
  if (span.unit == Span::Unit::days || span.unit == Span::Unit::weeks) {
    const std::int64_t days = span.unit == Span::Unit::weeks ? 7 * count : count;
    return day < last && days > (last - day).count() ? last : day + date::days{days};
  }
  const date::year_month_day ymd{day};
  const std::int64_t months = span.unit == Span::Unit::years ? 12 * count : count;
  const std::int64_t month_index =
      static_cast<int>(ymd.year()) * std::int64_t{12} + static_cast<unsigned>(ymd.month()) - 1 + months;
  return month_index / 12 > 9999 ? last : add_span(day, span);
}

std::string plural(std::int64_t count, const char* singular, const char* plural_form) {
  return fmt::format("{} {}", count, count == 1 ? singular : plural_form);
}

Auditor::Auditor(const Repository& repository, const AuditOptions& options,
                 const std::vector<SchoolYear>& years)
    : repository_(repository),
      records_(repository.records()),
      options_(options),
      calendars_(repository.calendars()),
      conditions_(repository.conditions()),
      years_(years.begin(), years.end()) {}

const Person* Auditor::person(std::string_view id) const { return repository_.person(id); }

const Person* Auditor::subject(std::string_view id) const {
  const Person* found = repository_.person(id);
  return found != nullptr ? found : repository_.unverified(id);
}

bool Auditor::can_evaluate(std::span<const Condition> conditions, const Person& subject) const {
  return !repository_.has_unverified() || repository_.unverified(subject.id) != &subject ||
         !ConditionEvaluator::any_reads_person_file(conditions);
}

void Auditor::add(Finding&& finding) {
  if (repository_.has_unverified()) {
    if (finding.mentor && repository_.unverified(*finding.mentor) != nullptr) {
      finding.unverified |= finding_unverified_mentor;
    }
    if (finding.mentee && repository_.unverified(*finding.mentee) != nullptr) {
      finding.unverified |= finding_unverified_mentee;
    }
    finding.message += incomplete_note(finding);
  }
  findings_.push_back(std::move(finding));
}

const std::vector<const Pairing*>& Auditor::pairings_of(const std::string& program) const {
  return repository_.pairings_of(program);
}

const std::vector<const Pairing*>& Auditor::pairings_as_mentor(const std::string& program,
                                                               const std::string& person) const {
  return repository_.pairings_as_mentor(program, person);
}

const std::vector<const Pairing*>& Auditor::pairings_as_mentee(const std::string& program,
                                                               const std::string& person) const {
  return repository_.pairings_as_mentee(program, person);
}

bool Auditor::when_holds(const Requirement& requirement, const Person& subject, const std::string& program,
                         Date day) const {
  // A `when` that reads an unverified person's file cannot be decided: the rule is left
  // out for them (docs/audit.md, "Person files with errors").
  return can_evaluate(requirement.when, subject) &&
         conditions_.all_hold(subject, requirement.when, program, calendars_.year_of(day), day);
}

Finding Auditor::new_finding(const Program& program, std::size_t index) const {
  const Requirement& r = program.requirements[index];
  Finding f;
  f.severity = r.severity;
  f.program = program.id;
  f.requirement = r.id;
  f.requirement_index = index;
  f.type = r.type;
  f.source = repository_.requirement_source(r);
  return f;
}

Finding Auditor::new_mentor_rule_finding(const Program& program, std::size_t index, SchoolYear year) const {
  Finding f = new_finding(program, index);
  const DateRange span = calendars_.teaching_span(year);
  f.period = format_school_year(year);
  f.from = span.first;
  f.to = span.last;
  return f;
}

void Auditor::evaluate_requirement(const Program& program, std::size_t index,
                                   const std::vector<MentorScope>& scopes,
                                   const std::vector<PairingContext>& pairings) {
  switch (program.requirements[index].type) {
    case RequirementType::hours:
    case RequirementType::meetings:
    case RequirementType::observations:
      for (const PairingContext& pairing : pairings) {
        pair_rule(program, index, pairing);
      }
      break;
    case RequirementType::milestone:
      for (const PairingContext& pairing : pairings) {
        milestone(program, index, pairing);
      }
      break;
    case RequirementType::matched_within:
      for (const auto& p : records_.people) {
        matched_within(program, index, p);
      }
      break;
    case RequirementType::training:
    case RequirementType::eligibility:
    case RequirementType::caseload:
      for (const auto& scope : scopes) {
        mentor_rule(program, index, scope);
      }
      break;
  }
}

std::deque<Finding> Auditor::run() {
  std::vector<const Program*> programs;
  for (const auto& program : records_.programs) {
    if (options_.program.empty() || program.id == options_.program) {
      programs.push_back(&program);
    }
  }
  std::stable_sort(programs.begin(), programs.end(),
                   [](const Program* a, const Program* b) { return a->id < b->id; });
  // Programs by id and requirements in file order give the first two sort keys: only
  // each requirement's own findings need sorting, and they usually come sorted.
  for (const Program* program : programs) {
    std::vector<MentorScope> scopes;
    for (const SchoolYear year : years_) {
      scopes.push_back(mentor_scope(*program, year));
    }
    const std::vector<PairingContext> pairings = pairing_contexts(*program);
    for (std::size_t index = 0; index < program->requirements.size(); ++index) {
      const auto first = static_cast<std::ptrdiff_t>(findings_.size());
      evaluate_requirement(*program, index, scopes, pairings);
      const auto group = findings_.begin() + first;
      if (!std::is_sorted(group, findings_.end(), finding_less)) {
        std::stable_sort(group, findings_.end(), finding_less);
      }
    }
  }
  return std::move(findings_);
}

bool Auditor::keeps(FindingStatus status, const std::string* mentor, const std::string* mentee) {
  if ((!options_.mentor.empty() && (mentor == nullptr || *mentor != options_.mentor)) ||
      (!options_.mentee.empty() && (mentee == nullptr || *mentee != options_.mentee))) {
    return false;
  }
  if (status == FindingStatus::met && !options_.keep_met) {
    ++uncollected_met_;
    return false;
  }
  return true;
}

bool finding_less(const Finding& a, const Finding& b) {
  // std::string compares bytewise; an empty optional sorts before any value.
  return std::tie(a.program, a.requirement_index, a.mentor, a.mentee, a.from, a.to, a.period, a.message) <
         std::tie(b.program, b.requirement_index, b.mentor, b.mentee, b.from, b.to, b.period, b.message);
}

}  // namespace rules_detail

std::vector<SchoolYear> school_years_with_records(const Records& records) {
  std::set<SchoolYear> years;
  for (const auto& file : records.files) {
    const std::string& path = file.path;
    const auto slash = path.find('/');
    if (slash == std::string::npos) {
      continue;
    }
    const std::string folder = path.substr(0, slash);
    if (folder != "calendars" && folder != "pairings" && folder != "logs" && folder != "observations" &&
        folder != "trainings" && folder != "applications") {
      continue;
    }
    // calendars/2026-27.yaml or logs/2026-27/jdoe.yaml: the label follows the folder.
    const std::string_view rest = std::string_view(path).substr(slash + 1);
    if (const auto year = parse_school_year(rest.substr(0, rest.find_first_of("/.")))) {
      years.insert(*year);
    }
  }
  const MonthDay start = records.settings.school_year_start;
  for (const auto& person : records.people) {
    if (person.enrolled) {
      years.insert(school_year_of(*person.enrolled, start));
    }
  }
  return {years.begin(), years.end()};
}

AuditResult audit(const Records& records, const AuditOptions& options) {
  const Repository repository(records);
  return audit(repository, options);
}

AuditResult audit(const Repository& repository, const AuditOptions& options) {
  const Records& records = repository.records();
  AuditResult result;
  result.as_of = options.as_of;
  result.record_errors = records.record_errors();
  for (const auto& file : records.files) {
    // programs/ID.yaml: a program file that did not load is named, so that an audit never
    // reads as "nothing applies" when the rules themselves are missing.
    if (file.kind == FileKind::program && !file.loaded &&
        (options.program.empty() || file.stem() == options.program)) {
      result.programs_not_loaded.push_back(file.path);
    }
  }
  if (options.all_years) {
    result.school_years = school_years_with_records(records);
  } else if (options.years.empty()) {
    result.school_years = {school_year_of(options.as_of, records.settings.school_year_start)};
  } else {
    std::set<SchoolYear> unique(options.years.begin(), options.years.end());
    result.school_years.assign(unique.begin(), unique.end());
  }
  for (const auto& program : records.programs) {
    if (!options.program.empty() && program.id != options.program) {
      continue;
    }
    AuditedProgram audited{program.id, program.name, {}};
    for (const auto& r : program.requirements) {
      audited.requirements.push_back({r.id, r.type, r.severity, r.text,
                                      fmt::format("{}:{}", records.path_of(r.source), r.source.mark.line)});
    }
    result.programs.push_back(std::move(audited));
  }
  std::sort(result.programs.begin(), result.programs.end(),
            [](const AuditedProgram& a, const AuditedProgram& b) { return a.id < b.id; });

  rules_detail::Auditor auditor(repository, options, result.school_years);
  result.findings = auditor.run();
  result.uncollected_met = auditor.uncollected_met();
  return result;
}

}  // namespace mentorctl
