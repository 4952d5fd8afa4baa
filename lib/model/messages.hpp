// Words more than one stage says alike: `check` and the write commands name an unknown
// person or a missing role in the same sentence.
#pragma once

#include <string>
#include <string_view>

namespace mentorctl {

/// "FIELD 'ID' is not a person (no people/ID.yaml)": an id that no person file has.
std::string not_a_person(std::string_view field, std::string_view id);

/// "'ID' does not hold the role 'ROLE' that program PROGRAM requires of AS; add it to
/// roles in people/ID.yaml": a person a program cannot use in that role.
std::string missing_role(std::string_view id, std::string_view role, std::string_view program,
                         std::string_view as);

}  // namespace mentorctl
