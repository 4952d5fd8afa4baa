// The stipend arithmetic (SPEC 6.7). Every expectation is worked out by hand below.
#include "rules/stipend.hpp"
#include "fixture.hpp"
#include "report/stipend_report.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <string>
#include <vector>

namespace mentorctl {
namespace {

TEST_CASE("stipend: without prorate the fraction is 1 and the amount the base") {
  // 1000.00 × 1/1 = 1000.00
  CHECK(stipend_amount_cents(100000, {}) == 100000);
  CHECK(format_stipend_fraction({}) == "1.0000");
  CHECK(format_cents(100000) == "1000.00");
}

TEST_CASE("stipend: a prorated amount uses the exact fraction") {
  // 1500.00 × 120/180: 150000 × 120 = 18000000; / 180 = 100000 → 1000.00
  CHECK(stipend_amount_cents(150000, {120, 180}) == 100000);
  // 120/180 = 0.66666… → 0.6667
  CHECK(format_stipend_fraction({120, 180}) == "0.6667");
  // 1000.00 × 1/3: 100000 / 3 = 33333.33… → 33333 cents = 333.33
  CHECK(stipend_amount_cents(100000, {1, 3}) == 33333);
  // 1000.00 × 2/3: 200000 / 3 = 66666.66… → 66667 cents = 666.67
  CHECK(stipend_amount_cents(100000, {2, 3}) == 66667);
}

TEST_CASE("stipend: exactly half a cent rounds up") {
  // 0.01 × 1/2 = 0.005 → 0.01
  CHECK(stipend_amount_cents(1, {1, 2}) == 1);
  // 1000.01 × 1/2 = 500.005 → 500.01
  CHECK(stipend_amount_cents(100001, {1, 2}) == 50001);
  CHECK(format_cents(50001) == "500.01");
  // 1000.01 × 1/4 = 250.0025 → 250.00 (below half a cent)
  CHECK(stipend_amount_cents(100001, {1, 4}) == 25000);
  // a fraction at exactly half a ten-thousandth: 1/20000 = 0.00005 → 0.0001
  CHECK(format_stipend_fraction({1, 20000}) == "0.0001");
}

TEST_CASE("stipend: a year without instructional days and out-of-range counts") {
  CHECK(stipend_amount_cents(100000, {0, 0}) == 100000);  // no days: 1/1
  CHECK(stipend_amount_cents(100000, {0, 180}) == 0);
  CHECK(format_stipend_fraction({0, 180}) == "0.0000");
  CHECK(stipend_amount_cents(100000, {200, 180}) == 100000);  // capped at 1
  CHECK(format_cents(0) == "0.00");
  CHECK(format_cents(-150) == "-1.50");
}

// A repository whose 2026-27 calendar has 10 instructional days: Mon 2026-09-07 to
// Fri 2026-09-18 (two weeks of five weekdays).
void short_year(const test::TempRepo& repo, const std::string& stipend,
                const std::string& requirements = "  []\n") {
  repo.write("calendars/2026-27.yaml", "school_year: 2026-27\nfirst_day: 2026-09-07\nlast_day: 2026-09-18\n");
  repo.write("programs/p.yaml",
             "id: p\nname: Program P\nrequirements:\n" + requirements + "stipend:\n" + stipend);
}

void person(const test::TempRepo& repo, const std::string& id, const std::string& role,
            const std::string& extra = "") {
  repo.write("people/" + id + ".yaml",
             fmt::format("id: {}\nname: Person {}\nroles: [{}]\nprograms: [p]\n{}", id, id, role, extra));
}

StipendReport report(const test::TempRepo& repo, const char* as_of) {
  const Records records = repo.load();
  REQUIRE(records.diagnostics.error_count() == 0);
  const Repository repository(records);
  AuditOptions audit_options;
  audit_options.as_of = *parse_date(as_of);
  const AuditResult findings = audit(repository, audit_options);
  return compute_stipends(repository, findings, {*parse_date(as_of), SchoolYear{2026}, ""});
}

// One line per row: mentor mentee base fraction amount currency status reasons.
std::vector<std::string> lines(const StipendReport& result) {
  std::vector<std::string> out;
  for (const StipendRow& row : result.rows) {
    std::string reasons;
    for (const std::string& reason : row.reasons) {
      reasons += (reasons.empty() ? "" : ";") + reason;
    }
    out.push_back(fmt::format("{} {} {} {} {} {} {} {}", row.mentor, row.mentee.empty() ? "-" : row.mentee,
                              format_cents(row.base_cents), format_stipend_fraction(row.fraction),
                              format_cents(row.amount_cents), row.currency,
                              row.withheld ? "withheld" : "payable", reasons.empty() ? "-" : reasons));
  }
  return out;
}

TEST_CASE("stipend: a prorated stipend of a mentor who left mid-year") {
  test::TempRepo repo;
  short_year(repo, "  amount: 1000\n  prorate: true\n");
  person(repo, "jdoe", "mentor", "left: 2026-09-11\n");
  person(repo, "asmith", "mentee");
  repo.write(
      "pairings/2026-27.yaml",
      "school_year: 2026-27\npairings:\n  - {mentor: jdoe, mentee: asmith, program: p, start: 2026-09-07}\n");
  // Active Mon 09-07 .. Fri 09-11 (cut at left): 5 of 10 days; 1000.00 × 5/10 = 500.00.
  // As-of 09-08 lies before the end: active days are not cut at as-of.
  CHECK(lines(report(repo, "2026-09-08")) ==
        std::vector<std::string>{"jdoe - 1000.00 0.5000 500.00 USD payable -"});
}

TEST_CASE("stipend: basis mentor, two pairings sharing a day count it once") {
  test::TempRepo repo;
  short_year(repo, "  amount: 1000\n  prorate: true\n");
  person(repo, "jdoe", "mentor");
  person(repo, "asmith", "mentee");
  person(repo, "bwong", "mentee");
  repo.write("pairings/2026-27.yaml",
             "school_year: 2026-27\npairings:\n"
             "  - {mentor: jdoe, mentee: asmith, program: p, start: 2026-09-07, end: 2026-09-10}\n"
             "  - {mentor: jdoe, mentee: bwong, program: p, start: 2026-09-10, end: 2026-09-11}\n");
  // Mon 09-07 .. Thu 09-10 and Thu 09-10 .. Fri 09-11 share Thursday: jdoe is active
  // Mon..Fri, 5 of 10 days (not 4 + 2 = 6); 1000.00 × 5/10 = 500.00.
  CHECK(lines(report(repo, "2026-09-18")) ==
        std::vector<std::string>{"jdoe - 1000.00 0.5000 500.00 USD payable -"});
}

TEST_CASE("stipend: a district override, and the stipend's own currency") {
  test::TempRepo repo;
  short_year(repo, "  amount: 1000\n  by_district: {North USD: 1500}\n  currency: EUR\n");
  person(repo, "jdoe", "mentor", "district: North USD\n");
  person(repo, "klee", "mentor", "district: South USD\n");
  person(repo, "asmith", "mentee");
  person(repo, "bwong", "mentee");
  repo.write(
      "pairings/2026-27.yaml",
      "school_year: 2026-27\npairings:\n  - {mentor: jdoe, mentee: asmith, program: p, start: 2026-09-07}\n"
      "  - {mentor: klee, mentee: bwong, program: p, start: 2026-09-14}\n");
  // jdoe: North USD → 1500.00 × 1 (no prorate). klee: South USD, no override → 1000.00.
  CHECK(lines(report(repo, "2026-09-15")) ==
        std::vector<std::string>{"jdoe - 1500.00 1.0000 1500.00 EUR payable -",
                                 "klee - 1000.00 1.0000 1000.00 EUR payable -"});
}

TEST_CASE("stipend: basis pairing, two pairings of one mentor, currency of mentorctl.yaml") {
  test::TempRepo repo;
  repo.write("mentorctl.yaml", "mentorctl: 1\norganization: Test\ncurrency: CAD\n");
  short_year(repo, "  basis: pairing\n  amount: 1000\n  prorate: true\n");
  person(repo, "jdoe", "mentor");
  person(repo, "asmith", "mentee");
  person(repo, "bwong", "mentee");
  repo.write(
      "pairings/2026-27.yaml",
      "school_year: 2026-27\npairings:\n  - {mentor: jdoe, mentee: asmith, program: p, start: 2026-09-07}\n"
      "  - {mentor: jdoe, mentee: bwong, program: p, start: 2026-09-14}\n");
  // asmith: 10 of 10 days → 1000.00. bwong: Mon 09-14 .. Fri 09-18, 5 of 10 → 500.00.
  CHECK(lines(report(repo, "2026-09-14")) ==
        std::vector<std::string>{"jdoe asmith 1000.00 1.0000 1000.00 CAD payable -",
                                 "jdoe bwong 1000.00 0.5000 500.00 CAD payable -"});
}

TEST_CASE("stipend: withheld with two reasons in program-file order") {
  test::TempRepo repo;
  short_year(repo, "  amount: 1000\n  requires: [monthly, weekly]\n",
             "  - {id: weekly, type: hours, per: week, min: 1h}\n  - {id: monthly, type: hours, per: month, "
             "min: 4h}\n");
  person(repo, "jdoe", "mentor");
  person(repo, "asmith", "mentee");
  repo.write(
      "pairings/2026-27.yaml",
      "school_year: 2026-27\npairings:\n  - {mentor: jdoe, mentee: asmith, program: p, start: 2026-09-07}\n");
  // No log at all: week 2026-W37 (09-07..09-13) and September are unmet once as-of 10-05 has passed
  // them; the reasons follow the program file (weekly, then monthly), not `requires`. Amount 0.00.
  const StipendReport result = report(repo, "2026-10-05");
  CHECK(lines(result) == std::vector<std::string>{"jdoe - 1000.00 1.0000 0.00 USD withheld weekly;monthly"});
  // Each reason in words: its first finding as the audit words it, and how many more (W38 too).
  REQUIRE(result.rows.size() == 1);
  CHECK(result.rows[0].reason_details ==
        std::vector<std::string>{"asmith: 0m of 1h in week 2026-W37 (and 1 more)", "asmith: 0m of 4h in month 2026-09"});
}

TEST_CASE("stipend: a pairing continuing from an earlier year is paid in its second year") {
  test::TempRepo repo;
  short_year(repo, "  amount: 1000\n  prorate: true\n");
  person(repo, "jdoe", "mentor");
  person(repo, "asmith", "mentee");
  repo.write("pairings/2025-26.yaml",
             "school_year: 2025-26\npairings:\n"
             "  - {mentor: jdoe, mentee: asmith, program: p, start: 2026-05-04, end: 2026-09-11}\n");
  // In 2026-27 it is active Mon 09-07 .. Fri 09-11: 5 of 10 days; 1000.00 × 5/10 = 500.00.
  CHECK(lines(report(repo, "2026-09-08")) ==
        std::vector<std::string>{"jdoe - 1000.00 0.5000 500.00 USD payable -"});
}

TEST_CASE("stipend: csv guards text cells, json carries money and fractions as strings") {
  StipendReport report;
  report.school_year = SchoolYear{2026};
  report.as_of = *parse_date("2026-09-08");
  StipendRow row;
  row.program = "p";
  row.mentor = "jdoe";
  row.name = "=Doe, Jane";
  row.district = "North USD";
  row.base_cents = 150000;
  row.fraction = {1, 3};
  row.currency = "USD";
  row.withheld = true;
  row.reasons = {"weekly", "monthly"};
  report.rows.push_back(row);
  report.totals.push_back({"p", "USD", 0});
  // 1/3 = 0.33333… → 0.3333; a withheld row's amount is 0.00.
  CHECK(stipend_csv(report) ==
        "school_year,program,mentor,name,district,mentee,base,fraction,amount,currency,status,reasons\n"
        "2026-27,p,jdoe,\"'=Doe, Jane\",North USD,,1500.00,0.3333,0.00,USD,withheld,weekly;monthly\n");
  const std::string json = stipend_json(report);
  CHECK(json.find("\"fraction\": \"0.3333\"") != std::string::npos);
  CHECK(json.find("\"totals\": [\n    {\n      \"program\": \"p\",\n      \"currency\": \"USD\",\n      "
                  "\"amount\": \"0.00\"") != std::string::npos);
}

}  // namespace
}  // namespace mentorctl
