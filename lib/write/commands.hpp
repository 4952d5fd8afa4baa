// The rules of the write commands (SPEC 5): what log, observe, pair, training and
// evidence append, to which file, and when they refuse (with how to fix it).
// Each command's plan is in its own file (plan_log.cpp, plan_observe.cpp, plan_pair.cpp,
// plan_training.cpp, plan_evidence.cpp); describe_write is in describe_write.cpp.
#pragma once

#include "model/dates.hpp"
#include "model/records.hpp"
#include "write/writer.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace mentorctl {

/// `mentorctl log`: one support-log entry of `mentor` (already resolved "yourself").
struct LogRequest {
  std::string mentor;
  std::string mentee;
  std::string duration;  // as typed: 45m, 1h30m, 1.5h
  std::string date;      // as typed; empty: today
  std::string kind = "meeting";
  std::vector<std::string> topics;
  std::vector<std::string> completes;
  std::string notes;
  bool confidential = false;
  std::string program;  // empty: none
  bool force = false;   // record even without an active pairing
};

/// `mentorctl observe`: one observation of `mentee` by `observer`.
struct ObserveRequest {
  std::string mentee;
  std::string observer;
  std::string date;
  std::string duration;  // empty: none
  std::string focus;
  std::vector<std::string> standards;
  std::string evidence;
  bool confidential = false;
  bool force = false;
};

/// `mentorctl pair`: one pairing.
struct PairRequest {
  std::string mentor;
  std::string mentee;
  std::string program;
  std::string start;  // empty: today
  std::string end;    // empty: the school year's last day (written as no `end`)
};

/// `mentorctl training add`: one session.
struct SessionRequest {
  std::string id;
  std::string date;
  std::string kind;
  std::string title;
  std::string duration;
};

/// `mentorctl training attend`: people who attended a session.
struct AttendRequest {
  std::string session;
  std::vector<std::string> people;
  std::string year;  // school year label, to pick among sessions of one id in several years
};

/// `mentorctl evidence`: one piece of certification evidence for `person`.
struct EvidenceRequest {
  std::string person;
  std::string criterion;  // LEVEL/ID
  std::string program;
  std::string signed_off_by;
  std::string date;
  std::string note;
};

/// Plans each command from the repository's validated records; `today` bounds dates of
/// what already happened.
WriteResult<Addition> plan_log(const Records& records, const LogRequest& request, Date today);
WriteResult<Addition> plan_observe(const Records& records, const ObserveRequest& request, Date today);
WriteResult<Addition> plan_pair(const Records& records, const PairRequest& request, Date today);
WriteResult<Addition> plan_session(const Records& records, const SessionRequest& request, Date today);
WriteResult<Addition> plan_attend(const Records& records, const AttendRequest& request, Date today);
WriteResult<Addition> plan_evidence(const Records& records, const EvidenceRequest& request, Date today);

/// What to tell the user about a write.
struct WriteMessages {
  std::string output;    // standard output: the lines added (unless quiet)
  std::string messages;  // standard error: warnings, or the refusal and its diagnostics
  enum class Outcome : std::uint8_t {
    written,                        // done (or planned, for a dry run)
    written_with_errors_elsewhere,  // done, but records elsewhere have errors (exit 2)
    refused,                        // nothing written: the request or the file (exit 2)
    failed                          // nothing written: I/O (exit 3)
  } outcome = Outcome::written;
};

/// Describes a write's result: the added lines ("Added to FILE:"), warnings, and the
/// refusal with its diagnostics (their files read from `root` for excerpts).
WriteMessages describe_write(const WriteResult<WriteReport>& result, const std::filesystem::path& root,
                             bool dry_run, bool quiet, bool color);

}  // namespace mentorctl
