// The cache of parsed files (lib/cache.hpp): what comes out of it is what was put in,
// and a change the file system's times cannot show is caught by the content hash.
#include "load/cache.hpp"
#include "fixture.hpp"

#include <doctest/doctest.h>

#include <sys/stat.h>

#include "util/files.hpp"

#include <filesystem>
#include <string>

using namespace mentorctl;
using mentorctl::test::TempRepo;

namespace {

// Everything a load produced, as bytes: equal bytes, equal records and diagnostics.
std::string everything(const Records& records) {
  FileInfo info;
  std::string bytes = serialize_part(records, info);
  for (const auto& file : records.files) {
    bytes +=
        file.path + (file.loaded ? " loaded " : " skipped ") + std::to_string(file.skipped_records) + "\n";
  }
  return bytes;
}

struct CacheFolder {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("mentorctl-cache-test-" + std::to_string(::getpid()));
  CacheFolder() { std::filesystem::remove_all(path); }
  CacheFolder(const CacheFolder&) = delete;
  CacheFolder& operator=(const CacheFolder&) = delete;
  ~CacheFolder() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

// jdoe's person file loaded once through an empty cache, and the entry that load stored.
struct OneCachedPerson {
  static constexpr const char* text = "id: jdoe\nname: Jane Doe\nroles: [mentor]\n";
  TempRepo repo;
  CacheFolder cache;
  LoadOptions options;
  Records first;
  std::string blob;
  PartCounts counts{};
  bool racy = false;

