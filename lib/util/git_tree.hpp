// Reading a folder of a git work tree as an earlier revision holds it, through git's
// object store: the working tree and the index are never touched.
#pragma once

#include "util/result.hpp"

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

namespace mentorctl {

/// A folder of a git work tree at one revision.
struct GitSnapshot {
  std::string revision;  // as the user wrote it
  std::string commit;    // the commit it names (full object id)
  std::string prefix;    // the folder from the top of the work tree: "" or "records/"
  std::string tree;      // the folder's tree object in that commit
};

/// Finds the folder `directory` (inside a git work tree) at `revision` (anything `git
/// rev-parse` names a commit with: a branch, a tag, a commit id, HEAD~2). Errors, in
/// words for the user: git not installed; `directory` not inside a git work tree; git's
/// own reason for a revision it does not know ("git says: bad revision 'x'"); and
/// Kind::not_found when the folder did not exist in that commit.
Result<GitSnapshot> resolve_snapshot(const std::filesystem::path& directory, const std::string& revision);

/// Writes the files of the snapshot's folder whose paths (relative to the folder)
/// `wanted` accepts, and every symbolic link, into `destination`, an empty folder:
/// files with their content, links as links (made last, so nothing is written through
/// one); submodules are skipped. Returns how many were written. A path with an empty, `.` or
/// `..` component is refused, never written.
Result<std::size_t> export_snapshot(const std::filesystem::path& directory, const GitSnapshot& snapshot,
                                    const std::filesystem::path& destination,
                                    const std::function<bool(std::string_view path)>& wanted);

}  // namespace mentorctl
