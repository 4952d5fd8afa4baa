#include "model/messages.hpp"

#include <fmt/format.h>

namespace mentorctl {

std::string not_a_person(std::string_view field, std::string_view id) {
  return fmt::format("{} '{}' is not a person (no people/{}.yaml)", field, id, id);
}

std::string missing_role(std::string_view id, std::string_view role, std::string_view program,
                         std::string_view as) {
  return fmt::format(
      "'{}' does not hold the role '{}' that program {} requires of {}; add it to roles in people/{}.yaml", id,
      role, program, as, id);
}

}  // namespace mentorctl
