#include "load/cache.hpp"

#include "load/cache_files.hpp"
#include "util/files.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <limits>
#include <type_traits>
#include <utility>

namespace mentorctl {
namespace fs = std::filesystem;

namespace {

// Bump when the layout below or any serialized record type changes.
constexpr std::uint64_t format_version = 6;
constexpr std::string_view magic = "mentorctl-cache\n";
constexpr std::uint64_t racy_window_ns = 1'000'000'000;

// A record type gained or lost a field: serialize it below, bump format_version, update its size.
#if defined(__x86_64__) && defined(__GLIBCXX__)
static_assert(sizeof(Person) == 440, "Person changed: update the cache's io(Person)");
static_assert(sizeof(Requirement) == 320, "Requirement changed: update the cache's io(Requirement)");
static_assert(sizeof(Program) == 416, "Program changed: update the cache's io(Program)");
static_assert(sizeof(Pairing) == 184, "Pairing changed: update the cache's io(Pairing)");
static_assert(sizeof(LogEntry) == 264, "LogEntry changed: update the cache's io(LogEntry)");
static_assert(sizeof(Observation) == 200, "Observation changed: update the cache's io(Observation)");
static_assert(sizeof(TrainingSession) == 160, "TrainingSession changed: update its io()");
static_assert(sizeof(Application) == 216, "Application changed: update the cache's io(Application)");
static_assert(sizeof(Evidence) == 256, "Evidence changed: update the cache's io(Evidence)");
static_assert(sizeof(Certificate) == 208, "Certificate changed: update the cache's io(Certificate)");
static_assert(sizeof(Calendar) == 96 && sizeof(RejectedReference) == 88, "Calendar or RejectedReference changed");
#endif

// ---------------------------------------------------------------------------------------
// A minimal archive: little-endian base-128 varints, length-prefixed strings. The same
// io() overloads write (Writer) and read (Reader), so the two cannot drift apart.

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

std::uint64_t zigzag(std::int64_t value) {
  return (static_cast<std::uint64_t>(value) << 1) ^ static_cast<std::uint64_t>(value >> 63);
}
std::int64_t unzigzag(std::uint64_t value) {
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
void io(A& a, RejectedReference& r) { fields(a, r.reference, r.field, r.program, r.source); }
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

// The identity of the running program: a rebuilt mentorctl may decode differently, so
// it never trusts another build's cache.
std::string build_stamp() {
  std::string stamp = fmt::format("format {}", format_version);
  if (const auto key = file_key_of("/proc/self/exe")) {
    stamp += fmt::format(" exe {} {} {}", key->size, key->mtime_ns, key->inode);
  }
  return stamp;
}

std::uint64_t ns_of(const struct timespec& time) {
  return static_cast<std::uint64_t>(time.tv_sec) * 1'000'000'000ULL +
         static_cast<std::uint64_t>(time.tv_nsec);
}

const char* cache_file_name = "records.cache";

// The fewest bytes an index entry takes: a path, five key numbers, the racy flag and
// hash, the counts, offset, size and hash, one byte each at least.
constexpr std::size_t min_index_entry_bytes = 1 + 5 + 2 + std::tuple_size_v<PartCounts> + 3;

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

// The fewest bytes a part with these counts takes: a forged count larger than its
// blob could hold is refused before anything is allocated for it.
std::uint64_t min_part_bytes(const PartCounts& counts) {
  std::uint64_t total = 0;
  for_each_record_kind([&](std::size_t kind, auto records, auto) {
    using T = typename std::remove_reference_t<decltype(Records{}.*records)>::value_type;
    total += static_cast<std::uint64_t>(counts[kind]) * min_record_bytes<T>();
  });
  return total;
}

constexpr std::size_t kept_results = 32;
constexpr std::uintmax_t kept_result_bytes = 512ULL << 20;

// The header: magic, a hash of the index, then the index; the blobs follow.
struct Header {
  std::string stamp;
  MonthDay start;
};

void write_index(std::string& out, const Header& header, const std::vector<RecordCache::NewEntry>& entries,
                 std::uint64_t scan_start_ns) {
  Writer w{out};
  w.bytes(header.stamp);
  w.varint(header.start.month);
  w.varint(header.start.day);
  w.varint(entries.size());
  std::uint64_t offset = 0;
  for (const auto& entry : entries) {
    w.bytes(entry.path);
    w.varint(entry.key.size);
    w.varint(entry.key.mtime_ns);
    w.varint(entry.key.ctime_ns);
    w.varint(entry.key.inode);
    w.varint(entry.key.device);
    const bool racy = RecordCache::is_racy(entry.key, scan_start_ns);
    w.varint(racy ? 1 : 0);
    w.varint(racy ? entry.content_hash : 0);
    for (const std::uint32_t count : entry.counts) {
      w.varint(count);
    }
    w.varint(offset);
    w.varint(entry.blob.size());
    w.varint(hash_bytes(entry.blob));
    offset += entry.blob.size();
  }
}

}  // namespace

FileKey file_key_from(const struct ::stat& st) {
  return FileKey{static_cast<std::uint64_t>(st.st_size), ns_of(st.st_mtim), ns_of(st.st_ctim),
                 static_cast<std::uint64_t>(st.st_ino), static_cast<std::uint64_t>(st.st_dev)};
}

std::optional<FileKey> file_key_of(const fs::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return std::nullopt;
  }
  return file_key_from(st);
}

std::uint64_t wall_clock_ns() {
  struct timespec now {};
  ::clock_gettime(CLOCK_REALTIME, &now);
  return ns_of(now);
}

std::uint64_t hash_bytes(std::string_view bytes) { return std::hash<std::string_view>{}(bytes); }

std::optional<fs::path> default_cache_dir(const fs::path& root) {
  if (const char* dir = std::getenv("MENTORCTL_CACHE_DIR"); dir != nullptr && *dir != '\0') {
    return fs::path(dir);
  }
  std::error_code ec;
  if (fs::is_directory(root / ".git", ec)) {
    return root / ".git" / "mentorctl";
  }
  fs::path base;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg == '/') {
    base = xdg;
  } else if (const char* home = std::getenv("HOME"); home != nullptr && *home == '/') {
    base = fs::path(home) / ".cache";
  } else {
    return std::nullopt;
  }
  const fs::path absolute = fs::weakly_canonical(fs::absolute(root, ec), ec);
  return base / "mentorctl" / fmt::format("{:016x}", hash_bytes(absolute.string()));
}

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

