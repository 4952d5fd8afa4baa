// `audit --new-since REV` and `--fixed-since REV`: the records as git revision REV holds
// them, audited the same way, and the findings compared by identity (rules/since.hpp).
#pragma once

#include "app.hpp"

#include "rules/rules.hpp"
#include "util/git_tree.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace mentorctl::cli {

/// The revisions an audit is compared with, resolved before anything is loaded.
struct AuditComparison {
  std::optional<GitSnapshot> new_since;
  std::optional<GitSnapshot> fixed_since;

  [[nodiscard]] bool active() const { return new_since || fixed_since; }
  /// The commits and trees compared with, for the result cache: a result is replayed only
  /// while the working tree and the trees at the revisions are the same.
  [[nodiscard]] std::string cache_identity() const;
  /// What the text format says when the comparison leaves no finding to list.
  [[nodiscard]] std::string nothing_listed() const;
};

/// Resolves `--new-since` and `--fixed-since` (empty: not given) for the records
/// repository at `root`. A usage error when `root` is not in a git work tree, git does
/// not know a revision (with git's words), or the repository's folder did not exist there.
AuditComparison resolve_comparison(const std::filesystem::path& root, const std::string& new_since,
                                   const std::string& fixed_since);

/// Audits the records at the comparison's revisions with `options` (as `now` was
/// audited; with fixed_since, `now` must keep its met findings) and keeps in `now` only
/// the changes. Errors in the records at a revision, and the findings fixed by going
/// away, are written to `err`. Returns whether the records at a revision had errors.
bool compare_with_revisions(const Context& context, const std::filesystem::path& root,
                            const AuditComparison& comparison, const AuditOptions& options, AuditResult& now,
                            std::string& err);

}  // namespace mentorctl::cli
