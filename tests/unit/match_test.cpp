// `match` (SPEC 6.5) on random small repositories against an exhaustive search written
// from the SPEC's words: candidates, eligibility, capacity less active pairings,
// `require` and `prefer` agreement on scalars and lists, nobody with themself, then the
// most pairs, the greatest score, and the documented tie-break.
#include "rules/match.hpp"
#include "fixture.hpp"
#include "repo/repository.hpp"

#include <doctest/doctest.h>

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace mentorctl {
namespace {

struct Someone {
  std::string id;
  bool mentor = false;
  bool mentee = false;
  std::string district;               // "" = not recorded
  std::vector<std::string> subjects;  // may be empty
  std::string site;
  int career_year = 2015;         // years_experience on 2026-09-14: 2026 - year (before 09-14)
  int capacity = 0;               // 0: the program's
  bool paired_as_mentee = false;  // an active pairing with the first mentor
};

bool agree_scalar(const std::string& a, const std::string& b) { return !a.empty() && a == b; }
bool agree_lists(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  return std::any_of(a.begin(), a.end(),
                     [&](const auto& x) { return std::find(b.begin(), b.end(), x) != b.end(); });
}

struct Instance {
  std::vector<Someone> people;  // by id
  int program_capacity = 1;
  bool require_district = false;
  int site_weight = 0;
  int subjects_weight = 0;
};

Instance random_instance(std::mt19937& random) {
  auto below = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
  const std::vector<std::string> districts = {"", "north", "south"};
  const std::vector<std::string> subjects = {"math", "art", "music"};
  const std::vector<std::string> sites = {"", "elm", "oak"};
  Instance in;
  in.program_capacity = 1 + below(2);
  in.require_district = below(2) == 0;
  in.site_weight = below(4);
  in.subjects_weight = below(3);
  const int mentors = 1 + below(4);
  const int mentees = 1 + below(6);
  for (int i = 0; i < mentors + mentees; ++i) {
    Someone s;
    s.id = std::string(1, static_cast<char>('a' + below(26))) + std::to_string(i);
    s.mentor = i < mentors;
    s.mentee = !s.mentor || below(5) == 0;  // some people hold both roles
    s.district = districts[below(3)];
    for (const auto& subject : subjects) {
      if (below(2) == 0) {
        s.subjects.push_back(subject);
      }
    }
    s.site = sites[below(3)];
    s.career_year = 2020 + below(6);  // 2020..2025: 6 down to 1 year
    s.capacity = below(3) == 0 ? 1 + below(3) : 0;
    in.people.push_back(s);
  }
  std::sort(in.people.begin(), in.people.end(), [](const auto& x, const auto& y) { return x.id < y.id; });
  // One pairing from the first mentor to a mentee who is not a mentor too.
  for (auto& s : in.people) {
    if (s.mentee && !s.mentor && below(3) == 0) {
      s.paired_as_mentee = true;
      break;
    }
  }
  return in;
}

const Someone* first_mentor(const Instance& in) {
  for (const auto& s : in.people) {
    if (s.mentor) {
      return &s;
    }
  }
  return nullptr;
}

void write(const Instance& in, const test::TempRepo& repo) {
  repo.write("calendars/2026-27.yaml", "school_year: 2026-27\nfirst_day: 2026-08-24\nlast_day: 2027-06-04\n");
  std::string program = fmt::format(
      "id: p\nname: P\nrequirements:\n  - {{id: years, type: eligibility, attribute: years_experience, min: "
      "3}}\n"
      "matching:\n  capacity: {}\n",
      in.program_capacity);
  if (in.require_district) {
    program += "  require: [district]\n";
  }
  program += fmt::format("  prefer: {{site: {}, subjects: {}}}\n", in.site_weight, in.subjects_weight);
  repo.write("programs/p.yaml", program);
  std::string pairings = "school_year: 2026-27\npairings:";
  for (const auto& s : in.people) {
    std::vector<std::string> roles;
    if (s.mentor) {
      roles.emplace_back("mentor");
    }
    if (s.mentee) {
      roles.emplace_back("mentee");
    }
    std::string text = fmt::format("id: {}\nname: {}\nroles: [{}]\nprograms: [p]\ncareer_start: {}-09-01\n",
                                   s.id, s.id, fmt::join(roles, ", "), s.career_year);
    if (!s.district.empty()) {
      text += "district: " + s.district + "\n";
    }
    if (!s.site.empty()) {
      text += "site: " + s.site + "\n";
    }
    text += fmt::format("subjects: [{}]\n", fmt::join(s.subjects, ", "));
    if (s.capacity > 0) {
      text += fmt::format("capacity: {}\n", s.capacity);
    }
    repo.write("people/" + s.id + ".yaml", text);
    if (s.paired_as_mentee) {
      pairings += fmt::format("\n  - {{mentor: {}, mentee: {}, program: p, start: 2026-08-24}}",
                              first_mentor(in)->id, s.id);
    }
  }
  if (pairings.back() == ':') {
    pairings += " []";
  }
  repo.write("pairings/2026-27.yaml", pairings + "\n");
}

// The SPEC's definition, searched exhaustively: pairs as (mentee, mentor) ids.
std::map<std::string, std::string> expected_pairs(const Instance& in) {
  std::vector<const Someone*> mentees;
  std::vector<const Someone*> mentors;
  std::vector<int> places;
  for (const auto& s : in.people) {
    if (s.mentee && !s.paired_as_mentee) {
      mentees.push_back(&s);
    }
  }
  for (const auto& s : in.people) {
    const int years = 2026 - s.career_year;  // whole years from YYYY-09-01 to 2026-09-14
    if (!s.mentor || years < 3) {
      continue;
    }
    int capacity = s.capacity > 0 ? s.capacity : in.program_capacity;
    if (&s == first_mentor(in)) {
      capacity -= static_cast<int>(std::count_if(in.people.begin(), in.people.end(),
                                                 [](const Someone& p) { return p.paired_as_mentee; }));
    }
    if (capacity > 0) {
      mentors.push_back(&s);
      places.push_back(capacity);
    }
  }
  auto admissible = [&](const Someone& e, const Someone& m) {
    return &e != &m && (!in.require_district || agree_scalar(e.district, m.district));
  };
  auto score = [&](const Someone& e, const Someone& m) {
    return (agree_scalar(e.site, m.site) ? in.site_weight : 0) +
           (agree_lists(e.subjects, m.subjects) ? in.subjects_weight : 0);
  };
  std::vector<int> current(mentees.size(), -1);
  std::vector<int> best;
  int best_count = -1;
  int best_score = 0;
  std::vector<int> load(mentors.size(), 0);
  std::function<void(std::size_t, int, int)> search = [&](std::size_t k, int count, int total) {
    if (k == mentees.size()) {
      if (count > best_count || (count == best_count && total > best_score)) {
        best_count = count;
        best_score = total;
        best = current;
      }
      return;
    }
    for (std::size_t j = 0; j < mentors.size(); ++j) {
      if (load[j] < places[j] && admissible(*mentees[k], *mentors[j])) {
        ++load[j];
        current[k] = static_cast<int>(j);
        search(k + 1, count + 1, total + score(*mentees[k], *mentors[j]));
        --load[j];
      }
    }
    current[k] = -1;
    search(k + 1, count, total);
  };
  search(0, 0, 0);
  std::map<std::string, std::string> out;
  for (std::size_t k = 0; k < mentees.size(); ++k) {
    if (best[k] >= 0) {
      out[mentees[k]->id] = mentors[best[k]]->id;
    }
  }
  return out;
}

TEST_CASE("match: equals the SPEC's definition searched exhaustively on 150 random repositories") {
  std::mt19937 random(6502);
  int unmatched = 0;
  int with_require = 0;
  for (int round = 0; round < 150; ++round) {
    const Instance in = random_instance(random);
    test::TempRepo repo;
    write(in, repo);
    const Records records = repo.load();
    for (const auto& d : records.diagnostics.items()) {
      INFO(d.file << ": " << d.message);
      CHECK(d.severity != Severity::error);
    }
    REQUIRE(records.record_errors() == 0);
    const Repository repository(records);
    const auto match = compute_match(repository, *repository.program("p"), Date{date::year{2026} / 9 / 14});
    REQUIRE(match.has_value());
    const MatchResult& result = *match;
    std::map<std::string, std::string> actual;
    for (const MatchPair& p : result.pairs) {
      actual[p.mentee] = p.mentor;
    }
    INFO("round " << round);
    CHECK(actual == expected_pairs(in));
    CHECK(result.pairs.size() + result.unmatched.size() == result.mentees);
    unmatched += result.unmatched.empty() ? 0 : 1;
    with_require += in.require_district ? 1 : 0;
  }
  CHECK(unmatched > 20);
  CHECK(with_require > 40);
}

// SPEC 6.5 on d = 2026-09-14, each boundary on d itself: "not left" is d <= left,
// mentees are enrolled <= d with no pairing whose end >= d, and a mentor's places are
// capacity less the pairings active on d (a pairing starting on d is active).
TEST_CASE("match: left, enrolled, a pairing's end and start on the match date itself") {
  test::TempRepo repo;
  repo.write("calendars/2026-27.yaml", "school_year: 2026-27\nfirst_day: 2026-08-24\nlast_day: 2027-06-04\n");
  repo.write("programs/p.yaml", "id: p\nname: P\nmatching:\n  capacity: 1\n");
  const auto person = [&](const std::string& id, const std::string& role, const std::string& extra) {
    repo.write("people/" + id + ".yaml",
               fmt::format("id: {}\nname: {}\nroles: [{}]\nprograms: [p]\n{}", id, id, role, extra));
  };
  person("jdoe", "mentor", "left: 2026-09-14\n");        // leaves on d: still a mentor
  person("yoon", "mentor", "");                          // her pairing starts on d: no place left
  person("zed", "mentor", "");                           // his pairing ends on d: no place left
  person("asmith", "mentee", "enrolled: 2026-09-14\n");  // enrolled on d: a candidate
  person("bking", "mentee", "");                         // paired until d: not a candidate
  person("dlee", "mentee", "");                          // paired from d: not a candidate
  repo.write("pairings/2026-27.yaml",
             "school_year: 2026-27\npairings:\n"
             "  - {mentor: zed, mentee: bking, program: p, start: 2026-08-24, end: 2026-09-14}\n"
             "  - {mentor: yoon, mentee: dlee, program: p, start: 2026-09-14}\n");
  const Records records = repo.load();
  REQUIRE(records.diagnostics.error_count() == 0);
  const Repository repository(records);
  const auto match = compute_match(repository, *repository.program("p"), Date{date::year{2026} / 9 / 14});
  REQUIRE(match.has_value());
  const MatchResult& result = *match;
  CHECK(result.mentees == 1);
  REQUIRE(result.pairs.size() == 1);
  CHECK(result.pairs[0].mentee == "asmith");
  CHECK(result.pairs[0].mentor == "jdoe");
  CHECK(result.unmatched.empty());
  REQUIRE(result.mentors.size() == 1);
  CHECK(result.mentors[0].mentor == "jdoe");
  std::vector<std::string> left_out;
  for (const auto& m : result.left_out) {
    left_out.push_back(m.mentor + ": " + m.reason);
  }
  CHECK(left_out == std::vector<std::string>{"yoon: no place left: 1 of 1 taken by active pairings",
                                             "zed: no place left: 1 of 1 taken by active pairings"});
}

}  // namespace
}  // namespace mentorctl
