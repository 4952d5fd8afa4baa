// Internals of the requirements engine shared by lib/rules*.cpp (not a public API).
#pragma once

#include "calendar.hpp"
#include "rules.hpp"

#include <deque>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace mentorctl::rules_detail {

/// Dated amounts (minutes or counts) with prefix sums, to total any date range in O(log n).
class DatedTotals {
 public:
  void add(Date day, std::int64_t amount);  // days must be added in ascending order
  /// The total of amounts dated in [from, to].
  [[nodiscard]] std::int64_t total(Date from, Date to) const;

 private:
  std::vector<Date> days_;
  std::vector<std::int64_t> prefix_{0};
};

/// One period of a pair rule (SPEC 4.1): its days and label.
struct Period {
  DateRange days;
  std::string label;
};

/// The people mentor rules cover in one program and school year (SPEC 4.8): those with a
/// pairing of the program active in the year that started by as-of, each with the first
/// day of the year on which they have an active pairing of the program.
struct MentorScope {
  SchoolYear year;
  std::map<std::string, Date> mentors;
  std::map<std::string, Date> mentees;  // for `subject: mentee`
};

/// Evaluates the requirements and collects findings; one per audit.
class Auditor {
 public:
  Auditor(const Records& records, const AuditOptions& options, const std::vector<SchoolYear>& years);

  /// The findings of the audited programs and years that pass the mentor/mentee
  /// filters, sorted (SPEC 6.2).
  std::deque<Finding> run();
  /// Met findings that run() counted but did not keep (AuditOptions::keep_met).
  [[nodiscard]] std::size_t uncollected_met() const { return uncollected_met_; }

 private:
  // rules_pair.cpp: hours, meetings, observations, milestone.
  void pair_rule(const Program& program, std::size_t index, const Pairing& pairing);
  void evaluate_period(const Program& program, std::size_t index, const Pairing& pairing,
                       const Period& period, const DateRange& effective, const DatedTotals& totals);
  [[nodiscard]] DatedTotals pair_totals(const Requirement& requirement, const Pairing& pairing,
                                        const DateRange& effective) const;
  [[nodiscard]] Period period_containing(PeriodKind kind, Date day) const;
  void milestone(const Program& program, std::size_t index, const Pairing& pairing);

  // Adds the findings of one requirement to findings_.
  void evaluate_requirement(const Program& program, std::size_t index,
                            const std::vector<MentorScope>& scopes);

  // rules_person.cpp: training, eligibility, caseload, matched-within.
  [[nodiscard]] MentorScope mentor_scope(const Program& program, SchoolYear year) const;
  void mentor_rule(const Program& program, std::size_t index, const MentorScope& scope);
  void training(const Program& program, std::size_t index, const Person& mentor, SchoolYear year);
  void eligibility(const Program& program, std::size_t index, const Person& person, SchoolYear year,
                   Date first_active);
  void caseload(const Program& program, std::size_t index, const Person& mentor, SchoolYear year);
  void matched_within(const Program& program, std::size_t index, const Person& mentee);

  // rules.cpp: shared helpers.
  // Keeps a finding that passes the mentor/mentee filters (met ones only when asked).
  void add(Finding&& finding);
  [[nodiscard]] Finding new_finding(const Program& program, std::size_t index) const;
  /// A finding of a mentor rule (training, eligibility, caseload): period = the school
  /// year's label, from/to = its first and last day (SPEC 4.8).
  [[nodiscard]] Finding new_mentor_rule_finding(const Program& program, std::size_t index, SchoolYear year) const;
  [[nodiscard]] bool audited(SchoolYear year) const { return years_.count(year) != 0; }
  [[nodiscard]] const Person* person(const std::string& id) const;
  [[nodiscard]] bool when_holds(const Requirement& requirement, const Person& subject,
                                const std::string& program, Date day) const;
  [[nodiscard]] const std::vector<const Pairing*>& pairings_of(const std::string& program) const;
  /// The pairings of `program` in which `person` is the mentor / the mentee.
  [[nodiscard]] const std::vector<const Pairing*>& pairings_as_mentor(const std::string& program,
                                                                      const std::string& person) const;
  [[nodiscard]] const std::vector<const Pairing*>& pairings_as_mentee(const std::string& program,
                                                                      const std::string& person) const;
  [[nodiscard]] static std::string pair_key(const std::string& first, const std::string& second) {
    return first + '\n' + second;
  }

  const Records& records_;
  AuditOptions options_;
  CalendarIndex calendars_;
  ConditionEvaluator conditions_;
  std::set<SchoolYear> years_;
  std::map<std::string, const Person*> people_;
  std::unordered_map<std::string, std::vector<const LogEntry*>> logs_;  // mentor\nmentee, by date
  std::unordered_map<std::string, std::vector<const Observation*>>
      observations_;                                                     // observer\nmentee, by date
  std::map<std::string, std::vector<const Pairing*>> program_pairings_;  // by mentor, mentee, start
  std::map<std::pair<std::string, std::string>, std::vector<const Pairing*>>
      mentor_pairings_;  // (program, mentor)
  std::map<std::pair<std::string, std::string>, std::vector<const Pairing*>>
      mentee_pairings_;  // (program, mentee)
  std::map<std::string, std::vector<const TrainingSession*>> sessions_by_attendee_;
  std::deque<Finding> findings_;
  std::size_t uncollected_met_ = 0;
};

/// The order of SPEC 6.2: program, requirement (file order), mentor, mentee, from (then
/// to, period and message, so that the order is total).
bool finding_less(const Finding& a, const Finding& b);

/// day + span (SPEC 4.8 spans), but never past 9999-12-31: a `within: 100000y` must not
/// wrap around the calendar.
Date add_span_capped(Date day, Span span);

/// `n unit` in human words: `1h30m`, `3`, `14 days`, `3 years`.
std::string human_quantity(const FindingValue& value, FindingUnit unit);
/// `3`, `2.5`.
std::string format_number(double number);
/// "1 meeting" / "2 meetings".
std::string plural(std::int64_t count, const char* singular, const char* plural_form);

}  // namespace mentorctl::rules_detail
