// Who "yourself" is (SPEC 5): the person a write or a report is about by default.
#pragma once

#include "model/records.hpp"
#include "util/result.hpp"

#include <filesystem>
#include <string>

namespace mentorctl {

/// Who "yourself" is: a person id, and how it was found.
struct Self {
  std::string id;
  std::string source;  // "--mentor", "MENTORCTL_USER", "git config user.email"
};

/// `option_value` (from `option_name`, e.g. --mentor) when given, else the environment
/// variable MENTORCTL_USER, else the person whose `email` equals `git config user.email`
/// run in `root`. The id found must name a person of `records`; the error says why none
/// was found and how to fix it.
Result<Self> resolve_self(const Records& records, const std::string& option_value, const std::string& option_name,
                          const std::filesystem::path& root);

}  // namespace mentorctl
