#include "repo/conditions.hpp"

#include "repo/repository.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

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
    out.required = format_number(c.number);
    out.actual = v.text();
    out.message = fmt::format("{} is '{}', not a number (the {} is {})", c.attribute, v.text(), bound_word,
                              format_number(c.number));
    return out;
  }
  out.actual = number_value(*v.number);
  out.holds = at_least ? *v.number >= c.number : *v.number <= c.number;
  const std::string shown = human_quantity(out.actual, out.unit);
  const std::string bound = human_quantity(out.required, out.unit);
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

int ConditionEvaluator::service_year(const std::string& person, const std::string& program,
                                     SchoolYear year) const {
  const CalendarIndex& calendars = repository_.calendars();
  std::set<SchoolYear> served;
  for (const Pairing* p : repository_.pairings_as_mentor(program, person)) {
    const Date end = calendars.pairing_end(*p);
    if (end < p->start) {
      continue;
    }
    const SchoolYear last = std::min(calendars.year_of(end), year);
    for (SchoolYear y = calendars.year_of(p->start); y <= last; ++y.start_year) {
      served.insert(y);
    }
  }
  return static_cast<int>(served.size());
}

ConditionEvaluator::Value ConditionEvaluator::application_field(const Person& person,
                                                                const std::string& field,
                                                                const std::string& program,
                                                                SchoolYear year) const {
  const Application* application = repository_.application(person.id, program, year);
  if (application == nullptr) {
    Value v;
    v.missing =
        fmt::format("no application of {} to {} for {}", person.id, program, format_school_year(year));
    return v;
  }
  const Application& a = *application;
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

bool ConditionEvaluator::reads_person_file(const AttributeRef& attribute) {
  return attribute.field != AttributeField::id && attribute.field != AttributeField::service_year &&
         attribute.field != AttributeField::application;
}

bool ConditionEvaluator::any_reads_person_file(std::span<const Condition> conditions) {
  return std::any_of(conditions.begin(), conditions.end(),
                     [](const Condition& c) { return reads_person_file(c.attribute); });
}

ConditionEvaluator::Value ConditionEvaluator::attribute(const Person& p, const AttributeRef& attribute,
                                                        const std::string& program, SchoolYear year,
                                                        Date day) const {
  const std::string& name = attribute.name;
  switch (attribute.field) {
    case AttributeField::years_experience:
    case AttributeField::years_in_position: {
      const bool experience = attribute.field == AttributeField::years_experience;
      const auto& start = experience ? p.career_start : p.position_start;
      if (!start) {
        Value v;
        v.years = true;
        v.missing = experience ? "career_start not recorded" : "position_start not recorded";
        return v;
      }
      return derived_number(whole_years_between(*start, day));
    }
    case AttributeField::service_year:
      return derived_number(service_year(p.id, program, year));
    case AttributeField::application:
      return application_field(p, attribute.key, program, year);
    case AttributeField::id:
      return scalar(p.id, name);
    case AttributeField::name:
      return scalar(p.name, name);
    case AttributeField::email:
      return scalar(p.email, name);
    case AttributeField::enrolled:
      return scalar(date_text(p.enrolled), name);
    case AttributeField::left:
      return scalar(date_text(p.left), name);
    case AttributeField::district:
      return scalar(p.district, name);
    case AttributeField::site:
      return scalar(p.site, name);
    case AttributeField::position:
      return scalar(p.position, name);
    case AttributeField::credential:
      return scalar(p.credential, name);
    case AttributeField::career_start:
      return scalar(date_text(p.career_start), name);
    case AttributeField::position_start:
      return scalar(date_text(p.position_start), name);
    case AttributeField::rating:
      return scalar(p.rating, name);
    case AttributeField::capacity:
      return scalar(p.capacity ? std::to_string(*p.capacity) : std::string{}, name);
    case AttributeField::roles:
      return list_value(ids_of(p.roles), name);
    case AttributeField::programs:
      return list_value(ids_of(p.programs), name);
    case AttributeField::subjects:
      return list_value(p.subjects, name);
    case AttributeField::grades:
      return list_value(p.grades, name);
    case AttributeField::custom:
      break;
  }
  for (const auto& [key, text] : p.attributes) {
    if (key == attribute.key) {
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

std::vector<std::string> ConditionEvaluator::values(const Person& person, const AttributeRef& name,
                                                    const std::string& program, SchoolYear year, Date day) const {
  return attribute(person, name, program, year, day).items;
}

bool ConditionEvaluator::all_hold(const Person& person, const std::vector<Condition>& conditions,
                                  const std::string& program, SchoolYear year, Date day) const {
  return std::all_of(conditions.begin(), conditions.end(),
                     [&](const Condition& c) { return evaluate(person, c, program, year, day).holds; });
}

}  // namespace mentorctl
