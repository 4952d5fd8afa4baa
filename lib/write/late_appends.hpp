// Appends another program makes to a file while mentorctl replaces it. The write checks,
// under its lock, that the file still holds what it read just before renaming the new
// version over it; a program that does not take the lock (a shell's `>>`) may still
// append between that check and the rename, or open the file before the rename and write
// after it. Those bytes land in the old file, which no name reaches any more: they are
// found through a descriptor held across the rename and appended to the new file.
#pragma once

#include "util/files.hpp"
#include "util/result.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <utility>

namespace mentorctl {

/// The file at a place, held open from just before its replacement.
class LateAppends {
 public:
  /// Starts watching the file at `place`, which holds `size` bytes; nullopt when it
  /// cannot be opened (it is then not there to be appended to).
  static std::optional<LateAppends> watch(const ConfinedPath& place, std::size_t size);

  /// After the replacement: copies to the end of the new file at `place` whatever was
  /// appended to the old one, looking again a few milliseconds later for a writer that
  /// opened it before the rename. Returns how many bytes were carried over.
  Result<std::size_t> carry_over(const ConfinedPath& place);

 private:
  LateAppends(FileDescriptor fd, std::size_t size) : fd_(std::move(fd)), seen_(size) {}
  /// The bytes appended to the old file since the last look.
  Result<std::string> appended();

  FileDescriptor fd_;
  std::size_t seen_;
};

}  // namespace mentorctl
