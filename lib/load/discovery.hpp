// Discovery of record files: which files a load reads, found folder by folder, with a
// diagnostic for every file or folder it cannot read or must refuse.
#pragma once

#include "load/cache.hpp"
#include "model/records.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mentorctl {

// Where a file's id or school year comes from: its name.
struct FileContext {
  std::string path;
  std::string stem;              // file name without .yaml
  std::optional<SchoolYear> year;  // from the file name or folder (SY kinds)
  std::uint32_t index = 0;
  FileKind kind = FileKind::settings;
};

/// The name of a file without its folder and its .yaml.
std::string stem_of(std::string_view path);

/// A record file found by discovery.
struct Found {
  FileContext context;
  std::string absolute;
  std::optional<FileKey> key;  // what stat said during discovery
};

/// Every record file under `root`, sorted by path; what is wrong with the folders and the
/// files left out goes to `records` (diagnostics, skipped_paths). At most two folders are
/// open at once, whatever their number; stat calls run on `threads` threads.
std::vector<Found> discover(const std::filesystem::path& root, Records& records, unsigned threads);

}  // namespace mentorctl
