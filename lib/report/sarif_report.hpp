// SARIF 2.1.0 for code scanning tools: `check --format sarif` and `audit --format sarif`.
#pragma once

#include "model/diagnostic_codes.hpp"
#include "model/diagnostics.hpp"
#include "report/audit_report.hpp"
#include "rules/rules.hpp"

#include <optional>
#include <string>

namespace mentorctl {

// `checkout_prefix`: the records root's folder from the top of its git work tree ("" or
// "records/"), or nullopt outside git. When set, every uri is relative to the top of the
// work tree, with uriBaseId SRCROOT (declared in originalUriBaseIds), as code scanning
// resolves them; else relative to the records root, with no base.

/// One run of `check`: a rule per diagnostic code that occurs (its meaning from
/// diagnostic_codes()), a result per diagnostic, on its file, line and column.
std::string diagnostics_sarif(const Diagnostics& diagnostics, std::size_t files, const std::string& version,
                              const std::optional<std::string>& checkout_prefix);

/// One run of `audit`: a rule per requirement of the audited programs (`PROGRAM/ID`), a
/// result per listed finding, on the file and line where the github format puts it, with
/// the requirement's line as a related location and the JSON finding as its properties.
std::string audit_sarif(const AuditResult& result, const AuditReportOptions& options,
                        const std::string& version, const std::optional<std::string>& checkout_prefix);

}  // namespace mentorctl
