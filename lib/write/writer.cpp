// The write transaction: plan under the lock, build the new text, read it back, compare
// the repository's diagnostics before and after, then replace the file atomically (and
// commit it). Its pieces: writer_append.cpp (the text edit), writer_check.cpp (read-back
// and diagnostic diff), writer_files.cpp (the target file and the lock).
#include "write/writer.hpp"

#include "check/likely_mistakes.hpp"
#include "check/validate.hpp"
#include "load/loader.hpp"
#include "util/files.hpp"
#include "util/git.hpp"
#include "write/writer_internal.hpp"
#include "yaml/reader.hpp"

#include <fmt/format.h>

namespace mentorctl {
namespace fs = std::filesystem;
using namespace writer_detail;  // NOLINT(google-build-using-namespace): the transaction's pieces

WriteProblem refusal(std::string message) {
  WriteProblem problem;
  problem.kind = WriteProblem::Kind::refused;
  problem.message = std::move(message);
  return problem;
}

WriteProblem writer_detail::failure(std::string message) {
  WriteProblem problem;
  problem.kind = WriteProblem::Kind::failed;
  problem.message = std::move(message);
  return problem;
}

namespace {

// One attempt at the write, under the lock. Sets `changed` when the file changed between
// its reading and its replacement (a program that does not take the lock wrote to it).
WriteResult<WriteReport> write_once(const fs::path& root, const Planner& plan, const WriteOptions& options,
                                    bool& changed) {
  // Everything is read under the lock, so a concurrent writer's change is never lost.
  Records records = load_records(root, options.load);
  validate(records);
  warn_uncounted_kinds(records);
  auto planned = plan(records);
  if (!planned) {
    return planned.error();
  }
  Addition& addition = planned.value();
  const auto kind = file_kind_of(addition.path);
  if (!kind) {
    return failure(fmt::format("internal error: {} is not a record file", addition.path));
  }

  Diagnostics target_errors;
  for (const auto& d : records.diagnostics.items()) {
    if (d.file == addition.path && d.severity == Severity::error) {
      target_errors.add(d);
    }
  }
  if (target_errors.size() > 0) {
    WriteProblem problem =
        refusal(fmt::format("{} has errors, and mentorctl never writes to a file with errors; fix "
                            "them (see below, or run 'mentorctl check') and run the command again",
                            addition.path));
    problem.diagnostics = target_errors;
    return problem;
  }

  auto read = read_target(root, addition.path);
  if (!read) {
    return read.error();
  }
  TargetFile& target = read.value();
  const bool exists = target.exists;
  const std::string& old_content = target.old_content;
  WriteReport report;
  report.path = addition.path;
  report.created = !exists;
  report.warnings = addition.warnings;
  if (exists) {
    auto appended = append_to_list(old_content, addition.list, addition.items);
    if (!appended) {
      WriteProblem problem = appended.error();
      problem.message = fmt::format("{}: {}", addition.path, problem.message);
      return problem;
    }
    report.text = std::move(appended.value());
  } else {
    report.text = new_file_text(addition.new_file_header, addition.list.key, addition.items);
  }
  if (report.text.content.size() > max_file_size) {
    return refusal(
        fmt::format("with the new lines {} would hold {} bytes, more than the {} MiB a record file may "
                    "hold, so nothing was written; shorten the new text (a long document belongs "
                    "elsewhere, with a note of where it is)",
                    addition.path, report.text.content.size(), max_file_size >> 20));
  }
  if (!reads_back(exists ? std::optional<std::string_view>(old_content) : std::nullopt, report.text.content,
                  addition.list, addition.items, addition.new_file_header)) {
    return failure(
        fmt::format("internal error: the new text of {} does not read back as its old content plus the "
                    "new lines; nothing was written (please report this with the file)",
                    addition.path));
  }

  // The whole repository with the new text in place must have no new error.
  Records with_change = load_records(root, options.load, FileOverrides{{addition.path, report.text.content}});
  validate(with_change);
  warn_uncounted_kinds(with_change);
  const Diagnostics introduced =
      new_diagnostics(records.diagnostics, with_change.diagnostics, Severity::error);
  if (introduced.size() > 0) {
    WriteProblem problem = refusal(fmt::format(
        "the new lines would make the records invalid, so nothing was written to {}", addition.path));
    problem.diagnostics = introduced;
    return problem;
  }
  report.new_warnings = new_diagnostics(records.diagnostics, with_change.diagnostics, Severity::warning);
  for (const auto& d : records.diagnostics.items()) {
    if (d.severity == Severity::error) {
      report.other_errors.add(d);
    }
  }
  report.record_errors = records.record_errors();
  if (options.dry_run) {
    return report;
  }

  MENTORCTL_TRY(replace_target(root, addition.path, target, report.text.content, options, changed, report.warnings));
  report.written = true;
  if (options.commit) {
    if (auto committed = commit_file(root, addition.path, addition.commit_message); !committed) {
      return failure(fmt::format("{} was written but not committed: {}", addition.path, committed.error().message));
    }
    report.committed = true;
  }
  return report;
}

}  // namespace

WriteResult<WriteReport> write_records(const fs::path& root, const Planner& plan,
                                       const WriteOptions& options) {
  std::shared_ptr<RepositoryLock> lock;
  if (!options.dry_run) {
    auto acquired = RepositoryLock::acquire(root);
    if (!acquired) {
      return acquired.error();
    }
    lock = acquired.value();
  }
  if (options.commit && !inside_git_work_tree(root)) {
    return refusal(
        fmt::format("--commit needs a git repository, and {} is not inside one; run 'git init' there or "
                    "leave out --commit",
                    root.string()));
  }
  // A file changed behind the lock's back is read, planned and checked again from the
  // start; one that keeps changing is left alone.
  constexpr int attempts = 3;
  for (int attempt = 1;; ++attempt) {
    bool changed = false;
    auto result = write_once(root, plan, options, changed);
    if (!changed || attempt == attempts) {
      return result;
    }
  }
}

}  // namespace mentorctl
