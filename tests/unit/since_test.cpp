// keep_changes: findings compared across two audits by identity, never by message.
#include "rules/since.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace mentorctl;

namespace {

Finding finding(FindingStatus status, const std::string& requirement, const std::string& period,
                const std::string& message = "0m of 1h") {
  Finding f;
  f.status = status;
  f.program = "walnut-valley";
  f.requirement = requirement;
  f.mentor = "jdoe";
  f.mentee = "asmith";
  f.period = period;
  f.school_year = SchoolYear{2026};
  f.message = message;
  return f;
}

AuditResult result_of(std::initializer_list<Finding> findings) {
  AuditResult result;
  for (const auto& f : findings) {
    result.findings.push_back(f);
  }
  return result;
}

std::vector<std::string> periods(const AuditResult& result) {
  std::vector<std::string> out;
  for (const auto& f : result.findings) {
    out.push_back(f.requirement + " " + f.period.value_or("-") + " " + status_name(f.status));
  }
  return out;
}

}  // namespace

TEST_SUITE("since") {
  TEST_CASE("new: unmet now and not unmet then, whatever the figures say") {
    const AuditResult then = result_of({finding(FindingStatus::unmet, "weekly-hour", "2027-W06", "0m of 1h"),
                                        finding(FindingStatus::met, "weekly-hour", "2027-W07"),
                                        finding(FindingStatus::due, "weekly-hour", "2027-W08")});
    AuditResult now = result_of({finding(FindingStatus::unmet, "weekly-hour", "2027-W06", "30m of 1h"),
                                 finding(FindingStatus::unmet, "weekly-hour", "2027-W07"),
                                 finding(FindingStatus::unmet, "weekly-hour", "2027-W08"),
                                 finding(FindingStatus::unmet, "monthly-hours", "2027-02")});
    now.uncollected_met = 12;
    const auto gone = keep_changes(now, {&then, nullptr});
    CHECK(gone.empty());
    // W06 was unmet then with other figures: the same finding, not a new one.
    CHECK(periods(now) == std::vector<std::string>{"weekly-hour 2027-W07 unmet", "weekly-hour 2027-W08 unmet",
                                                   "monthly-hours 2027-02 unmet"});
    CHECK(now.summary().met == 0);
    CHECK(now.summary().unmet == 3);
  }

  TEST_CASE("the subject, program and school year are part of the identity") {
    Finding other_mentee = finding(FindingStatus::unmet, "weekly-hour", "2027-W06");
    other_mentee.mentee = "bkhan";
    Finding other_program = finding(FindingStatus::unmet, "weekly-hour", "2027-W06");
    other_program.program = "other";
    Finding other_year = finding(FindingStatus::unmet, "weekly-hour", "2027-W06");
    other_year.school_year = SchoolYear{2027};
    const AuditResult then = result_of({finding(FindingStatus::unmet, "weekly-hour", "2027-W06")});
    AuditResult now = result_of(
        {finding(FindingStatus::unmet, "weekly-hour", "2027-W06"), other_mentee, other_program, other_year});
    keep_changes(now, {&then, nullptr});
    REQUIRE(now.findings.size() == 3);
    CHECK(now.findings[0].mentee == "bkhan");
    CHECK(now.findings[1].program == "other");
    CHECK(now.findings[2].school_year == SchoolYear{2027});
  }

  TEST_CASE("fixed: unmet then and met or due now, while gone ones come back from the baseline") {
    const AuditResult then = result_of({finding(FindingStatus::unmet, "weekly-hour", "2027-W06"),
                                        finding(FindingStatus::unmet, "weekly-hour", "2027-W07"),
                                        finding(FindingStatus::unmet, "weekly-hour", "2027-W08"),
                                        finding(FindingStatus::unmet, "weekly-hour", "2027-W09"),
                                        finding(FindingStatus::met, "weekly-hour", "2027-W10")});
    AuditResult now = result_of({finding(FindingStatus::met, "weekly-hour", "2027-W06", "1h of 1h"),
                                 finding(FindingStatus::unmet, "weekly-hour", "2027-W07"),
                                 finding(FindingStatus::due, "weekly-hour", "2027-W08"),
                                 finding(FindingStatus::met, "weekly-hour", "2027-W10")});
    const auto gone = keep_changes(now, {nullptr, &then});
    CHECK(periods(now) == std::vector<std::string>{"weekly-hour 2027-W06 met", "weekly-hour 2027-W08 due"});
    REQUIRE(gone.size() == 1);
    CHECK(*gone[0].period == "2027-W09");
    CHECK(gone[0].status == FindingStatus::unmet);
  }

  TEST_CASE("both at once: the new and the fixed, in the audit's order") {
    const AuditResult then = result_of({finding(FindingStatus::unmet, "weekly-hour", "2027-W06")});
    AuditResult now = result_of({finding(FindingStatus::met, "weekly-hour", "2027-W06"),
                                 finding(FindingStatus::unmet, "weekly-hour", "2027-W07")});
    keep_changes(now, {&then, &then});
    CHECK(periods(now) == std::vector<std::string>{"weekly-hour 2027-W06 met", "weekly-hour 2027-W07 unmet"});
    CHECK(now.has_failures(false));
  }

  TEST_CASE("nothing changed: nothing kept") {
    const AuditResult then = result_of({finding(FindingStatus::unmet, "weekly-hour", "2027-W06")});
    AuditResult now = result_of({finding(FindingStatus::unmet, "weekly-hour", "2027-W06", "45m of 1h")});
    CHECK(keep_changes(now, {&then, &then}).empty());
    CHECK(now.findings.empty());
    CHECK_FALSE(now.has_failures(true));
  }
}
