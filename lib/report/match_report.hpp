// The outputs of `mentorctl match` (SPEC 6.5): the proposal as text, json and csv, and
// `--explain MENTEE` as text and json.
#pragma once

#include "rules/match.hpp"

#include <string>

namespace mentorctl {

/// `{"program","date","pairs":[{"mentee","mentor","score","agree"}],"unmatched":[{"mentee","reason"}],
/// "matched","total_score"}` plus "school_year", "mentees" (candidates considered), "mentors"
/// (eligible mentors with capacity, active, proposed, left) and "left_out" (mentors who take nobody, why).
std::string match_json(const MatchResult& result);

/// The header `mentee,mentor,score,agree,reason`: one line per candidate mentee, by id;
/// `agree` lists attributes with `;`, `reason` says why an unmatched mentee has nobody.
std::string match_csv(const MatchResult& result);

/// For a person at a terminal: the pairs as a table, the unmatched mentees with reasons,
/// each eligible mentor's places, and the mentors who take nobody; unless `written`,
/// a reminder that nothing was written.
std::string match_text(const MatchResult& result, bool written = false);

/// Every holder of the mentor role as a candidate for one mentee, and why the proposed one won.
std::string explanation_text(const MatchExplanation& explanation, const MatchResult& result);
std::string explanation_json(const MatchExplanation& explanation, const MatchResult& result);

}  // namespace mentorctl
