#include "yaml/layout.hpp"

#include <yaml.h>

#include <algorithm>

namespace mentorctl {
namespace {

// Deeper than any record file may be (64); guards the recursion on odd input.
constexpr int deepest_layout = 100;

// One libyaml parse of a text, event by event.
class EventStream {
 public:
  explicit EventStream(std::string_view content) {
    yaml_parser_initialize(&parser_);
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(content.data()),
                                 content.size());
  }
  EventStream(const EventStream&) = delete;
  EventStream& operator=(const EventStream&) = delete;
  ~EventStream() {
    release();
    yaml_parser_delete(&parser_);
  }

  // Moves to the next event; false on a syntax error.
  bool next() {
    release();
    if (yaml_parser_parse(&parser_, &event_) == 0) {
      return false;
    }
    filled_ = true;
    return true;
  }
  [[nodiscard]] const yaml_event_t& event() const { return event_; }
  [[nodiscard]] yaml_event_type_t type() const { return event_.type; }

 private:
  void release() {
    if (filled_) {
      yaml_event_delete(&event_);
      filled_ = false;
    }
  }
  yaml_parser_t parser_{};
  yaml_event_t event_{};
  bool filled_ = false;
};

class LayoutReader {
 public:
  LayoutReader(std::string_view content, const TextLines& lines, std::string_view skimmed_list)
      : stream_(content), lines_(lines), skimmed_list_(skimmed_list) {}

  std::optional<LayoutNode> read() {
    if (!stream_.next() || stream_.type() != YAML_STREAM_START_EVENT || !stream_.next() ||
        stream_.type() != YAML_DOCUMENT_START_EVENT || !stream_.next() ||
        stream_.type() != YAML_MAPPING_START_EVENT) {
      return std::nullopt;
    }
    LayoutNode root;
    if (!build(root, 0)) {
      return std::nullopt;
    }
    if (!stream_.next() || stream_.type() != YAML_DOCUMENT_END_EVENT || !stream_.next() ||
        stream_.type() != YAML_STREAM_END_EVENT) {
      return std::nullopt;  // a second document
    }
    return root;
  }

 private:
  // Reads the kind, style and first position of the node whose first event is the
  // current one; a scalar or an alias is then complete (its text kept with `keep_text`).
  // False past the deepest nesting, or on an event that starts no node.
  bool start(LayoutNode& node, int depth, bool keep_text) {
    if (depth > deepest_layout) {
      return false;
    }
    const yaml_event_t& e = stream_.event();
    node.first_line = e.start_mark.line;
    node.first_column = e.start_mark.column;
    node.last_line = e.start_mark.line;
    switch (stream_.type()) {
      case YAML_ALIAS_EVENT:
        node.kind = LayoutNode::Kind::scalar;
        node.last_line = e.end_mark.line;
        return true;
      case YAML_SCALAR_EVENT:
        node.kind = LayoutNode::Kind::scalar;
        if (keep_text) {
          node.text.assign(reinterpret_cast<const char*>(e.data.scalar.value), e.data.scalar.length);
        }
        node.last_line = scalar_last_line(e);
        return true;
      case YAML_SEQUENCE_START_EVENT:
        node.kind = LayoutNode::Kind::sequence;
        node.flow = e.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
        return true;
      case YAML_MAPPING_START_EVENT:
        node.kind = LayoutNode::Kind::map;
        node.flow = e.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
        return true;
      default:
        return false;
    }
  }

  // Builds the node whose first event is the current one; leaves the stream on its last.
  // With `skim_items`, a sequence's items are read for their extent only (skim).
  bool build(LayoutNode& node, int depth, bool skim_items = false) {
    if (!start(node, depth, true)) {
      return false;
    }
    switch (node.kind) {
      case LayoutNode::Kind::scalar:
        return true;
      case LayoutNode::Kind::sequence:
        while (stream_.next() && stream_.type() != YAML_SEQUENCE_END_EVENT) {
          node.items.emplace_back();
          if (!(skim_items ? skim(node.items.back(), depth + 1) : build(node.items.back(), depth + 1))) {
            return false;
          }
          node.last_line = std::max(node.last_line, node.items.back().last_line);
        }
        if (stream_.type() != YAML_SEQUENCE_END_EVENT) {
          return false;
        }
        finish_collection(node);
        return true;
      case LayoutNode::Kind::map:
        while (stream_.next() && stream_.type() != YAML_MAPPING_END_EVENT) {
          LayoutEntry entry;
          if (!build(entry.key, depth + 1) || !stream_.next()) {
            return false;
          }
          const bool skimmed = depth == 0 && !skimmed_list_.empty() && entry.key.kind == LayoutNode::Kind::scalar &&
                               entry.key.text == skimmed_list_;
          if (!build(entry.value, depth + 1, skimmed)) {
            return false;
          }
          node.last_line = std::max({node.last_line, entry.key.last_line, entry.value.last_line});
          node.entries.push_back(std::move(entry));
        }
        if (stream_.type() != YAML_MAPPING_END_EVENT) {
          return false;
        }
        finish_collection(node);
        return true;
    }
    return false;
  }

  // Reads the node whose first event is the current one for its kind, style, first line
  // and column and last line only: no text, entries or items are kept, so a list of a
  // hundred thousand items allocates nothing for their content.
  bool skim(LayoutNode& node, int depth) {
    if (!start(node, depth, false)) {
      return false;
    }
    if (node.kind == LayoutNode::Kind::scalar) {
      return true;
    }
    const yaml_event_type_t end =
        node.kind == LayoutNode::Kind::sequence ? YAML_SEQUENCE_END_EVENT : YAML_MAPPING_END_EVENT;
    while (stream_.next() && stream_.type() != end) {
      LayoutNode child;
      if (!skim(child, depth + 1)) {
        return false;
      }
      node.last_line = std::max(node.last_line, child.last_line);
    }
    if (stream_.type() != end) {
      return false;
    }
    finish_collection(node);  // no items kept: no dash lines either
    return true;
  }

