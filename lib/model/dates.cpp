#include "model/dates.hpp"

#include <date/iso_week.h>
#include <fmt/format.h>

#include <charconv>

namespace mentorctl {
namespace {

bool parse_digits(std::string_view text, std::size_t pos, std::size_t count, int& out) {
  if (pos + count > text.size()) {
    return false;
  }
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') {
      return false;
    }
    value = value * 10 + (c - '0');
  }
  out = value;
  return true;
}

}  // namespace

std::optional<Date> parse_date(std::string_view text) {
  int year = 0;
  int month = 0;
  int day = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !parse_digits(text, 0, 4, year) ||
      !parse_digits(text, 5, 2, month) || !parse_digits(text, 8, 2, day)) {
    return std::nullopt;
  }
  const date::year_month_day ymd{date::year{year}, date::month{static_cast<unsigned>(month)},
                                 date::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) {
    return std::nullopt;
  }
  return Date{ymd};
}

std::string date_problem(std::string_view text) {
  static constexpr const char* month_names[] = {"January", "February", "March",     "April",   "May",      "June",
                                                "July",    "August",   "September", "October", "November", "December"};
  int year = 0;
  int month = 0;
  int day = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !parse_digits(text, 0, 4, year) ||
      !parse_digits(text, 5, 2, month) || !parse_digits(text, 8, 2, day)) {
    return "write YYYY-MM-DD, e.g. 2026-09-14";
  }
  if (month < 1 || month > 12) {
    return fmt::format("there is no month {:02}; write YYYY-MM-DD", month);
  }
  const auto last = date::year_month_day_last{date::year{year} / date::month{static_cast<unsigned>(month)} / date::last};
  return fmt::format("{} {} has {} days", month_names[month - 1], year, static_cast<unsigned>(last.day()));
}

std::string format_date(Date day) {
  const date::year_month_day ymd{day};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

std::optional<MonthDay> parse_month_day(std::string_view text) {
  int month = 0;
  int day = 0;
  if (text.size() != 5 || text[2] != '-' || !parse_digits(text, 0, 2, month) ||
      !parse_digits(text, 3, 2, day)) {
    return std::nullopt;
  }
  // A common year, so that 02-29 (which not every year has) is refused.
  const date::year_month_day ymd{date::year{2027}, date::month{static_cast<unsigned>(month)},
                                 date::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) {
    return std::nullopt;
  }
  return MonthDay{static_cast<unsigned>(month), static_cast<unsigned>(day)};
}

std::optional<SchoolYear> parse_school_year(std::string_view text) {
  int first = 0;
  int second = 0;
  if (text.size() != 7 || text[4] != '-' || !parse_digits(text, 0, 4, first) ||
      !parse_digits(text, 5, 2, second)) {
    return std::nullopt;
  }
  if ((first + 1) % 100 != second) {
    return std::nullopt;
  }
  return SchoolYear{first};
}

std::string format_school_year(SchoolYear year) {
  return fmt::format("{:04}-{:02}", year.start_year, (year.start_year + 1) % 100);
}

DateRange school_year_bounds(SchoolYear year, MonthDay start) {
  const Date first{date::year{year.start_year} / date::month{start.month} / date::day{start.day}};
  const Date next{date::year{year.start_year + 1} / date::month{start.month} /
                  date::day{start.day}};
  return {first, next - date::days{1}};
}

SchoolYear school_year_of(Date day, MonthDay start) {
  const date::year_month_day ymd{day};
  const int year = static_cast<int>(ymd.year());
  const date::month_day md{ymd.month(), ymd.day()};
  const date::month_day begin{date::month{start.month}, date::day{start.day}};
  return SchoolYear{md < begin ? year - 1 : year};
}

std::optional<Span> parse_span(std::string_view text) {
  Span span;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, span.count);
  if (ec != std::errc{} || ptr == text.data() || span.count < 0 || text[0] == '+') {
    return std::nullopt;
  }
  const std::string_view unit(ptr, static_cast<std::size_t>(end - ptr));
  if (unit == "d") {
    span.unit = Span::Unit::days;
  } else if (unit == "w") {
    span.unit = Span::Unit::weeks;
  } else if (unit == "mo") {
    span.unit = Span::Unit::months;
  } else if (unit == "y") {
    span.unit = Span::Unit::years;
  } else {
    return std::nullopt;
  }
  // No rule spans more than a century; the bound keeps date arithmetic in range.
  static constexpr int max_count[] = {36525, 5218, 1200, 100};
  if (span.count > max_count[static_cast<int>(span.unit)]) {
    return std::nullopt;
  }
  return span;
}

std::string format_span(Span span) {
  static constexpr const char* units[] = {"d", "w", "mo", "y"};
  return fmt::format("{}{}", span.count, units[static_cast<int>(span.unit)]);
}

Date add_months(Date day, int months) {
  const date::year_month_day ymd{day};
  const date::year_month shifted = date::year_month{ymd.year(), ymd.month()} + date::months{months};
  const date::year_month_day_last last{shifted.year(), date::month_day_last{shifted.month()}};
  const date::day clamped = std::min(ymd.day(), last.day());
  return Date{shifted.year() / shifted.month() / clamped};
}

Date add_span(Date day, Span span) {
  switch (span.unit) {
    case Span::Unit::days:
      return day + date::days{span.count};
    case Span::Unit::weeks:
      return day + date::days{7 * span.count};
    case Span::Unit::months:
      return add_months(day, span.count);
    case Span::Unit::years:
      return add_months(day, 12 * span.count);
  }
  return day;
}

int whole_years_between(Date from, Date to) {
  if (to < from) {
    return 0;
  }
  const date::year_month_day a{from};
  const date::year_month_day b{to};
  int years = static_cast<int>(b.year()) - static_cast<int>(a.year());
  if (years > 0 && add_months(from, 12 * years) > to) {
    --years;
  }
  return years;
}

std::string iso_week_label(Date day) {
  const iso_week::year_weeknum_weekday iso{day};
  return fmt::format("{:04}-W{:02}", static_cast<int>(iso.year()),
                     static_cast<unsigned>(iso.weeknum()));
}

Date iso_week_monday(Date day) {
  return day - date::days{weekday_index(day)};
}

std::string month_label(Date day) {
  const date::year_month_day ymd{day};
  return fmt::format("{:04}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()));
}

Date month_first(Date day) {
  const date::year_month_day ymd{day};
  return Date{ymd.year() / ymd.month() / date::day{1}};
}

Date month_last(Date day) {
  const date::year_month_day ymd{day};
  return Date{ymd.year() / ymd.month() / date::last};
}

unsigned weekday_index(Date day) {
  return date::weekday{day}.iso_encoding() - 1;
}

}  // namespace mentorctl
