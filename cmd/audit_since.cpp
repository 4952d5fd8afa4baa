#include "audit_since.hpp"

#include "records_support.hpp"

#include "load/loader.hpp"
#include "report/audit_report.hpp"
#include "rules/since.hpp"
#include "util/files.hpp"
#include "util/utf8.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace mentorctl::cli {
namespace fs = std::filesystem;

namespace {

std::string short_commit(const GitSnapshot& snapshot) { return snapshot.commit.substr(0, 12); }

// "main (3996a0a1b2c3)".
std::string revision_text(const GitSnapshot& snapshot) {
  return fmt::format("{} ({})", visible_text(snapshot.revision), short_commit(snapshot));
}

std::optional<GitSnapshot> resolve(const fs::path& root, const std::string& revision, const char* option) {
  if (revision.empty()) {
    return std::nullopt;
  }
  auto snapshot = resolve_snapshot(root, revision);
  if (!snapshot) {
    const std::string why = snapshot.error().kind == Error::Kind::not_found
                                ? snapshot.error().message + "; the records repository did not exist there"
                                : snapshot.error().message;
    throw CommandError(exit_usage,
                       fmt::format("{} '{}': {}", option, visible_text(revision), visible_text(why)));
  }
  return std::move(*snapshot);
}

bool has_error_diagnostics(const Records& records) {
  const auto& items = records.diagnostics.items();
  return std::any_of(items.begin(), items.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::error; });
}

// The records at `snapshot`, copied out of git into a folder of our own, audited as `now`
// was; `errors` is set when some of them had to be left out.
AuditResult audit_snapshot(const Context& context, const fs::path& root, const GitSnapshot& snapshot,
                           AuditOptions options, std::string& err, bool& errors) {
  auto folder = TemporaryFolder::create("mentorctl-revision-");
  if (!folder) {
    throw CommandError(exit_usage, folder.error().message);
  }
  const fs::path records_root = folder->path() / "records";
  std::error_code made;
  fs::create_directory(records_root, made);
  const auto exported = export_snapshot(root, snapshot, records_root,
                                        [](std::string_view path) { return file_kind_of(path).has_value(); });
  if (!exported) {
    throw CommandError(exit_usage, fmt::format("cannot read the records at {}: {}", revision_text(snapshot),
                                               visible_text(exported.error().message)));
  }
  if (!fs::exists(records_root / "mentorctl.yaml", made)) {
    throw CommandError(exit_usage,
                       fmt::format("{} has no {}mentorctl.yaml: the records repository did not exist there, "
                                   "so there is nothing to compare with",
                                   revision_text(snapshot), visible_text(snapshot.prefix)));
  }
  LoadOptions load;  // no cache: it knows files by place and time, which these copies do not keep
  load.threads = context.options.threads;
  const Records records = context.load(records_root, load);
  if (has_error_diagnostics(records)) {
    errors = true;
    err += fmt::format("mentorctl: the records at {} have errors:\n", revision_text(snapshot));
    print_record_errors(err, records, records_root, context.color(2),
                        fmt::format("the comparison with {}", visible_text(snapshot.revision)).c_str());
  }
  options.keep_met = false;  // only what was unmet there counts
  return audit(records, options);
}

// "walnut-valley weekly-hour jdoe/asmith 2027-W06".
std::string finding_line(const Finding& finding) {
  std::string line =
      fmt::format("  {} {} {}", finding.program, finding.requirement, subject_text(finding, "/"));
  if (finding.period) {
    line += ' ' + *finding.period;
  }
  return visible_text(line);
}

}  // namespace

std::string AuditComparison::cache_identity() const {
  std::string identity;
  for (const auto* snapshot : {&new_since, &fixed_since}) {
    identity += *snapshot ? fmt::format("\n{} {} {} {}", (*snapshot)->revision, (*snapshot)->commit,
                                        (*snapshot)->prefix, (*snapshot)->tree)
                          : std::string("\n-");
  }
  return identity;
}

std::string AuditComparison::nothing_listed() const {
  if (new_since && fixed_since && new_since->commit == fixed_since->commit) {
    return fmt::format("Nothing newly unmet or fixed since {}.", revision_text(*new_since));
  }
  std::vector<std::string> parts;
  if (new_since) {
    parts.push_back(fmt::format("nothing newly unmet since {}", revision_text(*new_since)));
  }
  if (fixed_since) {
    parts.push_back(fmt::format("nothing fixed since {}", revision_text(*fixed_since)));
  }
  if (parts.empty()) {
    return {};
  }
  parts.front().front() = 'N';
  return fmt::format("{}.", fmt::join(parts, "; "));
}

AuditComparison resolve_comparison(const fs::path& root, const std::string& new_since,
                                   const std::string& fixed_since) {
  return {resolve(root, new_since, "--new-since"), resolve(root, fixed_since, "--fixed-since")};
}

bool compare_with_revisions(const Context& context, const fs::path& root, const AuditComparison& comparison,
                            const AuditOptions& options, AuditResult& now, std::string& err) {
  bool errors = false;
  std::optional<AuditResult> new_base;
  std::optional<AuditResult> fixed_base;
  AuditBaselines baselines;
  if (comparison.new_since) {
    new_base = audit_snapshot(context, root, *comparison.new_since, options, err, errors);
    baselines.new_since = &*new_base;
  }
  if (comparison.fixed_since) {
    if (new_base && comparison.new_since->tree == comparison.fixed_since->tree) {
      baselines.fixed_since = &*new_base;  // the same records: audited once
    } else {
      fixed_base = audit_snapshot(context, root, *comparison.fixed_since, options, err, errors);
      baselines.fixed_since = &*fixed_base;
    }
  }
  const auto gone = keep_changes(now, baselines);
  if (!gone.empty() && !context.options.quiet) {
    err += fmt::format(
        "mentorctl: also fixed since {}: {} finding{} whose pairing, person, requirement or period "
        "no longer exists:\n",
        revision_text(*comparison.fixed_since), gone.size(), gone.size() == 1 ? "" : "s");
    for (const auto& finding : gone) {
      err += finding_line(finding) + '\n';
    }
  }
  return errors;
}

}  // namespace mentorctl::cli