bool deserialize_part_into(std::string_view bytes, std::uint32_t file_index, const PartCounts& counts,
                           const PartSlots& slots, FileInfo& info, Diagnostics& diagnostics) {
  Reader r{bytes.data(), bytes.data() + bytes.size(), file_index};
  fields(r, info.loaded, info.skipped_records);
  for_each_record_kind([&](std::size_t kind, auto, auto slot) { read_into(r, slots.*slot, counts[kind]); });
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

// ---------------------------------------------------------------------------------------
// The cache file.

RecordCache::RecordCache() = default;
RecordCache::RecordCache(RecordCache&&) noexcept = default;
RecordCache& RecordCache::operator=(RecordCache&&) noexcept = default;
RecordCache::~RecordCache() = default;

bool RecordCache::is_racy(const FileKey& key, std::uint64_t scan_start_ns) {
  const std::uint64_t newest = std::max(key.mtime_ns, key.ctime_ns);
  return newest + racy_window_ns >= scan_start_ns;
}

RecordCache RecordCache::open(const fs::path& dir, MonthDay school_year_start) {
  RecordCache cache;
  const Descriptor folder = open_cache_folder(dir, false);
  const auto mapped = folder.ok() ? map_cache_file(folder.get(), cache_file_name) : std::nullopt;
  if (!mapped) {
    return cache;
  }
  const std::string_view all = mapped->bytes;
  if (all.size() < magic.size() + 8 || all.substr(0, magic.size()) != magic) {
    return cache;
  }
  // Magic, index length, index hash, index, blobs.
  Reader head{all.data() + magic.size(), all.data() + all.size()};
  const std::uint64_t index_size = head.varint();
  const std::uint64_t index_hash = head.varint();
  if (!head.ok || index_size > static_cast<std::uint64_t>(head.end - head.at)) {
    return cache;
  }
  const std::string_view index(head.at, index_size);
  if (hash_bytes(index) != index_hash) {
    return cache;
  }
  const std::string_view blobs(head.at + index_size,
                               static_cast<std::size_t>(head.end - head.at) - index_size);

  Reader r{index.data(), index.data() + index.size()};
  if (r.bytes() != build_stamp() || r.varint() != school_year_start.month ||
      r.varint() != school_year_start.day) {
    return cache;
  }
  // Every count is bounded by the bytes that must hold what it counts, so a forged one
  // can never ask for more memory than the cache file's size warrants.
  const std::size_t count = r.count();
  if (count > index.size() / min_index_entry_bytes) {
    return cache;
  }
  std::vector<Entry> entries;
  entries.reserve(count);
  std::uint64_t next_offset = 0;  // blobs follow each other, as save() wrote them: none shared
  for (std::size_t i = 0; i < count && r.ok; ++i) {
    Entry entry;
    entry.path = r.bytes();
    entry.key = FileKey{r.varint(), r.varint(), r.varint(), r.varint(), r.varint()};
    entry.racy = r.varint() == 1;
    entry.content_hash = r.varint();
    for (auto& count : entry.counts) {
      io(r, count);
    }
    const std::uint64_t offset = r.varint();
    const std::uint64_t size = r.varint();
    const std::uint64_t blob_hash = r.varint();
    if (offset != next_offset || offset > blobs.size() || size > blobs.size() - offset ||
        min_part_bytes(entry.counts) > size) {
      return cache;
    }
    next_offset += size;
    entry.blob = blobs.substr(offset, size);
    // Checked here, once: a damaged blob must never decode into wrong records.
    if (hash_bytes(entry.blob) != blob_hash) {
      continue;
    }
    entries.push_back(std::move(entry));
  }
  if (!r.ok || r.at != r.end ||
      !std::is_sorted(entries.begin(), entries.end(),
                      [](const Entry& a, const Entry& b) { return a.path < b.path; })) {
    return cache;
  }
  cache.mapping_ = mapped->owner;
  cache.entries_ = std::move(entries);
  return cache;
}

const RecordCache::Entry* RecordCache::find(std::string_view path) const {
  const auto it = std::lower_bound(entries_.begin(), entries_.end(), path,
                                   [](const Entry& entry, std::string_view p) { return entry.path < p; });
  return it != entries_.end() && it->path == path ? &*it : nullptr;
}

bool RecordCache::save(const fs::path& dir, MonthDay school_year_start, std::uint64_t scan_start_ns,
                       const std::vector<NewEntry>& entries) {
  const Descriptor folder = open_cache_folder(dir, true);
  if (!folder.ok()) {
    return false;
  }
  std::string index;
  write_index(index, Header{build_stamp(), school_year_start}, entries, scan_start_ns);
  std::string head(magic);
  Writer w{head};
  w.varint(index.size());
  w.varint(hash_bytes(index));

  std::vector<std::string_view> pieces;
  pieces.reserve(entries.size() + 2);
  pieces.emplace_back(head);
  pieces.emplace_back(index);
  for (const auto& entry : entries) {
    pieces.push_back(entry.blob);
  }

  return write_cache_file(folder.get(), cache_file_name, pieces);
}

namespace {

const char* results_folder_name = "results";

std::string result_name(std::string_view command) { return fmt::format("{:016x}", hash_bytes(command)); }

// Whether `name` is one result_name could have given.
bool is_result_name(std::string_view name) {
  return name.size() == 16 && std::all_of(name.begin(), name.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// Whether `name` in `folder` is a regular file (not a link) that starts as the cache's
// files do: one the cache wrote, so one it may remove.
bool written_by_cache(int folder, const char* name) {
  const Descriptor fd(::openat(folder, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
  struct stat st {};
  if (!fd.ok() || ::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) {
    return false;
  }
  std::string head(magic.size(), '\0');
  return ::pread(fd.get(), head.data(), head.size(), 0) == static_cast<ssize_t>(head.size()) && head == magic;
}

}  // namespace

std::optional<CommandResult> find_result(const fs::path& dir, std::string_view command,
                                         const RepositoryFingerprint& fingerprint) {
  const Descriptor top = open_cache_folder(dir, false);
  const Descriptor folder = top.ok() ? open_folder(top.get(), results_folder_name, false) : Descriptor(-1);
  const auto mapped = folder.ok() ? map_cache_file(folder.get(), result_name(command)) : std::nullopt;
  if (!mapped) {
    return std::nullopt;
  }
  const std::string_view bytes = mapped->bytes;
  if (bytes.size() < magic.size() || bytes.substr(0, magic.size()) != magic) {
    return std::nullopt;
  }
  Reader r{bytes.data() + magic.size(), bytes.data() + bytes.size()};
  const std::uint64_t body_hash = r.varint();
  const std::string_view body(r.at, static_cast<std::size_t>(r.end - r.at));
  if (!r.ok || hash_bytes(body) != body_hash) {
    return std::nullopt;
  }
  Reader b{body.data(), body.data() + body.size()};
  if (b.bytes() != build_stamp() || b.bytes() != command || b.varint() != fingerprint.digest) {
    return std::nullopt;
  }
  const std::uint64_t computed_at = b.varint();
  CommandResult result;
  io(b, result.status);
  result.out = b.bytes();
  result.err = b.bytes();
  // A file changed within a second of the computation might change again without
  // changing its times: such a result is not trusted.
  if (!b.ok || b.at != b.end || fingerprint.newest_change_ns + racy_window_ns >= computed_at) {
    return std::nullopt;
  }
  result.storage = mapped->owner;
  return result;
}

void store_result(const fs::path& dir, std::string_view command, const RepositoryFingerprint& fingerprint,
                  std::uint64_t scan_start_ns, const CommandResult& result) {
  if (fingerprint.newest_change_ns + racy_window_ns >= scan_start_ns) {
    return;  // would never be trusted
  }
  const Descriptor top = open_cache_folder(dir, true);
  const Descriptor folder = top.ok() ? open_folder(top.get(), results_folder_name, true) : Descriptor(-1);
  if (!folder.ok()) {
    return;  // results/ is a link, a file, or cannot be made
  }
  std::string body;
  Writer w{body};
  w.bytes(build_stamp());
  w.bytes(command);
  w.varint(fingerprint.digest);
  w.varint(scan_start_ns);
  auto status = result.status;
  io(w, status);
  w.bytes(result.out);
  w.bytes(result.err);
  std::string head(magic);
  Writer h{head};
  h.varint(hash_bytes(body));
  if (!write_cache_file(folder.get(), result_name(command), {head, body})) {
    return;
  }
  // Keep the most recent results only: at most kept_results of them, and no more bytes
  // than kept_result_bytes in all (a state-wide audit in JSON is tens of megabytes).
  // Only files the cache named and wrote are candidates: whatever else is in the folder
  // is left alone.
  struct Stored {
    std::uint64_t time;
    std::uintmax_t size;
    std::string name;
  };
  std::vector<Stored> stored;
  const int listing_fd = ::dup(folder.get());
  std::unique_ptr<DIR, int (*)(DIR*)> listing(listing_fd >= 0 ? ::fdopendir(listing_fd) : nullptr,
                                              ::closedir);
  if (!listing) {
    if (listing_fd >= 0) {
      ::close(listing_fd);
    }
    return;
  }
  while (const dirent* item = ::readdir(listing.get())) {
    struct stat st {};
    if (is_result_name(item->d_name) &&
        ::fstatat(folder.get(), item->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode) &&
        written_by_cache(folder.get(), item->d_name)) {
      stored.push_back(Stored{ns_of(st.st_mtim), static_cast<std::uintmax_t>(st.st_size), item->d_name});
    }
  }
  std::sort(stored.begin(), stored.end(), [](const Stored& a, const Stored& b) { return a.time > b.time; });
  std::uintmax_t total = 0;
  for (std::size_t i = 0; i < stored.size(); ++i) {
    total += stored[i].size;
    if (i >= kept_results || (i > 0 && total > kept_result_bytes)) {
      ::unlinkat(folder.get(), stored[i].name.c_str(), 0);
    }
  }
}

}  // namespace mentorctl
