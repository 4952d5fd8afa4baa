#include "model/records.hpp"

#include <algorithm>

namespace mentorctl {

std::string email_key(std::string_view email) {
  std::string key(email);
  std::transform(key.begin(), key.end(), key.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); });
  return key;
}

bool Person::has_role(const std::string& role) const {
  return std::any_of(roles.begin(), roles.end(), [&](const Reference& r) { return r.id == role; });
}

bool Person::takes_part_in(const std::string& program) const {
  return std::any_of(programs.begin(), programs.end(), [&](const Reference& r) { return r.id == program; });
}

const Requirement* Program::requirement(const std::string& wanted) const {
  const auto it = std::find_if(requirements.begin(), requirements.end(),
                               [&](const Requirement& r) { return r.id == wanted; });
  return it == requirements.end() ? nullptr : &*it;
}

const Level* Program::level(const std::string& wanted) const {
  if (!certification) {
    return nullptr;
  }
  const auto& levels = certification->levels;
  const auto it = std::find_if(levels.begin(), levels.end(), [&](const Level& l) { return l.id == wanted; });
  return it == levels.end() ? nullptr : &*it;
}

bool Records::holds_role_of_any(const Person& person, bool mentor_role) const {
  return programs.empty() || std::any_of(programs.begin(), programs.end(), [&](const Program& p) {
           return person.has_role(mentor_role ? p.mentor_role : p.mentee_role);
         });
}

std::size_t Records::record_errors() const {
  std::size_t total = skipped_paths;
  for (const auto& file : files) {
    total += file.skipped_records;
  }
  return total;
}

std::size_t Records::skipped_files() const {
  std::size_t total = skipped_paths;
  for (const auto& file : files) {
    total += file.loaded ? 0 : 1;
  }
  return total;
}

}  // namespace mentorctl
