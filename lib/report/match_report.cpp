#include "report/match_report.hpp"

#include "report/audit_report.hpp"
#include "util/utf8.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace mentorctl {
namespace {

const char* standing_name(MatchCandidate::Standing standing) {
  switch (standing) {
    case MatchCandidate::Standing::chosen:
      return "chosen";
    case MatchCandidate::Standing::possible:
      return "possible";
    case MatchCandidate::Standing::disagrees:
      return "disagrees";
    case MatchCandidate::Standing::ineligible:
      return "ineligible";
    case MatchCandidate::Standing::full:
      return "full";
    case MatchCandidate::Standing::self:
      return "self";
  }
  return "possible";
}

// "require: district; prefer: site 5, subjects 3" (or "no require or prefer").
std::string rules_line(const MatchResult& result) {
  std::vector<std::string> parts;
  if (!result.require.empty()) {
    parts.push_back(fmt::format("require: {}", fmt::join(result.require, ", ")));
  }
  if (!result.prefer.empty()) {
    std::vector<std::string> weights;
    for (const auto& [name, weight] : result.prefer) {
      weights.push_back(fmt::format("{} {}", name, weight));
    }
    parts.push_back(fmt::format("prefer: {}", fmt::join(weights, ", ")));
  }
  return parts.empty() ? "no 'require' or 'prefer': every pair scores 0"
                       : fmt::format("{}", fmt::join(parts, "; "));
}

std::size_t widest(std::size_t least, const std::vector<std::string>& texts) {
  std::size_t w = least;
  for (const auto& t : texts) {
    w = std::max(w, t.size());
  }
  return w;
}

}  // namespace

std::string match_json(const MatchResult& result) {
  nlohmann::ordered_json pairs = nlohmann::ordered_json::array();
  for (const MatchPair& p : result.pairs) {
    pairs.push_back({{"mentee", p.mentee}, {"mentor", p.mentor}, {"score", p.score}, {"agree", p.agree}});
  }
  nlohmann::ordered_json unmatched = nlohmann::ordered_json::array();
  for (const MatchUnmatched& u : result.unmatched) {
    unmatched.push_back({{"mentee", u.mentee}, {"reason", u.reason}});
  }
  nlohmann::ordered_json mentors = nlohmann::ordered_json::array();
  for (const MentorPlaces& m : result.mentors) {
    mentors.push_back({{"mentor", m.mentor},
                       {"capacity", m.capacity},
                       {"active", m.active},
                       {"proposed", m.proposed},
                       {"left", m.capacity - m.active - m.proposed}});
  }
  nlohmann::ordered_json left_out = nlohmann::ordered_json::array();
  for (const MentorLeftOut& m : result.left_out) {
    left_out.push_back({{"mentor", m.mentor}, {"reason", m.reason}});
  }
  const nlohmann::ordered_json document{{"program", result.program},
                                        {"date", format_date(result.date)},
                                        {"school_year", format_school_year(result.year)},
                                        {"mentees", result.mentees},
                                        {"pairs", pairs},
                                        {"unmatched", unmatched},
                                        {"matched", result.pairs.size()},
                                        {"total_score", result.total_score},
                                        {"mentors", mentors},
                                        {"left_out", left_out}};
  return document.dump(2) + "\n";
}

std::string match_csv(const MatchResult& result) {
  std::string out = "mentee,mentor,score,agree,reason\n";
  auto pair = result.pairs.begin();
  auto unmatched = result.unmatched.begin();
  while (pair != result.pairs.end() || unmatched != result.unmatched.end()) {
    if (unmatched == result.unmatched.end() ||
        (pair != result.pairs.end() && pair->mentee < unmatched->mentee)) {
      out += fmt::format("{},{},{},{},\n", csv_text_cell(pair->mentee), csv_text_cell(pair->mentor),
                         pair->score, csv_text_cell(fmt::format("{}", fmt::join(pair->agree, ";"))));
      ++pair;
    } else {
      out += fmt::format("{},,,,{}\n", csv_text_cell(unmatched->mentee), csv_text_cell(unmatched->reason));
      ++unmatched;
    }
  }
  return out;
}

