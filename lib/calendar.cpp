#include "calendar.hpp"

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

const std::vector<int>& CalendarIndex::prefix(SchoolYear year) const {
  auto it = prefix_.find(year);
  if (it != prefix_.end()) {
    return it->second;
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
  return prefix_.emplace(year, std::move(counts)).first->second;
}

bool CalendarIndex::is_instructional(Date day) const {
  return instructional_days(day, day) == 1;
}

long CalendarIndex::instructional_days(Date from, Date to) const {
  long total = 0;
  while (from <= to) {
    const SchoolYear year = year_of(from);
    const DateRange range = bounds(year);
    const Date until = std::min(to, range.last);
    const auto& counts = prefix(year);
    const auto a = static_cast<std::size_t>((from - range.first).count());
    const auto b = static_cast<std::size_t>((until - range.first).count()) + 1;
    total += counts[b] - counts[a];
    from = until + date::days{1};
  }
  return total;
}

}  // namespace mentorctl
