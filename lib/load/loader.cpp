#include "load/loader.hpp"

#include "util/files.hpp"
#include "util/parallel.hpp"

#include "load/archive.hpp"
#include "load/cache.hpp"
#include "load/decoders.hpp"
#include "load/discovery.hpp"
#include "model/file_layout.hpp"
#include "model/values.hpp"
#include "yaml/reader.hpp"

#include <fmt/format.h>

#include <dirent.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <system_error>
#include <thread>

namespace mentorctl {
namespace fs = std::filesystem;

namespace {

class FileDecoder final : public DocumentVisitor {
 public:
  FileDecoder(const FileContext& context, Records& out)
      : decoder_(context.path, out.diagnostics), scope_{context, out, decoder_}, kind_(kind_decoder(context.kind)) {
    header_.kind = Node::Kind::map;
    header_.mark = {1, 1};
  }

  [[nodiscard]] std::size_t max_values() const override { return max_values_per_value; }
  [[nodiscard]] bool streams(std::string_view key) const override {
    return kind_.list_key != nullptr && key == kind_.list_key;
  }

  void on_item(std::string_view /*key*/, const Node& item, bool clean) override {
    decoder_.begin_record();
    if (clean) {
      kind_.decode_item(scope_, item);
    }
    if (!clean || !decoder_.record_ok()) {
      ++skipped_;
      keep_rejected_references(item, kind_.kind, scope_.source_of(item), scope_.out.rejected_references);
    }
  }

  void on_entry(const MapEntry& entry, bool clean) override {
    header_.entries.push_back(entry);
    header_clean_ = header_clean_ && clean;
  }

  // Checks the top-level keys once the whole file was read; false: drop the file.
  bool finish() {
    decoder_.begin_record();
    if (!header_clean_) {
      return false;
    }
    if (kind_.decode_mapping != nullptr) {
      kind_.decode_mapping(scope_, header_);
    } else {
      check_header();
    }
    return decoder_.record_ok();
  }

  [[nodiscard]] std::size_t skipped() const { return skipped_; }

 private:
  // The top-level keys of a file of one list: its list, its school year or the id that
  // must match the file name.
  void check_header() {
    decoder_.expect_map(header_, scope_.what(), kind_.header_keys);
    for (const auto key : kind_.header_keys) {
      const Node* value = decoder_.required(header_, key, scope_.what());
      if (value == nullptr) {
        continue;
      }
      if (key == kind_.list_key) {
        decoder_.list(value, key);
      } else if (key == "school_year") {
        scope_.check_school_year(value);
      } else if (key == kind_.id_key) {
        scope_.check_id_matches(value, key);
      }
    }
  }

  Decoder decoder_;
  FileScope scope_;
  const KindDecoder& kind_;
  Node header_;
  bool header_clean_ = true;
  std::size_t skipped_ = 0;
};

// Decodes one file's bytes into `out` (records and diagnostics).
void decode_file(std::string_view content, const FileContext& context, Records& out, FileInfo& info) {
  FileDecoder decoder(context, out);
  out.diagnostics.limit(max_diagnostics_per_file);
  const bool read = read_yaml(content, context.path, out.diagnostics, decoder);
  const bool finished = read && decoder.finish();
  out.diagnostics.end_limit();
  info.skipped_records = decoder.skipped();
  if (!finished) {
    // The file as a whole is unusable: keep its diagnostics and what `check` reports of
    // its rejected records, drop its records.
    for_each_record_kind([&](std::size_t kind, auto records_member, auto /*slot*/) {
      if (kind < first_rejected_kind) {
        (out.*records_member).clear();
      }
    });
    out.has_settings = false;
    info.loaded = false;
    info.skipped_records = 1;
    return;
  }
  info.loaded = true;
}

// Asks for transparent huge pages on a large, fresh allocation: first touching hundreds
// of megabytes page by page costs more than copying into them.
void advise_huge_pages(void* data, std::size_t bytes) {
  constexpr std::uintptr_t huge = 2U << 20U;
  const auto first = (reinterpret_cast<std::uintptr_t>(data) + huge - 1) & ~(huge - 1);
  const auto last = (reinterpret_cast<std::uintptr_t>(data) + bytes) & ~(huge - 1);
  if (bytes >= 8 * huge && last > first) {
    ::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
  }
}

// Sizes one kind of record's merged vector for every file's count, and points each
// file's slot at its place in it (files in path order).
template <typename T>
void place(std::vector<T> Records::*member, T* PartSlots::*slot, std::size_t kind, Records& into,
           const std::vector<PartCounts>& counts, std::vector<PartSlots>& slots) {
  std::vector<T>& merged = into.*member;
  std::size_t total = 0;
  for (const auto& c : counts) {
    total += c[kind];
  }
  merged.reserve(total);
  advise_huge_pages(merged.data(), total * sizeof(T));
  merged.resize(total);
  std::size_t offset = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    slots[i].*slot = merged.data() + offset;
    offset += counts[i][kind];
  }
}

}  // namespace

