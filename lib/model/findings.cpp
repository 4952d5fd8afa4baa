#include "model/findings.hpp"

#include "model/values.hpp"

#include <fmt/format.h>

#include <cmath>

namespace mentorctl {

const char* status_name(FindingStatus status) {
  switch (status) {
    case FindingStatus::met:
      return "met";
    case FindingStatus::due:
      return "due";
    case FindingStatus::unmet:
      return "unmet";
  }
  return "unmet";
}

const char* unit_name(FindingUnit unit) {
  switch (unit) {
    case FindingUnit::minutes:
      return "minutes";
    case FindingUnit::count:
      return "count";
    case FindingUnit::days:
      return "days";
    case FindingUnit::years:
      return "years";
    case FindingUnit::value:
      return "value";
  }
  return "value";
}

const char* requirement_type_name(RequirementType type) {
  switch (type) {
    case RequirementType::hours:
      return "hours";
    case RequirementType::meetings:
      return "meetings";
    case RequirementType::observations:
      return "observations";
    case RequirementType::milestone:
      return "milestone";
    case RequirementType::training:
      return "training";
    case RequirementType::eligibility:
      return "eligibility";
    case RequirementType::caseload:
      return "caseload";
    case RequirementType::matched_within:
      return "matched-within";
  }
  return "hours";
}

FindingValue number_value(double number) {
  if (std::isfinite(number) && number == std::trunc(number) && std::fabs(number) < 9.0e15) {
    return static_cast<std::int64_t>(number);
  }
  return number;
}

std::optional<double> finding_number(const FindingValue& value) {
  if (const auto* whole = std::get_if<std::int64_t>(&value)) {
    return static_cast<double>(*whole);
  }
  if (const auto* number = std::get_if<double>(&value)) {
    return *number;
  }
  return std::nullopt;
}

std::int64_t finding_whole(const FindingValue& value) {
  if (const auto* whole = std::get_if<std::int64_t>(&value)) {
    return *whole;
  }
  if (const auto* number = std::get_if<double>(&value)) {
    return static_cast<std::int64_t>(*number);
  }
  return 0;
}

std::string format_number(double number) {
  const FindingValue value = number_value(number);
  if (const auto* whole = std::get_if<std::int64_t>(&value)) {
    return std::to_string(*whole);
  }
  return fmt::format("{}", number);
}

std::string human_quantity(const FindingValue& value, FindingUnit unit) {
  if (std::holds_alternative<std::monostate>(value)) {
    return "none";
  }
  if (const auto* text = std::get_if<std::string>(&value)) {
    return *text;
  }
  const double number = std::holds_alternative<std::int64_t>(value)
                            ? static_cast<double>(std::get<std::int64_t>(value))
                            : std::get<double>(value);
  std::string shown = format_number(number);
  switch (unit) {
    case FindingUnit::minutes:
      return std::holds_alternative<std::int64_t>(value) && number >= 0
                 ? format_duration(std::get<std::int64_t>(value))
                 : shown + "m";
    case FindingUnit::days:
      return shown + (number == 1 ? " day" : " days");
    case FindingUnit::years:
      return shown + (number == 1 ? " year" : " years");
    case FindingUnit::count:
    case FindingUnit::value:
      return shown;
  }
  return shown;
}

std::vector<std::string> unverified_people(const Finding& finding) {
  std::vector<std::string> ids;
  if ((finding.unverified & finding_unverified_mentor) != 0 && finding.mentor) {
    ids.push_back(*finding.mentor);
  }
  if ((finding.unverified & finding_unverified_mentee) != 0 && finding.mentee) {
    ids.push_back(*finding.mentee);
  }
  return ids;
}

std::string incomplete_note(const Finding& finding) {
  const std::vector<std::string> ids = unverified_people(finding);
  if (ids.empty()) {
    return {};
  }
  if (ids.size() == 1) {
    return fmt::format(
        " (incomplete: people/{}.yaml has errors, so {}'s role, dates and attributes were not checked)",
        ids[0], ids[0]);
  }
  return fmt::format(
      " (incomplete: people/{}.yaml and people/{}.yaml have errors, so their roles, dates and attributes "
      "were not checked)",
      ids[0], ids[1]);
}

}  // namespace mentorctl
