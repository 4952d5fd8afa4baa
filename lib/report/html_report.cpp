#include "report/html_report.hpp"

#include "report/audit_report.hpp"
#include "util/utf8.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <tuple>

namespace mentorctl {
namespace {

constexpr const char* style_sheet = R"(
:root { --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --met: #2f855a; --due: #b7791f; --unmet: #c53030; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       margin: 0 auto; max-width: 60rem; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.6rem; margin: 0 0 .2rem; }
h2 { font-size: 1.3rem; margin: 2.2rem 0 .4rem; padding-top: 1rem; border-top: 3px solid var(--ink); }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; }
p.meta, .note { color: var(--muted); margin: .2rem 0 .8rem; }
table { border-collapse: collapse; width: 100%; margin: .3rem 0 1rem; font-size: .92rem; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; background: #f5f7fa; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.met { color: var(--met); } .due { color: var(--due); } .unmet { color: var(--unmet); font-weight: 600; }
.scroll { overflow-x: auto; }
figure { margin: 0; }
svg { max-width: 100%; height: auto; display: block; margin: .3rem 0 1rem; }
svg text { font: 11px system-ui, sans-serif; fill: var(--ink); }
@media (max-width: 40rem) { body { font-size: 14px; padding: 1rem .6rem; } th, td { padding: .25rem .3rem; overflow-wrap: anywhere; } }
@media print { @page { size: A4; margin: 15mm; } body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { break-before: page; } h2:first-of-type { break-before: avoid; } tr, figure { break-inside: avoid; } }
)";

std::string who(const Finding& f) { return subject_text(f, " \u2192 "); }

std::string hours_text(std::int64_t minutes) {
  return human_quantity(FindingValue{minutes}, FindingUnit::minutes);
}

// Per requirement: how many subjects (pair, mentor or mentee) are met, due and unmet,
// each counted by its worst finding.
void summary_table(std::string& out, const AuditedProgram& program,
                   const std::vector<const Finding*>& findings) {
  out +=
      "<h3>Requirements</h3>\n<div class=\"scroll\"><table>\n<thead><tr><th>Requirement</th><th>Type</th>"
      "<th class=\"n\">Met</th><th class=\"n\">Due</th><th class=\"n\">Unmet</th></tr></thead>\n<tbody>\n";
  for (std::size_t i = 0; i < program.requirements.size(); ++i) {
    const AuditedRequirement& r = program.requirements[i];
    std::map<std::string, FindingStatus> worst;
    for (const Finding* f : findings) {
      if (f->requirement_index != i) {
        continue;
      }
      auto [it, inserted] = worst.emplace(who(*f), f->status);
      if (!inserted && static_cast<int>(f->status) > static_cast<int>(it->second)) {
        it->second = f->status;
      }
    }
    std::size_t counts[3] = {0, 0, 0};
    for (const auto& [subject, status] : worst) {
      ++counts[static_cast<int>(status)];
    }
    out += fmt::format(
        "<tr><td><strong>{}</strong><br><span class=\"note\">{}</span></td><td>{}</td><td class=\"n "
        "met\">{}</td>"
        "<td class=\"n due\">{}</td><td class=\"n unmet\">{}</td></tr>\n",
        html_escape(r.id), html_escape(r.text), requirement_type_name(r.type), counts[0], counts[1],
        counts[2]);
  }
  out += "</tbody></table></div>\n";
}

// Minutes logged per month against the monthly (else weekly, by the month it starts) targets.
void hours_chart(std::string& out, const Program* program, const std::vector<const Finding*>& findings) {
  struct Month {
    std::int64_t actual = 0;
    std::int64_t target = 0;
    bool open = false;  // a period of it has not closed by as-of (a due finding)
  };
  std::map<std::string, Month> months;  // YYYY-MM
  auto per = [&](const Finding* f) -> std::optional<PeriodKind> {
    if (program == nullptr || f->type != RequirementType::hours ||
        f->requirement_index >= program->requirements.size()) {
      return std::nullopt;
    }
    return program->requirements[f->requirement_index].per;
  };
  const bool monthly = std::any_of(findings.begin(), findings.end(),
                                   [&](const Finding* f) { return per(f) == PeriodKind::month; });
  for (const Finding* f : findings) {
    const bool is_month = per(f) == PeriodKind::month;
    const bool is_week = per(f) == PeriodKind::week;
    if ((monthly && !is_month) || (!monthly && !is_week)) {
      continue;
    }
    Month& m = months[format_date(f->from).substr(0, 7)];
    m.actual += finding_whole(f->actual);
    m.target += finding_whole(f->required);
    m.open = m.open || f->status == FindingStatus::due;
  }
  out += "<figure>\n<h3>Hours per month against target</h3>\n";
  if (months.empty()) {
    const bool has_target =
        program != nullptr &&
        std::any_of(program->requirements.begin(), program->requirements.end(), [](const auto& r) {
          return r.type == RequirementType::hours &&
                 (r.per == PeriodKind::week || r.per == PeriodKind::month);
        });
    out +=
        has_target
            ? "<p class=\"note\">No week or month of an hours requirement has begun by the as-of date.</p>\n"
            : "<p class=\"note\">This program sets no hours target per week or month.</p>\n";
    out += "</figure>\n";
    return;
  }
  std::int64_t top = 1;
  for (const auto& [month, m] : months) {
    top = std::max({top, m.actual, m.target});
  }
  // Four gridlines at whole hours.
  const std::int64_t step = (top + 4 * 60 - 1) / (4 * 60) * 60;
  top = step * 4;
  const int width = 640;
  const int height = 220;
  const int left = 52;
  const int bottom = 30;
  const int plot = height - bottom - 12;
  const double slot = static_cast<double>(width - left - 8) / static_cast<double>(months.size());
  out += fmt::format(
      "<svg viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"Hours logged per month against the target\">\n",
      width, height);
  for (int tick = 0; tick <= 4; ++tick) {
    const double y = 12 + plot - plot * tick / 4.0;
    out += fmt::format(
        "<line x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#d9e2ec\"/>"
        "<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n",
        left, width - 8, y, y, left - 6, y + 4, hours_text(step * tick));
  }
  std::size_t i = 0;
  for (const auto& [month, m] : months) {
    const double x = left + slot * static_cast<double>(i) + slot * 0.15;
    const double w = slot * 0.7;
    const double h = plot * static_cast<double>(m.actual) / static_cast<double>(top);
    const double target_y = 12 + plot - plot * static_cast<double>(m.target) / static_cast<double>(top);
    const char* color = m.actual >= m.target ? "#2f855a" : m.open ? "#b7791f" : "#c53030";
    out += fmt::format(
        "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\"><title>{}: {} of "
        "{}</title>"
        "</rect>\n<line x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#1f2933\" "
        "stroke-width=\"2\"/>\n"
        "<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
        x, 12 + plot - h, w, h, color, month, hours_text(m.actual), hours_text(m.target), x - slot * 0.1,
        x + w + slot * 0.1, target_y, target_y, x + w / 2, height - 10, month.substr(2));
    ++i;
  }
  out +=
      "</svg>\n<p class=\"note\">Bars: hours logged by all pairs (green when at or over target; amber under "
      "it while the month is still open; red under it once closed). Black line: the sum of the pairs' "
      "targets "
      "for the month, prorated as the audit prorates.</p>\n</figure>\n";
}

void unmet_table(std::string& out, const std::vector<const Finding*>& findings) {
  std::vector<const Finding*> unmet;
  std::copy_if(findings.begin(), findings.end(), std::back_inserter(unmet),
               [](const Finding* f) { return f->status == FindingStatus::unmet; });
  out += fmt::format("<h3>Unmet ({})</h3>\n", unmet.size());
  if (unmet.empty()) {
    out += "<p class=\"note\">Nothing is unmet.</p>\n";
    return;
  }
  out +=
      "<div class=\"scroll\"><table>\n<thead><tr><th>Requirement</th><th>Who</th><th>Period</th><th>What</th>"
      "</tr></thead>\n<tbody>\n";
  for (const Finding* f : unmet) {
    out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"unmet\">{}</td></tr>\n",
                       html_escape(f->requirement), html_escape(who(*f)), html_escape(f->period.value_or("")),
                       html_escape(f->message));
  }
  out += "</tbody></table></div>\n";
}

void stipend_section(std::string& out, const StipendReport& stipends, const std::string& program) {
  std::vector<const StipendRow*> rows;
  for (const StipendRow& r : stipends.rows) {
    if (r.program == program) {
      rows.push_back(&r);
    }
  }
  bool has_stipend = std::any_of(stipends.totals.begin(), stipends.totals.end(),
                                 [&](const StipendTotal& t) { return t.program == program; });
  if (!has_stipend) {
    return;
  }
  out += "<h3>Stipends</h3>\n";
  for (const StipendTotal& t : stipends.totals) {
    if (t.program == program) {
      const auto withheld =
          std::count_if(rows.begin(), rows.end(), [](const StipendRow* r) { return r->withheld; });
      out += fmt::format("<p><strong>{} {}</strong> payable to {} of {} ({} withheld).</p>\n",
                         format_cents(t.amount_cents), html_escape(t.currency), rows.size() - withheld,
                         rows.size(), withheld);
    }
  }
  std::string withheld_rows;
  for (const StipendRow* r : rows) {
    if (r->withheld) {
      withheld_rows +=
          fmt::format("<tr><td>{}</td><td class=\"n\">{}</td><td>{}</td></tr>\n",
                      html_escape(r->mentee.empty() ? r->mentor : r->mentor + " \u2192 " + r->mentee),
                      html_escape(format_cents(r->base_cents)),
                      html_escape(fmt::format("{}", fmt::join(r->reasons, ", "))));
    }
  }
  if (!withheld_rows.empty()) {
    out +=
        "<div class=\"scroll\"><table>\n<thead><tr><th>Withheld</th><th class=\"n\">Base</th>"
        "<th>Until met</th></tr></thead>\n<tbody>\n" +
        withheld_rows + "</tbody></table></div>\n";
  }
}

void training_section(std::string& out, const Repository& repository, SchoolYear year, Date as_of) {
  std::vector<const TrainingSession*> sessions;
  for (const TrainingSession& s : repository.records().sessions) {
    if (s.year == year && s.date <= as_of) {
      sessions.push_back(&s);
    }
  }
  if (sessions.empty()) {
    return;
  }
  std::sort(sessions.begin(), sessions.end(),
            [](const auto* a, const auto* b) { return std::tie(a->date, a->id) < std::tie(b->date, b->id); });
  out +=
      "<h3>Training sessions</h3>\n<div class=\"scroll\"><table>\n<thead><tr><th>Date</th><th>Session</th>"
      "<th>Kind</th><th class=\"n\">Attended</th></tr></thead>\n<tbody>\n";
  for (const TrainingSession* s : sessions) {
    out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td></tr>\n",
                       format_date(s->date), html_escape(s->title.empty() ? s->id : s->title),
                       html_escape(s->kind), s->attendees.size());
  }
  out += "</tbody></table></div>\n";
}

