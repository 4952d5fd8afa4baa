// Warnings on records that are valid but almost certainly not what was meant (check only).
#pragma once

#include "model/dates.hpp"
#include "model/records.hpp"

#include <string>

namespace mentorctl {

/// Adds warnings for silent no-ops and sorts the diagnostics again:
/// - a training session whose kind no training requirement counts but is close to one
///   they do (when every training requirement names its kinds);
/// - a requirement's `kinds` entry that no record uses but is close to one that does
///   (log entry kinds for hours and meetings, session kinds for training);
/// - log entries, observations and attended sessions dated after `today`, one warning
///   per file (the audit counts none of them before their day).
/// `today` is the as-of date; `today_text` names it in messages ("today (2026-12-03)").
void warn_likely_mistakes(Records& records, Date today, const std::string& today_text);

}  // namespace mentorctl
