// The only translation unit that includes LEMON (its network simplex takes seconds to
// compile). The method, per connected component:
//  1. min-cost flow s -> mentee (1) -> mentor (capacity) -> t, plus a bypass arc s -> t,
//     with cost -(score + B) per pair: B exceeds any difference of total scores, so the
//     optimum assigns the most mentees first and maximises the score among those;
//  2. the optimal potentials fix which arcs every optimal flow must use, may use or must
//     avoid (complementary slackness: any optimal flow satisfies it with these potentials);
//  3. mentees in order: move each to the lowest-numbered mentor it can have, by a cycle of
//     zero reduced cost in the residual graph that avoids mentees already settled; such a
//     cycle exists exactly when some optimal flow, agreeing on the settled mentees, gives
//     the mentee that mentor.
#include "util/assignment.hpp"

#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <numeric>

namespace mentorctl {
namespace {

struct DisjointSets {
  std::vector<int> parent;
  explicit DisjointSets(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  int find(int x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  }
  void unite(int a, int b) {
    a = find(a);
    b = find(b);
    if (a != b) {
      parent[std::max(a, b)] = std::min(a, b);
    }
  }
};

// One connected component, in local numbering: node 0 is s, 1 is t, then the mentees,
// then the mentors, each in the caller's order.
class Component {
 public:
  // `local[v]` is the position of mentee v (or mentor v, offset by the mentee count of
  // the problem) in `mentees` (`mentors`).
  Component(std::vector<int> mentees, std::vector<int> mentors, const std::vector<int>& capacity,
            const std::vector<AssignmentProblem::Arc>& arcs, const std::vector<int>& local, int offset)
      : mentees_(std::move(mentees)), mentors_(std::move(mentors)) {
    const int n = static_cast<int>(mentees_.size());
    const int m = static_cast<int>(mentors_.size());
    nodes_ = 2 + n + m;
    out_.resize(nodes_);
    in_.resize(nodes_);
    assigned_.resize(nodes_);
    for (int k = 0; k < n; ++k) {
      add_arc(0, mentee_node(k), 1, 0);
    }
    std::int64_t slots = 0;
    std::vector<int> degree(m, 0);
    std::int64_t high = std::numeric_limits<std::int64_t>::min();
    std::int64_t low = std::numeric_limits<std::int64_t>::max();
    for (const auto& a : arcs) {
      ++degree[local[offset + a.mentor]];
      high = std::max(high, a.score);
      low = std::min(low, a.score);
    }
    for (int j = 0; j < m; ++j) {
      const int c = std::min(capacity[mentors_[j]], degree[j]);
      slots += c;
      add_arc(mentor_node(j), 1, c, 0);
    }
    add_arc(0, 1, n, 0);  // the bypass: a mentee may stay unassigned
    // B > (most assigned) x (score spread) - low, so one more pair always outweighs scores.
    // Potentials sum costs along paths of the network: keep nodes x largest cost in 62 bits.
    const long double assigned = static_cast<long double>(std::min<std::int64_t>(n, slots));
    const long double bonus = assigned * (static_cast<long double>(high) - low) - low + 1;
    const long double largest =
        bonus + std::max(std::abs(static_cast<long double>(high)), std::abs(static_cast<long double>(low)));
    if (!arcs.empty() && largest * (nodes_ + 1) > 0x1p62L) {
      fits_ = false;
      return;
    }
    bonus_ = arcs.empty() ? 0 : assigned * (high - low) - low + 1;
    for (const auto& a : arcs) {
      add_arc(mentee_node(local[a.mentee]), mentor_node(local[offset + a.mentor]), 1, -(a.score + bonus_));
    }
  }

  // False when the scores are too large for the network's 64-bit costs.
  [[nodiscard]] bool fits() const { return fits_; }

  // Fills result[mentee] for this component's mentees.
  Result<void> solve(std::vector<int>& result) {
    MENTORCTL_TRY(optimise());
    settle_in_order();
    for (int k = 0; k < static_cast<int>(mentees_.size()); ++k) {
      for (int arc : out_[mentee_node(k)]) {
        if (flow_[arc] == 1) {
          result[mentees_[k]] = mentors_[to_[arc] - mentor_node(0)];
        }
      }
    }
    return {};
  }

 private:
  int mentee_node(int k) const { return 2 + k; }
  int mentor_node(int j) const { return 2 + static_cast<int>(mentees_.size()) + j; }
  bool is_mentor(int node) const { return node >= mentor_node(0); }

  int add_arc(int from, int to, std::int64_t cap, std::int64_t cost) {
    const int id = static_cast<int>(from_.size());
    from_.push_back(from);
    to_.push_back(to);
    cap_.push_back(cap);
    cost_.push_back(cost);
    out_[from].push_back(id);
    in_[to].push_back(id);
    return id;
  }

