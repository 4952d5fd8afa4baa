// SARIF 2.1.0 for code scanning tools: `check --format sarif` and `audit --format sarif`.
#pragma once

#include "model/diagnostic_codes.hpp"
#include "model/diagnostics.hpp"
#include "report/audit_report.hpp"
#include "rules/rules.hpp"

#include <string>

namespace mentorctl {

/// One run of `check`: a rule per diagnostic code that occurs (its meaning from
/// diagnostic_codes()), a result per diagnostic, on its file, line and column.
std::string diagnostics_sarif(const Diagnostics& diagnostics, std::size_t files, const std::string& version);

/// One run of `audit`: a rule per requirement of the audited programs (`PROGRAM/ID`), a
/// result per listed finding, on the file and line where the github format puts it, with
/// the requirement's line as a related location and the JSON finding as its properties.
std::string audit_sarif(const AuditResult& result, const AuditReportOptions& options,
                        const std::string& version);

}  // namespace mentorctl
