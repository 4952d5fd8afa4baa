#include "yaml/reader.hpp"

#include "yaml/core_schema.hpp"
#include "yaml/text_checks.hpp"

#include <yaml.h>

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace mentorctl {
namespace {

// Thrown inside the reader only, when the rest of the file cannot be read.
struct FatalFileError {};

Mark to_mark(const yaml_mark_t& mark) {
  return Mark{static_cast<std::uint32_t>(mark.line + 1), static_cast<std::uint32_t>(mark.column + 1)};
}

// Owns one libyaml event.
class Event {
 public:
  Event() = default;
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;
  ~Event() { reset(); }
  void reset() {
    if (filled_) {
      yaml_event_delete(&event_);
      filled_ = false;
    }
  }
  yaml_event_t* slot() {
    reset();
    return &event_;
  }
  void mark_filled() { filled_ = true; }
  const yaml_event_t& get() const { return event_; }
  yaml_event_type_t type() const { return event_.type; }

 private:
  yaml_event_t event_{};
  bool filled_ = false;
};

// The keys of one mapping so far, to find duplicates: a scan while there are few (most
// records), an ordered set beyond, so one mapping of a million keys takes n log n steps,
// not n squared. Not a hash set: keys are the file's own bytes, and keys chosen to collide
// under std::hash (whose seed is fixed) would make one quadratic again.
class KeySet {
 public:
  // Adds `key`; false when it was there already.
  bool insert(const std::string& key) {
    if (many_.empty()) {
      if (std::find(few_.begin(), few_.end(), key) != few_.end()) {
        return false;
      }
      if (few_.size() < scan_limit) {
        few_.push_back(key);
        return true;
      }
      many_.insert(few_.begin(), few_.end());
      few_.clear();
    }
    return many_.insert(key).second;
  }

 private:
  static constexpr std::size_t scan_limit = 16;
  std::vector<std::string> few_;
  std::set<std::string, std::less<>> many_;
};

class Reader {
 public:
  Reader(std::string_view content, const std::string& path, Diagnostics& diagnostics)
      : content_(content), path_(path), diagnostics_(diagnostics) {
    yaml_parser_initialize(&parser_);
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(content.data()),
                                 content.size());
  }
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;
  ~Reader() { yaml_parser_delete(&parser_); }

  void next() {
    if (!yaml_parser_parse(&parser_, event_.slot())) {
      const Mark mark = to_mark(parser_.problem_mark);
      // A tab in indentation is the usual cause of a syntax error at or after it; tabs
      // elsewhere (inside block text, after a colon) are legal and never get here.
      if (const auto tab = first_indentation_tab(content_, mark.line)) {
        error(*tab, "tab-indent", "tab character in indentation; YAML indents with spaces only");
        throw FatalFileError{};
      }
      std::string message = parser_.problem != nullptr ? parser_.problem : "invalid YAML";
      if (parser_.context != nullptr) {
        message = fmt::format("{} ({} that starts at line {})", message, parser_.context,
                              parser_.context_mark.line + 1);
      }
      if (std::string_view(message).rfind("mapping values are not allowed", 0) == 0 &&
          deeper_than_its_parent(content_, mark.line)) {
        message += "; check this line's indentation: it is deeper than the line above";
      }
      error(mark, "yaml-syntax", fmt::format("YAML syntax error: {}", message));
      throw FatalFileError{};
    }
    event_.mark_filled();
  }

  const yaml_event_t& event() const { return event_.get(); }
  yaml_event_type_t type() const { return event_.type(); }
  Mark mark() const { return to_mark(event_.get().start_mark); }

  void error(Mark mark, const std::string& code, std::string message) {
    diagnostics_.error(path_, mark, code, std::move(message));
    ++errors_;
  }
  std::size_t errors() const { return errors_; }

  // Refuses anchors and tags on the current node event.
  void check_anchor_and_tag(const yaml_char_t* anchor, const yaml_char_t* tag) {
    if (anchor != nullptr) {
      error(mark(), "anchor-alias",
            fmt::format("anchor '&{}' is not allowed in record files; write the value out in full",
                        reinterpret_cast<const char*>(anchor)));
    }
    if (tag != nullptr) {
      error(mark(), "yaml-tag",
            fmt::format("tag '{}' is not allowed in record files; remove it",
                        reinterpret_cast<const char*>(tag)));
    }
  }

  // From now on, at most `limit` values are built before the file is refused.
  void limit_values(std::size_t limit) { values_limit_ = values_left_ = limit; }

  // Builds the node starting at the current event; leaves the reader on its last event.
  void build(Node& node, int depth) {
    node.mark = mark();
    if (values_left_ == 0) {
      error(node.mark, "too-many-values",
            fmt::format("more than {} values in one field or list item; record files never hold this many",
                        values_limit_));
      throw FatalFileError{};
    }
    --values_left_;
    const yaml_event_t& e = event();
    switch (type()) {
      case YAML_ALIAS_EVENT:
        error(node.mark, "anchor-alias",
              fmt::format("alias '*{}' is not allowed in record files; write the value out in full",
                          reinterpret_cast<const char*>(e.data.alias.anchor)));
        node.kind = Node::Kind::scalar;
        node.scalar = ScalarType::null;
        return;
      case YAML_SCALAR_EVENT: {
        check_anchor_and_tag(e.data.scalar.anchor, e.data.scalar.tag);
        node.kind = Node::Kind::scalar;
        node.text.assign(reinterpret_cast<const char*>(e.data.scalar.value), e.data.scalar.length);
        node.scalar = e.data.scalar.style == YAML_PLAIN_SCALAR_STYLE ? resolve_plain(node.text)
                                                                     : ScalarType::string;
        return;
      }
      case YAML_SEQUENCE_START_EVENT: {
        check_anchor_and_tag(e.data.sequence_start.anchor, e.data.sequence_start.tag);
        check_depth(depth);
        node.kind = Node::Kind::sequence;
        node.flow = e.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
        for (next(); type() != YAML_SEQUENCE_END_EVENT; next()) {
          node.items.emplace_back();
          build(node.items.back(), depth + 1);
        }
        return;
      }
      case YAML_MAPPING_START_EVENT: {
        check_anchor_and_tag(e.data.mapping_start.anchor, e.data.mapping_start.tag);
        check_depth(depth);
        node.kind = Node::Kind::map;
        node.flow = e.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
        KeySet keys;
        for (next(); type() != YAML_MAPPING_END_EVENT; next()) {
          MapEntry entry;
          if (!read_key(entry, depth)) {
            next();
            Node ignored;
            build(ignored, depth + 1);
            continue;
          }
          next();
          build(entry.value, depth + 1);
          if (!keys.insert(entry.key)) {
            error(entry.mark, "duplicate-key",
                  fmt::format("duplicate key '{}' (already given above); keep one of them", entry.key));
            continue;
          }
          node.entries.push_back(std::move(entry));
        }
        return;
      }
      default:
        error(node.mark, "yaml-syntax", "unexpected YAML event");
        throw FatalFileError{};
    }
  }

  // Reads a mapping key at the current event; false (with a diagnostic) when unusable.
  bool read_key(MapEntry& entry, int depth) {
    entry.mark = mark();
    if (type() != YAML_SCALAR_EVENT) {
      Node ignored;
      build(ignored, depth + 1);
      error(entry.mark, "wrong-type", "a mapping key must be plain text, not a list or mapping");
      return false;
    }
    const yaml_event_t& e = event();
    check_anchor_and_tag(e.data.scalar.anchor, e.data.scalar.tag);
    entry.key.assign(reinterpret_cast<const char*>(e.data.scalar.value), e.data.scalar.length);
    if (entry.key == "<<" && e.data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
      error(entry.mark, "anchor-alias",
            "merge key '<<' is not allowed in record files; write the fields out in full");
      return false;
    }
    return true;
  }

  void check_depth(int depth) {
    if (depth >= max_depth) {
      error(mark(), "too-deep",
            fmt::format("nesting deeper than {} levels; record files are never this deep", max_depth));
      throw FatalFileError{};
    }
  }

 private:
  yaml_parser_t parser_{};
  Event event_;
  std::string_view content_;
  const std::string& path_;
  Diagnostics& diagnostics_;
  std::size_t errors_ = 0;
  std::size_t values_limit_ = static_cast<std::size_t>(-1);
  std::size_t values_left_ = values_limit_;
};


// Reads the top-level mapping, streaming the lists the visitor asks for.
void read_document(Reader& reader, DocumentVisitor& visitor, const std::string& path,
                   Diagnostics& diagnostics) {
  reader.next();  // stream start
  reader.next();
  if (reader.type() == YAML_STREAM_END_EVENT) {
    diagnostics.error(path, {1, 1}, "empty-file", "the file is empty; it must hold a YAML mapping");
    throw FatalFileError{};
  }
  reader.next();  // past document start: the root node
  const Mark root_mark = reader.mark();
  if (reader.type() == YAML_SCALAR_EVENT && reader.event().data.scalar.length == 0 &&
      reader.event().data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
    diagnostics.error(path, {1, 1}, "empty-file", "the file is empty; it must hold a YAML mapping");
    throw FatalFileError{};
  }
  if (reader.type() != YAML_MAPPING_START_EVENT) {
    Node root;
    reader.build(root, 0);
    reader.error(root_mark, "wrong-type",
                 fmt::format("the file must hold a mapping of 'key: value' lines, not {}",
                             describe_node(root)));
    throw FatalFileError{};
  }
  reader.check_anchor_and_tag(reader.event().data.mapping_start.anchor,
                              reader.event().data.mapping_start.tag);
  KeySet seen;
  std::size_t keys = 0;
  for (reader.next(); reader.type() != YAML_MAPPING_END_EVENT; reader.next()) {
    if (++keys > visitor.max_values()) {  // the top-level mapping has the same budget
      reader.error(reader.mark(), "too-many-values",
                   fmt::format("more than {} keys in the file; record files never hold this many",
                               visitor.max_values()));
      throw FatalFileError{};
    }
    MapEntry entry;
    const std::size_t errors_before = reader.errors();
    const bool usable = reader.read_key(entry, 0);
    reader.next();
    const bool duplicate = usable && !seen.insert(entry.key);
    if (duplicate) {
      reader.error(entry.mark, "duplicate-key",
                   fmt::format("duplicate key '{}' (already given above); keep one of them", entry.key));
    }
    if (usable && !duplicate && reader.type() == YAML_SEQUENCE_START_EVENT &&
        visitor.streams(entry.key)) {
      const yaml_event_t& e = reader.event();
      entry.value.mark = reader.mark();
      entry.value.kind = Node::Kind::sequence;
      entry.value.flow = e.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
      reader.check_anchor_and_tag(e.data.sequence_start.anchor, e.data.sequence_start.tag);
      const bool list_clean = reader.errors() == errors_before;
      for (reader.next(); reader.type() != YAML_SEQUENCE_END_EVENT; reader.next()) {
        Node item;
        const std::size_t item_errors = reader.errors();
        reader.limit_values(visitor.max_values());
        reader.build(item, 1);
        visitor.on_item(entry.key, item, reader.errors() == item_errors);
      }
      visitor.on_entry(entry, list_clean);
      continue;
    }
    reader.limit_values(visitor.max_values());
    reader.build(entry.value, 1);
    if (!usable || duplicate) {
      continue;
    }
    visitor.on_entry(entry, reader.errors() == errors_before);
  }
  reader.next();  // document end
  reader.next();
  if (reader.type() != YAML_STREAM_END_EVENT) {
    reader.error(reader.mark(), "yaml-syntax",
                 "a second YAML document ('---'); a record file holds exactly one");
    throw FatalFileError{};
  }
}

class TreeVisitor final : public DocumentVisitor {
 public:
  explicit TreeVisitor(Node& root) : root_(root) { root_.kind = Node::Kind::map; }
  [[nodiscard]] bool streams(std::string_view /*key*/) const override { return false; }
  void on_item(std::string_view /*key*/, const Node& /*item*/, bool /*clean*/) override {}
  void on_entry(const MapEntry& entry, bool /*clean*/) override { root_.entries.push_back(entry); }

 private:
  Node& root_;
};

}  // namespace

