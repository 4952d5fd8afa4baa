// mentorctl-floor: the least any loader must do. Reads every record file of a
// repository on one thread and runs libyaml's event parser over it, counting events.
//
//   mentorctl-floor ROOT   prints {"files":N,"bytes":B,"events":E,"seconds":S}
//
// seconds covers reading and parsing, not finding the files.

#include <yaml.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

bool is_yaml_file(const fs::directory_entry& entry) {
  return entry.is_regular_file() && entry.path().extension() == ".yaml";
}

void add_yaml_files_in(const fs::path& dir, std::vector<fs::path>& files) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return;
  for (const auto& entry : fs::directory_iterator(dir))
    if (is_yaml_file(entry)) files.push_back(entry.path());
}

// The same file set the loader reads (SPEC section 2): top-level files, flat folders,
// and the per-school-year folders of logs and observations.
std::vector<fs::path> record_files(const fs::path& root) {
  std::vector<fs::path> files;
  for (const char* name : {"mentorctl.yaml", "certificates.yaml"})
    if (fs::is_regular_file(root / name)) files.push_back(root / name);
  for (const char* dir :
       {"calendars", "people", "programs", "pairings", "trainings", "applications", "evidence"})
    add_yaml_files_in(root / dir, files);
  for (const char* dir : {"logs", "observations"}) {
    std::error_code ec;
    if (!fs::is_directory(root / dir, ec)) continue;
    for (const auto& year : fs::directory_iterator(root / dir))
      if (year.is_directory()) add_yaml_files_in(year.path(), files);
  }
  std::sort(files.begin(), files.end());
  return files;
}

bool read_whole_file(const fs::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

// Returns the number of events, or -1 after printing the parse error.
std::int64_t count_events(const fs::path& path, const std::string& text) {
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) {
    std::fprintf(stderr, "mentorctl-floor: error: cannot initialize libyaml\n");
    return -1;
  }
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  std::int64_t events = 0;
  for (bool done = false; !done;) {
    yaml_event_t event;
    if (!yaml_parser_parse(&parser, &event)) {
      std::fprintf(stderr, "mentorctl-floor: error: %s:%zu:%zu: %s\n", path.c_str(),
                   parser.problem_mark.line + 1, parser.problem_mark.column + 1,
                   parser.problem ? parser.problem : "YAML error");
      yaml_parser_delete(&parser);
      return -1;
    }
    done = event.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&event);
    ++events;
  }
  yaml_parser_delete(&parser);
  return events;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: mentorctl-floor ROOT\n");
    return 2;
  }
  const fs::path root = argv[1];
  std::vector<fs::path> files;
  try {
    files = record_files(root);
  } catch (const fs::filesystem_error& e) {
    std::fprintf(stderr, "mentorctl-floor: error: %s\n", e.what());
    return 1;
  }

  const auto start = std::chrono::steady_clock::now();
  std::int64_t bytes = 0;
  std::int64_t events = 0;
  std::string text;
  for (const auto& path : files) {
    if (!read_whole_file(path, text)) {
      std::fprintf(stderr, "mentorctl-floor: error: %s: cannot read\n", path.c_str());
      return 1;
    }
    const std::int64_t file_events = count_events(path, text);
    if (file_events < 0) return 1;
    bytes += static_cast<std::int64_t>(text.size());
    events += file_events;
  }
  const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - start;

  std::printf("{\"files\":%zu,\"bytes\":%lld,\"events\":%lld,\"seconds\":%.6f}\n", files.size(),
              static_cast<long long>(bytes), static_cast<long long>(events), seconds.count());
  return 0;
}
