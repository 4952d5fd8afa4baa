// School years and instructional days (SPEC 2.4, 2.6).
#pragma once

#include "model/records.hpp"

#include <map>
#include <vector>

namespace mentorctl {

class CalendarIndex {
 public:
  explicit CalendarIndex(const Records& records);

  [[nodiscard]] MonthDay school_year_start() const { return start_; }
  [[nodiscard]] SchoolYear year_of(Date day) const;
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
  // A school year's 2.4 bounds and one prefix count of instructional days per day of them.
  struct YearDays {
    SchoolYear year;
    DateRange bounds;
    std::vector<int> prefix;
  };
  // The school year holding `day`, computed on first use.
  const YearDays& year_days(Date day) const;

  MonthDay start_;
  std::array<bool, 7> school_days_{};
  std::map<SchoolYear, const Calendar*> calendars_;
  mutable std::vector<YearDays> years_;  // in the order first used: there are few
  // The index in years_ of the last look-up: the rules ask about one year many times in a row.
  mutable std::size_t last_ = 0;
};

}  // namespace mentorctl
