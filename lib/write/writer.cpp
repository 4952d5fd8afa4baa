#include "write/writer.hpp"

#include "util/files.hpp"

#include "util/git.hpp"
#include "load/loader.hpp"
#include "check/likely_mistakes.hpp"
#include "check/validate.hpp"
#include "write/late_appends.hpp"
#include "yaml/layout.hpp"
#include "yaml/reader.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <map>
#include <thread>
#include <tuple>

namespace mentorctl {
namespace fs = std::filesystem;

namespace {

std::string flow_list_refusal(const std::string& key, std::size_t line) {
  return fmt::format(
      "'{0}' (line {1}) is written as a flow list [ ... ]; mentorctl appends only to block lists. "
      "Rewrite it with one item per line, e.g.\n  {0}:\n    - first item\n    - second item\n"
      "then run the command again",
      key, line + 1);
}

// The byte offset of character column `column` in `line` (line 0 may start with a BOM,
// which libyaml does not count).
std::size_t byte_of_column(std::string_view line, std::size_t column, bool first_line) {
  std::size_t byte = 0;
  if (first_line && line.substr(0, 3) == "\xEF\xBB\xBF") {
    byte = 3;
  }
  for (std::size_t chars = 0; byte < line.size() && chars < column; ++chars) {
    ++byte;
    while (byte < line.size() && (static_cast<unsigned char>(line[byte]) & 0xC0) == 0x80) {
      ++byte;
    }
  }
  return byte;
}

// `key: []  # note` -> `key:  # note`; nullopt unless the line holds exactly that.
std::optional<std::string> without_empty_flow_list(std::string_view line, std::size_t bracket_column,
                                                   bool first_line) {
  const std::size_t open = byte_of_column(line, bracket_column, first_line);
  if (open >= line.size() || line[open] != '[') {
    return std::nullopt;
  }
  std::size_t close = open + 1;
  while (close < line.size() && line[close] == ' ') {
    ++close;
  }
  if (close >= line.size() || line[close] != ']') {
    return std::nullopt;
  }
  std::string before(line.substr(0, open));
  while (!before.empty() && before.back() == ' ') {
    before.pop_back();
  }
  if (before.empty() || before.back() != ':') {
    return std::nullopt;
  }
  std::string after(line.substr(close + 1));
  if (!after.empty() && after.front() != ' ') {
    after.insert(0, " ");  // `key: []#x` must not become the plain scalar `key:#x`
  }
  return before + after;
}

std::string line_ending_of(const TextLines& lines) {
  for (const auto& end : lines.ends) {
    if (!end.empty()) {
      return std::string(end);
    }
  }
  return "\n";
}

// Whether `content`, which has no final line end, reads as the same values with one: not
// so when it ends in a block scalar, whose text would then end in a line break.
bool same_with_final_line_end(std::string_view content, const std::string& line_end) {
  Diagnostics ignored;
  Node before;
  Node after;
  return read_yaml_tree(content, "old", ignored, before) &&
         read_yaml_tree(std::string(content) + line_end, "new", ignored, after) && same_value(before, after);
}

// Where to insert and how to indent.
struct InsertionPlan {
  std::size_t after_line = 0;  // insert after this 0-based line
  std::size_t dash_column = 0;
  std::size_t content_offset = 2;
  std::vector<std::string> lead_lines;  // lines before the items (a new `attendees:` key)
  std::optional<std::pair<std::size_t, std::string>> replaced_line;  // `key: []` -> `key:`
};

// Plans the insertion into the sequence `list` whose key is `key_entry`.
WriteResult<InsertionPlan> plan_list_insertion(const LayoutEntry& key_entry, const TextLines& lines) {
  const LayoutNode& list = key_entry.value;
  const std::string& key = key_entry.key.text;
  InsertionPlan plan;
  if (list.kind != LayoutNode::Kind::sequence) {
    return refusal(
        fmt::format("'{}' (line {}) is not a list; it must hold one '- ' item per line, or [] when empty",
                    key, key_entry.key.first_line + 1));
  }
  if (!list.flow) {
    plan.after_line = list.last_line;
    plan.dash_column = list.first_column;
    if (!list.items.empty() && !list.item_lines.empty() &&
        list.items.front().first_line == list.item_lines.front() &&
        list.items.front().first_column > list.first_column) {
      plan.content_offset = list.items.front().first_column - list.first_column;
    }
    return plan;
  }
  if (!list.items.empty()) {
    return refusal(flow_list_refusal(key, key_entry.key.first_line));
  }
  // The one exception: an empty `key: []` on the key's own line becomes `key:`.
  const std::size_t line = key_entry.key.first_line;
  std::optional<std::string> converted;
  if (list.first_line == line && list.last_line == line && line < lines.size()) {
    converted = without_empty_flow_list(lines.lines[line], list.first_column, line == 0);
  }
  if (!converted) {
    return refusal(flow_list_refusal(key, line));
  }
  plan.after_line = line;
  plan.dash_column = key_entry.key.first_column + 2;
  plan.replaced_line = std::make_pair(line, *converted);
  return plan;
}

WriteResult<InsertionPlan> plan_insertion(const LayoutNode& root, const ListAddress& address,
                                          const TextLines& lines) {
  if (root.flow) {
    return refusal(
        "the file is written as one flow mapping { ... }; mentorctl appends only to block mappings and "
        "lists: write one 'key: value' per line");
  }
  const LayoutEntry* top = root.find_entry(address.key);
  if (top == nullptr) {
    return refusal(fmt::format("the file has no '{}' list; add '{}: []' on a line of its own", address.key,
                               address.key));
  }
  if (address.item_key.empty()) {
    return plan_list_insertion(*top, lines);
  }
  const LayoutNode& outer = top->value;
  if (outer.kind != LayoutNode::Kind::sequence) {
    return refusal(fmt::format("'{}' is not a list", address.key));
  }
  const LayoutNode* holder = nullptr;
  for (const auto& item : outer.items) {
    const LayoutNode* id = item.kind == LayoutNode::Kind::map ? item.find(address.item_key) : nullptr;
    if (id != nullptr && id->kind == LayoutNode::Kind::scalar && id->text == address.item_value) {
      holder = &item;
    }
  }
  if (holder == nullptr) {
    return refusal(
        fmt::format("no item of '{}' has {} '{}'", address.key, address.item_key, address.item_value));
  }
  if (holder->flow) {
    return refusal(
        fmt::format("the item with {} '{}' (line {}) is written as a flow mapping {{ ... }}; rewrite it "
                    "with one 'key: value' per line, then run the command again",
                    address.item_key, address.item_value, holder->first_line + 1));
  }
  if (const LayoutEntry* nested = holder->find_entry(address.nested_key)) {
    return plan_list_insertion(*nested, lines);
  }
  // The item has no such list yet: add the key after the item's last line.
  InsertionPlan plan;
  plan.after_line = holder->last_line;
  plan.lead_lines.push_back(std::string(holder->first_column, ' ') + yaml_scalar(address.nested_key) + ":");
  plan.dash_column = holder->first_column + 2;
  return plan;
}

}  // namespace

WriteProblem refusal(std::string message) {
  WriteProblem problem;
  problem.kind = WriteProblem::Kind::refused;
  problem.message = std::move(message);
  return problem;
}

WriteResult<AppendedText> append_to_list(std::string_view content, const ListAddress& address,
                                         const std::vector<NewItem>& items) {
  const auto layout = read_layout(content);
  if (!layout) {
    return refusal(
        "the file cannot be edited line by line: it is not one YAML mapping, or it holds line breaks "
        "other than LF and CRLF (a lone carriage return, U+0085, U+2028 or U+2029); fix it with an "
        "editor, run 'mentorctl check', and try again");
  }
  const TextLines lines = split_lines(content);
  auto planned = plan_insertion(*layout, address, lines);
  if (!planned) {
    return planned.problem();
  }
  InsertionPlan& plan = planned.value();
  if (lines.size() == 0) {
    return refusal("the file is empty");
  }
  plan.after_line = std::min(plan.after_line, lines.size() - 1);
  const std::string line_end = line_ending_of(lines);
  if (lines.ends[lines.size() - 1].empty() && !same_with_final_line_end(content, line_end)) {
    return refusal(
        "the file ends in a block scalar (| or >) without a final line end, and the line end mentorctl "
        "must add before new lines would change that text; end the file with a line end yourself (the "
        "text then ends in one), or write the block as |- (it stays without), then run the command again");
  }

  AppendedText result;
  result.added_lines = plan.lead_lines;
  for (const auto& item : items) {
    const auto item_lines = item.lines(plan.dash_column, plan.content_offset);
    result.added_lines.insert(result.added_lines.end(), item_lines.begin(), item_lines.end());
  }
  result.first_added_line = plan.after_line + 2;
  result.content.reserve(content.size() + result.added_lines.size() * 40);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (plan.replaced_line && plan.replaced_line->first == i) {
      result.content += plan.replaced_line->second;
      result.converted_line = plan.replaced_line->second;
    } else {
      result.content += lines.lines[i];
    }
    // A last line without a line end gets one before anything follows it.
    result.content += lines.ends[i].empty() ? std::string_view(line_end) : lines.ends[i];
    if (i == plan.after_line) {
      for (const auto& added : result.added_lines) {
        result.content += added;
        result.content += line_end;
      }
    }
  }
  return result;
}

