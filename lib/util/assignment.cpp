// The only translation unit that includes LEMON (its network simplex takes seconds to
// compile). People are solved in groups of interchangeable ones (the same arcs at the same
// scores). The method, per connected component of groups:
//  1. min-cost flow s -> mentee group (its size) -> mentor group (its places) -> t, plus a
//     bypass arc s -> t, with cost -(score + B) per pair: B exceeds any difference of total
//     scores, so the optimum assigns the most mentees first and maximises the score among
//     those;
//  2. the optimal potentials fix which arcs every optimal flow must use, may use or must
//     avoid (complementary slackness: any optimal flow satisfies it with these potentials);
//  3. mentees in order: each takes the lowest-numbered mentor it can have, found among the
//     mentor groups its group may use. A group's flow is used as it is, or moved there by a
//     cycle of zero reduced cost in the residual graph; such a cycle exists exactly when
//     some optimal flow of the mentees not yet settled uses that pair of groups. Within a
//     group any mentor with a place left will do, so the lowest-numbered one is taken.
//     The mentee then leaves the network with its unit of flow, and the flow left is
//     optimal for the rest, with the same potentials.
#include "util/assignment.hpp"

#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <numeric>
#include <utility>

namespace mentorctl {
namespace {

using GroupArc = GroupedAssignmentProblem::Arc;

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

// The members of one group, in order; for mentors, the places each has left.
struct Group {
  std::vector<int> members;
  std::vector<int> places;  // mentors only
  std::size_t next = 0;     // mentors only: the first member with a place left
};

// One connected component, in local numbering: node 0 is s, 1 is t, then the mentee
// groups, then the mentor groups.
class Component {
 public:
  // `arcs` name groups by their position in `mentee_groups` and `mentor_groups`.
  Component(std::vector<Group> mentee_groups, std::vector<Group> mentor_groups, const std::vector<GroupArc>& arcs)
      : mentee_groups_(std::move(mentee_groups)), mentor_groups_(std::move(mentor_groups)) {
    const int g = static_cast<int>(mentee_groups_.size());
    const int h = static_cast<int>(mentor_groups_.size());
    nodes_ = 2 + g + h;
    std::int64_t n = 0;
    for (int i = 0; i < g; ++i) {
      const auto size = static_cast<std::int64_t>(mentee_groups_[i].members.size());
      n += size;
      source_arc_.push_back(add_arc(0, mentee_node(i), size, 0));
    }
    std::vector<std::int64_t> reach(h, 0);  // mentees that may reach each mentor group
    std::int64_t high = std::numeric_limits<std::int64_t>::min();
    std::int64_t low = std::numeric_limits<std::int64_t>::max();
    for (const auto& a : arcs) {
      reach[a.mentor_group] += cap_[source_arc_[a.mentee_group]];
      high = std::max(high, a.score);
      low = std::min(low, a.score);
    }
    std::int64_t slots = 0;
    for (int j = 0; j < h; ++j) {
      const auto& places = mentor_groups_[j].places;
      const std::int64_t total = std::accumulate(places.begin(), places.end(), std::int64_t{0});
      slots += std::min(total, reach[j]);
      sink_arc_.push_back(add_arc(mentor_node(j), 1, total, 0));
    }
    bypass_ = add_arc(0, 1, n, 0);  // a mentee may stay unassigned
    // B > (most assigned) x (score spread) - low, so one more pair always outweighs scores.
    // Potentials sum costs along paths of the network: keep nodes x largest cost in 62 bits.
    const long double assigned = static_cast<long double>(std::min(n, slots));
    const long double bonus = assigned * (static_cast<long double>(high) - low) - low + 1;
    const long double largest =
        bonus + std::max(std::abs(static_cast<long double>(high)), std::abs(static_cast<long double>(low)));
    if (!arcs.empty() && largest * (nodes_ + 1) > 0x1p62L) {
      fits_ = false;
      return;
    }
    bonus_ = arcs.empty() ? 0 : std::min(n, slots) * (high - low) - low + 1;
    // More than can ever flow: a pair of groups is never at capacity, so an optimal flow
    // uses it only at zero reduced cost.
    for (const auto& a : arcs) {
      add_arc(mentee_node(a.mentee_group), mentor_node(a.mentor_group), n + 1, -(a.score + bonus_));
    }
  }

  // False when the scores are too large for the network's 64-bit costs.
  [[nodiscard]] bool fits() const { return fits_; }

  // Fills result[mentee] for this component's mentees.
  Result<void> solve(std::vector<int>& result) {
    MENTORCTL_TRY(optimise());
    // The component's mentees in order, each with its group.
    std::vector<std::pair<int, int>> order;
    for (int i = 0; i < static_cast<int>(mentee_groups_.size()); ++i) {
      for (int mentee : mentee_groups_[i].members) {
        order.emplace_back(mentee, i);
      }
    }
    std::sort(order.begin(), order.end());
    stamp_.assign(nodes_, -1);
    via_.assign(nodes_, -1);
    for (const auto& [mentee, group] : order) {
      const int arc = settle(mentee, group);
      if (arc == unbalanced) {
        return Error{"the matching network lost its balance"};
      }
      if (arc >= 0) {
        result[mentee] = take_place(to_[arc] - mentor_node(0));
      }
    }
    return {};
  }

