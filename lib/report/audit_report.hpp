// Printing audit results (SPEC 6.2): text, json, csv, junit and GitHub workflow commands.
#pragma once

#include "rules/rules.hpp"

#include <string>

namespace mentorctl {

struct AuditReportOptions {
  bool include_met = false;    // list met findings too (`--all`); summaries always count them
  bool color = false;          // ANSI colours in the text format
  bool summary = true;         // end the text format with the summary line
  std::string subject;         // the --mentor/--mentee the audit is about, for "nothing unmet or due for X"
  std::size_t width = 0;       // text: wrap lines at spaces to this many columns (a terminal's); 0: never
  std::string nothing_listed = {};  // text: the line to print when no finding is listed, instead of the usual
};

/// Whether a finding is listed: unmet and due always, met with `include_met`.
bool listed(const Finding& finding, const AuditReportOptions& options);

/// Findings grouped by program and requirement, with the handbook text, who, the
/// period, required vs actual in human units, and a closing summary line.
std::string audit_text(const AuditResult& result, const AuditReportOptions& options);

/// `{"mentorctl":1,"as_of",...,"summary":{...},"findings":[...]}` exactly as SPEC 6.2.
std::string audit_json(const AuditResult& result, const AuditReportOptions& options);

/// A header row, then one row per listed finding: the JSON fields in order, minus `source`.
std::string audit_csv(const AuditResult& result, const AuditReportOptions& options);

/// JUnit XML: one testsuite per program, one testcase per listed finding (unmet = failure,
/// due = skipped).
std::string audit_junit(const AuditResult& result, const AuditReportOptions& options);

/// One `::error` / `::warning` workflow command per unmet finding, on the file and line
/// where the missing records belong. `checkout_prefix` ("" or "records/": the records
/// root's folder from the top of the git work tree) goes before every file name, since
/// GitHub resolves them against the top of the checkout.
std::string audit_github(const AuditResult& result, const std::string& checkout_prefix);

/// The handbook text of a finding's requirement ("" when unknown).
const std::string& handbook_text(const AuditResult& result, const Finding& f);

/// Who a finding is about: "jdoe{separator}asmith", "jdoe" or "asmith".
std::string subject_text(const Finding& finding, const char* separator);

/// Appends one finding as the JSON object `audit --format json` lists.
void finding_json(std::string& out, const Finding& finding);

/// A CSV cell: formula-like starts (= + - @ tab CR) prefixed with `'`, control characters
/// but tab made visible (`\n`, `\x1b`: one line per row), quoted when needed.
std::string csv_text_cell(const std::string& text);

}  // namespace mentorctl
