// Reading YAML record files: safety checks on the raw bytes, then libyaml's event
// parser feeding small nodes. Bulk lists (log entries, observations) are delivered one
// item at a time so a large file never becomes one tree.
#pragma once

#include "model/diagnostics.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mentorctl {

/// YAML 1.2 core-schema type of a scalar (quoted and block scalars are strings).
enum class ScalarType : std::uint8_t { null, boolean, integer, floating, string };

struct MapEntry;

/// A small YAML node with its position. Anchors, aliases and tags never reach it.
struct Node {
  enum class Kind : std::uint8_t { scalar, map, sequence };
  Kind kind = Kind::scalar;
  ScalarType scalar = ScalarType::null;
  bool flow = false;  // a flow collection (`[a, b]`, `{a: 1}`)
  Mark mark;
  std::string text;               // scalar text
  std::vector<MapEntry> entries;  // map
  std::vector<Node> items;        // sequence

  [[nodiscard]] bool is_scalar() const { return kind == Kind::scalar; }
  [[nodiscard]] bool is_map() const { return kind == Kind::map; }
  [[nodiscard]] bool is_sequence() const { return kind == Kind::sequence; }
  /// The value of `key` in a map, or nullptr.
  [[nodiscard]] const Node* find(std::string_view key) const;
};

struct MapEntry {
  std::string key;
  Mark mark;  // of the key
  Node value;
};

/// True when two nodes read as the same value: kinds, scalar types and texts, keys in
/// order; positions and flow style aside.
bool same_value(const Node& a, const Node& b);

/// Describes a scalar's YAML type for messages: "a list", "the number 3", ...
std::string describe_node(const Node& node);

/// Receives the top-level keys of a document that is a mapping.
class DocumentVisitor {
 public:
  DocumentVisitor() = default;
  DocumentVisitor(const DocumentVisitor&) = delete;
  DocumentVisitor& operator=(const DocumentVisitor&) = delete;
  virtual ~DocumentVisitor() = default;

  /// True when the items of this top-level key, if it holds a block or flow sequence,
  /// are to be delivered one by one to on_item.
  [[nodiscard]] virtual bool streams(std::string_view key) const = 0;
  /// One item of a streamed list; `clean` is false when the reader reported an error
  /// inside it (the item should then be skipped).
  virtual void on_item(std::string_view key, const Node& item, bool clean) = 0;
  /// A top-level key and its value. For a streamed list the value is a sequence node
  /// without items (they went to on_item before).
  virtual void on_entry(const MapEntry& entry, bool clean) = 0;

  /// The most values (scalars, lists and mappings) one top-level value or one streamed
  /// item may hold; beyond it the file is refused (`too-many-values`), so that no shape
  /// of a file builds a tree much larger than what records ever hold.
  [[nodiscard]] virtual std::size_t max_values() const { return static_cast<std::size_t>(-1); }
};

/// Limits of SPEC 7.
inline constexpr std::size_t max_file_size = 16u * 1024u * 1024u;
inline constexpr int max_depth = 64;
/// What the loader allows one top-level value or list item (DocumentVisitor::max_values).
inline constexpr std::size_t max_values_per_value = 100'000;

/// Checks raw bytes (UTF-8, conflict markers, tabs in indentation) and parses them.
/// Returns false when the file could not be read as a whole: the caller then ignores
/// everything the visitor received. Diagnostics go to `diagnostics` under `path`.
bool read_yaml(std::string_view content, const std::string& path, Diagnostics& diagnostics,
               DocumentVisitor& visitor);

/// Parses a small document into one node (for tests and small files); nullopt-like
/// result signalled by returning false.
bool read_yaml_tree(std::string_view content, const std::string& path, Diagnostics& diagnostics,
                    Node& out);

}  // namespace mentorctl
