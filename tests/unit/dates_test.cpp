#include "model/dates.hpp"

#include <doctest/doctest.h>

using namespace mentorctl;

namespace {
Date d(const char* text) { return *parse_date(text); }
}  // namespace

TEST_SUITE("dates") {
  TEST_CASE("parse_date accepts real days only") {
    CHECK(parse_date("2026-09-14").has_value());
    CHECK(format_date(d("2026-09-14")) == "2026-09-14");
    CHECK(parse_date("2028-02-29").has_value());
    SUBCASE("impossible or malformed") {
      CHECK_FALSE(parse_date("2027-02-29"));
      CHECK_FALSE(parse_date("2026-13-01"));
      CHECK_FALSE(parse_date("2026-9-14"));
      CHECK_FALSE(parse_date("2026-09-14 "));
      CHECK_FALSE(parse_date("14/09/2026"));
      // ':' follows '9' in ASCII: read as a digit it would make "0:" month 10.
      CHECK_FALSE(parse_date("2026-0:-14"));
      CHECK_FALSE(parse_date("2026-09-1/"));
      CHECK_FALSE(parse_date(""));
    }
  }

  TEST_CASE("school years") {
    CHECK(parse_school_year("2026-27")->start_year == 2026);
    CHECK(parse_school_year("1999-00")->start_year == 1999);
    CHECK_FALSE(parse_school_year("2026-28"));
    CHECK_FALSE(parse_school_year("2026/27"));
    const MonthDay start{8, 1};
    const DateRange bounds = school_year_bounds(SchoolYear{2026}, start);
    CHECK(format_date(bounds.first) == "2026-08-01");
    CHECK(format_date(bounds.last) == "2027-07-31");
    CHECK(school_year_of(d("2026-08-01"), start).start_year == 2026);
    CHECK(school_year_of(d("2026-07-31"), start).start_year == 2025);
    CHECK(format_school_year(SchoolYear{2026}) == "2026-27");
    CHECK_FALSE(parse_month_day("02-29"));
    CHECK(parse_month_day("09-01")->month == 9);
  }

  TEST_CASE("month arithmetic clamps to the month's last day") {
    CHECK(format_date(add_months(d("2026-08-31"), 6)) == "2027-02-28");
    CHECK(format_date(add_months(d("2027-08-31"), 6)) == "2028-02-29");
    CHECK(format_date(add_months(d("2026-01-31"), 1)) == "2026-02-28");
    CHECK(format_date(add_span(d("2026-08-24"), *parse_span("14d"))) == "2026-09-07");
    CHECK(format_date(add_span(d("2026-08-24"), *parse_span("2w"))) == "2026-09-07");
    CHECK(format_date(add_span(d("2024-02-29"), *parse_span("1y"))) == "2025-02-28");
  }

  TEST_CASE("whole years count the anniversary day") {
    CHECK(whole_years_between(d("2016-08-15"), d("2019-08-14")) == 2);
    CHECK(whole_years_between(d("2016-08-15"), d("2019-08-15")) == 3);
    CHECK(whole_years_between(d("2024-02-29"), d("2025-02-28")) == 1);
    CHECK(whole_years_between(d("2024-02-29"), d("2025-02-27")) == 0);
    CHECK(whole_years_between(d("2020-01-01"), d("2019-01-01")) == 0);
  }

  TEST_CASE("spans") {
    CHECK(parse_span("6mo")->unit == Span::Unit::months);
    CHECK(parse_span("6mo")->count == 6);
    CHECK(format_span(*parse_span("3y")) == "3y");
    CHECK_FALSE(parse_span("6"));
    CHECK_FALSE(parse_span("mo"));
    CHECK_FALSE(parse_span("-2d"));
    CHECK_FALSE(parse_span("2 d"));
    CHECK_FALSE(parse_span("1.5w"));
    CHECK(parse_span("100y").has_value());
    CHECK_FALSE(parse_span("101y"));
    CHECK_FALSE(parse_span("100000y"));
    CHECK_FALSE(parse_span("1201mo"));
  }

  TEST_CASE("weeks and months") {
    CHECK(iso_week_label(d("2026-09-14")) == "2026-W38");
    CHECK(iso_week_label(d("2027-01-01")) == "2026-W53");
    CHECK(format_date(iso_week_monday(d("2026-09-20"))) == "2026-09-14");
    CHECK(month_label(d("2026-09-14")) == "2026-09");
    CHECK(format_date(month_last(d("2027-02-10"))) == "2027-02-28");
    CHECK(weekday_index(d("2026-09-14")) == 0);
    CHECK(weekday_index(d("2026-09-20")) == 6);
  }
}