 private:
  static constexpr int unassigned = -1;
  static constexpr int unbalanced = -2;

  int mentee_node(int i) const { return 2 + i; }
  int mentor_node(int j) const { return 2 + static_cast<int>(mentee_groups_.size()) + j; }

  int add_arc(int from, int to, std::int64_t cap, std::int64_t cost) {
    const int id = static_cast<int>(from_.size());
    from_.push_back(from);
    to_.push_back(to);
    cap_.push_back(cap);
    cost_.push_back(cost);
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
    simplex.upperMap(upper).costMap(cost).stSupply(node[0], node[1], cap_[bypass_]);
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
    }
    // The residual graph the tie-break searches has only arcs of zero reduced cost: forward
    // ones from tight_out_, backward ones from carrying_, kept as flows change.
    tight_out_.resize(nodes_);
    carrying_.resize(nodes_);
    for (int e = 0; e < static_cast<int>(from_.size()); ++e) {
      if (tight(e)) {
        tight_out_[from_[e]].push_back(e);
        if (flow_[e] > 0) {
          carrying_[to_[e]].push_back(e);
        }
      }
    }
    return {};
  }

  // Changes an arc's flow by one, keeping carrying_ in step.
  void change(int arc, int delta) {
    const bool was = flow_[arc] > 0;
    flow_[arc] += delta;
    if (!tight(arc) || was == (flow_[arc] > 0)) {
      return;
    }
    auto& list = carrying_[to_[arc]];
    if (was) {
      list.erase(std::find(list.begin(), list.end(), arc));
    } else {
      list.push_back(arc);
    }
  }

  bool tight(int arc) const { return reduced_[arc] == 0; }

  // The arc from `group`'s node the mentee takes, with one unit of flow on it, or
  // `unassigned`; the mentee then leaves the network.
  int settle(int mentee, int group) {
    const int node = mentee_node(group);
    // The mentor groups an optimal flow may give this group, by their first free mentor.
    std::vector<std::pair<int, int>> candidates;
    for (int arc : tight_out_[node]) {
      const int j = to_[arc] - mentor_node(0);
      if (cap_[sink_arc_[j]] > 0) {
        const Group& mentors = mentor_groups_[j];
        candidates.emplace_back(mentors.members[mentors.next], arc);
      }
    }
    std::sort(candidates.begin(), candidates.end());
    int chosen = unassigned;
    for (const auto& [first_free, arc] : candidates) {
      if (flow_[arc] > 0) {
        chosen = arc;
        break;
      }
      if (stamp_[to_[arc]] != mentee && reaches(to_[arc], node, mentee)) {
        augment(arc, node);
        chosen = arc;
        break;
      }
    }
    const int source = source_arc_[group];
    if (chosen == unassigned) {
      // No optimal flow assigns this mentee, so the flow leaves one of its group out.
      if (flow_[source] >= cap_[source] || flow_[bypass_] <= 0) {
        return unbalanced;
      }
      --cap_[source];
      change(bypass_, -1);
      --cap_[bypass_];
      return unassigned;
    }
    const int sink = sink_arc_[to_[chosen] - mentor_node(0)];
    for (int arc : {chosen, source, sink}) {
      change(arc, -1);
    }
    for (int arc : {source, sink, bypass_}) {
      --cap_[arc];
    }
    return chosen;
  }

  // The lowest-numbered mentor of the group with a place left, which it loses.
  int take_place(int j) {
    Group& g = mentor_groups_[j];
    const int mentor = g.members[g.next];
    if (--g.places[g.next] == 0) {
      do {
        ++g.next;
      } while (g.next < g.places.size() && g.places[g.next] == 0);
    }
    return mentor;
  }

