// What the reader checks in a file's raw text before and after libyaml reads it: size,
// UTF-8 and merge-conflict markers first, then the likely cause of a syntax error.
#pragma once

#include "model/diagnostics.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mentorctl {

/// Checks what must hold before parsing (size, UTF-8, no conflict markers); false, with
/// the diagnostics, when the file cannot be read as YAML.
bool precheck(std::string_view content, const std::string& path, Diagnostics& diagnostics);

/// The first tab in the leading whitespace of lines 1..last_line, if any.
std::optional<Mark> first_indentation_tab(std::string_view content, std::uint32_t last_line);

/// Whether line `line` (1-based) is indented deeper than the line before it that holds
/// something, while that line opens no block (does not end in ':' or '|'/'>'): the usual
/// cause of "mapping values are not allowed" is a key indented by mistake.
bool deeper_than_its_parent(std::string_view content, std::uint32_t line);

}  // namespace mentorctl
