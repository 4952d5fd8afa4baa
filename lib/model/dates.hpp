// Calendar dates, school years, spans and ISO weeks.
#pragma once

#include <date/date.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mentorctl {

/// A calendar day (days since 1970-01-01).
using Date = date::sys_days;

/// Parses a strict `YYYY-MM-DD` date; nullopt when malformed or not a real day.
std::optional<Date> parse_date(std::string_view text);

/// Why `text` is not a date, in words: "February 2027 has 28 days", "there is no month
/// 13", or "write YYYY-MM-DD, e.g. 2026-09-14" when it does not have that shape.
std::string date_problem(std::string_view text);

/// Formats a date as `YYYY-MM-DD`.
std::string format_date(Date day);

/// Month and day of the school year's first day (`school_year_start: MM-DD`).
struct MonthDay {
  unsigned month = 8;
  unsigned day = 1;
};

/// Parses `MM-DD` (a day that exists in every year, so 02-29 is refused).
std::optional<MonthDay> parse_month_day(std::string_view text);

/// A school year, named by the calendar year it starts in (2026 for `2026-27`).
struct SchoolYear {
  int start_year = 0;
  auto operator<=>(const SchoolYear&) const = default;
};

/// Parses a school-year label `2026-27` (the second part must follow the first).
std::optional<SchoolYear> parse_school_year(std::string_view text);

/// `2026-27`.
std::string format_school_year(SchoolYear year);

/// The 2.4 bounds of a school year: [start, day before next start].
struct DateRange {
  Date first;
  Date last;
  [[nodiscard]] bool contains(Date day) const { return first <= day && day <= last; }
  [[nodiscard]] bool empty() const { return last < first; }
};
DateRange school_year_bounds(SchoolYear year, MonthDay start);

/// The school year holding a day.
SchoolYear school_year_of(Date day, MonthDay start);

/// `within`/`during`/`valid_for` spans: `14d`, `2w`, `6mo`, `3y`.
struct Span {
  enum class Unit : std::uint8_t { days, weeks, months, years };
  int count = 0;
  Unit unit = Unit::days;
};
std::optional<Span> parse_span(std::string_view text);
std::string format_span(Span span);

/// day + span; month and year arithmetic clamps to the month's last day.
Date add_span(Date day, Span span);

/// day + months, clamped to the last day of the resulting month.
Date add_months(Date day, int months);

/// Whole years from `from` to `to` (the anniversary counts; a 02-29 start has its
/// anniversary on 02-28 in common years). Negative spans give 0.
int whole_years_between(Date from, Date to);

/// ISO week label `2026-W38`, and the Monday starting that week.
std::string iso_week_label(Date day);
Date iso_week_monday(Date day);

/// Month label `2026-09`, and the first / last day of that month.
std::string month_label(Date day);
Date month_first(Date day);
Date month_last(Date day);

/// Weekday index, Monday = 0 ... Sunday = 6.
unsigned weekday_index(Date day);

}  // namespace mentorctl
