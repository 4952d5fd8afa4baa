// `mentorctl log` (SPEC 5): one support-log entry, appended to the mentor's log file of
// the entry's school year.
#include "write/commands.hpp"

#include "write/arguments.hpp"

#include "model/calendar.hpp"
#include "model/values.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace mentorctl {
using namespace write_arguments;  // NOLINT(google-build-using-namespace): the shared argument checks

WriteResult<Addition> plan_log(const Records& records, const LogRequest& request, Date today) {
  auto day = day_argument(request.date, "--date", today, "support");
  if (!day) {
    return day.error();
  }
  auto minutes = duration_argument(request.duration, "--duration", minutes_per_day);
  if (!minutes) {
    return minutes.error();
  }
  auto mentor = person_argument(records, request.mentor, "mentor");
  if (!mentor) {
    return mentor.error();
  }
  auto mentee = person_argument(records, request.mentee, "--mentee");
  if (!mentee) {
    return mentee.error();
  }
  MENTORCTL_TRY(check_id(request.kind, "--kind"));
  for (const auto& topic : request.topics) {
    if (topic.empty()) {
      return refusal("--topic is empty; give the topic's words, e.g. --topic \"classroom management\"");
    }
    MENTORCTL_TRY(check_text(topic, "--topic"));
  }
  MENTORCTL_TRY(check_text(request.notes, "--notes"));
  auto found = optional_program_argument(records, request.program, "--program");
  if (!found) {
    return found.error();
  }
  const Program* program = found.value();
  auto year = school_year_argument(records, day.value());
  if (!year) {
    return year.error();
  }

  const CalendarIndex calendars(records);
  const auto active = active_on(pairings_of(records, request.mentor, request.mentee, request.program),
                                calendars, day.value());
  const Person& mentor_person = *mentor.value();
  const Person& mentee_person = *mentee.value();
  if (program != nullptr) {
    if (!mentor_person.has_role(program->mentor_role)) {
      return wrong_role(mentor_person, program->mentor_role, *program, "mentors");
    }
    if (!mentee_person.has_role(program->mentee_role)) {
      return wrong_role(mentee_person, program->mentee_role, *program, "mentees");
    }
  } else if (active.empty()) {
    if (!records.holds_role_of_any(mentor_person, true)) {
      return refusal(fmt::format(
          "'{}' holds no program's mentor role, so they log no support; add the role to people/{}.yaml",
          mentor_person.id, mentor_person.id));
    }
    if (!records.holds_role_of_any(mentee_person, false)) {
      return not_a_mentee(records, mentee_person, "--mentor");
    }
  }
  if (active.empty() && !request.force) {
    return no_active_pairing(records, calendars, request.mentor, request.mentee, request.program, day.value(),
                             "entry", "--mentor");
  }

  // The programs the entry counts for decide milestones and required fields.
  std::vector<const Program*> programs;
  for (const Pairing* p : active) {
    if (const Program* found = find_program(records, p->program.id);
        found != nullptr && std::find(programs.begin(), programs.end(), found) == programs.end()) {
      programs.push_back(found);
    }
  }
  if (programs.empty()) {
    if (program != nullptr) {
      programs.push_back(program);
    } else {
      for (const auto& p : records.programs) {
        programs.push_back(&p);
      }
    }
  }
  MENTORCTL_TRY(check_completes(request.completes, programs));
  for (const Pairing* p : active) {
    const Program* counted = find_program(records, p->program.id);
    for (const auto& field : counted == nullptr ? std::vector<std::string>{} : counted->log_fields) {
      const bool present = field == "topics"      ? !request.topics.empty()
                           : field == "completes" ? !request.completes.empty()
                                                  : !request.notes.empty();
      if (!present) {
        const char* option = field == "topics"      ? "--topic TEXT"
                             : field == "completes" ? "--completes ID"
                                                    : "--notes TEXT";
        return refusal(fmt::format("program {} requires '{}' on every log entry (its log_fields); add {}",
                                   counted->id, field, option));
      }
    }
  }

  Addition addition;
  addition.path = fmt::format("logs/{}/{}.yaml", format_school_year(year.value()), request.mentor);
  addition.list.key = "entries";
  addition.new_file_header = {{"mentor", request.mentor}};
  NewItem item;
  item.canonical("date", format_date(day.value()))
      .text("mentee", request.mentee)
      .canonical("duration", format_duration(minutes.value()))
      .text("kind", request.kind);
  if (program != nullptr) {
    item.text("program", program->id);
  }
  item.optional_flow_list("topics", request.topics);
  item.optional_flow_list("completes", request.completes);
  item.optional_text("notes", request.notes);
  item.canonical("confidential", request.confidential ? "true" : "false");
  addition.items.push_back(std::move(item));
  addition.commit_message =
      fmt::format("log: {} with {} on {}, {} {}", request.mentor, request.mentee, format_date(day.value()),
                  format_duration(minutes.value()), request.kind);
  return addition;
}

}  // namespace mentorctl
