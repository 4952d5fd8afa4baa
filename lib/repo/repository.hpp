// The validated records of a repository and every index the commands query, built once
// per load: people by id and email, programs by id, pairings by program / mentor /
// mentee, each pair's log entries and observations, training sessions by attendee,
// applications, evidence and certificates by person, the instructional calendar and the
// evaluation of conditions on people.
#pragma once

#include "model/calendar.hpp"
#include "model/records.hpp"
#include "repo/conditions.hpp"
#include "repo/pair_records.hpp"

#include <deque>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace mentorctl {

/// Read-only indexes over validated records. The records must outlive the Repository
/// and not change while it exists (the indexes hold views of their ids). Not copyable.
class Repository {
 public:
  explicit Repository(const Records& records);
  Repository(const Repository&) = delete;
  Repository& operator=(const Repository&) = delete;

  [[nodiscard]] const Records& records() const { return records_; }
  [[nodiscard]] const Settings& settings() const { return records_.settings; }
  [[nodiscard]] const CalendarIndex& calendars() const { return calendars_; }
  [[nodiscard]] const ConditionEvaluator& conditions() const { return conditions_; }

  /// nullptr when no person has this id / this email (emails compare without case).
  [[nodiscard]] const Person* person(std::string_view id) const;
  /// A stand-in for a person whose file in people/ has errors (*unverified*, not unknown):
  /// only its id and its file are known. nullptr for anyone else, loaded people included.
  [[nodiscard]] const Person* unverified(std::string_view id) const;
  /// Whether any person file has errors.
  [[nodiscard]] bool has_unverified() const { return !unverified_.empty(); }
  /// Every person whose email is `email`, ignoring case (validation makes it one).
  [[nodiscard]] std::vector<const Person*> people_with_email(std::string_view email) const;

  [[nodiscard]] const Program* program(std::string_view id) const;
  /// Every program, by id.
  [[nodiscard]] const std::vector<const Program*>& programs() const { return programs_; }
  /// `programs/X.yaml:LINE` of a requirement of one of the records' programs.
  [[nodiscard]] const std::string& requirement_source(const Requirement& requirement) const;

  /// The pairings of a program, by mentor, mentee and start.
  [[nodiscard]] const std::vector<const Pairing*>& pairings_of(std::string_view program) const;
  /// The pairings of `program` in which `person` is the mentor / the mentee, in the order
  /// of pairings_of.
  [[nodiscard]] const std::vector<const Pairing*>& pairings_as_mentor(std::string_view program,
                                                                      std::string_view person) const;
  [[nodiscard]] const std::vector<const Pairing*>& pairings_as_mentee(std::string_view program,
                                                                      std::string_view person) const;

  /// A mentor's log entries about one mentee, by date (then in the records' order).
  [[nodiscard]] std::span<const LogItem> logs_of(std::string_view mentor, std::string_view mentee) const;
  /// The observations of a mentee by one observer, by date.
  [[nodiscard]] std::span<const ObservationItem> observations_of(std::string_view mentee,
                                                                 std::string_view observer) const;

  /// The training sessions listing `person` as an attendee, in the records' order.
  [[nodiscard]] const std::vector<const TrainingSession*>& sessions_attended(std::string_view person) const;
  /// The application of a person to a program for a school year (the first in file order).
  [[nodiscard]] const Application* application(std::string_view person, std::string_view program,
                                               SchoolYear year) const;
  /// A person's certification evidence and certificates, in the records' order.
  [[nodiscard]] const std::vector<const Evidence*>& evidence_of(std::string_view person) const;
  [[nodiscard]] const std::vector<const Certificate*>& certificates_of(std::string_view person) const;

 private:
  struct PairIndexes {
    PairRecords<LogItem> logs;                  // (mentor, mentee)
    PairRecords<ObservationItem> observations;  // (mentee, observer)
  };
  // Built on first use: commands about certification or one person never need them.
  const PairIndexes& pair_indexes() const;

  const Records& records_;
  CalendarIndex calendars_;
  ConditionEvaluator conditions_;
  std::unordered_map<std::string_view, const Person*> people_;
  std::deque<Person> unverified_people_;  // the stand-ins
  std::unordered_map<std::string_view, const Person*> unverified_;
  std::unordered_map<std::string, std::vector<const Person*>> people_by_email_;  // lower case
  std::unordered_map<std::string_view, const Program*> programs_by_id_;
  std::vector<const Program*> programs_;
  std::unordered_map<const Requirement*, std::string> sources_;
  std::unordered_map<std::string_view, std::vector<const Pairing*>> program_pairings_;
  std::unordered_map<IdPair, std::vector<const Pairing*>, IdPairHash> mentor_pairings_;  // (program, mentor)
  std::unordered_map<IdPair, std::vector<const Pairing*>, IdPairHash> mentee_pairings_;  // (program, mentee)
  std::unordered_map<std::string_view, std::vector<const TrainingSession*>> sessions_by_attendee_;
  std::unordered_map<std::string, const Application*> applications_;  // "person\0program\0year"
  std::unordered_map<std::string_view, std::vector<const Evidence*>> evidence_;
  std::unordered_map<std::string_view, std::vector<const Certificate*>> certificates_;
  mutable std::once_flag pair_indexes_once_;
  mutable std::optional<PairIndexes> pair_indexes_;
};

}  // namespace mentorctl
