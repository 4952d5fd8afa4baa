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

AttributeRef resolve_attribute(std::string name) {
  static constexpr std::array<std::pair<std::string_view, AttributeField>, 20> fields = {{
      {"id", AttributeField::id},
      {"name", AttributeField::name},
      {"email", AttributeField::email},
      {"enrolled", AttributeField::enrolled},
      {"left", AttributeField::left},
      {"district", AttributeField::district},
      {"site", AttributeField::site},
      {"position", AttributeField::position},
      {"credential", AttributeField::credential},
      {"career_start", AttributeField::career_start},
      {"position_start", AttributeField::position_start},
      {"rating", AttributeField::rating},
      {"capacity", AttributeField::capacity},
      {"roles", AttributeField::roles},
      {"programs", AttributeField::programs},
      {"subjects", AttributeField::subjects},
      {"grades", AttributeField::grades},
      {"years_experience", AttributeField::years_experience},
      {"years_in_position", AttributeField::years_in_position},
      {"service_year", AttributeField::service_year},
  }};
  AttributeRef ref;
  constexpr std::string_view application_prefix = "application.";
  constexpr std::string_view custom_prefix = "attributes.";
  if (name.starts_with(application_prefix)) {
    ref.field = AttributeField::application;
    ref.key = name.substr(application_prefix.size());
  } else if (const auto it = std::find_if(fields.begin(), fields.end(), [&](const auto& f) { return f.first == name; });
             it != fields.end()) {
    ref.field = it->second;
  } else {
    ref.field = AttributeField::custom;
    ref.key = name.starts_with(custom_prefix) ? name.substr(custom_prefix.size()) : name;
  }
  ref.name = std::move(name);
  return ref;
}

}  // namespace mentorctl
