#include "write/commands.hpp"

#include "write/arguments.hpp"

#include "model/calendar.hpp"
#include "model/values.hpp"
#include "report/diagnostic_report.hpp"
#include "util/utf8.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace mentorctl {
using namespace write_arguments;  // NOLINT(google-build-using-namespace): the shared argument checks

// ---------------------------------------------------------------------------------------
// log

WriteResult<Addition> plan_log(const Records& records, const LogRequest& request, Date today) {
  auto day = day_argument(request.date, "--date", today, "support");
  if (!day) {
    return day.problem();
  }
  auto minutes = duration_argument(request.duration, "--duration", minutes_per_day);
  if (!minutes) {
    return minutes.problem();
  }
  auto mentor = person_argument(records, request.mentor, "mentor");
  if (!mentor) {
    return mentor.problem();
  }
  auto mentee = person_argument(records, request.mentee, "--mentee");
  if (!mentee) {
    return mentee.problem();
  }
  if (auto bad = check_id(request.kind, "--kind")) {
    return *bad;
  }
  for (const auto& topic : request.topics) {
    if (topic.empty()) {
      return refusal("--topic is empty; give the topic's words, e.g. --topic \"classroom management\"");
    }
    if (auto bad = check_text(topic, "--topic")) {
      return *bad;
    }
  }
  if (auto bad = check_text(request.notes, "--notes")) {
    return *bad;
  }
  const Program* program = nullptr;
  if (!request.program.empty()) {
    auto found = program_argument(records, request.program, "--program");
    if (!found) {
      return found.problem();
    }
    program = found.value();
  }
  auto year = school_year_argument(records, day.value());
  if (!year) {
    return year.problem();
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
  if (auto bad = check_completes(request.completes, programs)) {
    return *bad;
  }
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
  if (!request.topics.empty()) {
    item.flow_list("topics", request.topics);
  }
  if (!request.completes.empty()) {
    item.flow_list("completes", request.completes);
  }
  if (!request.notes.empty()) {
    item.text("notes", request.notes);
  }
  item.canonical("confidential", request.confidential ? "true" : "false");
  addition.items.push_back(std::move(item));
  addition.commit_message =
      fmt::format("log: {} with {} on {}, {} {}", request.mentor, request.mentee, format_date(day.value()),
                  format_duration(minutes.value()), request.kind);
  return addition;
}

// ---------------------------------------------------------------------------------------
// observe

WriteResult<Addition> plan_observe(const Records& records, const ObserveRequest& request, Date today) {
  auto day = day_argument(request.date, "--date", today, "an observation");
  if (!day) {
    return day.problem();
  }
  std::optional<std::int64_t> minutes;
  if (!request.duration.empty()) {
    auto parsed = duration_argument(request.duration, "--duration", minutes_per_day);
    if (!parsed) {
      return parsed.problem();
    }
    minutes = parsed.value();
  }
  auto mentee = person_argument(records, request.mentee, "--mentee");
  if (!mentee) {
    return mentee.problem();
  }
  auto observer = person_argument(records, request.observer, "observer");
  if (!observer) {
    return observer.problem();
  }
  for (const auto& standard : request.standards) {
    if (standard.empty()) {
      return refusal("--standard is empty; name the standard, e.g. --standard \"CSTP 2\"");
    }
    if (auto bad = check_text(standard, "--standard")) {
      return *bad;
    }
  }
  if (auto bad = check_text(request.focus, "--focus")) {
    return *bad;
  }
  if (auto bad = check_text(request.evidence, "the evidence text")) {
    return *bad;
  }
  auto year = school_year_argument(records, day.value());
  if (!year) {
    return year.problem();
  }
  if (!records.holds_role_of_any(*mentee.value(), false)) {
    return not_a_mentee(records, *mentee.value(), "--observer");
  }
  const CalendarIndex calendars(records);
  if (request.observer == request.mentee) {
    return refusal(fmt::format("'{}' cannot observe themself; give --observer ID", request.mentee));
  }
  const auto active =
      active_on(pairings_of(records, request.observer, request.mentee, ""), calendars, day.value());
  if (active.empty() && !request.force) {
    return no_active_pairing(records, calendars, request.observer, request.mentee, "", day.value(),
                             "observation", "--observer");
  }

  Addition addition;
  addition.path = fmt::format("observations/{}/{}.yaml", format_school_year(year.value()), request.mentee);
  addition.list.key = "observations";
  addition.new_file_header = {{"mentee", request.mentee}};
  NewItem item;
  item.canonical("date", format_date(day.value())).text("observer", request.observer);
  if (minutes) {
    item.canonical("duration", format_duration(*minutes));
  }
  if (!request.focus.empty()) {
    item.text("focus", request.focus);
  }
  if (!request.standards.empty()) {
    item.flow_list("standards", request.standards);
  }
  if (!request.evidence.empty()) {
    item.text("evidence", request.evidence);
  }
  item.canonical("confidential", request.confidential ? "true" : "false");
  addition.items.push_back(std::move(item));
  addition.commit_message = fmt::format("observe: {} observed {} on {}", request.observer, request.mentee,
                                        format_date(day.value()));
  return addition;
}

// ---------------------------------------------------------------------------------------
// pair

WriteResult<Addition> plan_pair(const Records& records, const PairRequest& request, Date today) {
  auto start = day_argument(request.start, "--start", today, nullptr);
  if (!start) {
    return start.problem();
  }
  std::optional<Date> end;
  if (!request.end.empty()) {
    auto parsed = day_argument(request.end, "--end", today, nullptr);
    if (!parsed) {
      return parsed.problem();
    }
    end = parsed.value();
    if (*end < start.value()) {
      return refusal(
          fmt::format("--end {} is before --start {}; a pairing ends on or after the day it starts",
                      request.end, format_date(start.value())));
    }
  }
  auto mentor = person_argument(records, request.mentor, "MENTOR");
  if (!mentor) {
    return mentor.problem();
  }
  auto mentee = person_argument(records, request.mentee, "MENTEE");
  if (!mentee) {
    return mentee.problem();
  }
  auto program = program_argument(records, request.program, "--program");
  if (!program) {
    return program.problem();
  }
  if (request.mentor == request.mentee) {
    return refusal(
        fmt::format("'{}' cannot be paired with themself; name two different people", request.mentor));
  }
  const Program& p = *program.value();
  if (!mentor.value()->has_role(p.mentor_role)) {
    return wrong_role(*mentor.value(), p.mentor_role, p, "mentors");
  }
  if (!mentee.value()->has_role(p.mentee_role)) {
    return wrong_role(*mentee.value(), p.mentee_role, p, "mentees");
  }
  auto year = school_year_argument(records, start.value());
  if (!year) {
    return year.problem();
  }
  const CalendarIndex calendars(records);
  const Date last_day = calendars.teaching_span(year.value()).last;
  if (!end && last_day < start.value()) {
    return refusal(fmt::format("--start {} is after the last day of school year {} ({}); give --end DATE",
                               format_date(start.value()), format_school_year(year.value()),
                               format_date(last_day)));
  }
  const Date effective_end = end.value_or(last_day);
  for (const Pairing* other : pairings_of(records, request.mentor, request.mentee, request.program)) {
    const Date other_end = calendars.pairing_end(*other);
    if (other->start <= effective_end && start.value() <= other_end) {
      return refusal(
          fmt::format("{} and {} are already paired in {} from {} to {} ({}:{}), which overlaps {} to {}; "
                      "pick dates outside it, or end that pairing first",
                      request.mentor, request.mentee, request.program, format_date(other->start),
                      format_date(other_end), records.path_of(other->source), other->source.mark.line,
                      format_date(start.value()), format_date(effective_end)));
    }
  }

  Addition addition;
  for (const Person* who : {mentor.value(), mentee.value()}) {
    if (!who->takes_part_in(p.id)) {
      addition.warnings.push_back(
          fmt::format("'{}' does not list {} in 'programs' (people/{}.yaml); matching and "
                      "reports about the program's people will not include them",
                      who->id, p.id, who->id));
    }
  }
  const std::string label = format_school_year(year.value());
  addition.path = fmt::format("pairings/{}.yaml", label);
  addition.list.key = "pairings";
  addition.new_file_header = {{"school_year", label}};
  NewItem item;
  item.text("mentor", request.mentor)
      .text("mentee", request.mentee)
      .text("program", request.program)
      .canonical("start", format_date(start.value()));
  if (end) {
    item.canonical("end", format_date(*end));
  }
  addition.items.push_back(std::move(item));
  addition.commit_message = fmt::format("pair: {} mentors {} in {} from {}", request.mentor, request.mentee,
                                        request.program, format_date(start.value()));
  return addition;
}

// ---------------------------------------------------------------------------------------
// training add / attend

WriteResult<Addition> plan_session(const Records& records, const SessionRequest& request, Date today) {
  if (auto bad = check_id(request.id, "--id")) {
    return *bad;
  }
  auto day = day_argument(request.date, "--date", today, nullptr);
  if (!day) {
    return day.problem();
  }
  if (auto bad = check_id(request.kind, "--kind")) {
    return *bad;
  }
  if (auto bad = check_text(request.title, "--title")) {
    return *bad;
  }
  std::optional<std::int64_t> minutes;
  if (!request.duration.empty()) {
    auto parsed = duration_argument(request.duration, "--duration", 0);
    if (!parsed) {
      return parsed.problem();
    }
    minutes = parsed.value();
  }
  auto year = school_year_argument(records, day.value());
  if (!year) {
    return year.problem();
  }
  const std::string label = format_school_year(year.value());
  for (const auto& session : records.sessions) {
    if (session.year == year.value() && session.id == request.id) {
      return refusal(fmt::format(
          "session id '{}' is already used in {} (line {}, on {}); choose another --id", request.id,
          records.path_of(session.source), session.source.mark.line, format_date(session.date)));
    }
  }
  Addition addition;
  addition.path = fmt::format("trainings/{}.yaml", label);
  addition.list.key = "sessions";
  addition.new_file_header = {{"school_year", label}};
  NewItem item;
  item.text("id", request.id).canonical("date", format_date(day.value())).text("kind", request.kind);
  if (!request.title.empty()) {
    item.text("title", request.title);
  }
  if (minutes) {
    item.canonical("duration", format_duration(*minutes));
  }
  addition.items.push_back(std::move(item));
  addition.commit_message =
      fmt::format("training: add session {} ({}, {})", request.id, format_date(day.value()), request.kind);
  return addition;
}

WriteResult<Addition> plan_attend(const Records& records, const AttendRequest& request, Date today) {
  if (auto bad = check_id(request.session, "SESSION")) {
    return *bad;
  }
  std::optional<SchoolYear> wanted_year;
  if (!request.year.empty()) {
    wanted_year = parse_school_year(request.year);
    if (!wanted_year) {
      return refusal(fmt::format("--year '{}' is not a school year; write it like 2026-27", request.year));
    }
  }
  std::vector<const TrainingSession*> found;
  std::vector<std::string> ids;
  for (const auto& s : records.sessions) {
    if (!wanted_year || s.year == *wanted_year) {
      ids.push_back(s.id);
      if (s.id == request.session) {
        found.push_back(&s);
      }
    }
  }
  if (found.empty()) {
    std::string broken;
    for (const auto& file : records.files) {
      if (file.kind == FileKind::trainings && (!file.loaded || file.skipped_records > 0)) {
        broken = fmt::format(
            " (note: {} has errors and its bad sessions are left out; run 'mentorctl check')", file.path);
      }
    }
    return refusal(fmt::format(
        "there is no training session '{}'{}{}{}", request.session,
        wanted_year ? fmt::format(" in {}", format_school_year(*wanted_year)) : "",
        suggestion_or(request.session, ids,
                      "; add it first with 'mentorctl training add --id ID --date DATE --kind KIND'"),
        broken));
  }
  if (found.size() > 1) {
    std::vector<std::string> years;
    for (const auto* s : found) {
      years.push_back(format_school_year(s->year));
    }
    return refusal(fmt::format("session '{}' exists in several school years ({}); say which with --year",
                               request.session, fmt::join(years, ", ")));
  }
  const TrainingSession& session = *found.front();
  if (session.date > today) {
    return refusal(
        fmt::format("session '{}' is on {}, in the future (today is {}); record attendance after it took "
                    "place",
                    session.id, format_date(session.date), format_date(today)));
  }
  if (request.people.empty()) {
    return refusal("name at least one PERSON who attended");
  }
  std::set<std::string> seen;
  for (const auto& id : request.people) {
    auto person = person_argument(records, id, "PERSON");
    if (!person) {
      return person.problem();
    }
    if (!seen.insert(id).second) {
      return refusal(fmt::format("'{}' is named twice; name each person once", id));
    }
    const auto listed = std::find_if(session.attendees.begin(), session.attendees.end(),
                                     [&](const Reference& r) { return r.id == id; });
    if (listed != session.attendees.end()) {
      return refusal(fmt::format("'{}' is already listed as attending session {} ({}:{}); leave them out", id,
                                 session.id, records.path_of(session.source), listed->mark.line));
    }
  }
  Addition addition;
  addition.path = records.path_of(session.source);
  addition.list = ListAddress{"sessions", "id", session.id, "attendees"};
  addition.new_file_header = {{"school_year", format_school_year(session.year)}};
  for (const auto& id : request.people) {
    addition.items.push_back(NewItem::scalar(id));
  }
  addition.commit_message =
      fmt::format("training: {} attended {}", fmt::join(request.people, ", "), session.id);
  return addition;
}

// ---------------------------------------------------------------------------------------
// evidence

WriteResult<Addition> plan_evidence(const Records& records, const EvidenceRequest& request, Date today) {
  auto person = person_argument(records, request.person, "PERSON");
  if (!person) {
    return person.problem();
  }
  const std::size_t slash = request.criterion.find('/');
  const std::string level_id = slash == std::string::npos ? "" : request.criterion.substr(0, slash);
  const std::string criterion_id = slash == std::string::npos ? "" : request.criterion.substr(slash + 1);
  if (!is_valid_id(level_id) || !is_valid_id(criterion_id)) {
    return refusal(fmt::format("--criterion '{}' is not LEVEL/CRITERION; write e.g. entry/recommendation",
                               request.criterion));
  }
  auto day = day_argument(request.date, "--date", today, "evidence");
  if (!day) {
    return day.problem();
  }
  if (auto bad = check_text(request.note, "--note")) {
    return *bad;
  }
  const Program* program = nullptr;
  if (!request.program.empty()) {
    auto found = program_argument(records, request.program, "--program");
    if (!found) {
      return found.problem();
    }
    program = found.value();
    if (!program->certification) {
      return refusal(
          fmt::format("program {} has no certification levels; evidence belongs to a program with "
                      "'certification'",
                      program->id));
    }
  } else {
    std::vector<const Program*> certifying;
    for (const auto& p : records.programs) {
      if (p.certification) {
        certifying.push_back(&p);
      }
    }
    if (certifying.empty()) {
      return refusal("no program has certification levels, so there is nothing to record evidence for");
    }
    if (certifying.size() > 1) {
      std::vector<std::string> names;
      for (const Program* p : certifying) {
        names.push_back(p->id);
      }
      return refusal(fmt::format("several programs have certification ({}); say which with --program",
                                 fmt::join(names, ", ")));
    }
    program = certifying.front();
  }
  const Level* level = program->level(level_id);
  if (level == nullptr) {
    std::vector<std::string> levels;
    for (const auto& l : program->certification->levels) {
      levels.push_back(l.id);
    }
    return refusal(
        fmt::format("'{}' is not a certification level of {}{}", level_id, program->id,
                    suggestion_or(level_id, levels, fmt::format("; levels: {}", fmt::join(levels, ", ")))));
  }
  const auto criterion = std::find_if(level->criteria.begin(), level->criteria.end(),
                                      [&](const Criterion& c) { return c.id == criterion_id; });
  if (criterion == level->criteria.end()) {
    std::vector<std::string> ids;
    for (const auto& c : level->criteria) {
      ids.push_back(c.id);
    }
    const std::string close = closest_match(criterion_id, ids);
    return refusal(fmt::format("'{}' is not a criterion of level {} in {}{}", criterion_id, level_id,
                               program->id,
                               close.empty() ? fmt::format("; criteria: {}", fmt::join(ids, ", "))
                                             : fmt::format("; did you mean '{}/{}'?", level_id, close)));
  }
  std::vector<std::string> roles;
  for (const auto& r : criterion->sign_off) {
    roles.push_back(r.id);
  }
  Addition addition;
  if (!request.signed_off_by.empty()) {
    auto signer = person_argument(records, request.signed_off_by, "--signed-off-by");
    if (!signer) {
      return signer.problem();
    }
    if (request.signed_off_by == request.person) {
      return refusal(fmt::format(
          "'{}' cannot sign off their own evidence; name someone else with --signed-off-by", request.person));
    }
    if (!roles.empty() && std::none_of(roles.begin(), roles.end(), [&](const std::string& role) {
          return signer.value()->has_role(role);
        })) {
      std::vector<std::string> held;
      for (const auto& r : signer.value()->roles) {
        held.push_back(r.id);
      }
      return refusal(fmt::format(
          "'{}' cannot sign off {}: that needs the role {}, and {}'s roles are {} (people/{}.yaml)",
          request.signed_off_by, request.criterion, fmt::join(roles, " or "), request.signed_off_by,
          fmt::join(held, ", "), request.signed_off_by));
    }
  } else if (!roles.empty()) {
    addition.warnings.push_back(
        fmt::format("{} needs a sign-off by {}; without --signed-off-by this evidence does not "
                    "meet the criterion yet",
                    request.criterion, fmt::join(roles, " or ")));
  }

  addition.path = fmt::format("evidence/{}.yaml", request.person);
  addition.list.key = "evidence";
  addition.new_file_header = {{"person", request.person}};
  NewItem item;
  item.text("criterion", request.criterion);
  if (!request.program.empty()) {
    item.text("program", request.program);
  }
  item.canonical("date", format_date(day.value()));
  if (!request.signed_off_by.empty()) {
    item.text("signed_off_by", request.signed_off_by);
  }
  if (!request.note.empty()) {
    item.text("note", request.note);
  }
  addition.items.push_back(std::move(item));
  addition.commit_message =
      fmt::format("evidence: {} for {} on {}", request.criterion, request.person, format_date(day.value()));
  return addition;
}

// ---------------------------------------------------------------------------------------
// Telling the user.

WriteMessages describe_write(const WriteResult<WriteReport>& result, const std::filesystem::path& root,
                             bool dry_run, bool quiet, bool color) {
  WriteMessages messages;
  const TextStyle excerpts{color, true};
  if (!result) {
    const WriteProblem& problem = result.problem();
    messages.outcome = problem.kind == WriteProblem::Kind::failed ? WriteMessages::Outcome::failed
                                                                  : WriteMessages::Outcome::refused;
    // Line breaks are the message's own (a refusal lists its reasons); other control
    // characters of record values or arguments are shown as escapes.
    messages.messages = fmt::format("mentorctl: error: {}\n", visible_text(problem.message, true));
    if (problem.diagnostics.size() > 0) {
      messages.messages += diagnostics_text(problem.diagnostics, root, excerpts);
    }
    return messages;
  }
  const WriteReport& report = result.value();
  if (!quiet) {
    std::string& out = messages.output;
    if (dry_run) {
      out += report.created ? fmt::format("Would create {} (dry run: nothing written):\n", report.path)
                            : fmt::format("Would add to {} at line {} (dry run: nothing written):\n",
                                          report.path, report.text.first_added_line);
    } else {
      out += report.created
                 ? fmt::format("Created {}:\n", report.path)
                 : fmt::format("Added to {} at line {}:\n", report.path, report.text.first_added_line);
    }
    if (!report.text.converted_line.empty()) {
      out += fmt::format("(line {} '{}' was an empty flow list [] and becomes a block list)\n",
                         report.text.first_added_line - 1, report.text.converted_line);
    }
    for (const auto& line : report.text.added_lines) {
      out += line;
      out += '\n';
    }
    if (report.committed) {
      out += "Committed it with git.\n";
    }
  }
  for (const auto& warning : report.warnings) {
    messages.messages += fmt::format("mentorctl: warning: {}\n", visible_text(warning, true));
  }
  if (report.new_warnings.size() > 0) {
    messages.messages += diagnostics_text(report.new_warnings, root, TextStyle{color, false});
  }
  if (report.other_errors.size() > 0) {
    messages.outcome = WriteMessages::Outcome::written_with_errors_elsewhere;
    messages.messages += fmt::format(
        "mentorctl: warning: {} elsewhere in the repository ({} left out of the checks); fix them with "
        "'mentorctl "
        "check':\n",
        plural(report.other_errors.error_count(), "error"), plural(report.record_errors, "record"));
    messages.messages += diagnostics_text(report.other_errors, root, TextStyle{color, false});
  }
  return messages;
}

}  // namespace mentorctl