const char* file_kind_name(FileKind kind) { return record_file_layout(kind).name; }

std::optional<FileKind> file_kind_of(std::string_view path) {
  const std::size_t depth = static_cast<std::size_t>(std::count(path.begin(), path.end(), '/'));
  const std::string_view folder = path.substr(0, path.find('/'));
  for (const auto& layout : record_file_layouts()) {
    switch (layout.placement) {
      case FilePlacement::top_level:
        if (path == layout.path) {
          return layout.kind;
        }
        break;
      case FilePlacement::in_folder:
      case FilePlacement::in_year_folder:
        if (depth > 0 && folder == layout.path) {
          const std::size_t expected = layout.placement == FilePlacement::in_folder ? 1 : 2;
          if (depth != expected || !path.ends_with(".yaml")) {
            return std::nullopt;
          }
          return layout.kind;
        }
        break;
    }
  }
  return std::nullopt;
}

std::optional<fs::path> find_root(const fs::path& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec);
  if (ec) {
    return std::nullopt;
  }
  for (;;) {
    if (fs::is_regular_file(dir / "mentorctl.yaml", ec)) {
      return dir;
    }
    if (!dir.has_parent_path() || dir.parent_path() == dir) {
      return std::nullopt;
    }
    dir = dir.parent_path();
  }
}

namespace {

// The context of a file known only by its repository-relative path.
FileContext context_of_path(const std::string& path, FileKind kind) {
  FileContext context;
  context.path = path;
  context.stem = stem_of(path);
  context.kind = kind;
  const RecordFileLayout& layout = record_file_layout(kind);
  if (layout.named_by_year) {
    context.year = parse_school_year(context.stem);
  } else if (layout.placement == FilePlacement::in_year_folder) {
    const std::size_t slash = path.find('/');
    const std::size_t second = path.find('/', slash + 1);
    if (slash != std::string::npos && second != std::string::npos) {
      context.year = parse_school_year(path.substr(slash + 1, second - slash - 1));
    }
  }
  return context;
}

}  // namespace

Records load_single_file(std::string_view content, const std::string& path, FileKind kind) {
  Records records;
  const FileContext context = context_of_path(path, kind);
  records.files.push_back(FileInfo{path, kind, false, 0});
  decode_file(content, context, records, records.files.back());
  return records;
}

struct RepositoryScan {
  std::vector<Found> found;
  Diagnostics diagnostics;
  std::size_t skipped_paths = 0;
};

RepositoryFingerprint fingerprint_repository(const fs::path& root, unsigned threads) {
  Records scanned;
  auto scan = std::make_shared<RepositoryScan>();
  scan->found = discover(root, scanned, threads);
  scan->diagnostics = scanned.diagnostics;
  scan->skipped_paths = scanned.skipped_paths;
  const std::vector<Found>& found = scan->found;
  RepositoryFingerprint fingerprint;
  std::string summary;
  for (const auto& file : found) {
    const auto& key = file.key;
    summary += file.context.path;
    summary.push_back('\0');
    if (key) {
      summary += fmt::format("{} {} {} {} {}", key->size, key->mtime_ns, key->ctime_ns, key->inode, key->device);
      fingerprint.newest_change_ns = std::max({fingerprint.newest_change_ns, key->mtime_ns, key->ctime_ns});
    }
    summary.push_back('\n');
  }
  for (const auto& d : scanned.diagnostics.items()) {
    summary += format_diagnostic(d);
    summary.push_back('\n');
  }
  fingerprint.digest = hash_bytes(summary);
  fingerprint.scan = std::move(scan);
  return fingerprint;
}

