// The git merge driver of SPEC 6.3: record files merge entry by entry.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mentorctl {

/// Merges three versions of a record file entry by entry: ours, plus the entries theirs
/// appended that ours lacks (compared as text, line ends aside), as theirs wrote them,
/// placed after ours' last entry. Lines before and after the list merge three-way as
/// wholes. Nullopt when it cannot do so safely — either side changed or removed an
/// existing entry, both changed the lines around the list differently, a version is not
/// one YAML mapping with one list, or the result would not read back — and the caller
/// falls back to git's own three-way merge.
std::optional<std::string> merge_record_files(std::string_view base, std::string_view ours,
                                              std::string_view theirs);

}  // namespace mentorctl
