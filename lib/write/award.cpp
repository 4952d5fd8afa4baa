#include "write/award.hpp"

#include "repo/repository.hpp"
#include "rules/certify.hpp"

#include <fmt/format.h>

namespace mentorctl {

WriteResult<Addition> plan_award(const Records& records, const AwardRequest& request, Date as_of) {
  const Repository repository(records);
  if (repository.person(request.person) == nullptr) {
    return refusal(fmt::format("PERSON '{}' is not a known person", request.person));
  }
  if (repository.person(request.awarded_by) == nullptr) {
    return refusal(fmt::format("--by '{}' is not a known person", request.awarded_by));
  }
  auto program = certifying_program(repository, request.program);
  if (!program) {
    return refusal(program.error().message);
  }
  auto level = certification_level(*program.value(), request.level);
  if (!level) {
    return refusal(level.error().message);
  }
  if (const Certificate* held =
          held_certificate(repository, *program.value(), request.level, request.person, as_of)) {
    return refusal(fmt::format("{} already holds {} of {} (awarded {}{}); nothing awarded", request.person,
                               request.level, program.value()->id, format_date(held->awarded),
                               held->expires ? ", expires " + format_date(*held->expires) : std::string()));
  }
  const LevelResult result =
      evaluate_level(repository, *program.value(), *level.value(), request.person, as_of);
  if (!result.met) {
    std::string why;
    for (const CriterionResult& c : result.criteria) {
      if (!c.met) {
        why += fmt::format("\n  {}: {}", c.id, c.reason);
      }
    }
    for (const RequiredLevel& r : result.requires_) {
      if (!r.held) {
        why += fmt::format("\n  requires {}: {}", r.level, r.reason);
      }
    }
    return refusal(fmt::format("{} does not meet {} of {} as of {}; nothing awarded:{}", request.person,
                               request.level, program.value()->id, format_date(as_of), why));
  }
  Addition addition;
  addition.path = "certificates.yaml";
  addition.list.key = "certificates";
  NewItem item;
  item.text("person", request.person);
  item.text("program", program.value()->id);
  item.text("level", request.level);
  item.canonical("awarded", format_date(as_of));
  item.text("awarded_by", request.awarded_by);
  if (const auto expires = award_expiry(*level.value(), as_of)) {
    item.canonical("expires", format_date(*expires));
  }
  addition.items.push_back(std::move(item));
  addition.commit_message = fmt::format("certify: {} awarded {} of {} on {}", request.person, request.level,
                                        program.value()->id, format_date(as_of));
  return addition;
}

}  // namespace mentorctl
