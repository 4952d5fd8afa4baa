// The byte format of the cache's files (cache.hpp, results.hpp): a minimal archive of
// little-endian base-128 varints and length-prefixed strings, read back with every count
// and length checked against the bytes left, so a damaged or forged file decodes as
// "malformed" and never as wrong records or a huge allocation. One file's records and
// diagnostics (a "part") are written and read here.
#pragma once

#include "load/loader.hpp"
#include "model/records.hpp"

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>

namespace mentorctl {

/// Where one file's records go in the merged vectors (each pointer has room for the
/// file's count of that kind).
struct PartSlots {
  Calendar* calendars = nullptr;
  Person* people = nullptr;
  Program* programs = nullptr;
  Pairing* pairings = nullptr;
  LogEntry* logs = nullptr;
  Observation* observations = nullptr;
  TrainingSession* sessions = nullptr;
  Application* applications = nullptr;
  Evidence* evidence = nullptr;
  Certificate* certificates = nullptr;
  Person* rejected_people = nullptr;
  RejectedReference* rejected_references = nullptr;
};

/// Calls `visit(kind index, &Records::<vector>, &PartSlots::<pointer>)` for every kind of
/// record a file can hold, always in this order: the order of the cache's bytes, of
/// PartCounts and of a merge.
template <typename Visit>
void for_each_record_kind(Visit&& visit) {
  visit(0, &Records::calendars, &PartSlots::calendars);
  visit(1, &Records::people, &PartSlots::people);
  visit(2, &Records::programs, &PartSlots::programs);
  visit(3, &Records::pairings, &PartSlots::pairings);
  visit(4, &Records::logs, &PartSlots::logs);
  visit(5, &Records::observations, &PartSlots::observations);
  visit(6, &Records::sessions, &PartSlots::sessions);
  visit(7, &Records::applications, &PartSlots::applications);
  visit(8, &Records::evidence, &PartSlots::evidence);
  visit(9, &Records::certificates, &PartSlots::certificates);
  visit(10, &Records::rejected_people, &PartSlots::rejected_people);
  visit(11, &Records::rejected_references, &PartSlots::rejected_references);
}

/// The kinds from this index on are not records but what `check` keeps of rejected ones.
inline constexpr std::size_t first_rejected_kind = 10;

/// How many records of each kind a file holds, in for_each_record_kind's order.
using PartCounts = std::array<std::uint32_t, 12>;
PartCounts part_counts(const Records& part);

/// One file's records and diagnostics, serialized (the file's part of a load).
std::string serialize_part(const Records& part, const FileInfo& info);

/// Reads what serialize_part wrote straight into `slots`, which must hold `counts`;
/// every record's Source gets `file_index`;
/// diagnostics are appended to `diagnostics`. False when the bytes are malformed or
/// hold other counts (then the slots' contents are unspecified).
bool deserialize_part_into(std::string_view bytes, std::uint32_t file_index, const PartCounts& counts,
                           const PartSlots& slots, FileInfo& info, Diagnostics& diagnostics);

namespace archive {

// Bump when the layout of a cache file or any serialized record type changes.
inline constexpr std::uint64_t format_version = 6;
// How every file the cache writes begins.
inline constexpr std::string_view magic = "mentorctl-cache\n";

// The identity of the running program: a rebuilt mentorctl may decode differently, so
// it never trusts another build's cache.
std::string build_stamp();

// The fewest bytes a part with these counts takes: a forged count larger than its
// blob could hold is refused before anything is allocated for it.
std::uint64_t min_part_bytes(const PartCounts& counts);

// Writer writes and Reader reads, every count and length bounded by the bytes left. The
// io() overloads (for integers here, for records in archive.cpp) do both, so the two
// cannot drift apart.

struct Writer {
  static constexpr bool loading = false;
  std::string& out;

  void varint(std::uint64_t value) {
    while (value >= 0x80) {
      out.push_back(static_cast<char>((value & 0x7f) | 0x80));
      value >>= 7;
    }
    out.push_back(static_cast<char>(value));
  }
  void bytes(std::string_view text) {
    varint(text.size());
    out.append(text);
  }
};

struct Reader {
  static constexpr bool loading = true;
  const char* at;
  const char* end;
  std::uint32_t file_index = 0;
  bool ok = true;

  std::uint64_t varint() {
    std::uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (at == end) {
        ok = false;
        return 0;
      }
      const auto byte = static_cast<unsigned char>(*at++);
      value |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) {
        return value;
      }
    }
    ok = false;
    return 0;
  }
  std::string_view bytes() {
    const std::uint64_t size = varint();
    if (!ok || size > static_cast<std::uint64_t>(end - at)) {
      ok = false;
      return {};
    }
    std::string_view text(at, size);
    at += size;
    return text;
  }
  // A count of items, each at least one byte long: more than the bytes left is corrupt.
  std::size_t count() {
    const std::uint64_t n = varint();
    if (n > static_cast<std::uint64_t>(end - at)) {
      ok = false;
      return 0;
    }
    return static_cast<std::size_t>(n);
  }
};

inline std::uint64_t zigzag(std::int64_t value) {
  return (static_cast<std::uint64_t>(value) << 1) ^ static_cast<std::uint64_t>(value >> 63);
}
inline std::int64_t unzigzag(std::uint64_t value) {
  return static_cast<std::int64_t>(value >> 1) ^ -static_cast<std::int64_t>(value & 1);
}

template <typename T>
requires std::is_integral_v<T>
void io(Writer& w, T& value) {
  if constexpr (std::is_same_v<T, bool>) {
    w.varint(value ? 1 : 0);
  } else if constexpr (std::is_signed_v<T>) {
    w.varint(zigzag(static_cast<std::int64_t>(value)));
  } else {
    w.varint(static_cast<std::uint64_t>(value));
  }
}
template <typename T>
requires std::is_integral_v<T>
void io(Reader& r, T& value) {
  const std::uint64_t raw = r.varint();
  if constexpr (std::is_same_v<T, bool>) {
    r.ok = r.ok && raw <= 1;
    value = raw == 1;
  } else if constexpr (std::is_signed_v<T>) {
    const std::int64_t wide = unzigzag(raw);
    r.ok = r.ok && wide >= std::numeric_limits<T>::min() && wide <= std::numeric_limits<T>::max();
    value = static_cast<T>(wide);
  } else {
    r.ok = r.ok && raw <= std::numeric_limits<T>::max();
    value = static_cast<T>(raw);
  }
}

}  // namespace archive
}  // namespace mentorctl