// Seed 002's planning figure: mentors against new teachers per site.
void site_section(std::string& out, const Repository& repository, const Program& program, Date as_of) {
  if (!program.matching ||
      std::none_of(program.matching->require.begin(), program.matching->require.end(),
                   [](const AttributeRef& attribute) { return attribute.field == AttributeField::site; })) {
    return;
  }
  std::map<std::string, std::pair<int, int>> sites;  // site -> (mentors, mentees)
  for (const Person& p : repository.records().people) {
    if (!p.takes_part_in(program.id) || (p.left && *p.left < as_of) || p.site.empty()) {
      continue;
    }
    if (p.has_role(program.mentor_role)) {
      ++sites[p.site].first;
    }
    if (p.has_role(program.mentee_role)) {
      ++sites[p.site].second;
    }
  }
  if (sites.empty()) {
    return;
  }
  out +=
      "<h3>Mentors and new teachers per site</h3>\n<div class=\"scroll\"><table>\n<thead><tr><th>Site</th>"
      "<th class=\"n\">Mentors</th><th class=\"n\">New teachers</th><th "
      "class=\"n\">Places</th></tr></thead>\n"
      "<tbody>\n";
  const int capacity = program.matching->capacity;
  for (const auto& [site, counts] : sites) {
    const int places = counts.first * capacity;
    out += fmt::format(
        "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n {}\">{}</td></tr>\n",
        html_escape(site), counts.first, counts.second, places < counts.second ? "unmet" : "met", places);
  }
  out += fmt::format(
      "</tbody></table></div>\n<p class=\"note\">Places: mentors \u00d7 matching capacity ({}); red "
      "where a site has more new teachers than places.</p>\n",
      capacity);
}

}  // namespace

