// Internals of the requirements engine shared by lib/rules*.cpp (not a public API).
#pragma once

#include "repo/repository.hpp"
#include "rules/rules.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace mentorctl::rules_detail {

/// Dated amounts (minutes or counts) with prefix sums, to total any date range in O(log n).
class DatedTotals {
 public:
  void clear();
  void add(Date day, std::int64_t amount);  // days must be added in ascending order
  /// The total of amounts dated in [from, to].
  [[nodiscard]] std::int64_t total(Date from, Date to) const;

 private:
  std::vector<Date> days_;
  std::vector<std::int64_t> prefix_{0};
};

/// What the pair rules and milestones read of one pairing, looked up once per program.
struct PairingContext {
  const Pairing* pairing = nullptr;
  const Person* mentor = nullptr;                 // a stand-in when unverified (Repository::unverified)
  Date end;                                       // CalendarIndex::pairing_end
  std::span<const LogItem> logs;                  // of the pair, by date
  std::span<const ObservationItem> observations;  // by the mentor, of the mentee, by date
};

/// One period of a pair rule (SPEC 4.1). Its label is only made for the findings kept.
struct Period {
  PeriodKind kind = PeriodKind::week;
  DateRange days;  // for `per: pairing`, the pairing's effective days
};

/// The people mentor rules cover in one program and school year (SPEC 4.8): those with a
/// pairing of the program active in the year that started by as-of, each with the first
/// day of the year on which they have an active pairing of the program. Views of the
/// pairings' ids.
struct MentorScope {
  SchoolYear year;
  std::map<std::string_view, Date> mentors;
  std::map<std::string_view, Date> mentees;  // for `subject: mentee`
};

/// Evaluates the requirements and collects findings; one per audit.
class Auditor {
 public:
  Auditor(const Repository& repository, const AuditOptions& options, const std::vector<SchoolYear>& years);

  /// The findings of the audited programs and years that pass the mentor/mentee
  /// filters, sorted (SPEC 6.2).
  std::deque<Finding> run();
  /// Met findings that run() counted but did not keep (AuditOptions::keep_met).
  [[nodiscard]] std::size_t uncollected_met() const { return uncollected_met_; }

 private:
  // rules_pair.cpp: hours, meetings, observations, milestone.
  [[nodiscard]] std::vector<PairingContext> pairing_contexts(const Program& program) const;
  void pair_rule(const Program& program, std::size_t index, const PairingContext& pairing);
  void evaluate_period(const Program& program, std::size_t index, const Pairing& pairing,
                       const Period& period, const DateRange& effective, const DatedTotals& totals);
  // The amounts the requirement counts of the pairing in `effective`, up to as-of; in
  // totals_, which the next call reuses.
  const DatedTotals& pair_totals(const Requirement& requirement, const PairingContext& pairing,
                                 const DateRange& effective);
  [[nodiscard]] Period period_containing(PeriodKind kind, Date day) const;
  /// `2026-W38`, `2026-09`, `2026-27`, `FIRST..LAST`.
  [[nodiscard]] std::string period_label(const Period& period) const;
  void milestone(const Program& program, std::size_t index, const PairingContext& pairing);

  // Adds the findings of one requirement to findings_.
  void evaluate_requirement(const Program& program, std::size_t index, const std::vector<MentorScope>& scopes,
                            const std::vector<PairingContext>& pairings);

  // rules_person.cpp: training, eligibility, caseload, matched-within.
  [[nodiscard]] MentorScope mentor_scope(const Program& program, SchoolYear year) const;
  void mentor_rule(const Program& program, std::size_t index, const MentorScope& scope);
  void training(const Program& program, std::size_t index, const Person& mentor, SchoolYear year);
  void eligibility(const Program& program, std::size_t index, const Person& person, SchoolYear year,
                   Date first_active);
  void caseload(const Program& program, std::size_t index, const Person& mentor, SchoolYear year);
  void matched_within(const Program& program, std::size_t index, const Person& mentee);

  // rules.cpp: shared helpers.
  // Whether a finding with `status` about `mentor` and `mentee` (null: none) passes the
  // mentor/mentee filters and is kept, met ones only when asked; counts the met ones that
  // pass but are not kept. Rules ask before they build a finding: on large audits most
  // findings are met and only counted.
  [[nodiscard]] bool keeps(FindingStatus status, const std::string* mentor, const std::string* mentee);
  // Keeps a finding that keeps() accepted; one about a person whose file has errors is
  // marked incomplete (Finding::unverified, and a note at the end of its message).
  void add(Finding&& finding);
  [[nodiscard]] Finding new_finding(const Program& program, std::size_t index) const;
  /// A finding of a mentor rule (training, eligibility, caseload): period = the school
  /// year's label, from/to = its first and last day (SPEC 4.8).
  [[nodiscard]] Finding new_mentor_rule_finding(const Program& program, std::size_t index,
                                                SchoolYear year) const;
  [[nodiscard]] bool audited(SchoolYear year) const { return years_.count(year) != 0; }
  [[nodiscard]] const Person* person(std::string_view id) const;
  // The person, or the stand-in of one whose file has errors (Repository::unverified).
  [[nodiscard]] const Person* subject(std::string_view id) const;
  // Whether `conditions` can be evaluated on `subject`: always, except on an unverified
  // person when one of them reads the person's own file.
  [[nodiscard]] bool can_evaluate(std::span<const Condition> conditions, const Person& subject) const;
  [[nodiscard]] bool when_holds(const Requirement& requirement, const Person& subject,
                                const std::string& program, Date day) const;
  [[nodiscard]] const std::vector<const Pairing*>& pairings_of(const std::string& program) const;
  /// The pairings of `program` in which `person` is the mentor / the mentee.
  [[nodiscard]] const std::vector<const Pairing*>& pairings_as_mentor(const std::string& program,
                                                                      const std::string& person) const;
  [[nodiscard]] const std::vector<const Pairing*>& pairings_as_mentee(const std::string& program,
                                                                      const std::string& person) const;

  const Repository& repository_;
  const Records& records_;
  AuditOptions options_;
  const CalendarIndex& calendars_;
  const ConditionEvaluator& conditions_;
  std::set<SchoolYear> years_;
  DatedTotals totals_;  // pair_totals()
  std::deque<Finding> findings_;
  std::size_t uncollected_met_ = 0;
};

/// The order of SPEC 6.2: program, requirement (file order), mentor, mentee, from (then
/// to, period and message, so that the order is total).
bool finding_less(const Finding& a, const Finding& b);

/// day + span (SPEC 4.8 spans), but never past 9999-12-31: a `within: 100000y` must not
/// wrap around the calendar.
Date add_span_capped(Date day, Span span);

/// "1 meeting" / "2 meetings".
std::string plural(std::int64_t count, const char* singular, const char* plural_form);

}  // namespace mentorctl::rules_detail
