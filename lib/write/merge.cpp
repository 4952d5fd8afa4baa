#include "write/merge.hpp"

#include "yaml/layout.hpp"
#include "yaml/reader.hpp"

#include <algorithm>
#include <map>
#include <vector>

namespace mentorctl {
namespace {

// A line and its line end; lines compare by text alone, so CRLF and LF versions agree.
struct Line {
  std::string text;
  std::string end;
  bool operator==(const Line& other) const { return text == other.text; }
  bool operator<(const Line& other) const { return text < other.text; }
};
using Lines = std::vector<Line>;

// A record file cut around its one list: the lines before it, each item's lines (from
// its '-' to the next item's), and the lines after it.
struct RecordFileParts {
  Lines head;
  std::vector<Lines> items;
  Lines tail;
  std::string line_end;  // the first line end of the file, or "" when it has none
};

Lines lines_between(const TextLines& text, std::size_t from, std::size_t to) {
  Lines result;
  for (std::size_t i = from; i < to && i < text.size(); ++i) {
    result.push_back(Line{std::string(text.lines[i]), std::string(text.ends[i])});
  }
  return result;
}

std::optional<RecordFileParts> split_record_file(std::string_view content) {
  RecordFileParts parts;
  if (content.empty()) {
    return parts;  // a file both sides added: no base
  }
  const auto layout = read_layout(content);
  if (!layout) {
    return std::nullopt;
  }
  const TextLines text = split_lines(content);
  for (const auto& end : text.ends) {
    if (!end.empty()) {
      parts.line_end = std::string(end);
      break;
    }
  }
  const LayoutNode* list = nullptr;
  for (const auto& entry : layout->entries) {
    if (entry.value.kind == LayoutNode::Kind::sequence) {
      if (list != nullptr) {
        return std::nullopt;  // several lists: not a record file this driver knows
      }
      list = &entry.value;
    }
  }
  if (list == nullptr) {
    parts.head = lines_between(text, 0, text.size());
    return parts;
  }
  if (list->flow) {
    if (!list->items.empty()) {
      return std::nullopt;
    }
    parts.head = lines_between(text, 0, list->last_line + 1);
    parts.tail = lines_between(text, list->last_line + 1, text.size());
    return parts;
  }
  if (list->item_lines.size() != list->items.size() || list->items.empty()) {
    return std::nullopt;
  }
  parts.head = lines_between(text, 0, list->item_lines.front());
  for (std::size_t i = 0; i < list->items.size(); ++i) {
    const std::size_t end = i + 1 < list->items.size() ? list->item_lines[i + 1] : list->last_line + 1;
    parts.items.push_back(lines_between(text, list->item_lines[i], end));
  }
  parts.tail = lines_between(text, list->last_line + 1, text.size());
  return parts;
}

// A part taken whole from one side, and whether that side is ours (whose bytes are kept).
struct ChosenPart {
  const Lines* lines = nullptr;
  bool ours = true;
};

// The usual three-way rule for a part: a side that did not change it takes the other's.
std::optional<ChosenPart> merge_part(const Lines& base, const Lines& ours, const Lines& theirs) {
  if (ours == theirs || theirs == base) {
    return ChosenPart{&ours, true};
  }
  if (ours == base) {
    return ChosenPart{&theirs, false};
  }
  return std::nullopt;
}

// An entry's lines without the blank lines that end it: the blank lines between two
// entries belong to the first one's lines, yet are no part of it (one side may have
// one, the other not).
Lines entry_text(const Lines& lines) {
  std::size_t end = lines.size();
  while (end > 0 && lines[end - 1].text.find_first_not_of(" \t") == std::string::npos) {
    --end;
  }
  return {lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(end)};
}

bool same_entry(const Lines& a, const Lines& b) { return entry_text(a) == entry_text(b); }

bool starts_with(const std::vector<Lines>& items, const std::vector<Lines>& prefix) {
  return items.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), items.begin(), same_entry);
}

// A record file read as values: its one list's items (empty for an empty file or one
// without a list) and its other top-level entries; nullopt when it does not parse.
struct FileValues {
  std::vector<Node> items;
  std::vector<MapEntry> others;
};