  Result<void> optimise() {
    using Graph = lemon::SmartDigraph;
    using Simplex = lemon::NetworkSimplex<Graph, std::int64_t, std::int64_t>;
    Graph graph;
    graph.reserveNode(nodes_);
    graph.reserveArc(static_cast<int>(from_.size()));
    std::vector<Graph::Node> node(nodes_);
    for (int v = 0; v < nodes_; ++v) {
      node[v] = graph.addNode();
    }
    std::vector<Graph::Arc> arc(from_.size());
    for (std::size_t e = 0; e < from_.size(); ++e) {
      arc[e] = graph.addArc(node[from_[e]], node[to_[e]]);
    }
    Graph::ArcMap<std::int64_t> upper(graph);
    Graph::ArcMap<std::int64_t> cost(graph);
    for (std::size_t e = 0; e < from_.size(); ++e) {
      upper[arc[e]] = cap_[e];
      cost[arc[e]] = cost_[e];
    }
    Simplex simplex(graph);
    simplex.upperMap(upper).costMap(cost).stSupply(node[0], node[1],
                                                   static_cast<std::int64_t>(mentees_.size()));
    if (simplex.run(Simplex::FIRST_ELIGIBLE) != Simplex::OPTIMAL) {
      // The bypass arc makes every network feasible: this is a defect, not an input.
      return Error{"the matching network has no optimal flow"};
    }
    flow_.resize(from_.size());
    reduced_.resize(from_.size());
    for (std::size_t e = 0; e < from_.size(); ++e) {
      flow_[e] = simplex.flow(arc[e]);
      // LEMON's convention: cost(uv) + pi(u) - pi(v).
      reduced_[e] = cost_[e] + simplex.potential(node[from_[e]]) - simplex.potential(node[to_[e]]);
      if (flow_[e] == 1 && is_mentor(to_[e])) {
        assigned_[to_[e]].push_back(static_cast<int>(e));
      }
    }
    // A mentee's arcs of zero reduced cost, by mentor: the only ones the tie-break moves.
    tight_out_.resize(nodes_);
    for (int k = 0; k < static_cast<int>(mentees_.size()); ++k) {
      for (int e : out_[mentee_node(k)]) {
        if (reduced_[e] == 0) {
          tight_out_[mentee_node(k)].push_back(e);
        }
      }
    }
    return {};
  }

  bool tight(int arc) const { return reduced_[arc] == 0; }

  void settle_in_order() {
    const int n = static_cast<int>(mentees_.size());
    settled_.assign(nodes_, false);
    stamp_.assign(nodes_, -1);
    via_.assign(nodes_, -1);
    for (int k = 0; k < n; ++k) {
      const int node = mentee_node(k);
      int current = -1;
      for (int arc : out_[node]) {
        if (flow_[arc] == 1) {
          current = arc;
        }
      }
      const std::vector<int>& candidates = tight_out_[node];  // by mentor, as the arcs were added
      if (current >= 0 && !tight(current)) {
        settled_[node] = true;  // every optimal assignment gives this mentee this mentor
        continue;
      }
      for (int arc : candidates) {
        if (current >= 0 && to_[arc] >= to_[current]) {
          break;
        }
        if (flow_[arc] == 0 && stamp_[to_[arc]] != k && reaches(to_[arc], node, k)) {
          augment(arc, node);
          break;
        }
      }
      settled_[node] = true;
    }
  }

  // Breadth-first search of the residual graph of zero-reduced-cost arcs, from `start` to
  // `target`, avoiding settled mentees; records in via_ the arc each node was reached by
  // (>= 0 forward, ~arc backward). Nodes stamped `round` are known not to reach `target`.
  bool reaches(int start, int target, int round) {
    std::deque<int> queue{start};
    stamp_[start] = round;
    via_[start] = -1;
    auto visit = [&](int node, int how) {
      if (stamp_[node] == round || (settled_[node] && node >= 2 && !is_mentor(node))) {
        return false;
      }
      stamp_[node] = round;
      via_[node] = how;
      if (node == target) {
        return true;
      }
      queue.push_back(node);
      return false;
    };
    while (!queue.empty()) {
      const int u = queue.front();
      queue.pop_front();
      if (is_mentor(u)) {
        const int sink_arc = out_[u].front();
        if (flow_[sink_arc] < cap_[sink_arc] && tight(sink_arc) && visit(1, sink_arc)) {
          return true;
        }
        for (int arc : assigned_[u]) {
          if (tight(arc) && visit(from_[arc], ~arc)) {
            return true;
          }
        }
      } else if (u == 1) {
        for (int arc : in_[1]) {
          if (flow_[arc] > 0 && tight(arc) && visit(from_[arc], ~arc)) {
            return true;
          }
        }
      } else if (u == 0) {
        for (int arc : out_[0]) {
          if (flow_[arc] < cap_[arc] && tight(arc) && visit(to_[arc], arc)) {
            return true;
          }
        }
      } else {
        for (int arc : tight_out_[u]) {
          if (flow_[arc] == 0 && visit(to_[arc], arc)) {
            return true;
          }
        }
        const int source_arc = in_[u].front();
        if (flow_[source_arc] == 1 && tight(source_arc) && visit(0, ~source_arc)) {
          return true;
        }
      }
    }
    return false;
  }

