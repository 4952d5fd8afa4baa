// Printing diagnostics: text (with the offending line and a caret) and JSON (SPEC 6.1).
#pragma once

#include "model/diagnostics.hpp"

#include <filesystem>
#include <string>

namespace mentorctl {

struct TextStyle {
  bool color = false;
  bool excerpts = true;  // show the offending line and a caret
};

/// One diagnostic per line (`path:line:col: error: message [code]`), each followed by
/// the offending line of the file under `root` when there is one.
std::string diagnostics_text(const Diagnostics& diagnostics, const std::filesystem::path& root,
                             const TextStyle& style);

/// `{"diagnostics":[...],"summary":{"errors":N,"warnings":N,"files":N}}`.
std::string diagnostics_json(const Diagnostics& diagnostics, std::size_t files);

}  // namespace mentorctl
