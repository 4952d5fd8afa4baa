// What the rules conclude (SPEC 6.2): findings, their values and units, and the outcome
// of one condition on a person.
#pragma once

#include "model/records.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace mentorctl {

/// met: satisfied; due: not yet satisfied but still open; unmet: failed.
enum class FindingStatus : std::uint8_t { met, due, unmet };

/// The unit of a finding's `required` and `actual` (SPEC 6.2).
enum class FindingUnit : std::uint8_t { minutes, count, days, years, value };

/// `required` / `actual`: nothing (JSON null), a whole number, a number, or a text.
using FindingValue = std::variant<std::monostate, std::int64_t, double, std::string>;

/// A number as a FindingValue: whole numbers stay integers so they print as `3`, not `3.0`.
FindingValue number_value(double number);

/// A file and line of the records repository (1-based line).
struct RecordsLocation {
  std::string file;
  std::uint32_t line = 1;
};

/// The result of evaluating one requirement for one subject (pairing, mentor or
/// mentee) in one period.
struct Finding {
  FindingStatus status = FindingStatus::met;
  Severity severity = Severity::error;
  std::string program;
  std::string requirement;
  std::size_t requirement_index = 0;  // position in the program file: the sort order
  RequirementType type = RequirementType::hours;
  std::optional<std::string> mentor;  // null where the rule has no mentor subject
  std::optional<std::string> mentee;  // null where the rule has no mentee subject
  std::optional<std::string> period;  // `2026-W38`, `2026-09`, `2026-27`, `FIRST..LAST`; null for milestones
  Date from;
  Date to;
  FindingValue required;
  FindingValue actual;
  FindingUnit unit = FindingUnit::count;
  std::string message;          // one line, in human units
  std::string source;           // `programs/X.yaml:LINE` of the requirement
  SchoolYear school_year;       // the school year the finding belongs to (SPEC 4.8)
  RecordsLocation records;      // where the missing records belong (SPEC 6.2, github format)
  std::uint8_t unverified = 0;  // finding_unverified_mentor | _mentee: whose person file has errors
};

/// Finding::unverified bits: the mentor's / the mentee's person file failed to load, so the
/// checks that need it (role, dates, attributes) were not made and the finding is incomplete.
inline constexpr std::uint8_t finding_unverified_mentor = 1;
inline constexpr std::uint8_t finding_unverified_mentee = 2;

/// The ids of a finding's unverified people (Finding::unverified): mentor, then mentee.
std::vector<std::string> unverified_people(const Finding& finding);
/// What marks an incomplete finding's message: " (incomplete: people/X.yaml has errors, so
/// X's role, dates and attributes were not checked)"; empty for a complete finding.
std::string incomplete_note(const Finding& finding);

/// The outcome of one condition (eligibility or `when`) on one person.
struct ConditionOutcome {
  bool holds = false;
  FindingValue required;
  FindingValue actual;
  FindingUnit unit = FindingUnit::value;
  std::string
      message;  // "years_experience is 2 years, below the minimum of 3 years", "career_start not recorded"
};

/// "met", "due", "unmet".
const char* status_name(FindingStatus status);
/// "minutes", "count", "days", "years", "value".
const char* unit_name(FindingUnit unit);
/// "hours", "meetings", ..., "matched-within".
const char* requirement_type_name(RequirementType type);

/// A value's number (a whole number as a double), or nothing for null and text.
std::optional<double> finding_number(const FindingValue& value);
/// A value's whole number (a fraction truncated), or 0 for null and text: minutes in reports.
std::int64_t finding_whole(const FindingValue& value);

/// `n unit` in human words: `1h30m`, `3`, `14 days`, `3 years`.
std::string human_quantity(const FindingValue& value, FindingUnit unit);
/// `3`, `2.5`.
std::string format_number(double number);

}  // namespace mentorctl
