// `mentorctl status` (SPEC 5): one mentor's screen, built from the audit's own findings
// so that it can never disagree with `mentorctl audit`.
#pragma once

#include "repo/repository.hpp"
#include "rules/rules.hpp"

#include <string>
#include <vector>

namespace mentorctl {

/// One active pairing of the mentor on the as-of date.
struct StatusPairing {
  std::string mentee;
  std::string program;
  Date start;
  Date end;
  std::vector<const Finding*> current;     // pair findings whose period holds as-of, in audit order
  std::vector<const Finding*> milestones;  // the pair's milestone findings
  bool unverified = false;                 // the mentee's person file has errors: findings incomplete
};

struct MentorStatus {
  std::string mentor;
  Date as_of;
  SchoolYear year;
  std::vector<StatusPairing> pairings;   // by program, then mentee
  std::vector<const Finding*> own;       // the mentor's own findings (training, eligibility, caseload)
  std::vector<const Finding*> due_next;  // every due finding of the mentor, by deadline
  std::size_t unmet = 0;                 // unmet findings of the mentor this school year
  bool unverified = false;               // the mentor's person file has errors: findings incomplete
};

/// Selects from `audit` (audited for `mentor` in the year holding as-of, met kept).
MentorStatus mentor_status(const Repository& repository, const AuditResult& audit, const std::string& mentor);

struct StatusStyle {
  bool unicode = false;  // ▇ and ░ bars (else # and -)
  bool color = false;    // ANSI colours
};

/// "▇▇▇▇▇░░░░░" (or "#####-----") for a finding's actual / required, coloured by status;
/// spaces when it has no numbers.
std::string finding_bar(const Finding& finding, StatusStyle style);

/// For a terminal: a bar per current requirement, milestones, the mentor's own rules and
/// what is due next; fits 80 columns.
std::string status_text(const MentorStatus& status, StatusStyle style);

/// `{"mentor","as_of","school_year","pairings":[{"mentee","program","start","end","current":[finding],
/// "milestones":[finding]}],"own":[finding],"due_next":[finding],"unmet":N}`, each finding as
/// in `audit --format json`.
std::string status_json(const MentorStatus& status);

}  // namespace mentorctl
