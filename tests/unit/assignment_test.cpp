// The assignment solver behind `match` (SPEC 6.5): optimal (most assigned, then greatest
// score) and, among optimal assignments, the one the documented tie-break names, checked
// against exhaustive search on random small instances.
#include "util/assignment.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <random>
#include <stdexcept>
#include <utility>
#include <vector>

namespace mentorctl {
namespace {

using Arc = AssignmentProblem::Arc;

// Every assignment, mentee by mentee, each trying its mentors in order and then none: the
// first assignment reaching the best (count, score) is the tie-break's answer.
struct BruteForce {
  const AssignmentProblem& problem;
  std::map<std::pair<int, int>, std::int64_t> score;
  std::vector<int> load, current, best;
  int best_count = -1;
  std::int64_t best_score = 0;

  explicit BruteForce(const AssignmentProblem& p)
      : problem(p), load(p.capacity.size(), 0), current(p.mentees, -1) {
    for (const Arc& a : p.arcs) {
      score[{a.mentee, a.mentor}] = a.score;
    }
  }
  std::vector<int> solve() {
    search(0, 0, 0);
    return best;
  }
  void search(int mentee, int count, std::int64_t total) {
    if (mentee == problem.mentees) {
      if (count > best_count || (count == best_count && total > best_score)) {
        best_count = count;
        best_score = total;
        best = current;
      }
      return;
    }
    for (int mentor = 0; mentor < static_cast<int>(problem.capacity.size()); ++mentor) {
      const auto it = score.find({mentee, mentor});
      if (it != score.end() && load[mentor] < problem.capacity[mentor]) {
        ++load[mentor];
        current[mentee] = mentor;
        search(mentee + 1, count + 1, total + it->second);
        --load[mentor];
      }
    }
    current[mentee] = -1;
    search(mentee + 1, count, total);
  }
};

std::pair<int, std::int64_t> value_of(const AssignmentProblem& problem, const std::vector<int>& assignment) {
  std::map<std::pair<int, int>, std::int64_t> score;
  for (const Arc& a : problem.arcs) {
    score[{a.mentee, a.mentor}] = a.score;
  }
  int count = 0;
  std::int64_t total = 0;
  for (int k = 0; k < problem.mentees; ++k) {
    if (assignment[k] >= 0) {
      ++count;
      total += score.at({k, assignment[k]});
    }
  }
  return {count, total};
}

AssignmentProblem random_problem(std::mt19937& random, bool with_negative_scores) {
  auto below = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
  AssignmentProblem p;
  p.mentees = 1 + below(7);
  const int mentors = 1 + below(5);
  for (int j = 0; j < mentors; ++j) {
    p.capacity.push_back(below(4));  // 0: a mentor whose places are all taken
  }
  const int density = 1 + below(4);  // of 4
  const int spread = 1 + below(12);  // small spreads make many ties
  for (int k = 0; k < p.mentees; ++k) {
    for (int j = 0; j < mentors; ++j) {
      if (below(4) < density) {
        p.arcs.push_back({k, j, below(spread) - (with_negative_scores ? spread / 2 : 0)});
      }
    }
  }
  return p;
}

TEST_CASE("assignment: equals exhaustive search, tie-break included, on 600 random small instances") {
  std::mt19937 random(20261203);
  int ties = 0;
  for (int round = 0; round < 600; ++round) {
    AssignmentProblem p = random_problem(random, round % 3 == 2);
    const std::vector<int> expected = BruteForce(p).solve();
    const std::vector<int> actual = solve_assignment(p).value();
    INFO("round " << round << ", mentees " << p.mentees << ", mentors " << p.capacity.size());
    CHECK(value_of(p, actual) == value_of(p, expected));
    CHECK(actual == expected);
    // The same instance with its arcs in another order.
    std::shuffle(p.arcs.begin(), p.arcs.end(), random);
    CHECK(solve_assignment(p).value() == expected);
    ties += std::count(expected.begin(), expected.end(), -1) > 0 ? 1 : 0;
  }
  CHECK(ties > 50);  // the instances do exercise mentees left over
}

// A grouped problem and the same problem with each person on their own.
struct GroupedInstance {
  GroupedAssignmentProblem grouped;
  AssignmentProblem expanded;
};

GroupedInstance random_grouped(std::mt19937& random) {
  auto below = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
  GroupedInstance out;
  auto& g = out.grouped;
  const int mentee_groups = g.mentee_groups = 1 + below(3);
  const int mentor_groups = g.mentor_groups = 1 + below(3);
  out.expanded.mentees = 1 + below(7);
  for (int k = 0; k < out.expanded.mentees; ++k) {
    g.mentee_group.push_back(below(mentee_groups));
  }
  const int mentors = 1 + below(5);
  for (int j = 0; j < mentors; ++j) {
    g.mentor_group.push_back(below(mentor_groups));
    g.capacity.push_back(below(4));
  }
  out.expanded.capacity = g.capacity;
  const int spread = 1 + below(8);
  for (int x = 0; x < mentee_groups; ++x) {
    for (int y = 0; y < mentor_groups; ++y) {
      if (below(3) > 0) {
        g.arcs.push_back({x, y, below(spread) - spread / 3});
      }
    }
  }
  for (const auto& a : g.arcs) {
    for (int k = 0; k < out.expanded.mentees; ++k) {
      for (int j = 0; j < mentors; ++j) {
        if (g.mentee_group[k] == a.mentee_group && g.mentor_group[j] == a.mentor_group) {
          out.expanded.arcs.push_back({k, j, a.score});
        }
      }
    }
  }
  return out;
}

TEST_CASE("assignment: groups of interchangeable people give the answer of the people one by one") {
  std::mt19937 random(20261207);
  int grouped_people = 0;
  for (int round = 0; round < 600; ++round) {
    GroupedInstance instance = random_grouped(random);
    const std::vector<int> expected = BruteForce(instance.expanded).solve();
    INFO("round " << round);
    CHECK(solve_assignment(instance.grouped).value() == expected);
    // The groups renumbered in reverse and the arcs in another order: the same answer.
    auto& g = instance.grouped;
    const int last_mentee_group = g.mentee_groups - 1;
    const int last_mentor_group = g.mentor_groups - 1;
    for (int& x : g.mentee_group) {
      x = last_mentee_group - x;
    }
    for (int& y : g.mentor_group) {
      y = last_mentor_group - y;
    }
    for (auto& a : g.arcs) {
      a.mentee_group = last_mentee_group - a.mentee_group;
      a.mentor_group = last_mentor_group - a.mentor_group;
    }
    std::shuffle(g.arcs.begin(), g.arcs.end(), random);
    CHECK(solve_assignment(g).value() == expected);
    grouped_people += static_cast<int>(g.mentee_group.size()) - g.mentee_groups;
  }
  CHECK(grouped_people > 300);  // the instances do put several people in a group
}

TEST_CASE("assignment: groups without members are no error, group numbers out of range are") {
  GroupedAssignmentProblem p;
  p.mentee_groups = 2;
  p.mentor_groups = 1;
  p.mentee_group = {0, 0};
  p.mentor_group = {0};
  p.capacity = {1};
  p.arcs = {{0, 0, 3}};
  CHECK(solve_assignment(p).value() == std::vector<int>{0, -1});
  p.arcs.push_back({1, 0, 3});  // group 1 has no one
  CHECK(solve_assignment(p).value() == std::vector<int>{0, -1});
  p.arcs.push_back({2, 0, 3});
  CHECK(solve_assignment(p).error().message == "an assignment arc names no mentee or mentor of the problem");
  p.arcs.pop_back();
  p.mentor_group = {1};
  CHECK(solve_assignment(p).error().message == "an assignment problem's groups or capacities are malformed");
  p.mentor_group = {-1};
  CHECK(solve_assignment(p).error().message == "an assignment problem's groups or capacities are malformed");
}

TEST_CASE("assignment: one more pair beats any score, even a chain where it costs the best pair") {
  // mentee 0 scores 100 with mentor 0; taking it leaves mentee 1 (only mentor 0) without one.
  AssignmentProblem p;
  p.mentees = 2;
  p.capacity = {1, 1};
  p.arcs = {{0, 0, 100}, {0, 1, 0}, {1, 0, 0}};
  CHECK(solve_assignment(p).value() == std::vector<int>{1, 0});
}

TEST_CASE("assignment: ties go to the first mentee's lowest mentor, then the next mentee's") {
  AssignmentProblem p;
  p.mentees = 3;
  p.capacity = {1, 1, 1};
  for (int k = 0; k < 3; ++k) {
    for (int j = 0; j < 3; ++j) {
      p.arcs.push_back({k, j, 5});
    }
  }
  std::reverse(p.arcs.begin(), p.arcs.end());
  CHECK(solve_assignment(p).value() == std::vector<int>{0, 1, 2});
  // Two places for three mentees: the last by number waits.
  p.capacity = {1, 0, 1};
  CHECK(solve_assignment(p).value() == std::vector<int>{0, 2, -1});
}

TEST_CASE("assignment: mentees without arcs, mentors with no capacity, separate components") {
  AssignmentProblem p;
  p.mentees = 4;
  p.capacity = {0, 2, 1};
  p.arcs = {{0, 0, 9}, {1, 1, 1}, {3, 2, 4}, {3, 1, 2}};
  CHECK(solve_assignment(p).value() == std::vector<int>{-1, 1, -1, 2});
  p.arcs.push_back({0, 7, 1});
  const auto refused = solve_assignment(p);
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().message == "an assignment arc names no mentee or mentor of the problem");
}

TEST_CASE("assignment: scores too large to optimise exactly are refused, not rounded") {
  AssignmentProblem p;
  p.mentees = 2;
  p.capacity = {2};
  p.arcs = {{0, 0, std::int64_t{1} << 61}, {1, 0, 0}};
  const auto refused = solve_assignment(p);
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().message == "match scores are too large to optimise exactly");
}

}  // namespace
}  // namespace mentorctl