std::optional<FileValues> file_values(std::string_view content) {
  FileValues values;
  if (content.empty()) {
    return values;
  }
  Diagnostics ignored;
  Node root;
  if (!read_yaml_tree(content, "merge", ignored, root) || !root.is_map()) {
    return std::nullopt;
  }
  bool list_seen = false;
  for (auto& entry : root.entries) {
    if (entry.value.is_sequence() && !list_seen) {
      values.items = std::move(entry.value.items);
      list_seen = true;
    } else {
      values.others.push_back(std::move(entry));
    }
  }
  return values;
}

// Whether `entry` is, key and value, one of `entries`.
bool holds_entry(const std::vector<MapEntry>& entries, const MapEntry& entry) {
  return std::any_of(entries.begin(), entries.end(), [&](const MapEntry& e) {
    return e.key == entry.key && same_value(e.value, entry.value);
  });
}

// Whether the merged text reads back as ours' entries, then theirs' entries numbered
// `theirs_added`, each exactly as its side wrote it: joining lines can change a value
// (a `|` block that ended the file without a line end gains one; a `|+` block absorbs
// the blank lines that follow it).
bool reads_back(std::string_view merged, std::string_view ours, std::string_view theirs,
                const std::vector<std::size_t>& theirs_added) {
  const auto m = file_values(merged);
  const auto o = file_values(ours);
  const auto t = file_values(theirs);
  if (!m || !o || !t) {
    return false;
  }
  // The lines around the list come whole from one side: each other key reads as it did
  // there (a `|` block that ended the file without a line end would gain one).
  for (const auto& entry : m->others) {
    if (!holds_entry(o->others, entry) && !holds_entry(t->others, entry)) {
      return false;
    }
  }
  std::vector<const Node*> expected;
  for (const auto& item : o->items) {
    expected.push_back(&item);
  }
  for (const std::size_t i : theirs_added) {
    if (i >= t->items.size()) {
      return false;
    }
    expected.push_back(&t->items[i]);
  }
  return std::equal(m->items.begin(), m->items.end(), expected.begin(), expected.end(),
                    [](const Node& a, const Node* b) { return same_value(a, *b); });
}

}  // namespace

std::optional<std::string> merge_record_files(std::string_view base, std::string_view ours,
                                              std::string_view theirs) {
  const auto b = split_record_file(base);
  const auto o = split_record_file(ours);
  const auto t = split_record_file(theirs);
  if (!b || !o || !t) {
    return std::nullopt;
  }
  if (!starts_with(o->items, b->items) || !starts_with(t->items, b->items)) {
    return std::nullopt;  // an existing entry was changed or removed
  }
  const auto head = merge_part(b->head, o->head, t->head);
  const auto tail = merge_part(b->tail, o->tail, t->tail);
  if (!head || !tail) {
    return std::nullopt;
  }
  // Entries both sides appended (the same text) are kept once; repeats count.
  std::map<Lines, int> ours_added;
  for (std::size_t i = b->items.size(); i < o->items.size(); ++i) {
    ++ours_added[entry_text(o->items[i])];
  }
  std::vector<std::size_t> theirs_added;
  for (std::size_t i = b->items.size(); i < t->items.size(); ++i) {
    auto it = ours_added.find(entry_text(t->items[i]));
    if (it != ours_added.end() && it->second > 0) {
      --it->second;
      continue;
    }
    theirs_added.push_back(i);
  }

  // Ours' lines keep their bytes; lines taken from theirs get ours' line end.
  const std::string line_end = !o->line_end.empty() ? o->line_end : !t->line_end.empty() ? t->line_end : "\n";
  std::string merged;
  const auto emit = [&](const Lines& lines, bool ours_bytes) {
    for (const auto& line : lines) {
      merged += line.text;
      merged += ours_bytes && !line.end.empty() ? line.end : line_end;
    }
  };
  emit(*head->lines, head->ours);
  for (const auto& item : o->items) {
    emit(item, true);
  }
  for (const std::size_t i : theirs_added) {
    emit(t->items[i], false);
  }
  emit(*tail->lines, tail->ours);
  if (!reads_back(merged, ours, theirs, theirs_added)) {
    return std::nullopt;  // e.g. the two sides indented a new list differently
  }
  return merged;
}

}  // namespace mentorctl