std::string match_text(const MatchResult& result, bool written) {
  std::string out = fmt::format(
      "Match for {} on {} (school year {}): {} of {} matched, total score {}\n", result.program,
      format_date(result.date), format_school_year(result.year), result.pairs.size(),
      result.mentees == 1 ? "1 mentee" : fmt::format("{} mentees", result.mentees), result.total_score);
  out += fmt::format("  {}\n", rules_line(result));
  if (result.mentees == 0) {
    out +=
        "\nNo mentee waits for a mentor: every holder of the mentee role in the program is paired, has left\n"
        "or is not enrolled yet on this date ('--explain ID' says why for one person).\n";
  }
  if (!result.pairs.empty()) {
    std::vector<std::string> mentees;
    std::vector<std::string> mentors;
    for (const MatchPair& p : result.pairs) {
      mentees.push_back(p.mentee);
      mentors.push_back(p.mentor);
    }
    const std::size_t a = widest(6, mentees);
    const std::size_t b = widest(6, mentors);
    out += fmt::format("\n  {:<{}}  {:<{}}  {:>5}  {}\n", "MENTEE", a, "MENTOR", b, "SCORE", "AGREES ON");
    for (const MatchPair& p : result.pairs) {
      out += fmt::format("  {:<{}}  {:<{}}  {:>5}  {}\n", p.mentee, a, p.mentor, b, p.score,
                         p.agree.empty() ? "-" : fmt::format("{}", fmt::join(p.agree, ", ")));
    }
  }
  if (!result.unmatched.empty()) {
    out += fmt::format("\nNot matched ({}):\n", result.unmatched.size());
    for (const MatchUnmatched& u : result.unmatched) {
      out += fmt::format("  {}: {}\n", u.mentee, visible_text(u.reason));
    }
  }
  if (!result.mentors.empty()) {
    out += "\nMentors' places (capacity - active pairings - proposed = left):\n";
    std::vector<std::string> ids;
    for (const MentorPlaces& m : result.mentors) {
      ids.push_back(m.mentor);
    }
    const std::size_t w = widest(0, ids);
    for (const MentorPlaces& m : result.mentors) {
      out += fmt::format("  {:<{}}  {} - {} - {} = {}\n", m.mentor, w, m.capacity, m.active, m.proposed,
                         m.capacity - m.active - m.proposed);
    }
  }
  if (!result.left_out.empty()) {
    out += fmt::format("\nMentors who take nobody on {} ({}):\n", format_date(result.date),
                       result.left_out.size());
    for (const MentorLeftOut& m : result.left_out) {
      out += fmt::format("  {}: {}\n", m.mentor, visible_text(m.reason));
    }
  }
  if (!result.pairs.empty() && !written) {
    out += "\nNothing is written: 'mentorctl match --write' appends these pairings.\n";
  }
  return out;
}

std::string explanation_text(const MatchExplanation& e, const MatchResult& result) {
  std::string out = fmt::format("{} in {} on {}: {}\n", e.mentee, result.program, format_date(result.date),
                                e.candidate ? e.outcome : "not a candidate: " + e.outcome);
  out += fmt::format("  {}\n", rules_line(result));
  if (e.candidates.empty()) {
    out += "\nNo one holds the program's mentor role.\n";
    return out;
  }
  std::vector<std::string> ids;
  for (const MatchCandidate& c : e.candidates) {
    ids.push_back(c.mentor);
  }
  const std::size_t w = widest(6, ids);
  out += fmt::format("\n  {:<{}}  {:>5}  AGREES ON\n", "MENTOR", w, "SCORE");
  for (const MatchCandidate& c : e.candidates) {
    const bool scored =
        c.standing == MatchCandidate::Standing::chosen || c.standing == MatchCandidate::Standing::possible;
    const std::string agree = !scored           ? ""
                              : c.agree.empty() ? "-"
                                                : fmt::format("{}", fmt::join(c.agree, ", "));
    out += fmt::format("  {:<{}}  {:>5}  {:<20}  {}\n", c.mentor, w, scored ? std::to_string(c.score) : "-",
                       agree, c.standing == MatchCandidate::Standing::chosen ? "<- proposed" : c.detail);
  }
  return out;
}

std::string explanation_json(const MatchExplanation& e, const MatchResult& result) {
  nlohmann::ordered_json candidates = nlohmann::ordered_json::array();
  for (const MatchCandidate& c : e.candidates) {
    const bool scored =
        c.standing == MatchCandidate::Standing::chosen || c.standing == MatchCandidate::Standing::possible;
    candidates.push_back({{"mentor", c.mentor},
                          {"standing", standing_name(c.standing)},
                          {"score", scored ? nlohmann::ordered_json(c.score) : nlohmann::ordered_json()},
                          {"agree", c.agree},
                          {"detail", c.detail}});
  }
  const nlohmann::ordered_json document{
      {"program", result.program},
      {"date", format_date(result.date)},
      {"mentee", e.mentee},
      {"candidate", e.candidate},
      {"mentor", e.chosen.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(e.chosen)},
      {"outcome", e.outcome},
      {"candidates", candidates}};
  return document.dump(2) + "\n";
}

}  // namespace mentorctl
