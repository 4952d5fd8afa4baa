// `mentorctl match` (SPEC 6.5): who may be paired on a date, the optimal proposal, and
// why each mentee got the mentor it got, or none.
#pragma once

#include "model/dates.hpp"
#include "repo/repository.hpp"
#include "util/result.hpp"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace mentorctl {

struct MatchPair {
  std::string mentee;
  std::string mentor;
  std::int64_t score = 0;
  std::vector<std::string> agree;  // the `prefer` attributes that agree, in the program's order
};

struct MatchUnmatched {
  std::string mentee;
  std::string reason;  // in words
};

/// An eligible mentor with places on the date: capacity - active - proposed are left.
struct MentorPlaces {
  std::string mentor;
  int capacity = 0;
  int active = 0;    // P pairings active on the date
  int proposed = 0;  // pairs of this proposal
};

/// A holder of the mentor role taking part in P who takes no mentee: why.
struct MentorLeftOut {
  std::string mentor;
  std::string reason;  // "fails eligibility: ...", "no place left: 2 of 2 taken by active pairings"
};

struct MatchResult {
  std::string program;
  Date date;
  SchoolYear year;
  std::vector<std::string> require;
  std::vector<std::pair<std::string, int>> prefer;
  std::size_t mentees = 0;                // candidates considered
  std::vector<MatchPair> pairs;           // by mentee
  std::vector<MatchUnmatched> unmatched;  // by mentee
  std::vector<MentorPlaces> mentors;      // eligible mentors with places, by id
  std::vector<MentorLeftOut> left_out;    // by id
  std::int64_t total_score = 0;
};

/// The program `match` works on: `requested`, else the only program with `matching`
/// (else the only program). An error names the choices.
Result<const Program*> matching_program(const Repository& repository, const std::string& requested);

/// The optimal proposal for `program` on `date` (SPEC 6.5); an error when the scores are
/// too large to optimise exactly.
Result<MatchResult> compute_match(const Repository& repository, const Program& program, Date date);

/// One mentor as a candidate for one mentee.
struct MatchCandidate {
  enum class Standing : std::uint8_t { chosen, possible, disagrees, ineligible, full, self };
  std::string mentor;
  Standing standing = Standing::possible;
  std::int64_t score = 0;          // chosen / possible
  std::vector<std::string> agree;  // chosen / possible
  std::string detail;              // why not chosen, in words
};

/// `match --explain MENTEE`.
struct MatchExplanation {
  std::string mentee;
  bool candidate = false;  // a mentee the match considers
  std::string outcome;     // "matched with jdoe (score 9)", the unmatched reason, or why not a candidate
  std::string chosen;      // the proposed mentor, or empty
  std::vector<MatchCandidate>
      candidates;  // every holder of the mentor role in P, chosen first, then by score, id
};

/// `mentee` must be a person of the records.
MatchExplanation explain_match(const Repository& repository, const Program& program,
                               const MatchResult& result, const std::string& mentee);

}  // namespace mentorctl
