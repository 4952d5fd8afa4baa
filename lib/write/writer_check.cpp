// The checks of a write before anything is replaced: the new text must read back as the
// old content plus exactly the new items, and the repository with it must have no new
// error (the diagnostics before and after, compared).
#include "write/writer_internal.hpp"

#include "yaml/reader.hpp"

#include <algorithm>
#include <optional>
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

void encode_length(std::size_t n, std::string& out) {
  out.append(reinterpret_cast<const char*>(&n), sizeof n);
}

// A byte string equal for two nodes exactly when same_value holds: kinds, scalar types,
// texts and keys, each text prefixed by its length.
void encode_value(const Node& node, std::string& out) {
  out += static_cast<char>(node.kind);
  switch (node.kind) {
    case Node::Kind::scalar:
      out += static_cast<char>(node.scalar);
      encode_length(node.text.size(), out);
      out += node.text;
      return;
    case Node::Kind::sequence:
      encode_length(node.items.size(), out);
      for (const Node& item : node.items) {
        encode_value(item, out);
      }
      return;
    case Node::Kind::map:
      encode_length(node.entries.size(), out);
      for (const MapEntry& entry : node.entries) {
        encode_length(entry.key.size(), out);
        out += entry.key;
        encode_value(entry.value, out);
      }
      return;
  }
}

Node empty_map() {
  Node map;
  map.kind = Node::Kind::map;
  return map;
}

// One text read with the list at the address's key delivered item by item, so that no
// tree of a 16 MiB file is built: its top-level entries (that list's without items), and
// each item encoded, except those kept whole: the items from `keep_from` on, and the
// last item holding the nested list (a session by its id).
class ListStream final : public DocumentVisitor {
 public:
  ListStream(const ListAddress& address, std::size_t keep_from) : address_(address), keep_from_(keep_from) {}

  [[nodiscard]] bool streams(std::string_view key) const override { return key == address_.key; }
  void on_item(std::string_view /*key*/, const Node& item, bool /*clean*/) override {
    const std::size_t index = items.size();
    items.emplace_back();
    encode_value(item, items.back());
    if (index >= keep_from_) {
      kept.push_back(item);
    }
    if (!address_.item_key.empty() && item.is_map()) {
      const Node* id = item.find(address_.item_key);
      if (id != nullptr && id->is_scalar() && id->text == address_.item_value) {
        holder = item;
        holder_index = index;
      }
    }
  }
  void on_entry(const MapEntry& entry, bool /*clean*/) override {
    if (entry.key == address_.key) {
      list_is_sequence = entry.value.is_sequence();
      list_seen = true;
    }
    top.entries.push_back(entry);
  }

  Node top = empty_map();
  bool list_seen = false;
  bool list_is_sequence = false;
  std::vector<std::string> items;  // encoded, in order
  std::vector<Node> kept;          // the items from keep_from on
  std::optional<Node> holder;
  std::size_t holder_index = 0;

 private:
  const ListAddress& address_;
  std::size_t keep_from_;
};

// Whether the nested list of the old holder item, plus `items`, is that of the new one,
// and the holders agree on everything else.
bool nested_reads_back(Node old_holder, Node new_holder, const ListAddress& address,
                       const std::vector<NewItem>& items) {
  const Node* old_list = find_value(old_holder, address.nested_key);
  const std::size_t old_count = old_list == nullptr ? 0 : old_list->items.size();
  Node* new_list = find_value(new_holder, address.nested_key);
  if (new_list == nullptr || !new_list->is_sequence() || new_list->items.size() != old_count + items.size()) {
    return false;
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!reads_as(new_list->items[old_count + i], items[i])) {
      return false;
    }
  }
  new_list->items.resize(old_count);
  if (old_list == nullptr) {
    std::erase_if(new_holder.entries, [&](const MapEntry& e) { return e.key == address.nested_key; });
  }
  return same_value(old_holder, new_holder);
}

}  // namespace

bool reads_back(std::optional<std::string_view> old_content, std::string_view new_content,
                const ListAddress& address, const std::vector<NewItem>& items,
                const std::vector<std::pair<std::string, std::string>>& new_file_header) {
  Diagnostics ignored;
  const bool nested = !address.item_key.empty();
  ListStream before(address, static_cast<std::size_t>(-1));
  if (old_content) {
    if (!read_yaml(*old_content, "old", ignored, before)) {
      return false;
    }
  } else {
    for (const auto& [key, value] : new_file_header) {
      Node scalar;
      scalar.scalar = ScalarType::string;
      scalar.text = value;
      before.top.entries.push_back(MapEntry{key, {}, scalar});
    }
    Node empty_list;
    empty_list.kind = Node::Kind::sequence;
    before.top.entries.push_back(MapEntry{address.key, {}, empty_list});
    before.list_seen = before.list_is_sequence = true;
  }
  const std::size_t old_count = before.items.size();
  ListStream after(address, nested ? static_cast<std::size_t>(-1) : old_count);
  if (!read_yaml(new_content, "new", ignored, after)) {
    return false;
  }
  // The list itself: a sequence in the new text, the old items unchanged in it (the
  // holder aside), and the new items at its end (or in the holder's nested list).
  if (!after.list_is_sequence || after.items.size() != old_count + (nested ? 0 : items.size())) {
    return false;
  }
  if (nested) {
    if (!before.holder || !after.holder || before.holder_index != after.holder_index ||
        !nested_reads_back(std::move(*before.holder), std::move(*after.holder), address, items)) {
      return false;
    }
  } else {
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (!reads_as(after.kept[i], items[i])) {
        return false;
      }
    }
  }
  for (std::size_t i = 0; i < old_count; ++i) {
    if (!(nested && i == before.holder_index) && before.items[i] != after.items[i]) {
      return false;
    }
  }
  // Everything else: the top-level entries, the list's without its items.
  return same_value(before.top, after.top);
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
