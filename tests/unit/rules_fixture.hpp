// What the rules tests (rules_test.cpp, rules_person_test.cpp) build their repositories
// and read their findings with.
#pragma once

#include "fixture.hpp"
#include "report/diagnostic_report.hpp"
#include "rules/rules.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <string>
#include <variant>
#include <vector>

namespace mentorctl::rules_fixture {

using test::TempRepo;
using Lines = std::vector<std::string>;

// A person taking part in program p.
inline void person(const TempRepo& repo, const std::string& id, const std::string& role,
            const std::string& extra = "") {
  repo.write("people/" + id + ".yaml",
             fmt::format("id: {}\nname: Person {}\nroles: [{}]\nprograms: [p]\n{}", id, id, role, extra));
}

// Program p with the given requirement items (YAML, indented by two spaces).
inline void program(const TempRepo& repo, const std::string& requirements) {
  repo.write("programs/p.yaml", "id: p\nname: Program P\nrequirements:\n" + requirements);
}

// pairings/<year>.yaml holding the given items.
inline void pairings(const TempRepo& repo, const std::string& year, const std::string& items) {
  repo.write("pairings/" + year + ".yaml", "school_year: " + year + "\npairings:\n" + items);
}

inline std::string pairing(const std::string& mentor, const std::string& mentee, const std::string& start,
                    const std::string& end = "") {
  return fmt::format("  - {{mentor: {}, mentee: {}, program: p, start: {}{}}}\n", mentor, mentee, start,
                     end.empty() ? "" : ", end: " + end);
}

// logs/<year>/<mentor>.yaml with the given entries.
inline void log(const TempRepo& repo, const std::string& year, const std::string& mentor,
         const std::string& entries) {
  repo.write("logs/" + year + "/" + mentor + ".yaml", "mentor: " + mentor + "\nentries:\n" + entries);
}

inline std::string entry(const std::string& date, const std::string& mentee, const std::string& duration,
                  const std::string& extra = "") {
  return fmt::format("  - {{date: {}, mentee: {}, duration: {}{}}}\n", date, mentee, duration,
                     extra.empty() ? "" : ", " + extra);
}

inline AuditResult run(const TempRepo& repo, const char* as_of, AuditOptions options = {}) {
  const Records records = repo.load();
  INFO(diagnostics_text(records.diagnostics, repo.root(), TextStyle{false, false}));
  REQUIRE(records.diagnostics.error_count() == 0);
  options.as_of = *parse_date(as_of);
  return audit(records, options);
}

inline std::string shown(const FindingValue& value) {
  if (const auto* whole = std::get_if<std::int64_t>(&value)) {
    return std::to_string(*whole);
  }
  if (const auto* number = std::get_if<double>(&value)) {
    return fmt::format("{}", *number);
  }
  if (const auto* text = std::get_if<std::string>(&value)) {
    return "'" + *text + "'";
  }
  return "null";
}

// One line per finding: requirement mentor mentee period from..to status required/actual unit.
inline Lines lines(const AuditResult& result) {
  Lines out;
  for (const auto& f : result.findings) {
    out.push_back(fmt::format("{} {} {} {} {}..{} {} {}/{} {}", f.requirement, f.mentor.value_or("-"),
                              f.mentee.value_or("-"), f.period.value_or("-"), format_date(f.from),
                              format_date(f.to), status_name(f.status), shown(f.required), shown(f.actual),
                              unit_name(f.unit)));
  }
  return out;
}

// The calendar of 2026-27 used by several cases: a winter break and two closed days.
inline void calendar_2026(const TempRepo& repo) {
  repo.write(
      "calendars/2026-27.yaml",
      "school_year: 2026-27\nfirst_day: 2026-08-19\nlast_day: 2027-06-04\nbreaks:\n"
      "  - {name: Winter break, from: 2026-12-21, to: 2027-01-01}\nclosed: [2026-09-07, 2026-11-11]\n");
}

}  // namespace mentorctl::rules_fixture
