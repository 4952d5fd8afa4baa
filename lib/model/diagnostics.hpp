// Diagnostics: one problem in the records, with its place and a stable code.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mentorctl {

enum class Severity : std::uint8_t { error, warning };

/// A position in a file, 1-based. Line 0 means "the file as a whole".
struct Mark {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

struct Diagnostic {
  std::string file;  // relative to the repository root, '/' separated
  Mark mark;
  Severity severity = Severity::error;
  std::string code;
  std::string message;
  /// For the one line that stands for the diagnostics of a file beyond the limit ("and
  /// 12 more errors in this file"): how many errors it stands for; 0 for the others.
  std::uint64_t stands_for = 0;
  /// About a confidential record: the line it points at is never shown with it.
  bool confidential = false;
};

/// How many diagnostics of one file are listed; the rest are counted in one line.
inline constexpr std::size_t max_diagnostics_per_file = 50;

/// The diagnostics of one load, in the order they were found.
class Diagnostics {
 public:
  void add(Diagnostic diagnostic);
  void error(std::string file, Mark mark, std::string code, std::string message);
  void warning(std::string file, Mark mark, std::string code, std::string message);
  void append(const Diagnostics& other);

  /// From now on keeps only the first `limit` diagnostics and counts the rest, so a
  /// file with ten million errors costs neither memory nor a screenful per error.
  void limit(std::size_t limit) { limit_ = limit; }
  /// Ends the limit: one more line, "and K more errors in this file", when any were
  /// counted rather than kept.
  void end_limit();

  /// Sorts by file, line, column, then code and message, and drops exact repeats.
  void sort();

  /// False once a limit is reached: what is added next is only counted, so a caller may
  /// skip composing its message (a "did you mean" search per unknown key of millions).
  [[nodiscard]] bool keeps_more() const { return limit_ == static_cast<std::size_t>(-1) || kept_ < limit_; }

  [[nodiscard]] const std::vector<Diagnostic>& items() const { return items_; }
  [[nodiscard]] std::size_t size() const { return items_.size(); }
  /// Every error and warning found, those beyond a limit included.
  [[nodiscard]] std::size_t error_count() const;
  [[nodiscard]] std::size_t warning_count() const;

 private:
  std::vector<Diagnostic> items_;
  std::size_t limit_ = static_cast<std::size_t>(-1);
  std::size_t kept_ = 0;  // since limit()
  std::uint64_t more_errors_ = 0;
  std::uint64_t more_warnings_ = 0;
  std::optional<Diagnostic> first_beyond_;
};

const char* severity_name(Severity severity);

/// `path:line:col: error: message [code]`, with the path and message made visible_text:
/// a value or file name quoted in a message never reaches a terminal or log raw.
std::string format_diagnostic(const Diagnostic& diagnostic);

/// The closest candidate to `word` by edit distance, or "" when none is close.
std::string closest_match(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace mentorctl
