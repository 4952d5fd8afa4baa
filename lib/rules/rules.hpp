// The requirements engine (SPEC 4): evaluates every requirement of every program
// against the records and returns one finding per subject and period.
#pragma once

#include "model/findings.hpp"
#include "repo/repository.hpp"

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <variant>
#include <vector>

namespace mentorctl {

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
  std::vector<std::string> programs_not_loaded;  // program files in scope skipped whole for their
                                                 // errors: their requirements were not evaluated

  /// Counts of met (kept or not), due and unmet findings, and record_errors.
  [[nodiscard]] AuditSummary summary() const;
  /// Whether an unmet finding of error severity (any severity with `strict`) exists.
  [[nodiscard]] bool has_failures(bool strict) const;
  /// The requirement a finding is about; nullptr when its program is not in `programs`.
  [[nodiscard]] const AuditedRequirement* requirement_of(const Finding& finding) const;
};

/// Evaluates the requirements of validated records (SPEC 4). Never fails: records that
/// cannot be evaluated (unknown people, missing fields) produce no finding or an unmet one.
AuditResult audit(const Repository& repository, const AuditOptions& options);
/// The same, building the Repository of `records` first.
AuditResult audit(const Records& records, const AuditOptions& options);

/// The school years `--year all` covers: those with a file in calendars/, pairings/,
/// logs/, observations/, trainings/ or applications/, or a person enrolled in them.
std::vector<SchoolYear> school_years_with_records(const Records& records);

}  // namespace mentorctl
