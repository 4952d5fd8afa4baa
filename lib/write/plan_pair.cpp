// `mentorctl pair` (SPEC 5): one pairing, appended to the pairings file of its school
// year.
#include "write/commands.hpp"

#include "write/arguments.hpp"

#include "model/calendar.hpp"
#include "model/values.hpp"

#include <fmt/format.h>

namespace mentorctl {
using namespace write_arguments;  // NOLINT(google-build-using-namespace): the shared argument checks

WriteResult<Addition> plan_pair(const Records& records, const PairRequest& request, Date today) {
  auto start = day_argument(request.start, "--start", today, nullptr);
  if (!start) {
    return start.error();
  }
  std::optional<Date> end;
  if (!request.end.empty()) {
    auto parsed = day_argument(request.end, "--end", today, nullptr);
    if (!parsed) {
      return parsed.error();
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
    return mentor.error();
  }
  auto mentee = person_argument(records, request.mentee, "MENTEE");
  if (!mentee) {
    return mentee.error();
  }
  auto program = program_argument(records, request.program, "--program");
  if (!program) {
    return program.error();
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
    return year.error();
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

}  // namespace mentorctl
