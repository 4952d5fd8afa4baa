// The diagnostic codes and what each means (docs/format.md, "Diagnostic codes"), for the
// rules of `check --format sarif`.
#pragma once

#include <string_view>
#include <vector>

namespace mentorctl {

/// A diagnostic code and what it means, in one line.
struct DiagnosticCode {
  const char* code;
  const char* meaning;
};

/// Every code a diagnostic can carry, in the order docs/format.md lists them.
const std::vector<DiagnosticCode>& diagnostic_codes();
/// What `code` means, or nullptr for a code not in the table.
const char* diagnostic_code_meaning(std::string_view code);

}  // namespace mentorctl
