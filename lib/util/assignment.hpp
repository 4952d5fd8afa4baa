// Optimal capacitated assignment (bipartite b-matching) with a deterministic tie-break:
// what `match` solves once it knows who may be paired with whom and how well.
#pragma once

#include "util/result.hpp"

#include <cstdint>
#include <vector>

namespace mentorctl {

/// Mentees and mentors are numbered 0.. in the order the tie-break ranks them (by id).
struct AssignmentProblem {
  struct Arc {
    int mentee = 0;
    int mentor = 0;
    std::int64_t score = 0;  // any sign; a pair's worth
  };
  int mentees = 0;
  std::vector<int> capacity;  // per mentor: most mentees it may take (0 or more)
  std::vector<Arc> arcs;      // the admissible pairs, each at most once
};

/// For each mentee, the mentor assigned to it, or -1. The assignment is optimal: the
/// most mentees assigned, then the greatest total score. Among optimal assignments it is
/// the one where mentee 0 gets the lowest-numbered mentor it can have in any of them
/// (assigned before unassigned), then mentee 1 given that, and so on; so the answer
/// depends only on the numbering, never on the order of `arcs`. Each connected component
/// is solved on its own with LEMON's network simplex.
/// An error when an arc names no mentee or mentor of the problem, or when the scores are
/// too large to optimise exactly in 64-bit arithmetic (never rounded).
Result<std::vector<int>> solve_assignment(const AssignmentProblem& problem);

}  // namespace mentorctl
