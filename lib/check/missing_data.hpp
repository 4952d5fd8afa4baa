// What the rules need and no file gives: warnings, never errors, for data whose absence
// changes what the rules count.
#pragma once

#include "model/calendar.hpp"
#include "model/records.hpp"

namespace mentorctl {

/// Warns of a school year that has records but no calendar (every weekday then counts as
/// instructional, SPEC 2.2), and of a mentee with no `enrolled` date in a program whose
/// matched-within rule counts from it.
void warn_of_missing_data(Records& records, const CalendarIndex& calendars);

}  // namespace mentorctl
