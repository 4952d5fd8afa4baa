// The outputs of `mentorctl stipend` (SPEC 6.7): csv and json.
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

}  // namespace mentorctl