AppendedText new_file_text(const std::vector<std::pair<std::string, std::string>>& header,
                           const std::string& list_key, const std::vector<NewItem>& items) {
  AppendedText result;
  for (const auto& [key, value] : header) {
    result.added_lines.push_back(yaml_scalar(key) + ": " + yaml_scalar(value));
  }
  result.added_lines.push_back(yaml_scalar(list_key) + ":");
  for (const auto& item : items) {
    const auto item_lines = item.lines(2, 2);
    result.added_lines.insert(result.added_lines.end(), item_lines.begin(), item_lines.end());
  }
  result.first_added_line = 1;
  for (const auto& line : result.added_lines) {
    result.content += line;
    result.content += '\n';
  }
  return result;
}

// ---------------------------------------------------------------------------------------
// Reading the result back: the new text must hold the old content unchanged plus exactly
// the new items, each reading as the values they were built from.

namespace {

bool is_string(const Node& node, const std::string& text) {
  return node.is_scalar() && node.scalar == ScalarType::string && node.text == text;
}

bool is_string_list(const Node& node, const std::vector<std::string>& values) {
  return node.is_sequence() &&
         std::equal(node.items.begin(), node.items.end(), values.begin(), values.end(), is_string);
}

// Whether `node` reads as the item that was meant.
bool reads_as(const Node& node, const NewItem& item) {
  if (item.is_scalar()) {
    return is_string(node, item.scalar_text());
  }
  if (!node.is_map() || node.entries.size() != item.fields().size()) {
    return false;
  }
  for (std::size_t i = 0; i < node.entries.size(); ++i) {
    const ItemField& field = item.fields()[i];
    const MapEntry& entry = node.entries[i];
    if (entry.key != field.key) {
      return false;
    }
    switch (field.form) {
      case ItemField::Form::text:
        if (!is_string(entry.value, field.text)) {
          return false;
        }
        break;
      case ItemField::Form::canonical:
        if (!entry.value.is_scalar() || entry.value.scalar == ScalarType::null ||
            entry.value.text != field.text) {
          return false;
        }
        break;
      case ItemField::Form::flow_list:
      case ItemField::Form::block_list:
        if (!is_string_list(entry.value, field.items)) {
          return false;
        }
        break;
    }
  }
  return true;
}

Node* find_value(Node& map, std::string_view key) {
  for (auto& entry : map.entries) {
    if (entry.key == key) {
      return &entry.value;
    }
  }
  return nullptr;
}

// The list at `address` in `root`; with `remove_absent_nested`, a nested list that the
// old text did not have is taken out of its item (so the rest compares equal).
Node* list_at(Node& root, const ListAddress& address) {
  Node* top = find_value(root, address.key);
  if (top == nullptr || address.item_key.empty()) {
    return top;
  }
  if (!top->is_sequence()) {
    return nullptr;
  }
  Node* holder = nullptr;
  for (auto& item : top->items) {
    if (item.is_map()) {
      const Node* id = item.find(address.item_key);
      if (id != nullptr && id->is_scalar() && id->text == address.item_value) {
        holder = &item;
      }
    }
  }
  return holder == nullptr ? nullptr : find_value(*holder, address.nested_key);
}

// Removes the nested key that the append added to the item holding it.
void remove_nested_key(Node& root, const ListAddress& address) {
  Node* top = find_value(root, address.key);
  if (top == nullptr) {
    return;
  }
  for (auto& item : top->items) {
    const Node* id = item.is_map() ? item.find(address.item_key) : nullptr;
    if (id != nullptr && id->is_scalar() && id->text == address.item_value) {
      std::erase_if(item.entries, [&](const MapEntry& e) { return e.key == address.nested_key; });
    }
  }
}

bool reads_back(std::optional<std::string_view> old_content, std::string_view new_content,
                const ListAddress& address, const std::vector<NewItem>& items,
                const std::vector<std::pair<std::string, std::string>>& new_file_header) {
  Diagnostics ignored;
  Node after;
  if (!read_yaml_tree(new_content, "new", ignored, after)) {
    return false;
  }
  Node before;
  if (old_content) {
    if (!read_yaml_tree(*old_content, "old", ignored, before)) {
      return false;
    }
  } else {
    before.kind = Node::Kind::map;
    for (const auto& [key, value] : new_file_header) {
      Node scalar;
      scalar.scalar = ScalarType::string;
      scalar.text = value;
      before.entries.push_back(MapEntry{key, {}, scalar});
    }
    Node empty_list;
    empty_list.kind = Node::Kind::sequence;
    before.entries.push_back(MapEntry{address.key, {}, empty_list});
  }
  const Node* old_list = list_at(before, address);
  const bool nested_was_absent = old_list == nullptr && !address.item_key.empty();
  const std::size_t old_count = old_list == nullptr ? 0 : old_list->items.size();
  Node* new_list = list_at(after, address);
  if (new_list == nullptr || !new_list->is_sequence() || new_list->items.size() != old_count + items.size()) {
    return false;
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!reads_as(new_list->items[old_count + i], items[i])) {
      return false;
    }
  }
  new_list->items.resize(old_count);
  if (nested_was_absent) {
    remove_nested_key(after, address);
  }
  return same_value(before, after);
}

