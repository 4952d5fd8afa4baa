#include "model/calendar.hpp"

#include <algorithm>

namespace mentorctl {

CalendarIndex::CalendarIndex(const Records& records)
    : start_(records.settings.school_year_start), school_days_(records.settings.school_days) {
  for (const auto& calendar : records.calendars) {
    calendars_.emplace(calendar.year, &calendar);
  }
}

const Calendar* CalendarIndex::calendar(SchoolYear year) const {
  const auto it = calendars_.find(year);
  return it == calendars_.end() ? nullptr : it->second;
}

DateRange CalendarIndex::teaching_span(SchoolYear year) const {
  if (const Calendar* c = calendar(year)) {
    return {c->first_day, c->last_day};
  }
  return bounds(year);
}

Date CalendarIndex::pairing_end(const Pairing& pairing) const {
  return pairing.end ? *pairing.end : teaching_span(pairing.year).last;
}

SchoolYear CalendarIndex::year_of(Date day) const {
  if (last_ < years_.size() && years_[last_].bounds.contains(day)) {
    return years_[last_].year;
  }
  return school_year_of(day, start_);
}

const CalendarIndex::YearDays& CalendarIndex::year_days(Date day) const {
  if (last_ < years_.size() && years_[last_].bounds.contains(day)) {
    return years_[last_];
  }
  const SchoolYear year = school_year_of(day, start_);
  for (last_ = 0; last_ < years_.size(); ++last_) {
    if (years_[last_].year == year) {
      return years_[last_];
    }
  }
  const DateRange range = bounds(year);
  const DateRange span = teaching_span(year);
  const Calendar* c = calendar(year);
  std::vector<int> counts;
  counts.reserve(static_cast<std::size_t>((range.last - range.first).count() + 2));
  counts.push_back(0);
  for (Date day = range.first; day <= range.last; day += date::days{1}) {
    bool instructional = school_days_[weekday_index(day)] && span.contains(day);
    if (instructional && c != nullptr) {
      instructional = std::none_of(c->breaks.begin(), c->breaks.end(),
                                   [&](const Break& b) { return b.from <= day && day <= b.to; }) &&
                      std::find(c->closed.begin(), c->closed.end(), day) == c->closed.end();
    }
    counts.push_back(counts.back() + (instructional ? 1 : 0));
  }
  years_.push_back({year, range, std::move(counts)});
  return years_.back();
}

bool CalendarIndex::is_instructional(Date day) const {
  return instructional_days(day, day) == 1;
}

long CalendarIndex::instructional_days(Date from, Date to) const {
  long total = 0;
  while (from <= to) {
    const YearDays& year = year_days(from);
    const Date until = std::min(to, year.bounds.last);
    const auto a = static_cast<std::size_t>((from - year.bounds.first).count());
    const auto b = static_cast<std::size_t>((until - year.bounds.first).count()) + 1;
    total += year.prefix[b] - year.prefix[a];
    from = until + date::days{1};
  }
  return total;
}

}  // namespace mentorctl
