// libFuzzer target: the parsers of scalar values (durations, money, dates, month-days,
// school years, spans, ids) and the escaping of text for messages. Any bytes must parse
// or be refused without a crash or a sanitizer report; whatever parses must print back
// in its canonical form and parse again to the same value; escaped text holds no control
// character. Build with -DMENTORCTL_FUZZ=ON and clang (tests/fuzz/run.sh).
#include "model/dates.hpp"
#include "model/values.hpp"
#include "util/utf8.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

void require(bool condition) {
  if (!condition) {
    __builtin_trap();
  }
}

void durations_and_money(std::string_view text) {
  if (const auto minutes = mentorctl::parse_duration(text)) {
    require(*minutes >= 0);
    const std::string canonical = mentorctl::format_duration(*minutes);
    require(mentorctl::parse_duration(canonical) == minutes);
  }
  if (const auto cents = mentorctl::parse_money(text)) {
    const std::string canonical = mentorctl::format_money(*cents);
    require(mentorctl::parse_money(canonical) == cents);
  }
}

void dates(std::string_view text) {
  const auto day = mentorctl::parse_date(text);
  if (day) {
    require(mentorctl::format_date(*day) == text);  // only the strict form is a date
    // The date arithmetic the rules use stays defined for every date that parses.
    (void)mentorctl::iso_week_label(*day);
    (void)mentorctl::month_label(*day);
    (void)mentorctl::school_year_of(*day, mentorctl::MonthDay{});
    (void)mentorctl::add_months(*day, 1200);
  } else {
    require(!mentorctl::date_problem(text).empty());  // a refusal says why
  }
  if (const auto md = mentorctl::parse_month_day(text)) {
    require(md->month >= 1 && md->month <= 12 && md->day >= 1 && md->day <= 31);
    if (const auto year = mentorctl::parse_school_year("2026-27")) {
      const auto bounds = mentorctl::school_year_bounds(*year, *md);
      require(!bounds.empty());
    }
  }
  if (const auto year = mentorctl::parse_school_year(text)) {
    require(mentorctl::parse_school_year(mentorctl::format_school_year(*year)) == year);
  }
  if (const auto span = mentorctl::parse_span(text)) {
    require(span->count >= 0);
    const auto again = mentorctl::parse_span(mentorctl::format_span(*span));
    require(again && again->count == span->count && again->unit == span->unit);
    if (day) {
      (void)mentorctl::add_span(*day, *span);
    }
  }
}

void ids_and_escapes(std::string_view text) {
  if (mentorctl::is_valid_id(text)) {
    require(!text.empty() && text.size() <= 64);
  }
  for (const std::string_view keep : {std::string_view{}, std::string_view{"\r\n"}, std::string_view{"\t"}}) {
    const std::string shown = mentorctl::visible_text(text, keep);
    for (const char c : shown) {
      const auto byte = static_cast<unsigned char>(c);
      require(byte >= 0x20 || keep.find(c) != std::string_view::npos);
      require(byte != 0x7f);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  durations_and_money(text);
  dates(text);
  ids_and_escapes(text);
  return 0;
}
