// Who "yourself" is (SPEC 5): the person a write or a report is about by default.
#pragma once

#include "model/records.hpp"

#include <filesystem>
#include <string>

namespace mentorctl {

/// The person id, or a message saying why it could not be found and how to fix it.
struct SelfResolution {
  std::string id;       // empty when unknown
  std::string problem;  // set when id is empty
  std::string source;   // how it was found: "--mentor", "MENTORCTL_USER", "git config user.email"
};

/// `option_value` (from `option_name`, e.g. --mentor) when given, else the environment
/// variable MENTORCTL_USER, else the person whose `email` equals `git config user.email`
/// run in `root`. The id found must name a person of `records`.
SelfResolution resolve_self(const Records& records, const std::string& option_value,
                            const std::string& option_name, const std::filesystem::path& root);

}  // namespace mentorctl
