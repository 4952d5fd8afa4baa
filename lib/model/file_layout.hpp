// Where each kind of record file lives and what it holds (SPEC 1): the one table that
// discovery reads a repository by, the loader names and decodes files by, and `init`
// maps the editor schemas with.
#pragma once

#include "model/records.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace mentorctl {

enum class FilePlacement : std::uint8_t {
  top_level,      // one file at the root: mentorctl.yaml
  in_folder,      // FOLDER/NAME.yaml
  in_year_folder  // FOLDER/SY/NAME.yaml
};

struct RecordFileLayout {
  FileKind kind;
  const char* path;  // the file (top_level) or the folder
  FilePlacement placement;
  bool named_by_year;  // in_folder: each file is named by its school year (calendars/2026-27.yaml)
  const char* schema;  // its JSON Schema: schemas/<schema>.schema.json
  const char* name;    // in messages: "log file"
  const char* list_key;  // the key of its one list ("entries"); nullptr: a file of one mapping
};

/// Every kind of record file, in the order discovery scans them.
const std::vector<RecordFileLayout>& record_file_layouts();

/// The layout of `kind`.
const RecordFileLayout& record_file_layout(FileKind kind);

/// The files of one kind as a glob from the repository root, where `*` matches within one
/// path segment: `mentorctl.yaml`, `people/*.yaml`, `logs/*/*.yaml`.
std::string record_file_glob(const RecordFileLayout& layout);

}  // namespace mentorctl
