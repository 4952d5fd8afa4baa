#include "model/diagnostics.hpp"

#include "util/utf8.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>
#include <utility>

namespace mentorctl {

void Diagnostics::add(Diagnostic diagnostic) {
  constexpr auto unlimited = static_cast<std::size_t>(-1);
  if (limit_ == unlimited || kept_ < limit_) {
    kept_ += limit_ == unlimited ? 0 : 1;  // only what came after limit() counts
    items_.push_back(std::move(diagnostic));
    return;
  }
  (diagnostic.severity == Severity::error ? more_errors_ : more_warnings_) += 1;
  if (!first_beyond_) {
    first_beyond_ = std::move(diagnostic);
  }
}

void Diagnostics::error(std::string file, Mark mark, std::string code, std::string message) {
  add({std::move(file), mark, Severity::error, std::move(code), std::move(message)});
}

void Diagnostics::warning(std::string file, Mark mark, std::string code, std::string message) {
  add({std::move(file), mark, Severity::warning, std::move(code), std::move(message)});
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

void Diagnostics::end_limit() {
  if (first_beyond_) {
    // One line for the errors and one for the warnings left out, where the first one left
    // out would have been; each counts as the diagnostics it stands for.
    for (const auto& [severity, count] :
         {std::pair{Severity::error, more_errors_}, std::pair{Severity::warning, more_warnings_}}) {
      if (count > 0) {
        items_.push_back(
            Diagnostic{first_beyond_->file, first_beyond_->mark, severity, "too-many-diagnostics",
                       fmt::format("and {} more {}{} in this file (not listed); fix the ones above first",
                                   count, severity_name(severity), count == 1 ? "" : "s"),
                       count});
      }
    }
  }
  limit_ = static_cast<std::size_t>(-1);
  kept_ = 0;
  more_errors_ = 0;
  more_warnings_ = 0;
  first_beyond_.reset();
}

void Diagnostics::sort() {
  const auto key = [](const Diagnostic& d) {
    return std::tie(d.file, d.mark.line, d.mark.column, d.code, d.message);
  };
  std::stable_sort(items_.begin(), items_.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
  items_.erase(std::unique(items_.begin(), items_.end(),
                           [&](const Diagnostic& a, const Diagnostic& b) {
                             return key(a) == key(b) && a.severity == b.severity;
                           }),
               items_.end());
}

namespace {

std::size_t count_of(const std::vector<Diagnostic>& items, Severity severity) {
  std::size_t count = 0;
  for (const auto& d : items) {
    if (d.severity == severity) {
      count += d.stands_for > 0 ? static_cast<std::size_t>(d.stands_for) : 1;
    }
  }
  return count;
}

}  // namespace

std::size_t Diagnostics::error_count() const { return count_of(items_, Severity::error); }

std::size_t Diagnostics::warning_count() const { return count_of(items_, Severity::warning); }

const char* severity_name(Severity severity) {
  return severity == Severity::error ? "error" : "warning";
}

std::string format_diagnostic(const Diagnostic& d) {
  return fmt::format("{}:{}:{}: {}: {} [{}]", visible_text(d.file), std::max<std::uint32_t>(d.mark.line, 1),
                     std::max<std::uint32_t>(d.mark.column, 1), severity_name(d.severity),
                     visible_text(d.message), d.code);
}

namespace {

// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
// two neighbouring letters ("topcis") each count one.
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> before(b.size() + 1);  // row i-2
  std::vector<std::size_t> previous(b.size() + 1);  // row i-1
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) {
    previous[j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      row[j] = std::min({previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        row[j] = std::min(row[j], before[j - 2] + 1);
      }
    }
    std::swap(before, previous);
    std::swap(previous, row);
  }
  return previous[b.size()];
}

}  // namespace

std::string closest_match(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = 0;
  for (const auto& candidate : candidates) {
    const std::size_t distance = edit_distance(word, candidate);
    if (best.empty() || distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  // Close enough to be a typo: one edit in four letters, and at least one ("minutes" is not
  // "mentee", three edits away; "duraton" is "duration").
  const std::size_t limit = std::max<std::size_t>(1, (word.size() + 1) / 4);
  return !best.empty() && best_distance <= limit ? best : std::string{};
}

}  // namespace mentorctl
