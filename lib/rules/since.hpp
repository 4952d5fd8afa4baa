// Comparing an audit with one of the same records at an earlier git revision (`audit
// --new-since`, `--fixed-since`): which findings a change made unmet, which it fixed.
#pragma once

#include "rules/rules.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mentorctl {

/// What makes a finding the same finding in audits of different records: its program,
/// requirement, subject (pair or person), period and school year; never its message,
/// figures, severity or status, which change with the records.
struct FindingIdentity {
  std::string program;
  std::string requirement;
  std::optional<std::string> mentor;
  std::optional<std::string> mentee;
  std::optional<std::string> period;
  SchoolYear school_year;
  auto operator<=>(const FindingIdentity&) const = default;
};

FindingIdentity identity_of(const Finding& finding);

/// The earlier audits to compare with (audited with the same AuditOptions); either may
/// be null.
struct AuditBaselines {
  const AuditResult* new_since = nullptr;    // keep the findings unmet now that were not unmet there
  const AuditResult* fixed_since = nullptr;  // keep those unmet there that are not unmet now
};

/// Keeps in `now` only the findings the baselines select, in their order, and forgets
/// the met findings it counted without keeping, so summary() counts what is kept. With
/// `fixed_since`, `now` must have kept its met findings (AuditOptions::keep_met). A
/// finding fixed by going away (unmet there, and no finding of its identity now: its
/// pairing, requirement or period is gone) has nothing to keep in `now`: those are
/// returned, as the baseline has them.
std::vector<Finding> keep_changes(AuditResult& now, const AuditBaselines& baselines);

}  // namespace mentorctl
