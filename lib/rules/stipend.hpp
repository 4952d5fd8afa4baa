// The arithmetic of the stipend report (SPEC 6.7): money in integer cents, the exact
// fraction active days / instructional days, rounded half-up to the cent.
#pragma once

#include "rules/rules.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace mentorctl {

/// An exact fraction of a school year: `active` instructional days of `total`.
/// Without `prorate` (or when the year has no instructional day) it is 1/1.
struct StipendFraction {
  std::int64_t active = 1;
  std::int64_t total = 1;
};

/// base × fraction, rounded half-up to the cent, in integer arithmetic.
std::int64_t stipend_amount_cents(std::int64_t base_cents, StipendFraction fraction);

/// The fraction with 4 decimals, rounded half-up (`0.5000`, `1.0000`).
std::string format_stipend_fraction(StipendFraction fraction);

/// Cents as `1500.00` (a minus sign before negative amounts).
std::string format_cents(std::int64_t cents);

/// What to report.
struct StipendOptions {
  Date as_of;
  SchoolYear year;
  std::string program;  // empty: every program with a stipend
};

/// One row of the report (SPEC 6.7).
struct StipendRow {
  std::string program;
  std::string mentor;
  std::string name;
  std::string district;
  std::string mentee;  // empty for basis mentor
  std::int64_t base_cents = 0;
  StipendFraction fraction;
  std::int64_t amount_cents = 0;  // 0 when withheld
  std::string currency;
  bool withheld = false;
  std::vector<std::string> reasons;  // `people/ID.yaml` when the mentor's file has errors, then the unmet
                                     // requirements in program-file order
  std::vector<std::string> reason_details;  // per reason: its first unmet finding in words, and how many more
};

/// The total of the payable rows of one program in one currency.
struct StipendTotal {
  std::string program;
  std::string currency;
  std::int64_t amount_cents = 0;
};

struct StipendReport {
  SchoolYear school_year;
  Date as_of;
  std::vector<StipendRow> rows;      // sorted by program, mentor, mentee
  std::vector<StipendTotal> totals;  // by program
};

/// The stipend rows of `options.year`, withheld by the unmet error findings of `audit`
/// (an audit of the same year, as-of and program: no requirement is evaluated here).
StipendReport compute_stipends(const Repository& repository, const AuditResult& audit,
                               const StipendOptions& options);

}  // namespace mentorctl
