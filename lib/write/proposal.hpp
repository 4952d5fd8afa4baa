// `mentorctl match --write` (SPEC 6.5): the proposed pairings appended to the pairings of
// the match date's school year, each starting on that date.
#pragma once

#include "model/dates.hpp"
#include "model/records.hpp"
#include "rules/match.hpp"
#include "write/writer.hpp"

#include <string>

namespace mentorctl {

/// Computes the match on `records` (those the write transaction holds locked) and plans
/// its pairs; `result` receives the proposal. Refused when nothing is proposed.
WriteResult<Addition> plan_proposal(const Records& records, const std::string& program, Date date,
                                    MatchResult& result);

}  // namespace mentorctl