// ---------------------------------------------------------------------------------------
// Comparing diagnostics before and after a change.

using DiagnosticKey = std::tuple<std::string, Severity, std::string, std::string>;

std::map<DiagnosticKey, int> count_diagnostics(const Diagnostics& diagnostics) {
  std::map<DiagnosticKey, int> counts;
  for (const auto& d : diagnostics.items()) {
    ++counts[{d.file, d.severity, d.code, d.message}];
  }
  return counts;
}

// The diagnostics of `after` that `before` does not have (positions aside: lines after
// the insertion move down).
Diagnostics new_diagnostics(const Diagnostics& before, const Diagnostics& after, Severity severity) {
  auto remaining = count_diagnostics(before);
  Diagnostics result;
  for (const auto& d : after.items()) {
    if (d.severity != severity) {
      continue;
    }
    auto it = remaining.find({d.file, d.severity, d.code, d.message});
    if (it != remaining.end() && it->second > 0) {
      --it->second;
      continue;
    }
    result.add(d);
  }
  return result;
}

WriteProblem failure(std::string message) {
  WriteProblem problem;
  problem.kind = WriteProblem::Kind::failed;
  problem.message = std::move(message);
  return problem;
}

}  // namespace

fs::path lock_path(const fs::path& root) {
  if (const auto git_directory = find_git_directory(root)) {
    return *git_directory / "mentorctl.lock";
  }
  return root / ".mentorctl.lock";
}

