// The attribute names a condition, an eligibility requirement or matching may use
// (SPEC 3.3, 4.5, 6.5), for the decoder's checks; repo/conditions.cpp evaluates the same names.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mentorctl {

enum class AttributeKind : unsigned char {
  person_field,  // a field of the person file: district, subjects, career_start, ...
  derived,       // years_experience, years_in_position, service_year
  custom,        // attributes.<name>
  application,   // application.<field> of a known field
  unknown,       // none of these
};

/// What `name` refers to.
AttributeKind attribute_kind(std::string_view name);

/// Every name attribute_kind() knows besides attributes.<name>, for "did you mean".
const std::vector<std::string>& known_attribute_names();

}  // namespace mentorctl
