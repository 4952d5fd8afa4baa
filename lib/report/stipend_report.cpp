#include "report/stipend_report.hpp"

#include "report/audit_report.hpp"
#include "util/utf8.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace mentorctl {
namespace {

std::string joined_reasons(const StipendRow& row) {
  std::string reasons;
  for (const std::string& reason : row.reasons) {
    reasons += (reasons.empty() ? "" : ";") + reason;
  }
  return reasons;
}

}  // namespace

std::string stipend_csv(const StipendReport& report) {
  std::string out =
      "school_year,program,mentor,name,district,mentee,base,fraction,amount,currency,status,reasons\n";
  const std::string year = format_school_year(report.school_year);
  for (const StipendRow& row : report.rows) {
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{}\n", year, csv_text_cell(row.program),
                       csv_text_cell(row.mentor), csv_text_cell(row.name), csv_text_cell(row.district),
                       csv_text_cell(row.mentee), format_cents(row.base_cents),
                       format_stipend_fraction(row.fraction), format_cents(row.amount_cents),
                       csv_text_cell(row.currency), row.withheld ? "withheld" : "payable",
                       csv_text_cell(joined_reasons(row)));
  }
  return out;
}

std::string stipend_json(const StipendReport& report) {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  const std::string year = format_school_year(report.school_year);
  for (const StipendRow& row : report.rows) {
    rows.push_back({{"school_year", year},
                    {"program", row.program},
                    {"mentor", row.mentor},
                    {"name", row.name},
                    {"district", row.district},
                    {"mentee", row.mentee},
                    {"base", format_cents(row.base_cents)},
                    {"fraction", format_stipend_fraction(row.fraction)},
                    {"amount", format_cents(row.amount_cents)},
                    {"currency", row.currency},
                    {"status", row.withheld ? "withheld" : "payable"},
                    {"reasons", joined_reasons(row)}});
  }
  nlohmann::ordered_json totals = nlohmann::ordered_json::array();
  for (const StipendTotal& total : report.totals) {
    totals.push_back({{"program", total.program},
                      {"currency", total.currency},
                      {"amount", format_cents(total.amount_cents)}});
  }
  nlohmann::ordered_json document{
      {"school_year", year}, {"as_of", format_date(report.as_of)}, {"rows", rows}, {"totals", totals}};
  return document.dump(2) + "\n";
}

std::string stipend_text(const StipendReport& report, const AuditResult& audit) {
  std::string out = fmt::format("Stipends {} as of {}\n", format_school_year(report.school_year),
                                format_date(report.as_of));
  if (report.totals.empty()) {
    out += "No program has a 'stipend:' section, so there is nothing to pay (see 'mentorctl help stipend').\n";
    return out;
  }
  if (report.rows.empty()) {
    out += "No mentor has a pairing in a program with a stipend this school year.\n";
  }
  std::size_t payable = 0;
  std::size_t withheld = 0;
  std::string current;
  for (const StipendRow& row : report.rows) {
    if (row.program != current) {
      current = row.program;
      out += fmt::format("\n{}\n", row.program);
    }
    const std::string who = row.mentee.empty() ? row.mentor : row.mentor + " for " + row.mentee;
    out += fmt::format("  {:<32} {:>10} x {} = {:>10} {}  {}\n", who, format_cents(row.base_cents),
                       format_stipend_fraction(row.fraction), format_cents(row.amount_cents), row.currency,
                       row.withheld ? "WITHHELD" : "payable");
    if (row.withheld) {
      ++withheld;
      for (std::size_t i = 0; i < row.reasons.size(); ++i) {
        const std::string& reason = row.reasons[i];
        std::string words;
        for (const AuditedProgram& program : audit.programs) {
          if (program.id != row.program) {
            continue;
          }
          for (const AuditedRequirement& requirement : program.requirements) {
            if (requirement.id == reason) {
              words = requirement.text;
            }
          }
        }
        // A path (people/ID.yaml, whose file has errors) is no requirement id.
        const bool file = reason.find('/') != std::string::npos;
        // The handbook's words are free text: one line, no control characters.
        out += file ? fmt::format("      has errors: {}\n", visible_text(reason))
                    : fmt::format("      not met: {}{}\n", visible_text(reason),
                                  words.empty() ? "" : " (" + visible_text(words) + ")");
        if (i < row.reason_details.size()) {
          out += fmt::format("               {}\n", visible_text(row.reason_details[i]));
        }
      }
    } else {
      ++payable;
    }
  }
  out += "\nTotals\n";
  for (const StipendTotal& total : report.totals) {
    out +=
        fmt::format("  {:<32} {:>10} {}\n", total.program, format_cents(total.amount_cents), total.currency);
  }
  out += fmt::format(
      "{} payable, {} withheld (a withheld stipend is paid once 'mentorctl audit' shows its "
      "requirements met)\n",
      payable, withheld);
  return out;
}

}  // namespace mentorctl
