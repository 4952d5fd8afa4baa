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

/// The same problem with interchangeable people grouped: every mentee of a group may be
/// paired with every mentor of a group the arcs join, at that arc's score, and with no
/// one else. A network of groups is as small as the records' distinct profiles, however
/// many people share each.
struct GroupedAssignmentProblem {
  struct Arc {
    int mentee_group = 0;
    int mentor_group = 0;
    std::int64_t score = 0;
  };
  int mentee_groups = 0;
  int mentor_groups = 0;
  std::vector<int> mentee_group;  // per mentee (numbered as above): its group, 0..mentee_groups-1
  std::vector<int> mentor_group;  // per mentor: its group, 0..mentor_groups-1
  std::vector<int> capacity;      // per mentor: most mentees it may take (0 or more)
  std::vector<Arc> arcs;          // the admissible pairs of groups, each at most once
};

/// For each mentee, the mentor assigned to it, or -1. The assignment is optimal: the
/// most mentees assigned, then the greatest total score. Among optimal assignments it is
/// the one where mentee 0 gets the lowest-numbered mentor it can have in any of them
/// (assigned before unassigned), then mentee 1 given that, and so on; so the answer
/// depends only on the numbering, never on the order of `arcs` or of the groups.
/// Each connected component of groups is solved on its own with LEMON's network simplex.
/// An error when a group number is out of range, or when the
/// scores are too large to optimise exactly in 64-bit arithmetic (never rounded).
Result<std::vector<int>> solve_assignment(const GroupedAssignmentProblem& problem);

/// The ungrouped problem: each person a group of one.
Result<std::vector<int>> solve_assignment(const AssignmentProblem& problem);

}  // namespace mentorctl
