// `mentorctl evidence` (SPEC 5): one piece of certification evidence, appended to the
// person's evidence file.
#include "write/commands.hpp"

#include "write/arguments.hpp"

#include "model/calendar.hpp"
#include "model/values.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace mentorctl {
using namespace write_arguments;  // NOLINT(google-build-using-namespace): the shared argument checks

WriteResult<Addition> plan_evidence(const Records& records, const EvidenceRequest& request, Date today) {
  auto person = person_argument(records, request.person, "PERSON");
  if (!person) {
    return person.error();
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
    return day.error();
  }
  MENTORCTL_TRY(check_text(request.note, "--note"));
  auto found = optional_program_argument(records, request.program, "--program");
  if (!found) {
    return found.error();
  }
  const Program* program = found.value();
  if (program != nullptr) {
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
      return signer.error();
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
  item.optional_text("program", request.program);
  item.canonical("date", format_date(day.value()));
  item.optional_text("signed_off_by", request.signed_off_by);
  item.optional_text("note", request.note);
  addition.items.push_back(std::move(item));
  addition.commit_message =
      fmt::format("evidence: {} for {} on {}", request.criterion, request.person, format_date(day.value()));
  return addition;
}

}  // namespace mentorctl
