// The requirements engine (SPEC 4). Every expectation below is worked out by hand from
// the calendar (weekdays of 2026-28, noted beside each case) and written down here.
// Here: the pair rules and milestones; the rules on mentors and mentees, and the order
// of findings, are in rules_person_test.cpp.
#include "rules_fixture.hpp"

namespace mentorctl {

using namespace rules_fixture;

TEST_SUITE("rules: pair rules") {
  TEST_CASE("break weeks are skipped") {
    TempRepo repo;
    calendar_2026(repo);
    person(repo, "jdoe", "mentor");
    person(repo, "asmith", "mentee");
    program(repo, "  - {id: weekly, type: hours, per: week, min: 1h}\n");
    pairings(repo, "2026-27", pairing("jdoe", "asmith", "2026-12-14"));
    log(repo, "2026-27", "jdoe",
        entry("2026-12-15", "asmith", "1h") + entry("2026-12-22", "asmith", "30m") +
            entry("2027-01-05", "asmith", "45m"));
    // W51 Dec 14-20: 5 school days. W52 Dec 21-27 and W53 Dec 28-Jan 3 lie in the break
    // (I = 0): no finding, even for the entry of Dec 22. 2027-W01 Jan 4-10 ends on as-of: due.
    CHECK(lines(run(repo, "2027-01-10")) ==
          Lines{"weekly jdoe asmith 2026-W51 2026-12-14..2026-12-20 met 60/60 minutes",
                "weekly jdoe asmith 2027-W01 2027-01-04..2027-01-10 due 60/45 minutes"});
  }

  TEST_CASE("partial weeks: prorate, full, skip") {
    TempRepo repo;
    person(repo, "jdoe", "mentor");
    person(repo, "asmith", "mentee");
    program(repo,
            "  - {id: prorated, type: hours, per: week, min: 1h}\n"
            "  - {id: full, type: hours, per: week, min: 1h, partial: full}\n"
            "  - {id: skip, type: hours, per: week, min: 1h, partial: skip}\n");
    // Starts Wednesday 2026-09-16: week 2026-W38 (Mon 14 - Sun 20) has I = 5, A = 3.
    pairings(repo, "2026-27", pairing("jdoe", "asmith", "2026-09-16"));
    log(repo, "2026-27", "jdoe", entry("2026-09-17", "asmith", "40m"));
    // prorate: ceil(60 x 3 / 5) = 36; full: 60; skip: W38 not evaluated.
    const AuditResult result = run(repo, "2026-09-21");
    CHECK(lines(result) == Lines{"prorated jdoe asmith 2026-W38 2026-09-16..2026-09-20 met 36/40 minutes",
                                 "prorated jdoe asmith 2026-W39 2026-09-21..2026-09-27 due 60/0 minutes",
                                 "full jdoe asmith 2026-W38 2026-09-16..2026-09-20 unmet 60/40 minutes",
                                 "full jdoe asmith 2026-W39 2026-09-21..2026-09-27 due 60/0 minutes",
                                 "skip jdoe asmith 2026-W39 2026-09-21..2026-09-27 due 60/0 minutes"});
    CHECK(result.findings[0].message ==
          "40m of 36m in week 2026-W38 (prorated from 1h for 3 of 5 instructional days)");
    CHECK(result.findings[1].message == "0m of 1h in week 2026-W39; 1h more by 2026-09-27");
    CHECK(result.findings[0].source == "programs/p.yaml:4");
  }

  TEST_CASE("a pairing that ends mid-month") {
    TempRepo repo;
    person(repo, "jdoe", "mentor");
    person(repo, "asmith", "mentee");
    program(repo, "  - {id: monthly, type: hours, per: month, min: 4h}\n");
    pairings(repo, "2026-27", pairing("jdoe", "asmith", "2026-09-01", "2026-10-14"));
    log(repo, "2026-27", "jdoe",
        entry("2026-09-10", "asmith", "4h") + entry("2026-10-05", "asmith", "1h30m") +
            entry("2026-10-20", "asmith", "1h"));
    // No calendar: every weekday teaches. September: 22 weekdays, all in the pairing.
    // October: 22 weekdays, 10 of them by Oct 14 -> ceil(240 x 10 / 22) = 110 minutes.
    // The entry of Oct 20 is after the pairing's end and does not count.
    CHECK(lines(run(repo, "2026-10-31")) ==
          Lines{"monthly jdoe asmith 2026-09 2026-09-01..2026-09-30 met 240/240 minutes",
                "monthly jdoe asmith 2026-10 2026-10-01..2026-10-14 unmet 110/90 minutes"});
  }

  TEST_CASE("during: first/after 6mo from an August 31 start") {
    TempRepo repo;
    person(repo, "jdoe", "mentor");
    person(repo, "asmith", "mentee");
    SUBCASE("first 6mo ends on 2027-02-27 (Feb 28 clamped, minus one day)") {
      program(repo, "  - {id: early, type: meetings, per: month, min: 2, during: {first: 6mo}}\n");
      pairings(repo, "2026-27", pairing("jdoe", "asmith", "2026-08-31", "2027-06-04"));
      // August: 21 weekdays, only Mon Aug 31 in the pairing -> ceil(2 x 1 / 21) = 1.
      // February 2027: 20 weekdays, all on or before Sat Feb 27 -> 2.
      CHECK(lines(run(repo, "2027-06-30")) ==
            Lines{"early jdoe asmith 2026-08 2026-08-31..2026-08-31 unmet 1/0 count",
                  "early jdoe asmith 2026-09 2026-09-01..2026-09-30 unmet 2/0 count",
                  "early jdoe asmith 2026-10 2026-10-01..2026-10-31 unmet 2/0 count",
                  "early jdoe asmith 2026-11 2026-11-01..2026-11-30 unmet 2/0 count",
                  "early jdoe asmith 2026-12 2026-12-01..2026-12-31 unmet 2/0 count",
                  "early jdoe asmith 2027-01 2027-01-01..2027-01-31 unmet 2/0 count",
                  "early jdoe asmith 2027-02 2027-02-01..2027-02-27 unmet 2/0 count"});
    }
    SUBCASE("in a leap year it ends on 2028-02-28") {
      program(repo, "  - {id: early, type: meetings, per: month, min: 2, during: {first: 6mo}}\n");
      pairings(repo, "2027-28", pairing("jdoe", "asmith", "2027-08-31", "2028-06-01"));
      // February 2028: 21 weekdays, 20 of them by Feb 28 -> ceil(2 x 20 / 21) = 2.
      const Lines found = lines(run(repo, "2028-06-30"));
      REQUIRE(found.size() == 7);
      CHECK(found.back() == "early jdoe asmith 2028-02 2028-02-01..2028-02-28 unmet 2/0 count");
    }
    SUBCASE("after 6mo starts on Sunday 2027-02-28: February has no school day in E") {
      program(repo, "  - {id: later, type: meetings, per: month, min: 1, during: {after: 6mo}}\n");
      pairings(repo, "2026-27", pairing("jdoe", "asmith", "2026-08-31", "2027-06-04"));
      const Lines found = lines(run(repo, "2027-04-15"));
      CHECK(found == Lines{"later jdoe asmith 2027-03 2027-03-01..2027-03-31 unmet 1/0 count",
                           "later jdoe asmith 2027-04 2027-04-01..2027-04-30 due 1/0 count"});
    }
  }

  TEST_CASE("due turns unmet the day after the period closes, nothing before the start") {
    TempRepo repo;
    person(repo, "jdoe", "mentor");
    person(repo, "asmith", "mentee");
    program(repo, "  - {id: weekly, type: hours, per: week, min: 1h}\n");
    pairings(repo, "2026-27", pairing("jdoe", "asmith", "2026-09-14"));
    SUBCASE("before the pairing starts") { CHECK(lines(run(repo, "2026-09-13")).empty()); }
    // SPEC 4.8: evaluated once the first day of P ∩ E is ≤ as-of, so on the start day itself.
    SUBCASE("on the day the pairing starts") {
      CHECK(lines(run(repo, "2026-09-14")) ==
            Lines{"weekly jdoe asmith 2026-W38 2026-09-14..2026-09-20 due 60/0 minutes"});
    }
    SUBCASE("on the period's last day") {
      CHECK(lines(run(repo, "2026-09-20")) ==
            Lines{"weekly jdoe asmith 2026-W38 2026-09-14..2026-09-20 due 60/0 minutes"});
    }
    SUBCASE("the day after") {
      CHECK(lines(run(repo, "2026-09-21")) ==
            Lines{"weekly jdoe asmith 2026-W38 2026-09-14..2026-09-20 unmet 60/0 minutes",
                  "weekly jdoe asmith 2026-W39 2026-09-21..2026-09-27 due 60/0 minutes"});
    }
  }

  TEST_CASE("records dated after as-of are ignored") {
    TempRepo repo;
    person(repo, "jdoe", "mentor");
    person(repo, "asmith", "mentee");
    program(repo, "  - {id: weekly, type: hours, per: week, min: 1h}\n");
    pairings(repo, "2026-27", pairing("jdoe", "asmith", "2026-09-14"));
    log(repo, "2026-27", "jdoe", entry("2026-09-18", "asmith", "1h"));
    CHECK(lines(run(repo, "2026-09-17")) ==
          Lines{"weekly jdoe asmith 2026-W38 2026-09-14..2026-09-20 due 60/0 minutes"});
    CHECK(lines(run(repo, "2026-09-18")) ==
          Lines{"weekly jdoe asmith 2026-W38 2026-09-14..2026-09-20 met 60/60 minutes"});
  }

  TEST_CASE("max: unmet as soon as exceeded, never prorated, kinds filter") {
    TempRepo repo;
    person(repo, "jdoe", "mentor");
    person(repo, "asmith", "mentee");
    program(repo,
            "  - {id: at-most-two, type: meetings, per: week, max: 2}\n"
            "  - {id: hour-range, type: hours, per: week, min: 1h, max: 3h}\n"
            "  - {id: in-person, type: meetings, per: week, min: 1, kinds: [meeting]}\n");
    pairings(repo, "2026-27", pairing("jdoe", "asmith", "2026-09-14"));
    log(repo, "2026-27", "jdoe",
        entry("2026-09-14", "asmith", "1h") + entry("2026-09-15", "asmith", "1h") +
            entry("2026-09-16", "asmith", "2h") + entry("2026-09-22", "asmith", "30m", "kind: email"));
    SUBCASE("while the week is open") {
      // Three meetings by Wednesday: over the max although W38 runs to Sunday.
      CHECK(lines(run(repo, "2026-09-16")) ==
            Lines{"at-most-two jdoe asmith 2026-W38 2026-09-14..2026-09-20 unmet 2/3 count",
                  "hour-range jdoe asmith 2026-W38 2026-09-14..2026-09-20 unmet 60/240 minutes",
                  "in-person jdoe asmith 2026-W38 2026-09-14..2026-09-20 met 1/3 count"});
    }
    SUBCASE("the next week") {
      // W39 holds one email: a max-only rule is met; the email is no `meeting`.
      CHECK(lines(run(repo, "2026-09-23")) ==
            Lines{"at-most-two jdoe asmith 2026-W38 2026-09-14..2026-09-20 unmet 2/3 count",
                  "at-most-two jdoe asmith 2026-W39 2026-09-21..2026-09-27 met 2/1 count",
                  "hour-range jdoe asmith 2026-W38 2026-09-14..2026-09-20 unmet 60/240 minutes",
                  "hour-range jdoe asmith 2026-W39 2026-09-21..2026-09-27 due 60/30 minutes",
                  "in-person jdoe asmith 2026-W38 2026-09-14..2026-09-20 met 1/3 count",
                  "in-person jdoe asmith 2026-W39 2026-09-21..2026-09-27 due 1/0 count"});
    }
  }

  TEST_CASE("observations count those whose observer is the mentor") {
    TempRepo repo;
    person(repo, "jdoe", "mentor");
    person(repo, "mlee", "mentor");
    person(repo, "asmith", "mentee");
    program(repo, "  - {id: observed, type: observations, per: pairing, min: 2}\n");
    pairings(repo, "2026-27", pairing("jdoe", "asmith", "2026-09-01", "2026-12-18"));
    repo.write("observations/2026-27/asmith.yaml",
               "mentee: asmith\nobservations:\n"
               "  - {date: 2026-10-02, observer: jdoe}\n"
               "  - {date: 2026-10-09, observer: mlee}\n"
               "  - {date: 2026-12-01, observer: jdoe}\n");
    // per: pairing: P = E, label FIRST..LAST; mlee's observation does not count.
    const AuditResult result = run(repo, "2026-11-01");
    CHECK(lines(result) ==
          Lines{"observed jdoe asmith 2026-09-01..2026-12-18 2026-09-01..2026-12-18 due 2/1 count"});
    CHECK(result.findings[0].records.file == "observations/2026-27/asmith.yaml");
    CHECK(lines(run(repo, "2026-12-19")) ==
          Lines{"observed jdoe asmith 2026-09-01..2026-12-18 2026-09-01..2026-12-18 met 2/2 count"});
  }

  TEST_CASE("a continuing pairing is audited period by period in each school year") {
    TempRepo repo;
    person(repo, "jdoe", "mentor", "career_start: 2024-08-01\n");
    person(repo, "asmith", "mentee");
    program(repo,
            "  - {id: yearly, type: hours, per: school-year, min: 10h, partial: full}\n"
            "  - {id: experienced, type: eligibility, attribute: years_experience, min: 3}\n");
    pairings(repo, "2026-27", pairing("jdoe", "asmith", "2026-09-01", "2028-06-01"));
    log(repo, "2026-27", "jdoe", entry("2026-09-02", "asmith", "3h"));
    log(repo, "2027-28", "jdoe", entry("2027-09-01", "asmith", "2h"));
    // 2026-27: from the start to the year's last day (2027-07-31), closed by as-of.
    // 2027-28: from the year's first day; eligibility is evaluated as of 2027-08-01
    // (carried over), when career_start 2024-08-01 gives 3 full years.
    const Lines first = {"yearly jdoe asmith 2026-27 2026-09-01..2027-07-31 unmet 600/180 minutes",
                         "experienced jdoe - 2026-27 2026-08-01..2027-07-31 unmet 3/2 years"};
    const Lines second = {"yearly jdoe asmith 2027-28 2027-08-01..2028-06-01 due 600/120 minutes",
                          "experienced jdoe - 2027-28 2027-08-01..2028-07-31 met 3/3 years"};
    SUBCASE("the default year is the one holding as-of") { CHECK(lines(run(repo, "2027-10-01")) == second); }
    SUBCASE("--year 2026-27") {
      AuditOptions options;
      options.years = {SchoolYear{2026}};
      CHECK(lines(run(repo, "2027-10-01", options)) == first);
    }
    SUBCASE("--year all") {
      AuditOptions options;
      options.all_years = true;
      const AuditResult result = run(repo, "2027-10-01", options);
      CHECK(result.school_years == std::vector<SchoolYear>{{2026}, {2027}});
      CHECK(lines(result) == Lines{first[0], second[0], first[1], second[1]});
    }
  }
}

TEST_SUITE("rules: milestones") {
  TEST_CASE("met, completed late, due, and unmet") {
    TempRepo repo;
    person(repo, "jdoe", "mentor");
    person(repo, "mlee", "mentor");
    for (const char* id : {"asmith", "bking", "ccole"}) {
      person(repo, id, "mentee");
    }
    program(repo, "  - {id: agreement, type: milestone, within: 14d}\n");
    pairings(repo, "2026-27",
             pairing("jdoe", "asmith", "2026-09-01") + pairing("mlee", "bking", "2026-09-01") +
                 pairing("mlee", "ccole", "2026-09-25"));
    log(repo, "2026-27", "jdoe", entry("2026-09-20", "asmith", "1h", "completes: [agreement]"));
    log(repo, "2026-27", "mlee", entry("2026-09-15", "bking", "1h", "completes: [agreement]"));
    // Deadlines: Sep 1 + 14d = Sep 15 (inclusive); Sep 25 + 14d = Oct 9.
    SUBCASE("as of 2026-10-09") {
      const AuditResult result = run(repo, "2026-10-09");
      CHECK(lines(result) == Lines{"agreement jdoe asmith - 2026-09-01..2026-09-15 unmet 14/19 days",
                                   "agreement mlee bking - 2026-09-01..2026-09-15 met 14/14 days",
                                   "agreement mlee ccole - 2026-09-25..2026-10-09 due 14/null days"});
      CHECK(result.findings[0].message ==
            "completed late on 2026-09-20, 19 days after the pairing started; it was due by 2026-09-15");
      CHECK(result.findings[0].records.file == "logs/2026-27/jdoe.yaml");
    }
    SUBCASE("as of 2026-10-10") {
      CHECK(lines(run(repo, "2026-10-10")).back() ==
            "agreement mlee ccole - 2026-09-25..2026-10-09 unmet 14/null days");
    }
    SUBCASE("a completing entry after as-of does not count yet") {
      CHECK(lines(run(repo, "2026-09-14")) ==
            Lines{"agreement jdoe asmith - 2026-09-01..2026-09-15 due 14/null days",
                  "agreement mlee bking - 2026-09-01..2026-09-15 due 14/null days"});
    }
  }
}

}  // namespace mentorctl
