// Typed records of a records repository (SPEC 1-4), each with its file and position.
#pragma once

#include "model/attributes.hpp"
#include "model/dates.hpp"
#include "model/diagnostics.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mentorctl {

/// Where a record was written: an index into Records::files, and its line and column.
struct Source {
  std::uint32_t file = 0;
  Mark mark;
};

struct Settings {
  int version = 1;
  std::string organization;
  MonthDay school_year_start;
  std::array<bool, 7> school_days{true, true, true, true, true, false, false};  // Mon..Sun
  std::string currency = "USD";
  Source source;
};

struct Break {
  std::string name;
  Date from;
  Date to;
  Source source;
};

struct Calendar {
  SchoolYear year;
  Date first_day;
  Date last_day;
  std::vector<Break> breaks;
  std::vector<Date> closed;
  Source source;
  Mark first_day_mark;  // of the keys, for diagnostics
  Mark last_day_mark;
};

/// A reference to another record (a person, program, ...) and where it was written.
struct Reference {
  std::string id;
  Mark mark;
};

/// An email in the form in which emails compare: ASCII letters lower-cased, as mail
/// systems treat them (check's uniqueness and the git identity agree on it).
[[nodiscard]] std::string email_key(std::string_view email);

struct Person {
  std::string id;
  std::string name;
  std::string email;
  std::vector<Reference> roles;
  std::vector<Reference> programs;
  std::optional<Date> enrolled;
  std::optional<Date> left;
  std::string district;
  std::string site;
  std::string position;
  std::vector<std::string> subjects;
  std::vector<std::string> grades;
  std::string credential;
  std::optional<Date> career_start;
  std::optional<Date> position_start;
  std::string rating;
  std::optional<int> capacity;
  std::vector<std::pair<std::string, std::string>> attributes;
  Source source;
  Mark email_mark;

  [[nodiscard]] bool has_role(const std::string& role) const;
  [[nodiscard]] bool takes_part_in(const std::string& program) const;
};

enum class RequirementType : std::uint8_t {
  hours,
  meetings,
  observations,
  milestone,
  training,
  eligibility,
  caseload,
  matched_within
};
enum class PeriodKind : std::uint8_t { week, month, school_year, pairing };
enum class Partial : std::uint8_t { prorate, full, skip };

/// A condition on a person's attribute (eligibility, `when`).
struct Condition {
  enum class Op : std::uint8_t { min, max, in, equals, present };
  AttributeRef attribute;
  Op op = Op::equals;
  double number = 0;                // min, max
  std::vector<std::string> values;  // in, equals (one value)
  bool present = true;              // present
  Mark mark;
};

struct During {
  bool first = true;  // first: the first span of the pairing; else after it
  Span span;
};

struct Requirement {
  std::string id;
  RequirementType type = RequirementType::hours;
  std::string text;
  Severity severity = Severity::error;
  std::optional<PeriodKind> per;
  std::optional<std::int64_t> min;  // minutes (hours, training min_hours) or a count
  std::optional<std::int64_t> max;
  bool min_is_duration = false;     // training: min_hours rather than min
  std::vector<std::string> kinds;
  std::optional<During> during;
  Partial partial = Partial::prorate;
  std::optional<Span> within;
  bool scope_ever = false;           // training
  bool subject_mentee = false;       // eligibility
  std::optional<Condition> condition;  // eligibility
  std::vector<Condition> when;
  Source source;
};

struct Matching {
  int capacity = 1;
  std::vector<AttributeRef> require;
  std::vector<std::pair<AttributeRef, int>> prefer;
};

enum class StipendBasis : std::uint8_t { mentor, pairing };

struct Stipend {
  StipendBasis basis = StipendBasis::mentor;
  std::int64_t amount_cents = 0;
  std::vector<std::pair<std::string, std::int64_t>> by_district;
  bool prorate = false;
  std::vector<Reference> requires_;
  std::string currency;  // empty: the organisation's
  Source source;
};

struct Criterion {
  std::string id;
  std::string text;
  std::vector<Reference> sign_off;  // roles; empty: no sign-off needed
  Mark mark;
};

struct Level {
  std::string id;
  std::string name;
  std::optional<Span> valid_for;
  std::vector<Reference> requires_;
  std::vector<Criterion> criteria;
  Mark mark;
};

struct Certification {
  std::vector<Level> levels;
};

struct Program {
  std::string id;
  std::string name;
  std::string mentor_role = "mentor";
  std::string mentee_role = "mentee";
  std::vector<std::string> log_fields;
  std::vector<Requirement> requirements;
  std::optional<Matching> matching;
  std::optional<Stipend> stipend;
  std::optional<Certification> certification;
  Source source;

  [[nodiscard]] const Requirement* requirement(const std::string& id) const;
  [[nodiscard]] const Level* level(const std::string& id) const;
};

