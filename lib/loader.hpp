// Finding and reading the files of a records repository into typed records.
#pragma once

#include "records.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace mentorctl {

struct LoadOptions {
  unsigned threads = 0;  // 0: one per core
};

/// Content to read instead of the file at a repository-relative path, which need not
/// exist yet: writers validate a change with the whole repository before making it.
using FileOverrides = std::map<std::string, std::string>;

/// The repository root holding `mentorctl.yaml`, walking up from `start` as git does.
std::optional<std::filesystem::path> find_root(const std::filesystem::path& start);

/// Reads every record file under `root`. Never throws for bad records: every problem
/// becomes a diagnostic, and a bad file or entry is left out while the rest is kept.
/// Cross-file rules are checked by `validate` (validate.hpp), not here.
Records load_records(const std::filesystem::path& root, const LoadOptions& options = {},
                     const FileOverrides& overrides = {});

/// Decodes one file's content as the given kind (exposed for tests and writers).
/// `path` is the repository-relative path: it determines the expected ids.
Records load_single_file(std::string_view content, const std::string& path, FileKind kind);

/// The kind of a repository-relative path, or nullopt for files mentorctl ignores.
std::optional<FileKind> file_kind_of(std::string_view relative_path);

/// "log file", "person file", ...
const char* file_kind_name(FileKind kind);

}  // namespace mentorctl
