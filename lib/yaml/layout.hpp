// Where the nodes of a YAML file lie, line by line: what the writer and the merge driver
// need to insert lines into a file, or cut it into entries, without re-dumping it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mentorctl {

struct LayoutEntry;

/// A YAML node and the lines it occupies. Lines and columns are 0-based; columns count
/// characters as libyaml does (indentation is ASCII spaces, so they are bytes there).
struct LayoutNode {
  enum class Kind : std::uint8_t { scalar, sequence, map };
  Kind kind = Kind::scalar;
  bool flow = false;                    // `[a, b]` or `{a: 1}`
  std::size_t first_line = 0;           // block sequence: the line of its first '-'
  std::size_t first_column = 0;         // block sequence: the column of its '-'; block map: of its keys
  std::size_t last_line = 0;            // the last line holding a character of the node's content
  std::string text;                     // scalar value
  std::vector<LayoutEntry> entries;     // map
  std::vector<LayoutNode> items;        // sequence
  std::vector<std::size_t> item_lines;  // block sequence: the line of each item's '-'

  /// The value of `key` in a map, or nullptr.
  [[nodiscard]] const LayoutNode* find(std::string_view key) const;
  /// The entry of `key` in a map, or nullptr.
  [[nodiscard]] const LayoutEntry* find_entry(std::string_view key) const;
};

struct LayoutEntry {
  LayoutNode key;
  LayoutNode value;
};

/// The lines of a text, split at '\n' (a '\r' before it stays part of the line end).
struct TextLines {
  std::vector<std::string_view> lines;  // without their line ends
  std::vector<std::string_view> ends;   // "\n", "\r\n", or "" for a last line without one
  [[nodiscard]] std::size_t size() const { return lines.size(); }
};

/// Splits `content` into lines.
TextLines split_lines(std::string_view content);

/// Reads the layout of a document whose root is a mapping. Nullopt when the text is not
/// such a YAML document, or holds line breaks that are not '\n' or "\r\n" (a lone CR,
/// U+0085, U+2028, U+2029), since libyaml would count lines differently from git.
/// The items of the top-level list under `skimmed_list` (when given) are read for their
/// kind, style and lines only, without text, entries or items of their own: what an
/// append to the end of that list needs, at a fraction of the cost in a large file.
std::optional<LayoutNode> read_layout(std::string_view content, std::string_view skimmed_list = {});

}  // namespace mentorctl
