// `mentorctl report hours`: per pairing, minutes per week or month against the program's
// hours requirement for that period, as the audit computes it (prorated as it prorates).
#pragma once

#include "repo/repository.hpp"
#include "report/status_report.hpp"
#include "rules/rules.hpp"

#include <string>
#include <vector>

namespace mentorctl {

struct HoursRow {
  const Finding* finding = nullptr;  // an `hours` finding of a requirement with `per: week|month`, or
                                     // null: a pairing whose program has no such requirement
  std::string program, mentor, mentee, period;
  Date from, to;
  std::int64_t minutes = 0;        // logged in the period (the finding's actual, when there is one)
  std::vector<std::string> notes;  // with --include-notes: "DATE: notes" of non-confidential entries
};

/// The pairings to report: empty strings match everyone.
struct HoursFilter {
  std::string program;
  std::string mentor;
  std::string mentee;
};

struct HoursReport {
  PeriodKind by = PeriodKind::month;
  Date as_of;
  std::vector<SchoolYear> years;
  std::vector<HoursRow> rows;  // the audit's rows in its order (program, requirement, mentor, mentee,
                               // period), then the pairings without a target, by program, mentor, mentee
  bool include_notes = false;
};

/// The rows of `audit` (met findings kept) for hours requirements per `by`.
HoursReport hours_report(const Repository& repository, const AuditResult& audit, PeriodKind by,
                         const HoursFilter& filter, bool include_notes);

std::string hours_text(const HoursReport& report, StatusStyle style);
/// `program,requirement,mentor,mentee,period,from,to,required_minutes,actual_minutes,status[,notes]`.
std::string hours_csv(const HoursReport& report);
/// `{"by","as_of","school_years","rows":[{"program","requirement","mentor","mentee","period","from","to",
/// "required_minutes","actual_minutes","status"[,"notes"]}]}`; requirement, required_minutes and status
/// are null for a pairing without a target.
std::string hours_json(const HoursReport& report);

}  // namespace mentorctl
