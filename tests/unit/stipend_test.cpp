// The stipend arithmetic (SPEC 6.7). Every expectation is worked out by hand below.
#include "rules/stipend.hpp"

#include <doctest/doctest.h>

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

}  // namespace
}  // namespace mentorctl
