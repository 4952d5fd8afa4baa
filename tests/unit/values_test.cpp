#include "model/values.hpp"

#include <doctest/doctest.h>

using namespace mentorctl;

TEST_SUITE("values") {
  TEST_CASE("durations in whole minutes") {
    CHECK(parse_duration("45m") == 45);
    CHECK(parse_duration("1h") == 60);
    CHECK(parse_duration("1h30m") == 90);
    CHECK(parse_duration("1.5h") == 90);
    CHECK(parse_duration("90m") == 90);
    CHECK(parse_duration("0.25h") == 15);
    CHECK(parse_duration("0m") == 0);
    SUBCASE("refused") {
      CHECK_FALSE(parse_duration("60"));
      CHECK_FALSE(parse_duration("1.01h"));
      CHECK_FALSE(parse_duration("1.050h"));
      CHECK_FALSE(parse_duration("1.5m"));
      CHECK_FALSE(parse_duration("h"));
      CHECK_FALSE(parse_duration("1h30"));
      CHECK_FALSE(parse_duration("-1h"));
      CHECK_FALSE(parse_duration("1 h"));
      CHECK_FALSE(parse_duration(""));
      CHECK_FALSE(parse_duration("30m1h"));
      // Hours and minutes that add up to more hours than a duration may have (found by
      // fuzz_values: its canonical form did not read back).
      CHECK_FALSE(parse_duration("999991999991h9999199930m"));
      CHECK_FALSE(parse_duration("1000000000000h60m"));
    }
    SUBCASE("the largest duration, and its canonical form reads back") {
      CHECK(parse_duration("1000000000000h59m") == 1'000'000'000'000LL * 60 + 59);
      CHECK(parse_duration(format_duration(1'000'000'000'000LL * 60 + 59)) == 1'000'000'000'000LL * 60 + 59);
      CHECK(parse_duration("999999999999h119m") == 1'000'000'000'000LL * 60 + 59);
      CHECK_FALSE(parse_duration("999999999999h120m"));
    }
  }

  TEST_CASE("canonical durations") {
    CHECK(format_duration(45) == "45m");
    CHECK(format_duration(60) == "1h");
    CHECK(format_duration(90) == "1h30m");
    CHECK(format_duration(18000) == "300h");
    CHECK(format_duration(0) == "0m");
  }

  TEST_CASE("money in cents") {
    CHECK(parse_money("1500") == 150000);
    CHECK(parse_money("1250.5") == 125050);
    CHECK(parse_money("1250.50") == 125050);
    CHECK(parse_money("0.01") == 1);
    CHECK_FALSE(parse_money("1000.505"));
    CHECK_FALSE(parse_money("-5"));
    CHECK_FALSE(parse_money("1e3"));
    CHECK(format_money(125050) == "1250.50");
    CHECK(format_money(7) == "0.07");
  }

  TEST_CASE("ids") {
    CHECK(is_valid_id("jdoe"));
    CHECK(is_valid_id("2026.cohort_a-1"));
    CHECK_FALSE(is_valid_id("JDoe"));
    CHECK_FALSE(is_valid_id("-x"));
    CHECK_FALSE(is_valid_id("a..b"));
    CHECK_FALSE(is_valid_id(""));
    CHECK_FALSE(is_valid_id(std::string(65, 'a')));
    CHECK(is_valid_id(std::string(64, 'a')));
    CHECK_FALSE(is_valid_id("a/b"));
  }
}
