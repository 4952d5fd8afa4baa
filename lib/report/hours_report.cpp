#include "report/hours_report.hpp"

#include "util/utf8.hpp"

#include "report/audit_report.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <iterator>
#include <set>
#include <tuple>

namespace mentorctl {
namespace {

const char* by_name(PeriodKind by) { return by == PeriodKind::week ? "week" : "month"; }

}  // namespace

namespace {

// "DATE: notes" of the pair's non-confidential entries in [from, to] that count for `program`.
std::vector<std::string> notes_of(const Repository& repository, const std::string& program,
                                  const std::string& mentor, const std::string& mentee, Date from, Date to) {
  std::vector<std::string> out;
  for (const LogItem& item : repository.logs_of(mentor, mentee)) {
    const LogEntry& e = *item.entry;
    if (item.date < from || to < item.date || e.confidential || e.notes.empty() ||
        (e.program && e.program->id != program)) {
      continue;
    }
    out.push_back(fmt::format("{}: {}", format_date(item.date), e.notes));
  }
  return out;
}

}  // namespace

HoursReport hours_report(const Repository& repository, const AuditResult& audit, PeriodKind by,
                         const HoursFilter& filter, bool include_notes) {
  HoursReport report;
  report.by = by;
  report.as_of = audit.as_of;
  report.years = audit.school_years;
  report.include_notes = include_notes;
  std::set<std::tuple<std::string, std::string, std::string>> targeted;
  for (const Finding& f : audit.findings) {
    if (f.type != RequirementType::hours || !f.mentor || !f.mentee) {
      continue;
    }
    const Program* program = repository.program(f.program);
    if (program == nullptr || f.requirement_index >= program->requirements.size() ||
        program->requirements[f.requirement_index].per != by) {
      continue;
    }
    targeted.emplace(f.program, *f.mentor, *f.mentee);
    HoursRow row{
        &f, f.program, *f.mentor, *f.mentee, f.period.value_or(""), f.from, f.to, finding_whole(f.actual),
        {}};
    if (include_notes) {
      row.notes = notes_of(repository, f.program, *f.mentor, *f.mentee, f.from, f.to);
    }
    report.rows.push_back(std::move(row));
  }
  // Pairings whose program sets no target per `by`: the minutes alone, as the audit counts
  // them (entries of the pair on active days, of this program when they name one).
  std::vector<HoursRow> untargeted;
  for (const AuditedProgram& audited : audit.programs) {
    if (!filter.program.empty() && audited.id != filter.program) {
      continue;
    }
    for (const Pairing* p : repository.pairings_of(audited.id)) {
      if ((!filter.mentor.empty() && p->mentor.id != filter.mentor) ||
          (!filter.mentee.empty() && p->mentee.id != filter.mentee) ||
          targeted.count({audited.id, p->mentor.id, p->mentee.id}) > 0) {
        continue;
      }
      for (const SchoolYear year : audit.school_years) {
        const DateRange bounds = repository.calendars().bounds(year);
        const Date first = std::max(p->start, bounds.first);
        const Date last = std::min({repository.calendars().pairing_end(*p), bounds.last, audit.as_of});
        const auto items = repository.logs_of(p->mentor.id, p->mentee.id);
        auto next = items.begin();
        for (Date start = first; start <= last;) {
          const Date period_first = by == PeriodKind::week ? iso_week_monday(start) : month_first(start);
          const Date period_last = by == PeriodKind::week ? period_first + date::days{6} : month_last(start);
          const Date from = std::max(period_first, first);
          const Date to = std::min(period_last, last);
          HoursRow row{nullptr,
                       audited.id,
                       p->mentor.id,
                       p->mentee.id,
                       by == PeriodKind::week ? iso_week_label(start) : month_label(start),
                       from,
                       to,
                       0,
                       {}};
          // The pair's entries are by date and the periods ascend: one pass over them.
          while (next != items.end() && next->date < from) {
            ++next;
          }
          for (; next != items.end() && next->date <= to; ++next) {
            if (!next->entry->program || next->entry->program->id == audited.id) {
              row.minutes += next->minutes;
            }
          }
          if (include_notes) {
            row.notes = notes_of(repository, audited.id, p->mentor.id, p->mentee.id, from, to);
          }
          untargeted.push_back(std::move(row));
          start = period_last + date::days{1};
        }
      }
    }
  }
  std::stable_sort(untargeted.begin(), untargeted.end(), [](const HoursRow& a, const HoursRow& b) {
    return std::tie(a.program, a.mentor, a.mentee) < std::tie(b.program, b.mentor, b.mentee);
  });
  report.rows.insert(report.rows.end(), std::make_move_iterator(untargeted.begin()),
                     std::make_move_iterator(untargeted.end()));
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
    out += "No pairing is active in the audited records.\n";
    return out;
  }
  std::string group;
  std::string pair;
  std::size_t under = 0;
  for (const HoursRow& row : report.rows) {
    const Finding* f = row.finding;
    const std::string this_group =
        row.program + " " +
        (f != nullptr ? f->requirement : fmt::format("(no target per {})", by_name(report.by)));
    if (this_group != group) {
      group = this_group;
      pair.clear();
      out += fmt::format("\n{}\n", group);
    }
    const std::string this_pair = row.mentor + " -> " + row.mentee;
    if (this_pair != pair) {
      pair = this_pair;
      out += fmt::format("  {}\n", pair);
    }
    std::string text;
    if (f != nullptr) {
      const std::string mark = f->status == FindingStatus::unmet ? "  UNDER TARGET"
                               : f->status == FindingStatus::due ? "  (open)"
                                                                 : "";
      under += f->status == FindingStatus::unmet ? 1 : 0;
      text = fmt::format("    {:<8} {} {:>7} of {:<7}{}", row.period, finding_bar(*f, style),
                         human_quantity(f->actual, f->unit), human_quantity(f->required, f->unit), mark);
    } else {
      text = fmt::format("    {:<8} {:>7}", row.period,
                         human_quantity(FindingValue{row.minutes}, FindingUnit::minutes));
    }
    text.erase(text.find_last_not_of(' ') + 1);
    out += text + "\n";
    for (const std::string& note : row.notes) {
      out +=
          fmt::format("      note {}\n", visible_text(note));  // free text: one line, no control characters
    }
  }
  if (std::any_of(report.rows.begin(), report.rows.end(),
                  [](const HoursRow& r) { return r.finding != nullptr; })) {
    out +=
        fmt::format("\n{} period{} under target; the targets are the audit's (prorated where it prorates).\n",
                    under, under == 1 ? "" : "s");
  }
  return out;
}

