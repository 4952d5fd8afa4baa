// Diagnostics: one problem in the records, with its place and a stable code.
#pragma once

#include <cstdint>
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
  /// About a confidential record: the line it points at is never shown with it.
  bool confidential = false;
};

/// The diagnostics of one load, in the order they were found.
class Diagnostics {
 public:
  void add(Diagnostic diagnostic) { items_.push_back(std::move(diagnostic)); }
  void error(std::string file, Mark mark, std::string code, std::string message);
  void warning(std::string file, Mark mark, std::string code, std::string message);
  void append(const Diagnostics& other);

  /// Sorts by file, line, column, then code and message, and drops exact repeats.
  void sort();

  [[nodiscard]] const std::vector<Diagnostic>& items() const { return items_; }
  [[nodiscard]] std::size_t size() const { return items_.size(); }
  [[nodiscard]] std::size_t error_count() const;
  [[nodiscard]] std::size_t warning_count() const;

 private:
  std::vector<Diagnostic> items_;
};

const char* severity_name(Severity severity);

/// `path:line:col: error: message [code]`, with the path and message made visible_text:
/// a value or file name quoted in a message never reaches a terminal or log raw.
std::string format_diagnostic(const Diagnostic& diagnostic);

/// The closest candidate to `word` by edit distance, or "" when none is close.
std::string closest_match(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace mentorctl
