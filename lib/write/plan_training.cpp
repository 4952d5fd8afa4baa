// `mentorctl training add` and `training attend` (SPEC 5): a session, appended to the
// training file of its school year, and its attendees, appended to the session.
#include "write/commands.hpp"

#include "write/arguments.hpp"

#include "model/calendar.hpp"
#include "model/values.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace mentorctl {
using namespace write_arguments;  // NOLINT(google-build-using-namespace): the shared argument checks

WriteResult<Addition> plan_session(const Records& records, const SessionRequest& request, Date today) {
  MENTORCTL_TRY(check_id(request.id, "--id"));
  auto day = day_argument(request.date, "--date", today, nullptr);
  if (!day) {
    return day.error();
  }
  MENTORCTL_TRY(check_id(request.kind, "--kind"));
  MENTORCTL_TRY(check_text(request.title, "--title"));
  std::optional<std::int64_t> minutes;
  if (!request.duration.empty()) {
    auto parsed = duration_argument(request.duration, "--duration", 0);
    if (!parsed) {
      return parsed.error();
    }
    minutes = parsed.value();
  }
  auto year = school_year_argument(records, day.value());
  if (!year) {
    return year.error();
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
  item.optional_text("title", request.title);
  if (minutes) {
    item.canonical("duration", format_duration(*minutes));
  }
  addition.items.push_back(std::move(item));
  addition.commit_message =
      fmt::format("training: add session {} ({}, {})", request.id, format_date(day.value()), request.kind);
  return addition;
}

WriteResult<Addition> plan_attend(const Records& records, const AttendRequest& request, Date today) {
  MENTORCTL_TRY(check_id(request.session, "SESSION"));
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
      if (file.kind == FileKind::trainings && file.has_errors()) {
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
      return person.error();
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

}  // namespace mentorctl
