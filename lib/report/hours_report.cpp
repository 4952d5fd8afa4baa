#include "report/hours_report.hpp"

#include "report/audit_report.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace mentorctl {
namespace {

std::int64_t minutes_of(const FindingValue& value) {
  if (const auto* whole = std::get_if<std::int64_t>(&value)) {
    return *whole;
  }
  if (const auto* number = std::get_if<double>(&value)) {
    return static_cast<std::int64_t>(*number);
  }
  return 0;
}

const char* by_name(PeriodKind by) { return by == PeriodKind::week ? "week" : "month"; }

}  // namespace

HoursReport hours_report(const Repository& repository, const AuditResult& audit, PeriodKind by,
                         bool include_notes) {
  HoursReport report;
  report.by = by;
  report.as_of = audit.as_of;
  report.years = audit.school_years;
  report.include_notes = include_notes;
  for (const Finding& f : audit.findings) {
    if (f.type != RequirementType::hours || !f.mentor || !f.mentee) {
      continue;
    }
    const Program* program = repository.program(f.program);
    if (program == nullptr || f.requirement_index >= program->requirements.size() ||
        program->requirements[f.requirement_index].per != by) {
      continue;
    }
    HoursRow row;
    row.finding = &f;
    if (include_notes) {
      for (const LogItem& item : repository.logs_of(*f.mentor, *f.mentee)) {
        const LogEntry& e = *item.entry;
        if (item.date < f.from || f.to < item.date || e.confidential || e.notes.empty() ||
            (e.program && e.program->id != f.program)) {
          continue;
        }
        row.notes.push_back(fmt::format("{}: {}", format_date(item.date), e.notes));
      }
    }
    report.rows.push_back(std::move(row));
  }
  return report;
}

std::string hours_text(const HoursReport& report, StatusStyle style) {
  std::vector<std::string> years;
  for (const SchoolYear y : report.years) {
    years.push_back(format_school_year(y));
  }
  std::string out = fmt::format("Hours per {} in {} as of {}\n", by_name(report.by), fmt::join(years, ", "),
                                format_date(report.as_of));
  if (report.rows.empty()) {
    out += fmt::format(
        "No pairing has an 'hours' requirement with 'per: {}' in the audited records; try --by {}.\n",
        by_name(report.by), report.by == PeriodKind::week ? "month" : "week");
    return out;
  }
  std::string group;
  std::string pair;
  std::size_t under = 0;
  for (const HoursRow& row : report.rows) {
    const Finding& f = *row.finding;
    const std::string this_group = f.program + "/" + f.requirement;
    if (this_group != group) {
      group = this_group;
      pair.clear();
      out += fmt::format("\n{} {}\n", f.program, f.requirement);
    }
    const std::string this_pair = *f.mentor + " -> " + *f.mentee;
    if (this_pair != pair) {
      pair = this_pair;
      out += fmt::format("  {}\n", pair);
    }
    const std::string mark = f.status == FindingStatus::unmet ? "  UNDER TARGET"
                             : f.status == FindingStatus::due ? "  (open)"
                                                              : "";
    under += f.status == FindingStatus::unmet ? 1 : 0;
    std::string text =
        fmt::format("    {:<8} {} {:>7} of {:<7}{}", f.period.value_or(""), finding_bar(f, style),
                    human_quantity(f.actual, f.unit), human_quantity(f.required, f.unit), mark);
    text.erase(text.find_last_not_of(' ') + 1);
    out += text + "\n";
    for (const std::string& note : row.notes) {
      out += fmt::format("      note {}\n", note);
    }
  }
  out +=
      fmt::format("\n{} period{} under target; the targets are the audit's (prorated where it prorates).\n",
                  under, under == 1 ? "" : "s");
  return out;
}

std::string hours_csv(const HoursReport& report) {
  std::string out = "program,requirement,mentor,mentee,period,from,to,required_minutes,actual_minutes,status";
  out += report.include_notes ? ",notes\n" : "\n";
  for (const HoursRow& row : report.rows) {
    const Finding& f = *row.finding;
    out += fmt::format("{},{},{},{},{},{},{},{},{},{}", csv_text_cell(f.program),
                       csv_text_cell(f.requirement), csv_text_cell(*f.mentor), csv_text_cell(*f.mentee),
                       f.period.value_or(""), format_date(f.from), format_date(f.to), minutes_of(f.required),
                       minutes_of(f.actual), status_name(f.status));
    if (report.include_notes) {
      out += "," + csv_text_cell(fmt::format("{}", fmt::join(row.notes, "\n")));
    }
    out += "\n";
  }
  return out;
}

std::string hours_json(const HoursReport& report) {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const HoursRow& row : report.rows) {
    const Finding& f = *row.finding;
    nlohmann::ordered_json r{{"program", f.program},
                             {"requirement", f.requirement},
                             {"mentor", *f.mentor},
                             {"mentee", *f.mentee},
                             {"period", f.period.value_or("")},
                             {"from", format_date(f.from)},
                             {"to", format_date(f.to)},
                             {"required_minutes", minutes_of(f.required)},
                             {"actual_minutes", minutes_of(f.actual)},
                             {"status", status_name(f.status)}};
    if (report.include_notes) {
      r["notes"] = row.notes;
    }
    rows.push_back(std::move(r));
  }
  nlohmann::ordered_json years = nlohmann::ordered_json::array();
  for (const SchoolYear y : report.years) {
    years.push_back(format_school_year(y));
  }
  const nlohmann::ordered_json document{{"by", by_name(report.by)},
                                        {"as_of", format_date(report.as_of)},
                                        {"school_years", years},
                                        {"rows", rows}};
  return document.dump(2) + "\n";
}

}  // namespace mentorctl
