// libFuzzer target: the writer's text edit (SPEC 6.3). A random existing file and a
// random new item: either the append is refused with a message, or the new text keeps
// every old byte (a missing final line end added, `key: []` turned into `key:`), holds the
// added lines where it says, parses, and reads back as the old values plus exactly the new
// item. New files read back as their header and items. Build with -DMENTORCTL_FUZZ=ON and
// clang (tests/fuzz/run.sh).
#include "util/utf8.hpp"
#include "write/writer.hpp"
#include "yaml/layout.hpp"
#include "yaml/reader.hpp"

#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using mentorctl::ItemField;
using mentorctl::Node;

void require(bool condition) {
  if (!condition) {
    __builtin_trap();
  }
}

Node string_node(const std::string& text) {
  Node node;
  node.scalar = mentorctl::ScalarType::string;
  node.text = text;
  return node;
}

// The value a canonical text (a date, a duration, a boolean, a number) reads as.
Node canonical_node(const std::string& text) {
  mentorctl::Diagnostics ignored;
  Node document;
  require(mentorctl::read_yaml_tree("v: " + text + "\n", "canonical.yaml", ignored, document) &&
          document.is_map() && document.entries.size() == 1);
  return document.entries[0].value;
}

// The values the item was built from, as a parsed node: compared with what the new text
// reads as, independently of the writer's own read-back, so a mistake there shows too.
Node expected_node(const mentorctl::NewItem& item) {
  if (item.is_scalar()) {
    return string_node(item.scalar_text());
  }
  Node map;
  map.kind = Node::Kind::map;
  for (const ItemField& field : item.fields()) {
    Node value;
    if (field.form == ItemField::Form::text) {
      value = string_node(field.text);
    } else if (field.form == ItemField::Form::canonical) {
      value = canonical_node(field.text);
    } else {
      value.kind = Node::Kind::sequence;
      for (const auto& text : field.items) {
        value.items.push_back(string_node(text));
      }
    }
    map.entries.push_back({field.key, {}, std::move(value)});
  }
  return map;
}

Node* value_of(Node& map, std::string_view key) { return const_cast<Node*>(map.find(key)); }

// The list an address names in a parsed file, and the map that holds it.
struct Found {
  Node* holder = nullptr;
  Node* list = nullptr;
};

Found find_list(Node& root, const mentorctl::ListAddress& address) {
  if (!root.is_map()) {
    return {};
  }
  Node* top = value_of(root, address.key);
  if (address.item_key.empty() || top == nullptr || !top->is_sequence()) {
    return {&root, top};
  }
  Found found;
  for (auto& item : top->items) {
    const Node* id = item.is_map() ? item.find(address.item_key) : nullptr;
    if (id != nullptr && id->is_scalar() && id->text == address.item_value) {
      found = {&item, value_of(item, address.nested_key)};
    }
  }
  return found;
}

std::optional<Node> parse(std::string_view text) {
  mentorctl::Diagnostics diagnostics;
  Node node;
  if (!mentorctl::read_yaml_tree(text, "fuzz.yaml", diagnostics, node) || diagnostics.error_count() > 0) {
    return std::nullopt;
  }
  return node;
}

// The new text is the old one, line for line, with the added lines at first_added_line.
void check_old_bytes_kept(std::string_view old_text, const mentorctl::AppendedText& result) {
  const auto before = mentorctl::split_lines(old_text);
  const auto after = mentorctl::split_lines(result.content);
  require(after.size() == before.size() + result.added_lines.size());
  require(result.first_added_line >= 1);
  const std::size_t first = result.first_added_line - 1;
  require(first + result.added_lines.size() <= after.size());
  for (std::size_t i = 0; i < result.added_lines.size(); ++i) {
    require(after.lines[first + i] == result.added_lines[i]);
    require(!after.ends[first + i].empty());
  }
  std::size_t converted = 0;
  for (std::size_t i = 0, j = 0; i < before.size(); ++i, ++j) {
    if (j == first) {
      j += result.added_lines.size();
    }
    if (after.lines[j] != before.lines[i]) {
      // Only `key: []` may change, to `key:` with whatever followed the brackets.
      require(!result.converted_line.empty() && after.lines[j] == result.converted_line);
      ++converted;
    }
    require(before.ends[i].empty() ? !after.ends[j].empty() : after.ends[j] == before.ends[i]);
  }
  require(converted <= 1);
}

