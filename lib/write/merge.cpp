#include "write/merge.hpp"

#include "yaml/layout.hpp"

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

bool starts_with(const std::vector<Lines>& items, const std::vector<Lines>& prefix) {
  return items.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), items.begin());
}

std::size_t count_items(std::string_view content) {
  const auto layout = read_layout(content);
  if (!layout) {
    return static_cast<std::size_t>(-1);
  }
  for (const auto& entry : layout->entries) {
    if (entry.value.kind == LayoutNode::Kind::sequence) {
      return entry.value.items.size();
    }
  }
  return 0;
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
    ++ours_added[o->items[i]];
  }
  std::vector<const Lines*> theirs_added;
  for (std::size_t i = b->items.size(); i < t->items.size(); ++i) {
    auto it = ours_added.find(t->items[i]);
    if (it != ours_added.end() && it->second > 0) {
      --it->second;
      continue;
    }
    theirs_added.push_back(&t->items[i]);
  }
  const std::size_t expected = o->items.size() + theirs_added.size();

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
  for (const Lines* item : theirs_added) {
    emit(*item, false);
  }
  emit(*tail->lines, tail->ours);
  if (count_items(merged) != expected) {
    return std::nullopt;  // e.g. the two sides indented a new list differently
  }
  return merged;
}

}  // namespace mentorctl
