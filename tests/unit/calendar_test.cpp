// School years and instructional days (SPEC 2.4, 2.6, 4.8). Weekdays of the dates used
// below: 2026-07-31 Fri, 2026-08-01 Sat, 2026-08-18 Tue, 2026-08-19 Wed, 2026-09-01 Tue,
// 2026-09-07 Mon, 2026-09-14 Mon, 2026-11-11 Wed, 2026-12-18 Fri, 2026-12-21 Mon,
// 2027-01-01 Fri, 2027-01-04 Mon, 2027-06-04 Fri, 2027-06-07 Mon, 2027-07-26 Mon,
// 2027-07-31 Sat, 2027-08-01 Sun, 2027-08-02 Mon.
#include "model/calendar.hpp"
#include "fixture.hpp"

#include <doctest/doctest.h>

#include <string>

namespace mentorctl {
namespace {

using test::TempRepo;

Date day(const char* text) {
  const auto parsed = parse_date(text);
  REQUIRE(parsed.has_value());
  return *parsed;
}

SchoolYear year(const char* label) {
  const auto parsed = parse_school_year(label);
  REQUIRE(parsed.has_value());
  return *parsed;
}

// The calendar of SPEC 3.2: first day Wed 2026-08-19, last day Fri 2027-06-04, winter
// break Mon 2026-12-21 to Fri 2027-01-01, closed on Mon 2026-09-07 and Wed 2026-11-11.
const char* const calendar_2026_27 =
    "school_year: 2026-27\n"
    "first_day: 2026-08-19\n"
    "last_day: 2027-06-04\n"
    "breaks:\n"
    "  - {name: Winter break, from: 2026-12-21, to: 2027-01-01}\n"
    "closed: [2026-09-07, 2026-11-11]\n";

// Loads the repository and checks it loaded without errors.
Records load_clean(const TempRepo& repo) {
  Records records = repo.load();
  for (const auto& d : records.diagnostics.items()) {
    INFO(format_diagnostic(d));
    CHECK(d.severity != Severity::error);
  }
  return records;
}

}  // namespace

TEST_SUITE("calendar") {
  TEST_CASE("school-year bounds with the default start 08-01") {
    TempRepo repo;
    const Records records = load_clean(repo);
    const CalendarIndex calendars(records);
    const DateRange bounds = calendars.bounds(year("2026-27"));
    CHECK(bounds.first == day("2026-08-01"));
    CHECK(bounds.last == day("2027-07-31"));
  }

  TEST_CASE("a day on the school-year boundary belongs to exactly one year") {
    TempRepo repo;
    const Records records = load_clean(repo);
    const CalendarIndex calendars(records);
    CHECK(calendars.year_of(day("2026-07-31")) == year("2025-26"));
    CHECK(calendars.year_of(day("2026-08-01")) == year("2026-27"));
    CHECK(calendars.year_of(day("2027-07-31")) == year("2026-27"));
    CHECK(calendars.year_of(day("2027-08-01")) == year("2027-28"));
    // After a look-up in another year, the earlier answers stay the same.
    CHECK(calendars.instructional_days(day("2027-08-02"), day("2027-08-02")) == 1);
    CHECK(calendars.year_of(day("2027-07-31")) == year("2026-27"));
  }

  TEST_CASE("school_year_start moves the bounds") {
    TempRepo repo;
    repo.write("mentorctl.yaml", "mentorctl: 1\norganization: Test\nschool_year_start: 09-01\n");
    const Records records = load_clean(repo);
    const CalendarIndex calendars(records);
    const DateRange bounds = calendars.bounds(year("2026-27"));
    CHECK(bounds.first == day("2026-09-01"));
    CHECK(bounds.last == day("2027-08-31"));
    CHECK(calendars.year_of(day("2026-08-31")) == year("2025-26"));
    CHECK(calendars.year_of(day("2026-09-01")) == year("2026-27"));
  }

  TEST_CASE("without a calendar file every weekday of the year is instructional") {
    TempRepo repo;
    const Records records = load_clean(repo);
    const CalendarIndex calendars(records);
    CHECK(calendars.calendar(year("2026-27")) == nullptr);
    // The teaching span is the 2.4 bounds.
    CHECK(calendars.teaching_span(year("2026-27")).first == day("2026-08-01"));
    CHECK(calendars.teaching_span(year("2026-27")).last == day("2027-07-31"));
    // Week of Mon 2026-09-14: five weekdays, the weekend is not instructional.
    CHECK(calendars.instructional_days(day("2026-09-14"), day("2026-09-20")) == 5);
    CHECK_FALSE(calendars.is_instructional(day("2026-09-19")));
    CHECK(calendars.is_instructional(day("2026-09-18")));
    // September 2026 starts on a Tuesday: four whole weeks (20) + Tue 29 and Wed 30.
    CHECK(calendars.instructional_days(day("2026-09-01"), day("2026-09-30")) == 22);
    // A summer weekday counts too: Fri 2026-07-31 (year 2025-26) and Mon 2026-08-03.
    CHECK(calendars.is_instructional(day("2026-07-31")));
    CHECK(calendars.is_instructional(day("2026-08-03")));
    // The whole year 2026-08-01 (Sat) to 2027-07-31 (Sat): 52 weeks of 5 weekdays.
    CHECK(calendars.instructional_days(day("2026-08-01"), day("2027-07-31")) == 260);
  }

  TEST_CASE("first_day and last_day bound the instructional days") {
    TempRepo repo;
    repo.write("calendars/2026-27.yaml", calendar_2026_27);
    const Records records = load_clean(repo);
    const CalendarIndex calendars(records);
    REQUIRE(calendars.calendar(year("2026-27")) != nullptr);
    CHECK(calendars.teaching_span(year("2026-27")).first == day("2026-08-19"));
    CHECK(calendars.teaching_span(year("2026-27")).last == day("2027-06-04"));
    CHECK_FALSE(calendars.is_instructional(day("2026-08-18")));  // Tue, the day before first_day
    CHECK(calendars.is_instructional(day("2026-08-19")));        // first_day itself
    CHECK(calendars.is_instructional(day("2027-06-04")));        // last_day itself
    CHECK_FALSE(calendars.is_instructional(day("2027-06-07")));  // Mon after last_day
    // Week of Mon 2026-08-17: only Wed 19, Thu 20, Fri 21.
    CHECK(calendars.instructional_days(day("2026-08-17"), day("2026-08-23")) == 3);
    // The summer after last_day, still school year 2026-27, has none.
    CHECK(calendars.instructional_days(day("2027-06-05"), day("2027-07-31")) == 0);
  }

  TEST_CASE("breaks are inclusive and closed days are skipped") {
    TempRepo repo;
    repo.write("calendars/2026-27.yaml", calendar_2026_27);
    const Records records = load_clean(repo);
    const CalendarIndex calendars(records);
    CHECK(calendars.is_instructional(day("2026-12-18")));        // Fri before the break
    CHECK_FALSE(calendars.is_instructional(day("2026-12-21")));  // the break's first day
    CHECK_FALSE(calendars.is_instructional(day("2027-01-01")));  // the break's last day
    CHECK(calendars.is_instructional(day("2027-01-04")));        // Mon after the break
    // Mon 2026-12-14 to Sun 2027-01-10: week of 12-14 (5), two break weeks (0), week of 01-04 (5).
    CHECK(calendars.instructional_days(day("2026-12-14"), day("2027-01-10")) == 10);
    CHECK(calendars.instructional_days(day("2026-12-21"), day("2027-01-03")) == 0);
    // Closed Mon 2026-09-07: that week has 4.
    CHECK_FALSE(calendars.is_instructional(day("2026-09-07")));
    CHECK(calendars.instructional_days(day("2026-09-07"), day("2026-09-13")) == 4);
    // Closed Wed 2026-11-11: week of Mon 2026-11-09 has 4.
    CHECK(calendars.instructional_days(day("2026-11-09"), day("2026-11-15")) == 4);
  }

  TEST_CASE("the whole year: weekdays from first_day to last_day less breaks and closed days") {
    TempRepo repo;
    repo.write("calendars/2026-27.yaml", calendar_2026_27);
    const Records records = load_clean(repo);
    const CalendarIndex calendars(records);
    // Weekdays Wed 2026-08-19 to Fri 2027-06-04: 3 (Aug 19-21) + 41 whole weeks from Mon
    // 2026-08-24 to Fri 2027-06-04 (205) = 208; less 10 break weekdays and 2 closed days.
    CHECK(calendars.instructional_days(day("2026-08-19"), day("2027-06-04")) == 196);
    CHECK(calendars.instructional_days(day("2026-08-01"), day("2027-07-31")) == 196);
  }

  TEST_CASE("school_days chooses the weekdays") {
    TempRepo repo;
    repo.write("mentorctl.yaml", "mentorctl: 1\norganization: Test\nschool_days: [mon, wed]\n");
    const Records records = load_clean(repo);
    const CalendarIndex calendars(records);
    CHECK(calendars.is_instructional(day("2026-09-14")));        // Mon
    CHECK_FALSE(calendars.is_instructional(day("2026-09-15")));  // Tue
    CHECK(calendars.is_instructional(day("2026-09-16")));        // Wed
    // September 2026 (Tue 1 to Wed 30): Mondays 7, 14, 21, 28 and Wednesdays 2, 9, 16, 23, 30.
    CHECK(calendars.instructional_days(day("2026-09-01"), day("2026-09-30")) == 9);
  }

  TEST_CASE("a range across two school years counts each year by its own calendar") {
    TempRepo repo;
    repo.write("calendars/2026-27.yaml", calendar_2026_27);
    const Records records = load_clean(repo);
    const CalendarIndex calendars(records);
    // Mon 2027-07-26 to Fri 2027-08-06: 2026-27's part is after its last_day (0); 2027-28
    // has no calendar, so Mon 2027-08-02 to Fri 2027-08-06 count (5).
    CHECK(calendars.instructional_days(day("2027-07-26"), day("2027-08-06")) == 5);
    // Without the 2026-27 calendar the week of 07-26 would count as well.
    TempRepo bare;
    const Records bare_records = load_clean(bare);
    const CalendarIndex bare_calendars(bare_records);
    CHECK(bare_calendars.instructional_days(day("2027-07-26"), day("2027-08-06")) == 10);
  }

  TEST_CASE("an empty range has no instructional days") {
    TempRepo repo;
    const Records records = load_clean(repo);
    const CalendarIndex calendars(records);
    CHECK(calendars.instructional_days(day("2026-09-15"), day("2026-09-14")) == 0);
    CHECK(calendars.instructional_days(day("2026-09-14"), day("2026-09-14")) == 1);
  }

  TEST_CASE("pairing_end defaults to the last day of the pairing's school year") {
    TempRepo repo;
    repo.write("people/jdoe.yaml", "id: jdoe\nname: Jane Doe\nroles: [mentor]\nprograms: [p]\n");
    repo.write("people/asmith.yaml", "id: asmith\nname: Al Smith\nroles: [mentee]\nprograms: [p]\n");
    repo.write("people/bjones.yaml", "id: bjones\nname: Bo Jones\nroles: [mentee]\nprograms: [p]\n");
    repo.write("programs/p.yaml", "id: p\nname: P\n");
    repo.write("calendars/2026-27.yaml", calendar_2026_27);
    repo.write("pairings/2026-27.yaml",
               "school_year: 2026-27\npairings:\n"
               "  - {mentor: jdoe, mentee: asmith, program: p, start: 2026-08-24}\n"
               "  - {mentor: jdoe, mentee: bjones, program: p, start: 2026-08-24, end: 2028-06-01}\n");
    repo.write("pairings/2027-28.yaml",
               "school_year: 2027-28\npairings:\n"
               "  - {mentor: jdoe, mentee: asmith, program: p, start: 2027-08-24}\n");
    const Records records = load_clean(repo);
    const CalendarIndex calendars(records);
    REQUIRE(records.pairings.size() == 3);
    // With a calendar: its last_day, not the 2.4 end 2027-07-31.
    CHECK(calendars.pairing_end(records.pairings[0]) == day("2027-06-04"));
    // An explicit end wins, even years later.
    CHECK(calendars.pairing_end(records.pairings[1]) == day("2028-06-01"));
    // 2027-28 has no calendar: the 2.4 last day.
    CHECK(calendars.pairing_end(records.pairings[2]) == day("2028-07-31"));
  }
}

}  // namespace mentorctl
