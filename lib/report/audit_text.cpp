// The text format of `audit` (SPEC 6.2): findings grouped by program and requirement,
// consecutive unmet periods said alike as one line, wrapped to a terminal's width, and
// the summary line.
#include "report/audit_report.hpp"

#include "util/utf8.hpp"

#include <fmt/color.h>
#include <fmt/format.h>

#include <map>

namespace mentorctl {
namespace {

std::string years_text(const AuditResult& result) {
  std::vector<std::string> labels;
  for (const auto year : result.school_years) {
    labels.push_back(format_school_year(year));
  }
  return labels.empty() ? std::string("no school year") : fmt::format("{}", fmt::join(labels, ", "));
}

std::string styled(const std::string& text, fmt::terminal_color color, bool on, bool bold = false) {
  if (!on) {
    return text;
  }
  fmt::text_style style = fmt::fg(color);
  if (bold) {
    style |= fmt::emphasis::bold;
  }
  return fmt::format(style, "{}", text);
}

std::string status_label(const Finding& f, bool color) {
  std::string label = fmt::format("{:<5}", status_name(f.status));
  switch (f.status) {
    case FindingStatus::met:
      return styled(label, fmt::terminal_color::green, color);
    case FindingStatus::due:
      return styled(label, fmt::terminal_color::cyan, color);
    case FindingStatus::unmet:
      return styled(label,
                    f.severity == Severity::error ? fmt::terminal_color::red : fmt::terminal_color::yellow,
                    color, true);
  }
  return label;
}

std::string summary_line(const AuditResult& result) {
  const AuditSummary s = result.summary();
  std::size_t unmet_errors = 0;
  for (const auto& f : result.findings) {
    unmet_errors += f.status == FindingStatus::unmet && f.severity == Severity::error ? 1 : 0;
  }
  std::string line =
      fmt::format("Audit of {} as of {}: {} unmet", years_text(result), format_date(result.as_of), s.unmet);
  if (s.unmet > 0) {
    const std::size_t warnings = s.unmet - unmet_errors;
    line += fmt::format(" ({} error{}, {} warning{})", unmet_errors, unmet_errors == 1 ? "" : "s", warnings,
                        warnings == 1 ? "" : "s");
  }
  line += fmt::format(", {} due, {} met", s.due, s.met);
  if (s.record_errors > 0) {
    line +=
        fmt::format("; {} record{} with errors skipped", s.record_errors, s.record_errors == 1 ? "" : "s");
  }
  return line + "\n";
}

// One line of terminal text: a value's line breaks and tabs become spaces, any other
// control character a visible escape.
std::string one_line(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r' || c == '\t') {
      c = ' ';
    }
  }
  return visible_text(text);
}

// A week or month finding's message with its period taken out ("0m of 1h in week {}"), and
// where the period stood; nothing when the message does not name its period once.
struct PeriodMessage {
  std::string_view unit;  // "week" or "month"
  std::size_t at = std::string::npos;
  std::size_t length = 0;
};

PeriodMessage period_in_message(const Finding& f) {
  if (!f.period) {
    return {};
  }
  for (const std::string_view unit : {std::string_view("week"), std::string_view("month")}) {
    const std::string needle = fmt::format(" in {} {}", unit, *f.period);
    const std::size_t at = f.message.find(needle);
    if (at != std::string::npos && f.message.find(needle, at + 1) == std::string::npos) {
      return {unit, at, needle.size()};
    }
  }
  return {};
}

// Whether `next` continues a run of unmet periods that `last` ends: the same pair and
// requirement, the next week or month, and the same words but for the period.
bool continues_run(const Finding& last, const Finding& next) {
  if (last.status != FindingStatus::unmet || next.status != FindingStatus::unmet ||
      last.program != next.program || last.requirement != next.requirement || last.mentor != next.mentor ||
      last.mentee != next.mentee || next.from != last.to + date::days{1}) {
    return false;
  }
  const PeriodMessage a = period_in_message(last);
  const PeriodMessage b = period_in_message(next);
  if (a.at == std::string::npos || b.at == std::string::npos || a.unit != b.unit) {
    return false;
  }
  return std::string_view(last.message).substr(0, a.at) == std::string_view(next.message).substr(0, b.at) &&
         std::string_view(last.message).substr(a.at + a.length) ==
             std::string_view(next.message).substr(b.at + b.length);
}

// The message of a run of periods first..last (two or more): "0m of 1h in each week from
// 2027-W06 to 2027-W08 (3 weeks)".
std::string run_message(const Finding& first, const Finding& last, std::size_t count) {
  const PeriodMessage at = period_in_message(first);
  return fmt::format("{} in each {} from {} to {} ({} {}s){}", first.message.substr(0, at.at), at.unit,
                     *first.period, *last.period, count, at.unit, first.message.substr(at.at + at.length));
}

