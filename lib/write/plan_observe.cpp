// `mentorctl observe` (SPEC 5): one observation, appended to the mentee's observation
// file of its school year.
#include "write/commands.hpp"

#include "write/arguments.hpp"

#include "model/calendar.hpp"
#include "model/values.hpp"

#include <fmt/format.h>

namespace mentorctl {
using namespace write_arguments;  // NOLINT(google-build-using-namespace): the shared argument checks

WriteResult<Addition> plan_observe(const Records& records, const ObserveRequest& request, Date today) {
  auto day = day_argument(request.date, "--date", today, "an observation");
  if (!day) {
    return day.error();
  }
  std::optional<std::int64_t> minutes;
  if (!request.duration.empty()) {
    auto parsed = duration_argument(request.duration, "--duration", minutes_per_day);
    if (!parsed) {
      return parsed.error();
    }
    minutes = parsed.value();
  }
  auto mentee = person_argument(records, request.mentee, "--mentee");
  if (!mentee) {
    return mentee.error();
  }
  auto observer = person_argument(records, request.observer, "observer");
  if (!observer) {
    return observer.error();
  }
  for (const auto& standard : request.standards) {
    if (standard.empty()) {
      return refusal("--standard is empty; name the standard, e.g. --standard \"CSTP 2\"");
    }
    MENTORCTL_TRY(check_text(standard, "--standard"));
  }
  MENTORCTL_TRY(check_text(request.focus, "--focus"));
  MENTORCTL_TRY(check_text(request.evidence, "the evidence text"));
  auto year = school_year_argument(records, day.value());
  if (!year) {
    return year.error();
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
  item.optional_text("focus", request.focus);
  item.optional_flow_list("standards", request.standards);
  item.optional_text("evidence", request.evidence);
  item.canonical("confidential", request.confidential ? "true" : "false");
  addition.items.push_back(std::move(item));
  addition.commit_message = fmt::format("observe: {} observed {} on {}", request.observer, request.mentee,
                                        format_date(day.value()));
  return addition;
}

}  // namespace mentorctl
