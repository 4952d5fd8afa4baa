#include "rules/since.hpp"

#include <set>
#include <utility>

namespace mentorctl {
namespace {

using Identities = std::set<FindingIdentity>;

Identities identities(const AuditResult& result, bool unmet_only) {
  Identities found;
  for (const auto& finding : result.findings) {
    if (!unmet_only || finding.status == FindingStatus::unmet) {
      found.insert(identity_of(finding));
    }
  }
  return found;
}

}  // namespace

FindingIdentity identity_of(const Finding& finding) {
  return {finding.program, finding.requirement, finding.mentor,
          finding.mentee,  finding.period,      finding.school_year};
}

std::vector<Finding> keep_changes(AuditResult& now, const AuditBaselines& baselines) {
  const Identities unmet_then_new =
      baselines.new_since ? identities(*baselines.new_since, true) : Identities{};
  const Identities unmet_then_fixed =
      baselines.fixed_since ? identities(*baselines.fixed_since, true) : Identities{};
  const Identities unmet_now = baselines.fixed_since ? identities(now, true) : Identities{};
  const Identities present_now = baselines.fixed_since ? identities(now, false) : Identities{};

  std::deque<Finding> kept;
  for (auto& finding : now.findings) {
    const FindingIdentity identity = identity_of(finding);
    const bool unmet = finding.status == FindingStatus::unmet;
    const bool made_unmet = baselines.new_since && unmet && unmet_then_new.count(identity) == 0;
    const bool fixed = baselines.fixed_since && !unmet && unmet_then_fixed.count(identity) > 0 &&
                       unmet_now.count(identity) == 0;
    if (made_unmet || fixed) {
      kept.push_back(std::move(finding));
    }
  }
  now.findings = std::move(kept);
  now.uncollected_met = 0;

  std::vector<Finding> gone;
  if (baselines.fixed_since) {
    Identities listed;
    for (const auto& finding : baselines.fixed_since->findings) {
      const FindingIdentity identity = identity_of(finding);
      if (finding.status == FindingStatus::unmet && present_now.count(identity) == 0 &&
          listed.insert(identity).second) {
        gone.push_back(finding);
      }
    }
  }
  return gone;
}

}  // namespace mentorctl
