// The outputs of `mentorctl stipend` (SPEC 6.7): text, csv and json.
#pragma once

#include "rules/stipend.hpp"

#include <string>

namespace mentorctl {

/// The header `school_year,program,mentor,name,district,mentee,base,fraction,amount,currency,status,reasons`
/// and one line per row; text cells are guarded against formulas.
std::string stipend_csv(const StipendReport& report);

/// `{"school_year","as_of","rows":[...],"totals":[{"program","currency","amount"}]}`,
/// money and fractions as strings.
std::string stipend_json(const StipendReport& report);

/// For a person at a terminal: one line per row, the totals per program and currency,
/// the payable and withheld counts, and each withheld row's requirements in the handbook's
/// words (the text of the audited requirements).
std::string stipend_text(const StipendReport& report, const AuditResult& audit);

}  // namespace mentorctl
