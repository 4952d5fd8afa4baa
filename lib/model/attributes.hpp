// The attribute names a condition, an eligibility requirement or matching may use
// (SPEC 3.3, 4.5, 6.5), for the decoder's checks; repo/conditions.cpp evaluates the same names.
#pragma once

#include <fmt/format.h>

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

/// What an attribute name reads, settled once when the program naming it is decoded.
enum class AttributeField : unsigned char {
  // The scalar fields of the person file.
  id, name, email, enrolled, left, district, site, position, credential, career_start, position_start,
  rating, capacity,
  // Its list fields.
  roles, programs, subjects, grades,
  // Counted from dates and pairings.
  years_experience, years_in_position, service_year,
  application,  // application.<key>: a field of the person's application to the program
  custom,       // attributes.<key>, or a bare name that is no field (as matching reads it)
};

/// An attribute name as written in a program, and what it reads.
struct AttributeRef {
  std::string name;
  AttributeField field = AttributeField::custom;
  std::string key;  // application and custom: the field or attribute name after the prefix
};

/// Resolves `name` (`site`, `attributes.language`, `application.interview`, ...).
AttributeRef resolve_attribute(std::string name);

}  // namespace mentorctl

/// An attribute prints as its name.
template <>
struct fmt::formatter<mentorctl::AttributeRef> : fmt::formatter<std::string_view> {
  auto format(const mentorctl::AttributeRef& attribute, format_context& context) const {
    return fmt::formatter<std::string_view>::format(attribute.name, context);
  }
};
