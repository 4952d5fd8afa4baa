#include "model/attributes.hpp"

#include <algorithm>
#include <array>

namespace mentorctl {

namespace {

constexpr std::array<std::string_view, 17> person_fields = {
    "id",     "name",     "email",      "enrolled",     "left",           "district", "site",
    "position", "credential", "career_start", "position_start", "rating", "capacity", "roles",
    "programs", "subjects", "grades"};
constexpr std::array<std::string_view, 3> derived = {"years_experience", "years_in_position", "service_year"};
constexpr std::array<std::string_view, 6> application_fields = {"submitted", "nominated_by", "interview",
                                                                 "decision",  "person",       "program"};

template <std::size_t N>
bool among(const std::array<std::string_view, N>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

AttributeKind attribute_kind(std::string_view name) {
  if (among(person_fields, name)) {
    return AttributeKind::person_field;
  }
  if (among(derived, name)) {
    return AttributeKind::derived;
  }
  constexpr std::string_view custom = "attributes.";
  if (name.size() > custom.size() && name.substr(0, custom.size()) == custom) {
    return AttributeKind::custom;
  }
  constexpr std::string_view application = "application.";
  if (name.substr(0, std::min(name.size(), application.size())) == application &&
      among(application_fields, name.substr(std::min(name.size(), application.size())))) {
    return AttributeKind::application;
  }
  return AttributeKind::unknown;
}

const std::vector<std::string>& known_attribute_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> all(person_fields.begin(), person_fields.end());
    all.insert(all.end(), derived.begin(), derived.end());
    for (const auto field : application_fields) {
      all.push_back("application." + std::string(field));
    }
    return all;
  }();
  return names;
}

}  // namespace mentorctl