struct Pairing {
  Reference mentor;
  Reference mentee;
  Reference program;
  Date start;
  std::optional<Date> end;  // as written; see Repository for the effective end
  std::string note;
  SchoolYear year;          // the file's school year
  Source source;
};

struct LogEntry {
  std::string mentor;  // the file's mentor
  Date date;
  Reference mentee;
  std::int64_t minutes = 0;
  std::string kind = "meeting";
  std::optional<Reference> program;
  std::vector<std::string> topics;
  std::vector<Reference> completes;
  std::string notes;
  bool confidential = false;
  Source source;
};

struct Observation {
  std::string mentee;  // the file's mentee
  Date date;
  Reference observer;
  std::optional<std::int64_t> minutes;
  std::string focus;
  std::vector<std::string> standards;
  std::string evidence;
  bool confidential = false;
  Source source;
};

struct TrainingSession {
  std::string id;
  Date date;
  std::string kind;
  std::string title;
  std::optional<std::int64_t> minutes;
  std::vector<Reference> attendees;
  SchoolYear year;
  Source source;
};

struct Application {
  Reference person;
  Reference program;
  std::optional<Date> submitted;
  std::optional<Reference> nominated_by;
  std::string interview;
  std::string decision;
  SchoolYear year;
  Source source;
};

struct Evidence {
  std::string person;  // the file's person
  std::string level;
  std::string criterion;
  Mark criterion_mark;
  std::optional<Reference> program;
  Date date;
  std::optional<Reference> signed_off_by;
  std::string note;
  Source source;
};

struct Certificate {
  Reference person;
  std::optional<Reference> program;
  Reference level;
  Date awarded;
  std::optional<Reference> awarded_by;
  std::optional<Date> expires;
  Source source;
};

/// A person or program named by a record that had errors and was left out: `check` still
/// reports it when it names nobody (SPEC 6.1, every diagnostic at once), though the record
/// never reaches the audit.
struct RejectedReference {
  Reference reference;
  std::string field;     // as the record names it: "mentee", "observer", "attendee", "program", ...
  bool program = false;  // a program's id; else a person's
  Source source;         // the record's
};

/// The kinds of record files (SPEC 1).
enum class FileKind : std::uint8_t {
  settings,
  calendar,
  person,
  program,
  pairings,
  log,
  observations,
  trainings,
  applications,
  evidence,
  certificates
};

/// A record file that was found, whether or not it could be read.
struct FileInfo {
  std::string path;  // relative, '/' separated
  FileKind kind = FileKind::settings;
  bool loaded = false;  // false: skipped as a whole (unreadable, syntax, ...)
  std::size_t skipped_records = 0;

  /// Skipped as a whole, or some of its records were: what it holds is not all known.
  [[nodiscard]] bool has_errors() const { return !loaded || skipped_records > 0; }

  /// The name without its folder and `.yaml`: the id a person or program file must hold.
  [[nodiscard]] std::string_view stem() const {
    const std::string_view name = std::string_view(path).substr(path.rfind('/') + 1);
    return name.substr(0, name.size() - (name.ends_with(".yaml") ? 5 : 0));
  }
};

/// Everything read from a records repository.
struct Records {
  std::string root;
  std::vector<FileInfo> files;
  Settings settings;
  bool has_settings = false;
  std::vector<Calendar> calendars;
  std::vector<Person> people;
  std::vector<Program> programs;
  std::vector<Pairing> pairings;
  std::vector<LogEntry> logs;
  std::vector<Observation> observations;
  std::vector<TrainingSession> sessions;
  std::vector<Application> applications;
  std::vector<Evidence> evidence;
  std::vector<Certificate> certificates;
  /// People whose file had errors, decoded as far as it went: never used as records, only
  /// so that `check` also reports what else is wrong in the file (an unknown program).
  std::vector<Person> rejected_people;
  /// The person and program references of the other records left out by the decoder,
  /// likewise only for `check` (validation reads and clears them).
  std::vector<RejectedReference> rejected_references;
  Diagnostics diagnostics;
  /// Files and folders discovery left out with an error (unreadable, a link leading
  /// outside, a folder where a file belongs): none of their records were read.
  std::size_t skipped_paths = 0;

  [[nodiscard]] const std::string& path_of(const Source& source) const {
    return files[source.file].path;
  }
  /// Records (entries, files) that had errors and were left out, skipped_paths included.
  [[nodiscard]] std::size_t record_errors() const;
  /// Files left out as a whole: skipped_paths and the files that could not be read or parsed.
  [[nodiscard]] std::size_t skipped_files() const;
  /// Whether `person` holds the mentor (or mentee) role of some program; true when there
  /// is no program to tell.
  [[nodiscard]] bool holds_role_of_any(const Person& person, bool mentor_role) const;
};

}  // namespace mentorctl
