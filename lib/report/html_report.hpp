// `mentorctl report html`: one self-contained HTML page for a program director (inline
// CSS and SVG, no script, nothing fetched), from the audit's findings and the stipend
// report, so that the page and `mentorctl audit` can never disagree.
#pragma once

#include "repo/repository.hpp"
#include "rules/rules.hpp"
#include "rules/stipend.hpp"

#include <string>

namespace mentorctl {

/// `audit`: every program, the school year holding as-of, met findings kept;
/// `stipends`: compute_stipends of the same audit.
std::string html_report(const Repository& repository, const AuditResult& audit,
                        const StipendReport& stipends);

/// Text made safe inside HTML elements and attribute values: & < > " ' escaped, control
/// characters but tab and line feed made visible (`\x1b`).
std::string html_escape(std::string_view text);

}  // namespace mentorctl