  // Breadth-first search of the residual graph of zero-reduced-cost arcs, from `start` to
  // `target`; records in via_ the arc each node was reached by (>= 0 forward, ~arc
  // backward). Nodes stamped `round` are known not to reach `target`.
  bool reaches(int start, int target, int round) {
    std::deque<int> queue{start};
    stamp_[start] = round;
    via_[start] = -1;
    auto visit = [&](int node, int how) {
      if (stamp_[node] == round) {
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
      for (int arc : tight_out_[u]) {
        if (flow_[arc] < cap_[arc] && visit(to_[arc], arc)) {
          return true;
        }
      }
      for (int arc : carrying_[u]) {
        if (visit(from_[arc], ~arc)) {
          return true;
        }
      }
    }
    return false;
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

  std::vector<Group> mentee_groups_;
  std::vector<Group> mentor_groups_;
  int nodes_ = 0;
  std::vector<int> from_, to_;
  std::vector<std::int64_t> cap_, cost_, flow_, reduced_;
  std::vector<std::vector<int>> tight_out_, carrying_;  // per node
  std::vector<int> source_arc_, sink_arc_;  // per mentee group, per mentor group
  int bypass_ = 0;
  std::int64_t bonus_ = 0;
  bool fits_ = true;
  std::vector<int> stamp_, via_;
};

bool all_below(const std::vector<int>& groups, int count) {
  return std::all_of(groups.begin(), groups.end(), [&](int g) { return g >= 0 && g < count; });
}

}  // namespace

Result<std::vector<int>> solve_assignment(const GroupedAssignmentProblem& problem) {
  const int n = static_cast<int>(problem.mentee_group.size());
  const int g = std::max(0, problem.mentee_groups);
  const int h = std::max(0, problem.mentor_groups);
  if (!all_below(problem.mentee_group, g) || !all_below(problem.mentor_group, h) ||
      problem.capacity.size() != problem.mentor_group.size()) {
    return Error{"an assignment problem's groups or capacities are malformed"};
  }
  std::vector<Group> mentee_groups(g), mentor_groups(h);
  for (int k = 0; k < n; ++k) {
    mentee_groups[problem.mentee_group[k]].members.push_back(k);
  }
  for (std::size_t j = 0; j < problem.mentor_group.size(); ++j) {
    if (problem.capacity[j] > 0) {
      Group& group = mentor_groups[problem.mentor_group[j]];
      group.members.push_back(static_cast<int>(j));
      group.places.push_back(problem.capacity[j]);
    }
  }
  std::vector<GroupArc> arcs;
  for (const auto& a : problem.arcs) {
    if (a.mentee_group < 0 || a.mentee_group >= g || a.mentor_group < 0 || a.mentor_group >= h) {
      return Error{"an assignment arc names no mentee or mentor of the problem"};
    }
    if (!mentee_groups[a.mentee_group].members.empty() && !mentor_groups[a.mentor_group].members.empty()) {
      arcs.push_back(a);
    }
  }
  // By mentee group, then mentor group: the arcs' order is no input to the answer.
  const auto by_pair = [](const GroupArc& x, const GroupArc& y) {
    return x.mentee_group != y.mentee_group ? x.mentee_group < y.mentee_group : x.mentor_group < y.mentor_group;
  };
  std::sort(arcs.begin(), arcs.end(), by_pair);
  arcs.erase(std::unique(arcs.begin(), arcs.end(),
                         [](const GroupArc& x, const GroupArc& y) {
                           return x.mentee_group == y.mentee_group && x.mentor_group == y.mentor_group;
                         }),
             arcs.end());
  DisjointSets sets(static_cast<std::size_t>(g) + h);
  for (const auto& a : arcs) {
    sets.unite(a.mentee_group, g + a.mentor_group);
  }
  // The components, each with its groups in the order the sorted arcs meet them.
  std::vector<int> component_of(static_cast<std::size_t>(g) + h, -1);
  struct Members {
    std::vector<Group> mentee_groups, mentor_groups;
    std::vector<GroupArc> arcs;
  };
  std::vector<Members> components;
  auto component = [&](int group) {
    const int root = sets.find(group);
    if (component_of[root] < 0) {
      component_of[root] = static_cast<int>(components.size());
      components.emplace_back();
    }
    return component_of[root];
  };
  std::vector<int> local(static_cast<std::size_t>(g) + h, -1);
  for (const auto& a : arcs) {
    for (const int v : {a.mentee_group, g + a.mentor_group}) {
      if (local[v] < 0) {
        Members& c = components[component(v)];
        auto& groups = v < g ? c.mentee_groups : c.mentor_groups;
        local[v] = static_cast<int>(groups.size());
        groups.push_back(std::move(v < g ? mentee_groups[v] : mentor_groups[v - g]));
      }
    }
    components[component(a.mentee_group)].arcs.push_back({local[a.mentee_group], local[g + a.mentor_group], a.score});
  }
  std::vector<GroupArc>().swap(arcs);
  std::vector<int> result(n, -1);
  for (Members& c : components) {
    Component solver(std::move(c.mentee_groups), std::move(c.mentor_groups), c.arcs);
    if (!solver.fits()) {
      return Error{"match scores are too large to optimise exactly"};
    }
    MENTORCTL_TRY(solver.solve(result));
  }
  return result;
}

Result<std::vector<int>> solve_assignment(const AssignmentProblem& problem) {
  GroupedAssignmentProblem grouped;
  grouped.mentee_groups = std::max(0, problem.mentees);
  grouped.mentor_groups = static_cast<int>(problem.capacity.size());
  grouped.mentee_group.resize(std::max(0, problem.mentees));
  std::iota(grouped.mentee_group.begin(), grouped.mentee_group.end(), 0);
  grouped.mentor_group.resize(problem.capacity.size());
  std::iota(grouped.mentor_group.begin(), grouped.mentor_group.end(), 0);
  grouped.capacity = problem.capacity;
  grouped.arcs.reserve(problem.arcs.size());
  for (const auto& a : problem.arcs) {
    grouped.arcs.push_back({a.mentee, a.mentor, a.score});
  }
  return solve_assignment(grouped);
}

}  // namespace mentorctl
