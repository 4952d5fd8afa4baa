// Rules on people (SPEC 4.4-4.7): training, eligibility, caseload, matched-within.
#include "rules/internal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace mentorctl {

namespace rules_detail {
namespace {

const date::days one_day{1};

bool kind_listed(const Requirement& requirement, const std::string& kind) {
  return requirement.kinds.empty() ||
         std::find(requirement.kinds.begin(), requirement.kinds.end(), kind) != requirement.kinds.end();
}

}  // namespace

MentorScope Auditor::mentor_scope(const Program& program, SchoolYear year) const {
  const DateRange bounds = calendars_.bounds(year);
  MentorScope scope{year, {}, {}};
  std::set<std::string_view> started_mentors;
  std::set<std::string_view> started_mentees;
  const auto note = [&](std::map<std::string_view, Date>& people, std::set<std::string_view>& started,
                        const Pairing& p, std::string_view id) {
    const Date first_active = std::max(bounds.first, p.start);
    const auto [it, inserted] = people.emplace(id, first_active);
    if (!inserted) {
      it->second = std::min(it->second, first_active);
    }
    if (p.start <= options_.as_of) {
      started.insert(id);
    }
  };
  for (const Pairing* p : pairings_of(program.id)) {
    const Date end = calendars_.pairing_end(*p);
    if (end < bounds.first || p->start > bounds.last || end < p->start) {
      continue;
    }
    note(scope.mentors, started_mentors, *p, p->mentor.id);
    note(scope.mentees, started_mentees, *p, p->mentee.id);
  }
  std::erase_if(scope.mentors, [&](const auto& item) { return started_mentors.count(item.first) == 0; });
  std::erase_if(scope.mentees, [&](const auto& item) { return started_mentees.count(item.first) == 0; });
  return scope;
}

void Auditor::mentor_rule(const Program& program, std::size_t index, const MentorScope& scope) {
  const Requirement& r = program.requirements[index];
  const bool for_mentees = r.type == RequirementType::eligibility && r.subject_mentee;
  for (const auto& [id, first_active] : for_mentees ? scope.mentees : scope.mentors) {
    const Person* who = subject(id);
    if (who == nullptr || !when_holds(r, *who, program.id, first_active) ||
        (r.condition && !can_evaluate(std::span(&*r.condition, 1), *who))) {
      continue;
    }
    switch (r.type) {
      case RequirementType::training:
        training(program, index, *who, scope.year);
        break;
      case RequirementType::eligibility:
        eligibility(program, index, *who, scope.year, first_active);
        break;
      case RequirementType::caseload:
        caseload(program, index, *who, scope.year);
        break;
      default:
        break;
    }
  }
}

void Auditor::training(const Program& program, std::size_t index, const Person& mentor, SchoolYear year) {
  const Requirement& r = program.requirements[index];
  if (!r.min) {
    return;
  }
  std::int64_t actual = 0;
  {
    for (const TrainingSession* s : repository_.sessions_attended(mentor.id)) {
      const bool in_scope = r.scope_ever ? s->year <= year : s->year == year;
      if (in_scope && s->date <= options_.as_of && kind_listed(r, s->kind)) {
        actual += r.min_is_duration ? s->minutes.value_or(0) : 1;
      }
    }
  }
  const FindingStatus status = actual >= *r.min                                       ? FindingStatus::met
                               : calendars_.teaching_span(year).last < options_.as_of ? FindingStatus::unmet
                                                                                      : FindingStatus::due;
  if (!keeps(status, &mentor.id, nullptr)) {
    return;
  }
  Finding f = new_mentor_rule_finding(program, index, year);
  f.mentor = mentor.id;
  f.required = *r.min;
  f.actual = actual;
  f.unit = r.min_is_duration ? FindingUnit::minutes : FindingUnit::count;
  f.status = status;
  const std::string kinds = r.kinds.empty() ? std::string{} : fmt::format(" ({})", fmt::join(r.kinds, ", "));
  const std::string scope = r.scope_ever ? fmt::format("up to school year {}", *f.period)
                                         : fmt::format("in school year {}", *f.period);
  f.message = r.min_is_duration
                  ? fmt::format("{} of {} of training{} {}", human_quantity(actual, FindingUnit::minutes),
                                human_quantity(*r.min, FindingUnit::minutes), kinds, scope)
                  : fmt::format("attended {} of {}{} {}", actual, plural(*r.min, "session", "sessions"),
                                kinds, scope);
  if (f.status == FindingStatus::due) {
    const std::int64_t missing = *r.min - actual;
    f.message += fmt::format("; {} by {}",
                             r.min_is_duration
                                 ? human_quantity(missing, FindingUnit::minutes) + " more"
                                 : fmt::format("{} more {}", missing, missing == 1 ? "session" : "sessions"),
                             format_date(f.to));
  }
  f.school_year = year;
  f.records.file = fmt::format("trainings/{}.yaml", format_school_year(year));
  add(std::move(f));
}

void Auditor::eligibility(const Program& program, std::size_t index, const Person& subject, SchoolYear year,
                          Date first_active) {
  const Requirement& r = program.requirements[index];
  if (!r.condition) {
    return;
  }
  const ConditionOutcome outcome =
      conditions_.evaluate(subject, *r.condition, program.id, year, first_active);
  const FindingStatus status = outcome.holds ? FindingStatus::met : FindingStatus::unmet;
  if (!keeps(status, r.subject_mentee ? nullptr : &subject.id, r.subject_mentee ? &subject.id : nullptr)) {
    return;
  }
  Finding f = new_mentor_rule_finding(program, index, year);
  if (r.subject_mentee) {
    f.mentee = subject.id;
  } else {
    f.mentor = subject.id;
  }
  f.required = outcome.required;
  f.actual = outcome.actual;
  f.unit = outcome.unit;
  f.status = status;
  // Derived years depend on the day; other attributes are read as recorded.
  f.message = outcome.unit == FindingUnit::years && !std::holds_alternative<std::monostate>(outcome.actual)
                  ? fmt::format("as of {}, {}", format_date(first_active), outcome.message)
                  : outcome.message;
  f.school_year = year;
  f.records.file = records_.path_of(subject.source);
  f.records.line = std::max<std::uint32_t>(1, subject.source.mark.line);
  add(std::move(f));
}

void Auditor::caseload(const Program& program, std::size_t index, const Person& mentor, SchoolYear year) {
  const Requirement& r = program.requirements[index];
  if (!r.max) {
    return;
  }
  const DateRange bounds = calendars_.bounds(year);
  // +1 on the first active day of each pairing, -1 the day after its last.
  std::map<Date, int> changes;
  std::vector<const Pairing*> mine;
  for (const Pairing* p : pairings_as_mentor(program.id, mentor.id)) {
    const Date end = std::min(calendars_.pairing_end(*p), bounds.last);
    const Date start = std::max(p->start, bounds.first);
    if (end < start) {
      continue;
    }
    mine.push_back(p);
    ++changes[start];
    --changes[end + one_day];
  }
  int active = 0;
  int most = 0;
  int first_over_count = 0;
  std::optional<Date> first_over;
  for (const auto& [day, change] : changes) {
    active += change;
    most = std::max(most, active);
    if (!first_over && active > *r.max) {
      first_over = day;
      first_over_count = active;
    }
  }
  const FindingStatus status = first_over ? FindingStatus::unmet : FindingStatus::met;
  if (!keeps(status, &mentor.id, nullptr)) {
    return;
  }
  Finding f = new_mentor_rule_finding(program, index, year);
  f.mentor = mentor.id;
  f.required = *r.max;
  f.actual = static_cast<std::int64_t>(most);
  f.unit = FindingUnit::count;
  f.school_year = year;
  f.status = status;
  f.message = first_over ? fmt::format("{} active on {}, more than the maximum of {}",
                                       plural(first_over_count, "pairing", "pairings"),
                                       format_date(*first_over), *r.max)
                         : fmt::format("at most {} active on one day (maximum {})",
                                       plural(most, "pairing", "pairings"), *r.max);
  if (first_over && most > first_over_count) {
    f.message += fmt::format("; up to {} later", most);
  }
  if (first_over) {
    // Point at the pairing that went over the limit: the latest one active that day.
    const Pairing* latest = nullptr;
    for (const Pairing* p : mine) {
      if (p->start <= *first_over && *first_over <= calendars_.pairing_end(*p) &&
          (latest == nullptr || p->start > latest->start)) {
        latest = p;
      }
    }
    if (latest != nullptr) {
      f.records = {records_.path_of(latest->source), std::max<std::uint32_t>(1, latest->source.mark.line)};
    }
  } else {
    f.records.file = fmt::format("pairings/{}.yaml", format_school_year(year));
  }
  add(std::move(f));
}

void Auditor::matched_within(const Program& program, std::size_t index, const Person& mentee) {
  const Requirement& r = program.requirements[index];
  if (!r.within || !mentee.enrolled || *mentee.enrolled > options_.as_of ||
      !mentee.has_role(program.mentee_role) || !mentee.takes_part_in(program.id)) {
    return;
  }
  const Date enrolled = *mentee.enrolled;
  const SchoolYear year = calendars_.year_of(enrolled);
  if (!audited(year) || !when_holds(r, mentee, program.id, enrolled)) {
    return;
  }
  const Date deadline = add_span_capped(enrolled, *r.within);
  const Pairing* first = nullptr;
  for (const Pairing* p : pairings_as_mentee(program.id, mentee.id)) {
    if (first == nullptr || p->start < first->start) {
      first = p;
    }
  }
  // A pairing that starts after the deadline does not close the rule before the
  // deadline has passed: another pairing can still be made in time (SPEC 4.7).
  const FindingStatus status = first != nullptr && first->start <= deadline ? FindingStatus::met
                               : deadline < options_.as_of                  ? FindingStatus::unmet
                                                                            : FindingStatus::due;
  if (!keeps(status, nullptr, &mentee.id)) {
    return;
  }
  Finding f = new_finding(program, index);
  f.status = status;
  f.mentee = mentee.id;
  f.period = format_school_year(year);
  f.from = enrolled;
  f.to = deadline;
  f.required = static_cast<std::int64_t>((deadline - enrolled).count());
  f.unit = FindingUnit::days;
  f.school_year = year;
  f.records.file = fmt::format("pairings/{}.yaml", format_school_year(year));
  if (first != nullptr) {
    const auto days = static_cast<std::int64_t>((first->start - enrolled).count());
    f.actual = days;
    f.records = {records_.path_of(first->source), std::max<std::uint32_t>(1, first->source.mark.line)};
    f.message =
        f.status == FindingStatus::met
            ? fmt::format("paired from {}, {} after enrolling on {} (within {})", format_date(first->start),
                          human_quantity(days, FindingUnit::days), format_date(enrolled),
                          format_span(*r.within))
        : f.status == FindingStatus::due
            ? fmt::format("paired only from {}, {} after enrolling on {}; a pairing must start by {} (within {})",
                          format_date(first->start), human_quantity(days, FindingUnit::days),
                          format_date(enrolled), format_date(deadline), format_span(*r.within))
            : fmt::format("paired only from {}, {} after enrolling on {}; it was due by {} (within {})",
                          format_date(first->start), human_quantity(days, FindingUnit::days),
                          format_date(enrolled), format_date(deadline), format_span(*r.within));
  } else {
    f.message = f.status == FindingStatus::unmet
                    ? fmt::format("not paired; enrolled {}, to be paired by {} ({})", format_date(enrolled),
                                  format_date(deadline), format_span(*r.within))
                    : fmt::format("not paired yet; enrolled {}, to be paired by {}", format_date(enrolled),
                                  format_date(deadline));
  }
  add(std::move(f));
}

}  // namespace rules_detail
}  // namespace mentorctl
