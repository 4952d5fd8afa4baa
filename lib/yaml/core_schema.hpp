// How a plain scalar resolves under the YAML 1.2 core schema (null, bool, int, float, str).
#pragma once

#include "yaml/reader.hpp"

#include <string_view>

namespace mentorctl {

/// The core-schema type of the plain (unquoted) scalar `s`.
ScalarType resolve_plain(std::string_view s);

}  // namespace mentorctl
