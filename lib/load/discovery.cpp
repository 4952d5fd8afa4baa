#include "load/discovery.hpp"

#include "model/file_layout.hpp"
#include "util/parallel.hpp"

#include <fmt/format.h>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <memory>
#include <system_error>

namespace mentorctl {
namespace fs = std::filesystem;

std::string stem_of(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (name.size() > 5 && name.substr(name.size() - 5) == ".yaml") {
    name.remove_suffix(5);
  }
  return std::string(name);
}

namespace {

class Discovery {
 public:
  Discovery(const fs::path& root, Records& records, unsigned threads = 0)
      : root_(root), records_(records), threads_(threads) {
    std::error_code ec;
    canonical_root_ = fs::canonical(root, ec);
  }

  std::vector<Found> run() {
    for (const auto& layout : record_file_layouts()) {
      switch (layout.placement) {
        case FilePlacement::top_level:
          add_file_if_present(layout.path, layout.kind);
          break;
        case FilePlacement::in_folder:
          scan_flat(layout.path, layout.kind, layout.named_by_year);
          break;
        case FilePlacement::in_year_folder:
          scan_nested(layout.path, layout.kind);
          break;
      }
    }
    stat_pending();
    found_.reserve(pending_.size());
    for (auto& file : pending_) {
      add_found(file);
    }
    pending_.clear();
    std::sort(found_.begin(), found_.end(),
              [](const Found& a, const Found& b) { return a.context.path < b.context.path; });
    return std::move(found_);
  }

 private:
  // False (after a diagnostic) when `path` is a symlink leading outside the repository.
  bool inside_repository(const fs::path& path, const std::string& relative) {
    std::error_code ec;
    if (!fs::is_symlink(fs::symlink_status(path, ec))) {
      return true;
    }
    const fs::path target = fs::canonical(path, ec);
    if (ec) {
      skip(relative, "unreadable", "symlink leads nowhere (its target does not exist); fix or remove it");
      return false;
    }
    const auto rel = target.lexically_relative(canonical_root_);
    if (rel.empty() || *rel.begin() == "..") {
      skip(relative, "symlink-outside",
           fmt::format("symlink leads outside the repository (to {}); record files must live inside it",
                       target.string()));
      return false;
    }
    return true;
  }

  // An error about a file or folder left out as a whole: its records count as skipped.
  void skip(const std::string& relative, const char* code, std::string message) {
    records_.diagnostics.error(relative, {1, 1}, code, std::move(message));
    ++records_.skipped_paths;
  }

  // A folder's entries: names and the type readdir gave (DT_UNKNOWN on some file systems).
  struct Entry {
    std::string name;
    unsigned char type = DT_UNKNOWN;
  };
  // A folder's entries, and the folder still open while they are looked at; it is closed
  // before the next folder is listed (but the one above), so discovery holds at most
  // two descriptors whatever the number of folders.
  struct Listing {
    std::unique_ptr<DIR, int (*)(DIR*)> dir{nullptr, ::closedir};
    std::vector<Entry> entries;
    [[nodiscard]] int fd() const { return dir ? ::dirfd(dir.get()) : AT_FDCWD; }
  };

  // A record file to add once it has been stat'ed.
  struct Pending {
    std::string absolute;
    std::string relative;
    FileKind kind = FileKind::settings;
    std::optional<SchoolYear> year;
    struct stat st {};
    bool stat_ok = false;
    bool stat_done = false;  // stat'ed in its folder (stat_listed)
  };

  void add(std::string relative, FileKind kind, std::optional<SchoolYear> year) {
    std::string absolute = root_string_ + "/" + relative;
    pending_.push_back(Pending{std::move(absolute), std::move(relative), kind, year, {}, false});
  }

  // One lstat per file, spread over threads: at state scale these calls are most of a
  // scan. Files stat'ed in their folder already are skipped.
  void stat_pending() {
    parallel_for(pending_.size(), pending_.size() < 512 ? 1 : threads_, [&](std::size_t i) {
      Pending& file = pending_[i];
      if (!file.stat_done) {
        file.stat_ok = ::lstat(file.absolute.c_str(), &file.st) == 0;
      }
    });
  }

  // Stats the files added since `first` (all named in `listing`, which is still open)
  // relative to the folder: no walk of the whole path per file, as lstat of the absolute
  // path does.
  void stat_listed(const Listing& listing, std::size_t first) {
    const std::size_t count = pending_.size() - first;
    const int fd = listing.fd();
    if (fd == AT_FDCWD) {
      return;
    }
    parallel_for(count, count < 512 ? 1 : threads_, [&](std::size_t i) {
      Pending& file = pending_[first + i];
      const std::size_t slash = file.relative.rfind('/');
      const char* name = file.relative.c_str() + (slash == std::string::npos ? 0 : slash + 1);
      file.stat_ok = ::fstatat(fd, name, &file.st, AT_SYMLINK_NOFOLLOW) == 0;
      file.stat_done = true;
    });
  }

  // The common case is a regular file that is no link; links and the rest take the long way.
  void add_found(Pending& file) {
    Found f;
    std::string absolute = std::move(file.absolute);
    if (file.stat_ok && S_ISREG(file.st.st_mode)) {
      f.key = file_key_from(file.st);
    } else {
      const fs::path path(absolute);
      if (!inside_repository(path, file.relative)) {
        return;
      }
      std::error_code ec;
      const auto status = fs::status(path, ec);
      if (ec && ec != std::errc::no_such_file_or_directory) {
        skip(file.relative, "unreadable", fmt::format("cannot read the file: {}", ec.message()));
        return;
      }
      if (!fs::is_regular_file(status)) {
        skip(file.relative, "not-a-file",
             fs::is_directory(status) ? "a folder stands where a record file belongs; move its contents out"
                                      : "not a regular file; a record file belongs here");
        return;
      }
      f.key = file_key_of(path);
    }
    f.absolute = std::move(absolute);
    f.context.stem = stem_of(file.relative);
    f.context.path = std::move(file.relative);
    f.context.kind = file.kind;
    f.context.year = file.year;
    found_.push_back(std::move(f));
  }