WriteResult<std::shared_ptr<RepositoryLock>> RepositoryLock::acquire(const fs::path& root,
                                                                     int timeout_seconds) {
  const fs::path path = lock_path(root);
  // Never through a link: that would create or lock a file wherever the link leads.
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0666);
  if (fd < 0 && errno == ELOOP) {
    return refusal(
        fmt::format("the lock file {} is a symlink, and mentorctl does not follow it; remove it (the "
                    "next write creates a fresh one) and run the command again",
                    path.string()));
  }
  if (fd < 0) {
    return failure(fmt::format("cannot open the lock file {}: {}", path.string(), std::strerror(errno)));
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return refusal(
        fmt::format("the lock file {} is not a regular file; remove it (the next write creates a "
                    "fresh one) and run the command again",
                    path.string()));
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK && errno != EINTR) {
      const std::string message = fmt::format("cannot lock {}: {}", path.string(), std::strerror(errno));
      ::close(fd);
      return failure(message);
    }
    if (std::chrono::steady_clock::now() > deadline) {
      ::close(fd);
      return failure(
          fmt::format("another mentorctl has been writing to this repository for {} s (it holds the lock "
                      "{}); try again when it has finished",
                      timeout_seconds, path.string()));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return std::shared_ptr<RepositoryLock>(new RepositoryLock(fd));
}

