#include "write/arguments.hpp"

#include "model/messages.hpp"
#include "model/values.hpp"
#include "report/diagnostic_report.hpp"
#include "util/utf8.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace mentorctl::write_arguments {

std::string plural(std::size_t count, const char* word) {
  return fmt::format("{} {}{}", count, word, count == 1 ? "" : "s");
}

// ---------------------------------------------------------------------------------------
// Arguments.

WriteResult<Date> day_argument(const std::string& text, const char* option, Date today,
                               const char* happened) {
  if (text.empty()) {
    return today;
  }
  const auto day = parse_date(text);
  if (!day) {
    return refusal(fmt::format("{} '{}' is not a date: {}", option, visible_text(text), date_problem(text)));
  }
  if (happened != nullptr && *day > today) {
    return refusal(fmt::format("{} {} is in the future (today is {}); {} is recorded after it happened",
                               option, text, format_date(today), happened));
  }
  return *day;
}

WriteResult<std::int64_t> duration_argument(const std::string& text, const char* option, std::int64_t most) {
  const auto minutes = parse_duration(text);
  if (!minutes) {
    const bool bare_number = !text.empty() && text.find_first_not_of("0123456789.") == std::string::npos;
    return refusal(bare_number
                       ? fmt::format("{} '{}' needs a unit: write {}m or {}h", option, text, text, text)
                       : fmt::format("{} '{}' is not a duration; write e.g. 45m, 1h, 1h30m or 1.5h", option,
                                     visible_text(text)));
  }
  if (*minutes <= 0) {
    return refusal(fmt::format("{} must be more than 0m", option));
  }
  if (most > 0 && *minutes > most) {
    return refusal(fmt::format("{} {} is more than {}; record each day on its own", option, text,
                               format_duration(most)));
  }
  return *minutes;
}

WriteResult<void> check_id(const std::string& text, const char* option) {
  if (is_valid_id(text)) {
    return {};
  }
  return refusal(
      fmt::format("{} '{}' is not a valid id: use lowercase letters, digits, '.', '_' and '-', starting "
                  "with a letter or digit, at most 64 characters",
                  option, visible_text(text)));
}

WriteResult<void> check_text(const std::string& text, const char* option) {
  if (is_valid_utf8(text)) {
    return {};
  }
  return refusal(fmt::format("{} is not valid UTF-8 text; record files hold UTF-8 only", option));
}

// ---------------------------------------------------------------------------------------
// Looking things up, with suggestions.

const Person* find_person(const Records& records, const std::string& id) {
  const auto it =
      std::find_if(records.people.begin(), records.people.end(), [&](const Person& p) { return p.id == id; });
  return it == records.people.end() ? nullptr : &*it;
}

const Program* find_program(const Records& records, const std::string& id) {
  const auto it = std::find_if(records.programs.begin(), records.programs.end(),
                               [&](const Program& p) { return p.id == id; });
  return it == records.programs.end() ? nullptr : &*it;
}

// "; did you mean 'x'?" or, with no close match, `otherwise`.
std::string suggestion_or(const std::string& word, const std::vector<std::string>& candidates,
                          const std::string& otherwise) {
  const std::string close = closest_match(word, candidates);
  return close.empty() ? otherwise : fmt::format("; did you mean '{}'?", close);
}

bool file_has_errors(const Records& records, const std::string& path) {
  return std::any_of(records.diagnostics.items().begin(), records.diagnostics.items().end(),
                     [&](const Diagnostic& d) { return d.file == path && d.severity == Severity::error; });
}

WriteProblem unknown_person(const Records& records, const std::string& id, const char* option) {
  const std::string path = fmt::format("people/{}.yaml", id);
  if (file_has_errors(records, path)) {
    return refusal(
        fmt::format("{} '{}': {} has errors, so mentorctl cannot use it; run 'mentorctl check' and fix it",
                    option, id, path));
  }
  std::vector<std::string> ids;
  for (const auto& p : records.people) {
    ids.push_back(p.id);
  }
  return refusal(not_a_person(option, id) + suggestion_or(id, ids, fmt::format("; add {} first", path)));
}

WriteResult<const Person*> person_argument(const Records& records, const std::string& id,
                                           const char* option) {
  MENTORCTL_TRY(check_id(id, option));
  if (const Person* p = find_person(records, id)) {
    return p;
  }
  return unknown_person(records, id, option);
}

WriteResult<const Program*> optional_program_argument(const Records& records, const std::string& id,
                                                      const char* option) {
  if (id.empty()) {
    return static_cast<const Program*>(nullptr);
  }
  return program_argument(records, id, option);
}

WriteResult<const Program*> program_argument(const Records& records, const std::string& id,
                                             const char* option) {
  MENTORCTL_TRY(check_id(id, option));
  if (const Program* p = find_program(records, id)) {
    return p;
  }
  std::vector<std::string> ids;
  for (const auto& p : records.programs) {
    ids.push_back(p.id);
  }
  return refusal(
      fmt::format("{} '{}' is not a program (no programs/{}.yaml){}", option, id, id,
                  suggestion_or(id, ids,
                                ids.empty() ? std::string("; there are no programs yet")
                                            : fmt::format("; programs: {}", fmt::join(ids, ", ")))));
}

