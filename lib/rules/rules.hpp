// The requirements engine (SPEC 4): evaluates every requirement of every program
// against the records and returns one finding per subject and period.
#pragma once

#include "model/calendar.hpp"
#include "model/records.hpp"

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <tuple>
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
  std::string message;      // one line, in human units
  std::string source;       // `programs/X.yaml:LINE` of the requirement
  SchoolYear school_year;   // the school year the finding belongs to (SPEC 4.8)
  RecordsLocation records;  // where the missing records belong (SPEC 6.2, github format)
};

/// What to audit.
struct AuditOptions {
  Date as_of;
  std::vector<SchoolYear> years;  // empty: the school year holding as_of
  bool all_years = false;         // every school year with records (SPEC 4.8); overrides `years`
  std::string program;            // empty: every program
  std::string mentor;             // empty: everyone; else only findings whose mentor is this id
  std::string mentee;             // empty: everyone; else only findings whose mentee is this id
  bool keep_met = true;           // false: met findings are only counted (saves memory on large audits)
};

/// Counts of findings by status, and of records skipped for errors.
struct AuditSummary {
  std::size_t met = 0;
  std::size_t due = 0;
  std::size_t unmet = 0;
  std::size_t record_errors = 0;
};

/// A requirement of an audited program, for reports (findings refer to it by index).
struct AuditedRequirement {
  std::string id;
  RequirementType type = RequirementType::hours;
  Severity severity = Severity::error;
  std::string text;    // the handbook's words
  std::string source;  // `programs/X.yaml:LINE`
};

/// A program in the audit's scope.
struct AuditedProgram {
  std::string id;
  std::string name;
  std::vector<AuditedRequirement> requirements;  // in file order
};

/// Every finding of an audit (met ones too), sorted as SPEC 6.2 lists them.
struct AuditResult {
  Date as_of;
  std::vector<SchoolYear> school_years;  // the audited years, ascending
  std::vector<AuditedProgram> programs;  // the audited programs, by id
  std::deque<Finding> findings;          // sorted: program, requirement, mentor, mentee, from (a deque:
                                         // a million findings are built in place, never moved)
  std::size_t record_errors = 0;         // Records::record_errors() of the audited records
  std::size_t uncollected_met = 0;       // met findings counted but not kept (AuditOptions::keep_met)

  /// Counts of met (kept or not), due and unmet findings, and record_errors.
  [[nodiscard]] AuditSummary summary() const;
  /// Whether an unmet finding of error severity (any severity with `strict`) exists.
  [[nodiscard]] bool has_failures(bool strict) const;
  /// The requirement a finding is about; nullptr when its program is not in `programs`.
  [[nodiscard]] const AuditedRequirement* requirement_of(const Finding& finding) const;
};

/// Evaluates the requirements of validated records (SPEC 4). Never fails: records that
/// cannot be evaluated (unknown people, missing fields) produce no finding or an unmet one.
AuditResult audit(const Records& records, const AuditOptions& options);

/// The school years `--year all` covers: those with a file in calendars/, pairings/,
/// logs/, observations/, trainings/ or applications/, or a person enrolled in them.
std::vector<SchoolYear> school_years_with_records(const Records& records);

/// The outcome of one condition (eligibility or `when`) on one person.
struct ConditionOutcome {
  bool holds = false;
  FindingValue required;
  FindingValue actual;
  FindingUnit unit = FindingUnit::value;
  std::string
      message;  // "years_experience is 2 years, below the minimum of 3 years", "career_start not recorded"
};

/// Person attributes and conditions (SPEC 3.3, 4.5, 4.8), with the lookups they need
/// built once; shared by the rules, `match` and the reports.
class ConditionEvaluator {
 public:
  explicit ConditionEvaluator(const Records& records);

  /// Evaluates a condition on a person as of `day`, for program `program` in school
  /// year `year` (which selects `application.<field>` and bounds `service_year`).
  [[nodiscard]] ConditionOutcome evaluate(const Person& person, const Condition& condition,
                                          const std::string& program, SchoolYear year, Date day) const;
  /// Whether every condition holds (an empty list always holds).
  [[nodiscard]] bool all_hold(const Person& person, const std::vector<Condition>& conditions,
                              const std::string& program, SchoolYear year, Date day) const;
  /// Distinct school years <= `year` in which `person` mentors a pairing of `program`.
  [[nodiscard]] int service_year(const std::string& person, const std::string& program,
                                 SchoolYear year) const;

  /// A person's attribute value (defined where it is computed).
  struct Value;

 private:
  [[nodiscard]] Value attribute(const Person& person, const std::string& name, const std::string& program,
                                SchoolYear year, Date day) const;
  [[nodiscard]] Value application_field(const Person& person, const std::string& field,
                                        const std::string& program, SchoolYear year) const;

  CalendarIndex calendars_;
  std::map<std::pair<std::string, std::string>, std::vector<const Pairing*>>
      mentor_pairings_;  // (program, mentor)
  std::map<std::tuple<std::string, std::string, SchoolYear>, const Application*> applications_;
};

/// "met", "due", "unmet".
const char* status_name(FindingStatus status);
/// "minutes", "count", "days", "years", "value".
const char* unit_name(FindingUnit unit);
/// "hours", "meetings", ..., "matched-within".
const char* requirement_type_name(RequirementType type);

}  // namespace mentorctl