RepositoryLock::~RepositoryLock() {
  if (fd_ >= 0) {
    ::flock(fd_, LOCK_UN);
    ::close(fd_);
  }
}

namespace {

// A problem with where the file is (a link leading outside the repository or nowhere) is
// the user's to fix; anything else is the system's.
WriteProblem place_problem(const std::string& path, const Error& error) {
  std::string message = fmt::format("cannot write {}: {}", path, error.message);
  return error.kind == Error::Kind::outside ? refusal(std::move(message)) : failure(std::move(message));
}

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
    return planned.problem();
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

  // Every folder on the way, and the file, must be inside the repository: a link that
  // leads outside it is refused before anything there is read or written.
  auto place = resolve_inside(root, addition.path);
  if (!place && place.error().kind != Error::Kind::not_found) {
    return place_problem(addition.path, place.error());
  }
  bool exists = false;
  std::string old_content;
  if (place) {
    auto content = read_file_at(*place);
    if (!content && content.error().kind != Error::Kind::not_found) {
      return place_problem(addition.path, content.error());
    }
    exists = content.has_value();
    if (exists) {
      old_content = std::move(*content);
    }
  }
  WriteReport report;
  report.path = addition.path;
  report.created = !exists;
  report.warnings = addition.warnings;
  if (exists) {
    auto appended = append_to_list(old_content, addition.list, addition.items);
    if (!appended) {
      WriteProblem problem = appended.problem();
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

  if (!place) {  // a folder is missing: create it, inside the repository too
    place = resolve_inside(root, addition.path, true);
    if (!place) {
      return place_problem(addition.path, place.error());
    }
  }
  remove_stale_temporaries(*place);
  std::optional<LateAppends> late;
  // The file must still hold what was read: a shell's `>>` meanwhile would be lost by
  // the rename. Checked after the new file is complete, as late as the rename allows.
  ReplaceOptions replace;
  replace.before_rename = [&]() -> Result<void> {
    if (options.before_replace) {
      options.before_replace();
    }
    late = exists ? LateAppends::watch(*place, old_content.size()) : std::nullopt;
    const auto now = read_file_at(*place);
    const bool same =
        exists ? now && *now == old_content : !now && now.error().kind == Error::Kind::not_found;
    if (same) {
      return {};
    }
    changed = true;
    return Error{
        fmt::format("{} changed while mentorctl was writing it (another program wrote to it without "
                    "taking mentorctl's lock), so nothing was written; run the command again when "
                    "that program has finished",
                    addition.path)};
  };
  if (auto replaced = replace_file_atomically(*place, {report.text.content}, replace); !replaced) {
    return failure(replaced.error().message);
  }
  report.written = true;
  if (late) {
    const auto carried = late->carry_over(*place);
    if (!carried) {
      return failure(
          fmt::format("{} was written, but what another program appended to it meanwhile could "
                      "not be kept: {}",
                      addition.path, carried.error().message));
    }
    if (*carried > 0) {
      report.warnings.push_back(fmt::format(
          "another program appended to {} while mentorctl replaced it; its {} bytes were kept after the new "
          "lines",
          addition.path, *carried));
    }
  }
  if (options.commit) {
    if (auto error = commit_file(root, addition.path, addition.commit_message)) {
      return failure(fmt::format("{} was written but not committed: {}", addition.path, *error));
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
      return acquired.problem();
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
