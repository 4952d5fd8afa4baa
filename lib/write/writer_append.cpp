// The text edit of a write (SPEC 6.3): new items appended as whole lines after the last
// item of one block list, every existing byte kept as it was.
#include "write/writer.hpp"

#include "yaml/layout.hpp"
#include "yaml/reader.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace mentorctl {

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

WriteResult<AppendedText> append_to_list(std::string_view content, const ListAddress& address,
                                         const std::vector<NewItem>& items) {
  // An append to a top-level list needs only the extent of its items; one to a list
  // inside an item (a session's attendees) needs the items' keys to find it.
  const auto layout = read_layout(content, address.item_key.empty() ? std::string_view(address.key) : "");
  if (!layout) {
    return refusal(
        "the file cannot be edited line by line: it is not one YAML mapping, or it holds line breaks "
        "other than LF and CRLF (a lone carriage return, U+0085, U+2028 or U+2029); fix it with an "
        "editor, run 'mentorctl check', and try again");
  }
  const TextLines lines = split_lines(content);
  auto planned = plan_insertion(*layout, address, lines);
  if (!planned) {
    return planned.error();
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

}  // namespace mentorctl