  OneCachedPerson() {
    repo.write("people/jdoe.yaml", text);
    options = mentorctl::test::load_options(1, cache.path);
    first = load_records(repo.root(), options);
    REQUIRE(first.people.size() == 1);
    const RecordCache stored = RecordCache::open(cache.path, first.settings.school_year_start);
    const auto* entry = stored.find("people/jdoe.yaml");
    REQUIRE(entry != nullptr);
    blob = entry->blob;
    counts = entry->counts;
    racy = entry->racy;
  }
};

}  // namespace

TEST_SUITE("cache") {
  TEST_CASE("every example loads the same from its files and from the cache, on 1 or 2 threads") {
    for (const char* name : {"walnut-valley", "west-london", "dysart", "massachusetts", "st-vrain"}) {
      CAPTURE(name);
      const std::filesystem::path root = std::filesystem::path(MENTORCTL_SOURCE_DIR) / "examples" / name;
      CacheFolder cache;
      const Records plain = load_records(root, mentorctl::test::load_options(2));
      const Records cold = load_records(root, mentorctl::test::load_options(2, cache.path));
      REQUIRE(std::filesystem::is_regular_file(cache.path / "records.cache"));
      const Records warm = load_records(root, mentorctl::test::load_options(2, cache.path));
      const Records warm_one = load_records(root, mentorctl::test::load_options(1, cache.path));
      CHECK(plain.logs.size() > 0);
      CHECK(everything(cold) == everything(plain));
      CHECK(everything(warm) == everything(plain));
      CHECK(everything(warm_one) == everything(plain));
    }
  }

  TEST_CASE("a serialized part survives a round trip, and any truncation is refused") {
    TempRepo repo;
    const std::string log =
        "mentor: jdoe\nentries:\n"
        "  - {date: 2026-09-15, mentee: asmith, duration: 30m, topics: [a, b], completes: [agreement]}\n"
        "  - {date: 2026-09-16, mentee: asmith, duration: 1x}\n";
    const Records part = load_single_file(log, "logs/2026-27/jdoe.yaml", FileKind::log);
    REQUIRE(part.logs.size() == 1);
    REQUIRE(part.diagnostics.size() == 1);
    const std::string bytes = serialize_part(part, part.files[0]);
    const PartCounts counts = part_counts(part);
    CHECK(counts[4] == 1);
    CHECK(counts[11] == 1);  // the mentee of the entry left out, for check (rejected_references)
    // Read back into a Records sized by the counts, then serialized again: the same bytes.
    const auto read_back = [&](std::string_view from, Records& back, FileInfo& info) {
      PartSlots slots;
      for_each_record_kind([&](std::size_t kind, auto records, auto slot) {
        (back.*records).resize(counts[kind]);
        slots.*slot = (back.*records).data();
      });
      return deserialize_part_into(from, 0, counts, slots, info, back.diagnostics);
    };
    Records back;
    FileInfo info;
    REQUIRE(read_back(bytes, back, info));
    CHECK(serialize_part(back, info) == bytes);
    CHECK(back.logs[0].topics == std::vector<std::string>{"a", "b"});
    CHECK(back.rejected_references[0].reference.id == "asmith");
    CHECK(back.rejected_references[0].field == "mentee");
    CHECK(back.diagnostics.items()[0].code == part.diagnostics.items()[0].code);
    for (std::size_t size = 0; size < bytes.size(); ++size) {
      Records cut;
      FileInfo cut_info;
      CHECK_FALSE(read_back(std::string_view(bytes).substr(0, size), cut, cut_info));
    }
    // Straight into place, with the counts checked.
    std::vector<LogEntry> logs(1);
    std::vector<RejectedReference> rejected(1);
    PartSlots slots;
    slots.logs = logs.data();
    slots.rejected_references = rejected.data();
    Diagnostics diagnostics;
    REQUIRE(deserialize_part_into(bytes, 7, counts, slots, info, diagnostics));
    CHECK(logs[0].topics == std::vector<std::string>{"a", "b"});
    CHECK(logs[0].source.file == 7);
    CHECK(diagnostics.size() == 1);
    PartCounts wrong = counts;
    wrong[4] = 2;
    std::vector<LogEntry> two(2);
    slots.logs = two.data();
    CHECK_FALSE(deserialize_part_into(bytes, 7, wrong, slots, info, diagnostics));
  }

  TEST_CASE("a racy entry whose content changed under the same key is read again") {
    OneCachedPerson cached;
    TempRepo& repo = cached.repo;
    const LoadOptions& options = cached.options;
    const Records& first = cached.first;
    const CacheFolder& cache = cached.cache;
    CHECK(cached.racy);            // just written: its times cannot vouch for its content
    CHECK(cached.counts[1] == 1);  // one person
    const std::string& old_blob = cached.blob;
    const PartCounts& old_counts = cached.counts;

    // The file now says something else; forge a cache that has the old records under the
    // file's new key, as if the change had kept every time stamp (same clock tick).
    repo.write("people/jdoe.yaml", "id: jdoe\nname: Joan Doe\nroles: [mentor]\n");
    const auto key = file_key_of(repo.root() / "people/jdoe.yaml");
    REQUIRE(key);
    const std::uint64_t old_hash = hash_bytes("id: jdoe\nname: Jane Doe\nroles: [mentor]\n");
    REQUIRE(
        RecordCache::save(cache.path, first.settings.school_year_start, wall_clock_ns(),
                          {RecordCache::NewEntry{"people/jdoe.yaml", *key, old_hash, old_counts, old_blob}}));

    const Records second = load_records(repo.root(), options);
    REQUIRE(second.people.size() == 1);
    CHECK(second.people[0].name == "Joan Doe");

    // With the right content hash, the forged entry would be used: the check is what
    // caught the change above.
    REQUIRE(
        RecordCache::save(cache.path, first.settings.school_year_start, wall_clock_ns(),
                          {RecordCache::NewEntry{"people/jdoe.yaml", *key,
                                                 hash_bytes("id: jdoe\nname: Joan Doe\nroles: [mentor]\n"),
                                                 old_counts, old_blob}}));
    const Records third = load_records(repo.root(), options);
    REQUIRE(third.people.size() == 1);
    CHECK(third.people[0].name == "Jane Doe");
  }

  TEST_CASE("a changed school-year start empties the cache") {
    TempRepo repo;
    repo.write("people/jdoe.yaml", "id: jdoe\nname: Jane Doe\nroles: [mentor]\n");
    CacheFolder cache;
    const Records first = load_records(repo.root(), mentorctl::test::load_options(0, cache.path));
    CHECK(RecordCache::open(cache.path, first.settings.school_year_start).size() == 1);
    CHECK(RecordCache::open(cache.path, MonthDay{9, 1}).size() == 0);
  }

  TEST_CASE("a forged count is refused before anything is allocated for it, and the cache is rebuilt") {
    OneCachedPerson cached;
    const TempRepo& repo = cached.repo;
    const LoadOptions& options = cached.options;
    const Records& first = cached.first;
    const CacheFolder& cache = cached.cache;
    const std::string& blob = cached.blob;
    PartCounts counts = cached.counts;
    const auto key = file_key_of(repo.root() / "people/jdoe.yaml");
    REQUIRE(key);
    const std::uint64_t content = hash_bytes("id: jdoe\nname: Jane Doe\nroles: [mentor]\n");
    SUBCASE("twenty million log entries in a blob of a few bytes") { counts[4] = 20'000'000; }
    SUBCASE("four billion people") { counts[1] = 4'000'000'000U; }
    // Every hash is right: only the count says what the bytes cannot hold.
    REQUIRE(RecordCache::save(cache.path, first.settings.school_year_start, wall_clock_ns(),
                              {RecordCache::NewEntry{"people/jdoe.yaml", *key, content, counts, blob}}));
    CHECK(RecordCache::open(cache.path, first.settings.school_year_start).size() == 0);
    const Records second = load_records(repo.root(), options);
    CHECK(everything(second) == everything(first));
    // The forged cache was replaced by one that holds the file again.
    const RecordCache rebuilt = RecordCache::open(cache.path, first.settings.school_year_start);
    REQUIRE(rebuilt.find("people/jdoe.yaml") != nullptr);
    CHECK(rebuilt.find("people/jdoe.yaml")->counts[1] == 1);
  }

  TEST_CASE("a blob that passes its hash yet does not decode is ignored, and the cache is rebuilt") {
    TempRepo repo;
    repo.write("people/jdoe.yaml", "id: jdoe\nname: Jane Doe\nroles: [mentor]\n");
    CacheFolder cache;
    const LoadOptions options = mentorctl::test::load_options(1, cache.path);
    const Records first = load_records(repo.root(), options);
    const auto key = file_key_of(repo.root() / "people/jdoe.yaml");
    REQUIRE(key);
    PartCounts counts{};
    counts[1] = 1;
    // No calendars, one person, whose id claims 120 bytes of the 36 left.
    const std::string junk = std::string(3, '\0') + "\x01" + std::string(36, 'x');
    // The right content hash: the entry is trusted, and only decoding can find it bad.
    const std::uint64_t content = hash_bytes("id: jdoe\nname: Jane Doe\nroles: [mentor]\n");
    REQUIRE(RecordCache::save(cache.path, first.settings.school_year_start, wall_clock_ns(),
                              {RecordCache::NewEntry{"people/jdoe.yaml", *key, content, counts, junk}}));
    const Records second = load_records(repo.root(), options);
    CHECK(everything(second) == everything(first));
    const RecordCache rebuilt = RecordCache::open(cache.path, first.settings.school_year_start);
    REQUIRE(rebuilt.find("people/jdoe.yaml") != nullptr);
    CHECK(rebuilt.find("people/jdoe.yaml")->blob != junk);
  }

  TEST_CASE("the cache is private: folders 0700, files 0600, whatever the umask") {
    TempRepo repo;
    repo.write("people/jdoe.yaml", "id: jdoe\nname: Jane Doe\nroles: [mentor]\n");
    CacheFolder cache;
    const ::mode_t old_umask = ::umask(022);
    const Records first = load_records(repo.root(), mentorctl::test::load_options(1, cache.path / "a" / "b"));
    ::umask(old_umask);
    REQUIRE(first.people.size() == 1);
    struct stat st {};
    for (const auto& folder : {cache.path, cache.path / "a", cache.path / "a" / "b"}) {
      CAPTURE(folder.string());
      REQUIRE(::stat(folder.c_str(), &st) == 0);
      CHECK((st.st_mode & 0777) == 0700);
    }
    REQUIRE(::stat((cache.path / "a" / "b" / "records.cache").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
  }

  TEST_CASE("free text no command prints is not kept, in memory or in the cache") {
    TempRepo repo;
    repo.write(
        "logs/2026-27/jdoe.yaml",
        "mentor: jdoe\nentries:\n"
        "  - {date: 2026-09-15, mentee: asmith, duration: 30m, notes: OPEN-NOTE}\n"
        "  - {date: 2026-09-16, mentee: asmith, duration: 30m, notes: SECRET-NOTE, confidential: true}\n");
    repo.write("observations/2026-27/asmith.yaml",
               "mentee: asmith\nobservations:\n"
               "  - {date: 2026-09-15, observer: jdoe, evidence: SECRET-EVIDENCE}\n");
    repo.write("pairings/2026-27.yaml",
               "school_year: 2026-27\npairings:\n  - {mentor: jdoe, mentee: asmith, program: p, start: "
               "2026-09-01, note: "
               "SECRET-PAIRING}\n");
    CacheFolder cache;
    const Records records = load_records(repo.root(), mentorctl::test::load_options(1, cache.path));
    REQUIRE(records.logs.size() == 2);
    CHECK(records.logs[0].notes == "OPEN-NOTE");   // report hours --include-notes prints it
    CHECK(records.logs[1].notes == "(withheld)");  // only that there are notes
    REQUIRE(records.observations.size() == 1);
    CHECK(records.observations[0].evidence == "(withheld)");
    REQUIRE(records.pairings.size() == 1);
    CHECK(records.pairings[0].note == "(withheld)");
    const auto bytes = mentorctl::read_file(cache.path / "records.cache");
    REQUIRE(bytes);
    CHECK(bytes->find("OPEN-NOTE") != std::string::npos);
    CHECK(bytes->find("SECRET") == std::string::npos);
  }
}
