#include "rules/match.hpp"

#include "model/diagnostics.hpp"
#include "util/assignment.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <unordered_map>

namespace mentorctl {
namespace {

bool not_left(const Person& p, Date d) { return !p.left || d <= *p.left; }

std::string plural(std::size_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

// Up to three items, then "and N more".
std::string some_of(const std::vector<std::string>& items, const char* separator = "; ") {
  constexpr std::size_t shown = 3;
  std::vector<std::string> head(items.begin(),
                                items.begin() + static_cast<std::ptrdiff_t>(std::min(shown, items.size())));
  std::string out = fmt::format("{}", fmt::join(head, separator));
  if (items.size() > shown) {
    out += fmt::format("; and {} more", items.size() - shown);
  }
  return out;
}

// Everything SPEC 6.5 needs about a program on a date, built once.
class Matcher {
 public:
  Matcher(const Repository& repository, const Program& program, Date date)
      : repository_(repository), program_(program), date_(date), year_(repository.calendars().year_of(date)) {
    if (program.matching) {
      matching_ = *program.matching;
    }
    for (const auto& name : matching_.require) {
      attributes_.push_back(name);
    }
    for (const auto& [name, weight] : matching_.prefer) {
      attributes_.push_back(name);
    }
    std::vector<const Person*> people;
    for (const Person& p : repository.records().people) {
      people.push_back(&p);
    }
    std::sort(people.begin(), people.end(), [](const Person* a, const Person* b) { return a->id < b->id; });
    for (const Person* p : people) {
      if (!p->takes_part_in(program.id) || !not_left(*p, date)) {
        continue;
      }
      const bool mentee = p->has_role(program.mentee_role) && why_not_mentee(*p).empty();
      const bool mentor = p->has_role(program.mentor_role);
      if (mentee || mentor) {
        values_of(*p);
      }
      if (mentee) {
        mentees_.push_back(p);
      }
      if (mentor) {
        add_mentor(*p);
      }
    }
  }

  [[nodiscard]] const std::vector<const Person*>& mentees() const { return mentees_; }

  // Why a person is no mentee candidate on the date; empty: they are one.
  [[nodiscard]] std::string why_not_mentee(const Person& p) const {
    const std::string& id = program_.id;
    if (!p.has_role(program_.mentee_role)) {
      return fmt::format("{} does not hold {}'s mentee role '{}'", p.id, id, program_.mentee_role);
    }
    if (!p.takes_part_in(id)) {
      return fmt::format("{} does not list {} in 'programs'", p.id, id);
    }
    if (!not_left(p, date_)) {
      return fmt::format("{} left on {}, before {}", p.id, format_date(*p.left), format_date(date_));
    }
    if (p.enrolled && date_ < *p.enrolled) {
      return fmt::format("{} is enrolled from {}, after {}", p.id, format_date(*p.enrolled),
                         format_date(date_));
    }
    for (const Pairing* pairing : repository_.pairings_as_mentee(id, p.id)) {
      const Date end = repository_.calendars().pairing_end(*pairing);
      if (end >= date_) {
        return fmt::format("{} is already paired with {} in {} from {} to {}", p.id, pairing->mentor.id, id,
                           format_date(pairing->start), format_date(end));
      }
    }
    return {};
  }

  struct Mentor {
    const Person* person = nullptr;
    int capacity = 0;
    int active = 0;
    std::vector<std::string> failures;  // eligibility requirements not met
    [[nodiscard]] int places() const { return std::max(0, capacity - active); }
    [[nodiscard]] bool takes() const { return failures.empty() && places() > 0; }
    [[nodiscard]] std::string left_out() const {
      if (!failures.empty()) {
        return fmt::format("fails eligibility: {}", fmt::join(failures, "; "));
      }
      if (capacity <= 0) {
        return "no place: capacity 0";
      }
      return fmt::format("no place left: {} of {} taken by active pairings", active, capacity);
    }
  };
  [[nodiscard]] const std::vector<Mentor>& mentors() const { return mentors_; }

  // Whether mentee and mentor agree on every `require` attribute.
  [[nodiscard]] bool agree_on_require(const Person& mentee, const Person& mentor) const {
    const Row& x = values_.at(&mentee);
    const Row& y = values_.at(&mentor);
    for (std::size_t a = 0; a < matching_.require.size(); ++a) {
      if (!agree(x[a], y[a])) {
        return false;
      }
    }
    return true;
  }

  // The score of a pair and the `prefer` attributes that agree.
  [[nodiscard]] std::int64_t score(const Person& mentee, const Person& mentor,
                                   std::vector<std::string>* agreeing) const {
    std::int64_t total = 0;
    const Row& x = values_.at(&mentee);
    const Row& y = values_.at(&mentor);
    for (std::size_t k = 0; k < matching_.prefer.size(); ++k) {
      const std::size_t a = matching_.require.size() + k;
      if (agree(x[a], y[a])) {
        total += matching_.prefer[k].second;
        if (agreeing != nullptr) {
          agreeing->push_back(matching_.prefer[k].first.name);
        }
      }
    }
    return total;
  }

  // The mentors (indexes into mentors()) a mentee may be paired with: taking mentees,
  // agreeing on `require`, not themself.
  [[nodiscard]] std::vector<int> options(const Person& mentee) const {
    std::vector<int> out;
    if (matching_.require.empty()) {
      for (int j : taking_) {
        if (mentors_[j].person != &mentee) {
          out.push_back(j);
        }
      }
      return out;
    }
    for (int value : values_.at(&mentee)[0]) {
      const auto bucket = by_first_require_.find(value);
      if (bucket != by_first_require_.end()) {
        out.insert(out.end(), bucket->second.begin(), bucket->second.end());
      }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    out.erase(std::remove_if(out.begin(), out.end(),
                             [&](int j) {
                               const Person& m = *mentors_[j].person;
                               return &m == &mentee || !agree_on_require(mentee, m);
                             }),
              out.end());
    return out;
  }

  // "district North", "subjects math or science": what `require` asks of a mentee's mentor.
  [[nodiscard]] std::string require_text(const Person& mentee) const {
    std::vector<std::string> parts;
    for (std::size_t a = 0; a < matching_.require.size(); ++a) {
      const auto v = repository_.conditions().values(mentee, matching_.require[a], program_.id, year_, date_);
      parts.push_back(fmt::format("{} {}", matching_.require[a], fmt::join(v, " or ")));
    }
    return fmt::format("{}", fmt::join(parts, " and "));
  }

  // The first `require` attribute the mentee has no value of, or empty.
  [[nodiscard]] std::string missing_require(const Person& mentee) const {
    for (std::size_t a = 0; a < matching_.require.size(); ++a) {
      if (values_.at(&mentee)[a].empty()) {
        return matching_.require[a].name;
      }
    }
    return {};
  }

  // The first `require` attribute on which mentee and mentor disagree, or empty.
  [[nodiscard]] std::string disagreement(const Person& mentee, const Person& mentor) const {
    for (std::size_t a = 0; a < matching_.require.size(); ++a) {
      if (!agree(values_.at(&mentee)[a], values_.at(&mentor)[a])) {
        const auto v =
            repository_.conditions().values(mentor, matching_.require[a], program_.id, year_, date_);
        return v.empty() ? fmt::format("{} not recorded", matching_.require[a])
                         : fmt::format("{} {}", matching_.require[a], fmt::join(v, ", "));
      }
    }
    return {};
  }

  [[nodiscard]] const Matching& matching() const { return matching_; }
  [[nodiscard]] const Program& program() const { return program_; }
  using Row = std::vector<std::vector<int>>;  // per attribute: interned values
  // The person's interned values, one list per matching attribute.
  [[nodiscard]] const Row& row(const Person& p) const { return values_.at(&p); }
  [[nodiscard]] SchoolYear year() const { return year_; }
  [[nodiscard]] const std::vector<int>& taking() const { return taking_; }

 private:
  void add_mentor(const Person& p) {
    Mentor m;
    m.person = &p;
    m.capacity = p.capacity ? *p.capacity : matching_.capacity;
    for (const Pairing* pairing : repository_.pairings_as_mentor(program_.id, p.id)) {
      if (pairing->start <= date_ && date_ <= repository_.calendars().pairing_end(*pairing)) {
        ++m.active;
      }
    }
    const ConditionEvaluator& conditions = repository_.conditions();
    for (const Requirement& r : program_.requirements) {
      if (r.type != RequirementType::eligibility || r.severity != Severity::error || r.subject_mentee ||
          !r.condition || !conditions.all_hold(p, r.when, program_.id, year_, date_)) {
        continue;
      }
      const ConditionOutcome outcome = conditions.evaluate(p, *r.condition, program_.id, year_, date_);
      if (!outcome.holds &&
          std::find(m.failures.begin(), m.failures.end(), outcome.message) == m.failures.end()) {
        m.failures.push_back(outcome.message);
      }
    }
    const int index = static_cast<int>(mentors_.size());
    mentors_.push_back(std::move(m));
    if (mentors_.back().takes()) {
      taking_.push_back(index);
      if (!matching_.require.empty()) {
        for (int value : values_.at(&p)[0]) {
          by_first_require_[value].push_back(index);
        }
      }
    }
  }

 public:
  // Interns the person's values of every matching attribute (sorted, distinct), once.
  void values_of(const Person& p) {
    if (values_.count(&p) == 0) {
      std::vector<std::vector<int>> per_attribute;
      for (const auto& name : attributes_) {
        std::vector<int> ids;
        for (const std::string& v : repository_.conditions().values(p, name, program_.id, year_, date_)) {
          ids.push_back(intern_.try_emplace(v, static_cast<int>(intern_.size())).first->second);
        }
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        per_attribute.push_back(std::move(ids));
      }
      values_.emplace(&p, std::move(per_attribute));
    }
  }

 private:
  // SPEC 6.5: equal scalars, lists sharing an element, a list holding the scalar; a
  // missing value never agrees. Values are interned and sorted: one merge.
  static bool agree(const std::vector<int>& x, const std::vector<int>& y) {
    auto i = x.begin();
    auto j = y.begin();
    while (i != x.end() && j != y.end()) {
      if (*i == *j) {
        return true;
      }
      if (*i < *j) {
        ++i;
      } else {
        ++j;
      }
    }
    return false;
  }

  const Repository& repository_;
  const Program& program_;
  Date date_;
  SchoolYear year_;
  Matching matching_;
  std::vector<AttributeRef> attributes_;  // require, then prefer
  std::vector<const Person*> mentees_;
  std::vector<Mentor> mentors_;
  std::vector<int> taking_;
  std::unordered_map<std::string, int> intern_;
  std::unordered_map<const Person*, Row> values_;
  std::unordered_map<int, std::vector<int>> by_first_require_;
};

// Why a mentee with no proposed mentor has none.
std::string unmatched_reason(const Matcher& matcher, const Person& mentee, const std::string& program) {
  const bool required = !matcher.matching().require.empty();
  if (required) {
    const std::string missing = matcher.missing_require(mentee);
    if (!missing.empty()) {
      return fmt::format("no {} recorded for {}, and 'require: [{}]' pairs only people whose {} agree",
                         missing, mentee.id, fmt::join(matcher.matching().require, ", "), missing);
    }
  }
  const std::string scope = required ? "agreeing on " + matcher.require_text(mentee) : "in " + program;
  std::vector<const Matcher::Mentor*> agreeing;
  for (const auto& m : matcher.mentors()) {
    if (m.person != &mentee && matcher.agree_on_require(mentee, *m.person)) {
      agreeing.push_back(&m);
    }
  }
  if (agreeing.empty()) {
    return required ? fmt::format("no mentor agrees on require: {}", matcher.require_text(mentee))
                    : fmt::format("no one else in {} holds its mentor role", program);
  }
  const std::vector<int> options = matcher.options(mentee);
  if (!options.empty()) {
    std::vector<std::string> ids;
    int places = 0;
    for (int j : options) {
      ids.push_back(matcher.mentors()[j].person->id);
      places += matcher.mentors()[j].places();
    }
    const std::string who = some_of(ids, ", ");
    return places == 1 ? fmt::format("the only place with an eligible mentor {} ({}) went to another mentee",
                                     scope, who)
                       : fmt::format("all {} places with eligible mentors {} ({}) went to other mentees",
                                     places, scope, who);
  }
  std::vector<std::string> ineligible;
  std::vector<std::string> full;
  for (const auto* m : agreeing) {
    if (!m->failures.empty()) {
      ineligible.push_back(fmt::format("{}: {}", m->person->id, fmt::join(m->failures, ", ")));
    } else {
      full.push_back(fmt::format("{} {} of {}", m->person->id, m->active, m->capacity));
    }
  }
  if (full.empty()) {
    return ineligible.size() == 1
               ? fmt::format("the only mentor {} fails eligibility ({})", scope, ineligible.front())
               : fmt::format("the {} mentors {} fail eligibility ({})", ineligible.size(), scope,
                             some_of(ineligible));
  }
  if (ineligible.empty()) {
    return fmt::format("no mentor {} has a place left ({} taken by active pairings)", scope, some_of(full));
  }
  return fmt::format("of the {} mentors {}, {} eligibility ({}) and {} no place left ({})", agreeing.size(),
                     scope, plural(ineligible.size(), "fails", "fail"), some_of(ineligible),
                     plural(full.size(), "has", "have"), some_of(full));
}

// The proposal, per mentee: an index into mentors(), or -1. People with the same values of
// every matching attribute are interchangeable, so the solver works on groups of them; a
// person who is both a mentee and a mentor here is a group of their own on each side, as
// nobody is matched to themself.
Result<std::vector<int>> solve(const Matcher& matcher) {
  const auto& mentees = matcher.mentees();
  const auto& mentors = matcher.mentors();
  std::vector<const Person*> by_address(mentees.begin(), mentees.end());
  std::sort(by_address.begin(), by_address.end());
  const auto is_mentee = [&](const Person* p) {
    return std::binary_search(by_address.begin(), by_address.end(), p);
  };
  using Key = std::pair<const Person*, const Matcher::Row*>;
  const auto key_less = [](const Key& a, const Key& b) {
    return a.first != b.first ? std::less<>()(a.first, b.first) : *a.second < *b.second;
  };
  GroupedAssignmentProblem problem;
  std::vector<const Person*> mentee_representative;
  std::map<Key, int, decltype(key_less)> mentee_groups(key_less);
  for (const Person* p : mentees) {
    const auto [it, added] = mentee_groups.try_emplace(
        Key{p->has_role(matcher.program().mentor_role) ? p : nullptr, &matcher.row(*p)},
        static_cast<int>(mentee_representative.size()));
    if (added) {
      mentee_representative.push_back(p);
    }
    problem.mentee_group.push_back(it->second);
  }
  std::map<Key, int, decltype(key_less)> mentor_groups(key_less);
  for (const auto& m : mentors) {
    const Person* p = m.person;
    const int next = static_cast<int>(mentor_groups.size());
    problem.mentor_group.push_back(
        mentor_groups.try_emplace(Key{is_mentee(p) ? p : nullptr, &matcher.row(*p)}, next).first->second);
    problem.capacity.push_back(m.takes() ? m.places() : 0);
  }
  problem.mentee_groups = static_cast<int>(mentee_representative.size());
  problem.mentor_groups = static_cast<int>(mentor_groups.size());
  std::vector<int> seen(mentor_groups.size(), -1);
  for (int i = 0; i < static_cast<int>(mentee_representative.size()); ++i) {
    const Person& mentee = *mentee_representative[i];
    for (int j : matcher.options(mentee)) {
      const int group = problem.mentor_group[j];
      if (seen[group] != i) {
        seen[group] = i;
        problem.arcs.push_back({i, group, matcher.score(mentee, *mentors[j].person, nullptr)});
      }
    }
  }
  return solve_assignment(problem);
}

}  // namespace

Result<const Program*> matching_program(const Repository& repository, const std::string& requested) {
  std::vector<std::string> all;
  std::vector<const Program*> with_matching;
  for (const Program* p : repository.programs()) {
    all.push_back(p->id);
    if (p->matching) {
      with_matching.push_back(p);
    }
  }
  if (!requested.empty()) {
    if (const Program* p = repository.program(requested)) {
      return p;
    }
    const std::string suggestion = closest_match(requested, all);
    return Error{
        suggestion.empty()
            ? fmt::format("--program '{}': no such program; there are: {}", requested, fmt::join(all, ", "))
            : fmt::format("--program '{}': no such program; did you mean '{}'?", requested, suggestion),
        Error::Kind::not_found};
  }
  if (with_matching.size() == 1) {
    return with_matching.front();
  }
  if (with_matching.empty() && repository.programs().size() == 1) {
    return repository.programs().front();
  }
  if (repository.programs().empty()) {
    return Error{"the records have no program; add one under programs/"};
  }
  std::vector<std::string> ids;
  for (const Program* p : with_matching.empty() ? repository.programs() : with_matching) {
    ids.push_back(p->id);
  }
  return Error{fmt::format("several programs {}({}); say which with --program",
                           with_matching.empty() ? "" : "have 'matching' ", fmt::join(ids, ", "))};
}

Result<MatchResult> compute_match(const Repository& repository, const Program& program, Date date) {
  const Matcher matcher(repository, program, date);
  const auto solution = solve(matcher);
  if (!solution) {
    return solution.error();
  }
  const std::vector<int>& mentor_of = *solution;
  MatchResult result;
  result.program = program.id;
  result.date = date;
  result.year = matcher.year();
  for (const auto& attribute : matcher.matching().require) {
    result.require.push_back(attribute.name);
  }
  for (const auto& [attribute, weight] : matcher.matching().prefer) {
    result.prefer.emplace_back(attribute.name, weight);
  }
  result.mentees = matcher.mentees().size();
  std::vector<int> proposed(matcher.mentors().size(), 0);
  for (std::size_t k = 0; k < matcher.mentees().size(); ++k) {
    const Person& mentee = *matcher.mentees()[k];
    const int j = mentor_of[k];
    if (j < 0) {
      result.unmatched.push_back({mentee.id, unmatched_reason(matcher, mentee, program.id)});
      continue;
    }
    ++proposed[j];
    MatchPair pair;
    pair.mentee = mentee.id;
    pair.mentor = matcher.mentors()[j].person->id;
    pair.score = matcher.score(mentee, *matcher.mentors()[j].person, &pair.agree);
    result.total_score += pair.score;
    result.pairs.push_back(std::move(pair));
  }
  for (std::size_t j = 0; j < matcher.mentors().size(); ++j) {
    const auto& m = matcher.mentors()[j];
    if (m.takes()) {
      result.mentors.push_back({m.person->id, m.capacity, m.active, proposed[j]});
    } else {
      result.left_out.push_back({m.person->id, m.left_out()});
    }
  }
  return result;
}

MatchExplanation explain_match(const Repository& repository, const Program& program,
                               const MatchResult& result, const std::string& mentee_id) {
  Matcher matcher(repository, program, result.date);
  MatchExplanation out;
  out.mentee = mentee_id;
  const Person* mentee = repository.person(mentee_id);
  if (mentee == nullptr) {
    out.outcome = fmt::format("{} is no person of the records", mentee_id);
    return out;
  }
  matcher.values_of(*mentee);
  out.outcome = matcher.why_not_mentee(*mentee);
  out.candidate = out.outcome.empty();
  // Who took each mentor's places in the proposal.
  std::unordered_map<std::string, std::vector<std::string>> taken_by;
  for (const MatchPair& p : result.pairs) {
    if (p.mentee == mentee_id) {
      out.chosen = p.mentor;
      out.outcome = fmt::format("matched with {} (score {}{}{})", p.mentor, p.score,
                                p.agree.empty() ? "" : ": ", fmt::join(p.agree, ", "));
    } else {
      taken_by[p.mentor].push_back(p.mentee);
    }
  }
  for (const MatchUnmatched& u : result.unmatched) {
    if (u.mentee == mentee_id) {
      out.outcome = "not matched: " + u.reason;
    }
  }
  std::int64_t chosen_score = 0;
  for (const MatchPair& p : result.pairs) {
    if (p.mentee == mentee_id) {
      chosen_score = p.score;
    }
  }
  std::unordered_map<std::string, int> proposed;
  for (const MentorPlaces& m : result.mentors) {
    proposed[m.mentor] = m.proposed;
  }
  using Standing = MatchCandidate::Standing;
  for (const auto& m : matcher.mentors()) {
    MatchCandidate c;
    c.mentor = m.person->id;
    if (m.person == mentee) {
      c.standing = Standing::self;
      c.detail = "the mentee themself";
    } else if (!matcher.agree_on_require(*mentee, *m.person)) {
      c.standing = Standing::disagrees;
      c.detail = fmt::format("disagrees on require: {}", matcher.disagreement(*mentee, *m.person));
    } else if (!m.failures.empty()) {
      c.standing = Standing::ineligible;
      c.detail = m.left_out();
    } else if (m.places() == 0) {
      c.standing = Standing::full;
      c.detail = m.left_out();
    } else {
      c.score = matcher.score(*mentee, *m.person, &c.agree);
      if (c.mentor == out.chosen) {
        c.standing = Standing::chosen;
        c.detail = "proposed";
      } else {
        c.standing = Standing::possible;
        const auto& others = taken_by[c.mentor];
        const bool all_taken = proposed[c.mentor] >= m.places();
        const std::string places =
            all_taken ? fmt::format("its {} went to {}", m.places() == 1 ? "place" : "places",
                                    fmt::join(others, ", "))
                      : std::string{};
        if (!out.candidate) {
          c.detail = "could be paired";
        } else if (out.chosen.empty()) {
          c.detail = all_taken ? places : "has a place, but pairing it here lowers the total";
        } else if (c.score > chosen_score) {
          c.detail = all_taken ? fmt::format("scores more, but {}: the greatest total has them there", places)
                               : "scores more here, but the greatest total needs this mentee elsewhere";
        } else if (c.score < chosen_score) {
          c.detail = fmt::format("scores less ({} < {})", c.score, chosen_score);
        } else {
          c.detail = all_taken ? fmt::format("as good, but {}", places)
                               : fmt::format(
                                     "as good; the tie-break (mentees by id, each taking the lowest mentor "
                                     "id an optimal match allows) gave {}",
                                     out.chosen);
        }
      }
    }
    out.candidates.push_back(std::move(c));
  }
  std::stable_sort(out.candidates.begin(), out.candidates.end(),
                   [](const MatchCandidate& a, const MatchCandidate& b) {
                     if (a.standing != b.standing) {
                       return a.standing < b.standing;
                     }
                     return a.score > b.score;
                   });
  return out;
}

}  // namespace mentorctl