std::string html_escape(std::string_view raw) {
  // HTML allows no control character but white space: the others (an ESC, a BEL, bytes
  // that are not UTF-8) are shown as escapes, as in every other output.
  const std::string text = visible_text(raw, "\t\n");
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string html_report(const Repository& repository, const AuditResult& audit,
                        const StipendReport& stipends) {
  const std::string organization = repository.settings().organization;
  const std::string year = format_school_year(stipends.school_year);
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>{} \u2014 mentoring {} as of {}</title>\n<style>{}</style>\n</head>\n<body>\n",
      html_escape(organization), year, format_date(audit.as_of), style_sheet);
  const AuditSummary summary = audit.summary();
  out += fmt::format(
      "<h1>{}</h1>\n<p class=\"meta\">Mentoring, school year {}, as of {}: <span class=\"met\">{} "
      "met</span>, <span class=\"due\">{} due</span>, <span class=\"unmet\">{} unmet</span>{}.</p>\n",
      html_escape(organization), year, format_date(audit.as_of), summary.met, summary.due, summary.unmet,
      summary.record_errors == 0
          ? ""
          : fmt::format("; {} records with errors were left out", summary.record_errors));
  for (const AuditedProgram& p : audit.programs) {
    const Program* program = repository.program(p.id);
    std::vector<const Finding*> findings;
    for (const Finding& f : audit.findings) {
      if (f.program == p.id) {
        findings.push_back(&f);
      }
    }
    out += fmt::format("<h2>{}</h2>\n<p class=\"meta\">{}</p>\n", html_escape(p.name), html_escape(p.id));
    summary_table(out, p, findings);
    hours_chart(out, program, findings);
    unmet_table(out, findings);
    stipend_section(out, stipends, p.id);
    if (program != nullptr) {
      site_section(out, repository, *program, audit.as_of);
    }
  }
  training_section(out, repository, stipends.school_year, audit.as_of);
  out +=
      "<p class=\"note\">Made by mentorctl from the records; every figure is a finding of "
      "<code>mentorctl audit</code> or a row of <code>mentorctl stipend</code> for the same date.</p>\n"
      "</body>\n</html>\n";
  return out;
}

}  // namespace mentorctl
