// The checks of a write before anything is replaced: the new text must read back as the
// old content plus exactly the new items, and the repository with it must have no new
// error (the diagnostics before and after, compared).
#include "write/writer_internal.hpp"

#include "yaml/reader.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace mentorctl::writer_detail {

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

}  // namespace

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

namespace {

using DiagnosticKey = std::tuple<std::string, Severity, std::string, std::string>;

std::map<DiagnosticKey, int> count_diagnostics(const Diagnostics& diagnostics) {
  std::map<DiagnosticKey, int> counts;
  for (const auto& d : diagnostics.items()) {
    ++counts[{d.file, d.severity, d.code, d.message}];
  }
  return counts;
}

}  // namespace

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

}  // namespace mentorctl::writer_detail
