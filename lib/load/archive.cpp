#include "load/archive.hpp"

#include "load/cache.hpp"

#include <fmt/format.h>

#include <cstring>
#include <optional>
#include <utility>
#include <vector>

namespace mentorctl {
namespace archive {

// A record type gained or lost a field: serialize it below (io overloads), bump
// format_version, then update its size here.
#if defined(__x86_64__) && defined(__GLIBCXX__)
static_assert(sizeof(Person) == 440, "Person changed: update the cache's io(Person)");
static_assert(sizeof(Requirement) == 360, "Requirement changed: update the cache's io(Requirement)");
static_assert(sizeof(Program) == 416, "Program changed: update the cache's io(Program)");
static_assert(sizeof(Pairing) == 184, "Pairing changed: update the cache's io(Pairing)");
static_assert(sizeof(LogEntry) == 264, "LogEntry changed: update the cache's io(LogEntry)");
static_assert(sizeof(Observation) == 200, "Observation changed: update the cache's io(Observation)");
static_assert(sizeof(TrainingSession) == 160,
              "TrainingSession changed: update the cache's io(TrainingSession)");
static_assert(sizeof(Application) == 216, "Application changed: update the cache's io(Application)");
static_assert(sizeof(Evidence) == 256, "Evidence changed: update the cache's io(Evidence)");
static_assert(sizeof(Certificate) == 208, "Certificate changed: update the cache's io(Certificate)");
static_assert(sizeof(Calendar) == 96, "Calendar changed: update the cache's io(Calendar)");
static_assert(sizeof(RejectedReference) == 88,
              "RejectedReference changed: update the cache's io(RejectedReference)");
#endif

// ---------------------------------------------------------------------------------------
// The io() overloads of everything a part holds, beyond the integers of archive.hpp.

// Enumerations are checked against their last enumerator.
constexpr RequirementType last_enumerator(RequirementType) { return RequirementType::matched_within; }
constexpr PeriodKind last_enumerator(PeriodKind) { return PeriodKind::pairing; }
constexpr Partial last_enumerator(Partial) { return Partial::skip; }
constexpr Condition::Op last_enumerator(Condition::Op) { return Condition::Op::present; }
constexpr StipendBasis last_enumerator(StipendBasis) { return StipendBasis::pairing; }
constexpr Severity last_enumerator(Severity) { return Severity::warning; }
constexpr Span::Unit last_enumerator(Span::Unit) { return Span::Unit::years; }

template <typename A, typename E>
requires std::is_enum_v<E>
void io(A& a, E& value) {
  auto raw = static_cast<std::uint64_t>(value);
  io(a, raw);
  if constexpr (A::loading) {
    a.ok = a.ok && raw <= static_cast<std::uint64_t>(last_enumerator(E{}));
    value = static_cast<E>(raw);
  }
}

void io(Writer& w, std::string& text) { w.bytes(text); }
void io(Reader& r, std::string& text) { text = r.bytes(); }

void io(Writer& w, double& value) {
  std::uint64_t bits = 0;
  std::memcpy(&bits, &value, sizeof bits);
  w.varint(bits);
}
void io(Reader& r, double& value) {
  const std::uint64_t bits = r.varint();
  std::memcpy(&value, &bits, sizeof bits);
}

template <typename A>
void io(A& a, Date& day) {
  std::int64_t count = day.time_since_epoch().count();
  io(a, count);
  if constexpr (A::loading) {
    // Far outside any record's range: corrupt (and date arithmetic must not overflow).
    a.ok = a.ok && count > -10'000'000 && count < 10'000'000;
    day = Date(date::days(count));
  }
}

template <typename A, typename T>
void io(A& a, std::optional<T>& value) {
  bool present = value.has_value();
  io(a, present);
  if constexpr (A::loading) {
    if (present) {
      value.emplace();
    } else {
      value.reset();
    }
  }
  if (present) {
    io(a, *value);
  }
}

template <typename A, typename T>
void io(A& a, std::vector<T>& items) {
  if constexpr (A::loading) {
    // Grown item by item, never sized by the count: memory follows the bytes decoded.
    const std::size_t count = a.count();
    items.clear();
    for (std::size_t i = 0; i < count && a.ok; ++i) {
      io(a, items.emplace_back());
    }
  } else {
    a.varint(items.size());
    for (auto& item : items) {
      io(a, item);
    }
  }
}

template <typename A, typename T, typename U>
void io(A& a, std::pair<T, U>& pair) {
  io(a, pair.first);
  io(a, pair.second);
}

template <typename A, typename... T>
void fields(A& a, T&... values) {
  (io(a, values), ...);
}

template <typename A>
void io(A& a, Mark& mark) {
  fields(a, mark.line, mark.column);
}
template <typename A>
void io(A& a, Source& source) {
  io(a, source.mark);
  if constexpr (A::loading) {
    source.file = a.file_index;
  }
}
template <typename A>
void io(A& a, SchoolYear& year) {
  io(a, year.start_year);
}
template <typename A>
void io(A& a, Span& span) {
  fields(a, span.count, span.unit);
}
template <typename A>
void io(A& a, Reference& reference) {
  fields(a, reference.id, reference.mark);
}
template <typename A>
void io(A& a, Break& value) {
  fields(a, value.name, value.from, value.to, value.source);
}
template <typename A>
void io(A& a, Calendar& value) {
  fields(a, value.year, value.first_day, value.last_day, value.breaks, value.closed, value.source,
         value.first_day_mark, value.last_day_mark);
}
template <typename A>
void io(A& a, Person& p) {
  fields(a, p.id, p.name, p.email, p.roles, p.programs, p.enrolled, p.left, p.district, p.site, p.position,
         p.subjects, p.grades, p.credential, p.career_start, p.position_start, p.rating, p.capacity,
         p.attributes, p.source, p.email_mark);
}
template <typename A>
void io(A& a, AttributeRef& attribute) {
  io(a, attribute.name);  // what it reads is resolved again from the name
  if constexpr (A::loading) {
    attribute = resolve_attribute(std::move(attribute.name));
  }
}
template <typename A>
void io(A& a, Condition& c) {
  fields(a, c.attribute, c.op, c.number, c.values, c.present, c.mark);
}
template <typename A>
void io(A& a, During& d) {
  fields(a, d.first, d.span);
}
template <typename A>
void io(A& a, Requirement& r) {
  fields(a, r.id, r.type, r.text, r.severity, r.per, r.min, r.max, r.min_is_duration, r.kinds, r.during,
         r.partial, r.within, r.scope_ever, r.subject_mentee, r.condition, r.when, r.source);
}
template <typename A>
void io(A& a, Matching& m) {
  fields(a, m.capacity, m.require, m.prefer);
}
template <typename A>
void io(A& a, Stipend& s) {
  fields(a, s.basis, s.amount_cents, s.by_district, s.prorate, s.requires_, s.currency, s.source);
}
template <typename A>
void io(A& a, Criterion& c) {
  fields(a, c.id, c.text, c.sign_off, c.mark);
}
template <typename A>
void io(A& a, Level& l) {
  fields(a, l.id, l.name, l.valid_for, l.requires_, l.criteria, l.mark);
}
template <typename A>
void io(A& a, Certification& c) {
  io(a, c.levels);
}
template <typename A>
void io(A& a, Program& p) {
  fields(a, p.id, p.name, p.mentor_role, p.mentee_role, p.log_fields, p.requirements, p.matching, p.stipend,
         p.certification, p.source);
}
template <typename A>
void io(A& a, RejectedReference& r) {
  fields(a, r.reference, r.field, r.program, r.source);
}
template <typename A>
void io(A& a, Pairing& p) {
  fields(a, p.mentor, p.mentee, p.program, p.start, p.end, p.note, p.year, p.source);
}
template <typename A>
void io(A& a, LogEntry& e) {
  fields(a, e.mentor, e.date, e.mentee, e.minutes, e.kind, e.program, e.topics, e.completes, e.notes,
         e.confidential, e.source);
}
template <typename A>
void io(A& a, Observation& o) {
  fields(a, o.mentee, o.date, o.observer, o.minutes, o.focus, o.standards, o.evidence, o.confidential,
         o.source);
}
template <typename A>
void io(A& a, TrainingSession& s) {
  fields(a, s.id, s.date, s.kind, s.title, s.minutes, s.attendees, s.year, s.source);
}
template <typename A>
void io(A& a, Application& p) {
  fields(a, p.person, p.program, p.submitted, p.nominated_by, p.interview, p.decision, p.year, p.source);
}
template <typename A>
void io(A& a, Evidence& e) {
  fields(a, e.person, e.level, e.criterion, e.criterion_mark, e.program, e.date, e.signed_off_by, e.note,
         e.source);
}
template <typename A>
void io(A& a, Certificate& c) {
  fields(a, c.person, c.program, c.level, c.awarded, c.awarded_by, c.expires, c.source);
}
template <typename A>
void io(A& a, Diagnostic& d) {
  fields(a, d.file, d.mark, d.severity, d.code, d.message, d.stands_for, d.confidential);
}

std::string build_stamp() {
  std::string stamp = fmt::format("format {}", format_version);
  if (const auto key = file_key_of("/proc/self/exe")) {
    stamp += fmt::format(" exe {} {} {}", key->size, key->mtime_ns, key->inode);
  }
  return stamp;
}

namespace {

// The fewest bytes a serialized record of type T takes: a default one with its strings
// emptied, its lists and optionals empty (each number takes a byte whatever its value).
template <typename T>
std::size_t min_record_bytes() {
  static const std::size_t bytes = [] {
    std::string out;
    Writer w{out};
    T record{};
    if constexpr (std::is_same_v<T, LogEntry>) {
      record.kind.clear();
    } else if constexpr (std::is_same_v<T, Program>) {
      record.mentor_role.clear();
      record.mentee_role.clear();
    }
    io(w, record);
    return out.size();
  }();
  return bytes;
}

}  // namespace

std::uint64_t min_part_bytes(const PartCounts& counts) {
  std::uint64_t total = 0;
  for_each_record_kind([&](std::size_t kind, auto records, auto) {
    using T = typename std::remove_reference_t<decltype(Records{}.*records)>::value_type;
    total += static_cast<std::uint64_t>(counts[kind]) * min_record_bytes<T>();
  });
  return total;
}

namespace {

template <typename T>
void read_into(Reader& r, T* slots, std::uint32_t expected) {
  if (r.count() != expected) {
    r.ok = false;
  }
  for (std::uint32_t j = 0; j < expected && r.ok; ++j) {
    io(r, slots[j]);
  }
}

}  // namespace
}  // namespace archive

using archive::fields;
using archive::io;
using archive::Reader;
using archive::Writer;

// A part's bytes: its FileInfo, each kind of record in for_each_record_kind's order (a
// count, then the records), then its diagnostics. Written here, read by
// deserialize_part_into.
std::string serialize_part(const Records& part, const FileInfo& info) {
  std::string out;
  Writer w{out};
  auto loaded = info.loaded;
  auto skipped = info.skipped_records;
  fields(w, loaded, skipped);
  for_each_record_kind([&](std::size_t, auto records, auto) {
    io(w, const_cast<Records&>(part).*records);  // Writer only reads
  });
  io(w, const_cast<std::vector<Diagnostic>&>(part.diagnostics.items()));
  return out;
}

PartCounts part_counts(const Records& part) {
  PartCounts counts{};
  for_each_record_kind([&](std::size_t kind, auto records, auto) {
    counts[kind] = static_cast<std::uint32_t>((part.*records).size());
  });
  return counts;
}

bool deserialize_part_into(std::string_view bytes, std::uint32_t file_index, const PartCounts& counts,
                           const PartSlots& slots, FileInfo& info, Diagnostics& diagnostics) {
  Reader r{bytes.data(), bytes.data() + bytes.size(), file_index};
  fields(r, info.loaded, info.skipped_records);
  for_each_record_kind(
      [&](std::size_t kind, auto, auto slot) { archive::read_into(r, slots.*slot, counts[kind]); });
  std::vector<Diagnostic> items;
  io(r, items);
  if (!r.ok || r.at != r.end) {
    return false;
  }
  for (auto& d : items) {
    diagnostics.add(std::move(d));
  }
  return true;
}

}  // namespace mentorctl
