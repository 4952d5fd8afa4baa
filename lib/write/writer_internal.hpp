// What the write transaction (writer.cpp) is built from, beside the text edit of
// writer.hpp: the read-back check and the diagnostic diff (writer_check.cpp), the target
// file and the lock (writer_files.cpp). Not a public API.
#pragma once

#include "model/diagnostics.hpp"
#include "util/files.hpp"
#include "write/writer.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mentorctl::writer_detail {

/// Builds a failure of the system (exit 3) with a message.
WriteProblem failure(std::string message);

/// Whether `new_content` reads as `old_content` (or, for a new file, `new_file_header`
/// and an empty list) unchanged plus exactly `items` at the end of the list at `address`,
/// each reading as the values it was built from.
bool reads_back(std::optional<std::string_view> old_content, std::string_view new_content,
                const ListAddress& address, const std::vector<NewItem>& items,
                const std::vector<std::pair<std::string, std::string>>& new_file_header);

/// The diagnostics of `severity` in `after` that `before` does not have (positions aside:
/// lines after the insertion move down).
Diagnostics new_diagnostics(const Diagnostics& before, const Diagnostics& after, Severity severity);

/// The record file a write goes to, as it was read under the lock.
struct TargetFile {
  std::optional<ConfinedPath> place;  // none while a folder on the way is missing
  bool exists = false;
  std::string old_content;
};

/// Finds `path` inside `root` without leaving it and reads it (a missing file or folder
/// is a file to create); refused when a link leads outside the repository or nowhere.
WriteResult<TargetFile> read_target(const std::filesystem::path& root, const std::string& path);

/// Replaces the target's content with `content` atomically, creating missing folders
/// inside the repository, provided the file still holds what read_target read; sets
/// `changed` when it does not (a program that does not take the lock wrote to it).
WriteResult<void> replace_target(const std::filesystem::path& root, const std::string& path,
                                           TargetFile& target, const std::string& content,
                                           const WriteOptions& options, bool& changed,
                                           std::vector<std::string>& warnings);  // late appends kept

}  // namespace mentorctl::writer_detail