  void add_file_if_present(const char* name, FileKind kind) {
    std::error_code ec;
    const fs::path path = root_ / name;
    if (fs::exists(fs::symlink_status(path, ec))) {
      add(name, kind, std::nullopt);
    }
  }

  // Whether an entry is a folder (following a link, as the other checks do).
  bool is_folder(const Listing& listing, const Entry& entry) const {
    if (entry.type == DT_DIR) {
      return true;
    }
    if (entry.type != DT_UNKNOWN && entry.type != DT_LNK) {
      return false;
    }
    struct stat st {};
    return ::fstatat(listing.fd(), entry.name.c_str(), &st, 0) == 0 && S_ISDIR(st.st_mode);
  }

  // Entries of a folder, sorted by name, skipping hidden names. Empty when missing; a
  // folder that cannot be read is an error, never an empty folder.
  Listing list(const fs::path& folder, const std::string& relative) {
    Listing listing;
    std::error_code ec;
    const auto status = fs::status(folder, ec);
    if (ec && ec != std::errc::no_such_file_or_directory) {
      skip(relative, "unreadable", fmt::format("cannot read the folder: {}", ec.message()));
      return listing;
    }
    if (!fs::exists(status)) {
      return listing;
    }
    if (!fs::is_directory(status)) {
      skip(relative, "not-a-file", "a file stands where a folder of records belongs; move it away");
      return listing;
    }
    if (!inside_repository(folder, relative)) {
      return listing;
    }
    listing.dir.reset(::opendir(folder.c_str()));
    if (!listing.dir) {
      skip(relative, "unreadable",
           fmt::format("cannot read the folder: {}; none of its files were read",
                       std::generic_category().message(errno)));
      return listing;
    }
    for (;;) {
      errno = 0;
      const dirent* item = ::readdir(listing.dir.get());
      if (item == nullptr) {
        if (errno != 0) {
          skip(relative, "unreadable",
               fmt::format("cannot read the whole folder: {}; some of its files may not have been read",
                           std::generic_category().message(errno)));
        }
        break;
      }
      if (item->d_name[0] != '.') {
        listing.entries.push_back(Entry{item->d_name, item->d_type});
      }
    }
    std::sort(listing.entries.begin(), listing.entries.end(),
              [](const Entry& a, const Entry& b) { return a.name < b.name; });
    return listing;
  }

  static bool is_yaml(const std::string& name) {
    return name.size() > 5 && name.compare(name.size() - 5, 5, ".yaml") == 0;
  }

  void scan_flat(const std::string& folder, FileKind kind, bool named_by_year) {
    Listing listing = list(root_ / folder, folder);
    const std::size_t first = pending_.size();
    for (const auto& entry : listing.entries) {
      const std::string& name = entry.name;
      const std::string relative = folder + "/" + name;
      if (!is_yaml(name)) {
        records_.diagnostics.warning(relative, {1, 1}, "not-yaml",
                                     is_folder(listing, entry)
                                         ? fmt::format("folder ignored: {}/ holds only *.yaml files", folder)
                                         : fmt::format("file ignored: {}/ holds only *.yaml files", folder));
        continue;
      }
      std::optional<SchoolYear> year;
      if (named_by_year) {
        year = parse_school_year(stem_of(name));
        if (!year) {
          skip(relative, "bad-school-year",
               fmt::format("'{}' is not named after a school year; name it like {}/2026-27.yaml", name,
                           folder));
          continue;
        }
      }
      add(relative, kind, year);
    }
    stat_listed(listing, first);
  }

  void scan_nested(const std::string& folder, FileKind kind) {
    const Listing listing = list(root_ / folder, folder);
    for (const auto& entry : listing.entries) {
      const std::string& name = entry.name;
      const std::string relative = folder + "/" + name;
      if (!is_folder(listing, entry)) {
        records_.diagnostics.warning(relative, {1, 1}, "not-yaml",
                                     fmt::format("file ignored: {0}/ holds one folder per school year, "
                                                 "like {0}/2026-27/",
                                                 folder));
        continue;
      }
      const auto year = parse_school_year(name);
      if (!year) {
        skip(relative, "bad-school-year",
             fmt::format("folder '{}' is not named after a school year; name it like {}/2026-27", name,
                         folder));
        continue;
      }
      const Listing files = list(root_ / relative, relative);
      const std::size_t first = pending_.size();
      pending_.reserve(pending_.size() + files.entries.size());
      for (const auto& file : files.entries) {
        std::string file_relative = relative + "/" + file.name;
        if (!is_yaml(file.name)) {
          records_.diagnostics.warning(file_relative, {1, 1}, "not-yaml",
                                       fmt::format("ignored: {}/ holds only *.yaml files", relative));
          continue;
        }
        add(std::move(file_relative), kind, year);
      }
      stat_listed(files, first);
    }
  }

  fs::path root_;
  std::string root_string_ = root_.string();
  fs::path canonical_root_;
  Records& records_;
  unsigned threads_ = 0;
  std::vector<Pending> pending_;
  std::vector<Found> found_;
};

}  // namespace

std::vector<Found> discover(const fs::path& root, Records& records, unsigned threads) {
  return Discovery(root, records, threads).run();
}

}  // namespace mentorctl
