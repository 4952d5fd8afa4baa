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
  const Finding* finding = nullptr;  // an `hours` finding of a requirement with `per: week|month`
  std::vector<std::string> notes;    // with --include-notes: "DATE: notes" of non-confidential entries
};

struct HoursReport {
  PeriodKind by = PeriodKind::month;
  Date as_of;
  std::vector<SchoolYear> years;
  std::vector<HoursRow> rows;  // in audit order: program, requirement, mentor, mentee, period
  bool include_notes = false;
};

/// The rows of `audit` (met findings kept) for hours requirements per `by`.
HoursReport hours_report(const Repository& repository, const AuditResult& audit, PeriodKind by,
                         bool include_notes);

std::string hours_text(const HoursReport& report, StatusStyle style);
/// `program,requirement,mentor,mentee,period,from,to,required_minutes,actual_minutes,status[,notes]`.
std::string hours_csv(const HoursReport& report);
/// `{"by","as_of","school_years","rows":[{"program","requirement","mentor","mentee","period","from","to",
/// "required_minutes","actual_minutes","status"[,"notes"]}]}`.
std::string hours_json(const HoursReport& report);

}  // namespace mentorctl
