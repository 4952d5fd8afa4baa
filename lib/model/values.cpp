#include "model/values.hpp"

#include <fmt/format.h>

namespace mentorctl {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads digits[.digits] at pos; returns the value scaled by 10^scale_digits, refusing
// more fractional digits than scale_digits allows. Advances pos.
std::optional<std::int64_t> read_decimal(std::string_view text, std::size_t& pos,
                                         int scale_digits, int& fraction_digits) {
  const std::size_t begin = pos;
  std::int64_t whole = 0;
  while (pos < text.size() && is_digit(text[pos])) {
    whole = whole * 10 + (text[pos] - '0');
    if (whole > 1'000'000'000'000LL) {
      return std::nullopt;
    }
    ++pos;
  }
  if (pos == begin) {
    return std::nullopt;
  }
  std::int64_t fraction = 0;
  fraction_digits = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    const std::size_t fraction_begin = pos;
    while (pos < text.size() && is_digit(text[pos])) {
      if (fraction_digits == scale_digits) {
        return std::nullopt;
      }
      fraction = fraction * 10 + (text[pos] - '0');
      ++fraction_digits;
      ++pos;
    }
    if (pos == fraction_begin) {
      return std::nullopt;
    }
  }
  std::int64_t scale = 1;
  for (int i = 0; i < scale_digits; ++i) {
    scale *= 10;
  }
  std::int64_t fraction_scale = 1;
  for (int i = fraction_digits; i < scale_digits; ++i) {
    fraction_scale *= 10;
  }
  return whole * scale + fraction * fraction_scale;
}

}  // namespace

bool is_valid_id(std::string_view text) {
  if (text.empty() || text.size() > 64) {
    return false;
  }
  const auto allowed_first = [](char c) { return (c >= 'a' && c <= 'z') || is_digit(c); };
  if (!allowed_first(text[0])) {
    return false;
  }
  for (const char c : text) {
    if (!allowed_first(c) && c != '.' && c != '_' && c != '-') {
      return false;
    }
  }
  return text.find("..") == std::string_view::npos;
}

std::optional<std::int64_t> parse_duration(std::string_view text) {
  std::size_t pos = 0;
  std::int64_t minutes = 0;
  bool any = false;
  // Hours may carry up to two decimals (1.25h is 75m); anything that is not a whole
  // number of minutes is refused.
  const std::size_t hours_end = text.find('h');
  if (hours_end != std::string_view::npos) {
    int digits = 0;
    const auto hours = read_decimal(text, pos, 2, digits);
    if (!hours || pos != hours_end) {
      return std::nullopt;
    }
    // hours is scaled by 100; minutes = hours * 60 / 100 must be whole.
    if ((*hours * 60) % 100 != 0) {
      return std::nullopt;
    }
    minutes += *hours * 60 / 100;
    ++pos;
    any = true;
  }
  if (pos < text.size()) {
    int digits = 0;
    const auto mins = read_decimal(text, pos, 0, digits);
    if (!mins || pos + 1 != text.size() || text[pos] != 'm') {
      return std::nullopt;
    }
    minutes += *mins;
    any = true;
  }
  // At most as many hours as one number may hold, so that the canonical form (whole hours
  // and the minutes left) always reads back: 999991999991h9999199930m is refused, not
  // turned into a duration whose hours no duration may have.
  constexpr std::int64_t most_minutes = 1'000'000'000'000LL * 60 + 59;
  if (!any || minutes > most_minutes) {
    return std::nullopt;
  }
  return minutes;
}

std::string format_duration(std::int64_t minutes) {
  const std::int64_t hours = minutes / 60;
  const std::int64_t rest = minutes % 60;
  if (hours == 0) {
    return fmt::format("{}m", rest);
  }
  if (rest == 0) {
    return fmt::format("{}h", hours);
  }
  return fmt::format("{}h{}m", hours, rest);
}

std::optional<std::int64_t> parse_money(std::string_view text) {
  std::size_t pos = 0;
  int digits = 0;
  const auto cents = read_decimal(text, pos, 2, digits);
  if (!cents || pos != text.size()) {
    return std::nullopt;
  }
  return cents;
}

std::string format_money(std::int64_t cents) {
  const char* sign = cents < 0 ? "-" : "";
  const std::int64_t magnitude = cents < 0 ? -cents : cents;
  return fmt::format("{}{}.{:02}", sign, magnitude / 100, magnitude % 100);
}

}  // namespace mentorctl