Records load_records(const fs::path& root, const LoadOptions& options, const FileOverrides& overrides) {
  Records records;
  records.root = root.string();
  std::vector<Found> found;
  if (options.scan) {
    found = options.scan->found;
    records.diagnostics.append(options.scan->diagnostics);
    records.skipped_paths = options.scan->skipped_paths;
  } else {
    found = discover(root, records, options.threads);
  }
  // Overridden files that do not exist yet join the others in path order.
  for (const auto& override_file : overrides) {
    const std::string& path = override_file.first;
    const auto kind = file_kind_of(path);
    if (kind && std::none_of(found.begin(), found.end(), [&](const Found& f) { return f.context.path == path; })) {
      found.push_back(Found{context_of_path(path, *kind), (root / path).string(), std::nullopt});
    }
  }
  std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.context.path < b.context.path; });
  for (std::size_t i = 0; i < found.size(); ++i) {
    found[i].context.index = static_cast<std::uint32_t>(i);
    records.files.push_back(FileInfo{found[i].context.path, found[i].context.kind, false, 0});
  }

  // The settings come first: other files need the school-year start.
  std::vector<Records> parts(found.size());
  const auto read_and_decode = [&](std::size_t i, std::string& content) {
    Records& part = parts[i];
    part.settings = records.settings;
    if (const auto it = overrides.find(found[i].context.path); it != overrides.end()) {
      content = it->second;
    } else if (auto read = read_file(found[i].absolute, max_file_size); read) {
      content = std::move(*read);
    } else {
      // A file over the size limit is not read.
      if (read.error().kind == Error::Kind::too_large) {
        // Its size as discovery saw it (the file was not read), or as much as is known.
        const auto& key = found[i].key;
        part.diagnostics.error(
            found[i].context.path, {1, 1}, "file-too-large",
            key && key->size > max_file_size
                ? fmt::format("file is {} bytes, over the limit of 16 MiB; split it", key->size)
                : std::string("file is more than 16 MiB, over the limit; split it"));
      } else {
        part.diagnostics.error(found[i].context.path, {1, 1}, "unreadable",
                               fmt::format("cannot read the file: {}", read.error().message));
      }
      records.files[i].skipped_records = 1;
      return false;
    }
    decode_file(content, found[i].context, part, records.files[i]);
    return true;
  };
  for (std::size_t i = 0; i < found.size(); ++i) {
    if (found[i].context.kind == FileKind::settings) {
      std::string content;
      read_and_decode(i, content);
      if (parts[i].has_settings) {
        records.settings = parts[i].settings;
        records.has_settings = true;
      }
    }
  }

  // Every other file comes from the cache when its key (and, for a racy entry, its
  // content) is unchanged, else from the file; what was parsed is serialized for the next
  // load. The settings file is always parsed: everything else depends on it.
  const std::uint64_t scan_start = wall_clock_ns();
  const RecordCache cache = options.cache_dir && !options.rebuild_cache
                                ? RecordCache::open(*options.cache_dir, records.settings.school_year_start)
                                : RecordCache();
  struct Cached {
    std::optional<FileKey> key;
    const RecordCache::Entry* reused = nullptr;  // a hit: its records are read in the merge
    std::string blob;                            // newly serialized
    std::uint64_t content_hash = 0;
  };
  std::vector<Cached> cached(options.cache_dir ? found.size() : 0);
  const auto load_one = [&](std::size_t i) {
    const std::string& path = found[i].context.path;
    if (!options.cache_dir || overrides.contains(path)) {
      std::string content;
      read_and_decode(i, content);
      return;
    }
    Cached& slot = cached[i];
    slot.key = found[i].key;  // taken before reading: a later change gets a new key
    const RecordCache::Entry* entry = slot.key ? cache.find(path) : nullptr;
    std::string content;
    bool have_content = false;
    if (entry != nullptr && entry->key == *slot.key) {
      bool same = !entry->racy;
      if (entry->racy) {
        if (auto read = read_file(found[i].absolute, max_file_size)) {
          content = std::move(*read);
          have_content = true;
        }
        same = have_content && hash_bytes(content) == entry->content_hash;
      }
      if (same) {
        slot.reused = entry;
        slot.content_hash = entry->content_hash;
        return;
      }
    }
    if (have_content) {
      parts[i].settings = records.settings;
      decode_file(content, found[i].context, parts[i], records.files[i]);
    } else if (!read_and_decode(i, content)) {
      slot.key.reset();  // unreadable: never cached
      return;
    }
    slot.blob = serialize_part(parts[i], records.files[i]);
    if (slot.key && RecordCache::is_racy(*slot.key, scan_start)) {
      slot.content_hash = hash_bytes(content);
    }
  };
  if (options.progress != nullptr) {
    options.progress->files_total = found.size();
  }

  const auto in_parallel = [&](const std::function<void(std::size_t)>& task) {
    parallel_for(found.size(), options.threads, task);
  };
  in_parallel([&](std::size_t i) {
    if (found[i].context.kind != FileKind::settings) {
      load_one(i);
    }
    if (options.progress != nullptr) {
      ++options.progress->files_done;
    }
  });

  // Merge in path order, so the result never depends on scheduling: every file's records
  // get their place in the merged vectors, and cache hits are decoded straight into it.
  std::vector<PartCounts> counts(found.size());
  for (std::size_t i = 0; i < found.size(); ++i) {
    const bool hit = options.cache_dir && cached[i].reused != nullptr;
    counts[i] = hit ? cached[i].reused->counts : part_counts(parts[i]);
  }
  std::vector<PartSlots> slots(found.size());
  for_each_record_kind(
      [&](std::size_t kind, auto records_member, auto slot) { place(records_member, slot, kind, records, counts, slots); });
  std::atomic<bool> damaged{false};
  in_parallel([&](std::size_t i) {
    if (options.cache_dir && cached[i].reused != nullptr) {
      if (!deserialize_part_into(cached[i].reused->blob, found[i].context.index, counts[i], slots[i],
                                 records.files[i], parts[i].diagnostics)) {
        damaged = true;
      }
      return;
    }
    Records& part = parts[i];
    for_each_record_kind([&](std::size_t, auto records_member, auto slot) {
      std::move((part.*records_member).begin(), (part.*records_member).end(), slots[i].*slot);
    });
    Diagnostics diagnostics = std::move(part.diagnostics);
    part = Records();
    part.diagnostics = std::move(diagnostics);
  });
  if (damaged) {
    // A cache entry that passed its hash yet does not decode: never trust the cache for
    // this load, and replace it (else every later load would pay for it again).
    LoadOptions rebuild = options;
    rebuild.rebuild_cache = true;
    rebuild.scan.reset();
    return load_records(root, rebuild, overrides);
  }
  for (const auto& part : parts) {
    records.diagnostics.append(part.diagnostics);
  }

  // A load with overrides (a write checking its new text) is a view that never becomes the
  // files: the cache is left as the load without them wrote it. Saved without the
  // overridden file's entry, it would be written whole (tens of MB at state scale) on every
  // write, and that file parsed again by the next read.
  if (options.cache_dir && overrides.empty()) {
    std::vector<RecordCache::NewEntry> entries;
    std::size_t reused = 0;
    for (std::size_t i = 0; i < found.size(); ++i) {
      const Cached& slot = cached[i];
      if (!slot.key || found[i].context.kind == FileKind::settings) {
        continue;
      }
      reused += slot.reused != nullptr ? 1 : 0;
      entries.push_back(RecordCache::NewEntry{found[i].context.path, *slot.key, slot.content_hash, counts[i],
                                              slot.reused != nullptr ? slot.reused->blob : std::string_view(slot.blob)});
    }
    // Written only when something was parsed or a file went away.
    if (reused != entries.size() || reused != cache.size()) {
      RecordCache::save(*options.cache_dir, records.settings.school_year_start, scan_start, entries);
    }
  }
  return records;
}

}  // namespace mentorctl
