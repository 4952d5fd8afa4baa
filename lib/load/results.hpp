// Replay of read-only commands: what a command printed and returned is stored in the
// cache folder (cache.hpp), keyed by the command and every option that shapes its output,
// and printed again while the repository keeps the fingerprint it had then.
#pragma once

#include "load/loader.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>

namespace mentorctl {

/// What a read-only command printed and returned.
struct CommandResult {
  int status = 0;
  std::string_view out;
  std::string_view err;
  std::shared_ptr<const void> storage;  // what out and err may point into
};

/// The result stored for `command` (a string naming the command and everything that
/// shapes its output) when the repository still has the fingerprint it had then, and
/// every file had settled (unchanged for a second) before it was computed.
std::optional<CommandResult> find_result(const std::filesystem::path& dir, std::string_view command,
                                         const RepositoryFingerprint& fingerprint);

/// Stores a result computed from a repository with `fingerprint`, scanned at
/// `scan_start_ns`; keeps the 32 most recent results, 512 MiB at most. Failures are ignored.
void store_result(const std::filesystem::path& dir, std::string_view command,
                  const RepositoryFingerprint& fingerprint, std::uint64_t scan_start_ns,
                  const CommandResult& result);

}  // namespace mentorctl