  void change(int arc, int delta) {
    flow_[arc] += delta;
    const int to = to_[arc];
    if (is_mentor(to)) {
      auto& list = assigned_[to];
      if (delta > 0) {
        list.push_back(arc);
      } else {
        list.erase(std::find(list.begin(), list.end(), arc));
      }
    }
  }

  // Pushes one unit round the cycle first_arc, then via_ back from target to its head.
  void augment(int first_arc, int target) {
    change(first_arc, +1);
    for (int node = target; node != to_[first_arc];) {
      const int how = via_[node];
      if (how >= 0) {
        change(how, +1);
        node = from_[how];
      } else {
        change(~how, -1);
        node = to_[~how];
      }
    }
  }

  std::vector<int> mentees_;
  std::vector<int> mentors_;
  int nodes_ = 0;
  std::vector<int> from_, to_;
  std::vector<std::int64_t> cap_, cost_, flow_, reduced_;
  std::vector<std::vector<int>> out_, in_, assigned_, tight_out_;
  std::int64_t bonus_ = 0;
  bool fits_ = true;
  std::vector<bool> settled_;
  std::vector<int> stamp_, via_;
};

}  // namespace

Result<std::vector<int>> solve_assignment(const AssignmentProblem& problem) {
  const int n = problem.mentees;
  const int m = static_cast<int>(problem.capacity.size());
  std::vector<int> result(n, -1);
  std::vector<AssignmentProblem::Arc> arcs;
  arcs.reserve(problem.arcs.size());
  for (const auto& a : problem.arcs) {
    if (a.mentee < 0 || a.mentee >= n || a.mentor < 0 || a.mentor >= m) {
      return Error{"an assignment arc names no mentee or mentor of the problem"};
    }
    if (problem.capacity[a.mentor] > 0) {
      arcs.push_back(a);
    }
  }
  // By mentee, then mentor: the arcs' order is no input to the answer.
  const auto by_pair = [](const auto& x, const auto& y) {
    return x.mentee != y.mentee ? x.mentee < y.mentee : x.mentor < y.mentor;
  };
  if (!std::is_sorted(arcs.begin(), arcs.end(), by_pair)) {
    std::sort(arcs.begin(), arcs.end(), by_pair);
  }
  arcs.erase(
      std::unique(arcs.begin(), arcs.end(),
                  [](const auto& x, const auto& y) { return x.mentee == y.mentee && x.mentor == y.mentor; }),
      arcs.end());
  DisjointSets sets(static_cast<std::size_t>(n) + m);
  for (const auto& a : arcs) {
    sets.unite(a.mentee, n + a.mentor);
  }
  // Components in order of their smallest member, each with its members in order.
  std::vector<int> component_of(static_cast<std::size_t>(n) + m, -1);
  std::vector<std::vector<int>> mentees, mentors;
  std::vector<std::vector<AssignmentProblem::Arc>> component_arcs;
  auto component = [&](int member) {
    const int root = sets.find(member);
    if (component_of[root] < 0) {
      component_of[root] = static_cast<int>(mentees.size());
      mentees.emplace_back();
      mentors.emplace_back();
      component_arcs.emplace_back();
    }
    return component_of[root];
  };
  std::vector<bool> has_arc(static_cast<std::size_t>(n) + m, false);
  for (const auto& a : arcs) {
    has_arc[a.mentee] = has_arc[n + a.mentor] = true;
    component_arcs[component(a.mentee)].push_back(a);
  }
  std::vector<AssignmentProblem::Arc>().swap(arcs);
  std::vector<int> local(static_cast<std::size_t>(n) + m, -1);
  for (int v = 0; v < n + m; ++v) {
    if (has_arc[v]) {
      auto& members = (v < n ? mentees : mentors)[component(v)];
      local[v] = static_cast<int>(members.size());
      members.push_back(v < n ? v : v - n);
    }
  }
  for (std::size_t c = 0; c < mentees.size(); ++c) {
    Component component(std::move(mentees[c]), std::move(mentors[c]), problem.capacity, component_arcs[c], local, n);
    if (!component.fits()) {
      return Error{"match scores are too large to optimise exactly"};
    }
    MENTORCTL_TRY(component.solve(result));
  }
  return result;
}

}  // namespace mentorctl
