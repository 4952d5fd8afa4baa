#include "rules/stipend.hpp"

#include <fmt/format.h>

namespace mentorctl {
namespace {

// numerator / denominator rounded half-up, for numerator >= 0 and denominator > 0.
std::int64_t divide_half_up(std::int64_t numerator, std::int64_t denominator) {
  return (2 * numerator + denominator) / (2 * denominator);
}

StipendFraction normalised(StipendFraction fraction) {
  if (fraction.total <= 0) {
    return {};
  }
  if (fraction.active < 0) {
    fraction.active = 0;
  }
  if (fraction.active > fraction.total) {
    fraction.active = fraction.total;
  }
  return fraction;
}

}  // namespace

std::int64_t stipend_amount_cents(std::int64_t base_cents, StipendFraction fraction) {
  fraction = normalised(fraction);
  if (base_cents < 0) {
    return -divide_half_up(-base_cents * fraction.active, fraction.total);
  }
  return divide_half_up(base_cents * fraction.active, fraction.total);
}

std::string format_stipend_fraction(StipendFraction fraction) {
  fraction = normalised(fraction);
  const std::int64_t ten_thousandths = divide_half_up(fraction.active * 10000, fraction.total);
  return fmt::format("{}.{:04}", ten_thousandths / 10000, ten_thousandths % 10000);
}

std::string format_cents(std::int64_t cents) {
  const bool negative = cents < 0;
  const std::int64_t magnitude = negative ? -cents : cents;
  return fmt::format("{}{}.{:02}", negative ? "-" : "", magnitude / 100, magnitude % 100);
}

}  // namespace mentorctl
