// Creating a new records repository (`mentorctl init`).
#pragma once

#include "util/result.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace mentorctl {

/// The names of the built-in templates, in a fixed order.
std::vector<std::string> template_names();

/// The template used when none is named.
inline constexpr const char* default_template = "walnut-valley";

/// Creates a records repository in `directory` (created if missing) from a template:
/// mentorctl.yaml, the template's programs and calendars, the record folders, a
/// .gitattributes, the record schemas under .mentorctl/schemas/ and a .vscode/settings.json
/// mapping the record files to them (left out when the folder has one already). Refuses,
/// writing nothing, when `directory` already holds a mentorctl.yaml or any of the other
/// files it would write. Returns the files written, or what went wrong in words for the user.
Result<std::vector<std::string>> create_repository(const std::filesystem::path& directory,
                                                   const std::string& template_name);

/// `.vscode/settings.json`: each record file glob (file_layout.hpp) mapped to its schema,
/// copied under `.mentorctl/schemas/`, for the YAML language server.
std::string vscode_settings_text();

/// The .gitattributes of SPEC 6.3.
std::string gitattributes_text();

}  // namespace mentorctl
