// `mentorctl certify --award` (SPEC 6.6): the certificate appended to certificates.yaml
// when the level is met and not already held unexpired.
#pragma once

#include "model/dates.hpp"
#include "model/records.hpp"
#include "write/writer.hpp"

#include <string>

namespace mentorctl {

struct AwardRequest {
  std::string person;
  std::string level;
  std::string program;     // empty: the only program with certification
  std::string awarded_by;  // already resolved ("yourself" or --by)
};

/// The certificate to append (awarded = as_of), or the refusal with its reason.
WriteResult<Addition> plan_award(const Records& records, const AwardRequest& request, Date as_of);

}  // namespace mentorctl
