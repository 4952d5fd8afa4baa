// The rules that span files (SPEC 3, 6.1, 7), checked on small repositories after load
// and validate: references, roles, school years, overlaps. A record with an error is left
// out and counted; a warning keeps it. Weekdays: 2026-08-20 Thu, 2026-08-24 Mon.
#include "check/validate.hpp"
#include "fixture.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

namespace mentorctl {
namespace {

using test::TempRepo;

void person(const TempRepo& repo, const std::string& id, const std::string& roles,
            const std::string& extra = "") {
  repo.write("people/" + id + ".yaml",
             fmt::format("id: {}\nname: Person {}\nroles: [{}]\nprograms: [p]\n{}", id, id, roles, extra));
}

// jdoe (mentor), asmith and bjones (mentees), program p.
void base(const TempRepo& repo) {
  person(repo, "jdoe", "mentor");
  person(repo, "asmith", "mentee");
  person(repo, "bjones", "mentee");
  repo.write("programs/p.yaml", "id: p\nname: P\n");
}

void pairings(const TempRepo& repo, const std::string& year, const std::string& items) {
  repo.write("pairings/" + year + ".yaml", "school_year: " + year + "\npairings:\n" + items);
}

std::string pairing(const std::string& mentor, const std::string& mentee, const std::string& start,
                    const std::string& end = "", const std::string& program = "p") {
  return fmt::format("  - {{mentor: {}, mentee: {}, program: {}, start: {}{}}}\n", mentor, mentee, program,
                     start, end.empty() ? "" : ", end: " + end);
}

void log(const TempRepo& repo, const std::string& year, const std::string& mentor,
         const std::string& entries) {
  repo.write("logs/" + year + "/" + mentor + ".yaml", "mentor: " + mentor + "\nentries:\n" + entries);
}

std::string entry(const std::string& date, const std::string& mentee, const std::string& extra = "") {
  return fmt::format("  - {{date: {}, mentee: {}, duration: 1h{}}}\n", date, mentee,
                     extra.empty() ? "" : ", " + extra);
}

// Every diagnostic but missing-calendar warnings, as `path:line severity code: message`.
std::vector<std::string> shown(const Records& r) {
  std::vector<std::string> out;
  for (const auto& d : r.diagnostics.items()) {
    if (d.code != "missing-calendar") {
      out.push_back(
          fmt::format("{}:{} {} {}: {}", d.file, d.mark.line, severity_name(d.severity), d.code, d.message));
    }
  }
  return out;
}

using Lines = std::vector<std::string>;

}  // namespace

TEST_SUITE("validate") {
  TEST_CASE("pairings of the same people and program overlapping across files") {
    TempRepo repo;
    base(repo);
    pairings(repo, "2026-27", pairing("jdoe", "asmith", "2026-08-24", "2027-08-20"));
    pairings(repo, "2027-28", pairing("jdoe", "asmith", "2027-08-20"));
    const Records r = repo.load();
    // They share one day, 2027-08-20: the later one is reported and left out.
    CHECK(shown(r) ==
          Lines{"pairings/2027-28.yaml:3 error overlapping-pairing: pairing jdoe – asmith in p overlaps "
                "the pairing at pairings/2026-27.yaml:3 (2026-08-24 to 2027-08-20); end one before the "
                "other starts"});
    REQUIRE(r.pairings.size() == 1);
    CHECK(format_date(r.pairings[0].start) == "2026-08-24");
    CHECK(r.record_errors() == 1);
  }

  TEST_CASE("a pairing ending the day before the next starts does not overlap") {
    TempRepo repo;
    base(repo);
    pairings(repo, "2026-27", pairing("jdoe", "asmith", "2026-08-24", "2027-08-19"));
    pairings(repo, "2027-28", pairing("jdoe", "asmith", "2027-08-20"));
    const Records r = repo.load();
    CHECK(shown(r).empty());
    CHECK(r.pairings.size() == 2);
  }

  TEST_CASE("overlap within one file, through the default end") {
    TempRepo repo;
    base(repo);
    repo.write("calendars/2026-27.yaml",
               "school_year: 2026-27\nfirst_day: 2026-08-19\nlast_day: 2027-06-04\n");
    // The first has no end: it runs to the calendar's last day, 2027-06-04.
    pairings(repo, "2026-27",
             pairing("jdoe", "asmith", "2026-08-24") + pairing("jdoe", "asmith", "2027-06-04"));
    const Records r = repo.load();
    CHECK(shown(r) ==
          Lines{"pairings/2026-27.yaml:4 error overlapping-pairing: pairing jdoe – asmith in p overlaps "
                "the pairing at pairings/2026-27.yaml:3 (2026-08-24 to 2027-06-04); end one before the "
                "other starts"});
    CHECK(r.pairings.size() == 1);
  }

  TEST_CASE("overlaps only count for the same mentor, mentee and program") {
    TempRepo repo;
    base(repo);
    repo.write("programs/q.yaml", "id: q\nname: Q\n");
    person(repo, "kmentor", "mentor");
    pairings(repo, "2026-27",
             pairing("jdoe", "asmith", "2026-08-24") + pairing("jdoe", "bjones", "2026-08-24") +
                 pairing("kmentor", "asmith", "2026-08-24") +
                 pairing("jdoe", "asmith", "2026-08-24", "", "q"));
    const Records r = repo.load();
    CHECK(shown(r).empty());
    CHECK(r.pairings.size() == 4);
  }

  TEST_CASE("a mentor without the program's mentor role") {
    TempRepo repo;
    base(repo);
    pairings(repo, "2026-27", pairing("bjones", "asmith", "2026-08-24"));
    const Records r = repo.load();
    CHECK(shown(r) ==
          Lines{"pairings/2026-27.yaml:3 error wrong-role: mentor 'bjones' does not hold the role "
                "'mentor' that program p requires of mentors; add it to roles in people/bjones.yaml"});
    CHECK(r.pairings.empty());
    CHECK(r.record_errors() == 1);
  }

  TEST_CASE("the program's own roles decide, not the default ones") {
    TempRepo repo;
    base(repo);
    repo.write("programs/p.yaml", "id: p\nname: P\nmentor_role: supervisor\nmentee_role: candidate\n");
    person(repo, "sup", "supervisor");
    person(repo, "cand", "candidate");
    pairings(repo, "2026-27", pairing("sup", "cand", "2026-08-24") + pairing("jdoe", "asmith", "2026-08-24"));
    const Records r = repo.load();
    CHECK(shown(r) ==
          Lines{"pairings/2026-27.yaml:4 error wrong-role: mentor 'jdoe' does not hold the role "
                "'supervisor' that program p requires of mentors; add it to roles in people/jdoe.yaml",
                "pairings/2026-27.yaml:4 error wrong-role: mentee 'asmith' does not hold the role "
                "'candidate' that program p requires of mentees; add it to roles in people/asmith.yaml"});
    REQUIRE(r.pairings.size() == 1);
    CHECK(r.pairings[0].mentor.id == "sup");
  }

  TEST_CASE("nobody is paired with themself") {
    TempRepo repo;
    base(repo);
    person(repo, "both", "mentor, mentee");
    pairings(repo, "2026-27", pairing("both", "both", "2026-08-24"));
    const Records r = repo.load();
    CHECK(shown(r) == Lines{"pairings/2026-27.yaml:3 error self-pairing: 'both' is paired with themself"});
    CHECK(r.pairings.empty());
  }

  TEST_CASE("a log entry outside the folder's school year is an error") {
    TempRepo repo;
    base(repo);
    pairings(repo, "2026-27", pairing("jdoe", "asmith", "2026-08-24", "2027-09-30"));
    // 2027-07-31 is the year's last day (no calendar: the 2.4 bounds); 2027-08-01 is 2027-28.
    log(repo, "2026-27", "jdoe", entry("2027-07-31", "asmith") + entry("2027-08-01", "asmith"));
    const Records r = repo.load();
    CHECK(shown(r) ==
          Lines{"logs/2026-27/jdoe.yaml:4 error outside-school-year: date 2027-08-01 is outside school "
                "year 2026-27 (2026-08-01 to 2027-07-31); move the record to the file of the year it "
                "belongs to"});
    REQUIRE(r.logs.size() == 1);
    CHECK(format_date(r.logs[0].date) == "2027-07-31");
    CHECK(r.record_errors() == 1);
  }

  TEST_CASE("school_year_start moves what is outside the folder's year") {
    TempRepo repo;
    repo.write("mentorctl.yaml", "mentorctl: 1\norganization: Test\nschool_year_start: 09-01\n");
    base(repo);
    pairings(repo, "2026-27", pairing("jdoe", "asmith", "2026-09-01"));
    // 2026-08-31 belongs to 2025-26 when years start on 09-01.
    log(repo, "2026-27", "jdoe", entry("2026-08-31", "asmith") + entry("2026-09-01", "asmith"));
    const Records r = repo.load();
    CHECK(shown(r) ==
          Lines{"logs/2026-27/jdoe.yaml:3 error outside-school-year: date 2026-08-31 is outside school "
                "year 2026-27 (2026-09-01 to 2027-08-31); move the record to the file of the year it "
                "belongs to"});
    CHECK(r.logs.size() == 1);
  }

  TEST_CASE("a log entry without an active pairing is a warning, and is kept") {
    TempRepo repo;
    base(repo);
    pairings(repo, "2026-27", pairing("jdoe", "asmith", "2026-08-24"));
    // Thu 2026-08-20 is before the pairing starts; 2026-08-24 is its first day.
    log(repo, "2026-27", "jdoe", entry("2026-08-20", "asmith") + entry("2026-08-24", "asmith"));
    const Records r = repo.load();
    CHECK(shown(r) ==
          Lines{"logs/2026-27/jdoe.yaml:3 warning no-pairing: no pairing of jdoe and asmith is active on "
                "2026-08-20; this entry counts for nothing"});
    CHECK(r.logs.size() == 2);
    CHECK(r.record_errors() == 0);
    CHECK(r.diagnostics.error_count() == 0);
  }

  TEST_CASE("a log entry naming another program than the pair's is a warning") {
    TempRepo repo;
    base(repo);
    repo.write("programs/q.yaml", "id: q\nname: Q\n");
    pairings(repo, "2026-27", pairing("jdoe", "asmith", "2026-08-24"));
    log(repo, "2026-27", "jdoe", entry("2026-09-14", "asmith", "program: q"));
    const Records r = repo.load();
    CHECK(shown(r) ==
          Lines{"logs/2026-27/jdoe.yaml:3 warning no-pairing: no pairing of jdoe and asmith in q is "
                "active on 2026-09-14; this entry counts for nothing"});
    CHECK(r.logs.size() == 1);
  }

  TEST_CASE("unknown people and programs, with 'did you mean' when one is close") {
    TempRepo repo;
    base(repo);
    pairings(repo, "2026-27",
             pairing("jdoe", "asmtih", "2026-08-24") + pairing("jdoe", "bjones", "2026-08-24", "", "pp") +
                 pairing("zed", "asmith", "2026-08-24", "", "walnut-valley"));
    const Records r = repo.load();
    CHECK(
        shown(r) ==
        Lines{
            "pairings/2026-27.yaml:3 error unknown-person: mentee 'asmtih' is not a person (no "
            "people/asmtih.yaml); did you mean 'asmith'?",
            "pairings/2026-27.yaml:4 error unknown-program: program 'pp' does not exist (no "
            "programs/pp.yaml); "
            "did you mean 'p'?",
            "pairings/2026-27.yaml:5 error unknown-person: mentor 'zed' is not a person (no people/zed.yaml)",
            "pairings/2026-27.yaml:5 error unknown-program: program 'walnut-valley' does not exist (no "
            "programs/walnut-valley.yaml)"});
    CHECK(r.pairings.empty());
    CHECK(r.record_errors() == 3);
  }

  TEST_CASE("a log entry for an unknown mentee, and a log file of an unknown mentor") {
    TempRepo repo;
    base(repo);
    pairings(repo, "2026-27", pairing("jdoe", "asmith", "2026-08-24"));
    log(repo, "2026-27", "jdoe", entry("2026-09-14", "asmiht"));
    log(repo, "2026-27", "nobody", entry("2026-09-14", "asmith") + entry("2026-09-15", "asmith"));
    const Records r = repo.load();
    // The unknown mentor is reported once for the file, not once per entry.
    CHECK(shown(r) ==
          Lines{"logs/2026-27/jdoe.yaml:3 error unknown-person: mentee 'asmiht' is not a person (no "
                "people/asmiht.yaml); did you mean 'asmith'?",
                "logs/2026-27/nobody.yaml:1 error unknown-person: mentor 'nobody' is not a person (no "
                "people/nobody.yaml)"});
    CHECK(r.logs.empty());
    CHECK(r.record_errors() == 3);
  }

  TEST_CASE("a person whose file has errors is not reported again as unknown") {
    TempRepo repo;
    base(repo);
    repo.write("people/asmith.yaml", "id: asmith\nname: [unclosed\n");
    pairings(repo, "2026-27", pairing("jdoe", "asmith", "2026-08-24"));
    const Records r = repo.load();
    const Lines lines = shown(r);
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].rfind("people/asmith.yaml:", 0) == 0);
    CHECK(lines[0].find("yaml-syntax") != std::string::npos);
  }

  TEST_CASE("completes must name a milestone requirement") {
    TempRepo repo;
    base(repo);
    repo.write("programs/p.yaml",
               "id: p\nname: P\nrequirements:\n  - {id: agreement, type: milestone, within: 14d}\n"
               "  - {id: weekly, type: hours, per: week, min: 1h}\n");
    pairings(repo, "2026-27", pairing("jdoe", "asmith", "2026-08-24"));
    log(repo, "2026-27", "jdoe",
        entry("2026-09-14", "asmith", "completes: [agreement]") +
            entry("2026-09-15", "asmith", "completes: [weekly]"));
    const Records r = repo.load();
    CHECK(shown(r) ==
          Lines{"logs/2026-27/jdoe.yaml:4 error unknown-requirement: completes 'weekly', which is not a "
                "milestone requirement of p"});
    CHECK(r.logs.size() == 1);
  }

  TEST_CASE("log_fields: every entry of the program's pairs carries them") {
    TempRepo repo;
    base(repo);
    repo.write("programs/p.yaml", "id: p\nname: P\nlog_fields: [topics]\n");
    pairings(repo, "2026-27", pairing("jdoe", "asmith", "2026-08-24"));
    log(repo, "2026-27", "jdoe",
        entry("2026-09-14", "asmith", "topics: [goals]") + entry("2026-09-15", "asmith"));
    const Records r = repo.load();
    CHECK(shown(r) ==
          Lines{"logs/2026-27/jdoe.yaml:4 error missing-log-field: program p requires 'topics' on every "
                "log entry; add 'topics: ...'"});
    CHECK(r.logs.size() == 1);
  }

  TEST_CASE("a pairing without an end that starts after the year's last day") {
    TempRepo repo;
    base(repo);
    repo.write("calendars/2026-27.yaml",
               "school_year: 2026-27\nfirst_day: 2026-08-19\nlast_day: 2027-06-04\n");
    pairings(repo, "2026-27", pairing("jdoe", "asmith", "2027-06-10"));
    const Records r = repo.load();
    CHECK(shown(r) ==
          Lines{"pairings/2026-27.yaml:3 error bad-range: the pairing starts 2027-06-10 after the last "
                "day of school year 2026-27 (2027-06-04); give it an 'end'"});
    CHECK(r.pairings.empty());
  }

  TEST_CASE("a pairing running past a person's left is a warning") {
    TempRepo repo;
    base(repo);
    person(repo, "asmith", "mentee", "left: 2027-01-15\n");
    pairings(repo, "2026-27", pairing("jdoe", "asmith", "2026-08-24"));
    const Records r = repo.load();
    // No calendar: the pairing runs to 2027-07-31.
    CHECK(shown(r) ==
          Lines{"pairings/2026-27.yaml:3 warning past-left: the pairing runs to 2027-07-31, past the day "
                "'asmith' left (2027-01-15)"});
    CHECK(r.pairings.size() == 1);
  }

  TEST_CASE("emails are unique across people") {
    TempRepo repo;
    base(repo);
    person(repo, "asmith", "mentee", "email: al@example.org\n");
    person(repo, "bjones", "mentee", "email: al@example.org\n");
    const Records r = repo.load();
    CHECK(shown(r) ==
          Lines{"people/bjones.yaml:5 error duplicate-id: email al@example.org is already the email of "
                "'asmith' (people/asmith.yaml); emails are unique"});
  }

  // The git identity compares emails without regard to case (as mail systems do): two
  // people whose emails differ only in case are the same email to `status` and the write
  // commands ("the email of several people"), so check refuses them too.
  TEST_CASE("emails that differ only in case are duplicates") {
    TempRepo repo;
    base(repo);
    person(repo, "asmith", "mentee", "email: al@example.org\n");
    person(repo, "bjones", "mentee", "email: Al@Example.org\n");
    const Records r = repo.load();
    REQUIRE(shown(r).size() == 1);
    CHECK(shown(r)[0].find("duplicate-id") != std::string::npos);
  }

  TEST_CASE("a break outside the calendar's school year is an error") {
    TempRepo repo;
    repo.write("calendars/2026-27.yaml",
               "school_year: 2026-27\nfirst_day: 2026-08-19\nlast_day: 2027-06-04\nbreaks:\n"
               "  - {name: Summer, from: 2027-07-01, to: 2027-08-15}\n");
    const Records r = repo.load();
    CHECK(shown(r) ==
          Lines{"calendars/2026-27.yaml:5 error outside-school-year: break end 2027-08-15 is outside "
                "school year 2026-27 (2026-08-01 to 2027-07-31)"});
  }

  // validate.hpp: "leaves out every record that has an error (counted in
  // Records::record_errors)". A calendar is no exception: kept, audit and stipend would use
  // it and say "0 records with errors were skipped", exiting 0/1 rather than 2 (SPEC 5).
  TEST_CASE("a calendar with an error is left out and counted") {
    TempRepo repo;
    repo.write("calendars/2026-27.yaml",
               "school_year: 2026-27\nfirst_day: 2026-07-19\nlast_day: 2027-06-04\n");
    const Records r = repo.load();
    REQUIRE(r.diagnostics.error_count() == 1);
    CHECK(r.calendars.empty());
    CHECK(r.record_errors() == 1);
  }

  TEST_CASE("first_day and last_day outside the school year are reported at their keys") {
    TempRepo repo;
    repo.write("calendars/2026-27.yaml",
               "school_year: 2026-27\nfirst_day: 2026-07-19\nlast_day: 2027-08-04\n");
    const Records r = repo.load();
    CHECK(shown(r) ==
          Lines{"calendars/2026-27.yaml:2 error outside-school-year: first_day 2026-07-19 is outside school "
                "year 2026-27 (2026-08-01 to 2027-07-31)",
                "calendars/2026-27.yaml:3 error outside-school-year: last_day 2027-08-04 is outside school "
                "year 2026-27 (2026-08-01 to 2027-07-31)"});
    for (const auto& d : r.diagnostics.items()) {
      CHECK(d.mark.column == 1);
    }
  }

  // Left out, the calendar no longer ends the year: a pairing without `end` runs to the 2.4
  // bound (SPEC 4.8), so an entry after the bad calendar's last_day still has its pairing.
  TEST_CASE("a year whose calendar has an error falls back to the school year's bounds") {
    TempRepo repo;
    base(repo);
    repo.write("calendars/2026-27.yaml",
               "school_year: 2026-27\nfirst_day: 2026-07-19\nlast_day: 2027-06-04\n");
    pairings(repo, "2026-27", pairing("jdoe", "asmith", "2026-08-24"));
    log(repo, "2026-27", "jdoe", entry("2027-07-20", "asmith"));
    const Records r = repo.load();
    CHECK(shown(r) ==
          Lines{"calendars/2026-27.yaml:2 error outside-school-year: first_day 2026-07-19 is outside school "
                "year 2026-27 (2026-08-01 to 2027-07-31)"});
    REQUIRE(r.pairings.size() == 1);
    REQUIRE(r.logs.size() == 1);
  }

  TEST_CASE("a year with records but no calendar gets one warning") {
    TempRepo repo;
    base(repo);
    pairings(repo, "2026-27", pairing("jdoe", "asmith", "2026-08-24"));
    log(repo, "2026-27", "jdoe", entry("2026-09-14", "asmith"));
    const Records r = repo.load();
    REQUIRE(r.diagnostics.size() == 1);
    const Diagnostic& d = r.diagnostics.items().front();
    CHECK(d.severity == Severity::warning);
    CHECK(d.code == "missing-calendar");
    CHECK(d.file == "logs/2026-27/jdoe.yaml");
    CHECK(d.message ==
          "school year 2026-27 has records but no calendars/2026-27.yaml; every weekday from 2026-08-01 "
          "to 2027-07-31 counts as instructional");
  }

  TEST_CASE("diagnostics are sorted by path and line") {
    TempRepo repo;
    base(repo);
    pairings(repo, "2026-27", pairing("jdoe", "zz", "2026-08-24") + pairing("jdoe", "yy", "2026-08-24"));
    log(repo, "2026-27", "jdoe", entry("2026-09-14", "xx"));
    repo.write("people/cc.yaml", "id: cc\nname: C\nbad: 1\n");
    const Records r = repo.load();
    std::vector<std::pair<std::string, std::uint32_t>> places;
    for (const auto& d : r.diagnostics.items()) {
      places.emplace_back(d.file, d.mark.line);
    }
    const std::vector<std::pair<std::string, std::uint32_t>> expected{{"logs/2026-27/jdoe.yaml", 3},
                                                                      {"pairings/2026-27.yaml", 3},
                                                                      {"pairings/2026-27.yaml", 4},
                                                                      {"people/cc.yaml", 3}};
    // Missing-calendar warnings are at line 1 of the first file of the year.
    std::vector<std::pair<std::string, std::uint32_t>> without_calendar;
    for (const auto& place : places) {
      if (place.second != 1) {
        without_calendar.push_back(place);
      }
    }
    CHECK(without_calendar == expected);
    CHECK(std::is_sorted(places.begin(), places.end()));
  }

  TEST_CASE("training attendees and nominations name people with the right role") {
    TempRepo repo;
    base(repo);
    person(repo, "boss", "principal");
    repo.write("trainings/2026-27.yaml",
               "school_year: 2026-27\nsessions:\n"
               "  - id: institute\n    date: 2026-08-05\n    kind: full-day\n    attendees:\n"
               "      - jdoe\n      - jdoe\n      - jdeo\n");
    repo.write("applications/2027-28.yaml",
               "school_year: 2027-28\napplications:\n"
               "  - {person: jdoe, program: p, nominated_by: boss}\n"
               "  - {person: jdoe, program: p, nominated_by: asmith}\n");
    const Records r = repo.load();
    CHECK(shown(r) == Lines{"applications/2027-28.yaml:4 error wrong-role: nominated_by 'asmith' does not "
                            "hold the role 'principal'",
                            "trainings/2026-27.yaml:8 warning duplicate-attendee: 'jdoe' is listed twice in "
                            "session institute",
                            "trainings/2026-27.yaml:9 error unknown-person: attendee 'jdeo' is not a person "
                            "(no people/jdeo.yaml); "
                            "did you mean 'jdoe'?"});
    CHECK(r.applications.size() == 1);
    CHECK(r.sessions.empty());
  }
}

}  // namespace mentorctl