// `first` then `rest`, wrapped at spaces to `width` columns with continuation lines indented
// by `indent`; one line as it is when `width` is 0 or it fits. `first_width` is the columns
// `first` takes (it may hold colour codes). A word never breaks.
std::string wrapped_line(const std::string& first, std::size_t first_width, const std::string& rest,
                         std::size_t indent, std::size_t width) {
  if (width == 0 || first_width + display_width(rest) <= width || width < indent + 20) {
    return first + rest + "\n";
  }
  std::string out = first;
  std::size_t used = first_width;
  bool line_empty = first.empty() || first.back() == ' ';  // no space needed before the next word
  std::size_t start = 0;
  while (start < rest.size()) {
    std::size_t end = rest.find(' ', start);
    end = end == std::string::npos ? rest.size() : end;
    const std::string_view word = std::string_view(rest).substr(start, end - start);
    start = end + 1;
    if (word.empty()) {
      continue;
    }
    const std::size_t w = display_width(word);
    if (used + (line_empty ? 0 : 1) + w > width && !(line_empty && used == indent)) {
      out.erase(out.find_last_not_of(' ') + 1);
      out += "\n" + std::string(indent, ' ');
      used = indent;
      line_empty = true;
    }
    if (!line_empty) {
      out += ' ';
      ++used;
    }
    out += word;
    used += w;
    line_empty = false;
  }
  return out + "\n";
}

}  // namespace

std::string audit_text(const AuditResult& result, const AuditReportOptions& options) {
  std::map<std::string, std::string> names;
  for (const auto& program : result.programs) {
    names.emplace(program.id, program.name);
  }
  std::string out;
  const std::string* program = nullptr;
  const std::string* requirement = nullptr;
  std::size_t shown = 0;
  const auto& findings = result.findings;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    if (!listed(f, options)) {
      continue;
    }
    if (program == nullptr || *program != f.program) {
      const std::string& name = names[f.program];
      const std::string program_id = one_line(f.program);
      out += shown == 0 ? "" : "\n";
      out += wrapped_line(styled(program_id, fmt::terminal_color::blue, options.color, true),
                          display_width(program_id), name.empty() ? "" : " — " + one_line(name), 2,
                          options.width);
      program = &f.program;
      requirement = nullptr;
    }
    if (requirement == nullptr || *requirement != f.requirement) {
      const std::string id = one_line(f.requirement);
      const std::string kind = fmt::format(" ({}{})", requirement_type_name(f.type),
                                           f.severity == Severity::warning ? ", warning" : "");
      const std::string& text = handbook_text(result, f);
      const std::string head = "  " + (options.color ? fmt::format(fmt::emphasis::bold, "{}", id) : id) +
                               kind + (text.empty() ? "" : ": ");
      out += wrapped_line(head, 2 + display_width(id) + display_width(kind) + (text.empty() ? 0 : 2),
                          one_line(text), 6, options.width);
      requirement = &f.requirement;
    }
    // Consecutive unmet weeks or months of one pair, said alike, are one line (json, csv,
    // junit and github keep one finding per period).
    std::size_t last = i;
    while (last + 1 < findings.size() && continues_run(findings[last], findings[last + 1])) {
      ++last;
    }
    const std::string message = last == i ? f.message : run_message(f, findings[last], last - i + 1);
    const std::string subject = one_line(subject_text(f, " -> "));
    out += wrapped_line(fmt::format("    {}  {}: ", status_label(f, options.color), subject),
                        4 + 5 + 2 + display_width(subject) + 2, one_line(message), 11, options.width);
    shown += last - i + 1;
    i = last;
  }
  for (const auto& path : result.programs_not_loaded) {
    out += wrapped_line("", 0,
                        fmt::format("{} has errors, so its requirements were not evaluated (listed above; "
                                    "'mentorctl check' shows them all).",
                                    visible_text(path)),
                        2, options.width);
  }
  if (shown == 0 && result.programs_not_loaded.empty()) {
    const AuditSummary counts = result.summary();
    const std::string who = options.subject.empty() ? "" : " for " + options.subject;
    if (!options.nothing_listed.empty()) {
      out += options.nothing_listed + '\n';
    } else if (counts.met + counts.due + counts.unmet > 0) {
      out += fmt::format("Nothing unmet or due{}{}.\n", who,
                         options.include_met ? "" : fmt::format(" ({} met; --all lists them)", counts.met));
    } else if (result.record_errors > 0) {
      out += fmt::format(
          "No requirement applies{} to the records that loaded; {} left out "
          "(listed above; 'mentorctl check' shows them all).\n",
          who,
          result.record_errors == 1 ? std::string("1 record with errors was")
                                    : fmt::format("{} records with errors were", result.record_errors));
    } else {
      out += fmt::format("No requirement applies{} to the audited records.\n", who);
    }
  }
  if (options.summary) {
    std::string summary = summary_line(result);
    summary.pop_back();  // its newline
    out += (shown == 0 ? "" : "\n") + wrapped_line("", 0, summary, 2, options.width);
  }
  return out;
}

}  // namespace mentorctl