WriteProblem wrong_role(const Person& person, const std::string& role, const Program& program,
                        const char* as) {
  return refusal(missing_role(person.id, role, program.id, as));
}

// The school year a record dated `day` is filed under, refusing days no folder can name.
WriteResult<SchoolYear> school_year_argument(const Records& records, Date day) {
  const SchoolYear year = school_year_of(day, records.settings.school_year_start);
  if (year.start_year < 1000 || year.start_year > 9998) {
    return refusal(
        fmt::format("{} is outside any school year mentorctl can file (years 1000-01 to 9998-99); check "
                    "the date",
                    format_date(day)));
  }
  return year;
}

// A note for messages about missing pairings, when some pairings could not be read.
std::string broken_pairings_note(const Records& records) {
  for (const auto& file : records.files) {
    if (file.kind == FileKind::pairings && file.has_errors()) {
      return fmt::format(" (note: {} has errors and its bad pairings are left out; run 'mentorctl check')",
                         file.path);
    }
  }
  return "";
}

std::vector<const Pairing*> pairings_of(const Records& records, const std::string& mentor,
                                        const std::string& mentee, const std::string& program) {
  std::vector<const Pairing*> result;
  for (const auto& p : records.pairings) {
    if (p.mentor.id == mentor && p.mentee.id == mentee && (program.empty() || p.program.id == program)) {
      result.push_back(&p);
    }
  }
  return result;
}

std::vector<const Pairing*> active_on(const std::vector<const Pairing*>& pairings,
                                      const CalendarIndex& calendars, Date day) {
  std::vector<const Pairing*> result;
  for (const Pairing* p : pairings) {
    if (p->start <= day && day <= calendars.pairing_end(*p)) {
      result.push_back(p);
    }
  }
  return result;
}

// "no pairing of A and B is active on D; ...", for log and observe.
WriteProblem no_active_pairing(const Records& records, const CalendarIndex& calendars,
                               const std::string& mentor, const std::string& mentee,
                               const std::string& program, Date day, const char* what,
                               const char* mentor_option) {
  const auto all = pairings_of(records, mentor, mentee, program);
  const std::string in_program = program.empty() ? "" : fmt::format(" in {}", program);
  std::string message;
  if (all.empty()) {
    message = fmt::format(
        "{} and {} have no pairing{}; check {} and --mentee, add the pairing with 'mentorctl pair {} {} "
        "--program PROGRAM --start DATE', or record the {} anyway with --force",
        mentor, mentee, in_program, mentor_option, mentor, mentee, what);
  } else {
    std::vector<std::string> spans;
    for (const Pairing* p : all) {
      spans.push_back(fmt::format("{} from {} to {}", p->program.id, format_date(p->start),
                                  format_date(calendars.pairing_end(*p))));
    }
    message = fmt::format(
        "no pairing of {} and {}{} is active on {} (their pairings: {}); check --date, or record the "
        "{} anyway with --force",
        mentor, mentee, in_program, format_date(day), fmt::join(spans, "; "), what);
  }
  return refusal(message + broken_pairings_note(records));
}

// --mentee names someone who is no program's mentee: say what they are instead, and
// which option names a mentor (`mentor_option`).
WriteProblem not_a_mentee(const Records& records, const Person& person, const char* mentor_option) {
  if (records.holds_role_of_any(person, true)) {
    return refusal(fmt::format("'{}' is a mentor, not a mentee; did you mean {} {}?", person.id, mentor_option,
                               person.id));
  }
  return refusal(fmt::format("--mentee '{}' holds no program's mentee role; add the role to people/{}.yaml",
                             person.id, person.id));
}

std::vector<std::string> milestones_of(const Program& program) {
  std::vector<std::string> ids;
  for (const auto& r : program.requirements) {
    if (r.type == RequirementType::milestone) {
      ids.push_back(r.id);
    }
  }
  return ids;
}

// Every --completes must be a milestone of a program the entry counts for.
WriteResult<void> check_completes(const std::vector<std::string>& completes,
                                            const std::vector<const Program*>& programs) {
  for (const auto& id : completes) {
    MENTORCTL_TRY(check_id(id, "--completes"));
    std::vector<std::string> milestones;
    bool found = false;
    for (const Program* p : programs) {
      const auto ids = milestones_of(*p);
      found = found || std::find(ids.begin(), ids.end(), id) != ids.end();
      milestones.insert(milestones.end(), ids.begin(), ids.end());
    }
    if (!found) {
      std::vector<std::string> names;
      for (const Program* p : programs) {
        names.push_back(p->id);
      }
      return refusal(fmt::format(
          "--completes '{}' is not a milestone requirement of {}{}", id,
          names.empty() ? std::string("any program") : fmt::format("{}", fmt::join(names, ", ")),
          suggestion_or(id, milestones,
                        milestones.empty() ? std::string("; it has no milestones")
                                           : fmt::format("; milestones: {}", fmt::join(milestones, ", ")))));
    }
  }
  return {};
}

}  // namespace mentorctl::write_arguments