  // The end event of a flow collection sits on its closing bracket; that of a block
  // collection on whatever token follows, so it says nothing about the node.
  void finish_collection(LayoutNode& node) {
    if (node.flow) {
      node.last_line = std::max(node.last_line, stream_.event().end_mark.line);
    } else if (node.kind == LayoutNode::Kind::sequence) {
      node.item_lines = dash_lines(node);
    }
  }

  // The line of each item's '-': the item's first line, or the nearest line above it
  // that starts with '-' at the sequence's column (`-` alone, the item on the next line).
  std::vector<std::size_t> dash_lines(const LayoutNode& sequence) const {
    std::vector<std::size_t> result;
    std::size_t floor = sequence.first_line;
    for (const auto& item : sequence.items) {
      std::size_t dash = item.first_line;
      for (std::size_t line = item.first_line + 1; line-- > floor;) {
        if (is_dash_line(line, sequence.first_column)) {
          dash = line;
          break;
        }
      }
      result.push_back(dash);
      floor = item.last_line + 1;
    }
    return result;
  }

  bool is_dash_line(std::size_t line, std::size_t column) const {
    if (line >= lines_.size()) {
      return false;
    }
    const std::string_view text = lines_.lines[line];
    if (text.size() <= column || text[column] != '-' ||
        text.substr(0, column).find_first_not_of(' ') != std::string_view::npos) {
      return false;
    }
    return text.size() == column + 1 || text[column + 1] == ' ';
  }

  // Plain and quoted scalars end where libyaml says. A block scalar (| or >) ends at the
  // start of the line after it, past blank lines that belong to it only with the keep
  // indicator (+): without it, those lines are trimmed off.
  std::size_t scalar_last_line(const yaml_event_t& e) const {
    const auto style = e.data.scalar.style;
    const std::size_t start = e.start_mark.line;
    std::size_t last = e.end_mark.line;
    if (style != YAML_LITERAL_SCALAR_STYLE && style != YAML_FOLDED_SCALAR_STYLE) {
      return last;
    }
    if (e.end_mark.column == 0 && last > start) {
      --last;
    }
    if (!keeps_trailing_lines(start, e.start_mark.column)) {
      while (last > start && last < lines_.size() &&
             lines_.lines[last].find_first_not_of(' ') == std::string_view::npos) {
        --last;
      }
    }
    return last;
  }

  // Whether the block scalar header at (line, column) — `|+`, `>2+` — has the keep indicator.
  bool keeps_trailing_lines(std::size_t line, std::size_t column) const {
    if (line >= lines_.size()) {
      return false;
    }
    const std::string_view text = lines_.lines[line];
    // Columns count characters (not a byte-order mark): skip `column` of them.
    std::size_t byte = line == 0 && text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    for (std::size_t chars = 0; byte < text.size() && chars < column; ++chars) {
      ++byte;
      while (byte < text.size() && (static_cast<unsigned char>(text[byte]) & 0xC0) == 0x80) {
        ++byte;
      }
    }
    for (std::size_t i = byte; i < text.size() && text[i] != ' ' && text[i] != '#'; ++i) {
      if (text[i] == '+') {
        return true;
      }
    }
    return false;
  }

  EventStream stream_;
  const TextLines& lines_;
  std::string_view skimmed_list_;
};

// Line breaks other than LF and CRLF, which libyaml counts as lines and git does not.
bool has_other_line_breaks(std::string_view content) {
  for (std::size_t i = 0; i < content.size(); ++i) {
    const auto c = static_cast<unsigned char>(content[i]);
    if (c == '\r' && (i + 1 == content.size() || content[i + 1] != '\n')) {
      return true;
    }
    if (c == 0xC2 && i + 1 < content.size() && static_cast<unsigned char>(content[i + 1]) == 0x85) {
      return true;
    }
    if (c == 0xE2 && i + 2 < content.size() && static_cast<unsigned char>(content[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(content[i + 2]) == 0xA8 ||
         static_cast<unsigned char>(content[i + 2]) == 0xA9)) {
      return true;
    }
  }
  return false;
}

}  // namespace

const LayoutNode* LayoutNode::find(std::string_view key) const {
  const LayoutEntry* entry = find_entry(key);
  return entry == nullptr ? nullptr : &entry->value;
}

const LayoutEntry* LayoutNode::find_entry(std::string_view key) const {
  for (const auto& entry : entries) {
    if (entry.key.kind == Kind::scalar && entry.key.text == key) {
      return &entry;
    }
  }
  return nullptr;
}

TextLines split_lines(std::string_view content) {
  TextLines result;
  std::size_t pos = 0;
  while (pos < content.size()) {
    const std::size_t newline = content.find('\n', pos);
    if (newline == std::string_view::npos) {
      result.lines.push_back(content.substr(pos));
      result.ends.emplace_back();
      break;
    }
    std::size_t end = newline;
    if (end > pos && content[end - 1] == '\r') {
      --end;
    }
    result.lines.push_back(content.substr(pos, end - pos));
    result.ends.push_back(content.substr(end, newline + 1 - end));
    pos = newline + 1;
  }
  return result;
}

std::optional<LayoutNode> read_layout(std::string_view content, std::string_view skimmed_list) {
  if (has_other_line_breaks(content)) {
    return std::nullopt;
  }
  const TextLines lines = split_lines(content);
  return LayoutReader(content, lines, skimmed_list).read();
}

}  // namespace mentorctl
