// The requirements engine (SPEC 4): the rules on mentors and mentees (training,
// eligibility, caseload), matched-within, and the order and scope of findings. Every
// expectation is worked out by hand from the calendar and written down here.
#include "rules_fixture.hpp"

namespace mentorctl {

using namespace rules_fixture;

TEST_SUITE("rules: mentor rules") {
  TEST_CASE("caseload names the first overloaded day, planned pairings included") {
    TempRepo repo;
    person(repo, "jdoe", "mentor");
    person(repo, "mlee", "mentor");
    for (const char* id : {"asmith", "bking", "ccole"}) {
      person(repo, id, "mentee");
    }
    program(repo, "  - {id: load, type: caseload, max: 1}\n");
    pairings(repo, "2026-27",
             pairing("jdoe", "asmith", "2026-09-01", "2026-12-18") + pairing("jdoe", "bking", "2026-10-05") +
                 pairing("mlee", "ccole", "2026-09-01"));
    // As of Sep 10 the second pairing of jdoe is only planned: already unmet.
    const AuditResult result = run(repo, "2026-09-10");
    CHECK(lines(result) == Lines{"load jdoe - 2026-27 2026-08-01..2027-07-31 unmet 1/2 count",
                                 "load mlee - 2026-27 2026-08-01..2027-07-31 met 1/1 count"});
    CHECK(result.findings[0].message == "2 pairings active on 2026-10-05, more than the maximum of 1");
    CHECK(result.findings[0].records.file == "pairings/2026-27.yaml");
    CHECK(result.findings[0].records.line == 4);
  }

  TEST_CASE("caseload: a pairing ending on the day another starts overlaps it that day") {
    TempRepo repo;
    person(repo, "jdoe", "mentor");
    person(repo, "mlee", "mentor");
    for (const char* id : {"asmith", "bking", "ccole", "dlee"}) {
      person(repo, id, "mentee");
    }
    program(repo, "  - {id: load, type: caseload, max: 1}\n");
    // jdoe: asmith to Fri 10-02 inclusive, bking from 10-02: two on 10-02.
    // mlee: ccole to Thu 10-01, dlee from 10-02: never two at once.
    pairings(repo, "2026-27",
             pairing("jdoe", "asmith", "2026-09-01", "2026-10-02") + pairing("jdoe", "bking", "2026-10-02") +
                 pairing("mlee", "ccole", "2026-09-01", "2026-10-01") +
                 pairing("mlee", "dlee", "2026-10-02"));
    const AuditResult result = run(repo, "2026-10-10");
    CHECK(lines(result) == Lines{"load jdoe - 2026-27 2026-08-01..2027-07-31 unmet 1/2 count",
                                 "load mlee - 2026-27 2026-08-01..2027-07-31 met 1/1 count"});
    CHECK(result.findings[0].message == "2 pairings active on 2026-10-02, more than the maximum of 1");
  }

  TEST_CASE("max: exactly the maximum is met") {
    TempRepo repo;
    person(repo, "jdoe", "mentor");
    person(repo, "asmith", "mentee");
    program(repo,
            "  - {id: at-most-two, type: meetings, per: week, max: 2}\n"
            "  - {id: at-most-2h, type: hours, per: week, max: 2h}\n");
    pairings(repo, "2026-27", pairing("jdoe", "asmith", "2026-09-14"));
    log(repo, "2026-27", "jdoe", entry("2026-09-14", "asmith", "1h") + entry("2026-09-16", "asmith", "1h"));
    // W38 (09-14..09-20): 2 meetings of at most 2, 120 minutes of at most 120.
    CHECK(lines(run(repo, "2026-09-21")) ==
          Lines{"at-most-two jdoe asmith 2026-W38 2026-09-14..2026-09-20 met 2/2 count",
                "at-most-two jdoe asmith 2026-W39 2026-09-21..2026-09-27 met 2/0 count",
                "at-most-2h jdoe asmith 2026-W38 2026-09-14..2026-09-20 met 120/120 minutes",
                "at-most-2h jdoe asmith 2026-W39 2026-09-21..2026-09-27 met 120/0 minutes"});
  }

  TEST_CASE("training: scope year and ever, min and min_hours") {
    TempRepo repo;
    person(repo, "jdoe", "mentor");
    person(repo, "asmith", "mentee");
    program(repo,
            "  - {id: ever, type: training, kinds: [full-day], min: 1, scope: ever}\n"
            "  - {id: year, type: training, kinds: [full-day], min: 1}\n"
            "  - {id: half, type: training, kinds: [half-day], min_hours: 7h}\n");
    pairings(repo, "2026-27", pairing("jdoe", "asmith", "2026-09-01"));
    repo.write("trainings/2025-26.yaml",
               "school_year: 2025-26\nsessions:\n"
               "  - id: s1\n    date: 2026-03-01\n    kind: full-day\n    duration: 6h\n    attendees:\n     "
               " - jdoe\n");
    repo.write("trainings/2026-27.yaml",
               "school_year: 2026-27\nsessions:\n"
               "  - id: s2\n    date: 2026-08-05\n    kind: half-day\n    duration: 3h\n    attendees:\n     "
               " - jdoe\n"
               "  - id: s3\n    date: 2026-10-01\n    kind: half-day\n    duration: 3h\n    attendees:\n     "
               " - jdoe\n");
    // No calendar: the year's last day is 2027-07-31, when open rules become unmet.
    SUBCASE("during the year: s3 is after as-of") {
      const AuditResult result = run(repo, "2026-09-15");
      CHECK(lines(result) == Lines{"ever jdoe - 2026-27 2026-08-01..2027-07-31 met 1/1 count",
                                   "year jdoe - 2026-27 2026-08-01..2027-07-31 due 1/0 count",
                                   "half jdoe - 2026-27 2026-08-01..2027-07-31 due 420/180 minutes"});
      CHECK(result.findings[2].records.file == "trainings/2026-27.yaml");
    }
    SUBCASE("after the year") {
      AuditOptions options;
      options.years = {SchoolYear{2026}};
      CHECK(lines(run(repo, "2027-08-01", options)) ==
            Lines{"ever jdoe - 2026-27 2026-08-01..2027-07-31 met 1/1 count",
                  "year jdoe - 2026-27 2026-08-01..2027-07-31 unmet 1/0 count",
                  "half jdoe - 2026-27 2026-08-01..2027-07-31 unmet 420/360 minutes"});
    }
  }

  TEST_CASE("when: {service_year: N} picks the rule by the mentor's year of service") {
    TempRepo repo;
    person(repo, "jdoe", "mentor");
    person(repo, "mlee", "mentor");
    for (const char* id : {"asmith", "bking", "ccole"}) {
      person(repo, id, "mentee");
    }
    program(repo,
            "  - {id: year-one, type: training, kinds: [year-one], min: 1, when: {service_year: 1}}\n"
            "  - {id: year-two, type: training, kinds: [year-two], min: 1, when: {service_year: 2}}\n");
    // jdoe mentored in 2025-26 too: service year 2 in 2026-27; mlee: 1.
    pairings(repo, "2025-26", pairing("jdoe", "asmith", "2025-09-01", "2026-06-01"));
    pairings(repo, "2026-27",
             pairing("jdoe", "bking", "2026-09-01") + pairing("mlee", "ccole", "2026-09-01"));
    CHECK(lines(run(repo, "2026-10-01")) ==
          Lines{"year-one mlee - 2026-27 2026-08-01..2027-07-31 due 1/0 count",
                "year-two jdoe - 2026-27 2026-08-01..2027-07-31 due 1/0 count"});
  }

  TEST_CASE("years_experience: the anniversary day counts, 02-29 counts on 02-28") {
    TempRepo repo;
    person(repo, "jdoe", "mentor", "career_start: 2023-09-01\n");
    person(repo, "mlee", "mentor", "career_start: 2023-09-02\n");
    person(repo, "nkim", "mentor", "career_start: 2024-02-29\n");
    person(repo, "olsen", "mentor");
    for (const char* id : {"asmith", "bking", "ccole", "dlee"}) {
      person(repo, id, "mentee");
    }
    program(repo, "  - {id: experienced, type: eligibility, attribute: years_experience, min: 3}\n");
    pairings(repo, "2026-27",
             pairing("jdoe", "asmith", "2026-09-01") + pairing("mlee", "bking", "2026-09-01") +
                 pairing("nkim", "ccole", "2027-02-28") + pairing("olsen", "dlee", "2026-09-01"));
    const AuditResult result = run(repo, "2027-03-01");
    CHECK(lines(result) == Lines{"experienced jdoe - 2026-27 2026-08-01..2027-07-31 met 3/3 years",
                                 "experienced mlee - 2026-27 2026-08-01..2027-07-31 unmet 3/2 years",
                                 "experienced nkim - 2026-27 2026-08-01..2027-07-31 met 3/3 years",
                                 "experienced olsen - 2026-27 2026-08-01..2027-07-31 unmet 3/null years"});
    CHECK(result.findings[1].message ==
          "as of 2026-09-01, years_experience is 2 years, below the minimum of 3 years");
    CHECK(result.findings[3].message == "career_start not recorded");
    CHECK(result.findings[3].records.file == "people/olsen.yaml");
  }

  TEST_CASE("eligibility: count, value, in, equals, present") {
    TempRepo repo;
    person(repo, "jdoe", "mentor",
           "career_start: 2020-08-01\ncapacity: 3\nrating: basic\nsubjects: [science, mathematics]\n"
           "attributes: {level: five, band: \"3\"}\n");
    person(repo, "asmith", "mentee");
    program(repo,
            "  - {id: exp, type: eligibility, attribute: years_experience, min: 3}\n"
            "  - {id: cap, type: eligibility, attribute: capacity, min: 2}\n"
            "  - {id: level, type: eligibility, attribute: attributes.level, max: 4}\n"
            "  - {id: rated, type: eligibility, attribute: rating, in: [proficient, distinguished]}\n"
            "  - {id: interview, type: eligibility, attribute: application.interview, equals: passed}\n"
            "  - {id: nominated, type: eligibility, attribute: application.nominated_by, present: true}\n"
            "  - {id: math, type: eligibility, attribute: subjects, equals: mathematics}\n"
            "  - {id: stays, type: eligibility, attribute: left, present: false}\n"
            "  - {id: band, type: eligibility, attribute: attributes.band, equals: 3}\n");
    pairings(repo, "2026-27", pairing("jdoe", "asmith", "2026-09-01"));
    repo.write("applications/2026-27.yaml",
               "school_year: 2026-27\napplications:\n  - {person: jdoe, program: p, interview: passed}\n");
    const std::string year = "jdoe - 2026-27 2026-08-01..2027-07-31 ";
    const AuditResult result = run(repo, "2026-09-15");
    CHECK(lines(result) == Lines{"exp " + year + "met 3/6 years", "cap " + year + "met 2/3 count",
                                 "level " + year + "unmet '4'/'five' value",
                                 "rated " + year + "unmet 'proficient, distinguished'/'basic' value",
                                 "interview " + year + "met 'passed'/'passed' value",
                                 "nominated " + year + "unmet 'present'/null value",
                                 "math " + year + "met 'mathematics'/'science, mathematics' value",
                                 "stays " + year + "met 'absent'/null value",
                                 "band " + year + "met '3'/'3' value"});
    CHECK(result.findings[3].message == "rating is 'basic', not one of: proficient, distinguished");
  }

  TEST_CASE("subject: mentee evaluates the mentees, their findings have no mentor") {
    TempRepo repo;
    person(repo, "jdoe", "mentor");
    person(repo, "mlee", "mentor");
    person(repo, "asmith", "mentee", "career_start: 2024-08-15\n");
    person(repo, "bking", "mentee", "career_start: 2020-08-01\n");
    program(
        repo,
        "  - {id: early-career, type: eligibility, attribute: years_experience, max: 3, subject: mentee}\n");
    pairings(repo, "2026-27",
             pairing("jdoe", "asmith", "2026-09-01") + pairing("mlee", "bking", "2026-09-01"));
    const AuditResult result = run(repo, "2026-09-15");
    CHECK(lines(result) == Lines{"early-career - asmith 2026-27 2026-08-01..2027-07-31 met 3/2 years",
                                 "early-career - bking 2026-27 2026-08-01..2027-07-31 unmet 3/6 years"});
    AuditOptions only_jdoe;
    only_jdoe.mentor = "jdoe";
    CHECK(run(repo, "2026-09-15", only_jdoe).findings.empty());
  }
}

TEST_SUITE("rules: matched-within") {
  TEST_CASE("met, due, unmet, only mentees enrolled by as-of") {
    TempRepo repo;
    person(repo, "jdoe", "mentor");
    person(repo, "asmith", "mentee", "enrolled: 2026-08-10\n");
    person(repo, "bking", "mentee", "enrolled: 2026-08-10\n");
    person(repo, "ccole", "mentee", "enrolled: 2026-08-10\n");
    person(repo, "dlee", "mentee", "enrolled: 2026-09-20\n");
    program(repo, "  - {id: matched, type: matched-within, within: 30d}\n");
    // ccole's pairing is planned (after as-of) and starts after the deadline: due until the
    // deadline has passed (another pairing could still be made in time), then unmet.
    pairings(repo, "2026-27",
             pairing("jdoe", "asmith", "2026-08-24") + pairing("jdoe", "ccole", "2026-10-01"));
    // Deadline Aug 10 + 30d = Sep 9. ccole: Aug 10 -> Oct 1 = 21 + 30 + 1 = 52 days.
    SUBCASE("on the deadline") {
      CHECK(lines(run(repo, "2026-09-09")) ==
            Lines{"matched - asmith 2026-27 2026-08-10..2026-09-09 met 30/14 days",
                  "matched - bking 2026-27 2026-08-10..2026-09-09 due 30/null days",
                  "matched - ccole 2026-27 2026-08-10..2026-09-09 due 30/52 days"});
    }
    SUBCASE("before the deadline, a late pairing leaves it due") {
      AuditOptions options;
      options.mentee = "ccole";
      CHECK(lines(run(repo, "2026-09-01", options)) ==
            Lines{"matched - ccole 2026-27 2026-08-10..2026-09-09 due 30/52 days"});
    }
    SUBCASE("the day after the deadline, the late pairing is unmet") {
      AuditOptions options;
      options.mentee = "ccole";
      const AuditResult result = run(repo, "2026-09-10", options);
      CHECK(lines(result) == Lines{"matched - ccole 2026-27 2026-08-10..2026-09-09 unmet 30/52 days"});
      CHECK(result.findings[0].message ==
            "paired only from 2026-10-01, 52 days after enrolling on 2026-08-10; it was due by 2026-09-09 "
            "(within 30d)");
    }
    SUBCASE("the day after, filtered by mentee") {
      AuditOptions options;
      options.mentee = "bking";
      const AuditResult result = run(repo, "2026-09-10", options);
      CHECK(lines(result) == Lines{"matched - bking 2026-27 2026-08-10..2026-09-09 unmet 30/null days"});
      CHECK(result.findings[0].records.file == "pairings/2026-27.yaml");
      CHECK(result.findings[0].records.line == 1);
    }
  }

  TEST_CASE("a pairing that starts on the deadline is in time") {
    TempRepo repo;
    person(repo, "jdoe", "mentor");
    person(repo, "asmith", "mentee", "enrolled: 2026-08-10\n");
    program(repo, "  - {id: matched, type: matched-within, within: 30d}\n");
    // Deadline Aug 10 + 30d = Sep 9; SPEC 4.7: met when a pairing starts <= deadline.
    pairings(repo, "2026-27", pairing("jdoe", "asmith", "2026-09-09"));
    CHECK(lines(run(repo, "2026-09-20")) ==
          Lines{"matched - asmith 2026-27 2026-08-10..2026-09-09 met 30/30 days"});
  }

  TEST_CASE("the earliest pairing decides, in whichever order the pairings are written") {
    // asmith: a second mentor from 2026-11-02 (84 days), the first from 2026-08-24 (14 days,
    // ended when the second began); written late first, then early. Met by the early one.
    for (const bool early_first : {true, false}) {
      CAPTURE(early_first);
      TempRepo repo;
      person(repo, "jdoe", "mentor");
      person(repo, "kray", "mentor");
      person(repo, "asmith", "mentee", "enrolled: 2026-08-10\n");
      program(repo, "  - {id: matched, type: matched-within, within: 30d}\n");
      const std::string early = pairing("jdoe", "asmith", "2026-08-24", "2026-11-01");
      const std::string late = pairing("kray", "asmith", "2026-11-02");
      pairings(repo, "2026-27", early_first ? early + late : late + early);
      CHECK(lines(run(repo, "2026-12-01")) ==
            Lines{"matched - asmith 2026-27 2026-08-10..2026-09-09 met 30/14 days"});
    }
  }
}

TEST_SUITE("rules: ordering and scope") {
  TEST_CASE("sorted by program, requirement in file order, mentor bytewise, mentee, from") {
    TempRepo repo;
    for (const char* id : {"m1", "m10", "m-2"}) {
      person(repo, id, "mentor");
    }
    for (const char* id : {"e1", "e2", "e3"}) {
      person(repo, id, "mentee");
    }
    repo.write("programs/p.yaml", "id: p\nname: Program P\n");
    repo.write(
        "programs/beta.yaml",
        "id: beta\nname: Beta\nrequirements:\n  - {id: a-weekly, type: meetings, per: week, min: 1}\n");
    repo.write("programs/alpha.yaml",
               "id: alpha\nname: Alpha\nrequirements:\n"
               "  - {id: zz-weekly, type: meetings, per: week, min: 1}\n"
               "  - {id: aa-year, type: meetings, per: school-year, min: 1, partial: full}\n");
    repo.write("pairings/2026-27.yaml",
               "school_year: 2026-27\npairings:\n"
               "  - {mentor: m1, mentee: e1, program: beta, start: 2026-09-14}\n"
               "  - {mentor: m10, mentee: e2, program: alpha, start: 2026-09-07}\n"
               "  - {mentor: m1, mentee: e1, program: alpha, start: 2026-09-07}\n"
               "  - {mentor: m-2, mentee: e3, program: alpha, start: 2026-09-07}\n");
    Lines order;
    for (const auto& f : run(repo, "2026-09-20").findings) {
      order.push_back(
          fmt::format("{} {} {} {}", f.program, f.requirement, *f.mentor, f.period.value_or("-")));
    }
    CHECK(order == Lines{"alpha zz-weekly m-2 2026-W37", "alpha zz-weekly m-2 2026-W38",
                         "alpha zz-weekly m1 2026-W37", "alpha zz-weekly m1 2026-W38",
                         "alpha zz-weekly m10 2026-W37", "alpha zz-weekly m10 2026-W38",
                         "alpha aa-year m-2 2026-27", "alpha aa-year m1 2026-27", "alpha aa-year m10 2026-27",
                         "beta a-weekly m1 2026-W38"});
  }

  TEST_CASE("--year all: mentor rules of two mentors over two years sort by mentor, then year") {
    TempRepo repo;
    person(repo, "m1", "mentor", "rating: basic\n");
    person(repo, "m2", "mentor", "rating: basic\n");
    person(repo, "e1", "mentee");
    person(repo, "e2", "mentee");
    program(repo, "  - {id: rated, type: eligibility, attribute: rating, in: [proficient]}\n");
    repo.write("calendars/2026-27.yaml",
               "school_year: 2026-27\nfirst_day: 2026-08-19\nlast_day: 2027-06-04\n");
    repo.write("calendars/2027-28.yaml",
               "school_year: 2027-28\nfirst_day: 2027-08-18\nlast_day: 2028-06-02\n");
    // Both pairings continue into 2027-28 (an end past their school year).
    pairings(
        repo, "2026-27",
        pairing("m2", "e2", "2026-09-01", "2028-06-02") + pairing("m1", "e1", "2026-09-01", "2028-06-02"));
    AuditOptions options;
    options.all_years = true;
    Lines order;
    for (const auto& f : run(repo, "2027-10-01", options).findings) {
      order.push_back(fmt::format("{} {} {}", f.requirement, *f.mentor, format_school_year(f.school_year)));
    }
    CHECK(order == Lines{"rated m1 2026-27", "rated m1 2027-28", "rated m2 2026-27", "rated m2 2027-28"});
  }

  TEST_CASE("--year all covers every year with a record file or an enrolment") {
    TempRepo repo;
    person(repo, "asmith", "mentee", "enrolled: 2024-09-01\n");
    repo.write("calendars/2026-27.yaml",
               "school_year: 2026-27\nfirst_day: 2026-08-19\nlast_day: 2027-06-04\n");
    repo.write("trainings/2028-29.yaml", "school_year: 2028-29\nsessions: []\n");
    const Records records = repo.load();
    CHECK(school_years_with_records(records) == std::vector<SchoolYear>{{2024}, {2026}, {2028}});
  }

  TEST_CASE("odd spans neither wrap around the calendar nor evaluate empty windows") {
    TempRepo repo;
    person(repo, "jdoe", "mentor");
    person(repo, "asmith", "mentee");
    program(repo,
            "  - {id: forever, type: milestone, within: 100y}\n"
            "  - {id: never, type: meetings, per: week, min: 1, during: {first: 0d}}\n");
    pairings(repo, "2026-27", pairing("jdoe", "asmith", "2026-09-01"));
    CHECK(lines(run(repo, "2026-10-01")) ==
          // 100 years of 365 days plus the 24 leap days of 2028..2124 (2100 is not one).
          Lines{"forever jdoe asmith - 2026-09-01..2126-09-01 due 36524/null days"});
  }

  TEST_CASE("summary and failures") {
    TempRepo repo;
    person(repo, "jdoe", "mentor");
    person(repo, "asmith", "mentee");
    program(repo, "  - {id: weekly, type: hours, per: week, min: 1h, severity: warning}\n");
    pairings(repo, "2026-27", pairing("jdoe", "asmith", "2026-09-14"));
    const AuditResult result = run(repo, "2026-09-28");
    const AuditSummary summary = result.summary();
    CHECK(summary.unmet == 2);
    CHECK(summary.due == 1);
    CHECK(summary.met == 0);
    CHECK_FALSE(result.has_failures(false));
    CHECK(result.has_failures(true));
  }
}

}  // namespace mentorctl
