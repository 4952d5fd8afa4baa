// libFuzzer target: the git merge driver (SPEC 6.3). Random base, ours and theirs: the
// driver either declines (git's own three-way merge then decides, with conflict markers
// where the sides disagree) or returns a file that parses, whose list holds ours'
// entries first, in order, each exactly as written, then entries of theirs; no entry of
// either side is lost, none is changed, none appears from nowhere, and every other
// top-level key holds ours' or theirs' value. Build with -DMENTORCTL_FUZZ=ON and clang
// (tests/fuzz/run.sh). Input: base, ours and theirs as FuzzedDataProvider strings.
#include "write/merge.hpp"
#include "yaml/reader.hpp"

#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using mentorctl::MapEntry;
using mentorctl::Node;

void require(bool condition) {
  if (!condition) {
    __builtin_trap();
  }
}

// A file read as a mapping without errors; an empty text is an empty mapping (a file
// one side added).
std::optional<Node> parse(std::string_view text) {
  Node root;
  root.kind = Node::Kind::map;
  if (text.empty()) {
    return root;
  }
  mentorctl::Diagnostics diagnostics;
  if (!mentorctl::read_yaml_tree(text, "fuzz.yaml", diagnostics, root) || diagnostics.error_count() > 0 ||
      !root.is_map()) {
    return std::nullopt;
  }
  return root;
}

const std::vector<Node>* list_of(const Node& root) {
  for (const auto& entry : root.entries) {
    if (entry.value.is_sequence()) {
      return &entry.value.items;
    }
  }
  return nullptr;
}

std::size_t count_of(const std::vector<Node>& items, const Node& value) {
  std::size_t n = 0;
  for (const auto& item : items) {
    n += mentorctl::same_value(item, value) ? 1 : 0;
  }
  return n;
}

void check_merged(const std::string& merged, const Node& ours, const Node& theirs) {
  const auto result = parse(merged);
  require(result.has_value());
  static const std::vector<Node> none;
  const std::vector<Node>* m = list_of(*result);
  const std::vector<Node>* o = list_of(ours);
  const std::vector<Node>* t = list_of(theirs);
  const std::vector<Node>& mi = m != nullptr ? *m : none;
  const std::vector<Node>& oi = o != nullptr ? *o : none;
  const std::vector<Node>& ti = t != nullptr ? *t : none;
  // Ours' entries first, in order, as written.
  require(mi.size() >= oi.size());
  for (std::size_t i = 0; i < oi.size(); ++i) {
    require(mentorctl::same_value(mi[i], oi[i]));
  }
  // Nothing lost from either side, nothing new: each value as often as the side that has
  // it more often, and every merged value comes from a side.
  for (const auto& item : ti) {
    require(count_of(mi, item) >= count_of(ti, item));
  }
  for (const auto& item : mi) {
    const std::size_t in_ours = count_of(oi, item);
    const std::size_t in_theirs = count_of(ti, item);
    require(in_ours + in_theirs > 0);
    require(count_of(mi, item) <= in_ours + in_theirs);
  }
  // The other keys hold one side's value.
  for (const MapEntry& entry : result->entries) {
    if (entry.value.is_sequence()) {
      continue;
    }
    const Node* a = ours.find(entry.key);
    const Node* b = theirs.find(entry.key);
    require((a != nullptr && mentorctl::same_value(*a, entry.value)) ||
            (b != nullptr && mentorctl::same_value(*b, entry.value)));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider fuzz(data, size);
  const std::string base = fuzz.ConsumeRandomLengthString(size);
  const std::string ours = fuzz.ConsumeRandomLengthString(size);
  const std::string theirs = fuzz.ConsumeRemainingBytesAsString();

  const auto merged = mentorctl::merge_record_files(base, ours, theirs);
  if (!merged) {
    return 0;  // declined: git's three-way merge decides
  }
  const auto o = parse(ours);
  const auto t = parse(theirs);
  if (!o || !t) {
    return 0;  // a side with errors: `check` reports them after the merge
  }
  check_merged(*merged, *o, *t);
  // Merging a side with an unchanged other side gives that side's values back.
  if (const auto same = mentorctl::merge_record_files(base, ours, base)) {
    const auto back = parse(*same);
    require(back.has_value() && mentorctl::same_value(*back, *o));
  }
  return 0;
}
