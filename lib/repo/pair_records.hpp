// Records about two people, grouped by the pair: a mentor's log entries about one mentee,
// an observer's observations of one mentee.
#pragma once

#include "model/records.hpp"

#include <algorithm>
#include <functional>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace mentorctl {

/// A log entry as the pair rules read it: the fields they read of every entry are copied
/// next to those of the pair's other entries, which the records scatter.
struct LogItem {
  const LogEntry* entry = nullptr;
  Date date;
  bool names_program = false;  // entry->program is set
  bool completes = false;      // entry->completes is not empty
  std::int64_t minutes = 0;
};

/// An observation as the pair rules read it.
struct ObservationItem {
  const Observation* observation = nullptr;
  Date date;
};

/// Records about two people (a mentor and a mentee, an observer and a mentee) as `Item`s
/// (LogItem, ...), grouped by the pair, each pair's by date and then in the records'
/// order. Holds views of the records' ids.
template <typename Item>
class PairRecords {
 public:
  /// `outer` and `inner` give the two ids of a record, `make_item` its Item. Records of one
  /// outer id mostly come together (a file each), so it is looked up once per run; an outer
  /// id has few inner ones.
  template <typename Record, typename Outer, typename Inner, typename MakeItem>
  PairRecords(const std::vector<Record>& records, Outer outer, Inner inner, MakeItem make_item) {
    std::string_view current;
    std::vector<Pair>* pairs = nullptr;
    for (const Record& record : records) {
      const std::string_view first = outer(record);
      if (pairs == nullptr || first != current) {
        current = first;
        pairs = &by_outer_[first];
      }
      const std::string_view second = inner(record);
      auto pair =
          std::find_if(pairs->begin(), pairs->end(), [&](const Pair& p) { return p.inner == second; });
      if (pair == pairs->end()) {
        pair = pairs->insert(pairs->end(), Pair{second, {}});
      }
      pair->items.push_back(make_item(record));
    }
    const auto earlier = [](const Item& a, const Item& b) { return a.date < b.date; };
    for (auto& [id, pairs_of_id] : by_outer_) {
      for (auto& pair : pairs_of_id) {
        if (!std::is_sorted(pair.items.begin(), pair.items.end(), earlier)) {
          std::stable_sort(pair.items.begin(), pair.items.end(), earlier);
        }
      }
    }
  }

  /// The items of a pair, by date.
  [[nodiscard]] std::span<const Item> of(std::string_view outer, std::string_view inner) const {
    const auto it = by_outer_.find(outer);
    if (it != by_outer_.end()) {
      for (const Pair& pair : it->second) {
        if (pair.inner == inner) {
          return pair.items;
        }
      }
    }
    return {};
  }

 private:
  struct Pair {
    std::string_view inner;
    std::vector<Item> items;
  };
  std::unordered_map<std::string_view, std::vector<Pair>> by_outer_;
};

/// Two ids (a program and a person, ...), as views of ids held by the records.
struct IdPair {
  std::string_view first;
  std::string_view second;
  bool operator==(const IdPair&) const = default;
};

struct IdPairHash {
  std::size_t operator()(const IdPair& ids) const {
    const std::hash<std::string_view> hash;
    return hash(ids.first) * 31 + hash(ids.second);
  }
};

}  // namespace mentorctl
