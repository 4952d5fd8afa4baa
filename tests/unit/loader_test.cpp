#include "fixture.hpp"
#include "load/loader.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace mentorctl;
using mentorctl::test::TempRepo;

namespace {

bool has_code(const Records& r, const std::string& code) {
  const auto& items = r.diagnostics.items();
  return std::any_of(items.begin(), items.end(), [&](const Diagnostic& d) { return d.code == code; });
}

void write_pair(const TempRepo& repo) {
  repo.write("people/jdoe.yaml", "id: jdoe\nname: Jane Doe\nroles: [mentor]\nprograms: [p]\n");
  repo.write("people/asmith.yaml", "id: asmith\nname: Al Smith\nroles: [mentee]\nprograms: [p]\n");
  repo.write("programs/p.yaml", "id: p\nname: P\n");
  repo.write("calendars/2026-27.yaml", "school_year: 2026-27\nfirst_day: 2026-08-19\nlast_day: 2027-06-04\n");
  repo.write("pairings/2026-27.yaml",
             "school_year: 2026-27\npairings:\n  - mentor: jdoe\n    mentee: asmith\n    program: p\n"
             "    start: 2026-08-24\n");
}

}  // namespace

TEST_SUITE("loader") {
  TEST_CASE("finds the root by walking up") {
    TempRepo repo;
    repo.write("logs/2026-27/.keep", "");
    const auto found = find_root(repo.root() / "logs" / "2026-27");
    REQUIRE(found.has_value());
    CHECK(std::filesystem::equivalent(*found, repo.root()));
  }

  TEST_CASE("a bad entry is left out, the rest of the file is kept") {
    TempRepo repo;
    write_pair(repo);
    repo.write("logs/2026-27/jdoe.yaml",
               "mentor: jdoe\nentries:\n"
               "  - date: 2026-09-14\n    mentee: asmith\n    duration: 1h\n"
               "  - date: 2026-09-15\n    mentee: asmith\n    duration: 60\n"
               "  - date: 2026-09-16\n    mentee: asmith\n    duration: 1h30m\n    kind: call\n");
    const Records r = repo.load();
    REQUIRE(r.logs.size() == 2);
    CHECK(r.logs[0].minutes == 60);
    CHECK(r.logs[1].minutes == 90);
    CHECK(r.logs[1].kind == "call");
    CHECK(r.logs[0].kind == "meeting");
    CHECK(r.logs[1].source.mark.line == 9);
    CHECK(r.record_errors() == 1);
    CHECK(has_code(r, "bad-duration"));
  }

  TEST_CASE("one broken file never stops the others") {
    TempRepo repo;
    write_pair(repo);
    repo.write("people/broken.yaml", "id: broken\nname: [unclosed\n");
    const Records r = repo.load();
    CHECK(r.people.size() == 2);
    CHECK(r.pairings.size() == 1);
    CHECK(has_code(r, "yaml-syntax"));
    CHECK(r.record_errors() == 1);
  }

  TEST_CASE("the file name decides ids and school years") {
    TempRepo repo;
    write_pair(repo);
    repo.write("people/other.yaml", "id: someone\nname: X\nroles: [mentor]\n");
    repo.write("trainings/2026-27.yaml", "school_year: 2025-26\nsessions: []\n");
    const Records r = repo.load();
    CHECK(has_code(r, "id-mismatch"));
    CHECK(has_code(r, "bad-school-year"));
    CHECK(r.people.size() == 2);
  }

  TEST_CASE("pairings: default end, overlaps across files") {
    TempRepo repo;
    write_pair(repo);
    repo.write("pairings/2027-28.yaml",
               "school_year: 2027-28\npairings:\n  - mentor: jdoe\n    mentee: asmith\n    program: p\n"
               "    start: 2027-08-20\n");
    SUBCASE("the default end is the calendar's last day, so no overlap") {
      const Records r = repo.load();
      CHECK_FALSE(has_code(r, "overlapping-pairing"));
      CHECK(r.pairings.size() == 2);
    }
    SUBCASE("an explicit end into the next year overlaps") {
      repo.write("pairings/2026-27.yaml",
                 "school_year: 2026-27\npairings:\n  - mentor: jdoe\n    mentee: asmith\n    program: p\n"
                 "    start: 2026-08-24\n    end: 2027-08-20\n");
      const Records r = repo.load();
      CHECK(has_code(r, "overlapping-pairing"));
      CHECK(r.pairings.size() == 1);
    }
  }

  TEST_CASE("the same records whatever the number of threads") {
    TempRepo repo;
    write_pair(repo);
    for (int i = 0; i < 20; ++i) {
      repo.write("people/m" + std::to_string(i) + ".yaml",
                 "id: m" + std::to_string(i) + "\nname: M\nroles: [mentee]\nprograms: [p]\nbad: 1\n");
    }
    Records one = load_records(repo.root(), mentorctl::test::load_options(1));
    Records many = load_records(repo.root(), mentorctl::test::load_options(4));
    validate(one);
    validate(many);
    REQUIRE(one.diagnostics.size() == many.diagnostics.size());
    for (std::size_t i = 0; i < one.diagnostics.size(); ++i) {
      CHECK(format_diagnostic(one.diagnostics.items()[i]) == format_diagnostic(many.diagnostics.items()[i]));
    }
    CHECK(one.people.size() == many.people.size());
  }

  TEST_CASE("a symlink inside the repository is followed") {
    TempRepo repo;
    write_pair(repo);
    repo.write("shared/p2.yaml", "id: p2\nname: P2\n");
    std::filesystem::create_symlink(repo.root() / "shared" / "p2.yaml", repo.root() / "programs" / "p2.yaml");
    const Records r = repo.load();
    CHECK(r.programs.size() == 2);
    CHECK(r.diagnostics.error_count() == 0);
  }

  TEST_CASE("program requirements decode with their fields") {
    TempRepo repo;
    write_pair(repo);
    repo.write("programs/p.yaml",
               "id: p\nname: P\nrequirements:\n"
               "  - id: monthly\n    type: meetings\n    per: month\n    min: 2\n    max: 3\n"
               "    during: {first: 6mo}\n    partial: full\n    severity: warning\n"
               "  - id: trained\n    type: training\n    kinds: [full-day]\n    min_hours: 6h\n    scope: ever\n"
               "  - id: newish\n    type: eligibility\n    subject: mentee\n    attribute: years_experience\n"
               "    max: 2\n    when: {service_year: 1, site: {in: [a, b]}}\n");
    const Records r = repo.load();
    REQUIRE(r.programs.size() == 1);
    const auto& reqs = r.programs[0].requirements;
    REQUIRE(reqs.size() == 3);
    CHECK(reqs[0].min == 2);
    CHECK(reqs[0].max == 3);
    CHECK(reqs[0].during->first);
    CHECK(reqs[0].during->span.count == 6);
    CHECK(reqs[0].partial == Partial::full);
    CHECK(reqs[0].severity == Severity::warning);
    CHECK(reqs[1].min == 360);
    CHECK(reqs[1].min_is_duration);
    CHECK(reqs[1].scope_ever);
    CHECK(reqs[2].subject_mentee);
    CHECK(reqs[2].condition->op == Condition::Op::max);
    CHECK(reqs[2].condition->number == 2);
    REQUIRE(reqs[2].when.size() == 2);
    CHECK(reqs[2].when[0].values == std::vector<std::string>{"1"});
    CHECK(reqs[2].when[1].op == Condition::Op::in);
  }
}
