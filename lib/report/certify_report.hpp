// The outputs of `mentorctl certify` (SPEC 6.6): one person against a level, every
// candidate of a level, and the central record; text, json and csv.
#pragma once

#include "rules/certify.hpp"

#include <string>
#include <vector>

namespace mentorctl {

std::string certify_text(const LevelResult& result);
std::string certify_json(const LevelResult& result);
std::string certify_csv(const LevelResult& result);

/// `certify --all --level L`: every candidate, how far from the level.
std::string candidates_text(const std::vector<LevelResult>& results);
std::string candidates_json(const std::vector<LevelResult>& results);
std::string candidates_csv(const std::vector<LevelResult>& results);

/// `certify --list`: the central record; `verify` adds the unsupported criteria.
std::string record_text(const std::vector<RecordRow>& rows, bool verify);
std::string record_json(const std::vector<RecordRow>& rows, Date as_of, bool verify);
std::string record_csv(const std::vector<RecordRow>& rows, bool verify);

}  // namespace mentorctl
