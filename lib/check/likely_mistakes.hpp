// Warnings on records that are valid but almost certainly not what was meant (check only).
#pragma once

#include "model/dates.hpp"
#include "model/records.hpp"

#include <string>

namespace mentorctl {

/// Adds warnings for kinds that count nothing, and sorts the diagnostics again:
/// - a training session whose kind no training requirement counts but is close to one
///   they do (when every training requirement names its kinds);
/// - a requirement's `kinds` entry that no record uses but is close to one that does
///   (log entry kinds for hours and meetings, session kinds for training).
/// Writers call it too, so `training add --kind half-dya` warns as it writes.
void warn_uncounted_kinds(Records& records);

/// Adds one warning per file holding log entries, observations or attended sessions
/// dated after `today` (the audit counts none of them before their day), and sorts the
/// diagnostics again; `today_text` names the date in messages ("today (2026-12-03)").
void warn_future_dated(Records& records, Date today, const std::string& today_text);

}  // namespace mentorctl
