// The templates `init` creates repositories from: the example programs' settings,
// program files and calendars, and the record schemas for editors, built into the binary.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace mentorctl {

struct TemplateFile {
  const char* template_name;
  const char* path;  // relative to the repository root
  const char* data;
  std::size_t size;
  [[nodiscard]] std::string_view content() const { return {data, size}; }
};

const std::vector<TemplateFile>& template_files();

/// A JSON Schema of a record file kind, as schemas/ holds it (`log.schema.json`).
struct SchemaFile {
  const char* name;
  const char* data;
  std::size_t size;
  [[nodiscard]] std::string_view content() const { return {data, size}; }
};

const std::vector<SchemaFile>& schema_files();

}  // namespace mentorctl
