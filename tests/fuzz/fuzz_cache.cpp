// libFuzzer target: the cache reader. Random bytes as the cache of parsed files, as a
// stored command result, or as one file's serialized records: each is read or ignored,
// never a crash, a hang, a sanitizer report or an allocation beyond what the bytes
// warrant. Build with -DMENTORCTL_FUZZ=ON and clang (tests/fuzz/run.sh).
//
// The first input byte picks what the rest is:
//   0: records.cache, with the hash of its index made to match (so mutations get past it)
//   1: records.cache as is
//   2: results/<name> of the command "fuzz", with the hash of its body made to match
//   3: one count per record kind (PartCounts), then the serialized records of one file
// Bytes 1 and 2 of 0 and 1 are the school year's first month and day.
//
// Seeds: the cache embeds the identity of the program that wrote it, so only this binary
// can write caches it will read. With MENTORCTL_FUZZ_SEEDS=DIR and
// MENTORCTL_FUZZ_REPOSITORIES=ROOT... (':' separated), it loads each repository with a
// cache, writes one seed of each kind per repository into DIR and exits.
#include "load/cache.hpp"
#include "load/loader.hpp"
#include "load/results.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

namespace fs = std::filesystem;

namespace {

constexpr std::string_view magic = "mentorctl-cache\n";
const mentorctl::RepositoryFingerprint fingerprint{42, 0, nullptr};

fs::path scratch;  // this process's own cache folder

void varint(std::string& out, std::uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

bool read_varint(std::string_view& in, std::uint64_t& value) {
  value = 0;
  for (int shift = 0; shift < 64 && !in.empty(); shift += 7) {
    const auto byte = static_cast<unsigned char>(in.front());
    in.remove_prefix(1);
    value |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      return true;
    }
  }
  return false;
}

// `magic, varint, varint(hash), rest`: the hash replaced by the hash of the next `size`
// bytes (`size` the first varint, or all that is left when `sized` is false).
std::string with_matching_hash(std::string_view bytes, bool sized) {
  if (bytes.substr(0, magic.size()) != magic) {
    return std::string(bytes);
  }
  std::string_view rest = bytes.substr(magic.size());
  std::uint64_t size = 0;
  std::uint64_t hash = 0;
  std::string out(magic);
  if (sized) {
    if (!read_varint(rest, size)) {
      return std::string(bytes);
    }
    varint(out, size);
  }
  if (!read_varint(rest, hash)) {
    return std::string(bytes);
  }
  const std::string_view hashed = sized ? rest.substr(0, size) : rest;
  varint(out, mentorctl::hash_bytes(hashed));
  out.append(rest);
  return out;
}

void write_file(const fs::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Decodes a part into slots of the sizes it claims; the sizes are checked against the
// bytes first, as the loader does (RecordCache::open bounds them by the blob's size).
void decode_part(std::string_view blob, const mentorctl::PartCounts& counts) {
  mentorctl::Records records;
  mentorctl::PartSlots slots;
  mentorctl::for_each_record_kind([&](std::size_t kind, auto vector, auto slot) {
    (records.*vector).resize(counts[kind]);
    slots.*slot = (records.*vector).data();
  });
  mentorctl::FileInfo info;
  (void)mentorctl::deserialize_part_into(blob, 0, counts, slots, info, records.diagnostics);
}

void read_cache(std::string_view bytes) {
  write_file(scratch / "records.cache", bytes.substr(2));
  const mentorctl::MonthDay start{static_cast<unsigned char>(bytes[0]), static_cast<unsigned char>(bytes[1])};
  const auto cache = mentorctl::RecordCache::open(scratch, start);
  for (const auto& entry : cache.entries()) {
    decode_part(entry.blob, entry.counts);
    (void)cache.find(entry.path);
  }
}

void read_result(std::string_view bytes) {
  const fs::path folder = scratch / "results";
  fs::create_directories(folder);
  write_file(folder / fmt::format("{:016x}", mentorctl::hash_bytes("fuzz")), bytes);
  if (const auto result = mentorctl::find_result(scratch, "fuzz", fingerprint)) {
    (void)result->out.size();
  }
}

std::string seed_name(int repository, const std::string& what) {
  std::string name = fmt::format("{}-{}", repository, what);
  std::replace(name.begin(), name.end(), '/', '_');
  return name;
}

void write_seeds(const char* seeds, const char* repositories) {
  const fs::path out(seeds);
  fs::create_directories(out);
  std::stringstream list(repositories);
  std::string root;
  int n = 0;
  while (std::getline(list, root, ':')) {
    if (root.empty()) {
      continue;
    }
    const fs::path dir = scratch / ("seed-" + std::to_string(n));
    mentorctl::LoadOptions options;
    options.threads = 1;
    options.cache_dir = dir;
    const auto records = mentorctl::load_records(root, options);
    const auto start = records.settings.school_year_start;
    const std::string cache = read_file(dir / "records.cache");
    const std::string month_day{static_cast<char>(start.month), static_cast<char>(start.day)};
    write_file(out / seed_name(n, "cache"), std::string(1, '\0') + month_day + cache);
    const auto opened = mentorctl::RecordCache::open(dir, start);
    for (const auto& file : records.files) {
      if (const auto* entry = opened.find(file.path)) {
        std::string part(1, '\3');
        for (const auto count : entry->counts) {
          part.push_back(static_cast<char>(count));
        }
        part.append(entry->blob);
        write_file(out / seed_name(n, file.path), part);
      }
    }
    const mentorctl::CommandResult result{1, "out\n", "err\n", nullptr};
    mentorctl::store_result(dir, "fuzz", fingerprint, mentorctl::wall_clock_ns(), result);
    for (const auto& stored : fs::directory_iterator(dir / "results")) {
      write_file(out / seed_name(n, "result"), std::string(1, '\2') + read_file(stored.path()));
    }
    ++n;
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  std::string folder = (fs::temp_directory_path() / "mentorctl-fuzz-cache-XXXXXX").string();
  if (::mkdtemp(folder.data()) == nullptr) {
    std::perror("mkdtemp");
    std::exit(1);
  }
  scratch = folder;
  std::atexit([] {
    std::error_code ignored;
    fs::remove_all(scratch, ignored);
  });
  const char* seeds = std::getenv("MENTORCTL_FUZZ_SEEDS");
  const char* repositories = std::getenv("MENTORCTL_FUZZ_REPOSITORIES");
  if (seeds != nullptr && repositories != nullptr) {
    write_seeds(seeds, repositories);
    std::exit(0);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 3) {
    return 0;
  }
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 4) {
    case 0:
      read_cache(std::string(bytes.substr(0, 2)) + with_matching_hash(bytes.substr(2), true));
      break;
    case 1:
      read_cache(bytes);
      break;
    case 2:
      read_result(with_matching_hash(bytes, false));
      break;
    default: {
      mentorctl::PartCounts counts{};
      if (bytes.size() < counts.size()) {
        return 0;
      }
      for (std::size_t i = 0; i < counts.size(); ++i) {
        counts[i] = static_cast<unsigned char>(bytes[i]) % 8;
      }
      decode_part(bytes.substr(counts.size()), counts);
    }
  }
  return 0;
}
