// Scalar value types of the records format: ids, durations, money.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mentorctl {

/// `^[a-z0-9][a-z0-9._-]{0,63}$`, not containing `..`.
bool is_valid_id(std::string_view text);

/// Parses `45m`, `1h`, `1h30m`, `1.5h`, `90m` into whole minutes. Fractions of a minute,
/// bare numbers, empty strings and more than 10^12 hours are refused. Zero is accepted
/// here; callers bound it.
std::optional<std::int64_t> parse_duration(std::string_view text);

/// Canonical form: `45m`, `1h`, `1h30m` (0 is `0m`).
std::string format_duration(std::int64_t minutes);

/// Parses a decimal amount of money with at most two decimals into cents.
std::optional<std::int64_t> parse_money(std::string_view text);

/// `1500.00`.
std::string format_money(std::int64_t cents);

}  // namespace mentorctl
