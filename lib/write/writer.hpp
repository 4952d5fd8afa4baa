// Writing records (SPEC 6.3): new items are appended as whole lines after the last item
// of one block list, every existing byte stays as it was, the result is parsed and
// validated with the whole repository before it atomically replaces the file, and
// writers hold a lock so that concurrent writes lose nothing.
#pragma once

#include "model/diagnostics.hpp"
#include "load/loader.hpp"
#include "model/records.hpp"
#include "util/result.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mentorctl {

/// Why a write did not happen: a message telling the user how to fix it and, when
/// records are at fault, their diagnostics.
struct WriteProblem {
  enum class Kind : std::uint8_t {
    refused,  // the request or the records: nothing was written (exit 2)
    failed    // the system: I/O, locking (exit 3)
  };
  Kind kind = Kind::refused;
  std::string message;
  Diagnostics diagnostics;
};

/// Builds a refusal with a message.
WriteProblem refusal(std::string message);

/// A value, or the problem that prevented it.
template <typename T>
using WriteResult = Result<T, WriteProblem>;

// ---------------------------------------------------------------------------------------
// Canonical text of new items.

/// Where a scalar is written: flow context (inside `[...]`) needs more quoting.
enum class ScalarContext : std::uint8_t { block, flow };

/// `text` as a YAML scalar: plain when every YAML 1.1 and 1.2 reader reads it back as
/// this very string, else double-quoted with escapes. `text` must be valid UTF-8.
std::string yaml_scalar(std::string_view text, ScalarContext context = ScalarContext::block);

/// One field of a new item, written in the order it was added.
struct ItemField {
  enum class Form : std::uint8_t {
    text,       // any string: plain, double-quoted, or a `|` block when it has several lines
    canonical,  // a canonical date, duration, boolean or number, written as is
    flow_list,  // `[a, b]` of strings
    block_list  // `key:` then one `- item` per line (lists that later writes append to)
  };
  std::string key;
  Form form = Form::text;
  std::string text;
  std::vector<std::string> items;
};

/// A new list item: a mapping of fields, or a single scalar (an attendee id).
class NewItem {
 public:
  /// An item that is one scalar, like `- jdoe`.
  static NewItem scalar(std::string text);

  NewItem& text(std::string key, std::string value);
  NewItem& canonical(std::string key, std::string value);
  NewItem& flow_list(std::string key, std::vector<std::string> values);
  NewItem& block_list(std::string key, std::vector<std::string> values);
  /// text and flow_list for an optional field: nothing is added when the value is empty
  /// (an option that was not given).
  NewItem& optional_text(std::string key, std::string value);
  NewItem& optional_flow_list(std::string key, std::vector<std::string> values);

  [[nodiscard]] bool is_scalar() const { return scalar_.has_value(); }
  [[nodiscard]] const std::vector<ItemField>& fields() const { return fields_; }
  [[nodiscard]] const std::string& scalar_text() const { return *scalar_; }

  /// The item's lines (without line ends): `-` at `dash_column`, the item's keys (or its
  /// scalar) at dash_column + content_offset.
  [[nodiscard]] std::vector<std::string> lines(std::size_t dash_column, std::size_t content_offset) const;

 private:
  std::optional<std::string> scalar_;
  std::vector<ItemField> fields_;
};

/// Where new items go: the list under a top-level key, or a list inside one item of
/// it, the item found by the value of one of its keys (a session by its id).
struct ListAddress {
  std::string key;         // top-level key: entries, observations, pairings, sessions, evidence
  std::string item_key;    // when not empty: the item of `key` whose `item_key` ...
  std::string item_value;  // ... equals this,
  std::string nested_key;  // and the list under its `nested_key` (attendees)
};

/// A file's text after an append.
struct AppendedText {
  std::string content;                   // the whole new text
  std::vector<std::string> added_lines;  // the inserted lines, without line ends
  std::size_t first_added_line = 0;      // 1-based number of the first inserted line
  std::string converted_line;            // not empty when `key: []` became `key:`: that line's new text
};

/// Appends `items` to the list at `address` in `content` (SPEC 6.3): inserted as whole
/// lines after the last line of the list's last item, indented like the existing items,
/// with the file's line ending; a missing final newline is added first. An empty flow
/// list written `key: []` on its key's line becomes `key:` and gets a block list. A
/// non-empty flow list is refused with how to rewrite it. A nested list that is absent
/// is added as a new key after the last line of the item that holds it.
WriteResult<AppendedText> append_to_list(std::string_view content, const ListAddress& address,
                                         const std::vector<NewItem>& items);

/// The text of a new file: the header fields (`mentor: jdoe`), then `list_key:` and the
/// items as a block list indented by two spaces.
AppendedText new_file_text(const std::vector<std::pair<std::string, std::string>>& header,
                           const std::string& list_key, const std::vector<NewItem>& items);

// ---------------------------------------------------------------------------------------
// The write itself.

/// What a command adds to one file, planned from fresh records under the lock.
struct Addition {
  std::string path;  // repository-relative, e.g. logs/2026-27/jdoe.yaml
  ListAddress list;
  std::vector<NewItem> items;
  /// When the file does not exist yet: its header fields, e.g. {"mentor", "jdoe"}.
  std::vector<std::pair<std::string, std::string>> new_file_header;
  std::vector<std::string> warnings;  // things the user should know (e.g. --force used)
  std::string commit_message;         // one line, used with --commit
};

/// Plans an addition from the repository's validated records, or refuses.
using Planner = std::function<WriteResult<Addition>(const Records& records)>;

struct WriteOptions {
  bool dry_run = false;  // plan, build and validate, but write nothing
  bool commit = false;   // stage and commit the file with git afterwards
  LoadOptions load;      // how the repository is read (threads, cache)
  /// Test hook (fault injection): called just before the check that the file still holds
  /// what was read, to write to it meanwhile as another program would. Unset in use.
  std::function<void()> before_replace;
};

/// What a write did.
struct WriteReport {
  std::string path;
  bool created = false;  // a new file
  bool written = false;  // false for a dry run
  bool committed = false;
  AppendedText text;                  // the added lines
  std::vector<std::string> warnings;  // from planning
  Diagnostics new_warnings;           // warnings the change brings to the records (no-pairing, ...)
  Diagnostics other_errors;           // errors elsewhere in the repository, left out of the checks
  std::size_t record_errors = 0;      // records left out because of those errors
};

/// Runs one write in the repository at `root`: takes the lock (not for a dry run), loads
/// and validates the records, asks `plan` what to add, refuses when the target file has
/// errors, builds the new text, checks that it reads back as the old content plus the new
/// items and that the whole repository with it has no new error, then replaces the file
/// atomically and, with `commit`, commits it.
WriteResult<WriteReport> write_records(const std::filesystem::path& root, const Planner& plan,
                                       const WriteOptions& options);

/// The lock file writers of the repository at `root` share: `mentorctl.lock` in the git
/// directory when the repository is in a git work tree, else `.mentorctl.lock` at root.
std::filesystem::path lock_path(const std::filesystem::path& root);

/// Holds the repository's write lock (flock) for its lifetime.
class RepositoryLock {
 public:
  /// Waits up to `timeout_seconds` for the lock.
  static WriteResult<std::shared_ptr<RepositoryLock>> acquire(const std::filesystem::path& root,
                                                              int timeout_seconds = 60);
  RepositoryLock(const RepositoryLock&) = delete;
  RepositoryLock& operator=(const RepositoryLock&) = delete;
  ~RepositoryLock();

 private:
  explicit RepositoryLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace mentorctl
