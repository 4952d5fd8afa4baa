// Rules that span files (SPEC 3, 7): references, roles, school years, overlaps.
#pragma once

#include "model/records.hpp"

namespace mentorctl {

/// Checks the cross-file rules, adds their diagnostics, and leaves out every record
/// that has an error (counted in Records::record_errors), so later stages only see
/// records they can trust. Sorts the diagnostics.
void validate(Records& records);

}  // namespace mentorctl