std::string hours_csv(const HoursReport& report) {
  std::string out = "program,requirement,mentor,mentee,period,from,to,required_minutes,actual_minutes,status";
  out += report.include_notes ? ",notes\n" : "\n";
  for (const HoursRow& row : report.rows) {
    const Finding* f = row.finding;
    out += fmt::format("{},{},{},{},{},{},{},{},{},{}", csv_text_cell(row.program),
                       f != nullptr ? csv_text_cell(f->requirement) : "", csv_text_cell(row.mentor),
                       csv_text_cell(row.mentee), row.period, format_date(row.from), format_date(row.to),
                       f != nullptr ? std::to_string(finding_whole(f->required)) : "", row.minutes,
                       f != nullptr ? status_name(f->status) : "");
    if (report.include_notes) {
      out += "," + csv_text_cell(fmt::format("{}", fmt::join(row.notes, "; ")));
    }
    out += "\n";
  }
  return out;
}

std::string hours_json(const HoursReport& report) {
  using nlohmann::ordered_json;
  ordered_json rows = ordered_json::array();
  for (const HoursRow& row : report.rows) {
    const Finding* f = row.finding;
    ordered_json r{
        {"program", row.program},
        {"requirement", f != nullptr ? ordered_json(f->requirement) : ordered_json()},
        {"mentor", row.mentor},
        {"mentee", row.mentee},
        {"period", row.period},
        {"from", format_date(row.from)},
        {"to", format_date(row.to)},
        {"required_minutes", f != nullptr ? ordered_json(finding_whole(f->required)) : ordered_json()},
        {"actual_minutes", row.minutes},
        {"status", f != nullptr ? ordered_json(status_name(f->status)) : ordered_json()}};
    if (report.include_notes) {
      r["notes"] = row.notes;
    }
    rows.push_back(std::move(r));
  }
  ordered_json years = ordered_json::array();
  for (const SchoolYear y : report.years) {
    years.push_back(format_school_year(y));
  }
  const ordered_json document{{"by", by_name(report.by)},
                              {"as_of", format_date(report.as_of)},
                              {"school_years", years},
                              {"rows", rows}};
  return document.dump(2) + "\n";
}

}  // namespace mentorctl
