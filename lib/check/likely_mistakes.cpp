// Warnings on records that are valid but almost certainly not what was meant.
#include "check/likely_mistakes.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace mentorctl {
namespace {

bool counts_sessions(const Requirement& r) { return r.type == RequirementType::training; }
bool counts_entries(const Requirement& r) {
  return r.type == RequirementType::hours || r.type == RequirementType::meetings;
}

std::string did_you_mean(const std::string& word, const std::set<std::string>& candidates) {
  const std::string close =
      closest_match(word, std::vector<std::string>(candidates.begin(), candidates.end()));
  return close.empty() ? std::string{} : fmt::format("; did you mean '{}'?", close);
}

// A session kind that no training requirement counts, close to one they do count, where
// each names its kinds.
void uncounted_session_kinds(Records& records) {
  std::set<std::string> counted;
  bool any_training = false;
  for (const Program& program : records.programs) {
    for (const Requirement& r : program.requirements) {
      if (!counts_sessions(r)) {
        continue;
      }
      if (r.kinds.empty()) {
        return;  // this requirement counts every kind
      }
      any_training = true;
      counted.insert(r.kinds.begin(), r.kinds.end());
    }
  }
  if (!any_training) {
    return;
  }
  for (const TrainingSession& s : records.sessions) {
    if (counted.count(s.kind) != 0) {
      continue;
    }
    // Only a likely typo: sessions of a kind nobody counts on purpose (a cohort meeting) are fine.
    const std::string hint = did_you_mean(s.kind, counted);
    if (!hint.empty()) {
      records.diagnostics.warning(
          records.path_of(s.source), s.source.mark, "uncounted-kind",
          fmt::format("no training requirement counts sessions of kind '{}' (they count {}){}", s.kind,
                      fmt::join(counted, ", "), hint));
    }
  }
}

// A requirement's kinds entry no record uses, close to one that records do use.
void unused_requirement_kinds(Records& records) {
  std::set<std::string> session_kinds;
  for (const TrainingSession& s : records.sessions) {
    session_kinds.insert(s.kind);
  }
  std::set<std::string> entry_kinds;
  for (const LogEntry& e : records.logs) {
    entry_kinds.insert(e.kind);
  }
  for (const Program& program : records.programs) {
    for (const Requirement& r : program.requirements) {
      const std::set<std::string>* used = counts_sessions(r)  ? &session_kinds
                                          : counts_entries(r) ? &entry_kinds
                                                              : nullptr;
      if (used == nullptr) {
        continue;
      }
      for (const std::string& kind : r.kinds) {
        if (used->count(kind) != 0) {
          continue;
        }
        const std::string hint = did_you_mean(kind, *used);
        if (!hint.empty()) {
          records.diagnostics.warning(
              records.path_of(r.source), r.source.mark, "unused-kind",
              fmt::format("requirement '{}' counts kind '{}', which no {} has{}", r.id, kind,
                          counts_sessions(r) ? "training session" : "log entry", hint));
        }
      }
    }
  }
}

// One warning per file holding records dated after today.
void future_dated(Records& records, Date today, const std::string& today_text) {
  struct Later {
    std::size_t count = 0;
    Date first;
    Mark mark;
    const char* what = "";
  };
  std::map<std::uint32_t, Later> by_file;
  auto note = [&](const Source& source, Date date, const char* what) {
    if (date <= today) {
      return;
    }
    Later& later = by_file[source.file];
    if (later.count == 0 || date < later.first) {
      later.first = date;
      later.mark = source.mark;
    }
    later.what = what;
    ++later.count;
  };
  for (const LogEntry& e : records.logs) {
    note(e.source, e.date, "log entr");
  }
  for (const Observation& o : records.observations) {
    note(o.source, o.date, "observation");
  }
  for (const TrainingSession& s : records.sessions) {
    if (!s.attendees.empty()) {
      note(s.source, s.date, "attended session");
    }
  }
  for (const auto& [file, later] : by_file) {
    const bool entry = std::string_view(later.what) == "log entr";
    const std::string what = entry ? (later.count == 1 ? "log entry" : "log entries")
                                   : fmt::format("{}{}", later.what, later.count == 1 ? "" : "s");
    records.diagnostics.warning(
        records.files[file].path, later.mark, "future-date",
        fmt::format("{} {} dated after {}, the first on {}: audit counts none of them before that day; "
                    "check the year, or give --as-of when checking ahead",
                    later.count, what, today_text, format_date(later.first)));
  }
}

}  // namespace

void warn_uncounted_kinds(Records& records) {
  uncounted_session_kinds(records);
  unused_requirement_kinds(records);
  records.diagnostics.sort();
}

void warn_future_dated(Records& records, Date today, const std::string& today_text) {
  future_dated(records, today, today_text);
  records.diagnostics.sort();
}

}  // namespace mentorctl