const Node* Node::find(std::string_view key) const {
  for (const auto& entry : entries) {
    if (entry.key == key) {
      return &entry.value;
    }
  }
  return nullptr;
}

bool same_value(const Node& a, const Node& b) {
  if (a.kind != b.kind) {
    return false;
  }
  switch (a.kind) {
    case Node::Kind::scalar:
      return a.scalar == b.scalar && a.text == b.text;
    case Node::Kind::sequence:
      return std::equal(a.items.begin(), a.items.end(), b.items.begin(), b.items.end(), same_value);
    case Node::Kind::map:
      return std::equal(a.entries.begin(), a.entries.end(), b.entries.begin(), b.entries.end(),
                        [](const MapEntry& x, const MapEntry& y) {
                          return x.key == y.key && same_value(x.value, y.value);
                        });
  }
  return false;
}

std::string describe_node(const Node& node) {
  switch (node.kind) {
    case Node::Kind::map:
      return "a mapping";
    case Node::Kind::sequence:
      return "a list";
    case Node::Kind::scalar:
      break;
  }
  switch (node.scalar) {
    case ScalarType::null:
      return "an empty value";
    case ScalarType::boolean:
      return fmt::format("the boolean {}", node.text);
    case ScalarType::integer:
    case ScalarType::floating:
      return fmt::format("the number {}", node.text);
    case ScalarType::string:
      break;
  }
  return fmt::format("the text \"{}\"", node.text);
}

bool read_yaml(std::string_view content, const std::string& path, Diagnostics& diagnostics,
               DocumentVisitor& visitor) {
  if (!precheck(content, path, diagnostics)) {
    return false;
  }
  Reader reader(content, path, diagnostics);
  try {
    read_document(reader, visitor, path, diagnostics);
  } catch (const FatalFileError&) {
    return false;
  }
  return true;
}

bool read_yaml_tree(std::string_view content, const std::string& path, Diagnostics& diagnostics,
                    Node& out) {
  out = Node{};
  TreeVisitor visitor(out);
  return read_yaml(content, path, diagnostics, visitor);
}

}  // namespace mentorctl
