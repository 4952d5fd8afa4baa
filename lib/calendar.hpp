// School years and instructional days (SPEC 2.4, 2.6).
#pragma once

#include "records.hpp"

#include <map>
#include <vector>

namespace mentorctl {

class CalendarIndex {
 public:
  explicit CalendarIndex(const Records& records);

  [[nodiscard]] MonthDay school_year_start() const { return start_; }
  [[nodiscard]] SchoolYear year_of(Date day) const { return school_year_of(day, start_); }
  /// The 2.4 bounds of a school year.
  [[nodiscard]] DateRange bounds(SchoolYear year) const { return school_year_bounds(year, start_); }
  /// first_day..last_day of the year's calendar, else the 2.4 bounds (SPEC 4.8).
  [[nodiscard]] DateRange teaching_span(SchoolYear year) const;
  [[nodiscard]] const Calendar* calendar(SchoolYear year) const;
  /// The end of a pairing: its own, else the last day of its school year.
  [[nodiscard]] Date pairing_end(const Pairing& pairing) const;

  [[nodiscard]] bool is_instructional(Date day) const;
  /// Instructional days in [from, to] (0 when to < from).
  [[nodiscard]] long instructional_days(Date from, Date to) const;

 private:
  // Per school year: one prefix count per day of the year's 2.4 bounds.
  const std::vector<int>& prefix(SchoolYear year) const;

  MonthDay start_;
  std::array<bool, 7> school_days_{};
  std::map<SchoolYear, const Calendar*> calendars_;
  mutable std::map<SchoolYear, std::vector<int>> prefix_;
};

}  // namespace mentorctl
