// The arithmetic of the stipend report (SPEC 6.7): money in integer cents, the exact
// fraction active days / instructional days, rounded half-up to the cent.
#pragma once

#include <cstdint>
#include <string>

namespace mentorctl {

/// An exact fraction of a school year: `active` instructional days of `total`.
/// Without `prorate` (or when the year has no instructional day) it is 1/1.
struct StipendFraction {
  std::int64_t active = 1;
  std::int64_t total = 1;
};

/// base × fraction, rounded half-up to the cent, in integer arithmetic.
std::int64_t stipend_amount_cents(std::int64_t base_cents, StipendFraction fraction);

/// The fraction with 4 decimals, rounded half-up (`0.5000`, `1.0000`).
std::string format_stipend_fraction(StipendFraction fraction);

/// Cents as `1500.00` (a minus sign before negative amounts).
std::string format_cents(std::int64_t cents);

}  // namespace mentorctl