// Parsed, the new text is the old values plus exactly the items at the end of the list.
void check_reads_back(const Node& old_root, std::string_view new_text, const mentorctl::ListAddress& address,
                      const mentorctl::NewItem& item) {
  auto parsed = parse(new_text);
  require(parsed.has_value());
  Node old_copy = old_root;
  const Found old_found = find_list(old_copy, address);
  const std::size_t old_count =
      old_found.list != nullptr && old_found.list->is_sequence() ? old_found.list->items.size() : 0;
  const Found found = find_list(*parsed, address);
  require(found.list != nullptr && found.list->is_sequence());
  require(found.list->items.size() == old_count + 1);
  require(mentorctl::same_value(found.list->items.back(), expected_node(item)));
  found.list->items.pop_back();
  if (old_found.list == nullptr) {
    // A nested list the old text lacked was added as a new key of its item.
    require(found.holder != nullptr);
    std::erase_if(found.holder->entries,
                  [&](const mentorctl::MapEntry& e) { return e.key == address.nested_key; });
  }
  require(mentorctl::same_value(old_root, *parsed));
}

std::optional<std::string> utf8_text(FuzzedDataProvider& fuzz, std::size_t max_length) {
  std::string text = fuzz.ConsumeRandomLengthString(max_length);
  if (!mentorctl::is_valid_utf8(text)) {
    return std::nullopt;  // the commands refuse such arguments before any write
  }
  return text;
}

std::optional<mentorctl::NewItem> make_item(FuzzedDataProvider& fuzz, bool scalar) {
  if (scalar) {
    auto text = utf8_text(fuzz, 40);
    return text ? std::optional(mentorctl::NewItem::scalar(*text)) : std::nullopt;
  }
  static const char* const keys[] = {"date",  "mentee", "duration",   "kind",
                                     "notes", "topics", "milestones", "evidence"};
  static const char* const canonical[] = {"2026-09-14", "1h30m", "45m", "true", "false", "3"};
  mentorctl::NewItem item;
  for (const char* key : keys) {
    switch (fuzz.ConsumeIntegralInRange<int>(0, 4)) {
      case 0:
        break;  // not in this item
      case 1: {
        auto text = utf8_text(fuzz, 200);
        if (!text) {
          return std::nullopt;
        }
        item.text(key, *text);
        break;
      }
      case 2:
        item.canonical(key, fuzz.PickValueInArray(canonical));
        break;
      default: {
        std::vector<std::string> values(fuzz.ConsumeIntegralInRange<std::size_t>(0, 3));
        for (auto& value : values) {
          auto text = utf8_text(fuzz, 40);
          if (!text) {
            return std::nullopt;
          }
          value = *text;
        }
        if (fuzz.ConsumeBool()) {
          item.flow_list(key, values);
        } else {
          item.block_list(key, values);
        }
      }
    }
  }
  if (item.fields().empty()) {
    item.text("notes", "x");
  }
  return item;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider fuzz(data, size);
  const int shape = fuzz.ConsumeIntegralInRange<int>(0, 2);
  mentorctl::ListAddress address{"entries", "", "", ""};
  if (shape == 1) {
    address = {"sessions", "id", "s1", "attendees"};
  }
  const auto item = make_item(fuzz, shape == 1);
  if (!item) {
    return 0;
  }
  if (shape == 2) {
    // A new file: its header and the item.
    auto mentor = utf8_text(fuzz, 40);
    if (!mentor) {
      return 0;
    }
    const auto text = mentorctl::new_file_text({{"mentor", *mentor}}, "entries", {*item});
    Node empty;
    empty.kind = Node::Kind::map;
    Node header;
    header.scalar = mentorctl::ScalarType::string;
    header.text = *mentor;
    empty.entries.push_back({"mentor", {}, header});
    Node list;
    list.kind = Node::Kind::sequence;
    empty.entries.push_back({"entries", {}, list});
    check_reads_back(empty, text.content, address, *item);
    return 0;
  }
  const std::string old_text = fuzz.ConsumeRemainingBytesAsString();
  const auto old_root = parse(old_text);
  if (!old_root) {
    return 0;  // a file with errors is never written (the write refuses before this step)
  }
  const auto appended = mentorctl::append_to_list(old_text, address, {*item});
  if (!appended) {
    require(!appended.error().message.empty());
    return 0;
  }
  check_old_bytes_kept(old_text, appended.value());
  check_reads_back(*old_root, appended.value().content, address, *item);
  return 0;
}
