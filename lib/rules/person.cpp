// Rules on people (SPEC 4.4-4.7): training, eligibility, caseload, matched-within, and
// the person attributes and conditions they use (3.3, 4.8).
#include "rules/internal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace mentorctl {

/// A person's attribute: its items (one for a scalar), or why it is missing.
struct ConditionEvaluator::Value {
  std::vector<std::string> items;  // empty: missing
  bool list = false;
  std::optional<double> number;  // a scalar that is a number
  bool years = false;            // a derived count of years (unit years)
  std::string missing;           // "career_start not recorded"

  [[nodiscard]] bool present() const { return !items.empty(); }
  [[nodiscard]] std::string text() const { return fmt::format("{}", fmt::join(items, ", ")); }
};

namespace {

std::optional<double> parse_number(const std::string& text) {
  double value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc{} || ptr != end || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

using Value = ConditionEvaluator::Value;

Value scalar(std::string text, const std::string& name) {
  Value v;
  if (text.empty()) {
    v.missing = name + " not recorded";
    return v;
  }
  v.number = parse_number(text);
  v.items.push_back(std::move(text));
  return v;
}

Value derived_number(int number) {
  Value v;
  v.items.push_back(std::to_string(number));
  v.number = number;
  v.years = true;
  return v;
}

Value list_value(std::vector<std::string> items, const std::string& name) {
  items.erase(std::remove(items.begin(), items.end(), std::string{}), items.end());
  Value v;
  v.list = true;
  if (items.empty()) {
    v.missing = name + " not recorded";
  }
  v.items = std::move(items);
  return v;
}

std::vector<std::string> ids_of(const std::vector<Reference>& references) {
  std::vector<std::string> ids;
  ids.reserve(references.size());
  for (const auto& r : references) {
    ids.push_back(r.id);
  }
  return ids;
}

std::string date_text(const std::optional<Date>& day) { return day ? format_date(*day) : std::string{}; }

std::string quoted_list(const std::vector<std::string>& values) {
  return fmt::format("{}", fmt::join(values, ", "));
}

bool value_matches(const Value& v, const std::vector<std::string>& wanted) {
  return std::any_of(v.items.begin(), v.items.end(), [&](const std::string& item) {
    return std::find(wanted.begin(), wanted.end(), item) != wanted.end();
  });
}

ConditionOutcome compare_number(const Value& v, const Condition& c) {
  ConditionOutcome out;
  const bool at_least = c.op == Condition::Op::min;
  const char* bound_word = at_least ? "minimum" : "maximum";
  out.unit = v.years ? FindingUnit::years : FindingUnit::count;
  out.required = number_value(c.number);
  if (!v.present()) {
    out.message = v.missing;
    return out;
  }
  if (!v.number || v.list) {
    out.unit = FindingUnit::value;
    out.required = rules_detail::format_number(c.number);
    out.actual = v.text();
    out.message = fmt::format("{} is '{}', not a number (the {} is {})", c.attribute, v.text(), bound_word,
                              rules_detail::format_number(c.number));
    return out;
  }
  out.actual = number_value(*v.number);
  out.holds = at_least ? *v.number >= c.number : *v.number <= c.number;
  const std::string shown = rules_detail::human_quantity(out.actual, out.unit);
  const std::string bound = rules_detail::human_quantity(out.required, out.unit);
  out.message = out.holds ? fmt::format("{} is {} ({} {})", c.attribute, shown, bound_word, bound)
                          : fmt::format("{} is {}, {} the {} of {}", c.attribute, shown,
                                        at_least ? "below" : "above", bound_word, bound);
  return out;
}

ConditionOutcome compare_text(const Value& v, const Condition& c) {
  ConditionOutcome out;
  out.unit = FindingUnit::value;
  if (c.op == Condition::Op::present) {
    out.required = std::string(c.present ? "present" : "absent");
    out.holds = v.present() == c.present;
    if (v.present()) {
      out.actual = v.text();
    }
    out.message = !v.present() ? (c.present ? v.missing : fmt::format("{} is absent", c.attribute))
                  : c.present  ? fmt::format("{} is '{}'", c.attribute, v.text())
                               : fmt::format("{} is '{}' but should be absent", c.attribute, v.text());
    return out;
  }
  out.required = quoted_list(c.values);
  if (!v.present()) {
    out.message = v.missing;
    return out;
  }
  out.actual = v.text();
  out.holds = value_matches(v, c.values);
  if (out.holds) {
    out.message = fmt::format("{} is '{}'", c.attribute, v.text());
  } else if (c.op == Condition::Op::equals) {
    out.message = fmt::format("{} is '{}', not '{}'", c.attribute, v.text(), quoted_list(c.values));
  } else {
    out.message = fmt::format("{} is '{}', not one of: {}", c.attribute, v.text(), quoted_list(c.values));
  }
  return out;
}

}  // namespace

ConditionEvaluator::ConditionEvaluator(const Records& records) : calendars_(records) {
  for (const auto& pairing : records.pairings) {
    mentor_pairings_[{pairing.program.id, pairing.mentor.id}].push_back(&pairing);
  }
  for (const auto& application : records.applications) {
    // The first application in file order wins when a person applied twice.
    applications_.emplace(std::make_tuple(application.person.id, application.program.id, application.year),
                          &application);
  }
}

int ConditionEvaluator::service_year(const std::string& person, const std::string& program,
                                     SchoolYear year) const {
  const auto it = mentor_pairings_.find({program, person});
  if (it == mentor_pairings_.end()) {
    return 0;
  }
  std::set<SchoolYear> served;
  for (const Pairing* p : it->second) {
    const Date end = calendars_.pairing_end(*p);
    if (end < p->start) {
      continue;
    }
    const SchoolYear last = std::min(calendars_.year_of(end), year);
    for (SchoolYear y = calendars_.year_of(p->start); y <= last; ++y.start_year) {
      served.insert(y);
    }
  }
  return static_cast<int>(served.size());
}

ConditionEvaluator::Value ConditionEvaluator::application_field(const Person& person,
                                                                const std::string& field,
                                                                const std::string& program,
                                                                SchoolYear year) const {
  const auto it = applications_.find(std::make_tuple(person.id, program, year));
  if (it == applications_.end()) {
    Value v;
    v.missing =
        fmt::format("no application of {} to {} for {}", person.id, program, format_school_year(year));
    return v;
  }
  const Application& a = *it->second;
  const std::string name = "application." + field;
  if (field == "submitted") {
    return scalar(date_text(a.submitted), name);
  }
  if (field == "nominated_by") {
    return scalar(a.nominated_by ? a.nominated_by->id : std::string{}, name);
  }
  if (field == "interview") {
    return scalar(a.interview, name);
  }
  if (field == "decision") {
    return scalar(a.decision, name);
  }
  if (field == "person" || field == "program") {
    return scalar(field == "person" ? a.person.id : a.program.id, name);
  }
  return scalar({}, name);
}

ConditionEvaluator::Value ConditionEvaluator::attribute(const Person& p, const std::string& name,
                                                        const std::string& program, SchoolYear year,
                                                        Date day) const {
  if (name == "years_experience" || name == "years_in_position") {
    const auto& start = name == "years_experience" ? p.career_start : p.position_start;
    if (!start) {
      Value v;
      v.years = true;
      v.missing = name == "years_experience" ? "career_start not recorded" : "position_start not recorded";
      return v;
    }
    return derived_number(whole_years_between(*start, day));
  }
  if (name == "service_year") {
    return derived_number(service_year(p.id, program, year));
  }
  if (name.rfind("application.", 0) == 0) {
    return application_field(p, name.substr(12), program, year);
  }
  const std::map<std::string, std::string> scalars = {
      {"id", p.id},
      {"name", p.name},
      {"email", p.email},
      {"enrolled", date_text(p.enrolled)},
      {"left", date_text(p.left)},
      {"district", p.district},
      {"site", p.site},
      {"position", p.position},
      {"credential", p.credential},
      {"career_start", date_text(p.career_start)},
      {"position_start", date_text(p.position_start)},
      {"rating", p.rating},
      {"capacity", p.capacity ? std::to_string(*p.capacity) : std::string{}}};
  if (const auto it = scalars.find(name); it != scalars.end()) {
    return scalar(it->second, name);
  }
  if (name == "roles" || name == "programs") {
    return list_value(ids_of(name == "roles" ? p.roles : p.programs), name);
  }
  if (name == "subjects" || name == "grades") {
    return list_value(name == "subjects" ? p.subjects : p.grades, name);
  }
  // `attributes.<name>`, or a bare name that is no person field (as matching reads it).
  const std::string key = name.rfind("attributes.", 0) == 0 ? name.substr(11) : name;
  for (const auto& [attribute, text] : p.attributes) {
    if (attribute == key) {
      return scalar(text, name);
    }
  }
  return scalar({}, name);
}

ConditionOutcome ConditionEvaluator::evaluate(const Person& person, const Condition& condition,
                                              const std::string& program, SchoolYear year, Date day) const {
  const Value v = attribute(person, condition.attribute, program, year, day);
  if (condition.op == Condition::Op::min || condition.op == Condition::Op::max) {
    return compare_number(v, condition);
  }
  return compare_text(v, condition);
}

bool ConditionEvaluator::all_hold(const Person& person, const std::vector<Condition>& conditions,
                                  const std::string& program, SchoolYear year, Date day) const {
  return std::all_of(conditions.begin(), conditions.end(),
                     [&](const Condition& c) { return evaluate(person, c, program, year, day).holds; });
}

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
    const Person* who = person(id);
    if (who == nullptr || !when_holds(r, *who, program.id, first_active)) {
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
  if (const auto it = sessions_by_attendee_.find(mentor.id); it != sessions_by_attendee_.end()) {
    for (const TrainingSession* s : it->second) {
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
  const FindingStatus status = first != nullptr
                                   ? (first->start <= deadline ? FindingStatus::met : FindingStatus::unmet)
                               : deadline < options_.as_of ? FindingStatus::unmet
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
